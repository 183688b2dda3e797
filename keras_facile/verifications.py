"""Vérifier les arguments une seule fois, avec les mêmes messages partout.

Chaque fonction reçoit le **nom** de l'argument et sa **valeur**, renvoie la
valeur convertie (``int``, ``float``, tableau numpy…) si elle convient, et lève
sinon une erreur au message unique :

    « <nom> doit être <ce qui est attendu>, reçu <valeur> (<type>) [; <conseil>] »

``TypeError`` quand la valeur n'a pas le bon type (un texte, un booléen ou un
décimal là où il faut un entier…), ``ValueError`` quand le type convient mais
pas la valeur (hors des bornes, NaN, infini, mauvaise forme…). Le modèle
suivi est ``keras/src/utils/argument_validation.py`` : un seul endroit, des
messages qui nomment l'argument et la valeur reçue.

>>> entier("n", 5, min=1)
5
>>> entier("n", 2.5, min=1)
Traceback (most recent call last):
    ...
TypeError: n doit être un entier ≥ 1, reçu 2.5 (float)
"""
from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "decrire",
    "entier",
    "reel",
    "intervalle",
    "booleen",
    "choix",
    "appelable",
    "forme",
    "tableau",
    "meme_forme",
    "modele_keras",
    "nombre_entrees",
    "couche_dense",
    "donnees_du_modele",
]

_MAX_FLOAT32 = float(np.finfo(np.float32).max)
_LONGUEUR_MAX = 60


# ---------------------------------------------------------------------------
# Le message
# ---------------------------------------------------------------------------

def decrire(valeur) -> str:
    """La valeur reçue telle que les messages la montrent : ``2.5 (float)``,
    ``un tableau de forme (3, 2) (float32)``…

    >>> decrire(2.5), decrire(np.float32(0.1)), decrire(np.zeros((3, 2)))
    ('2.5 (float)', '0.1 (float32)', 'un tableau de forme (3, 2) (float64)')
    """
    if isinstance(valeur, np.ndarray) and valeur.ndim > 0:
        return f"un tableau de forme {valeur.shape} ({valeur.dtype})"
    if isinstance(valeur, (np.number, np.bool_)):          # np.float32(0.1) s'écrit 0.1
        texte = str(valeur)
    elif isinstance(valeur, (np.generic, np.ndarray)):     # autre scalaire numpy ou tableau 0-d
        texte = repr(valeur.item())
    else:
        texte = repr(valeur)
    if len(texte) > _LONGUEUR_MAX:
        texte = texte[:_LONGUEUR_MAX - 1] + "…"
    return f"{texte} ({type(valeur).__name__})"


def _erreur(classe, nom: str, attendu: str, recu: str, aide: str | None = None):
    """L'erreur au format commun ; ``attendu`` commence par le verbe (« être un entier »)."""
    message = f"{nom} doit {attendu}, reçu {recu}"
    if aide:
        message += f" ; {aide}"
    return classe(message)


# ---------------------------------------------------------------------------
# Nombres
# ---------------------------------------------------------------------------

def _est_booleen(valeur) -> bool:
    return isinstance(valeur, (bool, np.bool_)) or (isinstance(valeur, np.ndarray) and valeur.dtype == bool)


def _scalaire(valeur):
    """Un tableau numpy 0-d devient le nombre qu'il contient ; le reste ne change pas."""
    if isinstance(valeur, np.ndarray) and valeur.ndim == 0:
        return valeur[()]
    return valeur


def _bornes(min, max, min_exclu=False, max_exclu=False) -> str:
    if min is not None and max is not None:
        if not min_exclu and not max_exclu and isinstance(min, numbers.Integral) and isinstance(max, numbers.Integral):
            return f" entre {min} et {max}"
        return f" de {']' if min_exclu else '['}{min}, {max}{'[' if max_exclu else ']'}"
    if min is not None:
        return f" {'>' if min_exclu else '≥'} {min}"
    if max is not None:
        return f" {'<' if max_exclu else '≤'} {max}"
    return ""


def _dans_les_bornes(x, min, max, min_exclu, max_exclu) -> bool:
    if min is not None and (x <= min if min_exclu else x < min):
        return False
    if max is not None and (x >= max if max_exclu else x > max):
        return False
    return True


