# %% [markdown]
# # Chapitre 4 — Python : numpy et matplotlib avec deux variables
#
# Les tableaux numpy à deux dimensions (comme des matrices), puis les graphes de
# fonctions de deux variables (des surfaces) et leurs lignes de niveau. Chaque listing
# du livre est ici ; pour chaque affichage imprimé dans le livre, une ligne compare ce
# que `print` affiche ici à ce qu'affiche le livre.
#
# Durée : quelques secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
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
# ## Introduction — Le graphe de y³ + 2y² − x²
#
# Le graphe de f(x, y) = y³ + 2y² − x² sous deux points de vue, puis ses lignes de
# niveau dans le plan : tout ce que ce chapitre apprend à tracer.

# %%
lecon.section("introduction", duree="1 s")
X, Y = np.meshgrid(np.arange(-2.5, 2.5, 0.2), np.arange(-2.5, 1.7, 0.2))
Z = Y ** 3 + 2 * Y ** 2 - X ** 2
for vue in [(30, -135), (5, -145)]:
    fig = plt.figure()
    ax = plt.axes(projection="3d")
    ax.view_init(*vue)
    ax.plot_surface(X, Y, Z, cmap="viridis")
    lecon.figure(fig, f"ch04-introduction-{vue[0]}")

# %%
fig_niveaux, ax = plt.subplots()
ax.contour(X, Y, Z, np.arange(-2, 2, 0.5))
lecon.figure(fig_niveaux, "ch04-introduction-niveaux")

# %% [markdown]
# ## §1.1–1.3 — Tableaux, conversion et meshgrid
#
# Un tableau se définit par la liste de ses lignes ; `np.shape` donne (lignes,
# colonnes) et les fonctions s'appliquent élément par élément. `flatten` en fait un
# vecteur, `reshape` le remet en tableau. Pour évaluer f(x, y) sur une grille,
# `meshgrid` fabrique X (lignes identiques) et Y (colonnes identiques), puis
# Z = f(X, Y). Les points (x, y, z) de la grille dessinent la surface quand n grandit
# (n = 5, puis n = 20).

# %%
lecon.section("tableaux", duree="1 s")
A = np.array([[1, 2, 3], [4, 5, 6]])
lecon.comparer("print(A)", sur_une_ligne(A), livre="[[1 2 3] [4 5 6]]")
lecon.comparer("np.shape(A)", np.shape(A), livre=(2, 3))
lecon.comparer("np.sqrt(A)", sur_une_ligne(np.sqrt(A)),
               livre="[[1. 1.41421356 1.73205081] [2. 2.23606798 2.44948974]]")
p, n = np.shape(A)
parcours = []
for i in range(p):
    for j in range(n):
        parcours.append(int(A[i, j]))
print("A[i,j] ligne par ligne :", *parcours)

# %%
# conversion tableau ↔ vecteur
X = A.flatten()
lecon.comparer("X = A.flatten()", sur_une_ligne(X), livre="[1 2 3 4 5 6]")
lecon.comparer("X.reshape((3,2))", sur_une_ligne(X.reshape((3, 2))), livre="[[1 2] [3 4] [5 6]]")

# %%
# fonctions de deux variables : sur deux vecteurs, f agit paire par paire
def f(x, y):
    return x * y


VX, VY = np.array([1, 2, 3, 4]), np.array([5, 6, 7, 8])
print("f(VX,VY) avec f(x,y) = x*y  ", f(VX, VY), "(f(1,5), f(2,6), f(3,7), f(4,8))")

# %%
# sur une grille : meshgrid
n = 5
VX = np.linspace(0, 2, n)
VY = np.linspace(0, 2, n)
X, Y = np.meshgrid(VX, VY)


def f(x, y):
    return x ** 2 + y ** 2


Z = f(X, Y)
print("X =")
print(X)
print("Y =")
print(Y)
lecon.comparer("Z = f(X,Y)", sur_une_ligne(Z),
               livre="[[0. 0.25 1. 2.25 4.] [0.25 0.5 1.25 2.5 4.25] [1. 1.25 2. 3.25 5.] "
                     "[2.25 2.5 3.25 4.5 6.25] [4. 4.25 5. 6.25 8.]]")

