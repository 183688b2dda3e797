"""Convolution, corrélation et pooling en numpy (keras_facile.convolution) :
les exemples du livre (chap. 11–13) et la comparaison à NumPy / SciPy / Keras."""
import numpy as np
import pytest
from scipy import signal

from keras_facile.convolution import (
    MODES, NOYAUX, average_pooling, convolution_1d, convolution_2d, correlation_1d,
    correlation_2d, couche_convolution, max_pooling, moyenne_mobile, noyau, produit_polynomes,
    retourner,
)

# --- chapitre 11 : une dimension --------------------------------------------


@pytest.mark.parametrize("f, g, attendu", [
    ([1, 0, 3, 5, 1], [1, 2, 3], [2, 6, 11, 20, 17]),
    ([-1, 5, 7, 3, 2], [4, 5], [-4, 15, 53, 47, 23]),            # motif pair : zéro ajouté
    ([-1, 5, 7, 3, 2], [0, 4, 5], [-4, 15, 53, 47, 23]),
    (list(range(1, 10)), [2], [2, 4, 6, 8, 10, 12, 14, 16, 18]),    # homothétie
    (list(range(1, 10)), [0, 2, 0], [2, 4, 6, 8, 10, 12, 14, 16, 18]),
    (list(range(1, 10)), [0, 0, 1], [0, 1, 2, 3, 4, 5, 6, 7, 8]),   # translation
    ([16, 9, 4, 1, 0, 1, 4, 9, 16], [0, 1, -1], [16, -7, -5, -3, -1, 1, 3, 5, 7]),  # dérivée
])
def test_exemples_livre_1d(f, g, attendu):
    assert np.array_equal(convolution_1d(f, g), attendu)


def test_moyennes_mobiles_livre():
    f = [4, 2, 1, 4, 5, 1, 3]
    np.testing.assert_allclose(convolution_1d(f, moyenne_mobile(3)),
                               [2.00, 2.33, 2.33, 3.33, 3.33, 3.00, 1.33], atol=0.005)
    np.testing.assert_allclose(convolution_1d(f, moyenne_mobile(5)), [1.4, 2.2, 3.2, 2.6, 2.8, 2.6, 1.8])


def test_convolution_etendue_et_polynomes():
    assert np.array_equal(convolution_1d([1, 0, 3, 5, 1], [1, 2, 3], "full"), [1, 2, 6, 11, 20, 17, 3])
    # (f ⋆̃ g)(1) = 1·3 + 0·2 + 3·1 = 6 (le terme de rang 0 est 2)
    assert convolution_1d([1, 0, 3, 5, 1], [1, 2, 3], "full")[1:][1] == 6
    assert np.array_equal(produit_polynomes([1, 2, 3, 4], [5, 6, 7]), [5, 16, 34, 52, 45, 28])
    assert np.array_equal(produit_polynomes([1, 2, 3, 4], [5, 6, 7]), np.polymul([1, 2, 3, 4], [5, 6, 7]))


def test_commutativite_convolution_etendue():
    rng = np.random.default_rng(1)
    f, g = rng.integers(-9, 9, 7), rng.integers(-9, 9, 4)
    assert np.array_equal(convolution_1d(f, g, "full"), convolution_1d(g, f, "full"))


def test_correlation_1d_livre():
    assert np.array_equal(correlation_1d([1, 0, 3, 5, 1], [1, 2, 3]), [2, 10, 21, 16, 7])


@pytest.mark.parametrize("mode", MODES)
def test_1d_egal_numpy(mode):
    rng = np.random.default_rng(0)
    for n in range(1, 9):
        for m in range(1, n + 1):
            f, g = rng.normal(size=n), rng.normal(size=m)
            np.testing.assert_allclose(convolution_1d(f, g, mode), np.convolve(f, g, mode), atol=1e-12)
            np.testing.assert_allclose(correlation_1d(f, g, mode), np.correlate(f, g, mode), atol=1e-12)


# --- chapitre 12 : deux dimensions --------------------------------------------

A7 = np.array([[0, 1, 1, 1, 0, 0, 0], [0, 0, 1, 1, 1, 0, 0], [0, 0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 0, 0],
               [0, 0, 1, 1, 0, 0, 0], [0, 1, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0]])
A4 = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
M4 = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])


def test_retourner_n_est_pas_transposer():
    assert np.array_equal(retourner(M4), [[3, 0, 1], [0, 1, 2], [2, 0, 1]])
    assert not np.array_equal(retourner(M4), M4.T)
    assert np.array_equal(retourner([[1, 1, 0], [0, 1, 0], [2, 0, 1]]), [[1, 0, 2], [0, 1, 0], [0, 1, 1]])


