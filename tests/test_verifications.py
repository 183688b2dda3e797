"""keras_facile.verifications : les vérifications d'arguments écrites une fois.

Deux parties : les fonctions elles-mêmes (une bonne valeur passe, chaque sorte
de mauvaise valeur lève la bonne erreur, au message qui nomme l'argument et la
valeur reçue), puis un tableau d'appels des fonctions publiques avec de
mauvaises valeurs : type de l'erreur, nom de l'argument, valeur reçue, format
commun du message, et poids du modèle inchangés.
"""
import re

import numpy as np
import pytest

from keras_facile import *
from keras_facile import verifications as v
from keras_facile.approximation import approximation_affine_par_morceaux, approximation_marches, erreur_max
from keras_facile.descente import descente, descente_stochastique
from keras_facile.entrainement import entrainer_rapide
from keras_facile.perceptron import demi_plan, perceptron, polygone_convexe, porte_et, reseau_par_couches
from keras_facile.poids_plats import definir_poids_plats, vers_keras
from keras_facile.probabilites import dropout_livre, erreur_quadratique_moyenne

# « nom doit … , reçu … » ou « a et b doivent … , reçu … »
FORMAT = re.compile(r"^(?P<nom>\S+(?: \(\w+\))?)(?: et (?P<nom_b>\S+) doivent| doit) .+, reçu .+", re.S)


def leve(type_erreur, appel):
    with pytest.raises(type_erreur) as info:
        appel()
    message = str(info.value)
    assert FORMAT.match(message), message
    return message


# ---------------------------------------------------------------------------
# Les fonctions
# ---------------------------------------------------------------------------

def test_decrire_montre_la_valeur_et_son_type():
    assert v.decrire(2.5) == "2.5 (float)"
    assert v.decrire(np.int64(3)) == "3 (int64)"
    assert v.decrire(np.array(1.5)) == "1.5 (ndarray)"
    assert v.decrire(np.zeros((2, 3), np.float32)) == "un tableau de forme (2, 3) (float32)"
    long = v.decrire(list(range(100)))
    assert long.endswith("… (list)") and len(long) < 80


def test_entier():
    assert v.entier("n", 3) == 3 and type(v.entier("n", np.int32(3))) is int
    assert v.entier("n", np.array(4)) == 4                      # tableau 0-d
    assert v.entier("rang", 0, min=0, max=0) == 0
    for mauvais in (2.5, 3.0, "3", None, True, np.bool_(False), [3], 1 + 0j):
        message = leve(TypeError, lambda: v.entier("n", mauvais, min=1))
        assert message.startswith("n doit être un entier ≥ 1, reçu ")
        assert message.endswith(f"({type(mauvais).__name__})")
    assert leve(ValueError, lambda: v.entier("n", 0, min=1)) == "n doit être un entier ≥ 1, reçu 0 (int)"
    assert leve(ValueError, lambda: v.entier("k", 5, max=4)) == "k doit être un entier ≤ 4, reçu 5 (int)"
    assert leve(ValueError, lambda: v.entier("rang", -1, min=0, max=2, aide="trois neurones")) == \
        "rang doit être un entier entre 0 et 2, reçu -1 (int) ; trois neurones"


def test_reel():
    assert v.reel("x", 2) == 2.0 and type(v.reel("x", np.float32(0.5))) is float
    assert v.reel("x", np.array(-1.25)) == -1.25
    assert v.reel("p", 1, min=0, max=1, min_exclu=True) == 1.0
    assert np.isnan(v.reel("x", float("nan"), fini=False))
    assert v.reel("x", 1e39) == 1e39                              # float32=False : accepté
    for mauvais in ("2", None, True, np.bool_(True), 1 + 2j, [1.0], np.array([1.0])):
        message = leve(TypeError, lambda: v.reel("biais", mauvais))
        assert message.startswith("biais doit être un nombre réel fini, reçu ")
    for mauvais in (float("nan"), float("inf"), -np.inf, np.float32("nan")):
        assert leve(ValueError, lambda: v.reel("biais", mauvais)).startswith("biais doit être un nombre fini, reçu ")
    assert leve(ValueError, lambda: v.reel("biais", -1e39, float32=True)) == \
        "biais doit être un nombre représentable en float32 (|x| ≤ 3.4e+38), reçu -1e+39 (float)"
    assert leve(ValueError, lambda: v.reel("delta", 0.0, min=0, min_exclu=True)) == \
        "delta doit être un nombre > 0, reçu 0.0 (float)"
    assert leve(ValueError, lambda: v.reel("moment", 1, min=0, max=1, max_exclu=True)) == \
        "moment doit être un nombre de [0, 1[, reçu 1 (int)"
    assert leve(ValueError, lambda: v.reel("t", -0.5, min=0)) == "t doit être un nombre ≥ 0, reçu -0.5 (float)"
    assert leve(ValueError, lambda: v.reel("t", 2, max=1, max_exclu=True)) == "t doit être un nombre < 1, reçu 2 (int)"


