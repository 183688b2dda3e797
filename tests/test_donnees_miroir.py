"""Téléchargements vérifiés, servis par un miroir local (``KERAS_FACILE_MIROIR``) sur 127.0.0.1.

Aucun test ne joint Internet : la fixture ``_jamais_internet`` refuse toute autre adresse.
"""
import dataclasses
import functools
import http.server
import importlib.util
import os
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from keras_facile import donnees as kd
from keras_facile.donnees.recherche import empreinte
from test_donnees import _jamais_internet, env  # noqa: F401  (fixtures partagées)

PETIT = {"mnist": (30, 20), "cifar10": (25, 10), "imdb": 5, "chats_chiens": (4, 2)}


@pytest.fixture
def miroir(env, tmp_path, monkeypatch):
    """Un serveur http.server sur 127.0.0.1 (port libre) qui sert un dossier ; KERAS_FACILE_MIROIR pointe dessus."""
    dossier = tmp_path / "miroir"
    dossier.mkdir()
    demandes = []

    class Gestionnaire(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            demandes.append(self.path)
            super().do_GET()

    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gestionnaire, directory=str(dossier)))
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    monkeypatch.setenv("KERAS_FACILE_MIROIR", f"http://127.0.0.1:{serveur.server_port}/")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.delenv("KERAS_FACILE_HORS_LIGNE")
    yield SimpleNamespace(dossier=dossier, demandes=demandes)
    serveur.shutdown()
    serveur.server_close()
    fil.join()


def _telechargements() -> Path:
    return Path(os.environ["KERAS_FACILE_CACHE"]) / "donnees"


def _reinscrire(monkeypatch, nom, **changements):
    """Remplace, le temps d'un test, l'empreinte ou la taille du téléchargement d'un jeu du registre."""
    jeu = kd.REGISTRE[nom]
    t = dataclasses.replace(jeu.telechargement, **changements)
    monkeypatch.setitem(kd.REGISTRE, nom, dataclasses.replace(jeu, telechargement=t))


