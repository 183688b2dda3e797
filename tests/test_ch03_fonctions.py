"""Chapitre 3 : le centre de gravité, les trois recherches de minimum et la régression, avec les valeurs du livre."""
import math

import pytest


def test_chapitre_3(lancer_chapitre):
    r, figures = lancer_chapitre(3)
    assert r["graphes"]["f(1,0)"] == pytest.approx(1 / math.e)
    m = r["meilleur-point"]
    assert (m["x0"], m["y0"], m["z0"]) == (pytest.approx(10 / 3), pytest.approx(8 / 3), pytest.approx(64 / 3))
    rm = r["recherche-minimum"]
    assert rm["grille"] == pytest.approx((2.909090909, 2.96969697, 7.838748391), abs=1e-8)
    assert rm["hasard"][2] == pytest.approx(7.84, abs=0.02)
    attendu = [(2.45225, 2.84046, 7.92527), (2.97278, 2.90421, 7.83872), (2.98439, 2.90576, 7.83868),
               (2.98464, 2.90579, 7.838677)]
    for (y, x, z), (ya, xa, za) in zip(rm["tranches"], attendu):
        assert (y, x) == (pytest.approx(ya, abs=1e-5), pytest.approx(xa, abs=1e-5))
        assert z == pytest.approx(za, abs=1e-5)
    assert rm["tranches"][-1][1:] == (pytest.approx(2.9057908, abs=1e-6), pytest.approx(7.838677422, abs=1e-8))
    reg = r["regression"]
    assert reg["grille"][0] == pytest.approx(0.79, abs=0.01) and reg["grille"][2] == pytest.approx(1.219, abs=2e-3)
    assert reg["minimum"] == (pytest.approx(0.7975, abs=1e-3), pytest.approx(1.61, abs=2e-3),
                              pytest.approx(1.2195, abs=1e-4))
    for nom in ["ch03-surface-vue25", "ch03-tranches", "ch03-minima-locaux", "ch03-somme-carres",
                "ch03-recherche-minimum", "ch03-niveaux-x2-y2", "ch03-niveaux-sinus", "ch03-quadratique-selle",
                "ch03-regression-niveaux", "ch03-regression-droite"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
