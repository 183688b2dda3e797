"""Chapitre 7 : gradients de quatre façons, valeurs du livre, formule du sourire contre GradientTape."""
import math

import numpy as np
import pytest


def test_chapitre_7(lancer_chapitre):
    r, figures = lancer_chapitre(7)
    g = r["gradient"]
    assert list(g["facons"]) == ["formule", "différences finies", "graphe de calcul", "tf.GradientTape"]
    for nom, valeur in g["facons"].items():
        assert valeur == pytest.approx([4, 12], abs=1e-6), nom
    assert g["grad f(2, 1), GradientTape"] == [4, 12]
    assert g["ecart"] < 1e-12
    pt = r["plan-tangent"]
    assert pt["f(1.002, 0.997) par le plan tangent"] == pytest.approx(1.001)                 # « ≃ 1.001 »
    assert pt["f(1.002, 0.997) exacte"] == pytest.approx(1.000992, abs=5e-7)               # « 1.000992 »
    pc = r["points-critiques"]
    assert pc["critiques"] == [(0, 0), (pytest.approx(1 / 12), pytest.approx(-1 / 6))]
    assert pc["gradients_critiques"] == [[0, 0], pytest.approx([0, 0], abs=1e-12)]
    assert pc["f(1/12, −1/6)"] == pytest.approx(-0.0023148, abs=1e-7)
    # les flèches tracées sont −grad f : (−2x, −2y), (2x, 2y), (−2x, 2y)
    points = np.c_[pc["VX"].ravel(), pc["VY"].ravel()]
    np.testing.assert_allclose(pc["champs"]["minimum"], -2 * points)
    np.testing.assert_allclose(pc["champs"]["maximum"], 2 * points)
    np.testing.assert_allclose(pc["champs"]["selle"], points * [-2, 2])
    da = r["differentiation-automatique"]
    assert da["F(3, 2) = ln(18 + sin 2)"] == pytest.approx(2.9396537284542807, abs=1e-12)
    assert da["∂F/∂x(3, 2) = 12/(18 + sin 2)"] == pytest.approx(12 / (18 + math.sin(2)), abs=1e-12)
    assert da["∂F/∂x(3, 2) = 12/(18 + sin 2)"] == pytest.approx(0.6346084536687331, abs=1e-12)
    assert da["∂F/∂y(3, 2) = (9 + cos 2)/(18 + sin 2)"] == pytest.approx(0.4539488152148568, abs=1e-12)
    t = da["derivees_t"]
    assert t["√(e^t sin t) en 1"][:2] == (pytest.approx(1.2417508507041681, abs=1e-12), 2)
    assert t["√(e^t sin t) en 1"][2] == pytest.approx(1.2417508507041681, abs=1e-12)
    assert t["t + (ln t)² + 1/sin t en 2"][:2] == (pytest.approx(2.1964561539, abs=1e-10), 3)
    derivee, chemins, verif = t["t² ln t ln(ln t) en 3"]
    assert derivee == pytest.approx(3.9020760777, abs=1e-10) and verif == pytest.approx(derivee) and chemins == 3
    res = r["reseau"]
    assert res["F(2, 3, 4, 5)"] == pytest.approx(math.log(500)) == pytest.approx(6.2146, abs=5e-5)   # « ln 500 »
    assert res["sourire"] == pytest.approx({"x": 3 / 5, "a": 2 / 5, "b": 1 / 5, "c": 1 / 5}, abs=1e-12)
    assert res["tape"] == pytest.approx(res["sourire"], abs=1e-12)
    assert res["ew"] == pytest.approx(0.3832808357, abs=1e-10)
    assert res["sourire2"] == pytest.approx({"x": -8.4798074938, "a": -1.3940651108, "b": -1.8972257574,
                                             "c": -0.1595011073, "d": 0.0540885946}, abs=1e-10)
    assert res["tape2"] == pytest.approx(res["sourire2"], abs=1e-10)
    # ∂E/∂a_j = 2 ∂F/∂a_j (F − y0) avec F = ln 500, y0 = 5 (Keras calcule en float32)
    assert res["erreur_main"] == pytest.approx([2 * 0.4 * (math.log(500) - 5), 2 * 0.2 * (math.log(500) - 5),
                                                2 * 0.2 * (math.log(500) - 5)], abs=1e-12)
    assert res["erreur_keras"] == pytest.approx(res["erreur_main"], rel=1e-5)
    attendues = ["ch07-plan-tangent", "ch07-points-critiques", "ch07-champ-minimum", "ch07-champ-maximum",
                 "ch07-champ-selle"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(attendues)
