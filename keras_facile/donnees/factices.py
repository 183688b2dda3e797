"""De tout petits jeux de données au vrai format, fabriqués sur place.

``creer_donnees_factices(dossier)`` écrit, pour chaque jeu du registre, sa forme
« factice » sous son nom du registre : ``mnist.npz``, ``cifar10.npz``,
``aclImdb_v1.tar.gz`` et ``cats_vs_dogs/{train,test}/{cats,dogs}/*.jpg`` : avec
``KERAS_FACILE_DATA=dossier``, tous les chargeurs et tous les chapitres
fonctionnent en quelques secondes, sans réseau ni vrai jeu de données.
``creer_jeu_factice(nom, dossier, forme=…)`` écrit un jeu sous une autre de ses
formes (dossier ``cifar-10-batches-py/``, archive ``cifar-10-python.tar.gz``,
dossier ``aclImdb/``, archive Microsoft ``kagglecatsanddogs_5340.zip``…), par
exemple le fichier qu'un miroir servirait. Les images sont dessinées (chiffres
tracés, motifs colorés par classe, « chats » orangés et « chiens » bruns) pour
qu'un réseau puisse un peu apprendre.
"""
from __future__ import annotations

import io
import pickle
import tarfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .registre import REGISTRE, jeu_de_donnees

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["creer_donnees_factices", "creer_jeu_factice", "dessiner_chiffre"]

# Segments d'un afficheur 7 segments, en coordonnées 28×28 : chaque chiffre est
# tracé avec ceux qu'il allume (a en haut, puis dans le sens horaire, g au milieu).
_SEGMENTS = {
    "a": ((8, 5), (19, 5)), "b": ((19, 5), (19, 14)), "c": ((19, 14), (19, 23)), "d": ((8, 23), (19, 23)),
    "e": ((8, 14), (8, 23)), "f": ((8, 5), (8, 14)), "g": ((8, 14), (19, 14)),
}
_CHIFFRES = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"]


def dessiner_chiffre(chiffre: int, rng: np.random.Generator) -> np.ndarray:
    """Une image 28×28 ``uint8`` du chiffre, à la manière d'un afficheur : centrée (comme les
    chiffres de MNIST), segments d'épaisseur et d'intensité variables, avec un bruit gaussien.

    Centrée pour qu'un réseau l'apprenne en quelques pas : en ``--rapide`` (une époque), le CNN
    du chapitre 14 atteignait 19 à 48 % sur 200 images décalées de ±2 pixels ; centrées, 62 à
    78 % sur 200 images et 84 à 99 % sur 512 (10 à 17 % avec les étiquettes mélangées) : voir
    benchmarks/seuils_rapides.py.
    """
    from PIL import Image, ImageDraw

    image = Image.new("L", (28, 28), 0)
    trace = ImageDraw.Draw(image)
    for segment in _CHIFFRES[chiffre]:
        (x0, y0), (x1, y1) = _SEGMENTS[segment]
        trace.line([(x0, y0), (x1, y1)], fill=int(rng.integers(180, 256)), width=int(rng.integers(2, 4)))
    tableau = np.asarray(image, dtype=np.float32) + rng.normal(0, 8, (28, 28))
    return np.clip(tableau, 0, 255).astype(np.uint8)


def _tableaux_mnist(n_train: int, n_test: int, rng):
    def jeu(n):
        y = np.arange(n) % 10
        rng.shuffle(y)
        return np.stack([dessiner_chiffre(int(c), rng) for c in y]), y.astype(np.uint8)

    return jeu(n_train), jeu(n_test)


def _image_cifar(classe: int, rng) -> np.ndarray:
    teinte = np.array([(classe * 37) % 256, (classe * 91 + 40) % 256, (classe * 53 + 100) % 256], dtype=np.float32)
    image = np.ones((32, 32, 3), np.float32) * teinte * 0.6
    frequence = 1 + classe % 5
    motif = np.sin(np.linspace(0, frequence * np.pi, 32))[None, :, None] * 60
    image = image + (motif if classe < 5 else motif.transpose(1, 0, 2)) + rng.normal(0, 15, (32, 32, 3))
    return np.clip(image, 0, 255).astype(np.uint8)


