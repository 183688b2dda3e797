"""Réseaux convolutifs du chapitre 14 (nombres de poids du livre), pont Conv2D ↔ convolution
du livre, cartes d'activation, chemins du cache, images dessinées."""
import numpy as np
import pytest

from keras_facile import cartes_activation as ca
from keras_facile import pont_conv2d as pont
from keras_facile import recettes as rec
from keras_facile import reseaux_convolutifs as rc
from keras_facile.convolution import convolution_2d, correlation_2d
from keras_facile import images


@pytest.mark.parametrize("construire, poids", [
    (rc.modele_mnist_convolution, 130394),
    (lambda: rc.modele_cifar10_convolution(), 153546),
    (lambda: rc.modele_cifar10_convolution(pooling=False), 767946),
    (lambda: rc.modele_chats_chiens(), 206785),
    (lambda: rc.modele_chats_chiens(filtres=(16, 32, 32)), 79937),
    (rc.modele_mnist_visualisation, 33850),
])
def test_poids_du_livre(construire, poids):
    assert construire().count_params() == poids


def test_poids_couche_par_couche_mnist():
    assert [c.count_params() for c in rc.modele_mnist_convolution().layers] == [320, 4624, 0, 125450]
    formes = [tuple(c.output.shape[1:]) for c in rc.modele_cifar10_convolution().layers]
    assert formes == [(32, 32, 64), (32, 32, 64), (16, 16, 64), (16, 16, 64), (8, 8, 64), (8, 8, 64),
                      (4096,), (10,)]


def test_recettes_ameliorees_se_construisent():
    for construire, entree, sortie, poids in ((rc.modele_mnist_ameliore, (28, 28, 1), 10, 468394),
                                              (rc.modele_cifar10_ameliore, (32, 32, 3), 10, 289642),
                                              (rc.modele_chats_chiens_ameliore, (64, 64, 3), 1, 1175393)):
        m = construire()
        assert tuple(m.inputs[0].shape[1:]) == entree and m.outputs[0].shape[-1] == sortie
        assert m.count_params() == poids, m.name


def test_augmentation_inactive_hors_entrainement():
    aug = rc.augmentation_images(retournement=True, translation=0.1, rotation=0.08, zoom=0.15, contraste=0.15)
    x = np.random.default_rng(1).random((2, 16, 16, 3)).astype("float32")
    np.testing.assert_allclose(aug(x, training=False), x)
    assert not np.allclose(aug(x, training=True), x)


A = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
M = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])


def test_pont_conv2d_livre():
    assert np.array_equal(pont.convolution_keras(A, M), [[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0],
                                                        [5, 10, 13, 5]])
    assert np.array_equal(pont.convolution_keras(A, M, padding="valid"), [[17, 19], [12, 11]])
    assert np.array_equal(pont.convolution_keras(A, M, retourner=False),
                          [[5, 6, 21, 6], [12, 17, 6, 9], [5, 12, 24, 2], [8, 9, 3, 3]])
    rng = np.random.default_rng(0)
    B, N = rng.normal(size=(9, 7)), rng.normal(size=(3, 5))
    np.testing.assert_allclose(pont.convolution_keras(B, N), convolution_2d(B, N), atol=1e-5)
    np.testing.assert_allclose(pont.convolution_keras(B, N, retourner=False), correlation_2d(B, N), atol=1e-5)


def test_pont_erreurs():
    with pytest.raises(ValueError, match="taille impaire"):
        pont.couche_depuis_motif(np.ones((2, 2)))
    with pytest.raises(ValueError, match="padding"):
        pont.couche_depuis_motif(M, padding="full")
    with pytest.raises(ValueError, match="matrice 2-D"):
        pont.convolution_keras([1, 2, 3], M)


def test_cartes_activation_et_sous_modele():
    m = rc.modele_mnist_visualisation()
    x = np.random.default_rng(0).random((28, 28, 1)).astype("float32")
    assert ca.cartes_activation(m, 0, x).shape == (28, 28, 16)
    assert ca.cartes_activation(m, 2, np.stack([x, x])).shape == (2, 14, 14, 16)
    with pytest.raises(ValueError, match="couche doit"):
        ca.sous_modele(m, 9)
    with pytest.raises(ValueError, match="images doit avoir la forme"):
        ca.cartes_activation(m, 0, np.zeros((28, 28)))


