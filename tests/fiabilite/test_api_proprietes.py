"""Tests de propriétés (Hypothesis) sur l'API du livre (issue 12).

Pour n'importe quelle entrée (nombres dont NaN, ±∞, immenses ; booléens,
textes, None ; listes de mauvaises longueurs ; mauvais numéros de couche ou de
neurone), chaque fonction soit marche, soit lève une ``ValueError`` /
``TypeError`` en français dont le message commence par le nom de l'argument et
contient « reçu » ; en cas d'erreur, les poids du modèle sont inchangés.
Chaque test construit son modèle une seule fois.
"""
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import keras
from keras_facile import Dense, Input, Sequential, calcul_approximation, definir_poids, evaluation, \
    get_weights_grad, heaviside

REGLAGES = settings(max_examples=80, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
MAX32 = float(np.finfo(np.float32).max)

# n'importe quel « nombre » et quelques intrus
NOMBRES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-4e38, max_value=4e38),
    st.integers(min_value=-10, max_value=10),
    st.integers(min_value=-(10 ** 400), max_value=10 ** 400),
    st.sampled_from([1e300, -1e300, 3.4e38, 3.5e38, float("nan"), float("inf"), np.float32(2.5), np.int64(3),
                     np.float64(np.nan)]),
)
INTRUS = st.one_of(st.booleans(), st.none(), st.text(max_size=3), st.just([[1.0, 2.0]]), st.just({"a": 1}),
                   st.just(1 + 2j), st.just(np.bool_(True)))
VALEUR = st.one_of(NOMBRES, INTRUS)
LISTE = st.lists(st.one_of(NOMBRES, NOMBRES, INTRUS), min_size=0, max_size=4)
COEFF = st.one_of(VALEUR, LISTE, LISTE.map(tuple),
                  hnp.arrays(np.float64, st.integers(0, 4), elements=st.floats(allow_nan=True, allow_infinity=True)))
INDICE = st.one_of(st.integers(min_value=-3, max_value=5), st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
                   INTRUS, st.floats(allow_nan=True, allow_infinity=True))


def souvent(valide, autre):
    """``valide`` trois fois sur quatre : les arguments suivants sont eux aussi mis à l'épreuve."""
    return st.integers(0, 3).flatmap(lambda k: autre if k == 0 else valide)


PETITS = st.floats(min_value=-100, max_value=100)


def _poids(modele):
    return [np.array(w, copy=True) for w in modele.get_weights()]


def _inchanges(avant, modele):
    apres = modele.get_weights()
    return len(avant) == len(apres) and all(np.array_equal(a, b, equal_nan=True) for a, b in zip(avant, apres))


def _message_francais(erreur, noms):
    """Le message commence par le nom d'un argument (éventuellement indicé) et contient « reçu »."""
    message = str(erreur)
    event(f"refus : {message.split(' ')[0]}")
    motif = r"^(" + "|".join(re.escape(n) for n in noms) + r")(\[\d+\])?( doit | et \w+ doivent )"
    assert re.match(motif, message), f"message inattendu : {message!r}"
    assert "reçu" in message, f"message sans « reçu » : {message!r}"


_MODELES = {}


def _reseau_du_livre():
    """Input(1) → Dense(2, relu) → Dropout → Dense(1, relu) : la couche 1 n'est pas une Dense."""
    if "livre" not in _MODELES:
        m = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), keras.layers.Dropout(0.5),
                        Dense(1, activation="relu")])
        definir_poids(m, 0, 0, 1, -1)
        definir_poids(m, 0, 1, -0.5, 1)
        definir_poids(m, 2, 0, [1, 1], 0)
        _MODELES["livre"] = m
    return _MODELES["livre"]


def _reseau_deux_entrees():
    if "deux" not in _MODELES:
        keras.utils.set_random_seed(0)
        m = Sequential([Input(shape=(2,)), Dense(3, activation="tanh"), Dense(1)])
        m.compile(optimizer="sgd", loss="mse")
        _MODELES["deux"] = m
    return _MODELES["deux"]


def _reseau_marches(n=3):
    cle = f"marches{n}"
    if cle not in _MODELES:
        _MODELES[cle] = Sequential([Input(shape=(1,)), Dense(2 * n, activation=heaviside),
                                    Dense(1, activation="linear")])
    return _MODELES[cle]


# ---------------------------------------------------------------------------

@REGLAGES
@given(couche=souvent(st.sampled_from([0, 2]), INDICE), rang=souvent(st.sampled_from([0, 1]), INDICE),
       coeff=souvent(st.one_of(PETITS, st.lists(PETITS, min_size=1, max_size=2)), COEFF),
       biais=souvent(PETITS, VALEUR))
