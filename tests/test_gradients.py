"""get_weights_grad (GradientTape) : l'oracle poids_gradient et le neurone seul de retro_01."""
import numpy as np
import pytest

from keras_facile import *


def reseau_poids_gradient(delta=0.001):
    modele = Sequential([Input(shape=(2,)), Dense(3, activation="relu"), Dense(1, activation="relu")])
    modele.compile(optimizer=keras.optimizers.SGD(learning_rate=delta), loss="mean_squared_error")
    poids = [np.array([[1.0, 3, 5], [2, 4, 6]]), np.array([-1.0, -2, -3]), np.array([[7.0], [8], [9]]),
             np.array([-4.0])]
    modele.set_weights(poids)
    return modele, poids


def test_oracle_poids_gradient():
    modele, poids_avant = reseau_poids_gradient()
    X, Y = np.ones((4, 2)), np.ones((4, 1))
    gradient = get_weights_grad(modele, X, Y)
    assert [g.shape for g in gradient] == [w.shape for w in modele.get_weights()]
    np.testing.assert_allclose(gradient[0], [[1694, 1936, 2178], [1694, 1936, 2178]])
    np.testing.assert_allclose(gradient[1], [1694, 1936, 2178])
    np.testing.assert_allclose(gradient[2], [[484], [1210], [1936]])
    np.testing.assert_allclose(gradient[3], [242])
    delta = 0.001
    poids_apres = [w - delta * g for w, g in zip(poids_avant, gradient)]
    np.testing.assert_allclose(poids_apres[0], [[-0.694, 1.064, 2.822], [0.306, 2.064, 3.822]], atol=1e-5)
    np.testing.assert_allclose(poids_apres[1], [-2.694, -3.936, -5.178], atol=1e-5)
    np.testing.assert_allclose(poids_apres[2], [[6.516], [6.79], [7.064]], atol=1e-5)
    np.testing.assert_allclose(poids_apres[3], [-4.242], atol=1e-5)
    # exactement un pas de SGD(delta)
    modele.train_on_batch(X, Y)
    for a, b in zip(poids_apres, modele.get_weights()):
        np.testing.assert_allclose(a, b, atol=1e-5)


ROUGES = [(1, 1), (2, 0.5), (2, 2), (3, 1.5), (3, 2.75), (4, 1), (4, 2.5), (4.5, 3), (5, 1), (5, 2.25)]
BLEUS = [(0, 3), (1, 1.5), (1, 4), (1.5, 2.5), (2, 2.5), (3, 3.5), (3.5, 3.25), (4, 3), (4, 4), (5, 4)]


def test_neurone_seul_retro_01_apres_1_100_1000_pas():
    X = np.array(ROUGES + BLEUS, dtype=np.float32)
    Y = np.array([1.0] * 10 + [0.0] * 10, dtype=np.float32)[:, None]
    modele = Sequential([Input(shape=(2,)), Dense(1, activation="sigmoid")])
    modele.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss="mean_squared_error")
    definir_poids(modele, 0, 0, [0, 1], -2)
    attendus = {1: (0.07742598, 0.80760234, -2.00589881), 10: (0.72470147, -0.28881316, -1.81534128),
                100: (1.3288826, -1.8288268, 0.3338761), 1000: (2.0328422, -3.8602520, 3.7039156)}
    poids = modele.get_weights()
    for k in range(1, 1001):
        gradient = get_weights_grad(modele, X, Y)
        poids = [w - 1.0 * g for w, g in zip(poids, gradient)]
        modele.set_weights(poids)
        if k in attendus:
            obtenu = (poids[0][0, 0], poids[0][1, 0], poids[1][0])
            np.testing.assert_allclose(obtenu, attendus[k], atol=2e-5, err_msg=f"après {k} pas")