def test_fichier_corrompu_refuse_par_son_empreinte_puis_bon_fichier_accepte(miroir, tmp_path, monkeypatch):
    bon = kd.creer_jeu_factice("mnist", tmp_path / "prepare")
    _reinscrire(monkeypatch, "mnist", sha256=empreinte(bon), taille=bon.stat().st_size)
    octets = bytearray(bon.read_bytes())
    octets[len(octets) // 2] ^= 0xFF                       # même taille, un octet changé
    (miroir.dossier / "mnist.npz").write_bytes(bytes(octets))
    with pytest.raises(kd.TelechargementRefuse) as e:
        kd.charger_mnist()
    message = str(e.value)
    assert "empreinte sha256 inattendue" in message
    assert f"attendue : {empreinte(bon)}" in message
    assert f"reçue    : {empreinte(miroir.dossier / 'mnist.npz')}" in message
    assert "n'a pas été gardé" in message
    assert miroir.demandes == ["/mnist.npz"]
    assert list(_telechargements().iterdir()) == []       # ni fichier final, ni fichier temporaire
    # le bon fichier est accepté, gardé sous son nom, et retrouvé ensuite sans nouveau téléchargement
    shutil.copy(bon, miroir.dossier / "mnist.npz")
    (x, y), (xt, yt) = kd.charger_mnist()
    assert x.shape == (200, 28, 28) and xt.shape == (100, 28, 28)
    assert [f.name for f in _telechargements().iterdir()] == ["mnist.npz"]
    assert empreinte(_telechargements() / "mnist.npz") == empreinte(bon)
    masque = os.umask(0o022)
    os.umask(masque)
    assert (_telechargements() / "mnist.npz").stat().st_mode & 0o777 == 0o644 & ~masque   # pas le 0600 de mkstemp
    assert len(miroir.demandes) == 2
    kd.charger_mnist()
    assert len(miroir.demandes) == 2


def _source_keras(module: str) -> str:
    spec = importlib.util.find_spec("keras")
    return (Path(spec.origin).parent / "src" / "datasets" / f"{module}.py").read_text()


def test_telechargement_mnist_verifie_contre_l_empreinte_de_keras(miroir, tmp_path, monkeypatch):
    t = kd.REGISTRE["mnist"].telechargement
    assert t.sha256 == "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
    dossier_url, fichier_url = t.url.rsplit("/", 1)
    assert t.sha256 in _source_keras("mnist") and dossier_url + "/" in _source_keras("mnist")   # comme Keras
    cifar = kd.REGISTRE["cifar10"].telechargement
    assert cifar.sha256 in _source_keras("cifar10") and cifar.url in _source_keras("cifar10")
    # un autre fichier servi sous le nom mnist.npz : la taille annoncée le trahit avant tout téléchargement…
    kd.creer_jeu_factice("mnist", miroir.dossier)
    with pytest.raises(kd.TelechargementRefuse, match=rf"annonce \d+ octets, attendu {t.taille}"):
        kd.charger_mnist()
    assert list(_telechargements().iterdir()) == []
    # … et sans taille connue, l'empreinte sha256 de Keras le refuse
    _reinscrire(monkeypatch, "mnist", taille=None)
    with pytest.raises(kd.TelechargementRefuse, match=f"attendue : {t.sha256}"):
        kd.charger_mnist()
    assert list(_telechargements().iterdir()) == []


@pytest.mark.parametrize("nom", ["mnist", "cifar10", "imdb", "chats_chiens"])
def test_miroir_sert_chaque_jeu(miroir, tmp_path, monkeypatch, nom):
    jeu = kd.REGISTRE[nom]
    t = jeu.telechargement
    bon = kd.creer_jeu_factice(nom, tmp_path / "prepare", forme=t.forme, taille=PETIT[nom])
    assert bon.name == t.fichier
    # sans empreinte connue : une archive tronquée est refusée par sa relecture complète
    _reinscrire(monkeypatch, nom, sha256=None, taille=None)
    (miroir.dossier / t.fichier).write_bytes(bon.read_bytes()[: bon.stat().st_size * 2 // 3])
    with pytest.raises(kd.TelechargementRefuse, match="aucune empreinte connue et archive illisible"):
        kd.localiser(nom)
    assert list(_telechargements().iterdir()) == []
    # le bon fichier, avec son empreinte et sa taille : téléchargé, vérifié, lu
    shutil.copy(bon, miroir.dossier / t.fichier)
    _reinscrire(monkeypatch, nom, sha256=empreinte(bon), taille=bon.stat().st_size)
    source = kd.localiser(nom)
    assert source.chemin == _telechargements() / t.fichier and source.forme.cle == t.forme
    assert miroir.demandes == [f"/{t.fichier}"] * 2
    resume = jeu.verifier(source.chemin)
    assert resume.startswith({"mnist": "30 + 20", "cifar10": "25 + 10", "imdb": "10 + 10",
                              "chats_chiens": "train/cats : 4"}[nom])


def test_miroir_sans_le_fichier(miroir):
    with pytest.raises(FileNotFoundError, match=r"(?s)CIFAR-10 introuvable.*cifar-10-python\.tar\.gz "
                                                r"\(miroir KERAS_FACILE_MIROIR\) : échec \(HTTP 404"):
        kd.charger_cifar10()
    assert list(_telechargements().iterdir()) == []


def test_miroir_dossier_partage_file(env, tmp_path, monkeypatch):
    """Un miroir peut aussi être un dossier partagé (adresse file://)."""
    partage = tmp_path / "partage"
    bon = kd.creer_jeu_factice("mnist", partage)
    _reinscrire(monkeypatch, "mnist", sha256=empreinte(bon), taille=bon.stat().st_size)
    monkeypatch.setenv("KERAS_FACILE_MIROIR", partage.as_uri())
    monkeypatch.delenv("KERAS_FACILE_HORS_LIGNE")
    assert kd.charger_mnist()[0][0].shape == (200, 28, 28)


def test_commande_telecharger(miroir, tmp_path, monkeypatch, capsys):
    from keras_facile.donnees.cli import main

    bon = kd.creer_jeu_factice("mnist", tmp_path / "prepare")
    _reinscrire(monkeypatch, "mnist", sha256=empreinte(bon), taille=bon.stat().st_size)
    (miroir.dossier / "mnist.npz").write_bytes(bon.read_bytes()[::-1])
    assert main(["--telecharger", "mnist"]) == 1
    assert "téléchargement refusé" in capsys.readouterr().err
    shutil.copy(bon, miroir.dossier / "mnist.npz")
    assert main(["--telecharger", "mnist"]) == 0
    assert "MNIST téléchargé et vérifié" in capsys.readouterr().out
    assert main(["--telecharger", "mnist"]) == 0
    assert "déjà là" in capsys.readouterr().out
    assert len(miroir.demandes) == 2
    assert main(["--jeu", "mnist"]) == 0
    sortie = capsys.readouterr().out
    assert f"le miroir {os.environ['KERAS_FACILE_MIROIR']}" in sortie and "vérification : ok" in sortie
