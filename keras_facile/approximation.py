"""Approximation universelle : des réseaux construits à la main qui approchent f.

- :func:`calcul_approximation` : la construction du livre (chapitres 5 et 6),
  des marches de Heaviside de hauteur f(x_i), juste sur tout intervalle [a, b]
  (l'original divise par x_i et échoue si a ≤ 0) et sans valeur doublée aux
  jonctions des marches ;
- au-delà du livre, des constructeurs qui renvoient des modèles Keras prêts :
  marches (erreur en 1/n), affine par morceaux avec des ReLU (erreur en 1/n²),
  version lisse avec des sigmoïdes, indicatrice d'un rectangle et approximation
  d'une fonction de deux variables ;
- :func:`erreur_max` / :func:`erreur_max_deux_var` : l'erreur uniforme mesurée
  sur une grille fine.

La marche « à droite stricte » : avec H(0) = 1, le neurone H(x − x_i) vaut 1
pour x ≥ x_i ; pour finir une marche juste *avant* x_{i+1} on utilise la
différence de deux marches montantes, H(x − x_i) − H(x − x_{i+1}), qui vaut 1 sur
[x_i, x_{i+1}[ : les marches voisines ne se chevauchent plus. La dernière marche
se ferme par le neurone « descendant » H(−x + b), égal à 1 jusqu'à b inclus.
"""
from __future__ import annotations

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif

import keras

from .activations import heaviside
from .evaluation import evaluer_lot

__all__ = [
    "calcul_approximation",
    "approximation_marches",
    "approximation_affine_par_morceaux",
    "approximation_sigmoides",
    "indicatrice_rectangle",
    "approximation_deux_var",
    "erreur_max",
    "erreur_max_deux_var",
]


def _n(n) -> int:
    return verif.entier("n", n, min=1)


def _num(num) -> int:
    return verif.entier("num", num, min=2, aide="num est le nombre de points de la grille")


def _nombre(f, p, nom):
    """f(p) (ou f(*p) pour un point à plusieurs coordonnées) converti en float, ou une erreur en français."""
    valeur = f(*p) if np.ndim(p) else f(p)
    try:
        return verif.reel(f"{nom}({p})", valeur, fini=False)
    except (TypeError, ValueError) as erreur:     # pas un nombre, ou un entier trop grand pour un float
        raise type(erreur)(f"{nom} doit renvoyer un nombre réel en chaque point, reçu {nom}({p}) = "
                           f"{verif.decrire(valeur)}") from None


def _valeurs(f, points, nom="f", borne=None, deux_var=False):
    """Les valeurs de ``f`` aux ``points``, finies ; avec ``borne``, de valeur absolue ≤ ``borne``
    (les poids Keras sont en float32 : au-delà, le réseau calculerait ∞ ou NaN).

    ``deux_var`` : ``points`` est un tableau (N, 2) et ``f(x, y)`` reçoit d'abord les deux colonnes,
    puis, si elle n'accepte pas de tableaux (``math.sin`` …), chaque point ``f(x_k, y_k)``."""
    verif.appelable(nom, f)
    # les valeurs non finies sont signalées ci-dessous : pas d'avertissement numpy en plus
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        try:
            valeurs = np.asarray(f(points[:, 0], points[:, 1]) if deux_var else f(points), dtype=np.float64)
            if valeurs.shape != points.shape[:1] and valeurs.shape != np.shape(points):
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            valeurs = np.array([_nombre(f, p, nom) for p in points], dtype=np.float64)
    valeurs = valeurs.reshape(len(points))
    mauvais = ~np.isfinite(valeurs)
    if mauvais.any():
        p = points[np.argmax(mauvais)]
        raise ValueError(f"{nom} doit renvoyer des nombres finis sur l'intervalle, reçu {nom}({p}) = "
                         f"{valeurs[mauvais][0]} ; choisissez un intervalle où {nom} est définie")
    if borne is not None:
        trop = np.abs(valeurs) > borne
        if trop.any():
            p = points[np.argmax(trop)]
            raise ValueError(f"{nom} doit renvoyer des valeurs de taille ≤ {borne:.3g} pour que le réseau "
                             f"calcule en float32 sans débordement, reçu {nom}({p}) = {valeurs[trop][0]:.3g}")
    return valeurs


