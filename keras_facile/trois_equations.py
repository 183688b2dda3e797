"""Les trois équations (chapitre 19), écrites à la main en numpy et comparées à Keras dans la leçon.

z = Wx + b, ŷ = σ(z), puis W ← W − α ∂L/∂W pour la perte L d'entropie croisée
binaire ; les activations et leurs dérivées ; la SVD d'une couche dense ; les
statistiques couche par couche d'un réseau profond (saturation, gradients) ; les
moments des initialisations de Keras (pour juger une variance mesurée).

>>> round(float(sigmoide(0.0)), 4), float(relu(-2.0)), float(tanh_stable(1000.0))
(0.5, 0.0, 1.0)
>>> nombre_parametres_mlp([784, 256, 10])        # 001 §1.3.1
203530
"""
from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

from . import verifications as verif

__all__ = [
    "sigmoide", "derivee_sigmoide", "tanh_naif", "tanh_stable", "derivee_tanh", "relu", "derivee_relu",
    "leaky_relu", "derivee_leaky_relu", "gelu", "derivee_gelu", "ACTIVATIONS",
    "regression_logistique", "pas_de_gradient", "descente_logistique",
    "nombre_parametres_mlp", "couche_dense_a_la_main", "composer_couches_lineaires", "reconstruction_rang_k",
    "statistiques_par_couche", "moments_initialiseur", "ecart_type_moyenne_carres",
]

#: l'écart type de la loi normale centrée réduite tronquée à [−2, 2] (la constante de Keras)
_ECART_TYPE_TRONQUE = 0.87962566103423978


# ----------------------------------------------------------------------------
# Les activations et leurs dérivées (float64)
# ----------------------------------------------------------------------------

def _reels(x):
    return np.asarray(x, dtype=np.float64)


