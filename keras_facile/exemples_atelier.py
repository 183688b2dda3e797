"""Les réseaux du livre prêts à ouvrir dans l'atelier (page web ou carnet).

``EXEMPLES`` associe à chaque nom un :class:`Exemple` : une description, une
fabrique qui construit le modèle Keras avec les poids du livre, le domaine
tracé (``xmin, xmax`` et, pour deux entrées, ``ymin, ymax``) et, s'il y en a
une, la fonction cible (une expression en ``x`` — et ``y`` —, voir
:func:`keras_facile.cible.fonction_cible`).

>>> sorted(EXEMPLES)
['carre', 'et', 'listing-6-8', 'marches-5', 'ou', 'ou-exclusif', 'secteur']
>>> from keras_facile import evaluation
>>> evaluation(modele_exemple("listing-6-8"), 3)
2.0
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import _config  # noqa: F401
from . import verifications as verif

__all__ = ["Exemple", "EXEMPLES", "modele_exemple", "FONCTION_ESCALIER"]

# La fonction que le livre approche par des marches (chapitre 5 §5.4, chapitre 6 §2.3), sur [2, 10].
FONCTION_ESCALIER = "cos(2*x) + x*sin(3*x) + sqrt(x)"


@dataclass(frozen=True)
class Exemple:
    """Un réseau du livre pour l'atelier. ``entrees`` vaut 1 ou 2 (2 quand ``ymin``/``ymax`` sont donnés)."""

    nom: str
    description: str
    fabrique: Callable
    xmin: float
    xmax: float
    ymin: float | None = None
    ymax: float | None = None
    cible: str | None = None

    @property
    def entrees(self) -> int:
        return 1 if self.ymin is None else 2

    def modele(self):
        """Un modèle neuf, aux poids du livre (chaque appel en construit un autre)."""
        return self.fabrique()

    def fonction_cible(self):
        """La cible en fonction numpy (``f(x)`` ou ``f(x, y)``), ou ``None``."""
        if self.cible is None:
            return None
        from .cible import fonction_cible

        return fonction_cible(self.cible, self.entrees)


def _listing_6_8():
    # Listing 6.8 du livre, ligne à ligne.
    from keras import Input, Sequential
    from keras.layers import Dense

    from .poids import definir_poids

    modele = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
    definir_poids(modele, 0, 0, 1, -1)
    definir_poids(modele, 0, 1, -0.5, 1)
    definir_poids(modele, 1, 0, [1, 1], 0)
    return modele


def _porte(nom):
    def fabrique():
        from . import perceptron

        return getattr(perceptron, nom)()
    return fabrique


def _marches_5():
    # Chapitre 5 §5.4 et listing du chapitre 6 : Dense(2n, heaviside) puis Dense(1, linear), n = 5.
    import numpy as np
    from keras import Input, Sequential
    from keras.layers import Dense

    from .activations import heaviside
    from .approximation import calcul_approximation

    n = 5
    modele = Sequential([Input(shape=(1,)), Dense(2 * n, activation=heaviside), Dense(1, activation="linear")])
    return calcul_approximation(modele, lambda x: np.cos(2 * x) + x * np.sin(3 * x) + np.sqrt(x), 2, 10, n)


def _secteur():
    # Chapitre 5 §3.2 : H(−x + 3y) ET H(2x + y).
    from .activations import heaviside
    from .perceptron import reseau_par_couches

    return reseau_par_couches(2, [([[-1, 3], [2, 1]], [0, 0], heaviside), ([[1, 1]], [-2], heaviside)])


def _carre():
    from .approximation import indicatrice_rectangle

    return indicatrice_rectangle(0, 1, 0, 1)


EXEMPLES: dict[str, Exemple] = {e.nom: e for e in [
    Exemple("listing-6-8", "Listing 6.8 : deux neurones ReLU puis une sortie ReLU ; F(3) = 2",
            _listing_6_8, -2.0, 3.0),
    Exemple("ou", "Chapitre 5 : x OU y, un perceptron H(x + y − 1)", _porte("porte_ou"), -0.5, 1.5, -0.5, 1.5),
    Exemple("et", "Chapitre 5 : x ET y, un perceptron H(x + y − 2)", _porte("porte_et"), -0.5, 1.5, -0.5, 1.5),
    Exemple("ou-exclusif", "Chapitre 5 : x OU EXCLUSIF y avec trois neurones H(x − y − 1), H(−x + y − 1) puis OU",
            _porte("porte_ou_exclusif"), -2.0, 3.0, -2.0, 3.0),
    Exemple("marches-5", "Chapitres 5 et 6 : escalier de n = 5 marches qui approche "
                         "f(x) = cos(2x) + x sin(3x) + √x sur [2, 10]",
            _marches_5, 2.0, 10.0, cible=FONCTION_ESCALIER),
    Exemple("secteur", "Chapitre 5 : secteur angulaire, H(−x + 3y) ET H(2x + y)", _secteur, -5.0, 5.0, -5.0, 5.0),
    Exemple("carre", "Chapitre 5 : l'indicatrice du carré [0, 1]², quatre demi-plans puis un ET",
            _carre, -1.0, 2.0, -1.0, 2.0),
]}


def modele_exemple(nom: str):
    """Le modèle Keras de l'exemple ``nom`` (voir ``EXEMPLES``), aux poids du livre."""
    nom = verif.choix("nom", nom, list(EXEMPLES))
    return EXEMPLES[nom].modele()
