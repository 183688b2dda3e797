"""Le moteur de descente de gradient (numpy) : tableaux du livre, moment, Nesterov, lots."""
import numpy as np
import pytest

from keras_facile.descente import (descente, descente_stochastique, meilleur_pas, pas_keras, pas_lineaire,
                                   pas_quadratique)

f = lambda P: P[0] ** 2 + 3 * P[1] ** 2
grad = lambda P: np.array([2 * P[0], 6 * P[1]])


def test_tableau_exemple_1():
    t = descente(f, grad, [2, 1], 0.2, 20)
    np.testing.assert_allclose(t.points[:6], [[2, 1], [1.2, -0.2], [0.72, 0.04], [0.432, -0.008],
                                              [0.2592, 0.0016], [0.15552, -0.00032]], atol=1e-12)
    np.testing.assert_allclose(t.valeurs[:3], [7, 1.56, 0.5232])
    assert t.points[20, 0] == pytest.approx(7.31e-5, rel=1e-2) and t.valeurs[20] == pytest.approx(5.34e-9, rel=1e-2)
    assert len(t.tableau([0, 1])) == 2


def test_une_variable_recoit_un_nombre():
    t = descente(lambda a: a ** 2 + 1, lambda a: 2 * a, [2], 0.2, 5)
    np.testing.assert_allclose(t.points[:, 0], [2, 1.2, 0.72, 0.432, 0.2592, 0.15552])


def test_moment_et_nesterov_formules():
    # un pas à la main : P2 = P1 + µ (P1 − P0) − δ grad f(P1) ; Nesterov : gradient en P1 + µ (P1 − P0)
    mu, d = 0.5, 0.1
    t = descente(f, grad, [2, 1], d, 2, moment=mu)
    P0, P1 = np.array([2.0, 1.0]), np.array([2.0, 1.0]) - d * grad([2.0, 1.0])
    np.testing.assert_allclose(t.points[2], P1 + mu * (P1 - P0) - d * grad(P1))
    n = descente(f, grad, [2, 1], d, 2, moment=mu, nesterov=True)
    anticipe = P1 + mu * (P1 - P0)
    np.testing.assert_allclose(n.points[2], anticipe - d * grad(anticipe))


def test_calendriers():
    assert pas_lineaire(0.1)(9) == pytest.approx(0.01)
    assert pas_quadratique(0.1)(1) == pytest.approx(0.025)
    assert pas_keras(0.001, 1e-7)(10 ** 6) == pytest.approx(0.001 / 1.1)
    t = descente(f, grad, [2, 1], pas_lineaire(0.2), 3)
    np.testing.assert_allclose(t.pas, [0.2, 0.1, 0.2 / 3])
    assert 0.15 < meilleur_pas(f, grad, [2, 1]) < 0.3


def test_lots_de_taille_N_egal_descente_classique():
    X = np.array([0.0, 1.0, 2.0, 3.0])
    Y = 2 * X + 1
    erreur = lambda P: float(np.sum((Y - P[0] * X - P[1]) ** 2))
    grad_local = lambda i, P: np.array([-2 * X[i] * (Y[i] - P[0] * X[i] - P[1]), -2 * (Y[i] - P[0] * X[i] - P[1])])
    grad_total = lambda P: sum(grad_local(i, P) for i in range(4))
    lot = descente_stochastique(erreur, grad_local, 4, [0, 0], 0.01, epoques=30, taille_lot=4)
    classique = descente(erreur, grad_total, [0, 0], 0.01, 30)
    np.testing.assert_allclose(lot.points, classique.points)
    assert len(lot.erreurs_epoques) == 31
    sgd = descente_stochastique(erreur, grad_local, 4, [0, 0], 0.01, epoques=3, taille_lot=1)
    assert len(sgd.points) == 13


@pytest.mark.parametrize("appel, message", [
    (lambda: descente(f, grad, [np.nan, 1], 0.1, 3), "P0"),
    (lambda: descente(f, grad, [1, 1], 0.1, -1), "n "),
    (lambda: descente_stochastique(f, None, 4, [1, 1], 0.1, 2, taille_lot=5), "taille_lot"),
])
def test_erreurs(appel, message):
    with pytest.raises(ValueError, match=message):
        appel()
