"""Les leçons : un script de chapitre se lit comme le chapitre du livre, et devient un carnet.

Un chapitre (``chapters/chNN_nom.py``) est un script Python au format « percent »
de jupytext : des cellules de texte (``# %% [markdown]``, chaque ligne en
commentaire) et des cellules de code (``# %%``). Le même fichier :

- se lance en script : ``keras-facile lance 6 --rapide`` ou ``python ch06_….py`` ;
  le coureur exécute les cellules dans l'ordre, ou seulement celles des sections
  demandées (``--section NOM``) et du préambule ;
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

import ast
import builtins
import math
import numbers
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .parseur import ParseurFrancais

__all__ = [
    "demarrer_lecon",
    "Lecon",
    "Options",
    "LeconFichier",
    "dossier_chapitres",
    "trouver_chapitres",
    "resume_chapitre",
    "chemin_chapitre",
    "executer_chapitre",
    "lancer_fichier",
]

_NOM_SECTION = re.compile(r"[a-z0-9][a-z0-9_-]*")
_NOM_FIGURE = re.compile(r"[\w.-]+")

#: le coureur en train d'exécuter une leçon (script), ou None
_coureur_actif: "_Coureur | None" = None


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
# Comparer au livre
# ----------------------------------------------------------------------------

def _decimales(texte: str) -> int | None:
    """Nombre de décimales d'un nombre écrit (``"0.952"`` → 3), None si écriture scientifique."""
    texte = texte.strip()
    if "e" in texte.lower() or "inf" in texte.lower() or "nan" in texte.lower():
        return None
    return len(texte.split(".")[1]) if "." in texte else 0


def _scalaire(v) -> bool:
    return isinstance(v, numbers.Number) and not isinstance(v, bool) or (
        hasattr(v, "shape") and getattr(v, "shape", None) == () and not isinstance(getattr(v, "dtype", None), str))


def _accord_scalaire(mesure, livre, tol) -> bool:
    m = float(mesure)
    if isinstance(livre, str):
        texte, l = livre, float(livre.replace(" ", "").replace(",", "."))
    else:
        l = float(livre)
        texte = repr(livre) if isinstance(livre, float) else str(livre)
    if not (math.isfinite(m) and math.isfinite(l)):
        return m == l or (math.isnan(m) and math.isnan(l))
    if tol is not None:
        return abs(m - l) <= tol
    d = _decimales(texte)
    if d is None:  # écriture scientifique : 3 chiffres significatifs
        return abs(m - l) <= 5e-3 * abs(l)
    if isinstance(livre, numbers.Integral) or d == 0 and not isinstance(livre, float):
        return abs(m - l) <= 1e-6 * max(1.0, abs(l))
    unite = 10.0 ** -d
    arrondi = abs(m - l) <= unite / 2 * (1 + 1e-9)
    tronque = abs(math.trunc(m / unite) * unite - l) <= unite * 1e-6
    return arrondi or tronque


def _accord(mesure, livre, tol) -> bool:
    import numpy as np

    if isinstance(livre, str) and not re.fullmatch(r"\s*[-+]?[\d ]*[.,]?\d*(e[-+]?\d+)?\s*", livre, re.I):
        return str(mesure) == livre
    if _scalaire(livre) or isinstance(livre, str):
        if not _scalaire(mesure) and not isinstance(mesure, str):
            return False
        try:
            return _accord_scalaire(mesure, livre, tol)
        except (TypeError, ValueError):
            return False
    if isinstance(livre, (list, tuple)) or hasattr(livre, "shape"):
        try:
            m = np.asarray(mesure, dtype=float)
            l_plat = list(np.asarray(livre, dtype=object).ravel())
        except (TypeError, ValueError):
            return mesure == livre
        if m.size != len(l_plat) or np.shape(mesure) != np.shape(np.asarray(livre, dtype=object)):
            return False
        return all(_accord_scalaire(a, b, tol) for a, b in zip(m.ravel(), l_plat))
    return mesure == livre


