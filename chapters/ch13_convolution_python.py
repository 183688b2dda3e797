# %% [markdown]
# # Chapitre 13 — Convolution avec Python
#
# Ce que le chapitre montre : `scipy.signal.convolve2d` et ses trois variantes
# (même taille, étendue, restreinte), l'associativité de la convolution (et pas de
# la corrélation), le pooling en NumPy, le traitement d'une image (lire, convoluer,
# limiter à 0..255, écrire), `np.convolve` en une dimension, le produit de
# polynômes, le radar (corrélation 1-D) et le smiley caché dans un tas de pixels
# (corrélation 2-D). Nos fonctions sont comparées à NumPy / SciPy à chaque étape.
#
# Les images sont dessinées par le programme.
#
# Durée : quelques secondes (aucun entraînement).

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import tempfile
from pathlib import Path

from scipy import signal

from keras_facile import *
from keras_facile.convolution import (affichage_convolution, average_pooling, convolution_1d, convolution_2d,
                                      correlation_1d, correlation_2d, max_pooling, moyenne_mobile, noyau,
                                      produit_polynomes)
from keras_facile.images import (affichage_avant_apres, affichage_images, ecrire_image, image_avec_motif,
                                 image_test, lire_image_grise, smiley)
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

# %% [markdown]
# ## §1.1–1.2 — `signal.convolve2d` : même taille, étendue, restreinte
#
# `signal.convolve2d(A, M, mode='same', boundary='fill')` calcule le A ⋆ M du
# chapitre 12 (B1, de la taille de A) ; `mode='full'` donne la convolution étendue
# A ⋆̃ M (B2, deux lignes et deux colonnes de plus), `mode='valid'` la restreinte
# (B3, sans zéros virtuels). B2 contient B1, qui contient B3.

# %%
lecon.section("matrices", duree="< 1 s")
A = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
M = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])
B1 = signal.convolve2d(A, M, mode="same", boundary="fill")
B2 = signal.convolve2d(A, M, mode="full")
B3 = signal.convolve2d(A, M, mode="valid")
print("B1 (même taille) =\n", B1, "\nB2 (étendue) =\n", B2, "\nB3 (restreinte) =\n", B3)
lecon.comparer("B1 (même taille)", B1.tolist(),
               livre=[[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]])
lecon.comparer("B2 (étendue)", B2.tolist(),
               livre=[[2, 1, 7, 2, 6, 0], [5, 5, 9, 10, 0, 10], [7, 7, 17, 19, 16, 0], [9, 10, 12, 11, 0, 19],
                      [7, 5, 10, 13, 5, 0], [2, 0, 6, 2, 0, 6]])
lecon.comparer("B3 (restreinte)", B3.tolist(), livre=[[17, 19], [12, 11]])

# %%
emboites = bool(np.array_equal(B2[1:-1, 1:-1], B1) and np.array_equal(B1[1:-1, 1:-1], B3))
nous = all(np.array_equal(convolution_2d(A, M, m), B) for m, B in (("same", B1), ("full", B2), ("valid", B3)))
print("B2 contient B1 qui contient B3 :", emboites, "; notre convolution_2d donne la même chose :", nous)
lecon.comparer("B2 ⊃ B1 ⊃ B3", emboites)
lecon.comparer("notre convolution_2d = SciPy", nous)

# %% [markdown]
# ## §1.3 — Associativité : (A ⋆̃ M) ⋆̃ N = A ⋆̃ (M ⋆̃ N)
#
# Grâce au motif retourné, la convolution étendue est associative : deux couches de
# convolution sans activation valent une seule couche, de motif M ⋆̃ N. Sans
# retourner le motif (la corrélation), c'est faux.

# %%
lecon.section("associativite", duree="< 1 s")
rng = np.random.default_rng(lecon.graine)
A6, M1, N1 = rng.integers(-5, 6, (6, 4)), rng.integers(-5, 6, (3, 3)), rng.integers(-5, 6, (3, 3))
convolution_associative = bool(np.array_equal(convolution_2d(convolution_2d(A6, M1, "full"), N1, "full"),
                                              convolution_2d(A6, convolution_2d(M1, N1, "full"), "full")))
correlation_associative = bool(np.array_equal(correlation_2d(correlation_2d(A6, M1, "full"), N1, "full"),
                                              correlation_2d(A6, correlation_2d(M1, N1, "full"), "full")))
