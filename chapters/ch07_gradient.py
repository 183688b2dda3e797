# %% [markdown]
# # Chapitre 7 — Gradient
#
# Le gradient rassemble les dérivées partielles d'une fonction de plusieurs
# variables ; il est orthogonal aux lignes de niveau et indique la direction de plus
# forte pente. On le calcule de quatre façons (formule, différences finies, graphe de
# calcul, `tf.GradientTape`), puis : le plan tangent et le calcul approché, les points
# critiques et les champs de −gradient, la différentiation automatique à plusieurs
# variables (on somme sur les chemins du graphe) et enfin le gradient d'un réseau par
# la « formule du sourire », vérifiée par GradientTape. Le livre n'a pas de code dans
# ce chapitre : tout est construit à partir de ses exemples.
#
# Durée : quelques secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import math

from keras_facile import *
from keras_facile import differentiation as gd
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Deux façons de calculer un gradient numériquement, pour toutes les sections.
def gradient_tf(fonction, *point):
    """Le gradient de ``fonction`` au point donné, par différentiation automatique (tf.GradientTape)."""
    variables = [tf.Variable(float(v), dtype=tf.float64) for v in point]
    with tf.GradientTape() as bande:
        y = fonction(*variables)
    return [float(g) for g in bande.gradient(y, variables)]


def gradient_differences_finies(fonction, *point, h=1e-6):
    """Le gradient par différences finies centrées : (f(x + h) − f(x − h)) / 2h dans chaque direction."""
    point = [float(v) for v in point]
    resultat = []
    for i in range(len(point)):
        plus, moins = list(point), list(point)
        plus[i] += h
        moins[i] -= h
        resultat.append((fonction(*plus) - fonction(*moins)) / (2 * h))
    return resultat


# %% [markdown]
# ## §1–2.1 — Dérivées partielles et gradient
#
# ∂f/∂x est la dérivée par rapport à x quand les autres variables sont figées ; le
# gradient est le vecteur des dérivées partielles. Pour f(x, y) = x²y³,
# grad f = (2xy³, 3x²y²), donc grad f(2, 1) = (4, 12). On retrouve ce vecteur par la
# formule, par différences finies, par le graphe de calcul du chapitre 1 et par
# `tf.GradientTape` ; puis on vérifie les dérivées partielles des autres exemples du livre.

# %%
lecon.section("gradient", duree="1 s")


def formule(x, y):
    return [2 * x * y ** 3, 3 * x ** 2 * y ** 2]


x, y = gd.entree(2, "x"), gd.entree(1, "y")
d = gd.derivees(x ** 2 * y ** 3)
facons = {
    "formule": formule(2, 1),
    "différences finies": gradient_differences_finies(lambda a, b: a ** 2 * b ** 3, 2, 1),
    "graphe de calcul": [d[x], d[y]],
    "tf.GradientTape": gradient_tf(lambda a, b: a ** 2 * b ** 3, 2, 1),
}
for nom, g in facons.items():
    print(f"grad f(2, 1) par {nom:<20} : ({g[0]:.8f}, {g[1]:.8f})")
lecon.comparer("grad f(2, 1), GradientTape", facons["tf.GradientTape"], livre=(4, 12))
lecon.comparer("grad f(2, 1), différences finies", facons["différences finies"], livre=(4, 12), tol=1e-6)

# %%
# Les dérivées partielles des autres exemples en un point : formule du livre contre GradientTape
exemples = {
    "x² e^(3y)": ((lambda a, b: a ** 2 * tf.exp(3 * b)),
                  lambda a, b: [2 * a * math.exp(3 * b), 3 * a ** 2 * math.exp(3 * b)]),
    "x² sin(yz)": ((lambda a, b, c: a ** 2 * tf.sin(b * c)),
                   lambda a, b, c: [2 * a * math.sin(b * c), a ** 2 * c * math.cos(b * c), a ** 2 * b * math.cos(b * c)]),
    "cos(x + y²) e^(−z)": ((lambda a, b, c: tf.cos(a + b ** 2) * tf.exp(-c)),
                            lambda a, b, c: [-math.sin(a + b ** 2) * math.exp(-c),
                                             -2 * b * math.sin(a + b ** 2) * math.exp(-c),
                                             -math.cos(a + b ** 2) * math.exp(-c)]),
}
ecart = 0.0
for nom, (f_tf, f_formule) in exemples.items():
    point = (0.5, -0.3, 1.2)[:f_formule.__code__.co_argcount]
    ecart = max(ecart, max(abs(a - b) for a, b in zip(gradient_tf(f_tf, *point), f_formule(*point))))