def _texte(v) -> str:
    import numpy as np

    if isinstance(v, bool) or v is None:
        return str(v)
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, (list, tuple)) and all(isinstance(x, numbers.Integral) and not isinstance(x, bool) for x in v):
        return str(tuple(int(x) for x in v)) if isinstance(v, tuple) else str([int(x) for x in v])
    if _scalaire(v):
        return f"{float(v):.6g}"
    if isinstance(v, (list, tuple)) or hasattr(v, "shape"):
        try:
            tableau = np.asarray(v, dtype=float)
            return np.array2string(tableau, precision=6, separator=", ", max_line_width=200, threshold=12)
        except (TypeError, ValueError):
            pass
    return str(v)


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
        if isinstance(graine, bool) or not isinstance(graine, numbers.Integral) or graine < 0:
            raise ValueError(f"graine doit être un entier positif ou nul, reçu {graine!r}")
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
            titre = ""
            print(f"\n--- {nom}{titre} ---")
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
            print(f"  · {etiquette:<36} mesuré : {_texte(mesure)}{suite}")
            return None
        ok = _accord(mesure, livre, tol)
        if ok:
            self.accords += 1
        else:
            self.desaccords += 1
        texte_livre = livre if isinstance(livre, str) else _texte(livre)
        ecart = f" ± {tol:g}" if tol is not None else ""
        print(f"  {'✓' if ok else '✗'} {etiquette:<36} mesuré : {_texte(mesure):<15} livre : {texte_livre}{ecart}{suite}")
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


def demarrer_lecon(rapide: bool = False, graine: int = 0, figures=None) -> Lecon:
    """La cellule de réglages d'une leçon : renvoie l'objet ``lecon``.

    - Dans un carnet (ou un module importé) : une leçon avec ces réglages.
    - Lancé par ``keras-facile lance`` : la leçon du coureur ; les options de la ligne
      de commande (``--rapide``, ``--graine``, ``--figures``) l'emportent sur ces valeurs.
    - Script lancé par ``python chNN_….py [options]`` : passe la main au coureur, qui
      exécute le fichier cellule par cellule avec ces options, puis termine le programme.
    """
    if _coureur_actif is not None:
        return _coureur_actif.demarrer(rapide=rapide, graine=graine, figures=figures)
    appelant = sys._getframe(1).f_globals
    fichier = appelant.get("__file__")
    if appelant.get("__name__") == "__main__" and fichier and str(fichier).endswith(".py"):
        from .figures import dans_un_carnet

        if not dans_un_carnet():
            lancer_fichier(Path(fichier), sys.argv[1:], prog=Path(fichier).name)
            raise SystemExit(0)
    lecon = Lecon(rapide=rapide, graine=graine, figures=figures)
    _fixer_graine(lecon.graine)
    return lecon


# ----------------------------------------------------------------------------
# Lecture d'un fichier de leçon (jupytext)
# ----------------------------------------------------------------------------

@dataclass
class _Cellule:
    type: str            # "markdown" ou "code"
    source: str
    ligne: int           # numéro (0-based) de la première ligne de la source dans le fichier
    section: str | None  # section à laquelle la cellule appartient (None : préambule)


@dataclass
class _InfoSection:
    nom: str
    titre: str
    duree: str | None


def _appel_section(source: str) -> tuple[str, str | None] | None:
    """``("nom", duree)`` si la première instruction est ``lecon.section("nom", duree=…)``."""
    try:
        arbre = ast.parse(source)
    except SyntaxError:
        return None
    if not arbre.body or not isinstance(arbre.body[0], ast.Expr):
        return None
    appel = arbre.body[0].value
    if not (isinstance(appel, ast.Call) and isinstance(appel.func, ast.Attribute) and appel.func.attr == "section"
            and isinstance(appel.func.value, ast.Name) and appel.func.value.id == "lecon"):
        return None
    try:
        nom = ast.literal_eval(appel.args[0]) if appel.args else None
        duree = None
        for mot in appel.keywords:
            if mot.arg == "duree":
                duree = ast.literal_eval(mot.value)
        if duree is None and len(appel.args) > 1:
            duree = ast.literal_eval(appel.args[1])
    except ValueError:
        return None
    return (nom, duree) if isinstance(nom, str) else None


