"""``keras-facile donnees`` : où est chaque jeu de données, sa taille, et s'il est lisible.

    keras-facile donnees                       l'état des quatre jeux
    keras-facile donnees --jeu mnist           l'état d'un seul jeu (répétable)
    keras-facile donnees --telecharger mnist   télécharge un jeu (mnist, cifar10, imdb, chats_chiens)

Tout vient du registre (:mod:`.registre`) : formes acceptées, origine, empreinte.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .recherche import (DonneesIntrouvables, TelechargementRefuse, adresse_de_telechargement, dossiers_de_recherche,
                        localiser, telecharger_jeu)
from .registre import REGISTRE


def _taille(chemin: Path) -> int:
    if chemin.is_file():
        return chemin.stat().st_size
    return sum(f.stat().st_size for f in chemin.rglob("*") if f.is_file())


def etat(nom: str) -> dict:
    """Où est le jeu ``nom`` (sans télécharger), sa taille, et le résultat de sa vérification."""
    jeu = REGISTRE[nom]
    try:
        source = localiser(nom, telecharger=False)
    except DonneesIntrouvables as e:
        return {"jeu": jeu.titre, "trouve": False, "message": str(e)}
    resultat = {"jeu": jeu.titre, "trouve": True, "chemin": str(source.chemin), "taille": _taille(source.chemin),
                "forme": source.forme.description}
    try:
        resultat["verification"] = "ok — " + jeu.verifier(source.chemin)
    except (ValueError, OSError) as e:
        resultat["verification"] = f"ÉCHEC — {e}"
    return resultat


def _telecharger(nom: str) -> int:
    jeu = REGISTRE[nom]
    url, provenance = adresse_de_telechargement(jeu)
    try:
        source = localiser(nom, telecharger=False)
        print(f"{jeu.titre} est déjà là : {source.chemin} — rien à faire.")
        return 0
    except DonneesIntrouvables:
        pass
    try:
        destination = telecharger_jeu(nom)
    except TelechargementRefuse as e:
        print(f"keras-facile donnees : téléchargement refusé : {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"keras-facile donnees : échec du téléchargement de {url} ({provenance}) : {e}\n"
              "Sans réseau, copiez le fichier à la main ou indiquez un miroir avec KERAS_FACILE_MIROIR "
              "(voir data/README.md).", file=sys.stderr)
        return 1
    print(f"{jeu.titre} téléchargé et vérifié : {destination}")
    return 0


def main(argv: list[str] | None = None) -> int:
    from ..parseur import ParseurFrancais   # ici : le module de données n'importe pas le lanceur de chapitres

    parseur = ParseurFrancais(prog="keras-facile donnees",
                              description="Où sont les jeux de données, leur taille, et s'ils sont lisibles.")
    parseur.add_argument("--telecharger", metavar="NOM", choices=list(REGISTRE),
                         help="télécharger un jeu : " + ", ".join(REGISTRE))
    parseur.add_argument("--jeu", metavar="NOM", choices=list(REGISTRE), action="append",
                         help="n'examiner que ce jeu (répétable)")
    args = parseur.parse_args(argv)
    if args.telecharger:
        return _telecharger(args.telecharger)
    print("Dossiers examinés, dans l'ordre (quand chemin= n'est pas donné) :")
    for provenance, dossier in dossiers_de_recherche():
        print(f"  {provenance:<32} {dossier}{'' if dossier.is_dir() else '  (absent)'}")
    miroir = os.environ.get("KERAS_FACILE_MIROIR", "").strip()
    depuis = f"le miroir {miroir} (KERAS_FACILE_MIROIR)" if miroir else "l'origine de chaque jeu"
    interdits = "  (interdits : KERAS_FACILE_HORS_LIGNE)" if os.environ.get("KERAS_FACILE_HORS_LIGNE") else ""
    print(f"Téléchargements depuis : {depuis}{interdits}")
    code = 0
    for nom in args.jeu or list(REGISTRE):
        jeu = REGISTRE[nom]
        e = etat(nom)
        print(f"\n{e['jeu']} ({nom})")
        if not e["trouve"]:
            print("  absent. Formes acceptées :\n" + "\n".join("  " + ligne for ligne in jeu.attendu().splitlines()))
            t = jeu.telechargement
            empreinte = f"sha256 {t.sha256}" if t.sha256 else "sans empreinte connue : archive relue en entier"
            print(f"  à télécharger : keras-facile donnees --telecharger {nom}\n"
                  f"    {adresse_de_telechargement(jeu)[0]}"
                  + (f"  ({t.taille / 1e6:.1f} Mo, {empreinte})" if t.taille else f"  ({empreinte})"))
            code = 1
            continue
        print(f"  trouvé : {e['chemin']}  ({e['taille'] / 1e6:.1f} Mo)")
        print(f"  vérification : {e['verification']}")
        if e["verification"].startswith("ÉCHEC"):
            code = 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
