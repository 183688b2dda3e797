"""Les constructions du chapitre 5 : perceptrons, portes logiques, demi-plans, polygones.

Chaque fonction renvoie un modèle Keras aux poids fixés à la main, qu'on évalue
avec :func:`keras_facile.evaluation` et qu'on trace avec les ``affichage_*``.

>>> from keras_facile import evaluation
>>> et = porte_et()
>>> [evaluation(et, x, y) for x, y in [(0, 0), (0, 1), (1, 0), (1, 1)]]
[0.0, 0.0, 0.0, 1.0]
"""
from __future__ import annotations

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif

import keras

from .activations import heaviside

__all__ = [
    "reseau_par_couches",
    "perceptron",
    "porte_ou",
    "porte_et",
    "porte_non",
    "porte_ou_exclusif",
    "demi_plan",
    "polygone_convexe",
]


def reseau_par_couches(n_entrees: int, couches) -> keras.Sequential:
    """Un réseau aux poids donnés : ``couches`` est une liste de ``(coeffs, biais, activation)``.

    ``coeffs`` se donne **par neurone** (une ligne par neurone, un coefficient
    par entrée), comme dans les schémas du livre ; ``biais`` un nombre par neurone.

    >>> from keras_facile import evaluation
    >>> F = reseau_par_couches(2, [([[2, -1], [-3, 2]], [0, 0], "relu"), ([[4, 5]], [-1], heaviside)])
    >>> evaluation(F, 4, 7), evaluation(F, 0.1, 0.1)
    (1.0, 0.0)
    """
    dimension = verif.entier("n_entrees", n_entrees, min=1)
    attendu = "couches doit être une liste non vide de (coeffs, biais, activation)"
    try:
        couches = list(couches)
    except TypeError:
        raise TypeError(f"{attendu}, reçu {verif.decrire(couches)}") from None
    if not couches:
        raise ValueError(f"{attendu}, reçu une liste vide")
    modele = keras.Sequential([keras.Input(shape=(dimension,))])
    poids = []
    for k, couche in enumerate(couches):
        try:
            coeffs, biais, activation = couche
        except (TypeError, ValueError):
            raise TypeError(f"couches[{k}] doit être un triplet (coeffs, biais, activation), "
                            f"reçu {verif.decrire(couche)}") from None
        coeffs = verif.tableau(f"couches[{k}] (coeffs)", coeffs, ndim=(1, 2), dtype=np.float32)
        if coeffs.ndim == 1:
            coeffs = coeffs[None, :]
        coeffs = verif.tableau(f"couches[{k}] (coeffs)", coeffs, forme=(None, dimension), dtype=np.float32,
                               aide=f"une ligne par neurone, {dimension} coefficient(s) par ligne")
        biais = verif.tableau(f"couches[{k}] (biais)", biais, dtype=np.float32).reshape(-1)
        if biais.shape[0] != coeffs.shape[0]:
            raise ValueError(f"couches[{k}] (biais) doit avoir {coeffs.shape[0]} valeur(s), une par neurone, "
                             f"reçu {biais.shape[0]} valeur(s)")
        modele.add(keras.layers.Dense(coeffs.shape[0], activation=activation))
        poids.append((coeffs.T, biais))
        dimension = coeffs.shape[0]
    for layer, (c, b) in zip(modele.layers, poids):
        layer.set_weights([c, b])
    return modele


def perceptron(coeffs, biais, activation=heaviside) -> keras.Sequential:
    """Un seul neurone : F(x) = φ(a_1 x_1 + … + a_n x_n + a_0)."""
    coeffs = verif.tableau("coeffs", coeffs, dtype=np.float32, vide=False,
                           aide="donnez un coefficient par entrée").reshape(-1)
    if isinstance(biais, (list, tuple, np.ndarray)) and np.size(biais) == 1:
        biais = np.asarray(biais).reshape(())         # [b] : un seul nombre, comme b
    biais = verif.reel("biais", biais, float32=True, aide="un perceptron n'a qu'un biais")
    return reseau_par_couches(len(coeffs), [([coeffs], [biais], activation)])


