"""Chapitre 12 — Convolution (deux dimensions).

Ce que le chapitre montre : les matrices, le pooling (max et moyenne), la
convolution A ⋆ M d'une matrice par un motif (retourner, centrer, multiplier,
additionner), le neurone et la couche de convolution (9 poids partagés), les
couches à plusieurs motifs et plusieurs canaux, le traitement d'images (flou,
piqué, contours, relief …) et la rétropropagation avec des poids partagés,
vérifiée avec ``tf.GradientTape``. Chaque calcul est comparé à SciPy ou Keras.
Durée : quelques secondes. L'image traitée est dessinée par le programme ; si le
jeu chats/chiens est disponible, une de ses photos est traitée aussi.
"""
from scipy import signal

from keras_facile import *
from keras_facile.chapitre import Chapitre
from keras_facile.convolution import (average_pooling, convolution_2d, couche_convolution,
                                      max_pooling, noyau, NOYAUX, retourner)
from keras_facile.images import affichage_images, image_test, photo_chats_chiens

chapitre = Chapitre(__doc__)


def _scipy(A, M, mode="same"):
    return signal.convolve2d(A, M, mode=mode, boundary="fill")


@chapitre.section("matrices", duree="< 1 s")
def matrices(options):
    """§1.1 — somme, produit par un nombre, produit de matrices."""
    somme = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]) + np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    triple = 3 * np.array([[1, 2, 3, 4], [8, 7, 5, 6]])
    produit = np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]) @ np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    print("somme :\n", somme, "\n3 × A :\n", triple, "\nproduit :\n", produit)
    return {"somme": somme.tolist(), "triple": triple.tolist(), "produit": produit.tolist()}


@chapitre.section("pooling", duree="< 1 s")
def pooling(options):
    """§1.2 — max-pooling et pooling en moyenne de taille 2 : [5, 4, 7] et [11/4, 2, 5/2]."""
    A = np.array([[3, 5, 0, 1, 1, 0], [2, 1, 4, 3, 2, 7], [3, 2, 1, 0, 4, 4], [1, 3, 2, 6, 0, 1]])
    maxi, moy = max_pooling(A, 2), average_pooling(A, 2)
    print("A =\n", A, "\nmax-pooling :\n", maxi, "\npooling en moyenne :\n", moy)
    keras_max = np.asarray(keras.layers.MaxPooling2D(2)(A[None, :, :, None].astype("float32")))[0, :, :, 0]
    print("identique à keras.layers.MaxPooling2D :", bool(np.array_equal(keras_max, maxi)))
    print("100 × 80 avec k = 4 :", max_pooling(np.zeros((100, 80)), 4).shape, "(16 fois moins de valeurs)")
    return {"max": maxi.tolist(), "moyenne": moy.tolist()}


@chapitre.section("convolution", duree="< 1 s")
def convolution(options):
    """§2.1 — A ⋆ M : motif retourné, centré ; premier coefficient 5 ; motif de taille paire."""
    A = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
    M = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])
    print("M =\n", M, "\nM retourné (demi-tour, pas la transposée) =\n", retourner(M))
    bloc = np.pad(A, 1)[0:3, 0:3]
    termes = " + ".join(f"{a}×{m}" for a, m in zip(bloc.ravel(), retourner(M).ravel()))
    print("premier coefficient :", termes, "=", int((bloc * retourner(M)).sum()))
    B = convolution_2d(A, M)
    print("A ⋆ M =\n", B)
    A7 = np.array([[0, 1, 1, 1, 0, 0, 0], [0, 0, 1, 1, 1, 0, 0], [0, 0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 0, 0],
                   [0, 0, 1, 1, 0, 0, 0], [0, 1, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0]])
    M7 = np.array([[1, 0, 2], [0, 1, 0], [0, 1, 1]])
    B7 = convolution_2d(A7, M7)
    print("exemple 7 × 7 :\n", B7)
    M2 = np.array([[1, 2], [3, 4]])
    print("motif pair [[1,2],[3,4]] : complété en\n", np.pad(M2, ((1, 0), (1, 0))), "\npuis retourné en\n",
          retourner(np.pad(M2, ((1, 0), (1, 0)))))
    egal_scipy = all(np.array_equal(convolution_2d(X, Y), _scipy(X, Y)) for X, Y in ((A, M), (A7, M7), (A, M2)))
    print("identique à scipy.signal.convolve2d(mode='same') :", egal_scipy)
    return {"A*M": B.tolist(), "exemple_7x7": B7.tolist(), "scipy": egal_scipy}