def test_cache_hors_du_depot(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path))
    assert rec.chemin_modele("mnist") == tmp_path / "modeles" / "mnist.keras"
    assert rec.chemin_modele("mnist", rapide=True).name == "mnist-rapide.keras"
    with pytest.raises(ValueError, match="nom de modèle"):
        rec.chemin_modele("../x")


def test_erreurs_modeles():
    with pytest.raises(ValueError, match="filtres"):
        rc.modele_chats_chiens(filtres=())
    with pytest.raises(ValueError, match="taille"):
        rc.modele_chats_chiens(taille=(64,))
    with pytest.raises(TypeError, match="pooling"):
        rc.modele_cifar10_convolution(pooling="oui")
    with pytest.raises(ValueError, match="part"):
        rec.separer_validation(np.zeros(4), np.zeros(4), part=1.5)


def test_separer_validation_disjointe():
    x = np.arange(100)
    (xa, ya), (xv, yv) = rec.separer_validation(x, x * 2, part=0.1)
    assert len(xv) == 10 and len(xa) == 90 and not set(xa) & set(xv)
    assert np.array_equal(ya, xa * 2)


# --- images -------------------------------------------------------------------

def test_image_test_et_smiley():
    A = images.image_test()
    assert A.shape == (192, 256) and A.dtype == np.uint8 and A.min() == 0 and A.max() == 255
    assert np.array_equal(A, images.image_test())                         # reproductible
    s = images.smiley(100)
    assert s.shape == (100, 100) and set(np.unique(s)) == {-1.0, 1.0}
    assert np.array_equal(s, s[:, ::-1])                                   # symétrique
    bruit, image = images.image_avec_motif(s, (500, 500), (150, 250))
    np.testing.assert_allclose((image - bruit)[150:250, 250:350], 0.2 * s)
    assert np.all((image - bruit)[:150] == 0)
    with pytest.raises(ValueError, match="ne tient pas"):
        images.image_avec_motif(s, (120, 120), (50, 50))


def test_lecture_ecriture_gris(tmp_path):
    couleur = np.zeros((4, 5, 3), dtype=np.uint8)
    couleur[..., 0] = 255
    assert np.all(images.en_gris(couleur) == 76)                           # 0.299 × 255
    chemin = images.ecrire_image(tmp_path / "x.png", np.array([[-40, 0, 300], [12.4, 255, 128]]))
    assert np.array_equal(images.lire_image_grise(chemin), [[0, 0, 255], [12, 255, 128]])
    import imageio.v3 as iio
    iio.imwrite(tmp_path / "rgba.png", np.dstack([couleur, np.full((4, 5), 255, np.uint8)]))
    assert images.lire_image_grise(tmp_path / "rgba.png").shape == (4, 5)
    with pytest.raises(FileNotFoundError, match="introuvable"):
        images.lire_image_grise(tmp_path / "absente.png")


def test_grille_predictions_marque_les_erreurs():
    imgs = np.zeros((4, 8, 8, 3))
    fig = images.affichage_predictions(imgs, [0, 1, 0, 1], [0, 0, 0, 1], [0.9, 0.6, 0.7, 0.99],
                                       ["chat", "chien"], colonnes=2)
    titres = [ax.get_title() for ax in fig.axes]
    assert titres[1] == "Attendu : chien\nPrédit : chat (60 %)"
    assert fig.axes[1].title.get_color() == "red" and fig.axes[0].title.get_color() != "red"
    with pytest.raises(ValueError, match="même longueur"):
        images.affichage_predictions(imgs, [0], [0], [0.5], ["a", "b"])


