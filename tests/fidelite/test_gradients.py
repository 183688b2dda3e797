"""Gradients d'un neurone linéaire : comparés aux dérivées écrites à la main (ticket 13, mutation).

F(x) = w x + b ; erreur quadratique moyenne E = (1/N) Σ (w x_i + b − y_i)² :
∂E/∂w = (2/N) Σ (F(x_i) − y_i) x_i, ∂E/∂b = (2/N) Σ (F(x_i) − y_i).
"""
import keras
import numpy as np
import pytest

from keras_facile.gradients import get_weights_grad, gradient_entree, verifier_gradient

X = np.array([[1.0], [2.0], [-1.0]])
Y = np.array([[0.0], [1.0], [2.0]])
W, B = 2.0, 0.5


def neurone(compile_=True, loss="mse", sorties=1):
    modele = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(sorties)])
    modele.set_weights([np.full((1, sorties), W), np.full(sorties, B)])
    if compile_:
        modele.compile(optimizer="sgd", loss=loss)
    return modele


def residus():
    return (W * X + B - Y)[:, 0]


def test_get_weights_grad_erreur_quadratique_moyenne():
    r = residus()
    gw, gb = get_weights_grad(neurone(), X, Y)
    assert gw.shape == (1, 1) and gb.shape == (1,)
    assert gw[0, 0] == pytest.approx(2 * np.mean(r * X[:, 0]), rel=1e-5)
    assert gb[0] == pytest.approx(2 * np.mean(r), rel=1e-5)
    # vecteurs 1-D acceptés (un exemple par ligne)
    gw1, _ = get_weights_grad(neurone(), X[:, 0], Y[:, 0])
    assert gw1[0, 0] == pytest.approx(gw[0, 0], rel=1e-6)


def test_get_weights_grad_perte_donnee():
    r = residus()
    gw, gb = get_weights_grad(neurone(compile_=False), X, Y, perte="mae")
    assert gw[0, 0] == pytest.approx(np.mean(np.sign(r) * X[:, 0]), rel=1e-5)
    assert gb[0] == pytest.approx(np.mean(np.sign(r)), rel=1e-5)
    gw, _ = get_weights_grad(neurone(compile_=False), X, Y, perte=keras.losses.MeanSquaredError())
    assert gw[0, 0] == pytest.approx(2 * np.mean(r * X[:, 0]), rel=1e-5)
    # la perte donnée l'emporte sur la perte compilée
    gw, _ = get_weights_grad(neurone(loss="mae"), X, Y, perte="mse")
    assert gw[0, 0] == pytest.approx(2 * np.mean(r * X[:, 0]), rel=1e-5)


def test_get_weights_grad_poids_non_entrainables_a_zero():
    modele = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(2), keras.layers.BatchNormalization(),
                               keras.layers.Dense(1)])
    modele.compile(optimizer="sgd", loss="mse")
    gradients = get_weights_grad(modele, X, Y)
    assert [g.shape for g in gradients] == [tuple(w.shape) for w in modele.get_weights()]
    np.testing.assert_array_equal(gradients[4], 0)        # moyenne mobile
    np.testing.assert_array_equal(gradients[5], 0)        # variance mobile
    assert np.abs(gradients[0]).sum() > 0


def test_get_weights_grad_refuse():
    with pytest.raises(ValueError, match="compilé"):
        get_weights_grad(neurone(compile_=False), X, Y)
    with pytest.raises(ValueError):
        get_weights_grad(neurone(), X, Y[:2])
    with pytest.raises(ValueError, match="un exemple par ligne"):
        get_weights_grad(neurone(), 1.0, Y)
    with pytest.raises(ValueError, match="un exemple par ligne"):
        get_weights_grad(neurone(), X, 1.0)
    with pytest.raises(ValueError):
        get_weights_grad(neurone(), np.zeros((0, 1)), np.zeros((0, 1)))