print("écart maximal formule / GradientTape sur les autres exemples :", ecart)

# %% [markdown]
# ## §2.6 — Calcul approché et plan tangent
#
# Près de (x₀, y₀), f(x₀ + h, y₀ + k) ≃ f(x₀, y₀) + h ∂f/∂x(x₀, y₀) + k ∂f/∂y(x₀, y₀) :
# on remplace le graphe par son plan tangent. Pour f(x, y) = x²y en (1.002, 0.997) :
# h = 0.002, k = −0.003, ∂f/∂x = 2 et ∂f/∂y = 1 en (1, 1), donc f ≃ 1 + 2h + k ≃ 1.001 ;
# la calculatrice donne 1.000992.

# %%
lecon.section("plan-tangent", duree="1 s")
h, k = 2e-3, -3e-3
approche = 1 + 2 * h + k
exacte = (1 + h) ** 2 * (1 + k)
print(f"f(1.002, 0.997) ≃ {approche:.6f} ; valeur exacte {exacte:.9f}")
lecon.comparer("f(1.002, 0.997) par le plan tangent", approche, livre="1.001")
lecon.comparer("f(1.002, 0.997) exacte", exacte, livre="1.000992")

# %%
X, Y = np.meshgrid(np.linspace(0, 2, 30), np.linspace(0, 2, 30))
fig = plt.figure()
ax = fig.add_subplot(projection="3d")
ax.plot_surface(X, Y, X ** 2 * Y, alpha=0.6, cmap="viridis")
ax.plot_surface(X, Y, 1 + 2 * (X - 1) + (Y - 1), alpha=0.5, color="orange")
ax.scatter([1], [1], [1], color="red")
ax.set_title("z = x²y et son plan tangent en (1, 1)")
lecon.figure(fig, "ch07-plan-tangent")

# %% [markdown]
# ## §2.7 — Minimum et maximum
#
# En un minimum ou un maximum local, le gradient est nul (Prop. 5) : on cherche les
# points critiques. Pour f(x, y) = x² − y³ + xy, ∂f/∂x = 2x + y et ∂f/∂y = −3y² + x
# s'annulent en (0, 0), ni minimum ni maximum (f(0, y) = −y³), et en (1/12, −1/6), un
# minimum local. Les champs de −grad f pointent vers un minimum, s'éloignent d'un
# maximum, et raccourcissent près du point critique.

# %%
lecon.section("points-critiques", duree="2 s")


def f(x, y):
    return x ** 2 - y ** 3 + x * y


# grad f = 0 : 2x + y = 0 donne y = −2x, puis −3y² + x = 0 devient −12x² + x = 0
racines = np.sort(np.roots([-12, 1, 0]).real)
critiques = [(float(x), float(-2 * x)) for x in racines]
gradients_critiques = [gradient_tf(f, *p) for p in critiques]
for p, g in zip(critiques, gradients_critiques):
    print(f"grad f{tuple(round(v, 4) for v in p)} = {g}, f = {f(*p):.7f}")
lecon.comparer("point critique (0, 0)", critiques[0], livre=(0, 0), tol=1e-12)
lecon.comparer("point critique (1/12, −1/6)", critiques[1], livre=(1 / 12, -1 / 6), tol=1e-12)
lecon.comparer("f(1/12, −1/6)", f(*critiques[1]), note="minimum local")

# %%
X, Y = np.meshgrid(np.linspace(-0.2, 0.2, 200), np.linspace(-0.3, 0.1, 200))
fig, ax = plt.subplots()
ax.contour(X, Y, f(X, Y), np.linspace(-0.1, 0.1, 101), linewidths=0.5)
ax.scatter(*zip(*critiques), color="red")
ax.set_aspect("equal")
lecon.figure(fig, "ch07-points-critiques")

# %%
# Les champs de −grad f, calculés par GradientTape sur une grille 10 × 10
exemples = {"minimum": lambda x, y: x ** 2 + y ** 2, "maximum": lambda x, y: -x ** 2 - y ** 2,
            "selle": lambda x, y: x ** 2 - y ** 2}
X, Y = np.meshgrid(np.linspace(-2, 2, 100), np.linspace(-2, 2, 100))
VX, VY = np.meshgrid(np.linspace(-2, 2, 10), np.linspace(-2, 2, 10))
champs = {}
for nom, g in exemples.items():
    points = tf.constant(np.c_[VX.ravel(), VY.ravel()])
    with tf.GradientTape() as bande:
        bande.watch(points)
        z = g(points[:, 0], points[:, 1])
    champs[nom] = -bande.gradient(z, points).numpy()          # −grad f en chaque point de la grille
    fig, ax = plt.subplots()
    ax.contour(X, Y, g(X, Y), 15, colors="gray", linewidths=0.5)
    ax.quiver(VX, VY, champs[nom][:, 0].reshape(VX.shape), champs[nom][:, 1].reshape(VX.shape), color="red")
    ax.set_aspect("equal")
    ax.set_title(f"−grad f : {nom}")
    lecon.figure(fig, f"ch07-champ-{nom}")

