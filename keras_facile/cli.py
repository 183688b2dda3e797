"""La commande ``keras-facile``.

    keras-facile liste                      les chapitres, une ligne chacun
    keras-facile lance 6 [options]          lance le chapitre 6 (options : --help du chapitre)
    keras-facile donnees [--telecharger NOM] où sont les jeux de données, et leur état
"""
from __future__ import annotations

import sys

from .chapitre import ParseurFrancais, resume_chapitre, trouver_chapitres


def _liste() -> int:
    try:
        chapitres = trouver_chapitres()
    except FileNotFoundError as erreur:
        print(f"keras-facile : {erreur}", file=sys.stderr)
        return 1
    for numero, chemin in chapitres.items():
        print(f"{numero:>3}  {chemin.name:<40} {resume_chapitre(chemin)}")
    return 0


def _lance(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print("utilisation : keras-facile lance NUMERO [--figures DOSSIER] [--rapide] [--graine N] "
              "[--section NOM] [--liste]\n\nExemple : keras-facile lance 6 --rapide --figures figures/\n"
              "L'aide d'un chapitre : keras-facile lance 6 --help")
        return 0 if argv else 2
    from .chapitre import executer_chapitre

    try:
        executer_chapitre(argv[0], argv[1:])
    except (ValueError, FileNotFoundError) as erreur:
        print(f"keras-facile lance : erreur : {erreur}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parseur = ParseurFrancais(
        prog="keras-facile",
        usage="keras-facile COMMANDE [options]",
        description="keras_facile — le livre « Mathématiques des réseaux de neurones » (exo7) en Keras 3.",
        epilog="commandes :\n"
               "  liste                     lister les chapitres\n"
               "  lance NUMERO [options]    lancer un chapitre (keras-facile lance 6 --help)\n"
               "  donnees [options]         état des jeux de données (keras-facile donnees --help)",
    )
    if not argv:
        parseur.print_help()
        return 2
    commande, reste = argv[0], argv[1:]
    if commande not in ("liste", "lance", "donnees"):
        if commande in ("-h", "--help"):
            parseur.print_help()
            return 0
        parseur.error(f"commande inconnue : {commande!r} (commandes possibles : liste, lance, donnees)")
    if commande == "liste":
        if reste:
            parseur.error(f"la commande liste ne prend pas d'argument, reçu {' '.join(reste)}")
        return _liste()
    if commande == "lance":
        return _lance(reste)
    from .donnees.cli import main as donnees_main

    return donnees_main(reste)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
