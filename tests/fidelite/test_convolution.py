"""Convolution en numpy : comparée à NumPy / SciPy et au catalogue du livre (ticket 13, mutation)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy import signal  # noqa: E402

from keras_facile import convolution  # noqa: E402
from keras_facile.convolution import (  # noqa: E402
    NOYAUX, affichage_convolution, affichage_couches_1d, average_pooling, convolution_1d, convolution_2d,
    correlation_1d, correlation_2d, couche_convolution, max_pooling, moyenne_mobile, noyau,
    produit_polynomes, retourner,
)

F = np.array([1, 0, 3, 5, 1, -2, 4])
MOTIFS_1D = [np.array([1, 2, 3]), np.array([2, -1]), np.array([1, -2, 0, 3]), np.array([4])]


@pytest.mark.parametrize("g", MOTIFS_1D, ids=lambda g: f"m{len(g)}")
@pytest.mark.parametrize("mode", ["same", "full", "valid"])
def test_convolution_1d_egale_np_convolve(g, mode):
    np.testing.assert_array_equal(convolution_1d(F, g, mode), np.convolve(F, g, mode))


@pytest.mark.parametrize("g", MOTIFS_1D, ids=lambda g: f"m{len(g)}")
@pytest.mark.parametrize("mode", ["full", "valid"])
def test_correlation_1d_egale_np_correlate(g, mode):
    np.testing.assert_array_equal(correlation_1d(F, g, mode), np.correlate(F, g, mode))


def test_correlation_1d_mode_same_motif_impair_et_defaut():
    np.testing.assert_array_equal(correlation_1d(F, [1, 2, 3]), np.correlate(F, [1, 2, 3], "same"))
    np.testing.assert_array_equal(correlation_1d([1, 0, 3, 5, 1], [1, 2, 3]), [2, 10, 21, 16, 7])


def test_convolution_1d_motif_plus_long_et_erreurs():
    np.testing.assert_array_equal(convolution_1d([1, 2], [1, 1, 1], "full"), [1, 3, 3, 2])
    np.testing.assert_array_equal(convolution_1d([1, 2], [1, 1, 1]), np.convolve([1, 2], [1, 1, 1], "full")[1:3])
    np.testing.assert_array_equal(convolution_1d([1, 2, 3], [1, 1, 1], "valid"), [6])
    with pytest.raises(ValueError, match="valid"):
        convolution_1d([1, 2], [1, 1, 1], "valid")
    with pytest.raises(ValueError, match="mode"):
        convolution_1d([1, 2], [1], "entier")
    with pytest.raises(ValueError):
        convolution_1d([[1, 2]], [1])
    with pytest.raises(ValueError, match="vide"):
        convolution_1d([], [1])
    with pytest.raises(TypeError):
        convolution_1d(["a", "b"], [1])
    np.testing.assert_array_equal(convolution_1d([True, False], [2]), [2, 0])


def test_produit_polynomes_et_moyenne_mobile():
    P, Q = [1, 2, 3, 4], [5, 6, 7]
    np.testing.assert_array_equal(produit_polynomes(P, Q), np.polymul(P, Q))
    np.testing.assert_allclose(moyenne_mobile(4), [0.25] * 4)
    np.testing.assert_allclose(moyenne_mobile(np.int64(1)), [1.0])
    for n in (0, True, 2.0, -1):
        with pytest.raises(ValueError):
            moyenne_mobile(n)


def test_retourner_est_un_demi_tour_et_une_copie():
    M = np.array([[1, 2, 3], [4, 5, 6]])
    np.testing.assert_array_equal(retourner(M), np.rot90(M, 2))
    np.testing.assert_array_equal(retourner([1, 2, 3]), [3, 2, 1])
    R = retourner(M)
    R[0, 0] = 99
    assert M[1, 2] == 6


A = np.array([[2, 1, 3, 0, 4], [1, 1, 0, 5, -1], [3, 3, 1, 0, 2], [2, 0, 0, 2, 1]])
MOTIFS_2D = [np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]]), np.array([[1, 2], [3, -4]]),
             np.array([[1, -1, 2, 0]]), np.array([[1], [2], [-3], [4]])]


@pytest.mark.parametrize("M", MOTIFS_2D, ids=lambda M: "x".join(map(str, M.shape)))
@pytest.mark.parametrize("mode", ["same", "full", "valid"])
def test_convolution_2d_egale_scipy(M, mode):
    np.testing.assert_array_equal(convolution_2d(A, M, mode), signal.convolve2d(A, M, mode=mode))


@pytest.mark.parametrize("M", MOTIFS_2D, ids=lambda M: "x".join(map(str, M.shape)))
@pytest.mark.parametrize("mode", ["same", "full", "valid"])
def test_correlation_2d_egale_scipy(M, mode):
    np.testing.assert_array_equal(correlation_2d(A, M, mode), signal.correlate2d(A, M, mode=mode))


def test_convolution_2d_erreurs():
    with pytest.raises(ValueError, match="tenir"):
        convolution_2d(np.ones((2, 5)), np.ones((3, 1)), "valid")
    with pytest.raises(ValueError, match="tenir"):
        convolution_2d(np.ones((5, 2)), np.ones((1, 3)), "valid")
    np.testing.assert_array_equal(convolution_2d(np.ones((2, 5)), np.ones((2, 1)), "valid"), np.full((1, 5), 2.0))
    with pytest.raises(ValueError, match="mode"):
        convolution_2d(A, MOTIFS_2D[0], "pareil")
    with pytest.raises(ValueError, match="mode"):
        correlation_2d(A, MOTIFS_2D[0], "pareil")
    with pytest.raises(ValueError, match="matrice"):
        correlation_2d([1, 2], [[1]])


def test_couche_convolution_somme_des_canaux_biais_activation():
    rng = np.random.default_rng(0)
    entree = rng.integers(-3, 4, size=(5, 4, 2))
    noyaux = rng.integers(-2, 3, size=(3, 3, 2, 3))
    attendu = np.stack([sum(signal.convolve2d(entree[:, :, c], noyaux[:, :, c, l], mode="same") for c in range(2))
                        for l in range(3)], axis=-1)
    sortie = couche_convolution(entree, noyaux)
    np.testing.assert_array_equal(sortie, attendu)
    assert sortie.dtype == np.float64
    biais = np.array([1.0, -2.0, 0.5])
    np.testing.assert_allclose(couche_convolution(entree, noyaux, biais), attendu + biais)
    relu = lambda x: np.maximum(x, 0)
    np.testing.assert_allclose(couche_convolution(entree, noyaux, biais, relu), np.maximum(attendu + biais, 0))
    with pytest.raises(ValueError, match="biais"):
        couche_convolution(entree, noyaux, [1.0, 2.0])
    with pytest.raises(ValueError, match="noyaux"):
        couche_convolution(entree, noyaux[:, :, :1, :])
    with pytest.raises(ValueError, match="noyaux"):
        couche_convolution(entree, noyaux[0])
    with pytest.raises(ValueError, match="tenseur"):
        couche_convolution(entree[:, :, 0], noyaux)


def pooling_a_la_main(A, k, reduction):
    n, p = A.shape[0] // k, A.shape[1] // k
    return np.array([[reduction(A[i * k:(i + 1) * k, j * k:(j + 1) * k], axis=(0, 1)) for j in range(p)]
                     for i in range(n)])


@pytest.mark.parametrize("forme", [(6, 6), (7, 5), (9, 9, 3)])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_pooling_egale_le_calcul_par_blocs(forme, k):
    A = np.random.default_rng(1).integers(-9, 10, size=forme)
    np.testing.assert_array_equal(max_pooling(A, k), pooling_a_la_main(A, k, np.max))
    np.testing.assert_allclose(average_pooling(A, k), pooling_a_la_main(A, k, np.mean))


def test_pooling_erreurs():
    np.testing.assert_array_equal(max_pooling(np.array([[3, 5, 0, 1], [2, 1, 4, 3]]), 2), [[5, 4]])
    np.testing.assert_array_equal(max_pooling(np.arange(4).reshape(2, 2), np.int64(2)), [[3]])
    for k in (0, True, 2.0, 3):
        with pytest.raises(ValueError):
            max_pooling(np.ones((2, 4)), k)
    with pytest.raises(ValueError):
        max_pooling(np.ones((4, 2)), 3)
    with pytest.raises(ValueError, match="2 dimensions"):
        average_pooling(np.ones(4), 2)


def test_catalogue_des_motifs_du_livre():
    attendus = {
        "identite": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
        "flou": np.full((3, 3), 1 / 9),
        "flou_5x5": np.full((5, 5), 1 / 25),
        "gaussien": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16,
        "gaussien_5x5": np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]) / 256,
        "pique": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
        "verticales": [[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]],
        "horizontales": [[-1, -1, -1], [2, 2, 2], [-1, -1, -1]],
        "diagonales": [[-1, -1, 2], [-1, 2, -1], [2, -1, -1]],
        "contours": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
        "contours_2": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
        "contours_3": [[1, 0, -1], [0, 0, 0], [-1, 0, 1]],
        "relief": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
    }
    assert set(NOYAUX) == set(attendus)
    for nom, valeur in attendus.items():
        np.testing.assert_allclose(noyau(nom), valeur, atol=1e-15, err_msg=nom)
    assert NOYAUX["verticales"][1] == "Lignes verticales"
    # _gauss5 est appelée à l'import (NOYAUX) : on la vérifie aussi directement
    np.testing.assert_allclose(convolution._gauss5(), np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]) / 256, atol=1e-15)
    copie = noyau("identite")
    copie[1, 1] = 7
    assert noyau("identite")[1, 1] == 1
    with pytest.raises(ValueError, match="motif inconnu"):
        noyau("flou_10x10")


def test_affichage_convolution_trace_les_deux_suites():
    f, h = [1, 0, 3, 5, 1], [2, 6, 11, 20, 17]
    fig = affichage_convolution(f, h, titre_entree="f", titre_sortie="h")
    ax1, ax2 = fig.axes
    (l1,), (l2,) = ax1.get_lines(), ax2.get_lines()
    np.testing.assert_array_equal(l1.get_xdata(), np.arange(5))
    np.testing.assert_array_equal(l1.get_ydata(), f)
    np.testing.assert_array_equal(l2.get_ydata(), h)
    assert mcolors.to_hex(l1.get_color()) == "#0000ff" and mcolors.to_hex(l2.get_color()) == "#ff0000"
    assert l1.get_marker() == "o" and l1.get_linestyle() == "-"
    assert (ax1.get_title(), ax2.get_title()) == ("f", "h")
    assert ax1.xaxis.get_gridlines()[0].get_visible()
    assert ax2.xaxis.get_gridlines()[0].get_visible()
    assert fig.get_size_inches().tolist() == [8, 5]
    plt.close(fig)
    fig = affichage_convolution(np.arange(30), np.arange(30))
    assert fig.axes[0].get_lines()[0].get_marker() in ("None", "", None)
    assert fig.axes[1].get_title() == "Sortie h = f*g" and fig.axes[0].get_title() == "Entrée f"
    plt.close(fig)
    fig = affichage_convolution(np.arange(29), np.arange(3))
    assert fig.axes[1].get_lines()[0].get_marker() == "o"
    plt.close(fig)
    fig = affichage_convolution([1, 2], [3], points=False)
    assert fig.axes[0].get_lines()[0].get_marker() in ("None", "", None)
    plt.close(fig)
    with pytest.raises(ValueError):
        affichage_convolution([[1, 2]], [1, 2])
    with pytest.raises(ValueError):
        affichage_convolution([1, 2], [[1, 2]])


def test_affichage_couches_1d_aretes_et_poids_partages():
    n = 5
    fig = affichage_couches_1d(n)
    dense, conv = fig.axes
    assert dense.get_position().x1 <= conv.get_position().x0        # côte à côte
    aretes = dense.get_lines()
    assert len(aretes) == n * n
    assert {tuple(l.get_ydata()) for l in aretes} == {(i, j) for i in range(n) for j in range(n)}
    assert all(tuple(l.get_xdata()) == (0, 1) for l in aretes)
    assert {mcolors.to_hex(l.get_color()) for l in aretes} == {mcolors.to_hex("gray")}
    aretes = conv.get_lines()
    assert len(aretes) == 3 * n - 2
    couleur = {-1: "red", 0: "green", 1: "blue"}
    for l in aretes:
        assert tuple(l.get_xdata()) == (0, 1)
        i, j = l.get_ydata()
        assert abs(i - j) <= 1
        assert mcolors.to_hex(l.get_color()) == mcolors.to_hex(couleur[i - j])
    assert dense.get_title() == "Couche complètement connectée"
    assert conv.get_title() == "Couche de convolution"
    for ax in (dense, conv):
        assert not ax.axison
        neurones = ax.collections
        assert len(neurones) == 2
        assert sorted(neurones[0].get_offsets()[:, 1].tolist()) == list(range(n))
        assert set(neurones[0].get_offsets()[:, 0]) == {0} and set(neurones[1].get_offsets()[:, 0]) == {1}
    plt.close(fig)
    assert len(affichage_couches_1d().axes[1].get_lines()) == 3 * 7 - 2
    plt.close("all")
    for n in (1, 31, 2.0, True):
        with pytest.raises(ValueError):
            affichage_couches_1d(n)
    plt.close(affichage_couches_1d(2))
    plt.close(affichage_couches_1d(30))


def test_noyau_inconnu_liste_les_motifs_possibles():
    with pytest.raises(ValueError, match=r"^motif inconnu : 'flou_10x10' ; motifs possibles : identite, flou, "
                                         r"flou_5x5, gaussien, gaussien_5x5, pique, verticales"):
        noyau("flou_10x10")


def test_affichage_couches_1d_neurones_opaques_par_dessus_les_aretes():
    # les neurones sont des disques blancs cerclés de noir, dessinés au-dessus des arêtes :
    # une arête s'arrête au bord du disque au lieu de le traverser
    fig = affichage_couches_1d(4)
    for ax in fig.axes:
        dessus = max(l.get_zorder() for l in ax.get_lines())
        for disques in ax.collections:
            assert disques.get_zorder() > dessus
            assert [mcolors.to_hex(c) for c in disques.get_facecolor()] == ["#ffffff"]
            assert [mcolors.to_hex(c) for c in disques.get_edgecolor()] == ["#000000"]
    plt.close(fig)


def test_entree_qui_refuse_la_conversion_numpy():
    class Bizarre:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("pas de conversion")

    with pytest.raises(TypeError) as e:
        convolution_2d(Bizarre(), [[1]])
    assert str(e.value) == "A doit être un tableau de nombres, reçu Bizarre"


def test_affichage_couches_1d_format_de_la_figure():
    fig = affichage_couches_1d(3)
    assert fig.get_size_inches().tolist() == [10, 4.5]          # deux panneaux côte à côte, comme le livre
    plt.close(fig)
