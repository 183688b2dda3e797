"""Les réseaux convolutifs du chapitre 14 et ceux des recettes améliorées (le « zoo »).

Les réseaux du livre (mêmes couches, même nombre de poids) ::

    >>> from keras_facile.reseaux_convolutifs import modele_mnist_convolution, modele_chats_chiens
    >>> modele_mnist_convolution().count_params()
    130394
    >>> modele_chats_chiens(filtres=(16, 32, 32)).count_params()
    79937

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

Les architectures « améliorées » (``modele_*_ameliore``) vont plus loin que le livre :
normalisation par lots (``BatchNormalization``), augmentation des données par des
couches Keras (:func:`augmentation_images` : ``RandomFlip``, ``RandomTranslation`` …,
actives seulement pendant l'entraînement), moyenne globale
(``GlobalAveragePooling2D``) au lieu d'une grande couche dense. La façon de les
entraîner est dans :mod:`keras_facile.recettes`.
"""
from __future__ import annotations

from . import _config  # noqa: F401

import numpy as np
import keras
from keras import layers

from . import verifications as verif

__all__ = [
    "modele_mnist_convolution",
    "modele_mnist_visualisation",
    "modele_cifar10_convolution",
    "modele_chats_chiens",
    "augmentation_images",
    "modele_mnist_ameliore",
    "modele_cifar10_ameliore",
    "modele_chats_chiens_ameliore",
]


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


def modele_chats_chiens(filtres=(64, 64, 64), neurones: int = 32, taille=(64, 64),
                        dropout: float = 0.5) -> keras.Sequential:
    """Chap. 14 §3 : [Conv → Max 2×2 → Dropout 0.5] × 3 → Aplat. → Dense 32 → Dense 1 (sigmoïde).

    Avec les valeurs par défaut (c64-c64-c64-d32, images 64×64) : 206 785 poids ;
    ``filtres=(16, 32, 32)`` donne le petit réseau c16-c32-c32-d32 (79 937 poids).
    """
    taille = verif.forme("taille", taille, 2, min=8, aide="(hauteur, largeur)")
    if (not isinstance(filtres, (tuple, list)) or not filtres
            or not all(isinstance(f, (int, np.integer)) and not isinstance(f, bool) and f > 0
                       for f in filtres)):
        raise ValueError(f"filtres doit être une liste d'entiers > 0, reçu {filtres!r}")
    if not isinstance(neurones, (int, np.integer)) or isinstance(neurones, bool) or neurones <= 0:
        raise ValueError(f"neurones doit être un entier > 0, reçu {neurones!r}")
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
        raise ValueError(f"dropout doit être un nombre dans [0, 1[, reçu {dropout!r}")
    couches = [keras.Input(shape=(*taille, 3))]
    for f in filtres:
        couches += [_conv(int(f)), layers.MaxPooling2D(pool_size=(2, 2)), layers.Dropout(dropout)]
    couches += [layers.Flatten(), layers.Dense(int(neurones), activation="relu"),
                layers.Dense(1, activation="sigmoid")]
    nom = "chats_chiens_" + "-".join(f"c{f}" for f in filtres) + f"-d{neurones}"
    return keras.Sequential(couches, name=nom)


# ---------------------------------------------------------------------------
# Architectures des recettes améliorées (au-delà du livre)
# ---------------------------------------------------------------------------

def _bloc_bn(x, filtres, n=2):
    for _ in range(n):
        x = layers.Conv2D(filtres, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
    return x


def augmentation_images(retournement=True, translation=0.1, rotation=0.0, zoom=0.0,
                        contraste=0.0, nom="augmentation") -> keras.Sequential:
    """Augmentation des données avec les couches Keras (actives seulement à l'entraînement).

    ``translation``, ``rotation`` (fraction d'un tour), ``zoom`` et ``contraste`` : 0 pour
    ne pas mettre la couche ; les images doivent être dans [0, 1] pour le contraste.

    >>> [type(c).__name__ for c in augmentation_images(translation=0.1, zoom=0.15).layers]
    ['RandomFlip', 'RandomTranslation', 'RandomZoom']
    >>> len(augmentation_images(retournement=False, translation=0).layers)
    0
    """
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


def modele_mnist_ameliore() -> keras.Model:
    """MNIST, mieux que le livre : deux blocs [Conv-BN-ReLU ×2 → Max 2×2 → Dropout 0.25]
    (32 puis 64 filtres), puis Dense 128 et dropout 0.5 avant la sortie ; 468 394 poids."""
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


def modele_cifar10_ameliore() -> keras.Model:
    """CIFAR-10 : augmentation (retournement horizontal, translations de 10 %),
    3 blocs [Conv-BN-ReLU ×2 → Max 2×2] à 32, 64, 128 filtres, moyenne globale, dropout ;
    289 642 poids."""
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
    globale, dropout 0.5, sortie sigmoïde ; 1 175 393 poids. Les images doivent être dans [0, 1]."""
    taille = verif.forme("taille", taille, 2, min=8, aide="(hauteur, largeur)")
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
