# %% [markdown]
# # Chapitre 2 — Python : numpy et matplotlib avec une variable
#
# Un aperçu de deux modules : numpy, pour calculer efficacement sur des vecteurs, et
# matplotlib, pour tracer des graphiques. Chapitre technique : ne vous attardez pas
# sur les détails, vous y reviendrez selon vos besoins. Chaque listing du livre est
# ici ; pour chaque affichage imprimé dans le livre, une ligne compare ce que `print`
# affiche ici à ce qu'affiche le livre.
#
# Durée : quelques secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import math

from keras_facile import *
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Le livre imprimé ne garde ni les retours à la ligne ni les espaces d'alignement de
# print : pour comparer, on écrit ce que print affiche sur une seule ligne.
def sur_une_ligne(valeur):
    texte = " ".join(str(valeur).split())
    return texte.replace("[ ", "[").replace(" ]", "]")


# %% [markdown]
# ## Listing 2.0 — Le graphe de cos sur [0, 10]
#
# Le code le plus simple pour tracer une fonction : 100 valeurs de x régulièrement
# espacées (`linspace`), leurs cosinus, et `plot` relie les points.

# %%
lecon.section("introduction", duree="1 s")
X = np.linspace(0, 10, num=100)
Y = np.cos(X)

fig_cosinus = plt.figure()
plt.plot(X, Y)
lecon.figure(fig_cosinus, "ch02-cosinus")

# %% [markdown]
# ## §1.1–1.4 — Vecteurs numpy
#
# Un vecteur numpy se définit à partir d'une liste (`array`), par un pas (`arange`)
# ou par un nombre de points (`linspace(a, b, num=n)` : n valeurs, donc n − 1
# intervalles). Les opérations agissent élément par élément (`2*X`, `X**2`, `X*Y`) ;
# `zeros`, `ones` et `random` initialisent un vecteur, et on le parcourt comme une
# liste. Le tirage au hasard, lui, diffère de celui du livre.

# %%
lecon.section("vecteurs", duree="1 s")
X = np.array([1, 2, 3, 4])
lecon.comparer("print(X)", sur_une_ligne(X), livre="[1 2 3 4]")
lecon.comparer("type(X)", f"{type(X).__module__}.{type(X).__name__}", livre="numpy.ndarray")
lecon.comparer("np.arange(1,8,0.5)", sur_une_ligne(np.arange(1, 8, 0.5)),
               livre="[1. 1.5 2. 2.5 3. 3.5 4. 4.5 5. 5.5 6. 6.5 7. 7.5]")
lecon.comparer("np.linspace(0,1,num=12)", sur_une_ligne(np.linspace(0, 1, num=12)),
               livre="[0. 0.09090909 0.18181818 0.27272727 0.36363636 0.45454545 "
                     "0.54545455 0.63636364 0.72727273 0.81818182 0.90909091 1.]")

# %%
# opérations élément par élément
X = np.array([1, 2, 3, 4])
lecon.comparer("2*X", sur_une_ligne(2 * X), livre="[2 4 6 8]")
lecon.comparer("X+1", sur_une_ligne(X + 1), livre="[2 3 4 5]")
lecon.comparer("X**2", sur_une_ligne(X ** 2), livre="[1 4 9 16]")
lecon.comparer("1/X", sur_une_ligne(1 / X), livre="[1. 0.5 0.33333333 0.25]")
lecon.comparer("np.sum(X)", np.sum(X), livre=10)
lecon.comparer("np.min(X)", np.min(X), livre=1)
lecon.comparer("np.max(X)", np.max(X), livre=4)
Y = np.array([10, 11, 12, 13])
lecon.comparer("X+Y", sur_une_ligne(X + Y), livre="[11 13 15 17]")
lecon.comparer("X*Y", sur_une_ligne(X * Y), livre="[10 22 36 52]")

