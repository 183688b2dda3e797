"""Mauvais arguments des chargeurs : erreur française qui nomme l'argument et la valeur reçue,
levée avant toute recherche de fichier (ici, aucun jeu n'est disponible : une vérification
faite trop tard donnerait « introuvable ») et sans rien écrire dans le cache."""
import re

import pytest

from keras_facile import donnees as kd


@pytest.fixture(autouse=True)
def rien(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("KERAS_FACILE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KERAS_FACILE_HORS_LIGNE", "1")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.delenv("KERAS_FACILE_MIROIR", raising=False)
    monkeypatch.setattr(kd.recherche, "RACINE_PROJET", tmp_path / "projet")
    yield
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]


CAS = [
    (kd.charger_mnist, {"n_train": 100.0}, ValueError, "n_train", "100.0"),
    (kd.charger_mnist, {"n_test": 0}, ValueError, "n_test", "0"),
    (kd.charger_mnist, {"graine": -1}, ValueError, "graine", "-1"),
    (kd.charger_mnist, {"graine": 1.5}, TypeError, "graine", "1.5"),
    (kd.charger_cifar10, {"n_train": True}, ValueError, "n_train", "True"),
    (kd.charger_cifar10, {"graine": "0"}, TypeError, "graine", "'0'"),
    (kd.charger_imdb, {"num_words": 2.5}, TypeError, "num_words", "2.5"),
    (kd.charger_imdb, {"num_words": "10000"}, TypeError, "num_words", "'10000'"),
    (kd.charger_imdb, {"num_words": 3}, ValueError, "num_words", "3"),
    (kd.charger_imdb, {"index_from": -1}, ValueError, "index_from", "-1"),
    (kd.charger_imdb, {"n_train": -4}, ValueError, "n_train", "-4"),
    (kd.charger_imdb_textes, {"graine": None}, TypeError, "graine", "None"),
    (kd.charger_chats_chiens, {"n_train": 0}, ValueError, "n_train", "0"),
    (kd.charger_chats_chiens, {"n_train": -4}, ValueError, "n_train", "-4"),
    (kd.charger_chats_chiens, {"batch_size": 0}, ValueError, "batch_size", "0"),
    (kd.charger_chats_chiens, {"batch_size": 32.0}, TypeError, "batch_size", "32.0"),
    (kd.charger_chats_chiens, {"graine": -2}, ValueError, "graine", "-2"),
    (kd.charger_chats_chiens, {"melanger": "non"}, TypeError, "melanger", "'non'"),
    (kd.charger_chats_chiens, {"normaliser": 1}, TypeError, "normaliser", "1"),
    (kd.charger_chats_chiens, {"taille": (0, 64)}, ValueError, "taille", "(0, 64)"),
]


@pytest.mark.parametrize("fonction, arguments, erreur, nom, recu", CAS,
                         ids=[f"{f.__name__}-{next(iter(a))}={next(iter(a.values()))!r}" for f, a, *_ in CAS])
def test_mauvais_argument(fonction, arguments, erreur, nom, recu):
    with pytest.raises(erreur) as e:
        fonction(**arguments)
    assert type(e.value) is erreur
    message = str(e.value)
    assert message.startswith(f"{nom} doit être"), message
    assert re.search(rf"reçu {re.escape(recu)}(?![\w.])", message), message
