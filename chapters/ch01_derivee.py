# %% [markdown]
# # Chapitre 1 — Dérivée
#
# La dérivée permet d'étudier les variations d'une fonction et de trouver ses
# extremums ; la dérivée d'une composition sera la formule fondamentale de tout le
# cours. Le chapitre la présente comme une limite, s'en sert pour des valeurs
# approchées et la tangente, vérifie les formules usuelles avec `tf.GradientTape`,
# puis calcule des dérivées sur un graphe de calcul (la dérivation automatique, cœur
# de la rétropropagation). Viennent ensuite les fonctions d'activation, minimum et
# maximum, la dérivée seconde et la méthode de Newton (∛100 avec 1000 décimales,
# minimum de x² − sin x + 1).
#
# Le livre n'a pas de listing Python dans ce chapitre : le code ci-dessous refait
# ses calculs et ses figures.
#
# Durée : quelques secondes (aucun entraînement).

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import math
from decimal import Decimal, getcontext

from keras_facile import *
from keras_facile import differentiation as gd
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Un outil pour plusieurs sections : la dérivée F'(x0) calculée par TensorFlow
# (tf.GradientTape, en float64), pour vérifier les calculs faits à la main.
def derivee_tf(fonction, x0):
    x = tf.Variable(float(x0), dtype=tf.float64)
    with tf.GradientTape() as bande:
        y = fonction(x)
    return float(bande.gradient(y, x))


# %% [markdown]
# ## §1.1 — La dérivée comme limite
#
# La dérivée de f en x0 est la limite du taux d'accroissement (f(x0 + h) − f(x0))/h
# quand h tend vers 0. Pour f(x) = x² en 1 le taux vaut 2 + h et tend vers 2 ; pour
# l'exponentielle en 0, (eʰ − 1)/h tend vers 1, donc exp'(0) = 1. Regardez les deux
# colonnes se rapprocher de 2 et de 1 quand h diminue.

# %%
lecon.section("definition", duree="1 s")
taux = []
for h in [1e-1, 1e-2, 1e-3, 1e-4, 1e-6]:
    taux_carre = ((1 + h) ** 2 - 1) / h
    taux_exp = (math.exp(h) - 1) / h
    taux.append((h, taux_carre, taux_exp))
    print(f"h = {h:<8g} ((1+h)² − 1)/h = {taux_carre:.8f}   (e^h − 1)/h = {taux_exp:.8f}")
lecon.comparer("f'(1) pour f(x) = x² (h = 1e-6)", taux_carre, livre=2, tol=1e-5)
lecon.comparer("exp'(0) (h = 1e-6)", taux_exp, livre=1, tol=1e-5)

# %% [markdown]
# ## §1.2–1.3 — Valeurs approchées et tangente
#
# Près de x0, f(x0 + h) ≃ f(x0) + h f'(x0). Ainsi sin(0.01) ≃ 0.01 et
# √1.1 ≃ 1 + 0.1/2 = 1.05, que le livre compare à la calculatrice (0.00999983… et
# 1.0488…). C'est lire la valeur sur la tangente y = (x − x0) f'(x0) + f(x0) ; pour
# √x en 1, y = x/2 + 1/2. Sur la figure, les sécantes (en gris) tendent vers cette
# tangente.

# %%
lecon.section("approximations", duree="1 s")
valeurs = {
    "sin(0.01)": (0 + 0.01 * math.cos(0), math.sin(0.01)),   # f(0) + h f'(0)
    "√1.1": (1 + 0.1 / 2, math.sqrt(1.1)),                   # f(1) + h f'(1) avec f'(1) = 1/2
}
for nom, (approche, exacte) in valeurs.items():
    print(f"{nom} ≃ {approche} ; valeur exacte {exacte:.10f}")
lecon.comparer("sin(0.01) ≃ sin(0) + 0.01 cos(0)", valeurs["sin(0.01)"][0], livre="0.01")
lecon.comparer("sin(0.01) à la calculatrice", valeurs["sin(0.01)"][1], livre="0.00999983")
lecon.comparer("√1.1 ≃ 1 + 0.1/2", valeurs["√1.1"][0], livre="1.05")
lecon.comparer("√1.1 à la calculatrice", valeurs["√1.1"][1], livre="1.0488")

