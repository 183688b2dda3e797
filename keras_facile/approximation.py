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

import numbers

import numpy as np

from . import _config  # noqa: F401

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


def _verifier_n(n) -> int:
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral):
        raise TypeError(f"n doit être un entier (nombre de marches), reçu {n!r}")
    if n <= 0:
        raise ValueError(f"n doit être un entier > 0 (nombre de marches), reçu n={n}")
    return int(n)


def _verifier_num(num) -> int:
    if isinstance(num, (bool, np.bool_)) or not isinstance(num, numbers.Integral) or num < 2:
        raise ValueError(f"num doit être un entier ≥ 2 (nombre de points de la grille), reçu num={num!r}")
    return int(num)


def _verifier_intervalle(a, b, noms=("a", "b")):
    for v, nom in zip((a, b), noms):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Real, np.number)) or not np.isfinite(v):
            raise ValueError(f"{nom} doit être un nombre fini, reçu {v!r}")
    if not a < b:
        raise ValueError(f"il faut {noms[0]} < {noms[1]}, reçu {noms[0]}={a} et {noms[1]}={b}")
    return float(a), float(b)


def _valeurs(f, points, nom="f"):
    if not callable(f):
        raise TypeError(f"{nom} doit être une fonction, reçu {type(f).__name__}")
    try:
        valeurs = np.asarray(f(points), dtype=np.float64)
        if valeurs.shape != points.shape[:1] and valeurs.shape != np.shape(points):
            raise ValueError
    except (TypeError, ValueError):
        valeurs = np.array([float(f(*p)) if np.ndim(p) else float(f(p)) for p in points], dtype=np.float64)
    valeurs = valeurs.reshape(len(points))
    mauvais = ~np.isfinite(valeurs)
    if mauvais.any():
        p = points[np.argmax(mauvais)]
        raise ValueError(f"{nom} ne renvoie pas un nombre fini en {p} (valeur {valeurs[mauvais][0]}) : "
                         "choisissez un intervalle où f est définie")
    return valeurs


