"""Rétropropagation à la main et optimiseurs écrits en numpy (chapitre 20).

Un perceptron multicouche (couches cachées ReLU, sortie linéaire, entropie croisée
après softmax) est écrit en numpy à la convention de Keras : noyaux de forme
(entrées, sorties), ``z = x @ W + b``. Ses gradients (:func:`retropropagation`)
sont ceux de ``tf.GradientTape`` (:func:`gradients_keras`), et chaque optimiseur est
une règle de mise à jour de quelques lignes, égale à la classe de
``keras.optimizers`` qu'elle imite (:func:`comparer_a_keras`), y compris la place
de ε choisie par Keras :

==============  ====================================================================
``SGD``         θ ← θ − η g
``Momentum``    v ← μ v − η g ; θ ← θ + v                     (forme de Keras)
``Nesterov``    v ← μ v − η g ; θ ← θ + μ v − η g             (forme de Keras)
``AdaGrad``     a ← a + g² (a₀ = 0.1) ; θ ← θ − η g / √(a + ε)
``RMSProp``     s ← ρ s + (1 − ρ) g² ; θ ← θ − η g / √(s + ε)
``Adam``        m ← β₁ m + (1 − β₁) g ; v ← β₂ v + (1 − β₂) g² ;
                θ ← θ − η √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε̂)   (ε « chapeau »)
``AdamW``       θ ← θ − η λ θ, puis le pas d'Adam
==============  ====================================================================

>>> import numpy as np
>>> p = [np.array([1.0, -2.0])]
>>> opt = SGD(taux=0.1)
>>> opt.pas(p, [np.array([1.0, 1.0])])
>>> p[0].tolist(), opt.iterations
([0.9, -2.1], 1)
"""
from __future__ import annotations

import contextlib
import math
from typing import Callable, Sequence

import numpy as np

from . import verifications as verif

__all__ = [
    "initialiser_mlp",
    "nombre_parametres",
    "propagation",
    "softmax",
    "perte_entropie",
    "retropropagation",
    "exactitude",
    "gradients_differences_finies",
    "mlp_keras",
    "vers_keras",
    "gradients_keras",
    "Optimiseur",
    "SGD",
    "Momentum",
    "Nesterov",
    "AdaGrad",
    "RMSProp",
    "Adam",
    "AdamW",
    "OPTIMISEURS",
    "entrainer_mlp",
    "comparer_a_keras",
    "taux_cosinus",
    "taux_paliers",
    "normaliser_mnist",
    "course_optimiseurs",
]


# ----------------------------------------------------------------------------
# Le perceptron multicouche en numpy
# ----------------------------------------------------------------------------

def initialiser_mlp(tailles: Sequence[int], graine: int = 0, dtype=np.float64) -> list[np.ndarray]:
    """Les paramètres ``[W₁, b₁, W₂, b₂, …]`` d'un MLP de couches ``tailles`` (entrée comprise).

    Initialisation de He (loi normale non tronquée de variance 2/n_entrées), biais nuls.

    >>> [p.shape for p in initialiser_mlp([4, 3, 2])]
    [(4, 3), (3,), (3, 2), (2,)]
    """
    tailles = [verif.entier(f"tailles[{i}]", n, min=1) for i, n in enumerate(tailles)]
    if len(tailles) < 2:
        raise ValueError(f"tailles doit contenir au moins 2 entiers (entrée, sortie), reçu {tailles}")
    rng = np.random.default_rng(verif.entier("graine", graine, min=0))
    params = []
    for n_entree, n_sortie in zip(tailles[:-1], tailles[1:]):
        params.append((rng.standard_normal((n_entree, n_sortie)) * np.sqrt(2 / n_entree)).astype(dtype))
        params.append(np.zeros(n_sortie, dtype=dtype))
    return params


def nombre_parametres(params) -> int:
    """Le nombre total de poids et de biais."""
    return int(sum(np.size(p) for p in params))


