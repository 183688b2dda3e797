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

import numbers

import numpy as np

from . import _config  # noqa: F401

import keras

__all__ = ["affiche_poids", "poids_a_zeros", "definir_poids", "couche_dense"]


def _entier(valeur, nom: str) -> int:
    if isinstance(valeur, (bool, np.bool_)) or not isinstance(valeur, numbers.Integral):
        raise TypeError(f"{nom} doit être un entier, reçu {valeur!r} ({type(valeur).__name__})")
    return int(valeur)


def couche_dense(modele, couche, fonction: str = "cette fonction"):
    """Renvoie ``modele.layers[couche]`` après avoir vérifié que c'est une couche
    ``Dense`` avec biais (message en français sinon)."""
    if not isinstance(modele, keras.Model):
        raise TypeError(f"{fonction} : modele doit être un modèle Keras, reçu {type(modele).__name__}")
    couche = _entier(couche, "couche")
    couches = modele.layers
    if not couches:
        raise ValueError(f"{fonction} : le modèle n'a aucune couche ; ajoutez-en avec modele.add(Dense(...))")
    if not 0 <= couche < len(couches):
        raise ValueError(
            f"{fonction} : couche={couche} n'existe pas ; le modèle a {len(couches)} couche(s), "
            f"numérotées de 0 à {len(couches) - 1} (la couche Input n'est pas comptée)"
        )
    layer = couches[couche]
    if not isinstance(layer, keras.layers.Dense):
        raise ValueError(
            f"{fonction} : la couche {couche} ({layer.name}) est de type {type(layer).__name__}, "
            "or seules les couches Dense ont des poids « coefficients + biais » par neurone"
        )
    if not layer.built:
        raise ValueError(
            f"{fonction} : la couche {couche} n'a pas encore de poids ; commencez le modèle par "
            "Input(shape=(n,)) pour fixer la dimension d'entrée"
        )
    if not layer.use_bias:
        raise ValueError(f"{fonction} : la couche {couche} n'a pas de biais (use_bias=False)")
    return layer


def affiche_poids(modele, couche):
    """Affiche les poids de la couche ``couche``, neurone par neurone (format du livre)."""
    layer = couche_dense(modele, couche, "affiche_poids")
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
    layer = couche_dense(modele, couche, "poids_a_zeros")
    layer.set_weights([np.zeros_like(w) for w in layer.get_weights()])


def _nombre(valeur, nom: str) -> float:
    if isinstance(valeur, (bool, np.bool_)) or not isinstance(valeur, (numbers.Real, np.number)) \
            or isinstance(valeur, (complex, np.complexfloating)):
        raise TypeError(f"{nom} doit être un nombre réel, reçu {valeur!r} ({type(valeur).__name__})")
    valeur = float(valeur)
    if not np.isfinite(valeur):
        raise ValueError(f"{nom} doit être un nombre fini, reçu {valeur}")
    return valeur


def definir_poids(modele, couche, rang, coeff, biais):
    """Fixe les poids du neurone numéro ``rang`` de la couche ``couche``.

    ``coeff`` : un nombre (une entrée), une liste, un tuple ou un vecteur numpy
    (un coefficient par entrée) ; ``biais`` : un nombre. Les autres neurones
    gardent leurs poids. En cas d'erreur, rien n'est modifié.
    """
    layer = couche_dense(modele, couche, "definir_poids")
    rang = _entier(rang, "rang")
    poids_coeff, poids_biais = layer.get_weights()
    nb_entrees, nb_neurones = poids_coeff.shape
    if not 0 <= rang < nb_neurones:
        raise ValueError(
            f"definir_poids : rang={rang} n'existe pas ; la couche {couche} a {nb_neurones} "
            f"neurone(s), numérotés de 0 à {nb_neurones - 1}"
        )
    if np.ndim(coeff) == 0:
        valeurs = [_nombre(coeff, "coeff")]
    elif isinstance(coeff, (list, tuple, np.ndarray)) and np.ndim(coeff) == 1:
        valeurs = [_nombre(c, f"coeff[{i}]") for i, c in enumerate(coeff)]
    else:
        raise TypeError(
            "definir_poids : coeff doit être un nombre, une liste, un tuple ou un vecteur numpy, "
            f"reçu {type(coeff).__name__} de dimension {np.ndim(coeff)}"
        )
    if len(valeurs) != nb_entrees:
        raise ValueError(
            f"definir_poids : coeff contient {len(valeurs)} valeur(s) mais chaque neurone de la "
            f"couche {couche} a {nb_entrees} entrée(s) ; donnez exactement {nb_entrees} coefficient(s)"
        )
    valeur_biais = _nombre(biais, "biais")
    poids_coeff[:, rang] = valeurs
    poids_biais[rang] = valeur_biais
    layer.set_weights([poids_coeff, poids_biais])
