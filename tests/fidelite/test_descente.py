"""Descente de gradient : chaque trajectoire comparée à un calcul fait à la main (ticket 13, mutation).

Les valeurs attendues sont calculées ici, ligne à ligne, à partir des formules du
chapitre 8 (P_{k+1} = P_k − δ_k grad f(P_k), moment, Nesterov, lots), jamais par
la fonction testée.
"""
import math
import warnings
from pathlib import Path

import numpy as np
import pytest

from keras_facile.descente import (
    DivergenceAvertissement, Trajectoire, descente, descente_stochastique, meilleur_pas, pas_constant,
    pas_exponentiel, pas_keras, pas_lineaire, pas_quadratique,
)


def carre(x):
    return x ** 2


def grad_carre(x):
    return 2 * x


# --- pas δ_k --------------------------------------------------------------------------------------

def test_pas_decroissants_valeurs_exactes():
    assert pas_constant(0.3)(7) == 0.3
    assert pas_lineaire(1.0)(3) == pytest.approx(0.25, abs=1e-15)            # 1 / (3 + 1)
    assert pas_quadratique(1.0)(1) == pytest.approx(0.25, abs=1e-15)         # 1 / (1 + 1)²
    assert pas_quadratique(2.0)(2) == pytest.approx(2 / 9, abs=1e-15)
    assert pas_exponentiel(2.0, 0.5)(2) == pytest.approx(2 * math.exp(-1), abs=1e-15)
    assert pas_exponentiel(2.0, 0.5)(0) == pytest.approx(2.0, abs=1e-15)


def test_pas_keras_delta0_sur_alpha_k_plus_un():
    # δ_k = δ0 / (αk + 1) : δ_0 = δ0, δ_4 = 0.1 / 3 pour α = 0.5 (un décalage de k se voit ici)
    pas = pas_keras(0.1, 0.5)
    assert pas(0) == pytest.approx(0.1, abs=1e-15)
    assert pas(4) == pytest.approx(0.1 / 3, abs=1e-15)
    assert pas(10) == pytest.approx(0.1 / 6, abs=1e-15)


# --- descente classique, moment, Nesterov ---------------------------------------------------------

def test_descente_une_variable_trajectoire_exacte():
    # f(x) = x², δ = 0.25 : x_{k+1} = x_k − 0.5 x_k = x_k / 2
    t = descente(carre, grad_carre, 1.0, delta=0.25, n=3)
    np.testing.assert_allclose(t.points[:, 0], [1, 0.5, 0.25, 0.125], atol=1e-15)
    assert t.points.shape == (4, 1)
    np.testing.assert_allclose(t.valeurs, [1, 0.25, 0.0625, 0.015625], atol=1e-15)
    np.testing.assert_allclose(t.gradients[:, 0], [2, 1, 0.5, 0.25], atol=1e-15)
    np.testing.assert_allclose(t.pas, [0.25] * 3, atol=1e-15)
    np.testing.assert_allclose(t.final, [0.125], atol=1e-15)


def test_descente_deux_variables_exemple_du_module():
    f = lambda P: P[0] ** 2 + 3 * P[1] ** 2
    grad = lambda P: np.array([2 * P[0], 6 * P[1]])
    t = descente(f, grad, [2, 1], delta=0.2, n=2)
    # P1 = (2 − 0.2·4, 1 − 0.2·6) = (1.2, −0.2) ; P2 = (1.2 − 0.48, −0.2 + 0.24) = (0.72, 0.04)
    np.testing.assert_allclose(t.points, [[2, 1], [1.2, -0.2], [0.72, 0.04]], atol=1e-12)
    np.testing.assert_allclose(t.valeurs, [7, 1.56, 0.72 ** 2 + 3 * 0.04 ** 2], atol=1e-12)


def test_descente_avec_moment_calcul_a_la_main():
    # µ = 0.5, δ = 0.1 : P1 = 0.8 ; P2 = 0.8 + 0.5(−0.2) − 0.16 = 0.54 ; P3 = 0.54 + 0.5(−0.26) − 0.108 = 0.302
    t = descente(carre, grad_carre, [1.0], delta=0.1, n=3, moment=0.5)
    np.testing.assert_allclose(t.points[:, 0], [1, 0.8, 0.54, 0.302], atol=1e-12)
    np.testing.assert_allclose(t.gradients[:, 0], [2, 1.6, 1.08, 0.604], atol=1e-12)


