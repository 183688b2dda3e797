"""Régularisation et normalisation (chapitre 21), écrites à la main et comparées à Keras.

Normalisation par lots (passe avant, passe arrière, moyennes mobiles), normalisation
par couche, pénalités L2 et L1, dropout inversé, lasso par seuillage doux (ISTA),
problème linéaire creux, et le réseau régularisé du cours de master (002 §3.10) avec
sa grille dropout × weight decay (002 §3.11). Les conventions sont celles de Keras :
``BatchNormalization`` (ε = 1e-3, momentum = 0.99, variance biaisée),
``regularizers.L2(λ)`` = λ Σ w² (sans ½), ``Dropout(rate)`` éteint avec la probabilité
``rate`` et multiplie les neurones gardés par 1/(1 − rate).

>>> y, _ = batchnorm_avant([1, 2, 3, 4], epsilon=0.0)
>>> np.round(y, 4).tolist()
[-1.3416, -0.4472, 0.4472, 1.3416]
>>> round(penalite_l2([1, 2], 0.01), 6), round(penalite_l1([1, 2], 0.01), 6)
(0.05, 0.03)
"""
from __future__ import annotations

import numpy as np

from . import verifications as verif

__all__ = [
    "EPSILON_KERAS", "MOMENTUM_KERAS",
    "batchnorm_avant", "batchnorm_arriere", "moyennes_mobiles", "pas_pour_atteindre", "layernorm",
    "penalite_l2", "penalite_l1", "gradient_l2", "dropout_inverse",
    "seuillage_doux", "lasso_ista", "probleme_creux", "support",
    "modele_regularise", "grille_dropout_weight_decay", "meilleure_et_pire",
]

#: les valeurs par défaut de ``keras.layers.BatchNormalization``
EPSILON_KERAS = 1e-3
MOMENTUM_KERAS = 0.99


def _lot(x) -> np.ndarray:
    """Un lot : (m,) pour une seule variable, ou (m, d) ; toujours rendu en (m, d)."""
    x = verif.tableau("x", x, ndim=(1, 2), vide=False)
    return x[:, None] if x.ndim == 1 else x


# ----------------------------------------------------------------------------
# Normalisation par lots et par couche
# ----------------------------------------------------------------------------

def batchnorm_avant(x, gamma=1.0, beta=0.0, epsilon=EPSILON_KERAS):
    """Passe avant de la normalisation par lots, variable par variable sur l'axe du lot (axe 0) :

    µ_B = moyenne, σ²_B = variance **biaisée** (divisée par m), x̂ = (x − µ_B)/√(σ²_B + ε),
    y = γ x̂ + β. Renvoie ``(y, cache)`` ; ``cache`` sert à :func:`batchnorm_arriere`.
    ``x`` de forme (m,) (une variable) ou (m, d) ; ``y`` a la forme de ``x``.
    """
    brut = np.asarray(x)
    x2 = _lot(x)
    epsilon = verif.reel("epsilon", epsilon, min=0)
    gamma = np.broadcast_to(verif.tableau("gamma", gamma), x2.shape[1:]).astype(np.float64)
    beta = np.broadcast_to(verif.tableau("beta", beta), x2.shape[1:]).astype(np.float64)
    mu = x2.mean(axis=0)
    var = x2.var(axis=0)                       # ddof = 0, comme Keras et l'article d'Ioffe et Szegedy
    if epsilon == 0 and np.any(var == 0):
        raise ValueError("x : une variable est constante sur le lot et epsilon vaut 0 (division par zéro)")
    inv = 1.0 / np.sqrt(var + epsilon)
    xc = x2 - mu
    x_chapeau = xc * inv
    y = gamma * x_chapeau + beta
    cache = {"xc": xc, "inv": inv, "x_chapeau": x_chapeau, "gamma": gamma, "mu": mu, "var": var,
             "forme": brut.shape}
    return y.reshape(brut.shape), cache