def entier(nom: str, valeur, min=None, max=None, aide: str | None = None) -> int:
    """Un entier (``int`` ou entier numpy, pas un booléen ni un décimal), entre ``min`` et ``max`` inclus.

    >>> entier("rang", np.int64(1), min=0, max=1)
    1
    >>> entier("couche", True)
    Traceback (most recent call last):
        ...
    TypeError: couche doit être un entier, reçu True (bool)
    >>> entier("rang", 3, min=0, max=1, aide="la couche 0 a 2 neurones")
    Traceback (most recent call last):
        ...
    ValueError: rang doit être un entier entre 0 et 1, reçu 3 (int) ; la couche 0 a 2 neurones
    """
    brut = _scalaire(valeur)
    attendu = "être un entier" + _bornes(min, max)
    if _est_booleen(brut) or not isinstance(brut, numbers.Integral):
        raise _erreur(TypeError, nom, attendu, decrire(valeur), aide)
    if not _dans_les_bornes(brut, min, max, False, False):
        raise _erreur(ValueError, nom, attendu, decrire(valeur), aide)
    return int(brut)


def reel(nom: str, valeur, min=None, max=None, *, min_exclu: bool = False, max_exclu: bool = False,
         fini: bool = True, float32: bool = False, aide: str | None = None) -> float:
    """Un nombre réel (entier ou décimal, Python ou numpy ; ni booléen, ni complexe, ni texte).

    ``fini=True`` refuse NaN et ±∞ ; ``float32=True`` refuse ce qui déborde en
    float32 (|x| > 3.4e38, le type des poids Keras) ; ``min``/``max`` sont
    inclus sauf si ``min_exclu``/``max_exclu``.

    >>> reel("biais", np.int64(-3))
    -3.0
    >>> reel("delta", 0, min=0, min_exclu=True)
    Traceback (most recent call last):
        ...
    ValueError: delta doit être un nombre > 0, reçu 0 (int)
    >>> reel("moment", 1.5, min=0, max=1, max_exclu=True)
    Traceback (most recent call last):
        ...
    ValueError: moment doit être un nombre de [0, 1[, reçu 1.5 (float)
    >>> reel("biais", float("nan"))
    Traceback (most recent call last):
        ...
    ValueError: biais doit être un nombre fini, reçu nan (float)
    >>> reel("x", 10**400)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    ValueError: x doit être un nombre fini, reçu 10000...… (int)
    >>> reel("coeff", "2")
    Traceback (most recent call last):
        ...
    TypeError: coeff doit être un nombre réel fini, reçu '2' (str)
    """
    brut = _scalaire(valeur)
    bornes = _bornes(min, max, min_exclu, max_exclu)
    if bornes:
        attendu = "être un nombre" + bornes
    else:
        attendu = "être un nombre réel fini" if fini else "être un nombre réel"
    if _est_booleen(brut) or not isinstance(brut, numbers.Real):
        raise _erreur(TypeError, nom, attendu, decrire(valeur), aide)
    try:
        x = float(brut)
    except OverflowError:            # un entier Python immense (10**400) ne tient pas dans un float
        raise _erreur(ValueError, nom, "être un nombre fini" if fini else attendu, decrire(valeur), aide) from None
    if fini and not np.isfinite(x):
        raise _erreur(ValueError, nom, "être un nombre fini", decrire(valeur), aide)
    if float32 and np.isfinite(x) and abs(x) > _MAX_FLOAT32:
        raise _erreur(ValueError, nom, f"être un nombre représentable en float32 (|x| ≤ {_MAX_FLOAT32:.3g})",
                      decrire(valeur), aide)
    if not np.isnan(x) and not _dans_les_bornes(x, min, max, min_exclu, max_exclu):
        raise _erreur(ValueError, nom, attendu, decrire(valeur), aide)
    return x


