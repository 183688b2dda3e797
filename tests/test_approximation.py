"""Approximation universelle : la construction du livre corrigée et les constructeurs au-delà du livre."""
import numpy as np
import pytest

from keras_facile import *
from keras_facile.approximation import (approximation_affine_par_morceaux, approximation_deux_var,
                                        approximation_marches, approximation_sigmoides, erreur_max,
                                        erreur_max_deux_var, indicatrice_rectangle)


def f(x):
    return np.cos(2 * x) + x * np.sin(3 * x) + x ** 0.5


def modele_marches(n):
    return Sequential([Input(shape=(1,)), Dense(2 * n, activation=heaviside), Dense(1, activation="linear")])


def test_calcul_approximation_valeurs_du_livre_sans_jonction_doublee():
    modele = calcul_approximation(modele_marches(20), f, 2, 10, 20)
    assert evaluation(modele, 2.0) == pytest.approx(0.2017389, abs=1e-5)      # f(2)
    assert evaluation(modele, 2.1) == pytest.approx(0.2017389, abs=1e-5)
    # à la jonction x = 2.4 : f(2.4) (l'original donnait f(2.0) + f(2.4) = 3.7432)
    assert evaluation(modele, 2.4) == pytest.approx(f(2.4), abs=1e-5)
    assert evaluation(modele, 2.41) == pytest.approx(3.5415, abs=1e-4)
    assert evaluation(modele, 10.0) == pytest.approx(-0.77957, abs=1e-4)     # f(9.6)
    assert evaluation(modele, 10.5) == pytest.approx(0.0, abs=1e-5)
    assert evaluation(modele, 1.9) == 0.0
    grille = 2 + 0.4 * np.arange(20)
    np.testing.assert_allclose(evaluer_lot(modele, grille[:, None])[:, 0], f(grille), atol=1e-4)


def test_calcul_approximation_sur_un_intervalle_contenant_zero():
    modele = calcul_approximation(modele_marches(30), np.sin, -3, 3, 30)
    x = np.linspace(-3, 3, 601)
    F = evaluer_lot(modele, x[:, None])[:, 0]
    assert np.max(np.abs(F - np.sin(x))) <= 0.2 + 1e-4       # pas h = 0.2, |sin'| ≤ 1
    assert evaluation(modele, -3.0) == pytest.approx(np.sin(-3), abs=1e-5)
    assert evaluation(modele, 0.0) == pytest.approx(0.0, abs=1e-5)


def pente_log(erreurs):
    n = np.array(list(erreurs))
    return np.polyfit(np.log(n), np.log(list(erreurs.values())), 1)[0]


def test_marches_en_1_sur_n_et_relu_en_1_sur_n_carre():
    liste_n = [25, 50, 100, 200]
    marches = {n: erreur_max(approximation_marches(f, 2, 10, n), f, 2, 10, num=4001) for n in liste_n}
    relu = {n: erreur_max(approximation_affine_par_morceaux(f, 2, 10, n), f, 2, 10, num=4001) for n in liste_n}
    assert -1.2 < pente_log(marches) < -0.8
    assert -2.2 < pente_log(relu) < -1.8
    assert relu[200] < 0.02 < marches[200]
    # sur un intervalle qui contient 0 (l'original y divisait par x_i = 0)
    marches_sin = {n: erreur_max(approximation_marches(np.sin, -3, 3, n), np.sin, -3, 3, num=4001) for n in liste_n}
    relu_sin = {n: erreur_max(approximation_affine_par_morceaux(np.sin, -3, 3, n), np.sin, -3, 3, num=4001)
                for n in liste_n}
    assert -1.2 < pente_log(marches_sin) < -0.8
    assert -2.2 < pente_log(relu_sin) < -1.8
    assert relu_sin[100] <= (6 / 100) ** 2 / 8 + 1e-5        # borne h² max|f''| / 8 de l'interpolation
    sig = {n: erreur_max(approximation_sigmoides(f, 2, 10, n), f, 2, 10) for n in (25, 100)}
    assert sig[100] < sig[25] / 3