def test_descente_nesterov_calcul_a_la_main():
    # point anticipé P' = P_k + µ(P_k − P_{k−1}) : P1 = 0.8 ; P' = 0.7, P2 = 0.56 ; P' = 0.44, P3 = 0.352
    t = descente(carre, grad_carre, [1.0], delta=0.1, n=3, moment=0.5, nesterov=True)
    np.testing.assert_allclose(t.points[:, 0], [1, 0.8, 0.56, 0.352], atol=1e-12)
    # les gradients gardés sont ceux des points P_k eux-mêmes
    np.testing.assert_allclose(t.gradients[:, 0], [2, 1.6, 1.12, 0.704], atol=1e-12)
    np.testing.assert_allclose(t.valeurs, [1, 0.64, 0.3136, 0.352 ** 2], atol=1e-12)


def test_descente_pas_variable():
    # f = x²/2, grad = x, δ_k = 0.5/(k+1) : x_{k+1} = x_k (1 − δ_k)
    t = descente(lambda x: x ** 2 / 2, lambda x: x, 1.0, delta=pas_lineaire(0.5), n=3)
    np.testing.assert_allclose(t.points[:, 0], [1, 0.5, 0.375, 0.3125], atol=1e-12)
    np.testing.assert_allclose(t.pas, [0.5, 0.25, 1 / 6], atol=1e-12)


def test_descente_zero_iteration_et_arguments():
    t = descente(carre, grad_carre, 3.0, delta=0.1, n=0)
    assert t.points.shape == (1, 1) and t.valeurs.tolist() == [9.0] and len(t.pas) == 0
    for mauvais in (dict(delta=0), dict(delta=-0.1), dict(n=-1), dict(moment=1.0), dict(moment=-0.1)):
        reglages = dict(delta=0.1, n=2) | mauvais
        with pytest.raises(ValueError):
            descente(carre, grad_carre, 1.0, **reglages)
    assert len(descente(carre, grad_carre, 1.0, delta=0.1, n=2, moment=0.99).points) == 3
    with pytest.raises(ValueError, match="P0"):
        descente(carre, grad_carre, [[1.0, 2.0]], delta=0.1, n=1)
    with pytest.raises(ValueError, match=r"delta\(1\)"):
        descente(carre, grad_carre, 1.0, delta=lambda k: 0.1 if k == 0 else 0.0, n=3)
    with pytest.raises(ValueError, match="2 composante"):
        descente(lambda P: 0.0, lambda P: np.zeros(3), [1.0, 2.0], delta=0.1, n=1)
    with pytest.raises(ValueError, match="1 composante"):
        descente(carre, lambda x: np.zeros((1, 1)), 1.0, delta=0.1, n=1)


def test_descente_qui_diverge_s_arrete_avec_un_avertissement():
    with warnings.catch_warnings(record=True) as vus:
        warnings.simplefilter("always")
        t = descente(carre, grad_carre, 1.0, delta=1e200, n=5)
    # un seul avertissement, le nôtre (pas de « overflow » de numpy en plus)
    assert [type(v.message) for v in vus] == [DivergenceAvertissement]
    assert "itération 1 " in str(vus[0].message)
    assert len(t.points) == 1 and len(t.pas) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(descente(carre, grad_carre, 1.0, delta=0.1, n=3).points) == 4


# --- tableau --------------------------------------------------------------------------------------

def test_tableau_format_du_livre():
    t = Trajectoire(points=np.array([[2.0, 1.0], [1.2, -0.2]]), valeurs=np.array([7.0, 1.56]),
                    gradients=np.array([[4.0, 6.0], [2.4, -1.2]]), pas=np.array([0.2]))
    assert t.tableau() == ["    0 | (2, 1) | (4, 6) | 7", "    1 | (1.2, -0.2) | (2.4, -1.2) | 1.56"]
    assert t.tableau([1], decimales=2) == ["    1 | (1.2, -0.2) | (2.4, -1.2) | 1.6"]
    assert t.erreurs_epoques == []


# --- descente stochastique ------------------------------------------------------------------------

A = np.array([1.0, 2.0, 3.0])       # E_i(P) = (P − a_i)² / 2, grad E_i = P − a_i


def erreur(P):
    return float(np.sum((P[0] - A) ** 2) / 2)


def grad_local(i, P):
    return P - A[i]


