"""Fiabilité (issue 12) : des messages français au lieu de tracebacks anglais sur l'API du livre."""
import numpy as np
import pytest

import keras
from keras_facile import Dense, Input, Sequential, evaluation, gradient_entree, verifier_gradient
from keras_facile.descente import descente, descente_stochastique, meilleur_pas
from keras_facile.evaluation import evaluer_lot


def f1(P):
    return float(np.sum(np.asarray(P) ** 2))


def g1(P):
    return 2 * np.asarray(P, dtype=float)


@pytest.fixture(scope="module")
def modele():
    m = Sequential([Input(shape=(2,)), Dense(1)])
    m.compile(loss="mse", optimizer="sgd")
    return m


def test_gradient_entree_modele_none(modele):
    with pytest.raises(TypeError, match=r"^modele doit être un modèle Keras .*reçu None \(NoneType\)"):
        gradient_entree(None, np.zeros((2, 2)))
    with pytest.raises(TypeError, match=r"^X doit être un tableau de nombres, reçu None"):
        gradient_entree(modele, None)


@pytest.mark.parametrize("epsilon, classe", [(0, ValueError), (-1e-3, ValueError), (float("nan"), ValueError),
                                             ("1e-4", TypeError)])
def test_verifier_gradient_epsilon(modele, epsilon, classe):
    avant = [w.copy() for w in modele.get_weights()]
    with pytest.raises(classe, match=r"^epsilon doit .*reçu"):
        verifier_gradient(modele, np.zeros((2, 2)), np.zeros((2, 1)), epsilon=epsilon)
    assert all(np.array_equal(a, b) for a, b in zip(avant, modele.get_weights()))


def test_evaluation_modele_a_deux_sorties_refuse_clairement():
    entree = keras.Input(shape=(2,))
    m = keras.Model(entree, [keras.layers.Dense(1)(entree), keras.layers.Dense(2)(entree)])
    with pytest.raises(ValueError, match=r"^modele doit être un réseau à une seule sortie, reçu un modèle à 2 sorties"):
        evaluation(m, 1.0, 2.0)
    with pytest.raises(ValueError, match=r"^modele doit être un réseau à une seule sortie"):
        evaluer_lot(m, np.zeros((3, 2)))


def test_descente_point_de_depart_vide():
    with pytest.raises(ValueError, match=r"^P0 doit être un tableau non vide, reçu"):
        descente(f1, g1, [], 0.1, 10)
    with pytest.raises(ValueError, match=r"^P0 doit être un tableau non vide, reçu"):
        descente_stochastique(lambda P, i: 0.0, lambda P, i: np.zeros(0), 4, [], 0.1, 2)


def test_meilleur_pas_candidats():
    with pytest.raises(ValueError, match=r"^candidats doit être un tableau non vide, reçu"):
        meilleur_pas(f1, g1, [1.0], candidats=[])
    with pytest.raises(ValueError, match=r"^candidats doit contenir des pas δ > 0, reçu"):
        meilleur_pas(f1, g1, [1.0], candidats=[-1, 0.1])
    with pytest.raises(TypeError, match=r"^candidats doit être un tableau de nombres, reçu"):
        meilleur_pas(f1, g1, [1.0], candidats=["a"])
    with pytest.raises(TypeError, match=r"^f doit être une fonction, reçu 'f'"):
        meilleur_pas("f", g1, [1.0])
    with pytest.raises(TypeError, match=r"^P doit être un tableau de nombres, reçu None"):
        meilleur_pas(f1, g1, None)
    # et les cas qui marchent : f(P − δ·2P) = (1 − 2δ)² minimal en δ = 0.5
    assert meilleur_pas(f1, g1, [1.0], candidats=[0.1, 0.5, 0.9]) == 0.5
    assert meilleur_pas(f1, g1, [1.0]) == pytest.approx(0.5)
    assert meilleur_pas(f1, g1, 1.0, candidats=0.3) == 0.3