def _tableaux_cifar10(n_train: int, n_test: int, rng):
    def jeu(n):
        y = np.arange(n) % 10
        rng.shuffle(y)
        return np.stack([_image_cifar(int(c), rng) for c in y]), y.astype(np.uint8).reshape(-1, 1)

    return jeu(n_train), jeu(n_test)


def _masque_exact(n_test: int) -> np.ndarray:
    """Comme le cifar10.npz préparé du projet : le premier cinquième des images de test est « exact »."""
    exact = np.zeros(n_test, dtype=bool)
    exact[: max(1, n_test // 5)] = True
    return exact


def _lots_cifar(dossier: Path, donnees) -> Path:
    """Le format pickle de Keras : data_batch_1 … data_batch_5 et test_batch."""
    (x, y), (xt, yt) = donnees
    lots = dossier / "cifar-10-batches-py"
    lots.mkdir(parents=True, exist_ok=True)
    for k, partie in enumerate(np.array_split(np.arange(len(x)), 5)):
        with open(lots / f"data_batch_{k + 1}", "wb") as f:
            pickle.dump({b"data": x[partie].transpose(0, 3, 1, 2).reshape(len(partie), -1),
                         b"labels": y[partie, 0].tolist()}, f)
    with open(lots / "test_batch", "wb") as f:
        pickle.dump({b"data": xt.transpose(0, 3, 1, 2).reshape(len(xt), -1), b"labels": yt[:, 0].tolist()}, f)
    return lots


_POSITIFS = "great excellent wonderful loved brilliant superb moving beautiful enjoyed masterpiece".split()
_NEGATIFS = "awful boring terrible waste worst bad dull poorly hated mess".split()
_NEUTRES = ("the movie film this was and a of to is it in i plot actor story scene director "
            "with but for on you that one his her").split()


def _critique(positive: bool, rng) -> str:
    mots = list(rng.choice(_NEUTRES, size=int(rng.integers(12, 30))))
    for _ in range(int(rng.integers(2, 5))):
        mots.insert(int(rng.integers(0, len(mots))), str(rng.choice(_POSITIFS if positive else _NEGATIFS)))
    phrase = " ".join(mots)
    return phrase[0].upper() + phrase[1:] + ". <br /><br />" + ("Really, see it!" if positive else "Avoid it.")


def _critiques_imdb(n_par_dossier: int, rng) -> list[tuple[str, bytes]]:
    """(chemin relatif ``aclImdb/…``, contenu) de chaque critique."""
    critiques = []
    numero = 0
    for partie in ("train", "test"):
        for polarite in ("pos", "neg"):
            for _ in range(n_par_dossier):
                note = int(rng.integers(7, 11)) if polarite == "pos" else int(rng.integers(1, 5))
                contenu = _critique(polarite == "pos", rng).encode("utf-8")
                critiques.append((f"aclImdb/{partie}/{polarite}/{numero}_{note}.txt", contenu))
                numero += 1
    return critiques


def _photo(chat: bool, rng, taille=72) -> "Image.Image":
    from PIL import Image, ImageDraw

    fond = tuple(int(v) for v in rng.integers(60, 200, size=3))
    image = Image.new("RGB", (taille, taille), fond)
    trace = ImageDraw.Draw(image)
    couleur = (230, 140, 40) if chat else (110, 70, 30)
    cx, cy = (int(v) for v in rng.integers(taille // 3, 2 * taille // 3, size=2))
    r = int(rng.integers(taille // 6, taille // 4))
    trace.ellipse([cx - r, cy - r, cx + r, cy + r], fill=couleur)
    if chat:   # oreilles pointues
        trace.polygon([(cx - r, cy - r // 2), (cx - r // 2, cy - 2 * r), (cx, cy - r)], fill=couleur)
        trace.polygon([(cx + r, cy - r // 2), (cx + r // 2, cy - 2 * r), (cx, cy - r)], fill=couleur)
    else:      # oreilles tombantes
        trace.ellipse([cx - 2 * r, cy - r, cx - r // 2, cy + r], fill=(80, 50, 20))
        trace.ellipse([cx + r // 2, cy - r, cx + 2 * r, cy + r], fill=(80, 50, 20))
    return image


def _photos(n_train: int, n_test: int, rng) -> list[tuple[str, str, int, "Image.Image"]]:
    """(partie, classe, numéro, image) de chaque photo."""
    photos = []
    numero = 0
    for partie, n in (("train", n_train), ("test", n_test)):
        for classe in ("cats", "dogs"):
            for _ in range(n):
                photos.append((partie, classe, numero, _photo(classe == "cats", rng)))
                numero += 1
    return photos


def _jpeg(image) -> bytes:
    tampon = io.BytesIO()
    image.save(tampon, format="JPEG", quality=90)
    return tampon.getvalue()


def _archive_tar(archive: Path, membres):
    """Écrit ``archive`` (.tar.gz) à partir de (nom, contenu) ; dossiers implicites."""
    with tarfile.open(archive, "w:gz") as t:
        for nom, contenu in membres:
            info = tarfile.TarInfo(nom)
            info.size = len(contenu)
            t.addfile(info, io.BytesIO(contenu))
    return archive


def _ecrire_fichiers(racine: Path, membres):
    for nom, contenu in membres:
        (racine / nom).parent.mkdir(parents=True, exist_ok=True)
        (racine / nom).write_bytes(contenu)


def _ecrire(nom: str, forme: str, cible: Path, taille, rng) -> Path:
    """Fabrique le jeu ``nom`` et l'écrit sous la forme ``forme``, en ``cible``."""
    if nom == "mnist":
        (x, y), (xt, yt) = _tableaux_mnist(*taille, rng)
        np.savez_compressed(cible, x_train=x, y_train=y, x_test=xt, y_test=yt)
        return cible
    if nom == "cifar10":
        donnees = _tableaux_cifar10(*taille, rng)
        (x, y), (xt, yt) = donnees
        if forme == "npz":
            np.savez_compressed(cible, x_train=x, y_train=y, x_test=xt, y_test=yt,
                                test_lossless=_masque_exact(len(xt)))
            return cible
        if forme == "lots":
            return _lots_cifar(cible.parent, donnees)
        import tempfile

        with tempfile.TemporaryDirectory() as tmp, tarfile.open(cible, "w:gz") as t:
            t.add(_lots_cifar(Path(tmp), donnees), arcname="cifar-10-batches-py")
        return cible
    if nom == "imdb":
        critiques = _critiques_imdb(taille, rng)
        if forme == "archive":
            return _archive_tar(cible, critiques)
        _ecrire_fichiers(cible.parent, critiques)
        return cible
    photos = _photos(*taille, rng)
    if forme in ("range", "archive_rangee"):
        membres = [(f"cats_vs_dogs/{p}/{c}/{c[:-1]}.{k}.jpg", _jpeg(im)) for p, c, k, im in photos]
        if forme == "archive_rangee":
            return _archive_tar(cible, membres)
        racine = cible.parent / "cats_vs_dogs"
        for p, c, k, im in photos:          # comme avant : Pillow écrit directement chaque fichier
            (racine / p / c).mkdir(parents=True, exist_ok=True)
            im.save(racine / p / c / f"{c[:-1]}.{k}.jpg", quality=90)
        if cible != racine:
            racine.rename(cible)
        return cible
    if forme == "kaggle":
        membres = [(f"{c[:-1]}.{k}.jpg", _jpeg(im)) for p, c, k, im in photos]
        _ecrire_fichiers(cible, membres)
        return cible
    membres = [(f"PetImages/{'Cat' if c == 'cats' else 'Dog'}/{k}.jpg", _jpeg(im)) for p, c, k, im in photos]
    if forme == "PetImages":
        _ecrire_fichiers(cible.parent, membres)
        return cible
    with zipfile.ZipFile(cible, "w") as z:   # forme "zip" : l'archive Microsoft
        for n, contenu in membres:
            z.writestr(n, contenu)
    return cible


_FORMES_FACTICES = {"mnist": ("npz",), "cifar10": ("npz", "lots", "archive"), "imdb": ("archive", "aclImdb"),
                    "chats_chiens": ("range", "archive_rangee", "zip", "PetImages", "kaggle")}
_TAILLES = {"mnist": (200, 100), "cifar10": (200, 100), "imdb": 40, "chats_chiens": (16, 8)}


def _nom_par_defaut(nom: str, cle: str) -> str:
    jeu = jeu_de_donnees(nom)
    t = jeu.telechargement
    if t is not None and t.forme == cle:
        return t.fichier                     # le fichier qu'un miroir servirait
    forme = jeu.forme(cle)
    return forme.noms[0] if forme.noms else "train"


def creer_jeu_factice(nom: str, dossier, forme: str | None = None, taille=None, graine: int = 0,
                      rng: np.random.Generator | None = None) -> Path:
    """Écrit le jeu factice ``nom`` dans ``dossier`` sous la forme ``forme`` du registre
    (par défaut sa forme factice ; la forme téléchargée prend le nom du fichier
    téléchargé, les autres leur premier nom) et renvoie le chemin écrit.

    ``taille`` : (entraînement, test) images, ou critiques par dossier pour IMDB,
    ou images par classe (entraînement, test) pour chats/chiens.
    """
    jeu = jeu_de_donnees(nom)
    cle = jeu.forme_factice if forme is None else forme
    if cle not in _FORMES_FACTICES[nom]:
        raise ValueError(f"forme={cle!r} : pas de version factice de {jeu.titre} sous cette forme "
                         f"(formes factices : {', '.join(_FORMES_FACTICES[nom])})")
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(graine) if rng is None else rng
    return _ecrire(nom, cle, dossier / _nom_par_defaut(nom, cle), _TAILLES[nom] if taille is None else taille, rng)


def creer_donnees_factices(dossier, n_mnist=(1000, 100), n_cifar=(200, 100), n_imdb=40,
                           n_chats_chiens=(16, 8), graine=0, jeux=None) -> Path:
    """Écrit les jeux factices (tous ceux du registre, ou ceux de ``jeux``) dans ``dossier``
    et renvoie ce dossier.

    ``n_mnist`` / ``n_cifar`` : (entraînement, test) — 1000 images MNIST d'entraînement pour que
    les chapitres lancés en ``--rapide`` (512 à 2000 images, une époque) apprennent assez pour
    qu'un seuil d'exactitude sépare une chaîne juste d'étiquettes mélangées
    (benchmarks/seuils_rapides.py) ; ``n_imdb`` : critiques
    par dossier ``{train,test}/{pos,neg}`` ; ``n_chats_chiens`` : images par
    classe (entraînement, test). Le ``cifar10.npz`` factice a, comme le vrai
    fichier préparé, une clé ``test_lossless`` (premier cinquième du test exact).
    """
    jeux = list(REGISTRE) if jeux is None else list(jeux)
    for nom in jeux:
        jeu_de_donnees(nom)
    tailles = {"mnist": n_mnist, "cifar10": n_cifar, "imdb": n_imdb, "chats_chiens": n_chats_chiens}
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(graine)
    for nom in REGISTRE:
        if nom in jeux:
            creer_jeu_factice(nom, dossier, taille=tailles[nom], rng=rng)
    return dossier
