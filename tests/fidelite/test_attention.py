"""Briques du chapitre 18 : valeurs du livre, NumPy (np.kron, pinv), SciPy et Keras (ticket 13, mutation)."""
import math

import keras
import numpy as np
import pytest
from scipy import special, stats

from keras_facile.attention import (
    attention, attention_multi_tetes, gelu, gelu_sigmoide, gelu_tanh, masque_causal, matrice_position,
    matrice_rotation, moindre_norme, poids_depuis_mha, produit_tensoriel, vec,
)


def test_matrice_position_tableau_du_livre():
    P = matrice_position(4, 6, p=100)
    np.testing.assert_allclose(P[0], [1, 0, 1, 0, 1, 0], atol=1e-15)
    # l'inventaire calcule avec ω arrondis (0.215443, 0.046416) : écart ≤ 5e-6
    np.testing.assert_allclose(P[1], [0.540302, 0.841471, 0.976884, 0.213779, 0.998923, 0.046399], atol=3e-6)
    np.testing.assert_allclose(P[2], [-0.416147, 0.909297, 0.908598, 0.417677, 0.995694, 0.092699], atol=3e-6)
    np.testing.assert_allclose(P[3], [-0.989992, 0.141120, 0.798302, 0.602263, 0.990321, 0.138802], atol=5e-6)
    omega = 100.0 ** (-np.arange(3) * 2 / 6)
    np.testing.assert_allclose(P[3, 0::2], np.cos(3 * omega), atol=1e-15)
    np.testing.assert_allclose(P[3, 1::2], np.sin(3 * omega), atol=1e-15)
    V = matrice_position(4, 6, p=100, sinus_en_premier=True)
    np.testing.assert_allclose(V[:, 0::2], P[:, 1::2], atol=1e-15)
    np.testing.assert_allclose(V[:, 1::2], P[:, 0::2], atol=1e-15)
    # p = 10000 par défaut : ω_1 = 10000^(−2/4) = 0.01
    np.testing.assert_allclose(matrice_position(2, 4)[1], [math.cos(1), math.sin(1), math.cos(0.01),
                                                           math.sin(0.01)], atol=1e-15)
    with pytest.raises(ValueError, match="pair"):
        matrice_position(3, 5)


def test_matrice_rotation_fait_avancer_les_positions():
    P = matrice_position(6, 6, p=100)
    for l in (1, 2):
        R = matrice_rotation(l, 6, p=100)
        for k in range(6 - l):
            np.testing.assert_allclose(R @ P[k], P[k + l], atol=1e-12)
    np.testing.assert_allclose(matrice_rotation(1, 2), [[math.cos(1), -math.sin(1)], [math.sin(1), math.cos(1)]])
    R = matrice_rotation(3, 4)                       # p = 10000 : angles 3 et 3 × 0.01
    np.testing.assert_allclose(R[2:, 2:], [[math.cos(0.03), -math.sin(0.03)], [math.sin(0.03), math.cos(0.03)]])
    np.testing.assert_allclose(R[:2, 2:], 0)


def test_produit_tensoriel_et_vec_contre_np_kron():
    rng = np.random.default_rng(0)
    A, B, M = rng.normal(size=(2, 3)), rng.normal(size=(4, 5)), rng.normal(size=(5, 3))
    np.testing.assert_allclose(vec(produit_tensoriel(A, B, M)), np.kron(A, B) @ vec(M), atol=1e-12)
    np.testing.assert_array_equal(vec([[1, 2], [3, 4]]), [1, 3, 2, 4])


def test_moindre_norme_egale_la_pseudo_inverse():
    rng = np.random.default_rng(1)
    A, y = rng.normal(size=(3, 8)), rng.normal(size=3)
    x = moindre_norme(A, y)
    np.testing.assert_allclose(x, np.linalg.pinv(A) @ y, atol=1e-12)
    np.testing.assert_allclose(A @ x, y, atol=1e-12)


def test_masque_causal():
    np.testing.assert_array_equal(masque_causal(3), [[1, 0, 0], [1, 1, 0], [1, 1, 1]])
    assert masque_causal(2).dtype == bool


def attention_a_la_main(Q, K, V, causal=False):
    scores = Q @ K.T / math.sqrt(Q.shape[1])
    if causal:
        scores = scores + np.triu(np.full(scores.shape, -np.inf), 1)
    A = special.softmax(scores, axis=-1)
    return A @ V, A


def test_attention_softmax_sur_racine_de_r():
    rng = np.random.default_rng(2)
    Q, K, V = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 2))
    for causal in (False, True):
        sortie, A = attention(Q, K, V, causal=causal)
        attendu, A_attendu = attention_a_la_main(Q, K, V, causal)
        np.testing.assert_allclose(A, A_attendu, atol=1e-6)
        np.testing.assert_allclose(sortie, attendu, atol=1e-6)
    _, A = attention(Q, K, V, causal=True)
    assert A[0, 1] == 0 and A[0, 0] == pytest.approx(1)
    assert attention(Q, K, V)[1][0, 1] > 0


