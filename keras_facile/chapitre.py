"""Ce que partagent tous les scripts de chapitre : ligne de commande, graine,
mode rapide, enregistrement des figures.

Un script de chapitre se lit comme le chapitre du livre ; il ne contient que la
leçon. Le « coureur » :class:`Chapitre` s'occupe du reste ::

    from keras_facile import *
    from keras_facile.chapitre import Chapitre

    chapitre = Chapitre(__doc__)

    @chapitre.section("un-neurone", duree="1 s")
    def un_neurone(options):
        \"\"\"§1 — un réseau 1 → 2 → 1 défini à la main ; F(3) = 2.\"\"\"
        ...
        chapitre.figure(fig, "reseau-1var")
        return {"F(3)": valeur}

    if __name__ == "__main__":
        chapitre.lancer()

Options communes (en français, ``--help``) : ``--figures DOSSIER`` (enregistre
chaque figure en PNG, n'affiche rien), ``--rapide`` (version courte),
``--graine N``, ``--section NOM`` (répétable), ``--liste``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

__all__ = [
    "Chapitre",
    "chapitre_en_cours",
    "Options",
    "ParseurFrancais",
    "dossier_chapitres",
    "trouver_chapitres",
    "charger_chapitre",
    "executer_chapitre",
]


# ----------------------------------------------------------------------------
# argparse en français
# ----------------------------------------------------------------------------

_TRADUCTIONS = [
    (r"^unrecognized arguments: (.*)$", r"option(s) inconnue(s) : \1"),
    (r"^the following arguments are required: (.*)$", r"argument(s) obligatoire(s) manquant(s) : \1"),
    (r"^argument (\S+): expected one argument$", r"l'option \1 attend une valeur"),
    (r"^argument (\S+): invalid int value: (.*)$", r"l'option \1 attend un entier, reçu \2"),
    (r"^argument (\S+): invalid float value: (.*)$", r"l'option \1 attend un nombre, reçu \2"),
    (r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$",
     r"l'option \1 : choix invalide \2 (choix possibles : \3)"),
    (r"^argument (\S+): ignored explicit argument (.*)$", r"l'option \1 ne prend pas de valeur (reçu \2)"),
    (r"^ambiguous option: (.*)$", r"option ambiguë : \1"),
    (r"^invalid choice: (.*?) \(choose from (.*)\)$", r"choix invalide : \1 (choix possibles : \2)"),
]


def _traduire(message: str) -> str:
    for motif, remplacement in _TRADUCTIONS:
        if re.match(motif, message):
            return re.sub(motif, remplacement, message)
    return message


class _FormateurFrancais(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="utilisation : ")


class ParseurFrancais(argparse.ArgumentParser):
    """Un :class:`argparse.ArgumentParser` dont l'aide et les erreurs sont en français."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _FormateurFrancais)
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="afficher cette aide et quitter")

    def error(self, message):  # pragma: no cover - le texte est testé via SystemExit
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {_traduire(message)}\n")


_CHAPITRE_EN_COURS = False


def chapitre_en_cours() -> bool:
    """Vrai pendant l'exécution d'un chapitre : les fonctions ``affichage_*``
    n'appellent alors pas ``plt.show()`` (le coureur gère l'affichage)."""
    return _CHAPITRE_EN_COURS


# ----------------------------------------------------------------------------
# Options et sections
# ----------------------------------------------------------------------------

@dataclass
class Options:
    """Options d'exécution transmises à chaque section."""

    rapide: bool = False
    figures: Path | None = None
    graine: int = 0
    sections: list[str] = field(default_factory=list)

    def choisir(self, normal, rapide):
        """Renvoie ``rapide`` en mode ``--rapide`` et ``normal`` sinon."""
        return rapide if self.rapide else normal

    @property
    def verbeux(self) -> int:
        """Valeur de ``verbose`` pour ``fit`` : une ligne par époque, rien en mode rapide."""
        return 0 if self.rapide else 2


