"""Approximation universelle : la valeur du réseau en des points choisis, comparée à la
construction écrite à la main (marches, pentes, sigmoïdes, cellules) (ticket 13, mutation)."""
import math

import keras
import numpy as np
import pytest
from scipy.special import expit

from keras_facile.activations import heaviside
from keras_facile.approximation import (
    approximation_affine_par_morceaux, approximation_deux_var, approximation_marches, approximation_sigmoides,
    calcul_approximation, erreur_max, erreur_max_deux_var, indicatrice_rectangle,
)
from keras_facile.evaluation import evaluer_lot


def valeurs(modele, xs):
    return evaluer_lot(modele, np.array(xs, dtype=float).reshape(len(xs), -1))[:, 0]


def carre(x):
    return x ** 2


def modele_du_livre(n):
    return keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(2 * n, activation=heaviside),
                             keras.layers.Dense(1, activation="linear")])


# marches de f(x) = x² sur [1, 3], n = 4 : x_i = 1, 1.5, 2, 2.5
POINTS_MARCHES = [0.99, 1.0, 1.49, 1.5, 1.99, 2.0, 2.5, 2.99, 3.0, 3.01, -5.0]
ATTENDU_MARCHES = [0, 1, 1, 2.25, 2.25, 4, 6.25, 6.25, 6.25, 0, 0]


def test_calcul_approximation_marches_du_livre():
    modele = modele_du_livre(4)
    assert calcul_approximation(modele, carre, 1, 3, 4) is modele
    np.testing.assert_allclose(valeurs(modele, POINTS_MARCHES), ATTENDU_MARCHES, atol=1e-5)
    # n + 1 neurones utiles ; les n − 1 autres ne comptent pas dans la sortie
    cachee, sortie = modele.layers
    assert not sortie.get_weights()[0][5:].any()
    np.testing.assert_allclose(evaluer_lot(keras.Sequential([keras.Input(shape=(1,)), cachee]),
                                           np.array([[-100.0], [100.0]]))[:, 5:], 0)


def test_calcul_approximation_sur_un_intervalle_negatif_et_sans_input():
    modele = keras.Sequential([keras.layers.Dense(6, activation=heaviside), keras.layers.Dense(1)])
    calcul_approximation(modele, lambda x: x + 5, -2, 1, 3)        # x_i = −2, −1, 0
    np.testing.assert_allclose(valeurs(modele, [-2.5, -2, -1.5, -1, 0, 0.5, 1, 1.5]), [0, 3, 3, 4, 5, 5, 5, 0],
                               atol=1e-5)


@pytest.mark.parametrize("couches", [
    [keras.layers.Dense(6, activation=heaviside), keras.layers.Dense(1)],
    [keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)],
    [keras.layers.Dense(8, activation=heaviside), keras.layers.Dense(1, activation="relu")],
    [keras.layers.Dense(8, activation=heaviside), keras.layers.Dense(2)],
    [keras.layers.Dense(8, activation=heaviside)],
    [keras.layers.Dense(8, activation=heaviside), keras.layers.Dense(1), keras.layers.Dense(1)],
    [keras.layers.Dense(8, activation=heaviside), keras.layers.Dropout(0.1)],
], ids=range(7))
def test_calcul_approximation_refuse_un_autre_reseau(couches):
    modele = keras.Sequential([keras.Input(shape=(1,)), *couches])
    with pytest.raises(ValueError, match="réseau du livre"):
        calcul_approximation(modele, carre, 0, 1, 4)


def test_calcul_approximation_arguments():
    modele = modele_du_livre(2)
    for a, b, n in [(1, 0, 2), (0, 1, 0), (0, 1, 1.5)]:
        with pytest.raises((ValueError, TypeError)):
            calcul_approximation(modele, carre, a, b, n)
    with pytest.raises(ValueError, match="Dense\\(4, activation=heaviside\\)"):
        calcul_approximation(modele_du_livre(3), carre, 0, 1, 2)
    deux = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(4, activation=heaviside),
                             keras.layers.Dense(1)])
    with pytest.raises(ValueError):
        calcul_approximation(deux, carre, 0, 1, 2)


