"""``keras-facile donnees`` : où est chaque jeu de données, sa taille, et s'il est lisible.

    keras-facile donnees                       l'état des quatre jeux
    keras-facile donnees --telecharger mnist   télécharge un jeu (mnist, imdb, cifar10, chats_chiens)
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..parseur import ParseurFrancais
from .recherche import DonneesIntrouvables, dossiers_de_recherche, telecharger, dossier_de_telechargement, trouver

JEUX = {
    "mnist": {"noms": ["mnist.npz"], "titre": "MNIST"},
    "cifar10": {"noms": ["cifar10.npz", "cifar-10-batches-py", "cifar-10-python.tar.gz"], "titre": "CIFAR-10"},
    "imdb": {"noms": ["aclImdb", "aclImdb_v1.tar.gz", "imdb.npz"], "titre": "IMDB"},
    "chats_chiens": {"noms": ["cats_vs_dogs", "chats_chiens", "cats_vs_dogs.tar.gz", "train.zip",
                              "kagglecatsanddogs_5340.zip", "PetImages"], "titre": "Chats et chiens"},
}


def _taille(chemin: Path) -> int:
    if chemin.is_file():
        return chemin.stat().st_size
    return sum(f.stat().st_size for f in chemin.rglob("*") if f.is_file())


def _verifier(nom: str, chemin: Path) -> str:
    """Une vérification rapide, selon le jeu ; renvoie un résumé lisible."""
    if nom == "mnist":
        from .tableaux import charger_mnist

        (x, y), (xt, yt) = charger_mnist(chemin=chemin)
        return f"{len(x)} + {len(xt)} images {x.shape[1]}×{x.shape[2]}"
    if nom == "cifar10":
        from .tableaux import charger_cifar10

        (x, y), (xt, yt) = charger_cifar10(chemin=chemin)
        return f"{len(x)} + {len(xt)} images 32×32×3"
    if nom == "imdb":
        from .imdb import charger_imdb

        (x, y), (xt, yt) = charger_imdb(chemin=chemin)
        return f"{len(x)} + {len(xt)} critiques ({int(y.sum())} positives à l'entraînement)"
    from .chats_chiens import _images, dossier_chats_chiens

    dossier = dossier_chats_chiens(chemin=chemin, telecharger=False)
    comptes = {f"{p}/{c}": len(_images(dossier / p / c)) for p in ("train", "test") for c in ("cats", "dogs")}
    return ", ".join(f"{k} : {v}" for k, v in comptes.items())


def etat(nom: str) -> dict:
    jeu = JEUX[nom]
    try:
        chemin = trouver(jeu["noms"], jeu=jeu["titre"], telecharger_si_absent=False)
    except DonneesIntrouvables as e:
        return {"jeu": jeu["titre"], "trouve": False, "message": str(e)}
    resultat = {"jeu": jeu["titre"], "trouve": True, "chemin": str(chemin), "taille": _taille(chemin)}
    try:
        resultat["verification"] = "ok — " + _verifier(nom, chemin)
    except (ValueError, OSError) as e:
        resultat["verification"] = f"ÉCHEC — {e}"
    return resultat


def _telecharger(nom: str) -> int:
    from . import chats_chiens, imdb, tableaux

    urls = {"mnist": (tableaux.URL_MNIST, "mnist.npz", tableaux.verifier_mnist),
            "cifar10": (tableaux.URL_CIFAR10, "cifar-10-python.tar.gz", tableaux.verifier_archive_cifar),
            "imdb": (imdb.URL_IMDB_BRUT, "aclImdb_v1.tar.gz", None),
            "chats_chiens": (chats_chiens.URL_MICROSOFT, "kagglecatsanddogs_5340.zip", None)}
    url, fichier, verifier = urls[nom]
    destination = dossier_de_telechargement() / fichier
    if destination.exists():
        print(f"{destination} existe déjà : rien à faire.")
        return 0
    try:
        telecharger(url, destination, verifier=verifier)
    except (OSError, ValueError) as e:
        print(f"keras-facile donnees : échec du téléchargement de {url} : {e}\n"
              "Sans réseau, copiez le fichier à la main (voir data/README.md).", file=sys.stderr)
        return 1
    print(f"{nom} téléchargé dans {destination}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parseur = ParseurFrancais(prog="keras-facile donnees",
                              description="Où sont les jeux de données, leur taille, et s'ils sont lisibles.")
    parseur.add_argument("--telecharger", metavar="NOM", choices=list(JEUX),
                         help="télécharger un jeu : " + ", ".join(JEUX))
    parseur.add_argument("--jeu", metavar="NOM", choices=list(JEUX), action="append",
                         help="n'examiner que ce jeu (répétable)")
    args = parseur.parse_args(argv)
    if args.telecharger:
        return _telecharger(args.telecharger)
    print("Dossiers examinés, dans l'ordre :")
    for provenance, dossier in dossiers_de_recherche():
        print(f"  {provenance:<28} {dossier}{'' if dossier.is_dir() else '  (absent)'}")
    code = 0
    for nom in args.jeu or list(JEUX):
        e = etat(nom)
        print(f"\n{e['jeu']} ({nom})")
        if not e["trouve"]:
            print("  absent. " + e["message"].split("\n")[-1])
            print(f"  ou : keras-facile donnees --telecharger {nom}")
            code = 1
            continue
        print(f"  trouvé : {e['chemin']}  ({e['taille'] / 1e6:.1f} Mo)")
        print(f"  vérification : {e['verification']}")
        if e["verification"].startswith("ÉCHEC"):
            code = 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
