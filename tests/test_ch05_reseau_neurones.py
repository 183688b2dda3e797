"""Le chapitre 5 en mode rapide : valeurs du livre, données tracées et figures."""
import numpy as np
import pytest


def test_chapitre_5(lancer_chapitre):
    r, figures = lancer_chapitre(5)
    p = r["perceptron"]
    assert p["F(4, −1), F(−3, 1), F(6, −4)"] == [1, 0, 1]          # (6, −4) sur la droite : H(0) = 1
    assert list(p["sur_ronds"].values()) == [0] * 5 and list(p["sur_carres"].values()) == [1] * 5
    assert p["bien_classes"] is True
    b = r["biais"]
    assert list(b["sur_carres"].values()) == [1] * 7 and list(b["sur_ronds"].values()) == [0] * 6
    assert b["exercice"] is True
    assert b["F(1.77, 75)"] == pytest.approx(0.175086, abs=1e-6)     # « ≃ 0.17 »
    assert b["F(1.67, 64)"] == pytest.approx(0.721115, abs=1e-6)     # « ≃ 0.72 »
    assert list(b["couleurs"].values()) == [1, 1, 0, 0]
    portes = r["portes"]
    assert portes["x OU y sur (0,0), (0,1), (1,0), (1,1)"] == [0, 1, 1, 1]
    assert portes["x ET y sur (0,0), (0,1), (1,0), (1,1)"] == [0, 0, 0, 1]
    assert portes["ET(0.9, 0.9), c = −2 puis −1.5"] == [0, 1]
    assert [q for q, v in portes["tables"]["ET3"].items() if v == 1] == [(1, 1, 1)]
    assert [q for q, v in portes["tables"]["OU3"].items() if v == 0] == [(0, 0, 0)]
    assert portes["ou_exclusif_impossible"] is True and portes["resultat"].status == 2
    res = r["reseaux"]
    assert res["F(4, 7), F(3, 2), F(0.1, 0.1)"] == [1, 1, 0]
    assert res["sorties"] == {(0, 0, 0): (0, 0), (1, 0, 0): (0, 4), (1, -1, 1): (0, 19), (3, 2, 1): (2, 4)}
    assert res["(Y1, Y2) en (0, 0, 1)"] == (1.0, 7.0)
    assert res["y2_nul"].sum() == 37085 and res["contre_exemple"] is False    # graine 0
    z = r["zones"]["zones"]
    assert z["triangle"] == {(1, 2): 1.0, (0, 0): 0.0}
    assert z["secteur"] == {(1, 1): 1.0, (0, -1): 0.0}
    assert z["union"] == {(0, -1): 0.0, (-3, -1): 1.0}
    assert z["zone"] == {(-5, 2): 1.0, (0, 0): 0.0, (5, 5): 0.0}
    assert list(r["zones"]["triangles"]) == ["φ = H", "φ = σ", "φ = tanh", "φ = ReLU"]
    assert r["ou-exclusif"]["x OUex y sur (0,0), (0,1), (1,0), (1,1)"] == [0, 1, 1, 0]
    poly = r["polygones"]
    assert poly["dans_pentagone"] == {(2, 2): 1, (5, 4): 0, (0, 0): 1, (-2, 0): 0}
    assert poly["neurones du pentagone (n + 1)"] == 6 and poly["P"].count_params() == 21
    assert poly["dans_difference"] == {(2, 2): 1, (4, 2): 0, (-2, 0): 0}
    m = r["marches"]
    assert m["double créneau en 2, 2.5, 3, 3.1, 5, 10, 11"] == [4, 4, 4, 0, 6, 6, 0]
    assert m["v_stricte"] == {0.4: 0, 0.5: 0, 0.6: 1}           # NON : 0 au point de la marche
    assert m["v_creneau"] == {0: 0, 0.5: 3, 2: 3, 4: 3, 4.5: 0}
    # les courbes tracées sont bien les marches H(ax + b) (H(0) = 1)
    x = m["x"]
    for nom, (a, c) in {"H(x)": (1, 0), "H(2x + 1)": (2, 1), "H(2x − 1)": (2, -1), "H(−0.5x + 1)": (-0.5, 1)}.items():
        np.testing.assert_array_equal(m["courbes"][nom], (a * x + c >= 0).astype(float), err_msg=nom)
    erreurs = r["approximation"]["tableau"]
    livre = {5: 15.97, 10: 16.01, 20: 10.45, 50: 4.46, 100: 2.24}    # construction d'origine (spécification)
    relu = {5: 12.7595, 10: 5.3828, 20: 1.5889, 50: 0.2746, 100: 0.0702}
    assert list(erreurs) == list(livre)
    for n, e in livre.items():
        assert erreurs[n]["livre"] == pytest.approx(e, abs=0.005)
        assert erreurs[n]["marches"] == pytest.approx(e, abs=0.005)     # même erreur hors des jonctions
        assert erreurs[n]["relu"] == pytest.approx(relu[n], abs=1e-4)
        assert erreurs[n]["jonctions_marches"] < 1e-5 < 1 < erreurs[n]["jonctions_livre"]   # f(x_{i−1}) ajouté
    j = r["approximation"]
    assert j["F(2.4), construction d'origine, n = 20"] == pytest.approx(3.7432, abs=1e-3)
    assert j["F(2.4), marches corrigées, n = 20"] == pytest.approx(j["jonction"]["f(2.4)"], abs=1e-4)
    d = r["deux-variables"]
    assert d["v"] == {(0.5, 0.5): 1, (1.5, 0.5): 0, (0, 0): 1, (1, 1): 1}
    assert d["erreurs"] == pytest.approx({4: 0.4109, 8: 0.2090}, abs=1e-4)
    attendues = ["ch05-demi-plan", "ch05-ronds-carres", "ch05-exercice-biais", "ch05-heaviside-4x-3y-4",
                 "ch05-sigmoide-x-2y-3", "ch05-taille-poids", "ch05-cube-rouge", "ch05-ou-et", "ch05-secteur",
                 "ch05-union", "ch05-triangle", "ch05-zone-exercice", "ch05-activations-comparees",
                 "ch05-ou-exclusif", "ch05-pentagone", "ch05-difference", "ch05-marches",
                 "ch05-marche-stricte-creneau", "ch05-double-creneau", "ch05-escalier-n5", "ch05-escalier-n10",
                 "ch05-carre-3d", "ch05-carre-2d", "ch05-blocs-2var"]
    assert sorted(q.stem for q in figures.glob("*.png")) == sorted(attendues)


def test_chapitre_5_une_section(lancer_chapitre):
    """--section seule donne les mêmes nombres que le chapitre entier (graine remise à zéro)."""
    r, figures = lancer_chapitre(5, "--section", "reseaux")
    assert list(r) == ["reseaux"]
    assert r["reseaux"]["y2_nul"].sum() == 37085
    assert not list(figures.glob("*.png"))