def _poids_marches(f, a, b, n):
    """Poids de la couche cachée (1 → n+1 neurones H) et de la sortie linéaire.

    Neurone i < n : H(x − x_i) (coefficient 1, biais −x_i), neurone n : H(−x + b).
    Sortie : f(x_0) H(x − x_0) + Σ_{i≥1} (f(x_i) − f(x_{i−1})) H(x − x_i), puis
    −f(x_{n−1}) (1 − H(−x + b)) pour revenir à 0 après b.
    """
    x = a + (b - a) * np.arange(n) / n
    # la sortie additionne n + 1 termes, chacun ≤ 2 max|f| : tout reste fini en float32
    y = _valeurs(f, x, borne=verif._MAX_FLOAT32 / (2 * (n + 2)))
    coeff = np.concatenate([np.ones(n), [-1.0]])[None, :]
    biais = np.concatenate([-x, [b]])
    sortie = np.concatenate([[y[0]], np.diff(y), [y[-1]]])[:, None]
    return coeff, biais, sortie, np.array([-y[-1]])


def calcul_approximation(modele, f, a, b, n):
    """Fixe les poids de ``modele`` pour qu'il approche ``f`` sur [a, b] par n marches.

    ``modele`` : ``Input(shape=(1,))``, ``Dense(2*n, activation=heaviside)``,
    ``Dense(1, activation='linear')`` comme dans le livre. F vaut f(x_i) sur
    [x_i, x_{i+1}[ (x_i = a + i (b − a)/n), f(x_{n−1}) en b, 0 hors de [a, b].
    La construction n'utilise que n + 1 des 2n neurones ; les autres reçoivent
    des poids nuls dans la sortie. En cas d'erreur, les poids ne changent pas.

    >>> from keras_facile import *
    >>> modele = Sequential([Input(shape=(1,)), Dense(2 * 4, activation=heaviside), Dense(1, activation="linear")])
    >>> modele = calcul_approximation(modele, np.sqrt, 0, 4, 4)    # 4 marches : √0, √1, √2, √3
    >>> [round(evaluation(modele, x), 4) for x in (0.5, 1.5, 3.9, 4.5)]
    [0.0, 1.0, 1.7321, 0.0]
    """
    n = _n(n)
    a, b = verif.intervalle("a", a, "b", b)
    a, b = verif.reel("a", a, float32=True), verif.reel("b", b, float32=True)   # ils deviennent des biais
    verif.modele_keras("modele", modele)
    # modèle fonctionnel : la couche d'entrée est dans .layers
    couches = [c for c in modele.layers if not isinstance(c, keras.layers.InputLayer)]
    attendu = f"Dense({2 * n}, activation=heaviside) puis Dense(1, activation='linear')"
    if (len(couches) != 2 or not all(isinstance(c, keras.layers.Dense) for c in couches)
            or couches[0].units != 2 * n or couches[0].activation is not heaviside
            or couches[1].units != 1 or couches[1].activation is not keras.activations.linear):
        recu = " puis ".join(_decrire_couche(c) for c in couches) or "un modèle sans couche"
        raise ValueError(f"modele doit être le réseau du livre {attendu} (pour n={n}), reçu {recu}")
    cachee, sortie = couches
    if cachee.built:
        verif.modele_keras("modele", modele, entrees=1)
    coeff, biais, poids_sortie, biais_sortie = _poids_marches(f, a, b, n)
    m = coeff.shape[1]
    c0 = np.zeros((1, 2 * n))
    b0 = np.full(2 * n, -1.0)       # neurones inutilisés : H(−1) = 0 partout
    c0[:, :m], b0[:m] = coeff, biais
    c1 = np.zeros((2 * n, 1))
    c1[:m] = poids_sortie
    if not cachee.built:        # Sequential sans Input : on le construit pour une entrée
        modele.build((None, 1))
    cachee.set_weights([c0, b0])
    sortie.set_weights([c1, biais_sortie])
    return modele