class LeconFichier:
    """Un script de leçon lu avec jupytext : titre, description, sections, cellules."""

    def __init__(self, chemin):
        import jupytext

        self.chemin = Path(chemin)
        try:
            texte = self.chemin.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise FileNotFoundError(f"script de leçon introuvable : {self.chemin}") from None
        carnet = jupytext.reads(texte, fmt="py:percent")
        lignes = texte.splitlines()
        entetes = [i for i, l in enumerate(lignes) if l.startswith("# %%")]
        self.cellules: list[_Cellule] = []
        self.sections: dict[str, _InfoSection] = {}
        self.titre = self.chemin.stem
        self.description = ""
        section = None
        titre_en_attente = None
        for k, cellule in enumerate(carnet.cells):
            # la source de la k-ième cellule commence après son en-tête « # %% »
            ligne = entetes[k] + 1 if len(entetes) == len(carnet.cells) else 0
            if cellule.cell_type == "markdown":
                texte_md = cellule.source
                if k == 0 and texte_md.lstrip().startswith("# "):
                    premiere, _, reste = texte_md.strip().partition("\n")
                    self.titre = premiere[2:].strip()
                    self.description = reste.strip()
                for l in texte_md.splitlines():
                    if l.startswith("## "):
                        titre_en_attente = l[3:].strip()
                        break
                self.cellules.append(_Cellule("markdown", texte_md, ligne, section))
                continue
            if cellule.cell_type != "code":
                continue
            appel = _appel_section(cellule.source)
            if appel is not None:
                nom, duree = appel
                if nom in self.sections:
                    raise ValueError(f"{self.chemin.name} : la section {nom!r} est déclarée deux fois")
                if not _NOM_SECTION.fullmatch(nom):
                    raise ValueError(f"{self.chemin.name} : nom de section invalide : {nom!r}")
                self.sections[nom] = _InfoSection(nom, titre_en_attente or nom, duree)
                section = nom
                # le texte qui précède la section (son titre, sa prose) lui appartient
                for precedente in reversed(self.cellules):
                    if precedente.type != "markdown":
                        break
                    precedente.section = nom
            titre_en_attente = None
            self.cellules.append(_Cellule("code", cellule.source, ligne, section))

    def aide_sections(self) -> str:
        lignes = []
        for s in self.sections.values():
            duree = f" [{s.duree}]" if s.duree else ""
            lignes.append(f"  {s.nom:<24} {s.titre}{duree}")
        return "\n".join(lignes)


# ----------------------------------------------------------------------------
# Le coureur (script)
# ----------------------------------------------------------------------------