@pytest.mark.parametrize("a, b, n, raideur", [(2, 10, 8, None), (-3, 3, 5, 4.0)])
def test_approximation_sigmoides_egale_la_formule(a, b, n, raideur):
    """F(x) = y_0 + Σ_{i≥1} (y_i − y_{i−1}) σ(k (x − x_i + h/2)) : chaque saut est centré au
    milieu m_i = x_i − h/2 de [x_{i−1}, x_i], écrit ici à la main (k = 10/h par défaut)."""
    h = (b - a) / n
    k = 10 / h if raideur is None else raideur
    xi = np.linspace(a, b, n + 1)
    yi = f(xi - a + 2)                                           # f décalée : définie sur [a, b]
    g = lambda x: f(np.asarray(x) - a + 2)
    modele = approximation_sigmoides(g, a, b, n, raideur=raideur)
    x = np.linspace(a, b, 301)
    attendu = yi[0] + sum((yi[i] - yi[i - 1]) / (1 + np.exp(-k * (x - xi[i] + h / 2))) for i in range(1, n + 1))
    np.testing.assert_allclose(evaluer_lot(modele, x)[:, 0], attendu, atol=1e-4)     # float32
    # au milieu m_i, le saut i est à mi-hauteur : F(m_i) ≈ (y_{i−1} + y_i)/2 à e^(−k h/2) près
    if raideur is None:
        milieux = xi[1:] - h / 2
        np.testing.assert_allclose(evaluer_lot(modele, milieux)[:, 0], (yi[:-1] + yi[1:]) / 2,
                                   atol=0.02 * np.ptp(yi))


def test_calcul_approximation_egale_approximation_marches():
    x = np.linspace(1, 11, 777)[:, None]
    a = calcul_approximation(modele_marches(10), f, 2, 10, 10)
    b = approximation_marches(f, 2, 10, 10)
    np.testing.assert_allclose(evaluer_lot(a, x), evaluer_lot(b, x), atol=1e-5)


def test_indicatrice_du_carre_unite():
    modele = indicatrice_rectangle(0, 1, 0, 1)
    assert [evaluation(modele, *p) for p in [(0.5, 0.5), (1.5, 0.5), (0, 0), (1, 1), (0.5, -0.01)]] == \
        [1.0, 0.0, 1.0, 1.0, 0.0]
    assert modele.count_params() == 12 + 5


def test_deux_variables_erreur_en_1_sur_n():
    g = lambda x, y: np.sin(x) * np.cos(y)
    erreurs = {n: erreur_max_deux_var(approximation_deux_var(g, -2, 2, -2, 2, n), g, -2, 2, -2, 2)
               for n in (4, 8, 16)}
    assert erreurs[16] < erreurs[8] < erreurs[4]
    assert -1.2 < pente_log(erreurs) < -0.8
    modele = approximation_deux_var(g, -2, 2, -2, 2, 4)
    assert evaluation(modele, 3.0, 0.0) == 0.0          # hors du rectangle
    assert evaluation(modele, -1.5, -1.5) == pytest.approx(g(-1.5, -1.5), abs=1e-5)   # centre d'une cellule


@pytest.mark.parametrize("arguments, type_erreur, message", [
    ((f, 2, 10, 0), ValueError, r"n doit être un entier ≥ 1, reçu 0 \(int\)"),
    ((f, 2, 10, -3), ValueError, r"n doit être un entier ≥ 1, reçu -3 \(int\)"),
    ((f, 2, 10, 2.5), TypeError, r"n doit être un entier ≥ 1, reçu 2.5 \(float\)"),
    ((f, 10, 2, 5), ValueError, r"a et b doivent vérifier a < b, reçu a=10 \(int\) et b=2 \(int\)"),
    ((f, "2", 10, 5), TypeError, r"a doit être un nombre réel fini, reçu '2' \(str\)"),
    ((f, 2, float("inf"), 5), ValueError, r"b doit être un nombre fini, reçu inf \(float\)"),
    ((lambda x: np.where(x > 3, x, np.nan), 2, 10, 5), ValueError, r"f doit renvoyer des nombres finis .*reçu f\(2.0\) = nan"),
    (("f", 2, 10, 5), TypeError, r"f doit être une fonction, reçu 'f' \(str\)"),
])
def test_calcul_approximation_erreurs_et_poids_intacts(arguments, type_erreur, message):
    modele = modele_marches(5)
    avant = [w.copy() for w in modele.get_weights()]
    with pytest.raises(type_erreur, match=message):
        calcul_approximation(modele, *arguments)
    for x, y in zip(avant, modele.get_weights()):
        np.testing.assert_array_equal(x, y)


