"""Chapitre 21 : normalisation par lots et par couche, pénalités L1/L2, dropout, arrêt précoce,
augmentation, grille dropout × weight decay ; chaque morceau écrit à la main contre Keras."""
import numpy as np
import pytest
from scipy.optimize import minimize

from keras_facile import regularisation as rg

BN_EPS0 = [-1.5 / np.sqrt(1.25), -0.5 / np.sqrt(1.25), 0.5 / np.sqrt(1.25), 1.5 / np.sqrt(1.25)]
BN_EPS_KERAS = [v * np.sqrt(1.25) / np.sqrt(1.25 + 1e-3) for v in BN_EPS0]


# ----------------------------------------------------------------------------
# Le chapitre entier, en --rapide, sur les données factices
# ----------------------------------------------------------------------------

def test_chapitre_21(lancer_chapitre):
    r, figures = lancer_chapitre(21)
    a = r["bn-avant"]
    assert list(a["BN [1,2,3,4], ε = 0"]) == pytest.approx([-1.341641, -0.447214, 0.447214, 1.341641], abs=1e-6)
    assert list(a["BN [1,2,3,4], ε = 1e-3"]) == pytest.approx([-1.341104, -0.447035, 0.447035, 1.341104], abs=1e-6)
    assert list(a["keras BatchNormalization"]) == pytest.approx(BN_EPS_KERAS, abs=1e-6)
    assert list(a["code de 000 (écart type non biaisé)"]) == pytest.approx([-1.161886, -0.387295, 0.387295, 1.161886],
                                                                          abs=1e-6)
    assert a["écart avec Keras"] < 1e-6 and a["lot 32 × 5, ε = 1e-5 : écart avec Keras"] < 2e-6

    b = r["bn-arriere"]
    assert b["écart avec GradientTape (float64)"] < 1e-12
    assert b["écart avec la couche Keras (float32)"] < 1e-5

    m = r["bn-moyennes"]
    assert m["moyenne mobile après un pas"] == pytest.approx(0.025, abs=1e-7)
    assert m["variance mobile après un pas"] == pytest.approx(1.0025, abs=1e-6)      # variance biaisée 1.25
    assert m["inférence : écart avec la main"] < 1e-5 and m["entraînement : écart avec la main"] < 1e-5
    # en inférence, les moyennes mobiles (≈ 0 et 1) laissent la sortie loin de celle de l'entraînement
    assert np.max(np.abs(m["sortie_inference"] - m["sortie_entrainement"])) > 1.0
    assert m["pas pour 99 % de la moyenne"] == 459
    assert m["écart avec 2.5 (1 − 0.99ⁿ)"] < 1e-4
    x, y = (np.asarray(v) for v in (m["fig_moyenne"].axes[0].lines[0].get_xdata(),
                                    m["fig_moyenne"].axes[0].lines[0].get_ydata()))
    np.testing.assert_allclose(y, 2.5 * (1 - 0.99 ** x), atol=1e-4)

    ln = r["layernorm"]
    assert ln["écart avec LayerNormalization"] < 1e-5
    assert ln["un exemple seul = le même exemple dans le lot"] < 1e-6
    assert ln["training=True et False : écart"] == 0
    assert list(ln["LayerNorm de [1, 2, 3, 4] (un exemple)"]) == pytest.approx(BN_EPS_KERAS, abs=1e-6)

    p = r["penalites"]
    assert p["keras.regularizers.L2(0.01)([1, 2])"] == pytest.approx(0.05, abs=1e-8)
    assert p["à la main : 0.01 × (1² + 2²)"] == pytest.approx(0.05, abs=1e-12)
    assert p["keras.regularizers.L1(0.01)([1, 2])"] == pytest.approx(0.03, abs=1e-8)
    assert p["à la main : 0.01 × (|1| + |2|)"] == pytest.approx(0.03, abs=1e-12)
    assert p["pénalité du modèle = λ Σ w²"] == pytest.approx(rg.penalite_l2(p["W0"], p["LAMBDA"]), rel=1e-6)
    assert p["pas SGD + L2(λ) : écart avec la main"] < 1e-6
    assert p["SGD(weight_decay=2λ) : écart"] < 1e-6

    c = r["l1-creux"]
    assert c["resultats"]["support ISTA"] == c["resultats"]["vrai support"]
    assert c["resultats"]["support Keras (|w| > 0.05)"] == c["resultats"]["vrai support"]
    assert len(c["resultats"]["vrai support"]) == 10 and c["resultats"]["non nuls des moindres carrés"] == 100
    assert c["ISTA : écart avec scipy"] < 1e-5 and c["ISTA : écart avec Keras + L1"] < 0.01
    assert c["resultats"]["erreur ‖w − w_vrai‖ ISTA"] < c["resultats"]["erreur ‖w − w_vrai‖ moindres carrés"]

    d = r["dropout"]
    assert d["formule avec le masque de Keras : écart"] < 1e-6
    assert d["resultats"]["valeurs_main"] == d["resultats"]["valeurs_ch16"] == [0.0, 1.6667]
    assert d["resultats"]["valeurs_keras"] == pytest.approx([0.0, 1 / 0.6], abs=1e-6)
    assert d["part gardée (Keras, rate = 0.4)"] == pytest.approx(0.6, abs=0.01)
    assert d["part gardée (à la main)"] == pytest.approx(0.6, abs=0.01)
    assert d["resultats"]["moyenne_main"] == pytest.approx(1.0, abs=0.01)
    assert d["resultats"]["inference_keras"] == d["resultats"]["inference_main"] == [1.0]

    e = r["arret-precoce"]
    pertes = np.asarray(e["pertes_val"])
    assert e["arret"].best_epoch == int(np.argmin(pertes))
    assert e["perte de validation des poids repris"] == pytest.approx(pertes.min(), abs=1e-4)
    assert 0.15 < e["th. 3.8 : plus grand écart des facteurs"] < 0.25     # une ressemblance, pas une égalité

    g = r["augmentation"]
    assert g["inférence : plus grand écart à l'identité"] == 0
    assert "autre" not in g["retournement"]
    assert all(n == len(g["images"]) for nom, n in g["changees"].items() if nom != "RandomFlip('horizontal')")

    q = r["grille"]
    assert q["grille"].shape == (2, 2) and np.all((q["grille"] >= 0) & (q["grille"] <= 1))
    (i, j), (k, l) = rg.meilleure_et_pire(q["grille"])
    assert q["grille"][i, j] == q["grille"].max() and q["grille"][k, l] == q["grille"].min()
    assert q["meilleure_case"] == [q["TAUX_DROPOUT"][i], q["WEIGHT_DECAYS"][j]]
    assert q["pire_case"] == [q["TAUX_DROPOUT"][k], q["WEIGHT_DECAYS"][l]]
    attendues = ["ch21-moyenne-mobile", "ch21-l1-creux", "ch21-arret-precoce", "ch21-augmentation", "ch21-grille"]
    assert sorted(f.stem for f in figures.glob("*.png")) == sorted(attendues)