def test_gradient_entree_de_la_sortie():
    g = gradient_entree(neurone(compile_=False), X)
    np.testing.assert_allclose(g, np.full((3, 1), W), rtol=1e-6)
    deux = neurone(compile_=False, sorties=2)
    deux.set_weights([np.array([[1.5, -3.0]]), np.zeros(2)])
    np.testing.assert_allclose(gradient_entree(deux, X[:, 0], rang=1), np.full((3, 1), -3.0), rtol=1e-6)
    np.testing.assert_allclose(gradient_entree(deux, X), np.full((3, 1), 1.5), rtol=1e-6)
    with pytest.raises(ValueError, match="2 neurones"):
        gradient_entree(deux, X, rang=2)
    with pytest.raises(ValueError, match="1 neurone\\b"):
        gradient_entree(neurone(compile_=False), X, rang=1)
    with pytest.raises(ValueError):
        gradient_entree(deux, X, rang=-1)


def test_gradient_entree_de_l_erreur():
    # erreur de chaque exemple (F(x_i) − y_i)², sommée : ∂/∂x_i = 2 (F(x_i) − y_i) w
    attendu = (2 * residus() * W)[:, None]
    np.testing.assert_allclose(gradient_entree(neurone(), X, Y), attendu, rtol=1e-5)
    np.testing.assert_allclose(gradient_entree(neurone(compile_=False), X, Y[:, 0], perte="mse"), attendu, rtol=1e-5)
    np.testing.assert_allclose(gradient_entree(neurone(compile_=False), X, Y, perte=keras.losses.MeanSquaredError()),
                               attendu, rtol=1e-5)
    np.testing.assert_allclose(gradient_entree(neurone(loss="mae"), X, Y), (np.sign(residus()) * W)[:, None],
                               rtol=1e-5)
    with pytest.raises(ValueError, match="perte"):
        gradient_entree(neurone(compile_=False), X, Y)
    with pytest.raises(ValueError):
        gradient_entree(neurone(), X, Y[:2])


def test_verifier_gradient():
    modele = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, activation="tanh"),
                               keras.layers.Dense(1)])
    modele.compile(optimizer="sgd", loss="mse")
    Xd = np.random.default_rng(0).normal(size=(5, 2))
    Yd = np.random.default_rng(1).normal(size=(5, 1))
    avant = [w.copy() for w in modele.get_weights()]
    r = verifier_gradient(modele, Xd, Yd)
    assert r["poids_verifies"] == 13 and r["ecart_relatif_max"] < 1e-2
    assert verifier_gradient(modele, Xd, Yd, max_poids=4)["poids_verifies"] == 4
    # tous les coefficients (k, j) de get_weights(), chacun une fois ; tirés sans remise quand on en prend moins
    tous = {(k, j) for k, w in enumerate(modele.get_weights()) for j in range(w.size)}
    assert sorted(r["poids"]) == sorted(tous) and r["pire"] in tous
    douze = verifier_gradient(modele, Xd, Yd, max_poids=12)["poids"]
    assert len(douze) == len(set(douze)) == 12 and set(douze) < tous
    assert verifier_gradient(modele, Xd, Yd, perte="mae")["ecart_relatif_max"] < 1e-2
    for w, v in zip(modele.get_weights(), avant):
        np.testing.assert_array_equal(w, v)
    with pytest.raises(ValueError):
        verifier_gradient(modele, Xd, Yd, epsilon=0)
    with pytest.raises(ValueError):
        verifier_gradient(modele, Xd, Yd, max_poids=0)


def test_verifier_gradient_voit_la_regularisation():
    modele = keras.Sequential([keras.Input(shape=(1,)),
                               keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L2(0.5))])
    modele.set_weights([np.array([[W]]), np.array([B])])
    modele.compile(optimizer="sgd", loss="mse")
    gw, _ = get_weights_grad(modele, X, Y)
    assert gw[0, 0] == pytest.approx(2 * np.mean(residus() * X[:, 0]) + 2 * 0.5 * W, rel=1e-5)
    assert verifier_gradient(modele, X, Y)["ecart_relatif_max"] < 1e-3


