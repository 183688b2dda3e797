# %% [markdown]
# # Chapitre 8 — Descente de gradient
#
# Comme une goutte d'eau qui suit la ligne de plus grande pente : on calcule le
# gradient, on fait un petit pas dans la direction opposée, et on recommence,
# P_{k+1} = P_k − δ grad f(P_k). Le chapitre reproduit les tableaux d'itérations du
# livre en une et deux variables, montre le choix du pas (trop grand, trop petit,
# plusieurs minima, point-selle) et ses calendriers de décroissance, la régression
# linéaire (droite, plan), la descente stochastique et par lots (la parabole, le
# cercle), puis le moment et l'accélération de Nesterov. Tout est en numpy
# (`keras_facile.descente`).
#
# Durée : quelques secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from keras_facile import *
from keras_facile.descente import (descente, descente_stochastique, meilleur_pas, pas_exponentiel, pas_keras,
                                   pas_lineaire, pas_quadratique)
from keras_facile.graphiques_descente import graphique_descente_1var, graphique_descente_2var, graphique_erreurs
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# L'exemple 1 du livre, utilisé par deux sections : f(a, b) = a² + 3b² et son gradient (2a, 6b).
def f_exemple1(P):
    return P[0] ** 2 + 3 * P[1] ** 2


def grad_exemple1(P):
    return np.array([2 * P[0], 6 * P[1]])


# %% [markdown]
# ## §1.2 — Exemple en deux variables
#
# f(a, b) = a² + 3b², grad f = (2a, 6b), départ (a₀, b₀) = (2, 1) et pas δ = 0.2 :
# le tableau du livre, puis les figures « Point initial », « Une itération »… où
# chaque flèche −δ grad f part d'un point sur les lignes de niveau. Partant de
# (−1, −1) avec δ = 0.1 : (−0.8, −0.4), puis (−0.64, −0.16). Et la figure
# d'ouverture du chapitre, « Où est le minimum ? ».

# %%
lecon.section("deux-variables", duree="2 s")
t = descente(f_exemple1, grad_exemple1, [2, 1], delta=0.2, n=20)
print("    k | (a_k, b_k) | grad f | f")
for ligne in t.tableau([0, 1, 2, 3, 4, 5, 10, 20], decimales=4):
    print(ligne)
lecon.comparer("(a_1, b_1)", t.points[1], livre=(1.2, -0.2), tol=1e-12)
lecon.comparer("(a_3, b_3)", t.points[3], livre=(0.432, -0.008), tol=1e-12)
lecon.comparer("(a_5, b_5)", t.points[5], livre=(0.15552, -0.00032), tol=1e-12)
lecon.comparer("f(a_2, b_2)", t.valeurs[2], livre="0.523")
lecon.comparer("f(a_10, b_10)", t.valeurs[10], livre="0.00014")
lecon.comparer("f(a_20, b_20)", t.valeurs[20], livre="5.34e-9")

# %%
for n, titre in [(0, "Point initial"), (1, "Une itération"), (3, "Trois itérations"), (20, "Plus d'itérations")]:
    morceau = descente(f_exemple1, grad_exemple1, [2, 1], delta=0.2, n=n)
    lecon.figure(graphique_descente_2var(f_exemple1, morceau, (-2.5, 2.5, -1.5, 1.5), minimum=(0, 0), titre=titre),
                 f"ch08-exemple1-{n}")

# %%
t2 = descente(f_exemple1, grad_exemple1, [-1, -1], delta=0.1, n=20)
print("départ (−1, −1), δ = 0.1 :", t2.points[1].tolist(), t2.points[2].tolist())
lecon.comparer("départ (−1, −1) : a_1, b_1, a_2, b_2", t2.points[1:3].ravel(), livre=[-0.8, -0.4, -0.64, -0.16],
               tol=1e-12)
lecon.figure(graphique_descente_2var(f_exemple1, t2, (-2.5, 2.5, -1.5, 1.5), minimum=(0, 0),
                                     titre="Partant de (−1, −1) avec δ = 0.1"), "ch08-exemple1-depart2")