def test_intervalle():
    assert v.intervalle("a", np.int64(-1), "b", 2.5) == (-1.0, 2.5)
    assert leve(ValueError, lambda: v.intervalle("zmin", 3, "zmax", -3)) == \
        "zmin et zmax doivent vérifier zmin < zmax, reçu zmin=3 (int) et zmax=-3 (int)"
    assert leve(TypeError, lambda: v.intervalle("a", "0", "b", 1)).startswith("a doit être un nombre réel fini, reçu '0'")
    assert leve(ValueError, lambda: v.intervalle("a", 0, "b", np.inf)).startswith("b doit être un nombre fini, reçu inf")


def test_forme():
    assert v.forme("taille", (32, np.int64(48)), 2, min=16) == (32, 48)
    assert v.forme("noyau", [3, 3, 3], 3) == (3, 3, 3)
    assert leve(TypeError, lambda: v.forme("taille", 32, 2)) == "taille doit être un couple d'entiers, reçu 32 (int)"
    assert leve(ValueError, lambda: v.forme("taille", (32,), 2)).startswith("taille doit être un couple d'entiers, reçu (32,)")
    assert leve(TypeError, lambda: v.forme("taille", (32, 2.0), 2)).endswith("reçu (32, 2.0) (tuple)")
    assert leve(TypeError, lambda: v.forme("taille", (True, 32), 2)).endswith("reçu (True, 32) (tuple)")
    assert leve(ValueError, lambda: v.forme("taille", [8, 32], 2, min=16)) == \
        "taille doit être un couple d'entiers ≥ 16, reçu [8, 32] (list)"
    assert leve(ValueError, lambda: v.forme("t", (1, 2, 3, 4), 5)).startswith("t doit être un 5-uplet d'entiers")


def test_booleen_choix_appelable():
    assert v.booleen("b", False) is False and v.booleen("b", np.bool_(True)) is True
    for mauvais in ("False", 0, 1, None):
        assert leve(TypeError, lambda: v.booleen("melanger", mauvais)).startswith("melanger doit être True ou False, reçu ")
    assert v.choix("mode", "same", ["valid", "same"]) == "same"
    assert leve(ValueError, lambda: v.choix("mode", "full", ("valid", "same"))) == \
        "mode doit être 'valid' ou 'same', reçu 'full' (str)"
    assert leve(ValueError, lambda: v.choix("mode", ["x"], ("valid",))) == "mode doit être 'valid', reçu ['x'] (list)"
    assert v.appelable("f", print) is print
    assert leve(TypeError, lambda: v.appelable("grad", 3)) == "grad doit être une fonction, reçu 3 (int)"


def test_tableau():
    t = v.tableau("X", [[1, 2], [3, 4]], forme=(None, 2), dtype=np.float32)
    assert t.dtype == np.float32 and t.shape == (2, 2)
    assert v.tableau("Y", [True, False]).tolist() == [1.0, 0.0]           # étiquettes booléennes : 0 / 1
    assert v.tableau("X", np.array([np.nan]), fini=False).shape == (1,)
    assert v.tableau("v", np.zeros(3), ndim=(1, 2)).ndim == 1
    for mauvais, morceau in [([1, "a"], "reçu [1, 'a'] (list)"), ([[1, 2], [3]], "reçu [[1, 2], [3]] (list)"),
                             ([1j], "reçu [1j] (list)"), ([None], "reçu [None] (list)"), ("abc", "reçu 'abc' (str)")]:
        message = leve(TypeError, lambda: v.tableau("X", mauvais))
        assert message.startswith("X doit être un tableau de nombres, ") and morceau in message
    assert leve(ValueError, lambda: v.tableau("X", [[0.0, 1.0], [np.inf, 2.0]])).endswith(
        "; valeur non finie en position (1, 0)")
    assert leve(ValueError, lambda: v.tableau("W", [1.0, 1e39], dtype=np.float32)).startswith(
        "W doit être un tableau de nombres finis et représentables en float32, reçu [1.0, 1e+39] (list) ; "
        "valeur trop grande pour float32 en position (1,)")
    assert leve(ValueError, lambda: v.tableau("X", np.zeros((2, 3)), forme=(None, 2))) == \
        "X doit être un tableau de forme (N, 2), reçu un tableau de forme (2, 3) (float64)"
    assert leve(ValueError, lambda: v.tableau("x", np.zeros(2), forme=(3,))).startswith("x doit être un tableau de forme (3,)")
    assert leve(ValueError, lambda: v.tableau("x", np.zeros((2, 2, 2)), ndim=(1, 2))).startswith(
        "x doit être un tableau à 1 ou 2 dimension(s), reçu un tableau de forme (2, 2, 2)")
    assert leve(ValueError, lambda: v.tableau("X", [], vide=False)).startswith("X doit être un tableau non vide")


