"""MNIST et CIFAR-10 en tableaux numpy, exactement comme ``keras.datasets`` ;
sous-ensembles stratifiés pour le mode rapide."""
from __future__ import annotations

import numbers
import pickle
import zipfile
import zlib
from pathlib import Path

import numpy as np

from ..verifications import entier
from .recherche import Source, extraire_archive, lecture_interdite, localiser, traduire_lecture_interdite

__all__ = ["charger_mnist", "charger_cifar10", "indices_stratifies", "NOMS_CIFAR10"]

NOMS_CIFAR10 = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

_ERREURS_LECTURE = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, KeyError,
                    pickle.UnpicklingError)


def _verifier_taille(n, nom: str):
    if n is not None and (isinstance(n, bool) or not isinstance(n, numbers.Integral) or n <= 0):
        raise ValueError(f"{nom} doit être un entier > 0 (ou None pour tout garder), reçu {n!r}")


def _verifier_graine(graine) -> int:
    """La graine des tirages : un entier ≥ 0 (TypeError / ValueError en français sinon)."""
    return entier("graine", graine, min=0)


def indices_stratifies(y, n: int | None, graine: int = 0, nom: str = "n") -> np.ndarray:
    """Indices (triés) d'un sous-ensemble de ``n`` exemples où chaque classe
    garde sa proportion (méthode des plus forts restes) ; reproductible.

    >>> y = [0] * 90 + [1] * 10
    >>> i = indices_stratifies(y, 20)
    >>> len(i), sum(y[k] for k in i)
    (20, 2)
    """
    _verifier_taille(n, nom)
    y = np.asarray(y)
    y = y.reshape(len(y), -1)[:, 0] if y.ndim > 1 else y
    if n is None or n >= len(y):
        return np.arange(len(y))
    rng = np.random.default_rng(graine)
    classes, effectifs = np.unique(y, return_counts=True)
    parts = effectifs * n / len(y)
    quotas = np.floor(parts).astype(int)
    reste = n - quotas.sum()
    quotas[np.argsort(-(parts - quotas), kind="stable")[:reste]] += 1
    choisis = [rng.choice(np.flatnonzero(y == c), q, replace=False) for c, q in zip(classes, quotas)]
    return np.sort(np.concatenate(choisis))


def _lire_npz(fichier: Path, cles_formes: dict, facultatives: tuple[str, ...] = ()) -> dict:
    try:
        with np.load(fichier, allow_pickle=False) as f:
            manquantes = [cle for cle in cles_formes if cle not in f.files]
            if manquantes:
                raise ValueError(f"{fichier} : clé(s) {', '.join(manquantes)} absente(s) "
                                 f"(attendu : {', '.join(cles_formes)})")
            tableaux = {cle: f[cle] for cle in (*cles_formes, *facultatives) if cle in f.files}
    except PermissionError as e:
        raise lecture_interdite(fichier, e) from None
    except ValueError as e:
        if str(e).startswith(str(fichier)):
            raise
        raise ValueError(f"fichier corrompu ou tronqué : {fichier} ({type(e).__name__}). "
                         "Supprimez-le puis téléchargez-le de nouveau (ou recopiez-le).") from None
    except _ERREURS_LECTURE as e:
        raise ValueError(
            f"fichier corrompu ou tronqué : {fichier} ({type(e).__name__}). "
            "Supprimez-le puis téléchargez-le de nouveau (ou recopiez-le)."
        ) from None
    for cle, forme in cles_formes.items():
        recu = tableaux[cle].shape
        if len(recu) != len(forme) or any(a is not None and a != b for a, b in zip(forme, recu)):
            raise ValueError(f"{fichier} : le tableau {cle} a la forme {recu}, attendu {forme}")
    for partie in ("train", "test"):
        _accord(fichier, partie, len(tableaux[f"x_{partie}"]), len(tableaux[f"y_{partie}"]))
    return tableaux


