# %% [markdown]
# # Chapitre 12 — Convolution (deux dimensions)
#
# Ce que le chapitre montre : les matrices, le pooling (max et moyenne), la
# convolution A ⋆ M d'une matrice par un motif (retourner, centrer, multiplier,
# additionner), le neurone et la couche de convolution (9 poids partagés), les
# couches à plusieurs motifs et plusieurs canaux, le traitement d'images (flou,
# piqué, contours, relief …) et la rétropropagation avec des poids partagés,
# vérifiée avec `tf.GradientTape`. Chaque calcul est comparé à SciPy ou Keras.
#
# L'image traitée est dessinée par le programme ; si le jeu chats/chiens est
# disponible, une de ses photos est traitée aussi.
#
# Durée : quelques secondes (aucun entraînement).

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from scipy import signal

from keras_facile import *
from keras_facile.convolution import (NOYAUX, average_pooling, convolution_2d, couche_convolution, max_pooling,
                                      noyau, retourner)
from keras_facile.images import affichage_images, image_test, photo_chats_chiens
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Un petit outil pour plusieurs sections : la convolution « même taille » de SciPy, pour comparer.
def convolution_scipy(A, M, mode="same"):
    return signal.convolve2d(A, M, mode=mode, boundary="fill")


# %% [markdown]
# ## §1.1 — Somme, produit par un nombre, produit de matrices
#
# Les matrices se manipulent avec NumPy : `+` ajoute terme à terme, `3 * A`
# multiplie chaque coefficient, `@` est le produit de matrices.

# %%
lecon.section("matrices", duree="< 1 s")
somme = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]) + np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
triple = 3 * np.array([[1, 2, 3, 4], [8, 7, 5, 6]])
produit = np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]) @ np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
print("somme :\n", somme, "\n3 × A :\n", triple, "\nproduit :\n", produit)
lecon.comparer("somme", somme.tolist(), livre=[[1, 3, 3], [5, 1, 7], [7, 9, 9]])
lecon.comparer("3 × A", triple.tolist(), livre=[[3, 6, 9, 12], [24, 21, 15, 18]])
lecon.comparer("produit", produit.tolist(), livre=[[-6, -9, -12], [10, 11, 12], [18, 21, 24]])

# %% [markdown]
# ## §1.2 — Max-pooling et pooling en moyenne de taille 2
#
# Un pooling de taille k découpe la matrice en blocs k × k et garde de chacun son
# maximum (max-pooling) ou sa moyenne : une matrice n × p devient (n//k) × (p//k).

# %%
lecon.section("pooling", duree="< 1 s")
A = np.array([[3, 5, 0, 1, 1, 0], [2, 1, 4, 3, 2, 7], [3, 2, 1, 0, 4, 4], [1, 3, 2, 6, 0, 1]])
maxi, moy = max_pooling(A, 2), average_pooling(A, 2)
print("A =\n", A, "\nmax-pooling :\n", maxi, "\npooling en moyenne :\n", moy)
lecon.comparer("max-pooling, 1re ligne", maxi[0].tolist(), livre=[5, 4, 7])
lecon.comparer("max-pooling, 2e ligne, 1er bloc", int(maxi[1, 0]), livre=3)
lecon.comparer("pooling en moyenne, 1re ligne", moy[0], livre=[11 / 4, 2, 5 / 2])
lecon.comparer("pooling en moyenne, 2e ligne, 1er bloc", float(moy[1, 0]), livre=9 / 4)

# %%
# max-pooling de taille 3 d'une matrice 9 × 9 : le livre n'en imprime que le début (trois lignes,
# six colonnes) ; le reste est tiré au hasard
B = np.random.default_rng(lecon.graine).integers(0, 10, (9, 9))
B[:3, :6] = [[2, 5, 0, 5, 3, 6], [8, 4, 1, 1, 3, 0], [7, 0, 0, 0, 2, 2]]
maxi3 = max_pooling(B, 3)
print("max-pooling de taille 3 d'une matrice 9 × 9 :\n", maxi3)
lecon.comparer("max-pooling de taille 3, deux premiers blocs", maxi3[0, :2].tolist(), livre=[8, 6])

