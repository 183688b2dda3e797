"""Fiabilité (issue 12, item 9) : des formes incompatibles avec le modèle sont refusées avant tout calcul."""
import numpy as np
import pytest

import keras
from keras_facile import Dense, Input, Sequential, get_weights_grad, gradient_entree
from keras_facile.entrainement import entrainer_rapide


def _modele(sorties=1, perte="mse"):
    keras.utils.set_random_seed(0)
    m = Sequential([Input(shape=(2,)), Dense(3, activation="tanh"), Dense(sorties)])
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss=perte)
    return m


def _memes_poids(avant, apres):
    return all(np.array_equal(a, b) for a, b in zip(avant, apres))


def test_get_weights_grad_refuse_Y_diffuse():
    m = _modele()
    X = np.random.default_rng(0).normal(size=(5, 2))
    with pytest.raises(ValueError, match=r"^Y doit être un tableau de forme \(N, 1\), la forme de sortie du modèle, "
                                         r"reçu un tableau de forme \(5, 2\)"):
        get_weights_grad(m, X, np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"^X doit être un tableau de forme \(N, 2\), la forme d'entrée.*\(5, 3\)"):
        get_weights_grad(m, np.zeros((5, 3)), np.zeros((5, 1)))
    # les formes justes (et Y en vecteur pour une sortie) marchent toujours
    g1 = get_weights_grad(m, X, np.ones((5, 1)))
    g2 = get_weights_grad(m, X, np.ones(5))
    assert all(np.allclose(a, b) for a, b in zip(g1, g2))


def test_get_weights_grad_perte_sparse_accepte_les_numeros_de_classe():
    m = _modele(sorties=3, perte="sparse_categorical_crossentropy")
    X = np.random.default_rng(1).normal(size=(4, 2))
    g = get_weights_grad(m, X, np.array([0, 2, 1, 0]))
    assert [x.shape for x in g] == [w.shape for w in m.get_weights()]
    with pytest.raises(ValueError, match=r"^Y doit être un tableau de forme \(N,\) ou \(N, 1\)"):
        get_weights_grad(m, X, np.zeros((4, 3)))


def test_entrainer_rapide_refuse_Y_4x3_sans_toucher_aux_poids():
    m = _modele()
    avant = [w.copy() for w in m.get_weights()]
    with pytest.raises(ValueError, match=r"^Y doit être un tableau de forme \(N, 1\).*reçu un tableau de forme \(4, 3\)"):
        entrainer_rapide(m, np.zeros((4, 2)), np.ones((4, 3)), epochs=5)
    assert _memes_poids(avant, m.get_weights())
    # la même chose avec la bonne forme entraîne bien (les poids changent)
    entrainer_rapide(m, np.zeros((4, 2)), np.ones((4, 1)), epochs=5)
    assert not _memes_poids(avant, m.get_weights())


def test_gradient_entree_refuse_Y_diffuse():
    m = _modele()
    with pytest.raises(ValueError, match=r"^Y doit être un tableau de forme \(N, 1\).*\(3, 2\)"):
        gradient_entree(m, np.zeros((3, 2)), np.zeros((3, 2)))
    assert gradient_entree(m, np.zeros((3, 2)), np.zeros(3)).shape == (3, 2)
