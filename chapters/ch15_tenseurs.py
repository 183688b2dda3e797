# %% [markdown]
# # Chapitre 15 — Tenseurs
#
# Un tenseur est un tableau de nombres à plusieurs dimensions : il généralise les
# vecteurs et les matrices, et c'est sur des tenseurs que se font tous les calculs des
# réseaux de neurones. Le chapitre manipule les tenseurs de numpy (dimension, taille,
# nombre d'éléments, opérations, changement de taille, regroupement), calcule la
# mémoire qu'occupe un jeu de données, puis découvre les tenseurs de tensorflow, qui
# savent calculer des dérivées et des gradients (`tf.GradientTape`).
#
# Durée : quelques secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from keras_facile import *
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

# %% [markdown]
# ## §1 — Les tenseurs de numpy
#
# Un vecteur est un tenseur de dimension 1, une matrice un tenseur de dimension 2, et T
# un 3-tenseur de taille (3, 2, 3). Trois mots à ne pas confondre : la **dimension**
# (`ndim`, *rank* en anglais, sans rapport avec le rang d'une matrice), la **taille**
# (`shape`) et le **nombre d'éléments** (`size`, produit des longueurs). Les opérations
# agissent élément par élément (`M * MM` n'est pas le produit matriciel) ; `reshape`
# change la taille en gardant les éléments (−1 : « à deviner »), `concatenate` regroupe
# deux tenseurs le long d'un axe.

# %%
lecon.section("numpy", duree="1 s")
V = np.array([5, 7, 8])
M = np.array([[6, 0, 2], [3, 2, 4]])
T = np.array([[[5, 1, 0], [3, 3, 2]], [[1, 1, 0], [5, 1, 7]], [[0, 0, 1], [8, 1, 9]]])
for nom, X in (("V", V), ("M", M), ("T", T)):
    print(f"{nom} : ndim = {X.ndim}, shape = {X.shape}, size = {X.size}")
print("T[1, 1, 2] =", T[1, 1, 2], "; M[1][2] =", M[1][2])
dimensions = {nom: (X.ndim, X.shape, X.size) for nom, X in (("V", V), ("M", M), ("T", T))}
lecon.comparer("V : ndim, shape, size", dimensions["V"], livre=(1, (3,), 3))
lecon.comparer("M : ndim, shape, size", dimensions["M"])
lecon.comparer("T : ndim, shape, size", dimensions["T"], livre=(3, (3, 2, 3), 18))

# %%
# Opérations élément par élément
print("V + 3 =", V + 3, "; V.mean() =", V.mean(), "; M.sum() =", M.sum())
MM = np.array([[1, 2, 3], [4, 5, 6]])
produit = M * MM
print("M ** 2 =", (M ** 2).tolist(), "; M * MM (élément par élément, pas le produit matriciel) =",
      produit.tolist(), "; T − 1 a la forme", (T - 1).shape, "; np.sqrt(T)[1, 1] =", np.round(np.sqrt(T)[1, 1], 3))
lecon.comparer("T[1, 1, 2]", T[1, 1, 2])

# %%
# Changer de taille : les 18 éléments de T, rangés autrement
formes = {
    "flatten": T.flatten(),
    "(2, 9)": np.reshape(T, (2, 9)),
    "(2, 3, 3)": np.reshape(T, (2, 3, 3)),
    "(9, -1)": np.reshape(T, (9, -1)),
}
for nom, X in formes.items():
    print(f"reshape {nom} → forme {X.shape}\n{X}")
lecon.comparer("T.flatten()", formes["flatten"], livre=[5, 1, 0, 3, 3, 2, 1, 1, 0, 5, 1, 7, 0, 0, 1, 8, 1, 9])
for nom, attendue in (("(2, 9)", (2, 9)), ("(2, 3, 3)", (2, 3, 3)), ("(9, -1)", (9, 2))):
    lecon.comparer(f"forme après reshape {nom}", formes[nom].shape, livre=attendue)

# %%
# Regrouper deux tenseurs
A = np.arange(1, 7).reshape((2, 3))
B = np.arange(7, 13).reshape((2, 3))
concatenations = {0: np.concatenate((A, B), axis=0), 1: np.concatenate((A, B), axis=1)}
for axe, C in concatenations.items():
    print(f"np.concatenate((A, B), axis={axe}) =\n{C}")
lecon.comparer("C1 (axis=0), ligne par ligne", concatenations[0].ravel(), livre=list(range(1, 13)))
lecon.comparer("C2 (axis=1), ligne par ligne", concatenations[1].ravel(), livre=[1, 2, 3, 7, 8, 9, 4, 5, 6, 10, 11, 12])

# %% [markdown]
# ## §1.2 — La place d'un jeu de données en mémoire
#
# Une image 28 × 28 en niveaux de gris est un tenseur (28, 28) de 784 éléments ; une
# image 32 × 32 en couleurs, un tenseur (32, 32, 3) de 3072 éléments. Les 50 000 images
# d'apprentissage de CIFAR-10 forment un 4-tenseur (50000, 32, 32, 3) : à un octet par
# nombre, 153,6 Mo (quatre fois plus en float32, après la division par 255).