# %%
keras_max = keras.ops.convert_to_numpy(keras.layers.MaxPooling2D(2)(A[None, :, :, None].astype("float32")))[0, :, :, 0]
print("identique à keras.layers.MaxPooling2D :", bool(np.array_equal(keras_max, maxi)))
print("100 × 80 avec k = 4 :", max_pooling(np.zeros((100, 80)), 4).shape, "(16 fois moins de valeurs)")
lecon.comparer("100 × 80, pooling k = 4", max_pooling(np.zeros((100, 80)), 4).shape, livre=(25, 20))

# %% [markdown]
# ## §2.1 — La convolution A ⋆ M
#
# On retourne le motif M (un demi-tour, pas la transposée), on le centre sur chaque
# coefficient de A (avec des zéros virtuels autour), on multiplie les coefficients en
# face et on additionne. Un motif de taille paire est d'abord complété par des zéros
# à gauche et en haut.

# %%
lecon.section("convolution", duree="< 1 s")
A = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
M = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])
print("M =\n", M, "\nM retourné (demi-tour, pas la transposée) =\n", retourner(M))
bloc = np.pad(A, 1)[0:3, 0:3]
termes = " + ".join(f"{a}×{m}" for a, m in zip(bloc.ravel(), retourner(M).ravel()))
print("premier coefficient :", termes, "=", int((bloc * retourner(M)).sum()))
B = convolution_2d(A, M)
print("A ⋆ M =\n", B)
lecon.comparer("M retourné", retourner(M).tolist(), livre=[[3, 0, 1], [0, 1, 2], [2, 0, 1]])
lecon.comparer("premier coefficient", int((bloc * retourner(M)).sum()), livre=5)
lecon.comparer("A ⋆ M", B.tolist(), livre=[[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]])

# %%
A7 = np.array([[0, 1, 1, 1, 0, 0, 0], [0, 0, 1, 1, 1, 0, 0], [0, 0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 0, 0],
               [0, 0, 1, 1, 0, 0, 0], [0, 1, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0]])
M7 = np.array([[1, 0, 2], [0, 1, 0], [0, 1, 1]])
B7 = convolution_2d(A7, M7)
print("exemple 7 × 7 :\n", B7)
lecon.comparer("exemple 7 × 7", B7.tolist(),
               livre=[[0, 2, 2, 4, 2, 2, 0], [0, 1, 4, 4, 5, 2, 2], [0, 0, 2, 4, 5, 4, 0], [0, 1, 1, 4, 5, 2, 1],
                      [1, 1, 3, 4, 2, 1, 0], [1, 3, 4, 2, 1, 0, 0], [1, 2, 2, 1, 0, 0, 0]])

# %%
M2 = np.array([[1, 2], [3, 4]])
print("motif pair [[1,2],[3,4]] : complété en\n", np.pad(M2, ((1, 0), (1, 0))), "\npuis retourné en\n",
      retourner(np.pad(M2, ((1, 0), (1, 0)))))
egal_scipy = all(np.array_equal(convolution_2d(X, Y), convolution_scipy(X, Y)) for X, Y in ((A, M), (A7, M7), (A, M2)))
print("identique à scipy.signal.convolve2d(mode='same') :", egal_scipy)
lecon.comparer("identique à scipy.signal.convolve2d", egal_scipy)

# %% [markdown]
# ## §2.2 — Exemples : un motif 3 × 3 sur une matrice 3 × 5, translations, moyenne
#
# Le motif [[0,0,0],[0,0,0],[0,1,0]] descend la matrice d'une ligne, [[0,0,0],[0,0,1],[0,0,0]]
# la décale d'une colonne vers la droite ; (1/9) fois la matrice de 1 fait la moyenne des
# 9 voisins (les zéros virtuels font baisser les bords). Le livre tronque ses valeurs : 1.77
# pour 1.777…

# %%
lecon.section("exemples", duree="< 1 s")
A = np.array([[2, -1, 7, 3, 0], [2, 0, 0, -2, 1], [-5, 0, -1, -1, 4]])
B = convolution_2d(A, noyau("relief"))
print("A ⋆ M (3 × 5) =\n", B)
lecon.comparer("A ⋆ M (3 × 5)", B.tolist(), livre=[[1, -6, 7, 10, 2], [9, 7, 10, 7, 1], [-3, 0, 0, -8, 0]])

