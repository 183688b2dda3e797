"""Différentiation automatique sur un graphe de calcul, comme au chapitre 1 du livre.

Chaque nœud garde sa valeur et, sur chaque arête vers un parent, la *dérivée
locale* (entre crochets dans le livre). La dérivée de la sortie par rapport à
une entrée est la somme, sur tous les chemins de la sortie vers cette entrée,
des produits des dérivées locales — calculée de droite à gauche (« mode
inverse », la rétropropagation) : chaque nœud est visité une fois.

>>> x = entree(3.0, "x")
>>> F = cos(2 * x ** 2)              # F(x) = cos(2x²)
>>> round(derivees(F)[x], 6)        # F'(3) = −12 sin(18)
9.011847
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import verifications as verif

__all__ = ["Noeud", "entree", "constante", "appliquer", "derivees", "chemins",
           "exp", "ln", "cos", "sin", "racine", "carre", "tableau"]


@dataclass(eq=False)
class Noeud:
    """Un nœud du graphe : sa valeur, son étiquette, ses parents avec les dérivées locales."""

    valeur: float
    nom: str = ""
    parents: list = field(default_factory=list)   # [(Noeud, dérivée locale), …]

    def __add__(self, autre):                     # ⊕ : dérivées locales [1] et [1]
        autre = _noeud(autre)
        return Noeud(self.valeur + autre.valeur, f"({self.nom} ⊕ {autre.nom})", [(self, 1.0), (autre, 1.0)])

    __radd__ = __add__

    def __mul__(self, autre):                     # ⊗ : dérivées locales [y0] et [x0] (échangées)
        autre = _noeud(autre)
        return Noeud(self.valeur * autre.valeur, f"({self.nom} ⊗ {autre.nom})",
                     [(self, autre.valeur), (autre, self.valeur)])

    __rmul__ = __mul__

    def __neg__(self):
        return appliquer(self, lambda x: -x, lambda x: -1.0, "x ↦ −x")

    def __sub__(self, autre):
        return self + (-_noeud(autre))

    def __rsub__(self, autre):
        return _noeud(autre) + (-self)

    def __truediv__(self, autre):
        autre = _noeud(autre)
        return self * appliquer(autre, lambda x: 1 / x, lambda x: -1 / x ** 2, "x ↦ 1/x")

    def __rtruediv__(self, autre):
        return _noeud(autre) / self

    def __pow__(self, n):
        verif.reel("n", n, aide="l'exposant de x ** n est un nombre, pas un nœud du graphe")
        return appliquer(self, lambda x: x ** n, lambda x: n * x ** (n - 1), f"x ↦ x^{n}")

    def __repr__(self):
        return f"Noeud({self.nom} = {self.valeur:g})"


def _noeud(valeur) -> Noeud:
    return valeur if isinstance(valeur, Noeud) else constante(valeur)


def entree(valeur: float, nom: str = "x") -> Noeud:
    """Une variable d'entrée du graphe, avec sa valeur x0."""
    return Noeud(verif.reel("valeur", valeur), nom)


def constante(valeur: float) -> Noeud:
    valeur = verif.reel("valeur", valeur)
    return Noeud(valeur, f"{valeur:g}")


def appliquer(noeud, f, derivee, nom: str) -> Noeud:
    """Arête « x ↦ f(x) » : valeur f(x0), dérivée locale [f'(x0)]."""
    noeud = _noeud(noeud)
    return Noeud(float(f(noeud.valeur)), f"{nom}({noeud.nom})", [(noeud, float(derivee(noeud.valeur)))])


def exp(x):
    return appliquer(x, math.exp, math.exp, "exp")


def ln(x):
    return appliquer(x, math.log, lambda v: 1 / v, "ln")


def cos(x):
    return appliquer(x, math.cos, lambda v: -math.sin(v), "cos")


def sin(x):
    return appliquer(x, math.sin, math.cos, "sin")


def racine(x):
    return appliquer(x, math.sqrt, lambda v: 1 / (2 * math.sqrt(v)), "√")


def carre(x):
    return appliquer(x, lambda v: v * v, lambda v: 2 * v, "carré")


def _ordre_topologique(sortie: Noeud) -> list[Noeud]:
    ordre, vus = [], set()

    def visiter(n):
        if id(n) in vus:
            return
        vus.add(id(n))
        for parent, _ in n.parents:
            visiter(parent)
        ordre.append(n)

    visiter(sortie)
    return ordre


def derivees(sortie: Noeud) -> dict:
    """{{dF/dn}} pour chaque nœud n du graphe (mode inverse : de la sortie vers les entrées).

    Récurrence du livre : {{dF/dx_i}} = Σ {{dF/dx_{i+1}}} × [dx_{i+1}/dx_i] sur les arêtes
    qui partent de x_i ; chaque produit n'est calculé qu'une fois.
    """
    accumule = {id(sortie): 1.0}
    noeuds = _ordre_topologique(sortie)
    for n in reversed(noeuds):
        d = accumule.get(id(n), 0.0)
        for parent, locale in n.parents:
            accumule[id(parent)] = accumule.get(id(parent), 0.0) + d * locale
    return {n: accumule.get(id(n), 0.0) for n in noeuds}


def chemins(sortie: Noeud, depart: Noeud) -> list[tuple[list[float], float]]:
    """Tous les chemins de la sortie vers ``depart`` : (dérivées locales lues de droite à gauche, produit).

    La somme des produits est la dérivée : c'est le « bilan » du livre (cas général).
    """
    resultat = []

    def descendre(n, locales):
        if n is depart:
            produit = 1.0
            for v in locales:
                produit *= v
            resultat.append((list(locales), produit))
            return
        for parent, locale in n.parents:
            descendre(parent, locales + [locale])

    descendre(sortie, [])
    return resultat


def tableau(sortie: Noeud) -> list[tuple[str, float, float]]:
    """Une ligne par nœud, des entrées vers la sortie : (étiquette, valeur, {{dF/dnœud}})."""
    d = derivees(sortie)
    return [(n.nom, n.valeur, d[n]) for n in _ordre_topologique(sortie)]
