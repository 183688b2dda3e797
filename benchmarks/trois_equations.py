"""Banc d'essai du chapitre 19 : un seul neurone sigmoïde sur les pixels bruts des chats et chiens,
contre le réseau convolutif du chapitre 14 ; et le MLP 784-256-10 de 001 sur MNIST.

    KERAS_FACILE_DATA=../shared/data python benchmarks/trois_equations.py [--graines 0 1 2] [--seulement neurone mlp]

- ``neurone`` : Flatten → Dense(1, sigmoïde) (12 289 poids) sur les photos 64 × 64 en
  couleur, entraîné comme le réseau du chapitre 14 (adam, lots de 32, entropie croisée
  binaire) avec le même budget que ``benchmarks/convolution.py`` (40 époques, 4 000
  photos) ; une mesure par graine, l'exactitude sur les 2 000 photos de test à la fin
  (le test ne sert à rien régler). Le chiffre du réseau convolutif est relu dans
  ``resultats/convolution.json`` (ligne ``chats-chiens/livre``) et recopié à côté.
- ``mlp`` : le MLP 784 → 256 (ReLU) → 10 de 001 §1.3 (203 530 poids), adam, lots de 128,
  2 époques sur les 60 000 images : 001 annonce « environ 97 % en moins d'une minute ».

Écrit ``resultats/trois_equations.json`` (une partie lancée seule ne remplace que ses lignes).
"""
from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

from keras_facile.parseur import ParseurFrancais  # noqa: E402  (aide et erreurs en français)
import keras
import numpy as np

from keras_facile.donnees import charger_chats_chiens, charger_mnist
from keras_facile.entrainement import ChronoEpoques

sys.path.insert(0, str(Path(__file__).resolve().parent))
from commun import DOSSIER_RESULTATS, ecrire_resultats  # noqa: E402

warnings.filterwarnings("ignore", message="`shuffle=True` was passed")


def neurone(graines, epoques=40):
    """Un neurone sigmoïde sur les 12 288 pixels, une mesure par graine."""
    par_graine = {}
    for graine in graines:
        keras.utils.set_random_seed(graine)
        ds_train, ds_test, _ = charger_chats_chiens(taille=(64, 64), batch_size=32, melanger=True, graine=graine)
        modele = keras.Sequential([keras.Input((64, 64, 3)), keras.layers.Flatten(),
                                   keras.layers.Dense(1, activation="sigmoid")])
        modele.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
        chrono = ChronoEpoques()
        historique = modele.fit(ds_train, epochs=epoques, verbose=2, callbacks=[chrono])
        _, exactitude = modele.evaluate(ds_test, verbose=0)
        images_test = sum(int(np.shape(y)[0]) for _, y in ds_test)
        images_train = sum(int(np.shape(y)[0]) for _, y in ds_train)
        par_graine[str(graine)] = {"exactitude_test": float(exactitude),
                                   "exactitude_entrainement": float(historique.history["accuracy"][-1]),
                                   "secondes_par_epoque": float(np.median(chrono.durees))}
        print(f"graine {graine} : exactitude test {exactitude:.4f}", flush=True)
    valeurs = [m["exactitude_test"] for m in par_graine.values()]
    mesure = {"poids": int(modele.count_params()), "epoques": epoques, "images_entrainement": images_train,
              "images_test": images_test, "optimiseur": "adam (lr 1e-3), lots de 32", "par_graine": par_graine,
              "exactitude_test_moyenne": float(np.mean(valeurs)), "exactitude_test_min": float(np.min(valeurs)),
              "exactitude_test_max": float(np.max(valeurs))}
    banc = DOSSIER_RESULTATS / "convolution.json"
    if banc.exists():
        cnn = json.loads(banc.read_text(encoding="utf-8"))["resultats"].get("chats-chiens/livre")
        if cnn is not None:
            mesure["reseau_convolutif_ch14"] = {k: cnn[k] for k in ("modele", "poids", "epoques", "images_entrainement",
                                                                    "exactitude_test", "secondes_par_epoque")}
            mesure["reseau_convolutif_ch14"]["source"] = "resultats/convolution.json, chats-chiens/livre"
    return mesure


def mlp(epoques=2):
    """Le MLP de 001 §1.3 sur MNIST complet ; l'exactitude et la durée à côté de « ≈ 97 % en < 1 min »."""
    (x, y), (xt, yt) = charger_mnist()
    X, Xt = (x.reshape(-1, 784) / 255).astype("float32"), (xt.reshape(-1, 784) / 255).astype("float32")
    keras.utils.set_random_seed(0)
    modele = keras.Sequential([keras.Input((784,)), keras.layers.Dense(256, activation="relu"), keras.layers.Dense(10)])
    modele.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                   metrics=["accuracy"])
    debut = time.perf_counter()
    modele.fit(X, y, batch_size=128, epochs=epoques, verbose=2)
    secondes = time.perf_counter() - debut
    exactitude = float(modele.evaluate(Xt, yt, verbose=0)[1])
    print(f"MLP 784-256-10 : exactitude test {exactitude:.4f} en {secondes:.1f} s", flush=True)
    return {"poids": int(modele.count_params()), "epoques": epoques, "images_entrainement": len(X),
            "exactitude_test": exactitude, "secondes_entrainement": secondes,
            "source": {"exactitude_test": 0.97, "secondes": "< 60", "texte": "001 TP jour 1 : « environ 97 % de "
                       "précision sur l'ensemble de test en moins d'une minute »"}}


def main():
    parseur = ParseurFrancais(description=__doc__.splitlines()[0])
    parseur.add_argument("--graines", nargs="+", type=int, default=[0, 1, 2])
    parseur.add_argument("--seulement", nargs="+", choices=["neurone", "mlp"], default=["neurone", "mlp"])
    args = parseur.parse_args()
    mesures = {}
    if "neurone" in args.seulement:
        mesures["neurone_seul_chats_chiens"] = neurone(args.graines)
    if "mlp" in args.seulement:
        mesures["mlp_001_mnist"] = mlp()
    print("résultats écrits dans", ecrire_resultats("trois_equations", mesures, fusionner=True))


if __name__ == "__main__":
    main()
