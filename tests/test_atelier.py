"""L'atelier dans un carnet (ipywidgets), piloté depuis le code : sans navigateur."""
import math
import sys

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

import keras  # noqa: E402
from keras import Input, Sequential  # noqa: E402
from keras.layers import Dense, Dropout  # noqa: E402

from keras_facile import definir_poids  # noqa: E402
from keras_facile.atelier import Atelier, atelier, lignes_definir_poids  # noqa: E402
from test_api_livre import reseau_relu as reseau_listing_6_8  # noqa: E402  (le réseau du listing 6.8)


def reseau_deux_entrees(graine=3):
    keras.utils.set_random_seed(graine)
    return Sequential([Input(shape=(2,)), Dense(3, activation="tanh"), Dense(2, activation="heaviside"),
                       Dense(1, activation="sigmoid")])


def sortie_keras(modele, points):
    """La sortie de Keras elle-même (predict), indépendante du calcul de l'atelier."""
    return modele.predict(np.asarray(points, dtype=np.float32), verbose=0)[:, 0]


# --------------------------------------------------------------------------
# Curseurs → poids → tracé
# --------------------------------------------------------------------------

def test_curseurs_ranges_comme_affiche_poids_et_valeurs_initiales():
    modele = reseau_listing_6_8()
    a = atelier(modele, -2, 3)
    # couche 0 : 2 neurones × (1 coeff + biais) ; couche 1 : 1 neurone × (2 coeffs + biais)
    assert list(a.curseurs) == [(0, 0, 0), (0, 0, -1), (0, 1, 0), (0, 1, -1), (1, 0, 0), (1, 0, 1), (1, 0, -1)]
    assert [a.curseurs[c].value for c in a.curseurs] == [1, -1, -0.5, 1, 1, 1, 0]
    assert a.curseurs[(0, 0, -1)].description == "biais"
    assert (a.curseurs[(0, 0, 0)].min, a.curseurs[(0, 0, 0)].max) == (-5, 5)
    # construire l'atelier ne change pas les poids ; F(3) = 2 comme dans le livre
    assert modele.layers[0].get_weights()[1].tolist() == [-1, 1]
    assert a.x[-1] == 3 and a.donnees["F"][-1] == 2.0
    assert len(a.x) == 1000 and isinstance(a, Atelier)


