"""Qui montre les figures : un seul endroit décide d'afficher, d'enregistrer ou de compter.

Les fonctions de tracé du paquet (``affichage_*``, ``graphique_*``) construisent
une figure, la passent à :func:`terminer_figure` et la renvoient. Ce module décide
ensuite, selon l'endroit où l'on est :

- **dans un carnet Jupyter** : la figure s'affiche une seule fois, en ligne, à la
  fin de la cellule (même quand l'appel est la dernière ligne de la cellule, comme
  dans le livre : la figure renvoyée ne s'affiche pas une seconde fois) ;
- **dans une leçon lancée en script** (``keras-facile lance N``) : c'est la leçon
  (:mod:`keras_facile.lecon`) qui enregistre (``--figures``), montre (écran) ou
  compte les figures non montrées (sans écran) ;
- **dans un script ordinaire** : ``plt.show()`` s'il y a un écran ; sinon rien ne
  bloque, et un message unique à la fin du programme dit combien de figures n'ont
  pas été montrées et comment les garder.

Toute écriture de PNG passe par :func:`enregistrer_figure` (fichier temporaire puis
renommage : jamais de fichier à moitié écrit).
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

from . import _config  # noqa: F401

import matplotlib
import matplotlib.figure
import matplotlib.pyplot as plt

from .fichiers import ecriture_atomique

__all__ = [
    "FigureLecon",
    "nouvelle_figure",
    "sous_figures",
    "terminer_figure",
    "enregistrer_figure",
    "ecran_disponible",
    "dans_un_carnet",
]

_BACKENDS_SANS_ECRAN = {"agg", "pdf", "svg", "ps", "cairo", "template"}

#: vrai pendant une leçon lancée en script : le coureur ramasse les figures en fin de section
_lecon_en_cours = False
_non_montrees = 0
_message_prevu = False


def dans_un_carnet() -> bool:
    """Vrai dans un noyau Jupyter (carnet, JupyterLab, VS Code…)."""
    if "ipykernel" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def ecran_disponible() -> bool:
    """Vrai si Matplotlib peut ouvrir une fenêtre (backend interactif et écran)."""
    backend = matplotlib.get_backend().lower()
    if backend in _BACKENDS_SANS_ECRAN or "inline" in backend or backend.startswith("module://"):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


class FigureLecon(matplotlib.figure.Figure):
    """Une figure Matplotlib ordinaire qui ne s'affiche qu'une fois par cellule de carnet.

    Dans Jupyter, :func:`terminer_figure` la montre aussitôt (à sa place parmi les
    sorties de la cellule) puis la ferme ; si elle est aussi la valeur de la dernière
    ligne de la cellule (``affichage_evaluation_une_var(modele, -2, 3)`` comme dans le
    livre), IPython ne la redessine pas. Évaluée dans une autre cellule, elle s'affiche.
    """

    def _ipython_display_(self):
        from IPython import get_ipython
        from IPython.core.pylabtools import print_figure
        from IPython.display import Image, display

        shell = get_ipython()
        cellule = getattr(shell, "execution_count", None)
        if getattr(self, "_montree_dans", None) == cellule:
            return
        self._montree_dans = cellule
        display(Image(data=print_figure(self, "png", bbox_inches="tight")))


def nouvelle_figure(**options) -> matplotlib.figure.Figure:
    """``plt.figure(...)`` pour les fonctions de tracé du paquet (voir :class:`FigureLecon`)."""
    return plt.figure(FigureClass=FigureLecon, **options)


def sous_figures(*args, **options):
    """``plt.subplots(...)`` pour les fonctions de tracé du paquet : renvoie ``(fig, axes)``."""
    return plt.subplots(*args, FigureClass=FigureLecon, **options)


def enregistrer_figure(fig, chemin, dpi: int = 100) -> Path:
    """Écrit ``fig`` dans ``chemin`` (format d'après l'extension, PNG par défaut) sans jamais
    laisser de fichier à moitié écrit : fichier temporaire dans le même dossier, puis renommage.

    >>> import tempfile, pathlib
    >>> fig, ax = sous_figures()
    >>> _ = ax.plot([0, 1], [1, 0])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     chemin = enregistrer_figure(fig, pathlib.Path(d) / "droite.png")
    ...     (chemin.name, chemin.stat().st_size > 1000, sorted(p.name for p in chemin.parent.iterdir()))
    ('droite.png', True, ['droite.png'])
    >>> plt.close(fig)
    """
    chemin = Path(chemin)
    if chemin.is_dir():
        raise IsADirectoryError(f"fichier={str(chemin)!r} est un dossier : donnez un nom de fichier (par ex. figure.png)")
    if chemin.suffix == "":
        chemin = chemin.with_suffix(".png")
    with ecriture_atomique(chemin) as temporaire:
        fig.savefig(temporaire, dpi=dpi, format=chemin.suffix.lstrip(".").lower())
    return chemin


def _annoncer_a_la_fin():
    global _message_prevu
    if _message_prevu or os.environ.get("PYTEST_CURRENT_TEST"):
        return
    _message_prevu = True

    def message():
        if _non_montrees:
            print(f"keras_facile : {_non_montrees} figure(s) non affichée(s) (pas d'écran). Pour les garder : "
                  "fichier='figure.png' dans l'appel, ou fig.savefig(...) sur la figure renvoyée.",
                  file=sys.stderr)

    atexit.register(message)


def terminer_figure(fig, fichier=None, afficher=None):
    """La fin commune de toutes les fonctions de tracé : enregistre ``fig`` dans ``fichier``
    (si donné), puis la confie à qui doit la montrer. Renvoie ``fig``.

    ``afficher`` : ``None`` (défaut) décide selon l'endroit (voir le module) ; ``True``
    force ``plt.show()`` ; ``False`` ne montre rien.
    """
    global _non_montrees
    if not all(getattr(ax, "name", "") == "3d" for ax in fig.axes):
        fig.tight_layout()        # (lent et sans effet pour des axes 3-D)
    if fichier is not None:
        enregistrer_figure(fig, fichier)
    if afficher is True:
        plt.show()
    elif afficher is None:
        if _lecon_en_cours:
            pass          # le coureur l'enregistre, la montre ou la compte en fin de section
        elif dans_un_carnet():
            from IPython.display import display

            display(fig)     # une fois, ici ; fermée pour que le backend ne la redessine pas
            plt.close(fig)
        elif ecran_disponible():
            plt.show()
        elif fichier is None:
            _non_montrees += 1
            _annoncer_a_la_fin()
    return fig
