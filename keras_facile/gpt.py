"""Un petit GPT écrit avec des couches Keras (chapitre 18) : plongement des tokens et des positions,
blocs d'attention causale (normalisation, attention à plusieurs têtes, MLP avec GELU, flux résiduel),
normalisation finale, retranscription liée au plongement — l'architecture de GPT-2, en petit.

Les couches s'enregistrent à la manière de Keras 3 (``register_keras_serializable``) : un GPT se
sauve en ``.keras`` et se relit par ``keras.saving.load_model`` (ce module importé) ;
:func:`gpt_en_cache` garde un GPT entraîné dans le cache de keras_facile.

>>> nombre_parametres_gpt()            # GPT-2 small : N = 50257, K = 1024, n = 768, 12 couches
124439808
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from . import _config  # noqa: F401

import keras
from keras import layers, ops

from . import verifications
from .texte import softmax_temperature

__all__ = ["nombre_parametres_gpt", "BlocGPT", "PlongementPositions", "modele_gpt", "fenetres", "generer",
           "cartes_attention", "affichage_cartes_attention", "entropie_unigramme", "entropie_bigramme",
           "choisir_lambda_bigramme", "entropie_gpt", "cle_gpt", "gpt_en_cache"]


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
        self.ln1 = layers.LayerNormalization(epsilon=1e-5, name="normalisation_1")
        self.attention = layers.MultiHeadAttention(num_heads=tetes, key_dim=n // tetes, name="attention")
        self.ln2 = layers.LayerNormalization(epsilon=1e-5, name="normalisation_2")
        self.mlp1 = layers.Dense(facteur_mlp * n, activation="gelu", name="mlp_1")
        self.mlp2 = layers.Dense(n, name="mlp_2")

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


def _entier(valeur, nom, minimum=1):
    return verifications.entier(nom, valeur, min=minimum)


def modele_gpt(N, K, n=64, tetes=4, couches=2, facteur_mlp=4) -> keras.Model:
    """Un GPT : tokens (entiers, forme (lot, K)) → logits (lot, K, N).

    La retranscription est liée au plongement des tokens, comme dans GPT-2 : une seule couche
    ``keras.layers.ReversibleEmbedding`` de matrice A (N × n) plonge le token i (ligne i de A),
    puis, appelée avec ``reverse=True``, donne les logits h Aᵀ. Le modèle s'enregistre en
    ``.keras`` et se relit par ``keras.saving.load_model`` sans ``custom_objects``.

    >>> modele_gpt(N=57, K=8, n=16, tetes=4, couches=1).count_params() == nombre_parametres_gpt(57, 8, 16, 1)
    True
    """
    N, K, n, tetes = (_entier(v, nom) for v, nom in ((N, "N"), (K, "K"), (n, "n"), (tetes, "tetes")))
    couches, facteur_mlp = _entier(couches, "couches", 0), _entier(facteur_mlp, "facteur_mlp")
    if n % tetes:
        raise ValueError(f"n doit être un multiple du nombre de têtes ({tetes}), reçu {n} (int)")
    entree = keras.Input(shape=(K,), dtype="int32", name="tokens")
    plongement = layers.ReversibleEmbedding(N, n, tie_weights=True, name="plongement_tokens")
    x = PlongementPositions(K, n, name="plongement_positions")(plongement(entree))
    for i in range(couches):
        x = BlocGPT(n, tetes, facteur_mlp, name=f"bloc_{i}")(x)
    x = layers.LayerNormalization(epsilon=1e-5, name="normalisation_finale")(x)
    sortie = plongement(x, reverse=True)          # retranscription : logits = h Aᵀ (poids liés)
    return keras.Model(entree, sortie, name="petit_gpt")


def fenetres(ids, K, pas=None):
    """Exemples (x, y) : fenêtres de K tokens et les mêmes décalées d'un token (le mot suivant).

    Une fenêtre qui commence en d utilise les tokens d … d + K (K + 1 tokens) : toutes celles qui
    tiennent dans le texte sont prises, tous les ``pas`` tokens (par défaut ``pas = K``).

    >>> X, Y = fenetres(range(17), 8)
    >>> X.tolist(), Y[:, -1].tolist()
    ([[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14, 15]], [8, 16])
    """
    K = verifications.entier("K", K, min=1)
    pas = K if pas is None else verifications.entier("pas", pas, min=1)
    brut = ids
    ids = verifications.tableau("ids", ids, ndim=1, dtype=np.int64)
    if np.asarray(brut).dtype.kind not in "iu" and ids.size:
        raise TypeError(f"ids doit être une suite de numéros de tokens (entiers), reçu {verifications.decrire(brut)}")
    if ids.size and (ids.min() < np.iinfo(np.int32).min or ids.max() > np.iinfo(np.int32).max):
        raise ValueError(f"ids doit être une suite de numéros de tokens (entiers 32 bits), reçu "
                         f"{verifications.decrire(ids)}")
    ids = ids.astype(np.int32)
    debuts = np.arange(0, len(ids) - K, pas)          # d + K ≤ len(ids) − 1 : le dernier y de la fenêtre existe
    if len(debuts) == 0:
        raise ValueError(f"ids doit contenir au moins K + 1 = {K + 1} tokens (une fenêtre et le token suivant), "
                         f"reçu {len(ids)} tokens")
    X = np.stack([ids[d:d + K] for d in debuts])
    Y = np.stack([ids[d + 1:d + K + 1] for d in debuts])
    return X, Y


def generer(modele, debut_ids, nb_tokens, T=1.0, graine=0, K=None):
    """Génère ``nb_tokens`` tokens après ``debut_ids`` : tirage selon softmax(logits / T).

    ``T`` : un nombre ≥ 0 ; ``T = 0`` (ou ≤ 1e-6) donne le tirage glouton (argmax). ``debut_ids`` : au
    moins un numéro de token, chacun dans [0, N − 1] (N : la taille du vocabulaire du modèle).

    >>> import keras
    >>> keras.utils.set_random_seed(0)
    >>> m = modele_gpt(N=5, K=4, n=8, tetes=2, couches=1)
    >>> len(generer(m, [1, 2], 3, T=0))
    5
    >>> generer(m, [1, 7], 3)
    Traceback (most recent call last):
        ...
    ValueError: debut_ids doit être une suite de numéros de tokens dans [0, 4], reçu [1, 7] (list) ; 7 en position 1
    """
    verifications.modele_keras("modele", modele)
    N = int(modele.output_shape[-1])
    T = verifications.reel("T", T, min=0, aide="T = 0 : tirage glouton (le token le plus probable)")
    nb_tokens = verifications.entier("nb_tokens", nb_tokens, min=0)
    graine = verifications.entier("graine", graine, min=0) if graine is not None else None
    K_modele = modele.input_shape[1]
    if K is None:
        K = K_modele
    else:
        K = verifications.entier("K", K, min=1, max=K_modele if K_modele else None,
                                 aide="au plus la longueur des fenêtres du modèle")
    attendu = f"une suite de numéros de tokens dans [0, {N - 1}]"
    if isinstance(debut_ids, (str, bytes)):
        raise TypeError(f"debut_ids doit être {attendu}, reçu {verifications.decrire(debut_ids)} ; "
                        "codez d'abord le texte (bpe.encoder(texte))")
    tableau = np.asarray(debut_ids) if not isinstance(debut_ids, np.ndarray) else debut_ids
    if tableau.dtype.kind not in "iu" or tableau.ndim != 1:
        if tableau.ndim == 1 and tableau.size == 0:
            tableau = tableau.astype(np.int64)
        else:
            raise TypeError(f"debut_ids doit être {attendu}, reçu {verifications.decrire(debut_ids)}")
    if tableau.size == 0:
        raise ValueError(f"debut_ids doit être {attendu}, non vide, reçu {verifications.decrire(debut_ids)} ; "
                         "le modèle a besoin d'au moins un token pour commencer")
    hors = np.flatnonzero((tableau < 0) | (tableau >= N))
    if hors.size:
        raise ValueError(f"debut_ids doit être {attendu}, reçu {verifications.decrire(debut_ids)} ; "
                         f"{int(tableau[hors[0]])} en position {int(hors[0])}")
    rng = np.random.default_rng(graine)
    ids = [int(i) for i in tableau]
    for _ in range(nb_tokens):
        contexte = ids[-K:]
        longueur = len(contexte)
        entree = np.zeros((1, K), dtype=np.int32)
        entree[0, :longueur] = contexte
        logits = np.asarray(modele(entree, training=False))[0, longueur - 1].astype(np.float64)
        if T <= 1e-6:
            ids.append(int(np.argmax(logits)))
            continue
        p = softmax_temperature(logits, T)
        ids.append(int(rng.choice(len(p), p=p)))
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


def affichage_cartes_attention(cartes, etiquettes, bloc=-1, fichier=None):
    """Les matrices d'attention de toutes les têtes d'un bloc (par défaut le dernier), côte à côte :
    ligne i = le token qui regarde, colonne j = le token regardé. ``cartes`` : le résultat de
    :func:`cartes_attention`, forme (blocs, têtes, L, L) ; ``etiquettes`` : les L tokens. Renvoie la figure.

    >>> fig = affichage_cartes_attention(np.tril(np.ones((1, 2, 3, 3))) / 3, ["le", " ", "chat"])
    >>> [ax.get_title() for ax in fig.axes]
    ['dernier bloc, tête 0', 'dernier bloc, tête 1']
    """
    from .figures import sous_figures, terminer_figure

    cartes = np.asarray(cartes)
    if cartes.ndim != 4 or cartes.shape[-1] != cartes.shape[-2]:
        raise ValueError(f"cartes doit être de forme (blocs, têtes, L, L), reçu la forme {cartes.shape}")
    if len(etiquettes) != cartes.shape[-1]:
        raise ValueError(f"etiquettes doit donner un nom par token ({cartes.shape[-1]}), reçu {len(etiquettes)}")
    if not -cartes.shape[0] <= bloc < cartes.shape[0]:
        raise ValueError(f"bloc doit être dans [{-cartes.shape[0]}, {cartes.shape[0] - 1}], reçu {bloc!r}")
    nom_bloc = "dernier bloc" if bloc in (-1, cartes.shape[0] - 1) else f"bloc {bloc % cartes.shape[0]}"
    fig, axes = sous_figures(1, cartes.shape[1], figsize=(4 * cartes.shape[1], 4))
    for h, ax in enumerate(np.atleast_1d(axes)):
        ax.imshow(cartes[bloc, h], cmap="viridis")
        ax.set_xticks(range(len(etiquettes)), etiquettes, rotation=90, fontsize=6)
        ax.set_yticks(range(len(etiquettes)), etiquettes, fontsize=6)
        ax.set_title(f"{nom_bloc}, tête {h}")
    return terminer_figure(fig, fichier)


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


# ---------------------------------------------------------------------------
# Un GPT entraîné, gardé dans le cache (chapitre 18 : entraîner une fois, générer souvent)
# ---------------------------------------------------------------------------

_VERSION_CACHE = 2          # à augmenter si modele_gpt ou fenetres change (2 : fenetres prend la dernière fenêtre)


def cle_gpt(config) -> str:
    """La clé (16 chiffres hexadécimaux) d'un GPT entraîné : empreinte SHA-256 de ``config``, un dict
    de valeurs simples qui décrit tout ce qui fixe le résultat (données, tokeniseur, taille du
    modèle, époques, taux, graine…). Changer une seule valeur change la clé.

    >>> cle_gpt({"K": 64, "epoques": 8}) == cle_gpt({"epoques": 8, "K": 64})
    True
    >>> cle_gpt({"K": 64, "epoques": 8}) == cle_gpt({"K": 64, "epoques": 7})
    False
    """
    if not isinstance(config, dict):
        raise TypeError(f"config doit être un dict de valeurs simples, reçu {type(config).__name__} : {config!r}")
    try:
        texte = json.dumps({"version_cache": _VERSION_CACHE, "config": config}, sort_keys=True,
                           ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise TypeError("config doit ne contenir que des nombres finis, des textes, des booléens, None, "
                        f"des listes et des dicts à clés textes ({e}) ; reçu {config!r}") from None
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()[:16]


def _dossier_modeles(dossier):
    if dossier is None:
        from .donnees import dossier_cache

        return dossier_cache() / "modeles"
    return Path(dossier).expanduser()


def gpt_en_cache(config, entrainer, nom="petit_gpt", dossier=None, reentrainer=False):
    """Le GPT décrit par ``config`` : relu du cache s'il y est déjà, sinon entraîné puis enregistré.

    - ``config`` : dict de valeurs simples décrivant données, tokeniseur, modèle et entraînement
      (voir :func:`cle_gpt`) : tout changement donne un autre modèle ;
    - ``entrainer()`` : appelée seulement si le modèle n'est pas en cache ; renvoie
      ``(modele, infos)``, ``infos`` étant un dict de valeurs simples à garder avec lui
      (historique de l'erreur, tokeniseur…) ;
    - ``dossier`` : par défaut ``<cache>/modeles`` (``KERAS_FACILE_CACHE``, sinon ``~/.cache/keras_facile``) ;
    - ``reentrainer=True`` : entraîner de nouveau même si le modèle est en cache (il est remplacé).

    Le modèle et ses infos sont écrits ensemble dans ``<dossier>/<nom>-<clé>/`` (``modele.keras`` et
    ``infos.json``), d'abord sous un nom temporaire puis renommés d'un coup (``os.replace``) : une
    exécution interrompue ne laisse jamais un modèle à moitié écrit. Un dossier illisible est
    signalé, effacé, et le modèle réentraîné.

    Renvoie ``(modele, infos, depuis_cache)``.
    """
    cle = cle_gpt(config)
    if not callable(entrainer):
        raise TypeError("entrainer doit être une fonction sans argument qui renvoie (modele, infos), "
                        f"reçu {entrainer!r}")
    if not isinstance(nom, str) or not nom or not all(c.isalnum() or c in "-_" for c in nom):
        raise ValueError(f"nom invalide : {nom!r} (lettres, chiffres, - et _)")
    if not isinstance(reentrainer, bool):
        raise TypeError(f"reentrainer doit valoir True ou False, reçu {reentrainer!r}")
    racine = _dossier_modeles(dossier)
    final = racine / f"{nom}-{cle}"
    if final.is_dir() and not reentrainer:
        try:
            infos = json.loads((final / "infos.json").read_text(encoding="utf-8"))
            if infos.get("cle") != cle:
                raise ValueError(f"clé {infos.get('cle')!r} au lieu de {cle!r}")
            modele = keras.saving.load_model(final / "modele.keras")
            return modele, infos["infos"], True
        except Exception as e:  # fichier tronqué, JSON abîmé, autre version de Keras…
            print(f"modèle en cache illisible ({type(e).__name__} : {e}) : {final} effacé, nouvel entraînement",
                  file=sys.stderr)
            shutil.rmtree(final, ignore_errors=True)

    debut = time.perf_counter()
    resultat = entrainer()
    duree = time.perf_counter() - debut
    if not (isinstance(resultat, tuple) and len(resultat) == 2 and isinstance(resultat[0], keras.Model)
            and isinstance(resultat[1], dict)):
        raise TypeError(f"entrainer() doit renvoyer (modele Keras, dict d'infos), reçu {resultat!r}")
    modele, infos = resultat
    try:
        contenu = json.dumps({"cle": cle, "config": config, "infos": infos, "secondes_entrainement": duree,
                              "keras": keras.__version__}, ensure_ascii=False, indent=1, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise TypeError(f"les infos renvoyées par entrainer() doivent être des valeurs simples ({e}) ; "
                        f"reçu {infos!r}") from None
    racine.mkdir(parents=True, exist_ok=True)
    temporaire = racine / f".{nom}-{cle}.partiel-{os.getpid()}"
    shutil.rmtree(temporaire, ignore_errors=True)
    try:
        temporaire.mkdir()
        modele.save(temporaire / "modele.keras")
        (temporaire / "infos.json").write_text(contenu, encoding="utf-8")
        if reentrainer:
            shutil.rmtree(final, ignore_errors=True)
        try:
            os.replace(temporaire, final)
        except OSError:        # un autre processus l'a écrit entre-temps : on garde le sien
            if not final.is_dir():
                raise
    finally:
        shutil.rmtree(temporaire, ignore_errors=True)
    return modele, json.loads(contenu)["infos"], False
