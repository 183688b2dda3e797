"""Le nom court « heaviside » enregistré auprès de Keras (ticket 13, mutation)."""
import keras
import numpy as np
from keras.src import activations as activations_keras

from keras_facile import activations
from keras_facile.activations import heaviside


def test_heaviside_h0_vaut_1():
    np.testing.assert_array_equal(np.asarray(heaviside(np.array([-2.0, -1e-7, 0.0, 3.0]))), [0, 0, 1, 1])
    np.testing.assert_array_equal(np.asarray(heaviside(np.array([-1, 0, 2]))), [0.0, 1.0, 1.0])


def test_enregistrer_nom_court_rend_heaviside_trouvable(monkeypatch):
    monkeypatch.delitem(activations_keras.ALL_OBJECTS_DICT, "heaviside")
    activations._enregistrer_nom_court()
    assert activations_keras.ALL_OBJECTS_DICT["heaviside"] is heaviside
    assert keras.activations.get("heaviside") is heaviside
    # un nom déjà pris n'est pas remplacé
    autre = lambda x: x
    monkeypatch.setitem(activations_keras.ALL_OBJECTS_DICT, "heaviside", autre)
    activations._enregistrer_nom_court()
    assert activations_keras.ALL_OBJECTS_DICT["heaviside"] is autre