def _accord(fichier, partie: str, n_images: int, n_etiquettes: int):
    """Autant d'images que d'étiquettes, sinon le fichier est abîmé ou mal assemblé."""
    if n_images != n_etiquettes:
        raise ValueError(f"{fichier} : {n_images} images dans x_{partie} mais {n_etiquettes} étiquettes dans "
                         f"y_{partie} ; fichier abîmé ou mal assemblé, images et étiquettes ne se correspondent "
                         "plus. Remplacez-le.")


_FORMES_MNIST = {"x_train": (None, 28, 28), "y_train": (None,), "x_test": (None, 28, 28), "y_test": (None,)}
_FORMES_CIFAR = {"x_train": (None, 32, 32, 3), "y_train": (None, 1), "x_test": (None, 32, 32, 3), "y_test": (None, 1)}


def _sous_ensembles(donnees, n_train, n_test, graine):
    (x_train, y_train), (x_test, y_test) = donnees
    i = indices_stratifies(y_train, n_train, graine, "n_train")
    j = indices_stratifies(y_test, n_test, graine, "n_test")
    return ((x_train[i], y_train[i]), (x_test[j], y_test[j])), j


def _lire_mnist(source: Source):
    t = _lire_npz(source.chemin, _FORMES_MNIST)
    return (t["x_train"], t["y_train"]), (t["x_test"], t["y_test"])


@traduire_lecture_interdite
def charger_mnist(chemin=None, n_train=None, n_test=None, graine=0):
    """MNIST : ``(x_train, y_train), (x_test, y_test)`` comme ``keras.datasets.mnist.load_data()``.

    Images ``uint8`` (N, 28, 28), étiquettes ``uint8`` (N,). ``n_train`` /
    ``n_test`` : sous-ensembles stratifiés reproductibles (``graine``).
    ``chemin`` : le fichier ``.npz`` ou le dossier qui contient ``mnist.npz`` ;
    sans lui, recherche puis téléchargement vérifié par son empreinte sha256.

    >>> import tempfile
    >>> from keras_facile.donnees import creer_donnees_factices
    >>> with tempfile.TemporaryDirectory() as dossier:
    ...     _ = creer_donnees_factices(dossier, jeux=["mnist"])
    ...     (x_train, y_train), (x_test, y_test) = charger_mnist(chemin=dossier, n_train=50)
    >>> x_train.shape, y_train.dtype, x_test.shape
    ((50, 28, 28), dtype('uint8'), (100, 28, 28))
    """
    _verifier_taille(n_train, "n_train")
    _verifier_taille(n_test, "n_test")
    _verifier_graine(graine)
    donnees = _lire_mnist(localiser("mnist", chemin))
    return _sous_ensembles(donnees, n_train, n_test, graine)[0]


@traduire_lecture_interdite
def verifier_mnist(chemin) -> str:
    """Lit entièrement le MNIST de ``chemin`` ; résumé, ``ValueError`` s'il est abîmé."""
    (x, _), (xt, _) = _lire_mnist(localiser("mnist", chemin))
    return f"{len(x)} + {len(xt)} images {x.shape[1]}×{x.shape[2]}"


