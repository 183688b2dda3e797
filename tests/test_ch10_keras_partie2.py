"""Le chapitre 10 en mode rapide (données factices) : valeurs exactes du livre et figures."""
import numpy as np
import pytest


def test_chapitre_10(lancer_chapitre):
    r, figures = lancer_chapitre(10)
    assert r["mnist"]["parametres"] == 6442
    assert r["mnist"]["somme_softmax"] == pytest.approx(1.0, abs=1e-5)
    assert {p: v["poids"] for p, v in r["mnist-largeur"].items()} == {8: 6442, 10: 8070, 20: 16330, 50: 42310}
    assert {p: v["neurones"] for p, v in r["mnist-largeur"].items()} == {8: 26, 10: 30, 20: 50, 50: 110}
    assert r["une-variable"]["parametres"] == 361
    finales = r["une-variable"]["erreur_finale"]
    assert finales["adam"] < r["une-variable"]["erreur_initiale"]
    assert r["deux-variables"]["parametres"] == 261
    assert r["deux-variables"]["erreur_finale"] < r["deux-variables"]["erreur_initiale"]
    c = r["caracteristiques"]
    assert c["gradient"] == [[[1694, 1936, 2178], [1694, 1936, 2178]], [1694, 1936, 2178], [[484], [1210], [1936]],
                             [242]]
    np.testing.assert_allclose(c["poids_apres"][0], [[-0.694, 1.064, 2.822], [0.306, 2.064, 3.822]], atol=1e-6)
    np.testing.assert_allclose(c["poids_apres"][1], [-2.694, -3.936, -5.178], atol=1e-6)
    np.testing.assert_allclose(c["poids_apres"][2], [[6.516], [6.790], [7.064]], atol=1e-6)
    np.testing.assert_allclose(c["poids_apres"][3], [-4.242], atol=1e-6)
    assert c["erreur"] == 14641.0 and c["identiques"] is True
    assert r["imdb"]["codes_jouets"][:3] == [[2, 1, 4], [9, 6, 3], [1, 2]]
    assert r["imdb"]["vecteurs_jouets"][:3] == [[1, 1, 0, 1, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
                                                [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]]
    assert r["imdb"]["vecteurs_jouets"][3] == r["imdb"]["vecteurs_jouets"][4]     # l'ordre des mots est perdu
    assert r["imdb"]["parametres"] == 5071 and r["imdb"]["parametres_5000_p10"] == 50241
    assert len(r["imdb-surapprentissage"]["historique"]["val_accuracy"]) == 3
    assert r["cifar10-dense"]["parametres"] == 95290
    for nom in ["ch10-mnist-donnees", "ch10-mnist-predictions", "ch10-une-variable", "ch10-trois-optimiseurs",
                "ch10-deux-variables", "ch10-activations", "ch10-imdb-surapprentissage-accuracy",
                "ch10-imdb-surapprentissage-loss", "ch10-cifar10-images", "ch10-cifar10-predictions"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
