"""Le chapitre 5 en mode rapide : valeurs du livre et figures."""
import pytest


def test_chapitre_5(lancer_chapitre):
    r, figures = lancer_chapitre(5)
    assert r["perceptron"]["F"] == {(4, -1): 1.0, (-3, 1): 0.0, (6, -4): 1.0}
    assert r["perceptron"]["ronds_carres_separes"] is True
    assert r["biais"]["exercice"] is True
    assert r["biais"]["taille_poids"][(1.77, 75)] == pytest.approx(0.175086, abs=1e-6)
    assert r["biais"]["taille_poids"][(1.67, 64)] == pytest.approx(0.721115, abs=1e-6)
    assert list(r["biais"]["rouge"].values()) == [1, 1, 0, 0]
    portes = r["portes"]
    assert list(portes["tables"]["OU"].values()) == [0, 1, 1, 1]
    assert list(portes["tables"]["ET"].values()) == [0, 0, 0, 1]
    assert portes["presque"] == {"ET (c = −2)": 0.0, "ET (c = −1.5)": 1.0}
    assert [p for p, v in portes["tables"]["ET3"].items() if v == 1] == [(1, 1, 1)]
    assert portes["ou_exclusif_impossible"] is True
    assert r["reseaux"]["F"] == {(4, 7): 1.0, (3, 2): 1.0, (0.1, 0.1): 0.0}
    assert r["reseaux"]["Y"] == {(0, 0, 0): (0, 0), (1, 0, 0): (0, 4), (1, -1, 1): (0, 19), (3, 2, 1): (2, 4)}
    assert r["reseaux"]["inverse"] == (1.0, 7.0)
    assert r["reseaux"]["Y2_nul_et_Y1_non_nul"] is False
    assert r["zones"]["triangle"] == {(1, 2): 1.0, (0, 0): 0.0}
    assert r["zones"]["secteur"] == {(1, 1): 1.0, (0, -1): 0.0}
    assert list(r["ou-exclusif"].values()) == [0, 1, 1, 0]
    assert r["marches"]["double"] == {2: 4, 2.5: 4, 3: 4, 3.1: 0, 5: 6, 10: 6, 11: 0}
    assert r["marches"]["stricte"] == {0.4: 0, 0.5: 0, 0.6: 1}           # NON : 0 au point de la marche
    assert r["marches"]["creneau_k"] == {0: 0, 0.5: 3, 2: 3, 4: 3, 4.5: 0}
    assert r["zones"]["union"] == {(0, -1): 0.0, (-3, -1): 1.0}
    assert r["zones"]["zone"] == {(-5, 2): 1.0, (0, 0): 0.0, (5, 5): 0.0}
    assert r["polygones"]["pentagone"] == {(2, 2): 1, (5, 4): 0, (0, 0): 1, (-2, 0): 0}
    assert r["polygones"]["difference"] == {(2, 2): 1, (4, 2): 0, (-2, 0): 0}
    erreurs = r["approximation"]["erreurs"]
    livre = {5: 15.97, 10: 16.01, 20: 10.45, 50: 4.46, 100: 2.24}    # construction d'origine (spécification)
    for n, e in livre.items():
        assert erreurs[n]["livre"] == pytest.approx(e, abs=0.01)
        assert erreurs[n]["marches"] <= erreurs[n]["livre"] + 1e-3
        assert erreurs[n]["jonctions_marches"] < 1e-5 < 1 < erreurs[n]["jonctions_livre"]   # f(x_{i−1}) ajouté
    assert erreurs[100]["relu"] < 0.1
    j = r["approximation"]["jonction"]
    assert j["origine"] == pytest.approx(3.7432, abs=1e-3) and j["corrigee"] == pytest.approx(j["f(2.4)"], abs=1e-4)
    assert r["deux-variables"]["carre"] == {(0.5, 0.5): 1, (1.5, 0.5): 0, (0, 0): 1, (1, 1): 1}
    assert r["deux-variables"]["erreurs_2var"][8] < r["deux-variables"]["erreurs_2var"][4]
    for nom in ["ch05-demi-plan", "ch05-ronds-carres", "ch05-activations-comparees", "ch05-ou-exclusif",
                "ch05-pentagone", "ch05-double-creneau", "ch05-escalier-n5", "ch05-escalier-n10", "ch05-carre-3d",
                "ch05-carre-2d", "ch05-taille-poids", "ch05-cube-rouge", "ch05-ou-et", "ch05-marche-stricte-creneau",
                "ch05-secteur", "ch05-union", "ch05-triangle", "ch05-zone-exercice", "ch05-marches",
                "ch05-exercice-biais", "ch05-heaviside-4x-3y-4", "ch05-sigmoide-x-2y-3", "ch05-difference",
                "ch05-blocs-2var"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
