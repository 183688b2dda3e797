"""Fiabilité (issue 12, item 7) : verifier_gradient ne touche pas aux statistiques d'une BatchNormalization."""
import numpy as np

import keras
from keras_facile import Dense, Input, Sequential, verifier_gradient


def test_verifier_gradient_laisse_les_moyennes_mobiles_intactes():
    keras.utils.set_random_seed(0)
    m = Sequential([Input(shape=(3,)), Dense(4), keras.layers.BatchNormalization(), Dense(1)])
    m.compile(optimizer="sgd", loss="mse")
    rng = np.random.default_rng(0)
    X, Y = rng.normal(3.0, 2.0, size=(16, 3)), rng.normal(size=(16, 1))
    avant = [w.copy() for w in m.get_weights()]
    bn = m.layers[1]
    moyenne_avant = np.array(bn.moving_mean.numpy(), copy=True)
    resultat = verifier_gradient(m, X, Y, max_poids=20)
    assert resultat["poids_verifies"] == 20
    assert resultat["ecart_relatif_max"] < 1e-2        # le gradient est toujours vérifié
    apres = m.get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(avant, apres))
    assert np.array_equal(bn.moving_mean.numpy(), moyenne_avant)
    # témoin : un appel en mode entraînement modifie bien ces moyennes (le test pouvait échouer)
    m(X.astype("float32"), training=True)
    assert not np.array_equal(bn.moving_mean.numpy(), moyenne_avant)