def _verifier_params(params) -> list[np.ndarray]:
    if not isinstance(params, (list, tuple)) or len(params) < 2 or len(params) % 2:
        raise ValueError(f"params doit être une liste [W₁, b₁, W₂, b₂, …], reçu {verif.decrire(params)}")
    for k in range(0, len(params), 2):
        W, b = params[k], params[k + 1]
        if np.ndim(W) != 2 or np.ndim(b) != 1 or np.shape(W)[1] != np.shape(b)[0]:
            raise ValueError(f"params : la couche {k // 2} a un noyau de forme {np.shape(W)} et un biais de "
                             f"forme {np.shape(b)} ; attendu (n_entrées, n) et (n,)")
        if k and np.shape(W)[0] != np.shape(params[k - 2])[1]:
            raise ValueError(f"params : la couche {k // 2} attend {np.shape(W)[0]} entrées, la précédente "
                             f"en donne {np.shape(params[k - 2])[1]}")
    return list(params)


def propagation(params, X):
    """Propagation avant : renvoie ``(logits, cache)`` ; ``cache`` garde les entrées de chaque
    couche et les pré-activations (ce dont la rétropropagation a besoin)."""
    params = _verifier_params(params)
    h = np.asarray(X)
    if h.ndim != 2 or h.shape[1] != params[0].shape[0]:
        raise ValueError(f"X doit être un tableau de forme (N, {params[0].shape[0]}), reçu la forme {h.shape}")
    entrees, pre = [], []
    n_couches = len(params) // 2
    for c in range(n_couches):
        W, b = params[2 * c], params[2 * c + 1]
        entrees.append(h)
        z = h @ W + b
        pre.append(z)
        h = np.maximum(z, 0) if c < n_couches - 1 else z
    return h, (entrees, pre)


def softmax(z):
    """softmax par lignes, stable (on retranche le maximum de chaque ligne)."""
    z = np.asarray(z)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _etiquettes(y, n: int, k: int) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim == 2:                       # one-hot → indices
        y = y.argmax(axis=1)
    if y.shape != (n,):
        raise ValueError(f"y doit contenir {n} étiquettes (entiers ou one-hot), reçu la forme {np.shape(y)}")
    y = y.astype(np.int64)
    if y.min() < 0 or y.max() >= k:
        raise ValueError(f"y doit contenir des classes entre 0 et {k - 1}, reçu de {y.min()} à {y.max()}")
    return y


def perte_entropie(params, X, y) -> float:
    """L'entropie croisée moyenne −(1/N) Σ log softmax(z)ᵢ[yᵢ] (logits z du réseau)."""
    z, _ = propagation(params, X)
    y = _etiquettes(y, z.shape[0], z.shape[1])
    log_p = z - z.max(axis=1, keepdims=True)
    log_p = log_p - np.log(np.exp(log_p).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(y)), y]))


