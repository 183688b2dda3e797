"""Chapitre 13 — Convolution avec Python.

Ce que le chapitre montre : ``scipy.signal.convolve2d`` et ses trois variantes
(même taille, étendue, restreinte), l'associativité de la convolution (et pas de
la corrélation), le pooling en numpy, le traitement d'une image (lire, convoluer,
limiter à 0..255, écrire), ``np.convolve`` en une dimension, le produit de
polynômes, le radar (corrélation 1-D) et le smiley caché dans un tas de pixels
(corrélation 2-D). Nos fonctions sont comparées à NumPy / SciPy à chaque étape.
Durée : quelques secondes. Les images sont dessinées par le programme.
"""
import tempfile
from pathlib import Path

from scipy import signal

from keras_facile import *
from keras_facile.chapitre import Chapitre
from keras_facile.convolution import (affichage_convolution, average_pooling, convolution_1d,
                                      convolution_2d, correlation_1d, correlation_2d, max_pooling,
                                      moyenne_mobile, noyau, produit_polynomes)
from keras_facile.images import (affichage_avant_apres, affichage_images, ecrire_image,
                                 image_avec_motif, image_test, lire_image_grise, smiley)

chapitre = Chapitre(__doc__)

A = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
M = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])


@chapitre.section("matrices", duree="< 1 s")
def matrices(options):
    """§1.1–1.2 — signal.convolve2d : même taille B1, étendue B2, restreinte B3 (B2 ⊃ B1 ⊃ B3)."""
    B1 = signal.convolve2d(A, M, mode="same", boundary="fill")
    B2 = signal.convolve2d(A, M, mode="full")
    B3 = signal.convolve2d(A, M, mode="valid")
    print("B1 (même taille) =\n", B1, "\nB2 (étendue) =\n", B2, "\nB3 (restreinte) =\n", B3)
    emboites = bool(np.array_equal(B2[1:-1, 1:-1], B1) and np.array_equal(B1[1:-1, 1:-1], B3))
    nous = all(np.array_equal(convolution_2d(A, M, m), B) for m, B in (("same", B1), ("full", B2), ("valid", B3)))
    print("B2 contient B1 qui contient B3 :", emboites, "; notre convolution_2d donne la même chose :", nous)
    return {"B1": B1.tolist(), "B2": B2.tolist(), "B3": B3.tolist(), "emboites": emboites,
            "notre_convolution": nous}


@chapitre.section("associativite", duree="< 1 s")
def associativite(options):
    """§1.3 — (A ⋆̃ M) ⋆̃ N = A ⋆̃ (M ⋆̃ N) ; faux pour la corrélation."""
    rng = np.random.default_rng(options.graine)
    A6, M1, N1 = rng.integers(-5, 6, (6, 4)), rng.integers(-5, 6, (3, 3)), rng.integers(-5, 6, (3, 3))
    conv = bool(np.array_equal(convolution_2d(convolution_2d(A6, M1, "full"), N1, "full"),
                               convolution_2d(A6, convolution_2d(M1, N1, "full"), "full")))
    corr = bool(np.array_equal(correlation_2d(correlation_2d(A6, M1, "full"), N1, "full"),
                               correlation_2d(A6, correlation_2d(M1, N1, "full"), "full")))
    print("convolution associative :", conv, " ; corrélation associative :", corr)
    print("deux couches de convolution sans activation = une seule couche, de motif M ⋆̃ N (5 × 5)")
    return {"convolution": conv, "correlation": corr}


@chapitre.section("pooling", duree="< 1 s")
def pooling(options):
    """§1.4 — max_pooling et average_pooling par reshape/transpose : A′ et A″."""
    A4 = np.array([[16, 23, 22, 21, 12, 13], [0, 5, 18, 2, 17, 15], [10, 20, 4, 9, 7, 8],
                   [11, 14, 1, 19, 6, 3]])
    maxi, moy = max_pooling(A4, 2), average_pooling(A4, 2)
    print("A′ (max) =\n", maxi, "\nA″ (moyenne) =\n", moy)
    x = A4[None, :, :, None].astype("float32")
    keras_ok = bool(np.array_equal(np.asarray(keras.layers.MaxPooling2D(2)(x))[0, :, :, 0], maxi)
                    and np.allclose(np.asarray(keras.layers.AveragePooling2D(2)(x))[0, :, :, 0], moy))
    print("identiques à MaxPooling2D / AveragePooling2D de Keras :", keras_ok)
    return {"max": maxi.tolist(), "moyenne": moy.tolist(), "keras": keras_ok}


@chapitre.section("image", duree="< 1 s")
def image(options):
    """§2 — lire une image, la convoluer (mise en relief), limiter à 0..255, l'écrire."""
    dossier = options.figures or Path(tempfile.mkdtemp(prefix="keras_facile_ch13_"))
    avant = ecrire_image(Path(dossier) / "image_avant.png", image_test((256, 256)))
    A_img = lire_image_grise(avant)
    B = signal.convolve2d(A_img, noyau("relief"), boundary="fill", mode="same")
    chapitre.figure(affichage_avant_apres(A_img, B), "ch13-image")
    apres = ecrire_image(Path(dossier) / "image_apres.png", B)      # np.clip(B, 0, 255).astype(np.uint8)
    relue = lire_image_grise(apres)
    print(f"image lue {A_img.shape} {A_img.dtype}, sortie de {B.min()} à {B.max()}, écrite dans {apres}"
          f" ({relue.min()}..{relue.max()} après limitation)")
    return {"forme": list(A_img.shape), "min_ecrit": int(relue.min()), "max_ecrit": int(relue.max())}


