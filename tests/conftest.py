"""Réglages et outils communs des tests.

- figures en mode Agg (aucune fenêtre) ;
- ``donnees_factices`` : un dossier de petits fichiers au vrai format (MNIST,
  CIFAR-10, IMDB, chats/chiens) fabriqué une fois par session ;
- ``lancer_chapitre(numero, *options)`` : exécute un script de chapitre dans ce
  processus (TensorFlow déjà importé) avec ``--rapide --figures DOSSIER`` et
  les données factices ; renvoie ``(resultats, dossier_figures)``.
"""
import os
from pathlib import Path

import pytest

# des leçons d'essai (tests/lecons) : lancées par les tests, pas importées par la collecte
collect_ignore = ["lecons"]

RACINE = Path(__file__).resolve().parent.parent


def donnees_reelles_disponibles() -> Path | None:
    """Le dossier des vrais jeux de données si ``KERAS_FACILE_DATA`` en désigne un."""
    chemin = os.environ.get("KERAS_FACILE_DATA")
    if chemin and Path(chemin).is_dir() and any(Path(chemin).iterdir()):
        return Path(chemin)
    return None


@pytest.fixture(scope="session")
def donnees_factices(tmp_path_factory) -> Path:
    from keras_facile.donnees import creer_donnees_factices

    dossier = tmp_path_factory.mktemp("donnees_factices")
    creer_donnees_factices(dossier)
    return dossier


@pytest.fixture(scope="session")
def cache_factice(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache_keras_facile")


@pytest.fixture
def lancer_chapitre(donnees_factices, cache_factice, tmp_path, monkeypatch):
    from keras_facile.lecon import executer_chapitre

    def lancer(numero, *options, rapide=True):
        monkeypatch.setenv("KERAS_FACILE_DATA", str(donnees_factices))
        monkeypatch.setenv("KERAS_FACILE_CACHE", str(cache_factice))
        figures = tmp_path / f"figures_ch{int(numero):02d}"
        argv = (["--rapide"] if rapide else []) + ["--figures", str(figures), *options]
        resultats = executer_chapitre(numero, argv)
        return resultats, figures

    return lancer


@pytest.fixture(scope="session")
def tracer_figures():
    """``with tracer_figures() as tracees:`` : pendant le bloc, chaque figure confiée à
    ``lecon.figure`` est aussi gardée dans ``tracees[nom]``, pour vérifier les données
    tracées (``ax.lines[i].get_ydata()``, ``ax.images[0].get_array()``…) et pas seulement
    la taille du fichier PNG."""
    import contextlib

    from keras_facile import coureur

    @contextlib.contextmanager
    def tracer():
        tracees = {}
        original = coureur._Coureur.figure

        def figure(self, fig, nom):
            tracees[nom] = fig
            return original(self, fig, nom)

        coureur._Coureur.figure = figure
        try:
            yield tracees
        finally:
            coureur._Coureur.figure = original

    return tracer