def batchnorm_arriere(dy, cache):
    """Passe arrière (002, prop. 3.5) : ``dy`` = ∂L/∂y ; renvoie ``(dx, dgamma, dbeta)``.

    ∂L/∂γ = Σ δᵢ x̂ᵢ, ∂L/∂β = Σ δᵢ, ∂L/∂x̂ᵢ = δᵢ γ,
    ∂L/∂σ² = Σ ∂L/∂x̂ᵢ (xᵢ − µ)(−½)(σ² + ε)^(−3/2), ∂L/∂µ = −Σ ∂L/∂x̂ᵢ / √(σ² + ε),
    ∂L/∂xᵢ = ∂L/∂x̂ᵢ / √(σ² + ε) + ∂L/∂σ² · 2(xᵢ − µ)/m + ∂L/∂µ / m.
    (Le terme de ∂L/∂µ qui passe par σ² est nul : Σ (xᵢ − µ) = 0.)
    """
    if not isinstance(cache, dict) or "x_chapeau" not in cache:
        raise TypeError(f"cache doit être le second résultat de batchnorm_avant, reçu {verif.decrire(cache)}")
    dy = verif.tableau("dy", dy)
    verif.meme_forme("dy", dy, "x", np.empty(cache["forme"]))
    dy = dy.reshape(cache["x_chapeau"].shape)
    xc, inv, x_chapeau, gamma = cache["xc"], cache["inv"], cache["x_chapeau"], cache["gamma"]
    m = dy.shape[0]
    dgamma = np.sum(dy * x_chapeau, axis=0)
    dbeta = np.sum(dy, axis=0)
    dx_chapeau = dy * gamma
    dvar = np.sum(dx_chapeau * xc, axis=0) * (-0.5) * inv ** 3
    dmu = -np.sum(dx_chapeau, axis=0) * inv
    dx = dx_chapeau * inv + dvar * 2 * xc / m + dmu / m
    return dx.reshape(cache["forme"]), dgamma, dbeta


def moyennes_mobiles(moyenne, variance, x, momentum=MOMENTUM_KERAS):
    """Un pas d'entraînement de Keras met à jour les statistiques gardées pour l'inférence :
    moyenne ← momentum · moyenne + (1 − momentum) · µ_B (de même pour la variance biaisée σ²_B).
    (PyTorch écrit momentum = 0.1 pour le même 0.99, et garde la variance non biaisée.)"""
    momentum = verif.reel("momentum", momentum, min=0, max=1)
    x2 = _lot(x)
    moyenne = np.asarray(moyenne, dtype=np.float64)
    variance = np.asarray(variance, dtype=np.float64)
    return (momentum * moyenne + (1 - momentum) * x2.mean(axis=0),
            momentum * variance + (1 - momentum) * x2.var(axis=0))


def pas_pour_atteindre(part, momentum=MOMENTUM_KERAS) -> int:
    """Le nombre de pas (sur des lots identiques) pour que la moyenne mobile, partie de 0,
    atteigne ``part`` de la moyenne du lot : le plus petit n tel que 1 − momentumⁿ ≥ part."""
    part = verif.reel("part", part, min=0, max=1, min_exclu=True, max_exclu=True)
    momentum = verif.reel("momentum", momentum, min=0, max=1, min_exclu=True, max_exclu=True)
    return int(np.ceil(np.log(1 - part) / np.log(momentum) - 1e-12))


def layernorm(x, gamma=1.0, beta=0.0, epsilon=EPSILON_KERAS):
    """Normalisation par couche : chaque exemple est centré et réduit sur ses propres variables
    (dernier axe), y = γ (x − µ)/√(σ² + ε) + β. Ne dépend ni du lot ni du mode (entraînement ou
    inférence). ε = 1e-3 comme ``keras.layers.LayerNormalization``."""
    x = verif.tableau("x", x, ndim=(1, 2, 3), vide=False)
    epsilon = verif.reel("epsilon", epsilon, min=0)
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return np.asarray(gamma) * (x - mu) / np.sqrt(var + epsilon) + np.asarray(beta)


# ----------------------------------------------------------------------------
# Pénalités et dropout
# ----------------------------------------------------------------------------

def penalite_l2(w, lam) -> float:
    """λ Σ w² : ce qu'ajoute ``keras.regularizers.L2(λ)`` à la perte (pas de ½)."""
    w = verif.tableau("w", w)
    lam = verif.reel("lam", lam, min=0)
    return float(lam * np.sum(w ** 2))


def gradient_l2(w, lam) -> np.ndarray:
    """Le gradient de :func:`penalite_l2` : 2λw. Un pas de SGD devient w ← (1 − 2ηλ) w − η ∇L."""
    return 2 * verif.reel("lam", lam, min=0) * verif.tableau("w", w)


