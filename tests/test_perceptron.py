"""Les constructions du chapitre 5 (keras_facile.perceptron)."""
import numpy as np
import pytest

from keras_facile import evaluation, evaluer_lot, heaviside
from keras_facile.perceptron import (demi_plan, perceptron, polygone_convexe, porte_et, porte_non, porte_ou,
                                     porte_ou_exclusif, reseau_par_couches)

TABLE = [(0, 0), (0, 1), (1, 0), (1, 1)]


def table(modele):
    return [evaluation(modele, *p) for p in TABLE]


def test_portes_logiques():
    assert table(porte_ou()) == [0, 1, 1, 1]
    assert table(porte_et()) == [0, 0, 0, 1]
    assert table(porte_ou_exclusif()) == [0, 1, 1, 0]
    assert [evaluation(porte_non(), s) for s in (0, 1)] == [1, 0]
    assert evaluation(porte_et(), 0.9, 0.9) == 0 and evaluation(porte_et(biais=-1.5), 0.9, 0.9) == 1
    assert evaluation(porte_ou(3), 0, 0, 1) == 1 and evaluation(porte_et(3), 1, 1, 0) == 0


def test_perceptron_et_demi_plan_du_livre():
    F = demi_plan(2, 3, 0)
    assert [evaluation(F, *p) for p in [(4, -1), (-3, 1), (6, -4)]] == [1, 0, 1]
    taille_poids = perceptron([85, -1], -77, "sigmoid")
    assert evaluation(taille_poids, 1.77, 75) == pytest.approx(0.175086, abs=1e-6)
    assert evaluation(taille_poids, 1.67, 64) == pytest.approx(0.721115, abs=1e-6)
    rouge = perceptron([2, -2, -2], -1)
    assert [evaluation(rouge, *c) for c in [(1, 0, 0), (0.9, 0.1, 0.1), (0.5, 0.5, 0.5), (0, 0, 0)]] == [1, 1, 0, 0]


def test_reseau_par_couches_coefficients_par_neurone():
    F = reseau_par_couches(2, [([[2, -1], [-3, 2]], [0, 0], "relu"), ([[4, 5]], [-1], heaviside)])
    assert [evaluation(F, *p) for p in [(4, 7), (3, 2), (0.1, 0.1)]] == [1, 1, 0]
    np.testing.assert_array_equal(F.layers[0].get_weights()[0], [[2, -3], [-1, 2]])   # Keras : par entrée


@pytest.mark.parametrize("sommets", [[(0, 0), (4, -1), (6, 2), (3, 5), (-1, 3)],
                                     [(-1, 3), (3, 5), (6, 2), (4, -1), (0, 0)]])
def test_polygone_convexe_dans_les_deux_sens(sommets):
    P = polygone_convexe(sommets)
    assert sum(layer.units for layer in P.layers) == 6
    X, Y = np.meshgrid(np.linspace(-2, 7, 91), np.linspace(-2, 6, 81))
    points = np.c_[X.ravel(), Y.ravel()]
    dedans = evaluer_lot(P, points)[:, 0] == 1
    from matplotlib.path import Path

    attendu = Path(sommets).contains_points(points, radius=1e-9) | Path(sommets[::-1]).contains_points(points, radius=1e-9)
    assert np.mean(dedans == attendu) > 0.99       # ne diffèrent qu'au bord
    assert all(evaluation(P, *s) == 1 for s in sommets)   # bord compris (H(0) = 1)


@pytest.mark.parametrize("appel, type_erreur, message", [
    (lambda: polygone_convexe([(0, 0), (1, 1), (2, 2)]), ValueError,
     r"sommets doit décrire un polygone non vide, reçu des sommets alignés \[\(0, 0\), \(1, 1\), \(2, 2\)\]"),
    (lambda: polygone_convexe([(0, 0), (4, 0), (1, 1), (0, 4)]), ValueError, r"sommets doit décrire un polygone convexe"),
    (lambda: polygone_convexe([(0, 0), (1, 1)]), ValueError, r"sommets doit être une liste d'au moins 3 points .*reçu 2 point"),
    (lambda: polygone_convexe([(0, 0, 1), (1, 1, 1), (2, 0, 1)]), ValueError,
     r"sommets doit être un tableau de forme \(N, 2\), reçu un tableau de forme \(3, 3\)"),
    (lambda: reseau_par_couches(2, [([[1, 2, 3]], [0], "relu")]), ValueError,
     r"couches\[0\] \(coeffs\) doit être un tableau de forme \(N, 2\), reçu un tableau de forme \(1, 3\)"),
    (lambda: reseau_par_couches(2, [([[1, 2]], [0, 1], "relu")]), ValueError,
     r"couches\[0\] \(biais\) doit avoir 1 valeur\(s\), une par neurone, reçu 2 valeur"),
    (lambda: reseau_par_couches(2, [([[1, 2]], [0], "relu"), ([[1]], [0])]), TypeError,
     r"couches\[1\] doit être un triplet \(coeffs, biais, activation\), reçu \(\[\[1\]\], \[0\]\) \(tuple\)"),
    (lambda: reseau_par_couches(0, [([[1]], [0], "relu")]), ValueError, r"n_entrees doit être un entier ≥ 1, reçu 0 \(int\)"),
    (lambda: reseau_par_couches(2.0, [([[1, 1]], [0], "relu")]), TypeError, r"n_entrees doit être un entier ≥ 1, reçu 2.0 \(float\)"),
    (lambda: reseau_par_couches(2, []), ValueError, r"couches doit être une liste non vide .*reçu une liste vide"),
    (lambda: reseau_par_couches(2, 3), TypeError, r"couches doit être une liste non vide .*reçu 3 \(int\)"),
    (lambda: perceptron([1, float("nan")], 0), ValueError,
     r"coeffs doit être un tableau de nombres finis.*reçu \[1, nan\] \(list\) ; valeur non finie en position \(1,\)"),
    (lambda: perceptron([1, "x"], 0), TypeError, r"coeffs doit être un tableau de nombres, reçu \[1, 'x'\] \(list\)"),
    (lambda: perceptron([], 0), ValueError, r"coeffs doit être un tableau non vide, reçu un tableau de forme \(0,\)"),
    (lambda: perceptron([1, 2], [0, 1]), TypeError, r"biais doit être un nombre réel fini, reçu \[0, 1\] \(list\)"),
    (lambda: perceptron([1, 2], 1e40), ValueError, r"biais doit être un nombre représentable en float32"),
    (lambda: porte_ou(0), ValueError, r"n doit être un entier ≥ 1, reçu 0 \(int\)"),
    (lambda: porte_et(2.5), TypeError, r"n doit être un entier ≥ 1, reçu 2.5 \(float\)"),
])
def test_erreurs_en_francais(appel, type_erreur, message):
    with pytest.raises(type_erreur, match=message):
        appel()


def test_biais_en_liste_d_un_seul_nombre_accepte():
    assert table(perceptron([1, 1], [-2])) == table(porte_et())
