"""Chapitre 9 : les oracles de la rétropropagation (numpy et Keras donnent les mêmes poids)."""
import numpy as np
import pytest


def test_chapitre_9(lancer_chapitre):
    r, figures = lancer_chapitre(9)
    n = r["neurone-seul"]
    attendus = {1: (0.07742598, 0.80760234, -2.00589881), 10: (0.72470147, -0.28881316, -1.81534128),
                100: (1.3288826, -1.8288268, 0.3338761), 1000: (2.0328422, -3.8602520, 3.7039156)}
    for k, P in attendus.items():
        np.testing.assert_allclose(n["numpy"][k], P, atol=1e-6)
        np.testing.assert_allclose(n["keras"][k], P, atol=2e-5)
    np.testing.assert_allclose(n["gradients"][0], [-0.07743, 0.1924, 0.0059], atol=5e-5)
    assert n["erreurs"][0] == pytest.approx(0.450, abs=5e-4) and n["erreurs"][1000] == pytest.approx(0.071, abs=5e-4)
    assert [round(v, 3) for v in n["predictions"].values()] == [0.0, 0.867, 0.563, 0.307, 0.022, 0.98]
    x = r["ou-exclusif"]
    assert x["E0"] == pytest.approx(0.29618967, abs=1e-7) and x["keras_E0"] == pytest.approx(0.29618967, abs=1e-6)
    np.testing.assert_allclose(x["P1"], [0.9965, 2.0030, -2.9916, -2.9930, -1.9864, 1.0104, 1.0032, 0.9874, -0.9532],
                               atol=2e-4)
    P1000 = [3.5623517, 3.5675933, -5.534475, -5.3682723, -5.3935304, 1.8403335, -6.323482, -6.380109, 3.121689]
    np.testing.assert_allclose(x["P1000"], P1000, atol=1e-4)
    np.testing.assert_allclose(x["keras"], P1000, atol=1e-4)
    assert [round(v, 2) for v in x["predictions"].values()] == [0.08, 0.11, 0.9, 0.9, 0.88]
    m = r["marche"]
    assert m["E0"] == pytest.approx(0.25)
    np.testing.assert_allclose(m["P5000"], [-2.0142, 10.9964, 3.0543, -7.7086, 8.2334, 7.8735, -11.9037], atol=2e-4)
    assert m["E5000"] == pytest.approx(0.00257, abs=1e-5)
    lem = r["lemniscate"]
    assert (lem["rouges"], lem["bleus"]) == (18585, 21415)
    assert lem["comptes"] == {3: (10, 37), 5: (16, 81), 7: (22, 141), 10: (31, 261), 15: (46, 541), 20: (61, 921),
                              50: (151, 5301), 100: (301, 20601)}
    h = r["hauteur"]
    assert h["N"] == 1140
    assert {p: t["poids"] for p, t in h["tableau"].items()} == {3: 79, 10: 331}
    ml = r["minimum-local"]
    assert (ml["E(-1)"], ml["E(1)"]) == (4.0, 1.0)
    assert ml["depuis"][-1.5] == pytest.approx(-1, abs=1e-3) and ml["depuis"][0.8] == pytest.approx(1, abs=1e-3)
    assert r["sur-apprentissage"]["erreur_polynome"] < 1e-10
    for nom in ["ch09-neurone-droites", "ch09-neurone-carte", "ch09-ou-exclusif-carte", "ch09-ou-exclusif-erreur",
                "ch09-marche", "ch09-lemniscate", "ch09-minimum-local", "ch09-sur-apprentissage"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
