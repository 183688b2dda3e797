"""Les graphiques du livre : la fonction calculée par un réseau à 1, 2 ou 3 entrées.

Chaque fonction ``affichage_*`` garde les valeurs par défaut du livre, respecte
``rang`` (le neurone de sortie tracé), renvoie la figure Matplotlib et
l'enregistre si ``fichier`` est donné ; :mod:`keras_facile.figures` décide de
l'afficher (une seule fois dans un carnet, jamais bloquant sans écran). Les sorties sont calculées en un seul appel sur toute la grille.
"""
from __future__ import annotations

import numpy as np

from . import _config  # noqa: F401

from . import verifications as verif
from .evaluation import dimension_sortie, evaluer_lot
from .figures import nouvelle_figure, sous_figures, terminer_figure

__all__ = [
    "affichage_evaluation_une_var",
    "affichage_approximation",
    "affichage_evaluation_deux_var_3d",
    "affichage_evaluation_deux_var_2d",
    "affichage_evaluation_trois_var",
]

def _verifier_rang(modele, rang) -> int:
    p = dimension_sortie(modele)
    return verif.entier("rang", rang, min=0, max=p - 1, aide=f"la couche de sortie a {p} neurone(s)")


def _sorties(modele, points, rang):
    return evaluer_lot(modele, points)[:, rang]


def _courbe_une_var(modele, a, b, rang, num):
    """Les points (x, F(x)) tracés par les deux affichages à une variable, après vérifications."""
    verif.modele_keras("modele", modele, entrees=1)
    verif.intervalle("a", a, "b", b)
    rang = _verifier_rang(modele, rang)
    liste_x = np.linspace(a, b, verif.entier("num", num, min=2))
    return liste_x, _sorties(modele, liste_x[:, None], rang)


def affichage_evaluation_une_var(modele, a, b, rang=0, num=100, fichier=None, afficher=None):
    """Graphe de la fonction F calculée par un réseau à une entrée, sur [a, b]."""
    liste_x, liste_y = _courbe_une_var(modele, a, b, rang, num)
    fig, ax = sous_figures()
    ax.plot(liste_x, liste_y)
    ax.set_xlabel("x")
    ax.set_ylabel("F(x)")
    return terminer_figure(fig, fichier, afficher)


def affichage_approximation(modele, f, a, b, rang=0, num=100, fichier=None, afficher=None):
    """La fonction ``f`` (en rouge) et la fonction F du réseau (en bleu) sur [a, b]."""
    verif.appelable("f", f)
    liste_x, liste_y = _courbe_une_var(modele, a, b, rang, num)
    fig, ax = sous_figures()
    ax.plot(liste_x, f(liste_x), color="red", label="f")
    ax.plot(liste_x, liste_y, color="blue", linewidth=2, label="réseau F")
    ax.legend()
    return terminer_figure(fig, fichier, afficher)


def _grille_deux_var(modele, xmin, xmax, ymin, ymax, rang, num):
    verif.modele_keras("modele", modele, entrees=2)
    verif.intervalle("xmin", xmin, "xmax", xmax)
    verif.intervalle("ymin", ymin, "ymax", ymax)
    rang = _verifier_rang(modele, rang)
    num = verif.entier("num", num, min=2)
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    Z = _sorties(modele, np.c_[X.ravel(), Y.ravel()], rang).reshape(X.shape)
    return X, Y, Z


def affichage_evaluation_deux_var_3d(modele, xmin, xmax, ymin, ymax, rang=0, num=20, fichier=None, afficher=None):
    """Surface z = F(x, y) d'un réseau à deux entrées sur [xmin, xmax] × [ymin, ymax]."""
    X, Y, Z = _grille_deux_var(modele, xmin, xmax, ymin, ymax, rang, num)
    fig = nouvelle_figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, cmap="viridis")
    ax.set_xlabel("axe x")
    ax.set_ylabel("axe y")
    ax.set_zlabel("axe z")
    return terminer_figure(fig, fichier, afficher)


def affichage_evaluation_deux_var_2d(modele, xmin, xmax, ymin, ymax, rang=0, num=30, niveaux=10,
                                     fichier=None, afficher=None):
    """Lignes de niveau (zones colorées) de F(x, y) dans le plan, avec la barre de couleurs."""
    X, Y, Z = _grille_deux_var(modele, xmin, xmax, ymin, ymax, rang, num)
    fig, ax = sous_figures()
    zones = ax.contourf(X, Y, Z, niveaux, cmap="hot")
    fig.colorbar(zones, ax=ax)
    ax.axis("equal")
    return terminer_figure(fig, fichier, afficher)


def affichage_evaluation_trois_var(modele, xmin, xmax, ymin, ymax, zmin, zmax, rang=0, num=10,
                                   fichier=None, afficher=None):
    """Nuage des points d'une grille de l'espace, colorés par la valeur F(x, y, z)."""
    verif.modele_keras("modele", modele, entrees=3)
    verif.intervalle("xmin", xmin, "xmax", xmax)
    verif.intervalle("ymin", ymin, "ymax", ymax)
    verif.intervalle("zmin", zmin, "zmax", zmax)
    rang = _verifier_rang(modele, rang)
    num = verif.entier("num", num, min=2)
    X, Y, Z = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num),
                          np.linspace(zmin, zmax, num))
    S = _sorties(modele, np.c_[X.ravel(), Y.ravel(), Z.ravel()], rang)
    fig = nouvelle_figure()
    ax = fig.add_subplot(projection="3d")
    points = ax.scatter(X.ravel(), Y.ravel(), Z.ravel(), c=S, cmap="hot")
    fig.colorbar(points, ax=ax)
    ax.set_xlabel("axe x")
    ax.set_ylabel("axe y")
    ax.set_zlabel("axe z")
    return terminer_figure(fig, fichier, afficher)
