"""evaluation / evaluer_lot comparées au calcul numpy du réseau, poids fixés à la main (ticket 13, mutation)."""
import importlib

import keras
import numpy as np
import pytest

module_evaluation = importlib.import_module("keras_facile.evaluation")   # le module, pas la fonction
from keras_facile.evaluation import dimension_entree, dimension_sortie, evaluation, evaluer_lot


def reseau(poids, entrees, sorties=1):
    modele = keras.Sequential([keras.Input(shape=(entrees,)), keras.layers.Dense(3, activation="relu"),
                               keras.layers.Dense(sorties)])
    modele.set_weights(poids)
    return modele


def a_la_main(poids, X):
    W1, b1, W2, b2 = poids
    return np.maximum(X @ W1 + b1, 0) @ W2 + b2


def poids_au_hasard(entrees, sorties, graine=0):
    rng = np.random.default_rng(graine)
    return [rng.normal(size=(entrees, 3)).astype("float32"), rng.normal(size=3).astype("float32"),
            rng.normal(size=(3, sorties)).astype("float32"), rng.normal(size=sorties).astype("float32")]


def test_evaluation_en_un_point_toutes_les_ecritures():
    poids = poids_au_hasard(2, 1)
    modele = reseau(poids, 2)
    attendu = float(a_la_main(poids, np.array([[7.0, -5.0]]))[0, 0])
    for appel in ((7, -5), ([7, -5],), ((7.0, -5.0),), (np.array([7.0, -5.0]),)):
        valeur = evaluation(modele, *appel)
        assert isinstance(valeur, float)
        assert valeur == pytest.approx(attendu, abs=1e-5)
    un = reseau(poids_au_hasard(1, 1, 1), 1)
    assert evaluation(un, 3) == pytest.approx(float(a_la_main(poids_au_hasard(1, 1, 1), np.array([[3.0]]))[0, 0]),
                                              abs=1e-5)
    assert evaluation(un, [3]) == evaluation(un, 3)


def test_evaluation_plusieurs_sorties_renvoie_un_vecteur():
    poids = poids_au_hasard(2, 2, 2)
    modele = reseau(poids, 2, sorties=2)
    valeur = evaluation(modele, 1.0, 2.0)
    assert isinstance(valeur, np.ndarray) and valeur.shape == (2,)
    np.testing.assert_allclose(valeur, a_la_main(poids, np.array([[1.0, 2.0]]))[0], atol=1e-5)
    assert dimension_entree(modele) == 2 and dimension_sortie(modele) == 2


def test_evaluation_refuse_les_mauvaises_entrees():
    modele = reseau(poids_au_hasard(2, 1), 2)
    for entree, erreur in [((), TypeError), (([[1, 2]],), TypeError), (([1, 2], [3, 4]), TypeError),
                           (([[1, 2], 3],), TypeError), ((1,), ValueError), ((1, 2, 3),
                            ValueError), (([1, 2, 3],), ValueError), (("a", 2), TypeError)]:
        with pytest.raises(erreur):
            evaluation(modele, *entree)
    with pytest.raises(ValueError, match="2 valeur"):
        evaluation(modele, 1, 2, 3)
    with pytest.raises(TypeError, match="rien"):
        evaluation(modele)
    with pytest.raises(TypeError, match="entree\\b"):
        evaluation(reseau(poids_au_hasard(1, 1), 1), "x")