# %%
# L'exemple d'ouverture : f(x, y) = x² + (x − y²)², départ (2.2, 0.6), δ = 0.2
def g(P):
    return P[0] ** 2 + (P[0] - P[1] ** 2) ** 2


def grad_g(P):
    return np.array([2 * P[0] + 2 * (P[0] - P[1] ** 2), -4 * P[1] * (P[0] - P[1] ** 2)])


lecon.figure(graphique_descente_2var(g, descente(g, grad_g, [2.2, 0.6], 0.2, 15), (-2, 3, -2, 2),
                                     titre="Où est le minimum ?"), "ch08-ou-est-le-minimum")

# %% [markdown]
# ## §1.3 — Exemples en une variable : le pas, les minima, le point-selle
#
# f(a) = a² + 1, f′(a) = 2a, donc a_{k+1} = a_k − 2δ a_k ; avec δ = 0.2 depuis a₀ = 2,
# le tableau du livre. Un pas trop grand fait osciller (δ = 0.9) ou diverger
# (δ = 1.1) ; trop petit (δ = 0.05), on avance lentement. Avec plusieurs minima
# locaux (a⁴ − 5a² + a + 10), le point atteint dépend du départ ; et un point-selle
# (a⁴ − 2a³ + 4 en 0) peut arrêter la descente loin du minimum 3/2.

# %%
lecon.section("une-variable", duree="3 s")


def f(a):
    return a ** 2 + 1


def df(a):
    return 2 * a


t = descente(f, df, [2], 0.2, 10)
print("  k   a_k        f'(a_k)    f(a_k)")
for k in range(11):
    print(f"{k:>3}   {t.points[k, 0]:<10.4g} {t.gradients[k, 0]:<10.4g} {t.valeurs[k]:.5g}")
lecon.comparer("a_1, a_2, a_3", t.points[1:4, 0], livre=[1.2, 0.72, "0.43"])
lecon.comparer("f(a_4)", t.valeurs[4], livre="1.0671")
lecon.comparer("f(a_5)", t.valeurs[5], livre="1.0241")
lecon.comparer("f(a_10)", t.valeurs[10], livre="1.0001")
for a0 in (2, -1.5):
    lecon.figure(graphique_descente_1var(f, descente(f, df, [a0], 0.2, 10), -2.5, 2.5, f"δ = 0.2, a0 = {a0}"),
                 f"ch08-parabole-a0-{a0}")

# %%
livre = {0.9: [2, -1.6, 1.28, -1.024], 1.1: [2, -2.4, 2.88, -3.456], 0.05: [2, 1.8, 1.62, 1.458]}
mauvais = {}
for delta in (0.9, 1.1, 0.05):
    tr = descente(f, df, [2], delta, 10)
    mauvais[delta] = tr.points[:4, 0].tolist()
    print(f"δ = {delta} : a_k = {[round(v, 4) for v in mauvais[delta]]} …")
    lecon.comparer(f"δ = {delta} : a_0 … a_3", mauvais[delta], livre=livre[delta], tol=1e-12)
    lecon.figure(graphique_descente_1var(f, tr, -4, 4, f"δ = {delta}"), f"ch08-pas-{delta}")


# %%
# Plusieurs minima locaux : f(a) = a⁴ − 5a² + a + 10, δ = 0.02, 200 itérations
def g(a):
    return a ** 4 - 5 * a ** 2 + a + 10


def dg(a):
    return 4 * a ** 3 - 10 * a + 1


limites = {}
for a0 in (-2, -0.5, 0.5, 2):
    tr = descente(g, dg, [a0], 0.02, 200)
    limites[a0] = (float(tr.final[0]), float(tr.valeurs[-1]))
    lecon.figure(graphique_descente_1var(g, descente(g, dg, [a0], 0.02, 15), -2, 2.5, f"a0 = {a0}"),
                 f"ch08-minima-a0-{a0}")
print("plusieurs minima, δ = 0.02 :", {a0: (round(a, 4), round(v, 4)) for a0, (a, v) in limites.items()})


# %%
# Point-selle : f(a) = a⁴ − 2a³ + 4, f′(a) = 4a³ − 6a² s'annule en 0 (point-selle) et en 3/2 (minimum)
def h(a):
    return a ** 4 - 2 * a ** 3 + 4


