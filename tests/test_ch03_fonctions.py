"""Chapitre 3 : le centre de gravité, les trois recherches de minimum et la régression, avec les valeurs
du livre, et les données tracées par les figures."""
import math

import matplotlib.contour
import numpy as np
import pytest


def limites_z(fig, k=0):
    ax = fig.axes[k]
    return ax.zz_dataLim.x0, ax.zz_dataLim.x1


def test_chapitre_3(lancer_chapitre, capsys):
    r, figures = lancer_chapitre(3)
    assert "comparaisons avec le livre : 14 ✓, 0 ✗" in capsys.readouterr().out
    g = r["graphes"]
    assert g["f(0, 0)"] == 0 and g["f(0, 2) (f(0, y) = 0)"] == 0
    assert g["f(1, 0) = 1/e"] == pytest.approx(1 / math.e)
    assert g["f(3, 3), loin de l'origine"] == pytest.approx(3 * math.exp(-18))
    m = r["meilleur-point"]
    assert (m["x0 = 10/3"], m["y0 = 8/3"], m["z0 = f(x0, y0) = 64/3"]) == (
        pytest.approx(10 / 3), pytest.approx(8 / 3), pytest.approx(64 / 3))
    rm = r["recherche-minimum"]
    assert rm["sur_grille"] == pytest.approx((2.909090909, 2.96969697, 7.838748391), abs=1e-8)
    assert rm["grille 100×100 : (xmin, ymin)"] == pytest.approx((2.91, 2.97), abs=0.005)
    assert rm["1000 points au hasard : zmin"] == pytest.approx(7.84, abs=0.02)
    attendu = [(2.45225, 2.84046, 7.92527), (2.97278, 2.90421, 7.83872), (2.98439, 2.90576, 7.83868),
               (2.98464, 2.90579, 7.838677)]
    for (y, x, z), (ya, xa, za) in zip(rm["tranches"], attendu):
        assert (y, x) == (pytest.approx(ya, abs=1e-5), pytest.approx(xa, abs=1e-5))
        assert z == pytest.approx(za, abs=1e-5)
    assert rm["tranches"][-1][1:] == (pytest.approx(2.9057908, abs=1e-6), pytest.approx(7.838677422, abs=1e-8))
    assert rm["5 étapes : (xmin, ymin)"] == pytest.approx((2.90579, 2.98464), abs=1e-5)
    reg = r["regression"]
    assert reg["sur_grille"][0] == pytest.approx(0.79, abs=0.01) and reg["sur_grille"][2] == pytest.approx(1.219, abs=2e-3)
    assert reg["minimum"] == (pytest.approx(0.7975, abs=1e-3), pytest.approx(1.61, abs=2e-3),
                              pytest.approx(1.2195, abs=1e-4))
    assert reg["minimum (a, b)"] == pytest.approx((0.8, 1.6), abs=0.015)

    # les figures
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(
        ["ch03-surface-vue25", "ch03-tranches", "ch03-minima-locaux", "ch03-somme-carres",
         "ch03-recherche-minimum", "ch03-niveaux-x2-y2", "ch03-niveaux-sinus", "ch03-quadratique-paraboloide",
         "ch03-quadratique-cylindre", "ch03-quadratique-selle", "ch03-regression-niveaux",
         "ch03-regression-droite"])
    X, Y = np.meshgrid(np.linspace(-3, 5, 50), np.linspace(-3, 4, 50))     # --rapide : 50 points
    Z = -X * np.exp(-(X ** 2 + Y ** 2)) - Y ** 2 / 3 * np.exp(-((X - 2) ** 2 + (Y - 1) ** 2))
    assert limites_z(g["fig_minima"]) == pytest.approx((Z.min(), Z.max()))
    X, Y = np.meshgrid(np.linspace(1, 6, 50), np.linspace(0, 5, 50))
    Z = 3 * X ** 2 + 3 * Y ** 2 - 20 * X - 16 * Y + 76                      # = MA² + MB² + MC²
    assert limites_z(m["fig_somme_carres"]) == pytest.approx((Z.min(), Z.max()))
    ax = m["fig_somme_carres"].axes[0]
    assert (ax.elev, ax.azim) == (30, -65)
    # la recherche : A, B, C en noir, le minimum de la grille en rouge, le chemin des tranches en vert
    ax = rm["fig_recherche"].axes[0]
    assert ax.collections[1].get_offsets().tolist() == [[1, 2], [3, 5], [6, 1]]
    assert ax.collections[2].get_offsets().tolist() == [list(rm["sur_grille"][:2])]
    chemin = ax.lines[0]
    assert list(chemin.get_xdata()) == [0] + [e[1] for e in rm["tranches"]]
    assert list(chemin.get_ydata()) == [rm["tranches"][0][0]] + [e[0] for e in rm["tranches"]]
    # lignes de niveau : les cercles de x² + y² à leur hauteur, la selle avec ses niveaux négatifs en pointillés
    ln = r["lignes-de-niveau"]
    niveaux = [c for c in ln["fig_cercles"].axes[0].collections if isinstance(c, matplotlib.contour.ContourSet)]
    assert niveaux[0].levels == pytest.approx(np.linspace(0.05, 4, 10))
    X, Y = np.meshgrid(np.linspace(-2, 2, 60), np.linspace(-2, 2, 60))   # --rapide : 60 points
    assert limites_z(ln["fig_cercles"]) == pytest.approx((np.min(X ** 2 + Y ** 2), 8))
    # regression : les cinq points et la droite y = ax + b du minimum
    ax = reg["fig_droite"].axes[0]
    assert ax.collections[0].get_offsets().tolist() == [[2, 3], [3, 5], [4, 4], [5, 6], [6, 6]]
    x, y = ax.lines[0].get_xdata(), ax.lines[0].get_ydata()
    np.testing.assert_allclose(y, reg["minimum"][0] * x + reg["minimum"][1])
    ax = reg["fig_niveaux"].axes[0]
    assert ax.collections[-1].get_offsets().tolist() == [list(reg["sur_grille"][:2])]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("axe a", "axe b")
