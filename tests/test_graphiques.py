"""Les affichages du livre : valeurs tracées, rang respecté, figures renvoyées, sans écran."""
import matplotlib
import numpy as np
import pytest

from keras_facile import *


def deux_sorties_2var():
    modele = Sequential([Input(shape=(2,)), Dense(2, activation="linear")])
    definir_poids(modele, 0, 0, [1, 0], 0)    # sortie 0 : x
    definir_poids(modele, 0, 1, [0, 1], 5)    # sortie 1 : y + 5
    return modele


def test_une_var_trace_les_valeurs_du_reseau(tmp_path):
    modele = Sequential([Input(shape=(1,)), Dense(2, activation="linear")])
    definir_poids(modele, 0, 0, 2, 0)
    definir_poids(modele, 0, 1, -1, 1)
    fig = affichage_evaluation_une_var(modele, -2, 3, rang=1, fichier=tmp_path / "f.png")
    x, y = fig.axes[0].lines[0].get_data()
    assert len(x) == 100 and x[0] == -2 and x[-1] == 3
    np.testing.assert_allclose(y, 1 - x, atol=1e-6)
    assert (tmp_path / "f.png").stat().st_size > 1000
    fig = affichage_evaluation_une_var(modele, -2, 3)
    np.testing.assert_allclose(fig.axes[0].lines[0].get_data()[1], 2 * np.linspace(-2, 3, 100), atol=1e-5)


def test_approximation_trace_f_en_rouge_et_F_en_bleu():
    modele = Sequential([Input(shape=(1,)), Dense(1, activation="linear")])
    definir_poids(modele, 0, 0, 1, 0)
    fig = affichage_approximation(modele, np.sin, 0, 3)
    rouge, bleu = fig.axes[0].lines
    assert rouge.get_color() == "red" and bleu.get_color() == "blue" and bleu.get_linewidth() == 2
    np.testing.assert_allclose(rouge.get_ydata(), np.sin(np.linspace(0, 3, 100)))


@pytest.mark.parametrize("rang, decalage", [(0, None), (1, 5.0)])
def test_deux_var_respecte_rang(rang, decalage):
    modele = deux_sorties_2var()
    fig = affichage_evaluation_deux_var_2d(modele, -1, 1, -2, 2, rang=rang, num=7)
    # la barre de couleurs couvre les valeurs tracées
    bornes = fig.axes[1].get_ylim()   # la barre de couleurs
    attendu = (-1, 1) if rang == 0 else (3, 7)
    assert bornes[0] == pytest.approx(attendu[0], abs=0.3) and bornes[1] == pytest.approx(attendu[1], abs=0.3)
    fig3 = affichage_evaluation_deux_var_3d(modele, -1, 1, -2, 2, rang=rang, num=5)
    zmin, zmax = fig3.axes[0].get_zlim()
    assert zmin <= attendu[0] + 1e-3 and zmax >= attendu[1] - 1e-3 and zmax < attendu[1] + 1.5


def test_deux_var_intervalle_invalide():
    with pytest.raises(ValueError, match="ymin < ymax"):
        affichage_evaluation_deux_var_2d(deux_sorties_2var(), -1, 1, 1, -1)


def test_trois_var_respecte_rang():
    modele = Sequential([Input(shape=(3,)), Dense(2, activation="linear")])
    definir_poids(modele, 0, 0, [1, 0, 0], 0)
    definir_poids(modele, 0, 1, [0, 0, 1], 100)
    fig = affichage_evaluation_trois_var(modele, -1, 1, -1, 1, -1, 1, rang=1, num=4)
    couleurs = fig.axes[0].collections[0].get_array()
    assert len(couleurs) == 64
    assert couleurs.min() == pytest.approx(99) and couleurs.max() == pytest.approx(101)


@pytest.mark.parametrize("appel, message", [
    (lambda m: affichage_evaluation_une_var(m, 3, -2), "a < b"),
    (lambda m: affichage_evaluation_une_var(m, -2, 3, rang=2), r"rang doit être un entier entre 0 et 1, reçu 2"),
    (lambda m: affichage_evaluation_une_var(m, -2, 3, num=1), "num"),
    (lambda m: affichage_evaluation_deux_var_3d(m, -1, 1, -1, 1), "2 entrée"),
    (lambda m: affichage_evaluation_trois_var(m, -1, 1, -1, 1, -1, 1), "3 entrée"),
])
def test_erreurs_francaises(appel, message):
    modele = Sequential([Input(shape=(1,)), Dense(2)])
    with pytest.raises((ValueError, TypeError), match=message):
        appel(modele)


def test_jamais_bloquant_sans_ecran(monkeypatch):
    assert matplotlib.get_backend().lower() == "agg"
    appels = []
    monkeypatch.setattr(matplotlib.pyplot, "show", lambda *a, **k: appels.append(1))
    modele = Sequential([Input(shape=(1,)), Dense(1)])
    affichage_evaluation_une_var(modele, 0, 1)
    assert appels == []
    affichage_evaluation_une_var(modele, 0, 1, afficher=True)
    assert appels == [1]


def test_fichier_dans_un_dossier_absent_et_sur_un_dossier(tmp_path):
    modele = Sequential([Input(shape=(1,)), Dense(1)])
    affichage_evaluation_une_var(modele, 0, 1, fichier=tmp_path / "nouveau" / "sous" / "f.png")
    assert (tmp_path / "nouveau" / "sous" / "f.png").stat().st_size > 1000
    with pytest.raises(IsADirectoryError, match="est un dossier"):
        affichage_evaluation_une_var(modele, 0, 1, fichier=tmp_path / "nouveau")
    assert sorted(p.name for p in (tmp_path / "nouveau" / "sous").iterdir()) == ["f.png"]   # rien de partiel