@chapitre.section("exemples", duree="< 1 s")
def exemples(options):
    """§2.2 — l'exemple 3 × 5, translations vers le bas et vers la droite, moyenne 3 × 3."""
    A = np.array([[2, -1, 7, 3, 0], [2, 0, 0, -2, 1], [-5, 0, -1, -1, 4]])
    B = convolution_2d(A, noyau("relief"))
    print("A ⋆ M (3 × 5) =\n", B)
    C = np.arange(1, 17).reshape(4, 4)
    bas = convolution_2d(C, [[0, 0, 0], [0, 0, 0], [0, 1, 0]])
    droite = convolution_2d(C, [[0, 0, 0], [0, 0, 1], [0, 0, 0]])
    print("translation vers le bas :\n", bas, "\ntranslation vers la droite :\n", droite)
    moyenne = convolution_2d(np.arange(1, 26).reshape(5, 5), noyau("flou"))
    print("moyenne 3 × 3 (effets de bord dus aux zéros virtuels) :\n", np.round(moyenne, 2))
    return {"3x5": B.tolist(), "bas": bas.tolist(), "droite": droite.tolist(),
            "moyenne": np.round(moyenne, 2).tolist()}


@chapitre.section("neurone-couche", duree="< 1 s")
def neurone_couche(options):
    """§2.3–2.5 — neurone et couche de convolution (9 poids partagés) ; plusieurs motifs et canaux."""
    n = p = 100
    print(f"entrée {n} × {p} : couche dense {(n * p) ** 2:.0e} poids, couche de convolution 3 × 3 : 9 poids")
    # ℓ motifs de taille 3 × 3 × k sur une entrée (n, p, k) → sortie (n, p, ℓ)
    rng = np.random.default_rng(options.graine)
    k, ell = 3, 4
    A = rng.normal(size=(8, 6, k)).astype("float32")
    motifs = rng.normal(size=(3, 3, k, ell)).astype("float32")
    biais = rng.normal(size=ell).astype("float32")
    nous = couche_convolution(A, motifs, biais, activation=lambda x: np.maximum(x, 0))
    couche = keras.layers.Conv2D(ell, 3, padding="same", activation="relu")
    couche.build((None, 8, 6, k))
    couche.set_weights([motifs[::-1, ::-1].copy(), biais])   # Keras : corrélation → motifs retournés
    ecart = float(np.abs(np.asarray(couche(A[None]))[0] - nous).max())
    print(f"entrée {A.shape}, {ell} motifs {motifs.shape[:3]} → sortie {nous.shape} ;"
          f" Conv2D de Keras : {couche.count_params()} poids, écart {ecart:.1g}")
    # dropout : chaque neurone est désactivé avec probabilité 1/2 (et les autres multipliés par 2)
    masque = np.asarray(keras.layers.Dropout(0.5, seed=options.graine)(np.ones((1, 12)), training=True))
    print("Dropout(0.5) sur 12 neurones à 1 :", masque.ravel())
    return {"forme_sortie": list(nous.shape), "poids_keras": couche.count_params(), "ecart_keras": ecart}


