"""Les figures de la descente de gradient : points et flèches sur le graphe (une
variable) ou sur les lignes de niveau (deux variables), erreur au fil des époques.
Chaque fonction renvoie sa figure."""
from __future__ import annotations

import numpy as np
from .figures import sous_figures, terminer_figure

__all__ = ["graphique_descente_1var", "graphique_descente_2var", "graphique_erreurs"]


def graphique_descente_1var(f, trajectoire, a, b, titre=None, num=300):
    """Le graphe de f (bleu), les points (a_k, f(a_k)) (rouge), les a_k sur l'axe, les pas (orange)."""
    x = np.linspace(a, b, num)
    fig, ax = sous_figures()
    ax.plot(x, f(x), color="blue")
    points = trajectoire.points[:, 0]
    valeurs = trajectoire.valeurs
    ax.scatter(points, valeurs, color="red", zorder=3, s=15)
    ax.scatter(points, np.zeros_like(points) + ax.get_ylim()[0], color="red", marker="|", s=80)
    for k in range(len(points) - 1):
        ax.annotate("", xy=(points[k + 1], valeurs[k + 1]), xytext=(points[k], valeurs[k]),
                    arrowprops=dict(arrowstyle="->", color="orange"))
    if titre:
        ax.set_title(titre)
    return terminer_figure(fig)


def graphique_descente_2var(f, trajectoire, zone, niveaux=30, minimum=None, titre=None, num=200):
    """Lignes de niveau de f sur ``zone = (xmin, xmax, ymin, ymax)``, points P_k en rouge,
    flèches P_k → P_{k+1} en orange, le minimum (si donné) en bleu."""
    xmin, xmax, ymin, ymax = zone
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    Z = f(np.array([X, Y]))
    fig, ax = sous_figures()
    ax.contour(X, Y, Z, niveaux, colors="black", linewidths=0.5)
    P = trajectoire.points
    ax.scatter(P[:, 0], P[:, 1], color="red", zorder=3, s=12)
    for k in range(len(P) - 1):
        ax.annotate("", xy=P[k + 1], xytext=P[k], arrowprops=dict(arrowstyle="->", color="orange"))
    if minimum is not None:
        ax.scatter([minimum[0]], [minimum[1]], color="blue", zorder=4)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    if titre:
        ax.set_title(titre)
    return terminer_figure(fig)


def graphique_erreurs(courbes: dict, xlabel="époque", ylabel="erreur", log=False, titre=None):
    """Une courbe d'erreur par entrée de ``courbes`` ({légende: valeurs})."""
    fig, ax = sous_figures()
    for nom, valeurs in courbes.items():
        ax.plot(np.arange(len(valeurs)), valeurs, label=nom)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if log:
        ax.set_yscale("log")
    ax.legend()
    if titre:
        ax.set_title(titre)
    return terminer_figure(fig)
