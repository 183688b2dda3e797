"""Les seuils d'exactitude (ou d'erreur) des tests des chapitres lancés en ``--rapide``.

Les sections d'entraînement des chapitres 10, 14 et 17 (``SECTIONS``) sont lancées en ``--rapide`` sur les
données factices du projet (``creer_donnees_factices``), comme la fixture ``lancer_chapitre``
des tests, pour plusieurs graines (celle des données et celle de la leçon), puis avec les
étiquettes d'entraînement mélangées (MNIST, CIFAR-10 : permutation de ``y_train`` ; IMDB et
chats/chiens : chaque fichier d'entraînement rangé au hasard dans un dossier de classe). Un
seuil de test doit être sous toutes les mesures « normales » et au-dessus de toutes les
mesures « mélangées », avec une marge.

Lancement : ``python benchmarks/seuils_rapides.py [chapitres…] [--graines 0 1 2]`` ;
écrit ``benchmarks/resultats/seuils_rapides.json``.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from commun import ecrire_resultats  # noqa: E402

MOTS_CLES = ("exactitude", "erreur", "perte", "historique")


def _melanger_npz(fichier: Path, rng):
    with np.load(fichier) as d:
        contenu = {k: d[k] for k in d.files}
    contenu["y_train"] = contenu["y_train"][rng.permutation(len(contenu["y_train"]))]
    np.savez_compressed(fichier, **contenu)


def _melanger_imdb(archive: Path, rng):
    with tarfile.open(archive) as t:
        membres = [(m.name, t.extractfile(m).read()) for m in t.getmembers() if m.isfile()]
    nouveaux = []
    for nom, contenu in membres:
        parties = nom.split("/")
        if parties[1] == "train" and parties[2] in ("pos", "neg"):
            parties[2] = "pos" if rng.random() < 0.5 else "neg"
        nouveaux.append(("/".join(parties), contenu))
    with tarfile.open(archive, "w:gz") as t:
        for nom, contenu in nouveaux:
            info = tarfile.TarInfo(nom)
            info.size = len(contenu)
            t.addfile(info, io.BytesIO(contenu))


def _melanger_chats_chiens(dossier: Path, rng):
    train = dossier / "train"
    fichiers = sorted(train.glob("*/*.jpg"))
    temporaire = dossier / "_melange"
    temporaire.mkdir()
    for f in fichiers:
        f.rename(temporaire / f.name)
    for f in sorted(temporaire.iterdir()):
        f.rename(train / ("cats" if rng.random() < 0.5 else "dogs") / f.name)
    temporaire.rmdir()


def preparer_donnees(dossier: Path, graine: int, melange: bool) -> Path:
    from keras_facile.donnees import creer_donnees_factices

    creer_donnees_factices(dossier, graine=graine)
    if melange:
        rng = np.random.default_rng(1000 + graine)
        _melanger_npz(dossier / "mnist.npz", rng)
        _melanger_npz(dossier / "cifar10.npz", rng)
        _melanger_imdb(next(dossier.glob("aclImdb*.tar.gz")), rng)
        _melanger_chats_chiens(dossier / "cats_vs_dogs", rng)
    return dossier


def _scalaire(v):
    if isinstance(v, (bool, np.bool_)):
        return None
    if isinstance(v, (int, float, np.floating, np.integer)):
        return float(v)
    if isinstance(v, (list, tuple)) and v and all(isinstance(x, (int, float, np.floating)) for x in v) and len(v) < 50:
        return [float(x) for x in v]
    return None


def mesures_chapitre(resultats: dict) -> dict:
    sortie = {}
    for section, valeurs in resultats.items():
        for cle, v in valeurs.items():
            if any(m in str(cle).lower() for m in MOTS_CLES):
                s = _scalaire(v)
                if s is not None:
                    sortie[f"{section} / {cle}"] = s
    return sortie


# les sections d'entraînement dont les tests affirment un seuil (les autres ne sont pas relancées)
SECTIONS = {10: ["mnist", "imdb", "imdb-surapprentissage", "cifar10-dense"], 14: ["mnist", "cifar10", "visualisation"],
            17: ["mnist"]}


def lancer(chapitre: int, graine: int, melange: bool) -> dict:
    from keras_facile.lecon import executer_chapitre

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        preparer_donnees(tmp / "donnees", graine, melange)
        os.environ["KERAS_FACILE_DATA"] = str(tmp / "donnees")
        os.environ["KERAS_FACILE_CACHE"] = str(tmp / "cache")
        debut = time.perf_counter()
        sections = [a for nom in SECTIONS.get(chapitre, []) for a in ("--section", nom)]
        r = executer_chapitre(chapitre, ["--rapide", "--graine", str(graine), "--figures", str(tmp / "figures"),
                                         *sections])
        duree = time.perf_counter() - debut
    import matplotlib.pyplot as plt

    plt.close("all")
    return {"duree_s": round(duree, 1), **mesures_chapitre(r)}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("chapitres", nargs="*", type=int, default=list(SECTIONS))
    p.add_argument("--graines", nargs="+", type=int, default=[0, 1, 2])
    args = p.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    random.seed(0)
    mesures = {}
    for ch in args.chapitres:
        for melange in (False, True):
            for g in args.graines:
                cle = f"ch{ch:02d} graine {g}" + (" étiquettes mélangées" if melange else "")
                mesures[cle] = lancer(ch, g, melange)
                print(cle, mesures[cle], flush=True)
                ecrire_resultats("seuils_rapides", {cle: mesures[cle]}, fusionner=True)
    return mesures


if __name__ == "__main__":
    main()