class _Coureur:
    def __init__(self, fichier: LeconFichier, options: Options):
        self.fichier = fichier
        self.options = options
        self.lecon: Lecon | None = None
        self.section: str | None = None
        self.debut_section_t = 0.0
        self.ecran = False
        self.non_montrees = 0
        self.figures_a_montrer = False
        self.prefixe = fichier.chemin.stem.split("_")[0]

    # appelée par demarrer_lecon() dans la cellule de réglages
    def demarrer(self, rapide, graine, figures) -> Lecon:
        o = self.options
        if self.lecon is None:
            self.lecon = Lecon(
                rapide=bool(o.rapide) if o.rapide is not None else rapide,
                graine=o.graine if o.graine is not None else graine,
                figures=o.figures if o.figures is not None else figures,
                _coureur=self,
            )
            self._regler_affichage()
            en_tete = f"=== {self.fichier.titre} ===" + ("  (mode rapide)" if self.lecon.rapide else "")
            print(en_tete)
            _fixer_graine(self.lecon.graine)
        return self.lecon

    def _regler_affichage(self):
        import matplotlib.pyplot as plt

        from .figures import ecran_disponible

        self.ecran = self.lecon.figures is None and ecran_disponible()
        if not self.ecran:
            plt.switch_backend("Agg")

    # -- sections -------------------------------------------------------------
    def debut_section(self, nom: str):
        self.fin_section()
        info = self.fichier.sections.get(nom)
        titre = f" : {info.titre}" if info and info.titre != nom else ""
        print(f"\n--- {nom}{titre} ---")
        self.section = nom
        self.debut_section_t = time.perf_counter()

    def fin_section(self):
        if self.section is None:
            return
        self._balayer_figures()
        print(f"(section {self.section} : {time.perf_counter() - self.debut_section_t:.1f} s)")
        self.section = None

    # -- figures --------------------------------------------------------------
    def figure(self, fig, nom: str):
        import matplotlib.pyplot as plt

        from .figures import enregistrer_figure

        lecon = self.lecon
        if lecon.figures is not None:
            chemin = enregistrer_figure(fig, lecon.figures / f"{nom}.png")
            lecon.figures_enregistrees.append(chemin)
            print(f"  [figure] {chemin}")
            plt.close(fig)
        elif self.ecran:
            self.figures_a_montrer = True
        else:
            self.non_montrees += 1
            plt.close(fig)

    def recevoir(self, fig):
        """Appelée par les fonctions de tracé du paquet : la figure attend ``lecon.figure``
        ou la fin de la section."""

    def _balayer_figures(self):
        """Les figures encore ouvertes en fin de section (sans ``lecon.figure``)."""
        import matplotlib.pyplot as plt

        restantes = [plt.figure(n) for n in plt.get_fignums()]
        if self.ecran:
            if restantes or self.figures_a_montrer:
                plt.show()
            self.figures_a_montrer = False
        else:
            for k, fig in enumerate(restantes, start=1):
                self.figure(fig, f"{self.prefixe}-{self.section or 'preambule'}-{k}")
        plt.close("all")

    # -- exécution ------------------------------------------------------------
    def executer(self) -> dict[str, Any]:
        global _coureur_actif
        from . import figures as module_figures

        demandees = set(self.options.sections)
        espace = {"__name__": "__lecon__", "__file__": str(self.fichier.chemin), "__builtins__": builtins}
        precedent, destinataire = _coureur_actif, module_figures._destinataire
        _coureur_actif, module_figures._destinataire = self, self
        debut = time.perf_counter()
        section_en_cours, avant = None, {}
        executees = []
        try:
            for cellule in self.fichier.cellules:
                if cellule.type != "code":
                    continue
                if demandees and cellule.section is not None and cellule.section not in demandees:
                    continue
                if cellule.section != section_en_cours:
                    self._noter_variables(section_en_cours, avant, espace)
                    section_en_cours = cellule.section
                    avant = {k: id(v) for k, v in espace.items()}
                    if cellule.section is not None:
                        executees.append(cellule.section)
                code = compile("\n" * cellule.ligne + cellule.source, str(self.fichier.chemin), "exec")
                exec(code, espace)
                if self.lecon is None:
                    raise RuntimeError(
                        f"{self.fichier.chemin.name} : la première cellule de code doit régler la leçon avec "
                        "`lecon = demarrer_lecon(...)`")
            self._noter_variables(section_en_cours, avant, espace)
            self.fin_section()
        finally:
            _coureur_actif, module_figures._destinataire = precedent, destinataire
        lecon = self.lecon
        bilan = f"\n=== fin : {len(executees)} section(s) en {time.perf_counter() - debut:.1f} s"
        if lecon.accords or lecon.desaccords:
            bilan += f" ; comparaisons avec le livre : {lecon.accords} ✓, {lecon.desaccords} ✗"
        print(bilan + " ===")
        if self.non_montrees:
            print(f"{self.non_montrees} figure(s) non affichée(s) (pas d'écran) : relancez avec "
                  "--figures DOSSIER pour les enregistrer en PNG.")
        return {nom: lecon.resultats.get(nom, {}) for nom in executees}

    def _noter_variables(self, section, avant, espace):
        if section is None:
            return
        import types

        nouvelles = {}
        for nom, valeur in espace.items():
            if nom.startswith("_") or isinstance(valeur, types.ModuleType) or valeur is self.lecon:
                continue
            if avant.get(nom) != id(valeur):
                nouvelles[nom] = valeur
        rangement = self.lecon.resultats.setdefault(section, {})
        for nom, valeur in nouvelles.items():
            rangement.setdefault(nom, valeur)


def _parseur(fichier: LeconFichier, prog: str | None) -> ParseurFrancais:
    aide = fichier.aide_sections()
    epilogue = "sections (dans l'ordre du livre) :\n" + aide if aide else None
    description = fichier.titre + ("\n\n" + fichier.description if fichier.description else "")
    p = ParseurFrancais(prog=prog, description=description, epilog=epilogue)
    p.add_argument("--figures", metavar="DOSSIER", type=Path, default=None,
                   help="enregistrer chaque figure en PNG dans DOSSIER (rien n'est affiché)")
    p.add_argument("--rapide", action="store_true", default=None,
                   help="version courte (peu d'époques, petits sous-ensembles) pour vérifier")
    p.add_argument("--graine", metavar="N", type=int, default=None, help="graine aléatoire (défaut : 0)")
    p.add_argument("--section", metavar="NOM", action="append", default=[],
                   help="ne lancer que cette section (répétable) ; voir --liste")
    p.add_argument("--liste", action="store_true", help="lister les sections et quitter")
    return p


