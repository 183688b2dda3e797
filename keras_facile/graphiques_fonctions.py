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

import numbers

import numpy as np

from . import _config  # noqa: F401

import matplotlib.pyplot as plt

from .figures import nouvelle_figure, terminer_figure

__all__ = ["graphique_surface", "graphique_surface_quadratique"]


def _grille(X, Y, Z):
    """X, Y, Z en tableaux de flottants de même forme (p, n), p, n ≥ 2 (une grille de meshgrid)."""
    tableaux = []
    for nom, t in (("X", X), ("Y", Y), ("Z", Z)):
        try:
            t = np.asarray(t, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{nom} doit être un tableau de nombres (comme ceux de np.meshgrid), "
                            f"reçu {type(t).__name__}") from None
        if t.ndim != 2 or min(t.shape) < 2:
            raise ValueError(f"{nom} doit être un tableau à deux dimensions d'au moins 2 × 2 valeurs "
                             f"(comme ceux de np.meshgrid), reçu la forme {t.shape}")
        tableaux.append(t)
    formes = [t.shape for t in tableaux]
    if len(set(formes)) != 1:
        raise ValueError(f"X, Y et Z doivent avoir la même forme, reçu {formes[0]}, {formes[1]} et {formes[2]}")
    if not (np.isfinite(tableaux[0]).all() and np.isfinite(tableaux[1]).all()):
        raise ValueError("X et Y doivent être des nombres finis")
    return tableaux


def _vue(vue):
    if vue is None:
        return None
    if (not isinstance(vue, (tuple, list)) or len(vue) != 2
            or not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in vue)):
        raise ValueError(f"vue doit être un couple (élévation, azimut) en degrés, par ex. (30, -60), reçu {vue!r}")
    return float(vue[0]), float(vue[1])


def _niveaux(niveaux, nom="niveaux"):
    if niveaux is None:
        return None
    try:
        n = np.asarray(niveaux, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{nom} doit être une liste croissante de nombres, reçu {niveaux!r}") from None
    if n.ndim != 1 or n.size == 0 or not np.isfinite(n).all() or np.any(np.diff(n) <= 0):
        raise ValueError(f"{nom} doit être une liste strictement croissante de nombres finis, reçu {niveaux!r}")
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
        zlim = _niveaux(zlim, "zlim")
        if zlim.size != 2:
            raise ValueError(f"zlim doit être un couple (zmin, zmax) avec zmin < zmax, reçu {zlim.tolist()}")
    if decalage is not None and (isinstance(decalage, bool) or not isinstance(decalage, numbers.Real)):
        raise TypeError(f"decalage doit être un nombre (la hauteur des lignes de niveau), reçu {decalage!r}")
    fig = nouvelle_figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, **options_surface)
    if niveaux is not None:
        options_niveaux = {} if couleurs is None else {"colors": couleurs}
        if decalage is not None:
            options_niveaux["offset"] = float(decalage)
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