# %%
# initialisation
lecon.comparer("np.zeros(5)", sur_une_ligne(np.zeros(5)), livre="[0. 0. 0. 0. 0.]")
X = np.ones(5)
lecon.comparer("7*X avec X = np.ones(5)", sur_une_ligne(7 * X), livre="[7. 7. 7. 7. 7.]")
print("np.random.random(5)         ", np.random.random(5), "(au hasard)")

# %%
# utilisation comme une liste
X = np.linspace(1, 2, num=10)
lecon.comparer("np.linspace(1,2,num=10)", sur_une_ligne(X),
               livre="[1. 1.11111111 1.22222222 1.33333333 1.44444444 1.55555556 1.66666667 "
                     "1.77777778 1.88888889 2.]")
print("X[0], X[1] :", X[0], X[1])
print("len(X), np.shape(X) :", len(X), np.shape(X))
for i in range(3):
    print(" ", i, X[i])

# %% [markdown]
# ## §1.5 — Appliquer une fonction à un vecteur
#
# `np.sqrt`, `np.cos`… s'appliquent à tout le vecteur d'un coup (et plus vite qu'une
# boucle). Les angles sont en radians : multiplier par 2π/360 pour des degrés.
# N'utilisez pas le module `math` : `math.cos(X)` échoue sur un vecteur, comme le
# montre la dernière ligne.

# %%
lecon.section("fonctions", duree="1 s")
X = np.array([0, 1, 2, 3, 4, 5])
lecon.comparer("np.sqrt(X)", sur_une_ligne(np.sqrt(X)), livre="[0. 1. 1.41421356 1.73205081 2. 2.23606798]")
lecon.comparer("X**2", sur_une_ligne(X ** 2), livre="[0 1 4 9 16 25]")
print("np.cos(2*np.pi/360*X)       ", np.round(np.cos(2 * np.pi / 360 * X), 6))
try:
    math.cos(X)
    math_cos_erreur = False
except TypeError as erreur:
    print("math.cos(X) :", type(erreur).__name__, "—", erreur)
    math_cos_erreur = True

# %% [markdown]
# ## Listings 2.1–2.4 — Tracés avec matplotlib
#
# La courbe de Gauss e^(−x²) ; le tracé point par point (`plot` relie les points,
# `scatter` ne les relie pas) ; un graphique avec titre, repère orthonormé et grille
# (« Amorti », que le livre enregistre avec `savefig`) ; enfin plusieurs courbes avec
# une légende : les sigmoïdes 1/(1 + e^(−kx)) pour k = 1, …, 4.

# %%
lecon.section("graphiques", duree="2 s")


def f(x):
    return np.exp(-x ** 2)


a, b = -3, 3
X = np.linspace(a, b, num=100)
Y = f(X)

fig_gauss = plt.figure()
plt.plot(X, Y)
lecon.figure(fig_gauss, "ch02-gauss")

# %%
X = np.array([0, 1, 2, 3, 4, 5])
Y = np.array([0, 1, 4, 1, 3, 2])

fig_points, axes = plt.subplots(1, 3, figsize=(12, 3.5))
axes[0].plot(X, Y)
axes[1].plot(X, Y, linewidth=3, color="red")
axes[2].scatter(X, Y)
lecon.figure(fig_points, "ch02-points")

# %%
def f(x):
    return np.exp(-x) * np.cos(2 * np.pi * x)


a, b = 0, 5
X = np.linspace(a, b, num=100)
Y = f(X)

fig_amorti = plt.figure()
plt.title("Amorti")   # titre
plt.axis("equal")     # repère orthonormé
plt.grid()            # grille
plt.xlim(a, b)        # bornes de l'axe des x
plt.plot(X, Y)
lecon.figure(fig_amorti, "amorti")   # le livre : plt.savefig('amorti.png')

# %%
def f(x, k):
    return 1 / (1 + np.exp(-k * x))


a, b = -5, 5
X = np.linspace(a, b, num=100)

fig_sigmoides = plt.figure()
for k in range(1, 5):
    Y = f(X, k)
    plt.plot(X, Y, label="k={}".format(k))

plt.legend()
lecon.figure(fig_sigmoides, "ch02-sigmoides")
