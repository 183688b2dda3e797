"""keras_facile.donnees : chargeurs sur de petits fichiers au vrai format, erreurs, téléchargement.

Le registre, ``chemin=`` (le jeu lui-même ou son dossier, sans repli ni
téléchargement), les téléchargements vérifiés (servis par un miroir local
``KERAS_FACILE_MIROIR`` sur 127.0.0.1 : jamais Internet), le masque des images
CIFAR-10 exactes. Voir aussi tests/test_donnees_chemin.py et test_donnees_miroir.py.
"""
import os
import pickle
import tarfile
from pathlib import Path

import numpy as np
import pytest

from conftest import donnees_reelles_disponibles
from keras_facile import donnees as kd


@pytest.fixture(autouse=True)
def _jamais_internet(monkeypatch):
    """Toute ouverture d'adresse passe par recherche._ouvrir : seuls file:// et 127.0.0.1 sont permis."""
    import urllib.parse

    ouvrir = kd.recherche._ouvrir

    def garde(url, delai):
        morceaux = urllib.parse.urlsplit(url)
        if morceaux.scheme != "file" and morceaux.hostname not in ("127.0.0.1", "localhost"):
            pytest.fail(f"un test a tenté de joindre Internet : {url}")
        return ouvrir(url, delai)

    monkeypatch.setattr(kd.recherche, "_ouvrir", garde)


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Un dossier de données vide, un cache neuf, et aucun téléchargement."""
    data = tmp_path / "data"
    data.mkdir()
    projet = tmp_path / "projet"
    (projet / "data").mkdir(parents=True)
    (projet / "setup.cfg").write_text("[metadata]\n")
    monkeypatch.setenv("KERAS_FACILE_DATA", str(data))
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KERAS_FACILE_HORS_LIGNE", "1")
    monkeypatch.delenv("KERAS_FACILE_MIROIR", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setattr(kd.recherche, "RACINE_PROJET", projet)
    return data


@pytest.fixture
def factices(env):
    kd.creer_donnees_factices(env)
    return env


def test_mnist_comme_keras(factices):
    (x, y), (xt, yt) = kd.charger_mnist()
    assert x.shape == (1000, 28, 28) and x.dtype == np.uint8 and y.dtype == np.uint8 and y.shape == (1000,)
    assert xt.shape == (100, 28, 28)
    assert sorted(set(y.tolist())) == list(range(10))


def test_sous_ensembles_stratifies_reproductibles(factices):
    (x, y), (xt, yt) = kd.charger_mnist(n_train=50, n_test=20, graine=1)
    assert len(x) == 50 and len(xt) == 20
    assert np.bincount(y, minlength=10).tolist() == [5] * 10
    (x2, y2), _ = kd.charger_mnist(n_train=50, n_test=20, graine=1)
    np.testing.assert_array_equal(x, x2)
    (x3, _), _ = kd.charger_mnist(n_train=50, n_test=20, graine=2)
    assert not np.array_equal(x, x3)
    i = kd.indices_stratifies(np.array([0] * 90 + [1] * 10), 20)
    assert np.bincount(np.array([0] * 90 + [1] * 10)[i]).tolist() == [18, 2]
    with pytest.raises(ValueError, match="entier > 0"):
        kd.indices_stratifies(np.arange(5), 0)
    for mauvais in (0, -3, 2.5, True):
        with pytest.raises(ValueError, match=rf"n_train doit être un entier > 0.*reçu {mauvais!r}"):
            kd.charger_mnist(n_train=mauvais)


def test_cifar10_npz_et_lots_keras(factices, tmp_path):
    (x, y), (xt, yt) = kd.charger_cifar10()
    assert x.shape == (200, 32, 32, 3) and y.shape == (200, 1) and y.dtype == np.uint8
    # même contenu au format des lots pickle de Keras (cifar-10-batches-py)
    lots = tmp_path / "ailleurs" / "cifar-10-batches-py"
    lots.mkdir(parents=True)
    for k in range(5):
        partie = slice(40 * k, 40 * (k + 1))
        donnees = x[partie].transpose(0, 3, 1, 2).reshape(40, -1)
        with open(lots / f"data_batch_{k + 1}", "wb") as f:
            pickle.dump({b"data": donnees, b"labels": y[partie, 0].tolist()}, f)
    with open(lots / "test_batch", "wb") as f:
        pickle.dump({b"data": xt.transpose(0, 3, 1, 2).reshape(100, -1), b"labels": yt[:, 0].tolist()}, f)
    (x2, y2), (xt2, yt2) = kd.charger_cifar10(chemin=lots)
    np.testing.assert_array_equal(x2, x)
    np.testing.assert_array_equal(y2, y)
    np.testing.assert_array_equal(xt2, xt)
    # et depuis l'archive officielle cifar-10-python.tar.gz
    archive = tmp_path / "ailleurs" / "cifar-10-python.tar.gz"
    with tarfile.open(archive, "w:gz") as t:
        t.add(lots, arcname="cifar-10-batches-py")
    (x3, _), _ = kd.charger_cifar10(chemin=archive)
    np.testing.assert_array_equal(x3, x)


def test_imdb_depuis_les_textes_bruts(factices):
    (x, y), (xt, yt) = kd.charger_imdb()
    assert len(x) == 80 and len(xt) == 80 and x.dtype == object and y.dtype == np.int64
    assert int(y.sum()) == 40 and int(yt.sum()) == 40
    assert all(s[0] == 1 for s in x)              # indice de début
    indice = kd.indice_mots_imdb()
    assert sorted(indice.values()) == list(range(1, len(indice) + 1))
    assert "excellent" in indice and "awful" in indice
    # le mot le plus fréquent (rang 1) est codé 1 + 3 = 4
    premier = min(indice, key=indice.get)
    assert kd.decoder_critique([4], indice) == premier and any(4 in s for s in x)
    texte = kd.decoder_critique(x[0], indice)
    assert texte.startswith("?? ")
    textes, etiquettes = kd.charger_imdb_textes()[0]
    assert kd.decouper_mots(textes[0]) == texte.split()[1:]   # même ordre que charger_imdb
    np.testing.assert_array_equal(etiquettes, y)


def test_imdb_num_words_et_vectorisation(factices):
    (x, _), _ = kd.charger_imdb(num_words=10)
    assert max(max(s) for s in x) <= 9
    assert any(2 in s for s in x)                 # mots trop rares → inconnu
    v = kd.vectoriser_sequences(x, 10)
    assert v.shape == (80, 10) and v.dtype == np.float32
    assert set(np.unique(v)) <= {0.0, 1.0}
    # l'exemple du livre : [2, 1, 4] → (1, 1, 0, 1, 0, …) sur les indices 1, 2, 4
    np.testing.assert_array_equal(kd.vectoriser_sequences([[2, 1, 4]], 6), [[0, 1, 1, 0, 1, 0]])
    with pytest.raises(ValueError, match="num_words=dimension"):
        kd.vectoriser_sequences([[1, 12]], 10)
    with pytest.raises(ValueError, match="num_words"):
        kd.charger_imdb(num_words=2)


def test_imdb_format_keras(env):
    rangs = np.empty(3, dtype=object)
    rangs[:] = [[1, 2, 3], [4, 1], [5]]
    np.savez(env / "imdb.npz", x_train=rangs, y_train=np.array([1, 0, 1]), x_test=rangs, y_test=np.array([0, 1, 0]))
    (env / "imdb_word_index.json").write_text('{"the": 1, "and": 2, "a": 3, "of": 4, "film": 5}')
    (x, y), _ = kd.charger_imdb()
    assert sorted(map(tuple, x)) == sorted([(1, 4, 5, 6), (1, 7, 4), (1, 8)])
    assert kd.decoder_critique([1, 4, 5, 6, 2], kd.indice_mots_imdb()) == "?? the and a ??"


def test_chats_chiens_tf_data(factices):
    train, test, noms = kd.charger_chats_chiens(taille=(32, 32), batch_size=8)
    assert noms == ["cats", "dogs"]
    images, etiquettes = next(iter(train))
    assert images.shape == (8, 32, 32, 3) and images.dtype.name == "float32"
    assert float(images.numpy().max()) <= 1.0
    toutes = np.concatenate([e.numpy() for _, e in test])
    assert np.bincount(toutes).tolist() == [8, 8]
    chemin_chats = kd.dossier_chats_chiens() / "test" / "cats"
    fichiers = list(chemin_chats.iterdir())
    assert len(fichiers) == 8 and all(f.name.startswith("cat.") for f in fichiers)
    sous_train, _, _ = kd.charger_chats_chiens(taille=(16, 16), n_train=6, n_test=4)
    assert np.bincount(np.concatenate([e.numpy() for _, e in sous_train])).tolist() == [3, 3]


def _arbre_avec_fichiers_abimes(racine: Path):
    kd.creer_donnees_factices(racine)
    chats = racine / "cats_vs_dogs" / "train" / "cats"
    bonne = next(chats.iterdir()).read_bytes()
    (chats / "cat.9001.jpg").write_bytes(bonne[: len(bonne) // 2])         # JPEG tronqué
    (chats / "cat.9002.jpg").write_text("ceci n'est pas une image")        # texte nommé .jpg
    return racine


def test_chats_chiens_fichiers_corrompus_ecartes(env, capsys):
    _arbre_avec_fichiers_abimes(env)
    train, _, _, rapport = kd.charger_chats_chiens(taille=(24, 24), batch_size=4, avec_rapport=True)
    assert sorted(Path(f).name for f in rapport["ecartes"]) == ["cat.9001.jpg", "cat.9002.jpg"]
    assert rapport["images"]["train/cats"] == 16
    assert "2 fichier(s) corrompu(s)" in capsys.readouterr().err
    n = sum(len(e) for _, e in train)   # une époque entière sans erreur
    assert n == 32


def test_chats_chiens_depuis_kaggle_et_microsoft(env, tmp_path):
    import zipfile

    from PIL import Image

    kaggle = tmp_path / "train.zip"
    microsoft = tmp_path / "kagglecatsanddogs_5340.zip"
    with zipfile.ZipFile(kaggle, "w") as zk, zipfile.ZipFile(microsoft, "w") as zm:
        for i in range(10):
            for animal, dossier in (("cat", "Cat"), ("dog", "Dog")):
                image = tmp_path / f"{animal}{i}.jpg"
                Image.new("RGB", (20, 20), (i * 20, 50, 90)).save(image)
                zk.write(image, f"train/{animal}.{i}.jpg")
                zm.write(image, f"PetImages/{dossier}/{i}.jpg")
        zm.writestr("PetImages/Cat/666.jpg", b"pas une image")
    # Microsoft : 11 « chats » (dont 666.jpg illisible) répartis 8 / 3, puis 666 écarté de l'entraînement
    attendus = {kaggle: ({"train/cats": 8, "train/dogs": 8, "test/cats": 2, "test/dogs": 2}, 0),
                microsoft: ({"train/cats": 7, "train/dogs": 8, "test/cats": 3, "test/dogs": 2}, 1)}
    for archive, (images, n_ecartes) in attendus.items():
        train, test, noms, rapport = kd.charger_chats_chiens(taille=(16, 16), chemin=archive, avec_rapport=True)
        assert rapport["images"] == images, archive.name
        assert len(rapport["ecartes"]) == n_ecartes and all("666" in f for f in rapport["ecartes"])


def test_donnees_absentes_message_francais(env):
    with pytest.raises(FileNotFoundError) as e:
        kd.charger_mnist()
    message = str(e.value)
    assert message.startswith("MNIST introuvable. Endroits examinés :")
    assert str(env / "mnist.npz") in message and "KERAS_FACILE_DATA" in message
    assert "projet" in message and "cache de Keras" in message and "data/README.md" in message
    assert "téléchargements de keras_facile" in message and "KERAS_FACILE_MIROIR" in message
    assert "non tenté (KERAS_FACILE_HORS_LIGNE)" in message
    for fonction in (kd.charger_cifar10, kd.charger_imdb, kd.charger_chats_chiens):
        with pytest.raises(FileNotFoundError, match="introuvable"):
            fonction()


def test_fichiers_corrompus_erreur_claire(env):
    (env / "mnist.npz").write_bytes(b"PK\x03\x04 pas vraiment un zip")
    with pytest.raises(ValueError, match=r"corrompu ou tronqué : .*mnist\.npz"):
        kd.charger_mnist()
    tronque = env / "aclImdb_v1.tar.gz"
    kd.creer_donnees_factices(env / "vrai")
    contenu = (env / "vrai" / "aclImdb_v1.tar.gz").read_bytes()
    tronque.write_bytes(contenu[: len(contenu) // 2])
    with pytest.raises(ValueError, match=r"tronquée : .*aclImdb_v1\.tar\.gz"):
        kd.charger_imdb()
    assert not list((Path(os.environ["KERAS_FACILE_CACHE"]) / "archives").glob("*"))   # rien de moitié écrit


def test_telechargement_interrompu_ne_laisse_rien(env, tmp_path):
    import urllib.error

    destination = tmp_path / "dl" / "mnist.npz"
    with pytest.raises(urllib.error.URLError):
        kd.telecharger((tmp_path / "absent.npz").as_uri(), destination)
    assert not destination.exists() and not list((tmp_path / "dl").glob("*"))
    faux = tmp_path / "faux.npz"
    faux.write_bytes(b"abc")
    with pytest.raises(ValueError):
        kd.telecharger(faux.as_uri(), destination, verifier=kd.tableaux.verifier_mnist)
    assert not destination.exists() and not list((tmp_path / "dl").glob("*"))
    with pytest.raises(kd.TelechargementRefuse, match="(?s)sha256 inattendue.*attendue : 0{64}.*reçue    : ba7816bf"):
        kd.telecharger(faux.as_uri(), destination, sha256="0" * 64)
    assert not list((tmp_path / "dl").glob("*"))
    with pytest.raises(kd.TelechargementRefuse, match="annonce 3 octets, attendu 4"):
        kd.telecharger(faux.as_uri(), destination, taille=4)
    assert not list((tmp_path / "dl").glob("*"))
    with pytest.raises(kd.TelechargementRefuse, match="aucune empreinte connue et archive illisible"):
        kd.telecharger(faux.as_uri(), destination)      # ni empreinte ni archive lisible : refusé
    assert not list((tmp_path / "dl").glob("*"))


def test_commande_donnees(factices, capsys):
    from keras_facile.donnees.cli import main

    assert main([]) == 0
    sortie = capsys.readouterr().out
    assert sortie.count("vérification : ok") == 4
    assert "1000 + 100 images 28×28" in sortie
    assert main(["--jeu", "mnist"]) == 0
    (factices / "mnist.npz").write_bytes(b"abime")
    assert main(["--jeu", "mnist"]) == 1
    assert "ÉCHEC" in capsys.readouterr().out


def test_images_et_etiquettes_qui_ne_se_correspondent_pas(factices, capsys):
    from keras_facile.donnees.cli import main

    with np.load(factices / "mnist.npz") as f:
        t = dict(f)
    np.savez(factices / "mnist.npz", **{**t, "y_train": t["y_train"][:-1]})
    with pytest.raises(ValueError, match=r"1000 images dans x_train mais 999 étiquettes dans y_train"):
        kd.charger_mnist()
    assert main(["--jeu", "mnist"]) == 1
    sortie = capsys.readouterr().out
    assert "vérification : ÉCHEC" in sortie and "999 étiquettes" in sortie and "ok —" not in sortie
    with np.load(factices / "cifar10.npz") as f:
        t = dict(f)
    np.savez(factices / "cifar10.npz", **{**t, "x_test": t["x_test"][:90]})
    with pytest.raises(ValueError, match=r"90 images dans x_test mais 100 étiquettes dans y_test"):
        kd.charger_cifar10()


def test_cifar10_masque_des_images_exactes(factices, tmp_path):
    (x, y), (xt, yt), exact = kd.charger_cifar10(masque_exact=True)
    assert exact.dtype == bool and exact.shape == (100,)
    assert exact[:20].all() and not exact[20:].any()           # factice : le premier cinquième est exact
    assert len(kd.charger_cifar10()) == 2                      # sans masque : la signature de keras.datasets
    # aligné sur x_test après le sous-ensemble n_test
    (_, _), (xs, ys), exact_s = kd.charger_cifar10(n_test=50, graine=3, masque_exact=True)
    assert exact_s.shape == (50,)
    positions = [int(np.flatnonzero((xt == image).all(axis=(1, 2, 3)))[0]) for image in xs]
    np.testing.assert_array_equal(exact_s, exact[positions])
    np.testing.assert_array_equal(ys, yt[positions])
    assert 0 < exact_s.sum() < 50
    # un fichier sans test_lossless (le jeu officiel complet) : tout est exact
    with np.load(factices / "cifar10.npz") as f:
        t = {k: f[k] for k in f.files if k != "test_lossless"}
    np.savez(tmp_path / "cifar10.npz", **t)
    assert kd.charger_cifar10(chemin=tmp_path / "cifar10.npz", masque_exact=True)[2].all()
    lots = kd.creer_jeu_factice("cifar10", tmp_path / "lots", forme="lots")
    assert kd.charger_cifar10(chemin=lots, n_test=30, masque_exact=True)[2].tolist() == [True] * 30
    with pytest.raises(TypeError, match="masque_exact doit valoir True ou False, reçu 1"):
        kd.charger_cifar10(masque_exact=1)
    np.savez(tmp_path / "cifar10.npz", **t, test_lossless=np.ones(7, dtype=bool))
    with pytest.raises(ValueError, match=r"test_lossless doit être un tableau de booléens de forme \(100,\)"):
        kd.charger_cifar10(chemin=tmp_path, masque_exact=True)


# ---------------------------------------------------------------------------
# Les vrais jeux (quand KERAS_FACILE_DATA les désigne, comme en CI)
# ---------------------------------------------------------------------------
REELLES = donnees_reelles_disponibles()
reelles = pytest.mark.skipif(REELLES is None or not (REELLES / "mnist.npz").exists(),
                             reason="KERAS_FACILE_DATA ne désigne pas les vrais jeux de données")


@reelles
@pytest.mark.donnees_reelles
def test_reel_mnist():
    (x, y), (xt, yt) = kd.charger_mnist(chemin=REELLES)
    assert x.shape == (60000, 28, 28) and xt.shape == (10000, 28, 28)
    assert y[0] == 5
    assert np.bincount(y).tolist()[:3] == [5923, 6742, 5958]


@reelles
@pytest.mark.donnees_reelles
def test_reel_cifar10():
    (x, y), (xt, yt), exact = kd.charger_cifar10(chemin=REELLES / "cifar10.npz", masque_exact=True)
    assert x.shape == (20000, 32, 32, 3) and y.shape == (20000, 1)
    assert np.bincount(yt[:, 0]).tolist() == [500] * 10
    assert np.bincount(y[:, 0]).min() > 1900
    # data/README : les 1 000 premières images de test sont exactes, les 4 000 autres décodées d'un JPEG
    assert exact.shape == (5000,) and int(exact.sum()) == 1000 and exact[:1000].all()
    _, (xs, _), exact_s = kd.charger_cifar10(chemin=REELLES, n_test=500, masque_exact=True)
    assert exact_s.shape == (500,) and 50 <= int(exact_s.sum()) <= 150


@reelles
@pytest.mark.donnees_reelles
def test_reel_imdb():
    (x, y), (xt, yt) = kd.charger_imdb(num_words=1000, chemin=REELLES)
    assert np.bincount(y).tolist() == [12500, 12500] and np.bincount(yt).tolist() == [12500, 12500]
    assert max(max(s) for s in x[:500]) < 1000
    indice = kd.indice_mots_imdb(chemin=REELLES)
    assert [m for m, _ in sorted(indice.items(), key=lambda kv: kv[1])[:5]] == ["the", "and", "a", "of", "to"]


@reelles
@pytest.mark.donnees_reelles
def test_reel_chats_chiens():
    train, test, noms, rapport = kd.charger_chats_chiens(chemin=REELLES, avec_rapport=True)
    assert rapport["images"] == {"train/cats": 2000, "train/dogs": 2000, "test/cats": 1000, "test/dogs": 1000}
    images, etiquettes = next(iter(test))
    assert images.shape == (32, 64, 64, 3)


# ---------------------------------------------------------------------------
# Le registre : chaque jeu décrit une fois
# ---------------------------------------------------------------------------
def test_registre_coherent_et_seul_a_porter_urls_et_empreintes():
    import re

    from keras_facile.donnees.factices import _FORMES_FACTICES

    assert list(kd.REGISTRE) == ["mnist", "cifar10", "imdb", "chats_chiens"]
    paquet = Path(kd.__file__).resolve().parents[1]
    sources = {f: f.read_text(encoding="utf-8") for f in paquet.rglob("*.py")}
    for nom, jeu in kd.REGISTRE.items():
        assert jeu.nom == nom and jeu.forme(jeu.forme_factice) in jeu.formes
        assert set(_FORMES_FACTICES[nom]) <= {f.cle for f in jeu.formes}
        assert callable(jeu._fonction(jeu.chargeur)) and callable(jeu._fonction(jeu.verificateur))
        t = jeu.telechargement
        assert t.fichier in jeu.forme(t.forme).noms           # un fichier téléchargé est retrouvé ensuite
        assert t.url.startswith("https://") and t.url.endswith("/" + t.fichier)
        assert t.sha256 is None or re.fullmatch("[0-9a-f]{64}", t.sha256)
        for constante in filter(None, (t.url, t.sha256)):       # écrites une seule fois, dans registre.py
            ou = [f.name for f, texte in sources.items() if constante in texte]
            assert ou == ["registre.py"], (constante, ou)
    # empreintes connues : toutes sauf l'archive Microsoft (aucune source sûre), relue en entier à la place
    assert [n for n, j in kd.REGISTRE.items() if j.telechargement.sha256 is None] == ["chats_chiens"]
    with pytest.raises(ValueError, match="jeu de données inconnu : 'fashion'"):
        kd.localiser("fashion")
    # KERAS_FACILE_CACHE n'est lue qu'à un endroit du paquet de données
    lectures = [f.name for f, texte in sources.items()
                if f.parent.name == "donnees" and 'environ.get("KERAS_FACILE_CACHE")' in texte]
    assert lectures == ["recherche.py"]
