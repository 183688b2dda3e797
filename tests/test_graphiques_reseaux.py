"""Les figures des chapitres 5 et 9 : ce qui est dessiné est bien ce que calcule le réseau."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from keras_facile.graphiques_reseaux import (affichage_carte, affichage_cube_couleurs, affichage_portes,
                                             affichage_surfaces, affichage_zones)
from keras_facile.perceptron import demi_plan, perceptron, porte_et, porte_ou, porte_ou_exclusif


@pytest.fixture(autouse=True)
def fermer_figures():
    yield
    plt.close("all")


def test_zones_du_demi_plan_et_points():
    F = demi_plan(2, 3, 0)
    groupes = [([(4, -1), (-3, 1)], dict(marker="o", color="k", label="points"))]
    fig = affichage_zones(F, -5, 8, -6, 4, groupes, "H(2x + 3y)", num=60, afficher=False)
    ax = fig.axes[0]
    zero, un = ax.collections[0].get_paths()
    for point in [(4, -1), (1, 1), (-1, 2)]:                  # 2x + 3y > 0
        assert un.contains_point(point) and not zero.contains_point(point)
    for point in [(-3, 1), (-2, -1)]:                          # 2x + 3y < 0
        assert zero.contains_point(point) and not un.contains_point(point)
    np.testing.assert_array_equal(ax.collections[1].get_offsets(), [(4, -1), (-3, 1)])
    assert ax.get_title() == "H(2x + 3y)" and ax.get_legend() is not None


def test_zones_de_la_bande_du_ou_exclusif():
    fig = affichage_zones(porte_ou_exclusif(), -2, 3, -2, 3, num=80, afficher=False)
    zero, un = fig.axes[0].collections[0].get_paths()
    assert zero.contains_point((0.5, 0.5)) and zero.contains_point((-1, -1))       # sur la bande
    assert un.contains_point((1.8, 0)) and un.contains_point((0, 1.8))


def test_carte_niveaux_annotations_droites():
    taille_poids = perceptron([85, -1], -77, "sigmoid")
    personnes = [(1.77, 75), (1.67, 64)]
    fig = affichage_carte(taille_poids, 1.4, 2.0, 40, 100, [(personnes, dict(color="k"))], num=61,
                          cmap="coolwarm", droites=[((1.4, 42), (2.0, 93), "p = 85t − 77")], annoter=True,
                          etiquette="F", noms_axes=("t", "p"), afficher=False)
    ax = fig.axes[0]
    textes = [t.get_text() for t in ax.texts]
    assert textes == ["F = 0.18", "F = 0.72"]                 # σ(−1.55) = 0.175, σ(0.95) = 0.721
    ligne = ax.get_lines()[0]
    np.testing.assert_allclose(ligne.get_xydata(), [(1.4, 42), (2.0, 93)])
    niveaux = ax.collections[0]
    np.testing.assert_allclose(niveaux.levels, np.linspace(0, 1, 21))
    # la bande la plus haute (F ≥ 0.95) contient un point très « femme », pas la plus basse
    bandes = niveaux.get_paths()
    assert bandes[-1].contains_point((1.95, 45)) and not bandes[0].contains_point((1.95, 45))
    assert bandes[0].contains_point((1.45, 95)) and not bandes[-1].contains_point((1.45, 95))
    assert fig.axes[1].get_ylabel() == "F" and (ax.get_xlabel(), ax.get_ylabel()) == ("t", "p")


def test_carte_d_une_fonction_numpy():
    fig = affichage_carte(lambda P: (P[:, 0] > 0).astype(float), -1, 1, -1, 1, num=41, niveaux=2, afficher=False)
    bandes = fig.axes[0].collections[0].get_paths()
    assert bandes[1].contains_point((0.5, 0)) and bandes[0].contains_point((-0.5, 0))
    assert not bandes[0].contains_point((0.5, 0))


def test_portes_points_et_droites():
    fig = affichage_portes({"x OU y": porte_ou(), "x ET y": porte_et()}, afficher=False)
    ou, et = fig.axes
    rouges, bleus = ou.collections
    np.testing.assert_array_equal(rouges.get_offsets(), [(0, 1), (1, 0), (1, 1)])
    np.testing.assert_array_equal(bleus.get_offsets(), [(0, 0)])
    np.testing.assert_array_equal(et.collections[0].get_offsets(), [(1, 1)])
    x, y = ou.get_lines()[0].get_data()
    np.testing.assert_allclose(y, 1 - x)
    assert ou.get_lines()[0].get_label() == "x + y − 1 = 0" and et.get_lines()[0].get_label() == "x + y − 2 = 0"


def test_cube_des_couleurs():
    rouge = perceptron([2, -2, -2], -1)
    fig = affichage_cube_couleurs(rouge, 5, afficher=False)
    ax = fig.axes[0]
    pales, rouges = ax.collections[:2]
    points_rouges = np.array(rouges._offsets3d).T
    cube = np.stack(np.meshgrid(*[np.linspace(0, 1, 5)] * 3, indexing="ij"), -1).reshape(-1, 3)
    attendus = cube[2 * cube[:, 0] - 2 * cube[:, 1] - 2 * cube[:, 2] - 1 >= 0]
    assert len(attendus) == 10                                  # (0.5, 0, 0), (0.75, 0, 0), … (1, 0.5, 0)
    np.testing.assert_allclose(sorted(map(tuple, points_rouges)), sorted(map(tuple, attendus)))
    assert len(np.array(pales._offsets3d).T) == 125 - 10


def test_surfaces_moyennes_aux_coins():
    lineaire = demi_plan(1, 2, -1, "linear")
    fig = affichage_surfaces({"affine": lineaire, "marche": demi_plan(1, 0, 0)}, -2, 2, -1, 1, num=5,
                             afficher=False)
    assert [ax.get_title() for ax in fig.axes] == ["affine", "marche"]
    X, Y = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 1, 5))
    Z = X + 2 * Y - 1
    coins = (Z[:-1, :-1] + Z[1:, :-1] + Z[:-1, 1:] + Z[1:, 1:]) / 4
    np.testing.assert_allclose(fig.axes[0].collections[0].get_array(), coins.ravel(), atol=1e-6)


def test_arguments_invalides():
    with pytest.raises(ValueError, match="2 entrée"):
        affichage_zones(perceptron([1, 1, 1], 0), -1, 1, -1, 1, afficher=False)
    with pytest.raises(ValueError, match="xmin < xmax"):
        affichage_zones(demi_plan(1, 1, 0), 1, -1, -1, 1, afficher=False)
    with pytest.raises(TypeError, match="groupes\\[0\\]"):
        affichage_zones(demi_plan(1, 1, 0), -1, 1, -1, 1, [[(0, 0)]], afficher=False)
    with pytest.raises(TypeError, match="réseau Keras à deux entrées ou une fonction"):
        affichage_carte("pas un réseau", -1, 1, -1, 1, afficher=False)
    with pytest.raises(TypeError, match="droites\\[0\\]"):
        affichage_carte(demi_plan(1, 1, 0), -1, 1, -1, 1, droites=[(0, 1)], afficher=False)
    with pytest.raises(TypeError, match="portes doit être"):
        affichage_portes([], afficher=False)
    with pytest.raises(ValueError, match="portes\\['3 entrées'\\] doit être un réseau à 2 entrée"):
        affichage_portes({"3 entrées": porte_ou(3)}, afficher=False)
    with pytest.raises(ValueError, match="un seul neurone|une seule couche"):
        affichage_portes({"OU EXCLUSIF": porte_ou_exclusif()}, afficher=False)
    with pytest.raises(TypeError, match="k doit être un entier"):
        affichage_cube_couleurs(perceptron([2, -2, -2], -1), 2.5, afficher=False)
    with pytest.raises(ValueError, match="plan doit être"):
        affichage_cube_couleurs(perceptron([2, -2, -2], -1), 3, plan=[(0, 0, 0)], afficher=False)
    with pytest.raises(ValueError, match="colonnes"):
        affichage_surfaces({"a": demi_plan(1, 1, 0)}, -1, 1, -1, 1, colonnes=0, afficher=False)
