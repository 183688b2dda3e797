"""Les carnets Jupyter, faits à partir des scripts de chapitre par jupytext.

``keras-facile carnet 6`` écrit ``ch06_keras_partie1.ipynb`` (nbformat 4) : les
cellules de texte du script deviennent du texte, ses cellules de code du code.
La cellule de réglages garde ``rapide=False`` (ou prend ``rapide=True`` avec
``--rapide``). Le carnet s'ouvre dans Jupyter et se relance cellule par cellule.

``python -m keras_facile.carnet executer CARNET.ipynb`` l'exécute de haut en bas
dans un noyau neuf (nbclient) et échoue à la moindre sortie d'erreur ; c'est ce que
font les tests.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ecrire_carnet", "construire_carnet", "executer_carnet", "BilanCarnet"]

_REGLAGE_RAPIDE = re.compile(r"(demarrer_lecon\([^)]*rapide\s*=\s*)(True|False)")


def construire_carnet(script, rapide: bool = False):
    """Le carnet (objet nbformat 4) d'un script de leçon."""
    import jupytext

    script = Path(script)
    carnet = jupytext.read(script, fmt="py:percent")
    reglages = [c for c in carnet.cells if c.cell_type == "code" and "demarrer_lecon(" in c.source]
    if not reglages:
        raise ValueError(f"{script.name} n'a pas de cellule de réglages `lecon = demarrer_lecon(...)`")
    cellule = reglages[0]
    if not _REGLAGE_RAPIDE.search(cellule.source):
        raise ValueError(f"{script.name} : la cellule de réglages doit écrire `demarrer_lecon(rapide=False, ...)`")
    cellule.source = _REGLAGE_RAPIDE.sub(lambda m: m.group(1) + str(bool(rapide)), cellule.source, count=1)
    cellule.metadata["tags"] = sorted(set(cellule.metadata.get("tags", [])) | {"reglages"})
    carnet.metadata.pop("jupytext", None)
    carnet.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    carnet.metadata["language_info"] = {"name": "python"}
    carnet.nbformat, carnet.nbformat_minor = 4, max(carnet.get("nbformat_minor", 5), 5)
    return carnet


def ecrire_carnet(chapitre, sortie=".", rapide: bool = False, ecraser: bool = True) -> Path:
    """Écrit le carnet du chapitre ``chapitre`` (numéro ou chemin du script) dans le
    dossier ``sortie`` ; renvoie le chemin du ``.ipynb`` (même nom que le script).

    L'écriture passe par un fichier temporaire : jamais de carnet à moitié écrit.
    """
    import nbformat

    from .catalogue import chemin_chapitre
    from .fichiers import ecriture_atomique

    script = chemin_chapitre(chapitre)
    sortie = Path(sortie)
    if sortie.exists() and not sortie.is_dir():
        raise ValueError(f"sortie={str(sortie)!r} existe et n'est pas un dossier")
    carnet = construire_carnet(script, rapide=rapide)
    nbformat.validate(carnet)
    sortie.mkdir(parents=True, exist_ok=True)
    chemin = sortie / (script.stem + ".ipynb")
    if chemin.exists() and not ecraser:
        raise FileExistsError(f"{chemin} existe déjà (gardé tel quel)")
    with ecriture_atomique(chemin) as temporaire:
        nbformat.write(carnet, str(temporaire), version=4)
    return chemin


@dataclass
class BilanCarnet:
    chemin: Path
    cellules_code: int
    images: int
    erreurs: list[str]
    duree: float
    carnet: object

    def images_par_cellule(self) -> list[int]:
        return [sum(1 for s in c.get("outputs", []) if "image/png" in s.get("data", {}))
                for c in self.carnet.cells if c.cell_type == "code"]


def executer_carnet(chemin, delai: int = 900, dossier=None, ecrire: bool = False) -> BilanCarnet:
    """Exécute le carnet ``chemin`` de haut en bas dans un noyau Python neuf (nbclient).

    Renvoie le bilan (nombre d'images produites, sorties d'erreur). Lève
    ``RuntimeError`` (avec le message de la cellule fautive) si une cellule échoue.
    ``MPLBACKEND`` est retiré de l'environnement du noyau : les figures s'y
    affichent en ligne, comme pour un élève.
    """
    import time

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from jupyter_client.manager import KernelManager

    chemin = Path(chemin)
    carnet = nbformat.read(chemin, as_version=4)
    dossier = Path(dossier) if dossier is not None else chemin.parent
    km = KernelManager(kernel_name="python3")
    # le noyau de ce Python-ci (celui où keras_facile est installé), quel que soit le noyau « python3 » déclaré
    km.kernel_spec.argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "PYTEST_CURRENT_TEST")}
    client = NotebookClient(carnet, timeout=delai, km=km, resources={"metadata": {"path": str(dossier)}})
    debut = time.perf_counter()
    try:
        client.execute(env=env)
    except CellExecutionError as erreur:
        raise RuntimeError(f"le carnet {chemin.name} a échoué :\n{erreur}") from None
    duree = time.perf_counter() - debut
    if ecrire:
        nbformat.write(carnet, chemin)
    erreurs, images, n_code = [], 0, 0
    for cellule in carnet.cells:
        if cellule.cell_type != "code":
            continue
        n_code += 1
        for sortie in cellule.get("outputs", []):
            if sortie.get("output_type") == "error":
                erreurs.append(f"{sortie.get('ename')}: {sortie.get('evalue')}")
            elif sortie.get("output_type") == "stream" and sortie.get("name") == "stderr" \
                    and "Traceback" in sortie.get("text", ""):
                erreurs.append(sortie["text"][-500:])
            if "image/png" in sortie.get("data", {}):
                images += 1
    return BilanCarnet(chemin, n_code, images, erreurs, duree, carnet)


def main(argv=None) -> int:
    from .parseur import ParseurFrancais

    p = ParseurFrancais(prog="python -m keras_facile.carnet",
                        description="Exécuter un carnet de haut en bas dans un noyau neuf.")
    p.add_argument("action", choices=["executer"])
    p.add_argument("carnet", type=Path)
    p.add_argument("--ecrire", action="store_true", help="garder les sorties dans le carnet")
    args = p.parse_args(argv)
    bilan = executer_carnet(args.carnet, ecrire=args.ecrire)
    print(f"{bilan.chemin.name} : {bilan.cellules_code} cellules de code, {bilan.images} image(s), "
          f"{len(bilan.erreurs)} erreur(s), {bilan.duree:.1f} s")
    for e in bilan.erreurs:
        print("  erreur :", e)
    return 1 if bilan.erreurs else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
