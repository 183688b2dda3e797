"""Les leçons : un script de chapitre se lit comme le chapitre du livre, et devient un carnet.

Un chapitre (``chapters/chNN_nom.py``) est un script Python au format « percent »
de jupytext : des cellules de texte (``# %% [markdown]``, chaque ligne en
commentaire) et des cellules de code (``# %%``). Le même fichier :

- se lance en script : ``keras-facile lance 6 --rapide`` ou ``python ch06_….py`` ;
  le coureur (:mod:`keras_facile.coureur`) exécute les cellules dans l'ordre, ou
  seulement celles des sections demandées (``--section NOM``) et du préambule ;
- devient un carnet Jupyter : ``keras-facile carnet 6`` (voir :mod:`keras_facile.carnet`).

La première cellule de code règle la leçon ::

    from keras_facile import *
    from keras_facile.lecon import demarrer_lecon

    lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

puis chaque section commence par ``lecon.section("nom", duree="1 s")`` (la graine
est remise à zéro : une section seule donne les mêmes nombres que le chapitre
entier), nomme ses tailles une fois (``EPOQUES = lecon.taille(40, rapide=2)``),
compare ce qu'elle mesure au livre sur une ligne au même format
(``lecon.comparer("F(3)", sortie, livre=2)``) et confie ses figures à la leçon
(``lecon.figure(fig, "ch06-reseau")``).

>>> lecon = Lecon(rapide=True)
>>> lecon.taille(40, rapide=2)
2
>>> lecon.comparer("F(3)", 2.0, livre=2)
  ✓ F(3)                                 mesuré : 2               livre : 2
>>> lecon.comparer("σ(3)", 0.9525741, livre="0.952")     # le livre tronque : accepté
  ✓ σ(3)                                 mesuré : 0.952574        livre : 0.952
>>> lecon.comparer("E(P₁)", 0.3, livre=0.2935)
  ✗ E(P₁)                                mesuré : 0.3             livre : 0.2935
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .catalogue import chemin_chapitre
from .seance import Lecon, Options, _fixer_graine

__all__ = [
    "demarrer_lecon",
    "Lecon",
    "Options",
    "executer_chapitre",
]


def demarrer_lecon(rapide: bool = False, graine: int = 0, figures=None) -> Lecon:
    """La cellule de réglages d'une leçon : renvoie l'objet ``lecon``.

    - Dans un carnet (ou un module importé) : une leçon avec ces réglages.
    - Lancé par ``keras-facile lance`` : la leçon du coureur ; les options de la ligne
      de commande (``--rapide``, ``--graine``, ``--figures``) l'emportent sur ces valeurs.
    - Script lancé par ``python chNN_….py [options]`` : passe la main au coureur, qui
      exécute le fichier cellule par cellule avec ces options, puis termine le programme.
    """
    from . import coureur

    if coureur.actif is not None:
        return coureur.actif.demarrer(rapide=rapide, graine=graine, figures=figures)
    appelant = sys._getframe(1).f_globals
    fichier = appelant.get("__file__")
    if appelant.get("__name__") == "__main__" and fichier and str(fichier).endswith(".py"):
        from .figures import dans_un_carnet

        if not dans_un_carnet():
            coureur.lancer_fichier(Path(fichier), sys.argv[1:], prog=Path(fichier).name)
            raise SystemExit(0)
    lecon = Lecon(rapide=rapide, graine=graine, figures=figures)
    _fixer_graine(lecon.graine)
    return lecon


def executer_chapitre(chapitre: int | str | Path, argv: list[str] | None = None) -> dict[str, Any]:
    """Lance un chapitre (numéro ou chemin) avec les arguments ``argv`` (comme
    ``keras-facile lance``) ; renvoie ``{section: {étiquette ou variable: valeur}}``."""
    from . import coureur

    chemin = chemin_chapitre(chapitre)
    return coureur.lancer_fichier(chemin, argv, prog=f"keras-facile lance {chemin.stem}")
