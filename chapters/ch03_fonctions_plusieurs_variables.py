# %% [markdown]
# # Chapitre 3 — Fonctions de plusieurs variables
#
# Les fonctions de deux variables : leur graphe (une surface), leurs tranches et leurs
# lignes de niveau. Comprendre leur géométrie prépare aux réseaux de neurones, dont
# les paramètres seront choisis comme minimum d'une fonction de (beaucoup de)
# variables. Le livre n'a pas de listing dans ce chapitre : le code refait ses figures
# (les surfaces sont tracées par `keras_facile.graphiques_fonctions`) et ses calculs,
# dont trois recherches élémentaires de minimum et une régression linéaire.
#
# Durée : quelques secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import math

from scipy.optimize import minimize, minimize_scalar

from keras_facile import *
from keras_facile.graphiques_fonctions import graphique_surface, graphique_surface_quadratique
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Un outil pour toutes les sections : la grille n × n de [xmin, xmax] × [ymin, ymax].
def grille(xmin, xmax, ymin, ymax, n):
    return np.meshgrid(np.linspace(xmin, xmax, n), np.linspace(ymin, ymax, n))


# %% [markdown]
# ## §2 — Graphe, tranches, minimum et maximum
#
# Le graphe de f(x, y) = x e^(−x²−y²) est une surface, que l'on regarde sous plusieurs
# angles : f(0, 0) = 0, f(1, 0) = 1/e, f(0, y) = 0, et f est presque nulle loin de
# l'origine. Les tranches de x sin y (x constant en bleu, y constant en rouge)
# reconstituent la surface. La dernière figure montre une fonction avec deux minimums
# locaux (dont un global) et un maximum.

# %%
lecon.section("graphes", duree="2 s (rapide : 1 s)")
VUES = lecon.taille([(15, -90), (25, -70), (35, -50), (45, -30)], rapide=[(25, -70)])
N_MINIMA = lecon.taille(100, rapide=50)


def f(x, y):
    return x * np.exp(-x ** 2 - y ** 2)


lecon.comparer("f(0, 0)", f(0, 0), livre=0)
lecon.comparer("f(1, 0) = 1/e", f(1, 0), livre=1 / math.e)
lecon.comparer("f(0, 2) (f(0, y) = 0)", f(0, 2), livre=0)
lecon.comparer("f(3, 3), loin de l'origine", f(3, 3))

# %%
X, Y = grille(-3, 3, -3, 3, 50)
for vue in VUES:
    lecon.figure(graphique_surface(X, Y, f(X, Y), vue, zlim=(-0.6, 0.6), cmap="viridis"),
                 f"ch03-surface-vue{vue[0]}")

# %%
# les tranches de x sin y : x constant (bleu), y constant (rouge)
X, Y = grille(-5, 5, -5, 5, 50)
fig_tranches = plt.figure(figsize=(10, 4))
ax = fig_tranches.add_subplot(1, 2, 1, projection="3d")
ax.plot_wireframe(X, Y, X * np.sin(Y), color="blue", rstride=0, cstride=2)
ax.view_init(40, -55)
ax = fig_tranches.add_subplot(1, 2, 2, projection="3d")
ax.plot_wireframe(X, Y, X * np.sin(Y), color="red", rstride=2, cstride=0)
ax.view_init(40, -55)
lecon.figure(fig_tranches, "ch03-tranches")

# %%
X, Y = grille(-3, 5, -3, 4, N_MINIMA)
Z = -X * np.exp(-(X ** 2 + Y ** 2)) - Y ** 2 / 3 * np.exp(-((X - 2) ** 2 + (Y - 1) ** 2))
fig_minima = graphique_surface(X, Y, Z, (15, -75), cmap="viridis")
lecon.figure(fig_minima, "ch03-minima-locaux")

# %% [markdown]
# ## §2.3 — Le point le plus proche de trois points
#
# On cherche le point M(x, y) qui approche au mieux A(1, 2), B(3, 5) et C(6, 1) :
# f(x, y) = MA² + MB² + MC² = 3x² + 3y² − 20x − 16y + 76 est minimale au centre de
# gravité (10/3, 8/3) ≃ (3.33, 2.66), où elle vaut 64/3 ≃ 21.33.

# %%
lecon.section("meilleur-point", duree="1 s")
A, B, C = (1, 2), (3, 5), (6, 1)


def somme_carres(x, y):
    return sum((x - a) ** 2 + (y - b) ** 2 for a, b in (A, B, C))