# ----------------------------------------------------------------------------
# Chaque morceau écrit à la main, contre Keras / TensorFlow / SciPy
# ----------------------------------------------------------------------------

def test_batchnorm_avant_valeurs_exactes():
    y0, _ = rg.batchnorm_avant([1, 2, 3, 4], epsilon=0)
    y3, _ = rg.batchnorm_avant([1, 2, 3, 4])
    np.testing.assert_allclose(y0, BN_EPS0, rtol=1e-14)
    np.testing.assert_allclose(y3, BN_EPS_KERAS, rtol=1e-14)
    assert np.round(y0, 4).tolist() == [-1.3416, -0.4472, 0.4472, 1.3416]
    assert np.round(y3, 4).tolist() == [-1.3411, -0.447, 0.447, 1.3411]
    y, _ = rg.batchnorm_avant([1, 2, 3, 4], gamma=2.0, beta=-1.0, epsilon=0)
    np.testing.assert_allclose(y, 2 * np.array(BN_EPS0) - 1, rtol=1e-14)


@pytest.mark.parametrize("epsilon", [1e-3, 1e-5])
def test_batchnorm_avant_contre_keras(epsilon):
    import keras

    rng = np.random.default_rng(1)
    x = rng.normal(-2.0, 4.0, size=(16, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    couche = keras.layers.BatchNormalization(epsilon=epsilon)
    couche.build((None, 4))
    couche.gamma.assign(gamma.astype("float32"))
    couche.beta.assign(beta.astype("float32"))
    k = np.asarray(couche(x.astype("float32"), training=True))
    np.testing.assert_allclose(rg.batchnorm_avant(x, gamma, beta, epsilon)[0], k, atol=5e-6)


def test_batchnorm_arriere_contre_gradienttape():
    import tensorflow as tf

    rng = np.random.default_rng(7)
    x = rng.normal(size=(5, 2)) * 10
    gamma, beta, delta = rng.normal(size=2), rng.normal(size=2), rng.normal(size=(5, 2))
    _, cache = rg.batchnorm_avant(x, gamma, beta, epsilon=1e-5)
    dx, dg, db = rg.batchnorm_arriere(delta, cache)
    variables = [tf.Variable(v) for v in (x, gamma, beta)]
    with tf.GradientTape() as bande:
        mu, var = tf.nn.moments(variables[0], axes=[0])
        y = variables[1] * (variables[0] - mu) / tf.sqrt(var + 1e-5) + variables[2]
        perte = tf.reduce_sum(delta * y)
    for a, b in zip((dx, dg, db), bande.gradient(perte, variables)):
        np.testing.assert_allclose(a, b.numpy(), atol=1e-12)
    np.testing.assert_allclose(dx.sum(axis=0), 0, atol=1e-12)          # la moyenne du lot est retirée
    # une seule variable (forme (m,)) : la forme est gardée
    y1, c1 = rg.batchnorm_avant([1.0, 2.0, 4.0])
    assert y1.shape == (3,) and rg.batchnorm_arriere([1.0, 0.0, 0.0], c1)[0].shape == (3,)


def test_moyennes_mobiles_contre_keras():
    import keras

    x = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 0.0], [4.0, -6.0]], dtype="float32")
    couche = keras.layers.BatchNormalization()
    couche.build((None, 2))
    moyenne, variance = np.zeros(2), np.ones(2)
    for k in range(3):
        couche(x * (k + 1), training=True)
        moyenne, variance = rg.moyennes_mobiles(moyenne, variance, x * (k + 1))
    np.testing.assert_allclose(couche.moving_mean.numpy(), moyenne, rtol=1e-5)
    np.testing.assert_allclose(couche.moving_variance.numpy(), variance, rtol=1e-5)
    m1, v1 = rg.moyennes_mobiles(0.0, 1.0, [1, 2, 3, 4])
    assert (float(m1[0]), float(v1[0])) == (pytest.approx(0.025), pytest.approx(1.0025))
    assert rg.pas_pour_atteindre(0.99) == 459 and 1 - 0.99 ** 459 >= 0.99 > 1 - 0.99 ** 458
    assert rg.pas_pour_atteindre(0.5, momentum=0.5) == 1


