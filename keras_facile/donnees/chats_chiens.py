"""Chats et chiens : photos rangées comme dans le livre, ``{train,test}/{cats,dogs}``.

Sources acceptées (voir le registre, :mod:`.registre`) :

- un dossier déjà rangé ``{train,test}/{cats,dogs}`` (``cats_vs_dogs/``,
  ``chats_chiens/``, ou n'importe quel dossier donné par ``chemin=``, comme pour
  ``keras.utils.image_dataset_from_directory``), ou son archive ``cats_vs_dogs.tar.gz`` ;
- l'archive Kaggle ``train.zip`` (``train/cat.N.jpg``, ``train/dog.N.jpg``) ou son
  dossier ``train/`` décompressé ;
- l'archive Microsoft ``kagglecatsanddogs_5340.zip`` (``PetImages/{Cat,Dog}/N.jpg``)
  ou son dossier ``PetImages/`` ; c'est elle qui est téléchargée si rien n'est trouvé.

Les archives sont décompressées une fois dans le cache. Chaque image est
vérifiée (décodage complet par Pillow, format JPEG/PNG/BMP/GIF, puis décodage par
le même décodeur TensorFlow que le jeu ``tf.data``) : les fichiers
corrompus, tronqués ou qui ne sont pas des images sont écartés, comptés et
signalés, pour qu'un entraînement ne s'arrête jamais au milieu d'une époque.
Les jeux ``tf.data`` sont construits par ``keras.utils.image_dataset_from_directory``
sur une « vue » du cache (liens vers les seules images valides).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np

from ..verifications import booleen, entier
from .recherche import (cache_complet, construire_dossier_cache, dossier_cache, extraire_archive,
                        lecture_interdite, localiser, traduire_lecture_interdite)

__all__ = ["charger_chats_chiens", "dossier_chats_chiens", "verifier_images", "construire_dossier_livre"]

NOMS_CLASSES = ["cats", "dogs"]
_FORMATS = {"JPEG", "PNG", "BMP", "GIF"}


def _decodable_comme_keras(fichier: Path) -> bool:
    """Vrai si TensorFlow décode ``fichier`` exactement comme le fera le jeu ``tf.data``
    (``keras.utils.image_dataset_from_directory`` : ``tf.image.decode_image(…, channels=3,
    expand_animations=False)``). Un BMP 1 bit, par exemple, passe Pillow mais pas ce décodeur."""
    from .. import _config  # noqa: F401  (réglages de TensorFlow avant son import)
    import tensorflow as tf

    try:
        donnees = tf.io.read_file(str(fichier))
        tf.image.decode_image(donnees, channels=3, expand_animations=False)
        return True
    except tf.errors.PermissionDeniedError as e:
        raise lecture_interdite(fichier, PermissionError(13, "Permission denied")) from e
    except tf.errors.OpError:
        return False


def image_valide(fichier: Path) -> bool:
    """Vrai si Pillow décode entièrement l'image (format JPEG, PNG, BMP ou GIF) **et** si le
    décodeur du pipeline ``tf.data`` (celui de Keras) la lit : rien ne s'arrête au milieu d'une époque."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(fichier) as im:
            if im.format not in _FORMATS:
                return False
            im.verify()
        with Image.open(fichier) as im:
            im.load()
    except PermissionError as e:
        raise lecture_interdite(fichier, e) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return _decodable_comme_keras(fichier)


@traduire_lecture_interdite
def verifier_images(fichiers) -> tuple[list[Path], list[Path]]:
    """Sépare ``fichiers`` en (valides, écartés)."""
    valides, ecartes = [], []
    for f in fichiers:
        (valides if image_valide(f) else ecartes).append(f)
    return valides, ecartes


def _images(dossier: Path) -> list[Path]:
    return sorted(f for f in dossier.iterdir() if f.is_file() and not f.name.startswith("."))


def _est_range(dossier: Path) -> bool:
    return all((dossier / p / c).is_dir() for p in ("train", "test") for c in NOMS_CLASSES)