def test_verifier_gradient_perte_objet_calculee_en_float64():
    # perte donnée comme objet Loss : la copie en float64 doit aussi calculer l'erreur en float64.
    # Mesuré : écart 7.6e-8 en float64 ; la même erreur calculée en float32 donne 3.8e-4
    # (différences finies à ε = 1e-4 sur une perte arrondie à 1e-7).
    modele = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    modele.set_weights([np.array([[1.0], [1.0]]), np.array([0.0])])
    Xd, Yd = np.array([[0.3, 0.7], [1.1, -0.4]]), np.array([[0.2], [0.5]])
    modele.compile(optimizer="sgd", loss=keras.losses.MeanSquaredError())
    assert verifier_gradient(modele, Xd, Yd)["ecart_relatif_max"] < 1e-5
    modele.compile(optimizer="sgd", loss="mse")
    assert verifier_gradient(modele, Xd, Yd, perte=keras.losses.MeanAbsoluteError())["ecart_relatif_max"] < 1e-5


def test_verifier_gradient_plancher_pour_une_composante_presque_nulle():
    # F(x) = x₁ + x₂ en x = (10⁴, 10⁻⁹), y = 0 : ∂E/∂w₁ = 2·10⁸, ∂E/∂w₂ = 2·10⁻⁵. Les différences
    # finies sur E ≈ 10⁸ ne voient pas la seconde (arrondi ≈ 10⁻⁸ / ε) : elle doit être jugée par
    # rapport au plancher 1e-4 × max|g| = 2·10⁴ (docstring), pas par rapport à elle-même.
    modele = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    modele.set_weights([np.array([[1.0], [1.0]]), np.array([0.0])])
    modele.compile(optimizer="sgd", loss="mse")
    g = get_weights_grad(modele, np.array([[1e4, 1e-9]]), np.array([[0.0]]))
    np.testing.assert_allclose(g[0][:, 0], [2e8, 2e-5], rtol=1e-5)
    r = verifier_gradient(modele, np.array([[1e4, 1e-9]]), np.array([[0.0]]))
    assert r["poids_verifies"] == 3 and r["ecart_relatif_max"] < 1e-6


def test_gradient_entree_messages_nomment_l_argument():
    with pytest.raises(ValueError, match=r"^Y doit être un tableau non vide"):
        gradient_entree(neurone(), X, [])
    with pytest.raises(ValueError, match=r"^perte doit être donnée pour un modèle non compilé, reçu None \(NoneType\)"
                                         r" ; passez perte='mse'"):
        gradient_entree(neurone(compile_=False), X, Y)


def test_gradient_entree_perte_sparse_pour_un_modele_non_compile():
    # softmax(x W + b), erreur −ln p_y : ∂/∂x = (p − e_y) Wᵀ ; Y = numéros de classe (forme (N,))
    from scipy.special import softmax

    modele = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, activation="softmax")])
    Wm, bm = np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.0]]), np.array([0.1, -0.2, 0.0])
    modele.set_weights([Wm, bm])
    Xs, Ys = np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([2, 0])
    attendu = (softmax(Xs @ Wm + bm, axis=1) - np.eye(3)[Ys]) @ Wm.T
    g = gradient_entree(modele, Xs, Ys, perte="sparse_categorical_crossentropy")
    np.testing.assert_allclose(g, attendu, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError) as e:
        gradient_entree(modele, Xs, Ys[:1], perte="sparse_categorical_crossentropy")
    assert str(e.value) == "X et Y doivent avoir le même nombre d'exemples (dimension 0), reçu 2 et 1"


def test_verifier_gradient_au_plus_200_poids_par_defaut():
    # 1 → 100 → 1 : 301 poids ; la docstring : « au plus max_poids (200 par défaut) tirés au hasard »
    modele = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(100, activation="tanh"),
                               keras.layers.Dense(1)])
    modele.compile(optimizer="sgd", loss="mse")
    r = verifier_gradient(modele, X, Y)
    assert r["poids_verifies"] == 200 and r["ecart_relatif_max"] < 1e-2