def penalite_l1(w, lam) -> float:
    """λ Σ |w| : ce qu'ajoute ``keras.regularizers.L1(λ)`` à la perte."""
    w = verif.tableau("w", w)
    lam = verif.reel("lam", lam, min=0)
    return float(lam * np.sum(np.abs(w)))


def dropout_inverse(x, taux, rng=None, entrainement=True):
    """Le dropout « inversé » de Keras : chaque neurone est **éteint** avec la probabilité
    ``taux`` ; un neurone gardé est multiplié par 1/(1 − taux), si bien que l'espérance ne
    change pas ; en inférence, l'identité. ``keras.layers.Dropout(rate=taux)``.
    (Le dropout du chapitre 16 prend p = 1 − taux, la probabilité de garder.)"""
    taux = verif.reel("taux", taux, min=0, max=1, max_exclu=True,
                      aide="taux est la probabilité d'éteindre un neurone")
    entrainement = verif.booleen("entrainement", entrainement)
    x = verif.tableau("x", x)
    if not entrainement or taux == 0:
        return x
    rng = np.random.default_rng() if rng is None else rng
    garde = rng.random(x.shape) >= taux
    return np.where(garde, x / (1 - taux), 0.0)


# ----------------------------------------------------------------------------
# L1 et variables retrouvées
# ----------------------------------------------------------------------------

def seuillage_doux(w, seuil):
    """L'opérateur proximal de seuil·‖w‖₁ : sign(w) · max(|w| − seuil, 0) (des zéros exacts)."""
    w = verif.tableau("w", w)
    seuil = verif.reel("seuil", seuil, min=0)
    return np.sign(w) * np.maximum(np.abs(w) - seuil, 0.0)


def lasso_ista(X, y, lam, iterations=5000, tol=1e-12):
    """Minimise (1/n)‖y − Xw − b‖² + λ‖w‖₁ (l'erreur quadratique moyenne de Keras plus
    ``regularizers.L1(λ)`` sur w, biais b libre) par gradient proximal (ISTA) : un pas de
    gradient sur l'erreur, puis un seuillage doux. Renvoie ``(w, b, iterations_faites)``."""
    X = verif.tableau("X", X, ndim=2, vide=False)
    y = verif.tableau("y", y, forme=(X.shape[0],))
    lam = verif.reel("lam", lam, min=0)
    iterations = verif.entier("iterations", iterations, min=1)
    n, p = X.shape
    # la partie lisse a pour gradient (2/n) Xcᵀ(Xc w − yc) une fois le biais éliminé (centrage)
    mx, my = X.mean(axis=0), y.mean()
    Xc, yc = X - mx, y - my
    pas = 1.0 / (2.0 / n * np.linalg.norm(Xc, 2) ** 2)      # 1/L, L = constante de Lipschitz du gradient
    w = np.zeros(p)
    for k in range(1, iterations + 1):
        gradient = 2.0 / n * Xc.T @ (Xc @ w - yc)
        nouveau = seuillage_doux(w - pas * gradient, pas * lam)
        ecart = np.max(np.abs(nouveau - w))
        w = nouveau
        if ecart < tol:
            break
    return w, float(my - mx @ w), k


def probleme_creux(n=80, p=100, k=10, bruit=0.1, graine=0):
    """Régression linéaire creuse (002, exercice 3.2) : ``p`` variables gaussiennes dont ``k``
    seulement comptent (coefficients ±(1 à 3)), ``n`` exemples, bruit gaussien d'écart type
    ``bruit``. Renvoie ``(X, y, w_vrai)``."""
    n = verif.entier("n", n, min=2)
    p = verif.entier("p", p, min=1)
    k = verif.entier("k", k, min=1, max=p)
    bruit = verif.reel("bruit", bruit, min=0)
    graine = verif.entier("graine", graine, min=0)
    rng = np.random.default_rng(graine)
    w_vrai = np.zeros(p)
    actives = rng.choice(p, size=k, replace=False)
    w_vrai[actives] = rng.choice([-1.0, 1.0], size=k) * rng.uniform(1, 3, size=k)
    X = rng.normal(size=(n, p))
    y = X @ w_vrai + bruit * rng.normal(size=n)
    return X, y, w_vrai


def support(w, seuil=0.0) -> np.ndarray:
    """Les indices (triés) des coefficients de valeur absolue > ``seuil``."""
    w = verif.tableau("w", w)
    return np.flatnonzero(np.abs(w) > verif.reel("seuil", seuil, min=0))