def construire_dossier_livre(source: Path, n_par_classe_train: int | None = None,
                             n_par_classe_test: int | None = None, graine: int = 0) -> Path:
    """Range une source Kaggle (``cat.N.jpg``…) ou Microsoft (``PetImages/Cat``…) en
    ``{train,test}/{cats,dogs}`` dans le cache (liens, sans copier les images).

    Par défaut : 80 % des images de chaque classe pour l'entraînement, 20 % pour le test.
    """
    racine = extraire_archive(source) if source.is_file() else source
    par_classe = {}
    if (racine / "PetImages").is_dir() or racine.name == "PetImages":
        pet = racine if racine.name == "PetImages" else racine / "PetImages"
        par_classe = {"cats": _images(pet / "Cat"), "dogs": _images(pet / "Dog")}
    else:
        dossier = racine / "train" if (racine / "train").is_dir() else racine
        tous = _images(dossier)
        par_classe = {"cats": [f for f in tous if f.name.startswith("cat.")],
                      "dogs": [f for f in tous if f.name.startswith("dog.")]}
    if not par_classe["cats"] or not par_classe["dogs"]:
        raise ValueError(f"{source} : ni PetImages/{{Cat,Dog}} ni fichiers cat.N.jpg / dog.N.jpg trouvés")
    cle = hashlib.sha1(f"{racine.resolve()}|{n_par_classe_train}|{n_par_classe_test}|{graine}".encode()).hexdigest()[:12]
    cible = dossier_cache("chats_chiens") / f"livre-{cle}"

    def ranger(temporaire: Path):
        rng = np.random.default_rng(graine)
        for classe, fichiers in par_classe.items():
            fichiers = [fichiers[i] for i in rng.permutation(len(fichiers))]
            n_train = n_par_classe_train or int(0.8 * len(fichiers))
            n_test = n_par_classe_test or len(fichiers) - n_train
            if n_train + n_test > len(fichiers):
                raise ValueError(f"{classe} : {len(fichiers)} images seulement, {n_train} + {n_test} demandées")
            for partie, liste in (("train", fichiers[:n_train]), ("test", fichiers[n_train:n_train + n_test])):
                (temporaire / partie / classe).mkdir(parents=True, exist_ok=True)
                prefixe = classe[:-1]
                for f in liste:
                    nom = f.name if f.name.startswith(prefixe + ".") else f"{prefixe}.{f.stem}{f.suffix.lower()}"
                    os.symlink(f.resolve(), temporaire / partie / classe / nom)

    return construire_dossier_cache(cible, ranger)


@traduire_lecture_interdite
def dossier_chats_chiens(chemin=None, telecharger=True) -> Path:
    """Le dossier ``{train,test}/{cats,dogs}`` (construit dans le cache si la source est une archive).

    ``chemin`` : ce dossier lui-même, une archive ou un dossier Kaggle/Microsoft,
    ou un dossier qui en contient un ; rien d'autre n'est alors examiné.
    ``telecharger=False`` : jamais de téléchargement (800 Mo).
    """
    source = localiser("chats_chiens", chemin, telecharger=telecharger)
    if source.forme.cle == "range":
        return source.chemin
    if source.forme.cle == "archive_rangee":
        racine = extraire_archive(source.chemin)
        for candidat in [racine, *sorted(d for d in racine.iterdir() if d.is_dir())]:
            if _est_range(candidat):
                return candidat
        raise ValueError(f"l'archive {source.chemin} ne contient pas de dossier {{train,test}}/{{cats,dogs}}/")
    return construire_dossier_livre(source.chemin)


def _vue_valide(dossier: Path, n_train, n_test, graine) -> tuple[Path, dict]:
    """Une vue du dossier (liens) sans les images invalides, éventuellement réduite
    (sous-ensemble équilibré). Le résultat de la vérification est gardé en cache."""
    signature = []
    for partie in ("train", "test"):
        for classe in NOMS_CLASSES:
            for f in _images(dossier / partie / classe):
                st = f.stat()
                signature.append(f"{partie}/{classe}/{f.name}|{st.st_size}|{int(st.st_mtime)}")
    cle = hashlib.sha1(("\n".join(signature) + f"|{n_train}|{n_test}|{graine}|{dossier.resolve()}").encode()).hexdigest()[:12]
    vue = dossier_cache("chats_chiens") / f"vue-{cle}"
    rapport_fichier = vue / "rapport.json"
    if cache_complet(vue):
        return vue, json.loads(rapport_fichier.read_text(encoding="utf-8"))
    construits = []

    def filtrer(temporaire: Path):
        rng = np.random.default_rng(graine)
        rapport = {"source": str(dossier), "ecartes": [], "images": {}}
        for partie, n in (("train", n_train), ("test", n_test)):
            for k, classe in enumerate(NOMS_CLASSES):
                valides, ecartes = verifier_images(_images(dossier / partie / classe))
                rapport["ecartes"] += [str(f) for f in ecartes]
                if n is not None:
                    quota = n // 2 + (1 if k < n % 2 else 0)
                    if quota < len(valides):
                        valides = [valides[i] for i in sorted(rng.choice(len(valides), quota, replace=False))]
                (temporaire / partie / classe).mkdir(parents=True)
                for f in valides:
                    os.symlink(f.resolve(), temporaire / partie / classe / f.name)
                rapport["images"][f"{partie}/{classe}"] = len(valides)
        (temporaire / "rapport.json").write_text(json.dumps(rapport, indent=1, ensure_ascii=False),
                                                 encoding="utf-8")
        construits.append(rapport)

    construire_dossier_cache(vue, filtrer)
    rapport = json.loads(rapport_fichier.read_text(encoding="utf-8"))
    if not construits:                       # construite par un autre processus pendant l'attente du verrou
        return vue, rapport
    if rapport["ecartes"]:
        print(f"Chats et chiens : {len(rapport['ecartes'])} fichier(s) corrompu(s) ou non-image écarté(s) :",
              ", ".join(Path(f).name for f in rapport["ecartes"][:10])
              + (" …" if len(rapport["ecartes"]) > 10 else ""), file=sys.stderr)
    return vue, rapport


