"""Le chapitre 8 lancé en mode rapide : tableaux et valeurs du livre, données tracées, figures."""
import numpy as np
import pytest


def test_chapitre_8(lancer_chapitre):
    r, figures = lancer_chapitre(8)
    d = r["deux-variables"]
    np.testing.assert_allclose(d["t"].points[[1, 2, 3]], [(1.2, -0.2), (0.72, 0.04), (0.432, -0.008)], atol=1e-12)
    np.testing.assert_allclose(d["t"].gradients[0], (4, 6))
    assert d["f(a_2, b_2)"] == pytest.approx(0.5232, abs=1e-12)                 # « 0.523 »
    assert d["f(a_20, b_20)"] == pytest.approx(5.347e-9, rel=1e-3)              # « 5.34·10⁻⁹ »
    np.testing.assert_allclose(d["départ (−1, −1) : a_1, b_1, a_2, b_2"], [-0.8, -0.4, -0.64, -0.16], atol=1e-12)
    u = r["une-variable"]
    np.testing.assert_allclose(u["t"].points[:5, 0], [2, 1.2, 0.72, 0.432, 0.2592])
    assert u["f(a_4)"] == pytest.approx(1.06718, abs=1e-5) and u["f(a_5)"] == pytest.approx(1.02418, abs=1e-5)
    assert u["mauvais"][0.9] == pytest.approx([2, -1.6, 1.28, -1.024])
    assert u["mauvais"][1.1] == pytest.approx([2, -2.4, 2.88, -3.456])
    assert u["mauvais"][0.05] == pytest.approx([2, 1.8, 1.62, 1.458])
    assert u["limites"][-2][0] == pytest.approx(-1.6289, abs=1e-4) and u["limites"][2][0] == pytest.approx(1.5285, abs=1e-4)
    assert u["limites"][-0.5][1] == pytest.approx(2.1446, abs=1e-4) and u["limites"][0.5][1] == pytest.approx(5.3053, abs=1e-4)
    assert u["a_100 depuis −1 (point-selle)"] == pytest.approx(-0.029, abs=1e-3)
    p = r["pas"]
    assert p["meilleur pas depuis (2, 1)"] == pytest.approx(0.21)
    assert p["InverseTimeDecay au pas 10⁶"] == pytest.approx(0.001 / 1.1, rel=1e-5)
    # les calendriers tracés, terme à terme : δ_k = δ0/(k+1), δ0/(k+1)², δ0 e^(−βk), δ0/(αk+1)
    k, c = p["k"], p["courbes"]
    np.testing.assert_allclose(c["constant 0.1"], 0.1)
    np.testing.assert_allclose(c["linéaire δ0/(k+1)"], 0.1 / (k + 1), rtol=1e-12)
    np.testing.assert_allclose(c["quadratique δ0/(k+1)²"], 0.1 / (k + 1) ** 2, rtol=1e-12)
    np.testing.assert_allclose(c["exponentiel δ0 e^(−βk)"], 0.1 * np.exp(-0.05 * k), rtol=1e-12)
    np.testing.assert_allclose(c["Keras δ0/(αk+1), α = 0.1"], 0.1 / (0.1 * k + 1), rtol=1e-12)
    g = r["regression"]
    np.testing.assert_allclose(g["t"].points[2], [0.448, 1.2912], atol=1e-4)
    np.testing.assert_allclose(g["t"].valeurs[:6], [38, 18.96, 10.29, 6.24, 4.27, 3.24], atol=0.01)
    np.testing.assert_allclose(g["(a_100, b_100)"], (0.501, 2.993), atol=1e-3)
    np.testing.assert_allclose(g["5 points : (a, b)"], (0.78804, -2.46196), atol=1e-4)
    assert g["prédiction en x = 6"] == pytest.approx(2.266, abs=5e-4)      # le livre écrit 2.22 (a, b tronqués)
    assert g["plan par 3 points : (a, b, c)"] == pytest.approx([1, 2, 3], abs=1e-6)
    assert g["plan par 5 points : (a, b, c)"] == pytest.approx((-11 / 9, 7 / 9, 7 / 3), abs=1e-3)
    assert g["plan par 5 points : E"] == pytest.approx(14.444, abs=1e-3)
    assert g["z(1, 1)"] == pytest.approx(1.8889, abs=1e-4)
    s = r["stochastique"]
    np.testing.assert_allclose(s["classique"].points[:3], [[1, 1], [-0.54, 0.52], [-1.3652, 0.2944]], atol=1e-2)
    np.testing.assert_allclose(s["classique : E_0, E_1, E_2"], [284, 84.87, 28.68], atol=0.01)
    np.testing.assert_allclose(s["stochastique : E_1 … E_8"],
                               [236.43, 237.41, 100.74, 97.917, 83.245, 83.913, 36.48, 36.29], atol=0.01)
    np.testing.assert_allclose(s["200 itérations classiques"], (-2.9982, 1.9949), atol=1e-4)
    np.testing.assert_allclose(s["800 itérations stochastiques"], (-2.9984, 1.9955), atol=1e-4)
    assert [round(s["par_lot"][K].erreurs_epoques[-1], 2) for K in (1, 2, 3, 6)] == [6.90, 4.61, 2.27, 0.92]
    np.testing.assert_allclose(s["cercle après 100 époques : (a, b, c)"], (3, 2, 1), atol=1e-4)
    a = {nom: t.valeurs[-1] for nom, t in r["acceleration"]["methodes"].items()}
    assert a["classique"] == pytest.approx(2.814e-01, rel=1e-3)
    assert a["moment µ = 0.8"] == pytest.approx(8.568e-09, rel=1e-3)
    assert a["Nesterov µ = 0.8"] == pytest.approx(4.278e-12, rel=1e-3)
    attendues = ["ch08-exemple1-0", "ch08-exemple1-1", "ch08-exemple1-3", "ch08-exemple1-20", "ch08-exemple1-depart2",
                 "ch08-ou-est-le-minimum", "ch08-parabole-a0-2", "ch08-parabole-a0--1.5", "ch08-pas-0.9",
                 "ch08-pas-1.1", "ch08-pas-0.05", "ch08-minima-a0--2", "ch08-minima-a0--0.5", "ch08-minima-a0-0.5",
                 "ch08-minima-a0-2", "ch08-point-selle", "ch08-calendriers", "ch08-regression-droite",
                 "ch08-regression-plan", "ch08-parabole-classique", "ch08-parabole-stochastique",
                 "ch08-cercle-erreurs", "ch08-cercle-bruite", "ch08-classique", "ch08-moment", "ch08-nesterov",
                 "ch08-acceleration-erreurs"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(attendues)