# %%
x = np.linspace(0, 4, 200)
fig_tangente, ax = plt.subplots()
ax.plot(x, np.sqrt(x), label="f(x) = √x")
ax.plot(x, x / 2 + 1 / 2, label="tangente en 1 : y = x/2 + 1/2")
for x1 in (3, 2, 1.5):   # sécantes qui tendent vers la tangente
    pente = (math.sqrt(x1) - 1) / (x1 - 1)
    ax.plot(x, 1 + pente * (x - 1), "--", linewidth=0.8, color="gray")
ax.scatter([1], [1], color="k", zorder=3)
ax.set_ylim(0, 2.5)
ax.legend()
lecon.figure(fig_tangente, "ch01-tangente-racine")

# %% [markdown]
# ## §1.4–1.5 — Formules usuelles et dérivée d'une composition
#
# Les formules du livre (somme, produit, quotient) et la dérivée d'une composée,
# (g∘f)'(x) = g'(f(x))·f'(x), « la formule fondamentale de tout le cours ». Pour
# chaque exemple du livre, la formule obtenue à la main est comparée en x = 0.7 à la
# dérivée calculée par TensorFlow : les deux colonnes doivent être identiques.

# %%
lecon.section("formules", duree="1 s")
x0 = 0.7
exemples = {
    "x² + cos x": (lambda x: x ** 2 + tf.cos(x), lambda x: 2 * x - math.sin(x)),
    "x³ sin x": (lambda x: x ** 3 * tf.sin(x), lambda x: 3 * x ** 2 * math.sin(x) + x ** 3 * math.cos(x)),
    "ln(x)/eˣ": (lambda x: tf.math.log(x) / tf.exp(x),
                 lambda x: ((1 / x) * math.exp(x) - math.log(x) * math.exp(x)) / math.exp(2 * x)),
    "sin(3x)": (lambda x: tf.sin(3 * x), lambda x: 3 * math.cos(3 * x)),
    "ln(cos x)": (lambda x: tf.math.log(tf.cos(x)), lambda x: -math.sin(x) / math.cos(x)),
    "√(tan x)": (lambda x: tf.sqrt(tf.tan(x)), lambda x: 0.5 * (1 + math.tan(x) ** 2) / math.sqrt(math.tan(x))),
}
ecarts = {}
for nom, (fonction, formule) in exemples.items():
    auto, main = derivee_tf(fonction, x0), formule(x0)
    ecarts[nom] = abs(auto - main)
    print(f"({nom})' en {x0} : formule {main:.10f}, GradientTape {auto:.10f}")
lecon.comparer("écart max formule / GradientTape", max(ecarts.values()))

# %% [markdown]
# ## §2.1–2.3 — Dérivation automatique sur un graphe de calcul
#
# Un graphe de calcul est une chasse au trésor : 2 → au carré → 4 → ajouter 1 → 5.
# Chaque flèche porte sa dérivée locale ; la dérivée globale est le produit des
# dérivées locales le long du chemin, pris de droite à gauche : F'(3) = −12 sin 18
# pour F(x) = cos(2x²). Quand une entrée sert deux fois (F(x) = exp(x) ln(x)), on
# somme sur tous les chemins. Le module `keras_facile.differentiation` fait ces
# calculs ; TensorFlow les confirme à la fin.

# %%
lecon.section("graphe-de-calcul", duree="1 s")
# chasse au trésor : 2 → x² → 4 → +1 → 5
x = gd.entree(2, "x0")
lecon.comparer("chasse au trésor depuis 2", (gd.carre(x) + 1).valeur, livre=5)
lecon.comparer("6 ⊕ 7", (gd.entree(6) + 7).valeur, livre=13)
lecon.comparer("6 ⊗ 7", (gd.entree(6) * 7).valeur, livre=42)
# exercice : (2 ⊗ 8) ⊕ 3² puis √ : F = √(x0 y0 + z0²)
x0, y0, z0 = gd.entree(2, "x0"), gd.entree(8, "y0"), gd.entree(3, "z0")
F = gd.racine(x0 * y0 + gd.carre(z0))
d = gd.derivees(F)
exercice_gradient = (d[x0], d[y0], d[z0])
print(f"√(2 ⊗ 8 ⊕ 3²) = {F.valeur:g} ; dérivées partielles {exercice_gradient}")
lecon.comparer("exercice √(2 ⊗ 8 ⊕ 3²)", F.valeur, livre=5)


