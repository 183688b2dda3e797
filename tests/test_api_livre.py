"""L'API du livre (chapitre 6) : poids, évaluation, heaviside, avec les valeurs du livre."""
import numpy as np
import pytest

from keras_facile import *


def reseau_relu():
    """Le réseau du listing 6.8 (deux neurones ReLU puis une sortie ReLU), tel que l'atelier l'ouvre."""
    from keras_facile.exemples_atelier import modele_exemple

    return modele_exemple("listing-6-8")


def test_import_etoile_donne_les_noms_du_livre():
    import keras_facile

    espace = {}
    exec("from keras_facile import *", espace)
    for nom in ["Sequential", "Input", "Dense", "keras", "tf", "np", "plt", "heaviside", "affiche_poids",
                "poids_a_zeros", "definir_poids", "evaluation", "affichage_evaluation_une_var",
                "affichage_approximation", "affichage_evaluation_deux_var_3d", "affichage_evaluation_deux_var_2d",
                "affichage_evaluation_trois_var", "calcul_approximation", "get_weights_grad"]:
        assert nom in espace, nom
    assert espace["Dense"] is keras.layers.Dense
    assert keras_facile.__all__ == sorted(set(keras_facile.__all__), key=keras_facile.__all__.index)


def test_F3_vaut_2_et_valeurs_du_reseau_relu():
    modele = reseau_relu()
    assert evaluation(modele, 3) == 2.0
    assert isinstance(evaluation(modele, 3), float)
    attendu = {-2: 2.0, -1: 1.5, 0: 1.0, 1: 0.5, 2: 1.0, 3: 2.0}
    for x, y in attendu.items():
        assert evaluation(modele, x) == pytest.approx(y, abs=1e-6)
    assert modele.count_params() == 7
    np.testing.assert_allclose(modele.layers[0].get_weights()[0], [[1.0, -0.5]])
    np.testing.assert_allclose(modele.layers[0].get_weights()[1], [-1.0, 1.0])


def test_evaluation_toutes_les_formes_du_livre():
    modele = Sequential([Input(shape=(2,)), Dense(3, activation="sigmoid"), Dense(1, activation="sigmoid")])
    definir_poids(modele, 0, 0, [1, 2], -1)
    definir_poids(modele, 0, 1, [3, -4], 0)
    definir_poids(modele, 0, 2, [-5, -6], 1)
    definir_poids(modele, 1, 0, [1, 1, 1], -3)
    assert evaluation(modele, [7, -5]) == pytest.approx(0.12303183162604975, abs=1e-6)
    assert evaluation(modele, 7.0, -5.0) == pytest.approx(0.12303183, abs=1e-6)
    assert evaluation(modele, np.array([7, -5])) == pytest.approx(0.12303183, abs=1e-6)
    assert evaluation(modele, (np.float32(7), np.int64(-5))) == pytest.approx(0.12303183, abs=1e-6)

    neurone = Sequential([Input(shape=(2,)), Dense(1, activation="sigmoid")])
    definir_poids(neurone, 0, 0, [1, 2], -1)
    assert evaluation(neurone, 2.0, 1.0) == pytest.approx(0.9525741268224334, abs=1e-6)

    relu3 = Sequential([Input(shape=(3,)), Dense(1, activation="relu")])
    definir_poids(relu3, 0, 0, [1, -1, 1], -1)
    assert evaluation(relu3, [2.0, 3.0, 4.0]) == 2.0


def test_evaluation_plusieurs_sorties_renvoie_un_vecteur():
    # exercice du chapitre 5 : 3 entrées, 2 ReLU, 2 sorties ReLU, sans biais
    modele = Sequential([Input(shape=(3,)), Dense(2, activation="relu"), Dense(2, activation="relu")])
    definir_poids(modele, 0, 0, [1, -2, 3], 0)
    definir_poids(modele, 0, 1, [2, -4, 1], 0)
    definir_poids(modele, 1, 0, [1, -2], 0)
    definir_poids(modele, 1, 1, [2, 1], 0)
    for entree, attendu in [((0, 0, 0), (0, 0)), ((1, 0, 0), (0, 4)), ((1, -1, 1), (0, 19)), ((3, 2, 1), (2, 4))]:
        sortie = evaluation(modele, list(entree))
        assert isinstance(sortie, np.ndarray) and sortie.shape == (2,)
        np.testing.assert_allclose(sortie, attendu, atol=1e-5)