def test_stochastique_un_par_un_dans_l_ordre():
    t = descente_stochastique(erreur, grad_local, 3, 0.0, delta=0.5, epoques=1)
    # P1 = 0 − 0.5(0 − 1) = 0.5 ; P2 = 0.5 − 0.5(0.5 − 2) = 1.25 ; P3 = 1.25 − 0.5(1.25 − 3) = 2.125
    np.testing.assert_allclose(t.points[:, 0], [0, 0.5, 1.25, 2.125], atol=1e-12)
    np.testing.assert_allclose(t.gradients[:3, 0], [-1, -1.5, -1.75], atol=1e-12)
    assert np.isnan(t.gradients[3, 0]) and t.gradients.shape == (4, 1)
    np.testing.assert_allclose(t.pas, [0.5] * 3)
    fin = (1.125 ** 2 + 0.125 ** 2 + 0.875 ** 2) / 2
    np.testing.assert_allclose(t.valeurs, [7, erreur([0.5]), erreur([1.25]), fin], atol=1e-12)
    assert t.erreurs_epoques == pytest.approx([7.0, fin], abs=1e-12)


def test_stochastique_par_lots_et_pas_qui_continue_d_une_epoque_a_l_autre():
    # lots de 2 : {0, 1} puis {2} ; δ_k = 1/(k+1) avec k compté sur toutes les époques
    t = descente_stochastique(erreur, grad_local, 3, [0.0], delta=pas_lineaire(1.0), epoques=2, taille_lot=2)
    p1 = 0 - 1.0 * ((0 - 1) + (0 - 2))           # 3
    p2 = p1 - 0.5 * (p1 - 3)                      # 3
    p3 = p2 - (1 / 3) * ((p2 - 1) + (p2 - 2))     # 3 − 1 = 2
    p4 = p3 - 0.25 * (p3 - 3)                     # 2.25
    np.testing.assert_allclose(t.points[:, 0], [0, p1, p2, p3, p4], atol=1e-12)
    np.testing.assert_allclose(t.pas, [1, 0.5, 1 / 3, 0.25], atol=1e-12)
    assert len(t.erreurs_epoques) == 3
    assert t.erreurs_epoques[1] == pytest.approx(erreur([p2]), abs=1e-12)
    assert t.erreurs_epoques[2] == pytest.approx(erreur([p4]), abs=1e-12)


def test_stochastique_lot_complet_egale_la_descente_classique():
    t = descente_stochastique(erreur, grad_local, 3, 0.0, delta=0.1, epoques=3, taille_lot=3)
    # grad E(P) = 3P − 6 : P_{k+1} = P_k − 0.1 (3 P_k − 6)
    attendu = [0.0]
    for _ in range(3):
        attendu.append(attendu[-1] - 0.1 * (3 * attendu[-1] - 6))
    np.testing.assert_allclose(t.points[:, 0], attendu, atol=1e-12)


def test_stochastique_melange_avant_chaque_epoque():
    graine = 4
    t = descente_stochastique(erreur, grad_local, 3, 0.0, delta=0.5, epoques=2, melanger=True, graine=graine)
    rng = np.random.default_rng(graine)
    P, attendu = 0.0, [0.0]
    for _ in range(2):
        for i in rng.permutation(3):
            P = P - 0.5 * (P - A[i])
            attendu.append(P)
    np.testing.assert_allclose(t.points[:, 0], attendu, atol=1e-12)
    dans_l_ordre = descente_stochastique(erreur, grad_local, 3, 0.0, delta=0.5, epoques=2)
    assert not np.allclose(dans_l_ordre.points, t.points)


def test_stochastique_divergence_et_arguments():
    with warnings.catch_warnings(record=True) as vus:
        warnings.simplefilter("always")
        t = descente_stochastique(erreur, grad_local, 3, 0.0, delta=1e200, epoques=2)
    assert [type(v.message) for v in vus] == [DivergenceAvertissement]
    assert "itération 1 " in str(vus[0].message)
    assert len(t.points) == 1 and t.erreurs_epoques == [7.0]
    assert t.gradients.shape == (1, 1) and np.isnan(t.gradients[0, 0])
    for mauvais in (dict(N=0), dict(taille_lot=0), dict(taille_lot=4), dict(epoques=-1), dict(delta=0)):
        reglages = dict(N=3, delta=0.5, epoques=1) | mauvais
        with pytest.raises(ValueError):
            descente_stochastique(erreur, grad_local, P0=0.0, **reglages)
    assert len(descente_stochastique(erreur, grad_local, 3, 0.0, delta=0.5, epoques=1, taille_lot=3).points) == 2


# --- meilleur pas ---------------------------------------------------------------------------------

