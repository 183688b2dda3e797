"""Chapitre 19 : les trois équations, ℝ^784 et les couches denses, la SVD, les activations,
la saturation, Xavier et He, un neurone seul sur les chats et chiens ; chaque morceau écrit à
la main contre Keras ; plus le module keras_facile.trois_equations seul."""
import json
import math
from pathlib import Path

import numpy as np
import pytest

from keras_facile import trois_equations as te

RACINE = Path(__file__).resolve().parent.parent


# ----------------------------------------------------------------------------
# Le module, sans le chapitre
# ----------------------------------------------------------------------------

def test_gradient_logistique_contre_differences_finies():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(30, 4)), (rng.random(30) > 0.5).astype(float)
    W, b = rng.normal(size=4), 0.3
    for reduction in ("moyenne", "somme"):
        L, dW, db, y_chapeau = te.regression_logistique(X, y, W, b, reduction=reduction)
        h = 1e-6
        numerique = [(te.regression_logistique(X, y, W + h * e, b, reduction)[0]
                      - te.regression_logistique(X, y, W - h * e, b, reduction)[0]) / (2 * h) for e in np.eye(4)]
        np.testing.assert_allclose(dW, numerique, rtol=1e-6, atol=1e-9)
        db_num = (te.regression_logistique(X, y, W, b + h, reduction)[0]
                  - te.regression_logistique(X, y, W, b - h, reduction)[0]) / (2 * h)
        assert db == pytest.approx(db_num, rel=1e-6, abs=1e-9)
        np.testing.assert_allclose(y_chapeau, 1 / (1 + np.exp(-(X @ W + b))))
    # la somme de 004 vaut m fois la moyenne
    assert te.regression_logistique(X, y, W, b, "somme")[0] == pytest.approx(30 * te.regression_logistique(X, y, W, b)[0])
    with pytest.raises(ValueError, match="W doit avoir 4 composantes"):
        te.regression_logistique(X, y, W[:3], b)
    with pytest.raises(ValueError, match="reduction doit être"):
        te.regression_logistique(X, y, W, b, reduction="total")


def test_descente_logistique_fait_baisser_la_perte():
    rng = np.random.default_rng(0)
    y = np.repeat([0.0, 1.0], 50)
    X = rng.normal(size=(100, 2)) + np.where(y[:, None] == 1, 1.5, -1.5)
    W, b, pertes = te.descente_logistique(X, y, np.zeros(2), 0.0, 0.5, 200)
    assert len(pertes) == 201 and pertes[0] == pytest.approx(math.log(2))
    assert all(p1 <= p0 + 1e-12 for p0, p1 in zip(pertes, pertes[1:]))       # pas assez petit : la perte descend
    assert np.mean((te.sigmoide(X @ W + b) > 0.5) == y) > 0.95


def test_activations_et_derivees_contre_differences_finies():
    z = np.linspace(-5, 5, 101) + 0.013                 # loin de 0, où ReLU n'est pas dérivable
    h = 1e-6
    for nom, (f, df, _, _) in te.ACTIVATIONS.items():
        np.testing.assert_allclose(df(z), (f(z + h) - f(z - h)) / (2 * h), atol=1e-7, err_msg=nom)
    np.testing.assert_allclose(te.tanh_stable(z), np.tanh(z), atol=1e-15)
    np.testing.assert_allclose(te.sigmoide(np.array([-800.0, 0.0, 800.0])), [0.0, 0.5, 1.0])
    assert np.isnan(te.tanh_naif(1000.0)) and te.tanh_stable(-1000.0) == -1.0
    assert te.derivee_relu(0.0) == 0.0 and te.derivee_leaky_relu(0.0) == 0.01     # les conventions de TF
    assert float(te.gelu(1.0)) == pytest.approx(0.8413447460685429)              # Φ(1)


