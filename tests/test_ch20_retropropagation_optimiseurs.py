"""Chapitre 20 : rétropropagation à la main (= GradientTape), sept optimiseurs en numpy (= keras.optimizers),
premier pas d'Adam, plannings de taux (= keras.optimizers.schedules), course des optimiseurs, taux trop grand."""
import numpy as np
import pytest

import keras
import tensorflow as tf

from keras_facile import optimiseurs as opt


@pytest.fixture(scope="module")
def probleme():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((96, 12))
    y = (X[:, 0] - X[:, 3] > 0).astype(int) + (X[:, 5] > 0.8)
    return X, y, opt.initialiser_mlp([12, 10, 3], graine=1)


# ----------------------------------------------------------------------------
# Le chapitre, en version rapide (données factices)
# ----------------------------------------------------------------------------

def test_chapitre_20(lancer_chapitre):
    r, figures = lancer_chapitre(20)
    g = r["graphe"]
    assert list(g["∇f(1, 1) par GradientTape"]) == [2.0, 6.0]
    assert list(g["dL/dx (à la main)"]) == pytest.approx([-0.287470, 0.287470], abs=1e-6)
    assert list(g["dL/dw (à la main)"]) == pytest.approx([-0.574939, -0.862409], abs=1e-6)
    assert g["écart avec GradientTape"] < 1e-15
    assert list(g["p − y* (logits 2, 1, 0.1 ; catégorie 1)"]) == pytest.approx([0.659001, -0.757567, 0.098566],
                                                                                abs=1e-6)
    assert g["écart avec GradientTape (softmax + CE)"] < 1e-6

    b = r["retropropagation"]
    assert b["écart des gradients avec GradientTape"] < 1e-12 and b["écart des pertes (float64)"] < 1e-12
    assert b["écart avec les différences finies"] < 1e-8
    assert 0 < b["écart en float32"] < 1e-6

    m = r["mlp-manuel"]                 # le listing de 002 §2.7 relancé (graine 42), pas les nombres imprimés
    relance = {0: (1.0696, 0.4820), 20: (0.3643, 0.8550), 40: (0.2769, 0.8980), 60: (0.2310, 0.9190),
               80: (0.1998, 0.9310)}
    for epoque, (perte, exact) in relance.items():
        mesure = m[f"époque {epoque} : perte, exactitude"]
        assert mesure[0] == pytest.approx(perte, abs=5e-5) and mesure[1] == pytest.approx(exact, abs=1e-9)
    assert m["écart des pertes numpy / Keras"] < 1e-6 and m["le même, taux 0.1 arrondi en float32"] < 1e-12

    n = r["mnist-numpy"]
    assert n["nombre de poids"] == 101770
    assert abs(n["écart numpy − Keras"]) < 0.1          # 180 images factices : même réseau, mêmes résultats
    assert n["exactitude test (numpy)"] > 0.5           # chiffres factices faciles : le réseau apprend

    o = r["optimiseurs"]
    assert set(o["comparaisons"]) == {"SGD", "moment", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW"}
    assert o["plus grand écart avec keras.optimizers"] < 1e-5
    assert o["le même, réglages en float32 comme Keras"] < 1e-12
    assert o["plus petit déplacement d'un poids"] > 0.1
    for nom, c in o["comparaisons"].items():
        assert c["perte_finale"] < 0.5, nom             # chaque optimiseur fait vraiment baisser la perte

    a = r["premier-pas-adam"]
    assert a["g = 1e-3 : pas de 001 (ε sous la racine)"] == pytest.approx(-0.0995037, abs=5e-8)
    assert a["g = 1e-3 : pas de l'article"] == pytest.approx(-0.0999990, abs=5e-8)
    assert a["g = 1e-3 : pas de Keras (notre règle)"] == pytest.approx(-0.0996841, abs=5e-8)
    assert a["g = 1e-3 : keras.optimizers.Adam"] == pytest.approx(-0.0996841, abs=1e-7)
    assert a["g = 1 : plus grand écart entre variantes"] < 1e-6

    c = r["course"]
    assert set(c["course"]) == {"SGD", "moment", "Adam", "AdamW"}
    assert all(0 <= v["exactitude_test"] <= 1 and len(v["exactitude_val"]) == 1 for v in c["course"].values())
    assert isinstance(c["SGD < moment < Adam et AdamW (validation)"], bool)

    p = r["plannings"]
    assert p["montée + cosinus : écart avec CosineDecay"] < 1e-9 and p["paliers : écart avec ExponentialDecay"] < 1e-9
    assert list(p["taux aux pas 0, 50, 100, 550, 1000"]) == pytest.approx([0, 5e-4, 1e-3, 5.05e-4, 1e-5], abs=1e-12)
    assert p["Adam + planning : écart avec Keras"] < 1e-5

    t = r["taux-trop-grand"]
    b = t["balayage"]
    assert b[1.0]["perte_max"] > 10 * b[1e-3]["perte_max"]          # η = 1 : la perte explose
    assert b[1.0]["exactitude_val"] < b[1e-2]["exactitude_val"]
    assert t["Keras Adam(1) : exactitude de validation"] < 0.5
    attendues = ["ch20-optimiseurs", "ch20-course", "ch20-plannings", "ch20-taux"]
    assert sorted(f.stem for f in figures.glob("*.png")) == sorted(attendues)


# ----------------------------------------------------------------------------
# La rétropropagation contre GradientTape
# ----------------------------------------------------------------------------

@pytest.mark.parametrize("tailles", [[12, 3], [12, 10, 3], [12, 9, 7, 5, 3]])
def test_retropropagation_egale_gradienttape(probleme, tailles):
    X, y, _ = probleme
    params = opt.initialiser_mlp(tailles, graine=2)
    perte, grads = opt.retropropagation(params, X, y)
    perte_k, grads_k = opt.gradients_keras(opt.vers_keras(params), X, y)
    assert perte == pytest.approx(perte_k, abs=1e-12)
    assert [g.shape for g in grads] == [p.shape for p in params]
    for a, b in zip(grads, grads_k):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    # étiquettes en one-hot : mêmes gradients
    _, grads_oh = opt.retropropagation(params, X, np.eye(3)[y])
    for a, b in zip(grads, grads_oh):
        np.testing.assert_array_equal(a, b)


def test_differences_finies(probleme):
    X, y, params = probleme
    _, grads = opt.retropropagation(params, X, y)
    indices = [(0, (2, 4)), (1, (0,)), (2, (9, 2)), (3, (1,))]
    fd = opt.gradients_differences_finies(params, X, y, indices, h=1e-5)
    np.testing.assert_allclose(fd, [grads[k][i] for k, i in indices], atol=1e-9)


def test_propagation_et_exactitude(probleme):
    X, y, params = probleme
    z, _ = opt.propagation(params, X)
    np.testing.assert_allclose(z, opt.vers_keras(params)(X).numpy(), atol=1e-12)
    assert opt.exactitude(params, X, y) == np.mean(z.argmax(1) == y)
    assert opt.perte_entropie(params, X, y) == pytest.approx(opt.retropropagation(params, X, y)[0], abs=1e-12)
    np.testing.assert_allclose(opt.softmax(np.array([[1000.0, 1000.0]])), [[0.5, 0.5]])      # stable
    assert opt.nombre_parametres(opt.initialiser_mlp([784, 256, 128, 10])) == 235146      # 002 §1.6
    assert opt.mlp_keras([784, 256, 128, 10]).count_params() == 235146


def test_initialisation_de_he():
    W = opt.initialiser_mlp([400, 300], graine=0)[0]
    assert W.var() == pytest.approx(2 / 400, rel=0.02) and W.mean() == pytest.approx(0, abs=2e-3)


def test_erreurs_en_francais(probleme):
    X, y, params = probleme
    with pytest.raises(ValueError, match="X doit être un tableau de forme"):
        opt.propagation(params, X[:, :5])
    with pytest.raises(ValueError, match="y doit contenir des classes entre 0 et 2"):
        opt.retropropagation(params, X, y + 3)
    with pytest.raises(ValueError, match="params : la couche 1 attend"):
        opt.propagation([params[0], params[1], np.zeros((4, 3)), np.zeros(3)], X)
    with pytest.raises(ValueError, match="taux doit être un nombre > 0"):
        opt.SGD(0)
    with pytest.raises(ValueError, match="moment doit être un nombre de"):
        opt.Momentum(0.1, 1.0)
    with pytest.raises(ValueError, match="variante doit être"):
        opt.Adam(variante="pytorch")
    with pytest.raises(ValueError, match="pas d'équivalent Keras"):
        opt.Adam(variante="article").keras()
    with pytest.raises(ValueError, match="params\\[0\\] et grads\\[0\\] doivent avoir la même forme"):
        opt.SGD().pas([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(TypeError, match="params\\[0\\] doit être un tableau numpy"):
        opt.SGD().pas([[0.0, 1.0]], [np.zeros(2)])


# ----------------------------------------------------------------------------
# Chaque règle contre la classe Keras, 100 pas du même modèle
# ----------------------------------------------------------------------------

@pytest.mark.parametrize("nom", list(opt.OPTIMISEURS))
def test_regle_egale_keras_100_pas(probleme, nom):
    X, y, params = probleme
    o = opt.OPTIMISEURS[nom]()
    r = opt.comparer_a_keras(o, params, X, y, pas=100, lot=16)
    assert r["deplacement"] > 0.1                     # les poids ont bougé
    assert r["pertes"][-1] < r["pertes"][0]
    assert r["ecart_max"] < 1e-5                      # réglages tels quels (Keras les garde en float32)
    assert r["ecart_max_float32"] < 1e-13             # réglages arrondis comme Keras : au bit près
    assert r["ecart_pertes"] < 1e-5
    assert o.iterations == 100


@pytest.mark.parametrize("fabrique", [lambda: opt.Nesterov(0.02, 0.8), lambda: opt.AdaGrad(0.05, 0.0, 1e-3),
                                      lambda: opt.RMSProp(0.003, rho=0.7, epsilon=1e-4),
                                      lambda: opt.Adam(0.003, 0.8, 0.99, 1e-3),
                                      lambda: opt.AdamW(0.003, 0.05, 0.85, 0.95, 1e-4)])
def test_regle_egale_keras_autres_reglages(probleme, fabrique):
    X, y, params = probleme
    r = opt.comparer_a_keras(fabrique(), params, X, y, pas=100, lot=32)
    assert r["ecart_max"] < 1e-5 and r["ecart_max_float32"] < 1e-13


def test_float32_comme_keras(probleme):
    """En float32 (le type par défaut de Keras), les trajectoires restent à 1e-5."""
    X, y, params = probleme
    r = opt.comparer_a_keras(opt.Adam(0.01), params, X, y, pas=100, lot=32, dtype="float32")
    assert r["ecart_max"] < 1e-5


def test_moment_forme_pytorch_memes_theta():
    """002 §2.4 écrit le moment à la PyTorch (v ← μv + g ; θ ← θ − ηv) : mêmes θ que la forme de Keras."""
    rng = np.random.default_rng(0)
    grads = rng.standard_normal((30, 4))
    theta_k, theta_p, v = [np.zeros(4)], np.zeros(4), np.zeros(4)
    o = opt.Momentum(0.1, 0.9)
    for g in grads:
        o.pas(theta_k, [g])
        v = 0.9 * v + g
        theta_p = theta_p - 0.1 * v
    np.testing.assert_allclose(theta_k[0], theta_p, atol=1e-12)
    np.testing.assert_allclose(o.etat[0]["v"], -0.1 * v, atol=1e-12)     # mais pas les mêmes vitesses


def test_nesterov_differe_du_moment_et_adamw_sans_decroissance_egale_adam():
    g = [np.array([1.0, -2.0])]
    a, b = [np.zeros(2)], [np.zeros(2)]
    opt.Momentum(0.1, 0.9).pas(a, g)
    opt.Nesterov(0.1, 0.9).pas(b, g)
    np.testing.assert_allclose(a[0], [-0.1, 0.2])
    np.testing.assert_allclose(b[0], [-0.19, 0.38])           # μ(−ηg) − ηg au premier pas
    c, d = [np.ones(2)], [np.ones(2)]
    adam, adamw = opt.Adam(0.1), opt.AdamW(0.1, decroissance=0.0)
    for _ in range(5):
        adam.pas(c, g)
        adamw.pas(d, g)
    np.testing.assert_array_equal(c[0], d[0])


def test_adagrad_accumulateur_initial():
    """AdaGrad de Keras part d'un accumulateur 0.1 : premier pas −η g/√(0.1 + g² + ε)."""
    p = [np.zeros(1)]
    opt.AdaGrad(1.0).pas(p, [np.array([0.5])])
    assert p[0][0] == pytest.approx(-0.5 / np.sqrt(0.1 + 0.25 + 1e-7), abs=1e-15)


@pytest.mark.parametrize("g, attendu", [(1e-3, {"document": -0.0995037, "article": -0.0999990}),
                                        (1.0, {"document": -0.1, "article": -0.1})])
def test_premier_pas_adam(g, attendu):
    for variante, valeur in attendu.items():
        p = [np.zeros(1)]
        opt.Adam(0.1, epsilon=1e-8, variante=variante).pas(p, [np.array([g])])
        assert p[0][0] == pytest.approx(valeur, abs=5e-8), variante
    variable = keras.Variable(np.zeros(1), dtype="float64")
    keras.optimizers.Adam(0.1).apply_gradients([(tf.constant([g], dtype="float64"), variable)])
    p = [np.zeros(1)]
    opt.Adam(0.1).comme_keras().pas(p, [np.array([g])])
    assert p[0][0] == variable.numpy()[0]


def test_comme_keras_ne_touche_pas_l_original():
    o = opt.AdamW(0.01, decroissance=0.1)
    o.pas([np.ones(2)], [np.ones(2)])
    c = o.comme_keras()
    assert (o.taux, o.decroissance, o.iterations) == (0.01, 0.1, 1)
    assert c.taux == float(np.float32(0.01)) and c.iterations == 0 and c.etat is None
    assert c.beta1 == 0.9 and c.beta1_correction == float(np.float32(0.9))


# ----------------------------------------------------------------------------
# Plannings de taux
# ----------------------------------------------------------------------------

@pytest.mark.parametrize("reglages", [dict(initial=0.1, etapes=50), dict(initial=0.1, etapes=50, alpha=0.2),
                                      dict(initial=1e-4, etapes=60, alpha=0.05, montee=20, cible=0.01)])
def test_taux_cosinus_egal_cosinedecay(reglages):
    keras_reglages = dict(initial_learning_rate=reglages["initial"], decay_steps=reglages["etapes"],
                          alpha=reglages.get("alpha", 0.0), warmup_target=reglages.get("cible"),
                          warmup_steps=reglages.get("montee", 0))
    planning = keras.optimizers.schedules.CosineDecay(**keras_reglages)
    t = np.arange(0, 100, 3)
    # Keras calcule le planning en float32 : accord à ~1e-7 près du plus grand taux
    pic = reglages.get("cible") or reglages["initial"]
    np.testing.assert_allclose(opt.taux_cosinus(t, **reglages), [float(planning(k)) for k in t], rtol=0,
                               atol=1e-7 * pic)


def test_taux_paliers_egal_exponentialdecay():
    planning = keras.optimizers.schedules.ExponentialDecay(0.5, decay_steps=7, decay_rate=0.3, staircase=True)
    t = np.arange(0, 40)
    np.testing.assert_allclose(opt.taux_paliers(t, 0.5, 0.3, 7), [float(planning(k)) for k in t], rtol=1e-6)


def test_optimiseur_avec_planning_egal_keras(probleme):
    X, y, params = probleme
    planning = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=60, warmup_target=0.05, warmup_steps=40)
    for o in (opt.SGD(planning), opt.AdamW(planning, decroissance=0.1)):
        r = opt.comparer_a_keras(o, params, X, y, pas=100, lot=32)
        assert r["ecart_max"] < 1e-5, o
    assert opt.SGD(planning).taux_du_pas(40) == pytest.approx(0.05)
    with pytest.raises(ValueError, match="fonction Python"):
        opt.SGD(lambda t: 0.1).keras()


# ----------------------------------------------------------------------------
# Entraîner
# ----------------------------------------------------------------------------

def test_entrainer_mlp_apprend(probleme):
    X, y, _ = probleme
    params = opt.initialiser_mlp([12, 16, 3], graine=0)
    h = opt.entrainer_mlp(params, X, y, opt.Adam(0.01), epoques=20, lot=16, X_val=X, y_val=y)
    assert h["perte"][-1] < 0.5 * h["perte"][0]
    assert h["exactitude_val"][-1] > 0.9
    assert len(h["perte"]) == len(h["exactitude_val"]) == 20


def test_course_optimiseurs_memes_poids_de_depart():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((64, 784)).astype("float32")
    y = rng.integers(0, 10, 64)
    donnees = ((X, y), (X[:16], y[:16]), (X[:16], y[:16]))
    configurations = {"SGD": lambda: keras.optimizers.SGD(1e-9), "SGD bis": lambda: keras.optimizers.SGD(1e-9)}
    r = opt.course_optimiseurs(configurations, donnees, epoques=1, tailles=(784, 8, 10), lot=32)
    # un taux négligeable : les deux réseaux restent au même point de départ, donc mêmes mesures
    assert r["SGD"]["exactitude_test"] == r["SGD bis"]["exactitude_test"]
    assert r["SGD"]["perte"] == pytest.approx(r["SGD bis"]["perte"], abs=1e-6)