def test_layernorm_contre_keras():
    import keras

    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 8)) * 5
    gamma, beta = rng.normal(size=8), rng.normal(size=8)
    couche = keras.layers.LayerNormalization()
    couche.build((None, 3, 8))
    couche.gamma.assign(gamma.astype("float32"))
    couche.beta.assign(beta.astype("float32"))
    np.testing.assert_allclose(rg.layernorm(x, gamma, beta), np.asarray(couche(x.astype("float32"))), atol=5e-6)
    np.testing.assert_allclose(rg.layernorm([[1, 2, 3, 4]])[0], BN_EPS_KERAS, rtol=1e-14)


def test_penalites_contre_keras():
    import keras
    import tensorflow as tf

    assert rg.penalite_l2([1, 2], 0.01) == pytest.approx(0.05, abs=1e-15)
    assert rg.penalite_l1([1, 2], 0.01) == pytest.approx(0.03, abs=1e-15)
    assert float(keras.regularizers.L2(0.01)(np.array([1.0, 2.0]))) == pytest.approx(0.05, abs=1e-8)
    assert float(keras.regularizers.L1(0.01)(np.array([1.0, 2.0]))) == pytest.approx(0.03, abs=1e-8)
    w = np.random.default_rng(0).normal(size=(4, 3))
    for lam in (0.0, 0.003, 0.5):
        assert float(keras.regularizers.L2(lam)(w)) == pytest.approx(rg.penalite_l2(w, lam), rel=1e-6, abs=1e-9)
        assert float(keras.regularizers.L1(lam)(w)) == pytest.approx(rg.penalite_l1(w, lam), rel=1e-6, abs=1e-9)
    v = tf.Variable(w)
    with tf.GradientTape() as bande:
        penalite = keras.regularizers.L2(0.2)(v)
    np.testing.assert_allclose(bande.gradient(penalite, v).numpy(), rg.gradient_l2(w, 0.2), rtol=1e-6)   # 2λw


def test_dropout_inverse():
    import keras

    rng = np.random.default_rng(0)
    x = np.full(200000, 3.0)
    y = rg.dropout_inverse(x, 0.25, rng)
    assert sorted(set(y.tolist())) == [0.0, 4.0]                   # gardé : 3 / (1 − 0.25)
    assert np.mean(y > 0) == pytest.approx(0.75, abs=0.005) and y.mean() == pytest.approx(3.0, abs=0.02)
    np.testing.assert_array_equal(rg.dropout_inverse(x, 0.25, entrainement=False), x)
    np.testing.assert_array_equal(rg.dropout_inverse(x, 0.0, rng), x)
    k = np.asarray(keras.layers.Dropout(0.25, seed=1)(x.astype("float32"), training=True))
    np.testing.assert_allclose(k, np.where(k != 0, x / 0.75, 0.0), rtol=1e-6)   # même règle que Keras
    assert np.mean(k > 0) == pytest.approx(0.75, abs=0.005)


