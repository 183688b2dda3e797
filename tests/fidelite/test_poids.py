"""Poids fixés à la main, affichage du livre, nom court « heaviside » (ticket 13, mutation)."""
import keras
import numpy as np
import pytest

from keras_facile.activations import heaviside
from keras_facile.poids import affiche_poids, definir_poids, poids_a_zeros


def reseau(entrees=2, cachee=3):
    return keras.Sequential([keras.Input(shape=(entrees,)), keras.layers.Dense(cachee), keras.layers.Dense(1)])


def test_heaviside_par_son_nom_court():
    assert keras.activations.get("heaviside") is heaviside
    couche = keras.layers.Dense(1, activation="heaviside")
    assert couche.activation is heaviside


def test_definir_poids_ne_touche_que_le_neurone_choisi():
    modele = reseau()
    avant_coeff, avant_biais = (w.copy() for w in modele.layers[0].get_weights())
    definir_poids(modele, 0, 1, [2.5, -1], 0.75)
    coeff, biais = modele.layers[0].get_weights()
    np.testing.assert_array_equal(coeff[:, 1], [2.5, -1])
    assert biais[1] == 0.75
    np.testing.assert_array_equal(np.delete(coeff, 1, axis=1), np.delete(avant_coeff, 1, axis=1))
    np.testing.assert_array_equal(np.delete(biais, 1), np.delete(avant_biais, 1))
    definir_poids(modele, 0, 2, (1, 2), -1)
    definir_poids(modele, 0, 0, np.array([3.0, 4.0]), 2)
    coeff, biais = modele.layers[0].get_weights()
    np.testing.assert_array_equal(coeff, [[3, 2.5, 1], [4, -1, 2]])
    np.testing.assert_array_equal(biais, [2, 0.75, -1])
    definir_poids(modele, 1, 0, [1, 1, 1], 0.5)
    np.testing.assert_array_equal(modele.layers[1].get_weights()[0][:, 0], [1, 1, 1])
    # une seule entrée : le coefficient peut être un nombre
    un = reseau(entrees=1, cachee=2)
    definir_poids(un, 0, 1, -3, 4)
    assert un.layers[0].get_weights()[0][0, 1] == -3 and un.layers[0].get_weights()[1][1] == 4


def test_definir_poids_refuse_sans_rien_changer():
    modele = reseau()
    avant = [w.copy() for w in modele.get_weights()]
    for args, erreur in [((0, 3, [1, 2], 0), ValueError), ((0, -1, [1, 2], 0), ValueError),
                         ((0, 0, [1, 2, 3], 0), ValueError), ((0, 0, [1], 0), ValueError),
                         ((0, 0, 1.0, 0), ValueError), ((0, 0, [[1, 2]], 0), TypeError),
                         ((0, 0, [[1, 2], 3], 0), TypeError), ((0, 0, {1, 2}, 0), TypeError),
                         ((0, 0, [1, "a"], 0), TypeError), ((0, 0, [1, 2], "b"), TypeError),
                         ((0, 0, [1, 2], 1e40), ValueError), ((0, 0, [1e40, 2], 0), ValueError)]:
        with pytest.raises(erreur):
            definir_poids(modele, *args)
    for w, v in zip(modele.get_weights(), avant):
        np.testing.assert_array_equal(w, v)
    with pytest.raises(ValueError, match="3 neurones"):
        definir_poids(modele, 0, 5, [1, 2], 0)
    with pytest.raises(ValueError, match="1 neurone\\b"):
        definir_poids(modele, 1, 1, [1, 2, 3], 0)
    with pytest.raises(ValueError, match="contenir 2 valeur"):
        definir_poids(modele, 0, 0, [1, 2, 3], 0)


def test_poids_a_zeros():
    modele = reseau()
    poids_a_zeros(modele, 1)
    coeff, biais = modele.layers[1].get_weights()
    assert coeff.shape == (3, 1) and not coeff.any() and not biais.any()
    assert modele.layers[0].get_weights()[0].any()


def test_affiche_poids_format_du_livre(capsys):
    modele = reseau(entrees=2, cachee=2)
    definir_poids(modele, 0, 0, [1, -1], 0.5)
    definir_poids(modele, 0, 1, [2, 3], -4)
    capsys.readouterr()
    affiche_poids(modele, 0)
    assert capsys.readouterr().out == (
        "\n\n===== Couche numéro 0 =====\n"
        "Nombre de neurones : 2\n"
        "Nombre d'entrées par neurones : 2\n"
        "Nombre de poids par neurones : 3\n"
        "\n"
        "    --- Neurone numéro 0 ---\n"
        "    Coefficients [ 1. -1.]\n"
        "    Biais 0.5\n"
        "    --- Neurone numéro 1 ---\n"
        "    Coefficients [2. 3.]\n"
        "    Biais -4.0\n"
    )