def _decrire_couche(couche) -> str:
    if isinstance(couche, keras.layers.Dense):
        return f"Dense({couche.units}, activation={couche.activation.__name__})"
    return type(couche).__name__


def _sequentiel(n_entrees, couches):
    modele = keras.Sequential([keras.Input(shape=(n_entrees,))])
    for (coeff, biais, activation) in couches:
        couche = keras.layers.Dense(coeff.shape[1], activation=activation)
        modele.add(couche)
        couche.set_weights([np.asarray(coeff, np.float32), np.asarray(biais, np.float32)])
    return modele


def approximation_marches(f, a, b, n):
    """Modèle 1 → n+1 (Heaviside) → 1 : la fonction en escalier des n marches (erreur en 1/n)."""
    n = _n(n)
    a, b = verif.intervalle("a", a, "b", b)
    coeff, biais, sortie, biais_sortie = _poids_marches(f, a, b, n)
    return _sequentiel(1, [(coeff, biais, heaviside), (sortie, biais_sortie, "linear")])


def approximation_affine_par_morceaux(f, a, b, n):
    """Modèle 1 → n+1 (ReLU) → 1 qui interpole f aux n+1 points x_i (erreur en 1/n²).

    F(x) = f(a) + p_0 ReLU(x − x_0) + Σ (p_i − p_{i−1}) ReLU(x − x_i), où p_i est la
    pente sur [x_i, x_{i+1}] ; un dernier neurone annule la pente après b.

    >>> import numpy as np
    >>> F = approximation_affine_par_morceaux(np.sin, 0, np.pi, 20)
    >>> erreur_max(F, np.sin, 0, np.pi) < (np.pi / 20) ** 2 / 8 + 1e-5    # borne h² max|f''| / 8
    True
    """
    n = _n(n)
    a, b = verif.intervalle("a", a, "b", b)
    x = np.linspace(a, b, n + 1)
    y = _valeurs(f, x)
    pentes = np.diff(y) / np.diff(x)
    changements = np.concatenate([[pentes[0]], np.diff(pentes), [-pentes[-1]]])
    coeff = np.ones((1, n + 1))
    biais = -x
    return _sequentiel(1, [(coeff, biais, "relu"), (changements[:, None], np.array([y[0]]), "linear")])


def approximation_sigmoides(f, a, b, n, raideur=None):
    """Version lisse des marches : σ(k (x − m_i)) centrées entre les points ; ``raideur`` k
    (par défaut 10 n / (b − a)). L'erreur tend vers celle des marches quand k grandit."""
    n = _n(n)
    a, b = verif.intervalle("a", a, "b", b)
    h = (b - a) / n
    k = 10.0 / h if raideur is None else verif.reel("raideur", raideur, min=0, min_exclu=True)
    x = np.linspace(a, b, n + 1)
    y = _valeurs(f, x)
    # F(x) = y_0 + Σ_{i≥1} (y_i − y_{i−1}) σ(k (x − m_i)), m_i = x_i − h/2 : un saut lissé
    # entre deux points de la grille.
    coeff = np.full((1, n), k)
    biais = -k * (x[1:] - h / 2)
    sauts = np.diff(y)[:, None]
    return _sequentiel(1, [(coeff, biais, "sigmoid"), (sauts, np.array([y[0]]), "linear")])


def indicatrice_rectangle(xmin, xmax, ymin, ymax):
    """Réseau 2 → 4 (H) → 1 (H) qui vaut 1 sur [xmin, xmax] × [ymin, ymax] (bord compris), 0 ailleurs.

    Comme au chapitre 5 : H(x − xmin), H(−x + xmax), H(y − ymin), H(−y + ymax) puis un ET (biais −4).
    """
    xmin, xmax = verif.intervalle("xmin", xmin, "xmax", xmax)
    ymin, ymax = verif.intervalle("ymin", ymin, "ymax", ymax)
    coeff = np.array([[1.0, -1.0, 0.0, 0.0], [0.0, 0.0, 1.0, -1.0]])
    biais = np.array([-xmin, xmax, -ymin, ymax])
    return _sequentiel(2, [(coeff, biais, heaviside), (np.ones((4, 1)), np.array([-4.0]), heaviside)])