def intervalle(nom_a: str, a, nom_b: str, b) -> tuple[float, float]:
    """Deux bornes finies avec ``a < b`` ; renvoie ``(float(a), float(b))``.

    >>> intervalle("a", -2, "b", 3)
    (-2.0, 3.0)
    >>> intervalle("xmin", 1, "xmax", 1)
    Traceback (most recent call last):
        ...
    ValueError: xmin et xmax doivent vérifier xmin < xmax, reçu xmin=1 (int) et xmax=1 (int)
    """
    x_a, x_b = reel(nom_a, a), reel(nom_b, b)
    if not x_a < x_b:
        raise ValueError(f"{nom_a} et {nom_b} doivent vérifier {nom_a} < {nom_b}, "
                         f"reçu {nom_a}={decrire(a)} et {nom_b}={decrire(b)}")
    return x_a, x_b


def forme(nom: str, valeur, longueur: int, min=None, aide: str | None = None) -> tuple[int, ...]:
    """Un n-uplet (tuple ou liste) de ``longueur`` entiers, chacun ≥ ``min`` : une taille d'image…

    >>> forme("taille", [192, 256], 2, min=16)
    (192, 256)
    >>> forme("taille", (10, 256), 2, min=16, aide="(hauteur, largeur)")
    Traceback (most recent call last):
        ...
    ValueError: taille doit être un couple d'entiers ≥ 16, reçu (10, 256) (tuple) ; (hauteur, largeur)
    """
    noms = {2: "un couple", 3: "un triplet"}
    attendu = f"être {noms.get(longueur, f'un {longueur}-uplet')} d'entiers" + _bornes(min, None)
    if not isinstance(valeur, (tuple, list)):
        raise _erreur(TypeError, nom, attendu, decrire(valeur), aide)
    if len(valeur) != longueur:
        raise _erreur(ValueError, nom, attendu, decrire(valeur), aide)
    if any(_est_booleen(v) or not isinstance(_scalaire(v), numbers.Integral) for v in valeur):
        raise _erreur(TypeError, nom, attendu, decrire(valeur), aide)
    if min is not None and any(v < min for v in valeur):
        raise _erreur(ValueError, nom, attendu, decrire(valeur), aide)
    return tuple(int(v) for v in valeur)


# ---------------------------------------------------------------------------
# Booléens, choix, fonctions
# ---------------------------------------------------------------------------

def booleen(nom: str, valeur) -> bool:
    """``True`` ou ``False`` (aussi ``numpy.bool_``), pas un texte : ``"False"`` serait vrai.

    >>> booleen("nesterov", np.bool_(True))
    True
    >>> booleen("nesterov", "non")
    Traceback (most recent call last):
        ...
    TypeError: nesterov doit être True ou False, reçu 'non' (str)
    """
    if not isinstance(valeur, (bool, np.bool_)):
        raise _erreur(TypeError, nom, "être True ou False", decrire(valeur))
    return bool(valeur)


def choix(nom: str, valeur, possibles):
    """Une valeur parmi ``possibles``.

    >>> choix("partie", "test", ("train", "test"))
    'test'
    >>> choix("classe", "chats", ("cats", "dogs"))
    Traceback (most recent call last):
        ...
    ValueError: classe doit être 'cats' ou 'dogs', reçu 'chats' (str)
    """
    possibles = tuple(possibles)
    try:
        trouve = valeur in possibles
    except TypeError:        # valeur non hachable ou non comparable
        trouve = False
    if not trouve:
        textes = [repr(p) for p in possibles]
        attendu = textes[0] if len(textes) == 1 else ", ".join(textes[:-1]) + " ou " + textes[-1]
        raise _erreur(ValueError, nom, "être " + attendu, decrire(valeur))
    return valeur


def appelable(nom: str, valeur):
    """Une fonction (ou tout objet appelable), par exemple la fonction f à approcher.

    >>> appelable("f", np.sin) is np.sin
    True
    >>> appelable("f", "sin")
    Traceback (most recent call last):
        ...
    TypeError: f doit être une fonction, reçu 'sin' (str)
    """
    if not callable(valeur):
        raise _erreur(TypeError, nom, "être une fonction", decrire(valeur))
    return valeur


# ---------------------------------------------------------------------------
# Tableaux
# ---------------------------------------------------------------------------

def _texte_forme(forme_attendue) -> str:
    lettres = iter("NMPQRS")
    morceaux = [next(lettres) if d is None else str(d) for d in forme_attendue]
    return "(" + ", ".join(morceaux) + ("," if len(morceaux) == 1 else "") + ")"


