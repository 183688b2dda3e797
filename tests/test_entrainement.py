"""entrainer_rapide : exactement les pas de fit (plein lot ou lots dans l'ordre), en une boucle compilée."""
import numpy as np
import pytest

from keras_facile import *
from keras_facile.entrainement import entrainer_rapide


def reseau():
    return Sequential([Input(shape=(1,))] + [Dense(10, activation="tanh") for _ in range(4)] + [Dense(1)])


@pytest.mark.parametrize("optimiseur", ["sgd_nesterov", "adam"])
@pytest.mark.parametrize("batch_size", [None, 32])
def test_memes_pas_que_fit(optimiseur, batch_size):
    X = np.linspace(0, 5, 100).reshape(-1, 1)
    Y = np.cos(2 * X) + X * np.sin(3 * X) + X ** 0.5 - 2
    keras.utils.set_random_seed(0)
    a, b = reseau(), reseau()
    b.set_weights(a.get_weights())
    for m in (a, b):
        opt = keras.optimizers.SGD(0.001, momentum=0.9, nesterov=True) if optimiseur == "sgd_nesterov" \
            else keras.optimizers.Adam()
        m.compile(optimizer=opt, loss="mean_squared_error")
    h_fit = a.fit(X, Y, epochs=20, batch_size=batch_size or len(X), shuffle=False, verbose=0).history["loss"]
    h = entrainer_rapide(b, X, Y, 20, batch_size=batch_size)
    assert len(h["loss"]) == 20
    np.testing.assert_allclose(h["loss"], h_fit, rtol=1e-5)
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_allclose(wa, wb, atol=1e-6)


def test_neurone_seul_retro_01_avec_entrainer_rapide():
    rouges = [(1, 1), (2, 0.5), (2, 2), (3, 1.5), (3, 2.75), (4, 1), (4, 2.5), (4.5, 3), (5, 1), (5, 2.25)]
    bleus = [(0, 3), (1, 1.5), (1, 4), (1.5, 2.5), (2, 2.5), (3, 3.5), (3.5, 3.25), (4, 3), (4, 4), (5, 4)]
    X = np.array(rouges + bleus)
    Y = np.array([1.0] * 10 + [0.0] * 10)
    modele = Sequential([Input(shape=(2,)), Dense(1, activation="sigmoid")])
    modele.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss="mean_squared_error")
    definir_poids(modele, 0, 0, [0, 1], -2)
    entrainer_rapide(modele, X, Y, 1000)
    coeff, biais = modele.get_weights()
    np.testing.assert_allclose([coeff[0, 0], coeff[1, 0], biais[0]], [2.0328422, -3.8602520, 3.7039156], atol=5e-5)


def test_erreurs():
    modele = Sequential([Input(shape=(1,)), Dense(1)])
    with pytest.raises(ValueError, match=r"modele doit être compilé, reçu un modèle non compilé"):
        entrainer_rapide(modele, np.zeros((3, 1)), np.zeros((3, 1)), 5)
    modele.compile(optimizer="sgd", loss="mse")
    avant = [w.copy() for w in modele.get_weights()]
    for appel, type_erreur, message in [
        (lambda: entrainer_rapide(modele, np.zeros((3, 1)), np.zeros((3, 1)), 0), ValueError,
         r"epochs doit être un entier ≥ 1, reçu 0 \(int\)"),
        (lambda: entrainer_rapide(modele, np.zeros((3, 1)), np.zeros((3, 1)), 5.0), TypeError,
         r"epochs doit être un entier ≥ 1, reçu 5.0 \(float\)"),
        (lambda: entrainer_rapide(modele, np.zeros((3, 1)), np.zeros((2, 1)), 5), ValueError,
         r"X et Y doivent avoir le même nombre d'exemples \(dimension 0\), reçu 3 et 2"),
        (lambda: entrainer_rapide(modele, np.zeros((3, 1)), np.zeros((3, 1)), 5, batch_size=0), ValueError,
         r"batch_size doit être un entier ≥ 1, reçu 0 \(int\)"),
        (lambda: entrainer_rapide(modele, np.zeros((0, 1)), np.zeros((0, 1)), 5), ValueError,
         r"X doit être un tableau non vide, reçu un tableau de forme \(0, 1\)"),
        (lambda: entrainer_rapide(modele, [[0.0], [np.nan]], np.zeros((2, 1)), 5), ValueError,
         r"X doit être un tableau de nombres finis"),
        (lambda: entrainer_rapide(modele, 3.0, np.zeros((1, 1)), 5), ValueError, r"X doit être un tableau \(N, …\)"),
        (lambda: entrainer_rapide("modele", np.zeros((3, 1)), np.zeros((3, 1)), 5), TypeError,
         r"modele doit être un modèle Keras .*reçu 'modele' \(str\)"),
    ]:
        with pytest.raises(type_erreur, match=message):
            appel()
    for a, b in zip(avant, modele.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_memes_poids_que_train_on_batch_ou_exclusif():
    X = np.array([[0, 0], [1, 1], [0, 1], [1, 0]], dtype=np.float32)
    Y = np.array([[0], [0], [1], [1]], dtype=np.float32)
    poids = [np.array([[1.0, -3.0], [2.0, -2.0]]), np.array([-3.0, 1.0]), np.array([[1.0], [1.0]]), np.array([-1.0])]
    modeles = []
    for _ in range(2):
        m = Sequential([Input(shape=(2,)), Dense(2, activation="sigmoid"), Dense(1, activation="sigmoid")])
        m.set_weights(poids)
        m.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss="mean_squared_error")
        modeles.append(m)
    pertes = [float(modeles[0].train_on_batch(X, Y)) for _ in range(50)]
    h = entrainer_rapide(modeles[1], X, Y, 50)
    assert h["loss"][0] == pytest.approx(0.29618967, abs=1e-6)
    np.testing.assert_allclose(h["loss"], pertes, rtol=1e-5)
    for wa, wb in zip(modeles[0].get_weights(), modeles[1].get_weights()):
        np.testing.assert_allclose(wa, wb, atol=1e-6)
