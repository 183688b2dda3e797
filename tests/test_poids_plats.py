"""Vecteur de poids du livre ↔ poids Keras."""
import numpy as np
import pytest

from keras_facile import *
from keras_facile.poids_plats import definir_poids_plats, depuis_keras, poids_plats, vers_keras


def test_ordre_du_livre_ou_exclusif():
    m = Sequential([Input(shape=(2,)), Dense(2), Dense(1)])
    P = [1, 2, -3, -3, -2, 1, 1, 1, -1]
    definir_poids_plats(m, P)
    W1, b1, W2, b2 = m.get_weights()
    np.testing.assert_array_equal(W1, [[1, -3], [2, -2]])
    np.testing.assert_array_equal(b1, [-3, 1])
    np.testing.assert_array_equal(W2, [[1], [1]])
    np.testing.assert_array_equal(b2, [-1])
    np.testing.assert_array_equal(poids_plats(m), P)


def test_aller_retour_et_erreurs():
    formes = [(3, 4), (4, 2), (2, 1)]
    v = np.arange(sum((n + 1) * p for n, p in formes), dtype=float)
    np.testing.assert_array_equal(depuis_keras(vers_keras(v, formes)), v)
    with pytest.raises(ValueError, match=r"vecteur doit avoir 9 valeurs pour ce réseau .*reçu 8 valeurs"):
        vers_keras(np.zeros(8), [(2, 2), (2, 1)])
    with pytest.raises(TypeError, match=r"vecteur doit être un tableau de nombres, reçu \['a'\]"):
        vers_keras(["a"], [(0, 1)])


def test_modele_non_dense_refuse_sans_rien_modifier():
    m = Sequential([Input(shape=(2,)), Dense(2), keras.layers.Dropout(0.5), Dense(1)])
    avant = [w.copy() for w in m.get_weights()]
    with pytest.raises(ValueError, match=r"couche doit désigner une couche Dense, reçu 1 \(int\), une couche Dropout"):
        definir_poids_plats(m, np.zeros(9))
    with pytest.raises(ValueError, match=r"couche doit désigner une couche Dense"):
        poids_plats(m)
    for a, b in zip(avant, m.get_weights()):
        np.testing.assert_array_equal(a, b)
