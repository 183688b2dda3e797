"""Le moteur de descente de gradient (numpy) : tableaux du chapitre 8, moment, Nesterov, lots, erreurs."""
import warnings

import numpy as np
import pytest

from keras_facile.descente import (DivergenceAvertissement, descente, descente_stochastique, meilleur_pas,
                                   pas_exponentiel, pas_keras, pas_lineaire, pas_quadratique)

f1 = lambda P: P[0] ** 2 + 3 * P[1] ** 2
g1 = lambda P: np.array([2 * P[0], 6 * P[1]])


def test_tableau_exemple1_du_livre():
    t = descente(f1, g1, [2, 1], delta=0.2, n=20)
    assert t.points.shape == (21, 2) and t.gradients.shape == (21, 2) and t.valeurs.shape == (21,)
    np.testing.assert_allclose(t.points[:6], [(2, 1), (1.2, -0.2), (0.72, 0.04), (0.432, -0.008),
                                              (0.2592, 0.0016), (0.15552, -0.00032)], atol=1e-12)
    np.testing.assert_allclose(t.gradients[1], (2.4, -1.2))
    np.testing.assert_allclose(t.valeurs[:6], [7, 1.56, 0.5232, 0.186816, 0.06719232, 0.0241867776], rtol=1e-6)
    np.testing.assert_allclose(t.valeurs[:6], [7, 1.56, 0.523, 0.186, 0.067, 0.024], atol=1e-3)  # le livre tronque
    assert t.points[10, 1] == pytest.approx(1.024e-7, rel=1e-2) and t.points[20, 0] == pytest.approx(7.31e-5, rel=1e-3)
    assert t.valeurs[20] == pytest.approx(5.34e-9, rel=1e-2)
    assert "(1.2, -0.2)" in t.tableau([1])[0]


def test_une_variable_recoit_un_nombre():
    vus = []

    def df(a):
        vus.append(type(a))
        return 2 * a
    t = descente(lambda a: a ** 2 + 1, df, 2, 0.2, 4)
    np.testing.assert_allclose(t.points[:, 0], [2, 1.2, 0.72, 0.432, 0.2592])
    assert t.valeurs[4] == pytest.approx(1.06718464)
    assert len(vus) == 5 and all(not isinstance(v, np.ndarray) or v.ndim == 0 for v in vus)   # en P_0 … P_4


def test_moment_et_nesterov_formules():
    # une itération à la main : P1 = P0 − δ g(P0) (pas d'élan au départ), puis l'élan µ (P1 − P0)
    P0 = np.array([1.0, 1.0])
    d, mu = 0.1, 0.5
    P1 = P0 - d * g1(P0)
    P2 = P1 + mu * (P1 - P0) - d * g1(P1)
    t = descente(f1, g1, P0, d, 2, moment=mu)
    np.testing.assert_allclose(t.points[1:], [P1, P2])
    anticipe = P1 + mu * (P1 - P0)
    t = descente(f1, g1, P0, d, 2, moment=mu, nesterov=True)
    np.testing.assert_allclose(t.points[2], anticipe - d * g1(anticipe))


def test_moment_accelere_une_vallee_etroite():
    f = lambda P: P[0] ** 2 + 10 * P[1] ** 2
    g = lambda P: np.array([2 * P[0], 20 * P[1]])
    classique = descente(f, g, [-4, 1.5], 0.01, 100).valeurs[-1]
    moment = descente(f, g, [-4, 1.5], 0.01, 100, moment=0.8).valeurs[-1]
    nesterov = descente(f, g, [-4, 1.5], 0.01, 100, moment=0.8, nesterov=True).valeurs[-1]
    assert nesterov < moment < 1e-6 < classique


def test_calendriers_de_pas():
    assert pas_lineaire(0.1)(4) == pytest.approx(0.02)
    assert pas_quadratique(0.1)(1) == pytest.approx(0.025)
    assert pas_exponentiel(0.1, 0.5)(2) == pytest.approx(0.1 * np.exp(-1))
    # δ_k = δ0 / (αk + 1) écrite à la main, à des k précis (k = 0 : δ0 lui-même) ; tolérance 1e-12
    np.testing.assert_allclose([pas_keras(0.1, 0.5)(k) for k in (0, 1, 2, 4, 10)],
                               [0.1, 0.1 / 1.5, 0.1 / 2, 0.1 / 3, 0.1 / 6], rtol=1e-12)
    assert pas_keras(0.001, 1e-7)(10 ** 6) == pytest.approx(0.001 / 1.1, rel=1e-12)
    assert pas_keras(0.3, 0)(12345) == 0.3                                  # α = 0 : pas constant
    t = descente(f1, g1, [2, 1], pas_lineaire(0.2), 3)
    np.testing.assert_allclose(t.pas, [0.2, 0.1, 0.2 / 3])
    assert meilleur_pas(f1, g1, [2, 1]) == pytest.approx(0.21)


PARABOLE = np.array([(2, 0), (0, 2), (4, 6), (1, 0)], dtype=float)


def _residu(i, P):
    x, y = PARABOLE[i]
    return y - (x ** 2 + P[0] * x + P[1])


erreur_parabole = lambda P: sum(_residu(i, P) ** 2 for i in range(4))
grad_parabole = lambda i, P: np.array([-2 * PARABOLE[i, 0] * _residu(i, P), -2 * _residu(i, P)])


