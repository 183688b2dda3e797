"""Ce que voit un réseau convolutif : les sorties (« cartes d'activation ») de ses couches.

Pour une image, chaque filtre d'une couche de convolution produit une carte : là
où elle est claire, le motif que le filtre a appris est présent (chapitre 14 §4) ::

    >>> from keras_facile.reseaux_convolutifs import modele_mnist_visualisation
    >>> modele = modele_mnist_visualisation()
    >>> cartes_activation(modele, 0, np.zeros((28, 28, 1))).shape    # 16 filtres, image 28 × 28
    (28, 28, 16)
    >>> cartes_activation(modele, 2, np.zeros((5, 28, 28, 1))).shape  # après le max-pooling
    (5, 14, 14, 16)
"""
from __future__ import annotations

from . import _config  # noqa: F401

import numpy as np
import keras

__all__ = ["sous_modele", "cartes_activation"]


def sous_modele(modele, couche: int) -> keras.Model:
    """Le modèle qui s'arrête à la sortie de la couche numéro ``couche`` (0 = la première)."""
    if (not isinstance(couche, (int, np.integer)) or isinstance(couche, bool)
            or not 0 <= couche < len(modele.layers)):
        raise ValueError(f"couche doit être un entier entre 0 et {len(modele.layers) - 1}, reçu {couche!r}")
    entrees = modele.inputs[0] if len(modele.inputs) == 1 else modele.inputs
    return keras.Model(inputs=entrees, outputs=modele.layers[int(couche)].output)


def cartes_activation(modele, couche: int, images) -> np.ndarray:
    """Sorties de la couche ``couche`` pour une image (h, l, c) ou un lot (n, h, l, c).

    Renvoie un tableau (n, h', l', filtres) (ou (h', l', filtres) pour une seule image).
    """
    images = np.asarray(images, dtype="float32")
    forme = tuple(modele.inputs[0].shape[1:])
    une_seule = images.ndim == len(forme)
    lot = images[None] if une_seule else images
    if lot.ndim != len(forme) + 1 or any(a is not None and a != b for a, b in zip(forme, lot.shape[1:])):
        raise ValueError(f"images doit avoir la forme {forme} (une image) ou (n, {', '.join(map(str, forme))}) "
                         f"(un lot), reçu {images.shape}")
    sorties = keras.ops.convert_to_numpy(sous_modele(modele, couche)(lot, training=False))
    return sorties[0] if une_seule else sorties
