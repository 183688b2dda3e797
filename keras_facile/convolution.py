"""Convolution et corrélation en numpy, comme dans le livre (chapitres 11 à 13).

Conventions du livre :

- **convolution** f ⋆ g : on *retourne* le motif g, on le centre sous chaque
  terme, on multiplie terme à terme et on additionne (zéros virtuels aux bords) ;
- **corrélation** : la même chose *sans* retourner le motif (c'est ce que calcule
  une couche ``Conv2D`` de Keras) ;
- trois tailles de sortie : ``"same"`` (la taille de l'entrée, le f ⋆ g du
  livre), ``"full"`` (la convolution étendue f ⋆̃ g), ``"valid"`` (sans zéros
  virtuels) ; un motif de taille paire reçoit un zéro à gauche (et en haut),
  exactement comme ``np.convolve`` et ``scipy.signal.convolve2d``.

Exemples du livre ::

    >>> convolution_1d([1, 0, 3, 5, 1], [1, 2, 3])
    array([ 2,  6, 11, 20, 17])
    >>> convolution_1d([1, 0, 3, 5, 1], [1, 2, 3], mode="full")
    array([ 1,  2,  6, 11, 20, 17,  3])
    >>> correlation_1d([1, 0, 3, 5, 1], [1, 2, 3])
    array([ 2, 10, 21, 16,  7])
    >>> max_pooling(np.array([[3, 5, 0, 1], [2, 1, 4, 3]]), 2)
    array([[5, 4]])

Le calcul est écrit à la main (fenêtres glissantes + somme des produits), pour la
leçon ; les tests le comparent à ``np.convolve``, ``np.correlate``,
``scipy.signal.convolve2d`` / ``correlate2d`` et aux couches Keras.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = [
    "MODES",
    "retourner",
    "convolution_1d",
    "correlation_1d",
    "convolution_2d",
    "correlation_2d",
    "couche_convolution",
    "max_pooling",
    "average_pooling",
    "produit_polynomes",
    "moyenne_mobile",
    "NOYAUX",
    "noyau",
    "affichage_convolution",
    "affichage_couches_1d",
]

MODES = ("same", "full", "valid")


# ---------------------------------------------------------------------------
# Vérifications
# ---------------------------------------------------------------------------

def _tableau(x, nom, ndim):
    try:
        a = np.asarray(x)
    except Exception as erreur:  # pragma: no cover - entrées très exotiques
        raise TypeError(f"{nom} doit être un tableau de nombres, reçu {type(x).__name__}") from erreur
    if a.dtype == object or not (np.issubdtype(a.dtype, np.number) or a.dtype == bool):
        raise TypeError(f"{nom} doit contenir des nombres, reçu le type {a.dtype}")
    if a.ndim != ndim:
        quoi = {1: "une liste (1 dimension)", 2: "une matrice (2 dimensions)"}[ndim]
        raise ValueError(f"{nom} doit être {quoi}, reçu un tableau de forme {a.shape}")
    if a.size == 0:
        raise ValueError(f"{nom} est vide")
    return a


def _verifier_mode(mode):
    if mode not in MODES:
        raise ValueError(f"mode doit valoir 'same', 'full' ou 'valid', reçu {mode!r}")


def retourner(M) -> np.ndarray:
    """Retourne un motif (rotation d'un demi-tour : ``M[::-1, ::-1]``), ce n'est pas la transposée.

    >>> retourner([[1, 0, 2], [2, 1, 0], [1, 0, 3]])
    array([[3, 0, 1],
           [0, 1, 2],
           [2, 0, 1]])
    """
    M = np.asarray(M)
    return M[(slice(None, None, -1),) * M.ndim].copy()


# ---------------------------------------------------------------------------
# Une dimension (chapitre 11, chapitre 13 §3)
# ---------------------------------------------------------------------------

def _decoupe(n, m, mode):
    """(début, longueur) de la sortie dans la convolution étendue de longueur n + m - 1."""
    if mode == "full":
        return 0, n + m - 1
    if mode == "same":
        return (m - 1) // 2, n
    return m - 1, n - m + 1


def convolution_1d(f, g, mode: str = "same") -> np.ndarray:
    """La convolution f ⋆ g du livre : motif g retourné, centré, zéros virtuels.

    ``mode="same"`` (défaut) : même longueur que f (le f ⋆ g du livre) ;
    ``"full"`` : convolution étendue f ⋆̃ g (longueur n + m − 1) ;
    ``"valid"`` : seulement les positions où le motif est entièrement sous f.
    Identique à ``np.convolve(f, g, mode)`` quand f est au moins aussi long que g.
    """
    f = _tableau(f, "f", 1)
    g = _tableau(g, "g", 1)
    _verifier_mode(mode)
    n, m = len(f), len(g)
    if mode == "valid" and m > n:
        raise ValueError(f"mode 'valid' : le motif g (longueur {m}) doit être au plus aussi long que f ({n})")
    # f entouré de m-1 zéros virtuels de chaque côté ; chaque fenêtre de longueur m
    # est multipliée terme à terme par le motif retourné, puis sommée.
    f_bordee = np.pad(f, m - 1)
    etendue = sliding_window_view(f_bordee, m) @ g[::-1]
    debut, longueur = _decoupe(n, m, mode)
    return etendue[debut:debut + longueur]


def correlation_1d(f, g, mode: str = "same") -> np.ndarray:
    """La corrélation : comme la convolution mais *sans* retourner le motif (s = ax + by + cz).

    Identique à ``np.correlate(f, g, mode)`` pour un motif de longueur impaire
    (et en mode ``"full"``/``"valid"`` pour toute longueur).
    """
    g = _tableau(g, "g", 1)
    return convolution_1d(f, g[::-1], mode)


def produit_polynomes(P, Q) -> np.ndarray:
    """Coefficients de P × Q (du plus haut degré au plus bas) : la convolution étendue [P] ⋆̃ [Q].

    >>> produit_polynomes([1, 2, 3, 4], [5, 6, 7])     # (X³+2X²+3X+4)(5X²+6X+7)
    array([ 5, 16, 34, 52, 45, 28])
    """
    return convolution_1d(P, Q, mode="full")


def moyenne_mobile(n: int) -> np.ndarray:
    """Le motif (1/n)[1, 1, …, 1] de la moyenne mobile sur n termes."""
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n doit être un entier ≥ 1, reçu {n!r}")
    return np.ones(int(n)) / n


# ---------------------------------------------------------------------------
# Deux dimensions (chapitres 12 et 13)
# ---------------------------------------------------------------------------

def convolution_2d(A, M, mode: str = "same") -> np.ndarray:
    """La convolution A ⋆ M du livre : motif M retourné, centré sur chaque coefficient de A.

    Mêmes modes que :func:`convolution_1d` ; identique à
    ``scipy.signal.convolve2d(A, M, mode=mode, boundary="fill")``.

    >>> A = [[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]]
    >>> M = [[1, 0, 2], [2, 1, 0], [1, 0, 3]]
    >>> convolution_2d(A, M)
    array([[ 5,  9, 10,  0],
           [ 7, 17, 19, 16],
           [10, 12, 11,  0],
           [ 5, 10, 13,  5]])
    >>> convolution_2d(A, M, mode="valid")
    array([[17, 19],
           [12, 11]])
    """
    A = _tableau(A, "A", 2)
    M = _tableau(M, "M", 2)
    _verifier_mode(mode)
    (n, p), (m1, m2) = A.shape, M.shape
    if mode == "valid" and (m1 > n or m2 > p):
        raise ValueError(f"mode 'valid' : le motif M {M.shape} doit tenir dans A {A.shape}")
    A_bordee = np.pad(A, ((m1 - 1, m1 - 1), (m2 - 1, m2 - 1)))
    fenetres = sliding_window_view(A_bordee, (m1, m2))          # (n+m1-1, p+m2-1, m1, m2)
    etendue = np.einsum("ijkl,kl->ij", fenetres, retourner(M))
    i0, ni = _decoupe(n, m1, mode)
    j0, nj = _decoupe(p, m2, mode)
    return etendue[i0:i0 + ni, j0:j0 + nj]


def correlation_2d(A, M, mode: str = "same") -> np.ndarray:
    """La corrélation (motif non retourné) : ce que calcule ``keras.layers.Conv2D``.

    Identique à ``scipy.signal.correlate2d(A, M, mode=mode)`` et à une couche
    ``Conv2D`` de noyau M (``padding="same"`` ou ``"valid"``). Pour un motif de
    taille paire en mode ``"same"``, la ligne (colonne) en trop du motif est en bas
    (à droite), comme dans Keras et SciPy.
    """
    A = _tableau(A, "A", 2)
    M = _tableau(M, "M", 2)
    _verifier_mode(mode)
    if mode != "same":
        return convolution_2d(A, retourner(M), mode)
    (n, p), (m1, m2) = A.shape, M.shape
    etendue = convolution_2d(A, retourner(M), "full")
    return etendue[m1 // 2:m1 // 2 + n, m2 // 2:m2 // 2 + p]


def couche_convolution(A, noyaux, biais=None, activation=None) -> np.ndarray:
    """Une couche de convolution complète, en numpy (chap. 12 §2.5).

    ``A`` : entrée (n, p, k) (k canaux) ; ``noyaux`` : (m1, m2, k, ℓ) (ℓ motifs, chacun
    un tenseur m1 × m2 × k) ; sortie (n, p, ℓ) : pour chaque motif, la somme sur
    les canaux des convolutions ``same``, plus le biais, puis l'activation
    (fonction numpy appliquée terme à terme, par ex. ``lambda x: np.maximum(x, 0)``).

    Keras range ses noyaux de la même façon mais calcule une corrélation : cette
    couche donne le même résultat qu'un ``Conv2D(ℓ, (m1, m2), padding="same")`` dont
    le noyau est ``noyaux[::-1, ::-1]``.
    """
    A = np.asarray(A)
    noyaux = np.asarray(noyaux)
    if A.ndim != 3:
        raise ValueError(f"A doit être un tenseur (n, p, k), reçu la forme {A.shape}")
    if noyaux.ndim != 4 or noyaux.shape[2] != A.shape[2]:
        raise ValueError(f"noyaux doit avoir la forme (m1, m2, {A.shape[2]}, ℓ), reçu {noyaux.shape}")
    m1, m2, k, nb = noyaux.shape
    sortie = np.stack([
        sum(convolution_2d(A[:, :, c], noyaux[:, :, c, l]) for c in range(k)) for l in range(nb)
    ], axis=-1).astype(np.result_type(A, noyaux, float))
    if biais is not None:
        biais = np.asarray(biais)
        if biais.shape != (nb,):
            raise ValueError(f"biais doit avoir la forme ({nb},), reçu {biais.shape}")
        sortie = sortie + biais
    if activation is not None:
        sortie = activation(sortie)
    return sortie


# ---------------------------------------------------------------------------
# Pooling (chap. 12 §1.2, chap. 13 §1.4)
# ---------------------------------------------------------------------------

def _blocs(A, k):
    A = np.asarray(A)
    if A.ndim < 2:
        raise ValueError(f"A doit avoir au moins 2 dimensions, reçu la forme {A.shape}")
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k doit être un entier ≥ 1, reçu {k!r}")
    n, p = A.shape[:2]
    if k > n or k > p:
        raise ValueError(f"k = {k} est plus grand que la matrice {A.shape[:2]}")
    # comme Keras (padding 'valid') : les dernières lignes/colonnes qui ne forment
    # pas un bloc complet sont ignorées ; la sortie a la taille (n//k, p//k).
    A = A[: n - n % k, : p - p % k]
    B = A.reshape(n // k, k, p // k, k, *A.shape[2:])
    return B.swapaxes(1, 2)                      # (n//k, p//k, k, k, …)


def max_pooling(A, k: int) -> np.ndarray:
    """Max-pooling de taille k : chaque bloc k × k donne son maximum ; (n, p) → (n//k, p//k).

    Si n ou p n'est pas un multiple de k, les dernières lignes/colonnes sont
    ignorées (comme ``keras.layers.MaxPooling2D``). Les dimensions après les deux
    premières (canaux d'une image couleur) sont conservées.
    """
    return _blocs(A, k).max(axis=(2, 3))


def average_pooling(A, k: int) -> np.ndarray:
    """Pooling en moyenne de taille k (même découpage que :func:`max_pooling`)."""
    return _blocs(A, k).mean(axis=(2, 3))


# ---------------------------------------------------------------------------
# Catalogue de motifs (chap. 12 §3)
# ---------------------------------------------------------------------------

def _gauss5():
    ligne = np.array([1, 4, 6, 4, 1])
    return np.outer(ligne, ligne) / 256      # coin = 1 (le script compagnon a une coquille : 41)


NOYAUX = {
    "identite": (np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]]), "Identité"),
    "flou": (np.ones((3, 3)) / 9, "Flou"),
    "flou_5x5": (np.ones((5, 5)) / 25, "Flou 5×5"),
    "gaussien": (np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16, "Flou gaussien"),
    "gaussien_5x5": (_gauss5(), "Flou gaussien 5×5"),
    "pique": (np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]), "Piqué"),
    "verticales": (np.array([[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]]), "Lignes verticales"),
    "horizontales": (np.array([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]]), "Lignes horizontales"),
    "diagonales": (np.array([[-1, -1, 2], [-1, 2, -1], [2, -1, -1]]), "Lignes à 45°"),
    "contours": (np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]), "Contours"),
    "contours_2": (np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]), "Contours (variante 2)"),
    "contours_3": (np.array([[1, 0, -1], [0, 0, 0], [-1, 0, 1]]), "Contours (variante 3)"),
    "relief": (np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]), "Mise en relief"),
}


def noyau(nom: str) -> np.ndarray:
    """Une copie du motif ``nom`` du catalogue (``flou``, ``gaussien``, ``pique``,
    ``verticales``, ``horizontales``, ``diagonales``, ``contours``, ``relief`` …)."""
    if nom not in NOYAUX:
        raise ValueError(f"motif inconnu : {nom!r} ; motifs possibles : {', '.join(NOYAUX)}")
    return NOYAUX[nom][0].copy()


# ---------------------------------------------------------------------------
# Figure
# ---------------------------------------------------------------------------

def affichage_convolution(f, h, titre_entree="Entrée f", titre_sortie="Sortie h = f*g",
                          points=None):
    """Deux graphiques superposés : l'entrée f (bleu) et la sortie h (rouge).

    ``points`` (défaut : vrai si moins de 30 valeurs) marque les points (k, f(k)).
    Renvoie la figure.
    """
    from .figures import sous_figures, terminer_figure

    f = np.asarray(f, dtype=float)
    h = np.asarray(h, dtype=float)
    if f.ndim != 1 or h.ndim != 1:
        raise ValueError(f"f et h doivent être des listes (1 dimension), reçu les formes {f.shape} et {h.shape}")
    if points is None:
        points = max(len(f), len(h)) < 30
    style = "o-" if points else "-"
    fig, (ax1, ax2) = sous_figures(2, 1, figsize=(8, 5), sharex=True)
    ax1.plot(np.arange(len(f)), f, style, color="blue")
    ax1.set_title(titre_entree)
    ax2.plot(np.arange(len(h)), h, style, color="red")
    ax2.set_title(titre_sortie)
    for ax in (ax1, ax2):
        ax.grid(True, alpha=0.3)
    return terminer_figure(fig)


def affichage_couches_1d(n: int = 7):
    """Une couche complètement connectée (n² arêtes) à côté d'une couche de convolution
    (chap. 11 §3) : chaque neurone n'est relié qu'à 3 entrées voisines, et les 3 poids
    sont partagés (une couleur par poids). Renvoie la figure."""
    from .figures import sous_figures, terminer_figure

    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 2 <= n <= 30:
        raise ValueError(f"n doit être un entier entre 2 et 30, reçu {n!r}")
    fig, axes = sous_figures(1, 2, figsize=(10, 4.5))
    couleurs = ["red", "green", "blue"]
    for ax, dense in zip(axes, (True, False)):
        for i in range(n):
            for j in range(n):
                if dense:
                    ax.plot([0, 1], [i, j], color="gray", lw=0.6)
                elif abs(i - j) <= 1:
                    ax.plot([0, 1], [i, j], color=couleurs[i - j + 1], lw=1.5)
        ax.scatter([0] * n, range(n), s=120, color="white", edgecolor="black", zorder=3)
        ax.scatter([1] * n, range(n), s=120, color="white", edgecolor="black", zorder=3)
        ax.set_title("Couche complètement connectée" if dense else "Couche de convolution")
        ax.axis("off")
    return terminer_figure(fig)