def retropropagation(params, X, y):
    """La perte et ses gradients ``[∂L/∂W₁, ∂L/∂b₁, …]``, écrits à la main.

    δ_L = (softmax(z_L) − y*)/N ; ∂L/∂W_ℓ = h_{ℓ−1}ᵀ δ_ℓ ; ∂L/∂b_ℓ = Σ_lignes δ_ℓ ;
    δ_{ℓ−1} = (δ_ℓ W_ℓᵀ) ⊙ 1[z_{ℓ−1} > 0].
    """
    z, (entrees, pre) = propagation(params, X)
    N, K = z.shape
    y = _etiquettes(y, N, K)
    p = softmax(z)
    perte = float(-np.mean(np.log(np.maximum(p[np.arange(N), y], np.finfo(p.dtype).tiny))))
    delta = p.copy()
    delta[np.arange(N), y] -= 1
    delta /= N
    grads = [None] * len(params)
    for c in range(len(params) // 2 - 1, -1, -1):
        grads[2 * c] = entrees[c].T @ delta
        grads[2 * c + 1] = delta.sum(axis=0)
        if c:
            delta = (delta @ params[2 * c].T) * (pre[c - 1] > 0)
    return perte, grads


def exactitude(params, X, y, lot: int = 10000) -> float:
    """La part des exemples bien classés (argmax des logits)."""
    X = np.asarray(X)
    justes = 0
    y = np.asarray(y)
    y = y.argmax(axis=1) if y.ndim == 2 else y
    for i in range(0, len(X), lot):
        z, _ = propagation(params, X[i:i + lot])
        justes += int(np.sum(z.argmax(axis=1) == y[i:i + lot]))
    return justes / len(X)


def gradients_differences_finies(params, X, y, indices, h: float = 1e-6) -> np.ndarray:
    """Dérivées partielles par différences centrées (L(θ + h) − L(θ − h))/2h, aux
    coordonnées ``indices`` = liste de ``(numéro du tableau, indice dans le tableau)``."""
    h = verif.reel("h", h, min=0, min_exclu=True)
    resultat = []
    for k, i in indices:
        plus = [np.array(p, dtype=np.float64) for p in params]
        moins = [np.array(p, dtype=np.float64) for p in params]
        plus[k][i] += h
        moins[k][i] -= h
        resultat.append((perte_entropie(plus, X, y) - perte_entropie(moins, X, y)) / (2 * h))
    return np.array(resultat)


# ----------------------------------------------------------------------------
# Le même réseau en Keras
# ----------------------------------------------------------------------------

def mlp_keras(tailles: Sequence[int], dtype: str = "float32"):
    """``Sequential`` : Dense ReLU pour les couches cachées, Dense linéaire (logits) en sortie."""
    import keras

    tailles = [verif.entier(f"tailles[{i}]", n, min=1) for i, n in enumerate(tailles)]
    if len(tailles) < 2:
        raise ValueError(f"tailles doit contenir au moins 2 entiers (entrée, sortie), reçu {tailles}")
    couches = [keras.layers.Dense(n, activation="relu", dtype=dtype) for n in tailles[1:-1]]
    couches.append(keras.layers.Dense(tailles[-1], dtype=dtype))
    return keras.Sequential([keras.Input(shape=(tailles[0],), dtype=dtype)] + couches)


def vers_keras(params, dtype: str = "float64"):
    """Le réseau Keras qui calcule la même fonction que ``params`` (mêmes poids)."""
    params = _verifier_params(params)
    tailles = [params[0].shape[0]] + [params[k].shape[1] for k in range(0, len(params), 2)]
    modele = mlp_keras(tailles, dtype=dtype)
    modele.set_weights([np.asarray(p, dtype=dtype) for p in params])
    return modele


def gradients_keras(modele, X, y):
    """La perte (entropie croisée depuis les logits) et ses gradients par ``tf.GradientTape``."""
    import keras
    import tensorflow as tf

    dtype = modele.trainable_variables[0].dtype
    perte_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype=dtype)
    X = tf.convert_to_tensor(np.asarray(X), dtype=dtype)
    with tf.GradientTape() as bande:
        perte = perte_fn(np.asarray(y), modele(X, training=True))
    grads = bande.gradient(perte, modele.trainable_variables)
    return float(perte), [g.numpy() for g in grads]


# ----------------------------------------------------------------------------
# Les optimiseurs : des règles de mise à jour
# ----------------------------------------------------------------------------