def test_evaluation_egale_predict_et_suit_les_nouveaux_poids():
    modele = reseau_relu()
    x = np.linspace(-3, 4, 57)[:, None]
    np.testing.assert_allclose(evaluer_lot(modele, x), modele.predict(x, verbose=0), atol=1e-6)
    definir_poids(modele, 1, 0, [2, 2], 1)   # la fonction compilée lit les nouveaux poids
    assert evaluation(modele, 3) == pytest.approx(5.0)
    modele.add(Dense(1, activation="linear"))  # architecture modifiée : nouvelle fonction
    definir_poids(modele, 2, 0, 10, 0)
    assert evaluation(modele, 3) == pytest.approx(50.0)


def test_evaluation_sans_barre_de_progression(capsys):
    evaluation(reseau_relu(), 3)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("entree, type_erreur, message", [
    ((3, 4), ValueError, r"entree doit avoir 1 valeur\(s\), .*reçu 2 valeur"),
    (([1, 2],), ValueError, r"entree doit avoir 1 valeur\(s\), .*reçu 2 valeur"),
    (("a",), TypeError, r"entree doit être un nombre réel fini, reçu 'a' \(str\)"),
    ((True,), TypeError, r"entree doit être un nombre réel fini, reçu True \(bool\)"),
    ((float("nan"),), ValueError, r"entree doit être un nombre fini, reçu nan \(float\)"),
    ((1e39,), ValueError, r"entree doit être un nombre représentable en float32 .*reçu 1e\+39 \(float\)"),
    ((), TypeError, r"entree doit être un nombre ou une liste de nombres, reçu rien"),
    (([[1.0]],), TypeError, r"entree doit être des nombres ou une liste .*reçu \[\[1.0\]\] \(list\)"),
])
def test_evaluation_mauvaise_entree(entree, type_erreur, message):
    with pytest.raises(type_erreur, match=message):
        evaluation(reseau_relu(), *entree)


def test_evaluation_deux_entrees_nomme_la_valeur_fautive():
    modele = Sequential([Input(shape=(2,)), Dense(1)])
    with pytest.raises(TypeError, match=r"entree\[1\] doit être un nombre réel fini, reçu 'b' \(str\)"):
        evaluation(modele, 1.0, "b")
    with pytest.raises(TypeError, match=r"modele doit être un modèle Keras .*reçu 'modele' \(str\)"):
        evaluation("modele", 1.0)


def test_heaviside_valeurs_et_activation_par_nom():
    np.testing.assert_array_equal(np.asarray(heaviside(np.array([-1.0, 0.0, 2.0]))), [0.0, 1.0, 1.0])
    np.testing.assert_array_equal(np.asarray(heaviside(np.array([-3, 0, 5]))), [0.0, 1.0, 1.0])
    par_nom = Sequential([Input(shape=(1,)), Dense(1, activation="heaviside")])
    assert par_nom.layers[0].activation is heaviside
    modele = Sequential([Input(shape=(1,)), Dense(1, activation=heaviside)])
    definir_poids(modele, 0, 0, -0.5, 1)
    assert evaluation(modele, 0) == 1.0
    assert evaluation(modele, 2) == 1.0     # H(0) = 1
    assert evaluation(modele, 2.5) == 0.0


def test_modele_avec_heaviside_enregistre_et_recharge(tmp_path):
    modele = Sequential([Input(shape=(1,)), Dense(4, activation=heaviside), Dense(1, activation="linear")])
    chemin = tmp_path / "m.keras"
    modele.save(chemin)
    recharge = keras.saving.load_model(chemin)  # sans custom_objects
    x = np.linspace(-3, 3, 101)[:, None]
    np.testing.assert_array_equal(evaluer_lot(modele, x), evaluer_lot(recharge, x))
    assert recharge.layers[0].activation is heaviside


