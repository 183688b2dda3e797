"""Chapitre 14 exécuté en mode rapide sur les petites données factices : poids du livre,
pont Conv2D, figures, modèles .keras enregistrés dans le cache puis réutilisés."""
import numpy as np
import pytest

donnees = pytest.importorskip("keras_facile.donnees")
if not hasattr(donnees, "creer_donnees_factices"):  # pragma: no cover - en attendant le module de données
    pytest.skip("keras_facile.donnees.creer_donnees_factices pas encore disponible", allow_module_level=True)


@pytest.fixture
def chapitre14(lancer_chapitre, cache_factice):
    return (*lancer_chapitre(14), cache_factice)


def test_chapitre14_rapide(chapitre14, lancer_chapitre, capsys):
    import keras

    r, figures, cache = chapitre14
    a = r["architectures"]
    assert a["poids"] == {"mnist": 130394, "cifar10": 153546, "cifar10_sans_pooling": 767946,
                          "chats_chiens": 206785, "chats_chiens_c16_c32_c32": 79937, "visualisation": 33850}
    assert a["couches_mnist"] == [320, 4624, 0, 125450]
    assert a["A*M"] == [[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]]
    assert a["valid"] == [[17, 19], [12, 11]]
    assert a["correlation"] == [[5, 6, 21, 6], [12, 17, 6, 9], [5, 12, 24, 2], [8, 9, 3, 3]]
    assert r["mnist"]["poids"] == 130394 and r["cifar10"]["poids"] == 153546
    assert r["chats-chiens"]["poids"] == 206785 and r["chats-chiens"]["classes"] == ["cats", "dogs"]
    for section in ("mnist", "mnist-ameliore", "cifar10", "cifar10-ameliore", "chats-chiens",
                    "chats-chiens-ameliore", "visualisation"):
        assert 0 <= r[section]["precision_test"] <= 1, section
    assert 0 <= r["chats-chiens-ameliore"]["precision_test_miroir"] <= 1
    v = r["visualisation"]
    assert v["formes"] == {1: [28, 28, 16], 2: [28, 28, 16], 3: [14, 14, 16]}
    assert len(v["images"]) >= 2
    noms = ["ch14-mnist-predictions", "ch14-cifar10-predictions", "ch14-cifar10-ameliore-predictions",
            "ch14-chats-chiens-entrainement", "ch14-chats-chiens-precision", "ch14-chats-chiens-predictions",
            "ch14-chats-chiens-ameliore-predictions", "ch14-couche1-chiffre4", "ch14-couche2-chiffre9",
            "ch14-couche3-chiffre4", "ch14-couche1-filtre1-chiffres", "ch14-couche2-filtre1-chiffres"]
    for nom in noms:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
    # les modèles sont dans le cache (jamais dans le dépôt), au format .keras, et se relisent
    modeles = cache / "modeles"
    for nom in ("mnist_convolution", "mnist_ameliore", "cifar10_convolution", "cifar10_ameliore",
                "chats_chiens", "chats_chiens_ameliore", "mnist_visualisation"):
        assert (modeles / f"{nom}-rapide.keras").is_file(), nom
    relu = keras.models.load_model(modeles / "mnist_visualisation-rapide.keras")
    assert relu.count_params() == 33850
    # la visualisation relancée seule réutilise le modèle enregistré (pas de nouvel entraînement)
    capsys.readouterr()
    r2, _ = lancer_chapitre(14, "--section", "visualisation")
    assert "modèle relu" in capsys.readouterr().out
    assert r2["visualisation"]["precision_test"] == pytest.approx(v["precision_test"])


def test_liste_des_sections():
    from keras_facile.chapitre import charger_chapitre

    ch = charger_chapitre(14)
    assert ch.sections == ["architectures", "mnist", "mnist-ameliore", "cifar10", "cifar10-ameliore",
                           "chats-chiens", "chats-chiens-ameliore", "visualisation"]
    assert all(s.duree for s in ch._sections.values())