def test_meilleur_pas_balayage_du_livre():
    # f(P) = (P − 3)² en P = 0 : f(0 − δ(−6)) = (6δ − 3)², minimum en δ = 0.5
    f = lambda P: (P[0] - 3) ** 2
    g = lambda P: 2 * (P - 3)
    assert meilleur_pas(f, g, 0.0) == pytest.approx(0.5, abs=1e-9)
    assert meilleur_pas(f, g, [0.0], candidats=[0.1, 0.4, 0.7]) == pytest.approx(0.4)
    assert meilleur_pas(f, g, 0.0, candidats=0.3) == pytest.approx(0.3)


def test_meilleur_pas_bornes_du_balayage_par_defaut():
    # « gradient » −1 : le point testé est P + δ ; f croissante → plus petit pas, décroissante → plus grand
    moins_un = lambda P: np.array([-1.0])
    assert meilleur_pas(lambda P: P[0] ** 2, moins_un, 0.0) == pytest.approx(0.001, abs=1e-12)
    assert meilleur_pas(lambda P: -P[0], moins_un, 0.0) == pytest.approx(0.999, abs=1e-9)


def test_meilleur_pas_ignore_les_nan_et_refuse_les_mauvais_candidats():
    moins_un = lambda P: np.array([-1.0])
    f = lambda P: np.nan if P[0] > 0.35 else -P[0]
    assert meilleur_pas(f, moins_un, 0.0, candidats=[0.1, 0.3, 0.5]) == pytest.approx(0.3)
    with pytest.raises(ValueError, match="NaN"):
        meilleur_pas(lambda P: np.nan, moins_un, 0.0)
    with pytest.raises(ValueError, match="premier pas fautif : 0"):
        meilleur_pas(f, moins_un, 0.0, candidats=[0.1, 0.0, -1])
    with pytest.raises(ValueError, match="premier pas fautif : -1"):
        meilleur_pas(f, moins_un, 0.0, candidats=[0.1, -1])
    with pytest.raises(ValueError):
        meilleur_pas(f, moins_un, 0.0, candidats=[])


def test_tableau_cinq_chiffres_significatifs_par_defaut():
    # f(x) = x², δ = 0.1 : x_{k+1} = 0.8 x_k ; x₀ = 1.2345678, x₁ = 0.98765424, x₂ = 0.790123392
    t = descente(carre, grad_carre, 1.2345678, delta=0.1, n=2)
    assert t.tableau() == ["    0 | (1.2346) | (2.4691) | 1.5242",
                           "    1 | (0.98765) | (1.9753) | 0.97546",
                           "    2 | (0.79012) | (1.5802) | 0.62429"]
    assert t.tableau([2], decimales=3) == ["    2 | (0.79) | (1.58) | 0.624"]


def test_avertissement_de_divergence_pointe_la_ligne_de_l_utilisateur():
    # stacklevel : l'avertissement désigne l'appel à descente dans le code de l'utilisateur, pas descente.py
    for appel in (lambda: descente(carre, grad_carre, 1.0, delta=1e200, n=5),
                  lambda: descente_stochastique(erreur, grad_local, 3, 0.0, delta=1e200, epoques=2)):
        with warnings.catch_warnings(record=True) as vus:
            warnings.simplefilter("always")
            appel()
        assert [type(v.message) for v in vus] == [DivergenceAvertissement]
        # (sous mutmut, une fonction de plus s'intercale dans la pile : on vérifie seulement que
        # l'avertissement ne désigne pas descente.py lui-même)
        assert Path(vus[0].filename).name != "descente.py"


def test_stochastique_divergence_sans_avertissement_numpy_en_plus():
    # régression F(x) = a x + b sur (1, 2), (0, 1), δ = 1e308 : le premier pas déborde (a = b = +inf) et
    # l'erreur calcule inf·0 = NaN ; seul l'avertissement en français doit sortir (ni « overflow » ni
    # « invalid value » de numpy)
    x, y = np.array([1.0, 0.0]), np.array([2.0, 1.0])

    def erreur_ab(P):
        return float(np.mean((P[0] * x + P[1] - y) ** 2))

    def grad_ab(i, P):
        r = P[0] * x[i] + P[1] - y[i]
        return np.array([2 * r * x[i], 2 * r])

    with warnings.catch_warnings(record=True) as vus:
        warnings.simplefilter("always")
        t = descente_stochastique(erreur_ab, grad_ab, 2, [1.0, 0.0], delta=1e308, epoques=3, melanger=False)
    assert [type(v.message) for v in vus] == [DivergenceAvertissement]
    assert "itération 1 " in str(vus[0].message)
    np.testing.assert_array_equal(t.points, [[1.0, 0.0]])
