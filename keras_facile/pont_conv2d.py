"""Le pont entre la convolution du livre et ``keras.layers.Conv2D``.

Une couche ``Conv2D`` de Keras calcule une *corrélation* : le motif n'est pas
retourné. Pour obtenir la convolution A ⋆ M du livre (chapitres 12 et 13), on
charge dans la couche le motif retourné ``M[::-1, ::-1]`` ::

    >>> A = [[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]]
    >>> M = [[1, 0, 2], [2, 1, 0], [1, 0, 3]]
    >>> convolution_keras(A, M).astype(int)                    # A ⋆ M du livre
    array([[ 5,  9, 10,  0],
           [ 7, 17, 19, 16],
           [10, 12, 11,  0],
           [ 5, 10, 13,  5]])
    >>> convolution_keras(A, M, retourner=False).astype(int)   # ce que fait Conv2D : la corrélation
    array([[ 5,  6, 21,  6],
           [12, 17,  6,  9],
           [ 5, 12, 24,  2],
           [ 8,  9,  3,  3]])

La convolution écrite à la main est dans :mod:`keras_facile.convolution`.
"""
from __future__ import annotations

from . import _config  # noqa: F401

import numpy as np
import keras
from keras import layers

__all__ = ["couche_depuis_motif", "convolution_keras"]


def couche_depuis_motif(M, padding="same", retourner=True) -> layers.Conv2D:
    """Une couche ``Conv2D`` (1 filtre, sans biais) dont le noyau est le motif M du livre.

    Keras calcule une corrélation (le noyau n'est pas retourné) : pour obtenir la
    convolution A ⋆ M du livre, on charge ``M[::-1, ::-1]`` (``retourner=True``).
    Avec ``retourner=False`` la couche calcule la corrélation de A par M.
    """
    M = np.asarray(M, dtype="float32")
    if M.ndim != 2 or min(M.shape) < 1:
        raise ValueError(f"le motif M doit être une matrice 2-D non vide, reçu la forme {M.shape}")
    if padding not in ("same", "valid"):
        raise ValueError(f"padding doit valoir 'same' ou 'valid', reçu {padding!r}")
    if padding == "same" and (M.shape[0] % 2 == 0 or M.shape[1] % 2 == 0):
        raise ValueError(f"avec padding='same', le motif doit être de taille impaire, reçu {M.shape}")
    if not isinstance(retourner, bool):
        raise TypeError(f"retourner doit être True ou False, reçu {retourner!r}")
    noyau = M[::-1, ::-1] if retourner else M
    couche = layers.Conv2D(1, kernel_size=M.shape, padding=padding, use_bias=False)
    couche.build((None, None, None, 1))
    couche.set_weights([noyau.reshape(*M.shape, 1, 1).copy()])
    return couche


def convolution_keras(A, M, padding="same", retourner=True) -> np.ndarray:
    """Calcule A ⋆ M (ou la corrélation si ``retourner=False``) avec une couche ``Conv2D``."""
    A = np.asarray(A, dtype="float32")
    if A.ndim != 2:
        raise ValueError(f"A doit être une matrice 2-D, reçu la forme {A.shape}")
    couche = couche_depuis_motif(M, padding=padding, retourner=retourner)
    return keras.ops.convert_to_numpy(couche(A[None, :, :, None]))[0, :, :, 0]