def dh(a):
    return 4 * a ** 3 - 6 * a ** 2


selle = descente(h, dh, [-1], 0.05, 100)
print(f"f(a) = a⁴ − 2a³ + 4 depuis −1 : a_100 = {selle.final[0]:.4f} (bloqué près du point-selle 0, minimum en 3/2)")
lecon.comparer("a_100 depuis −1 (point-selle)", float(selle.final[0]))
lecon.figure(graphique_descente_1var(h, selle, -1.5, 2.5, "point-selle"), "ch08-point-selle")

# %% [markdown]
# ## §1.4 et §2.1 — L'algorithme et le choix du pas
#
# L'algorithme : P_{k+1} = P_k − δ_k grad f(P_k), arrêté quand le gradient est petit
# ou, en pratique, après un nombre fixé d'itérations. Le pas δ_k peut être choisi à
# chaque étape par balayage (0.001, 0.002, … en gardant celui qui fait le plus
# baisser f), ou décroître : δ₀/(k + 1), δ₀/(k + 1)², δ₀e^{−βk}, ou δ₀/(αk + 1), la
# décroissance utilisée par Keras (en Keras 3 : `InverseTimeDecay`).

# %%
lecon.section("pas", duree="1 s")
P = np.array([2.0, 1.0])
d = meilleur_pas(f_exemple1, grad_exemple1, P)
print(f"depuis (2, 1), le meilleur pas par balayage 0.001, 0.002, … est δ = {d}")
lecon.comparer("meilleur pas depuis (2, 1)", d)

# %%
calendriers = {"constant 0.1": lambda k: 0.1, "linéaire δ0/(k+1)": pas_lineaire(0.1),
               "quadratique δ0/(k+1)²": pas_quadratique(0.1), "exponentiel δ0 e^(−βk)": pas_exponentiel(0.1, 0.05),
               "Keras δ0/(αk+1), α = 0.1": pas_keras(0.1, 0.1)}
k = np.arange(50)
courbes = {nom: np.array([pas(i) for i in k]) for nom, pas in calendriers.items()}
fig, ax = plt.subplots()
for nom, valeurs in courbes.items():
    ax.plot(k, valeurs, label=nom)
ax.set_xlabel("itération k")
ax.set_ylabel("pas δ_k")
ax.legend()
lecon.figure(fig, "ch08-calendriers")

# %%
# Le « decay » de Keras 2 s'écrit en Keras 3 avec un calendrier InverseTimeDecay
calendrier = keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=1, decay_rate=1e-7)
valeur = float(calendrier(10 ** 6))
print(f"InverseTimeDecay(0.001, 1, 1e-7) au pas 10⁶ : {valeur:.6f} = 0.001/1.1 ; pas_keras : "
      f"{pas_keras(0.001, 1e-7)(10 ** 6):.6f}")
lecon.comparer("InverseTimeDecay au pas 10⁶", valeur, livre=0.001 / 1.1, tol=1e-9, note="δ0/(αk + 1) = 0.001/1.1")

# %% [markdown]
# ## §2.2–2.4 — Régression linéaire
#
# On cherche la droite y = ax + b qui passe au plus près des points (xᵢ, yᵢ), en
# minimisant E(a, b) = Σ (yᵢ − (axᵢ + b))² par descente de gradient. Trois points
# alignés sur y = x/2 + 3, depuis (0, 1) avec δ = 0.02 : le tableau du livre, et
# (a, b) → (1/2, 3) en oscillant. Cinq points, depuis la droite (A₁A₅) avec δ = 0.001 :
# 10 000 itérations, et la prédiction en x = 6. Même chose pour un plan
# z = ax + by + c : c'est un neurone à deux entrées d'activation identité.

# %%
lecon.section("regression", duree="2 s")
ITERATIONS_5_POINTS = 10_000
A = np.array([(0, 3), (2, 4), (6, 6)], dtype=float)


def erreur_droite(points):
    return lambda P: float(np.sum((points[:, 1] - (P[0] * points[:, 0] + P[1])) ** 2))


