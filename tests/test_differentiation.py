"""Le graphe de calcul du chapitre 1, vérifié contre tf.GradientTape."""
import math

import pytest
import tensorflow as tf

from keras_facile import differentiation as gd


def tf_gradient(fonction, *valeurs):
    variables = [tf.Variable(float(v), dtype=tf.float64) for v in valeurs]
    with tf.GradientTape() as bande:
        y = fonction(*variables)
    return [float(g) for g in bande.gradient(y, variables)]


def test_valeurs_et_derivees_locales_du_livre():
    assert (gd.entree(6) + 7).valeur == 13 and (gd.entree(6) * 7).valeur == 42
    produit = gd.entree(2) * gd.entree(3)
    assert produit.valeur == 6 and [d for _, d in produit.parents] == [3, 2]   # [y0], [x0]


def test_exercice_racine_et_gradient():
    x, y, z = gd.entree(2, "x"), gd.entree(8, "y"), gd.entree(3, "z")
    F = gd.racine(x * y + gd.carre(z))
    assert F.valeur == 5
    d = gd.derivees(F)
    attendu = tf_gradient(lambda a, b, c: tf.sqrt(a * b + c ** 2), 2, 8, 3)
    assert [d[x], d[y], d[z]] == pytest.approx(attendu, abs=1e-12)
    assert [d[x], d[y], d[z]] == pytest.approx([0.8, 0.2, 0.6])


@pytest.mark.parametrize("x0, attendu", [(3, -12 * math.sin(18)), (4, -16 * math.sin(32))])
def test_chaine_cos_2x_carre(x0, attendu):
    x = gd.entree(x0)
    F = gd.cos(2 * x ** 2)
    assert gd.derivees(F)[x] == pytest.approx(attendu, abs=1e-12)
    chemins = gd.chemins(F, x)
    assert len(chemins) == 1 and chemins[0][1] == pytest.approx(attendu)


@pytest.mark.parametrize("x0, attendu", [(math.e, 3 * math.e), (1.0, 0.0), (2.0, 2.733174950362151)])
def test_trois_fonctions(x0, attendu):
    x = gd.entree(x0)
    assert gd.derivees(gd.exp(gd.ln(x) ** 3 + 1))[x] == pytest.approx(attendu, abs=1e-12)


def test_entree_dupliquee_somme_sur_les_chemins():
    x = gd.entree(2)
    F = gd.exp(x) * gd.ln(x)
    chemins = gd.chemins(F, x)
    assert len(chemins) == 2
    total = sum(p for _, p in chemins)
    assert total == pytest.approx((math.log(2) + 0.5) * math.e ** 2) == gd.derivees(F)[x]
    assert total == pytest.approx(tf_gradient(lambda t: tf.exp(t) * tf.math.log(t), 2)[0], abs=1e-12)


def test_graphe_plus_riche_contre_gradienttape():
    a, b = gd.entree(0.7, "a"), gd.entree(-1.3, "b")
    F = gd.sin(a * b) + gd.exp(a) / (1 + b ** 2) - a * a * b
    d = gd.derivees(F)
    attendu = tf_gradient(lambda u, v: tf.sin(u * v) + tf.exp(u) / (1 + v ** 2) - u * u * v, 0.7, -1.3)
    assert [d[a], d[b]] == pytest.approx(attendu, abs=1e-12)
    assert len(gd.chemins(F, a)) >= 4
