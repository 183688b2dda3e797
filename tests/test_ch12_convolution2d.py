"""Chapitre 12 exécuté en mode rapide : les valeurs du livre et les figures."""
import numpy as np
import pytest


@pytest.fixture(scope="module")
def chapitre12(tmp_path_factory, tracer_figures):
    from keras_facile.lecon import executer_chapitre

    figures = tmp_path_factory.mktemp("figures_ch12")
    with tracer_figures() as tracees:
        r = executer_chapitre(12, ["--rapide", "--figures", str(figures)])
    return r, figures, tracees


def test_matrices_et_pooling(chapitre12):
    r, _, _ = chapitre12
    m = r["matrices"]
    assert m["somme"] == [[1, 3, 3], [5, 1, 7], [7, 9, 9]]
    assert m["3 × A"] == [[3, 6, 9, 12], [24, 21, 15, 18]]
    assert m["produit"] == [[-6, -9, -12], [10, 11, 12], [18, 21, 24]]
    p = r["pooling"]
    assert p["max-pooling, 1re ligne"] == [5, 4, 7] and p["max-pooling, 2e ligne, 1er bloc"] == 3
    assert p["pooling en moyenne, 1re ligne"].tolist() == [11 / 4, 2, 5 / 2]
    assert p["pooling en moyenne, 2e ligne, 1er bloc"] == 9 / 4
    assert p["100 × 80, pooling k = 4"] == (25, 20)
    # taille 3 sur la matrice 9 × 9 du livre : 8 puis 6 ; et chaque bloc 3 × 3 donne son maximum
    assert p["max-pooling de taille 3, deux premiers blocs"] == [8, 6]
    B = p["B"]
    assert B.shape == (9, 9) and p["maxi3"].shape == (3, 3)
    assert p["maxi3"].tolist() == [[int(B[3 * i:3 * i + 3, 3 * j:3 * j + 3].max()) for j in range(3)] for i in range(3)]
    np.testing.assert_array_equal(p["keras_max"], p["maxi"])          # MaxPooling2D de Keras


def test_convolutions_du_livre(chapitre12):
    r, _, _ = chapitre12
    c = r["convolution"]
    assert c["M retourné"] == [[3, 0, 1], [0, 1, 2], [2, 0, 1]]
    assert c["premier coefficient"] == 5
    assert c["A ⋆ M"] == [[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]]
    assert c["exemple 7 × 7"][0] == [0, 2, 2, 4, 2, 2, 0]
    assert c["exemple 7 × 7"][6] == [1, 2, 2, 1, 0, 0, 0]
    assert c["identique à scipy.signal.convolve2d"] is True
    ex = r["exemples"]
    assert ex["A ⋆ M (3 × 5)"] == [[1, -6, 7, 10, 2], [9, 7, 10, 7, 1], [-3, 0, 0, -8, 0]]
    assert ex["translation vers le bas"][1] == [1, 2, 3, 4] and ex["translation vers la droite"][0] == [0, 1, 2, 3]
    moyenne = np.round(ex["moyenne 3 × 3"], 2)
    assert moyenne[0].tolist() == [1.78, 3.0, 3.67, 4.33, 3.11]     # le livre tronque : 1.77, 3.66
    assert moyenne[4].tolist() == [8.44, 13.0, 13.67, 14.33, 9.78]


def test_couches_images_retropropagation(chapitre12):
    r, _, _ = chapitre12
    nc = r["neurone-couche"]
    assert nc["poids d'une couche dense 100 × 100 → 100 × 100"] == 10 ** 8
    assert nc["forme de la sortie"] == (8, 6, 4)
    assert nc["poids de Conv2D (3 × 3 × 3 × 4 + 4)"] == 3 * 3 * 3 * 4 + 4
    assert nc["ecart_keras"] < 1e-4
    # dropout 0.5 : des 0 et des 2 (les neurones gardés sont multipliés par 2)
    assert set(np.unique(nc["masque"])) <= {0.0, 2.0} and 0 < (nc["masque"] == 0).sum() < 12
    im = r["images"]
    assert im["maxi"].shape == (48, 64)
    assert im["contours sur une zone uniforme"] == 0          # zone uniforme : pas de contour
    assert im["ecart_apres"] < im["ecart_avant"] / 8          # le flou divise l'écart par 9
    rp = r["retropropagation"]
    assert rp["écart main / GradientTape"] < 1e-5
    assert max(abs(g) for g in rp["gradient_tape"]) > 1e-3


def test_figures(chapitre12):
    from scipy import signal

    r, figures, tracees = chapitre12
    noms = ["flou", "gaussien", "pique", "verticales", "horizontales", "diagonales", "contours",
            "contours-2", "contours-3", "relief", "pooling"]
    # les images tracées : l'originale, puis sa convolution (SciPy) par le motif du tableau du livre
    A = r["images"]["A"]
    motifs = {"flou": np.ones((3, 3)) / 9, "gaussien": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16,
              "pique": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], "verticales": [[-1, 2, -1]] * 3,
              "horizontales": [[-1, -1, -1], [2, 2, 2], [-1, -1, -1]], "diagonales": [[-1, -1, 2], [-1, 2, -1], [2, -1, -1]],
              "contours": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], "contours-2": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
              "contours-3": [[1, 0, -1], [0, 0, 0], [-1, 0, 1]], "relief": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]}
    for nom, motif in motifs.items():
        avant, apres = tracees[f"ch12-{nom}"].axes
        np.testing.assert_array_equal(avant.images[0].get_array(), A)
        attendu = np.clip(signal.convolve2d(A, np.array(motif, dtype=float), mode="same", boundary="fill"), 0, 255)
        np.testing.assert_allclose(apres.images[0].get_array(), attendu, atol=1e-9, err_msg=nom)
    n, p = A.shape
    blocs = A[: n - n % 4, : p - p % 4].reshape(n // 4, 4, p // 4, 4)
    original, maxi, moy = (ax.images[0].get_array() for ax in tracees["ch12-pooling"].axes[:3])
    np.testing.assert_array_equal(original, A)
    np.testing.assert_array_equal(maxi, blocs.max(axis=(1, 3)))
    np.testing.assert_allclose(moy, blocs.mean(axis=(1, 3)), rtol=1e-12)
    for nom in noms:
        assert (figures / f"ch12-{nom}.png").stat().st_size > 1000, nom
    inattendues = {p.stem for p in figures.glob("*.png")} - {f"ch12-{n}" for n in noms} - {"ch12-photo"}
    assert not inattendues