def test_comptes_svd_et_moments():
    assert te.nombre_parametres_mlp([784, 256, 10]) == 203530
    assert te.nombre_parametres_mlp([784, 256, 128, 10]) == 235146
    with pytest.raises(ValueError, match="au moins deux"):
        te.nombre_parametres_mlp([784])
    W = np.random.default_rng(1).normal(size=(6, 9))
    s = np.linalg.svd(W, compute_uv=False)
    for k in range(7):
        W_k, erreur, somme = te.reconstruction_rang_k(W, k)
        assert np.linalg.matrix_rank(W_k) == k
        assert erreur == pytest.approx(somme, rel=1e-10, abs=1e-12) and somme == pytest.approx(np.sum(s[k:] ** 2))
    K1, b1, K2, b2 = (np.random.default_rng(2).normal(size=f) for f in ((5, 3), (3,), (3, 2), (2,)))
    K, b = te.composer_couches_lineaires(K1, b1, K2, b2)
    x = np.random.default_rng(4).normal(size=(7, 5))
    np.testing.assert_allclose(te.couche_dense_a_la_main(te.couche_dense_a_la_main(x, K1, b1), K2, b2),
                               te.couche_dense_a_la_main(x, K, b))
    var, m4 = te.moments_initialiseur("he_normal", 784, 256)
    assert var == pytest.approx(2 / 784, rel=1e-12) and m4 < 3 * var**2         # tronquée : moins de queue que N
    var, m4 = te.moments_initialiseur("glorot_uniform", 784, 256)
    assert var == pytest.approx(2 / 1040, rel=1e-12) and m4 == pytest.approx(9 / 5 * var**2)
    assert te.ecart_type_moyenne_carres(1.0, 3.0, 200) == pytest.approx(0.1)


def test_statistiques_par_couche():
    import keras

    modele = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="tanh"), keras.layers.Dense(2)])
    modele.set_weights([np.full((4, 3), 10.0), np.zeros(3), np.ones((3, 2)), np.zeros(2)])
    X = np.ones((5, 4))
    st = te.statistiques_par_couche(modele, X, np.zeros(5, dtype=int))
    assert st["saturees"] == [1.0] and st["ecart_type"] == [pytest.approx(0.0, abs=1e-6)]
    assert len(st["norme_gradient"]) == 2 and st["norme_gradient"][0] < 1e-6        # tanh(40) : dérivée nulle


# ----------------------------------------------------------------------------
# Le chapitre
# ----------------------------------------------------------------------------