@dataclass
class _Section:
    nom: str
    fonction: Callable[[Options], Any]
    duree: str | None = None

    @property
    def resume(self) -> str:
        doc = (self.fonction.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


def _ecran_disponible() -> bool:
    import matplotlib

    backend = matplotlib.get_backend().lower()
    if backend in ("agg", "pdf", "svg", "ps", "cairo", "template") or "inline" in backend:
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


class Chapitre:
    """Le coureur d'un script de chapitre.

    Parameters
    ----------
    doc : str
        La docstring du script (``__doc__``) : sa première ligne est le titre,
        le reste la description affichée par ``--help``.
    """

    def __init__(self, doc: str | None, nom: str | None = None):
        doc = (doc or "").strip()
        lignes = doc.splitlines()
        self.titre = lignes[0].strip() if lignes else (nom or "Chapitre")
        self.description = "\n".join(lignes[1:]).strip()
        self.nom = nom
        self._sections: dict[str, _Section] = {}
        self.options = Options()
        self.figures_enregistrees: list[Path] = []
        self._figures_a_montrer = False

    # -- déclaration --------------------------------------------------------
    def section(self, nom: str, duree: str | None = None):
        """Décorateur : déclare une section (dans l'ordre du livre).

        ``duree`` est la durée mesurée sur un processeur de portable, affichée
        par ``--help`` (par exemple ``"2 min (rapide : 5 s)"``).
        """
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", nom):
            raise ValueError(f"nom de section invalide : {nom!r} (minuscules, chiffres, - et _)")
        if nom in self._sections:
            raise ValueError(f"la section {nom!r} est déclarée deux fois")

        def decorer(fonction):
            self._sections[nom] = _Section(nom, fonction, duree)
            return fonction

        return decorer

    @property
    def sections(self) -> list[str]:
        return list(self._sections)

    # -- figures ------------------------------------------------------------
    def figure(self, fig=None, nom: str = "figure"):
        """Enregistre (``--figures``) ou garde pour affichage la figure ``fig``.

        ``fig`` peut être une figure Matplotlib, des axes, ou ``None`` (figure
        courante). Renvoie le chemin du PNG écrit, ou ``None``.
        """
        import matplotlib.pyplot as plt

        if fig is None:
            fig = plt.gcf()
        elif not hasattr(fig, "savefig") and hasattr(fig, "figure"):
            fig = fig.figure
        if not re.fullmatch(r"[\w.-]+", nom):
            raise ValueError(f"nom de figure invalide : {nom!r}")
        dossier = self.options.figures
        if dossier is not None:
            dossier.mkdir(parents=True, exist_ok=True)
            chemin = dossier / f"{nom}.png"
            temporaire = dossier / f".{nom}.png.partiel"
            fig.savefig(temporaire, dpi=100, format="png")
            os.replace(temporaire, chemin)
            self.figures_enregistrees.append(chemin)
            plt.close(fig)
            print(f"  [figure] {chemin}")
            return chemin
        if _ecran_disponible():
            self._figures_a_montrer = True
        else:
            plt.close(fig)
        return None

    def _montrer(self):
        import matplotlib.pyplot as plt

        if self._figures_a_montrer:
            plt.show()
            self._figures_a_montrer = False
        plt.close("all")

    # -- ligne de commande --------------------------------------------------
    def parseur(self, prog: str | None = None) -> ParseurFrancais:
        lignes = []
        for s in self._sections.values():
            duree = f" [{s.duree}]" if s.duree else ""
            lignes.append(f"  {s.nom:<24} {s.resume}{duree}")
        epilogue = "sections (dans l'ordre du livre) :\n" + "\n".join(lignes) if lignes else None
        description = self.titre + ("\n\n" + self.description if self.description else "")
        p = ParseurFrancais(prog=prog, description=description, epilog=epilogue)
        p.add_argument("--figures", metavar="DOSSIER", type=Path,
                       help="enregistrer chaque figure en PNG dans DOSSIER (rien n'est affiché)")
        p.add_argument("--rapide", action="store_true",
                       help="version courte (peu d'époques, petits sous-ensembles) pour vérifier")
        p.add_argument("--graine", metavar="N", type=int, default=0,
                       help="graine aléatoire (défaut : 0)")
        p.add_argument("--section", metavar="NOM", action="append", default=[],
                       help="ne lancer que cette section (répétable) ; voir --liste")
        p.add_argument("--liste", action="store_true", help="lister les sections et quitter")
        return p

    def lancer(self, argv: list[str] | None = None, prog: str | None = None) -> dict[str, Any]:
        """Analyse la ligne de commande puis exécute les sections demandées.

        Renvoie le dictionnaire ``{section: valeur renvoyée}``.
        """
        parseur = self.parseur(prog)
        args = parseur.parse_args(argv)
        if args.liste:
            for s in self._sections.values():
                duree = f" [{s.duree}]" if s.duree else ""
                print(f"{s.nom:<24} {s.resume}{duree}")
            return {}
        inconnues = [s for s in args.section if s not in self._sections]
        if inconnues:
            parseur.error(
                f"section inconnue : {', '.join(inconnues)} "
                f"(sections possibles : {', '.join(self._sections)})"
            )
        if args.figures is not None and args.figures.exists() and not args.figures.is_dir():
            parseur.error(f"--figures {args.figures} : ce chemin existe et n'est pas un dossier")
        if args.graine < 0:
            parseur.error(f"--graine attend un entier positif ou nul, reçu {args.graine}")
        options = Options(rapide=args.rapide, figures=args.figures, graine=args.graine,
                          sections=args.section)
        return self.executer(options)

    def executer(self, options: Options) -> dict[str, Any]:
        """Exécute les sections avec des options déjà construites."""
        import matplotlib.pyplot as plt

        self.options = options
        if options.figures is not None:
            plt.switch_backend("Agg")
        a_lancer = [s for s in self._sections if s in options.sections] or list(self._sections)
        print(f"=== {self.titre} ===" + ("  (mode rapide)" if options.rapide else ""))
        resultats: dict[str, Any] = {}
        debut_total = time.perf_counter()
        global _CHAPITRE_EN_COURS
        _CHAPITRE_EN_COURS = True
        try:
            for nom in a_lancer:
                section = self._sections[nom]
                _fixer_graine(options.graine)
                print(f"\n--- {nom} : {section.resume} ---")
                debut = time.perf_counter()
                resultats[nom] = section.fonction(options)
                print(f"(section {nom} : {time.perf_counter() - debut:.1f} s)")
                self._montrer()
        finally:
            _CHAPITRE_EN_COURS = False
        print(f"\n=== fin : {len(a_lancer)} section(s) en {time.perf_counter() - debut_total:.1f} s ===")
        return resultats


def _fixer_graine(graine: int):
    import random

    import numpy as np

    random.seed(graine)
    np.random.seed(graine)
    if "keras" in sys.modules:
        import keras

        keras.utils.set_random_seed(graine)


# ----------------------------------------------------------------------------
# Découverte des chapitres
# ----------------------------------------------------------------------------

_MOTIF_CHAPITRE = re.compile(r"^ch(\d{2})_(\w+)\.py$")


def dossier_chapitres() -> Path:
    """Le dossier ``chapters/`` : variable ``KERAS_FACILE_CHAPITRES``, sinon
    celui du dépôt (à côté du paquet), sinon ``./chapters``."""
    env = os.environ.get("KERAS_FACILE_CHAPITRES")
    candidats = [Path(env)] if env else []
    candidats += [Path(__file__).resolve().parent.parent / "chapters", Path.cwd() / "chapters"]
    for c in candidats:
        if c.is_dir():
            return c
    raise FileNotFoundError(
        "dossier des chapitres introuvable ; cherché dans : "
        + ", ".join(str(c) for c in candidats)
        + ". Lancez la commande depuis le dépôt keras_facile ou définissez KERAS_FACILE_CHAPITRES."
    )


def trouver_chapitres() -> dict[int, Path]:
    """``{numéro: chemin}`` des scripts ``chNN_nom.py``, triés par numéro."""
    chapitres = {}
    for chemin in sorted(dossier_chapitres().glob("ch*.py")):
        m = _MOTIF_CHAPITRE.match(chemin.name)
        if m:
            chapitres[int(m.group(1))] = chemin
    return dict(sorted(chapitres.items()))


def resume_chapitre(chemin: Path) -> str:
    """Première ligne de la docstring du script, lue sans l'importer."""
    import ast

    doc = ast.get_docstring(ast.parse(chemin.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else chemin.stem


def _chemin_chapitre(chapitre: int | str | Path) -> Path:
    if isinstance(chapitre, Path) or (isinstance(chapitre, str) and chapitre.endswith(".py")):
        chemin = Path(chapitre)
        if not chemin.is_file():
            raise FileNotFoundError(f"script de chapitre introuvable : {chemin}")
        return chemin
    try:
        numero = int(chapitre)
    except (TypeError, ValueError):
        raise ValueError(f"numéro de chapitre invalide : {chapitre!r} (attendu un entier, par ex. 6)") from None
    chapitres = trouver_chapitres()
    if numero not in chapitres:
        raise ValueError(
            f"chapitre {numero} inconnu ; chapitres disponibles : "
            + ", ".join(str(n) for n in chapitres)
        )
    return chapitres[numero]


def charger_chapitre(chapitre: int | str | Path) -> Chapitre:
    """Importe un script de chapitre (sans l'exécuter) et renvoie son :class:`Chapitre`."""
    chemin = _chemin_chapitre(chapitre)
    nom_module = f"keras_facile_chapitre_{chemin.stem}"
    spec = importlib.util.spec_from_file_location(nom_module, chemin)
    module = importlib.util.module_from_spec(spec)
    sys.modules[nom_module] = module
    spec.loader.exec_module(module)
    objet = getattr(module, "chapitre", None)
    if not isinstance(objet, Chapitre):
        raise ValueError(f"{chemin} ne définit pas d'objet `chapitre = Chapitre(__doc__)`")
    if objet.nom is None:
        objet.nom = chemin.stem
    return objet


def executer_chapitre(chapitre: int | str | Path, argv: list[str] | None = None) -> dict[str, Any]:
    """Charge puis lance un chapitre avec les arguments ``argv`` (liste de chaînes)."""
    objet = charger_chapitre(chapitre)
    return objet.lancer(list(argv or []), prog=f"keras-facile lance {objet.nom}")
