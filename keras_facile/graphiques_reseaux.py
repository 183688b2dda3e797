"""Les figures des chapitres 5 et 9 : ce qu'un petit réseau fait du plan (ou du cube).

Ce ne sont pas ces tracés que les leçons enseignent, mais les réseaux qu'ils
montrent ; ils vivent donc ici, et une leçon n'a qu'une ligne à écrire :

- :func:`affichage_zones` : les zones F = 0 et F = 1 d'un réseau à deux entrées
  (activation de Heaviside), avec des points marqués ;
- :func:`affichage_carte` : les niveaux de F ∈ [0, 1] dans le plan (sigmoïde),
  la barre des couleurs, des points, des droites ;
- :func:`affichage_portes` : les tables de vérité de portes logiques et leur droite
  frontière ;
- :func:`affichage_cube_couleurs` : les couleurs (r, g, b) du cube [0, 1]³ où F vaut 1 ;
- :func:`affichage_surfaces` : plusieurs surfaces z = F(x, y) côte à côte.

Comme les ``affichage_*`` du livre, chaque fonction renvoie sa figure et
:mod:`keras_facile.figures` décide de l'afficher (une fois dans un carnet) ou de
l'enregistrer (``fichier=``). Un « groupe » de points est un couple
``(points, style)`` : une liste de points (x, y) et les options de
``Axes.scatter`` (``dict(marker="s", color="red", label="carrés")``).

>>> from keras_facile.perceptron import demi_plan
>>> fig = affichage_zones(demi_plan(2, 3, 0), -5, 8, -6, 4, num=50, afficher=False)
>>> zone_1 = fig.axes[0].collections[0].get_paths()[1]     # le niveau F = 1
>>> bool(zone_1.contains_point((4, -1))), bool(zone_1.contains_point((-3, 1)))
(True, False)
>>> _equation(1, 1, -1), _equation(-1, 2, 0), _equation(2, -0.5, 1.75)
('x + y − 1 = 0', '−x + 2y = 0', '2x − 0.5y + 1.75 = 0')
"""
from __future__ import annotations

import numpy as np

from . import _config  # noqa: F401

from . import verifications as verif
from .evaluation import evaluer_lot
from .figures import nouvelle_figure, sous_figures, terminer_figure

__all__ = [
    "affichage_zones",
    "affichage_carte",
    "affichage_portes",
    "affichage_cube_couleurs",
    "affichage_surfaces",
]


def _fonction_plan(nom: str, modele_ou_fonction):
    """Une fonction (N, 2) → (N,) : la sortie 0 d'un réseau à deux entrées, ou la fonction donnée."""
    if hasattr(modele_ou_fonction, "layers"):
        verif.modele_keras(nom, modele_ou_fonction, entrees=2)
        return lambda P: evaluer_lot(modele_ou_fonction, P)[:, 0]
    if callable(modele_ou_fonction):
        return lambda P: np.asarray(modele_ou_fonction(P), dtype=float).reshape(len(P))
    raise TypeError(f"{nom} doit être un réseau Keras à deux entrées ou une fonction des points (N, 2), "
                    f"reçu {verif.decrire(modele_ou_fonction)}")


def _grille(F, xmin, xmax, ymin, ymax, num):
    verif.intervalle("xmin", xmin, "xmax", xmax)
    verif.intervalle("ymin", ymin, "ymax", ymax)
    num = verif.entier("num", num, min=2)
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    return X, Y, F(np.c_[X.ravel(), Y.ravel()]).reshape(X.shape)


def _groupes(groupes) -> list[tuple[np.ndarray, dict]]:
    """Vérifie les groupes de points ``(points, style)`` ; renvoie des tableaux (k, 2)."""
    resultat = []
    for i, groupe in enumerate(groupes or ()):
        if not (isinstance(groupe, (tuple, list)) and len(groupe) == 2 and isinstance(groupe[1], dict)):
            raise TypeError(f"groupes[{i}] doit être un couple (points, style), par ex. "
                            f"([(0, 1), (1, 0)], dict(marker='s', color='red')), reçu {groupe!r}")
        points = np.asarray(groupe[0], dtype=float)
        if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
            raise ValueError(f"groupes[{i}] : les points doivent être une liste non vide de (x, y), "
                             f"reçu la forme {points.shape}")
        resultat.append((points, dict(groupe[1])))
    return resultat


