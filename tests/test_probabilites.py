"""keras_facile.probabilites : les formules du livre (chapitre 16) contre Keras, TensorFlow et SciPy."""
import numpy as np
import pytest
import scipy.stats

from keras_facile import probabilites as pb
import keras
import tensorflow as tf


def test_softmax_du_livre_et_contre_keras():
    X = [3, 1, 8, 6, 0]
    s = pb.softmax(X)
    assert np.round(s, 4).tolist() == [0.0059, 0.0008, 0.8746, 0.1184, 0.0003]     # proba1.py
    assert s.sum() == pytest.approx(1.0) and int(np.argmax(s)) == 2
    rng = np.random.default_rng(0)
    M = rng.normal(scale=5, size=(7, 4))
    np.testing.assert_allclose(pb.softmax(M), keras.ops.convert_to_numpy(keras.ops.softmax(M)), atol=1e-6)
    # sur chaque ligne d'un lot, comme keras.ops.softmax(axis=-1)
    np.testing.assert_allclose(pb.softmax(M).sum(axis=-1), np.ones(7))
    # Retirer le maximum évite le débordement : même résultat qu'avec des valeurs modestes
    np.testing.assert_allclose(pb.softmax([1000.0, 1001.0]), pb.softmax([0.0, 1.0]))


def test_jacobien_softmax_contre_gradienttape():
    X = np.array([3.0, 1.0, 8.0, 6.0, 0.0])
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = keras.ops.softmax(x)
    np.testing.assert_allclose(pb.jacobien_softmax(X), tape.jacobian(y, x).numpy(), atol=1e-12)


@pytest.mark.parametrize("nom, nous, keras_perte, y, y_tilde, livre", [
    ("MSE", pb.erreur_quadratique_moyenne, keras.losses.MeanSquaredError(),
     [1, 2, 5, 1, 3], [1.2, 1.9, 4.5, 1.1, 2.7], 0.08),
    ("MAE", pb.erreur_absolue_moyenne, keras.losses.MeanAbsoluteError(),
     [1, 2, 5, 1, 3], [1.2, 1.9, 4.5, 1.1, 2.7], 0.24),
    ("MSLE", pb.erreur_log_moyenne, keras.losses.MeanSquaredLogarithmicError(),
     [1, 5, 10, 100], [2, 4, 8, 105], 0.0600616),
    ("BCE", pb.entropie_croisee_binaire, keras.losses.BinaryCrossentropy(),
     [1, 0, 1, 1, 0, 1], [0.9, 0.2, 0.8, 1, 0.1, 0.7], 0.168947),
])
def test_erreurs_du_livre_egales_a_keras(nom, nous, keras_perte, y, y_tilde, livre):
    valeur = nous(y, y_tilde)
    assert valeur == pytest.approx(livre, abs=1e-6), nom
    y32, t32 = np.asarray(y, "float32"), np.asarray(y_tilde, "float32")
    # keras.losses moyenne sur le dernier axe : une ligne de N valeurs = la moyenne du livre
    assert float(keras_perte(y32[None, :], t32[None, :])) == pytest.approx(valeur, abs=1e-5), nom


def test_erreurs_sur_donnees_au_hasard_egales_a_keras():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, size=(1, 50)).astype("float32")
    t = rng.uniform(0, 1, size=(1, 50)).astype("float32")
    assert float(keras.losses.BinaryCrossentropy()(y, t)) == pytest.approx(pb.entropie_croisee_binaire(y, t), rel=1e-5)
    assert float(keras.losses.MeanSquaredError()(y, t)) == pytest.approx(pb.erreur_quadratique_moyenne(y, t), rel=1e-5)
    Y = keras.utils.to_categorical(rng.integers(0, 4, size=20), 4)
    P = pb.softmax(rng.normal(size=(20, 4))).astype("float32")
    assert float(keras.losses.CategoricalCrossentropy()(Y, P)) == pytest.approx(pb.entropie_croisee(Y, P), rel=1e-5)
    # Entropie croisée catégorielle à une seule classe = entropie croisée binaire écrite sur deux colonnes
    yb, tb = y[0], t[0]
    deux = pb.entropie_croisee(np.stack([yb, 1 - yb], axis=1), np.stack([tb, 1 - tb], axis=1))
    assert deux == pytest.approx(pb.entropie_croisee_binaire(yb, tb), rel=1e-5)


