"""Banc d'essai des carnets : chaque chapitre en carnet --rapide, exécuté de haut en bas dans un
noyau Jupyter neuf, contre le même chapitre lancé en script (keras-facile lance N --rapide).

    KERAS_FACILE_DATA=../shared/data python benchmarks/carnets.py [--chapitre N ...]

Cible (issue 11) : chaque carnet --rapide en moins d'une minute, sans erreur, une image par figure.
Écrit resultats/carnets.json.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from commun import ecrire_resultats  # noqa: E402

from keras_facile.carnet import ecrire_carnet, executer_carnet  # noqa: E402
from keras_facile.catalogue import trouver_chapitres  # noqa: E402
from keras_facile.parseur import ParseurFrancais  # noqa: E402

CIBLE_S = 60.0


def main(argv=None) -> int:
    p = ParseurFrancais(prog="python benchmarks/carnets.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--chapitre", metavar="N", type=int, action="append", default=[],
                   help="seulement ce chapitre (répétable) ; défaut : tous")
    args = p.parse_args(argv)
    chapitres = trouver_chapitres()
    numeros = args.chapitre or list(chapitres)
    inconnus = [n for n in numeros if n not in chapitres]
    if inconnus:
        p.error(f"chapitre(s) inconnu(s) : {inconnus}")
    mesures = {}
    print(f"{'ch':>3}  {'script (s)':>10}  {'carnet (s)':>10}  {'images':>6}  {'PNG':>4}  erreurs  < {CIBLE_S:.0f} s")
    for n in numeros:
        with tempfile.TemporaryDirectory() as d:
            d = Path(d)
            debut = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "keras_facile.cli", "lance", str(n), "--rapide",
                                "--figures", str(d / "png")], capture_output=True, text=True)
            duree_script = time.perf_counter() - debut
            if r.returncode != 0:
                print(r.stderr[-2000:], file=sys.stderr)
                return 1
            png = r.stdout.count("  [figure] ")      # les figures (pas les fichiers image qu'une leçon écrit)
            bilan = executer_carnet(ecrire_carnet(n, d / "carnet", rapide=True))
        ok = bilan.duree < CIBLE_S and not bilan.erreurs and bilan.images == png
        mesures[f"ch{n:02d}"] = {
            "script_rapide": {"valeur": round(duree_script, 1), "unite": "s"},
            "carnet_rapide": {"valeur": round(bilan.duree, 1), "unite": "s"},
            "images_carnet": {"valeur": bilan.images, "unite": "images"},
            "png_script": {"valeur": png, "unite": "fichiers"},
            "erreurs": {"valeur": len(bilan.erreurs), "unite": "sorties d'erreur"},
            "cible_atteinte": ok,
        }
        print(f"{n:>3}  {duree_script:>10.1f}  {bilan.duree:>10.1f}  {bilan.images:>6}  {png:>4}  "
              f"{len(bilan.erreurs):>7}  {'oui' if ok else 'NON'}")
    if set(numeros) == set(chapitres):
        print("résultats :", ecrire_resultats("carnets", mesures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