def tableau(nom: str, valeur, *, ndim=None, forme=None, fini: bool = True, dtype=np.float64,
            vide: bool = True, aide: str | None = None) -> np.ndarray:
    """Un tableau de nombres (liste, tuple, tableau numpy, tenseur…) converti en ``dtype``.

    ``ndim`` : nombre de dimensions accepté (un entier ou un tuple d'entiers) ;
    ``forme`` : forme attendue, ``None`` pour une dimension libre, par ex.
    ``(None, 2)`` ; ``fini=True`` refuse NaN et ±∞ (et, en float32, les valeurs
    qui y débordent) ; ``vide=False`` refuse un tableau sans élément.

    >>> tableau("X", [[1, 2], [3, 4]], forme=(None, 2)).shape
    (2, 2)
    >>> tableau("X", [1, 2, 3], forme=(None, 2))
    Traceback (most recent call last):
        ...
    ValueError: X doit être un tableau de forme (N, 2), reçu un tableau de forme (3,) (float64)
    >>> tableau("coeffs", [1, "a"])
    Traceback (most recent call last):
        ...
    TypeError: coeffs doit être un tableau de nombres, reçu [1, 'a'] (list)
    >>> tableau("P0", [1.0, float("nan")])
    Traceback (most recent call last):
        ...
    ValueError: P0 doit être un tableau de nombres finis, reçu [1.0, nan] (list) ; valeur non finie en position (1,)
    """
    try:
        brut = np.asarray(valeur)
    except (TypeError, ValueError):          # listes de longueurs différentes…
        brut = None
    if brut is None or brut.dtype.kind not in "biuf":
        raise _erreur(TypeError, nom, "être un tableau de nombres", decrire(valeur),
                      aide or ("les lignes doivent avoir la même longueur" if brut is None else None))
    if fini:
        mauvais = ~np.isfinite(brut) if brut.dtype.kind == "f" else np.zeros(brut.shape, bool)
        if np.dtype(dtype) == np.float32 and brut.dtype.kind == "f":
            with np.errstate(invalid="ignore"):
                mauvais |= np.abs(brut) > _MAX_FLOAT32
        if mauvais.any():
            indice = np.unravel_index(int(np.argmax(mauvais)), brut.shape)
            position = tuple(int(i) for i in indice)
            fautive = brut[indice] if brut.ndim else brut[()]
            quoi = "valeur non finie" if not np.isfinite(fautive) else "valeur trop grande pour float32"
            attendu = "finis" if np.dtype(dtype) != np.float32 else "finis et représentables en float32"
            raise _erreur(ValueError, nom, f"être un tableau de nombres {attendu}", decrire(valeur),
                          f"{quoi} en position {position}" + (f" ; {aide}" if aide else ""))
    sortie = brut.astype(dtype, copy=False)
    if ndim is not None:
        acceptes = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if sortie.ndim not in acceptes:
            texte = " ou ".join(str(d) for d in acceptes)
            raise _erreur(ValueError, nom, f"être un tableau à {texte} dimension(s)", decrire(sortie), aide)
    if forme is not None:
        if sortie.ndim != len(forme) or any(d is not None and d != s for d, s in zip(forme, sortie.shape)):
            raise _erreur(ValueError, nom, f"être un tableau de forme {_texte_forme(forme)}", decrire(sortie), aide)
    if not vide and sortie.size == 0:
        raise _erreur(ValueError, nom, "être un tableau non vide", decrire(sortie), aide)
    return sortie


