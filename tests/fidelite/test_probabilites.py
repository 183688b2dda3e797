"""Probabilités du chapitre 16 : valeurs calculées à la main ou par SciPy (ticket 13, mutation)."""
import math

import numpy as np
import pytest
from scipy import special, stats

from keras_facile.probabilites import (
    EPSILON, dropout_livre, entropie_croisee, entropie_croisee_binaire, erreur_absolue_moyenne,
    erreur_log_moyenne, erreur_quadratique_moyenne, jacobien_softmax, loi_normale, normaliser, softmax,
    standardiser,
)


def test_softmax_valeurs_du_livre_et_scipy():
    np.testing.assert_allclose(softmax([1, 2, 3]), [0.090031, 0.244728, 0.665241], atol=5e-7)
    X = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 10.0]])
    np.testing.assert_allclose(softmax(X), special.softmax(X, axis=-1), atol=1e-15)
    # de grandes valeurs ne débordent pas (le maximum est retiré de chaque ligne)
    np.testing.assert_allclose(softmax([1000.0, 1000.0]), [0.5, 0.5], atol=1e-15)
    np.testing.assert_allclose(softmax([[1000.0, 1001.0], [0.0, 1.0]]), special.softmax([[0, 1], [0, 1]], axis=-1))


def test_jacobien_softmax_formule():
    s = special.softmax([1.0, 2.0, 3.0])
    attendu = [[s[i] * ((i == j) - s[j]) for j in range(3)] for i in range(3)]
    np.testing.assert_allclose(jacobien_softmax([1, 2, 3]), attendu, atol=1e-15)


def test_erreurs_moyennes_a_la_main():
    y, y_tilde = [1, 2, 3], [2, 2, 5]
    assert erreur_quadratique_moyenne(y, y_tilde) == pytest.approx(5 / 3, abs=1e-15)
    assert erreur_absolue_moyenne(y, y_tilde) == pytest.approx(1.0, abs=1e-15)
    attendu = ((math.log(2) - math.log(3)) ** 2 + (math.log(4) - math.log(6)) ** 2) / 3
    assert erreur_log_moyenne(y, y_tilde) == pytest.approx(attendu, abs=1e-15)
    with pytest.raises(ValueError):
        erreur_quadratique_moyenne([1, 2], [1, 2, 3])


def test_entropie_croisee_binaire_du_livre_et_bornes():
    y, y_tilde = [1, 0, 1, 1, 0, 1], [0.9, 0.2, 0.8, 1, 0.1, 0.7]
    assert entropie_croisee_binaire(y, y_tilde) == pytest.approx(0.168947, abs=5e-7)
    # ỹ est ramené dans [ε, 1 − ε] : une prédiction sûre et fausse coûte −ln ε, pas l'infini
    assert entropie_croisee_binaire([0], [1.0]) == pytest.approx(-math.log(EPSILON), rel=1e-6)
    assert entropie_croisee_binaire([1], [0.0]) == pytest.approx(-math.log(1e-7), rel=1e-9)
    assert entropie_croisee_binaire([1, 0], [0.5, 0.25]) == pytest.approx(-(math.log(0.5) + math.log(0.75)) / 2)


def test_entropie_croisee_categorielle():
    y = [[0, 1, 0], [1, 0, 0]]
    y_tilde = [[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]]
    attendu = -(math.log(0.7) + math.log(0.5)) / 2
    assert entropie_croisee(y, y_tilde) == pytest.approx(attendu, abs=1e-12)
    # ỹ non normalisé : divisé par sa somme ; un seul exemple en 1 dimension
    assert entropie_croisee([0, 1, 0], [2, 7, 1]) == pytest.approx(-math.log(0.7), abs=1e-12)
    assert entropie_croisee([0, 1], [1.0, 0.0]) == pytest.approx(-math.log(1e-7), rel=1e-9)


def test_normaliser_et_standardiser():
    np.testing.assert_allclose(normaliser([2, 4, 6], 10, 20), [10, 15, 20])
    np.testing.assert_allclose(normaliser([5, 1, 3]), [1, 0, 0.5])
    np.testing.assert_allclose(normaliser([2, 4, 6], b=3), [0, 1.5, 3])
    with pytest.raises(ValueError, match="deux valeurs différentes"):
        normaliser([3, 3, 3])
    ecart = math.sqrt(1.25)            # écart type de la population de [1, 2, 3, 4]
    np.testing.assert_allclose(standardiser([1, 2, 3, 4]), [-1.5 / ecart, -0.5 / ecart, 0.5 / ecart, 1.5 / ecart])


