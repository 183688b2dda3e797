"""Évaluer un réseau en un point ou sur une grille, vite et sans barre de progression.

``modele.predict`` prépare à chaque appel toute la machinerie d'une époque
(≈ 30 ms) : pour un seul point c'est beaucoup. Ici, chaque modèle reçoit une
fois pour toutes une fonction TensorFlow compilée (``tf.function``) de
signature ``(None, n)`` ; les appels suivants coûtent quelques dixièmes de
milliseconde. Les poids modifiés par ``definir_poids`` sont bien pris en
compte : la fonction lit les variables du modèle.

>>> from keras_facile import *
>>> modele = Sequential([Input(shape=(2,)), Dense(1, activation="sigmoid")])
>>> definir_poids(modele, 0, 0, [1, 2], -1)
>>> round(evaluation(modele, 2.0, 1.0), 6)
0.952574
"""
from __future__ import annotations

import weakref

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif

import tensorflow as tf

__all__ = ["evaluation", "evaluer_lot", "dimension_entree", "dimension_sortie"]

_FONCTIONS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_TAILLE_PAQUET = 65536


def dimension_entree(modele) -> int:
    """Nombre d'entrées du réseau (``n`` de ``Input(shape=(n,))``)."""
    return verif.nombre_entrees("modele", modele)


def dimension_sortie(modele) -> int:
    """Nombre de neurones de la couche de sortie."""
    return int(modele.outputs[0].shape[-1])


class _Appel:
    """``modele(x, training=False)`` sans garder le modèle en vie (référence faible).

    Un objet appelable plutôt qu'une fonction locale : TensorFlow compte les
    compilations par code source, et avertirait à tort (« retracing ») dès
    qu'on évalue plusieurs modèles ; un objet distinct par modèle l'évite.
    """

    def __init__(self, modele):
        self.ref = weakref.ref(modele)

    def __call__(self, x):
        return self.ref()(x, training=False)


def _fonction_compilee(modele):
    # La fonction compilée a figé les couches du modèle au moment de sa
    # compilation : la clé est la liste des couches elles-mêmes (comparées par
    # identité), pas leur nombre. Après ``modele.pop(); modele.add(Dense(1))``
    # le nombre de couches est le même mais la dernière couche a changé : il
    # faut une nouvelle fonction, sinon on évaluerait l'ancien réseau.
    couches = tuple(modele.layers)
    n = dimension_entree(modele)
    deja = _FONCTIONS.get(modele)
    if deja is not None:
        anciennes, n_ancien, fonction = deja
        if n_ancien == n and len(anciennes) == len(couches) and all(a is b for a, b in zip(anciennes, couches)):
            return fonction
    fonction = tf.function(_Appel(modele), input_signature=[tf.TensorSpec((None, n), tf.float32)],
                           reduce_retracing=True)
    _FONCTIONS[modele] = (couches, n, fonction)
    return fonction


def _une_sortie(modele) -> None:
    """Refuse un modèle fonctionnel à plusieurs sorties : evaluation renvoie un nombre ou un vecteur."""
    try:
        sorties = modele.outputs
    except (AttributeError, ValueError):
        return
    if sorties and len(sorties) != 1:
        formes = [tuple(s.shape) for s in sorties]
        raise ValueError(f"modele doit être un réseau à une seule sortie, reçu un modèle à {len(sorties)} sorties "
                         f"de formes {formes} ; pour lui, appelez modele(np.array([[x1, x2, …]])) qui renvoie "
                         "une liste de tableaux, une par sortie")


def evaluer_lot(modele, X) -> np.ndarray:
    """Sorties du réseau pour chaque ligne de ``X`` (tableau ``(N, n)``) : tableau ``(N, p)``.

    Équivalent à ``modele.predict(X, verbose=0)`` mais sans surcoût par appel.
    """
    n = dimension_entree(modele)
    _une_sortie(modele)
    X = verif.tableau("X", X, dtype=np.float32, fini=False)
    if X.ndim == 1 and n == 1:
        X = X[:, None]
    X = verif.tableau("X", X, forme=(None, n), dtype=np.float32, fini=False,
                      aide=f"une ligne de {n} valeur(s) par point, pour ce réseau à {n} entrée(s)")
    fonction = _fonction_compilee(modele)
    if len(X) <= _TAILLE_PAQUET:
        return np.asarray(fonction(tf.constant(X)))
    return np.concatenate(
        [np.asarray(fonction(tf.constant(X[i:i + _TAILLE_PAQUET]))) for i in range(0, len(X), _TAILLE_PAQUET)]
    )


def _ndim(valeur) -> int:
    """``np.ndim`` sans exception : −1 pour une liste irrégulière (``[[1, 2], 3]``)."""
    try:
        return np.ndim(valeur)
    except ValueError:
        return -1


def _vecteur_entree(entree) -> np.ndarray:
    exemple = "evaluation(modele, 3), evaluation(modele, 2.0, 1.0) ou evaluation(modele, [7, -5])"
    if len(entree) == 0:
        raise TypeError(f"entree doit être un nombre ou une liste de nombres, reçu rien ; écrivez {exemple}")
    premier = entree[0]
    if _ndim(premier) == 0:
        valeurs, noms = list(entree), [f"entree[{i}]" for i in range(len(entree))]
    elif len(entree) == 1 and _ndim(premier) == 1:
        valeurs, noms = list(premier), [f"entree[{i}]" for i in range(len(premier))]
    else:
        raise TypeError("entree doit être des nombres ou une liste / un vecteur de nombres, "
                        f"reçu {verif.decrire(entree if len(entree) > 1 else premier)} ; écrivez {exemple}")
    if len(valeurs) == 1:
        noms = ["entree"]
    return np.asarray([verif.reel(nom, v, float32=True) for nom, v in zip(noms, valeurs)], dtype=np.float32)


def evaluation(modele, *entree):
    """Valeur du réseau en un point, comme dans le livre.

    ``evaluation(modele, 3)``, ``evaluation(modele, [7, -5])``,
    ``evaluation(modele, 2.0, 1.0)`` ou ``evaluation(modele, vecteur_numpy)``.
    Renvoie un ``float`` si la couche de sortie a un neurone, un vecteur numpy
    (un nombre par neurone de sortie) sinon. N'affiche rien.
    """
    n = dimension_entree(modele)
    _une_sortie(modele)
    x = _vecteur_entree(entree)
    if x.shape[0] != n:
        raise ValueError(f"entree doit avoir {n} valeur(s), une par entrée du réseau (Input(shape=({n},))), "
                         f"reçu {x.shape[0]} valeur(s)")
    sortie = evaluer_lot(modele, x[None, :])[0]
    if sortie.shape[0] == 1:
        return float(sortie[0])
    return sortie