def test_stochastique_parabole_du_livre():
    classique = descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 200, taille_lot=4)
    stoch = descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 200, taille_lot=1)
    np.testing.assert_allclose(classique.valeurs[:3], [284, 84.87, 28.68], atol=0.01)
    np.testing.assert_allclose(stoch.valeurs[:9], [284, 236.43, 237.41, 100.74, 97.917, 83.245, 83.913, 36.48, 36.29],
                               atol=0.02)
    np.testing.assert_allclose(stoch.points[1], (0.72, 0.86), atol=0.005)
    np.testing.assert_allclose(classique.final, (-2.9982, 1.9949), atol=1e-4)
    np.testing.assert_allclose(stoch.final, (-2.9984, 1.9955), atol=1e-4)
    assert len(classique.erreurs_epoques) == 201 and len(stoch.points) == 801


def test_lot_egal_a_N_est_la_descente_classique_et_dernier_lot_incomplet():
    grad_total = lambda P: sum(grad_parabole(i, P) for i in range(4))
    a = descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 5, taille_lot=4)
    b = descente(erreur_parabole, grad_total, [1, 1], 0.01, 5)
    np.testing.assert_allclose(a.points, b.points)
    c = descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 3, taille_lot=3)
    assert len(c.points) == 1 + 3 * 2        # lots de 3 puis de 1
    m = descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 3, melanger=True, graine=1)
    np.testing.assert_allclose(m.points, descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 3,
                                                                melanger=True, graine=1).points)


@pytest.mark.parametrize("appel, type_erreur, message", [
    (lambda: descente(f1, g1, [2, 1], 0, 5), ValueError, r"delta doit être un nombre > 0, reçu 0 \(int\)"),
    (lambda: descente(f1, g1, [2, 1], -0.1, 5), ValueError, r"delta doit être un nombre > 0, reçu -0.1 \(float\)"),
    (lambda: descente(f1, g1, [2, 1], "0.1", 5), TypeError, r"delta doit être un nombre > 0, reçu '0.1' \(str\)"),
    (lambda: descente(f1, g1, [2, 1], lambda k: -1.0, 5), ValueError, r"delta\(0\) doit être un nombre > 0, reçu -1.0"),
    (lambda: descente(f1, lambda P: np.array([1.0, 2.0, 3.0]), [2, 1], 0.1, 5), ValueError,
     r"gradient doit renvoyer un vecteur de 2 composante\(s\) .*reçu un tableau de forme \(3,\)"),
    (lambda: descente(f1, g1, [2, 1], 0.1, 2.5), TypeError, r"n doit être un entier ≥ 0, reçu 2.5 \(float\)"),
    (lambda: descente(f1, g1, [2, 1], 0.1, -1), ValueError, r"n doit être un entier ≥ 0, reçu -1 \(int\)"),
    (lambda: descente(f1, g1, [np.nan, 1], 0.1, 3), ValueError, r"P0 doit être un tableau de nombres finis, reçu \[nan, 1\]"),
    (lambda: descente(f1, g1, [[2, 1]], 0.1, 3), ValueError, r"P0 doit être un point .*reçu un tableau de forme \(1, 2\)"),
    (lambda: descente(f1, g1, [2, 1], 0.1, 3, moment=1.5), ValueError, r"moment doit être un nombre de \[0, 1\[, reçu 1.5"),
    (lambda: descente(f1, g1, [2, 1], 0.1, 3, nesterov="oui"), TypeError, r"nesterov doit être True ou False, reçu 'oui'"),
    (lambda: descente("f", g1, [2, 1], 0.1, 3), TypeError, r"f doit être une fonction, reçu 'f' \(str\)"),
    (lambda: descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 2, taille_lot=5), ValueError,
     r"taille_lot doit être un entier entre 1 et 4, reçu 5 \(int\) ; N=4 données"),
    (lambda: descente_stochastique(erreur_parabole, grad_parabole, 0, [1, 1], 0.01, 2), ValueError,
     r"N doit être un entier ≥ 1, reçu 0 \(int\)"),
    (lambda: descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 1.0), TypeError,
     r"epoques doit être un entier ≥ 0, reçu 1.0 \(float\)"),
    (lambda: descente_stochastique(erreur_parabole, grad_parabole, 4, [1, 1], 0.01, 2, melanger=1), TypeError,
     r"melanger doit être True ou False, reçu 1 \(int\)"),
    (lambda: descente_stochastique(erreur_parabole, lambda i, P: np.zeros(3), 4, [1, 1], 0.01, 2), ValueError,
     r"gradient doit renvoyer"),
])
def test_erreurs_en_francais(appel, type_erreur, message):
    with pytest.raises(type_erreur, match=message):
        appel()


def test_divergence_avertit_et_s_arrete():
    with pytest.warns(DivergenceAvertissement, match="diverge"):
        t = descente(lambda a: a ** 2 + 1, lambda a: 2 * a, [2], 1.1 * 1e3, 500)
    assert np.all(np.isfinite(t.points)) and len(t.points) < 501
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        descente(lambda a: a ** 2 + 1, lambda a: 2 * a, [2], 1.1, 10)   # diverge lentement : pas d'inf