def lancer_fichier(chemin, argv: list[str] | None = None, prog: str | None = None) -> dict[str, Any]:
    """Lance le script de leçon ``chemin`` avec les arguments ``argv`` ; renvoie
    ``{section: {étiquette ou variable: valeur}}``."""
    fichier = LeconFichier(chemin)
    parseur = _parseur(fichier, prog)
    args = parseur.parse_args(list(argv or []))
    if args.liste:
        print(fichier.aide_sections())
        return {}
    inconnues = [s for s in args.section if s not in fichier.sections]
    if inconnues:
        parseur.error(f"section inconnue : {', '.join(inconnues)} "
                      f"(sections possibles : {', '.join(fichier.sections)})")
    if args.figures is not None and args.figures.exists() and not args.figures.is_dir():
        parseur.error(f"--figures {args.figures} : ce chemin existe et n'est pas un dossier")
    if args.graine is not None and args.graine < 0:
        parseur.error(f"--graine attend un entier positif ou nul, reçu {args.graine}")
    options = Options(rapide=args.rapide, figures=args.figures, graine=args.graine, sections=args.section)
    return _Coureur(fichier, options).executer()


# ----------------------------------------------------------------------------
# Les chapitres livrés
# ----------------------------------------------------------------------------

_MOTIF_CHAPITRE = re.compile(r"^ch(\d{2})_(\w+)\.py$")


def dossier_chapitres() -> Path:
    """Le dossier des chapitres : variable ``KERAS_FACILE_CHAPITRES``, sinon le dossier
    ``chapters/`` du dépôt (installation de développement), sinon les chapitres livrés
    dans le paquet (``keras_facile/chapitres``, installation ordinaire)."""
    env = os.environ.get("KERAS_FACILE_CHAPITRES")
    if env:
        if not Path(env).is_dir():
            raise FileNotFoundError(f"KERAS_FACILE_CHAPITRES={env!r} n'est pas un dossier")
        return Path(env)
    ici = Path(__file__).resolve().parent
    for candidat in (ici.parent / "chapters", ici / "chapitres"):
        if candidat.is_dir() and any(candidat.glob("ch[0-9][0-9]_*.py")):
            return candidat
    raise FileNotFoundError(
        f"dossier des chapitres introuvable (ni {ici.parent / 'chapters'}, ni {ici / 'chapitres'}) : "
        "réinstallez keras_facile ou définissez KERAS_FACILE_CHAPITRES."
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
    """Le titre du chapitre : la première ligne ``# …`` de sa première cellule de texte."""
    for ligne in Path(chemin).read_text(encoding="utf-8").splitlines():
        if ligne.startswith("# # "):
            return ligne[4:].strip()
    return Path(chemin).stem


def chemin_chapitre(chapitre: int | str | Path) -> Path:
    """Le script d'un chapitre, d'après son numéro (``6``, ``"6"``) ou un chemin ``.py``."""
    if isinstance(chapitre, Path) or (isinstance(chapitre, str) and chapitre.endswith(".py")):
        chemin = Path(chapitre)
        if not chemin.is_file():
            raise FileNotFoundError(f"script de chapitre introuvable : {chemin}")
        return chemin
    if isinstance(chapitre, bool):
        raise ValueError(f"numéro de chapitre invalide : {chapitre!r} (attendu un entier, par ex. 6)")
    try:
        numero = int(chapitre)
    except (TypeError, ValueError):
        raise ValueError(f"numéro de chapitre invalide : {chapitre!r} (attendu un entier, par ex. 6)") from None
    chapitres = trouver_chapitres()
    if numero not in chapitres:
        raise ValueError(f"chapitre {numero} inconnu ; chapitres disponibles : "
                         + ", ".join(str(n) for n in chapitres))
    return chapitres[numero]


def executer_chapitre(chapitre: int | str | Path, argv: list[str] | None = None) -> dict[str, Any]:
    """Lance un chapitre (numéro ou chemin) avec les arguments ``argv`` ; renvoie ses résultats."""
    chemin = chemin_chapitre(chapitre)
    return lancer_fichier(chemin, argv, prog=f"keras-facile lance {chemin.stem}")
