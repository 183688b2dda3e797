"""Descente de gradient en numpy (chapitres 8 et 9) : classique, moment, Nesterov,
stochastique et par lots, pas constants ou décroissants. Chaque fonction renvoie
toute la trajectoire, pour l'imprimer en tableau ou la tracer.

>>> import numpy as np
>>> f = lambda P: P[0] ** 2 + 3 * P[1] ** 2
>>> grad = lambda P: np.array([2 * P[0], 6 * P[1]])
>>> t = descente(f, grad, [2, 1], delta=0.2, n=2)
>>> np.round(t.points[1], 6).tolist(), round(float(t.valeurs[1]), 2)
([1.2, -0.2], 1.56)
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from . import verifications as verif

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
    "DivergenceAvertissement",
]


class DivergenceAvertissement(RuntimeWarning):
    """La descente a produit des valeurs infinies ou NaN : le pas δ est sans doute trop grand."""


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


def _verifier(P0, delta, n, nom_n="n"):
    P0 = np.atleast_1d(verif.tableau("P0", P0, vide=False, aide="P0 est le point de départ"))
    if P0.ndim != 1:
        raise ValueError(f"P0 doit être un point (un nombre ou un vecteur), reçu {verif.decrire(P0)}")
    n = verif.entier(nom_n, n, min=0)
    if callable(delta):
        pas = delta
    else:
        pas = pas_constant(verif.reel("delta", delta, min=0, min_exclu=True,
                                      aide="delta est le pas δ, un nombre ou une fonction k ↦ δ_k"))
    return P0, pas, n


def _pas(pas, k):
    return verif.reel(f"delta({k})", pas(k), min=0, min_exclu=True,
                      aide="la fonction delta doit renvoyer des pas δ_k > 0")


def _gradient(grad, P, *avant):
    """Appelle grad et vérifie qu'il renvoie un vecteur de la taille de P."""
    brut = np.asarray(grad(*avant, P), dtype=np.float64)
    if brut.size != P.size or brut.ndim > 1:
        raise ValueError(f"la fonction gradient doit renvoyer un vecteur de {P.size} composante(s) "
                         f"(comme le point P), reçu {verif.decrire(brut)}")
    return brut.reshape(P.shape)


def _diverge(P, valeur, k):
    if np.all(np.isfinite(P)) and np.isfinite(valeur):
        return False
    warnings.warn(f"la descente diverge à l'itération {k} (valeurs infinies ou NaN) : arrêt ; "
                  f"essayez un pas δ plus petit", DivergenceAvertissement, stacklevel=3)
    return True


def descente(f, grad, P0, delta, n, moment: float = 0.0, nesterov: bool = False) -> Trajectoire:
    """Descente de gradient : P_{k+1} = P_k − δ_k grad f(P_k), n itérations.

    Pour une seule variable (``P0 = [a0]`` ou ``P0 = a0``), ``f`` et ``grad``
    reçoivent un nombre.

    ``delta`` : un nombre > 0 ou une fonction k ↦ δ_k (voir ``pas_*``). Avec
    ``moment`` µ > 0 : P_{k+1} = P_k + µ (P_k − P_{k−1}) − δ grad f(P_k) (avec
    P_{−1} = P_0) ; avec ``nesterov=True`` le gradient est pris au point
    anticipé P'_k = P_k + µ (P_k − P_{k−1}) : P_{k+1} = P'_k − δ grad f(P'_k).

    Renvoie la :class:`Trajectoire` (points, valeurs, gradients en chaque P_k,
    pas). Si les valeurs deviennent infinies (pas trop grand), un
    :class:`DivergenceAvertissement` est émis et la trajectoire s'arrête là.
    """
    P, pas, n = _verifier(P0, delta, n)
    moment = verif.reel("moment", moment, min=0, max=1, max_exclu=True, aide="moment est le coefficient µ")
    nesterov = verif.booleen("nesterov", nesterov)
    verif.appelable("f", f)
    verif.appelable("grad", grad)
    if len(P) == 1:   # une variable : f et grad reçoivent le nombre a_k, pas un vecteur
        f_1, grad_1 = f, grad
        f, grad = (lambda Q: f_1(Q[0])), (lambda Q: grad_1(Q[0]))
    points, valeurs, gradients, deltas = [P.copy()], [float(f(P))], [_gradient(grad, P)], []
    precedent = P.copy()
    for k in range(n):
        d = _pas(pas, k)
        elan = moment * (P - precedent)
        with np.errstate(over="ignore", invalid="ignore"):
            if nesterov:
                anticipe = P + elan
                nouveau = anticipe - d * _gradient(grad, anticipe)
            else:
                nouveau = P + elan - d * gradients[-1]
            valeur = float(f(nouveau))
        if _diverge(nouveau, valeur, k + 1):
            break
        precedent, P = P, nouveau
        points.append(P.copy())
        valeurs.append(valeur)
        gradients.append(_gradient(grad, P))
        deltas.append(d)
    return Trajectoire(np.array(points), np.array(valeurs), np.array(gradients), np.array(deltas))