# ----------------------------------------------------------------------------
# Le réseau régularisé de 002 §3.10 et la grille de 002 §3.11
# ----------------------------------------------------------------------------

def modele_regularise(dropout=0.3, entrees=784, cachees=256, classes=10):
    """(Dense → BatchNormalization → ReLU → Dropout) × 2 → Dense : ``RegularizedNet`` du cours
    (002 §3.10), sorties en logits. 271 370 paramètres pour 784 → 256 → 256 → 10
    (dont 1 024 statistiques de BatchNormalization non entraînables)."""
    import keras

    dropout = verif.reel("dropout", dropout, min=0, max=1, max_exclu=True)
    entrees = verif.entier("entrees", entrees, min=1)
    cachees = verif.entier("cachees", cachees, min=1)
    classes = verif.entier("classes", classes, min=2)
    L = keras.layers
    couches = [keras.Input((entrees,))]
    for _ in range(2):
        couches += [L.Dense(cachees), L.BatchNormalization(), L.Activation("relu"), L.Dropout(dropout)]
    couches.append(L.Dense(classes))
    return keras.Sequential(couches)


def grille_dropout_weight_decay(x_train, y_train, x_val, y_val, taux_dropout, weight_decays, epoques=20,
                                batch_size=128, taux_apprentissage=1e-3, label_smoothing=0.1, graine=0,
                                rappel=None, sans_compilation=False):
    """Entraîne :func:`modele_regularise` pour chaque couple (dropout, weight decay) avec
    ``AdamW`` et l'entropie croisée lissée (002 §3.10–3.11) ; renvoie la matrice des
    exactitudes **de validation** (lignes : dropout, colonnes : weight decay).

    ``x_*`` : images aplaties et normalisées (N, d) ; ``y_*`` : étiquettes entières.
    ``rappel(i, j, exactitude)`` est appelé après chaque case (pour afficher l'avancement).
    Chaque case part de la même graine. ``sans_compilation=True`` : ``fit`` en mode immédiat
    (``run_eagerly``), plus rapide pour quelques pas (pas de traçage du graphe), même calcul."""
    import keras

    x_train = verif.tableau("x_train", x_train, ndim=2, dtype=np.float32)
    x_val = verif.tableau("x_val", x_val, ndim=2, dtype=np.float32)
    y_train = verif.tableau("y_train", y_train, forme=(x_train.shape[0],), dtype=np.int64)
    y_val = verif.tableau("y_val", y_val, forme=(x_val.shape[0],), dtype=np.int64)
    epoques = verif.entier("epoques", epoques, min=1)
    graine = verif.entier("graine", graine, min=0)
    if rappel is not None:
        verif.appelable("rappel", rappel)
    classes = int(max(y_train.max(), y_val.max())) + 1
    y_un_parmi_n = keras.utils.to_categorical(y_train, classes)
    exactitudes = np.zeros((len(taux_dropout), len(weight_decays)))
    for i, p in enumerate(taux_dropout):
        for j, wd in enumerate(weight_decays):
            keras.utils.set_random_seed(graine)
            modele = modele_regularise(p, entrees=x_train.shape[1], classes=classes)
            # la perte lissée de Keras veut des étiquettes « un parmi n » (la version creuse n'a pas de lissage)
            modele.compile(keras.optimizers.AdamW(taux_apprentissage, weight_decay=float(wd)),
                           keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=label_smoothing),
                           run_eagerly=bool(sans_compilation))
            modele.fit(x_train, y_un_parmi_n, batch_size=batch_size, epochs=epoques, verbose=0)
            logits = np.concatenate([np.asarray(modele(x_val[k:k + 2048], training=False))
                                     for k in range(0, len(x_val), 2048)])
            exactitudes[i, j] = float(np.mean(np.argmax(logits, axis=1) == y_val))
            if rappel is not None:
                rappel(i, j, exactitudes[i, j])
    return exactitudes


def meilleure_et_pire(grille):
    """Les positions (ligne, colonne) de la plus grande et de la plus petite valeur d'une grille."""
    g = verif.tableau("grille", grille, ndim=2, vide=False)
    return (tuple(int(v) for v in np.unravel_index(np.argmax(g), g.shape)),
            tuple(int(v) for v in np.unravel_index(np.argmin(g), g.shape)))