def test_attention_multi_tetes_egale_keras():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(1, 5, 6)).astype("float32")
    mha = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)
    mha(X, X)
    for couche in (mha._query_dense, mha._key_dense, mha._value_dense, mha._output_dense):
        couche.bias.assign(rng.normal(size=couche.bias.shape))      # des biais non nuls
    WQ, WK, WV, WO, bQ, bK, bV, bO = poids_depuis_mha(mha)
    assert WQ.shape == (2, 6, 3) and WO.shape == (2, 3, 6) and bQ.shape == (2, 3) and bO.shape == (6,)
    for causal in (False, True):
        sortie, A = attention_multi_tetes(X[0], WQ, WK, WV, WO, bQ, bK, bV, bO, causal=causal)
        attendu, scores = mha(X, X, use_causal_mask=causal, return_attention_scores=True)
        np.testing.assert_allclose(sortie, np.asarray(attendu)[0], atol=1e-4)
        np.testing.assert_allclose(A, np.asarray(scores)[0], atol=1e-5)
    # sans biais : tête par tête à la main
    sortie, A = attention_multi_tetes(X[0], WQ, WK, WV, WO)
    attendu = sum(attention_a_la_main(X[0] @ WQ[h], X[0] @ WK[h], X[0] @ WV[h])[0] @ WO[h] for h in range(2))
    np.testing.assert_allclose(sortie, attendu, atol=1e-5)
    assert A.shape == (2, 5, 5)


def test_gelu_valeurs_du_livre():
    x = np.array([-3, -1, -0.5, 0, 0.5, 1, 2, 3])
    exact = [-0.004050, -0.158655, -0.154269, 0, 0.345731, 0.841345, 1.954500, 2.995950]
    tanh = [-0.003637, -0.158808, -0.154286, 0, 0.345714, 0.841192, 1.954598, 2.996363]
    sigm = [-0.018071, -0.154204, -0.149612, 0, 0.350388, 0.845796, 1.935659, 2.981929]
    np.testing.assert_allclose(gelu(x), exact, atol=5e-7)
    np.testing.assert_allclose(gelu(x), x * stats.norm.cdf(x), atol=1e-12)
    np.testing.assert_allclose(gelu_tanh(x), tanh, atol=5e-7)
    np.testing.assert_allclose(gelu_sigmoide(x), sigm, atol=5e-7)
    np.testing.assert_allclose(gelu_tanh(x), keras.ops.gelu(x, approximate=True), atol=1e-6)


def test_calculs_en_float64_meme_pour_des_entrees_float32():
    x = np.array([0.1, 1.0 / 3.0, 2.0], dtype=np.float32)
    x64 = x.astype(np.float64)
    for fonction, attendu in [(gelu, x64 * stats.norm.cdf(x64)),
                              (gelu_sigmoide, x64 * special.expit(1.702 * x64)),
                              (gelu_tanh, 0.5 * x64 * (1 + np.tanh(math.sqrt(2 / math.pi) * (x64 + 0.044715 * x64 ** 3))))]:
        sortie = fonction(x)
        assert sortie.dtype == np.float64
        np.testing.assert_allclose(sortie, attendu, rtol=1e-13)
    A = np.array([[1.0, 2.0, 0.5], [0.0, 1.0, 3.0]], dtype=np.float32)
    y = np.array([1.0, 1.0 / 3.0], dtype=np.float32)
    x = moindre_norme(A, y)
    assert x.dtype == np.float64
    np.testing.assert_allclose(x, np.linalg.pinv(A.astype(np.float64)) @ y.astype(np.float64), rtol=1e-12)
    np.testing.assert_allclose(A.astype(np.float64) @ x, y.astype(np.float64), atol=1e-14)


def test_attention_en_float64_pour_des_entrees_float32():
    # entrées float32 quelconques : le calcul doit être fait en float64 (comparé au même calcul
    # fait à la main en float64 à 1e-12 près ; en float32 l'écart serait ≈ 1e-7)
    rng = np.random.default_rng(5)
    Q, K, V = (rng.normal(size=(4, 3)).astype(np.float32) for _ in range(3))
    Q64, K64, V64 = (t.astype(np.float64) for t in (Q, K, V))
    S = Q64 @ K64.T / math.sqrt(3)
    A_attendu = special.softmax(S, axis=-1)
    sortie, A = attention(Q, K, V)
    assert sortie.dtype == np.float64
    np.testing.assert_allclose(A, A_attendu, rtol=1e-12)
    np.testing.assert_allclose(sortie, A_attendu @ V64, rtol=1e-12)


def test_attention_multi_tetes_en_float64_pour_des_entrees_float32():
    rng = np.random.default_rng(6)
    H, Kt, n, r = 2, 4, 3, 2
    X = rng.normal(size=(Kt, n)).astype(np.float32)
    WQ, WK, WV = (rng.normal(size=(H, n, r)).astype(np.float32) for _ in range(3))
    WO = rng.normal(size=(H, r, n)).astype(np.float32)
    X64, WQ64, WK64, WV64, WO64 = (t.astype(np.float64) for t in (X, WQ, WK, WV, WO))
    attendu = sum(special.softmax((X64 @ WQ64[h]) @ (X64 @ WK64[h]).T / math.sqrt(r), axis=-1) @ (X64 @ WV64[h])
                  @ WO64[h] for h in range(H))
    sortie, _ = attention_multi_tetes(X, WQ, WK, WV, WO)
    np.testing.assert_allclose(sortie, attendu, rtol=1e-12, atol=1e-13)


def test_moindre_norme_en_float64_pour_une_matrice_float32_quelconque():
    rng = np.random.default_rng(7)
    A = rng.normal(size=(3, 8)).astype(np.float32)
    y = rng.normal(size=3)
    A64 = A.astype(np.float64)
    x = moindre_norme(A, y)
    np.testing.assert_allclose(x, np.linalg.pinv(A64) @ y, rtol=1e-10)
    np.testing.assert_allclose(A64 @ x, y, atol=1e-13)
