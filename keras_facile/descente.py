"""Descente de gradient en numpy (chapitres 8 et 9) : classique, moment, Nesterov,
stochastique et par lots, pas constants ou décroissants. Chaque fonction renvoie
toute la trajectoire, pour l'imprimer en tableau ou la tracer.

>>> import numpy as np
>>> f = lambda P: P[0] ** 2 + 3 * P[1] ** 2
>>> grad = lambda P: np.array([2 * P[0], 6 * P[1]])
>>> t = descente(f, grad, [2, 1], delta=0.2, n=2)
>>> t.points[1].tolist(), round(t.valeurs[1], 2)
([1.2, -0.2], 1.56)
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

__all__ = [
    "Trajectoire",
    "descente",
    "descente_stochastique",
    "pas_constant",
    "pas_lineaire",
    "pas_quadratique",
    "pas_exponentiel",
    "pas_keras",
    "meilleur_pas",
]


@dataclass
class Trajectoire:
    """Les points P_0, …, P_n, les valeurs f(P_k), les gradients en P_k et les pas δ_k."""

    points: np.ndarray
    valeurs: np.ndarray
    gradients: np.ndarray
    pas: np.ndarray
    erreurs_epoques: list = field(default_factory=list)

    @property
    def final(self) -> np.ndarray:
        return self.points[-1]

    def tableau(self, indices: Sequence[int] | None = None, decimales: int = 5) -> list[str]:
        """Lignes « k | P_k | grad f(P_k) | f(P_k) » comme dans les tableaux du livre."""
        indices = range(len(self.points)) if indices is None else indices
        lignes = []
        for k in indices:
            p = ", ".join(f"{v:.{decimales}g}" for v in self.points[k])
            g = ", ".join(f"{v:.{decimales}g}" for v in self.gradients[k])
            lignes.append(f"{k:>5} | ({p}) | ({g}) | {self.valeurs[k]:.{decimales}g}")
        return lignes


# --- pas δ_k ---------------------------------------------------------------

def pas_constant(delta: float) -> Callable[[int], float]:
    return lambda k: delta


def pas_lineaire(delta0: float) -> Callable[[int], float]:
    """δ_k = δ0 / (k + 1)."""
    return lambda k: delta0 / (k + 1)


def pas_quadratique(delta0: float) -> Callable[[int], float]:
    """δ_k = δ0 / (k + 1)²."""
    return lambda k: delta0 / (k + 1) ** 2


def pas_exponentiel(delta0: float, beta: float) -> Callable[[int], float]:
    """δ_k = δ0 e^(−βk)."""
    return lambda k: delta0 * np.exp(-beta * k)


def pas_keras(delta0: float, alpha: float) -> Callable[[int], float]:
    """δ_k = δ0 / (αk + 1), le ``decay`` de Keras 2 (en Keras 3 :
    ``keras.optimizers.schedules.InverseTimeDecay(δ0, decay_steps=1, decay_rate=α)``)."""
    return lambda k: delta0 / (alpha * k + 1)


def _verifier(P0, delta, n):
    P0 = np.atleast_1d(np.asarray(P0, dtype=np.float64))
    if not np.all(np.isfinite(P0)):
        raise ValueError(f"P0 doit contenir des nombres finis, reçu {P0}")
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
        raise ValueError(f"n (nombre d'itérations) doit être un entier ≥ 0, reçu {n!r}")
    pas = delta if callable(delta) else pas_constant(float(delta))
    return P0, pas


def descente(f, grad, P0, delta, n, moment: float = 0.0, nesterov: bool = False) -> Trajectoire:
    """Descente de gradient : P_{k+1} = P_k − δ_k grad f(P_k), n itérations.

    Pour une seule variable (``P0 = [a0]``), ``f`` et ``grad`` reçoivent un nombre.

    ``delta`` : un nombre ou une fonction k ↦ δ_k (voir ``pas_*``). Avec
    ``moment`` µ > 0 : P_{k+1} = P_k + µ (P_k − P_{k−1}) − δ grad f(P_k) ; avec
    ``nesterov=True`` le gradient est pris au point anticipé P_k + µ (P_k − P_{k−1}).
    """
    P, pas = _verifier(P0, delta, n)
    if len(P) == 1:   # une variable : f et grad reçoivent le nombre a_k, pas un vecteur
        f_1, grad_1 = f, grad
        f, grad = (lambda Q: f_1(Q[0])), (lambda Q: grad_1(Q[0]))
    points, valeurs, gradients, deltas = [P.copy()], [float(f(P))], [np.atleast_1d(grad(P)).astype(float)], []
    precedent = P.copy()
    for k in range(n):
        d = pas(k)
        elan = moment * (P - precedent)
        if nesterov:
            anticipe = P + elan
            nouveau = anticipe - d * np.atleast_1d(grad(anticipe))
        else:
            nouveau = P + elan - d * gradients[-1]
        precedent, P = P, nouveau
        points.append(P.copy())
        valeurs.append(float(f(P)))
        gradients.append(np.atleast_1d(grad(P)).astype(float))
        deltas.append(d)
    return Trajectoire(np.array(points), np.array(valeurs), np.array(gradients), np.array(deltas))


def descente_stochastique(erreur, grad_local, N: int, P0, delta, epoques: int, taille_lot: int = 1,
                          melanger: bool = False, graine: int = 0) -> Trajectoire:
    """Descente stochastique (``taille_lot=1``), par lots de K, ou classique (K = N).

    ``grad_local(i, P)`` : gradient de l'erreur locale E_i en P ; ``erreur(P)`` :
    l'erreur totale. Une époque = N/K itérations ; les données sont prises dans
    l'ordre (P_{k+1} = P_k − δ grad E_{(k % N)+1}(P_k) pour K = 1), ou mélangées à
    chaque époque si ``melanger``. La trajectoire garde un point par itération et
    ``erreurs_epoques`` l'erreur après chaque époque.
    """
    P, pas = _verifier(P0, delta, epoques)
    if isinstance(taille_lot, bool) or not isinstance(taille_lot, numbers.Integral) or not 1 <= taille_lot <= N:
        raise ValueError(f"taille_lot doit être un entier entre 1 et N={N}, reçu {taille_lot!r}")
    rng = np.random.default_rng(graine)
    points, valeurs, gradients, deltas = [P.copy()], [float(erreur(P))], [], []
    erreurs_epoques = [float(erreur(P))]
    k = 0
    for _ in range(epoques):
        ordre = rng.permutation(N) if melanger else np.arange(N)
        for debut in range(0, N, taille_lot):
            lot = ordre[debut:debut + taille_lot]
            g = sum(np.atleast_1d(grad_local(int(i), P)) for i in lot)
            d = pas(k)
            gradients.append(g)
            P = P - d * g
            points.append(P.copy())
            valeurs.append(float(erreur(P)))
            deltas.append(d)
            k += 1
        erreurs_epoques.append(float(erreur(P)))
    gradients.append(np.full_like(P, np.nan))
    return Trajectoire(np.array(points), np.array(valeurs), np.array(gradients), np.array(deltas), erreurs_epoques)


def meilleur_pas(f, grad, P, candidats=None) -> float:
    """Le pas δ qui minimise f(P − δ grad f(P)) parmi ``candidats`` (balayage du livre)."""
    candidats = np.arange(0.001, 1.0, 0.001) if candidats is None else np.asarray(candidats)
    g = np.atleast_1d(grad(np.asarray(P, dtype=float)))
    valeurs = [f(np.asarray(P, dtype=float) - d * g) for d in candidats]
    return float(candidats[int(np.argmin(valeurs))])
