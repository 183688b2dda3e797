"""Un petit GPT écrit avec des couches Keras (chapitre 18) : plongement des tokens et des positions,
blocs d'attention causale (normalisation, attention à plusieurs têtes, MLP avec GELU, flux résiduel),
normalisation finale, retranscription liée au plongement — l'architecture de GPT-2, en petit.

>>> nombre_parametres_gpt()            # GPT-2 small : N = 50257, K = 1024, n = 768, 12 couches
124439808
"""
from __future__ import annotations

import numpy as np

from . import _config  # noqa: F401

import keras
from keras import layers, ops

__all__ = ["nombre_parametres_gpt", "BlocGPT", "PlongementPositions", "Retranscription", "modele_gpt", "fenetres", "generer",
           "cartes_attention"]


def nombre_parametres_gpt(N=50257, K=1024, n=768, couches=12, facteur_mlp=4, lier=True) -> int:
    """Nombre de poids d'un GPT : plongements (N n + K n), par bloc 2 normalisations (2 × 2n), attention
    (4 n² + 4n), MLP (2 × facteur n² + facteur n + n), normalisation finale (2n), et la retranscription
    (N n + N) si elle n'est pas liée au plongement."""
    m = facteur_mlp * n
    bloc = 4 * n + (4 * n * n + 4 * n) + (n * m + m + m * n + n)
    return N * n + K * n + couches * bloc + 2 * n + (0 if lier else N * n + N)


@keras.saving.register_keras_serializable(package="keras_facile")
class BlocGPT(layers.Layer):
    """x ← x + Attention(LN(x)) ; x ← x + MLP(LN(x)) (attention causale, MLP n → 4n (GELU) → n)."""

    def __init__(self, n, tetes, facteur_mlp=4, **kwargs):
        super().__init__(**kwargs)
        self.n, self.tetes, self.facteur_mlp = n, tetes, facteur_mlp
        self.ln1 = layers.LayerNormalization(epsilon=1e-5)
        self.attention = layers.MultiHeadAttention(num_heads=tetes, key_dim=n // tetes)
        self.ln2 = layers.LayerNormalization(epsilon=1e-5)
        self.mlp1 = layers.Dense(facteur_mlp * n, activation="gelu")
        self.mlp2 = layers.Dense(n)

    def build(self, forme):
        self.ln1.build(forme)
        self.attention.build(forme, forme)
        self.ln2.build(forme)
        self.mlp1.build(forme)
        self.mlp2.build(tuple(forme[:-1]) + (self.facteur_mlp * self.n,))
        self.built = True

    def call(self, x, return_attention_scores=False):
        y = self.ln1(x)
        a, scores = self.attention(y, y, use_causal_mask=True, return_attention_scores=True)
        x = x + a
        x = x + self.mlp2(self.mlp1(self.ln2(x)))
        return (x, scores) if return_attention_scores else x

    def get_config(self):
        return {**super().get_config(), "n": self.n, "tetes": self.tetes, "facteur_mlp": self.facteur_mlp}


@keras.saving.register_keras_serializable(package="keras_facile")
class PlongementPositions(layers.Layer):
    """Ajoute à chaque token le vecteur appris de sa position (la matrice « wpe » de GPT-2, K × n)."""

    def __init__(self, K, n, **kwargs):
        super().__init__(**kwargs)
        self.K, self.n = K, n

    def build(self, forme):
        self.positions = self.add_weight(shape=(self.K, self.n), initializer="random_normal", name="positions")

    def call(self, x):
        return x + self.positions[None, : ops.shape(x)[1], :]

    def get_config(self):
        return {**super().get_config(), "K": self.K, "n": self.n}


@keras.saving.register_keras_serializable(package="keras_facile")
class Retranscription(layers.Layer):
    """Logits = h Aᵀ où A est la matrice du plongement des tokens (poids liés, comme GPT-2)."""

    def __init__(self, plongement, **kwargs):
        super().__init__(**kwargs)
        self.plongement = plongement

    def call(self, h):
        return ops.matmul(h, ops.transpose(self.plongement.embeddings))


def modele_gpt(N, K, n=64, tetes=4, couches=2, facteur_mlp=4) -> keras.Model:
    """Un GPT : tokens (entiers, forme (lot, K)) → logits (lot, K, N)."""
    if n % tetes:
        raise ValueError(f"n = {n} doit être un multiple du nombre de têtes ({tetes})")
    entree = keras.Input(shape=(K,), dtype="int32")
    plongement = layers.Embedding(N, n, name="plongement_tokens")
    x = PlongementPositions(K, n, name="plongement_positions")(plongement(entree))
    for i in range(couches):
        x = BlocGPT(n, tetes, facteur_mlp, name=f"bloc_{i}")(x)
    x = layers.LayerNormalization(epsilon=1e-5, name="normalisation_finale")(x)
    sortie = Retranscription(plongement, name="retranscription")(x)
    return keras.Model(entree, sortie, name="petit_gpt")


def fenetres(ids, K, pas=None):
    """Exemples (x, y) : fenêtres de K tokens et les mêmes décalées d'un token (le mot suivant)."""
    ids = np.asarray(ids, dtype=np.int32)
    pas = pas or K
    debuts = np.arange(0, len(ids) - K - 1, pas)
    if len(debuts) == 0:
        raise ValueError(f"texte trop court : {len(ids)} tokens pour des fenêtres de {K}")
    X = np.stack([ids[d:d + K] for d in debuts])
    Y = np.stack([ids[d + 1:d + K + 1] for d in debuts])
    return X, Y


def generer(modele, debut_ids, nb_tokens, T=1.0, graine=0, K=None):
    """Génère ``nb_tokens`` tokens après ``debut_ids`` : tirage selon softmax(logits / T) (T → 0 : argmax)."""
    rng = np.random.default_rng(graine)
    K = K or modele.input_shape[1]
    ids = list(debut_ids)
    for _ in range(nb_tokens):
        contexte = ids[-K:]
        longueur = len(contexte)
        entree = np.zeros((1, K), dtype=np.int32)
        entree[0, :longueur] = contexte
        logits = np.asarray(modele(entree, training=False))[0, longueur - 1].astype(np.float64)
        if T <= 1e-6:
            ids.append(int(np.argmax(logits)))
            continue
        z = logits / T
        p = np.exp(z - z.max())
        ids.append(int(rng.choice(len(p), p=p / p.sum())))
    return ids


def cartes_attention(modele, ids):
    """Les matrices d'attention (couches, têtes, K, K) pour la suite de tokens ``ids`` (longueur ≤ K)."""
    K = modele.input_shape[1]
    entree = np.zeros((1, K), dtype=np.int32)
    entree[0, :len(ids)] = ids
    x = modele.get_layer("plongement_positions")(modele.get_layer("plongement_tokens")(entree))
    cartes = []
    for couche in modele.layers:
        if isinstance(couche, BlocGPT):
            x, scores = couche(x, return_attention_scores=True)
            cartes.append(np.asarray(scores)[0, :, :len(ids), :len(ids)])
    return np.array(cartes)