def _poids_marches(f, a, b, n):
    """Poids de la couche cachée (1 → n+1 neurones H) et de la sortie linéaire.

    Neurone i < n : H(x − x_i) (coefficient 1, biais −x_i), neurone n : H(−x + b).
    Sortie : f(x_0) H(x − x_0) + Σ_{i≥1} (f(x_i) − f(x_{i−1})) H(x − x_i), puis
    −f(x_{n−1}) (1 − H(−x + b)) pour revenir à 0 après b.
    """
    x = a + (b - a) * np.arange(n) / n
    y = _valeurs(f, x)
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
    """
    n = _verifier_n(n)
    a, b = _verifier_intervalle(a, b)
    couches = getattr(modele, "layers", None)
    if couches is not None:     # modèle fonctionnel : la couche d'entrée est dans .layers
        couches = [c for c in couches if not isinstance(c, keras.layers.InputLayer)]
    if not isinstance(modele, keras.Model) or couches is None or len(couches) != 2:
        raise ValueError("calcul_approximation : le modèle doit avoir deux couches Dense, "
                         "Dense(2*n, activation=heaviside) puis Dense(1, activation='linear')")
    cachee, sortie = couches
    if not isinstance(cachee, keras.layers.Dense) or not isinstance(sortie, keras.layers.Dense):
        raise ValueError("calcul_approximation : les deux couches doivent être des couches Dense")
    if cachee.units != 2 * n or cachee.activation is not heaviside:
        raise ValueError(f"calcul_approximation : la couche 0 doit être Dense({2 * n}, activation=heaviside) "
                         f"pour n={n}, reçu Dense({cachee.units}, activation={cachee.activation.__name__})")
    if sortie.units != 1 or sortie.activation is not keras.activations.linear:
        raise ValueError("calcul_approximation : la couche 1 doit être Dense(1, activation='linear')")
    if cachee.built and cachee.kernel.shape[0] != 1:
        raise ValueError("calcul_approximation : le réseau doit avoir une seule entrée, Input(shape=(1,)), "
                         f"reçu {cachee.kernel.shape[0]} entrées")
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


def _sequentiel(n_entrees, couches):
    modele = keras.Sequential([keras.Input(shape=(n_entrees,))])
    for (coeff, biais, activation) in couches:
        couche = keras.layers.Dense(coeff.shape[1], activation=activation)
        modele.add(couche)
        couche.set_weights([np.asarray(coeff, np.float32), np.asarray(biais, np.float32)])
    return modele


def approximation_marches(f, a, b, n):
    """Modèle 1 → n+1 (Heaviside) → 1 : la fonction en escalier des n marches (erreur en 1/n)."""
    n = _verifier_n(n)
    a, b = _verifier_intervalle(a, b)
    coeff, biais, sortie, biais_sortie = _poids_marches(f, a, b, n)
    return _sequentiel(1, [(coeff, biais, heaviside), (sortie, biais_sortie, "linear")])


def approximation_affine_par_morceaux(f, a, b, n):
    """Modèle 1 → n+1 (ReLU) → 1 qui interpole f aux n+1 points x_i (erreur en 1/n²).

    F(x) = f(a) + p_0 ReLU(x − x_0) + Σ (p_i − p_{i−1}) ReLU(x − x_i), où p_i est la
    pente sur [x_i, x_{i+1}] ; un dernier neurone annule la pente après b.
    """
    n = _verifier_n(n)
    a, b = _verifier_intervalle(a, b)
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
    n = _verifier_n(n)
    a, b = _verifier_intervalle(a, b)
    h = (b - a) / n
    if raideur is not None and (isinstance(raideur, (bool, np.bool_))
                                or not isinstance(raideur, (numbers.Real, np.number))):
        raise TypeError(f"raideur doit être un nombre > 0, reçu {raideur!r}")
    k = 10.0 / h if raideur is None else float(raideur)
    if not np.isfinite(k) or k <= 0:
        raise ValueError(f"raideur doit être un nombre > 0, reçu {raideur!r}")
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
    xmin, xmax = _verifier_intervalle(xmin, xmax, ("xmin", "xmax"))
    ymin, ymax = _verifier_intervalle(ymin, ymax, ("ymin", "ymax"))
    coeff = np.array([[1.0, -1.0, 0.0, 0.0], [0.0, 0.0, 1.0, -1.0]])
    biais = np.array([-xmin, xmax, -ymin, ymax])
    return _sequentiel(2, [(coeff, biais, heaviside), (np.ones((4, 1)), np.array([-4.0]), heaviside)])


def approximation_deux_var(f, xmin, xmax, ymin, ymax, n):
    """Approximation de f(x, y) sur un rectangle par n × n blocs : F = f(centre) sur chaque cellule.

    Réseau 2 → 2(n+1) (H) → n² (H, un ET par cellule) → 1 (linéaire). Les
    cellules sont semi-ouvertes [x_i, x_{i+1}[ × [y_j, y_{j+1}[ (fermées sur le bord
    droit et haut du rectangle) : chaque point du rectangle est dans une seule cellule.
    """
    n = _verifier_n(n)
    xmin, xmax = _verifier_intervalle(xmin, xmax, ("xmin", "xmax"))
    ymin, ymax = _verifier_intervalle(ymin, ymax, ("ymin", "ymax"))
    xs = np.linspace(xmin, xmax, n + 1)
    ys = np.linspace(ymin, ymax, n + 1)
    cx, cy = (xs[:-1] + xs[1:]) / 2, (ys[:-1] + ys[1:]) / 2
    CX, CY = np.meshgrid(cx, cy, indexing="ij")
    valeurs = _valeurs(lambda p: f(p[:, 0], p[:, 1]), np.c_[CX.ravel(), CY.ravel()], "f")
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
    a, b = _verifier_intervalle(a, b)
    num = _verifier_num(num)
    x = np.linspace(a, b, num)
    return float(np.max(np.abs(evaluer_lot(modele, x[:, None])[:, 0] - _valeurs(f, x))))


def erreur_max_deux_var(modele, f, xmin, xmax, ymin, ymax, num=201) -> float:
    """max |f − F| sur une grille ``num × num`` du rectangle."""
    xmin, xmax = _verifier_intervalle(xmin, xmax, ("xmin", "xmax"))
    ymin, ymax = _verifier_intervalle(ymin, ymax, ("ymin", "ymax"))
    num = _verifier_num(num)
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    points = np.c_[X.ravel(), Y.ravel()]
    valeurs = _valeurs(lambda p: f(p[:, 0], p[:, 1]), points, "f")
    return float(np.max(np.abs(evaluer_lot(modele, points)[:, 0] - valeurs)))
