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
           "cartes_attention", "entropie_unigramme", "entropie_bigramme", "choisir_lambda_bigramme", "entropie_gpt"]


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


# ---------------------------------------------------------------------------
# Modèles de référence : unigramme et bigramme (pour juger l'erreur du GPT)
# ---------------------------------------------------------------------------

def _ids(ids, N, nom):
    ids = np.asarray(ids, dtype=np.int64).reshape(-1)
    if ids.size and (ids.min() < 0 or ids.max() >= N):
        raise ValueError(f"{nom} : numéros de tokens hors de [0, {N - 1}]")
    return ids


def _probas_unigramme(train, N):
    # lissage de Laplace : un token jamais vu garde une probabilité > 0
    return (np.bincount(train, minlength=N) + 1.0) / (len(train) + N)


def entropie_unigramme(ids_train, ids_test, N) -> float:
    """Entropie croisée moyenne (en nats) sur ``ids_test`` du modèle « un token, sans contexte » :
    P(t) = (nombre de t + 1) / (nombre de tokens + N), estimée sur ``ids_train``."""
    train, test = _ids(ids_train, N, "ids_train"), _ids(ids_test, N, "ids_test")
    return float(-np.mean(np.log(_probas_unigramme(train, N)[test])))


def _comptes_bigramme(train, test, N):
    """Ce qui ne dépend pas de λ : P_unigramme(b), n(a, b) et n(a) pour chaque paire (a, b) de ``test``."""
    p_uni = _probas_unigramme(train, N)
    codes, nombres = np.unique(train[:-1] * N + train[1:], return_counts=True)   # creux : N² peut être grand
    a, b = test[:-1], test[1:]
    rang = np.minimum(np.searchsorted(codes, a * N + b), len(codes) - 1)
    n_ab = np.where(codes[rang] == a * N + b, nombres[rang], 0)
    n_a = np.bincount(train[:-1], minlength=N)[a]
    return p_uni[b], n_ab, n_a


def _entropie_interpolee(p_uni_b, n_ab, n_a, lam):
    p_bi = np.divide(n_ab, n_a, out=np.zeros(len(n_a)), where=n_a > 0)
    p = np.where(n_a > 0, lam * p_bi + (1 - lam) * p_uni_b, p_uni_b)
    return float(-np.mean(np.log(p)))


def entropie_bigramme(ids_train, ids_test, N, lam=0.9) -> float:
    """Entropie croisée moyenne (en nats) sur ``ids_test[1:]`` du modèle « le token suivant ne dépend
    que du précédent », interpolé avec l'unigramme pour ne jamais donner une probabilité nulle :
    P(b | a) = λ · n(a, b) / n(a) + (1 − λ) · P_unigramme(b)   (si n(a) = 0, P_unigramme(b))."""
    if not 0 <= lam <= 1:
        raise ValueError(f"lam doit être dans [0, 1], reçu {lam!r}")
    train, test = _ids(ids_train, N, "ids_train"), _ids(ids_test, N, "ids_test")
    if len(test) < 2:
        raise ValueError("ids_test doit contenir au moins deux tokens")
    return _entropie_interpolee(*_comptes_bigramme(train, test, N), lam)


def choisir_lambda_bigramme(ids_train, N, part=0.1, grille=(0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)) -> float:
    """Choisit λ sur la fin de ``ids_train`` (``part`` des tokens mise de côté), jamais sur le test."""
    train = _ids(ids_train, N, "ids_train")
    coupe = int(len(train) * (1 - part))
    comptes = _comptes_bigramme(train[:coupe], train[coupe:], N)          # comptés une seule fois
    return min(grille, key=lambda lam: _entropie_interpolee(*comptes, lam))


def entropie_gpt(modele, ids_test, batch_size=64) -> float:
    """Entropie croisée moyenne (en nats) du GPT sur ``ids_test``, découpé en fenêtres de K tokens
    sans recouvrement : chaque token (sauf le premier de chaque fenêtre) est prédit à partir des
    précédents de sa fenêtre."""
    K = modele.input_shape[1]
    N = modele.output_shape[-1]
    test = _ids(ids_test, N, "ids_test")
    X, Y = fenetres(test, K, pas=K)
    total = 0.0
    for d in range(0, len(X), batch_size):
        pertes = keras.losses.sparse_categorical_crossentropy(
            Y[d:d + batch_size], modele(X[d:d + batch_size], training=False), from_logits=True)
        total += float(np.sum(np.asarray(pertes, dtype=np.float64)))
    return total / Y.size
