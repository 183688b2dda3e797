"""Chapitre 16 : softmax, fonctions d'erreur (comparées à keras.losses), loi normale, dropout."""
import pytest


def test_chapitre_16(lancer_chapitre):
    r, figures = lancer_chapitre(16)
    s = r["softmax"]
    assert s["argmax"] == 2
    assert s["softmax"] == pytest.approx([0.005893, 0.000798, 0.874645, 0.118370, 0.000293], abs=1e-6)
    assert s["ecart_keras"] < 1e-6 and s["ecart_tape"] < 1e-12
    assert s["jacobien_ligne3"] == pytest.approx([-0.005155, -0.000698, 0.109641, -0.103532, -0.000257], abs=1e-6)
    e = r["erreurs"]["valeurs"]
    attendus = {"MSE": 0.08, "MAE": 0.24, "MSLE": 0.0600616, "MAE (données MSLE)": 2.25,
                "entropie croisée binaire": 0.168947, "entropie croisée catégorielle": 0.133989}
    for nom, valeur in attendus.items():
        nous, keras_valeur = e[nom]
        assert nous == pytest.approx(valeur, abs=1e-6), nom
        assert keras_valeur == pytest.approx(nous, abs=1e-5), nom
    assert r["erreurs"]["part_mae"] == pytest.approx(5 / 4 / 2.25) and r["erreurs"]["part_msle"] < 0.01
    n = r["loi-normale"]
    assert (n["mu"], n["variance"]) == (176.4, pytest.approx(61.04)) and n["sigma"] == pytest.approx(7.812810, abs=1e-6)
    assert n["z"] == pytest.approx([-0.563178, -1.459142, 1.356746, 0.588777, -1.203152, 0.972761, -1.075157,
                                    -0.307188, 0.460782, 1.228751], abs=1e-6)
    assert n["aire_2_sigma"] == pytest.approx(0.9545, abs=1e-4) and n["max_densite"] == pytest.approx(0.398942, abs=1e-6)
    d = r["dropout"]
    assert d["valeurs_livre"] == d["valeurs_keras"] == [0.0, 1.25] and d["test_keras"] == [1.0]
    assert d["gardes_livre"] == pytest.approx(0.8, abs=0.01) and d["gardes_keras"] == pytest.approx(0.8, abs=0.01)
    for nom in ["ch16-heaviside-sigmoide", "ch16-tailles-femmes", "ch16-dispersions", "ch16-loi-normale-centree"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom

