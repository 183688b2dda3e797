"""L'atelier : poser les poids d'un réseau à la main avec des curseurs, et voir la fonction bouger.

Dans un carnet Jupyter (il faut ipywidgets : ``pip install ".[carnet]"``) ::

    from keras_facile import *
    from keras_facile.atelier import atelier

    modele = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
    atelier(modele, -2, 3, cible=lambda x: np.abs(x - 1))

donne un curseur par coefficient et par biais, rangés par couche et par neurone
comme ``affiche_poids`` les imprime. Bouger un curseur fixe le poids du modèle
(par :func:`~keras_facile.poids.definir_poids`) et redessine la fonction du
réseau : une courbe pour une entrée, une carte de chaleur avec ses lignes de
niveau pour deux. Avec ``cible=f``, la fonction ``f`` est tracée à côté et
l'erreur maximale sur l'intervalle est affichée à chaque mouvement. Le bouton
« Lignes definir_poids » écrit les lignes qui reconstruisent les poids actuels,
prêtes à coller dans un script (:func:`lignes_definir_poids`, qui marche aussi
sans ipywidgets).

L'atelier se pilote aussi depuis le code, sans navigateur : ::

    a = atelier(modele, -2, 3)
    a.curseurs[(0, 1, -1)].value = 0.5      # biais (indice −1) du neurone 1 de la couche 0
    a.donnees["F"], a.erreur_max, a.duree_redessin

Le réseau est évalué en un seul appel sur tous les points du tracé
(:func:`~keras_facile.evaluation.evaluer_lot`, les mêmes nombres que Keras) ;
l'image est rendue par Matplotlib (Agg) dans un widget ``Image``, sans pyplot.

>>> from keras_facile import *
>>> from keras_facile.atelier import lignes_definir_poids
>>> modele = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
>>> definir_poids(modele, 0, 0, 1, -1)
>>> definir_poids(modele, 0, 1, -0.5, 1)
>>> definir_poids(modele, 1, 0, [1, 1], 0)
>>> print(lignes_definir_poids(modele))
definir_poids(modele, 0, 0, 1, -1)
definir_poids(modele, 0, 1, -0.5, 1)
definir_poids(modele, 1, 0, [1, 1], 0)
"""
from __future__ import annotations

import io
import time
import warnings

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif
from .activations import heaviside
from .atelier_page import ACTIVATIONS as ACTIVATIONS_ATELIER   # celles que la page web sait calculer
from .evaluation import dimension_sortie, evaluer_lot
from .poids import definir_poids

__all__ = ["atelier", "Atelier", "lignes_definir_poids", "ACTIVATIONS_ATELIER"]

_POINTS_PAR_DEFAUT = {1: 1000, 2: 100}
_NIVEAUX = 10


# ----------------------------------------------------------------------------
# Les lignes definir_poids (sans ipywidgets)
# ----------------------------------------------------------------------------

def _texte_nombre(valeur) -> str:
    """Le plus court texte qui redonne exactement ce nombre en float32 (le type des poids
    Keras) : ``1`` plutôt que ``1.0``, ``0.1`` plutôt que ``0.10000000149011612``."""
    x = np.float32(valeur)
    if np.isfinite(x) and x == np.round(x) and abs(x) < 2**24:
        return str(int(x))
    return str(x)         # numpy : écriture la plus courte qui identifie ce float32


def _couches_dense(modele) -> list:
    """Les couches Dense (construites, avec biais) d'un modèle Sequential, vérifiées."""
    import keras

    verif.modele_keras("modele", modele)
    if not isinstance(modele, keras.Sequential):
        raise TypeError(f"modele doit être un modèle Sequential (une pile de couches Dense), "
                        f"reçu un modèle {type(modele).__name__}")
    if not modele.layers:
        raise ValueError("modele doit avoir au moins une couche Dense, reçu un modèle Sequential sans couche ; "
                         "ajoutez-en avec modele.add(Dense(...))")
    return [verif.couche_dense(modele, k) for k in range(len(modele.layers))]


