"""Les réseaux convolutifs du chapitre 14, et des recettes améliorées.

Les réseaux du livre (mêmes couches, même nombre de poids) ::

    >>> from keras_facile.modeles_convolution import modele_mnist_convolution
    >>> modele_mnist_convolution().count_params()
    130394

============================  =========  ===========================================
fonction                      poids      réseau
============================  =========  ===========================================
modele_mnist_convolution      130 394    Conv 32 → Conv 16 → Aplat. → Dense 10
modele_mnist_visualisation     33 850    Conv 16 → Conv 16 → Max 2×2 → Dense 10
modele_cifar10_convolution    153 546    c64-c64-max-c64-max-c64 → Dense 10
                              767 946    … sans les deux max-pooling
modele_chats_chiens           206 785    [c64-max-dropout]×3 → d32 → 1
                               79 937    filtres=(16, 32, 32)
============================  =========  ===========================================

Les recettes « améliorées » (``modele_*_ameliore``) vont plus loin que le livre :
normalisation par lots (``BatchNormalization``), augmentation des données par des
couches Keras (``RandomFlip``, ``RandomTranslation`` … actives seulement pendant
l'entraînement), moyenne globale (``GlobalAveragePooling2D``) au lieu d'une grande
couche dense.

On y trouve aussi le pont entre le livre et Keras : ``Conv2D`` calcule une
*corrélation* (le motif n'est pas retourné) ; :func:`couche_depuis_motif` charge un
motif M du livre sous la forme ``M[::-1, ::-1]`` pour obtenir la convolution A ⋆ M.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import _config  # noqa: F401
from .entrainement import ChronoEpoques

import numpy as np
import keras
from keras import layers

__all__ = [
    "modele_mnist_convolution",
    "modele_mnist_visualisation",
    "modele_cifar10_convolution",
    "modele_chats_chiens",
    "modele_mnist_ameliore",
    "modele_cifar10_ameliore",
    "modele_chats_chiens_ameliore",
    "compiler_modele",
    "entrainer",
    "separer_validation",
    "entrainer_recette_amelioree",
    "predire_avec_miroir",
    "precision",
    "couche_depuis_motif",
    "convolution_keras",
    "sous_modele",
    "cartes_activation",
    "dossier_cache",
    "chemin_modele",
    "NOMS_CIFAR10",
]

NOMS_CIFAR10 = ["airplane", "automobile", "bird", "cat", "deer",
                "dog", "frog", "horse", "ship", "truck"]


def _conv(filtres, **kw):
    return layers.Conv2D(filtres, kernel_size=3, padding="same", activation="relu", **kw)


# ---------------------------------------------------------------------------
# Les réseaux du livre
# ---------------------------------------------------------------------------

def modele_mnist_convolution() -> keras.Sequential:
    """Chap. 14 §1 : Conv 32 → Conv 16 → Aplat. → Dense 10 sur (28, 28, 1) ; 130 394 poids."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        _conv(32),
        _conv(16),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ], name="mnist_convolution")