def test_chapitre_19(lancer_chapitre):
    r, figures = lancer_chapitre(19)

    t = r["trois-equations"]
    assert t["z = w·x + b (000 ch. 2)"] == pytest.approx(1.3, abs=1e-12)
    assert t["ReLU(z), Keras Dense(1, relu)"] == pytest.approx(1.3, abs=1e-6)
    assert t["BCE(1, 0.9)"] == pytest.approx(-math.log(0.9), abs=1e-9)
    assert t["BCE(1, 0.9)"] == pytest.approx(0.1054, abs=5e-5)                     # 004 / spec
    assert t["BCE(1, 0.1)"] == pytest.approx(2.3026, abs=5e-5)
    assert t["écart avec keras.losses (BCE)"] < 1e-6
    assert t["écart gradient main / GradientTape"] < 1e-6
    assert t["biais initial d'une couche Dense"] == [0.0, 0.0, 0.0]
    assert t["écart pas main / keras SGD"] <= 1e-7                                  # un pas de SGD, à 1e-7
    assert t["écart pas main / keras SGD (float64)"] <= 1e-12
    assert t["perte somme / perte moyenne"] == pytest.approx(200)
    assert t["écart perte somme / keras reduction='sum'"] < 1e-4
    assert t["écart pas (somme, α/m) / pas (moyenne, α)"] < 1e-12
    assert t["écart main / Keras SGD après 20 pas"] <= 1e-5
    assert t["écart des pertes main / Keras"] < 1e-5
    pertes = t["pertes_main"]
    assert len(pertes) == 21 and pertes[-1] < pertes[0]
    # le pas à la main, refait ici depuis les valeurs de départ du chapitre
    L, dW, db, _ = te.regression_logistique(t["X_jouet"], t["y_jouet"], t["W0"], t["b0"])
    np.testing.assert_allclose(t["W1"], t["W0"] - t["alpha"] * dW, atol=1e-15)
    assert L == pytest.approx(pertes[0])

    v = r["vecteurs-matrices"]
    assert v["Flatten = reshape (écart)"] == 0 and v["dimension d'une image aplatie"] == 784
    assert v["poids du MLP 784-256-10 (001 §1.3.1)"] == 203530
    assert v["… couche par couche"] == [200960, 2570]
    assert v["… par la formule Σ n_ℓ(n_ℓ₋₁ + 1)"] == 203530
    assert v["forme du noyau Keras (= Wᵀ de 001)"] == [784, 256]
    assert v["poids_002"] == {"[256, 128]": 235146, "[1024]": 814090, "[256, 128, 64]": 242762,
                              "[64, 64, 64, 64]": 63370}                      # 002 imprime 812 042, 243 338, 63 434
    assert v["002 ex. 1.2, les deux réseaux"] == [690314, 2119690]
    assert v["écart MLP à la main / Keras"] < 1e-4
    assert v["deux couches linéaires = une (écart)"] < 1e-4
    assert 0 <= v["exactitude_mnist"] <= 1

    s = r["svd"]
    assert s["écart U Σ Vᵀ − W"] < 1e-10 and s["écart UᵀU − I, VᵀV − I"] < 1e-10
    assert s["valeurs singulières décroissantes, ≥ 0"] is True
    assert s["symétrie : det U · det V"] == -1
    assert s["écart σ(W) float64 / σ(Wᵀ) float32 (relatif)"] < 1e-4
    assert s["‖W − W_k‖²_F = Σ σ² écartés (écart relatif)"] < 1e-9
    np.testing.assert_allclose(s["erreurs_rang"], s["sommes_ecartees"], rtol=1e-9, atol=1e-9)
    sigma = s["s"]
    np.testing.assert_allclose(s["sommes_ecartees"], [np.sum(sigma[k:] ** 2) for k in s["RANGS"]], rtol=1e-12)
    assert all(a >= b for a, b in zip(s["erreurs_rang"], s["erreurs_rang"][1:]))
    assert s["exactitudes_rang"][-1] == pytest.approx(s["exactitude_keras"], abs=1.5 / s["N_EVAL"])

    a = r["activations"]
    assert a["plus grand écart avec keras.activations"] < 1e-8
    assert a["plus grand écart des dérivées / GradientTape"] < 1e-8
    for nom in ("sigmoïde", "tanh", "ReLU"):
        assert a["ecarts_activations"][nom] < 1e-12 and a["ecarts_derivees"][nom] < 1e-12, nom
    assert a["max σ′ (en z = 0)"] == 0.25 and a["argmax σ′"] == 0 and a["max tanh′"] == 1
    # dérivée de la composée de dix sigmoïdes en 0 : le produit des σ′ le long de la chaîne
    v_chaine, produit = 0.0, 1.0
    for _ in range(10):
        produit *= te.derivee_sigmoide(v_chaine)
        v_chaine = float(te.sigmoide(v_chaine))
    assert a["dérivée de σ∘…∘σ (10 fois) en 0"] == pytest.approx(produit, rel=1e-12)
    assert a["dérivée de σ∘…∘σ (10 fois) en 0"] <= 4.0 ** -10
    assert a["tanh de 000 en 1 (= np.tanh(1))"] == pytest.approx(np.tanh(1.0), abs=1e-15)
    assert a["tanh de 000 en ±1000 : NaN"] is True and a["tanh stable en ±1000"] == [1.0, -1.0]
    assert a["erreur_relu"] == "ValueError"

    st = r["saturation"]["statistiques"]
    naive, xavier, petite = st["naïve N(0, 1)"], st["Xavier (GlorotUniform)"], st["petite N(0, 0.01²)"]
    assert min(naive["saturees"][1:]) > 0.7 and max(xavier["saturees"]) < 0.01
    assert petite["ecart_type"][-1] < 1e-6 and max(petite["norme_gradient"]) < 1e-5       # tout s'éteint
    assert naive["norme_gradient"][0] > 100 * naive["norme_gradient"][-2]                 # explose vers l'entrée
    assert 0.05 < min(xavier["norme_gradient"]) and max(xavier["norme_gradient"]) < 20
    assert max(xavier["norme_gradient"]) / min(xavier["norme_gradient"]) < 10

    i = r["initialisations"]
    for nom in ("he_normal", "glorot_uniform"):
        m = i["mesures_init"][nom]
        assert abs(m["z"]) < 4, nom                    # à moins de 4 écarts types de la formule
        assert m["variance_loi"] == pytest.approx(m["variance_formule"], rel=1e-10)
    assert i["mesures_init"]["he_normal"]["variance_formule"] == pytest.approx(2 / 784)
    assert i["HeNormal : max |w| ≤ 2 σ avant troncature"] is True
    assert i["GlorotUniform : max |w| ≤ √(6/(n_in + n_out))"] is True
    assert i["facteurs"]["He"] == pytest.approx(1, abs=0.1)
    assert i["facteurs"]["Xavier"] == pytest.approx(0.5, abs=0.05)

    n = r["neurone-seul"]
    assert n["poids du neurone seul"] == 12289 and n["poids du réseau convolutif (ch. 14)"] == 206785
    assert 0 <= n["exactitude_neurone"] <= 1
    banc = RACINE / "benchmarks" / "resultats" / "convolution.json"
    if banc.exists():
        attendu = json.loads(banc.read_text(encoding="utf-8"))["resultats"]["chats-chiens/livre"]["exactitude_test"]
        assert n["exactitude test, réseau convolutif (%)"] == pytest.approx(100 * attendu)

    attendues = ["ch19-trois-equations", "ch19-vecteurs-r784", "ch19-svd", "ch19-activations", "ch19-saturation",
                 "ch19-neurone-seul"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(attendues)
