"""Entraîner vite les petits réseaux du livre : des milliers d'époques sans le surcoût de ``fit``.

Le livre entraîne souvent un petit réseau sur 100 ou 625 points pendant 1000 à
4000 époques « plein lot » (``batch_size = N``). Avec Keras 3, ``fit`` coûte
environ 90 ms par époque quelle que soit la taille du réseau : 4000 époques
prennent six minutes. :func:`entrainer_rapide` fait exactement les mêmes pas
(même optimiseur, même perte compilée, lots dans l'ordre, sans mélange) dans
une boucle TensorFlow compilée, par paquets d'époques : quelques secondes.

>>> from keras_facile import *
>>> modele = Sequential([Input(shape=(1,)), Dense(1)])
>>> modele.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
>>> historique = entrainer_rapide(modele, np.zeros((4, 1)), np.ones((4, 1)), epochs=50)
>>> len(historique["loss"])
50
"""
from __future__ import annotations

import sys
import time

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif

import keras
import tensorflow as tf

__all__ = ["entrainer_rapide", "ChronoEpoques"]


def _tableau(valeur, nom):
    tableau = verif.tableau(nom, valeur, dtype=np.float32, vide=False)
    if tableau.ndim == 0:
        raise ValueError(f"{nom} doit être un tableau (N, …), un exemple par ligne, reçu {verif.decrire(valeur)}")
    return tableau[:, None] if tableau.ndim == 1 else tableau


class _Boucle:
    """Un objet appelable par entraînement : TensorFlow compte les compilations par
    code source et avertirait à tort de « retraçages » d'un modèle à l'autre."""

    def __init__(self, corps):
        self.corps = corps

    def __call__(self, k):
        return self.corps(k)


def entrainer_rapide(modele, X, Y, epochs, batch_size=None, verbose=0, paquet=None):
    """Entraîne ``modele`` (déjà compilé) comme ``fit(X, Y, epochs, batch_size, shuffle=False)``.

    Les lots sont pris dans l'ordre ; ``batch_size=None`` : un seul lot (plein
    lot, le cas du livre). Renvoie ``{"loss": [perte de chaque époque]}`` comme
    ``history.history`` (perte moyenne des lots de l'époque, avant chaque pas).
    ``verbose=1`` affiche la perte tous les ``paquet`` époques.
    """
    verif.modele_keras("modele", modele)
    if not getattr(modele, "compiled", False) or modele.optimizer is None:
        raise ValueError("modele doit être compilé, reçu un modèle non compilé ; "
                         "appelez modele.compile(loss=..., optimizer=...)")
    epochs = verif.entier("epochs", epochs, min=1)
    X, Y = _tableau(X, "X"), _tableau(Y, "Y")
    verif.meme_forme("X", X, "Y", Y, axe=0)
    verif.donnees_du_modele(modele, X, Y)       # pas de diffusion silencieuse (Y (N, 3) face à une sortie (N, 1))
    n = len(X)
    batch_size = n if batch_size is None else verif.entier("batch_size", batch_size, min=1)
    batch_size = min(batch_size, n)
    nb_lots = -(-n // batch_size)
    paquet = min(epochs, max(1, 20000 // nb_lots)) if paquet is None else verif.entier("paquet", paquet, min=1)

    Xt, Yt = tf.constant(X), tf.constant(Y)
    variables = modele.trainable_variables
    optimiseur = modele.optimizer
    if not optimiseur.built:
        optimiseur.build(variables)
    n_f = tf.constant(float(n))

    def corps(k):
        pertes = tf.TensorArray(tf.float32, size=k)
        for e in tf.range(k):
            total = tf.constant(0.0)
            for i in tf.range(nb_lots):
                debut = i * batch_size
                xb, yb = Xt[debut:debut + batch_size], Yt[debut:debut + batch_size]
                with tf.GradientTape() as bande:
                    y_pred = modele(xb, training=True)
                    perte = modele.compute_loss(x=xb, y=yb, y_pred=y_pred)
                gradients = bande.gradient(perte, variables)
                optimiseur.apply_gradients(zip(gradients, variables))
                total += tf.cast(perte, tf.float32) * tf.cast(tf.shape(xb)[0], tf.float32)
            pertes = pertes.write(e, total / n_f)
        return pertes.stack()

    epoques = tf.function(_Boucle(corps), reduce_retracing=True)
    historique = []
    debut = time.perf_counter()
    while len(historique) < epochs:
        k = min(paquet, epochs - len(historique))
        historique.extend(float(v) for v in epoques(tf.constant(k, dtype=tf.int32)).numpy())
        if verbose:
            print(f"  époque {len(historique):>6}/{epochs}  erreur {historique[-1]:.6g}  "
                  f"({time.perf_counter() - debut:.1f} s)", file=sys.stdout, flush=True)
    return {"loss": historique}


class ChronoEpoques(keras.callbacks.Callback):
    """Rappel (« callback ») de ``fit`` qui mesure la durée de chaque époque, en secondes (``durees``)."""

    def on_train_begin(self, logs=None):
        self.durees = []

    def on_epoch_begin(self, epoch, logs=None):
        self._debut = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.durees.append(time.perf_counter() - self._debut)