def test_lasso_ista_contre_scipy_et_support():
    X, y, w_vrai = rg.probleme_creux(n=100, p=100, k=10, bruit=0.1, graine=1)
    assert X.shape == (100, 100) and y.shape == (100,) and np.count_nonzero(w_vrai) == 10
    assert np.all((np.abs(w_vrai[w_vrai != 0]) >= 1) & (np.abs(w_vrai[w_vrai != 0]) <= 3))
    lam = 0.1
    w, b, _ = rg.lasso_ista(X, y, lam)
    assert rg.support(w).tolist() == rg.support(w_vrai).tolist()
    n, p = X.shape

    def f(uv):
        r = X @ (uv[:p] - uv[p:2 * p]) + uv[-1] - y
        return r @ r / n + lam * uv[:2 * p].sum()

    sol = minimize(f, np.zeros(2 * p + 1), method="L-BFGS-B", bounds=[(0, None)] * (2 * p) + [(None, None)],
                   options={"maxiter": 20000, "ftol": 1e-15, "gtol": 1e-12})
    np.testing.assert_allclose(w, sol.x[:p] - sol.x[p:2 * p], atol=1e-5)
    assert b == pytest.approx(sol.x[-1], abs=1e-5)
    # conditions d'optimalité : |gradient| ≤ λ sur les zéros, = −λ sign(w) ailleurs
    g = 2 / n * X.T @ (X @ w + b - y)
    zeros = w == 0
    assert np.all(np.abs(g[zeros]) <= lam + 1e-8)
    np.testing.assert_allclose(g[~zeros], -lam * np.sign(w[~zeros]), atol=1e-8)
    np.testing.assert_array_equal(rg.seuillage_doux([-3.0, -0.5, 0.2, 2.0], 1.0), [-2.0, 0.0, 0.0, 1.0])


def test_modele_et_grille():
    m = rg.modele_regularise(0.3)
    assert m.count_params() == 271370
    assert sum(int(np.prod(v.shape)) for v in m.trainable_variables) == 270346       # + 1 024 statistiques de BN
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(64, 20)).astype("float32"), rng.integers(0, 3, size=64)
    appels = []
    g = rg.grille_dropout_weight_decay(x[:48], y[:48], x[48:], y[48:], [0.0, 0.5], [0.0, 1e-3, 1e-2], epoques=1,
                                       batch_size=16, rappel=lambda i, j, a: appels.append((i, j)),
                                       sans_compilation=True)
    assert g.shape == (2, 3) and appels == [(i, j) for i in range(2) for j in range(3)]
    assert np.all(np.isin(np.round(g * 16), np.arange(17)))           # des parts de 16 images de validation
    assert rg.meilleure_et_pire([[0.1, 0.9], [0.05, 0.5]]) == ((0, 1), (1, 0))
    assert rg.meilleure_et_pire(benchmarks_source()) == ((2, 2), (4, 4))   # 002 §3.11 : (0.3, 1e-4) et (0.7, 1e-2)


def benchmarks_source():
    return [[0.9812, 0.9821, 0.9835, 0.9801, 0.9754], [0.9838, 0.9842, 0.9851, 0.9828, 0.9773],
            [0.9845, 0.9849, 0.9856, 0.9839, 0.9790], [0.9831, 0.9835, 0.9843, 0.9821, 0.9779],
            [0.9762, 0.9770, 0.9778, 0.9755, 0.9701]]


@pytest.mark.parametrize("appel, message", [
    (lambda: rg.batchnorm_avant([[1.0], [1.0]], epsilon=0), "constante"),
    (lambda: rg.batchnorm_avant([], epsilon=1e-3), "x doit"),
    (lambda: rg.batchnorm_arriere([1.0, 2.0], {"a": 1}), "cache doit"),
    (lambda: rg.batchnorm_arriere([1.0, 2.0], rg.batchnorm_avant([1.0, 2.0, 3.0])[1]), "même forme"),
    (lambda: rg.dropout_inverse([1.0], 1.0), "taux doit"),
    (lambda: rg.penalite_l2([1.0], -0.1), "lam doit"),
    (lambda: rg.probleme_creux(k=200), "k doit"),
    (lambda: rg.modele_regularise(dropout=1.5), "dropout doit"),
    (lambda: rg.pas_pour_atteindre(1.0), "part doit"),
])
def test_erreurs_en_francais(appel, message):
    with pytest.raises((TypeError, ValueError), match=message):
        appel()