def test_get_weights_grad_perte_sparse_donnee():
    # modèle compilé avec mse mais perte='sparse_categorical_crossentropy' demandée : Y = numéros de classe ;
    # E = −(1/N) Σ ln p_{y_i} : ∂E/∂W = Xᵀ (p − e_y) / N, ∂E/∂b = moyenne de (p − e_y)
    from scipy.special import softmax

    modele = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, activation="softmax")])
    Wm, bm = np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.0]]), np.array([0.1, -0.2, 0.0])
    modele.set_weights([Wm, bm])
    modele.compile(optimizer="sgd", loss="mse")
    Xs, Ys = np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([2, 0])
    ecart = softmax(Xs @ Wm + bm, axis=1) - np.eye(3)[Ys]
    gW, gb = get_weights_grad(modele, Xs, Ys, perte="sparse_categorical_crossentropy")
    np.testing.assert_allclose(gW, Xs.T @ ecart / 2, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gb, ecart.mean(axis=0), rtol=1e-5, atol=1e-6)


def test_get_weights_grad_modele_compile_sans_perte():
    # compile(optimizer=...) sans loss : le modèle est « compilé » mais n'a pas d'erreur à dériver
    modele = neurone(compile_=False)
    modele.compile(optimizer="sgd")
    with pytest.raises(ValueError) as e:
        get_weights_grad(modele, X, Y)
    assert str(e.value) == ("modele doit être compilé avec une fonction d'erreur, reçu un modèle sans perte ; appelez "
                            "d'abord modele.compile(loss='mean_squared_error', optimizer=...) ou passez perte='mse'")
    # avec perte donnée, il n'en faut pas : ∂E/∂w = (2/N) Σ (F(x_i) − y_i) x_i
    gw, gb = get_weights_grad(modele, X, Y, perte="mse")
    assert gw[0, 0] == pytest.approx(2 * np.mean(residus() * X[:, 0]), rel=1e-5)


def test_verifier_gradient_designe_le_pire_poids():
    """Au coude de ReLU (z = w·x + b = 0), la dérivée de TensorFlow (ReLU′(0) = 0) et la différence finie
    centrée (la moitié de la pente) ne sont pas d'accord : seuls w et b de la première couche sont au coude."""
    modele = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1, activation="relu"),
                               keras.layers.Dense(1)])
    modele.compile(optimizer="sgd", loss="mse")
    modele.set_weights([np.array([[1.0]]), np.array([-1.0]), np.array([[2.0]]), np.array([0.5])])
    r = verifier_gradient(modele, np.array([[1.0]]), np.array([[3.0]]))
    assert r["poids_verifies"] == 4 and r["ecart_relatif_max"] == pytest.approx(1.0)
    assert r["pire"] in {(0, 0), (1, 0)}


def test_verifier_gradient_graine_et_pas_trop_grand():
    """Les poids tirés dépendent de la graine (0 par défaut) et d'elle seule. Avec un pas ε trop grand, la
    différence finie s'écarte du gradient exact : l'écart relatif est |g_dif − g| / max(|g_dif|, |g|),
    calculé ici à la main pour E(w) = tanh(w)² (une entrée 1, cible 0, w = 0.5, ε = 0.5)."""
    modele = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, activation="tanh"),
                               keras.layers.Dense(1)])
    modele.compile(optimizer="sgd", loss="mse")
    Xd = np.random.default_rng(0).normal(size=(5, 2))
    Yd = np.random.default_rng(1).normal(size=(5, 1))
    par_defaut = verifier_gradient(modele, Xd, Yd, max_poids=5)["poids"]
    assert par_defaut == verifier_gradient(modele, Xd, Yd, max_poids=5, graine=0)["poids"]
    assert par_defaut != verifier_gradient(modele, Xd, Yd, max_poids=5, graine=1)["poids"]

    neurone = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1, activation="tanh", use_bias=False)])
    neurone.compile(optimizer="sgd", loss="mse")
    neurone.set_weights([np.array([[0.5]])])
    g = 2 * np.tanh(0.5) * (1 - np.tanh(0.5) ** 2)
    g_dif = (np.tanh(1.0) ** 2 - np.tanh(0.0) ** 2) / (2 * 0.5)
    r = verifier_gradient(neurone, np.array([[1.0]]), np.array([[0.0]]), epsilon=0.5)
    assert r["ecart_relatif_max"] == pytest.approx(abs(g_dif - g) / max(abs(g_dif), abs(g)), rel=1e-5)
    assert r["ecart_relatif_max"] == pytest.approx(0.2020, abs=1e-4)        # sans |g| au dénominateur : 0.253