def test_prediction_avec_miroir_et_exactitude():
    import keras
    # un « modèle » qui ne regarde que la colonne de gauche : le miroir change son avis
    entree = keras.Input((2, 2, 1))
    sortie = keras.layers.Lambda(lambda x: x[:, 0, 0, :])(entree)
    modele = keras.Model(entree, sortie)
    x = np.array([[[[1.0], [0.0]], [[0.0], [0.0]]], [[[0.0], [1.0]], [[0.0], [0.0]]]], dtype="float32")
    np.testing.assert_allclose(rec.predire_avec_miroir(modele, x), [[0.5], [0.5]])
    assert rec.exactitude(np.array([1, 0]), np.array([[0.9], [0.2]])) == 1.0
    assert rec.exactitude(np.array([1, 1]), np.array([[0.9], [0.2]])) == 0.5
    # sortie sigmoïde : classe 1 si p ≥ 0.5, pas avant (0.3 et 0.45 sont des « 0 »)
    y = np.array([0, 0, 0, 1, 1, 1, 0, 1])
    p = np.array([[0.1], [0.3], [0.45], [0.5], [0.55], [0.9], [0.7], [0.2]])
    assert rec.exactitude(y, p) == 6 / 8
    # … comme keras.metrics.BinaryAccuracy (seuil 0.5), sur des p tirés au hasard hors de 0.5 exactement
    rng = np.random.default_rng(0)
    y, p = rng.integers(0, 2, 200), rng.random((200, 1))
    metrique = keras.metrics.BinaryAccuracy()
    metrique.update_state(y[:, None], p)
    assert rec.exactitude(y, p) == pytest.approx(float(metrique.result()), abs=1e-6)
    # softmax : étiquettes entières ou one-hot
    p = np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    assert rec.exactitude(np.array([1, 0, 0]), p) == pytest.approx(2 / 3)
    assert rec.exactitude(np.eye(2)[[1, 0, 0]], p) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="lot d'images"):
        rec.predire_avec_miroir(modele, np.zeros((2, 2)))


def _petit_classifieur():
    import keras

    keras.utils.set_random_seed(0)
    modele = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Flatten(),
                               keras.layers.Dense(3, activation="softmax")])
    rec.compiler_modele(modele)
    return modele


def test_exactitude_sur_les_images_exactes():
    """L'exactitude sur les images marquées exactes est recalculée depuis les prédictions."""
    import keras

    rng = np.random.default_rng(2)
    x = rng.random((60, 4, 4, 1)).astype("float32")
    y = keras.utils.to_categorical(rng.integers(0, 3, 60), 3)
    exact = np.zeros(60, dtype=bool)
    exact[:20] = True
    modele = _petit_classifieur()
    m = rec.entrainer(modele, x[:40], y[:40], epochs=1, verbose=0, x_test=x, y_test=y, exact=exact)
    p = modele.predict(x, verbose=0)
    assert m["exactitude_test"] == pytest.approx(rec.exactitude(y, p))
    assert m["exactitude_test_exactes"] == pytest.approx(rec.exactitude(y[:20], p[:20]))
    assert (m["images_test"], m["images_test_exactes"]) == (60, 20)
    texte = rec.phrase_exactitude(m)
    assert texte.startswith(f"{100 * m['exactitude_test_exactes']:.2f} % sur les 20 images de test exactes")
    assert f"({100 * m['exactitude_test']:.2f} % sur les 60 : les 40 autres sont décodées de copies JPEG" in texte
    # tout le test exact : un seul chiffre
    m2 = rec.evaluer_test(modele, x, y, exact=np.ones(60, dtype=bool), miroir=True)
    assert rec.phrase_exactitude(m2) == f"{100 * m2['exactitude_test']:.2f} %"
    assert m2["exactitude_test_miroir"] == pytest.approx(rec.exactitude(y, rec.predire_avec_miroir(modele, x)))
    assert m2["exactitude_test_miroir_exactes"] == m2["exactitude_test_miroir"]
    with pytest.raises(ValueError, match="exact doit être un tableau de booléens de forme \\(60,\\)"):
        rec.evaluer_test(modele, x, y, exact=np.ones(59, dtype=bool))
    with pytest.raises(ValueError, match="aucune image"):
        rec.evaluer_test(modele, x, y, exact=np.zeros(60, dtype=bool))


def test_recette_amelioree_garde_le_test_a_part():
    import keras

    rng = np.random.default_rng(3)
    x = rng.random((50, 4, 4, 1)).astype("float32")
    y = keras.utils.to_categorical(rng.integers(0, 3, 50), 3)
    modele = _petit_classifieur()
    m = rec.entrainer_recette_amelioree(modele, x, y, x[:10], y[:10], epochs=2, batch_size=16, verbose=0,
                                        miroir=True)
    assert (m["images_entrainement"], m["images_validation"]) == (45, 5)
    assert len(m["historique"]["val_accuracy"]) == 2
    assert m["exactitude_test"] == pytest.approx(rec.exactitude(y[:10], modele.predict(x[:10], verbose=0)))
    taux = modele.optimizer.get_config()["learning_rate"]            # adam, taux en cosinus sur 3 × 2 pas
    assert taux["class_name"] == "CosineDecay" and taux["config"]["decay_steps"] == 6