def test_approximation_marches_modele_pret():
    modele = approximation_marches(carre, 1, 3, 4)
    assert modele.layers[0].units == 5 and modele.layers[0].activation is heaviside
    np.testing.assert_allclose(valeurs(modele, POINTS_MARCHES), ATTENDU_MARCHES, atol=1e-5)
    un = approximation_marches(lambda x: np.full_like(x, 2.0), 0, 1, 1)
    np.testing.assert_allclose(valeurs(un, [-0.1, 0, 0.5, 1, 1.1]), [0, 2, 2, 2, 0], atol=1e-6)


def test_approximation_affine_par_morceaux_interpole():
    modele = approximation_affine_par_morceaux(carre, 0, 2, 4)       # noeuds 0, 0.5, 1, 1.5, 2
    assert modele.layers[0].units == 5
    noeuds = [0, 0.5, 1, 1.5, 2]
    np.testing.assert_allclose(valeurs(modele, noeuds), np.square(noeuds), atol=1e-5)
    milieux = [0.25, 0.75, 1.25, 1.75]
    np.testing.assert_allclose(valeurs(modele, milieux), [0.125, 0.625, 1.625, 3.125], atol=1e-5)
    # avant a : f(a) ; après b : f(b) (pente annulée)
    np.testing.assert_allclose(valeurs(modele, [-1, 3, 10]), [0, 4, 4], atol=1e-4)
    np.testing.assert_allclose(valeurs(approximation_affine_par_morceaux(lambda x: 3 - x, -1, 1, 1), [-2, 0, 2]),
                               [4, 3, 2], atol=1e-5)


@pytest.mark.parametrize("raideur", [None, 3.0])
def test_approximation_sigmoides_formule(raideur):
    a, b, n = 0.0, 2.0, 4
    modele = approximation_sigmoides(carre, a, b, n, raideur=raideur)
    h = (b - a) / n
    k = 10 / h if raideur is None else raideur
    x = np.linspace(a, b, n + 1)
    xs = np.array([-0.5, 0.0, 0.2, 0.26, 0.5, 0.9, 1.3, 2.0, 2.5])
    attendu = x[0] ** 2 + sum((x[i] ** 2 - x[i - 1] ** 2) * expit(k * (xs - (x[i] - h / 2))) for i in range(1, n + 1))
    np.testing.assert_allclose(valeurs(modele, xs), attendu, atol=1e-5)
    assert modele.layers[0].units == n
    with pytest.raises(ValueError):
        approximation_sigmoides(carre, a, b, n, raideur=0)


def test_approximation_sigmoides_centres_entre_les_points():
    # au milieu de deux points x_{i−1}, x_i, la marche lissée vaut la moitié du saut
    modele = approximation_sigmoides(lambda x: np.where(x > 0.75, 1.0, 0.0), 0, 1, 2)    # y = 0, 0, 1
    assert valeurs(modele, [0.75])[0] == pytest.approx(0.5, abs=1e-6)
    assert valeurs(modele, [1.0])[0] == pytest.approx(expit(5), abs=1e-5)


def test_indicatrice_rectangle():
    modele = indicatrice_rectangle(1, 3, -1, 2)
    dedans = [[2, 0], [1, -1], [3, 2], [1, 2], [3, -1]]
    dehors = [[0.99, 0], [3.01, 0], [2, -1.01], [2, 2.01], [5, 5]]
    np.testing.assert_array_equal(valeurs(modele, dedans), [1] * 5)
    np.testing.assert_array_equal(valeurs(modele, dehors), [0] * 5)
    with pytest.raises(ValueError):
        indicatrice_rectangle(3, 1, 0, 1)
    with pytest.raises(ValueError):
        indicatrice_rectangle(0, 1, 1, 1)