def lignes_definir_poids(modele, nom: str = "modele") -> str:
    """Les lignes ``definir_poids(modele, couche, rang, coeff, biais)`` qui redonnent
    exactement les poids actuels de ``modele`` (un ``Sequential`` de couches ``Dense``),
    une par neurone, prêtes à coller dans un script. ``nom`` : le nom du modèle dans
    les lignes."""
    if not isinstance(nom, str) or not nom.isidentifier():
        raise ValueError(f"nom doit être un nom de variable Python, reçu {verif.decrire(nom)}")
    lignes = []
    for couche, layer in enumerate(_couches_dense(modele)):
        coeff, biais = layer.get_weights()
        for rang in range(coeff.shape[1]):
            if coeff.shape[0] == 1:          # une entrée : un nombre, comme dans le livre
                texte_coeff = _texte_nombre(coeff[0, rang])
            else:
                texte_coeff = "[" + ", ".join(_texte_nombre(c) for c in coeff[:, rang]) + "]"
            lignes.append(f"definir_poids({nom}, {couche}, {rang}, {texte_coeff}, {_texte_nombre(biais[rang])})")
    return "\n".join(lignes)


# ----------------------------------------------------------------------------
# Vérifications
# ----------------------------------------------------------------------------

def _nom_activation(layer) -> str | None:
    import keras

    for nom in ACTIVATIONS_ATELIER:
        fonction = heaviside if nom == "heaviside" else keras.activations.get(nom)
        if layer.activation is fonction:
            return nom
    return None


def _verifier_modele(modele) -> tuple[int, list[str]]:
    """(nombre d'entrées, activations) d'un Sequential de Dense à 1 ou 2 entrées."""
    couches = _couches_dense(modele)
    n = verif.nombre_entrees("modele", modele)
    if n not in (1, 2):
        raise ValueError(f"modele doit être un réseau à 1 ou 2 entrées (une courbe ou une carte), reçu un réseau "
                         f"à {n} entrées ; pour 3 entrées, voyez affichage_evaluation_trois_var")
    activations = []
    for k, layer in enumerate(couches):
        nom = _nom_activation(layer)
        if nom is None:
            recue = getattr(layer.activation, "__name__", type(layer.activation).__name__)
            raise ValueError(f"la couche {k} doit avoir une activation du livre "
                             f"({', '.join(ACTIVATIONS_ATELIER)}), reçu {recue!r}")
        activations.append(nom)
    return n, activations


def _ipywidgets():
    try:
        import ipywidgets
    except ImportError:
        raise ImportError("l'atelier a besoin d'ipywidgets, qui n'est pas installé : "
                          "pip install '.[carnet]' (ou pip install ipywidgets)") from None
    return ipywidgets


def _valeurs_cible(cible, *grilles) -> np.ndarray:
    """``cible`` évaluée sur les points du tracé (en un appel, sinon point par point)."""
    forme = grilles[0].shape
    try:
        with np.errstate(all="ignore"):
            valeurs = np.asarray(cible(*grilles), dtype=np.float64)
        valeurs = np.broadcast_to(valeurs, forme)
    except Exception:       # une fonction écrite pour des nombres (math.sin…) : un point à la fois
        try:
            with np.errstate(all="ignore"):
                valeurs = np.vectorize(lambda *p: float(cible(*p)), otypes=[np.float64])(*grilles)
        except Exception as erreur:
            variables = "x" if len(grilles) == 1 else "x, y"
            raise ValueError(f"cible doit être une fonction de ({variables}) qui renvoie un nombre, "
                             f"mais cible({variables}) a échoué : {type(erreur).__name__}: {erreur}") from None
    if not np.all(np.isfinite(valeurs)):
        k = int(np.flatnonzero(~np.isfinite(valeurs.ravel()))[0])
        point = ", ".join(f"{g.ravel()[k]:.4g}" for g in grilles)
        raise ValueError(f"cible doit donner des valeurs finies sur l'intervalle, reçu "
                         f"{valeurs.ravel()[k]} en ({point})")
    return np.array(valeurs, dtype=np.float64)