# %%
lecon.section("memoire", duree="1 s")
jeux = {
    "une image MNIST (28, 28)": ((28, 28), np.uint8),
    "une image CIFAR-10 (32, 32, 3)": ((32, 32, 3), np.uint8),
    "MNIST, entraînement (60000, 28, 28)": ((60000, 28, 28), np.uint8),
    "CIFAR-10, entraînement (50000, 32, 32, 3)": ((50000, 32, 32, 3), np.uint8),
    "CIFAR-10 en float32 après /255": ((50000, 32, 32, 3), np.float32),
}
tailles = {}
for nom, (forme, type_) in jeux.items():
    elements = int(np.prod(forme))                      # le produit des longueurs des axes
    octets = elements * np.dtype(type_).itemsize        # 1 octet en uint8, 4 en float32
    tailles[nom] = (elements, octets)
    print(f"{nom:<45} {elements:>12} éléments  {octets / 1e6:>9.1f} Mo ({np.dtype(type_).name})")
lecon.comparer("éléments d'une image 28 × 28", tailles["une image MNIST (28, 28)"][0], livre=784)
lecon.comparer("éléments d'une image 32 × 32 × 3", tailles["une image CIFAR-10 (32, 32, 3)"][0], livre=3072)
lecon.comparer("CIFAR-10 entraînement, en Mo", tailles["CIFAR-10, entraînement (50000, 32, 32, 3)"][1] / 1e6,
               livre="153.6")

# %% [markdown]
# ## §2 — Dérivée et gradient avec tensorflow
#
# Les tenseurs de tensorflow sont bien plus riches que ceux de numpy : ils savent se
# dériver. Sous `tf.GradientTape`, tensorflow enregistre le calcul, puis donne la
# dérivée : celle de x² en 3, celle de f(x) = 2 ln x + e^(−x) en plusieurs points à la
# fois (`tape.watch` pour suivre une constante), enfin le gradient de f(x, y) = x y²
# en (2, 3).

# %%
lecon.section("gradienttape", duree="1 s")
x = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = x ** 2
derivee = tape.gradient(y, [x])[0].numpy()
print("Dérivée de x² en 3 :", derivee)
lecon.comparer("dérivée de x² en 3", derivee, livre=6)

x = tf.constant([1.0, 2.0, 3.0, 4.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x ** 2
vecteur = tape.gradient(y, x).numpy()
print("Dérivée de x² en [1, 2, 3, 4] :", vecteur)
lecon.comparer("dérivée de x² en [1, 2, 3, 4]", vecteur, livre=[2, 4, 6, 8])


# %%
def f(x):
    return 2 * tf.math.log(x) + tf.math.exp(-x)


x = tf.range(1, 4, 0.5)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = f(x)
tfgradient = tape.gradient(y, x)
valeurs = y.numpy()
gradient = [tfgradient[i].numpy() for i in range(len(tfgradient))]
print("x =", x.numpy(), "\nf(x) =", np.round(valeurs, 3), "\nf'(x) =", np.round(gradient, 3))
lecon.comparer("f(1), f(1.5)", valeurs[:2], livre=["0.367", "1.034"])
lecon.comparer("f'(x)", gradient, livre=[1.6321206, 1.1102033, 0.8646647, 0.717915, 0.6168796, 0.5412312])

# %%
# Avec plus de points : le graphe de f et de sa dérivée f' sur [1, 4]
t = tf.range(1, 4, 0.01)
with tf.GradientTape() as tape:
    tape.watch(t)
    yt = f(t)
fig_derivee, ax = plt.subplots()
ax.plot(t.numpy(), yt.numpy(), color="blue", label="f")
ax.plot(t.numpy(), tape.gradient(yt, t).numpy(), color="red", label="f'")
ax.legend()
lecon.figure(fig_derivee, "ch15-f-et-derivee")


# %%
def g(x, y):
    return x * y ** 2


x, y = tf.Variable(2.0), tf.Variable(3.0)
with tf.GradientTape() as tape:
    z = g(x, y)
dfx, dfy = [float(d.numpy()) for d in tape.gradient(z, [x, y])]
print("gradient de x y² en (2, 3) :", (dfx, dfy))
lecon.comparer("gradient de x y² en (2, 3)", (dfx, dfy), livre=(9, 12))

# %% [markdown]
# ## §2.2 — Le champ de gradient d'un point-selle
#
# Le gradient de f(x, y) = x² − y² calculé d'un coup sur toute une grille, puis dessiné
# par des flèches sur les lignes de niveau : les flèches sont perpendiculaires aux
# lignes de niveau et pointent vers les valeurs croissantes de f.

# %%
lecon.section("champ-de-gradient", duree="1 s")
VX = tf.linspace(-2.0, 2.0, 100)
X, Y = tf.meshgrid(VX, VX)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(X)
    tape.watch(Y)
    Z = X ** 2 - Y ** 2
GX, GY = tape.gradient(Z, X), tape.gradient(Z, Y)
ecart = float(np.max(np.abs(GX.numpy() - 2 * X.numpy())) + np.max(np.abs(GY.numpy() + 2 * Y.numpy())))
print("écart avec le gradient exact (2x, −2y) sur la grille :", ecart)
lecon.comparer("écart avec le gradient exact (2x, −2y)", ecart)

# %%
fig_champ, ax = plt.subplots()
ax.contour(X.numpy(), Y.numpy(), Z.numpy(), 20)
pas = 10     # une flèche tous les 10 points
ax.quiver(X.numpy()[::pas, ::pas], Y.numpy()[::pas, ::pas], GX.numpy()[::pas, ::pas], GY.numpy()[::pas, ::pas])
ax.set_aspect("equal")
lecon.figure(fig_champ, "ch15-champ-gradient")
