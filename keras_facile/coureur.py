"""Le coureur : lance un script de leçon cellule par cellule (``keras-facile lance N``).

Il lit le script avec jupytext, repère les sections (la première instruction
``lecon.section("nom", …)`` d'une cellule de code), exécute dans l'ordre les
cellules du préambule et des sections demandées, et s'occupe de ce qui n'est pas
la leçon : ligne de commande, graine, durées, figures (enregistrées avec
``--figures``, montrées s'il y a un écran, comptées sinon), bilan des comparaisons
avec le livre. Voir :mod:`keras_facile.lecon` pour la forme d'une leçon.

Avec ``--figures DOSSIER``, le coureur écrit aussi à côté des images un manifeste
``<script>.figures.json`` (:func:`lire_manifeste`) : le titre du chapitre, et pour
chaque section exécutée son titre et les figures qu'elle a produites, dans l'ordre
— c'est ce que lit la galerie (``keras-facile galerie``).
"""

from __future__ import annotations

import ast
import builtins
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .seance import _NOM_SECTION, GRAINE_MAX, Lecon, Options, _fixer_graine
from .parseur import ParseurFrancais

__all__ = ["LeconFichier", "lancer_fichier", "actif", "chemin_manifeste", "lire_manifeste"]

#: le coureur en train d'exécuter une leçon, ou None
actif: "_Coureur | None" = None