def test_approximation_deux_var_valeur_au_centre_de_chaque_cellule():
    f = lambda x, y: x + 10 * y
    modele = approximation_deux_var(f, 0, 2, 0, 1, 2)     # cellules [0,1[ × [0,0.5[ … ; centres 0.5/1.5 × 0.25/0.75
    assert [c.units for c in modele.layers] == [6, 4, 1]
    points = [[0, 0], [0.99, 0.49], [1, 0], [1.5, 0.3], [0.2, 0.5], [1, 0.5], [2, 1], [2, 0], [0, 1]]
    attendu = [3, 3, 4, 4, 8, 9, 9, 4, 8]
    np.testing.assert_allclose(valeurs(modele, points), attendu, atol=1e-5)
    np.testing.assert_allclose(valeurs(modele, [[-0.01, 0.2], [2.01, 0.2], [1, -0.01], [1, 1.01]]), 0, atol=1e-6)
    # f non vectorisée (math.sin) : calculée point par point (elle échouait avant le ticket 13)
    trois = approximation_deux_var(lambda x, y: math.sin(x) * y, 0, 3, 0, 3, 3)
    np.testing.assert_allclose(valeurs(trois, [[0.5, 0.5], [2.5, 1.5], [1.2, 2.9]]),
                               [math.sin(0.5) * 0.5, math.sin(2.5) * 1.5, math.sin(1.5) * 2.5], atol=1e-5)
    with pytest.raises(ValueError):
        approximation_deux_var(f, 0, 2, 1, 0, 2)
    with pytest.raises(TypeError):
        approximation_deux_var("f", 0, 2, 0, 1, 2)


def test_erreur_max_sur_la_grille():
    modele = approximation_sigmoides(np.sin, 0, 3, 5)
    for num in (2001, 7):
        x = np.linspace(0, 3, num)
        attendu = np.max(np.abs(evaluer_lot(modele, x[:, None])[:, 0] - np.sin(x)))
        mesure = erreur_max(modele, np.sin, 0, 3) if num == 2001 else erreur_max(modele, np.sin, 0, 3, num=num)
        assert mesure == pytest.approx(float(attendu), abs=1e-7)
    marches = approximation_marches(lambda x: x, 0, 1, 4)
    assert erreur_max(marches, lambda x: x, 0, 1) == pytest.approx(0.25, abs=1e-6)
    assert erreur_max(marches, lambda x: x, 0, 1, num=3) == pytest.approx(0.25, abs=1e-6)
    assert erreur_max(marches, lambda x: x, 0.2, 0.3, num=2) == pytest.approx(0.2, abs=1e-6)
    with pytest.raises(ValueError):
        erreur_max(marches, lambda x: x, 0, 1, num=1)


def test_erreur_max_deux_var_sur_la_grille():
    f = lambda x, y: x * y
    modele = approximation_deux_var(f, 0, 1, 0, 2, 3)
    for num in (201, 4):
        X, Y = np.meshgrid(np.linspace(0, 1, num), np.linspace(0, 2, num))
        P = np.c_[X.ravel(), Y.ravel()]
        attendu = np.max(np.abs(evaluer_lot(modele, P)[:, 0] - P[:, 0] * P[:, 1]))
        mesure = erreur_max_deux_var(modele, f, 0, 1, 0, 2) if num == 201 else \
            erreur_max_deux_var(modele, f, 0, 1, 0, 2, num=num)
        assert mesure == pytest.approx(float(attendu), abs=1e-6)
    with pytest.raises(ValueError):
        erreur_max_deux_var(modele, f, 0, 1, 2, 0)
    with pytest.raises(ValueError):
        erreur_max_deux_var(modele, f, 0, 1, 0, 2, num=1)
    assert erreur_max_deux_var(modele, lambda x, y: math.cos(x) * y, 0, 1, 0, 2, num=3) == pytest.approx(
        max(abs(evaluer_lot(modele, np.array([[x, y]]))[0, 0] - math.cos(x) * y)
            for x in (0, 0.5, 1) for y in (0, 1, 2)), abs=1e-6)
    with pytest.raises(ValueError, match="finis"):
        erreur_max_deux_var(modele, lambda x, y: x / y, 0, 1, 0, 2)


