"""Le chapitre 6 complet en mode rapide : valeurs du livre et figures (leurs données tracées)."""
import numpy as np
import pytest


def test_chapitre_6(lancer_chapitre):
    r, figures = lancer_chapitre(6)
    assert r["keras-brut"]["F(3)"] == 2.0
    assert r["keras-brut"]["nombre de poids"] == 7
    assert r["keras-brut"]["F(-2)"] == 2.0
    assert r["keras-brut"]["min de F sur [-2, 3]"] == pytest.approx(0.5, abs=0.02)   # grille de 100 points
    # la courbe tracée est bien F(x) = ReLU(x − 1) + ReLU(−0.5x + 1) sur la grille
    x = r["keras-brut"]["liste_x"]
    np.testing.assert_allclose(r["keras-brut"]["liste_y"], np.maximum(x - 1, 0) + np.maximum(-0.5 * x + 1, 0),
                               atol=1e-6)
    assert r["deux-entrees"]["F(7, -5)"] == pytest.approx(0.12303183, abs=1e-6)   # « ≃ 0.123 »
    assert r["deux-entrees"]["forme de la sortie"] == (1, 1)
    assert r["keras-facile"]["F(3)"] == 2.0
    assert r["keras-facile"]["valeurs"] == {-2: 2.0, -1: 1.5, 0: 1.0, 1: 0.5, 2: 1.0, 3: 2.0}
    assert r["heaviside"]["valeurs"] == {0: 1.0, 2: 1.0, 2.5: 0.0}
    assert r["sigmoide-2var"]["F(2, 1)"] == pytest.approx(0.9525741268, abs=1e-6)   # σ(3), « ≃ 0.952 »
    assert r["secteur"]["points"] == {(1, 1): 1.0, (0, -1): 0.0, (-3, -1): 0.0, (0, 0): 1.0}
    assert r["trois-entrees"]["F(2, 3, 4)"] == 2.0
    cube = r["cube"]
    assert cube["F(0, 0, 0)"] == pytest.approx(0.16608, abs=1e-5)
    assert cube["F(1, 0, 0)"] == pytest.approx(0.15512, abs=1e-5)
    assert cube["F(2, 2, 2)"] == pytest.approx(0.08823, abs=1e-5)
    approx = r["approximation"]
    assert approx["rechargé : sorties identiques"] is True
    # l'erreur de la construction corrigée est bornée par la variation de f sur un pas
    assert approx["erreurs"][20] < approx["erreurs"][5]
    assert approx["F(2) avec n = 20"] == pytest.approx(0.2017389, abs=1e-5)
    attendues = ["ch06-reseau-relu", "ch06-surface-2-entrees", "ch06-keras-facile-1var", "ch06-heaviside",
                 "ch06-approximation-n5", "ch06-approximation-n20", "ch06-sigmoide-3d", "ch06-sigmoide-2d",
                 "ch06-secteur-3d", "ch06-secteur-2d", "ch06-trois-entrees-n5", "ch06-cube"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(attendues)