# %%
# une chaîne F(x) = cos(2x²) : {{F'(3)}} = −12 sin 18 et F'(4) = −16 sin 32
par_le_graphe = {}
for x_val in (3, 4):
    x = gd.entree(x_val, "x")
    F = gd.cos(2 * x ** 2)
    locales, produit = gd.chemins(F, x)[0]
    par_le_graphe[f"cos(2x²)'({x_val})"] = gd.derivees(F)[x]
    print(f"F(x) = cos(2x²), F'({x_val}) : produit des dérivées locales {[round(v, 4) for v in locales]} "
          f"= {produit:.10f} (= −{4 * x_val} sin {2 * x_val ** 2})")
lecon.comparer("cos(2x²)' en 3 = −12 sin 18", par_le_graphe["cos(2x²)'(3)"], livre=-12 * math.sin(18))
lecon.comparer("cos(2x²)' en 4 = −16 sin 32", par_le_graphe["cos(2x²)'(4)"], livre=-16 * math.sin(32))

# %%
# trois fonctions à la suite : F(x) = exp(ln(x)³ + 1) ; le livre calcule F'(e) = 3e
# et laisse F'(1) et F'(2) au lecteur
for nom, x_val in (("e", math.e), ("1", 1.0), ("2", 2.0)):
    x = gd.entree(x_val, "x")
    F = gd.exp(gd.ln(x) ** 3 + 1)
    derivee = gd.derivees(F)[x]
    par_le_graphe[f"exp(ln³+1)'({nom})"] = derivee
    print(f"F(x) = exp(ln(x)³ + 1) : F'({nom}) = {derivee:.10f}")
lecon.comparer("exp(ln³ + 1)' en e = 3e", par_le_graphe["exp(ln³+1)'(e)"], livre=3 * math.e)
lecon.comparer("exp(ln³ + 1)' en 1", par_le_graphe["exp(ln³+1)'(1)"])
lecon.comparer("exp(ln³ + 1)' en 2", par_le_graphe["exp(ln³+1)'(2)"])

# %%
# une entrée utilisée deux fois : F(x) = exp(x) ln(x) en 2, somme sur les deux chemins
x = gd.entree(2, "x")
F = gd.exp(x) * gd.ln(x)
liste = gd.chemins(F, x)
for locales, produit in liste:
    print(f"  chemin : {' × '.join(f'{v:.4f}' for v in locales)} = {produit:.6f}")
somme = sum(p for _, p in liste)
par_le_graphe["exp·ln'(2)"] = somme
print(f"F(x) = exp(x) ln(x) : F'(2) = somme sur les {len(liste)} chemins = {somme:.10f} = (ln 2 + 1/2) e²")
lecon.comparer("exp·ln' en 2 = (ln 2 + 1/2) e²", somme, livre=(math.log(2) + 1 / 2) * math.e ** 2)
lecon.comparer("nombre de chemins de F(2) à x", len(liste), livre=2)

# %%
# les mêmes dérivées par tf.GradientTape
par_tensorflow = {
    "cos(2x²)'(3)": derivee_tf(lambda t: tf.cos(2 * t ** 2), 3),
    "exp(ln³+1)'(e)": derivee_tf(lambda t: tf.exp(tf.math.log(t) ** 3 + 1), math.e),
    "exp·ln'(2)": derivee_tf(lambda t: tf.exp(t) * tf.math.log(t), 2),
}
ecart_tf = max(abs(par_le_graphe[nom] - v) for nom, v in par_tensorflow.items())
print("Écart maximal avec tf.GradientTape :", ecart_tf)

# %% [markdown]
# ## §2.4 — Dérivées séquentielles
#
# Pour F = h∘g∘f avec y = f(x), z = g(y), t = h(z), les dérivées de F par rapport à
# t, z, y puis x se calculent de droite à gauche, chacune réutilisant la précédente :
# n produits au lieu de n(n + 1)/2. C'est exactement ce que fera la
# rétropropagation. (Section plus technique, que le livre permet de sauter.)

# %%
lecon.section("derivees-sequentielles", duree="1 s")
# l'exemple du livre : x = e → y = ln x → z = y³ + 1 → t = exp z
x = gd.entree(math.e, "x")
y = gd.ln(x)
z = y ** 3 + 1
t = gd.exp(z)
d = gd.derivees(t)
sequence = {"dF/dt": d[t], "dF/dz": d[z], "dF/dy": d[y], "dF/dx": d[x]}
for nom, v in sequence.items():
    print(f"  {{{{{nom}}}}} = {v:.6f}")
print("  soit 1, e², 3e², 3e : chaque dérivée réutilise la précédente (un seul produit de plus)")
lecon.comparer("{{dF/dx}} = e² × 3 × 1/e = 3e", sequence["dF/dx"], livre=3 * math.e)

# %%
# une chaîne de n fonctions : n produits de droite à gauche, n(n + 1)/2 sinon
noeud = depart = gd.entree(0.5, "x")
n = 10
for _ in range(n):
    noeud = gd.sin(noeud * 2)
n_aretes = len(gd.tableau(noeud)) - 1 - n    # sans compter les constantes 2
produits_naifs = n_aretes * (n_aretes + 1) // 2
print(f"Chaîne de {n_aretes} arêtes : {n_aretes} produits de droite à gauche, contre "
      f"{produits_naifs} si l'on calcule chaque dérivée séparément.")

# %% [markdown]
# ## §3.2 — Fonctions d'activation
#
# Les fonctions d'activation des neurones : Heaviside (avec la convention H(0) = 1),
# affine, linéaire par morceaux, ReLU, sigmoïde σ et tangente hyperbolique. Regardez
# la tangente de σ en 0, y = x/4 + 1/2 (donc σ'(0) = 1/4), puis les deux propriétés
# du livre, σ' = σ(1 − σ) et th(x) = 2σ(2x) − 1, vérifiées à la précision de la
# machine.

# %%
lecon.section("activations", duree="2 s")


def sigma(x):
    return 1 / (1 + np.exp(-x))


x = np.linspace(-5, 5, 1001)
courbes = {
    "Heaviside H (H(0) = 1)": np.asarray(heaviside(x)),
    "affine 0.5x + 1": 0.5 * x + 1,
    "linéaire par morceaux (a = 0.2, b = 1)": np.where(x < 0, 0.2 * x, x),
    "ReLU": np.asarray(keras.activations.relu(x)),
    "sigmoïde σ et sa tangente en 0": sigma(x),
    "tanh": np.tanh(x),
}
fig_activations, axes = plt.subplots(2, 3, figsize=(12, 6))
for ax, (nom, y) in zip(axes.ravel(), courbes.items()):
    ax.plot(x, y)
    if nom.startswith("sigmoïde"):
        ax.plot(x, x / 4 + 0.5, "--")
        ax.set_ylim(-0.2, 1.2)
    ax.set_title(nom, fontsize=9)
    ax.grid(True)
lecon.figure(fig_activations, "ch01-activations")

# %%
h = 1e-6
lecon.comparer("σ'(0) (taux symétrique, h = 1e-6)", (sigma(h) - sigma(-h)) / (2 * h), livre=0.25, tol=1e-9)
derivee_sigma = derivee_tf(lambda t: tf.sigmoid(t), 1.3)
lecon.comparer("|σ' − σ(1 − σ)| en 1.3", abs(derivee_sigma - sigma(1.3) * (1 - sigma(1.3))))
lecon.comparer("max |th(x) − (2σ(2x) − 1)|", float(np.max(np.abs(np.tanh(x) - (2 * sigma(2 * x) - 1)))))
lecon.comparer("H(0)", float(heaviside(np.array([0.0]))[0]), livre=1)

# %% [markdown]
# ## §3.3 — Minimum et maximum
#
# Les « bons » paramètres d'un réseau seront ceux qui minimisent une erreur. Premier
# exemple : le point M(x, x) qui approche au mieux A(1, 2), B(3, 0), C(2, 3) minimise
# E(x) = 6x² − 22x + 27, au sommet de la parabole x0 = 22/12. Second exemple : le
# point de la parabole y = x² le plus proche de A(1, 2). Les points critiques
# annulent f'(x) = 4x³ − 6x − 2 : le minimum global est en x3 = (1 + √3)/2, x2 est un
# maximum local et x1 = −1 un minimum seulement local.

# %%
lecon.section("minimum", duree="1 s")
a, b, c = 6, -22, 27
x0 = -b / (2 * a)
E0 = a * x0 ** 2 + b * x0 + c
print(f"E(x) = 6x² − 22x + 27 : minimum en x0 = 22/12 = {x0:.4f}, E(x0) = 41/6 = {E0:.4f}")
lecon.comparer("x0 = 22/12", x0, livre="1.83")
lecon.comparer("E(x0) = 41/6", E0, livre="6.83")