class Optimiseur:
    """Une règle de mise à jour θ ← règle(θ, g), appliquée en place par :meth:`pas`.

    ``taux`` : un nombre, ou une fonction du numéro du pas (0, 1, 2, …) qui renvoie le
    taux de ce pas (comme un planning ``keras.optimizers.schedules``).
    """

    nom = "optimiseur"

    def __init__(self, taux):
        if callable(taux):
            self.taux = taux
        else:
            self.taux = verif.reel("taux", taux, min=0, min_exclu=True)
        self.iterations = 0
        self.etat: list[dict] | None = None

    def taux_du_pas(self, t: int | None = None) -> float:
        """Le taux η du pas ``t`` (par défaut, le pas en cours)."""
        t = self.iterations if t is None else t
        return float(self.taux(t)) if callable(self.taux) else self.taux

    def _etat_initial(self, p: np.ndarray) -> dict:
        return {}

    def _regle(self, p: np.ndarray, g: np.ndarray, etat: dict, eta: float, t: int) -> None:
        raise NotImplementedError

    def pas(self, params, grads) -> None:
        """Un pas : modifie chaque tableau de ``params`` en place avec son gradient."""
        if not isinstance(params, (list, tuple)) or not isinstance(grads, (list, tuple)) \
                or len(params) != len(grads):
            raise ValueError(f"params et grads doivent être deux listes de même longueur, reçu "
                             f"{verif.decrire(params)} et {verif.decrire(grads)}")
        for k, (p, g) in enumerate(zip(params, grads)):
            if not isinstance(p, np.ndarray):
                raise TypeError(f"params[{k}] doit être un tableau numpy (modifié en place), reçu "
                                f"{type(p).__name__}")
            verif.meme_forme(f"params[{k}]", p, f"grads[{k}]", np.asarray(g))
        if self.etat is None:
            self.etat = [self._etat_initial(p) for p in params]
        elif len(self.etat) != len(params):
            raise ValueError(f"cet optimiseur suit {len(self.etat)} tableaux, reçu {len(params)}")
        eta = self.taux_du_pas()
        for p, g, etat in zip(params, grads, self.etat):
            self._regle(p, np.asarray(g, dtype=p.dtype), etat, eta, self.iterations + 1)
        self.iterations += 1

    def _hyper(self) -> dict:
        return {}

    #: les réglages que Keras garde en float32 (le taux est une variable float32, les autres
    #: passent par ``ops.cast`` depuis un float32) ; ε, ρ et les β des moyennes d'Adam restent des
    #: flottants Python, mais les β de la correction de biais (β₁ᵗ, β₂ᵗ) passent par ``ops.cast``
    _ARRONDIS_KERAS = ("taux", "moment", "beta1_correction", "beta2_correction", "accumulateur_initial",
                       "decroissance")

    def comme_keras(self) -> "Optimiseur":
        """Une copie neuve dont les réglages sont arrondis en float32 comme Keras les garde :
        en float64, elle suit la classe Keras au bit près (écarts ~1e-16)."""
        import copy

        copie = copy.copy(self)
        copie.iterations, copie.etat = 0, None
        for nom in self._ARRONDIS_KERAS:
            valeur = getattr(copie, nom, None)
            if isinstance(valeur, float):
                setattr(copie, nom, float(np.float32(valeur)))
        return copie

    def _taux_keras(self):
        if callable(self.taux) and not hasattr(self.taux, "get_config"):
            raise ValueError("taux est une fonction Python : pour l'équivalent Keras, donnez un planning "
                             "keras.optimizers.schedules (il sert aussi de fonction du pas)")
        return self.taux

    def keras(self):
        """La classe de ``keras.optimizers`` qui fait la même chose, avec les mêmes réglages."""
        raise NotImplementedError

    def __repr__(self):
        reglages = ", ".join(f"{k}={v!r}" for k, v in {"taux": self.taux, **self._hyper()}.items())
        return f"{type(self).__name__}({reglages})"


class SGD(Optimiseur):
    """Descente de gradient : θ ← θ − η g (``keras.optimizers.SGD(η)``)."""

    nom = "SGD"

    def __init__(self, taux=0.01):
        super().__init__(taux)

    def _regle(self, p, g, etat, eta, t):
        p -= eta * g

    def keras(self):
        import keras

        return keras.optimizers.SGD(learning_rate=self._taux_keras())


class Momentum(Optimiseur):
    """Moment, à la forme de Keras : v ← μ v − η g ; θ ← θ + v.

    (La forme de PyTorch, v ← μ v + g ; θ ← θ − η v, donne les mêmes θ à taux constant :
    la vitesse de Keras est −η fois celle de PyTorch.)
    """

    nom = "moment"

    def __init__(self, taux=0.01, moment=0.9):
        super().__init__(taux)
        self.moment = verif.reel("moment", moment, min=0, max=1, max_exclu=True)

    def _hyper(self):
        return {"moment": self.moment}

    def _etat_initial(self, p):
        return {"v": np.zeros_like(p)}

    def _regle(self, p, g, etat, eta, t):
        etat["v"] = self.moment * etat["v"] - eta * g
        p += etat["v"]

    def keras(self):
        import keras

        return keras.optimizers.SGD(learning_rate=self._taux_keras(), momentum=self.moment)


class Nesterov(Momentum):
    """Nesterov, à la forme de Keras : v ← μ v − η g ; θ ← θ + μ v − η g (v déjà mis à jour).

    C'est le moment « regardé un pas plus loin » : la mise à jour prend la vitesse
    prolongée d'un pas (μ v) plus le pas de gradient, sans recalculer le gradient ailleurs.
    """

    nom = "Nesterov"

    def _regle(self, p, g, etat, eta, t):
        etat["v"] = self.moment * etat["v"] - eta * g
        p += self.moment * etat["v"] - eta * g

    def keras(self):
        import keras

        return keras.optimizers.SGD(learning_rate=self._taux_keras(), momentum=self.moment, nesterov=True)