def grad_droite(points):
    def g(P):
        r = points[:, 1] - (P[0] * points[:, 0] + P[1])
        return np.array([np.sum(-2 * points[:, 0] * r), np.sum(-2 * r)])
    return g


t = descente(erreur_droite(A), grad_droite(A), [0, 1], 0.02, 100)
print("droite par A1, A2, A3 :")
for ligne in t.tableau(range(6), decimales=4):
    print(ligne)
print(f"après 100 itérations : a = {t.final[0]:.3f}, b = {t.final[1]:.3f} (droite y = x/2 + 3)")
lecon.comparer("(a_1, b_1)", t.points[1], livre=(1.44, 1.4), tol=1e-12)
lecon.comparer("(a_2, b_2)", t.points[2], livre=("0.44", "1.29"))
lecon.comparer("E(a_1, b_1), E(a_2, b_2)", t.valeurs[1:3], livre=["18.96", "10.28"])
lecon.comparer("(a_100, b_100)", t.final, livre=("0.501", "2.99"))

# %%
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(t.points[:30, 0], t.points[:30, 1], "o-", color="red", markersize=3)
ax1.scatter([0.5], [3], color="blue", zorder=3)
ax1.set_xlabel("a")
ax1.set_ylabel("b")
x = np.linspace(-1, 7, 10)
for a, b in t.points[:8]:
    ax2.plot(x, a * x + b, color="gray", linewidth=0.6)
ax2.plot(x, x / 2 + 3, color="blue")
ax2.scatter(A[:, 0], A[:, 1], color="red", zorder=3)
lecon.figure(fig, "ch08-regression-droite")

# %%
B = np.array([(4, 1), (7, 3), (8, 3), (10, 6), (12, 7)], dtype=float)
tb = descente(erreur_droite(B), grad_droite(B), [3 / 4, -2], 0.001, ITERATIONS_5_POINTS)
a, b = tb.final
prediction = a * 6 + b
print(f"5 points, 10000 itérations : a ≃ {a:.4f}, b ≃ {b:.4f} ; prédiction en x = 6 : {prediction:.3f}")
lecon.comparer("5 points : (a, b)", tb.final, livre=("0.78", "-2.46"))
lecon.comparer("prédiction en x = 6", prediction,
               note="le livre écrit 2.22 = 0.78 × 6 − 2.46, avec a et b tronqués")


# %%
def plan(points):
    """L'erreur E(a, b, c) = Σ (zᵢ − (axᵢ + byᵢ + c))² et son gradient."""
    def erreur(P):
        return float(np.sum((points[:, 2] - (P[0] * points[:, 0] + P[1] * points[:, 1] + P[2])) ** 2))

    def grad(P):
        r = points[:, 2] - (P[0] * points[:, 0] + P[1] * points[:, 1] + P[2])
        return np.array([np.sum(-2 * points[:, 0] * r), np.sum(-2 * points[:, 1] * r), np.sum(-2 * r)])
    return erreur, grad


P3 = np.array([(0, 0, 3), (1, 0, 4), (0, 1, 5)], dtype=float)
tp = descente(*plan(P3), [0, 0, 0], 0.2, 200)
P5 = np.array([(1, 0, 0), (0, 1, 5), (2, 1, 1), (1, 2, 0), (2, 2, 3)], dtype=float)
tq = descente(*plan(P5), [0, 0, 0], 0.01, 5000)
a5, b5, c5 = tq.final
print(f"plan par 3 points : (a, b, c) ≃ {np.round(tp.final, 4).tolist()} ; par 5 points : "
      f"({a5:.3f}, {b5:.3f}, {c5:.3f}), E = {tq.valeurs[-1]:.3f}, z(1, 1) ≃ {a5 + b5 + c5:.4f}")
lecon.comparer("plan par 3 points : (a, b, c)", tp.final, livre=(1, 2, 3), tol=1e-6)
lecon.comparer("plan par 5 points : (a, b, c)", tq.final, livre=("-1.22", "0.77", "2.33"))
lecon.comparer("plan par 5 points : E", tq.valeurs[-1], livre="14.44")
lecon.comparer("z(1, 1)", a5 + b5 + c5, livre="1.88")