def sigmoide(z):
    """σ(z) = 1 / (1 + e^{−z}), calculée sans débordement (e^{−|z|} ≤ 1)."""
    z = _reels(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def derivee_sigmoide(z):
    """σ′(z) = σ(z)(1 − σ(z)) ≤ 1/4 (égalité en 0)."""
    s = sigmoide(z)
    return s * (1 - s)


def tanh_naif(x):
    """La formule de 000 ch. 3 telle quelle : (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) ; donne NaN dès |x| ≳ 710 (∞/∞)."""
    x = _reels(x)
    with np.errstate(over="ignore", invalid="ignore"):
        return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh_stable(x):
    """tanh(x) = signe(x) (1 − e^{−2|x|}) / (1 + e^{−2|x|}) : la même fonction, sans débordement."""
    x = _reels(x)
    e = np.exp(-2 * np.abs(x))
    return np.sign(x) * (1 - e) / (1 + e)


def derivee_tanh(x):
    """tanh′ = 1 − tanh² ≤ 1 (égalité en 0)."""
    return 1 - tanh_stable(x) ** 2


def relu(x):
    """ReLU(x) = max(0, x), composante par composante (``np.maximum`` : le ``max`` de Python refuse un tableau)."""
    return np.maximum(0.0, _reels(x))


def derivee_relu(x):
    """1 si x > 0, 0 sinon (en 0, la convention de TensorFlow : 0)."""
    return (_reels(x) > 0).astype(np.float64)


def leaky_relu(x, alpha=0.01):
    """x si x ≥ 0, αx sinon (α = 0,01 : la valeur de 002 et de PyTorch ; Keras : 0,3 pour la couche, 0,2 pour la fonction)."""
    x = _reels(x)
    return np.where(x >= 0, x, alpha * x)


def derivee_leaky_relu(x, alpha=0.01):
    """1 si x > 0, α sinon (en 0, la convention de TensorFlow : α)."""
    return np.where(_reels(x) > 0, 1.0, alpha)


def gelu(x):
    """GELU(x) = x Φ(x), Φ la fonction de répartition de N(0, 1) : Φ(x) = (1 + erf(x/√2))/2
    (celle du chapitre 18, :func:`keras_facile.attention.gelu`)."""
    from .attention import gelu as gelu_ch18

    return gelu_ch18(x)


def derivee_gelu(x):
    """GELU′(x) = Φ(x) + x φ(x), φ la densité de N(0, 1)."""
    x = _reels(x)
    return 0.5 * (1 + special.erf(x / math.sqrt(2))) + x * np.exp(-x**2 / 2) / math.sqrt(2 * math.pi)


#: nom → (fonction, dérivée, nom de ``keras.activations``, réglages de la fonction Keras)
ACTIVATIONS = {
    "sigmoïde": (sigmoide, derivee_sigmoide, "sigmoid", {}),
    "tanh": (tanh_stable, derivee_tanh, "tanh", {}),
    "ReLU": (relu, derivee_relu, "relu", {}),
    "LeakyReLU (α = 0,01)": (leaky_relu, derivee_leaky_relu, "leaky_relu", {"negative_slope": 0.01}),
    "GELU": (gelu, derivee_gelu, "gelu", {"approximate": False}),
}


# ----------------------------------------------------------------------------
# Les trois équations : régression logistique et un pas de gradient
# ----------------------------------------------------------------------------

def regression_logistique(X, y, W, b, reduction="moyenne"):
    """Les équations de 004 sur un lot : z = XW + b, ŷ = σ(z), L = entropie croisée binaire.

    ``X`` (m, d), ``y`` (m,) dans {0, 1}, ``W`` (d,), ``b`` un réel. Renvoie
    ``(L, dL/dW, dL/db, ŷ)`` avec dL/dz = (ŷ − y)/m pour la moyenne (``reduction="somme"`` :
    ŷ − y, la somme de 004). Sans troncature de ŷ : la formule exacte tant que ŷ reste
    dans ]0, 1[ (Keras ramène ŷ dans [10⁻⁷, 1 − 10⁻⁷]).
    """
    X = verif.tableau("X", X, ndim=2)
    y = verif.tableau("y", y, ndim=1)
    W = verif.tableau("W", W, ndim=1)
    verif.meme_forme("X", X, "y", y, axe=0)
    if W.shape[0] != X.shape[1]:
        raise ValueError(f"W doit avoir {X.shape[1]} composantes (une par colonne de X), reçu {W.shape[0]}")
    b = verif.reel("b", b)
    verif.choix("reduction", reduction, ("moyenne", "somme"))
    m = X.shape[0]
    y_chapeau = sigmoide(X @ W + b)
    pertes = -(y * np.log(y_chapeau) + (1 - y) * np.log(1 - y_chapeau))
    dz = y_chapeau - y
    if reduction == "moyenne":
        return float(pertes.mean()), X.T @ dz / m, float(dz.mean()), y_chapeau
    return float(pertes.sum()), X.T @ dz, float(dz.sum()), y_chapeau


def pas_de_gradient(parametres, gradients, alpha):
    """W ← W − α ∂L/∂W pour chaque paramètre : la 3e équation de 004."""
    alpha = verif.reel("alpha", alpha, min=0)
    return [np.asarray(p, dtype=np.float64) - alpha * np.asarray(g, dtype=np.float64)
            for p, g in zip(parametres, gradients)]


def descente_logistique(X, y, W, b, alpha, pas, reduction="moyenne"):
    """``pas`` pas de descente de gradient sur tout le lot : renvoie ``(W, b, pertes)``,
    ``pertes`` la perte avant chaque pas puis après le dernier (``pas + 1`` valeurs)."""
    pas = verif.entier("pas", pas, min=0)
    W, b = np.asarray(W, dtype=np.float64), float(b)
    pertes = []
    for _ in range(pas):
        perte, dW, db, _ = regression_logistique(X, y, W, b, reduction)
        pertes.append(perte)
        W, b = pas_de_gradient([W, b], [dW, db], alpha)
        b = float(b)
    pertes.append(regression_logistique(X, y, W, b, reduction)[0])
    return W, b, pertes


# ----------------------------------------------------------------------------
# Une couche dense est une matrice
# ----------------------------------------------------------------------------

def nombre_parametres_mlp(tailles):
    """Σ_ℓ n_ℓ (n_{ℓ−1} + 1) pour un réseau dense de tailles (n₀, n₁, …, n_L)."""
    tailles = [verif.entier(f"tailles[{i}]", n, min=1) for i, n in enumerate(tailles)]
    if len(tailles) < 2:
        raise ValueError(f"tailles doit avoir au moins deux nombres (entrée, sortie), reçu {tailles!r}")
    return int(sum(n * (avant + 1) for avant, n in zip(tailles, tailles[1:])))


def couche_dense_a_la_main(x, noyau, biais, activation=None):
    """La sortie d'une couche ``Dense`` : activation(x · noyau + biais), le noyau de Keras
    étant de forme (entrées, sorties) — la transposée du W ∈ ℝ^{m×d} de 001."""
    h = np.asarray(x, dtype=np.float64) @ np.asarray(noyau, dtype=np.float64) + np.asarray(biais, dtype=np.float64)
    return h if activation is None else activation(h)


def composer_couches_lineaires(noyau1, biais1, noyau2, biais2):
    """Deux couches sans activation n'en font qu'une : (x K₁ + b₁) K₂ + b₂ = x (K₁K₂) + (b₁K₂ + b₂)."""
    noyau1, noyau2 = np.asarray(noyau1, dtype=np.float64), np.asarray(noyau2, dtype=np.float64)
    return noyau1 @ noyau2, np.asarray(biais1, dtype=np.float64) @ noyau2 + np.asarray(biais2, dtype=np.float64)


def reconstruction_rang_k(W, k, svd=None):
    """La meilleure approximation de rang k de W (Eckart–Young) par sa SVD W = U Σ Vᵀ.

    ``svd`` : la décomposition ``(U, s, Vt)`` déjà calculée (sinon ``np.linalg.svd``).
    Renvoie ``(W_k, erreur, somme_ecartes)`` : ``erreur`` = ‖W − W_k‖²_F (Frobenius au
    carré) et ``somme_ecartes`` = Σ_{i>k} σᵢ², deux nombres égaux.
    """
    W = verif.tableau("W", W, ndim=2)
    k = verif.entier("k", k, min=0, max=min(W.shape))
    U, s, Vt = np.linalg.svd(W, full_matrices=False) if svd is None else (np.asarray(a, dtype=np.float64) for a in svd)
    W_k = (U[:, :k] * s[:k]) @ Vt[:k]
    return W_k, float(np.sum((W - W_k) ** 2)), float(np.sum(s[k:] ** 2))


# ----------------------------------------------------------------------------
# Un réseau profond couche par couche
# ----------------------------------------------------------------------------

def statistiques_par_couche(modele, X, y, seuil=0.99):
    """Pour chaque couche d'un ``Sequential`` de couches ``Dense`` (la dernière donne les
    logits de classes), sur le lot ``(X, y)`` : la part des sorties d'activation saturées
    (|h| > ``seuil``, pour tanh), leur écart type, et la norme du gradient de la perte
    (entropie croisée, étiquettes entières) par rapport au noyau de la couche.

    Renvoie un dictionnaire de listes (une valeur par couche cachée, puis la sortie pour
    ``norme_gradient``).
    """
    import keras
    import tensorflow as tf

    verif.modele_keras("modele", modele)
    seuil = verif.reel("seuil", seuil, min=0, max=1)
    X = tf.convert_to_tensor(np.asarray(X, dtype=np.float32))
    perte = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    sorties = []
    with tf.GradientTape() as bande:
        h = X
        for couche in modele.layers:
            h = couche(h)
            sorties.append(h)
        L = perte(np.asarray(y), h)
    noyaux = [c.kernel for c in modele.layers]
    gradients = bande.gradient(L, noyaux)
    cachees = [np.asarray(s) for s in sorties[:-1]]
    return {
        "saturees": [float(np.mean(np.abs(h) > seuil)) for h in cachees],
        "ecart_type": [float(np.std(h)) for h in cachees],
        "norme_gradient": [float(tf.norm(g)) for g in gradients],
        "perte": float(L),
    }


def moments_initialiseur(nom, fan_in, fan_out):
    """La variance et le moment d'ordre 4 des poids tirés par ``keras.initializers`` :

    - ``"he_normal"`` : normale de moyenne 0 tronquée à ±2 écarts types, d'écart type
      √(2/fan_in)/0,8796 avant troncature, si bien que la variance vaut 2/fan_in ;
    - ``"glorot_uniform"`` : uniforme sur [−ℓ, ℓ], ℓ = √(6/(fan_in + fan_out)),
      variance ℓ²/3 = 2/(fan_in + fan_out).

    Renvoie ``(variance, moment4)`` calculés par la loi elle-même (SciPy), pas par la formule.
    """
    verif.choix("nom", nom, ("he_normal", "glorot_uniform"))
    fan_in, fan_out = verif.entier("fan_in", fan_in, min=1), verif.entier("fan_out", fan_out, min=1)
    if nom == "he_normal":
        loi = stats.truncnorm(-2, 2, scale=math.sqrt(2 / fan_in) / _ECART_TYPE_TRONQUE)
    else:
        limite = math.sqrt(6 / (fan_in + fan_out))
        loi = stats.uniform(-limite, 2 * limite)
    return float(loi.var()), float(loi.moment(4))


def ecart_type_moyenne_carres(variance, moment4, n):
    """L'écart type de la moyenne des carrés de n poids indépendants de moyenne 0 :
    √((E[w⁴] − Var(w)²)/n). Une variance mesurée à plus de 4 de ces écarts types de la
    valeur attendue a moins d'une chance sur 15 000 d'arriver par hasard (loi normale)."""
    n = verif.entier("n", n, min=1)
    return math.sqrt((moment4 - variance**2) / n)