def test_bouger_un_curseur_change_le_poids_et_la_courbe():
    modele = reseau_listing_6_8()
    a = atelier(modele, -2, 3)
    avant = a.donnees["F"].copy()
    a.curseurs[(0, 1, -1)].value = 0.25            # biais du neurone 1 de la couche 0
    assert modele.layers[0].get_weights()[1][1] == np.float32(0.25)
    assert modele.layers[0].get_weights()[0].tolist() == [[1, -0.5]]      # les autres poids n'ont pas bougé
    F = a.donnees["F"]
    assert not np.allclose(F, avant)
    np.testing.assert_allclose(F, sortie_keras(modele, a.x[:, None]), rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(a.ligne.get_ydata(), F)       # c'est bien ce qui est tracé
    a.curseurs[(1, 0, 1)].value = -2.0              # un coefficient de la couche de sortie
    assert modele.layers[1].get_weights()[0][:, 0].tolist() == [1, -2]
    np.testing.assert_allclose(a.ligne.get_ydata(), sortie_keras(modele, a.x[:, None]), rtol=1e-6, atol=1e-7)
    assert a.duree_redessin > 0
    assert a.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_deux_entrees_carte_egale_a_keras():
    modele = reseau_deux_entrees()
    a = atelier(modele, -2, 2, -1, 3, points=40)
    assert a.donnees["F"].shape == (40, 40)
    a.curseurs[(0, 2, 1)].value = 1.5
    assert modele.layers[0].get_weights()[0][1, 2] == np.float32(1.5)
    X, Y = np.meshgrid(a.x, a.y)
    attendu = sortie_keras(modele, np.c_[X.ravel(), Y.ravel()]).reshape(X.shape)
    np.testing.assert_allclose(a.donnees["F"], attendu, rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(np.asarray(a.carte.get_array()), a.donnees["F"])
    assert a.y[0] == -1 and a.y[-1] == 3 and a.x[0] == -2


def test_synchroniser_apres_un_definir_poids_fait_ailleurs():
    modele = reseau_listing_6_8()
    a = atelier(modele, -2, 3)
    definir_poids(modele, 0, 0, 7, -1)              # hors des bornes des curseurs
    a.synchroniser()
    assert a.curseurs[(0, 0, 0)].value == 7 and a.curseurs[(0, 0, 0)].max == 7
    np.testing.assert_allclose(a.donnees["F"], sortie_keras(modele, a.x[:, None]), rtol=1e-6)


# --------------------------------------------------------------------------
# Cible et erreur maximale
# --------------------------------------------------------------------------

def test_cible_et_erreur_max_exacte():
    # réseau du listing 6.8 : F(x) = 1 − x/2 sur [−2, 1], x/2 sur [1, 2], x − 1 sur [2, 3] ;
    # cible |x − 1| : l'écart vaut |x|/2 sur [−2, 1], 1 − x/2 sur [1, 2], 0 ensuite → max 1 en x = −2
    modele = reseau_listing_6_8()
    a = atelier(modele, -2, 3, cible=lambda x: np.abs(x - 1))
    assert a.erreur_max == pytest.approx(1.0, abs=1e-6)
    assert "1" in a.erreur.value and "[-2, 3]" in a.erreur.value
    np.testing.assert_array_equal(a.donnees["cible"], np.abs(a.x - 1))
    # neurone 1 de la couche 0 mis à zéro : F(x) = relu(x − 1), écart |x − 1| − relu(x − 1) → max 3 en x = −2
    a.curseurs[(0, 1, 0)].value = 0.0
    a.curseurs[(0, 1, -1)].value = 0.0
    assert a.erreur_max == pytest.approx(3.0, abs=1e-6)
    independante = np.max(np.abs(sortie_keras(modele, a.x[:, None]) - np.abs(a.x - 1)))
    assert a.erreur_max == pytest.approx(independante, abs=1e-6)
    assert "<b>3</b>" in a.erreur.value


def test_cible_deux_entrees_et_fonction_non_vectorisee():
    modele = reseau_deux_entrees()
    a = atelier(modele, -1, 1, cible=lambda x, y: math.sin(x) * y, points=30)   # math.sin : un point à la fois
    X, Y = np.meshgrid(a.x, a.y)
    cible = np.sin(X) * Y
    np.testing.assert_allclose(a.donnees["cible"], cible, rtol=1e-12)
    F = sortie_keras(modele, np.c_[X.ravel(), Y.ravel()]).reshape(X.shape)
    assert a.erreur_max == pytest.approx(np.max(np.abs(F - cible)), abs=1e-6)
    assert len(a.axes) == 2                 # la cible est dessinée à côté


def test_cible_constante_acceptee():
    # F descend de 2 (x = −2) à 0.5 (x = 1) puis remonte à 2 (x = 3) : écart max à 2 ≈ 1.5, en x ≈ 1
    # (x = 1 n'est pas un des 1 000 points : pas de 5/999, le plus proche à 0.002 près)
    a = atelier(reseau_listing_6_8(), -2, 3, cible=lambda x: 2)
    assert a.erreur_max == pytest.approx(1.5, abs=2e-3)
    assert a.erreur_max == pytest.approx(2 - np.min(a.donnees["F"]), abs=1e-6)


# --------------------------------------------------------------------------
# Les lignes definir_poids
# --------------------------------------------------------------------------

def executer_lignes(lignes, modele):
    espace = {"modele": modele, "definir_poids": definir_poids}
    exec(lignes, espace)
    return modele


def test_lignes_du_bouton_reconstruisent_le_modele():
    modele = reseau_listing_6_8()
    a = atelier(modele, -2, 3)
    a.curseurs[(0, 0, 0)].value = 0.37
    a.curseurs[(1, 0, -1)].value = -1.23
    a.bouton.click()
    lignes = a.texte.value
    assert lignes == lignes_definir_poids(modele) and lignes.count("definir_poids(") == 3
    assert lignes.splitlines()[0] == "definir_poids(modele, 0, 0, 0.37, -1)"
    neuf = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
    executer_lignes(lignes, neuf)
    for w_neuf, w in zip(neuf.get_weights(), modele.get_weights()):
        np.testing.assert_array_equal(w_neuf, w)
    x = np.linspace(-2, 3, 101)[:, None]
    np.testing.assert_array_equal(sortie_keras(neuf, x), sortie_keras(modele, x))


def test_lignes_exactes_en_float32_pour_des_poids_quelconques():
    modele = reseau_deux_entrees(graine=11)
    rng = np.random.default_rng(0)
    modele.set_weights([rng.normal(0, 3, w.shape).astype(np.float32) for w in modele.get_weights()])
    lignes = lignes_definir_poids(modele, nom="reseau")
    assert lignes.startswith("definir_poids(reseau, 0, 0, [")
    neuf = reseau_deux_entrees(graine=12)
    exec(lignes, {"reseau": neuf, "definir_poids": definir_poids})
    for w_neuf, w in zip(neuf.get_weights(), modele.get_weights()):
        np.testing.assert_array_equal(w_neuf, w)


# --------------------------------------------------------------------------
# Messages d'erreur
# --------------------------------------------------------------------------

def test_erreurs_en_francais(monkeypatch):
    modele = reseau_listing_6_8()
    entree = Input(shape=(1,))
    fonctionnel = keras.Model(entree, Dense(1)(entree))
    with pytest.raises(TypeError, match="modele doit être un modèle Sequential.*reçu un modèle Functional"):
        atelier(fonctionnel, -1, 1)
    with pytest.raises(TypeError, match="modele doit être un modèle Keras"):
        atelier("modele", -1, 1)
    avec_dropout = Sequential([Input(shape=(1,)), Dense(2), Dropout(0.5), Dense(1)])
    with pytest.raises(ValueError, match="couche doit désigner une couche Dense.*Dropout"):
        atelier(avec_dropout, -1, 1)
    with pytest.raises(ValueError, match="modele doit avoir au moins une couche Dense"):
        atelier(Sequential([Input(shape=(1,))]), -1, 1)
    trois = Sequential([Input(shape=(3,)), Dense(1)])
    with pytest.raises(ValueError, match="1 ou 2 entrées.*reçu un réseau à 3 entrées"):
        atelier(trois, -1, 1)
    softmax = Sequential([Input(shape=(1,)), Dense(2, activation="softmax")])
    with pytest.raises(ValueError, match="la couche 0 doit avoir une activation du livre.*reçu 'softmax'"):
        atelier(softmax, -1, 1)
    with pytest.raises(ValueError, match="xmin et xmax doivent vérifier xmin < xmax"):
        atelier(modele, 3, 3)
    with pytest.raises(ValueError, match="ymin et ymax doivent être donnés ensemble"):
        atelier(modele, -1, 1, ymin=0)
    with pytest.raises(TypeError, match="cible doit être"):
        atelier(modele, -1, 1, cible=3)
    with pytest.raises(ValueError, match="cible doit donner des valeurs finies.*en \\(0\\)"):
        atelier(modele, -1, 1, cible=lambda x: 1 / x, points=3)
    with pytest.raises(ValueError, match="rang doit être un entier entre 0 et 0"):
        atelier(modele, -1, 1, rang=1)
    with pytest.raises(ValueError, match="bornes\\[0\\] et bornes\\[1\\]"):
        atelier(modele, -1, 1, bornes=(2, -2))
    with pytest.raises(ValueError, match="nom doit être un nom de variable"):
        lignes_definir_poids(modele, nom="mon modèle")
    assert modele.layers[0].get_weights()[1].tolist() == [-1, 1]    # rien n'a bougé
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(ImportError, match=r"pip install '\.\[carnet\]'"):
        atelier(modele, -1, 1)
    assert lignes_definir_poids(modele).count("\n") == 2           # les lignes, elles, n'en ont pas besoin


def test_s_affiche_comme_un_widget_dans_un_carnet():
    a = atelier(reseau_listing_6_8(), -2, 3)
    paquet = a._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in paquet
    assert paquet["application/vnd.jupyter.widget-view+json"]["model_id"] == a.widget.model_id


def test_dans_un_vrai_noyau_jupyter(tmp_path):
    """Dans un carnet exécuté par un noyau neuf (nbclient) : l'atelier s'affiche en widget, et une
    cellule suivante qui bouge un curseur change le modèle."""
    import nbformat

    from keras_facile.carnet import executer_carnet

    carnet = nbformat.v4.new_notebook()
    carnet.cells = [
        nbformat.v4.new_code_cell("from keras_facile import *\nfrom keras_facile.atelier import atelier\n"
                                  "modele = Sequential([Input(shape=(1,)), Dense(2, activation='relu'), "
                                  "Dense(1, activation='relu')])\n"
                                  "definir_poids(modele, 0, 0, 1, -1)\ndefinir_poids(modele, 0, 1, -0.5, 1)\n"
                                  "definir_poids(modele, 1, 0, [1, 1], 0)\n"
                                  "a = atelier(modele, -2, 3, cible=lambda x: np.abs(x - 1))\na"),
        nbformat.v4.new_code_cell("a.curseurs[(1, 0, -1)].value = 1.0\n"
                                  "print(evaluation(modele, 3), a.erreur_max)\nprint(a.montrer_lignes())"),
    ]
    chemin = tmp_path / "atelier.ipynb"
    nbformat.write(carnet, chemin)
    bilan = executer_carnet(chemin, delai=300)
    assert bilan.erreurs == []
    sorties = bilan.carnet.cells[0].outputs
    assert any("application/vnd.jupyter.widget-view+json" in s.get("data", {}) for s in sorties)
    texte = "".join(s.get("text", "") for s in bilan.carnet.cells[1].outputs)
    # biais de sortie 1 : F(3) = 2 + 1 = 3 ; F − |x − 1| vaut 1 + x/2 sur [−2, 1], 2 − x/2 sur [1, 2], 1 ensuite :
    # max 1.5 en x = 1 (à 0.003 près : x = 1 n'est pas un des 1 000 points)
    premiere = texte.splitlines()[0].split()
    assert premiere[0] == "3.0" and float(premiere[1]) == pytest.approx(1.5, abs=3e-3)
    assert "definir_poids(modele, 1, 0, [1, 1], 1)" in texte