# %%
for n in (5, 20):
    VX = np.linspace(0, 2, n)
    VY = np.linspace(0, 2, n)
    X, Y = np.meshgrid(VX, VY)
    fig = plt.figure()
    ax = plt.axes(projection="3d")
    ax.scatter(X, Y, f(X, Y), color="red")
    ax.view_init(20, -150)
    lecon.figure(fig, f"ch04-grille-n{n}")

# %% [markdown]
# ## §2 — Un peu plus sur numpy
#
# Ses propres fonctions (`def`, `lambda`) s'appliquent aux vecteurs, sauf si elles
# contiennent un test comme `valeur_absolue` : il faut alors `np.vectorize`. numpy ne
# s'arrête pas sur 1/0 ni sur log(0) : il renvoie `inf`, `-inf` ou `nan` (avec un
# simple avertissement). Enfin, on découpe un vecteur comme une liste : `X[10:20]`,
# `X[:10]`, `X[90:]`.

# %%
lecon.section("numpy-suite", duree="1 s")


def ma_formule(x):
    return np.cos(x) ** 2 - np.sin(x) ** 2


X = np.linspace(0, 1, 5)
print("cos²x − sin²x = cos 2x :", np.allclose(ma_formule(X), np.cos(2 * X)))
f = lambda n: n * (n + 1) / 2
print("f(np.arange(1,6))             ", f(np.arange(1, 6)))

# %%
def valeur_absolue(x):
    if x >= 0:
        return x
    else:
        return -x


try:
    valeur_absolue(np.array([-2, 3]))
    non_vectorisable_erreur = False
except ValueError as erreur:
    print("valeur_absolue(X) :", type(erreur).__name__)
    non_vectorisable_erreur = True
vec_valeur_absolue = np.vectorize(valeur_absolue, otypes=[np.float64])
print("vec_valeur_absolue(X)         ", vec_valeur_absolue(np.array([-2, 3, -0.5])))

# %%
# le zéro et l'infini : numpy prévient (avertissement) mais continue
X = np.array([-1, 0, 1, 2, 3])
with np.errstate(divide="ignore", invalid="ignore"):   # sans cette ligne : les avertissements du livre
    inverses = 1 / X
    Y = np.log(X)
lecon.comparer("1/X", sur_une_ligne(inverses), livre="[-1. inf 1. 0.5 0.33333333]")
lecon.comparer("Y = np.log(X)", sur_une_ligne(Y), livre="[nan -inf 0. 0.69314718 1.09861229]")
lecon.comparer("np.exp(Y)", sur_une_ligne(np.exp(Y)), livre="[nan 0. 1. 2. 3.]")

# %%
# utilisation comme une liste
X = np.linspace(0, 10, num=100)
print("X[50], X[-1] :", X[50], X[-1])
decoupage = (len(X[10:20]), len(X[:10]), len(X[90:]), float(X[-1]))
print("len(X[10:20]), len(X[:10]), len(X[90:]) :", *decoupage[:3])
print("np.append(np.arange(0,5,0.5), 8.5)", np.append(np.arange(0, 5, 0.5), 8.5))

# %% [markdown]
# ## §3.1 — Graphes (Listing 4.1)
#
# `plot_surface(X, Y, Z)` trace la selle de cheval x² − y² sur une grille n × n :
# plus n est grand, plus la surface paraît lisse (n = 5, 10, puis 20) ; `view_init`
# fixe le point de vue. Puis trois variantes : fil de fer (`plot_wireframe`), barre
# des couleurs (`colorbar`) et sin(√(x² + y²)).

# %%
lecon.section("surfaces", duree="2 s")


def f(x, y):
    return x ** 2 - y ** 2


