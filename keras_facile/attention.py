"""Les briques du chapitre 18 : plongement de position, produit tensoriel, attention écrite à la main
(vérifiée contre ``keras.layers.MultiHeadAttention``), GELU et ses approximations.

Convention des calculs : les tokens sont les lignes (X de forme (K, n)), comme dans Keras.
"""
from __future__ import annotations

import math

import numpy as np

from . import _config  # noqa: F401

import keras

__all__ = ["matrice_position", "matrice_rotation", "produit_tensoriel", "vec", "moindre_norme",
           "attention", "attention_multi_tetes", "masque_causal", "gelu", "gelu_tanh", "gelu_sigmoide",
           "poids_depuis_mha"]


def matrice_position(K: int, n: int, p: float = 10000, sinus_en_premier: bool = False) -> np.ndarray:
    """Ligne k = w_k = (cos kω_0, sin kω_0, cos kω_1, …) avec ω_i = 1/p^(2i/n) (convention du livre ;
    ``sinus_en_premier=True`` : celle de Vaswani et al.)."""
    if n % 2:
        raise ValueError(f"n doit être pair, reçu {n}")
    k = np.arange(K)[:, None]
    omega = 1 / np.power(p, 2 * np.arange(n // 2) / n)
    P = np.zeros((K, n))
    P[:, 0::2], P[:, 1::2] = (np.sin(k * omega), np.cos(k * omega)) if sinus_en_premier \
        else (np.cos(k * omega), np.sin(k * omega))
    return P


def matrice_rotation(l: int, n: int, p: float = 10000) -> np.ndarray:
    """R_ℓ = diag(M(ℓω_0), …, M(ℓω_{n/2−1})) avec M(θ) la rotation d'angle θ : w_{k+ℓ} = R_ℓ w_k."""
    R = np.zeros((n, n))
    for j in range(n // 2):
        t = l / p ** (2 * j / n)
        R[2 * j:2 * j + 2, 2 * j:2 * j + 2] = [[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]]
    return R


def produit_tensoriel(A, B, M):
    """(A ⊗ B) M = B M Aᵀ."""
    return np.asarray(B) @ np.asarray(M) @ np.asarray(A).T


def vec(M):
    """Empilement des colonnes de M."""
    return np.asarray(M).flatten(order="F")


def moindre_norme(A, y):
    """La solution de Ax = y de plus petite norme : x = Aᵀ(AAᵀ)⁻¹ y (A de rang n, N ≫ n)."""
    A = np.asarray(A, dtype=np.float64)
    return A.T @ np.linalg.solve(A @ A.T, np.asarray(y, dtype=np.float64))


def masque_causal(K: int) -> np.ndarray:
    """Vrai là où le token i peut regarder le token j (j ≤ i)."""
    return np.tril(np.ones((K, K), dtype=bool))


def attention(Q, K, V, causal=False):
    """softmax(Q Kᵀ / √r) V, avec le masque causal si demandé. Renvoie (sortie, matrice d'attention)."""
    Q, K, V = (np.asarray(t, dtype=np.float64) for t in (Q, K, V))
    scores = Q @ K.T / math.sqrt(Q.shape[-1])
    if causal:
        scores = np.where(masque_causal(len(Q)), scores, -np.inf)
    A = np.asarray(keras.ops.softmax(scores, axis=-1))   # le softmax n'est pas la leçon ici
    return A @ V, A


def attention_multi_tetes(X, WQ, WK, WV, WO, bQ=None, bK=None, bV=None, bO=None, causal=False):
    """Attention à plusieurs têtes écrite à la main. WQ, WK, WV : (têtes, n, r) ; WO : (têtes, r, n).
    Chaque tête h : softmax(Q_h K_hᵀ/√r) V_h, puis sortie = Σ_h (…) W_O^h + b_O. Renvoie (sortie, A)."""
    X = np.asarray(X, dtype=np.float64)
    H = WQ.shape[0]
    zeros = lambda forme: np.zeros(forme)
    bQ = zeros(WQ.shape[::2]) if bQ is None else bQ
    bK = zeros(WK.shape[::2]) if bK is None else bK
    bV = zeros(WV.shape[::2]) if bV is None else bV
    sortie = np.zeros((len(X), WO.shape[-1])) + (0 if bO is None else bO)
    matrices = []
    for h in range(H):
        tete, A = attention(X @ WQ[h] + bQ[h], X @ WK[h] + bK[h], X @ WV[h] + bV[h], causal)
        sortie = sortie + tete @ WO[h]
        matrices.append(A)
    return sortie, np.array(matrices)


def poids_depuis_mha(mha):
    """Les matrices (WQ, WK, WV, WO, bQ, bK, bV, bO) d'une ``keras.layers.MultiHeadAttention`` construite,
    aux formes attendues par :func:`attention_multi_tetes`."""
    q, k, v, o = mha._query_dense, mha._key_dense, mha._value_dense, mha._output_dense
    WQ, WK, WV = (np.transpose(d.kernel.numpy(), (1, 0, 2)) for d in (q, k, v))
    bQ, bK, bV = (d.bias.numpy() for d in (q, k, v))
    return WQ, WK, WV, o.kernel.numpy(), bQ, bK, bV, o.bias.numpy()


def gelu(x):
    """GELU(x) = x Φ(x) = (x/2)(1 + erf(x/√2))."""
    from scipy.special import erf

    x = np.asarray(x, dtype=np.float64)
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


def gelu_tanh(x):
    """(x/2)(1 + tanh(√(2/π)(x + 0.044715 x³))) (le livre imprime une formule fautive)."""
    x = np.asarray(x, dtype=np.float64)
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def gelu_sigmoide(x):
    """x σ(1.702 x)."""
    x = np.asarray(x, dtype=np.float64)
    return x / (1 + np.exp(-1.702 * x))