def _equation(a, b, c) -> str:
    """« x + y − 1 = 0 » pour (a, b, c) = (1, 1, −1)."""
    texte = ""
    for coeff, nom in ((a, "x"), (b, "y"), (c, "")):
        if coeff == 0:
            continue
        signe = "−" if coeff < 0 else "+"
        valeur = f"{abs(coeff):g}"
        terme = nom if nom and valeur == "1" else valeur + nom
        texte += (f"{'−' if signe == '−' else ''}{terme}" if not texte else f" {signe} {terme}")
    return f"{texte or '0'} = 0"


def _placer(ax, groupes):
    for points, style in groupes:
        ax.scatter(points[:, 0], points[:, 1], **{"s": 60, "zorder": 3, **style})
    if any("label" in style for _, style in groupes):
        ax.legend()


def affichage_zones(modele, xmin, xmax, ymin, ymax, groupes=(), titre="", num=200, fichier=None, afficher=None):
    """Les zones F = 0 (bleu pâle) et F = 1 (rose) d'un réseau à deux entrées et sortie 0/1.

    ``groupes`` : des points à marquer, ``[(points, style), …]`` (voir le module).
    Le premier ensemble de la figure (``fig.axes[0].collections[0]``) est le contour
    rempli : son chemin n° 1 est la zone F = 1.
    """
    F = _fonction_plan("modele", modele)
    X, Y, Z = _grille(F, xmin, xmax, ymin, ymax, num)
    groupes = _groupes(groupes)
    fig, ax = sous_figures()
    ax.contourf(X, Y, Z, levels=[-0.5, 0.5, 1.5], colors=["#dde6f5", "#f5d5d5"])
    _placer(ax, groupes)
    ax.set_title(titre)
    ax.set_aspect("equal")
    return terminer_figure(fig, fichier, afficher)


def affichage_carte(modele_ou_fonction, xmin, xmax, ymin, ymax, groupes=(), titre="", num=200, niveaux=20,
                    cmap="hot", droites=(), etiquette=None, annoter=False, noms_axes=None, fichier=None,
                    afficher=None):
    """Les niveaux d'une fonction F à valeurs dans [0, 1] dans le plan (``contourf``), et sa barre.

    - ``modele_ou_fonction`` : un réseau à deux entrées, ou une fonction des points ``(N, 2)`` ;
    - ``niveaux`` : nombre de bandes entre 0 et 1 ; ``cmap`` : la palette ;
    - ``groupes`` : des points à marquer ``[(points, style), …]`` ; ``annoter=True`` écrit
      « F = … » à côté de chacun ;
    - ``droites`` : des segments ``((x0, y0), (x1, y1), nom)`` tracés en tirets ;
    - ``etiquette`` : le nom de la barre des couleurs ; ``noms_axes`` : ``("x", "y")``.
    """
    F = _fonction_plan("modele_ou_fonction", modele_ou_fonction)
    niveaux = verif.entier("niveaux", niveaux, min=1)
    X, Y, Z = _grille(F, xmin, xmax, ymin, ymax, num)
    groupes = _groupes(groupes)
    fig, ax = sous_figures()
    zones = ax.contourf(X, Y, Z, np.linspace(0, 1, niveaux + 1), cmap=cmap)
    fig.colorbar(zones, ax=ax, label=etiquette)
    for i, droite in enumerate(droites or ()):
        if not (isinstance(droite, (tuple, list)) and len(droite) == 3):
            raise TypeError(f"droites[{i}] doit être ((x0, y0), (x1, y1), nom), reçu {droite!r}")
        (x0, y0), (x1, y1), nom = droite
        ax.plot([x0, x1], [y0, y1], "k--", label=nom)
    _placer(ax, groupes)
    if annoter:
        for points, _ in groupes:
            for (x, y), v in zip(points, F(points)):
                ax.annotate(f"F = {v:.2f}", (x, y), textcoords="offset points", xytext=(5, 5))
    if droites and not any("label" in style for _, style in groupes):
        ax.legend()
    if noms_axes is not None:
        ax.set_xlabel(noms_axes[0])
        ax.set_ylabel(noms_axes[1])
    ax.set_title(titre)
    return terminer_figure(fig, fichier, afficher)