for n, vue in [(5, (40, -30)), (10, (35, -50)), (20, (30, -70))]:
    VX = np.linspace(-2.0, 2.0, n)
    VY = np.linspace(-2.0, 2.0, n)
    X, Y = np.meshgrid(VX, VY)
    Z = f(X, Y)

    fig = plt.figure()
    ax = plt.axes(projection="3d")
    ax.view_init(*vue)
    ax.plot_surface(X, Y, Z)
    lecon.figure(fig, f"ch04-selle-n{n}")

# %%
X, Y = np.meshgrid(np.linspace(-3, 3, 20), np.linspace(-3, 3, 20))
fig_fil_de_fer = plt.figure()
ax = plt.axes(projection="3d")
ax.view_init(40, -70)
ax.plot_wireframe(X, Y, 1 / (2 + X ** 2 + Y ** 2))
lecon.figure(fig_fil_de_fer, "ch04-fil-de-fer")

# %%
X, Y = np.meshgrid(np.linspace(-3, 3, 25), np.linspace(-3, 3, 25))
fig_couleurs = plt.figure()
ax = plt.axes(projection="3d")
surface = ax.plot_surface(X, Y, np.abs(X) + np.abs(Y), cmap="hot")
fig_couleurs.colorbar(surface)
lecon.figure(fig_couleurs, "ch04-barre-couleurs")

# %%
X, Y = np.meshgrid(np.linspace(-6, 6, 50), np.linspace(-6, 6, 50))
fig_sinus = plt.figure()
ax = plt.axes(projection="3d")
ax.view_init(40, -120)
ax.plot_surface(X, Y, np.sin(np.sqrt(X ** 2 + Y ** 2)), cmap="viridis")
lecon.figure(fig_sinus, "ch04-sinus-rayon")

# %% [markdown]
# ## §3.2 — Lignes de niveau
#
# `contour` trace les lignes de niveau : un nombre de niveaux, ou une liste de niveaux
# que `clabel` étiquette comme les altitudes d'une carte ; `contourf` colorie les
# zones entre deux niveaux ; on peut enfin tracer les lignes de niveau sous la surface.

# %%
lecon.section("lignes-de-niveau", duree="2 s")
N = lecon.taille(100, rapide=50)
X, Y = np.meshgrid(np.linspace(-6, 6, N), np.linspace(-6, 6, N))
fig_dix_niveaux, ax = plt.subplots()
ax.contour(X, Y, np.sin(X) + np.cos(Y), 10)
ax.axis("equal")
lecon.figure(fig_dix_niveaux, "ch04-niveaux-10")

# %%
X, Y = np.meshgrid(np.linspace(-3, 3, N), np.linspace(-3, 3, N))
Z = (3 * (1 - X) ** 2 * np.exp(-X ** 2 - (Y + 1) ** 2) - 10 * (X / 5 - X ** 3 - Y ** 5) * np.exp(-X ** 2 - Y ** 2)
     - np.exp(-(X + 1) ** 2 - Y ** 2) / 3)
fig_etiquetes, ax = plt.subplots()
mes_niveaux = np.arange(-5, 5, 1)
trace = ax.contour(X, Y, Z, mes_niveaux)
etiquettes = ax.clabel(trace, inline=True, fontsize=8)
lecon.figure(fig_etiquetes, "ch04-niveaux-etiquetes")

# %%
fig_contourf, ax = plt.subplots()
zones = ax.contourf(X, Y, np.sin(2 * X + Y ** 2), np.linspace(-1, 1, 11), cmap="hot")
fig_contourf.colorbar(zones)
ax.contour(X, Y, np.sin(2 * X + Y ** 2), np.linspace(-1, 1, 11), colors="black", linewidths=0.5)
lecon.figure(fig_contourf, "ch04-contourf")

# %%
X, Y = np.meshgrid(np.linspace(-3.14, 3.14, N), np.linspace(-3.14, 3.14, N))
Z = np.cos(X) * np.sin(Y) + 2
fig_sous_surface = plt.figure()
ax = plt.axes(projection="3d")
ax.plot_surface(X, Y, Z, cmap="viridis", alpha=0.8)
ax.contour(X, Y, Z, np.linspace(1, 3, 10), offset=1, colors="black")
lecon.figure(fig_sous_surface, "ch04-niveaux-sous-surface")
