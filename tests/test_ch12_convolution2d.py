"""Chapitre 12 exécuté en mode rapide : les valeurs du livre et les figures."""
import pytest

from keras_facile.chapitre import executer_chapitre


@pytest.fixture(scope="module")
def chapitre12(tmp_path_factory):
    figures = tmp_path_factory.mktemp("figures_ch12")
    return executer_chapitre(12, ["--rapide", "--figures", str(figures)]), figures


def test_matrices_et_pooling(chapitre12):
    r, _ = chapitre12
    assert r["matrices"]["somme"] == [[1, 3, 3], [5, 1, 7], [7, 9, 9]]
    assert r["matrices"]["triple"] == [[3, 6, 9, 12], [24, 21, 15, 18]]
    assert r["matrices"]["produit"] == [[-6, -9, -12], [10, 11, 12], [18, 21, 24]]
    assert r["pooling"]["max"][0] == [5, 4, 7] and r["pooling"]["max"][1][0] == 3
    assert r["pooling"]["moyenne"][0] == [11 / 4, 2, 5 / 2] and r["pooling"]["moyenne"][1][0] == 9 / 4


def test_convolutions_du_livre(chapitre12):
    r, _ = chapitre12
    assert r["convolution"]["A*M"] == [[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]]
    assert r["convolution"]["exemple_7x7"][0] == [0, 2, 2, 4, 2, 2, 0]
    assert r["convolution"]["exemple_7x7"][6] == [1, 2, 2, 1, 0, 0, 0]
    assert r["convolution"]["scipy"] is True
    ex = r["exemples"]
    assert ex["3x5"] == [[1, -6, 7, 10, 2], [9, 7, 10, 7, 1], [-3, 0, 0, -8, 0]]
    assert ex["bas"][1] == [1, 2, 3, 4] and ex["droite"][0] == [0, 1, 2, 3]
    assert ex["moyenne"][0] == [1.78, 3.0, 3.67, 4.33, 3.11]     # le livre tronque : 1.77, 3.66
    assert ex["moyenne"][4] == [8.44, 13.0, 13.67, 14.33, 9.78]


def test_couches_images_retropropagation(chapitre12):
    r, _ = chapitre12
    assert r["neurone-couche"]["forme_sortie"] == [8, 6, 4]
    assert r["neurone-couche"]["poids_keras"] == 3 * 3 * 3 * 4 + 4
    assert r["neurone-couche"]["ecart_keras"] < 1e-4
    assert r["images"]["forme_pooling"] == [48, 64]
    assert r["images"]["contours_zone_uniforme"] == 0          # zone uniforme : pas de contour
    avant, apres = r["images"]["ecart_mauvais_pixel"]
    assert apres < avant / 8                                  # le flou divise l'écart par 9
    assert r["retropropagation"]["ecart"] < 1e-5
    assert max(abs(g) for g in r["retropropagation"]["gradient_tape"]) > 1e-3


def test_figures(chapitre12):
    _, figures = chapitre12
    noms = ["flou", "gaussien", "pique", "verticales", "horizontales", "diagonales", "contours",
            "contours-2", "contours-3", "relief", "pooling"]
    for nom in noms:
        assert (figures / f"ch12-{nom}.png").stat().st_size > 1000, nom