def test_modele_heaviside_recharge_dans_un_autre_processus(tmp_path):
    import subprocess
    import sys

    modele = Sequential([Input(shape=(1,)), Dense(2, activation="heaviside"), Dense(1)])
    modele.save(tmp_path / "m.keras")
    x = np.linspace(-3, 3, 13)[:, None]
    np.save(tmp_path / "attendu.npy", evaluer_lot(modele, x))
    code = (
        "import numpy as np, keras_facile, keras;"
        f"m = keras.saving.load_model(r'{tmp_path / 'm.keras'}');"
        f"x = np.linspace(-3, 3, 13)[:, None];"
        f"assert np.array_equal(keras_facile.evaluer_lot(m, x), np.load(r'{tmp_path / 'attendu.npy'}'))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_definir_poids_accepte_nombres_listes_tuples_vecteurs():
    modele = Sequential([Input(shape=(2,)), Dense(3)])
    definir_poids(modele, 0, 0, [1, 2], 3)
    definir_poids(modele, 0, 1, (4.0, 5.0), np.float32(6))
    definir_poids(modele, 0, 2, np.array([7, 8]), np.int64(9))
    coeff, biais = modele.layers[0].get_weights()
    np.testing.assert_array_equal(coeff, [[1, 4, 7], [2, 5, 8]])
    np.testing.assert_array_equal(biais, [3, 6, 9])
    un = Sequential([Input(shape=(1,)), Dense(1)])
    for valeur in (2, 2.0, np.float32(2), np.int64(2), np.float64(2)):
        definir_poids(un, 0, 0, valeur, 0)
        assert un.layers[0].get_weights()[0][0, 0] == 2.0


def test_poids_a_zeros():
    modele = Sequential([Input(shape=(2,)), Dense(3)])
    assert modele.layers[0].get_weights()[0].any()                 # glorot : pas nuls au départ
    poids_a_zeros(modele, 0)
    coeff, biais = modele.layers[0].get_weights()
    assert coeff.shape == (2, 3) and biais.shape == (3,) and not coeff.any() and not biais.any()


def test_affiche_poids_format_du_livre(capsys):
    modele = reseau_relu()
    affiche_poids(modele, 0)
    sortie = capsys.readouterr().out
    assert sortie.startswith("\n\n===== Couche numéro 0 =====\n")
    assert "Nombre de neurones : 2\n" in sortie
    assert "Nombre d'entrées par neurones : 1\n" in sortie
    assert "Nombre de poids par neurones : 2\n" in sortie
    assert "    --- Neurone numéro 1 ---\n    Coefficients [-0.5]\n    Biais 1.0\n" in sortie


@pytest.mark.parametrize("appel, type_erreur, message", [
    (lambda m: definir_poids(m, 5, 0, [1, 2], 0), ValueError,
     r"couche doit être un entier entre 0 et 2, reçu 5 \(int\) ; le modèle a 3 couches"),
    (lambda m: definir_poids(m, -1, 0, [1, 2], 0), ValueError, r"couche doit être un entier entre 0 et 2, reçu -1"),
    (lambda m: definir_poids(m, 0, 3, [1, 2], 0), ValueError,
     r"rang doit être un entier entre 0 et 1, reçu 3 \(int\) ; la couche 0 a 2 neurones"),
    (lambda m: definir_poids(m, 0, True, [1, 2], 0), TypeError, r"rang doit être un entier .*reçu True \(bool\)"),
    (lambda m: definir_poids(m, 0, 0, [1, 2, 3], 0), ValueError, r"coeff doit contenir 2 valeur.*reçu 3 valeur"),
    (lambda m: definir_poids(m, 0, 0, [1], 0), ValueError, r"coeff doit contenir 2 valeur.*reçu 1 valeur"),
    (lambda m: definir_poids(m, 0, 0, 1, 0), ValueError, r"coeff doit contenir 2 valeur.*reçu 1 valeur"),
    (lambda m: definir_poids(m, 0, 0, [1, "a"], 0), TypeError, r"coeff\[1\] doit être un nombre réel fini, reçu 'a'"),
    (lambda m: definir_poids(m, 0, 0, [1, float("inf")], 0), ValueError, r"coeff\[1\] doit être un nombre fini, reçu inf"),
    (lambda m: definir_poids(m, 0, 0, [1, 2], float("nan")), ValueError, r"biais doit être un nombre fini, reçu nan"),
    (lambda m: definir_poids(m, 0, 0, [1, 2], 1e39), ValueError, r"biais doit être un nombre représentable en float32"),
    (lambda m: definir_poids(m, 0, 0, [1, 2], np.bool_(True)), TypeError, r"biais doit être .*reçu True \(bool"),
    (lambda m: definir_poids(m, 0, 0, [[1, 2]], 0), TypeError, r"coeff doit être un nombre, une liste.*reçu \[\[1, 2\]\]"),
    (lambda m: definir_poids(m, 1, 0, [1], 0), ValueError, r"couche doit désigner une couche Dense, reçu 1 \(int\), une couche Dropout"),
    (lambda m: definir_poids(m, 0.0, 0, [1, 2], 0), TypeError, r"couche doit être un entier, reçu 0.0 \(float\)"),
    (lambda m: definir_poids([m], 0, 0, [1, 2], 0), TypeError, r"modele doit être un modèle Keras"),
    (lambda m: affiche_poids(m, 7), ValueError, r"couche doit être un entier entre 0 et 2, reçu 7"),
    (lambda m: poids_a_zeros(m, 1), ValueError, r"couche doit désigner une couche Dense, reçu 1"),
])
def test_mauvaises_entrees_erreur_francaise_et_poids_intacts(appel, type_erreur, message):
    modele = Sequential([Input(shape=(2,)), Dense(2), keras.layers.Dropout(0.5), Dense(1)])
    avant = [w.copy() for w in modele.get_weights()]
    with pytest.raises(type_erreur, match=message):
        appel(modele)
    for a, b in zip(avant, modele.get_weights()):
        np.testing.assert_array_equal(a, b)
