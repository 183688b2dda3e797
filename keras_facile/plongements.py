"""Plongements (« embeddings ») du chapitre 17 : distances, similarité cosinus, voisins,
analogies, projections et ACP, matrice de co-occurrence et plongement appris.

>>> round(similarite_cosinus([2, 3], [4, 4]), 6)
0.980581
"""
from __future__ import annotations

import numpy as np

__all__ = ["distance", "similarite_cosinus", "plus_proches", "analogie", "acp", "projection_droite",
           "cooccurrences", "probabilites_successeurs", "modele_plongement", "affichage_nuage_classes",
           "COULEURS_CHIFFRES"]


def distance(X, Y) -> float:
    return float(np.linalg.norm(np.asarray(X, float) - np.asarray(Y, float)))


def similarite_cosinus(X, Y) -> float:
    """⟨X | Y⟩ / (‖X‖ ‖Y‖), dans [−1, 1]."""
    X, Y = np.asarray(X, float), np.asarray(Y, float)
    normes = np.linalg.norm(X) * np.linalg.norm(Y)
    if normes == 0:
        raise ValueError("similarité cosinus d'un vecteur nul : non définie")
    return float(X @ Y / normes)


def plus_proches(v, vecteurs: dict, n=5, exclure=()):
    """Les ``n`` mots dont le vecteur a la plus grande similarité cosinus avec ``v``."""
    scores = [(m, similarite_cosinus(v, w)) for m, w in vecteurs.items() if m not in exclure]
    return sorted(scores, key=lambda s: -s[1])[:n]


def analogie(a, b, c, vecteurs: dict, n=5):
    """« a − b + c ≈ ? » (roi − homme + femme ≈ reine), les mots d'entrée exclus."""
    v = vecteurs[a] - vecteurs[b] + vecteurs[c]
    return plus_proches(v, vecteurs, n, exclure=(a, b, c))


def acp(X, k=2):
    """L'ACP du livre : centrer, matrice de covariance, vecteurs propres triés par valeur propre
    décroissante, projection sur les k premiers. Renvoie (coordonnées, moyenne, axes, valeurs propres)."""
    X = np.asarray(X, dtype=np.float64)
    moyenne = X.mean(axis=0)
    XX = X - moyenne
    C = XX.T @ XX / (XX.shape[0] - 1)
    d, u = np.linalg.eigh(C)
    ordre = np.argsort(d)[::-1]
    axes = u[:, ordre][:, :k]
    return XX @ axes, moyenne, axes, d[ordre]


def projection_droite(x, u) -> float:
    """Coordonnée de la projection de x sur la droite dirigée par u : ⟨x | u⟩ / ⟨u | u⟩."""
    x, u = np.asarray(x, float), np.asarray(u, float)
    return float(x @ u / (u @ u))


def cooccurrences(phrases, vocabulaire):
    """Matrice N × N : colonne i = premier mot, ligne j = mot qui le suit (comme dans le livre)."""
    index = {m: i for i, m in enumerate(vocabulaire)}
    M = np.zeros((len(vocabulaire), len(vocabulaire)))
    for p in phrases:
        for m1, m2 in zip(p, p[1:]):
            if m1 in index and m2 in index:
                M[index[m2], index[m1]] += 1
    return M


def probabilites_successeurs(M):
    """P = M dont chaque colonne est divisée par sa somme : la colonne i est la loi du mot qui suit le mot i.
    Une colonne nulle (mot jamais suivi) reste nulle."""
    M = np.asarray(M, dtype=np.float64)
    totaux = M.sum(axis=0, keepdims=True)
    return np.divide(M, totaux, out=np.zeros_like(M), where=totaux > 0)


def modele_plongement(N: int, dimension: int = 50):
    """Réseau N → 50 → 50 → ``dimension`` → N (softmax) entraîné à donner F(e_i) ≈ P_i ; l'avant-dernière
    couche (``dimension`` neurones) est le plongement. Entrée : ``np.identity(N)`` ; cibles : ``P.T``
    (une ligne par mot : la *colonne* P_i, comme le dit la formule du livre)."""
    from . import _config  # noqa: F401
    import keras

    modele = keras.Sequential([keras.Input(shape=(N,)), keras.layers.Dense(50, activation="relu"),
                               keras.layers.Dense(50, activation="relu"),
                               keras.layers.Dense(dimension, activation="relu", name="plongement"),
                               keras.layers.Dense(N, activation="softmax")])
    modele.compile(loss="categorical_crossentropy", optimizer="adam")
    return modele


COULEURS_CHIFFRES = ["lightblue", "orange", "purple", "green", "red", "lime", "pink", "gray", "olive", "cyan"]


def affichage_nuage_classes(coord, classes, couleurs=None, vue=(-40, 20), fichier=None):
    """Nuage de points coloré par classe, en 2D ou en 3D selon ``coord`` (forme (m, 2) ou (m, 3)) :
    par exemple les plongements de chiffres MNIST projetés par ACP (chapitre 17 §5.1). ``vue`` :
    (azimut, élévation) de la vue 3D. Une classe entière c prend la couleur ``couleurs[c]`` (les
    chiffres gardent leur couleur d'une figure à l'autre). Renvoie la figure.

    >>> fig = affichage_nuage_classes([[0, 0], [1, 1], [2, 0]], [0, 1, 1])
    >>> [len(points.get_offsets()) for points in fig.axes[0].collections]
    [1, 2]
    """
    from .figures import nouvelle_figure, terminer_figure

    coord = np.asarray(coord, dtype=float)
    classes = np.asarray(classes)
    if coord.ndim != 2 or coord.shape[1] not in (2, 3):
        raise ValueError(f"coord doit être de forme (m, 2) ou (m, 3), reçu la forme {coord.shape}")
    if classes.shape != (len(coord),):
        raise ValueError(f"classes doit donner une classe par point ({len(coord)}), reçu la forme {classes.shape}")
    valeurs = list(dict.fromkeys(sorted(classes.tolist())))
    couleurs = couleurs or COULEURS_CHIFFRES
    fig = nouvelle_figure()
    ax = fig.add_subplot(projection="3d") if coord.shape[1] == 3 else fig.add_subplot()
    for k, c in enumerate(valeurs):
        rang = c if isinstance(c, int) else k
        ax.scatter(*coord[classes == c].T, color=couleurs[rang % len(couleurs)], label=str(c))
    if coord.shape[1] == 3:
        ax.view_init(azim=vue[0], elev=vue[1])
    ax.legend()
    return terminer_figure(fig, fichier)
