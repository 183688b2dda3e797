"""keras_facile — le livre « Mathématiques des réseaux de neurones » (exo7) en Keras 3.

``from keras_facile import *`` donne, comme dans le livre : ``Sequential``,
``Input``, ``Dense``, ``keras``, ``tf``, ``np``, ``plt`` et toutes les fonctions
du module (``definir_poids``, ``evaluation``, ``affichage_evaluation_une_var`` …).
"""
from . import _config  # noqa: F401  (backend TensorFlow, journaux discrets)

import numpy as np
import matplotlib
import matplotlib.pyplot as plt
import tensorflow as tf
import keras
from keras import Sequential, Input
from keras.layers import Dense

from .activations import heaviside

__version__ = "0.1.0"

__all__ = [
    "np", "plt", "tf", "keras", "Sequential", "Input", "Dense",
    "heaviside",
]
from .poids import affiche_poids, poids_a_zeros, definir_poids
from .evaluation import evaluation, evaluer_lot
from .graphiques import (
    affichage_evaluation_une_var,
    affichage_approximation,
    affichage_evaluation_deux_var_3d,
    affichage_evaluation_deux_var_2d,
    affichage_evaluation_trois_var,
)
from .gradients import get_weights_grad, gradient_entree, verifier_gradient

__all__ += [
    "affiche_poids", "poids_a_zeros", "definir_poids",
    "evaluation", "evaluer_lot",
    "affichage_evaluation_une_var", "affichage_approximation",
    "affichage_evaluation_deux_var_3d", "affichage_evaluation_deux_var_2d",
    "affichage_evaluation_trois_var",
    "get_weights_grad", "gradient_entree", "verifier_gradient",
]
from .approximation import calcul_approximation
from .poids_json import charger_poids, sauver_poids
from . import gpt  # noqa: F401  (enregistre les couches du petit GPT : load_model sans custom_objects)

__all__ += ["calcul_approximation", "charger_poids", "sauver_poids"]