def approximation_deux_var(f, xmin, xmax, ymin, ymax, n):
    """Approximation de f(x, y) sur un rectangle par n × n blocs : F = f(centre) sur chaque cellule.

    Réseau 2 → 2(n+1) (H) → n² (H, un ET par cellule) → 1 (linéaire). Les
    cellules sont semi-ouvertes [x_i, x_{i+1}[ × [y_j, y_{j+1}[ (fermées sur le bord
    droit et haut du rectangle) : chaque point du rectangle est dans une seule cellule.
    """
    verif.appelable("f", f)
    n = _n(n)
    xmin, xmax = verif.intervalle("xmin", xmin, "xmax", xmax)
    ymin, ymax = verif.intervalle("ymin", ymin, "ymax", ymax)
    xs = np.linspace(xmin, xmax, n + 1)
    ys = np.linspace(ymin, ymax, n + 1)
    cx, cy = (xs[:-1] + xs[1:]) / 2, (ys[:-1] + ys[1:]) / 2
    CX, CY = np.meshgrid(cx, cy, indexing="ij")
    valeurs = _valeurs(f, np.c_[CX.ravel(), CY.ravel()], "f", deux_var=True)
    # couche 1 : montées H(x − x_i), i = 0..n−1, et descente H(−x + xmax) ; idem en y
    c1 = np.zeros((2, 2 * (n + 1)))
    b1 = np.zeros(2 * (n + 1))
    c1[0, :n], b1[:n] = 1.0, -xs[:-1]
    c1[0, n], b1[n] = -1.0, xmax
    c1[1, n + 1:2 * n + 1], b1[n + 1:2 * n + 1] = 1.0, -ys[:-1]
    c1[1, 2 * n + 1], b1[2 * n + 1] = -1.0, ymax
    # couche 2 : cellule (i, j) = ET de [x ≥ x_i], [x < x_{i+1}] (ou ≤ xmax), [y ≥ y_j], [y < y_{j+1}]
    # [x < x_{i+1}] = 1 − H(x − x_{i+1}) : coefficient −1 et +1 dans le biais.
    c2 = np.zeros((2 * (n + 1), n * n))
    b2 = np.zeros(n * n)
    for i in range(n):
        for j in range(n):
            k = i * n + j
            constante = 0.0
            c2[i, k] += 1.0
            if i + 1 < n:
                c2[i + 1, k] -= 1.0
                constante += 1.0
            else:
                c2[n, k] += 1.0
            c2[n + 1 + j, k] += 1.0
            if j + 1 < n:
                c2[n + 1 + j + 1, k] -= 1.0
                constante += 1.0
            else:
                c2[2 * n + 1, k] += 1.0
            b2[k] = constante - 4.0
    return _sequentiel(2, [(c1, b1, heaviside), (c2, b2, heaviside),
                           (valeurs[:, None], np.zeros(1), "linear")])


def erreur_max(modele, f, a, b, num=2001) -> float:
    """max |f(x) − F(x)| sur ``num`` points régulièrement espacés de [a, b]."""
    a, b = verif.intervalle("a", a, "b", b)
    num = _num(num)
    x = np.linspace(a, b, num)
    return float(np.max(np.abs(evaluer_lot(modele, x[:, None])[:, 0] - _valeurs(f, x))))


def erreur_max_deux_var(modele, f, xmin, xmax, ymin, ymax, num=201) -> float:
    """max |f − F| sur une grille ``num × num`` du rectangle."""
    verif.appelable("f", f)
    xmin, xmax = verif.intervalle("xmin", xmin, "xmax", xmax)
    ymin, ymax = verif.intervalle("ymin", ymin, "ymax", ymax)
    num = _num(num)
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    points = np.c_[X.ravel(), Y.ravel()]
    valeurs = _valeurs(f, points, "f", deux_var=True)
    return float(np.max(np.abs(evaluer_lot(modele, points)[:, 0] - valeurs)))
