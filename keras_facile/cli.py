"""La commande ``keras-facile``.

    keras-facile liste                          les chapitres, une ligne chacun
    keras-facile lance 6 [options]              lance le chapitre 6 (options : --help du chapitre)
    keras-facile carnet 6 [--sortie D] [--rapide]   écrit le chapitre 6 en carnet Jupyter (.ipynb)
    keras-facile carnet tous [...]              tous les chapitres en carnets
    keras-facile copie DOSSIER [--carnets]      copie les chapitres dans DOSSIER, pour les modifier
    keras-facile donnees [--telecharger NOM]    où sont les jeux de données, et leur état
    keras-facile atelier --exemple NOM --sortie page.html   la page hors ligne pour régler les poids à la main
    keras-facile galerie [--sortie D] [--rapide]    les figures de chaque chapitre en pages HTML hors ligne
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .parseur import ParseurFrancais

_COMMANDES = ("liste", "lance", "carnet", "copie", "donnees", "atelier", "galerie")


def _erreur(commande: str, erreur: Exception) -> int:
    print(f"keras-facile {commande} : erreur : {erreur}", file=sys.stderr)
    return 2


def _liste(argv: list[str]) -> int:
    from .catalogue import resume_chapitre, trouver_chapitres

    ParseurFrancais(prog="keras-facile liste", description="Lister les chapitres.").parse_args(argv)
    try:
        chapitres = trouver_chapitres()
    except FileNotFoundError as erreur:
        return _erreur("liste", erreur)
    for numero, chemin in chapitres.items():
        print(f"{numero:>3}  {chemin.name:<40} {resume_chapitre(chemin)}")
    return 0


def _lance(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print("utilisation : keras-facile lance NUMERO [--figures DOSSIER] [--rapide] [--graine N] "
              "[--section NOM] [--liste]\n\nExemple : keras-facile lance 6 --rapide --figures figures/\n"
              "L'aide d'un chapitre : keras-facile lance 6 --help")
        return 0 if argv else 2
    from .lecon import executer_chapitre

    try:
        executer_chapitre(argv[0], argv[1:])
    except (ValueError, FileNotFoundError) as erreur:
        return _erreur("lance", erreur)
    return 0


def _numeros(choix: str) -> list[int]:
    from .catalogue import chemin_chapitre, trouver_chapitres

    if choix == "tous":
        return list(trouver_chapitres())
    chemin_chapitre(choix)   # vérifie le numéro (erreur en français sinon)
    return [int(choix)]


def _option_chapitre(p) -> None:
    p.add_argument("--chapitre", metavar="N", action="append", default=[],
                   help="seulement ce chapitre (répétable) ; défaut : tous")


def _chapitres_choisis(args) -> list[int]:
    """Les numéros donnés par ``--chapitre`` (vérifiés, triés, sans doublon) ; ``[]`` si aucun."""
    return sorted({n for c in args.chapitre for n in _numeros(c)})


def _carnet(argv: list[str]) -> int:
    p = ParseurFrancais(prog="keras-facile carnet",
                        description="Écrire un chapitre (ou tous) en carnet Jupyter (.ipynb), fait à partir "
                                    "du même script.\nOuvrez-le ensuite avec Jupyter : jupyter lab ch06_….ipynb")
    p.add_argument("chapitre", help="numéro du chapitre, ou « tous »")
    p.add_argument("--sortie", metavar="DOSSIER", type=Path, default=Path("."),
                   help="dossier où écrire les carnets (défaut : le dossier courant)")
    p.add_argument("--rapide", action="store_true", help="carnet en version courte (rapide=True)")
    args = p.parse_args(argv)
    from .carnet import ecrire_carnet

    try:
        for numero in _numeros(args.chapitre):
            print(ecrire_carnet(numero, args.sortie, rapide=args.rapide))
    except (ValueError, FileNotFoundError, OSError) as erreur:
        return _erreur("carnet", erreur)
    return 0


def _copie(argv: list[str]) -> int:
    p = ParseurFrancais(prog="keras-facile copie",
                        description="Copier les scripts des chapitres (ou leurs carnets) dans un dossier, pour "
                                    "les modifier et les lancer.\nUn fichier déjà présent n'est jamais écrasé "
                                    "(sauf avec --ecraser).")
    p.add_argument("dossier", type=Path)
    p.add_argument("--carnets", action="store_true", help="copier les carnets .ipynb au lieu des scripts")
    p.add_argument("--rapide", action="store_true", help="avec --carnets : carnets en version courte")
    _option_chapitre(p)
    p.add_argument("--ecraser", action="store_true", help="remplacer les fichiers déjà présents")
    args = p.parse_args(argv)
    from .carnet import ecrire_carnet
    from .catalogue import trouver_chapitres
    from .fichiers import ecriture_atomique

    try:
        chapitres = trouver_chapitres()
        numeros = _chapitres_choisis(args) or list(chapitres)
        if args.dossier.exists() and not args.dossier.is_dir():
            raise ValueError(f"{args.dossier} existe et n'est pas un dossier")
        args.dossier.mkdir(parents=True, exist_ok=True)
        copies, gardes = 0, 0
        for n in numeros:
            script = chapitres[n]
            cible = args.dossier / (script.stem + (".ipynb" if args.carnets else ".py"))
            if cible.exists() and not args.ecraser:
                print(f"{cible} existe déjà : gardé tel quel (--ecraser pour le remplacer)")
                gardes += 1
                continue
            if args.carnets:
                ecrire_carnet(n, args.dossier, rapide=args.rapide)
            else:
                with ecriture_atomique(cible) as temporaire:
                    shutil.copyfile(script, temporaire)
            copies += 1
            print(cible)
    except (ValueError, FileNotFoundError, OSError) as erreur:
        return _erreur("copie", erreur)
    print(f"{copies} fichier(s) copié(s), {gardes} gardé(s) dans {args.dossier}")
    return 0


def _atelier(argv: list[str]) -> int:
    p = ParseurFrancais(prog="keras-facile atelier",
                        description="Écrire l'atelier : une page web hors ligne (un seul fichier HTML, sans "
                                    "internet) pour régler les poids d'un réseau à la main et voir sa fonction "
                                    "bouger.\nExemple : keras-facile atelier --exemple marches-5 --sortie "
                                    "atelier.html")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--exemple", metavar="NOM", help="un réseau du livre (la liste : --liste)")
    source.add_argument("--modele", metavar="FICHIER.keras", type=Path,
                        help="un modèle enregistré (Sequential de couches Dense, 1 ou 2 entrées)")
    source.add_argument("--liste", action="store_true", help="lister les exemples")
    p.add_argument("--cible", metavar="EXPR", help="fonction à approcher, en x (et y), ex. \"sin(x)\"")
    p.add_argument("--sortie", metavar="page.html", type=Path, help="le fichier HTML à écrire")
    p.add_argument("--titre", help="titre de la page")
    for borne in ("xmin", "xmax", "ymin", "ymax"):
        p.add_argument(f"--{borne}", type=float, help=f"domaine tracé : {borne} (défaut : celui de l'exemple, "
                                                      "sinon [−5, 5])")
    args = p.parse_args(argv)
    from .exemples_atelier import EXEMPLES

    if args.liste:
        for nom, ex in EXEMPLES.items():
            print(f"{nom:<12} {ex.entrees} entrée{'s' if ex.entrees > 1 else ' '}  {ex.description}")
        return 0
    if args.exemple is None and args.modele is None:
        p.error("donnez --exemple NOM ou --modele FICHIER.keras (ou --liste)")
    if args.sortie is None:
        p.error("l'option --sortie est obligatoire (le fichier HTML à écrire)")
    from .atelier_page import ecrire_page

    try:
        chemin = ecrire_page(args.sortie, exemple=args.exemple, modele=args.modele, cible=args.cible,
                             titre=args.titre, xmin=args.xmin, xmax=args.xmax, ymin=args.ymin, ymax=args.ymax)
    except (ValueError, TypeError, FileNotFoundError, OSError) as erreur:
        return _erreur("atelier", erreur)
    print(chemin)
    return 0


def _galerie(argv: list[str]) -> int:
    p = ParseurFrancais(prog="keras-facile galerie",
                        description="Écrire la galerie : une page HTML par chapitre, chaque figure sous le titre "
                                    "de sa section, et un index ; tout s'ouvre sans internet.\nLes chapitres "
                                    "dont les figures manquent sont lancés (keras-facile lance N --figures …).")
    p.add_argument("--sortie", metavar="DOSSIER", type=Path, default=Path("galerie"),
                   help="dossier de la galerie (défaut : galerie/) ; ouvrez DOSSIER/index.html")
    p.add_argument("--rapide", action="store_true",
                   help="lancer les chapitres en version courte (moins d'une minute chacun)")
    _option_chapitre(p)
    p.add_argument("--figures", metavar="DOSSIER", type=Path, default=None,
                   help="les figures d'une exécution déjà faite (keras-facile lance N --figures DOSSIER) ; "
                        "défaut : SORTIE/figures")
    p.add_argument("--relancer", action="store_true", help="relancer aussi les chapitres qui ont déjà leurs figures")
    args = p.parse_args(argv)
    from .galerie import construire_galerie

    try:
        numeros = _chapitres_choisis(args) or None
        bilan = construire_galerie(args.sortie, numeros, rapide=args.rapide, figures=args.figures,
                                   relancer=args.relancer)
    except (ValueError, FileNotFoundError, OSError) as erreur:
        return _erreur("galerie", erreur)
    if bilan.echecs:
        print(f"keras-facile galerie : {len(bilan.echecs)} chapitre(s) en échec : "
              + ", ".join(str(n) for n in bilan.echecs), file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parseur = ParseurFrancais(
        prog="keras-facile",
        usage="keras-facile COMMANDE [options]",
        description="keras_facile — le livre « Mathématiques des réseaux de neurones » (exo7) en Keras 3.",
        epilog="commandes :\n"
               "  liste                       lister les chapitres\n"
               "  lance NUMERO [options]      lancer un chapitre (keras-facile lance 6 --help)\n"
               "  carnet NUMERO|tous          écrire un chapitre en carnet Jupyter (keras-facile carnet --help)\n"
               "  copie DOSSIER [options]     copier les chapitres pour les modifier (keras-facile copie --help)\n"
               "  donnees [options]           état des jeux de données (keras-facile donnees --help)\n"
               "  atelier [options]           page web hors ligne pour régler les poids à la main "
               "(keras-facile atelier --help)\n"
               "  galerie [options]           les figures des chapitres en pages HTML (keras-facile galerie --help)",
    )
    if not argv:
        parseur.print_help()
        return 2
    commande, reste = argv[0], argv[1:]
    if commande in ("-h", "--help"):
        parseur.print_help()
        return 0
    if commande not in _COMMANDES:
        parseur.error(f"commande inconnue : {commande!r} (commandes possibles : {', '.join(_COMMANDES)})")
    if commande == "liste":
        return _liste(reste)
    if commande == "lance":
        return _lance(reste)
    if commande == "carnet":
        return _carnet(reste)
    if commande == "copie":
        return _copie(reste)
    if commande == "atelier":
        return _atelier(reste)

    if commande == "galerie":
        return _galerie(reste)
    from .donnees.cli import main as donnees_main

    return donnees_main(reste)


def point_d_entree() -> int:
    """La commande installée : comme :func:`main`, sans trace d'erreur quand la sortie est coupée
    (``keras-facile liste | head``)."""
    try:
        return main()
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # Python ne réécrira plus dans le tube
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(point_d_entree())