def descente_stochastique(erreur, grad_local, N: int, P0, delta, epoques: int, taille_lot: int = 1,
                          melanger: bool = False, graine: int = 0) -> Trajectoire:
    """Descente stochastique (``taille_lot=1``), par lots de K, ou classique (K = N).

    ``grad_local(i, P)`` : gradient de l'erreur locale E_i en P (i = 0, …, N−1) ;
    ``erreur(P)`` : l'erreur totale E = Σ E_i. Une itération :
    P_{k+1} = P_k − δ_k grad(E_{j+1} + … + E_{j+K})(P_k). Une époque = ⌈N/K⌉
    itérations (le dernier lot peut être plus petit) ; les données sont prises
    dans l'ordre (pour K = 1 : P_{k+1} = P_k − δ grad E_{(k % N)+1}(P_k)), ou
    mélangées avant chaque époque si ``melanger``. La trajectoire garde un point
    par itération ; ``gradients[k]`` est le gradient du lot utilisé à
    l'itération k (NaN pour le dernier point) et ``erreurs_epoques`` l'erreur
    au début puis après chaque époque.
    """
    P, pas, epoques = _verifier(P0, delta, epoques, "epoques")
    N = verif.entier("N", N, min=1, aide="N est le nombre de données")
    taille_lot = verif.entier("taille_lot", taille_lot, min=1, max=N, aide=f"N={N} données")
    melanger = verif.booleen("melanger", melanger)
    verif.appelable("erreur", erreur)
    verif.appelable("grad_local", grad_local)
    rng = np.random.default_rng(graine)
    points, valeurs, gradients, deltas = [P.copy()], [float(erreur(P))], [], []
    erreurs_epoques = [valeurs[0]]
    k = 0
    diverge = False
    for _ in range(epoques):
        ordre = rng.permutation(N) if melanger else np.arange(N)
        for debut in range(0, N, taille_lot):
            lot = ordre[debut:debut + taille_lot]
            g = sum(_gradient(grad_local, P, int(i)) for i in lot)
            d = _pas(pas, k)
            with np.errstate(over="ignore", invalid="ignore"):
                nouveau = P - d * g
                valeur = float(erreur(nouveau))
            k += 1
            if _diverge(nouveau, valeur, k):
                diverge = True
                break
            P = nouveau
            gradients.append(g)
            points.append(P.copy())
            valeurs.append(valeur)
            deltas.append(d)
        if diverge:
            break
        erreurs_epoques.append(valeurs[-1])
    gradients.append(np.full_like(P, np.nan))
    return Trajectoire(np.array(points), np.array(valeurs), np.array(gradients), np.array(deltas), erreurs_epoques)


def meilleur_pas(f, grad, P, candidats=None) -> float:
    """Le pas δ qui minimise f(P − δ grad f(P)) parmi ``candidats`` (balayage du livre).

    ``candidats`` : des pas δ > 0 finis, au moins un (par défaut 0.001, 0.002, …, 0.999).
    """
    verif.appelable("f", f)
    verif.appelable("grad", grad)
    P = np.atleast_1d(verif.tableau("P", P, vide=False, aide="P est le point où l'on cherche le pas"))
    if candidats is None:
        candidats = np.arange(0.001, 1.0, 0.001)
    else:
        candidats = verif.tableau("candidats", candidats, ndim=(0, 1), vide=False,
                                  aide="une liste de pas δ à essayer, par exemple np.arange(0.001, 1, 0.001)")
        candidats = np.atleast_1d(candidats)
        if np.any(candidats <= 0):
            raise ValueError(f"candidats doit contenir des pas δ > 0, reçu {verif.decrire(candidats)} ; "
                             f"premier pas fautif : {candidats[np.argmax(candidats <= 0)]:g}")
    g = _gradient(grad, P)
    valeurs = np.array([verif.reel(f"f(P − {d:g} grad f(P))", f(P - d * g), fini=False) for d in candidats])
    if np.all(np.isnan(valeurs)):
        raise ValueError(f"f doit renvoyer des nombres sur la demi-droite P − δ grad f(P), reçu NaN pour tous les "
                         f"candidats ; essayez des pas δ plus petits")
    return float(candidats[int(np.nanargmin(valeurs))])