def test_gradient_entree_et_difference_finie():
    modele, _ = reseau_poids_gradient()
    X = np.array([[1.0, 1.0], [0.5, -0.2]])
    g = gradient_entree(modele, X)
    # en (1, 1) toutes les ReLU sont actives : dF/dx = 7*1 + 8*3 + 9*5 = 76, dF/dy = 7*2+8*4+9*6 = 100
    np.testing.assert_allclose(g[0], [76, 100])
    verif = verifier_gradient(modele, np.ones((4, 2)), np.ones((4, 1)))
    assert verif["poids_verifies"] == 13
    assert verif["ecart_relatif_max"] < 1e-6
    g_erreur = gradient_entree(modele, np.ones((1, 2)), np.ones((1, 1)))
    # erreur (F - 1)² avec F = 122 : dE/dx = 2 * 121 * 76
    np.testing.assert_allclose(g_erreur[0], [2 * 121 * 76, 2 * 121 * 100])


def test_verifier_gradient_detecte_une_vraie_difference():
    keras.utils.set_random_seed(0)
    modele = Sequential([Input(shape=(3,)), Dense(4, activation="tanh"), Dense(2, activation="sigmoid")])
    modele.compile(optimizer="sgd", loss="binary_crossentropy")
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(16, 3)), rng.integers(0, 2, size=(16, 2)).astype("float32")
    assert verifier_gradient(modele, X, Y)["ecart_relatif_max"] < 1e-4   # arrondi float32
    # une perte différente de celle dérivée : l'écart doit se voir
    import keras_facile.gradients as g

    vrai = g.get_weights_grad
    try:
        g.get_weights_grad = lambda *a, **k: [2 * x for x in vrai(*a, **k)]
        assert g.verifier_gradient(modele, X, Y)["ecart_relatif_max"] > 0.3
    finally:
        g.get_weights_grad = vrai


def test_get_weights_grad_erreurs():
    modele = Sequential([Input(shape=(2,)), Dense(1)])
    with pytest.raises(ValueError, match=r"modele doit être compilé avec une fonction d'erreur.*modele.compile"):
        get_weights_grad(modele, np.ones((2, 2)), np.ones((2, 1)))
    modele.compile(loss="mse")
    with pytest.raises(ValueError, match=r"X et Y doivent avoir le même nombre d'exemples \(dimension 0\), reçu 3 et 2"):
        get_weights_grad(modele, np.ones((3, 2)), np.ones((2, 1)))
    with pytest.raises(TypeError, match=r"modele doit être un modèle Keras .*reçu None \(NoneType\)"):
        get_weights_grad(None, np.ones((2, 2)), np.ones((2, 1)))
    with pytest.raises(ValueError, match=r"Y doit être un tableau de nombres finis"):
        get_weights_grad(modele, np.ones((2, 2)), [[1.0], [np.inf]])
    g = get_weights_grad(Sequential([Input(shape=(2,)), Dense(1)]), np.ones((2, 2)), np.ones((2, 1)), perte="mse")
    assert [x.shape for x in g] == [(2, 1), (1,)]


def test_gradient_entree_et_verifier_gradient_erreurs():
    modele, _ = reseau_poids_gradient()
    with pytest.raises(ValueError, match=r"rang doit être un entier entre 0 et 0, reçu 1 \(int\) ; la couche de sortie a 1 neurone"):
        gradient_entree(modele, np.ones((1, 2)), rang=1)
    with pytest.raises(TypeError, match=r"rang doit être un entier ≥ 0, reçu '0' \(str\)"):
        gradient_entree(modele, np.ones((1, 2)), rang="0")
    with pytest.raises(ValueError, match=r"perte doit être donnée pour un modèle non compilé"):
        gradient_entree(Sequential([Input(shape=(2,)), Dense(1)]), np.ones((1, 2)), np.ones((1, 1)))
    with pytest.raises(ValueError, match=r"epsilon doit être un nombre > 0, reçu 0 \(int\)"):
        verifier_gradient(modele, np.ones((1, 2)), np.ones((1, 1)), epsilon=0)
    with pytest.raises(TypeError, match=r"max_poids doit être un entier ≥ 1, reçu 2.5 \(float\)"):
        verifier_gradient(modele, np.ones((1, 2)), np.ones((1, 1)), max_poids=2.5)