X, Y = grille(1, 6, 0, 5, 50)
fig_somme_carres = graphique_surface(X, Y, somme_carres(X, Y), (30, -65), alpha=0.8, cmap="viridis")
lecon.figure(fig_somme_carres, "ch03-somme-carres")
x0, y0 = np.mean([A[0], B[0], C[0]]), np.mean([A[1], B[1], C[1]])
z0 = somme_carres(x0, y0)
lecon.comparer("x0 = 10/3", x0, livre="3.33")
lecon.comparer("y0 = 8/3", y0, livre="2.66")
lecon.comparer("z0 = f(x0, y0) = 64/3", z0, livre="21.33")

# %% [markdown]
# ## §2.4 — Recherche élémentaire d'un minimum
#
# Avec la « vraie » distance g(x, y) = MA + MB + MC il n'y a plus de formule : trois
# techniques sur [0, 6]². Une grille 100 × 100 (10 000 calculs) ; 1000 points au
# hasard (dix fois moins de calculs, un résultat voisin qui dépend du tirage) ; la
# recherche par tranches : minimiser en y à x fixé, puis en x à y fixé, et
# recommencer — z diminue à chaque étape. Le gradient fera mieux (chapitre 7).

# %%
lecon.section("recherche-minimum", duree="1 s")
A, B, C = (1, 2), (3, 5), (6, 1)


def g(x, y):
    return sum(np.sqrt((x - a) ** 2 + (y - b) ** 2) for a, b in (A, B, C))


# 1. sur une grille N × N
N = 100
VX = np.linspace(0, 6, N)
X, Y = np.meshgrid(VX, VX)
Z = g(X, Y)
i, j = np.unravel_index(np.argmin(Z), Z.shape)
sur_grille = (float(X[i, j]), float(Y[i, j]), float(Z[i, j]))
lecon.comparer("grille 100×100 : (xmin, ymin)", sur_grille[:2], livre=("2.91", "2.97"))
lecon.comparer("grille 100×100 : zmin", sur_grille[2], livre="7.84")

# %%
# 2. au hasard : 1000 points de [0, 6]²
rng = np.random.default_rng(lecon.graine)
P = rng.uniform(0, 6, size=(1000, 2))
valeurs = g(P[:, 0], P[:, 1])
k = int(np.argmin(valeurs))
hasard = (float(P[k, 0]), float(P[k, 1]), float(valeurs[k]))
lecon.comparer("1000 points au hasard : (xmin, ymin)", hasard[:2], note="le livre tire (2.88, 2.99)")
lecon.comparer("1000 points au hasard : zmin", hasard[2], livre="7.84")

# %%
# 3. par tranches, en partant de la tranche x = 0
x = 0.0
tranches = []
for _ in range(5):
    y = minimize_scalar(lambda t: g(x, t), bounds=(0, 6), method="bounded", options={"xatol": 1e-9}).x
    x = minimize_scalar(lambda t: g(t, y), bounds=(0, 6), method="bounded", options={"xatol": 1e-9}).x
    tranches.append((float(y), float(x), float(g(x, y))))
print("tranche par tranche depuis x0 = 0 :")
for n, (y, x_, z) in enumerate(tranches, 1):
    print(f"  étape {n} : y = {y:.5f}, x = {x_:.5f}, z = {z:.6f}")
lecon.comparer("tranches : y0 (tranche x = 0)", tranches[0][0], livre="2.45")
lecon.comparer("tranches : x1 (tranche y = y0)", tranches[0][1], livre="2.84")
lecon.comparer("5 étapes : (xmin, ymin)", (tranches[-1][1], tranches[-1][0]), livre=("2.90579", "2.98464"))
lecon.comparer("5 étapes : zmin", tranches[-1][2], livre="7.83867")

# %%
fig_recherche, ax = plt.subplots()
ax.contour(X, Y, Z, 20)
ax.scatter(*zip(A, B, C), color="black")
ax.scatter([sur_grille[0]], [sur_grille[1]], color="red", label="grille")
ax.plot([0] + [e[1] for e in tranches], [tranches[0][0]] + [e[0] for e in tranches], "o-", color="green",
        label="tranches", markersize=3)
ax.legend()
ax.set_aspect("equal")
lecon.figure(fig_recherche, "ch03-recherche-minimum")

# %% [markdown]
# ## §3.1–3.3 — Lignes de niveau et surfaces quadratiques
#
# La ligne de niveau c est l'ensemble des points (x, y) où f(x, y) = c, comme les
# courbes d'altitude d'une carte : pour x² + y² ce sont des cercles. Puis les surfaces
# quadratiques, importantes pour la suite : paraboloïde (lignes de niveau en
# ellipses), cylindre (en droites) et selle de cheval (en hyperboles ; les niveaux
# négatifs en pointillés).

