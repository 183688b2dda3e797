"""``chemin=`` veut dire « ce dossier ou ce fichier » : le jeu lui-même ou le dossier qui le
contient est accepté ; un ``chemin=`` qui ne contient aucun jeu est une erreur qui le
nomme, sans chercher ailleurs et sans rien télécharger."""
import numpy as np
import pytest

from keras_facile import donnees as kd
from keras_facile.donnees.factices import _FORMES_FACTICES
from test_donnees import _jamais_internet, env, factices  # noqa: F401  (fixtures partagées)

PETIT = {"mnist": (30, 20), "cifar10": (25, 10), "imdb": 5, "chats_chiens": (4, 2)}
RESUME = {
    "mnist": "30 + 20 images 28×28",
    "cifar10": "25 + 10 images 32×32×3",
    "imdb": "10 + 10 critiques (5 positives à l'entraînement)",
    # dossier rangé : 4 + 2 par classe ; sources Kaggle/Microsoft : 6 par classe coupées 80 % / 20 %
    "chats_chiens": "train/cats : 4, train/dogs : 4, test/cats : 2, test/dogs : 2",
}
FORMES = [(nom, forme) for nom, formes in _FORMES_FACTICES.items() for forme in formes]


@pytest.mark.parametrize("nom,forme", FORMES, ids=[f"{n}-{f}" for n, f in FORMES])
def test_chemin_est_le_jeu_lui_meme_ou_son_dossier(env, tmp_path, nom, forme):
    dossier = tmp_path / "ici"
    ecrit = kd.creer_jeu_factice(nom, dossier, forme=forme, taille=PETIT[nom])
    jeu = kd.REGISTRE[nom]
    for chemin in (ecrit, dossier, str(ecrit)):
        source = kd.localiser(nom, chemin)
        assert source.forme.cle == forme and source.chemin == ecrit
        assert jeu.verifier(chemin).startswith(RESUME[nom])


def test_chats_chiens_dossier_train_test_donne_directement(env, tmp_path):
    """L'habitude d'image_dataset_from_directory : chemin= est le dossier qui contient train/ et test/."""
    rangé = kd.creer_jeu_factice("chats_chiens", tmp_path / "tmp", taille=(4, 2))
    photos = rangé.rename(tmp_path / "mes_photos")
    assert sorted(p.name for p in photos.iterdir()) == ["test", "train"]
    assert kd.dossier_chats_chiens(chemin=photos) == photos
    train, test, noms = kd.charger_chats_chiens(chemin=photos, taille=(16, 16), batch_size=4)
    assert noms == ["cats", "dogs"]
    assert np.bincount(np.concatenate([e.numpy() for _, e in train])).tolist() == [4, 4]
    assert np.bincount(np.concatenate([e.numpy() for _, e in test])).tolist() == [2, 2]


def test_chargeurs_sur_le_dossier_du_jeu(env, tmp_path):
    lots = kd.creer_jeu_factice("cifar10", tmp_path / "c", forme="lots", taille=(25, 10))
    (x, y), (xt, yt) = kd.charger_cifar10(chemin=lots)
    assert x.shape == (25, 32, 32, 3) and yt.shape == (10, 1)
    acl = kd.creer_jeu_factice("imdb", tmp_path / "i", forme="aclImdb", taille=5)
    assert acl.name == "aclImdb"
    (x, y), _ = kd.charger_imdb(chemin=acl)
    (textes, y2), _ = kd.charger_imdb_textes(chemin=acl)
    assert len(x) == len(textes) == 10 and y.tolist() == y2.tolist()
    npz = kd.creer_jeu_factice("mnist", tmp_path / "m", taille=(30, 20))
    nouveau = npz.rename(npz.with_name("mon_mnist.npz"))     # un .npz désigné directement, quel que soit son nom
    assert kd.charger_mnist(chemin=nouveau)[0][0].shape == (30, 28, 28)


@pytest.fixture
def aucun_telechargement(monkeypatch):
    """Fait échouer le test si quoi que ce soit tente un téléchargement."""
    def interdit(*args, **kwargs):
        pytest.fail(f"téléchargement tenté alors que chemin= était donné : {args}")

    for nom in ("telecharger", "telecharger_jeu", "_ouvrir"):
        monkeypatch.setattr(kd.recherche, nom, interdit)


CHARGEURS = {"charger_mnist": "mnist", "charger_cifar10": "cifar10", "charger_imdb": "imdb",
             "charger_imdb_textes": "imdb", "charger_chats_chiens": "chats_chiens"}


@pytest.mark.parametrize("chargeur", list(CHARGEURS))
def test_chemin_sans_jeu_erreur_sans_repli_ni_telechargement(factices, tmp_path, monkeypatch, aucun_telechargement,
                                                            chargeur):
    charger = getattr(kd, chargeur)
    # ailleurs, tout est là (KERAS_FACILE_DATA) et le réseau serait permis : seul chemin= doit compter
    monkeypatch.delenv("KERAS_FACILE_HORS_LIGNE")
    monkeypatch.setenv("KERAS_FACILE_MIROIR", "http://127.0.0.1:9/")
    assert kd.localiser(CHARGEURS[chargeur]).chemin.parent == factices
    vide = tmp_path / "vide"
    vide.mkdir()
    (vide / "notes.txt").write_text("rien")
    (vide / "autre").mkdir()
    with pytest.raises(FileNotFoundError) as e:
        charger(chemin=vide)
    message = str(e.value)
    assert f"le dossier chemin={str(vide)!r} ne contient pas le jeu {kd.REGISTRE[CHARGEURS[chargeur]].titre}" in message
    assert "Attendu" in message and kd.REGISTRE[CHARGEURS[chargeur]].formes[0].description in message
    assert "aucun autre endroit n'est examiné et rien n'est téléchargé" in message
    assert str(factices) not in message
    with pytest.raises(FileNotFoundError, match=r"chemin='.*absent' n'existe pas"):
        charger(chemin=tmp_path / "absent")
    with pytest.raises(FileNotFoundError, match=r"notes\.txt' n'est sous aucune forme acceptée"):
        charger(chemin=vide / "notes.txt")
    with pytest.raises(TypeError, match="chemin doit être un chemin"):
        charger(chemin=3)


def test_chats_chiens_dossier_incomplet(factices, tmp_path, aucun_telechargement):
    incomplet = tmp_path / "photos"
    for classe in ("cats", "dogs"):
        (incomplet / "train" / classe).mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match=r"(?s)ne contient pas le jeu Chats et chiens.*\{train,test\}/\{cats,dogs\}"):
        kd.charger_chats_chiens(chemin=incomplet)


def test_chemin_vers_un_jeu_abime_erreur_de_lecture(env, tmp_path, aucun_telechargement):
    """Un chemin= qui désigne bien un jeu, mais abîmé : ValueError de lecture, pas de recherche ailleurs."""
    (tmp_path / "mnist.npz").write_bytes(b"PK\x03\x04 abime")
    with pytest.raises(ValueError, match="corrompu ou tronqué"):
        kd.charger_mnist(chemin=tmp_path)