# %% [markdown]
# ## §3 — Différentiation automatique à plusieurs variables
#
# Sur un graphe de calcul, chaque arête porte une dérivée locale ; ∂F/∂x est la
# somme, sur les chemins qui vont de x à la sortie, des produits des dérivées locales.
# L'exemple du livre : F(x, y) = ln(x²y + sin y) en (3, 2), où
# ∂F/∂x = 12/(18 + sin 2) et ∂F/∂y = (9 + cos 2)/(18 + sin 2). Puis trois fonctions
# d'une variable où un nœud a plusieurs arêtes sortantes (2 ou 3 chemins).

# %%
lecon.section("differentiation-automatique", duree="1 s")
x, y = gd.entree(3, "x"), gd.entree(2, "y")
F = gd.ln(x ** 2 * y + gd.sin(y))
d = gd.derivees(F)
print(f"F(3, 2) = {F.valeur:.10f} ; ∂F/∂x = 12/(18 + sin 2) = {d[x]:.10f} ; ∂F/∂y = (9 + cos 2)/(18 + sin 2) "
      f"= {d[y]:.10f}")
lecon.comparer("F(3, 2) = ln(18 + sin 2)", F.valeur, livre=math.log(18 + math.sin(2)), tol=1e-12)
lecon.comparer("∂F/∂x(3, 2) = 12/(18 + sin 2)", d[x], livre=12 / (18 + math.sin(2)), tol=1e-12)
lecon.comparer("∂F/∂y(3, 2) = (9 + cos 2)/(18 + sin 2)", d[y], livre=(9 + math.cos(2)) / (18 + math.sin(2)),
               tol=1e-12)

# %%
exemples = {
    "√(e^t sin t) en 1": (lambda t: gd.racine(gd.exp(t) * gd.sin(t)), 1.0,
                         lambda t: tf.sqrt(tf.exp(t) * tf.sin(t))),
    "t + (ln t)² + 1/sin t en 2": (lambda t: t + gd.ln(t) ** 2 + 1 / gd.sin(t), 2.0,
                                   lambda t: t + tf.math.log(t) ** 2 + 1 / tf.sin(t)),
    "t² ln t ln(ln t) en 3": (None, 3.0, lambda t: t ** 2 * tf.math.log(t) * tf.math.log(tf.math.log(t))),
}
derivees_t = {}
for nom, (construire, t0, f_tf) in exemples.items():
    t = gd.entree(t0, "t")
    if construire is None:          # y = ln t calculé une fois, utilisé deux fois : trois chemins
        yy = gd.ln(t)
        G = (t ** 2 * yy) * gd.ln(yy)
    else:
        G = construire(t)
    derivee = gd.derivees(G)[t]
    chemins = len(gd.chemins(G, t))
    verif = gradient_tf(f_tf, t0)[0]
    derivees_t[nom] = (derivee, chemins, verif)
    print(f"F(t) = {nom} : F' = {derivee:.10f} ({chemins} chemins) ; GradientTape {verif:.10f}")
# les formules du livre pour les deux premières
e = math.e
lecon.comparer("F'(1) = e(sin 1 + cos 1)/(2√(e sin 1))", derivees_t["√(e^t sin t) en 1"][0],
               livre=e * (math.sin(1) + math.cos(1)) / (2 * math.sqrt(e * math.sin(1))), tol=1e-12)
lecon.comparer("F'(2) = 1 + 2 ln 2/2 − cos 2/sin² 2", derivees_t["t + (ln t)² + 1/sin t en 2"][0],
               livre=1 + math.log(2) - math.cos(2) / math.sin(2) ** 2, tol=1e-12)

# %% [markdown]
# ## §4 — Gradient d'un réseau : la « formule du sourire »
#
# Pour entraîner un réseau il faut la dérivée de sa sortie F par rapport à chaque
# poids. La « formule du sourire » ∂F/∂a = f⋆ · (g′⋆/g⋆) · b · ∂F/∂b la calcule de
# proche en proche en partant de la sortie, où le « demi-sourire » ∂F/∂a = f⋆ · g′⋆
# donne le départ. Exemple 1 du livre : F = ln(c(ax + b)²) en (x, a, b, c) = (2, 3, 4, 5),
# donc F = ln 500 et ∂F/∂x, ∂F/∂a, ∂F/∂b, ∂F/∂c = 3/5, 2/5, 1/5, 1/5. Exemple 2 :
# F = exp(c cos(ax) + d sin(bx)), où x a deux arêtes sortantes (on somme). Chaque
# dérivée est vérifiée par GradientTape, puis l'erreur E = (F − y₀)² par `get_weights_grad`.

