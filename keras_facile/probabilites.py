"""Probabilités du chapitre 16, écrites comme dans le livre et vérifiées contre Keras dans les tests.

>>> import numpy as np
>>> np.round(softmax([3, 1, 8, 6, 0]), 4).tolist()
[0.0059, 0.0008, 0.8746, 0.1184, 0.0003]
"""
from __future__ import annotations

import numpy as np

from . import verifications as verif

__all__ = [
    "softmax", "jacobien_softmax", "erreur_quadratique_moyenne", "erreur_absolue_moyenne", "erreur_log_moyenne",
    "entropie_croisee_binaire", "entropie_croisee", "normaliser", "standardiser", "loi_normale", "dropout_livre",
]

EPSILON = 1e-7   # comme Keras : ỹ est ramené dans [ε, 1 − ε] avant le logarithme


def _paire(y, y_tilde):
    y, y_tilde = verif.tableau("y", y), verif.tableau("y_tilde", y_tilde)
    verif.meme_forme("y", y, "y_tilde", y_tilde)
    return y, y_tilde


def softmax(X):
    """σ_i(X) = e^{x_i} / Σ_j e^{x_j} (on retire max X avant l'exponentielle : même résultat, sans débordement)."""
    X = np.asarray(X, dtype=np.float64)
    e = np.exp(X - X.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def jacobien_softmax(X):
    """∂σ_i/∂x_j = σ_i(1 − σ_i) si i = j, −σ_i σ_j sinon : diag(s) − s sᵀ."""
    s = softmax(X)
    return np.diag(s) - np.outer(s, s)


def erreur_quadratique_moyenne(y, y_tilde):
    y, y_tilde = _paire(y, y_tilde)
    return float(np.mean((y - y_tilde) ** 2))


def erreur_absolue_moyenne(y, y_tilde):
    y, y_tilde = _paire(y, y_tilde)
    return float(np.mean(np.abs(y - y_tilde)))


def erreur_log_moyenne(y, y_tilde):
    """(1/N) Σ (ln(y + 1) − ln(ỹ + 1))²."""
    y, y_tilde = _paire(y, y_tilde)
    return float(np.mean((np.log(y + 1) - np.log(y_tilde + 1)) ** 2))


def entropie_croisee_binaire(y, y_tilde):
    """−(1/N) Σ [y ln ỹ + (1 − y) ln(1 − ỹ)].

    >>> round(entropie_croisee_binaire([1, 0, 1, 1, 0, 1], [0.9, 0.2, 0.8, 1, 0.1, 0.7]), 6)   # le livre : 0.168947
    0.168947
    """
    y, y_tilde = _paire(y, y_tilde)
    y_tilde = np.clip(y_tilde, EPSILON, 1 - EPSILON)
    return float(-np.mean(y * np.log(y_tilde) + (1 - y) * np.log(1 - y_tilde)))


def entropie_croisee(y, y_tilde):
    """Entropie croisée catégorielle : −(1/N) Σ_i Σ_k y_ik ln ỹ_ik (y en « one-hot »)."""
    y, y_tilde = _paire(np.atleast_2d(y), np.atleast_2d(y_tilde))
    y_tilde = np.clip(y_tilde / y_tilde.sum(axis=-1, keepdims=True), EPSILON, 1 - EPSILON)
    return float(-np.mean(np.sum(y * np.log(y_tilde), axis=-1)))


def normaliser(Y, a=0.0, b=1.0):
    """Ramène Y dans [a, b] par y ↦ a + (y − y_min)(b − a)/(y_max − y_min) (croissante ; la formule
    imprimée dans le livre échange a et b).

    >>> normaliser([2, 4, 6]).tolist(), normaliser([2, 4, 6], -1, 1).tolist()
    ([0.0, 0.5, 1.0], [-1.0, 0.0, 1.0])
    """
    Y = verif.tableau("Y", Y, vide=False)
    a, b = verif.reel("a", a), verif.reel("b", b)
    etendue = Y.max() - Y.min()
    if etendue == 0:
        raise ValueError(f"Y doit contenir au moins deux valeurs différentes, reçu {verif.decrire(Y)} dont toutes "
                         f"les valeurs valent {Y.flat[0]:g} : impossible de normaliser")
    return a + (Y - Y.min()) * (b - a) / etendue


def standardiser(X):
    """(x − µ)/σ avec l'écart type de la population (division par n)."""
    X = np.asarray(X, dtype=np.float64)
    return (X - X.mean()) / X.std()


def loi_normale(x, mu=0.0, sigma=1.0):
    """Densité de la loi normale N(µ, σ²)."""
    x = np.asarray(x, dtype=np.float64)
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))


def dropout_livre(x, p, rng=None, entrainement=True):
    """Le dropout du livre : chaque neurone est **gardé** avec la probabilité p (loi de Bernoulli) et sa
    sortie multipliée par 1/p ; en test, rien ne change. Keras : ``Dropout(rate=1 - p)``."""
    p = verif.reel("p", p, min=0, max=1, min_exclu=True, aide="p est la probabilité de garder un neurone")
    entrainement = verif.booleen("entrainement", entrainement)
    x = np.asarray(x, dtype=np.float64)
    if not entrainement:
        return x
    rng = np.random.default_rng() if rng is None else rng
    garde = rng.random(x.shape) < p
    return np.where(garde, x / p, 0.0)