def test_loi_normale_contre_scipy():
    x = np.array([-1.0, 0.0, 0.5, 2.0])
    np.testing.assert_allclose(loi_normale(x), stats.norm.pdf(x), atol=1e-15)
    np.testing.assert_allclose(loi_normale(x, mu=0.5, sigma=2.0), stats.norm.pdf(x, 0.5, 2.0), atol=1e-15)
    assert loi_normale(0.0) == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-15)


def test_dropout_du_livre():
    x = np.arange(1.0, 11.0)
    sortie = dropout_livre(x, 0.5, rng=np.random.default_rng(0))
    garde = np.random.default_rng(0).random(10) < 0.5       # chaque neurone gardé avec la probabilité p
    np.testing.assert_allclose(sortie, np.where(garde, x * 2, 0.0))
    assert 0 < garde.sum() < 10
    np.testing.assert_array_equal(dropout_livre(x, 0.3, entrainement=False), x)
    np.testing.assert_array_equal(dropout_livre(x, 1.0, rng=np.random.default_rng(1)), x)
    # sans générateur donné : environ une fraction p gardée, multipliée par 1/p
    grand = dropout_livre(np.ones(20000), 0.25)
    assert set(np.unique(grand)) <= {0.0, 4.0}
    assert abs((grand > 0).mean() - 0.25) < 0.02
    for p in (0, -0.1, 1.5):
        with pytest.raises(ValueError):
            dropout_livre(x, p)
    with pytest.raises(TypeError):
        dropout_livre(x, 0.5, entrainement="oui")


def test_calculs_en_float64_meme_pour_des_entrees_float32():
    x = np.array([0.1, 1.0 / 3.0, 2.0], dtype=np.float32)
    x64 = x.astype(np.float64)
    assert standardiser(x).dtype == np.float64
    np.testing.assert_allclose(standardiser(x), (x64 - x64.mean()) / x64.std(), rtol=1e-13)
    assert loi_normale(x).dtype == np.float64
    np.testing.assert_allclose(loi_normale(x), stats.norm.pdf(x64), rtol=1e-13)
    assert softmax(x).dtype == np.float64


def test_entropie_croisee_de_sequences_egale_keras():
    # y de forme (N, T, K) : somme sur les classes (dernier axe), moyenne sur le reste, comme Keras
    import keras

    rng = np.random.default_rng(0)
    y = np.eye(4)[rng.integers(0, 4, size=(2, 3))]
    y_tilde = rng.random((2, 3, 4)) + 0.1                 # non normalisées : divisées par leur somme
    attendu = float(np.mean(keras.losses.categorical_crossentropy(y, y_tilde)))
    assert entropie_croisee(y, y_tilde) == pytest.approx(attendu, rel=1e-6)
    attendu_main = -np.mean(np.sum(y * np.log(y_tilde / y_tilde.sum(axis=-1, keepdims=True)), axis=-1))
    assert entropie_croisee(y, y_tilde) == pytest.approx(attendu_main, rel=1e-12)


def test_entropie_croisee_prediction_parfaite_bornee_comme_keras():
    # ỹ est ramené dans [ε, 1 − ε] (convention de Keras) : une prédiction parfaite coûte −ln(1 − ε) ≈ 1e-7, pas 0
    assert entropie_croisee([[0, 1]], [[0, 1]]) == pytest.approx(-math.log(1 - EPSILON), rel=1e-9)
    assert entropie_croisee([0, 0, 1], [0, 0, 5]) == pytest.approx(-math.log(1 - EPSILON), rel=1e-9)


def test_normaliser_messages():
    with pytest.raises(ValueError) as e:
        normaliser([5])
    assert str(e.value) == ("Y doit contenir au moins deux valeurs différentes, reçu un tableau de forme (1,) (float64) "
                            "dont toutes les valeurs valent 5 : impossible de normaliser")
    with pytest.raises(TypeError) as e:
        normaliser([1, 2], b="x")
    assert str(e.value) == "b doit être un nombre réel fini, reçu 'x' (str)"