def modele_mnist_visualisation() -> keras.Sequential:
    """Chap. 14 §4 : Conv 16 → Conv 16 → Max-pooling 2×2 → Aplat. → Dense 10 ; 33 850 poids."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        _conv(16),
        _conv(16),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ], name="mnist_visualisation")


def modele_cifar10_convolution(pooling: bool = True) -> keras.Sequential:
    """Chap. 14 §2 : c64-c64-max-c64-max-c64 → Dense 10 ; 153 546 poids (767 946 sans pooling)."""
    if not isinstance(pooling, bool):
        raise TypeError(f"pooling doit être True ou False, reçu {pooling!r}")
    couches = [keras.Input(shape=(32, 32, 3)), _conv(64), _conv(64)]
    if pooling:
        couches.append(layers.MaxPooling2D(pool_size=(2, 2)))
    couches.append(_conv(64))
    if pooling:
        couches.append(layers.MaxPooling2D(pool_size=(2, 2)))
    couches += [_conv(64), layers.Flatten(), layers.Dense(10, activation="softmax")]
    return keras.Sequential(couches, name="cifar10_convolution" + ("" if pooling else "_sans_pooling"))


def _verifier_taille(taille):
    if (not isinstance(taille, (tuple, list)) or len(taille) != 2
            or not all(isinstance(t, (int, np.integer)) and t >= 8 for t in taille)):
        raise ValueError(f"taille doit être un couple d'entiers ≥ 8 (hauteur, largeur), reçu {taille!r}")
    return tuple(int(t) for t in taille)


def modele_chats_chiens(filtres=(64, 64, 64), neurones: int = 32, taille=(64, 64),
                        dropout: float = 0.5) -> keras.Sequential:
    """Chap. 14 §3 : [Conv → Max 2×2 → Dropout 0.5] × 3 → Aplat. → Dense 32 → Dense 1 (sigmoïde).

    Avec les valeurs par défaut (c64-c64-c64-d32, images 64×64) : 206 785 poids ;
    ``filtres=(16, 32, 32)`` donne le petit réseau c16-c32-c32-d32 (79 937 poids).
    """
    taille = _verifier_taille(taille)
    if (not isinstance(filtres, (tuple, list)) or not filtres
            or not all(isinstance(f, (int, np.integer)) and f > 0 for f in filtres)):
        raise ValueError(f"filtres doit être une liste d'entiers > 0, reçu {filtres!r}")
    if not isinstance(neurones, (int, np.integer)) or neurones <= 0:
        raise ValueError(f"neurones doit être un entier > 0, reçu {neurones!r}")
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout doit être dans [0, 1[, reçu {dropout!r}")
    couches = [keras.Input(shape=(*taille, 3))]
    for f in filtres:
        couches += [_conv(int(f)), layers.MaxPooling2D(pool_size=(2, 2)), layers.Dropout(dropout)]
    couches += [layers.Flatten(), layers.Dense(int(neurones), activation="relu"),
                layers.Dense(1, activation="sigmoid")]
    nom = "chats_chiens_" + "-".join(f"c{f}" for f in filtres) + f"-d{neurones}"
    return keras.Sequential(couches, name=nom)


# ---------------------------------------------------------------------------
# Recettes améliorées (au-delà du livre)
# ---------------------------------------------------------------------------

def _bloc_bn(x, filtres, n=2):
    for _ in range(n):
        x = layers.Conv2D(filtres, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
    return x


def modele_mnist_ameliore() -> keras.Model:
    """MNIST, mieux que le livre : deux blocs [Conv-BN-ReLU ×2 → Max 2×2 → Dropout 0.25]
    (32 puis 64 filtres), puis Dense 128 et dropout 0.5 avant la sortie."""
    entree = keras.Input(shape=(28, 28, 1))
    x = entree
    for f in (32, 64):
        x = _bloc_bn(x, f)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Dropout(0.25)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(128, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    sortie = layers.Dense(10, activation="softmax")(x)
    return keras.Model(entree, sortie, name="mnist_ameliore")


def augmentation_images(retournement=True, translation=0.1, rotation=0.0, zoom=0.0,
                        contraste=0.0, nom="augmentation") -> keras.Sequential:
    """Augmentation des données avec les couches Keras (actives seulement à l'entraînement)."""
    couches = []
    if retournement:
        couches.append(layers.RandomFlip("horizontal"))
    if translation:
        couches.append(layers.RandomTranslation(translation, translation, fill_mode="reflect"))
    if rotation:
        couches.append(layers.RandomRotation(rotation, fill_mode="reflect"))
    if zoom:
        couches.append(layers.RandomZoom(zoom, fill_mode="reflect"))
    if contraste:
        couches.append(layers.RandomContrast(contraste, value_range=(0, 1)))
    return keras.Sequential(couches, name=nom)


def modele_cifar10_ameliore() -> keras.Model:
    """CIFAR-10 : augmentation (retournement horizontal, translations de 10 %),
    3 blocs [Conv-BN-ReLU ×2 → Max 2×2] à 32, 64, 128 filtres, moyenne globale, dropout."""
    entree = keras.Input(shape=(32, 32, 3))
    x = augmentation_images(retournement=True, translation=0.1)(entree)
    for f, d in ((32, 0.1), (64, 0.2), (128, 0.3)):
        x = _bloc_bn(x, f)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Dropout(d)(x)
    x = layers.GlobalAveragePooling2D()(x)
    sortie = layers.Dense(10, activation="softmax")(x)
    return keras.Model(entree, sortie, name="cifar10_ameliore")


def modele_chats_chiens_ameliore(taille=(64, 64)) -> keras.Model:
    """Chats/chiens : augmentation (retournement, translation 10 %, rotation ±29°, zoom 15 %,
    contraste), 4 blocs [Conv-BN-ReLU ×2 → Max 2×2] à 32, 64, 128, 256 filtres, moyenne
    globale, dropout 0.5, sortie sigmoïde. Les images doivent être dans [0, 1]."""
    taille = _verifier_taille(taille)
    entree = keras.Input(shape=(*taille, 3))
    x = augmentation_images(retournement=True, translation=0.1, rotation=0.08, zoom=0.15,
                            contraste=0.15)(entree)
    for f in (32, 64, 128, 256):
        x = _bloc_bn(x, f)
        x = layers.MaxPooling2D(2)(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.5)(x)
    sortie = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(entree, sortie, name="chats_chiens_ameliore")


# ---------------------------------------------------------------------------
# Compilation et entraînement
# ---------------------------------------------------------------------------

def compiler_modele(modele, perte="categorical_crossentropy", ameliore=False,
                    pas_total=None, taux=1e-3):
    """Compile comme le livre (adam, ``accuracy``) ; en recette améliorée, adam avec un
    taux d'apprentissage qui décroît en cosinus sur ``pas_total`` pas."""
    if ameliore:
        if not pas_total or pas_total <= 0:
            raise ValueError(f"pas_total doit être un entier > 0 pour la recette améliorée, reçu {pas_total!r}")
        taux = keras.optimizers.schedules.CosineDecay(taux, decay_steps=int(pas_total), alpha=0.01)
    modele.compile(loss=perte, optimizer=keras.optimizers.Adam(learning_rate=taux),
                   metrics=["accuracy"])
    return modele


def predire_avec_miroir(modele, x, batch_size=256) -> np.ndarray:
    """Prédiction moyennée sur l'image et son miroir gauche-droite (« test-time augmentation »).

    Un chat retourné reste un chat : la moyenne des deux avis est en général un peu plus sûre.
    """
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"x doit être un lot d'images (n, hauteur, largeur, canaux), reçu la forme {x.shape}")
    p = modele.predict(x, batch_size=batch_size, verbose=0)
    p_miroir = modele.predict(x[:, :, ::-1, :], batch_size=batch_size, verbose=0)
    return (p + p_miroir) / 2


