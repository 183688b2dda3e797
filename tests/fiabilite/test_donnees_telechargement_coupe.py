"""Issue 12, cas 3 : un téléchargement coupé en route, sans Content-Length, n'est jamais pris pour un
succès (ni renommé, ni annoncé « téléchargé », ni gardé), que le jeu ait une empreinte connue ou non."""
import dataclasses
import functools
import http.server
import threading
from pathlib import Path

import pytest

from keras_facile import donnees as kd
from keras_facile.donnees.cli import main as donnees_main
from test_donnees import _jamais_internet, env  # noqa: F401  (fixtures partagées)


@pytest.fixture
def serveur_qui_coupe(env, tmp_path, monkeypatch):
    """Sert la moitié d'un fichier sans Content-Length (HTTP/1.0), puis ferme : urllib croit à la fin."""
    fichiers = {}

    class Coupe(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):
            pass

        def do_GET(self):
            contenu = fichiers.get(self.path.lstrip("/"))
            if contenu is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()                      # pas de Content-Length
            self.wfile.write(contenu[: len(contenu) // 2])
            self.wfile.flush()
            self.close_connection = True

    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Coupe)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    monkeypatch.setenv("KERAS_FACILE_MIROIR", f"http://127.0.0.1:{serveur.server_port}/")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.delenv("KERAS_FACILE_HORS_LIGNE")
    yield fichiers
    serveur.shutdown()
    serveur.server_close()
    fil.join()


def _telechargements() -> Path:
    import os

    return Path(os.environ["KERAS_FACILE_CACHE"]) / "donnees"


@pytest.mark.parametrize("empreinte_connue", [True, False])
def test_telechargement_coupe_sans_content_length(serveur_qui_coupe, tmp_path, monkeypatch, capsys,
                                                  empreinte_connue):
    jeu = kd.REGISTRE["imdb"]
    bon = kd.creer_jeu_factice("imdb", tmp_path / "prepare", forme=jeu.telechargement.forme, taille=5)
    serveur_qui_coupe[jeu.telechargement.fichier] = bon.read_bytes()
    from keras_facile.donnees.recherche import empreinte

    t = dataclasses.replace(jeu.telechargement, sha256=empreinte(bon) if empreinte_connue else None, taille=None)
    monkeypatch.setitem(kd.REGISTRE, "imdb", dataclasses.replace(jeu, telechargement=t))
    code = donnees_main(["--telecharger", "imdb"])
    sortie = capsys.readouterr()
    assert code == 1
    assert "téléchargement refusé" in sortie.err and "téléchargé et vérifié" not in sortie.out
    assert ("empreinte" in sortie.err) if empreinte_connue else ("archive illisible" in sortie.err), sortie.err
    assert not _telechargements().exists() or list(_telechargements().iterdir()) == []