class AdaGrad(Optimiseur):
    """AdaGrad comme Keras : a ← a + g² (a part de ``accumulateur_initial`` = 0.1, pas de 0) ;
    θ ← θ − η g / √(a + ε) (ε **sous** la racine)."""

    nom = "AdaGrad"

    def __init__(self, taux=0.001, accumulateur_initial=0.1, epsilon=1e-7):
        super().__init__(taux)
        self.accumulateur_initial = verif.reel("accumulateur_initial", accumulateur_initial, min=0)
        self.epsilon = verif.reel("epsilon", epsilon, min=0)

    def _hyper(self):
        return {"accumulateur_initial": self.accumulateur_initial, "epsilon": self.epsilon}

    def _etat_initial(self, p):
        return {"a": np.full_like(p, self.accumulateur_initial)}

    def _regle(self, p, g, etat, eta, t):
        etat["a"] += g * g
        p -= eta * g / np.sqrt(etat["a"] + self.epsilon)

    def keras(self):
        import keras

        return keras.optimizers.Adagrad(learning_rate=self._taux_keras(),
                                        initial_accumulator_value=self.accumulateur_initial, epsilon=self.epsilon)


class RMSProp(Optimiseur):
    """RMSProp comme Keras : s ← ρ s + (1 − ρ) g² ; θ ← θ − η g / √(s + ε) (ε sous la racine)."""

    nom = "RMSProp"

    def __init__(self, taux=0.001, rho=0.9, epsilon=1e-7):
        super().__init__(taux)
        self.rho = verif.reel("rho", rho, min=0, max=1, max_exclu=True)
        self.epsilon = verif.reel("epsilon", epsilon, min=0)

    def _hyper(self):
        return {"rho": self.rho, "epsilon": self.epsilon}

    def _etat_initial(self, p):
        return {"s": np.zeros_like(p)}

    def _regle(self, p, g, etat, eta, t):
        etat["s"] = self.rho * etat["s"] + (1 - self.rho) * g * g
        p -= eta * g / np.sqrt(etat["s"] + self.epsilon)

    def keras(self):
        import keras

        return keras.optimizers.RMSprop(learning_rate=self._taux_keras(), rho=self.rho, epsilon=self.epsilon)


#: où placer ε dans le pas d'Adam
VARIANTES_ADAM = ("keras", "article", "document")


class Adam(Optimiseur):
    """Adam : m ← β₁ m + (1 − β₁) g ; v ← β₂ v + (1 − β₂) g², puis selon ``variante`` :

    - ``"keras"`` (ε « chapeau », section 2 de Kingma & Ba) :
      θ ← θ − η √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε) ;
    - ``"article"`` (algorithme 1 de Kingma & Ba) : θ ← θ − η m̂ / (√v̂ + ε), avec
      m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) ;
    - ``"document"`` (la formule de 001 §2.6, ε sous la racine) : θ ← θ − η m̂ / √(v̂ + ε).

    Les trois coïncident quand ε est négligeable devant √v̂ (gradients pas trop petits).
    """

    nom = "Adam"

    def __init__(self, taux=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7, variante="keras"):
        super().__init__(taux)
        self.beta1 = verif.reel("beta1", beta1, min=0, max=1, max_exclu=True)
        self.beta2 = verif.reel("beta2", beta2, min=0, max=1, max_exclu=True)
        self.epsilon = verif.reel("epsilon", epsilon, min=0)
        self.variante = verif.choix("variante", variante, VARIANTES_ADAM)
        # les β de la correction de biais : les mêmes, sauf dans la copie comme_keras() (float32)
        self.beta1_correction, self.beta2_correction = self.beta1, self.beta2

    def _hyper(self):
        return {"beta1": self.beta1, "beta2": self.beta2, "epsilon": self.epsilon, "variante": self.variante}

    def _etat_initial(self, p):
        return {"m": np.zeros_like(p), "v": np.zeros_like(p)}

    def _regle(self, p, g, etat, eta, t):
        etat["m"] += (1 - self.beta1) * (g - etat["m"])
        etat["v"] += (1 - self.beta2) * (g * g - etat["v"])
        c1, c2 = 1 - self.beta1_correction ** t, 1 - self.beta2_correction ** t
        if self.variante == "keras":
            p -= (eta * math.sqrt(c2) / c1) * etat["m"] / (np.sqrt(etat["v"]) + self.epsilon)
        elif self.variante == "article":
            p -= eta * (etat["m"] / c1) / (np.sqrt(etat["v"] / c2) + self.epsilon)
        else:
            p -= eta * (etat["m"] / c1) / np.sqrt(etat["v"] / c2 + self.epsilon)

    def _verifier_variante_keras(self):
        if self.variante != "keras":
            raise ValueError(f"variante={self.variante!r} : keras.optimizers.{type(self).__name__} place ε à sa "
                             "façon (variante='keras') ; pas d'équivalent Keras pour celle-ci")

    def keras(self):
        import keras

        self._verifier_variante_keras()
        return keras.optimizers.Adam(learning_rate=self._taux_keras(), beta_1=self.beta1, beta_2=self.beta2,
                                     epsilon=self.epsilon)


