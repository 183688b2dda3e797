"""Fonctions d'activation du livre absentes de Keras : la marche de Heaviside.

>>> from keras_facile import *
>>> modele = Sequential([Input(shape=(1,)), Dense(1, activation=heaviside)])
>>> Dense(2, activation="heaviside")  # le nom en chaîne fonctionne aussi  # doctest: +ELLIPSIS
<Dense ...>
"""
from . import _config  # noqa: F401  (fixe le backend avant l'import de keras)

import keras
from keras import ops

__all__ = ["heaviside"]


@keras.saving.register_keras_serializable(package="keras_facile", name="heaviside")
def heaviside(x):
    """Fonction marche de Heaviside : H(x) = 0 si x < 0, H(x) = 1 si x ≥ 0.

    Convention du livre : H(0) = 1. Sa dérivée est nulle presque partout ; elle
    sert aux réseaux dont on fixe les poids à la main.

    >>> import numpy as np
    >>> np.asarray(heaviside(np.array([-1.0, 0.0, 2.0])))
    array([0., 1., 1.])
    """
    x = ops.convert_to_tensor(x)
    if not keras.backend.is_float_dtype(x.dtype):
        x = ops.cast(x, keras.config.floatx())
    return ops.cast(ops.greater_equal(x, 0), x.dtype)


def _enregistrer_nom_court():
    """Permet ``activation="heaviside"`` : Keras cherche les noms en chaîne dans
    le dictionnaire de ses activations intégrées (``keras.activations.get``)."""
    try:
        from keras.src import activations as _act

        _act.ALL_OBJECTS_DICT.setdefault("heaviside", heaviside)
    except (ImportError, AttributeError):  # pragma: no cover - autre version de Keras
        pass


_enregistrer_nom_court()