def test_definir_poids_marche_ou_refuse_en_francais(couche, rang, coeff, biais):
    m = _reseau_du_livre()
    avant = _poids(m)
    try:
        definir_poids(m, couche, rang, coeff, biais)
    except (ValueError, TypeError) as erreur:
        _message_francais(erreur, ["couche", "rang", "coeff", "biais", "modele"])
        assert _inchanges(avant, m)
        return
    # réussite : seul le neurone (couche, rang) a changé, et il vaut exactement ce qu'on a donné (en float32)
    event("réussite")
    couche, rang = int(couche), int(rang)
    w, b = m.layers[couche].get_weights()
    assert np.array_equal(w[:, rang], np.atleast_1d(np.asarray(coeff, dtype=np.float32)))
    assert b[rang] == np.float32(biais)
    assert np.all(np.isfinite(w)) and np.all(np.isfinite(b))
    apres = _poids(m)
    base = 0 if couche == 0 else 2
    for k in range(len(avant)):
        if k not in (base, base + 1):
            assert np.array_equal(avant[k], apres[k])


@REGLAGES
@given(entree=souvent(st.tuples(st.one_of(PETITS, st.lists(PETITS, min_size=1, max_size=1))),
                      st.one_of(st.tuples(VALEUR), st.tuples(VALEUR, VALEUR), st.tuples(LISTE),
                                st.tuples(COEFF), st.just(()))))
def test_evaluation_marche_ou_refuse_en_francais(entree):
    m = _reseau_du_livre()
    avant = _poids(m)
    try:
        resultat = evaluation(m, *entree)
    except (ValueError, TypeError) as erreur:
        _message_francais(erreur, ["entree", "modele"])
    else:
        event("réussite")
        assert isinstance(resultat, float) and not np.isnan(resultat)
        # même valeur que le modèle lui-même (pas de fonction compilée périmée)
        x = np.asarray(np.ravel(np.asarray(entree, dtype=np.float64)), dtype=np.float32)[None, :]
        assert resultat == pytest.approx(float(np.asarray(m(x, training=False))[0, 0]), rel=1e-6, nan_ok=False)
    assert _inchanges(avant, m)


def _constante(c):
    """x ↦ c (c quelconque : immense, NaN, texte…)."""
    return lambda x: np.full(np.shape(x), c, dtype=object) if isinstance(c, (int, float)) else c


FONCTIONS = st.one_of(
    VALEUR.map(_constante),
    st.sampled_from([np.sqrt, np.log, np.exp, np.sin, lambda x: 1 / x, lambda x: x ** 40]),
    INTRUS,
)


@REGLAGES
@given(f=souvent(st.one_of(st.sampled_from([np.sqrt, np.sin, np.exp]), NOMBRES.map(_constante)), FONCTIONS),
       ab=souvent(st.tuples(PETITS, st.floats(0.01, 50)).map(lambda t: (t[0], t[0] + t[1])),
                  st.tuples(VALEUR, VALEUR)),
       n=souvent(st.just(3), INDICE))
def test_calcul_approximation_marche_ou_refuse_en_francais(f, ab, n):
    a, b = ab
    m = _reseau_marches(3)
    avant = _poids(m)
    try:
        with np.errstate(all="ignore"):
            calcul_approximation(m, f, a, b, n)
    except (ValueError, TypeError) as erreur:
        _message_francais(erreur, ["f", "a", "b", "n", "modele"])
        assert _inchanges(avant, m)
        return
    event("réussite")
    # réussite : le réseau calcule des nombres finis partout, égaux à f(x_i) sur les marches
    a, b = float(a), float(b)
    for x in np.linspace(a, b, 7)[:-1]:
        assert np.isfinite(evaluation(m, float(np.float32(x))))
    assert all(np.all(np.isfinite(w)) for w in m.get_weights())


TABLEAUX = st.one_of(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=4),
               elements=st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                                  st.floats(min_value=-3, max_value=3))),
    hnp.arrays(np.float64, st.sampled_from([(4, 2), (4, 1), (4,), (5, 2), (4, 3)]),
               elements=st.floats(min_value=-3, max_value=3)),
    LISTE, VALEUR,
)


@REGLAGES
@given(X=souvent(hnp.arrays(np.float64, (4, 2), elements=PETITS), TABLEAUX),
       Y=souvent(hnp.arrays(np.float64, st.sampled_from([(4, 1), (4,)]), elements=PETITS), TABLEAUX))
def test_get_weights_grad_marche_ou_refuse_en_francais(X, Y):
    m = _reseau_deux_entrees()
    avant = _poids(m)
    try:
        gradient = get_weights_grad(m, X, Y)
    except (ValueError, TypeError) as erreur:
        _message_francais(erreur, ["X", "Y", "modele"])
    else:
        event("réussite")
        # réussite : X est (N, 2), Y (N, 1) ou (N,) — rien n'a été diffusé en silence
        Xa, Ya = np.asarray(X), np.asarray(Y)
        assert Xa.ndim == 2 and Xa.shape[1] == 2 and len(Xa) >= 1
        assert Ya.shape in ((len(Xa),), (len(Xa), 1))
        assert [g.shape for g in gradient] == [w.shape for w in avant]
        assert all(np.all(np.isfinite(g)) for g in gradient)
    assert _inchanges(avant, m)
