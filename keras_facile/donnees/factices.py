"""De tout petits jeux de données au vrai format, fabriqués sur place.

``creer_donnees_factices(dossier)`` écrit ``mnist.npz``, ``cifar10.npz``,
``aclImdb_v1.tar.gz`` et ``cats_vs_dogs/{train,test}/{cats,dogs}/*.jpg`` : avec
``KERAS_FACILE_DATA=dossier``, tous les chargeurs et tous les chapitres
fonctionnent en quelques secondes, sans réseau ni vrai jeu de données. Les
images sont dessinées (chiffres tracés, motifs colorés par classe, « chats »
orangés et « chiens » bruns) pour qu'un réseau puisse un peu apprendre.
"""
from __future__ import annotations

import io
import tarfile
from pathlib import Path

import numpy as np

__all__ = ["creer_donnees_factices", "dessiner_chiffre"]

# Segments d'un afficheur 7 segments, en coordonnées 28×28 : chaque chiffre est
# tracé avec ceux qu'il allume (a en haut, puis dans le sens horaire, g au milieu).
_SEGMENTS = {
    "a": ((8, 5), (19, 5)), "b": ((19, 5), (19, 14)), "c": ((19, 14), (19, 23)), "d": ((8, 23), (19, 23)),
    "e": ((8, 14), (8, 23)), "f": ((8, 5), (8, 14)), "g": ((8, 14), (19, 14)),
}
_CHIFFRES = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"]


def dessiner_chiffre(chiffre: int, rng: np.random.Generator) -> np.ndarray:
    """Une image 28×28 ``uint8`` du chiffre, à la manière d'un afficheur, un peu déformée."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (28, 28), 0)
    trace = ImageDraw.Draw(image)
    dx, dy = rng.integers(-2, 3, size=2)
    for segment in _CHIFFRES[chiffre]:
        (x0, y0), (x1, y1) = _SEGMENTS[segment]
        trace.line([(x0 + dx, y0 + dy), (x1 + dx, y1 + dy)], fill=int(rng.integers(180, 256)),
                   width=int(rng.integers(2, 4)))
    tableau = np.asarray(image, dtype=np.float32) + rng.normal(0, 8, (28, 28))
    return np.clip(tableau, 0, 255).astype(np.uint8)


def _mnist(dossier: Path, n_train: int, n_test: int, rng):
    def jeu(n):
        y = np.arange(n) % 10
        rng.shuffle(y)
        return np.stack([dessiner_chiffre(int(c), rng) for c in y]), y.astype(np.uint8)

    x_train, y_train = jeu(n_train)
    x_test, y_test = jeu(n_test)
    np.savez_compressed(dossier / "mnist.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)


def _image_cifar(classe: int, rng) -> np.ndarray:
    teinte = np.array([(classe * 37) % 256, (classe * 91 + 40) % 256, (classe * 53 + 100) % 256], dtype=np.float32)
    image = np.ones((32, 32, 3), np.float32) * teinte * 0.6
    frequence = 1 + classe % 5
    motif = np.sin(np.linspace(0, frequence * np.pi, 32))[None, :, None] * 60
    image = image + (motif if classe < 5 else motif.transpose(1, 0, 2)) + rng.normal(0, 15, (32, 32, 3))
    return np.clip(image, 0, 255).astype(np.uint8)


def _cifar10(dossier: Path, n_train: int, n_test: int, rng):
    def jeu(n):
        y = np.arange(n) % 10
        rng.shuffle(y)
        return np.stack([_image_cifar(int(c), rng) for c in y]), y.astype(np.uint8).reshape(-1, 1)

    x_train, y_train = jeu(n_train)
    x_test, y_test = jeu(n_test)
    np.savez_compressed(dossier / "cifar10.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test,
                        test_lossless=np.ones(len(y_test), dtype=bool))


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


def _imdb(dossier: Path, n_par_dossier: int, rng):
    with tarfile.open(dossier / "aclImdb_v1.tar.gz", "w:gz") as archive:
        numero = 0
        for partie in ("train", "test"):
            for polarite in ("pos", "neg"):
                for _ in range(n_par_dossier):
                    note = int(rng.integers(7, 11)) if polarite == "pos" else int(rng.integers(1, 5))
                    contenu = _critique(polarite == "pos", rng).encode("utf-8")
                    info = tarfile.TarInfo(f"aclImdb/{partie}/{polarite}/{numero}_{note}.txt")
                    info.size = len(contenu)
                    archive.addfile(info, io.BytesIO(contenu))
                    numero += 1


def _photo(chat: bool, rng, taille=72) -> "Image":
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


def _chats_chiens(dossier: Path, n_train: int, n_test: int, rng):
    numero = 0
    for partie, n in (("train", n_train), ("test", n_test)):
        for classe, prefixe in (("cats", "cat"), ("dogs", "dog")):
            sous = dossier / "cats_vs_dogs" / partie / classe
            sous.mkdir(parents=True, exist_ok=True)
            for _ in range(n):
                _photo(classe == "cats", rng).save(sous / f"{prefixe}.{numero}.jpg", quality=90)
                numero += 1


def creer_donnees_factices(dossier, n_mnist=(200, 100), n_cifar=(200, 100), n_imdb=40,
                           n_chats_chiens=(16, 8), graine=0) -> Path:
    """Écrit les quatre jeux factices dans ``dossier`` et renvoie ce dossier.

    ``n_mnist`` / ``n_cifar`` : (entraînement, test) ; ``n_imdb`` : critiques
    par dossier ``{train,test}/{pos,neg}`` ; ``n_chats_chiens`` : images par
    classe (entraînement, test).
    """
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(graine)
    _mnist(dossier, *n_mnist, rng)
    _cifar10(dossier, *n_cifar, rng)
    _imdb(dossier, n_imdb, rng)
    _chats_chiens(dossier, *n_chats_chiens, rng)
    return dossier
