"""Chapitre 13 exécuté en mode rapide : les valeurs du livre et les figures."""
import pytest


@pytest.fixture(scope="module")
def chapitre13(tmp_path_factory):
    from keras_facile.lecon import executer_chapitre

    figures = tmp_path_factory.mktemp("figures_ch13")
    return executer_chapitre(13, ["--rapide", "--figures", str(figures)]), figures


def test_matrices_associativite_pooling(chapitre13):
    r, _ = chapitre13
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
    r, _ = chapitre13
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
    r, figures = chapitre13
    im = r["image"]
    assert im["A_img"].shape == (256, 256)
    assert im["relue"].min() == 0 and im["relue"].max() == 255     # np.clip puis uint8
    assert im["B"].min() < 0 and im["B"].max() > 255               # … la sortie brute débordait
    for nom in ("image_avant", "image_apres", "ch13-image", "ch13-lissage", "ch13-radar", "ch13-smiley",
                "ch13-smiley-correlation"):
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