def _nombre_entrees(n) -> int:
    return verif.entier("n", n, min=1, aide="n est le nombre d'entrées de la porte")


def porte_ou(n: int = 2) -> keras.Sequential:
    """x_1 OU … OU x_n sur {0, 1}ⁿ : coefficients 1, biais −1."""
    return perceptron([1.0] * _nombre_entrees(n), -1.0)


def porte_et(n: int = 2, biais=None) -> keras.Sequential:
    """x_1 ET … ET x_n : coefficients 1, biais −n (le livre propose −n + 0.5 pour la robustesse)."""
    n = _nombre_entrees(n)
    return perceptron([1.0] * n, -float(n) if biais is None else biais)


def porte_non() -> keras.Sequential:
    """NON s = H(1 − 2s) : coefficient −2, biais 1."""
    return perceptron([-2.0], 1.0)


def porte_ou_exclusif() -> keras.Sequential:
    """x OU EXCLUSIF y = (x ET NON y) OU (NON x ET y), avec trois neurones (chapitre 5 §4).

    H(x − y − 1), H(−x + y − 1), puis OU : H(s_1 + s_2 − 1). Vaut 0 sur la bande
    entre les droites −x + y − 1 = 0 et x − y − 1 = 0, 1 ailleurs.
    """
    return reseau_par_couches(2, [([[1, -1], [-1, 1]], [-1, -1], heaviside), ([[1, 1]], [-1], heaviside)])


def demi_plan(a, b, c, activation=heaviside) -> keras.Sequential:
    """Le perceptron F(x, y) = φ(a x + b y + c) : 1 sur le demi-plan a x + b y + c ≥ 0."""
    return perceptron([a, b], c, activation)


def polygone_convexe(sommets) -> keras.Sequential:
    """Réseau (n + 1 neurones, Prop. 3 du chapitre 5) qui vaut 1 sur le polygone convexe
    de sommets ``sommets`` (bord compris) et 0 ailleurs.

    Un neurone par côté (le demi-plan qui contient le polygone), puis un ET
    (coefficients 1, biais −n). Les sommets se donnent dans l'ordre, dans un sens
    ou dans l'autre.
    """
    p = verif.tableau("sommets", sommets, forme=(None, 2), aide="une liste de points (x, y)")
    if len(p) < 3:
        raise ValueError(f"sommets doit être une liste d'au moins 3 points (x, y), reçu {len(p)} point(s)")
    aire = 0.5 * np.sum(p[:, 0] * np.roll(p[:, 1], -1) - np.roll(p[:, 0], -1) * p[:, 1])
    if abs(aire) < 1e-12:
        raise ValueError(f"sommets doit décrire un polygone non vide, reçu des sommets alignés {verif.decrire(sommets)}")
    sens = 1.0 if aire > 0 else -1.0
    coeffs, biais = [], []
    for (x0, y0), (x1, y1) in zip(p, np.roll(p, -1, axis=0)):
        # intérieur à gauche du côté orienté (sens direct) : −(y1−y0)(x−x0) + (x1−x0)(y−y0) ≥ 0
        a, b = -(y1 - y0) * sens, (x1 - x0) * sens
        coeffs.append([a, b])
        biais.append(-(a * x0 + b * y0))
    if any(a * x + b * y + c < -1e-9 for (a, b), c in zip(coeffs, biais) for x, y in p):
        raise ValueError("sommets doit décrire un polygone convexe, sommets dans l'ordre, "
                         f"reçu {verif.decrire(sommets)}, qui n'est pas convexe ou pas dans l'ordre")
    n = len(p)
    return reseau_par_couches(2, [(coeffs, biais, heaviside), ([[1.0] * n], [-float(n)], heaviside)])