# ----------------------------------------------------------------------------
# L'atelier
# ----------------------------------------------------------------------------

class Atelier:
    """Les curseurs, la figure et les données tracées d'un atelier (voir :func:`atelier`).

    - ``curseurs[(couche, neurone, indice)]`` : le ``FloatSlider`` d'un poids (``indice`` :
      numéro de l'entrée pour un coefficient, ``-1`` pour le biais) ;
    - ``donnees`` : ``{"x": …, "F": …}`` (et ``"y"`` pour deux entrées, ``"cible"`` avec une
      cible) — les valeurs tracées, recalculées à chaque mouvement ;
    - ``erreur_max`` : ``max |F − cible|`` sur les points tracés (``None`` sans cible) ;
    - ``figure`` (Matplotlib), ``widget`` (l'interface ipywidgets), ``texte`` (les lignes
      ``definir_poids`` après un clic sur ``bouton``) ;
    - ``duree_redessin`` : durée du dernier redessin en secondes (calcul + image).
    """

    def __init__(self, modele, xmin, xmax, ymin=None, ymax=None, cible=None, bornes=(-5, 5), points=None,
                 pas=0.01, rang=0, continu=True):
        widgets = _ipywidgets()
        self.modele = modele
        self.entrees, self.activations = _verifier_modele(modele)
        p = dimension_sortie(modele)
        self.rang = verif.entier("rang", rang, min=0, max=p - 1, aide=f"la couche de sortie a {p} neurone(s)")
        self.xmin, self.xmax = verif.intervalle("xmin", xmin, "xmax", xmax)
        if (ymin is None) != (ymax is None):
            raise ValueError(f"ymin et ymax doivent être donnés ensemble, reçu ymin={verif.decrire(ymin)} et "
                             f"ymax={verif.decrire(ymax)}")
        if ymin is not None:
            self.ymin, self.ymax = verif.intervalle("ymin", ymin, "ymax", ymax)
        elif self.entrees == 2:
            self.ymin, self.ymax = self.xmin, self.xmax        # un carré par défaut
        else:
            self.ymin = self.ymax = None                       # hauteur de la courbe : automatique
        if not isinstance(bornes, (tuple, list)) or len(bornes) != 2:
            raise TypeError(f"bornes doit être un couple (min, max) pour les curseurs, reçu {verif.decrire(bornes)}")
        self.bornes = verif.intervalle("bornes[0]", bornes[0], "bornes[1]", bornes[1])
        self.pas = verif.reel("pas", pas, min=0, min_exclu=True)
        if points is None:
            points = _POINTS_PAR_DEFAUT[self.entrees]
        self.points = verif.entier("points", points, min=2, max=100_000 if self.entrees == 1 else 1000)
        continu = verif.booleen("continu", continu)
        if cible is not None:
            verif.appelable("cible", cible)
        self.cible = cible

        # les points du tracé, une fois pour toutes
        self.x = np.linspace(self.xmin, self.xmax, self.points)
        if self.entrees == 1:
            self._points = self.x[:, None]
            grilles = (self.x,)
        else:
            self.y = np.linspace(self.ymin, self.ymax, self.points)
            self._X, self._Y = np.meshgrid(self.x, self.y)
            self._points = np.c_[self._X.ravel(), self._Y.ravel()]
            grilles = (self._X, self._Y)
        self.valeurs_cible = _valeurs_cible(cible, *grilles) if cible is not None else None
        self.donnees: dict[str, np.ndarray] = {}
        self.erreur_max: float | None = None
        self.duree_redessin = 0.0
        self._synchro = False

        self._construire_figure()
        self._construire_curseurs(widgets, continu)
        self.erreur = widgets.HTML()
        self.image = widgets.Image(format="png")
        self.bouton = widgets.Button(description="Lignes definir_poids", icon="clipboard",
                                     tooltip="les lignes qui reconstruisent les poids actuels, à coller dans un script")
        self.texte = widgets.Textarea(value="", placeholder="cliquez sur « Lignes definir_poids »",
                                      layout=widgets.Layout(width="100%", height="8em"))
        self.bouton.on_click(lambda _bouton: self.montrer_lignes())
        colonne_curseurs = widgets.VBox(self._groupes, layout=widgets.Layout(max_height="560px", overflow_y="auto",
                                                                             min_width="330px"))
        colonne_figure = widgets.VBox([self.image, self.erreur, self.bouton, self.texte])
        self.widget = widgets.HBox([colonne_curseurs, colonne_figure])
        self.redessiner()

    # -- construction ------------------------------------------------------------
    def _construire_curseurs(self, widgets, continu):
        bas, haut = self.bornes
        self.curseurs = {}
        self._groupes = []
        for couche, layer in enumerate(self.modele.layers):
            coeff, biais = layer.get_weights()
            nb_entrees, nb_neurones = coeff.shape
            self._groupes.append(widgets.HTML(f"<b>Couche numéro {couche}</b> — {nb_neurones} neurone(s), "
                                              f"activation {self.activations[couche]}"))
            for neurone in range(nb_neurones):
                lignes = [widgets.HTML(f"&nbsp;&nbsp;Neurone numéro {neurone}")]
                valeurs = [(i, f"coeff {i}", float(coeff[i, neurone])) for i in range(nb_entrees)]
                valeurs.append((-1, "biais", float(biais[neurone])))
                for indice, description, valeur in valeurs:
                    curseur = widgets.FloatSlider(
                        value=valeur, min=min(bas, np.floor(valeur)), max=max(haut, np.ceil(valeur)),
                        step=self.pas, description=description, continuous_update=continu,
                        readout_format=".2f", layout=widgets.Layout(width="320px"))
                    cle = (couche, neurone, indice)
                    curseur.observe(lambda changement, cle=cle: self._curseur_bouge(cle, changement["new"]),
                                    names="value")
                    self.curseurs[cle] = curseur
                    lignes.append(curseur)
                self._groupes.append(widgets.VBox(lignes))

    def _construire_figure(self):
        """La figure, dessinée une fois ; ensuite seuls la courbe (ou la carte et ses lignes de
        niveau) sont redessinés par-dessus le fond gardé en mémoire (« blitting »)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        avec_cible = self.cible is not None
        self._fond = None
        self._limites = None
        if self.entrees == 1:
            self.figure = Figure(figsize=(6, 4), dpi=80, layout="tight")
            FigureCanvasAgg(self.figure)
            ax = self.figure.add_subplot()
            self.axes = [ax]
            if avec_cible:
                ax.plot(self.x, self.valeurs_cible, color="red", label="cible f")
            (self.ligne,) = ax.plot(self.x, np.zeros_like(self.x), color="blue", linewidth=2, label="réseau F",
                                    animated=True)
            ax.set_xlim(self.xmin, self.xmax)
            ax.set_xlabel("x")
            ax.set_ylabel("F(x)")
            ax.grid(alpha=0.3)
            if avec_cible:
                ax.legend(loc="upper left")
        else:
            self.figure = Figure(figsize=(9 if avec_cible else 5.5, 4.2), dpi=80, layout="constrained")
            FigureCanvasAgg(self.figure)
            self.axes = self.figure.subplots(1, 2 if avec_cible else 1, squeeze=False)[0].tolist()
            etendue = (self.xmin, self.xmax, self.ymin, self.ymax)
            zeros = np.zeros((self.points, self.points))
            self.carte = self.axes[0].imshow(zeros, origin="lower", extent=etendue, aspect="auto", cmap="hot",
                                             interpolation="nearest", animated=True)
            self.axes[0].set_title("réseau F(x, y)")
            if avec_cible:
                self.carte_cible = self.axes[1].imshow(self.valeurs_cible, origin="lower", extent=etendue,
                                                       aspect="auto", cmap="hot", interpolation="nearest")
                self.axes[1].set_title("cible f(x, y)")
                self._lignes_niveau(self.axes[1], self.valeurs_cible, anime=False)
            for ax in self.axes:
                ax.set_xlabel("x")
                ax.set_ylabel("y")
            self.figure.colorbar(self.carte, ax=self.axes)
            self._niveaux = None

    def _lignes_niveau(self, ax, Z, anime=True):
        if not np.ptp(Z) > 1e-12:          # fonction constante : pas de ligne de niveau
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lignes = ax.contour(self._X, self._Y, Z, _NIVEAUX, colors="black", linewidths=0.6, alpha=0.7)
        lignes.set_animated(anime)
        return lignes

    # -- mouvements --------------------------------------------------------------
    def _curseur_bouge(self, cle, valeur):
        if self._synchro:
            return
        couche, neurone, indice = cle
        coeff, biais = self.modele.layers[couche].get_weights()
        coefficients, b = coeff[:, neurone].copy(), biais[neurone]
        if indice == -1:
            b = valeur
        else:
            coefficients[indice] = valeur
        definir_poids(self.modele, couche, neurone, coefficients, b)
        self.redessiner()

    def synchroniser(self):
        """Remet les curseurs sur les poids du modèle (après un ``definir_poids`` fait
        ailleurs), puis redessine une fois."""
        self._synchro = True
        try:
            for (couche, neurone, indice), curseur in self.curseurs.items():
                coeff, biais = self.modele.layers[couche].get_weights()
                valeur = float(biais[neurone] if indice == -1 else coeff[indice, neurone])
                curseur.min, curseur.max = min(curseur.min, np.floor(valeur)), max(curseur.max, np.ceil(valeur))
                curseur.value = valeur
        finally:
            self._synchro = False
        self.redessiner()

    def lignes_definir_poids(self, nom: str = "modele") -> str:
        """Les lignes ``definir_poids`` des poids actuels (voir :func:`lignes_definir_poids`)."""
        return lignes_definir_poids(self.modele, nom)

    def montrer_lignes(self):
        """Ce que fait le bouton : écrit les lignes ``definir_poids`` dans la zone de texte."""
        self.texte.value = self.lignes_definir_poids()
        return self.texte.value

    # -- tracé -------------------------------------------------------------------
    def calculer(self) -> np.ndarray:
        """Les valeurs du réseau sur tous les points du tracé, en un seul appel."""
        F = evaluer_lot(self.modele, self._points)[:, self.rang].astype(np.float64)
        return F if self.entrees == 1 else F.reshape(self._X.shape)

    def redessiner(self):
        """Recalcule la fonction du réseau, l'erreur, et l'image (appelé à chaque mouvement)."""
        debut = time.perf_counter()
        F = self.calculer()
        self.donnees = {"x": self.x, "F": F}
        if self.entrees == 2:
            self.donnees["y"] = self.y
        if self.valeurs_cible is not None:
            self.donnees["cible"] = self.valeurs_cible
            self.erreur_max = float(np.max(np.abs(F - self.valeurs_cible)))
            intervalle = f"[{self.xmin:g}, {self.xmax:g}]" + (f" × [{self.ymin:g}, {self.ymax:g}]"
                                                               if self.entrees == 2 else "")
            self.erreur.value = f"Erreur max sur {intervalle} : <b>{self.erreur_max:.4g}</b>"
        self._mettre_a_jour_figure(F)
        self.image.value = self._image_png()
        self.duree_redessin = time.perf_counter() - debut

    @staticmethod
    def _nouvelles_limites(valeurs, actuelles, marge=0.08):
        """Les limites (de l'axe vertical ou des couleurs) : gardées tant que les données y
        tiennent et en occupent au moins le tiers (le fond ne change pas), sinon recalculées."""
        bas, haut = min(float(v.min()) for v in valeurs), max(float(v.max()) for v in valeurs)
        if actuelles is not None and actuelles[0] <= bas and haut <= actuelles[1] \
                and haut - bas >= (actuelles[1] - actuelles[0]) / 3:
            return actuelles
        ecart = marge * (haut - bas) if haut > bas else 0.5
        return (bas - ecart, haut + ecart)

    def _mettre_a_jour_figure(self, F):
        valeurs = [F] if self.valeurs_cible is None else [F, self.valeurs_cible]
        if self.entrees == 1:
            self.ligne.set_ydata(F)
            limites = (self.ymin, self.ymax) if self.ymin is not None else \
                self._nouvelles_limites(valeurs, self._limites)
            if limites != self._limites:
                self.axes[0].set_ylim(*limites)
            self._animes = [(self.axes[0], self.ligne)]
        else:
            self.carte.set_data(F)
            limites = self._nouvelles_limites(valeurs, self._limites, marge=0)
            if limites != self._limites:
                self.carte.set_clim(*limites)
                if self.valeurs_cible is not None:
                    self.carte_cible.set_clim(*limites)
            if self._niveaux is not None:
                self._niveaux.remove()
            self._niveaux = self._lignes_niveau(self.axes[0], F)
            self._animes = [(self.axes[0], self.carte)] + \
                ([(self.axes[0], self._niveaux)] if self._niveaux is not None else [])
        if limites != self._limites:
            self._limites = limites
            self._fond = None                      # le fond (axes, graduations, couleurs) a changé

    def _image_png(self) -> bytes:
        from PIL import Image

        toile = self.figure.canvas
        if self._fond is None:
            toile.draw()                           # tout sauf les artistes animés
            self._fond = toile.copy_from_bbox(self.figure.bbox)
        else:
            toile.restore_region(self._fond)
        for ax, artiste in self._animes:
            ax.draw_artist(artiste)
        largeur, hauteur = toile.get_width_height()
        image = Image.frombuffer("RGBA", (largeur, hauteur), toile.buffer_rgba(), "raw", "RGBA", 0, 1)
        tampon = io.BytesIO()
        image.convert("RGB").save(tampon, format="png", compress_level=1)
        return tampon.getvalue()

    # -- affichage dans un carnet ---------------------------------------------------
    def _repr_mimebundle_(self, **options):
        return self.widget._repr_mimebundle_(**options)

    def __repr__(self):
        return (f"<Atelier : réseau à {self.entrees} entrée(s), {len(self.curseurs)} curseurs"
                + (f", erreur max {self.erreur_max:.4g}" if self.erreur_max is not None else "") + ">")


def atelier(modele, xmin, xmax, ymin=None, ymax=None, cible=None, bornes=(-5, 5), points=None, pas=0.01,
            rang=0, continu=True) -> Atelier:
    """L'atelier d'un réseau ``Sequential`` de couches ``Dense`` à 1 ou 2 entrées
    (activations heaviside, relu, sigmoid, tanh ou linear) : un curseur par poids, la
    fonction du réseau redessinée à chaque mouvement.

    - ``xmin, xmax`` : l'intervalle tracé ; pour deux entrées, ``ymin, ymax`` (par défaut
      les mêmes) ; pour une entrée, ``ymin, ymax`` fixent la hauteur de la courbe
      (automatique sinon) ;
    - ``cible`` : une fonction ``f(x)`` (ou ``f(x, y)``) tracée à côté ; l'erreur
      ``max |F − f|`` sur les points tracés s'affiche à chaque mouvement ;
    - ``bornes`` : l'étendue des curseurs (élargie si un poids actuel en sort),
      ``pas`` leur pas ; ``points`` : nombre de points (1 000 pour une courbe,
      100 × 100 pour une carte) ; ``rang`` : le neurone de sortie tracé ;
      ``continu=False`` : ne redessiner qu'au lâcher du curseur.

    Renvoie un :class:`Atelier` qui s'affiche dans le carnet (dernière ligne de la
    cellule) et se pilote depuis le code : ``a.curseurs[(0, 1, -1)].value = 0.5``.
    """
    return Atelier(modele, xmin, xmax, ymin, ymax, cible=cible, bornes=bornes, points=points, pas=pas,
                   rang=rang, continu=continu)