@chapitre.section("images", duree="1 s")
def images(options):
    """§3 — traitement d'images : flou, gaussien, piqué, lignes, contours, relief ; pooling 4 × 4."""
    A = image_test().astype(float)
    noms = ["flou", "gaussien", "pique", "verticales", "horizontales", "diagonales",
            "contours", "contours_2", "contours_3", "relief"]
    sorties = {nom: convolution_2d(A, noyau(nom)) for nom in noms}
    for nom in noms:
        fig = affichage_images([A, np.clip(sorties[nom], 0, 255)],
                               ["Image originale", NOYAUX[nom][1]], colonnes=2, vmin=0, vmax=255,
                               figsize=(10, 4.2))
        chapitre.figure(fig, f"ch12-{nom.replace('_', '-')}")
    # un mauvais pixel est effacé par le flou
    bruitee = A.copy()
    bruitee[60, 60] = 255 - bruitee[60, 60]
    ecart_avant = abs(bruitee[60, 60] - A[60, 60])
    ecart_apres = abs(convolution_2d(bruitee, noyau("flou"))[60, 60] - convolution_2d(A, noyau("flou"))[60, 60])
    print(f"un mauvais pixel : écart {ecart_avant:.0f} avant le flou, {ecart_apres:.1f} après")
    photo = photo_chats_chiens()                # une vraie photo, si le jeu chats/chiens est là
    if photo is not None:
        photo = photo.astype(float)
        fig = affichage_images([photo, np.clip(convolution_2d(photo, noyau("contours")), 0, 255),
                                np.clip(convolution_2d(photo, noyau("relief")) + 128, 0, 255)],
                               ["Photo (chats/chiens)", "Contours", "Mise en relief"], colonnes=3,
                               vmin=0, vmax=255, figsize=(12, 4.2))
        chapitre.figure(fig, "ch12-photo")
    maxi, moy = max_pooling(A, 4), average_pooling(A, 4)
    chapitre.figure(affichage_images([A, maxi, moy], ["Image originale", "Max-pooling", "Average-pooling"],
                                     colonnes=3, figsize=(12, 3.6)), "ch12-pooling")
    print(f"pooling 4 × 4 : {A.shape} → {maxi.shape} (16 fois moins de pixels)")
    return {"forme_pooling": list(maxi.shape),
            "contours_zone_uniforme": float(sorties["contours"][50, 160]),   # dans le carré sombre
            "ecart_mauvais_pixel": [float(ecart_avant), float(ecart_apres)]}


@chapitre.section("retropropagation", duree="< 1 s")
def retropropagation(options):
    """§4 — poids partagé : ∂F/∂a = Σ f_i · g'_i · ∂F/∂g_i, vérifié avec tf.GradientTape."""
    rng = np.random.default_rng(options.graine)
    f = tf.constant(rng.normal(size=(1, 8, 1)), dtype="float32")      # entrées f_1 … f_8
    noyau_initial = rng.normal(size=(3, 1, 1)).astype("float32")
    conv = keras.layers.Conv1D(1, 3, padding="valid", use_bias=False, activation="tanh")
    conv.build((None, 8, 1))
    conv.set_weights([noyau_initial])
    psi = lambda g: tf.reduce_sum(g ** 2)   # noqa: E731  F = ψ(g_1, …, g_6)
    with tf.GradientTape(persistent=True) as bande:
        g = conv(f)
        F = psi(g)
    grad_tape = bande.gradient(F, conv.kernel).numpy().ravel()
    # à la main : chaque poids a (ici le j-ième du noyau) est partagé par les 6 neurones de sortie
    entree = f.numpy().ravel()
    s = np.array([entree[i:i + 3] @ noyau_initial.ravel() for i in range(6)])   # avant activation
    g_np = np.tanh(s)
    dF_dg = 2 * g_np
    g_prime = 1 - g_np ** 2
    grad_main = np.array([sum(entree[i + j] * g_prime[i] * dF_dg[i] for i in range(6)) for j in range(3)])
    ecart = float(np.abs(grad_main - grad_tape).max())
    print("gradient par GradientTape :", np.round(grad_tape, 5))
    print("gradient à la main Σ f_i g'_i ∂F/∂g_i :", np.round(grad_main, 5), f"(écart {ecart:.1g})")
    return {"gradient_tape": grad_tape.tolist(), "gradient_main": grad_main.tolist(), "ecart": ecart}


if __name__ == "__main__":
    chapitre.lancer()
