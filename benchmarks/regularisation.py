"""Banc d'essai de la grille dropout × weight decay du cours de master (002 §3.11), réduite pour un processeur.

    KERAS_FACILE_DATA=../shared/data python benchmarks/regularisation.py [--train 20000] [--val 10000] [--epoques 10] [--graine 0]

Le réseau ``RegularizedNet`` de 002 §3.10 (784 → 256 → 256 → 10, BatchNormalization,
ReLU, Dropout ; 271 370 paramètres), ``AdamW(1e-3, weight_decay=wd)``, entropie croisée
lissée (0.1), lots de 128, pour dropout ∈ {0, 0.1, 0.3, 0.5, 0.7} et
wd ∈ {0, 1e-5, 1e-4, 1e-3, 1e-2}, chaque case à la même graine.

Différences avec la source, dites dans les résultats : la source entraîne 20 époques
sur les 60 000 images augmentées (rotation ±10°, translation 10 %) et mesure son
« exactitude de validation » sur le **jeu de test** de MNIST (son ``val_loader`` est
``datasets.MNIST(train=False)``), c'est-à-dire qu'elle choisit ses réglages sur le test.
Ici : ``--train`` images d'entraînement et ``--val`` images de validation tirées des
60 000 d'entraînement (disjointes), sans augmentation ; la case choisie sur la
validation est ensuite entraînée une fois de plus et mesurée **une seule fois** sur
les 10 000 images de test. Les résultats sont réécrits après chaque case (une passe
interrompue laisse une grille partielle, marquée comme telle).
"""
from __future__ import annotations

import time

import numpy as np

from keras_facile.parseur import ParseurFrancais
from keras_facile import regularisation as rg
from keras_facile.donnees import charger_mnist

from commun import ecrire_resultats

TAUX_DROPOUT = [0.0, 0.1, 0.3, 0.5, 0.7]
WEIGHT_DECAYS = [0.0, 1e-5, 1e-4, 1e-3, 1e-2]
#: 002 §3.11, « exactitude de validation » imprimée (lignes : dropout, colonnes : weight decay)
SOURCE = [[0.9812, 0.9821, 0.9835, 0.9801, 0.9754],
          [0.9838, 0.9842, 0.9851, 0.9828, 0.9773],
          [0.9845, 0.9849, 0.9856, 0.9839, 0.9790],
          [0.9831, 0.9835, 0.9843, 0.9821, 0.9779],
          [0.9762, 0.9770, 0.9778, 0.9755, 0.9701]]
MOYENNE_MNIST, ECART_TYPE_MNIST = 0.1307, 0.3081       # la normalisation de la source


def preparer(x):
    return ((x.reshape(len(x), -1).astype("float32") / 255.0) - MOYENNE_MNIST) / ECART_TYPE_MNIST


def main(argv=None):
    parseur = ParseurFrancais(description=__doc__.splitlines()[0])
    parseur.add_argument("--train", type=int, default=20000, help="images d'entraînement (défaut : 20000)")
    parseur.add_argument("--val", type=int, default=10000, help="images de validation (défaut : 10000)")
    parseur.add_argument("--epoques", type=int, default=10, help="époques par case (défaut : 10)")
    parseur.add_argument("--graine", type=int, default=0,
                         help="graine (défaut : 0 → resultats/regularisation.json ; sinon regularisation_graineN.json)")
    args = parseur.parse_args(argv)
    # une autre graine (autre tirage des images, autre initialisation) : un autre fichier, pour mesurer le bruit
    nom_resultats = "regularisation" if args.graine == 0 else f"regularisation_graine{args.graine}"

    (x, y), (x_test, y_test) = charger_mnist(n_train=args.train + args.val, graine=args.graine)
    rng = np.random.default_rng(args.graine)
    ordre = rng.permutation(len(x))
    i_val, i_train = ordre[:args.val], ordre[args.val:]
    x_train, y_train, x_val, y_val = preparer(x[i_train]), y[i_train], preparer(x[i_val]), y[i_val]
    grille = np.full((len(TAUX_DROPOUT), len(WEIGHT_DECAYS)), np.nan)
    debut = time.perf_counter()
    budget = {"images_entrainement": int(len(x_train)), "images_validation": int(len(x_val)),
              "epoques": args.epoques, "lot": 128, "augmentation": False, "graine": args.graine,
              "source": {"images_entrainement": 60000, "epoques": 20, "augmentation": "rotation 10°, translation 0.1",
                         "validation": "le jeu de test de MNIST (choix des réglages sur le test)"}}

    def ecrire(complete, extra=None):
        mesures = {
            "taux_dropout": TAUX_DROPOUT, "weight_decays": WEIGHT_DECAYS,
            "source": SOURCE, "nous_validation": [[None if np.isnan(v) else round(float(v), 4) for v in ligne]
                                                  for ligne in grille],
            "complete": complete, "budget": {**budget, "minutes": round((time.perf_counter() - debut) / 60, 2)},
        }
        if complete:
            (mi, mj), (pi, pj) = rg.meilleure_et_pire(grille)
            (si, sj), (qi, qj) = rg.meilleure_et_pire(SOURCE)
            mesures["meilleure"] = {"nous": [TAUX_DROPOUT[mi], WEIGHT_DECAYS[mj]], "source": [TAUX_DROPOUT[si], WEIGHT_DECAYS[sj]]}
            mesures["pire"] = {"nous": [TAUX_DROPOUT[pi], WEIGHT_DECAYS[pj]], "source": [TAUX_DROPOUT[qi], WEIGHT_DECAYS[qj]]}
            mesures["moyenne_par_dropout"] = [round(float(v), 4) for v in grille.mean(axis=1)]
            mesures["moyenne_par_weight_decay"] = [round(float(v), 4) for v in grille.mean(axis=0)]
            mesures["erreur_type_binomiale_validation"] = round(float(np.sqrt(grille.max() * (1 - grille.max()) / len(x_val))), 4)
        mesures.update(extra or {})
        return ecrire_resultats(nom_resultats, mesures)

    def rappel(i, j, acc):
        print(f"dropout {TAUX_DROPOUT[i]:<4} wd {WEIGHT_DECAYS[j]:<7g} validation {acc:.4f} "
              f"(source {SOURCE[i][j]:.4f})  [{(time.perf_counter() - debut) / 60:.1f} min]", flush=True)
        grille[i, j] = acc
        ecrire(False)

    rg.grille_dropout_weight_decay(x_train, y_train, x_val, y_val, TAUX_DROPOUT, WEIGHT_DECAYS,
                                   epoques=args.epoques, graine=args.graine, rappel=rappel)
    (mi, mj), _ = rg.meilleure_et_pire(grille)
    # la case choisie sur la validation, mesurée une seule fois sur le test
    test = rg.grille_dropout_weight_decay(x_train, y_train, preparer(x_test), y_test, [TAUX_DROPOUT[mi]],
                                          [WEIGHT_DECAYS[mj]], epoques=args.epoques, graine=args.graine)
    chemin = ecrire(True, {"test_de_la_case_choisie": round(float(test[0, 0]), 4),
                           "images_test": int(len(x_test))})
    print("grille (validation) :")
    print(np.array2string(grille, precision=4))
    print(f"case choisie sur la validation : dropout {TAUX_DROPOUT[mi]}, wd {WEIGHT_DECAYS[mj]} ; "
          f"test {test[0, 0]:.4f}")
    print("écrit :", chemin)


if __name__ == "__main__":
    main()