def test_meme_forme():
    v.meme_forme("X", np.zeros((3, 2)), "Y", np.zeros((3, 1)), axe=0)
    v.meme_forme("y", [1, 2], "y_tilde", np.zeros(2))
    assert leve(ValueError, lambda: v.meme_forme("y", np.zeros((2, 1)), "y_tilde", np.zeros(2))) == \
        "y et y_tilde doivent avoir la même forme, reçu (2, 1) et (2,)"
    assert leve(ValueError, lambda: v.meme_forme("images", [1, 2], "titres", ["a"], axe=0)) == \
        "images et titres doivent avoir le même nombre d'exemples (dimension 0), reçu 2 et 1"


def test_modele_keras_et_nombre_entrees():
    m = Sequential([Input(shape=(3,)), Dense(2)])
    assert v.modele_keras("modele", m, entrees=3) is m and v.nombre_entrees("modele", m) == 3
    assert leve(TypeError, lambda: v.modele_keras("modele", "m")) == \
        "modele doit être un modèle Keras (Sequential, Model…), reçu 'm' (str)"
    assert leve(TypeError, lambda: v.modele_keras("modele", Dense(2))).startswith("modele doit être un modèle Keras")
    assert leve(ValueError, lambda: v.modele_keras("modele", m, entrees=1)) == \
        "modele doit être un réseau à 1 entrée(s), Input(shape=(1,)), reçu un réseau à 3 entrée(s)"
    assert leve(ValueError, lambda: v.nombre_entrees("modele", Sequential([Dense(1)]))) == \
        "modele doit être un réseau dont la dimension d'entrée est fixée, reçu un modèle Sequential sans entrée ; " \
        "commencez-le par Input(shape=(n,))"
    images = Sequential([Input(shape=(4, 4, 1)), keras.layers.Flatten(), Dense(1)])
    assert leve(ValueError, lambda: v.nombre_entrees("modele", images)).endswith(
        "reçu un modèle aux entrées de formes [(None, 4, 4, 1)]")


def test_couche_dense():
    m = Sequential([Input(shape=(2,)), Dense(3), keras.layers.Dropout(0.1), Dense(1, use_bias=False)])
    assert v.couche_dense(m, np.int64(0)) is m.layers[0]
    assert leve(TypeError, lambda: v.couche_dense(m, "0")) == "couche doit être un entier, reçu '0' (str)"
    assert leve(ValueError, lambda: v.couche_dense(m, 4)) == \
        "couche doit être un entier entre 0 et 2, reçu 4 (int) ; le modèle a 3 couches (la couche Input n'est pas comptée)"
    assert leve(ValueError, lambda: v.couche_dense(m, 1)).startswith(
        "couche doit désigner une couche Dense, reçu 1 (int), une couche Dropout ; ")
    assert leve(ValueError, lambda: v.couche_dense(m, 2)) == \
        "couche doit désigner une couche Dense avec biais, reçu 2 (int), une couche Dense sans biais (use_bias=False)"
    assert leve(ValueError, lambda: v.couche_dense(Sequential([Dense(2)]), 0)).startswith(
        "couche doit désigner une couche qui a déjà ses poids, reçu 0 (int), une couche Dense encore sans poids ; "
        "commencez le modèle par Input")
    assert leve(ValueError, lambda: v.couche_dense(Sequential(), 0)).startswith(
        "modele doit être un modèle avec au moins une couche, reçu un modèle sans couche")
    assert leve(TypeError, lambda: v.couche_dense(None, 0)).endswith("reçu None (NoneType)")


