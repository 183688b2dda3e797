"""Chapitre 9 : les valeurs du livre (numpy et Keras donnent les mêmes poids), données tracées, figures."""
import numpy as np
import pytest


def sigma(t):
    return 1 / (1 + np.exp(-t))


def test_chapitre_9(lancer_chapitre):
    r, figures = lancer_chapitre(9)
    n = r["neurone-seul"]
    attendus = {1: (0.07742598, 0.80760234, -2.00589881), 10: (0.72470147, -0.28881316, -1.81534128),
                100: (1.3288826, -1.8288268, 0.3338761), 1000: (2.0328422, -3.8602520, 3.7039156)}
    for k, P in attendus.items():          # valeurs des scripts compagnons (8 chiffres)
        np.testing.assert_allclose(n["historique"][k][0], P, atol=1e-6)
        np.testing.assert_allclose(n["keras_poids"][k], P, atol=2e-5)
    np.testing.assert_allclose(n["grad E(P_0)"], [-0.07743, 0.1924, 0.0059], atol=5e-5)
    # le livre tronque : 0.450, 0.404 (0.40499), 0.103, 0.071
    np.testing.assert_allclose(n["E(P_0), E(P_1), E(P_100), E(P_1000)"], [0.45025, 0.40499, 0.10318, 0.07110],
                               atol=1e-5)
    np.testing.assert_allclose(n["F en (0,3), (1,1), (4,3), (3,2.75), (2,3), (2,1)"],
                               [0.0004, 0.867, 0.563, 0.307, 0.022, 0.980], atol=5e-4)
    # la droite tracée à k = 1000 est F = 1/2 : y = −(ax + c)/b avec les poids du livre
    np.testing.assert_allclose(n["droites"][1000], -(2.0328422 * n["x"] + 3.7039156) / -3.8602520, atol=1e-6)

    x = r["ou-exclusif"]
    assert x["E(P_0)"] == pytest.approx(0.29618967, abs=1e-7)
    np.testing.assert_allclose(x["grad E(P_0)"], [0.00349, -0.00303, -0.00832, -0.00696, -0.01350, -0.01047,
                                                  -0.00324, 0.01258, -0.04671], atol=1e-5)
    np.testing.assert_allclose(x["P_1"], [0.9965, 2.0030, -2.9916, -2.9930, -1.9864, 1.0104, 1.0032, 0.9874, -0.9532],
                               atol=1e-4)
    assert x["E(P_1)"] == pytest.approx(0.2935, abs=5e-5)
    np.testing.assert_allclose(x["P_2"], [0.9925, 2.0055, -2.9839, -2.9860, -1.9731, 1.0206, 1.0053, 0.9738, -0.9105],
                               atol=1e-4)
    assert x["E(P_2)"] == pytest.approx(0.2911, abs=1e-4)
    P1000 = [3.5623517, 3.5675933, -5.534475, -5.3682723, -5.3935304, 1.8403335, -6.323482, -6.380109, 3.121689]
    np.testing.assert_allclose(x["P_1000"], P1000, atol=1e-5)
    np.testing.assert_allclose(x["P_1000 par Keras"], P1000, atol=1e-4)
    # E(P_1000) = 0.00976 (le livre tronque à 0.0097), pas 0.1231 : E passe 0.1231 au 495e pas
    assert x["E(P_1000)"] == pytest.approx(0.009762, abs=2e-6)
    assert x["E(P_1000) avec les poids du livre"] == pytest.approx(0.009763, abs=2e-6)
    assert x["premier pas où E ≤ 0.1231"] == 495
    # la courbe d'erreur tracée (pertes Keras) est celle de la descente écrite à la main
    np.testing.assert_allclose(x["historique"], x["erreurs"][:1000], atol=5e-6)      # Keras calcule en float32
    np.testing.assert_allclose(x["F en (0,0), (1,1), (1,0), (0,1), (0.2,0.9)"], [0.0825, 0.1056, 0.8973, 0.8973, 0.8770],
                               atol=2e-4)

    hebb = r["hebb"]
    assert len(hebb["mal_classes"]) == 200
    assert hebb["points mal classés après 200 époques"] == 4 and hebb["au mieux, sur les 200 époques"] == 2

    m = r["marche"]
    assert m["E(P_0)"] == pytest.approx(0.25)
    np.testing.assert_allclose(m["E(P_1), E(P_2)"], [0.23408446, 0.22848058], atol=1e-7)     # script retro_03
    P5000 = m["P_5000"]
    np.testing.assert_allclose(P5000, [-2.0142, 10.9964, 3.0543, -7.7086, 8.2334, 7.8735, -11.9037], atol=2e-4)
    assert m["E(P_5000)"] == pytest.approx(0.00257, abs=1e-5)
    # la courbe tracée à k = 5000 est F(t) = σ(a5 σ(a1 t + a2) + a6 σ(a3 t + a4) + a7)
    a1, a2, a3, a4, a5, a6, a7 = P5000
    F = sigma(a5 * sigma(a1 * m["t"] + a2) + a6 * sigma(a3 * m["t"] + a4) + a7)
    np.testing.assert_allclose(m["courbes"][5000], F, atol=1e-5)
    np.testing.assert_allclose(m["courbes"][0], 0.5, atol=1e-6)     # P_0 : σ(σ(1) + σ(−1) − 1) = σ(0)

    lem = r["lemniscate"]
    assert (lem["rouges"], lem["bleus"]) == (18585, 21415)
    assert lem["comptes"] == {3: (10, 37), 5: (16, 81), 7: (22, 141), 10: (31, 261), 15: (46, 541), 20: (61, 921),
                              50: (151, 5301), 100: (301, 20601)}
    assert list(lem["exactitudes"]) == [3, 10]

    h = r["hauteur"]
    assert h["nombre de configurations"] == 1140
    assert h["poids pour p = 3, 5, 7, 10, 15, 20"] == [79, 141, 211, 331, 571, 861]
    assert h["poids pour C = 15 cases et p = 15"] == 496                          # cases_03.py (v2)
    assert {p: t["poids"] for p, t in h["tableau"].items()} == {3: 79, 10: 331}
    # même en --rapide (100 époques), p = 10 fait bien mieux qu'une réponse constante (la hauteur la plus
    # fréquente : 9.3 % des tests) ou que des étiquettes mélangées (9.5 % mesuré) ; mesuré ici : 33 % / 31 %
    hauteurs_test = h["h"][h["test"]]
    constante = max(np.mean(hauteurs_test == v) for v in np.unique(hauteurs_test))
    assert constante < 0.1
    assert h["tableau"][10]["test"] >= 0.2 and h["tableau"][10]["apprentissage"] >= 0.2

    ml = r["minimum-local"]
    assert (ml["E(−1)"], ml["E(1)"]) == (4.0, 1.0)
    assert ml["descente depuis −1.5, puis depuis 0.8"] == pytest.approx([-1, 1], abs=1e-3)
    # la courbe E(a) tracée : minimum local 4 en a = −1 (indice 140), minimum global 1 en a = 1 (indice 540)
    a, valeurs = ml["a"], ml["valeurs"]
    assert a[140] == pytest.approx(-1) and a[540] == pytest.approx(1)
    assert valeurs[140] == pytest.approx(4) and valeurs[540] == pytest.approx(1) and valeurs.min() == pytest.approx(1)
    assert valeurs[130:151].min() == pytest.approx(4) and valeurs[100] > 4 and valeurs[180] > 4
    s = r["sur-apprentissage"]
    assert s["erreur_polynome"] < 1e-10
    assert s["prédiction de la droite en 5"] == pytest.approx(4.8, abs=1e-9)
    assert s["prédiction du polynôme en 5"] == pytest.approx(2.4, abs=1e-9)

    attendues = ["ch09-neurone-droites", "ch09-neurone-carte", "ch09-ou-exclusif-carte", "ch09-ou-exclusif-erreur",
                 "ch09-marche", "ch09-lemniscate", "ch09-minimum-local", "ch09-sur-apprentissage"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(attendues)