# %%
# f(x) = (x − 1)² + (x² − 2)², f'(x) = 4x³ − 6x − 2 = 2(x + 1)(2x² − 2x − 1)
critiques = np.sort(np.roots([4, 0, -6, -2]).real)
f = lambda t: (t - 1) ** 2 + (t ** 2 - 2) ** 2
valeurs = {round(float(t), 6): round(float(f(t)), 6) for t in critiques}
print("points critiques et valeurs :", valeurs)
x1, x2, x3 = critiques
lecon.comparer("f(x1), minimum local", f(x1), livre=5)
lecon.comparer("f(x2), maximum local", f(x2))
lecon.comparer("x3 = (1 + √3)/2", x3, livre="1.36")
lecon.comparer("f(x3) = (11 − 6√3)/4, minimum global", f(x3), livre="0.15")

# %%
t = np.linspace(-2, 2, 400)
fig_plus_proche, ax = plt.subplots()
ax.plot(t, f(t))
ax.scatter(critiques, f(critiques), color="red", zorder=3)
ax.set_ylim(0, 6)
ax.set_title("f(x) = AM² = x⁴ − 3x² − 2x + 5")
lecon.figure(fig_plus_proche, "ch01-point-le-plus-proche")

# %% [markdown]
# ## §4 — Dérivée seconde
#
# La dérivée seconde dit si un point critique est un minimum ou un maximum local :
# f''(x0) > 0 donne un minimum, f''(x0) < 0 un maximum. Pour f(x) = x³ − 2x² + 2,
# f''(0) = −4 (maximum local) et f''(4/3) = 4 (minimum local). TensorFlow calcule
# f'' en imbriquant deux `GradientTape`.

# %%
lecon.section("derivee-seconde", duree="1 s")


def seconde(fonction, x0):
    x = tf.Variable(float(x0), dtype=tf.float64)
    with tf.GradientTape() as b2:
        with tf.GradientTape() as b1:
            y = fonction(x)
        d1 = b1.gradient(y, x)
    return float(b2.gradient(d1, x))


f = lambda x: x ** 3 - 2 * x ** 2 + 2
lecon.comparer("f''(0)", seconde(f, 0), livre=-4)
lecon.comparer("f''(4/3)", seconde(f, 4 / 3), livre=4)
lecon.comparer("f(4/3) = 22/27", f(4 / 3))
lecon.comparer("(x³)'' en −2", seconde(lambda x: x ** 3, -2), livre=-12)

# %%
t = np.linspace(-1, 2.5, 300)
fig_seconde, ax = plt.subplots()
ax.plot(t, f(t))
ax.scatter([0, 4 / 3], [f(0), f(4 / 3)], color="red", zorder=3)
ax.set_title("x³ − 2x² + 2 : maximum local en 0, minimum local en 4/3")
lecon.figure(fig_seconde, "ch01-derivee-seconde")

# %% [markdown]
# ## §5 — Méthode de Newton
#
# Pour résoudre f(x) = 0, on suit la tangente : x_{n+1} = x_n − f(x_n)/f'(x_n). Pour
# ∛100 (f(x) = x³ − 100) depuis x0 = 10, le nombre de décimales exactes double à
# chaque pas ; 13 itérations avec le module `decimal` donnent les 1000 décimales du
# livre. Appliquée à g'(x) = 2x − cos x, la méthode trouve le minimum de
# g(x) = x² − sin x + 1 en ℓ ≃ 0.4501836112, que l'on parte de 0 ou de 10. Suivre la
# tangente : c'est l'idée qui mènera à la descente de gradient.

# %%
lecon.section("newton", duree="1 s")


def newton(f, df, x0, n):
    """Méthode de Newton : n fois x ← x − f(x)/f'(x) ; renvoie la liste x0, x1, …, xn."""
    suite = [x0]
    for _ in range(n):
        x = suite[-1]
        suite.append(x - f(x) / df(x))
    return suite


racine_cubique = newton(lambda x: x ** 3 - 100, lambda x: 3 * x ** 2, 10.0, 7)
for k, x in enumerate(racine_cubique):
    print(f"x{k} = {x:.15f}")