def meme_forme(nom_a: str, a, nom_b: str, b, axe=None):
    """``a`` et ``b`` ont la même forme (``axe=None``) ou la même longueur (``axe=0``).

    >>> meme_forme("X", np.zeros((3, 2)), "Y", np.zeros((2, 1)), axe=0)
    Traceback (most recent call last):
        ...
    ValueError: X et Y doivent avoir le même nombre d'exemples (dimension 0), reçu 3 et 2
    >>> meme_forme("y", [1, 2], "y_tilde", [1])
    Traceback (most recent call last):
        ...
    ValueError: y et y_tilde doivent avoir la même forme, reçu (2,) et (1,)
    """
    if axe is None:
        forme_a, forme_b = np.shape(a), np.shape(b)
        if forme_a != forme_b:
            raise ValueError(f"{nom_a} et {nom_b} doivent avoir la même forme, reçu {forme_a} et {forme_b}")
    elif axe == 0:
        if len(a) != len(b):
            raise ValueError(f"{nom_a} et {nom_b} doivent avoir le même nombre d'exemples (dimension 0), "
                             f"reçu {len(a)} et {len(b)}")
    else:
        raise ValueError(f"axe doit être None ou 0, reçu {decrire(axe)}")


# ---------------------------------------------------------------------------
# Modèles Keras
# ---------------------------------------------------------------------------

def modele_keras(nom: str, valeur, entrees: int | None = None):
    """Un modèle Keras ; avec ``entrees=n``, un réseau à une entrée vectorielle de dimension n.

    >>> import keras
    >>> m = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(2)])
    >>> modele_keras("modele", m) is m
    True
    >>> modele_keras("modele", m, entrees=2)
    Traceback (most recent call last):
        ...
    ValueError: modele doit être un réseau à 2 entrée(s), Input(shape=(2,)), reçu un réseau à 1 entrée(s)
    >>> modele_keras("modele", [m])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    TypeError: modele doit être un modèle Keras (Sequential, Model…), reçu [<Sequential name=...
    """
    import keras

    if not isinstance(valeur, keras.Model):
        raise _erreur(TypeError, nom, "être un modèle Keras (Sequential, Model…)", decrire(valeur))
    if entrees is not None:
        n = nombre_entrees(nom, valeur)
        if n != entrees:
            raise _erreur(ValueError, nom, f"être un réseau à {entrees} entrée(s), Input(shape=({entrees},))",
                          f"un réseau à {n} entrée(s)")
    return valeur


def nombre_entrees(nom: str, modele) -> int:
    """Le ``n`` de ``Input(shape=(n,))`` d'un réseau à une seule entrée vectorielle.

    >>> import keras
    >>> nombre_entrees("modele", keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)]))
    3
    """
    modele_keras(nom, modele)
    try:
        entrees = modele.inputs
    except (AttributeError, ValueError):
        entrees = None
    if not entrees:
        raise _erreur(ValueError, nom, "être un réseau dont la dimension d'entrée est fixée",
                      f"un modèle {type(modele).__name__} sans entrée",
                      "commencez-le par Input(shape=(n,))")
    formes = [tuple(e.shape) for e in entrees]
    if len(entrees) != 1 or len(formes[0]) != 2:
        raise _erreur(ValueError, nom, "être un réseau à une seule entrée vectorielle, de forme (None, n)",
                      f"un modèle aux entrées de formes {formes}")
    return int(formes[0][-1])


def couche_dense(modele, couche, aide: str | None = None):
    """``modele.layers[couche]`` si c'est une couche ``Dense`` avec biais et déjà construite.

    Numérotation du livre : la couche ``Input`` n'est pas comptée.

    >>> import keras
    >>> m = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(2), keras.layers.Dropout(0.5)])
    >>> couche_dense(m, 0).units
    2
    >>> couche_dense(m, 2)
    Traceback (most recent call last):
        ...
    ValueError: couche doit être un entier entre 0 et 1, reçu 2 (int) ; le modèle a 2 couches (la couche Input n'est pas comptée)
    >>> couche_dense(m, 1)
    Traceback (most recent call last):
        ...
    ValueError: couche doit désigner une couche Dense, reçu 1 (int), une couche Dropout ; seules les couches Dense ont des poids « coefficients + biais » par neurone
    """
    import keras

    modele_keras("modele", modele)
    numero = entier("couche", couche)
    couches = modele.layers
    if not couches:
        raise _erreur(ValueError, "modele", "être un modèle avec au moins une couche", "un modèle sans couche",
                      aide or "ajoutez-en avec modele.add(Dense(...))")
    entier("couche", couche, min=0, max=len(couches) - 1,
           aide=aide or f"le modèle a {len(couches)} couche{'s' if len(couches) > 1 else ''} "
                        "(la couche Input n'est pas comptée)")
    layer = couches[numero]
    recu = f"{decrire(couche)}, une couche {type(layer).__name__}"
    if not isinstance(layer, keras.layers.Dense):
        raise _erreur(ValueError, "couche", "désigner une couche Dense", recu,
                      aide or "seules les couches Dense ont des poids « coefficients + biais » par neurone")
    if not layer.built:
        raise _erreur(ValueError, "couche", "désigner une couche qui a déjà ses poids", recu + " encore sans poids",
                      aide or "commencez le modèle par Input(shape=(n,)) pour fixer la dimension d'entrée")
    if not layer.use_bias:
        raise _erreur(ValueError, "couche", "désigner une couche Dense avec biais", recu + " sans biais (use_bias=False)",
                      aide)
    return layer