# %%
lecon.section("lignes-de-niveau", duree="3 s (rapide : 2 s)")
N_CERCLES = lecon.taille(150, rapide=60)
N_QUADRATIQUES = lecon.taille(60, rapide=30)

X, Y = grille(-2, 2, -2, 2, N_CERCLES)
Z = X ** 2 + Y ** 2
fig_cercles = graphique_surface(X, Y, Z, (15, -60), alpha=0.8, niveaux=np.linspace(0.05, 4, 10), couleurs="blue")
lecon.figure(fig_cercles, "ch03-niveaux-x2-y2")

# %%
X, Y = grille(-2, 2, -2, 2, 50)
R = np.sqrt(X ** 2 + Y ** 2)
Z = np.sin(R ** 2 - X) / R + 1       # 0/0 en (0, 0) : la grille de 50 points évite l'origine
fig_sinus = graphique_surface(X, Y, Z, (25, -25), alpha=0.7, niveaux=np.linspace(0, 3, 20), decalage=0)
lecon.figure(fig_sinus, "ch03-niveaux-sinus")

# %%
quadratiques = {
    "paraboloide": (lambda x, y: x ** 2 / 1.5 ** 2 + y ** 2, np.linspace(0, 1.7, 10), (15, -65)),
    "cylindre": (lambda x, y: x ** 2 + 0 * y, np.linspace(0.01, 3, 16), (15, -120)),
    "selle": (lambda x, y: x ** 2 - y ** 2,
              np.concatenate([np.linspace(-3, -0.1, 10), [0], np.linspace(0.1, 3, 10)]), (15, -120)),
}
X, Y = grille(-2, 2, -2, 2, N_QUADRATIQUES)
for nom, (f, niveaux, vue) in quadratiques.items():
    lecon.figure(graphique_surface_quadratique(X, Y, f(X, Y), niveaux, vue), f"ch03-quadratique-{nom}")

# %% [markdown]
# ## §3.4 — Régression linéaire
#
# Quelle droite y = ax + b passe au mieux par A1(2, 3), A2(3, 5), A3(4, 4), A4(5, 6),
# A5(6, 6) ? On minimise f(a, b), la somme des carrés des distances des points à la
# droite : une fonction de deux variables. Le minimum est proche de (0.8, 1.6) ; les
# lignes de niveau montrent une vallée plate et allongée : beaucoup de droites assez
# différentes sont presque aussi bonnes.

# %%
lecon.section("regression", duree="1 s")
POINTS = np.array([(2, 3), (3, 5), (4, 4), (5, 6), (6, 6)], dtype=float)


def erreur_regression(a, b):
    """Somme des carrés des distances des points à la droite y = ax + b."""
    return sum((a * x - y + b) ** 2 for x, y in POINTS) / (1 + a ** 2)


N = 100
X, Y = np.meshgrid(np.linspace(0.1, 1.5, N), np.linspace(0.1, 5.0, N))
Z = erreur_regression(X, Y)
i, j = np.unravel_index(np.argmin(Z), Z.shape)
sur_grille = (float(X[i, j]), float(Y[i, j]), float(Z[i, j]))
fin = minimize(lambda p: erreur_regression(*p), x0=sur_grille[:2], method="Nelder-Mead",
               options={"xatol": 1e-8, "fatol": 1e-10})
minimum = (float(fin.x[0]), float(fin.x[1]), float(fin.fun))
print(f"grille {N}×{N} : a = {sur_grille[0]:.2f}, b = {sur_grille[1]:.2f}, f = {sur_grille[2]:.3f}")
print(f"minimum affiné : a = {minimum[0]:.4f}, b = {minimum[1]:.4f}, f = {minimum[2]:.4f}")
lecon.comparer("minimum (a, b)", minimum[:2], livre=("0.8", "1.6"))

# %%
fig_niveaux, ax = plt.subplots()
ax.contour(X, Y, Z, np.linspace(0, 5, 20), colors="black")
ax.scatter(sur_grille[0], sur_grille[1], color="blue")
ax.set_xlabel("axe a")
ax.set_ylabel("axe b")
lecon.figure(fig_niveaux, "ch03-regression-niveaux")

fig_droite, ax = plt.subplots()
ax.scatter(POINTS[:, 0], POINTS[:, 1], color="red")
x = np.linspace(1, 7, 10)
ax.plot(x, minimum[0] * x + minimum[1])
ax.set_title(f"y = {minimum[0]:.2f} x + {minimum[1]:.2f}")
lecon.figure(fig_droite, "ch03-regression-droite")
