"""Les constructions du chapitre 5 : perceptrons, portes logiques, demi-plans, polygones.

Chaque fonction renvoie un modèle Keras aux poids fixés à la main, qu'on évalue
avec :func:`keras_facile.evaluation` et qu'on trace avec les ``affichage_*``.

>>> from keras_facile import evaluation
>>> et = porte_et()
>>> [evaluation(et, x, y) for x, y in [(0, 0), (0, 1), (1, 0), (1, 1)]]
[0.0, 0.0, 0.0, 1.0]
"""
from __future__ import annotations

import numbers

import numpy as np

from . import _config  # noqa: F401

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


def _matrice(valeurs, nom: str) -> np.ndarray:
    try:
        m = np.asarray(valeurs, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{nom} doit contenir des nombres, reçu {valeurs!r}") from None
    if not np.all(np.isfinite(m)):
        raise ValueError(f"{nom} contient une valeur non finie : {valeurs!r}")
    return m


def reseau_par_couches(n_entrees: int, couches) -> keras.Sequential:
    """Un réseau aux poids donnés : ``couches`` est une liste de ``(coeffs, biais, activation)``.

    ``coeffs`` se donne **par neurone** (une ligne par neurone, un coefficient
    par entrée), comme dans les schémas du livre ; ``biais`` un nombre par neurone.

    >>> F = reseau_par_couches(2, [([[2, -1], [-3, 2]], [0, 0], "relu"), ([[4, 5]], [-1], heaviside)])
    """
    if isinstance(n_entrees, bool) or not isinstance(n_entrees, numbers.Integral) or n_entrees <= 0:
        raise ValueError(f"n_entrees doit être un entier > 0, reçu {n_entrees!r}")
    modele = keras.Sequential([keras.Input(shape=(int(n_entrees),))])
    dimension = int(n_entrees)
    poids = []
    for k, couche in enumerate(couches):
        try:
            coeffs, biais, activation = couche
        except (TypeError, ValueError):
            raise TypeError(f"couche {k} : attendu (coeffs, biais, activation), reçu {couche!r}") from None
        coeffs = _matrice(coeffs, f"couche {k}, coeffs")
        if coeffs.ndim == 1:
            coeffs = coeffs[None, :]
        biais = _matrice(biais, f"couche {k}, biais").reshape(-1)
        if coeffs.ndim != 2 or coeffs.shape[1] != dimension:
            raise ValueError(f"couche {k} : chaque neurone doit avoir {dimension} coefficient(s), "
                             f"reçu des coeffs de forme {coeffs.shape}")
        if biais.shape[0] != coeffs.shape[0]:
            raise ValueError(f"couche {k} : {coeffs.shape[0]} neurone(s) mais {biais.shape[0]} biais")
        modele.add(keras.layers.Dense(coeffs.shape[0], activation=activation))
        poids.append((coeffs.T, biais))
        dimension = coeffs.shape[0]
    if not poids:
        raise ValueError("couches est vide : donnez au moins une couche")
    for layer, (c, b) in zip(modele.layers, poids):
        layer.set_weights([c.astype(np.float32), b.astype(np.float32)])
    return modele


def perceptron(coeffs, biais, activation=heaviside) -> keras.Sequential:
    """Un seul neurone : F(x) = φ(a_1 x_1 + … + a_n x_n + a_0)."""
    coeffs = _matrice(coeffs, "coeffs").reshape(-1)
    if coeffs.size == 0:
        raise ValueError("coeffs est vide : donnez un coefficient par entrée")
    biais = _matrice(biais, "biais")
    if biais.size != 1:
        raise ValueError(f"biais doit être un seul nombre pour un perceptron, reçu {biais.tolist()!r}")
    return reseau_par_couches(len(coeffs), [([coeffs], [biais], activation)])


def _nombre_entrees(n) -> int:
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n doit être un entier ≥ 1 (nombre d'entrées de la porte), reçu n={n!r}")
    return int(n)


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
    p = _matrice(sommets, "sommets")
    if p.ndim != 2 or p.shape[1] != 2 or len(p) < 3:
        raise ValueError(f"sommets doit être une liste d'au moins 3 points (x, y), reçu la forme {p.shape}")
    aire = 0.5 * np.sum(p[:, 0] * np.roll(p[:, 1], -1) - np.roll(p[:, 0], -1) * p[:, 1])
    if abs(aire) < 1e-12:
        raise ValueError("les sommets sont alignés : le polygone est vide")
    sens = 1.0 if aire > 0 else -1.0
    coeffs, biais = [], []
    for (x0, y0), (x1, y1) in zip(p, np.roll(p, -1, axis=0)):
        # intérieur à gauche du côté orienté (sens direct) : −(y1−y0)(x−x0) + (x1−x0)(y−y0) ≥ 0
        a, b = -(y1 - y0) * sens, (x1 - x0) * sens
        coeffs.append([a, b])
        biais.append(-(a * x0 + b * y0))
    if any(a * x + b * y + c < -1e-9 for (a, b), c in zip(coeffs, biais) for x, y in p):
        raise ValueError("le polygone n'est pas convexe (ou ses sommets ne sont pas dans l'ordre)")
    n = len(p)
    return reseau_par_couches(2, [(coeffs, biais, heaviside), ([[1.0] * n], [-float(n)], heaviside)])