def test_evaluer_lot_egale_le_calcul_numpy_et_decoupe_les_grands_lots(monkeypatch):
    poids = poids_au_hasard(2, 1, 3)
    modele = reseau(poids, 2)
    X = np.random.default_rng(4).normal(size=(10, 2))
    np.testing.assert_allclose(evaluer_lot(modele, X), a_la_main(poids, X), atol=1e-5)
    monkeypatch.setattr(module_evaluation, "_TAILLE_PAQUET", 4)     # 10 lignes : paquets 4 + 4 + 2
    sortie = evaluer_lot(modele, X)
    assert sortie.shape == (10, 1)
    np.testing.assert_allclose(sortie, a_la_main(poids, X), atol=1e-5)
    un = reseau(poids_au_hasard(1, 1, 5), 1)
    np.testing.assert_allclose(evaluer_lot(un, [1.0, 2.0, 3.0]),
                               a_la_main(poids_au_hasard(1, 1, 5), np.array([[1.0], [2.0], [3.0]])), atol=1e-5)
    with pytest.raises(ValueError):
        evaluer_lot(modele, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError):
        evaluer_lot(modele, np.ones((4, 3)))


def test_evaluer_lot_nan_et_infinis_passent():
    modele = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1, kernel_initializer="ones")])
    sortie = evaluer_lot(modele, [[np.nan], [np.inf], [2.0]])[:, 0]
    assert np.isnan(sortie[0]) and sortie[1] == np.inf and sortie[2] == 2.0


def test_evaluation_suit_les_changements_de_poids_et_de_couches():
    poids = poids_au_hasard(2, 1, 6)
    modele = reseau(poids, 2)
    avant = evaluation(modele, 1, 1)
    nouveaux = [w * 2 for w in poids]
    modele.set_weights(nouveaux)
    assert evaluation(modele, 1, 1) == pytest.approx(float(a_la_main(nouveaux, np.ones((1, 2)))[0, 0]), abs=1e-4)
    assert evaluation(modele, 1, 1) != pytest.approx(avant)
    modele.pop()
    modele.add(keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer=keras.initializers.Constant(3)))
    assert evaluation(modele, 1, 1) == pytest.approx(3.0)
    fonction = module_evaluation._fonction_compilee(modele)
    assert module_evaluation._fonction_compilee(modele) is fonction
    modele.add(keras.layers.Dense(1, kernel_initializer="ones", bias_initializer="zeros"))
    assert module_evaluation._fonction_compilee(modele) is not fonction
    assert evaluation(modele, 1, 1) == pytest.approx(3.0)


def test_un_modele_a_deux_sorties_est_refuse():
    entree = keras.Input(shape=(2,))
    modele = keras.Model(entree, [keras.layers.Dense(1)(entree), keras.layers.Dense(2)(entree)])
    with pytest.raises(ValueError, match="2 sorties"):
        evaluation(modele, 1, 2)
    with pytest.raises(ValueError, match="une seule sortie"):
        evaluer_lot(modele, np.ones((3, 2)))


def test_messages_complets_de_evaluation():
    entree = keras.Input(shape=(2,))
    deux = keras.Model(entree, [keras.layers.Dense(1)(entree), keras.layers.Dense(2)(entree)])
    with pytest.raises(ValueError) as e:
        evaluation(deux, 1, 2)
    assert str(e.value) == ("modele doit être un réseau à une seule sortie, reçu un modèle à 2 sorties de formes "
                            "[(None, 1), (None, 2)] ; pour lui, appelez modele(np.array([[x1, x2, …]])) qui renvoie "
                            "une liste de tableaux, une par sortie")
    with pytest.raises(TypeError) as e:
        evaluation(reseau(poids_au_hasard(2, 1), 2))
    assert str(e.value) == ("entree doit être un nombre ou une liste de nombres, reçu rien ; écrivez evaluation(modele, 3), "
                            "evaluation(modele, 2.0, 1.0) ou evaluation(modele, [7, -5])")


def test_message_liste_irreguliere():
    with pytest.raises(TypeError) as e:
        evaluation(reseau(poids_au_hasard(2, 1), 2), [[1, 2], 3])
    assert str(e.value) == ("entree doit être des nombres ou une liste / un vecteur de nombres, reçu [[1, 2], 3] (list) ; "
                            "écrivez evaluation(modele, 3), evaluation(modele, 2.0, 1.0) ou evaluation(modele, [7, -5])")