# %%
fig = plt.figure()
ax = fig.add_subplot(projection="3d")
ax.scatter(P5[:, 0], P5[:, 1], P5[:, 2], color="red")
X, Y = np.meshgrid(np.linspace(0, 2, 10), np.linspace(0, 2, 10))
ax.plot_surface(X, Y, a5 * X + b5 * Y + c5, alpha=0.5)
lecon.figure(fig, "ch08-regression-plan")

# %% [markdown]
# ## §3 — Descente de gradient stochastique et par lots
#
# Plutôt que le gradient de l'erreur totale E = Σ Eᵢ, on fait un pas avec le
# gradient d'une seule erreur locale Eᵢ, en parcourant les données à tour de rôle :
# P_{k+1} = P_k − δ grad E_{(k % N) + 1}(P_k). Pour la parabole y = x² + ax + b
# passant au plus près de quatre points, le livre compare les tableaux classique et
# stochastique. Par lots de K données, N/K pas font une époque ; un cercle (six
# points exacts, puis 100 points bruités) montre l'erreur au fil des époques.

# %%
lecon.section("stochastique", duree="2 s")
EPOQUES_PARABOLE = 200
EPOQUES_CERCLE = 100
A = np.array([(2, 0), (0, 2), (4, 6), (1, 0)], dtype=float)


def residu(i, P):
    x, y = A[i]
    return y - (x ** 2 + P[0] * x + P[1])


def erreur(P):      # P peut aussi être une grille de points (a, b) : pour les lignes de niveau
    return sum(residu(i, P) ** 2 for i in range(4))


def grad_local(i, P):
    return np.array([-2 * A[i, 0] * residu(i, P), -2 * residu(i, P)])


classique = descente_stochastique(erreur, grad_local, 4, [1, 1], 0.01, epoques=EPOQUES_PARABOLE, taille_lot=4)
stoch = descente_stochastique(erreur, grad_local, 4, [1, 1], 0.01, epoques=EPOQUES_PARABOLE, taille_lot=1)
for nom, t, n in (("classique", classique, 3), ("stochastique", stoch, 9)):
    print(nom, ":", ", ".join(f"({a:.2f}, {b:.2f}) E = {e:.2f}" for (a, b), e in zip(t.points[:n], t.valeurs[:n])))
print(f"200 itérations classiques : {np.round(classique.final, 4).tolist()} ; "
      f"800 itérations stochastiques : {np.round(stoch.final, 4).tolist()}")
lecon.comparer("classique : E_0, E_1, E_2", classique.valeurs[:3], livre=[284, "84.87", "28.68"])
lecon.comparer("classique : (a_2, b_2)", classique.points[2], livre=("-1.36", "0.29"))
lecon.comparer("stochastique : E_1 … E_8", stoch.valeurs[1:9],
               livre=["236.43", "237.41", "100.74", "97.917", "83.245", "83.913", "36.48", "36.29"])
lecon.comparer("200 itérations classiques", classique.final, livre=("-2.9981", "1.9948"))
lecon.comparer("800 itérations stochastiques", stoch.final, livre=("-2.9984", "1.9954"))

# %%
lecon.figure(graphique_descente_2var(erreur, descente_stochastique(
    erreur, grad_local, 4, [1, 1], 0.01, epoques=2, taille_lot=4), (-5, 2, -2, 4), niveaux=30,
    titre="Descente de gradient classique"), "ch08-parabole-classique")
lecon.figure(graphique_descente_2var(erreur, descente_stochastique(
    erreur, grad_local, 4, [1, 1], 0.01, epoques=2, taille_lot=1), (-5, 2, -2, 4), niveaux=30,
    titre="Descente de gradient stochastique"), "ch08-parabole-stochastique")