def precision(y, p) -> float:
    """Précision de probabilités ``p`` face aux étiquettes ``y`` (une sortie sigmoïde, ou softmax
    avec étiquettes entières ou « one-hot »)."""
    y, p = np.asarray(y), np.asarray(p)
    if p.ndim == 2 and p.shape[1] == 1:
        return float(np.mean((p[:, 0] >= 0.5) == (y.reshape(-1) >= 0.5)))
    classes = np.argmax(y, axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(-1)
    return float(np.mean(np.argmax(p, axis=1) == classes))


def entrainer(modele, x, y=None, *, epochs, batch_size=32, validation_data=None, verbose=2,
              x_test=None, y_test=None, test=None):
    """``fit`` puis ``evaluate`` ; renvoie un dictionnaire de mesures.

    ``x`` est un tableau (avec ``y``) ou un ``tf.data.Dataset`` ; le test est
    ``(x_test, y_test)`` ou le ``Dataset`` ``test``. Clés renvoyées :
    ``precision_test``, ``perte_test``, ``precision_entrainement`` (dernière époque),
    ``precision_validation`` (si ``validation_data``), ``secondes_par_epoque``,
    ``historique``.
    """
    chrono = ChronoEpoques()
    kw = {"shuffle": False} if y is None else {"batch_size": batch_size}  # un Dataset est déjà mélangé
    historique = modele.fit(x, y, epochs=epochs, validation_data=validation_data,
                            verbose=verbose, callbacks=[chrono], **kw)
    mesures = {
        "precision_entrainement": float(historique.history["accuracy"][-1]),
        "secondes_par_epoque": float(np.mean(chrono.durees)),
        "historique": {k: [float(v) for v in vals] for k, vals in historique.history.items()},
    }
    if validation_data is not None:
        mesures["precision_validation"] = float(historique.history["val_accuracy"][-1])
    if test is not None or x_test is not None:
        if test is not None:
            perte, precision = modele.evaluate(test, verbose=0)
        else:
            perte, precision = modele.evaluate(x_test, y_test, batch_size=256, verbose=0)
        mesures["perte_test"] = float(perte)
        mesures["precision_test"] = float(precision)
    return mesures


def separer_validation(x, y, part=0.1, graine=0):
    """Tire ``part`` des exemples d'entraînement pour la validation (jamais le test).

    Renvoie ``(x_app, y_app), (x_val, y_val)``.
    """
    if not 0 < part < 1:
        raise ValueError(f"part doit être dans ]0, 1[, reçu {part!r}")
    if len(x) != len(y):
        raise ValueError(f"x et y n'ont pas la même longueur : {len(x)} et {len(y)}")
    ordre = np.random.default_rng(graine).permutation(len(x))
    n_val = max(1, int(round(part * len(x))))
    return (x[ordre[n_val:]], y[ordre[n_val:]]), (x[ordre[:n_val]], y[ordre[:n_val]])


def entrainer_recette_amelioree(modele, x, y, x_test, y_test, *, epochs, batch_size=64,
                                perte="categorical_crossentropy", validation=0.1, graine=0,
                                verbose=2, miroir=False):
    """La recette améliorée : 10 % de l'entraînement mis de côté pour la validation,
    adam avec décroissance en cosinus, mélange à chaque époque ; test évalué une fois
    à la fin. Renvoie les mesures de :func:`entrainer` (plus ``images_entrainement``,
    ``images_validation``). Avec ``miroir=True``, la précision est aussi mesurée avec
    :func:`predire_avec_miroir` (clés ``precision_test_miroir``, ``precision_validation_miroir``)."""
    import tensorflow as tf

    (xa, ya), (xv, yv) = separer_validation(x, y, validation, graine)
    pas = epochs * int(np.ceil(len(xa) / batch_size))
    compiler_modele(modele, perte=perte, ameliore=True, pas_total=pas)
    ds = (tf.data.Dataset.from_tensor_slices((xa, ya)).shuffle(len(xa), seed=graine)
          .batch(batch_size).prefetch(tf.data.AUTOTUNE))
    mesures = entrainer(modele, ds, epochs=epochs, validation_data=(xv, yv), verbose=verbose,
                        x_test=x_test, y_test=y_test)
    mesures.update(images_entrainement=len(xa), images_validation=len(xv))
    if miroir:
        mesures["precision_validation_miroir"] = precision(yv, predire_avec_miroir(modele, xv))
        mesures["precision_test_miroir"] = precision(y_test, predire_avec_miroir(modele, x_test))
    return mesures


# ---------------------------------------------------------------------------
# Le pont livre ↔ Keras : Conv2D calcule une corrélation
# ---------------------------------------------------------------------------

def couche_depuis_motif(M, padding="same", retourner=True) -> layers.Conv2D:
    """Une couche ``Conv2D`` (1 filtre, sans biais) dont le noyau est le motif M du livre.

    Keras calcule une corrélation (le noyau n'est pas retourné) : pour obtenir la
    convolution A ⋆ M du livre, on charge ``M[::-1, ::-1]`` (``retourner=True``).
    Avec ``retourner=False`` la couche calcule la corrélation de A par M.
    """
    M = np.asarray(M, dtype="float32")
    if M.ndim != 2 or min(M.shape) < 1:
        raise ValueError(f"le motif M doit être une matrice 2-D non vide, reçu la forme {M.shape}")
    if padding not in ("same", "valid"):
        raise ValueError(f"padding doit valoir 'same' ou 'valid', reçu {padding!r}")
    if padding == "same" and (M.shape[0] % 2 == 0 or M.shape[1] % 2 == 0):
        raise ValueError(f"avec padding='same', le motif doit être de taille impaire, reçu {M.shape}")
    noyau = M[::-1, ::-1] if retourner else M
    couche = layers.Conv2D(1, kernel_size=M.shape, padding=padding, use_bias=False)
    couche.build((None, None, None, 1))
    couche.set_weights([noyau.reshape(*M.shape, 1, 1).copy()])
    return couche


def convolution_keras(A, M, padding="same", retourner=True) -> np.ndarray:
    """Calcule A ⋆ M (ou la corrélation si ``retourner=False``) avec une couche ``Conv2D``."""
    A = np.asarray(A, dtype="float32")
    if A.ndim != 2:
        raise ValueError(f"A doit être une matrice 2-D, reçu la forme {A.shape}")
    couche = couche_depuis_motif(M, padding=padding, retourner=retourner)
    return np.asarray(couche(A[None, :, :, None]))[0, :, :, 0]


# ---------------------------------------------------------------------------
# Ce que voit un réseau
# ---------------------------------------------------------------------------

def sous_modele(modele, couche: int) -> keras.Model:
    """Le modèle qui s'arrête à la sortie de la couche numéro ``couche`` (0 = la première)."""
    if not isinstance(couche, (int, np.integer)) or not 0 <= couche < len(modele.layers):
        raise ValueError(f"couche doit être un entier entre 0 et {len(modele.layers) - 1}, reçu {couche!r}")
    entrees = modele.inputs[0] if len(modele.inputs) == 1 else modele.inputs
    return keras.Model(inputs=entrees, outputs=modele.layers[int(couche)].output)


def cartes_activation(modele, couche: int, images) -> np.ndarray:
    """Sorties de la couche ``couche`` pour une image (h, l, c) ou un lot (n, h, l, c).

    Renvoie un tableau (n, h', l', filtres) (ou (h', l', filtres) pour une seule image).
    """
    images = np.asarray(images, dtype="float32")
    une_seule = images.ndim == len(modele.inputs[0].shape) - 1
    lot = images[None] if une_seule else images
    sorties = np.asarray(sous_modele(modele, couche)(lot, training=False))
    return sorties[0] if une_seule else sorties


# ---------------------------------------------------------------------------
# Où ranger les modèles entraînés
# ---------------------------------------------------------------------------

def dossier_cache() -> Path:
    """Le dossier des modèles entraînés : ``KERAS_FACILE_CACHE`` sinon ``~/.cache/keras_facile``
    (jamais le dépôt)."""
    env = os.environ.get("KERAS_FACILE_CACHE")
    dossier = Path(env) if env else Path.home() / ".cache" / "keras_facile"
    return dossier / "modeles"


def chemin_modele(nom: str, rapide: bool = False) -> Path:
    """Chemin ``<cache>/modeles/<nom>[-rapide].keras`` d'un modèle entraîné."""
    if not nom or not all(c.isalnum() or c in "-_" for c in nom):
        raise ValueError(f"nom de modèle invalide : {nom!r} (lettres, chiffres, - et _)")
    return dossier_cache() / f"{nom}{'-rapide' if rapide else ''}.keras"