def _lire_lot_cifar(fichier: Path):
    try:
        with open(fichier, "rb") as f:
            lot = pickle.load(f, encoding="bytes")
        donnees = np.asarray(lot[b"data"], dtype=np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        etiquettes = np.asarray(lot[b"labels"], dtype=np.uint8).reshape(-1, 1)
    except PermissionError as e:
        raise lecture_interdite(fichier, e) from None
    except _ERREURS_LECTURE + (TypeError,) as e:
        raise ValueError(f"lot CIFAR-10 corrompu ou tronqué : {fichier} ({type(e).__name__})") from None
    if len(donnees) != len(etiquettes):
        raise ValueError(f"{fichier} : {len(donnees)} images mais {len(etiquettes)} étiquettes ; "
                         "lot abîmé, images et étiquettes ne se correspondent plus. Remplacez-le.")
    return donnees, etiquettes


def _lire_dossier_cifar(dossier: Path):
    lots = sorted(dossier.glob("data_batch_*"))
    if not lots or not (dossier / "test_batch").exists():
        raise ValueError(f"{dossier} : il faut les fichiers data_batch_1 … data_batch_5 et test_batch")
    train = [_lire_lot_cifar(f) for f in lots]
    x_test, y_test = _lire_lot_cifar(dossier / "test_batch")
    return (np.concatenate([x for x, _ in train]), np.concatenate([y for _, y in train])), (x_test, y_test)


def _lire_cifar(source: Source):
    """(données, masque des images de test exactes)."""
    if source.forme.cle == "npz":
        t = _lire_npz(source.chemin, _FORMES_CIFAR, facultatives=("test_lossless",))
        donnees = ((t["x_train"], t["y_train"]), (t["x_test"], t["y_test"]))
        exact = t.get("test_lossless")
        if exact is None:
            exact = np.ones(len(t["x_test"]), dtype=bool)
        elif exact.dtype != bool or exact.shape != (len(t["x_test"]),):
            raise ValueError(f"{source.chemin} : test_lossless doit être un tableau de booléens de forme "
                             f"({len(t['x_test'])},), reçu {exact.dtype} {exact.shape}")
        return donnees, exact
    dossier = source.chemin if source.forme.cle == "lots" else extraire_archive(source.chemin, "cifar-10-batches-py")
    donnees = _lire_dossier_cifar(dossier)
    return donnees, np.ones(len(donnees[1][0]), dtype=bool)


@traduire_lecture_interdite
def charger_cifar10(chemin=None, n_train=None, n_test=None, graine=0, masque_exact=False):
    """CIFAR-10 : ``(x_train, y_train), (x_test, y_test)`` comme ``keras.datasets.cifar10.load_data()``.

    Images ``uint8`` (N, 32, 32, 3), étiquettes ``uint8`` (N, 1) ; noms des
    classes dans :data:`NOMS_CIFAR10`. ``chemin`` : ``cifar10.npz``, le dossier
    Keras ``cifar-10-batches-py``, l'archive ``cifar-10-python.tar.gz``, ou un
    dossier qui en contient un.

    ``masque_exact=True`` renvoie en plus ``exact``, un tableau de booléens aligné
    sur le ``x_test`` renvoyé (après le sous-ensemble ``n_test``) : vrai pour les
    images de test aux pixels exacts. Il vient de la clé ``test_lossless`` du
    ``.npz`` (le ``cifar10.npz`` préparé du projet : 1 000 images exactes sur
    5 000, les autres décodées depuis des copies JPEG) ; tout est vrai quand le
    fichier n'a pas cette clé (le jeu officiel complet). Une précision de test se
    rapporte d'abord sur ``x_test[exact]``.

    >>> import tempfile
    >>> from keras_facile.donnees import creer_donnees_factices
    >>> with tempfile.TemporaryDirectory() as dossier:
    ...     _ = creer_donnees_factices(dossier, jeux=["cifar10"])
    ...     (x, y), (xt, yt), exact = charger_cifar10(chemin=dossier, n_test=40, masque_exact=True)
    >>> xt.shape, yt.shape, exact.shape, exact.dtype
    ((40, 32, 32, 3), (40, 1), (40,), dtype('bool'))
    """
    if not isinstance(masque_exact, bool):
        raise TypeError(f"masque_exact doit valoir True ou False, reçu {masque_exact!r}")
    _verifier_taille(n_train, "n_train")
    _verifier_taille(n_test, "n_test")
    _verifier_graine(graine)
    donnees, exact = _lire_cifar(localiser("cifar10", chemin))
    resultat, j = _sous_ensembles(donnees, n_train, n_test, graine)
    if masque_exact:
        return resultat[0], resultat[1], exact[j]
    return resultat


@traduire_lecture_interdite
def verifier_cifar10(chemin) -> str:
    """Lit entièrement le CIFAR-10 de ``chemin`` ; résumé, ``ValueError`` s'il est abîmé."""
    ((x, _), (xt, _)), exact = _lire_cifar(localiser("cifar10", chemin))
    return f"{len(x)} + {len(xt)} images 32×32×3, dont {int(exact.sum())} images de test exactes"