class AdamW(Adam):
    """AdamW (décroissance des poids découplée) : θ ← θ − η λ θ, puis le pas d'Adam avec le
    gradient g calculé en θ avant décroissance — c'est θ_{t+1} = (1 − ηλ) θ_t − η · pas_Adam.
    Keras : ``weight_decay`` vaut 0.004 par défaut (0.01 chez PyTorch) et s'applique à
    toutes les variables, biais compris."""

    nom = "AdamW"

    def __init__(self, taux=0.001, decroissance=0.004, beta1=0.9, beta2=0.999, epsilon=1e-7, variante="keras"):
        super().__init__(taux, beta1, beta2, epsilon, variante)
        self.decroissance = verif.reel("decroissance", decroissance, min=0)

    def _hyper(self):
        return {"decroissance": self.decroissance, **super()._hyper()}

    def _regle(self, p, g, etat, eta, t):
        p -= eta * self.decroissance * p
        super()._regle(p, g, etat, eta, t)

    def keras(self):
        import keras

        self._verifier_variante_keras()
        return keras.optimizers.AdamW(learning_rate=self._taux_keras(), weight_decay=self.decroissance,
                                      beta_1=self.beta1, beta_2=self.beta2, epsilon=self.epsilon)


#: les sept optimiseurs du chapitre, avec des réglages où chacun avance vite sur un petit problème
OPTIMISEURS: dict[str, Callable[[], Optimiseur]] = {
    "SGD": lambda: SGD(0.1),
    "moment": lambda: Momentum(0.05, 0.9),
    "Nesterov": lambda: Nesterov(0.05, 0.9),
    "AdaGrad": lambda: AdaGrad(0.1),
    "RMSProp": lambda: RMSProp(0.01),
    "Adam": lambda: Adam(0.01),
    "AdamW": lambda: AdamW(0.01, decroissance=0.1),
}


# ----------------------------------------------------------------------------
# Entraîner, comparer
# ----------------------------------------------------------------------------

def _lots(n: int, lot: int, rng) -> list[np.ndarray]:
    ordre = rng.permutation(n)
    return [ordre[i:i + lot] for i in range(0, n, lot)]


def entrainer_mlp(params, X, y, optimiseur: Optimiseur, epoques: int = 1, lot: int = 128, graine: int = 0,
                  X_val=None, y_val=None) -> dict:
    """Entraîne ``params`` en place par mini-lots mélangés à chaque époque ; renvoie
    l'historique (perte moyenne d'entraînement et exactitude de validation par époque)."""
    params = _verifier_params(params)
    epoques = verif.entier("epoques", epoques, min=1)
    lot = verif.entier("lot", lot, min=1)
    if not isinstance(optimiseur, Optimiseur):
        raise TypeError(f"optimiseur doit être un Optimiseur de keras_facile.optimiseurs, reçu "
                        f"{type(optimiseur).__name__}")
    X = np.asarray(X)
    y = np.asarray(y)
    rng = np.random.default_rng(verif.entier("graine", graine, min=0))
    historique = {"perte": [], "exactitude_val": []}
    for _ in range(epoques):
        pertes = []
        for i in _lots(len(X), lot, rng):
            perte, grads = retropropagation(params, X[i], y[i])
            optimiseur.pas(params, grads)
            pertes.append(perte * len(i))
        historique["perte"].append(float(np.sum(pertes) / len(X)))
        if X_val is not None:
            historique["exactitude_val"].append(exactitude(params, X_val, y_val))
    return historique


