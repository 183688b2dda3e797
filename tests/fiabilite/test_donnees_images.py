"""Une image que Pillow lit mais que le décodeur de TensorFlow refuse (BMP 1 bit…) est écartée
avant l'entraînement, au lieu d'arrêter l'époque (InvalidArgumentError dans ParallelMapDatasetV2)."""
import numpy as np
import pytest
from PIL import Image

from keras_facile import donnees as kd

N = (8, 4)     # photos par classe (entraînement, test)


@pytest.fixture
def photos(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KERAS_FACILE_HORS_LIGNE", "1")
    return kd.creer_jeu_factice("chats_chiens", tmp_path / "data", taille=N)


def _bmp(fichier, mode):
    image = Image.new(mode, (40, 30), 1 if mode == "1" else 200)
    if mode == "1":
        image.paste(0, (0, 0, 20, 15))
    image.save(fichier, "BMP")
    with Image.open(fichier) as im:          # Pillow, lui, la lit entièrement
        im.load()
        assert im.format == "BMP" and im.mode == mode
    return fichier


def _epoque(ds):
    """Parcourt toute une époque (décode chaque image, comme fit) ; nombre d'images vues."""
    return sum(int(x.shape[0]) for x, _ in ds)


@pytest.mark.parametrize("mode", ["1", "L", "RGB"])
def test_bmp_jamais_d_arret_en_pleine_epoque(photos, mode):
    intrus = _bmp(photos / "train" / "cats" / "cat.999.bmp", mode)
    ds_train, ds_test, noms, rapport = kd.charger_chats_chiens(chemin=photos, taille=(16, 16), batch_size=4,
                                                               avec_rapport=True)
    garde = str(intrus) not in rapport["ecartes"]
    assert rapport["images"]["train/cats"] == N[0] + garde
    assert _epoque(ds_train) == 2 * N[0] + garde       # l'époque va au bout
    assert _epoque(ds_test) == 2 * N[1]
    if mode == "1":                                     # le cas du rapport : TensorFlow ne le décode pas
        assert not garde and rapport["ecartes"] == [str(intrus)]


def test_entrainement_va_au_bout(photos):
    import keras

    _bmp(photos / "train" / "dogs" / "dog.999.bmp", "1")
    ds_train, _, _ = kd.charger_chats_chiens(chemin=photos, taille=(16, 16), batch_size=4)
    modele = keras.Sequential([keras.Input((16, 16, 3)), keras.layers.Flatten(), keras.layers.Dense(1)])
    modele.compile("sgd", keras.losses.BinaryCrossentropy(from_logits=True))
    historique = modele.fit(ds_train, epochs=1, verbose=0)
    assert np.isfinite(historique.history["loss"][0])