print("convolution associative :", convolution_associative, " ; corrélation associative :", correlation_associative)
print("deux couches de convolution sans activation = une seule couche, de motif M ⋆̃ N (5 × 5)")
lecon.comparer("convolution associative", convolution_associative)
lecon.comparer("corrélation associative", correlation_associative)

# %% [markdown]
# ## §1.4 — Le pooling en NumPy : `reshape` puis `transpose`
#
# On range la matrice en blocs k × k avec `reshape`, on rapproche les deux axes d'un
# bloc avec `transpose`, puis on prend le maximum (A′) ou la moyenne (A″) de chaque
# bloc — comme les couches `MaxPooling2D` et `AveragePooling2D` de Keras.

# %%
lecon.section("pooling", duree="< 1 s")
A4 = np.array([[16, 23, 22, 21, 12, 13], [0, 5, 18, 2, 17, 15], [10, 20, 4, 9, 7, 8], [11, 14, 1, 19, 6, 3]])
maxi, moy = max_pooling(A4, 2), average_pooling(A4, 2)
print("A′ (max) =\n", maxi, "\nA″ (moyenne) =\n", moy)
lecon.comparer("A′ (max-pooling)", maxi.tolist(), livre=[[23, 22, 17], [20, 19, 8]])
lecon.comparer("A″ (pooling en moyenne)", moy, livre=[[11, 15.75, 14.25], [13.75, 8.25, 6]])

# %%
x = A4[None, :, :, None].astype("float32")
keras_ok = bool(np.array_equal(keras.ops.convert_to_numpy(keras.layers.MaxPooling2D(2)(x))[0, :, :, 0], maxi)
                and np.allclose(keras.ops.convert_to_numpy(keras.layers.AveragePooling2D(2)(x))[0, :, :, 0], moy))
print("identiques à MaxPooling2D / AveragePooling2D de Keras :", keras_ok)
lecon.comparer("identiques à MaxPooling2D / AveragePooling2D", keras_ok)

# %% [markdown]
# ## §2 — Traitement d'une image : lire, convoluer, limiter à 0..255, écrire
#
# Une image en niveaux de gris est lue comme une matrice, convoluée par le motif de
# mise en relief ; le résultat sort de 0..255 : on le limite (`np.clip`) et on le
# convertit en entiers avant de l'écrire.

# %%
lecon.section("image", duree="< 1 s")
# les deux fichiers image vont avec les figures, sinon dans un dossier temporaire effacé à la fin
temporaire = tempfile.TemporaryDirectory(prefix="keras_facile_ch13_")
dossier = lecon.figures or Path(temporaire.name)
avant = ecrire_image(Path(dossier) / "image_avant.png", image_test((256, 256)))
A_img = lire_image_grise(avant)
B = signal.convolve2d(A_img, noyau("relief"), boundary="fill", mode="same")
lecon.figure(affichage_avant_apres(A_img, B), "ch13-image")

# %%
apres = ecrire_image(Path(dossier) / "image_apres.png", B)      # np.clip(B, 0, 255).astype(np.uint8)
relue = lire_image_grise(apres)
print(f"image lue {A_img.shape} {A_img.dtype}, sortie de {B.min()} à {B.max()}, écrite dans {apres}"
      f" ({relue.min()}..{relue.max()} après limitation)")

# %% [markdown]
# ## §3.1–3.2 — `np.convolve` en une dimension ; une sinusoïde bruitée lissée
#
# `np.convolve(f, g, 'same')` donne le f ⋆ g du chapitre 11, `'full'` la convolution
# étendue. Le motif (1/5)[1, 1, 1, 1, 1] lisse une sinusoïde bruitée.

# %%
lecon.section("convolution-1d", duree="< 1 s")
f, g = np.array([1, 0, 3, 5, 1]), np.array([1, 2, 3])
meme, etendue = np.convolve(f, g, "same"), np.convolve(f, g, "full")
print("np.convolve 'same' :", meme, " 'full' :", etendue)
lecon.comparer("np.convolve 'same'", meme.tolist(), livre=[2, 6, 11, 20, 17])
lecon.comparer("np.convolve 'full'", etendue.tolist(), livre=[1, 2, 6, 11, 20, 17, 3])

# %%
N = 100
f2 = np.sin(np.linspace(0, 2 * np.pi, N)) + np.random.default_rng(lecon.graine).random(N)
h = np.convolve(f2, moyenne_mobile(5), "same")
lecon.figure(affichage_convolution(f2, h), "ch13-lissage")
lecon.comparer("notre convolution_1d = np.convolve", bool(np.allclose(h, convolution_1d(f2, moyenne_mobile(5)))))