# %%
lecon.section("reseau", duree="1 s")
# Exemple 1 : x →(a, b)→ u ↦ u² →(c)→ v ↦ ln v ; F = ln(c (ax + b)²) en (2, 3, 4, 5)
xv, a, b, c = 2.0, 3.0, 4.0, 5.0
g_etoile, g_prime = (a * xv + b) ** 2, 2 * (a * xv + b)     # sortie et dérivée locale du neurone caché
h_etoile, h_prime = math.log(c * g_etoile), 1 / (c * g_etoile)
dF_dc = g_etoile * h_prime                               # demi-sourire
dF_da = xv * (g_prime / g_etoile) * c * dF_dc            # sourire
dF_db = 1 * (g_prime / g_etoile) * c * dF_dc             # biais : entrée virtuelle 1
dF_dx = (a / xv) * dF_da                                 # par rapport à l'entrée
sourire = {"x": dF_dx, "a": dF_da, "b": dF_db, "c": dF_dc}
tape = dict(zip("xabc", gradient_tf(lambda x_, a_, b_, c_: tf.math.log(c_ * (a_ * x_ + b_) ** 2), xv, a, b, c)))
print(f"F(2, 3, 4, 5) = ln 500 = {h_etoile:.6f}")
for nom in "xabc":
    print(f"  ∂F/∂{nom} : sourire {sourire[nom]:.6f}, GradientTape {tape[nom]:.6f}")
lecon.comparer("F(2, 3, 4, 5)", h_etoile, livre="6.2146", note="ln 500")
lecon.comparer("∂F/∂x, ∂F/∂a, ∂F/∂b, ∂F/∂c (sourire)", list(sourire.values()), livre=[3 / 5, 2 / 5, 1 / 5, 1 / 5],
               tol=1e-12)
lecon.comparer("les mêmes par GradientTape", list(tape.values()), livre=[3 / 5, 2 / 5, 1 / 5, 1 / 5], tol=1e-12)

# %%
# Exemple 2 : F = exp(c cos(ax) + d sin(bx)) en (x, a, b, c, d) = (1, 2, 3, 4, 5)
x2, a2, b2, c2, d2 = 1.0, 2.0, 3.0, 4.0, 5.0
u, v = a2 * x2, b2 * x2
w = c2 * math.cos(u) + d2 * math.sin(v)
ew = math.exp(w)
d_c, d_d = math.cos(u) * ew, math.sin(v) * ew
d_a = x2 * (-math.sin(u) / math.cos(u)) * c2 * d_c
d_b = x2 * (math.cos(v) / math.sin(v)) * d2 * d_d
d_x = a2 / x2 * d_a + b2 / x2 * d_b                     # deux arêtes sortantes : on somme
sourire2 = {"x": d_x, "a": d_a, "b": d_b, "c": d_c, "d": d_d}
tape2 = dict(zip("xabcd", gradient_tf(
    lambda x_, a_, b_, c_, d_: tf.exp(c_ * tf.cos(a_ * x_) + d_ * tf.sin(b_ * x_)), x2, a2, b2, c2, d2)))
print(f"Exemple 2 : F = {ew:.10f}")
for nom in "xabcd":
    print(f"  ∂F/∂{nom} : sourire {sourire2[nom]:.10f}, GradientTape {tape2[nom]:.10f}")

# %%
# Le même calcul avec un réseau Keras à poids fixés : gradient de l'erreur (F − y0)² par rapport aux poids
modele = Sequential([Input(shape=(1,)), Dense(1, activation=lambda t: t ** 2), Dense(1, activation=keras.ops.log)])
modele.set_weights([np.array([[a]]), np.array([b]), np.array([[c]]), np.array([0.0])])
y0 = 5.0
gradient = get_weights_grad(modele, np.array([[xv]]), np.array([[y0]]), perte="mse")
erreur_keras = [float(gradient[i].ravel()[0]) for i in range(3)]
erreur_main = [2 * dF_da * (h_etoile - y0), 2 * dF_db * (h_etoile - y0), 2 * dF_dc * (h_etoile - y0)]
print("∂E/∂a_j = 2 ∂F/∂a_j (F − y0), par get_weights_grad :", erreur_keras, "— à la main :", erreur_main)