@dataclass
class _Cellule:
    type: str            # "markdown" ou "code"
    source: str
    ligne: int           # numéro (0-based) de la première ligne de la source dans le fichier
    section: str | None  # section à laquelle la cellule appartient (None : préambule)

    def noms_affectes(self) -> set[str]:
        """Les noms que la cellule (ré)affecte au niveau de la leçon : ``x = …``, ``for x in …``,
        ``def f``, ``import m as x``… (lus dans le code, pas devinés d'après les valeurs)."""
        try:
            arbre = ast.parse(self.source)
        except SyntaxError:
            return set()
        noms: set[str] = set()

        def parcourir(noeud):
            for enfant in ast.iter_child_nodes(noeud):
                if isinstance(enfant, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    noms.add(enfant.name)          # son corps a ses propres variables
                    continue
                if isinstance(enfant, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                    continue
                if isinstance(enfant, ast.Name) and isinstance(enfant.ctx, ast.Store):
                    noms.add(enfant.id)
                elif isinstance(enfant, ast.alias):
                    noms.add((enfant.asname or enfant.name).split(".")[0])
                parcourir(enfant)

        parcourir(arbre)
        return noms


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
        self.figures_avant: set[int] = set()
        self.prefixe = fichier.chemin.stem.split("_")[0]
        #: {section (ou "preambule"): [noms des fichiers de figures]}, dans l'ordre d'enregistrement
        self.figures_par_section: dict[str, list[str]] = {}

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
        import matplotlib.pyplot as plt

        self.figures_avant = set(plt.get_fignums())   # celles d'avant ne sont pas à cette section

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
            noms = self.figures_par_section.setdefault(self.section or "preambule", [])
            if chemin.name not in noms:
                noms.append(chemin.name)
            print(f"  [figure] {chemin}")
            plt.close(fig)
        elif self.ecran:
            self.figures_a_montrer = True
        else:
            self.non_montrees += 1
            plt.close(fig)

    def _balayer_figures(self):
        """Les figures encore ouvertes en fin de section (sans ``lecon.figure``)."""
        import matplotlib.pyplot as plt

        restantes = [plt.figure(n) for n in plt.get_fignums() if n not in self.figures_avant]
        if self.ecran:
            if restantes or self.figures_a_montrer:
                plt.show()
            self.figures_a_montrer = False
        else:
            for k, fig in enumerate(restantes, start=1):
                self.figure(fig, f"{self.prefixe}-{self.section or 'preambule'}-{k}")
        for fig in restantes:
            plt.close(fig)

    # -- exécution ------------------------------------------------------------
    def executer(self) -> dict[str, Any]:
        global actif
        from . import figures as module_figures

        demandees = set(self.options.sections)
        espace = {"__name__": "__lecon__", "__file__": str(self.fichier.chemin), "__builtins__": builtins}
        precedent, en_cours = actif, module_figures._lecon_en_cours
        actif, module_figures._lecon_en_cours = self, True
        debut = time.perf_counter()
        section_en_cours, noms = None, set()
        executees = []
        termine = False
        try:
            for cellule in self.fichier.cellules:
                if cellule.type != "code":
                    continue
                if demandees and cellule.section is not None and cellule.section not in demandees:
                    continue
                if cellule.section != section_en_cours:
                    self._noter_variables(section_en_cours, noms, espace)
                    section_en_cours, noms = cellule.section, set()
                    if cellule.section is not None:
                        executees.append(cellule.section)
                noms |= cellule.noms_affectes()
                code = compile("\n" * cellule.ligne + cellule.source, str(self.fichier.chemin), "exec")
                exec(code, espace)
                if self.lecon is None:
                    raise RuntimeError(
                        f"{self.fichier.chemin.name} : la première cellule de code doit régler la leçon avec "
                        "`lecon = demarrer_lecon(...)`")
            self._noter_variables(section_en_cours, noms, espace)
            self.fin_section()
            termine = True
        finally:
            actif, module_figures._lecon_en_cours = precedent, en_cours
            if self.lecon is not None and self.lecon.figures is not None:
                self._ecrire_manifeste(executees, termine)
        lecon = self.lecon
        bilan = f"\n=== fin : {len(executees)} section(s) en {time.perf_counter() - debut:.1f} s"
        if lecon.accords or lecon.desaccords:
            bilan += f" ; comparaisons avec le livre : {lecon.accords} ✓, {lecon.desaccords} ✗"
        print(bilan + " ===")
        if self.non_montrees:
            print(f"{self.non_montrees} figure(s) non affichée(s) (pas d'écran) : relancez avec "
                  "--figures DOSSIER pour les enregistrer en PNG.")
        return {nom: lecon.resultats.get(nom, {}) for nom in executees}

    def _ecrire_manifeste(self, executees: list[str], termine: bool):
        """``<script>.figures.json`` à côté des figures : quelle section a produit quelle figure.

        Avec ``--section``, les sections qui n'ont pas été relancées gardent leur entrée
        du manifeste précédent ; un chapitre interrompu par une erreur est noté
        ``"termine": false``."""
        import datetime
        import json

        from .fichiers import ecriture_atomique

        chemin = chemin_manifeste(self.lecon.figures, self.fichier.chemin)
        anciennes = {}
        if self.options.sections:
            try:
                anciennes = {s["nom"]: s for s in lire_manifeste(chemin)["sections"]}
            except (OSError, ValueError, KeyError, TypeError):
                anciennes = {}
        titres = {"preambule": "Préambule", **{nom: info.titre for nom, info in self.fichier.sections.items()}}
        lancees = set(executees) | set(self.figures_par_section)
        sections = []
        for nom in ["preambule", *self.fichier.sections]:
            if nom in lancees:
                sections.append({"nom": nom, "titre": titres[nom], "figures": self.figures_par_section.get(nom, [])})
            elif nom in anciennes:
                sections.append(anciennes[nom])
        contenu = {
            "script": self.fichier.chemin.name,
            "titre": self.fichier.titre,
            "rapide": self.lecon.rapide,
            "graine": self.lecon.graine,
            "termine": termine,
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "sections": sections,
        }
        try:
            with ecriture_atomique(chemin) as temporaire:
                temporaire.write_text(json.dumps(contenu, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as erreur:          # le manifeste ne doit pas masquer l'erreur de la leçon
            print(f"manifeste des figures non écrit ({chemin}) : {erreur}")

    def _noter_variables(self, section, noms, espace):
        """Range les variables que la section a (ré)affectées avec ses résultats (sans écraser
        les étiquettes de ``lecon.comparer``)."""
        if section is None:
            return
        import types

        rangement = self.lecon.resultats.setdefault(section, {})
        for nom in sorted(noms):
            if nom.startswith("_") or nom not in espace:
                continue
            valeur = espace[nom]
            if isinstance(valeur, types.ModuleType) or valeur is self.lecon:
                continue
            rangement.setdefault(nom, valeur)


def chemin_manifeste(dossier_figures, script) -> Path:
    """Le manifeste des figures du script ``script`` dans ``dossier_figures``."""
    return Path(dossier_figures) / f"{Path(script).stem}.figures.json"


def lire_manifeste(chemin) -> dict:
    """Le manifeste écrit par le coureur (``ValueError`` s'il est illisible ou mal formé)."""
    import json

    chemin = Path(chemin)
    try:
        contenu = json.loads(chemin.read_text(encoding="utf-8"))
    except json.JSONDecodeError as erreur:
        raise ValueError(f"manifeste de figures illisible : {chemin} ({erreur})") from None
    if not isinstance(contenu, dict) or not isinstance(contenu.get("sections"), list) or not all(
            isinstance(s, dict) and isinstance(s.get("nom"), str) and isinstance(s.get("figures"), list)
            for s in contenu["sections"]):
        raise ValueError(f"manifeste de figures mal formé : {chemin}")
    return contenu


def _dossier_inscriptible(dossier: Path) -> str | None:
    """None si l'on peut écrire des figures dans ``dossier`` (créé au besoin), sinon la raison —
    vérifié avant la première section, pas après la dernière."""
    import tempfile

    try:
        dossier.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=dossier, prefix=".essai-", suffix=".partiel"):
            pass
    except PermissionError:
        return "écriture interdite dans ce dossier"
    except OSError as erreur:
        return f"impossible d'y écrire ({erreur.strerror or erreur})"
    return None


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
    if args.graine is not None and not 0 <= args.graine <= GRAINE_MAX:
        parseur.error(f"--graine attend un entier entre 0 et {GRAINE_MAX}, reçu {args.graine}")
    if args.figures is not None:
        probleme = _dossier_inscriptible(args.figures)
        if probleme:
            parseur.error(f"--figures {args.figures} : {probleme}")
    options = Options(rapide=args.rapide, figures=args.figures, graine=args.graine, sections=args.section)
    return _Coureur(fichier, options).executer()
