"""Banc d'essai des données : le pipeline chats/chiens et la vectorisation IMDB.

- Chats et chiens à 64×64 : temps jusqu'au premier lot et images par seconde sur
  deux époques, avec ``keras_facile.donnees.charger_chats_chiens`` (tf.data,
  ``cache`` + ``prefetch``) contre la manière du livre. ``ImageDataGenerator``
  n'existe plus en Keras 3 : on la remplace par une boucle Python qui décode et
  redimensionne chaque image avec Pillow à chaque époque, comme le faisait
  ``flow_from_directory``.
- IMDB : vectorisation multi-hot de 25 000 critiques (num_words = 1000),
  ``vectoriser_sequences`` contre la double boucle du livre.
- Ce que coûte la vérification d'un téléchargement : empreinte sha256 et relecture
  complète d'archive sur les vrais fichiers, et un téléchargement vérifié depuis un
  miroir local (http.server sur 127.0.0.1, ``KERAS_FACILE_MIROIR``) contre la même
  copie sans vérification.

    KERAS_FACILE_DATA=../shared/data python benchmarks/donnees.py
"""
from __future__ import annotations

import contextlib
import functools
import io
import http.server
import shutil
import tempfile
import threading
import time
import urllib.request
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


def cout_verification(fichier: Path) -> dict:
    """Secondes pour l'empreinte sha256 et pour la relecture complète de l'archive."""
    from keras_facile.donnees.recherche import controler_archive, empreinte

    debut = time.perf_counter()
    empreinte(fichier)
    t_sha = time.perf_counter() - debut
    debut = time.perf_counter()
    controler_archive(fichier)
    return {"sha256": t_sha, "relecture": time.perf_counter() - debut, "mo": fichier.stat().st_size / 1e6}


def telechargement_miroir(fichier: Path, repetitions: int = 3) -> tuple[float, float]:
    """(secondes sans vérification, secondes avec taille + sha256) pour télécharger ``fichier``
    depuis un miroir local ; meilleur de ``repetitions`` essais."""
    from keras_facile.donnees.recherche import empreinte, telecharger

    class Silencieux(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                              functools.partial(Silencieux, directory=str(fichier.parent)))
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{serveur.server_port}/{fichier.name}"
    sha, taille = empreinte(fichier), fichier.stat().st_size
    brut, verifie = [], []
    try:
        with tempfile.TemporaryDirectory() as dossier:
            for k in range(repetitions):
                debut = time.perf_counter()
                with urllib.request.urlopen(url) as r, open(Path(dossier) / f"brut{k}", "wb") as f:
                    shutil.copyfileobj(r, f, 1 << 16)
                brut.append(time.perf_counter() - debut)
                debut = time.perf_counter()
                with contextlib.redirect_stderr(io.StringIO()):     # sans la barre de progression
                    telecharger(url, Path(dossier) / f"verifie{k}" / fichier.name, sha256=sha, taille=taille)
                verifie.append(time.perf_counter() - debut)
    finally:
        serveur.shutdown()
        serveur.server_close()
    return min(brut), min(verifie)


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

    source_mnist = kd.localiser("mnist").chemin
    t_brut, t_verifie = telechargement_miroir(source_mnist)
    couts = {nom: cout_verification(kd.localiser(nom).chemin)
             for nom in ("mnist", "imdb") if kd.localiser(nom).chemin.is_file()}
    archive_chats = kd.localiser("chats_chiens").chemin
    if archive_chats.is_file():
        couts["chats_chiens"] = cout_verification(archive_chats)

    mesures = {
        "chats_chiens_premier_lot_boucle_pillow": {"valeur": p_livre, "unite": "s"},
        "chats_chiens_premier_lot_tf_data": {"valeur": p_nous, "unite": "s"},
        "chats_chiens_images_par_s_boucle_pillow": {"valeur": ips_livre, "unite": "images/s (2 époques)"},
        "chats_chiens_images_par_s_tf_data": {"valeur": ips_nous, "unite": "images/s (2 époques)"},
        "chats_chiens_rapport": {"valeur": ips_nous / ips_livre, "unite": "fois plus d'images/s"},
        "imdb_vectorisation_25000_livre": {"valeur": t_livre, "unite": "s"},
        "imdb_vectorisation_25000_keras_facile": {"valeur": t_nous, "unite": "s"},
        "imdb_vectorisation_rapport": {"valeur": t_livre / t_nous, "unite": "fois plus rapide"},
        "telechargement_miroir_mnist_brut": {"valeur": t_brut, "unite": f"s ({source_mnist.stat().st_size / 1e6:.1f} Mo, 127.0.0.1)"},
        "telechargement_miroir_mnist_verifie": {"valeur": t_verifie, "unite": "s (taille + sha256, renommage)"},
        "telechargement_miroir_surcout": {"valeur": t_verifie / t_brut, "unite": "fois le temps sans vérification"},
    }
    for nom, c in couts.items():
        mesures[f"verification_sha256_{nom}"] = {"valeur": c["sha256"], "unite": f"s ({c['mo']:.1f} Mo)"}
        mesures[f"verification_relecture_archive_{nom}"] = {"valeur": c["relecture"], "unite": f"s ({c['mo']:.1f} Mo)"}
    print(f"{'mesure':<45} {'valeur':>10}  unité")
    for nom, m in mesures.items():
        print(f"{nom:<45} {m['valeur']:>10.2f}  {m['unite']}")
    print("résultats écrits dans", ecrire_resultats("donnees", mesures))


if __name__ == "__main__":
    main()
