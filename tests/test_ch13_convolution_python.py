"""Chapitre 13 exécuté en mode rapide : les valeurs du livre et les figures."""
import numpy as np
import pytest
from scipy import signal


@pytest.fixture(scope="module")
def chapitre13(tmp_path_factory, tracer_figures):
    from keras_facile.lecon import executer_chapitre

    figures = tmp_path_factory.mktemp("figures_ch13")
    with tracer_figures() as tracees:
        r = executer_chapitre(13, ["--rapide", "--figures", str(figures)])
    return r, figures, tracees


def test_matrices_associativite_pooling(chapitre13):
    r, _, _ = chapitre13
    m = r["matrices"]
    assert m["B1 (même taille)"] == [[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]]
    assert m["B2 (étendue)"] == [[2, 1, 7, 2, 6, 0], [5, 5, 9, 10, 0, 10], [7, 7, 17, 19, 16, 0],
                                 [9, 10, 12, 11, 0, 19], [7, 5, 10, 13, 5, 0], [2, 0, 6, 2, 0, 6]]
    assert m["B3 (restreinte)"] == [[17, 19], [12, 11]]
    assert m["B2 ⊃ B1 ⊃ B3"] is True and m["notre convolution_2d = SciPy"] is True
    a = r["associativite"]
    assert a["convolution associative"] is True and a["corrélation associative"] is False
    p = r["pooling"]
    assert p["A′ (max-pooling)"] == [[23, 22, 17], [20, 19, 8]]
    assert p["A″ (pooling en moyenne)"].tolist() == [[11, 15.75, 14.25], [13.75, 8.25, 6]]
    assert p["identiques à MaxPooling2D / AveragePooling2D"] is True


def test_une_dimension_polynomes_radar_smiley(chapitre13):
    r, _, _ = chapitre13
    c = r["convolution-1d"]
    assert c["np.convolve 'same'"] == [2, 6, 11, 20, 17]
    assert c["np.convolve 'full'"] == [1, 2, 6, 11, 20, 17, 3]
    assert c["notre convolution_1d = np.convolve"] is True
    assert r["polynomes"]["(X³+2X²+3X+4)(5X²+6X+7)"] == [5, 16, 34, 52, 45, 28]
    assert r["radar"]["corrélation de [1,0,3,5,1] par [1,2,3]"] == [2, 10, 21, 16, 7]
    assert abs(r["radar"]["pic de corrélation"] - 400) <= 3
    i, j = r["correlation-2d"]["maximum de la corrélation"]
    assert abs(i - 200) <= 3 and abs(j - 300) <= 3


def test_image_ecrite_et_figures(chapitre13):
    r, figures, tracees = chapitre13
    im = r["image"]
    assert im["A_img"].shape == (256, 256)
    assert im["relue"].min() == 0 and im["relue"].max() == 255     # np.clip puis uint8
    assert im["B"].min() < 0 and im["B"].max() > 255               # … la sortie brute débordait
    # les données tracées, recalculées par SciPy / NumPy
    avant, apres = tracees["ch13-image"].axes
    np.testing.assert_array_equal(avant.images[0].get_array(), im["A_img"])
    relief = np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
    np.testing.assert_array_equal(apres.images[0].get_array(), signal.convolve2d(im["A_img"], relief, mode="same"))
    c = r["convolution-1d"]
    haut, bas = tracees["ch13-lissage"].axes
    np.testing.assert_allclose(haut.lines[0].get_ydata(), c["f2"], atol=1e-12)
    np.testing.assert_allclose(bas.lines[0].get_ydata(), np.convolve(c["f2"], np.ones(5) / 5, "same"), atol=1e-12)
    rd = r["radar"]
    courbes = [ax.lines[0].get_ydata() for ax in tracees["ch13-radar"].axes]
    attendues = [rd["impulsion"], rd["bruit"], rd["recu"], np.correlate(rd["recu"], rd["impulsion"], "same")]
    for courbe, attendue in zip(courbes, attendues, strict=True):
        np.testing.assert_allclose(courbe, attendue, atol=1e-9)
    cr = r["correlation-2d"]
    carte = tracees["ch13-smiley-correlation"].axes[0].images[0].get_array()
    np.testing.assert_allclose(carte, signal.correlate2d(cr["image_cachee"], cr["motif"], mode="same"), atol=1e-9)
    for nom in ("image_avant", "image_apres", "ch13-image", "ch13-lissage", "ch13-radar", "ch13-smiley",
                "ch13-smiley-correlation"):
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
