"""Chapitre 7 : gradients de quatre façons, valeurs du livre, formule du sourire contre GradientTape."""
import math

import pytest


def test_chapitre_7(lancer_chapitre):
    r, figures = lancer_chapitre(7)
    for nom, g in r["gradient"]["facons"].items():
        assert g == pytest.approx([4, 12], abs=1e-6), nom
    assert r["gradient"]["ecart_exemples"] < 1e-12
    assert r["plan-tangent"]["approche"] == pytest.approx(1.001) and r["plan-tangent"]["exacte"] == pytest.approx(1.000991988)
    pc = r["points-critiques"]
    assert pc["points"] == [(0, 0), (pytest.approx(1 / 12), pytest.approx(-1 / 6))]
    assert pc["critiques"] == [[0, 0], pytest.approx([0, 0], abs=1e-12)] and pc["f_min"] == pytest.approx(-0.0023148, abs=1e-7)
    da = r["differentiation-automatique"]
    assert da["F"] == pytest.approx(2.9396537284542807)
    assert da["dx"] == pytest.approx(12 / (18 + math.sin(2))) == pytest.approx(0.6346084536687331)
    assert da["dy"] == pytest.approx(0.4539488152148568)
    assert da["√(e^t sin t) en 1"][0] == pytest.approx(1.2417508507041681) == da["√(e^t sin t) en 1"][2]
    assert da["t + (ln t)² + 1/sin t en 2"][0] == pytest.approx(2.1964561539)
    derivee, chemins, verif = da["t² ln t ln(ln t) en 3"]
    assert derivee == pytest.approx(3.9020760777) == verif and chemins == 3
    res = r["reseau"]
    assert res["sourire"] == pytest.approx({"x": 3 / 5, "a": 2 / 5, "b": 1 / 5, "c": 1 / 5})
    assert res["tape"] == pytest.approx(res["sourire"])
    assert res["F2"] == pytest.approx(0.3832808357)
    assert res["sourire2"] == pytest.approx({"x": -8.4798074938, "a": -1.3940651108, "b": -1.8972257574,
                                             "c": -0.1595011073, "d": 0.0540885946})
    assert res["tape2"] == pytest.approx(res["sourire2"])
    assert res["erreur_keras"] == pytest.approx(res["erreur_main"], rel=1e-5)
    for nom in ["ch07-plan-tangent", "ch07-points-critiques", "ch07-champ-minimum", "ch07-champ-selle"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