@chapitre.section("convolution-1d", duree="< 1 s")
def convolution_une_dimension(options):
    """§3.1–3.2 — np.convolve 'same' et 'full' ; une sinusoïde bruitée lissée par (1/5)[1,1,1,1,1]."""
    f, g = np.array([1, 0, 3, 5, 1]), np.array([1, 2, 3])
    meme, etendue = np.convolve(f, g, "same"), np.convolve(f, g, "full")
    print("np.convolve 'same' :", meme, " 'full' :", etendue)
    N = 100
    f2 = np.sin(np.linspace(0, 2 * np.pi, N)) + np.random.default_rng(options.graine).random(N)
    h = np.convolve(f2, moyenne_mobile(5), "same")
    chapitre.figure(affichage_convolution(f2, h), "ch13-lissage")
    ok = bool(np.allclose(h, convolution_1d(f2, moyenne_mobile(5))))
    return {"same": meme.tolist(), "full": etendue.tolist(), "notre_convolution": ok}


@chapitre.section("polynomes", duree="< 1 s")
def polynomes(options):
    """§3.3 — [P × Q] = [P] ⋆̃ [Q] : (X³+2X²+3X+4)(5X²+6X+7) = 5X⁵+16X⁴+34X³+52X²+45X+28."""
    P, Q = [1, 2, 3, 4], [5, 6, 7]
    PQ = produit_polynomes(P, Q)
    termes = " + ".join(f"{c}X^{len(PQ) - 1 - i}" if i < len(PQ) - 1 else str(c) for i, c in enumerate(PQ))
    print("P × Q =", termes.replace("X^1 ", "X "))
    print("identique à np.polymul :", bool(np.array_equal(PQ, np.polymul(P, Q))))
    return {"P*Q": PQ.tolist()}


@chapitre.section("radar", duree="< 1 s")
def radar(options):
    """§3.4 — radar : l'impulsion cachée dans le bruit (retard 350) ; pic de corrélation en 400."""
    rng = np.random.default_rng(options.graine)
    impulsion = np.sinc(np.linspace(-3.14, 3.14, 100)) - 0.5
    bruit = 0.5 * rng.normal(0, 1, 1000)
    retard = 350
    recu = bruit + np.pad(impulsion, (retard, 1000 - 100 - retard))
    corr = correlation_1d(recu, impulsion)
    pic = int(np.argmax(corr))
    fig, axes = plt.subplots(4, 1, figsize=(10, 9))
    for ax, y, titre, c in zip(axes, (impulsion, bruit, recu, corr),
                               ("Impulsion émise g", "Bruit", "Signal reçu f",
                                "Corrélation de f par g"), ("blue", "gray", "blue", "red")):
        ax.plot(y, color=c)
        ax.set_title(titre)
    axes[3].axvline(pic, color="black", ls="--")
    fig.tight_layout()
    chapitre.figure(fig, "ch13-radar")
    print(f"pic de corrélation en {pic} (impulsion entre {retard} et {retard + 100}, centre {retard + 50})")
    print("identique à np.correlate :", bool(np.allclose(corr, np.correlate(recu, impulsion, "same"))))
    return {"pic": pic, "correlation_livre": correlation_1d([1, 0, 3, 5, 1], [1, 2, 3]).tolist()}


@chapitre.section("correlation-2d", duree="1 s")
def correlation_deux_dimensions(options):
    """§4 — un smiley caché dans un tas de pixels 500 × 500 ; la corrélation le trouve vers (200, 300)."""
    motif = smiley(100)
    bruit, image_cachee = image_avec_motif(motif, (500, 500), position=(150, 250), amplitude=0.2,
                                           graine=options.graine)
    corr = correlation_2d(image_cachee, motif)
    i, j = np.unravel_index(np.argmax(corr), corr.shape)
    gris = lambda x: np.clip(128 + 128 * x, 0, 255)  # noqa: E731
    chapitre.figure(affichage_images([gris(bruit), gris(0.2 * motif), gris(image_cachee)],
                                     ["Tas de pixels", "Motif (smiley)", "Image avec le motif caché"],
                                     colonnes=3, figsize=(13, 4.6), vmin=0, vmax=255), "ch13-smiley")
    fig = affichage_images([corr], [f"Corrélation : maximum en ({i}, {j})"], colonnes=1, figsize=(6, 6))
    chapitre.figure(fig, "ch13-smiley-correlation")
    print(f"corrélation de {corr.min():.0f} à {corr.max():.0f} ; maximum en ({i}, {j})")
    return {"maximum": [int(i), int(j)]}


if __name__ == "__main__":
    chapitre.lancer()
