"""MNIST et CIFAR-10 en tableaux numpy, exactement comme ``keras.datasets`` ;
sous-ensembles stratifiés pour le mode rapide."""
from __future__ import annotations

import pickle
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .recherche import extraire_archive, trouver

__all__ = ["charger_mnist", "charger_cifar10", "indices_stratifies", "NOMS_CIFAR10"]

URL_MNIST = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
SHA256_MNIST_KERAS = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
URL_CIFAR10 = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
NOMS_CIFAR10 = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

_ERREURS_LECTURE = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, KeyError,
                    pickle.UnpicklingError)


def indices_stratifies(y, n: int | None, graine: int = 0) -> np.ndarray:
    """Indices (triés) d'un sous-ensemble de ``n`` exemples où chaque classe
    garde sa proportion (méthode des plus forts restes) ; reproductible."""
    y = np.asarray(y).reshape(len(y), -1)[:, 0] if np.ndim(y) > 1 else np.asarray(y)
    if n is None or n >= len(y):
        return np.arange(len(y))
    if int(n) != n or n <= 0:
        raise ValueError(f"la taille du sous-ensemble doit être un entier > 0, reçu {n!r}")
    rng = np.random.default_rng(graine)
    classes, effectifs = np.unique(y, return_counts=True)
    parts = effectifs * n / len(y)
    quotas = np.floor(parts).astype(int)
    reste = n - quotas.sum()
    quotas[np.argsort(-(parts - quotas), kind="stable")[:reste]] += 1
    choisis = [rng.choice(np.flatnonzero(y == c), q, replace=False) for c, q in zip(classes, quotas)]
    return np.sort(np.concatenate(choisis))


def _sous_ensembles(donnees, n_train, n_test, graine):
    (x_train, y_train), (x_test, y_test) = donnees
    i = indices_stratifies(y_train, n_train, graine)
    j = indices_stratifies(y_test, n_test, graine)
    return (x_train[i], y_train[i]), (x_test[j], y_test[j])


def _lire_npz(fichier: Path, cles_formes: dict) -> dict:
    try:
        with np.load(fichier, allow_pickle=False) as f:
            tableaux = {cle: f[cle] for cle in cles_formes}
    except _ERREURS_LECTURE as e:
        raise ValueError(
            f"fichier corrompu ou tronqué : {fichier} ({type(e).__name__}). "
            "Supprimez-le puis téléchargez-le de nouveau (ou recopiez-le)."
        ) from None
    for cle, forme in cles_formes.items():
        recu = tableaux[cle].shape
        if len(recu) != len(forme) or any(a is not None and a != b for a, b in zip(forme, recu)):
            raise ValueError(f"{fichier} : le tableau {cle} a la forme {recu}, attendu {forme}")
    return tableaux


_FORMES_MNIST = {"x_train": (None, 28, 28), "y_train": (None,), "x_test": (None, 28, 28), "y_test": (None,)}
_FORMES_CIFAR = {"x_train": (None, 32, 32, 3), "y_train": (None, 1), "x_test": (None, 32, 32, 3), "y_test": (None, 1)}


def verifier_mnist(fichier: Path):
    _lire_npz(fichier, _FORMES_MNIST)


def charger_mnist(chemin=None, n_train=None, n_test=None, graine=0):
    """MNIST : ``(x_train, y_train), (x_test, y_test)`` comme ``keras.datasets.mnist.load_data()``.

    Images ``uint8`` (N, 28, 28), étiquettes ``uint8`` (N,). ``n_train`` /
    ``n_test`` : sous-ensembles stratifiés reproductibles (``graine``).
    """
    fichier = trouver(["mnist.npz"], chemin, jeu="MNIST (mnist.npz)", url=URL_MNIST, verifier=verifier_mnist,
                      aide="placez mnist.npz (format keras.datasets.mnist)")
    t = _lire_npz(fichier, _FORMES_MNIST)
    donnees = ((t["x_train"], t["y_train"]), (t["x_test"], t["y_test"]))
    return _sous_ensembles(donnees, n_train, n_test, graine)


def _lire_lot_cifar(fichier: Path):
    try:
        with open(fichier, "rb") as f:
            lot = pickle.load(f, encoding="bytes")
        donnees = np.asarray(lot[b"data"], dtype=np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        etiquettes = np.asarray(lot[b"labels"], dtype=np.uint8).reshape(-1, 1)
    except _ERREURS_LECTURE + (TypeError,) as e:
        raise ValueError(f"lot CIFAR-10 corrompu ou tronqué : {fichier} ({type(e).__name__})") from None
    return donnees, etiquettes


def _lire_dossier_cifar(dossier: Path):
    lots = sorted(dossier.glob("data_batch_*"))
    if not lots or not (dossier / "test_batch").exists():
        raise ValueError(f"{dossier} : il faut les fichiers data_batch_1 … data_batch_5 et test_batch")
    train = [_lire_lot_cifar(f) for f in lots]
    x_test, y_test = _lire_lot_cifar(dossier / "test_batch")
    return (np.concatenate([x for x, _ in train]), np.concatenate([y for _, y in train])), (x_test, y_test)


def verifier_archive_cifar(fichier: Path):
    _lire_dossier_cifar(extraire_archive(fichier, "cifar-10-batches-py"))


def charger_cifar10(chemin=None, n_train=None, n_test=None, graine=0):
    """CIFAR-10 : ``(x_train, y_train), (x_test, y_test)`` comme ``keras.datasets.cifar10.load_data()``.

    Images ``uint8`` (N, 32, 32, 3), étiquettes ``uint8`` (N, 1) ; noms des
    classes dans :data:`NOMS_CIFAR10`. Lit ``cifar10.npz``, le dossier Keras
    ``cifar-10-batches-py`` ou l'archive ``cifar-10-python.tar.gz``.
    """
    source = trouver(["cifar10.npz", "cifar-10-batches-py", "cifar-10-python.tar.gz"], chemin,
                     jeu="CIFAR-10", url=URL_CIFAR10, verifier=verifier_archive_cifar,
                     aide="placez cifar10.npz, le dossier cifar-10-batches-py ou cifar-10-python.tar.gz")
    if source.is_dir():
        donnees = _lire_dossier_cifar(source)
    elif source.name.endswith(".npz"):
        t = _lire_npz(source, _FORMES_CIFAR)
        donnees = ((t["x_train"], t["y_train"]), (t["x_test"], t["y_test"]))
    else:
        donnees = _lire_dossier_cifar(extraire_archive(source, "cifar-10-batches-py"))
    return _sous_ensembles(donnees, n_train, n_test, graine)