# ---------------------------------------------------------------------------
# Les fonctions publiques avec de mauvaises valeurs
# ---------------------------------------------------------------------------

def reseau_1_2_1():
    return Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1)])


def marches_5():
    return Sequential([Input(shape=(1,)), Dense(10, activation=heaviside), Dense(1, activation="linear")])


def compile_1_1():
    modele = Sequential([Input(shape=(1,)), Dense(1)])
    modele.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    return modele


X3, Y3 = np.zeros((3, 1)), np.ones((3, 1))
sin = np.sin

# (modèle à fabriquer ou None, appel, type d'erreur, nom de l'argument, valeur reçue telle qu'écrite)
TABLE = [
    (reseau_1_2_1, lambda m: definir_poids(m, 2, 0, 1, 0), ValueError, "couche", "2 (int)"),
    (reseau_1_2_1, lambda m: definir_poids(m, "0", 0, 1, 0), TypeError, "couche", "'0' (str)"),
    (reseau_1_2_1, lambda m: definir_poids(m, 0, 2, 1, 0), ValueError, "rang", "2 (int)"),
    (reseau_1_2_1, lambda m: definir_poids(m, 0, 1.0, 1, 0), TypeError, "rang", "1.0 (float)"),
    (reseau_1_2_1, lambda m: definir_poids(m, 0, 0, "1", 0), TypeError, "coeff", "'1' (str)"),
    (reseau_1_2_1, lambda m: definir_poids(m, 1, 0, [1, np.nan], 0), ValueError, "coeff[1]", "nan (float)"),
    (reseau_1_2_1, lambda m: definir_poids(m, 0, 0, 1, True), TypeError, "biais", "True (bool)"),
    (reseau_1_2_1, lambda m: definir_poids(m, 0, 0, 1, 1e300), ValueError, "biais", "1e+300 (float)"),
    (reseau_1_2_1, lambda m: affiche_poids(m, -1), ValueError, "couche", "-1 (int)"),
    (reseau_1_2_1, lambda m: poids_a_zeros(m, None), TypeError, "couche", "None (NoneType)"),
    (reseau_1_2_1, lambda m: evaluation(m, "3"), TypeError, "entree", "'3' (str)"),
    (reseau_1_2_1, lambda m: evaluation(m, np.inf), ValueError, "entree", "inf (float)"),
    (reseau_1_2_1, lambda m: evaluer_lot(m, np.zeros((4, 2))), ValueError, "X", "un tableau de forme (4, 2)"),
    (reseau_1_2_1, lambda m: evaluer_lot(m, [["a"]]), TypeError, "X", "[['a']] (list)"),
    (marches_5, lambda m: calcul_approximation(m, sin, 0, 1, 0), ValueError, "n", "0 (int)"),
    (marches_5, lambda m: calcul_approximation(m, sin, 0, 1, 5.0), TypeError, "n", "5.0 (float)"),
    (marches_5, lambda m: calcul_approximation(m, sin, 1, 0, 5), ValueError, "a", "a=1 (int) et b=0 (int)"),
    (marches_5, lambda m: calcul_approximation(m, sin, 0, np.nan, 5), ValueError, "b", "nan (float)"),
    (marches_5, lambda m: calcul_approximation(m, "sin", 0, 1, 5), TypeError, "f", "'sin' (str)"),
    (marches_5, lambda m: calcul_approximation(m, sin, 0, 1, 4), ValueError, "modele", "Dense(10, activation=heaviside)"),
    (marches_5, lambda m: calcul_approximation(m, np.log, -1, 1, 5), ValueError, "f", "f(-1.0) = nan"),
    (marches_5, lambda m: erreur_max(m, sin, 0, 1, num=1.5), TypeError, "num", "1.5 (float)"),
    (reseau_1_2_1, lambda m: definir_poids_plats(m, np.zeros(6)), ValueError, "vecteur", "6 valeurs"),
    (compile_1_1, lambda m: get_weights_grad(m, X3, np.ones((2, 1))), ValueError, "X", "3 et 2"),
    (compile_1_1, lambda m: get_weights_grad(m, "X", Y3), TypeError, "X", "'X' (str)"),
    (compile_1_1, lambda m: gradient_entree(m, X3, rang=3), ValueError, "rang", "3 (int)"),
    (compile_1_1, lambda m: verifier_gradient(m, X3, Y3, epsilon=-1e-4), ValueError, "epsilon", "-0.0001 (float)"),
    (compile_1_1, lambda m: entrainer_rapide(m, X3, Y3, epochs=True), TypeError, "epochs", "True (bool)"),
    (compile_1_1, lambda m: entrainer_rapide(m, X3, Y3, 2, batch_size=-1), ValueError, "batch_size", "-1 (int)"),
    (compile_1_1, lambda m: entrainer_rapide(m, X3, [[1.0], [np.nan], [0.0]], 2), ValueError, "Y", "[[1.0], [nan], [0.0]]"),
    (None, lambda m: approximation_marches(sin, 0, 1, -2), ValueError, "n", "-2 (int)"),
    (None, lambda m: approximation_affine_par_morceaux(sin, "0", 1, 2), TypeError, "a", "'0' (str)"),
    (None, lambda m: perceptron([1, 2], "b"), TypeError, "biais", "'b' (str)"),
    (None, lambda m: perceptron([[1, np.inf]], 0), ValueError, "coeffs", "valeur non finie en position (0, 1)"),
    (None, lambda m: demi_plan(1, "2", 0), TypeError, "coeffs", "[1, '2'] (list)"),
    (None, lambda m: porte_et(0), ValueError, "n", "0 (int)"),
    (None, lambda m: porte_et(np.bool_(True)), TypeError, "n", "True (bool)"),
    (None, lambda m: reseau_par_couches(-1, [([[1]], [0], "relu")]), ValueError, "n_entrees", "-1 (int)"),
    (None, lambda m: reseau_par_couches(1, [([[1, 1]], [0], "relu")]), ValueError, "couches[0] (coeffs)",
     "un tableau de forme (1, 2)"),
    (None, lambda m: polygone_convexe([(0, 0), (1, 0)]), ValueError, "sommets", "2 point(s)"),
    (None, lambda m: vers_keras(np.zeros(3), [(1, 1)]), ValueError, "vecteur", "3 valeurs"),
    (None, lambda m: descente(lambda a: a * a, lambda a: 2 * a, 1.0, 0.1, -5), ValueError, "n", "-5 (int)"),
    (None, lambda m: descente(lambda a: a * a, lambda a: 2 * a, "1", 0.1, 5), TypeError, "P0", "'1' (str)"),
    (None, lambda m: descente(lambda a: a * a, lambda a: 2 * a, 1.0, 0.1, 5, moment=-0.1), ValueError, "moment",
     "-0.1 (float)"),
    (None, lambda m: descente_stochastique(sum, lambda i, P: P, 4, [1.0], 0.1, 2, taille_lot=1.5), TypeError,
     "taille_lot", "1.5 (float)"),
    (None, lambda m: dropout_livre([1.0], 2), ValueError, "p", "2 (int)"),
    (None, lambda m: erreur_quadratique_moyenne([1, 2, 3], [[1, 2, 3]]), ValueError, "y", "(3,) et (1, 3)"),
]


