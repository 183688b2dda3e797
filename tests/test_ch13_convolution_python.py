"""Chapitre 13 exécuté en mode rapide : les valeurs du livre et les figures."""
import pytest

from keras_facile.chapitre import executer_chapitre


@pytest.fixture(scope="module")
def chapitre13(tmp_path_factory):
    figures = tmp_path_factory.mktemp("figures_ch13")
    return executer_chapitre(13, ["--rapide", "--figures", str(figures)]), figures


def test_matrices_associativite_pooling(chapitre13):
    r, _ = chapitre13
    m = r["matrices"]
    assert m["B1"] == [[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]]
    assert m["B2"] == [[2, 1, 7, 2, 6, 0], [5, 5, 9, 10, 0, 10], [7, 7, 17, 19, 16, 0],
                       [9, 10, 12, 11, 0, 19], [7, 5, 10, 13, 5, 0], [2, 0, 6, 2, 0, 6]]
    assert m["B3"] == [[17, 19], [12, 11]]
    assert m["emboites"] is True and m["notre_convolution"] is True
    assert r["associativite"] == {"convolution": True, "correlation": False}
    assert r["pooling"]["max"] == [[23, 22, 17], [20, 19, 8]]
    assert r["pooling"]["moyenne"] == [[11, 15.75, 14.25], [13.75, 8.25, 6]]
    assert r["pooling"]["keras"] is True


def test_une_dimension_polynomes_radar_smiley(chapitre13):
    r, _ = chapitre13
    assert r["convolution-1d"]["same"] == [2, 6, 11, 20, 17]
    assert r["convolution-1d"]["full"] == [1, 2, 6, 11, 20, 17, 3]
    assert r["convolution-1d"]["notre_convolution"] is True
    assert r["polynomes"]["P*Q"] == [5, 16, 34, 52, 45, 28]
    assert r["radar"]["correlation_livre"] == [2, 10, 21, 16, 7]
    assert abs(r["radar"]["pic"] - 400) <= 3
    i, j = r["correlation-2d"]["maximum"]
    assert abs(i - 200) <= 3 and abs(j - 300) <= 3


def test_image_ecrite_et_figures(chapitre13):
    r, figures = chapitre13
    assert r["image"]["forme"] == [256, 256]
    assert r["image"]["min_ecrit"] == 0 and r["image"]["max_ecrit"] == 255   # np.clip puis uint8
    for nom in ("image_avant", "image_apres", "ch13-image", "ch13-lissage", "ch13-radar", "ch13-smiley",
                "ch13-smiley-correlation"):
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