def test_entropie_croisee_binaire_bornee_par_epsilon():
    """ỹ = 0 quand y = 1 : ln 0 serait infini ; ε = 1e-7 borne l'erreur à −ln ε ≈ 16.1 (comme Keras)."""
    assert pb.entropie_croisee_binaire([1], [0]) == pytest.approx(-np.log(1e-7))
    assert float(keras.losses.binary_crossentropy(np.array([1.0]), np.array([0.0]))) == pytest.approx(
        -np.log(1e-7), rel=1e-4)


def test_moyenne_variance_standardisation_et_loi_normale():
    tailles = np.array([172, 165, 187, 181, 167, 184, 168, 174, 180, 186])   # proba3.py
    z = pb.standardiser(tailles)
    assert z.mean() == pytest.approx(0, abs=1e-12) and z.std() == pytest.approx(1)
    np.testing.assert_allclose(z, scipy.stats.zscore(tailles))
    x = np.linspace(-5, 5, 101)
    np.testing.assert_allclose(pb.loi_normale(x, 2.0, 1.5), scipy.stats.norm.pdf(x, 2.0, 1.5), rtol=1e-12)
    assert pb.normaliser([2, 4, 6], -1, 1).tolist() == [-1, 0, 1]
    assert pb.normaliser([2, 4, 6]).tolist() == [0, 0.5, 1]


def test_dropout_du_livre_contre_keras():
    """Le livre garde un neurone avec la probabilité p ; Keras en éteint avec rate = 1 − p. Même loi, même 1/p."""
    p = 0.8
    x = np.ones(20000)
    nous = pb.dropout_livre(x, p, rng=np.random.default_rng(3))
    eux = keras.ops.convert_to_numpy(keras.layers.Dropout(rate=1 - p, seed=3)(x.astype("float32"), training=True))
    for sortie in (nous, eux):
        assert set(np.unique(np.round(sortie, 6))) == {0.0, 1.25}
        assert (sortie > 0).mean() == pytest.approx(p, abs=0.01)     # ±3 écarts types de Bernoulli (0.0028)
        assert sortie.mean() == pytest.approx(1.0, abs=0.015)      # l'espérance est conservée
    np.testing.assert_array_equal(pb.dropout_livre(x[:3], p, entrainement=False), x[:3])
    np.testing.assert_array_equal(pb.dropout_livre(x[:3], 1.0, rng=np.random.default_rng(0)), x[:3])


@pytest.mark.parametrize("appel, type_erreur, message", [
    (lambda: pb.erreur_quadratique_moyenne([1, 2], [1]), ValueError, r"y et y_tilde doivent avoir la même forme, reçu \(2,\) et \(1,\)"),
    (lambda: pb.erreur_absolue_moyenne([1, "a"], [1, 2]), TypeError, r"y doit être un tableau de nombres, reçu \[1, 'a'\]"),
    (lambda: pb.entropie_croisee_binaire([1, 0], [0.5, np.nan]), ValueError, r"y_tilde doit être un tableau de nombres finis"),
    (lambda: pb.normaliser([3, 3]), ValueError, r"Y doit contenir au moins deux valeurs différentes, reçu un tableau .* valent 3"),
    (lambda: pb.dropout_livre([1.0], 0), ValueError, r"p doit être un nombre de \]0, 1\], reçu 0 \(int\)"),
    (lambda: pb.dropout_livre([1.0], 1.5), ValueError, r"p doit être un nombre de \]0, 1\], reçu 1.5 \(float\)"),
    (lambda: pb.dropout_livre([1.0], "0.5"), TypeError, r"p doit être un nombre de \]0, 1\], reçu '0.5' \(str\)"),
    (lambda: pb.dropout_livre([1.0], 0.5, entrainement="non"), TypeError, r"entrainement doit être True ou False, reçu 'non'"),
])
def test_erreurs_en_francais(appel, type_erreur, message):
    with pytest.raises(type_erreur, match=message):
        appel()
