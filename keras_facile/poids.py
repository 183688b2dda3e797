"""Lire et fixer à la main les poids d'un réseau, neurone par neurone.

Numérotation du livre : ``couche`` indexe ``modele.layers`` (la couche d'entrée
``Input`` n'est pas comptée), ``rang`` est le numéro du neurone dans la couche.

>>> from keras_facile import *
>>> modele = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
>>> definir_poids(modele, 0, 0, 1, -1)
>>> definir_poids(modele, 0, 1, -0.5, 1)
>>> definir_poids(modele, 1, 0, [1, 1], 0)
>>> evaluation(modele, 3)
2.0
"""
from __future__ import annotations

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif
from .verifications import couche_dense

__all__ = ["affiche_poids", "poids_a_zeros", "definir_poids", "couche_dense"]


def affiche_poids(modele, couche):
    """Affiche les poids de la couche ``couche``, neurone par neurone (format du livre)."""
    layer = couche_dense(modele, couche)
    coeff, biais = layer.get_weights()
    nb_entrees, nb_neurones = coeff.shape
    print("\n\n===== Couche numéro", couche, "=====")
    print("Nombre de neurones :", nb_neurones)
    print("Nombre d'entrées par neurones :", nb_entrees)
    print("Nombre de poids par neurones :", nb_entrees + 1)
    print()
    for i in range(nb_neurones):
        print("    --- Neurone numéro", i, "---")
        print("    Coefficients", coeff[:, i])
        print("    Biais", biais[i])


def poids_a_zeros(modele, couche):
    """Met à zéro tous les poids (coefficients et biais) de la couche ``couche``.

    Purement esthétique : les poids initiaux sont aléatoires, ceci rend
    l'affichage lisible avant de fixer les neurones un par un."""
    layer = couche_dense(modele, couche)
    layer.set_weights([np.zeros_like(w) for w in layer.get_weights()])


def definir_poids(modele, couche, rang, coeff, biais):
    """Fixe les poids du neurone numéro ``rang`` de la couche ``couche``.

    ``coeff`` : un nombre (une entrée), une liste, un tuple ou un vecteur numpy
    (un coefficient par entrée) ; ``biais`` : un nombre. Les autres neurones
    gardent leurs poids. En cas d'erreur, rien n'est modifié.
    """
    layer = couche_dense(modele, couche)
    poids_coeff, poids_biais = layer.get_weights()
    nb_entrees, nb_neurones = poids_coeff.shape
    rang = verif.entier("rang", rang, min=0, max=nb_neurones - 1,
                        aide=f"la couche {couche} a {nb_neurones} neurone{'s' if nb_neurones > 1 else ''}")
    try:
        dimension = np.ndim(coeff)
    except ValueError:                   # liste irrégulière, comme [[1, 2], 3]
        dimension = -1
    if dimension == 0:
        valeurs = [verif.reel("coeff", coeff, float32=True)]
    elif isinstance(coeff, (list, tuple, np.ndarray)) and dimension == 1:
        valeurs = [verif.reel(f"coeff[{i}]", c, float32=True) for i, c in enumerate(coeff)]
    else:
        raise TypeError("coeff doit être un nombre, une liste, un tuple ou un vecteur numpy, "
                        f"reçu {verif.decrire(coeff)}")
    if len(valeurs) != nb_entrees:
        raise ValueError(
            f"coeff doit contenir {nb_entrees} valeur(s), un coefficient par entrée des neurones de la couche "
            f"{couche}, reçu {len(valeurs)} valeur(s)"
        )
    valeur_biais = verif.reel("biais", biais, float32=True)
    poids_coeff[:, rang] = valeurs
    poids_biais[rang] = valeur_biais
    layer.set_weights([poids_coeff, poids_biais])
