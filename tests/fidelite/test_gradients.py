"""Gradients d'un neurone linéaire : comparés aux dérivées écrites à la main (ticket 13, mutation).

F(x) = w x + b ; erreur quadratique moyenne E = (1/N) Σ (w x_i + b − y_i)² :
∂E/∂w = (2/N) Σ (F(x_i) − y_i) x_i, ∂E/∂b = (2/N) Σ (F(x_i) − y_i).
"""
import keras
import numpy as np
import pytest

from keras_facile.gradients import get_weights_grad, gradient_entree, verifier_gradient

X = np.array([[1.0], [2.0], [-1.0]])
Y = np.array([[0.0], [1.0], [2.0]])
W, B = 2.0, 0.5


def neurone(compile_=True, loss="mse", sorties=1):
    modele = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(sorties)])
    modele.set_weights([np.full((1, sorties), W), np.full(sorties, B)])
    if compile_:
        modele.compile(optimizer="sgd", loss=loss)
    return modele


def residus():
    return (W * X + B - Y)[:, 0]


def test_get_weights_grad_erreur_quadratique_moyenne():
    r = residus()
    gw, gb = get_weights_grad(neurone(), X, Y)
    assert gw.shape == (1, 1) and gb.shape == (1,)
    assert gw[0, 0] == pytest.approx(2 * np.mean(r * X[:, 0]), rel=1e-5)
    assert gb[0] == pytest.approx(2 * np.mean(r), rel=1e-5)
    # vecteurs 1-D acceptés (un exemple par ligne)
    gw1, _ = get_weights_grad(neurone(), X[:, 0], Y[:, 0])
    assert gw1[0, 0] == pytest.approx(gw[0, 0], rel=1e-6)


def test_get_weights_grad_perte_donnee():
    r = residus()
    gw, gb = get_weights_grad(neurone(compile_=False), X, Y, perte="mae")
    assert gw[0, 0] == pytest.approx(np.mean(np.sign(r) * X[:, 0]), rel=1e-5)
    assert gb[0] == pytest.approx(np.mean(np.sign(r)), rel=1e-5)
    gw, _ = get_weights_grad(neurone(compile_=False), X, Y, perte=keras.losses.MeanSquaredError())
    assert gw[0, 0] == pytest.approx(2 * np.mean(r * X[:, 0]), rel=1e-5)
    # la perte donnée l'emporte sur la perte compilée
    gw, _ = get_weights_grad(neurone(loss="mae"), X, Y, perte="mse")
    assert gw[0, 0] == pytest.approx(2 * np.mean(r * X[:, 0]), rel=1e-5)


def test_get_weights_grad_poids_non_entrainables_a_zero():
    modele = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(2), keras.layers.BatchNormalization(),
                               keras.layers.Dense(1)])
    modele.compile(optimizer="sgd", loss="mse")
    gradients = get_weights_grad(modele, X, Y)
    assert [g.shape for g in gradients] == [tuple(w.shape) for w in modele.get_weights()]
    np.testing.assert_array_equal(gradients[4], 0)        # moyenne mobile
    np.testing.assert_array_equal(gradients[5], 0)        # variance mobile
    assert np.abs(gradients[0]).sum() > 0


def test_get_weights_grad_refuse():
    with pytest.raises(ValueError, match="compilé"):
        get_weights_grad(neurone(compile_=False), X, Y)
    with pytest.raises(ValueError):
        get_weights_grad(neurone(), X, Y[:2])
    with pytest.raises(ValueError, match="un exemple par ligne"):
        get_weights_grad(neurone(), 1.0, Y)
    with pytest.raises(ValueError, match="un exemple par ligne"):
        get_weights_grad(neurone(), X, 1.0)
    with pytest.raises(ValueError):
        get_weights_grad(neurone(), np.zeros((0, 1)), np.zeros((0, 1)))


def test_gradient_entree_de_la_sortie():
    g = gradient_entree(neurone(compile_=False), X)
    np.testing.assert_allclose(g, np.full((3, 1), W), rtol=1e-6)
    deux = neurone(compile_=False, sorties=2)
    deux.set_weights([np.array([[1.5, -3.0]]), np.zeros(2)])
    np.testing.assert_allclose(gradient_entree(deux, X[:, 0], rang=1), np.full((3, 1), -3.0), rtol=1e-6)
    np.testing.assert_allclose(gradient_entree(deux, X), np.full((3, 1), 1.5), rtol=1e-6)
    with pytest.raises(ValueError, match="2 neurones"):
        gradient_entree(deux, X, rang=2)
    with pytest.raises(ValueError, match="1 neurone\\b"):
        gradient_entree(neurone(compile_=False), X, rang=1)
    with pytest.raises(ValueError):
        gradient_entree(deux, X, rang=-1)


def test_gradient_entree_de_l_erreur():
    # erreur de chaque exemple (F(x_i) − y_i)², sommée : ∂/∂x_i = 2 (F(x_i) − y_i) w
    attendu = (2 * residus() * W)[:, None]
    np.testing.assert_allclose(gradient_entree(neurone(), X, Y), attendu, rtol=1e-5)
    np.testing.assert_allclose(gradient_entree(neurone(compile_=False), X, Y[:, 0], perte="mse"), attendu, rtol=1e-5)
    np.testing.assert_allclose(gradient_entree(neurone(compile_=False), X, Y, perte=keras.losses.MeanSquaredError()),
                               attendu, rtol=1e-5)
    np.testing.assert_allclose(gradient_entree(neurone(loss="mae"), X, Y), (np.sign(residus()) * W)[:, None],
                               rtol=1e-5)
    with pytest.raises(ValueError, match="perte"):
        gradient_entree(neurone(compile_=False), X, Y)
    with pytest.raises(ValueError):
        gradient_entree(neurone(), X, Y[:2])


def test_verifier_gradient():
    modele = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, activation="tanh"),
                               keras.layers.Dense(1)])
    modele.compile(optimizer="sgd", loss="mse")
    Xd = np.random.default_rng(0).normal(size=(5, 2))
    Yd = np.random.default_rng(1).normal(size=(5, 1))
    avant = [w.copy() for w in modele.get_weights()]
    r = verifier_gradient(modele, Xd, Yd)
    assert r["poids_verifies"] == 13 and r["ecart_relatif_max"] < 1e-2
    assert verifier_gradient(modele, Xd, Yd, max_poids=4)["poids_verifies"] == 4
    assert verifier_gradient(modele, Xd, Yd, perte="mae")["ecart_relatif_max"] < 1e-2
    for w, v in zip(modele.get_weights(), avant):
        np.testing.assert_array_equal(w, v)
    with pytest.raises(ValueError):
        verifier_gradient(modele, Xd, Yd, epsilon=0)
    with pytest.raises(ValueError):
        verifier_gradient(modele, Xd, Yd, max_poids=0)


def test_verifier_gradient_voit_la_regularisation():
    modele = keras.Sequential([keras.Input(shape=(1,)),
                               keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L2(0.5))])
    modele.set_weights([np.array([[W]]), np.array([B])])
    modele.compile(optimizer="sgd", loss="mse")
    gw, _ = get_weights_grad(modele, X, Y)
    assert gw[0, 0] == pytest.approx(2 * np.mean(residus() * X[:, 0]) + 2 * 0.5 * W, rel=1e-5)
    assert verifier_gradient(modele, X, Y)["ecart_relatif_max"] < 1e-3