@contextlib.contextmanager
def _sans_avertissement_de_retracage():
    """Une tf.function neuve par modèle : l'avertissement « retracing » de TensorFlow ne dit rien d'utile ici."""
    import tensorflow as tf

    journal = tf.get_logger()
    niveau = journal.level
    journal.setLevel("ERROR")
    try:
        yield
    finally:
        journal.setLevel(niveau)


def comparer_a_keras(optimiseur: Optimiseur, params, X, y, pas: int = 100, lot: int = 32,
                     dtype: str = "float64") -> dict:
    """Même modèle, mêmes mini-lots, ``pas`` pas : la règle numpy contre la classe Keras.

    Côté numpy : :func:`retropropagation` puis ``optimiseur.pas`` — avec les réglages tels
    quels, et avec ceux que Keras garde en float32 (:meth:`Optimiseur.comme_keras`) ; côté
    Keras : le réseau :func:`vers_keras`, ``tf.GradientTape`` puis
    ``optimiseur.keras().apply_gradients`` (dans une ``tf.function``). Renvoie l'écart
    maximal des paramètres après les ``pas`` pas (``ecart_max`` et ``ecart_max_float32``),
    celui des pertes de chaque pas, les pertes des deux côtés, les paramètres finaux et le
    plus grand déplacement d'un poids depuis le départ.
    """
    import keras
    import tensorflow as tf

    pas = verif.entier("pas", pas, min=1)
    lot = verif.entier("lot", lot, min=1)
    if not isinstance(optimiseur, Optimiseur):
        raise TypeError(f"optimiseur doit être un Optimiseur de keras_facile.optimiseurs, reçu "
                        f"{type(optimiseur).__name__}")
    ref = [np.array(p, dtype=dtype) for p in _verifier_params(params)]
    nous = [p.copy() for p in ref]
    nous32 = [p.copy() for p in ref]
    opt32 = optimiseur.comme_keras()
    modele = vers_keras(ref, dtype=dtype)
    k_opt = optimiseur.keras()
    perte_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype=dtype)
    variables = modele.trainable_variables

    X = np.asarray(X, dtype=dtype)
    y = np.asarray(y)
    indices = np.arange(pas * lot).reshape(pas, lot) % len(X)      # les mêmes mini-lots, dans le même ordre
    pertes_nous = []
    for i in indices:
        perte, grads = retropropagation(nous, X[i], y[i])
        optimiseur.pas(nous, grads)
        opt32.pas(nous32, retropropagation(nous32, X[i], y[i])[1])
        pertes_nous.append(perte)

    @tf.function
    def trajet_keras(Xs, ys):          # les pas Keras, dans une boucle TensorFlow (rapide)
        pertes = tf.TensorArray(dtype, size=pas)
        for t in tf.range(pas):
            with tf.GradientTape() as bande:
                perte = perte_fn(ys[t], modele(Xs[t], training=True))
            k_opt.apply_gradients(zip(bande.gradient(perte, variables), variables))
            pertes = pertes.write(t, perte)
        return pertes.stack()

    with _sans_avertissement_de_retracage():
        pertes_keras = trajet_keras(tf.constant(X[indices]), tf.constant(y[indices])).numpy()
    poids_keras = [v.numpy() for v in variables]
    return {"ecart_max": max(float(np.max(np.abs(a - b))) for a, b in zip(nous, poids_keras)),
            "ecart_max_float32": max(float(np.max(np.abs(a - b))) for a, b in zip(nous32, poids_keras)),
            "ecart_pertes": float(np.max(np.abs(np.array(pertes_nous) - pertes_keras))),
            "pertes": pertes_nous, "pertes_keras": pertes_keras.tolist(), "params": nous,
            "params_keras": poids_keras,
            "deplacement": max(float(np.max(np.abs(a - b))) for a, b in zip(nous, ref))}


# ----------------------------------------------------------------------------
# Plannings de taux
# ----------------------------------------------------------------------------