@pytest.mark.parametrize("fabrique, appel, type_erreur, nom, recu", TABLE,
                         ids=[f"{i:02d}-{ligne[3]}" for i, ligne in enumerate(TABLE)])
def test_fonctions_publiques_mauvaises_valeurs(fabrique, appel, type_erreur, nom, recu):
    modele = fabrique() if fabrique is not None else None
    avant = [w.copy() for w in modele.get_weights()] if modele is not None else None
    message = leve(type_erreur, lambda: appel(modele))
    assert message.startswith(f"{nom} doit ") or message.startswith(f"{nom} et "), message
    assert recu in message.split("reçu ", 1)[1], message
    if modele is not None:
        apres = modele.get_weights()
        assert len(apres) == len(avant)
        for a, b in zip(avant, apres):
            np.testing.assert_array_equal(a, b)


def test_les_anciennes_copies_ont_disparu():
    """Plus de vérification maison dans les modules : tout passe par verifications."""
    import inspect

    import keras_facile.approximation as approximation
    import keras_facile.descente as descente_module
    import keras_facile.entrainement as entrainement
    import keras_facile.evaluation as evaluation_module
    import keras_facile.perceptron as perceptron_module
    import keras_facile.poids as poids

    for module in (approximation, descente_module, entrainement, evaluation_module, perceptron_module, poids):
        source = inspect.getsource(module)
        assert "numbers.Integral" not in source and "numbers.Real" not in source, module.__name__
        assert "isinstance(n, bool)" not in source and "np.bool_)" not in source, module.__name__
    assert poids.couche_dense is v.couche_dense