def test_oracles_2d_livre():
    M7 = np.array([[1, 0, 2], [0, 1, 0], [0, 1, 1]])
    assert np.array_equal(convolution_2d(A7, M7), [
        [0, 2, 2, 4, 2, 2, 0], [0, 1, 4, 4, 5, 2, 2], [0, 0, 2, 4, 5, 4, 0], [0, 1, 1, 4, 5, 2, 1],
        [1, 1, 3, 4, 2, 1, 0], [1, 3, 4, 2, 1, 0, 0], [1, 2, 2, 1, 0, 0, 0]])
    assert np.array_equal(convolution_2d(A4, M4), [[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]])
    assert np.array_equal(convolution_2d(A4, M4, "full"), [
        [2, 1, 7, 2, 6, 0], [5, 5, 9, 10, 0, 10], [7, 7, 17, 19, 16, 0], [9, 10, 12, 11, 0, 19],
        [7, 5, 10, 13, 5, 0], [2, 0, 6, 2, 0, 6]])
    assert np.array_equal(convolution_2d(A4, M4, "valid"), [[17, 19], [12, 11]])
    A = [[2, -1, 7, 3, 0], [2, 0, 0, -2, 1], [-5, 0, -1, -1, 4]]
    assert np.array_equal(convolution_2d(A, [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]),
                          [[1, -6, 7, 10, 2], [9, 7, 10, 7, 1], [-3, 0, 0, -8, 0]])


