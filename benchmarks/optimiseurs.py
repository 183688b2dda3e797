"""Banc d'essai du chapitre 20 : la course des optimiseurs de 002 §2.8 sur le vrai MNIST.

    KERAS_FACILE_DATA=../shared/data python benchmarks/optimiseurs.py [--epoques 10] [--graines 0]

Le réseau de 002 §1.6 (784 → 256 → 128 → 10, 235 146 poids, ReLU, logits), MNIST
normalisé ((x/255 − 0.1307)/0.3081), lots de 128, mêmes poids de départ pour les
quatre optimiseurs réglés comme la source : SGD(0.01), SGD(0.01, momentum=0.9),
Adam(1e-3), AdamW(1e-3, weight_decay=0.01), pour chaque graine. Apprentissage sur les 55 000 premières
images d'entraînement, validation sur les 5 000 dernières (le classement est lu sur
la validation ; rien n'est réglé), exactitude finale sur les 10 000 images de test
comme dans la source (qui entraîne sur les 60 000 images, 10 époques). Résultats :
``benchmarks/resultats/optimiseurs.json``, une entrée par budget (``10_epoques``, ``3_epoques``…),
moyennes sur les graines, chiffres de la source à côté.
"""
from __future__ import annotations

import time

from keras_facile.parseur import ParseurFrancais  # noqa: E402  (aide et erreurs en français)
import keras
import numpy as np

from keras_facile import optimiseurs as opt
from keras_facile.donnees import charger_mnist

from commun import ecrire_resultats

SOURCE = {"SGD": 0.9532, "moment": 0.9721, "Adam": 0.9793, "AdamW": 0.9801}
CONFIGURATIONS = {
    "SGD": lambda: keras.optimizers.SGD(0.01),
    "moment": lambda: keras.optimizers.SGD(0.01, momentum=0.9),
    "Adam": lambda: keras.optimizers.Adam(1e-3),
    "AdamW": lambda: keras.optimizers.AdamW(1e-3, weight_decay=0.01),
}


def main(argv=None):
    parseur = ParseurFrancais(description=__doc__.splitlines()[0])
    parseur.add_argument("--epoques", type=int, default=10, help="époques par optimiseur (10 dans la source)")
    parseur.add_argument("--graines", type=int, nargs="+", default=[0], help="graines des poids de départ")
    args = parseur.parse_args(argv)
    (x, y), (xt, yt) = charger_mnist()
    X, Xt = opt.normaliser_mnist(x), opt.normaliser_mnist(xt)
    donnees = ((X[:55000], y[:55000]), (X[55000:], y[55000:]), (Xt, yt))
    debut = time.perf_counter()
    par_graine = {}
    for graine in args.graines:
        print(f"graine {graine} : {args.epoques} époques par optimiseur", flush=True)
        par_graine[graine] = opt.course_optimiseurs(CONFIGURATIONS, donnees, epoques=args.epoques, graine=graine,
                                                    verbose=2)
    minutes = (time.perf_counter() - debut) / 60
    mesures = {}
    for nom in CONFIGURATIONS:
        tests = [par_graine[g][nom]["exactitude_test"] for g in args.graines]
        vals = [par_graine[g][nom]["exactitude_val"][-1] for g in args.graines]
        mesures[nom] = {
            "source_exactitude_test": SOURCE[nom],
            "exactitude_test": float(np.mean(tests)), "exactitude_test_par_graine": tests,
            "exactitude_validation": float(np.mean(vals)), "exactitude_validation_par_graine": vals,
            "exactitude_validation_par_epoque": {g: par_graine[g][nom]["exactitude_val"] for g in args.graines},
            "perte_par_epoque": {g: par_graine[g][nom]["perte"] for g in args.graines},
            "secondes": float(np.mean([par_graine[g][nom]["secondes"] for g in args.graines])),
        }
    mesures["budget"] = {"epoques": args.epoques, "images_apprentissage": 55000, "images_validation": 5000,
                         "images_test": len(Xt), "lot": 128, "graines": args.graines, "minutes": round(minutes, 1),
                         "source": "10 époques sur 60 000 images, lots de 128 (002 §1.6 et §2.8)"}
    for partie, cle in (("validation", "exactitude_validation"), ("test", "exactitude_test")):
        mesures[f"classement_{partie}"] = " < ".join(sorted(CONFIGURATIONS, key=lambda n: mesures[n][cle]))
    mesures["classement_source"] = "SGD < moment < Adam < AdamW"
    # une mesure par budget (nombre d'époques) : un budget relancé ne remplace que sa ligne
    chemin = ecrire_resultats("optimiseurs", {f"{args.epoques}_epoques": mesures}, fusionner=True)
    print(f"\n{'optimiseur':<8} {'source':>8} {'test':>8} {'validation':>11}   (moyennes sur {len(args.graines)} graine(s))")
    for nom in CONFIGURATIONS:
        m = mesures[nom]
        print(f"{nom:<8} {m['source_exactitude_test']:>8.4f} {m['exactitude_test']:>8.4f} "
              f"{m['exactitude_validation']:>11.4f}")
    print(f"classement (validation) : {mesures['classement_validation']} ; (test) : {mesures['classement_test']} ; "
          f"{minutes:.1f} min")
    print("résultats :", chemin)


if __name__ == "__main__":
    main()