# %%
def cercle(points):
    """Erreur et gradients locaux pour le cercle de centre (a, b) et de rayon c :
    Eᵢ = ((xᵢ − a)² + (yᵢ − b)² − c²)²."""
    def r(i, P):
        return (points[i, 0] - P[0]) ** 2 + (points[i, 1] - P[1]) ** 2 - P[2] ** 2

    def g(i, P):
        return np.array([-4 * (points[i, 0] - P[0]) * r(i, P), -4 * (points[i, 1] - P[1]) * r(i, P),
                         -4 * P[2] * r(i, P)])
    return (lambda P: float(sum(r(i, P) ** 2 for i in range(len(points))))), g


# six points exacts du cercle de centre (3, 2) et de rayon 1
angles = np.radians([10, 20, 40, 100, 200, 280])
C = np.c_[3 + np.cos(angles), 2 + np.sin(angles)]
erreur_c, grad_c = cercle(C)
par_lot = {K: descente_stochastique(erreur_c, grad_c, 6, [1, 1, 2], 0.005, epoques=10, taille_lot=K)
           for K in (1, 2, 3, 6)}
long = descente_stochastique(erreur_c, grad_c, 6, [1, 1, 2], 0.005, epoques=EPOQUES_CERCLE, taille_lot=1)
print("cercle, δ = 0.005, erreur après 10 époques :", {K: round(t.erreurs_epoques[-1], 2) for K, t in par_lot.items()})
print("après 100 époques (K = 1) : (a, b, c) =", np.round(long.final, 4).tolist())
lecon.comparer("cercle après 100 époques : (a, b, c)", long.final, livre=(3, 2, 1), tol=1e-4)
lecon.figure(graphique_erreurs({f"K = {K}": t.erreurs_epoques for K, t in par_lot.items()}, log=True,
                               titre="cercle : erreur au fil des époques"), "ch08-cercle-erreurs")

# %%
# 100 points bruités autour du cercle de centre (1, 2) et de rayon 3, données mélangées à chaque époque
rng = np.random.default_rng(lecon.graine)
theta = rng.uniform(0, 2 * np.pi, 100)
rayon = 3 + rng.uniform(-0.5, 0.5, 100)
D = np.c_[1 + rayon * np.cos(theta), 2 + rayon * np.sin(theta)]
erreur_d, grad_d = cercle(D)
bruit = {K: descente_stochastique(erreur_d, grad_d, 100, [1, 1, 1], 0.001, epoques=2, taille_lot=K,
                                  melanger=True, graine=lecon.graine) for K in (1, 10, 20)}
lecon.figure(graphique_erreurs({f"K = {K}": t.valeurs for K, t in bruit.items()}, xlabel="itération",
                               log=True, titre="100 points bruités"), "ch08-cercle-bruite")
print("100 points bruités, après 2 époques :", {K: np.round(t.final, 2).tolist() for K, t in bruit.items()})

# %% [markdown]
# ## §4 — Moment et Nesterov
#
# La goutte d'eau suit la pente ; une boule lourde garde son élan :
# P_{k+1} = P_k + µ(P_k − P_{k−1}) − δ grad f(P_k). Nesterov calcule le gradient au
# point anticipé P_k + µ(P_k − P_{k−1}). On compare les trois méthodes sur
# f(a, b) = a² + 10b², une vallée étroite où la descente classique zigzague.

# %%
lecon.section("acceleration", duree="2 s")


def f(P):
    return P[0] ** 2 + 10 * P[1] ** 2


def grad(P):
    return np.array([2 * P[0], 20 * P[1]])


methodes = {
    "classique": descente(f, grad, [-4, 1.5], 0.01, 100),
    "moment µ = 0.8": descente(f, grad, [-4, 1.5], 0.01, 100, moment=0.8),
    "Nesterov µ = 0.8": descente(f, grad, [-4, 1.5], 0.01, 100, moment=0.8, nesterov=True),
}
for nom, t in methodes.items():
    print(f"{nom:<18} f(P_100) = {t.valeurs[-1]:.3e}")
    lecon.figure(graphique_descente_2var(f, t, (-4.5, 1, -2, 2), minimum=(0, 0), titre=nom),
                 f"ch08-{nom.split()[0].lower()}")
lecon.figure(graphique_erreurs({n: t.valeurs for n, t in methodes.items()}, xlabel="itération", log=True),
             "ch08-acceleration-erreurs")