def test_valeurs_de_f_verifiees():
    marches = approximation_marches(math.sqrt, 0, 4, 4)              # math.sqrt : un point à la fois
    np.testing.assert_allclose(valeurs(marches, [0.5, 1.5, 3.9]), [0, 1, math.sqrt(3)], atol=1e-6)
    with pytest.raises(ValueError, match="finis"):
        approximation_marches(lambda x: 1 / x, 0, 1, 2)
    with pytest.raises(ValueError, match="float32"):
        approximation_marches(lambda x: np.full_like(x, 1e38), 0, 1, 2)
    with pytest.raises(TypeError, match="nombre réel"):
        approximation_marches(lambda x: "a", 0, 1, 2)
    with pytest.raises(TypeError):
        approximation_marches("f", 0, 1, 2)
    # une f qui renvoie un seul nombre pour tout le tableau : reprise point par point
    np.testing.assert_allclose(valeurs(approximation_affine_par_morceaux(lambda x: float(np.sum(x)), 0, 1, 2),
                                       [0, 0.5, 1]), [0, 0.5, 1], atol=1e-5)


def test_messages_nomment_les_bornes_et_les_arguments():
    livre = modele_du_livre(2)
    cas = [
        (lambda: calcul_approximation(livre, carre, 1, 0, 2), ValueError, r"^a et b doivent vérifier a < b"),
        (lambda: calcul_approximation(livre, carre, -1e39, 0, 2), ValueError, r"^a doit être un nombre représentable"),
        (lambda: calcul_approximation(livre, carre, 0, 1e39, 2), ValueError, r"^b doit être un nombre représentable"),
        (lambda: approximation_marches(carre, 2, 2, 3), ValueError, r"^a et b doivent vérifier a < b"),
        (lambda: erreur_max(livre, carre, 1, 0), ValueError, r"^a et b doivent vérifier a < b"),
        (lambda: erreur_max(livre, carre, 0, 1, num=1), ValueError,
         r"^num doit .*, reçu 1 \(int\) ; num est le nombre de points de la grille"),
        (lambda: indicatrice_rectangle(1, 0, 0, 1), ValueError, r"^xmin et xmax doivent vérifier xmin < xmax"),
        (lambda: indicatrice_rectangle(0, 1, 1, 0), ValueError, r"^ymin et ymax doivent vérifier ymin < ymax"),
        (lambda: approximation_deux_var(lambda x, y: x, 1, 0, 0, 1, 2), ValueError,
         r"^xmin et xmax doivent vérifier xmin < xmax"),
        (lambda: approximation_deux_var(lambda x, y: x, 0, 1, 1, 0, 2), ValueError,
         r"^ymin et ymax doivent vérifier ymin < ymax"),
        (lambda: erreur_max_deux_var(livre, lambda x, y: x, 1, 0, 0, 1), ValueError,
         r"^xmin et xmax doivent vérifier xmin < xmax"),
        (lambda: erreur_max_deux_var(livre, lambda x, y: x, 0, 1, 1, 0), ValueError,
         r"^ymin et ymax doivent vérifier ymin < ymax"),
    ]
    for appel, erreur, motif in cas:
        with pytest.raises(erreur, match=motif):
            appel()


def test_message_decrit_les_couches_recues():
    modele = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(8, activation=heaviside),
                               keras.layers.Dropout(0.1)])
    with pytest.raises(ValueError, match=r"reçu Dense\(8, activation=heaviside\) puis Dropout$"):
        calcul_approximation(modele, carre, 0, 1, 4)


def test_valeur_non_finie_signalee_au_bon_point():
    # 1/(x − 0.5) sur [0, 1], n = 2 : les points 0, 0.5, 1 ; l'infini est au point du milieu
    with pytest.raises(ValueError, match=r"^f doit renvoyer des nombres finis sur l'intervalle, reçu f\(0\.5\) = inf"):
        approximation_affine_par_morceaux(lambda x: 1 / (x - 0.5), 0, 1, 2)
    # même chose pour une f qui ne prend que des nombres (calcul point par point)
    with pytest.raises(ValueError, match=r"^f doit renvoyer des nombres finis sur l'intervalle, reçu f\(0\.5\) = inf"):
        approximation_affine_par_morceaux(lambda x: math.inf if x == 0.5 else 1.0, 0, 1, 2)


