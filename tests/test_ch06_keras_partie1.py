"""Le chapitre 6 complet en mode rapide : valeurs du livre et figures."""
import pytest


def test_chapitre_6(lancer_chapitre):
    r, figures = lancer_chapitre(6)
    assert r["keras-brut"]["F(3)"] == 2.0
    assert r["keras-brut"]["parametres"] == 7
    assert r["keras-brut"]["min"] == pytest.approx(0.5, abs=0.02)   # grille de 100 points
    assert r["deux-entrees"]["F(7,-5)"] == pytest.approx(0.123, abs=5e-4)
    assert r["deux-entrees"]["forme"] == (1, 1)
    assert r["keras-facile"]["F(3)"] == 2.0
    assert r["keras-facile"]["valeurs"] == {-2: 2.0, -1: 1.5, 0: 1.0, 1: 0.5, 2: 1.0, 3: 2.0}
    assert r["heaviside"] == {0: 1.0, 2: 1.0, 2.5: 0.0}
    assert r["sigmoide-2var"]["F(2,1)"] == pytest.approx(0.9525741268, abs=1e-6)   # σ(3), « ≃ 0.952 »
    assert r["secteur"] == {(1, 1): 1.0, (0, -1): 0.0, (-3, -1): 0.0, (0, 0): 1.0}
    assert r["trois-entrees"]["F(2,3,4)"] == 2.0
    cube = r["cube"]
    assert cube[(0, 0, 0)] == pytest.approx(0.16608, abs=1e-5)
    assert cube[(1, 0, 0)] == pytest.approx(0.15512, abs=1e-5)
    assert cube[(2, 2, 2)] == pytest.approx(0.08823, abs=1e-5)
    approx = r["approximation"]
    assert approx["recharge_identique"] is True
    # l'erreur de la construction corrigée est bornée par la variation de f sur un pas
    assert approx["erreurs"][20] < approx["erreurs"][5]
    assert approx["F(2)"] == pytest.approx(0.2017389, abs=1e-5)
    attendues = ["ch06-reseau-relu", "ch06-surface-2-entrees", "ch06-keras-facile-1var", "ch06-heaviside",
                 "ch06-approximation-n5", "ch06-approximation-n20", "ch06-sigmoide-3d", "ch06-sigmoide-2d",
                 "ch06-secteur-3d", "ch06-secteur-2d", "ch06-trois-entrees-n5", "ch06-cube"]
    for nom in attendues:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
