"""Graphes de fonctions de deux variables : surfaces, lignes de niveau, surfaces quadratiques.

Le chapitre 3 parle des fonctions de deux variables, pas de Matplotlib : ses
surfaces sont tracées ici (le chapitre 4 montre, lui, comment les écrire avec
``plot_surface`` et ``contour``). Chaque fonction construit la figure, la confie à
:mod:`keras_facile.figures` (une seule image dans un carnet, rien de bloquant sans
écran) et la renvoie.

>>> X, Y = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 5))
>>> fig = graphique_surface(X, Y, X ** 2 + Y ** 2, vue=(30, -60), afficher=False)
>>> ax = fig.axes[0]
>>> (ax.elev, ax.azim, ax.get_zlabel())
(30.0, -60.0, 'axe z')
>>> plt.close(fig)
"""
from __future__ import annotations

import numpy as np

from . import _config  # noqa: F401

import matplotlib.pyplot as plt

from . import verifications
from .figures import nouvelle_figure, terminer_figure

__all__ = ["graphique_surface", "graphique_surface_quadratique"]


def _grille(X, Y, Z):
    """X, Y, Z en tableaux de flottants de même forme (p, n), p, n ≥ 2 (une grille de meshgrid)."""
    tableaux = [
        verifications.tableau("X", X, ndim=2),
        verifications.tableau("Y", Y, ndim=2),
        verifications.tableau("Z", Z, ndim=2, fini=False),     # Z peut valoir nan (0/0 en un point)
    ]
    for nom, t in zip("XYZ", tableaux):
        if min(t.shape) < 2:
            raise ValueError(f"{nom} doit être un tableau d'au moins 2 × 2 valeurs (comme ceux de np.meshgrid), "
                             f"reçu {verifications.decrire(t)}")
    verifications.meme_forme("X", tableaux[0], "Y", tableaux[1])
    verifications.meme_forme("X", tableaux[0], "Z", tableaux[2])
    return tableaux


def _couple(nom, valeur, aide):
    if not isinstance(valeur, (tuple, list)) or len(valeur) != 2:
        raise ValueError(f"{nom} doit être un couple {aide}, reçu {verifications.decrire(valeur)}")
    return valeur


def _vue(vue):
    if vue is None:
        return None
    elevation, azimut = _couple("vue", vue, "(élévation, azimut) en degrés, par ex. (30, -60)")
    return verifications.reel("vue[0] (élévation)", elevation), verifications.reel("vue[1] (azimut)", azimut)


def _niveaux(niveaux):
    if niveaux is None:
        return None
    n = verifications.tableau("niveaux", niveaux, ndim=1, vide=False)
    if np.any(np.diff(n) <= 0):
        raise ValueError(f"niveaux doit être une liste strictement croissante, reçu {verifications.decrire(niveaux)}")
    return n


def graphique_surface(X, Y, Z, vue=None, *, zlim=None, niveaux=None, decalage=None, couleurs=None,
                      fichier=None, afficher=None, **options_surface):
    """Le graphe z = f(x, y) sur la grille (X, Y) (tableaux de ``np.meshgrid``), avec Z = f(X, Y).

    - ``vue`` : le point de vue (élévation, azimut) en degrés, comme ``ax.view_init`` ;
    - ``zlim`` : les bornes (zmin, zmax) de l'axe vertical ;
    - ``niveaux`` : une liste croissante de hauteurs c ; les courbes de niveau f = c sont
      tracées sur la surface, ou à la hauteur ``decalage`` (par ex. 0 : « au sol ») si
      elle est donnée ; ``couleurs`` : leur couleur (par défaut, celle de la hauteur) ;
    - les autres options vont à ``plot_surface`` (``cmap="viridis"``, ``alpha=0.8``…).

    Renvoie la figure (ses axes 3D : ``fig.axes[0]``).
    """
    X, Y, Z = _grille(X, Y, Z)
    vue = _vue(vue)
    niveaux = _niveaux(niveaux)
    if zlim is not None:
        zlim = verifications.intervalle("zmin", _couple("zlim", zlim, "(zmin, zmax)")[0], "zmax", zlim[1])
    if decalage is not None:
        decalage = verifications.reel("decalage", decalage)
    fig = nouvelle_figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, **options_surface)
    if niveaux is not None:
        options_niveaux = {} if couleurs is None else {"colors": couleurs}
        if decalage is not None:
            options_niveaux["offset"] = decalage
        ax.contour(X, Y, Z, niveaux, **options_niveaux)
    if vue is not None:
        ax.view_init(*vue)
    if zlim is not None:
        ax.set_zlim(*zlim)
    ax.set_xlabel("axe x")
    ax.set_ylabel("axe y")
    ax.set_zlabel("axe z")
    return terminer_figure(fig, fichier, afficher)


def graphique_surface_quadratique(X, Y, Z, niveaux, vue=None, *, fichier=None, afficher=None):
    """Quatre regards sur une surface z = f(x, y) : (a) la surface, (b) ses tranches
    x = constante, (c) ses courbes de niveau dans l'espace, (d) ses lignes de niveau
    dans le plan (les niveaux négatifs en pointillés). Renvoie la figure (quatre axes)."""
    X, Y, Z = _grille(X, Y, Z)
    niveaux = _niveaux(niveaux)
    if niveaux is None:
        raise ValueError("niveaux est obligatoire : la liste croissante des niveaux à tracer")
    vue = _vue(vue)
    fig = nouvelle_figure(figsize=(12, 3.5))
    ax = fig.add_subplot(1, 4, 1, projection="3d")
    ax.plot_surface(X, Y, Z, cmap="viridis")
    ax.set_title("(a) surface", fontsize=9)
    ax_tranches = fig.add_subplot(1, 4, 2, projection="3d")
    ax_tranches.plot_wireframe(X, Y, Z, rstride=0, cstride=4, color="blue")
    ax_tranches.set_title("(b) tranches x = constante", fontsize=9)
    ax_niveaux = fig.add_subplot(1, 4, 3, projection="3d")
    ax_niveaux.contour(X, Y, Z, niveaux)
    ax_niveaux.set_title("(c) courbes de niveau", fontsize=9)
    for a in (ax, ax_tranches, ax_niveaux):
        if vue is not None:
            a.view_init(*vue)
    ax_plan = fig.add_subplot(1, 4, 4)
    ax_plan.contour(X, Y, Z, niveaux, linestyles=np.where(niveaux < 0, "dotted", "solid").tolist())
    ax_plan.set_aspect("equal")
    ax_plan.set_title("(d) lignes de niveau", fontsize=9)
    return terminer_figure(fig, fichier, afficher)
