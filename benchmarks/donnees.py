"""Banc d'essai des données : le pipeline chats/chiens et la vectorisation IMDB.

- Chats et chiens à 64×64 : temps jusqu'au premier lot et images par seconde sur
  deux époques, avec ``keras_facile.donnees.charger_chats_chiens`` (tf.data,
  ``cache`` + ``prefetch``) contre la manière du livre. ``ImageDataGenerator``
  n'existe plus en Keras 3 : on la remplace par une boucle Python qui décode et
  redimensionne chaque image avec Pillow à chaque époque, comme le faisait
  ``flow_from_directory``.
- IMDB : vectorisation multi-hot de 25 000 critiques (num_words = 1000),
  ``vectoriser_sequences`` contre la double boucle du livre.

    KERAS_FACILE_DATA=../shared/data python benchmarks/donnees.py
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from keras_facile import donnees as kd

from commun import ecrire_resultats


def boucle_pillow(dossier: Path, taille=(64, 64), batch_size=32, epoques=2):
    """La manière du livre sans ImageDataGenerator : décoder chaque image à chaque époque."""
    from PIL import Image

    fichiers = sorted((dossier / "train").glob("*/*.jpg"))
    rng = np.random.default_rng(0)
    debut = time.perf_counter()
    premier = None
    n = 0
    for _ in range(epoques):
        ordre = rng.permutation(len(fichiers))
        for k in range(0, len(ordre), batch_size):
            lot = np.stack([np.asarray(Image.open(fichiers[i]).convert("RGB").resize(taille), dtype=np.float32) / 255
                            for i in ordre[k:k + batch_size]])
            n += len(lot)
            if premier is None:
                premier = time.perf_counter() - debut
    return premier, n / (time.perf_counter() - debut)


def pipeline_tf_data(taille=(64, 64), batch_size=32, epoques=2):
    debut = time.perf_counter()
    train, _, _ = kd.charger_chats_chiens(taille=taille, batch_size=batch_size)
    premier = None
    n = 0
    for _ in range(epoques):
        for images, _ in train:
            n += len(images)
            if premier is None:
                premier = time.perf_counter() - debut
    return premier, n / (time.perf_counter() - debut)


def vectorisation_du_livre(X_data, nb_mots_total):
    vecteurs = np.zeros((len(X_data), nb_mots_total))
    for i in range(len(X_data)):
        for c in X_data[i]:
            vecteurs[i, c] = 1.0
    return vecteurs


def main():
    dossier = kd.dossier_chats_chiens()
    kd.charger_chats_chiens()   # vérification des images et vue du cache faites une fois, hors chrono
    p_livre, ips_livre = boucle_pillow(dossier)
    p_nous, ips_nous = pipeline_tf_data()

    (x, _), _ = kd.charger_imdb(num_words=1000)
    debut = time.perf_counter()
    v_livre = vectorisation_du_livre(x, 1000)
    t_livre = time.perf_counter() - debut
    debut = time.perf_counter()
    v_nous = kd.vectoriser_sequences(x, 1000)
    t_nous = time.perf_counter() - debut
    assert np.array_equal(v_livre, v_nous)

    mesures = {
        "chats_chiens_premier_lot_boucle_pillow": {"valeur": p_livre, "unite": "s"},
        "chats_chiens_premier_lot_tf_data": {"valeur": p_nous, "unite": "s"},
        "chats_chiens_images_par_s_boucle_pillow": {"valeur": ips_livre, "unite": "images/s (2 époques)"},
        "chats_chiens_images_par_s_tf_data": {"valeur": ips_nous, "unite": "images/s (2 époques)"},
        "chats_chiens_rapport": {"valeur": ips_nous / ips_livre, "unite": "fois plus d'images/s"},
        "imdb_vectorisation_25000_livre": {"valeur": t_livre, "unite": "s"},
        "imdb_vectorisation_25000_keras_facile": {"valeur": t_nous, "unite": "s"},
        "imdb_vectorisation_rapport": {"valeur": t_livre / t_nous, "unite": "fois plus rapide"},
    }
    print(f"{'mesure':<45} {'valeur':>10}  unité")
    for nom, m in mesures.items():
        print(f"{nom:<45} {m['valeur']:>10.2f}  {m['unite']}")
    print("résultats écrits dans", ecrire_resultats("donnees", mesures))


if __name__ == "__main__":
    main()
