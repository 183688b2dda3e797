"""Un fichier ou un dossier illisible (droits) : « lecture interdite », jamais « corrompu, supprimez-le ».

Les tests tournent souvent en root, que ``chmod 000`` n'arrête pas : les droits sont
alors retirés pour de bon *et* la lecture est refusée comme le ferait le système
(``PermissionError`` errno 13 sur ``open``, ``os.scandir``, ``os.listdir`` de ce chemin).
"""
import builtins
import errno
import io
import os
from pathlib import Path

import pytest

from keras_facile import donnees as kd


@pytest.fixture
def env(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("KERAS_FACILE_DATA", str(data))
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KERAS_FACILE_HORS_LIGNE", "1")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.delenv("KERAS_FACILE_MIROIR", raising=False)
    return data


@pytest.fixture
def interdire(monkeypatch):
    """``interdire(chemin)`` : retire les droits de lecture de ``chemin`` (fichier ou dossier)."""
    interdits = set()
    open_, scandir, listdir = builtins.open, os.scandir, os.listdir

    def refuse(chemin):
        try:
            return os.path.realpath(os.fspath(chemin)) in interdits
        except TypeError:           # descripteur de fichier
            return False

    def erreur(chemin):
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(chemin))

    def open_garde(fichier, *a, **k):
        if refuse(fichier):
            raise erreur(fichier)
        return open_(fichier, *a, **k)

    def scandir_garde(chemin="."):
        if refuse(chemin):
            raise erreur(chemin)
        return scandir(chemin)

    def listdir_garde(chemin="."):
        if refuse(chemin):
            raise erreur(chemin)
        return listdir(chemin)

    def interdire(chemin):
        chemin = Path(chemin)
        os.chmod(chemin, 0)
        interdits.add(os.path.realpath(chemin))
        if os.geteuid() == 0:       # root lit tout : on refuse à sa place
            monkeypatch.setattr(builtins, "open", open_garde)
            monkeypatch.setattr(io, "open", open_garde)        # Path.read_text passe par io.open
            monkeypatch.setattr(os, "scandir", scandir_garde)
            monkeypatch.setattr(os, "listdir", listdir_garde)
        return chemin

    yield interdire
    for chemin in interdits:
        os.chmod(chemin, 0o755)


def _message_juste(e, chemin):
    message = str(e.value)
    assert "lecture interdite" in message and str(chemin) in message, message
    assert "corrompu" not in message and "tronqué" not in message, message
    assert "ne le supprimez pas" in message, message     # jamais le conseil d'effacer un bon fichier


def test_mnist_illisible(env, interdire):
    f = interdire(kd.creer_jeu_factice("mnist", env))
    with pytest.raises(PermissionError) as e:
        kd.charger_mnist()
    _message_juste(e, f)
    assert "le fichier" in str(e.value)


def test_lot_cifar_illisible(env, interdire):
    dossier = kd.creer_jeu_factice("cifar10", env, forme="lots")
    f = interdire(dossier / "test_batch")
    with pytest.raises(PermissionError) as e:
        kd.charger_cifar10()
    _message_juste(e, f)


def test_archive_imdb_illisible(env, interdire):
    f = interdire(kd.creer_jeu_factice("imdb", env, forme="archive", taille=4))
    with pytest.raises(PermissionError) as e:
        kd.charger_imdb()
    _message_juste(e, f)
    assert not [p for p in (env.parent / "cache").rglob("*") if ".partiel" in p.name]


def test_critique_imdb_illisible(env, interdire):
    acl = kd.creer_jeu_factice("imdb", env, forme="aclImdb", taille=4)
    f = interdire(sorted((acl / "test/pos").glob("*.txt"))[0])
    with pytest.raises(PermissionError) as e:
        kd.charger_imdb()
    _message_juste(e, f)


def test_dossier_imdb_illisible(env, interdire):
    acl = kd.creer_jeu_factice("imdb", env, forme="aclImdb", taille=4)
    d = interdire(acl / "train/neg")
    with pytest.raises(PermissionError) as e:
        kd.charger_imdb()
    _message_juste(e, d)
    assert "le dossier" in str(e.value)


def test_dossier_chats_illisible(env, interdire):
    racine = kd.creer_jeu_factice("chats_chiens", env, taille=(4, 2))
    d = interdire(racine / "train/cats")
    with pytest.raises(PermissionError) as e:
        kd.charger_chats_chiens(taille=(16, 16))
    _message_juste(e, d)
    assert "le dossier" in str(e.value)


def test_photo_illisible_pas_dite_corrompue(env, interdire):
    racine = kd.creer_jeu_factice("chats_chiens", env, taille=(4, 2))
    f = interdire(sorted((racine / "train/dogs").iterdir())[0])
    with pytest.raises(PermissionError) as e:
        kd.charger_chats_chiens(taille=(16, 16))
    _message_juste(e, f)
    assert not [p for p in (env.parent / "cache").rglob("*") if ".partiel" in p.name]