# %%
C = np.arange(1, 17).reshape(4, 4)
bas = convolution_2d(C, [[0, 0, 0], [0, 0, 0], [0, 1, 0]])
droite = convolution_2d(C, [[0, 0, 0], [0, 0, 1], [0, 0, 0]])
print("translation vers le bas :\n", bas, "\ntranslation vers la droite :\n", droite)
lecon.comparer("translation vers le bas", bas.tolist(),
               livre=[[0, 0, 0, 0], [1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
lecon.comparer("translation vers la droite", droite.tolist(),
               livre=[[0, 1, 2, 3], [0, 5, 6, 7], [0, 9, 10, 11], [0, 13, 14, 15]])

# %%
moyenne = convolution_2d(np.arange(1, 26).reshape(5, 5), noyau("flou"))
print("moyenne 3 × 3 (effets de bord dus aux zéros virtuels) :\n", np.round(moyenne, 2))
lecon.comparer("moyenne 3 × 3", moyenne,
               livre=[["1.77", "3", "3.66", "4.33", "3.11"], ["4.33", "7", "8", "9", "6.33"],
                      ["7.66", "12", "13", "14", "9.66"], ["11", "17", "18", "19", "13"],
                      ["8.44", "13", "13.66", "14.33", "9.77"]])

# %% [markdown]
# ## §2.3–2.5 — Neurone et couche de convolution ; plusieurs motifs et plusieurs canaux
#
# Une couche de convolution 3 × 3 sur une entrée n × p a n·p neurones mais seulement
# 9 poids partagés (une couche dense en aurait (np)²). Avec k canaux d'entrée et ℓ
# motifs de taille 3 × 3 × k, une entrée (n, p, k) devient une sortie (n, p, ℓ) : c'est
# la couche `Conv2D` de Keras, qui calcule une corrélation (on lui donne les motifs
# retournés). Le dropout désactive au hasard des neurones pendant l'entraînement.

# %%
lecon.section("neurone-couche", duree="< 1 s")
n = p = 100
print(f"entrée {n} × {p} : couche dense {(n * p) ** 2:.0e} poids, couche de convolution 3 × 3 : 9 poids")
lecon.comparer("poids d'une couche dense 100 × 100 → 100 × 100", (n * p) ** 2, livre=10 ** 8)

# %%
# ℓ motifs de taille 3 × 3 × k sur une entrée (n, p, k) → sortie (n, p, ℓ)
rng = np.random.default_rng(lecon.graine)
k, ell = 3, 4
A = rng.normal(size=(8, 6, k)).astype("float32")
motifs = rng.normal(size=(3, 3, k, ell)).astype("float32")
biais = rng.normal(size=ell).astype("float32")
nous = couche_convolution(A, motifs, biais, activation=lambda x: np.maximum(x, 0))
couche = keras.layers.Conv2D(ell, 3, padding="same", activation="relu")
couche.build((None, 8, 6, k))
couche.set_weights([motifs[::-1, ::-1].copy(), biais])   # Keras : corrélation → motifs retournés
ecart_keras = float(np.abs(keras.ops.convert_to_numpy(couche(A[None]))[0] - nous).max())
print(f"entrée {A.shape}, {ell} motifs {motifs.shape[:3]} → sortie {nous.shape} ;"
      f" Conv2D de Keras : {couche.count_params()} poids, écart {ecart_keras:.1g}")
lecon.comparer("forme de la sortie", nous.shape, livre=(8, 6, 4))
lecon.comparer("poids de Conv2D (3 × 3 × 3 × 4 + 4)", couche.count_params())

# %%
# dropout : chaque neurone est désactivé avec probabilité 1/2 (et les autres multipliés par 2)
masque = keras.ops.convert_to_numpy(keras.layers.Dropout(0.5, seed=lecon.graine)(np.ones((1, 12)), training=True))
print("Dropout(0.5) sur 12 neurones à 1 :", masque.ravel())

# %% [markdown]
# ## §3 — Traitement d'images : flou, gaussien, piqué, lignes, contours, relief ; pooling 4 × 4
#
# Une image en niveaux de gris est une matrice de nombres entre 0 (noir) et 255
# (blanc). Chaque motif du catalogue a son effet : le flou efface un mauvais pixel,
# un motif de contours donne 0 sur une zone uniforme, le pooling 4 × 4 garde 16 fois
# moins de pixels.

# %%
lecon.section("images", duree="1 s")
A = image_test().astype(float)
noms = ["flou", "gaussien", "pique", "verticales", "horizontales", "diagonales",
        "contours", "contours_2", "contours_3", "relief"]
sorties = {nom: convolution_2d(A, noyau(nom)) for nom in noms}
for nom in noms:
    fig = affichage_images([A, np.clip(sorties[nom], 0, 255)], ["Image originale", NOYAUX[nom][1]], colonnes=2,
                           vmin=0, vmax=255, figsize=(10, 4.2))
    lecon.figure(fig, f"ch12-{nom.replace('_', '-')}")
lecon.comparer("contours sur une zone uniforme", float(sorties["contours"][50, 160]), livre=0)   # le carré sombre

# %%
# un mauvais pixel est effacé par le flou
bruitee = A.copy()
bruitee[60, 60] = 255 - bruitee[60, 60]
ecart_avant = abs(bruitee[60, 60] - A[60, 60])
ecart_apres = abs(convolution_2d(bruitee, noyau("flou"))[60, 60] - convolution_2d(A, noyau("flou"))[60, 60])
print(f"un mauvais pixel : écart {ecart_avant:.0f} avant le flou, {ecart_apres:.1f} après")

# %%
photo = photo_chats_chiens()                # une vraie photo, si le jeu chats/chiens est là
if photo is not None:
    photo = photo.astype(float)
    fig = affichage_images([photo, np.clip(convolution_2d(photo, noyau("contours")), 0, 255),
                            np.clip(convolution_2d(photo, noyau("relief")) + 128, 0, 255)],
                           ["Photo (chats/chiens)", "Contours", "Mise en relief"], colonnes=3,
                           vmin=0, vmax=255, figsize=(12, 4.2))
    lecon.figure(fig, "ch12-photo")

# %%
maxi, moy = max_pooling(A, 4), average_pooling(A, 4)
lecon.figure(affichage_images([A, maxi, moy], ["Image originale", "Max-pooling", "Average-pooling"],
                              colonnes=3, figsize=(12, 3.6)), "ch12-pooling")
print(f"pooling 4 × 4 : {A.shape} → {maxi.shape} (16 fois moins de pixels)")

# %% [markdown]
# ## §4 — Rétropropagation avec un poids partagé
#
# Un poids a partagé par plusieurs neurones reçoit la somme des contributions de
# chacun : ∂F/∂a = Σ f_i · g'_i · ∂F/∂g_i. On le vérifie sur une petite couche `Conv1D`
# (activation tanh, F = somme des carrés des sorties) avec `tf.GradientTape`.

# %%
lecon.section("retropropagation", duree="< 1 s")
rng = np.random.default_rng(lecon.graine)
f = tf.constant(rng.normal(size=(1, 8, 1)), dtype="float32")      # entrées f_1 … f_8
noyau_initial = rng.normal(size=(3, 1, 1)).astype("float32")
conv = keras.layers.Conv1D(1, 3, padding="valid", use_bias=False, activation="tanh")
conv.build((None, 8, 1))
conv.set_weights([noyau_initial])
psi = lambda g: tf.reduce_sum(g ** 2)   # noqa: E731  F = ψ(g_1, …, g_6)
with tf.GradientTape(persistent=True) as bande:
    g = conv(f)
    F = psi(g)
gradient_tape = bande.gradient(F, conv.kernel).numpy().ravel()

# %%
# à la main : chaque poids a (ici le j-ième du noyau) est partagé par les 6 neurones de sortie
entree = f.numpy().ravel()
s = np.array([entree[i:i + 3] @ noyau_initial.ravel() for i in range(6)])   # avant activation
g_np = np.tanh(s)
dF_dg = 2 * g_np
g_prime = 1 - g_np ** 2
gradient_main = np.array([sum(entree[i + j] * g_prime[i] * dF_dg[i] for i in range(6)) for j in range(3)])
ecart = float(np.abs(gradient_main - gradient_tape).max())
print("gradient par GradientTape :", np.round(gradient_tape, 5))
print("gradient à la main Σ f_i g'_i ∂F/∂g_i :", np.round(gradient_main, 5), f"(écart {ecart:.1g})")
lecon.comparer("écart main / GradientTape", ecart)