def test_valeurs_non_finies_sans_avertissement_numpy():
    # la docstring promet l'erreur en français seule : aucun avertissement numpy (0/0, 1/0, débordement)
    import warnings

    for f in (lambda x: (x - x) / (x - x), lambda x: 1 / (x - x), lambda x: np.exp(1000 + x)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ValueError, match="nombres finis"):
                approximation_affine_par_morceaux(f, 0, 1, 2)


def test_f_vectorisee_appelee_une_seule_fois():
    # f accepte des tableaux : un seul appel pour tous les points (pas de reprise point par point)
    appels = []

    def f(x, y=None):
        appels.append(np.shape(x))
        return x if y is None else x * y

    modele = approximation_deux_var(f, 0, 1, 0, 1, 3)
    assert appels == [(9,)]
    # et f reçoit bien les deux colonnes (x, y) : valeur au centre (1/2, 5/6) de la cellule du milieu en x, en haut
    assert valeurs(modele, [[0.5, 0.9]])[0] == pytest.approx(0.5 * 5 / 6, abs=1e-6)
    appels.clear()
    approximation_affine_par_morceaux(f, 0, 1, 4)
    assert appels == [(5,)]


def test_messages_des_autres_constructeurs():
    cas = [
        (lambda: approximation_affine_par_morceaux(carre, 1, 0, 2), ValueError, r"^a et b doivent vérifier a < b"),
        (lambda: approximation_sigmoides(carre, 1, 0, 2), ValueError, r"^a et b doivent vérifier a < b"),
        (lambda: erreur_max_deux_var(modele_du_livre(1), "f", 0, 1, 0, 1), TypeError,
         r"^f doit être une fonction, reçu 'f' \(str\)$"),
        (lambda: erreur_max_deux_var(keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)]),
                                     lambda x, y: x / y, 0, 1, 0, 1), ValueError,
         r"^f doit renvoyer des nombres finis sur l'intervalle, reçu f\(\[0\. 0\.\]\) = nan ; choisissez un "
         r"intervalle où f est définie$"),
        (lambda: calcul_approximation(keras.Sequential([keras.Input(shape=(1,))]), carre, 0, 1, 2), ValueError,
         r"^modele doit être le réseau du livre Dense\(4, activation=heaviside\) puis Dense\(1, "
         r"activation='linear'\) \(pour n=2\), reçu un modèle sans couche$"),
    ]
    for appel, erreur, motif in cas:
        with pytest.raises(erreur, match=motif):
            appel()


def test_erreur_max_deux_var_grille_201_par_defaut():
    # docstring : grille num × num avec num = 201, soit x = k/200 : sin(200 π x) y vaut 0 partout
    # (à 1e-12 près) ; sur une grille de 202 points, l'écart à un réseau nul atteindrait ≈ 1
    nul = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, kernel_initializer="zeros")])
    f = lambda x, y: np.sin(200 * np.pi * x)
    assert erreur_max_deux_var(nul, f, 0, 1, 0, 1) < 1e-9
    assert erreur_max_deux_var(nul, f, 0, 1, 0, 1, num=202) > 0.99


def test_valeur_trop_grande_signalee_au_bon_point():
    # marches sur [0, 1], n = 2 : points 0 et 0.5 ; borne float32 / (2 (n + 2)) = 3.4e38 / 8 ≈ 4.25e37
    with pytest.raises(ValueError) as e:
        approximation_marches(lambda x: np.where(x > 0.25, 1e38, 0.0), 0, 1, 2)
    assert str(e.value) == ("f doit renvoyer des valeurs de taille ≤ 4.25e+37 pour que le réseau calcule en float32 "
                            "sans débordement, reçu f(0.5) = 1e+38")
