"""La séance : l'objet ``lecon`` qu'un chapitre reçoit de :func:`keras_facile.lecon.demarrer_lecon`.

Il porte les réglages (``rapide``, ``graine``, ``figures``) et les outils des cellules :
``section`` (remet la graine), ``taille`` (une taille nommée, courte en ``--rapide``),
``comparer`` (mesuré contre le livre, une ligne au même format) et ``figure``. Le
coureur (:mod:`keras_facile.coureur`) le crée avec les options de la ligne de commande ;
ce module n'importe ni le coureur ni les chapitres.
"""

from __future__ import annotations

import numbers
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .comparaison import accord, decimales_du_livre, texte_valeur

__all__ = ["Lecon", "Options", "GRAINE_MAX"]

_NOM_SECTION = re.compile(r"[a-z0-9][a-z0-9_-]*")
_NOM_FIGURE = re.compile(r"[\w.-]+")
#: la plus grande graine que numpy et Keras acceptent
GRAINE_MAX = 2**32 - 1



# ----------------------------------------------------------------------------
# Options d'exécution
# ----------------------------------------------------------------------------

@dataclass
class Options:
    """Ce que la ligne de commande impose (``None`` : la valeur de la cellule de réglages)."""

    rapide: bool | None = None
    figures: Path | None = None
    graine: int | None = None
    sections: list[str] = field(default_factory=list)


def _fixer_graine(graine: int):
    import random

    import numpy as np

    random.seed(graine)
    np.random.seed(graine)
    if "keras" in sys.modules:
        import keras

        keras.utils.set_random_seed(graine)


# ----------------------------------------------------------------------------
# La leçon (ce que les cellules utilisent)
# ----------------------------------------------------------------------------

class Lecon:
    """Les réglages et les outils d'une leçon : sections, tailles, comparaisons, figures.

    On l'obtient par :func:`demarrer_lecon` dans la cellule de réglages. En script,
    c'est le coureur qui la crée avec les options de la ligne de commande.
    """

    def __init__(self, rapide: bool = False, graine: int = 0, figures=None, *, _coureur=None):
        if not isinstance(rapide, bool):
            raise TypeError(f"rapide doit valoir True ou False, reçu {rapide!r}")
        if isinstance(graine, bool) or not isinstance(graine, numbers.Integral) or not 0 <= graine <= GRAINE_MAX:
            raise ValueError(f"graine doit être un entier entre 0 et {GRAINE_MAX}, reçu {graine!r}")
        self.rapide = rapide
        self.graine = int(graine)
        self.figures = Path(figures) if figures is not None else None
        if self.figures is not None and self.figures.exists() and not self.figures.is_dir():
            raise ValueError(f"figures={str(self.figures)!r} : ce chemin existe et n'est pas un dossier")
        self.resultats: dict[str, dict[str, Any]] = {}
        self.section_courante: str | None = None
        self.figures_enregistrees: list[Path] = []
        self.accords = 0
        self.desaccords = 0
        self._coureur = _coureur

    @property
    def verbeux(self) -> int:
        """Valeur de ``verbose`` pour ``fit`` : une ligne par époque, rien en mode rapide."""
        return 0 if self.rapide else 2

    # -- sections -----------------------------------------------------------
    def section(self, nom: str, duree: str | None = None):
        """Début d'une section : remet la graine, affiche son titre (et, en script, mesure
        sa durée). ``duree`` est la durée mesurée, montrée par ``--help``."""
        if not isinstance(nom, str) or not _NOM_SECTION.fullmatch(nom):
            raise ValueError(f"nom de section invalide : {nom!r} (minuscules, chiffres, - et _)")
        if self._coureur is not None:
            self._coureur.debut_section(nom)
        else:
            print(f"\n--- {nom} ---")
        self.section_courante = nom
        self.resultats.setdefault(nom, {})
        _fixer_graine(self.graine)

    def taille(self, complet, rapide):
        """La taille de la version complète, ou celle de ``--rapide`` : ``lecon.taille(40, rapide=2)``."""
        return rapide if self.rapide else complet

    # -- mesures -------------------------------------------------------------
    def _ranger(self, etiquette: str, valeur):
        self.resultats.setdefault(self.section_courante or "preambule", {})[etiquette] = valeur

    def comparer(self, etiquette: str, mesure, livre=None, *, tol: float | None = None, note: str | None = None):
        """Affiche « mesuré / livre » sur une ligne au format commun, et garde la mesure.

        ``livre`` : la valeur imprimée dans le livre (nombre, ou texte tel qu'imprimé :
        ``"0.952"``). Accord (✓) si la mesure arrondie *ou tronquée* aux décimales du
        livre lui est égale, ou si l'écart est au plus ``tol`` ; sinon ✗. Sans ``livre``,
        la ligne donne la mesure seule (·). Ne renvoie rien (rien à réafficher dans un carnet).
        """
        if not isinstance(etiquette, str) or not etiquette.strip():
            raise ValueError(f"etiquette doit être un texte non vide, reçu {etiquette!r}")
        if tol is not None and (isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not tol >= 0):
            raise ValueError(f"tol doit être un nombre positif, reçu {tol!r}")
        self._ranger(etiquette, mesure)
        suite = f"   ({note})" if note else ""
        if livre is None:
            print(f"  · {etiquette:<36} mesuré : {texte_valeur(mesure)}{suite}")
            return None
        ok = accord(mesure, livre, tol)
        if ok:
            self.accords += 1
        else:
            self.desaccords += 1
        if isinstance(livre, str):
            texte_livre = livre
        elif isinstance(livre, (list, tuple)) and livre and all(isinstance(x, str) for x in livre):
            texte_livre = "[" + ", ".join(livre) + "]"         # tel qu'imprimé dans le livre
        else:
            texte_livre = texte_valeur(livre)
        ecart = f" ± {tol:g}" if tol is not None else ""
        texte_mesure = texte_valeur(mesure)
        d = decimales_du_livre(livre)
        if d is not None and d > 4 and isinstance(mesure, numbers.Real) and not isinstance(mesure, bool):
            texte_mesure = f"{float(mesure):.{d + 2}f}"     # assez de chiffres pour voir l'accord
        print(f"  {'✓' if ok else '✗'} {etiquette:<36} mesuré : {texte_mesure:<15} livre : {texte_livre}{ecart}{suite}")
        return None

    # -- figures -------------------------------------------------------------
    def figure(self, fig=None, nom: str = "figure"):
        """Confie la figure ``fig`` à la leçon sous le nom ``nom``.

        En script : enregistrée en PNG avec ``--figures DOSSIER``, montrée à la fin de la
        section s'il y a un écran, comptée sinon. Dans un carnet : montrée une fois, en
        ligne (et enregistrée si ``figures`` est réglé). Ne renvoie rien.
        """
        import matplotlib.pyplot as plt

        if fig is None:
            fig = plt.gcf()
        elif not hasattr(fig, "savefig") and hasattr(fig, "figure"):
            fig = fig.figure
        if not hasattr(fig, "savefig"):
            raise TypeError(f"fig doit être une figure Matplotlib (ou des axes), reçu {type(fig).__name__}")
        if not isinstance(nom, str) or not _NOM_FIGURE.fullmatch(nom):
            raise ValueError(f"nom de figure invalide : {nom!r} (lettres, chiffres, - _ .)")
        if self._coureur is not None:
            self._coureur.figure(fig, nom)
            return None
        if self.figures is not None:
            from .figures import enregistrer_figure

            self.figures_enregistrees.append(enregistrer_figure(fig, self.figures / f"{nom}.png"))
        return None


