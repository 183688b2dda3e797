"""Chapitre 8 : les tableaux d'itérations et les résultats du livre."""
import numpy as np
import pytest


def test_chapitre_8(lancer_chapitre):
    r, figures = lancer_chapitre(8)
    d = r["deux-variables"]
    np.testing.assert_allclose(d["points"][4], [0.2592, 0.0016])
    np.testing.assert_allclose(d["gradients"][1], [2.4, -1.2])
    np.testing.assert_allclose(d["depart2"], [[-1, -1], [-0.8, -0.4], [-0.64, -0.16]])
    u = r["une-variable"]
    np.testing.assert_allclose(u["a"][:5], [2, 1.2, 0.72, 0.432, 0.2592])
    assert u["valeurs"][4] == pytest.approx(1.06718, abs=1e-5) and u["valeurs"][5] == pytest.approx(1.02418, abs=1e-5)
    assert u["mauvais"][0.9] == pytest.approx([2, -1.6, 1.28, -1.024])
    assert u["mauvais"][1.1] == pytest.approx([2, -2.4, 2.88, -3.456])
    assert u["mauvais"][0.05] == pytest.approx([2, 1.8, 1.62, 1.458])
    for a0 in (-2, -0.5):
        assert u["limites"][a0] == (pytest.approx(-1.6289, abs=1e-4), pytest.approx(2.1446, abs=1e-4))
    for a0 in (0.5, 2):
        assert u["limites"][a0] == (pytest.approx(1.5285, abs=1e-4), pytest.approx(5.3053, abs=1e-4))
    assert u["selle"] == pytest.approx(-0.029, abs=1e-3)
    assert r["pas"]["keras_1e6"] == pytest.approx(0.000909, abs=1e-6)
    g = r["regression"]
    np.testing.assert_allclose(g["droite3"][1], [1.44, 1.4])
    np.testing.assert_allclose(g["droite3"][2], [0.448, 1.2912], atol=1e-4)
    assert g["droite3_E"][:2] == pytest.approx([38, 18.96])
    assert g["droite3"][100] == pytest.approx([0.501, 2.993], abs=1e-3)
    assert g["droite5"] == (pytest.approx(0.788, abs=1e-3), pytest.approx(-2.462, abs=1e-3))
    assert g["plan3"] == pytest.approx([1, 2, 3], abs=1e-4)
    assert g["plan5"] == pytest.approx((-11 / 9, 7 / 9, 7 / 3, 14.444), abs=1e-3)
    s = r["stochastique"]
    np.testing.assert_allclose(s["classique"], [[1, 1], [-0.54, 0.52], [-1.3652, 0.2944]], atol=1e-2)
    assert s["classique_E"] == pytest.approx([284, 84.87, 28.68], abs=0.01)
    assert s["stochastique_E"][1:4] == pytest.approx([236.43, 237.41, 100.74], abs=0.01)
    assert s["stochastique_E"][8] == pytest.approx(36.29, abs=0.01)
    np.testing.assert_allclose(s["classique_200"], [-2.9982, 1.9949], atol=1e-4)
    np.testing.assert_allclose(s["stochastique_800"], [-2.9984, 1.9955], atol=1e-4)
    assert [round(s["cercle_10_epoques"][K], 2) for K in (1, 2, 3, 6)] == [6.90, 4.61, 2.27, 0.92]
    np.testing.assert_allclose(s["cercle_100"], [3, 2, 1], atol=1e-4)
    a = r["acceleration"]
    assert a["Nesterov µ = 0.8"] < a["moment µ = 0.8"] < a["classique"]
    for nom in ["ch08-exemple1-0", "ch08-exemple1-20", "ch08-parabole-a0-2", "ch08-pas-1.1", "ch08-minima-a0--2",
                "ch08-point-selle", "ch08-calendriers", "ch08-regression-droite", "ch08-regression-plan",
                "ch08-parabole-stochastique", "ch08-cercle-erreurs", "ch08-nesterov"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
