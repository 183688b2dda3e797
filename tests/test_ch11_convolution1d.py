"""Chapitre 11 exécuté en mode rapide : les valeurs du livre et les figures."""
import pytest

from keras_facile.chapitre import executer_chapitre


@pytest.fixture(scope="module")
def chapitre11(tmp_path_factory):
    figures = tmp_path_factory.mktemp("figures_ch11")
    return executer_chapitre(11, ["--rapide", "--figures", str(figures)]), figures


def test_valeurs_du_livre(chapitre11):
    r, _ = chapitre11
    assert r["idee"] == {"f*g": [2, 6, 11, 20, 17], "motif_pair": [-4, 15, 53, 47, 23]}
    ex = r["exemples"]
    assert ex["moyenne_3"] == [2.00, 2.33, 2.33, 3.33, 3.33, 3.00, 1.33]
    assert ex["moyenne_5"] == [1.4, 2.2, 3.2, 2.6, 2.8, 2.6, 1.8]
    assert ex["homothetie"] == [2, 4, 6, 8, 10, 12, 14, 16, 18]
    assert ex["translation"] == [0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert ex["derivee"] == [16, -7, -5, -3, -1, 1, 3, 5, 7]
    assert r["reseau"]["poids_dense"] == 10000 and r["reseau"]["poids_convolution"] == 3
    assert r["reseau"]["ecart_keras"] < 1e-5
    d = r["definition"]
    assert d["etendue"] == [1, 2, 6, 11, 20, 17, 3] and d["rang_0"] == 2 and d["rang_1"] == 6
    assert d["commutative"] is True


def test_figures(chapitre11):
    _, figures = chapitre11
    for nom in ("ch11-moyenne-3", "ch11-lissage-3", "ch11-lissage-5", "ch11-derivee-sinus", "ch11-couches"):
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
