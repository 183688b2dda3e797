"""Le chapitre 8 lancé en mode rapide : tableaux et valeurs du livre, figures."""
import numpy as np
import pytest


def test_chapitre_8(lancer_chapitre):
    r, figures = lancer_chapitre(8)
    d = r["deux-variables"]
    np.testing.assert_allclose(d["points"][[1, 2, 3]], [(1.2, -0.2), (0.72, 0.04), (0.432, -0.008)], atol=1e-12)
    np.testing.assert_allclose(d["gradients"][0], (4, 6))
    np.testing.assert_allclose(d["depart2"], [(-1, -1), (-0.8, -0.4), (-0.64, -0.16)], atol=1e-12)
    u = r["une-variable"]
    np.testing.assert_allclose(u["a"][:5], [2, 1.2, 0.72, 0.432, 0.2592])
    assert u["valeurs"][5] == pytest.approx(1.02418, abs=1e-5)
    assert u["mauvais"][1.1] == pytest.approx([2, -2.4, 2.88, -3.456])
    assert u["mauvais"][0.05] == pytest.approx([2, 1.8, 1.62, 1.458])
    assert u["limites"][-2][0] == pytest.approx(-1.6289, abs=1e-4) and u["limites"][2][0] == pytest.approx(1.5285, abs=1e-4)
    assert u["limites"][-0.5][1] == pytest.approx(2.1446, abs=1e-4) and u["limites"][0.5][1] == pytest.approx(5.3053, abs=1e-4)
    assert u["selle"] == pytest.approx(-0.029, abs=1e-3)
    assert r["pas"]["keras_1e6"] == pytest.approx(0.001 / 1.1, rel=1e-5)
    g = r["regression"]
    np.testing.assert_allclose(g["droite3"][2], [0.448, 1.2912], atol=1e-4)
    np.testing.assert_allclose(g["droite3_E"][:6], [38, 18.96, 10.29, 6.24, 4.27, 3.24], atol=0.01)
    np.testing.assert_allclose(g["droite3"][-1], (0.501, 2.993), atol=1e-3)
    assert g["droite5"] == pytest.approx((0.78804, -2.46196), abs=1e-4)
    assert g["plan3"] == pytest.approx([1, 2, 3], abs=1e-6)
    assert g["plan5"] == pytest.approx((-11 / 9, 7 / 9, 7 / 3, 14.444), abs=1e-3)
    s = r["stochastique"]
    np.testing.assert_allclose(s["classique"], [[1, 1], [-0.54, 0.52], [-1.3652, 0.2944]], atol=1e-2)
    np.testing.assert_allclose(s["classique_E"], [284, 84.87, 28.68], atol=0.01)
    np.testing.assert_allclose(s["stochastique_E"][[1, 3, 7]], [236.43, 100.74, 36.48], atol=0.01)
    np.testing.assert_allclose(s["classique_200"], (-2.9982, 1.9949), atol=1e-4)
    np.testing.assert_allclose(s["stochastique_800"], (-2.9984, 1.9955), atol=1e-4)
    assert [round(s["cercle_10_epoques"][K], 2) for K in (1, 2, 3, 6)] == [6.90, 4.61, 2.27, 0.92]
    np.testing.assert_allclose(s["cercle_100"], (3, 2, 1), atol=1e-4)
    a = r["acceleration"]
    assert a["Nesterov µ = 0.8"] < a["moment µ = 0.8"] < a["classique"]
    for nom in ["ch08-exemple1-0", "ch08-exemple1-3", "ch08-exemple1-20", "ch08-parabole-a0-2", "ch08-pas-1.1",
                "ch08-minima-a0--2", "ch08-point-selle", "ch08-calendriers", "ch08-regression-droite",
                "ch08-regression-plan", "ch08-parabole-stochastique", "ch08-cercle-erreurs", "ch08-nesterov"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