@traduire_lecture_interdite
def charger_chats_chiens(taille=(64, 64), batch_size=32, normaliser=True, chemin=None, n_train=None,
                         n_test=None, graine=0, melanger=True, cache=True, avec_rapport=False):
    """Chats et chiens en jeux ``tf.data`` : ``(ds_train, ds_test, noms_classes)``.

    Images ``float32`` de forme ``taille + (3,)`` (dans [0, 1] si ``normaliser``),
    étiquettes ``int32`` : chats = 0, chiens = 1, ``noms_classes == ['cats', 'dogs']``.
    ``n_train`` / ``n_test`` : sous-ensembles équilibrés reproductibles. Avec
    ``avec_rapport=True``, renvoie en plus le rapport (nombre d'images, fichiers écartés).

    ``chemin`` : le dossier qui contient ``train/`` et ``test/`` (chacun avec
    ``cats/`` et ``dogs/``), comme pour ``image_dataset_from_directory`` ; ou une
    archive (``cats_vs_dogs.tar.gz``, ``train.zip`` de Kaggle,
    ``kagglecatsanddogs_5340.zip``), ``PetImages/``, ou un dossier qui en contient
    un. S'il n'y a rien de tel à cet endroit : ``FileNotFoundError``, sans
    chercher ailleurs ni télécharger.
    """
    if (not isinstance(taille, (tuple, list)) or len(taille) != 2
            or any(isinstance(t, bool) or not isinstance(t, (int, np.integer)) or t <= 0 for t in taille)):
        raise ValueError(f"taille doit être (hauteur, largeur) en pixels, deux entiers > 0, reçu {taille!r}")
    for nom, n in (("n_train", n_train), ("n_test", n_test)):
        if n is not None and (isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n <= 0):
            raise ValueError(f"{nom} doit être un entier > 0 (ou None pour tout garder), reçu {n!r}")
    batch_size = entier("batch_size", batch_size, min=1)
    graine = entier("graine", graine, min=0)
    for nom, valeur in (("normaliser", normaliser), ("melanger", melanger), ("cache", cache),
                        ("avec_rapport", avec_rapport)):
        booleen(nom, valeur)
    dossier = dossier_chats_chiens(chemin)      # avant d'importer TensorFlow : une erreur de chemin tout de suite
    from .. import _config  # noqa: F401
    import keras
    import tensorflow as tf

    vue, rapport = _vue_valide(dossier, n_train, n_test, graine)
    jeux = []
    for partie in ("train", "test"):
        ds = keras.utils.image_dataset_from_directory(
            vue / partie, labels="inferred", label_mode="int", class_names=NOMS_CLASSES,
            image_size=tuple(int(t) for t in taille), batch_size=None, shuffle=False, verbose=False)
        if normaliser:
            ds = ds.map(lambda x, y: (x / 255.0, y), num_parallel_calls=tf.data.AUTOTUNE)
        if cache:
            ds = ds.cache()   # décodage une seule fois ; le mélange reste différent à chaque époque
        if melanger and partie == "train":
            nombre = sum(v for k, v in rapport["images"].items() if k.startswith("train/"))
            ds = ds.shuffle(max(nombre, 1), seed=graine, reshuffle_each_iteration=True)
        jeux.append(ds.batch(batch_size).prefetch(tf.data.AUTOTUNE))
    if avec_rapport:
        return jeux[0], jeux[1], list(NOMS_CLASSES), rapport
    return jeux[0], jeux[1], list(NOMS_CLASSES)


@traduire_lecture_interdite
def verifier_chats_chiens(chemin) -> str:
    """Compte les images du jeu trouvé en ``chemin`` (sans télécharger) ; ``ValueError`` s'il est mal rangé."""
    dossier = dossier_chats_chiens(chemin=chemin, telecharger=False)
    comptes = {f"{p}/{c}": len(_images(dossier / p / c)) for p in ("train", "test") for c in NOMS_CLASSES}
    if not all(comptes.values()):
        vides = [k for k, v in comptes.items() if not v]
        raise ValueError(f"{dossier} : aucune image dans {', '.join(vides)}")
    return ", ".join(f"{k} : {v}" for k, v in comptes.items())