def taux_cosinus(t, initial: float, etapes: int, alpha: float = 0.0, montee: int = 0, cible: float | None = None):
    """Montée linéaire puis décroissance en cosinus, comme ``keras.optimizers.schedules.CosineDecay``.

    Sans ``cible`` : η(t) = η₀ ((1 − α) ½ (1 + cos(π min(t, T)/T)) + α), T = ``etapes``.
    Avec ``cible`` (montée progressive, « warm-up ») : η croît linéairement de ``initial`` à
    ``cible`` pendant ``montee`` pas, puis décroît en cosinus de ``cible`` pendant T pas.

    >>> round(float(taux_cosinus(50, 1.0, 100)), 6), float(taux_cosinus(500, 1.0, 100, alpha=0.1))
    (0.5, 0.1)
    """
    initial = verif.reel("initial", initial, min=0)
    etapes = verif.entier("etapes", etapes, min=1)
    alpha = verif.reel("alpha", alpha, min=0, max=1)
    montee = verif.entier("montee", montee, min=0)
    t = np.asarray(t, dtype=np.float64)
    if np.any(t < 0):
        raise ValueError("t doit être un numéro de pas positif ou nul")

    def cosinus(s, depart):
        s = np.minimum(s, etapes)
        return depart * ((1 - alpha) * 0.5 * (1 + np.cos(np.pi * s / etapes)) + alpha)

    if cible is None:
        return cosinus(t, initial)
    cible = verif.reel("cible", cible, min=0)
    if montee == 0:
        return cosinus(t, cible)
    montant = initial + (cible - initial) * np.minimum(t, montee) / montee
    return np.where(t < montee, montant, cosinus(np.maximum(t - montee, 0), cible))


def taux_paliers(t, initial: float, facteur: float, tous_les: int):
    """Décroissance par paliers η(t) = η₀ γ^⌊t/T⌋ (``ExponentialDecay(staircase=True)``).

    >>> taux_paliers([0, 29, 30, 61], 1.0, 0.1, 30).round(6).tolist()
    [1.0, 1.0, 0.1, 0.01]
    """
    initial = verif.reel("initial", initial, min=0)
    facteur = verif.reel("facteur", facteur, min=0, min_exclu=True)
    tous_les = verif.entier("tous_les", tous_les, min=1)
    return initial * facteur ** np.floor(np.asarray(t, dtype=np.float64) / tous_les)


# ----------------------------------------------------------------------------
# La course des optimiseurs (002 §2.8) en Keras
# ----------------------------------------------------------------------------

#: la normalisation de MNIST de la source 002 (moyenne et écart type des pixels ramenés dans [0, 1])
MOYENNE_MNIST, ECART_TYPE_MNIST = 0.1307, 0.3081


def normaliser_mnist(images) -> np.ndarray:
    """(x/255 − 0.1307)/0.3081, aplati en vecteurs de 784 (float32)."""
    x = np.asarray(images, dtype=np.float32).reshape(len(images), -1)
    return ((x / 255 - MOYENNE_MNIST) / ECART_TYPE_MNIST).astype(np.float32)


def course_optimiseurs(configurations: dict, donnees, epoques: int, tailles=(784, 256, 128, 10), lot: int = 128,
                       graine: int = 0, verbose: int = 0) -> dict:
    """Entraîne le même réseau (mêmes poids initiaux) avec chaque optimiseur Keras de
    ``configurations`` (nom → fonction sans argument qui crée l'optimiseur).

    ``donnees`` = ``((x_train, y_train), (x_val, y_val), (x_test, y_test))`` déjà normalisées.
    Renvoie, par nom : exactitude de validation par époque, perte d'entraînement par époque,
    exactitude de test finale, durée en secondes.
    """
    import time

    import keras

    epoques = verif.entier("epoques", epoques, min=1)
    (x, y), (x_val, y_val), (x_test, y_test) = donnees
    keras.utils.set_random_seed(graine)
    initial = mlp_keras(tailles).get_weights()
    resultats = {}
    for nom, fabrique in configurations.items():
        keras.utils.set_random_seed(graine)
        modele = mlp_keras(tailles)
        modele.set_weights(initial)
        modele.compile(optimizer=fabrique(), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                       metrics=["accuracy"])
        debut = time.perf_counter()
        with _sans_avertissement_de_retracage():
            h = modele.fit(x, y, batch_size=lot, epochs=epoques, validation_data=(x_val, y_val), verbose=verbose,
                           shuffle=True)
            duree = time.perf_counter() - debut
            _, exactitude_test = modele.evaluate(x_test, y_test, batch_size=1024, verbose=0)
        resultats[nom] = {"exactitude_val": [float(a) for a in h.history["val_accuracy"]],
                          "perte": [float(a) for a in h.history["loss"]],
                          "exactitude_test": float(exactitude_test), "secondes": duree}
    return resultats
