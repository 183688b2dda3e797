"""Images de test dessinées par le programme, lecture/écriture d'images en gris, figures.

Le projet n'embarque aucun fichier image : les images des chapitres 12 à 14 sont
dessinées ici (formes, rayures, dégradé, damier …) ou prises à l'exécution dans un
jeu de données que le projet sait charger (une photo de chat, voir
:func:`photo_chats_chiens`).

    >>> A = image_test()            # 192 × 256, niveaux de gris 0..255 (uint8)
    >>> A.shape, A.dtype
    ((192, 256), dtype('uint8'))
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from . import verifications as verif

__all__ = [
    "image_test",
    "smiley",
    "image_avec_motif",
    "en_gris",
    "lire_image_grise",
    "ecrire_image",
    "vers_octets",
    "photo_chats_chiens",
    "affichage_avant_apres",
    "affichage_images",
    "affichage_predictions",
]


def _verifier_taille(taille, nom="taille", minimum=16):
    return verif.forme(nom, taille, 2, min=minimum, aide="(hauteur, largeur)")


def image_test(taille=(192, 256), graine: int = 0) -> np.ndarray:
    """Une image en niveaux de gris (uint8) qui montre l'effet de chaque motif.

    On y trouve : un fond en dégradé, un disque clair, un carré sombre, un
    triangle (bords à 45°), des rayures verticales et horizontales, un damier, un
    anneau fin, et quelques pixels isolés (« mauvais pixels ») que le flou efface.
    """
    h, l = _verifier_taille(taille)
    y, x = np.mgrid[0:h, 0:l] / np.array([h, l]).reshape(2, 1, 1)
    img = 60 + 80 * x + 30 * y                                   # dégradé 60 → 170
    # disque clair et anneau fin
    r = np.hypot(x - 0.25, (y - 0.3) * h / l)
    img[r < 0.13] = 235
    img[np.abs(r - 0.18) < 0.008] = 20
    # carré sombre
    img[(np.abs(x - 0.62) < 0.09) & (np.abs(y - 0.26) < 0.12)] = 25
    # triangle (bords horizontaux et à ±45°)
    triangle = (y > 0.55) & (y < 0.92) & (np.abs(x - 0.2) * l < (y - 0.55) * h * 0.9)
    img[triangle] = 220
    # rayures verticales puis horizontales
    zone_v = (x > 0.42) & (x < 0.6) & (y > 0.55) & (y < 0.92)
    img[zone_v] = np.where((np.floor(x * l / 6) % 2) == 0, 230, 30)[zone_v]
    zone_h = (x > 0.66) & (x < 0.84) & (y > 0.55) & (y < 0.92)
    img[zone_h] = np.where((np.floor(y * h / 6) % 2) == 0, 230, 30)[zone_h]
    # damier
    zone_d = (x > 0.8) & (x < 0.96) & (y > 0.08) & (y < 0.42)
    damier = ((np.floor(x * l / 8) + np.floor(y * h / 8)) % 2) * 200 + 25
    img[zone_d] = damier[zone_d]
    # quelques mauvais pixels
    rng = np.random.default_rng(graine)
    n = max(4, h * l // 2000)
    img[rng.integers(0, h, n), rng.integers(0, l, n)] = rng.choice([0, 255], n)
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def smiley(taille: int = 100) -> np.ndarray:
    """Un visage souriant dessiné dans un carré taille × taille, valeurs dans [−1, 1]
    (+1 : trait du visage, −1 : fond)."""
    if not isinstance(taille, (int, np.integer)) or isinstance(taille, bool) or taille < 16:
        raise ValueError(f"taille doit être un entier ≥ 16, reçu {taille!r}")
    y, x = (np.mgrid[0:taille, 0:taille] + 0.5) / taille * 2 - 1       # dans [−1, 1]²
    r = np.hypot(x, y)
    trait = 0.07
    visage = np.abs(r - 0.85) < trait
    yeux = (np.hypot(x + 0.33, y + 0.3) < 0.13) | (np.hypot(x - 0.33, y + 0.3) < 0.13)
    rb = np.hypot(x, y + 0.05)
    bouche = (np.abs(rb - 0.55) < trait) & (y > 0.15)
    return np.where(visage | yeux | bouche, 1.0, -1.0)


def image_avec_motif(motif, taille=(500, 500), position=(150, 250), amplitude=0.2,
                     graine: int = 0):
    """Le « tas de pixels » du chap. 13 §4 : un bruit gaussien N(0, 1) de taille
    ``taille`` dans lequel ``amplitude × motif`` est ajouté, coin haut-gauche à ``position``.

    Renvoie ``(bruit, image)`` : le bruit seul et l'image qui cache le motif.
    """
    motif = np.asarray(motif, dtype=float)
    h, l = _verifier_taille(taille)
    i, j = position
    if motif.ndim != 2 or i < 0 or j < 0 or i + motif.shape[0] > h or j + motif.shape[1] > l:
        raise ValueError(f"le motif {motif.shape} placé en {position} ne tient pas dans l'image {taille}")
    bruit = np.random.default_rng(graine).normal(0, 1, (h, l))
    image = bruit.copy()
    image[i:i + motif.shape[0], j:j + motif.shape[1]] += amplitude * motif
    return bruit, image


# ---------------------------------------------------------------------------
# Lecture / écriture
# ---------------------------------------------------------------------------

def en_gris(image) -> np.ndarray:
    """Convertit une image couleur (h, l, 3) ou (h, l, 4) en gris (luminance
    0,299 R + 0,587 G + 0,114 B) ; une image déjà en gris est rendue telle quelle."""
    image = np.asarray(image)
    if image.ndim == 2:
        return image
    if image.ndim == 3 and image.shape[2] == 1:
        return image[:, :, 0]
    if image.ndim == 3 and image.shape[2] in (3, 4):
        gris = image[:, :, :3].astype(float) @ np.array([0.299, 0.587, 0.114])
        return np.round(gris).astype(image.dtype) if np.issubdtype(image.dtype, np.integer) else gris
    raise ValueError(f"image de forme inattendue {image.shape} : attendu (h, l), (h, l, 3) ou (h, l, 4)")


def lire_image_grise(chemin) -> np.ndarray:
    """Lit une image (PNG, JPEG …) et la renvoie en niveaux de gris 2-D (la convolution
    du chap. 13 §2 a besoin d'une matrice, pas d'une image couleur)."""
    import imageio.v3 as iio

    chemin = Path(chemin)
    if not chemin.is_file():
        raise FileNotFoundError(f"image introuvable : {chemin}")
    return en_gris(iio.imread(chemin))


def vers_octets(B) -> np.ndarray:
    """Limite les valeurs entre 0 et 255 puis convertit en entiers (uint8), comme le livre."""
    return np.clip(np.round(np.asarray(B, dtype=float)), 0, 255).astype(np.uint8)


def ecrire_image(chemin, B) -> Path:
    """Écrit la matrice B (valeurs ramenées dans 0..255) dans un fichier image."""
    import imageio.v3 as iio

    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    iio.imwrite(chemin, vers_octets(B))
    return chemin


def photo_chats_chiens(indice: int = 0, classe: str = "cats", partie: str = "test",
                       chemin=None) -> np.ndarray | None:
    """Une photo du jeu chats/chiens en gris (uint8), ou ``None`` si le jeu est absent
    (jamais de téléchargement pour une seule photo)."""
    verif.choix("classe", classe, ("cats", "dogs"))
    verif.choix("partie", partie, ("train", "test"))
    indice = verif.entier("indice", indice, min=0)
    try:
        from .donnees import dossier_chats_chiens
        dossier = Path(dossier_chats_chiens(chemin, telecharger=False)) / partie / classe
    except (ImportError, FileNotFoundError, OSError, ValueError):
        return None
    fichiers = sorted(p for p in dossier.glob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    if not fichiers:
        return None
    return lire_image_grise(fichiers[indice % len(fichiers)])


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

def affichage_avant_apres(A, B, titre_avant="Image originale", titre_apres="Image sortie",
                          limiter=False):
    """Les deux images côte à côte en gris (figsize (10, 5)), comme le chap. 13 §2.

    ``limiter=True`` affiche B ramenée dans 0..255 (sinon Matplotlib étire ses
    valeurs entre son minimum et son maximum). Renvoie la figure.
    """
    from .figures import sous_figures, terminer_figure

    fig, (ax, bx) = sous_figures(1, 2, figsize=(10, 5))
    ax.set_title(titre_avant)
    ax.imshow(A, cmap="gray")
    bx.set_title(titre_apres)
    if limiter:
        bx.imshow(vers_octets(B), cmap="gray", vmin=0, vmax=255)
    else:
        bx.imshow(B, cmap="gray")
    for a in (ax, bx):
        a.set_xticks([])
        a.set_yticks([])
    return terminer_figure(fig)


def affichage_images(images, titres=None, lignes=None, colonnes=None, cmap="gray",
                     titre=None, figsize=None, vmin=None, vmax=None):
    """Une grille d'images (2-D en gris, ou (h, l, 3) en couleur) avec leurs titres."""
    from .figures import terminer_figure

    return terminer_figure(_grille_images(images, titres, lignes, colonnes, cmap, titre, figsize, vmin, vmax))