# %% [markdown]
# ## §3.3 — Le produit de polynômes : [P × Q] = [P] ⋆̃ [Q]
#
# Un polynôme est codé par ses coefficients, du plus haut degré au plus bas : le
# produit de deux polynômes est la convolution étendue de leurs listes.

# %%
lecon.section("polynomes", duree="< 1 s")
P, Q = [1, 2, 3, 4], [5, 6, 7]
PQ = produit_polynomes(P, Q)
termes = " + ".join(f"{c}X^{len(PQ) - 1 - i}" if i < len(PQ) - 1 else str(c) for i, c in enumerate(PQ))
print("P × Q =", termes.replace("X^1 ", "X "))
print("identique à np.polymul :", bool(np.array_equal(PQ, np.polymul(P, Q))))
lecon.comparer("(X³+2X²+3X+4)(5X²+6X+7)", PQ.tolist(), livre=[5, 16, 34, 52, 45, 28])

# %% [markdown]
# ## §3.4 — Le radar : retrouver une impulsion cachée dans le bruit
#
# Le signal reçu est du bruit plus une copie de l'impulsion émise entre les abscisses
# 350 et 450. La corrélation (la convolution sans retourner le motif : s = ax + by + cz)
# du signal par l'impulsion a son pic au centre de la copie, vers 400.

# %%
lecon.section("radar", duree="< 1 s")
rng = np.random.default_rng(lecon.graine)
impulsion = np.sinc(np.linspace(-3.14, 3.14, 100)) - 0.5
bruit = 0.5 * rng.normal(0, 1, 1000)
retard = 350
recu = bruit + np.pad(impulsion, (retard, 1000 - 100 - retard))
corr = correlation_1d(recu, impulsion)
pic = int(np.argmax(corr))

# %%
fig, axes = plt.subplots(4, 1, figsize=(10, 9))
for ax, y, titre, couleur in zip(axes, (impulsion, bruit, recu, corr),
                                 ("Impulsion émise g", "Bruit", "Signal reçu f", "Corrélation de f par g"),
                                 ("blue", "gray", "blue", "red")):
    ax.plot(y, color=couleur)
    ax.set_title(titre)
axes[3].axvline(pic, color="black", ls="--")
fig.tight_layout()
lecon.figure(fig, "ch13-radar")

# %%
print(f"pic de corrélation en {pic} (impulsion entre {retard} et {retard + 100}, centre {retard + 50})")
print("identique à np.correlate :", bool(np.allclose(corr, np.correlate(recu, impulsion, "same"))))
lecon.comparer("pic de corrélation", pic, livre=400, tol=3)
lecon.comparer("corrélation de [1,0,3,5,1] par [1,2,3]", correlation_1d([1, 0, 3, 5, 1], [1, 2, 3]).tolist(),
               livre=[2, 10, 21, 16, 7])

# %% [markdown]
# ## §4 — Un smiley caché dans un tas de pixels
#
# On cache un smiley 100 × 100, très atténué, dans une image de bruit 500 × 500. La
# corrélation de l'image par le motif (sans le retourner) est maximale là où le motif
# se trouve : vers (200, 300), le centre du smiley.

# %%
lecon.section("correlation-2d", duree="1 s")
motif = smiley(100)
bruit, image_cachee = image_avec_motif(motif, (500, 500), position=(150, 250), amplitude=0.2, graine=lecon.graine)
corr = correlation_2d(image_cachee, motif)
i, j = np.unravel_index(np.argmax(corr), corr.shape)
gris = lambda x: np.clip(128 + 128 * x, 0, 255)  # noqa: E731
lecon.figure(affichage_images([gris(bruit), gris(0.2 * motif), gris(image_cachee)],
                              ["Tas de pixels", "Motif (smiley)", "Image avec le motif caché"],
                              colonnes=3, figsize=(13, 4.6), vmin=0, vmax=255), "ch13-smiley")

# %%
lecon.figure(affichage_images([corr], [f"Corrélation : maximum en ({i}, {j})"], colonnes=1, figsize=(6, 6)),
             "ch13-smiley-correlation")
print(f"corrélation de {corr.min():.0f} à {corr.max():.0f} ; maximum en ({i}, {j})")
lecon.comparer("maximum de la corrélation", (int(i), int(j)), livre=(200, 300), tol=3)