def _nom_perte(perte) -> str:
    if isinstance(perte, str):
        return perte
    return str(getattr(perte, "name", None) or getattr(perte, "__name__", None) or type(perte).__name__)


def donnees_du_modele(modele, X, Y, perte=None) -> None:
    """``X`` et ``Y`` (déjà des tableaux, un exemple par ligne) conviennent aux formes du modèle.

    ``X.shape[1:]`` doit être la forme d'entrée du modèle, ``Y.shape[1:]`` sa
    forme de sortie : sans ce contrôle, une cible ``(N, 2)`` face à une sortie
    ``(N, 1)`` serait « diffusée » (broadcast) en silence et l'on dériverait ou
    minimiserait une autre erreur que celle voulue. Pour une perte « sparse »
    (``sparse_categorical_crossentropy``…), ``Y`` contient un numéro de classe
    par exemple : formes ``(N,)`` ou ``(N, 1)``. La forme de sortie est lue sur
    le modèle (``modele.outputs``) ou, à défaut, par un appel en inférence sur
    un exemple (qui ne change rien au modèle).

    >>> import keras
    >>> m = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    >>> donnees_du_modele(m, np.zeros((5, 2)), np.zeros((5, 1)))
    >>> donnees_du_modele(m, np.zeros((5, 2)), np.zeros((5, 2)))
    Traceback (most recent call last):
        ...
    ValueError: Y doit être un tableau de forme (N, 1), la forme de sortie du modèle, reçu un tableau de forme (5, 2) (float64)
    >>> donnees_du_modele(m, np.zeros((5, 3)), np.zeros((5, 1)))
    Traceback (most recent call last):
        ...
    ValueError: X doit être un tableau de forme (N, 2), la forme d'entrée du modèle, reçu un tableau de forme (5, 3) (float64)
    """
    try:
        entrees = modele.inputs
    except (AttributeError, ValueError):
        entrees = None
    if entrees and len(entrees) == 1:
        attendue = tuple(entrees[0].shape)[1:]
        if len(attendue) != X.ndim - 1 or any(d is not None and d != s for d, s in zip(attendue, X.shape[1:])):
            raise _erreur(ValueError, "X", f"être un tableau de forme {_texte_forme((None, *attendue))}, "
                          "la forme d'entrée du modèle", decrire(X))
    try:
        sorties = modele.outputs
    except (AttributeError, ValueError):
        sorties = None
    if sorties:
        if len(sorties) != 1:
            return                   # plusieurs sorties : Keras associe lui-même cibles et sorties
        sortie = tuple(sorties[0].shape)[1:]
    else:
        sortie = tuple(np.shape(modele(X[:1], training=False)))[1:]
    if perte is None:
        perte = getattr(modele, "loss", None)
    if perte is not None and "sparse" in _nom_perte(perte).lower():
        if Y.ndim == 1 or (Y.ndim == 2 and Y.shape[1] == 1):
            return
        raise _erreur(ValueError, "Y", "être un tableau de forme (N,) ou (N, 1), un numéro de classe par exemple "
                      f"(perte {_nom_perte(perte)})", decrire(Y))
    if len(sortie) != Y.ndim - 1 or any(d is not None and d != s for d, s in zip(sortie, Y.shape[1:])):
        raise _erreur(ValueError, "Y", f"être un tableau de forme {_texte_forme((None, *sortie))}, "
                      "la forme de sortie du modèle", decrire(Y))