lecon.comparer("∛100 : x1 … x5", racine_cubique[1:6], livre=[7, "5.3469", "4.7305", "4.6432", "4.6415894"])
lecon.comparer("∛100 : x6, 12 décimales exactes", racine_cubique[6], livre="4.641588833612", tol=1e-12)

# %%
# x13 avec 1010 chiffres significatifs (module decimal), comparé aux 1000 décimales du livre
LIVRE_MILLE_DECIMALES = (
    "64158883361277889241007635091944657655134912501124" "36376506928586847778696928448261899590708975713798"
    "41543308228265404820510270287495774377362322395030" "21465094177426719650916295452146089763366938104116"
    "28606533596551384853869619496157227826277315767548" "83017169207448098556934156362916689287996611195246"
    "16679670077293548124686871765259065725471337341531" "84860446462178977769897212428546914463963789526871"
    "82014556020545505584013855637728160923375212916394" "80860747839555773984257273946686109226799406050704"
    "02442029854177300120407410232413879663173270034106" "06737496780919282092017340424063011069619562088429"
    "61382086140688243128977537380423154514270094830453" "92228536191076596869380984898548880361175285974621"
    "54055836006657079466872481552449410810797956289034" "29915634432197012553305943982255082950700356942961"
    "35930373637320850012819533899529732642969005258003" "48542372295980181985171325034488774422768662481827"
    "78772197705070286933786368810026273023928761425717" "31457550215784934201074501143121549887585570334866"
)
getcontext().prec = 1010
grand = newton(lambda x: x ** 3 - 100, lambda x: 3 * x ** 2, Decimal(10), 13)[-1]
mille_decimales = str(grand)[:1002]                  # « 4. » puis 1000 décimales
print("x13 avec 1010 chiffres significatifs :", mille_decimales[:52], "…", mille_decimales[-20:])
exactes = 0
while exactes < 1000 and mille_decimales[2 + exactes] == LIVRE_MILLE_DECIMALES[exactes]:
    exactes += 1
lecon.comparer("x13 : décimales égales au livre", exactes, livre=1000)

# %%
# g(x) = x² − sin x + 1 : Newton sur g'(x) = 2x − cos x, de dérivée g''(x) = 2 + sin x
gp, gpp = (lambda x: 2 * x - math.cos(x)), (lambda x: 2 + math.sin(x))
depuis_0 = newton(gp, gpp, 0.0, 4)
depuis_10 = newton(gp, gpp, 10.0, 7)
ell = depuis_10[-1]
g_ell = ell ** 2 - math.sin(ell) + 1
print("depuis x0 = 0 :", [f"{x:.10f}" for x in depuis_0])
print("depuis x0 = 10 :", [f"{x:.10f}" for x in depuis_10])
print(f"minimum en ℓ ≃ {ell:.10f}, g(ℓ) ≃ {g_ell:.10f}")
lecon.comparer("depuis 0 : x1 … x4", depuis_0[1:],
               livre=["0.5", "0.4506266930", "0.4501836475", "0.4501836112"])
lecon.comparer("depuis 10 : x1 … x7", depuis_10[1:],
               livre=["-4.3127566511", "-1.4932228819", "1.5615319504", "0.5235838839", "0.4511295428",
                      "0.4501837766", "0.4501836112"])
lecon.comparer("ℓ", ell, livre="0.4501836112")
lecon.comparer("g(ℓ)", g_ell, livre="0.7675344248")

# %%
t = np.linspace(-0.5, 1.5, 300)
fig_minimum, ax = plt.subplots()
ax.plot(t, t ** 2 - np.sin(t) + 1)
ax.scatter([ell], [g_ell], color="red", zorder=3)
ax.set_title("g(x) = x² − sin x + 1 et son minimum ℓ")
lecon.figure(fig_minimum, "ch01-newton-minimum")

# %%
# les tangentes successives pour ∛100 : chacune recoupe l'axe des x au point suivant
x = np.linspace(3, 11, 300)
fig_tangentes, ax = plt.subplots()
ax.plot(x, x ** 3 - 100, label="f(x) = x³ − 100")
for xk in racine_cubique[:3]:
    ax.plot(x, (xk ** 3 - 100) + 3 * xk ** 2 * (x - xk), "--", linewidth=0.8)
ax.axhline(0, color="k", linewidth=0.5)
ax.set_ylim(-200, 1000)
ax.legend()
lecon.figure(fig_tangentes, "ch01-newton-tangentes")