def affichage_portes(portes, fichier=None, afficher=None):
    """Les tables de vérité de portes à deux entrées, côte à côte, avec leur droite frontière.

    ``portes`` : ``{"x OU y": modele, …}``, chaque modèle étant un perceptron à deux
    entrées H(ax + by + c). Les points (x, y) ∈ {0, 1}² où F = 1 sont des carrés
    rouges, les autres des ronds bleus ; la droite ax + by + c = 0 est en tirets.
    """
    if not isinstance(portes, dict) or not portes:
        raise TypeError(f"portes doit être un dictionnaire non vide {{nom: perceptron}}, reçu {verif.decrire(portes)}")
    coins = np.array([(0, 0), (0, 1), (1, 0), (1, 1)], dtype=float)
    fig, axes = sous_figures(1, len(portes), figsize=(4.5 * len(portes), 4.5), squeeze=False)
    t = np.linspace(-0.5, 1.5, 2)
    for ax, (nom, modele) in zip(axes[0], portes.items()):
        verif.modele_keras(f"portes[{nom!r}]", modele, entrees=2)
        if len(modele.layers) != 1 or modele.layers[0].get_weights()[0].shape != (2, 1):
            raise ValueError(f"portes[{nom!r}] doit être un perceptron à deux entrées (une seule couche, un neurone)")
        (a, b), c = modele.layers[0].get_weights()[0][:, 0], float(modele.layers[0].get_weights()[1][0])
        sorties = evaluer_lot(modele, coins)[:, 0]
        for valeur, marqueur, couleur in ((1, "s", "red"), (0, "o", "blue")):
            choisis = coins[sorties == valeur]
            ax.scatter(choisis[:, 0], choisis[:, 1], marker=marqueur, color=couleur, s=80, zorder=3,
                       label=f"F = {valeur}")
        if b != 0:
            ax.plot(t, -(a * t + c) / b, "k--", label=_equation(a, b, c))
        ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), title=nom, aspect="equal")
        ax.legend()
    return terminer_figure(fig, fichier, afficher)


def affichage_cube_couleurs(modele, k=9, titre="", plan=None, fichier=None, afficher=None):
    """Les couleurs (r, g, b) d'une grille k × k × k du cube [0, 1]³ : en gros points
    (bordés de noir) celles où le réseau vaut 1, en petits points pâles les autres.

    ``plan`` : trois points (r, g, b) d'un triangle à dessiner (la frontière, par exemple).
    """
    verif.modele_keras("modele", modele, entrees=3)
    k = verif.entier("k", k, min=2)
    cube = np.stack(np.meshgrid(*[np.linspace(0, 1, k)] * 3, indexing="ij"), -1).reshape(-1, 3)
    oui = evaluer_lot(modele, cube)[:, 0] == 1
    fig = nouvelle_figure()
    ax = fig.add_subplot(projection="3d")
    ax.scatter(*cube[~oui].T, c=cube[~oui], s=12, alpha=0.4)
    ax.scatter(*cube[oui].T, c=cube[oui], s=60, edgecolors="k")
    if plan is not None:
        p = np.asarray(plan, dtype=float)
        if p.shape != (3, 3):
            raise ValueError(f"plan doit être trois points (r, g, b), reçu la forme {p.shape}")
        ax.plot_trisurf(p[:, 0], p[:, 1], p[:, 2], color="grey", alpha=0.5)
    ax.set_xlabel("rouge")
    ax.set_ylabel("vert")
    ax.set_zlabel("bleu")
    ax.set_title(titre)
    return terminer_figure(fig, fichier, afficher)


def affichage_surfaces(modeles, xmin, xmax, ymin, ymax, num=100, vue=(45, -45), colonnes=2, fichier=None,
                       afficher=None):
    """Les surfaces z = F(x, y) de plusieurs réseaux à deux entrées, côte à côte.

    ``modeles`` : ``{"titre": modele, …}``. Chaque surface est tracée sur la grille
    ``num × num`` sans sous-échantillonnage (la couleur d'une facette est la moyenne
    de F en ses quatre coins).
    """
    if not isinstance(modeles, dict) or not modeles:
        raise TypeError(f"modeles doit être un dictionnaire non vide {{titre: réseau}}, reçu {verif.decrire(modeles)}")
    colonnes = verif.entier("colonnes", colonnes, min=1)
    lignes = -(-len(modeles) // colonnes)
    fig = nouvelle_figure(figsize=(5 * colonnes, 4 * lignes))
    for i, (nom, modele) in enumerate(modeles.items()):
        X, Y, Z = _grille(_fonction_plan(f"modeles[{nom!r}]", modele), xmin, xmax, ymin, ymax, num)
        ax = fig.add_subplot(lignes, colonnes, i + 1, projection="3d")
        ax.plot_surface(X, Y, Z, cmap="viridis", rcount=min(num, 50), ccount=min(num, 50))
        ax.view_init(*vue)
        ax.set_title(nom)
    return terminer_figure(fig, fichier, afficher)