def test_translations_et_moyenne_2d():
    A = np.arange(1, 17).reshape(4, 4)
    assert np.array_equal(convolution_2d(A, [[0, 0, 0], [0, 0, 0], [0, 1, 0]]),
                          [[0, 0, 0, 0], [1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
    assert np.array_equal(convolution_2d(A, [[0, 0, 0], [0, 0, 1], [0, 0, 0]]),
                          [[0, 1, 2, 3], [0, 5, 6, 7], [0, 9, 10, 11], [0, 13, 14, 15]])
    moy = convolution_2d(np.arange(1, 26).reshape(5, 5), noyau("flou"))
    np.testing.assert_allclose(moy, [[1.77, 3, 3.66, 4.33, 3.11], [4.33, 7, 8, 9, 6.33],
                                     [7.66, 12, 13, 14, 9.66], [11, 17, 18, 19, 13],
                                     [8.44, 13, 13.66, 14.33, 9.77]], atol=0.012)


def test_motif_pair_2d_zeros_en_haut_a_gauche():
    A = np.arange(12).reshape(3, 4)
    M = np.array([[1, 2], [3, 4]])
    M3 = np.array([[0, 0, 0], [0, 1, 2], [0, 3, 4]])
    assert np.array_equal(convolution_2d(A, M), convolution_2d(A, M3))


@pytest.mark.parametrize("mode", MODES)
def test_2d_egal_scipy(mode):
    rng = np.random.default_rng(2)
    for forme_a in [(4, 4), (5, 7), (3, 5), (6, 2)]:
        for forme_m in [(1, 1), (2, 2), (3, 3), (2, 3), (3, 2), (1, 3)]:
            if mode == "valid" and (forme_m[0] > forme_a[0] or forme_m[1] > forme_a[1]):
                continue
            A, M = rng.normal(size=forme_a), rng.normal(size=forme_m)
            np.testing.assert_allclose(convolution_2d(A, M, mode),
                                       signal.convolve2d(A, M, mode=mode, boundary="fill"), atol=1e-12)
            np.testing.assert_allclose(correlation_2d(A, M, mode), signal.correlate2d(A, M, mode=mode),
                                       atol=1e-12)


def test_associativite_convolution_pas_correlation():
    rng = np.random.default_rng(3)
    A, M, N = rng.integers(-5, 5, (6, 4)), rng.integers(-5, 5, (3, 3)), rng.integers(-5, 5, (3, 3))
    assert np.array_equal(convolution_2d(convolution_2d(A, M, "full"), N, "full"),
                          convolution_2d(A, convolution_2d(M, N, "full"), "full"))
    assert not np.array_equal(correlation_2d(correlation_2d(A, M, "full"), N, "full"),
                              correlation_2d(A, correlation_2d(M, N, "full"), "full"))


# --- pooling ------------------------------------------------------------------

def test_pooling_livre():
    A = np.array([[16, 23, 22, 21, 12, 13], [0, 5, 18, 2, 17, 15], [10, 20, 4, 9, 7, 8], [11, 14, 1, 19, 6, 3]])
    assert np.array_equal(max_pooling(A, 2), [[23, 22, 17], [20, 19, 8]])
    np.testing.assert_allclose(average_pooling(A, 2), [[11, 15.75, 14.25], [13.75, 8.25, 6]])
    B = np.array([[3, 5, 0, 1, 1, 0], [2, 1, 4, 3, 2, 7]])
    assert np.array_equal(max_pooling(B, 2), [[5, 4, 7]])
    np.testing.assert_allclose(average_pooling(B, 2), [[11 / 4, 2, 5 / 2]])


def test_pooling_egal_keras_meme_si_non_multiple():
    import keras

    rng = np.random.default_rng(4)
    A = rng.normal(size=(7, 10, 3)).astype("float32")
    for k in (2, 3):
        np.testing.assert_allclose(max_pooling(A, k), keras.layers.MaxPooling2D(k)(A[None])[0], rtol=1e-6)
        np.testing.assert_allclose(average_pooling(A, k), keras.layers.AveragePooling2D(k)(A[None])[0],
                                   rtol=1e-5)


# --- couche de convolution (plusieurs canaux, plusieurs motifs) ------------------

def test_couche_convolution_egal_conv2d_keras():
    import keras

    rng = np.random.default_rng(5)
    A = rng.normal(size=(6, 5, 3)).astype("float32")
    noyaux = rng.normal(size=(3, 3, 3, 4)).astype("float32")
    biais = rng.normal(size=4).astype("float32")
    relu = lambda x: np.maximum(x, 0)  # noqa: E731
    nous = couche_convolution(A, noyaux, biais, activation=relu)
    couche = keras.layers.Conv2D(4, 3, padding="same", activation="relu")
    couche.build((None, 6, 5, 3))
    couche.set_weights([noyaux[::-1, ::-1].copy(), biais])
    np.testing.assert_allclose(nous, couche(A[None])[0], rtol=1e-4, atol=1e-5)
    assert nous.shape == (6, 5, 4)


# --- catalogue, erreurs ----------------------------------------------------------

def test_catalogue_motifs():
    for nom in NOYAUX:
        assert noyau(nom).ndim == 2
    for nom in ("flou", "flou_5x5", "gaussien", "gaussien_5x5", "identite", "pique"):
        assert noyau(nom).sum() == pytest.approx(1)      # conservent la luminosité moyenne
    for nom in ("verticales", "horizontales", "diagonales", "contours", "contours_2", "contours_3"):
        assert noyau(nom).sum() == 0                      # zone uniforme → 0
    assert noyau("gaussien_5x5")[0, 0] == 1 / 256
    # les motifs du tableau du livre (chap. 12 §3), terme à terme
    assert noyau("verticales").tolist() == [[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]]
    assert noyau("horizontales").tolist() == [[-1, -1, -1], [2, 2, 2], [-1, -1, -1]]
    assert noyau("diagonales").tolist() == [[-1, -1, 2], [-1, 2, -1], [2, -1, -1]]
    assert noyau("contours").tolist() == [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]
    # et ce qu'ils font : une ligne verticale répond au motif « verticales », pas une horizontale
    image = np.zeros((9, 9))
    verticale, horizontale = image.copy(), image.copy()
    verticale[:, 4], horizontale[4, :] = 1, 1
    centre = lambda A, nom: convolution_2d(A, noyau(nom))[4, 4]
    assert (centre(verticale, "verticales"), centre(horizontale, "verticales")) == (6, 0)
    assert (centre(verticale, "horizontales"), centre(horizontale, "horizontales")) == (0, 6)
    m = noyau("flou")
    m[0, 0] = 99
    assert noyau("flou")[0, 0] == pytest.approx(1 / 9)    # copie


@pytest.mark.parametrize("appel, exception, morceau", [
    (lambda: convolution_1d([1, 2], [1], mode="pareil"), ValueError, "mode"),
    (lambda: convolution_1d([[1, 2]], [1]), ValueError, "f doit être une liste"),
    (lambda: convolution_1d([], [1]), ValueError, "vide"),
    (lambda: convolution_1d(["a"], [1]), TypeError, "nombres"),
    (lambda: convolution_1d([1, 2], [1, 2, 3], mode="valid"), ValueError, "valid"),
    (lambda: convolution_2d([1, 2], [[1]]), ValueError, "A doit être une matrice"),
    (lambda: max_pooling(np.ones((4, 4)), 0), ValueError, "k doit"),
    (lambda: max_pooling(np.ones((4, 4)), 5), ValueError, "plus grand"),
    (lambda: noyau("sobel"), ValueError, "motifs possibles"),
    (lambda: moyenne_mobile(0), ValueError, "n doit"),
])
def test_erreurs_en_francais(appel, exception, morceau):
    with pytest.raises(exception, match=morceau):
        appel()


# --- figures ---------------------------------------------------------------------

def test_figure_couche_dense_contre_convolution():
    import matplotlib.pyplot as plt

    from keras_facile.convolution import affichage_convolution, affichage_couches_1d

    fig = affichage_couches_1d(7)
    dense, conv = fig.axes
    assert len(dense.lines) == 7 * 7                      # n² arêtes
    assert len(conv.lines) == 3 * 7 - 2                   # 3 voisins, 2 aux bords
    assert {l.get_color() for l in conv.lines} == {"red", "green", "blue"}   # 3 poids partagés
    plt.close(fig)
    fig = affichage_convolution([1, 0, 3, 5, 1], [2, 6, 11, 20, 17])
    assert [ax.get_title() for ax in fig.axes] == ["Entrée f", "Sortie h = f*g"]
    np.testing.assert_array_equal(fig.axes[1].lines[0].get_ydata(), [2, 6, 11, 20, 17])
    plt.close(fig)
    with pytest.raises(ValueError, match="n doit"):
        affichage_couches_1d(1)
    with pytest.raises(ValueError, match="f et h doivent"):
        affichage_convolution([[1, 2]], [1, 2])