def test_calcul_approximation_modele_inadapte():
    with pytest.raises(ValueError, match=r"modele doit être le réseau du livre Dense\(10, activation=heaviside\) .*"
                                         r"reçu Dense\(8, activation=heaviside\) puis Dense\(1, activation=linear\)"):
        calcul_approximation(Sequential([Input(shape=(1,)), Dense(8, activation=heaviside), Dense(1)]), f, 2, 10, 5)
    with pytest.raises(ValueError, match=r"modele doit .*reçu Dense\(10, activation=heaviside\) puis Dense\(1, activation=relu\)"):
        calcul_approximation(Sequential([Input(shape=(1,)), Dense(10, activation=heaviside),
                                         Dense(1, activation="relu")]), f, 2, 10, 5)


def test_calcul_approximation_modele_fonctionnel_ou_sans_input():
    entree = keras.Input(shape=(1,))
    fonctionnel = keras.Model(entree, Dense(1)(Dense(10, activation="heaviside")(entree)))
    sans_input = Sequential([Dense(10, activation=heaviside), Dense(1)])
    x = np.linspace(-3, 3, 61)[:, None]
    for modele in (fonctionnel, sans_input):
        calcul_approximation(modele, np.sin, -3, 3, 5)
        attendu = np.where(x < 3, np.sin(-3 + 1.2 * np.floor((x + 3) / 1.2 + 1e-9)), np.sin(1.8))
        np.testing.assert_allclose(evaluer_lot(modele, x), attendu, atol=1e-5)
    with pytest.raises(ValueError, match=r"modele doit être un réseau à 1 entrée\(s\), .*reçu un réseau à 2 entrée"):
        calcul_approximation(Sequential([Input(shape=(2,)), Dense(10, activation=heaviside), Dense(1)]),
                             f, 2, 10, 5)


@pytest.mark.parametrize("appel, type_erreur, message", [
    (lambda: approximation_sigmoides(f, 2, 10, 5, raideur=-1), ValueError, r"raideur doit être un nombre > 0, reçu -1 \(int\)"),
    (lambda: approximation_sigmoides(f, 2, 10, 5, raideur="forte"), TypeError, r"raideur doit .*reçu 'forte' \(str\)"),
    (lambda: approximation_affine_par_morceaux(f, 2, 10, 0), ValueError, r"n doit être un entier ≥ 1, reçu 0"),
    (lambda: approximation_marches(f, 3, 3, 5), ValueError, r"a et b doivent vérifier a < b, reçu a=3 \(int\) et b=3"),
    (lambda: indicatrice_rectangle(0, 1, 2, 1), ValueError, r"ymin et ymax doivent vérifier ymin < ymax, reçu ymin=2"),
    (lambda: approximation_deux_var(lambda x, y: np.where(x > 0.5, y, np.nan), 0, 1, 0, 1, 2), ValueError,
     r"f doit renvoyer des nombres finis .*reçu f\(\[0.25 0.25\]\) = nan"),
    (lambda: approximation_deux_var(lambda x, y: x, 0, 1, 0, 1, True), TypeError, r"n doit être un entier ≥ 1, reçu True \(bool\)"),
    (lambda: approximation_deux_var("g", 0, 1, 0, 1, 2), TypeError, r"f doit être une fonction, reçu 'g' \(str\)"),
    (lambda: erreur_max(approximation_marches(f, 2, 10, 3), f, 2, 10, num=1), ValueError, r"num doit être un entier ≥ 2, reçu 1 \(int\)"),
    (lambda: erreur_max_deux_var(indicatrice_rectangle(0, 1, 0, 1), lambda x, y: x, 0, float("nan"), 0, 1),
     ValueError, r"xmax doit être un nombre fini, reçu nan \(float\)"),
])
def test_constructeurs_erreurs_en_francais(appel, type_erreur, message):
    with pytest.raises(type_erreur, match=message):
        appel()