def _grille_images(images, titres, lignes, colonnes, cmap, titre, figsize, vmin, vmax):
    from .figures import sous_figures

    images = list(images)
    n = len(images)
    if n == 0:
        raise ValueError("images est vide")
    if titres is not None and len(titres) != n:
        raise ValueError(f"il faut autant de titres que d'images ({n}), reçu {len(titres)}")
    colonnes = colonnes or min(n, 5)
    lignes = lignes or int(np.ceil(n / colonnes))
    fig, axes = sous_figures(lignes, colonnes, figsize=figsize or (2.2 * colonnes, 2.4 * lignes),
                             squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if k >= n:
            ax.axis("off")
            continue
        img = np.asarray(images[k])
        if img.ndim == 3 and img.shape[2] == 1:
            img = img[:, :, 0]
        ax.imshow(img, cmap=cmap if img.ndim == 2 else None, vmin=vmin, vmax=vmax)
        if titres is not None:
            ax.set_title(titres[k], fontsize=9)
    if titre:
        fig.suptitle(titre)
    return fig


def affichage_predictions(images, attendus, predits, probabilites, noms, colonnes=3,
                          cmap="gray"):
    """Grille « Attendu : chat / Prédit : chien (p %) » (chap. 14 §2–§3).

    ``attendus``, ``predits`` : indices de classe ; ``probabilites`` : la
    probabilité (0–1) de la classe prédite ; ``noms`` : nom de chaque classe.
    Un titre en rouge signale une erreur. Renvoie la figure.
    """
    n = len(images)
    if not (len(attendus) == len(predits) == len(probabilites) == n):
        raise ValueError("images, attendus, predits et probabilites doivent avoir la même longueur")
    titres = [f"Attendu : {noms[int(a)]}\nPrédit : {noms[int(p)]} ({100 * float(q):.0f} %)"
              for a, p, q in zip(attendus, predits, probabilites)]
    fig = _grille_images(images, titres, None, colonnes, cmap, None,
                         (3.2 * colonnes, 3.4 * int(np.ceil(n / colonnes))), None, None)
    for ax, a, p in zip(fig.axes, attendus, predits):
        if int(a) != int(p):
            ax.title.set_color("red")
    from .figures import terminer_figure

    return terminer_figure(fig)
