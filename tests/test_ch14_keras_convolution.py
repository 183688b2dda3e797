"""Chapitre 14 exécuté en mode rapide sur les petites données factices : poids du livre,
pont Conv2D, exactitudes recalculées depuis les prédictions (CIFAR-10 : d'abord sur les
images de test exactes), figures, modèles .keras enregistrés dans le cache puis réutilisés."""
import numpy as np
import pytest

from keras_facile.recettes import exactitude


@pytest.fixture
def chapitre14(lancer_chapitre, cache_factice, capsys, tracer_figures):
    with tracer_figures() as tracees:
        r, figures = lancer_chapitre(14)
    return r, figures, cache_factice, capsys.readouterr().out, tracees


def test_chapitre14_rapide(chapitre14, lancer_chapitre, capsys):
    import keras

    r, figures, cache, sortie, tracees = chapitre14
    a = r["architectures"]
    assert a["poids"] == {"mnist": 130394, "cifar10": 153546, "cifar10_sans_pooling": 767946,
                          "chats_chiens": 206785, "chats_chiens_c16_c32_c32": 79937, "visualisation": 33850}
    assert a["poids MNIST, couche par couche"] == [320, 4624, 0, 125450]
    assert a["Conv2D, noyau retourné = A ⋆ M"] == [[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]]
    assert a["… en padding 'valid'"] == [[17, 19], [12, 11]]
    assert a["Conv2D, noyau M = corrélation"] == [[5, 6, 21, 6], [12, 17, 6, 9], [5, 12, 24, 2], [8, 9, 3, 3]]
    assert r["mnist"]["modele"].count_params() == 130394 and r["cifar10"]["modele"].count_params() == 153546
    assert r["chats-chiens"]["modele"].count_params() == 206785 and r["chats-chiens"]["noms"] == ["cats", "dogs"]

    # l'exactitude affichée est bien celle des prédictions du modèle entraîné, sur les images du test
    for section in ("mnist", "mnist-ameliore", "visualisation"):
        s = r[section]
        p = s["modele"].predict(s["X_test"], verbose=0)
        assert s["exactitude sur le test (%)"] == pytest.approx(100 * exactitude(s["Y_test"], p), abs=1e-4), section
        assert len(s["X_train"]) <= 512 and len(s["X_test"]) <= 256       # mode rapide : sous-ensembles

    # CIFAR-10 : d'abord les images exactes, puis tout le test ; chacune recalculée
    for section in ("cifar10", "cifar10-ameliore"):
        s = r[section]
        exact = s["exact"]
        assert exact.dtype == bool and exact.shape == (len(s["X_test"]),)
        p = s["modele"].predict(s["X_test"], verbose=0)
        assert s["exactitude test, images exactes (%)"] == pytest.approx(
            100 * exactitude(s["Y_test"][exact], p[exact]), abs=1e-4), section
        assert s["exactitude test, toutes images (%)"] == pytest.approx(100 * exactitude(s["Y_test"], p), abs=1e-4)
        lignes = [l for l in sortie.splitlines() if l.startswith("exactitude sur le test :")]
        assert any(l.startswith(f"exactitude sur le test : {s['exactitude test, images exactes (%)']:.2f} %")
                   for l in lignes), lignes
    # Seuils d'exactitude en --rapide (données factices, une époque), d'après benchmarks/seuils_rapides.py :
    # graines 0, 1, 2 (données et leçon), puis les mêmes avec les étiquettes d'entraînement mélangées.
    #   mnist (512 images)         : 84, 85, 99 %  — mélangées : 10, 10, 17 %  → seuil 45 %
    #   visualisation (512 images) : 61, 62, 69 %  — mélangées : 14, 10,  9 %  → seuil 35 %
    #   cifar10 (200 images)       : 40, 40, 47 %  — mélangées : 10, 20,  4 %  → seuil 30 %
    # Pas de seuil pour les recettes améliorées (normalisation par lots : ses moyennes mobiles ne sont pas
    # encore faites après 6 pas ; mesuré 11 à 21 %) ni pour chats/chiens (32 images factices : un seul pas).
    assert r["mnist"]["exactitude sur le test (%)"] >= 45
    assert r["visualisation"]["exactitude sur le test (%)"] >= 35
    assert r["cifar10"]["exactitude test, toutes images (%)"] >= 30

    s = r["chats-chiens-ameliore"]
    p = s["modele"].predict(s["x_test"], verbose=0)
    assert s["exactitude_test"] == pytest.approx(exactitude(s["y_test"], p), abs=1e-6)
    p_miroir = (p + s["modele"].predict(s["x_test"][:, :, ::-1], verbose=0)) / 2
    assert s["exactitude_test_miroir"] == pytest.approx(exactitude(s["y_test"], p_miroir), abs=1e-6)

    v = r["visualisation"]
    assert v["formes"] == {1: [28, 28, 16], 2: [28, 28, 16], 3: [14, 14, 16]}
    assert [int(v["y_test"][i]) for i in v["indices"]] == list(range(10))   # un de chaque chiffre
    noms = ["ch14-mnist-predictions", "ch14-cifar10-predictions", "ch14-cifar10-ameliore-predictions",
            "ch14-chats-chiens-entrainement", "ch14-chats-chiens-exactitude", "ch14-chats-chiens-predictions",
            "ch14-chats-chiens-ameliore-predictions", "ch14-couche1-chiffre4", "ch14-couche1-chiffre9",
            "ch14-couche2-chiffre4", "ch14-couche2-chiffre9", "ch14-couche3-chiffre4", "ch14-couche3-chiffre9",
            "ch14-couche1-filtre1-chiffres", "ch14-couche2-filtre1-chiffres"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(noms)
    for nom in noms:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
    # les données tracées : prédictions du modèle, historique, cartes d'activation (sous-modèle Keras)
    m = r["mnist"]
    predits = m["modele"].predict(m["X_test"][:10], verbose=0).argmax(axis=1)
    titres = [ax.get_title() for ax in tracees["ch14-mnist-predictions"].axes if ax.images]
    assert [t.split(" (")[0] for t in titres] == [f"Attendu {a} - Prédit {p}" for a, p in zip(m["y_test"][:10], predits)]
    cc = r["chats-chiens"]
    np.testing.assert_allclose(tracees["ch14-chats-chiens-exactitude"].axes[0].lines[0].get_ydata(),
                               cc["historique"].history["accuracy"])
    for couche in (1, 2, 3):
        sous_modele = keras.Model(v["modele"].inputs, v["modele"].layers[couche - 1].output)
        for nom, i in (("4", v["quatre"]), ("9", v["neuf"])):
            cartes = np.asarray(sous_modele(v["X_test"][i:i + 1]))[0]
            images = [ax.images[0].get_array() for ax in tracees[f"ch14-couche{couche}-chiffre{nom}"].axes if ax.images]
            assert len(images) == cartes.shape[-1] == 16
            np.testing.assert_allclose(np.stack(images, axis=-1), cartes, atol=1e-5)
    # les modèles sont dans le cache (jamais dans le dépôt), au format .keras, et se relisent
    modeles = cache / "modeles"
    for nom in ("mnist_convolution", "mnist_ameliore", "cifar10_convolution", "cifar10_ameliore",
                "chats_chiens", "chats_chiens_ameliore", "mnist_visualisation"):
        assert (modeles / f"{nom}-rapide.keras").is_file(), nom
    relu = keras.models.load_model(modeles / "mnist_visualisation-rapide.keras")
    assert relu.count_params() == 33850
    np.testing.assert_allclose(relu.predict(v["X_test"][:5], verbose=0),
                               v["modele"].predict(v["X_test"][:5], verbose=0), atol=1e-6)
    # la visualisation relancée seule réutilise le modèle enregistré (pas de nouvel entraînement)
    r2, _ = lancer_chapitre(14, "--section", "visualisation")
    assert "modèle relu" in capsys.readouterr().out
    assert r2["visualisation"]["exactitude sur le test (%)"] == pytest.approx(v["exactitude sur le test (%)"])


def test_liste_des_sections():
    from keras_facile.coureur import LeconFichier
    from keras_facile.catalogue import chemin_chapitre

    ch = LeconFichier(chemin_chapitre(14))
    assert list(ch.sections) == ["architectures", "mnist", "mnist-ameliore", "cifar10", "cifar10-ameliore",
                                 "chats-chiens", "chats-chiens-ameliore", "visualisation"]
    assert all(s.duree for s in ch.sections.values())
