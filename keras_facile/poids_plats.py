"""Les poids d'un réseau en un seul vecteur, dans l'ordre du livre (chapitre 9).

Le livre numérote les poids neurone par neurone, couche après couche : pour
chaque neurone, ses coefficients (un par entrée) puis son biais. Pour le
réseau 2 → 2 → 1 du « ou exclusif » : (a1, a2, a3) = neurone 1 (coefficient de x,
de y, biais), (a4, a5, a6) = neurone 2, (a7, a8, a9) = sortie. Keras range les
mêmes nombres autrement : W1 = [[a1, a4], [a2, a5]], b1 = [a3, a6], W2 = [[a7], [a8]], b2 = [a9].

>>> from keras_facile import *
>>> m = Sequential([Input(shape=(2,)), Dense(2), Dense(1)])
>>> definir_poids_plats(m, [1, 2, -3, -3, -2, 1, 1, 1, -1])
>>> m.layers[0].get_weights()[0].tolist()
[[1.0, -3.0], [2.0, -2.0]]
"""
from __future__ import annotations

import numpy as np

from . import verifications as verif

__all__ = ["poids_plats", "definir_poids_plats", "vers_keras", "depuis_keras"]


def depuis_keras(poids) -> np.ndarray:
    """Liste Keras [W1, b1, W2, b2, …] → vecteur du livre."""
    morceaux = []
    for W, b in zip(poids[0::2], poids[1::2]):
        morceaux.append(np.concatenate([np.asarray(W, dtype=np.float64).T, np.asarray(b, dtype=np.float64)[:, None]],
                                       axis=1).ravel())
    return np.concatenate(morceaux)


def vers_keras(vecteur, formes) -> list[np.ndarray]:
    """Vecteur du livre → liste Keras, pour des couches de formes [(n_entrées, n_neurones), …]."""
    vecteur = verif.tableau("vecteur", vecteur).ravel()
    attendu = sum((n + 1) * p for n, p in formes)
    if vecteur.size != attendu:
        raise ValueError(f"vecteur doit avoir {attendu} valeurs pour ce réseau (coefficients et biais de chaque "
                         f"neurone), reçu {vecteur.size} valeurs")
    poids, debut = [], 0
    for n, p in formes:
        bloc = vecteur[debut:debut + (n + 1) * p].reshape(p, n + 1)
        poids += [bloc[:, :n].T.copy(), bloc[:, n].copy()]
        debut += (n + 1) * p
    return poids


def _formes(modele):
    verif.modele_keras("modele", modele)
    return [verif.couche_dense(modele, i, aide="les poids plats ne concernent que les réseaux de couches Dense")
            .kernel.shape for i in range(len(modele.layers))]


def poids_plats(modele) -> np.ndarray:
    """Les poids de ``modele`` (couches Dense) en un vecteur, dans l'ordre du livre."""
    _formes(modele)
    return depuis_keras(modele.get_weights())


def definir_poids_plats(modele, vecteur):
    """Fixe tous les poids de ``modele`` à partir du vecteur du livre (a1, a2, …)."""
    modele.set_weights(vers_keras(vecteur, [tuple(f) for f in _formes(modele)]))
