"""L'atelier hors ligne sans navigateur : poids en JSON, exemples du livre, expressions cibles,
page écrite, commande ``keras-facile atelier``. (Le calcul dans le navigateur : tests/navigateur.)"""
from __future__ import annotations

import json
import re

import numpy as np
import pytest

import keras
from keras_facile import Dense, Input, Sequential, charger_poids, evaluation, evaluer_lot, heaviside
from keras_facile.atelier_page import description_modele, ecrire_page, fonction_cible
from keras_facile.cli import main
from keras_facile.exemples_atelier import EXEMPLES, modele_exemple
from keras_facile.poids_json import sauver_poids

from test_api_livre import reseau_relu          # le réseau du listing 6.8, écrit dans les tests de l'API

TABLE = [(0, 0), (0, 1), (1, 0), (1, 1)]


def deux_couches(entrees=2, cachee=3, activation="tanh"):
    return Sequential([Input(shape=(entrees,)), Dense(cachee, activation=activation), Dense(1, activation="sigmoid")])


# ---------------------------------------------------------------------------
# Poids en JSON
# ---------------------------------------------------------------------------

def test_aller_retour_json_exact_en_float32(tmp_path):
    modele = deux_couches()
    rng = np.random.default_rng(0)
    # des poids de toutes tailles, dont des float32 que 17 chiffres décimaux seulement distinguent
    poids = [(rng.standard_normal(w.shape) * 10.0 ** rng.integers(-30, 30, w.shape)).astype(np.float32)
             for w in modele.get_weights()]
    poids[0].flat[0] = np.nextafter(np.float32(1), np.float32(2))
    poids[1].flat[0] = np.float32(np.finfo(np.float32).tiny)
    modele.set_weights(poids)
    chemin = sauver_poids(modele, tmp_path / "poids.json")
    contenu = json.loads(chemin.read_text(encoding="utf-8"))
    assert contenu["format"] == "keras-facile-poids" and contenu["version"] == 1
    assert [np.shape(c["noyau"]) for c in contenu["couches"]] == [(2, 3), (3, 1)]
    copie = deux_couches()
    assert charger_poids(copie, chemin) is copie
    for a, b in zip(modele.get_weights(), copie.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_charger_des_poids_ecrits_a_la_main(tmp_path):
    """Le format est simple : un fichier écrit à la main (ou par la page) se charge."""
    chemin = tmp_path / "poids.json"
    chemin.write_text(json.dumps({"format": "keras-facile-poids", "version": 1, "couches": [
        {"noyau": [[1, -0.5]], "biais": [-1, 1]}, {"noyau": [[1], [1]], "biais": [0]}]}))
    modele = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
    charger_poids(modele, chemin)
    assert evaluation(modele, 3) == 2.0                       # le listing 6.8 : F(3) = 2
    for a, b in zip(modele.get_weights(), reseau_relu().get_weights()):
        np.testing.assert_array_equal(a, b)


def _ecrire(chemin, contenu):
    chemin.write_text(contenu if isinstance(contenu, str) else json.dumps(contenu), encoding="utf-8")
    return chemin


BON = {"format": "keras-facile-poids", "version": 1,
       "couches": [{"noyau": [[1, 2, 3], [4, 5, 6]], "biais": [0, 0, 0]}, {"noyau": [[1], [2], [3]], "biais": [1]}]}


@pytest.mark.parametrize("contenu, message", [
    ("{pas du json", r"n'est pas un fichier JSON valide \(ligne 1"),
    ([1, 2], r"doit être un fichier de poids de keras_facile .*reçu le format 'list'"),
    ({**BON, "format": "autre"}, r"reçu le format 'autre'"),
    ({**BON, "version": 2}, r"de version 1, reçu la version 2"),
    ({**BON, "couches": "rien"}, r"doit contenir une liste \"couches\""),
    ({**BON, "couches": BON["couches"][:1]}, r"doit avoir 2 couche\(s\), une par couche Dense du modèle, reçu 1"),
    ({**BON, "couches": [BON["couches"][0], {"noyau": [[1, 2, 3]], "biais": [1]}]},
     r"couches\[1\]\[\"noyau\"\] doit avoir la forme \(3, 1\) \(celle du modèle\), reçu la forme \(1, 3\)"),
    ({**BON, "couches": [BON["couches"][0], {"noyau": [[1], [2], [3]]}]}, r"couches\[1\] doit être un objet"),
    ({**BON, "couches": [BON["couches"][0], {"noyau": [["a"], [2], [3]], "biais": [1]}]},
     r"doit être un tableau de nombres de forme \(3, 1\)"),
    ({**BON, "couches": [BON["couches"][0], {"noyau": [[1e39], [2], [3]], "biais": [1]}]},
     r"nombres finis représentables en float32"),
])
def test_charger_poids_refuse_en_francais_sans_rien_changer(tmp_path, contenu, message):
    chemin = _ecrire(tmp_path / "poids.json", contenu)
    modele = deux_couches()
    avant = [w.copy() for w in modele.get_weights()]
    with pytest.raises(ValueError, match=message):
        charger_poids(modele, chemin)
    for a, b in zip(avant, modele.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_le_bon_fichier_se_charge_lui(tmp_path):
    """Le témoin des refus ci-dessus : le fichier BON, lui, se charge."""
    modele = charger_poids(deux_couches(), _ecrire(tmp_path / "poids.json", BON))
    np.testing.assert_array_equal(modele.layers[0].get_weights()[0], [[1, 2, 3], [4, 5, 6]])


def test_poids_json_fichier_absent_et_mauvais_modele(tmp_path):
    with pytest.raises(FileNotFoundError, match="fichier introuvable"):
        charger_poids(deux_couches(), tmp_path / "absent.json")
    conv = Sequential([Input(shape=(4, 1)), keras.layers.Conv1D(1, 2), keras.layers.Flatten(), Dense(1)])
    with pytest.raises(ValueError, match="seulement de couches Dense, reçu une couche Conv1D en position 0"):
        sauver_poids(conv, tmp_path / "p.json")
    sans_biais = Sequential([Input(shape=(1,)), Dense(1, use_bias=False)])
    with pytest.raises(ValueError, match="sans biais"):
        charger_poids(sans_biais, _ecrire(tmp_path / "p.json", BON))
    with pytest.raises(TypeError, match="modele doit être un modèle Keras"):
        sauver_poids("modele", tmp_path / "p.json")
    infini = deux_couches()
    infini.layers[1].set_weights([np.full((3, 1), np.inf, np.float32), np.zeros(1, np.float32)])
    with pytest.raises(ValueError, match="poids finis"):
        sauver_poids(infini, tmp_path / "inf.json")
    assert not (tmp_path / "inf.json").exists()


# ---------------------------------------------------------------------------
# Les exemples du livre
# ---------------------------------------------------------------------------

def test_exemples_valeurs_du_livre():
    assert list(EXEMPLES) == ["listing-6-8", "ou", "et", "ou-exclusif", "marches-5", "secteur", "carre"]
    listing = modele_exemple("listing-6-8")
    for a, b in zip(listing.get_weights(), reseau_relu().get_weights()):
        np.testing.assert_array_equal(a, b)
    assert evaluation(listing, 3) == 2.0
    tables = {"ou": [0, 1, 1, 1], "et": [0, 0, 0, 1], "ou-exclusif": [0, 1, 1, 0], "carre": [1, 1, 1, 1]}
    for nom, attendu in tables.items():
        assert evaluer_lot(modele_exemple(nom), np.array(TABLE, float))[:, 0].tolist() == attendu, nom
    assert evaluation(modele_exemple("carre"), 1.5, 0.5) == 0.0
    secteur = modele_exemple("secteur")           # chapitre 5 §3.2 : (1, 1) dedans, (0, −1) dehors
    assert (evaluation(secteur, 1, 1), evaluation(secteur, 0, -1)) == (1.0, 0.0)
    for nom, ex in EXEMPLES.items():
        modele = ex.modele()
        assert modele.inputs[0].shape[-1] == ex.entrees and ex.xmin < ex.xmax, nom
        assert modele is not ex.modele()         # un modèle neuf à chaque fois


def test_escalier_n5_vaut_f_aux_points_de_la_subdivision():
    ex = EXEMPLES["marches-5"]
    modele, f = ex.modele(), ex.fonction_cible()
    x = 2 + 8 * np.arange(5) / 5 + 0.8          # milieux des 5 marches de [2, 10]
    np.testing.assert_allclose(evaluer_lot(modele, x)[:, 0], f(2 + 8 * np.arange(5) / 5), rtol=1e-5)
    assert [c.units for c in modele.layers] == [10, 1] and modele.layers[0].activation is heaviside


def test_modele_exemple_nom_inconnu():
    with pytest.raises(ValueError, match="nom doit être 'listing-6-8', 'ou'.* reçu 'xor'"):
        modele_exemple("xor")


# ---------------------------------------------------------------------------
# Les expressions cibles
# ---------------------------------------------------------------------------

def test_fonction_cible_calcule_comme_numpy():
    x = np.linspace(-3, 3, 41)
    y = np.linspace(1, 2, 41)
    cas = {
        "cos(2*x) + x*sin(3*x) + sqrt(abs(x))": np.cos(2 * x) + x * np.sin(3 * x) + np.sqrt(np.abs(x)),
        "-x**2": -x ** 2,
        "-x^2 + 2^-1": -x ** 2 + 0.5,
        "2**3**2 + 0*x": np.full_like(x, 512.0),
        "exp(-x/4)*tanh(x) - log(2) + pi - e": np.exp(-x / 4) * np.tanh(x) - np.log(2) + np.pi - np.e,
        "heaviside(x) + relu(x - 1) + sigmoid(x) + max(x, 0.5) + min(x, 1) + sign(x) + floor(x) + atan(x)":
            (x >= 0) + np.maximum(x - 1, 0) + 1 / (1 + np.exp(-x)) + np.maximum(x, 0.5) + np.minimum(x, 1)
            + np.sign(x) + np.floor(x) + np.arctan(x),
        "1.5e-1 * .5 * x": 0.075 * x,
    }
    for texte, attendu in cas.items():
        np.testing.assert_allclose(fonction_cible(texte)(x), attendu, rtol=1e-14, err_msg=texte)
    f2 = fonction_cible("x*y + arctan(y)", 2)
    np.testing.assert_allclose(f2(x, y), x * y + np.arctan(y), rtol=1e-14)
    assert f2(2.0, 3.0) == pytest.approx(6 + np.arctan(3))
    assert np.isnan(fonction_cible("sqrt(x)")(-1.0))          # comme dans la page : NaN, sans avertissement
    assert fonction_cible("3")(x).shape == x.shape            # une constante, à la forme de x


@pytest.mark.parametrize("texte, entrees, message", [
    ("__import__('os')", 1, "nom inconnu « __import__ »"),
    ("__import__('os').system('ls')", 1, "n'est pas permis"),
    ("x.real", 1, "« x.real » n'est pas permis"),
    ("(lambda: 1)()", 1, "n'est pas permis"),
    ("y", 1, "nom inconnu « y »"),
    ("z * x", 2, "nom inconnu « z »"),
    ("sin(x, y)", 2, "sin prend 1 argument"),
    ("max(x)", 1, "max prend 2 argument"),
    ("sin(x=1)", 1, "sin prend 1 argument"),
    ("'abc'", 1, "« 'abc' » n'est pas permis"),
    ("x > 1", 1, "n'est pas permis"),
    ("x // 2", 1, "n'est pas permis"),
    ("True", 1, "n'est pas permis"),
    ("x +", 1, "syntaxe incorrecte"),
    ("[x]", 1, "n'est pas permis"),
    ("x" + " + x" * 300, 1, "500 au plus"),
])
def test_fonction_cible_refuse_ce_qui_n_est_pas_permis(texte, entrees, message):
    with pytest.raises(ValueError, match=re.escape(message)) as erreur:
        fonction_cible(texte, entrees)
    assert str(erreur.value).startswith("cible doit être une expression en x")


def test_fonction_cible_mauvais_types():
    with pytest.raises(TypeError, match="cible doit être une expression en texte"):
        fonction_cible(np.sin)
    with pytest.raises(ValueError, match="entrees doit être un entier entre 1 et 2"):
        fonction_cible("x", 3)
    with pytest.raises(TypeError, match="prend 2 argument"):
        fonction_cible("x + y", 2)(1.0)


# ---------------------------------------------------------------------------
# Le modèle accepté par la page
# ---------------------------------------------------------------------------

def test_description_modele():
    d = description_modele(modele_exemple("ou-exclusif"))
    assert d["entrees"] == 2
    assert [c["activation"] for c in d["couches"]] == ["heaviside", "heaviside"]
    assert d["couches"][0]["noyau"] == [[1, -1], [-1, 1]] and d["couches"][0]["biais"] == [-1, -1]
    acts = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(2, activation="sigmoid"),
                       Dense(2, activation="tanh"), Dense(1)])
    assert [c["activation"] for c in description_modele(acts)["couches"]] == ["relu", "sigmoid", "tanh", "linear"]


@pytest.mark.parametrize("fabrique, type_erreur, message", [
    (lambda: Sequential([Input(shape=(3,)), Dense(1)]), ValueError, "1 ou 2 entrées .* reçu un réseau à 3 entrées"),
    (lambda: Sequential([Input(shape=(1,)), Dense(2, activation="softmax"), Dense(1)]), ValueError,
     "activations du livre .* reçu l'activation 'softmax'"),
    (lambda: Sequential([Input(shape=(1,)), Dense(2, activation="elu"), Dense(1)]), ValueError, "'elu'"),
    (lambda: Sequential([Input(shape=(1,)), Dense(2)]), ValueError, "une seule sortie .* 2 neurones"),
    (lambda: Sequential([Input(shape=(4, 1)), keras.layers.Conv1D(1, 2), keras.layers.Flatten(), Dense(1)]),
     ValueError, "seulement de couches Dense, reçu une couche Conv1D"),
    (lambda: keras.Model(*(lambda e: (e, Dense(1)(e)))(keras.Input(shape=(1,)))), ValueError,
     "Sequential de couches Dense, reçu un modèle Functional"),
    (lambda: [1, 2], TypeError, "modele doit être un modèle Keras"),
])
def test_description_modele_refuse_en_francais(fabrique, type_erreur, message):
    with pytest.raises(type_erreur, match=message):
        description_modele(fabrique())


# ---------------------------------------------------------------------------
# La page écrite
# ---------------------------------------------------------------------------

def _donnees(page):
    texte = page.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="atelier-donnees">(.*?)</script>', texte, re.S)
    return texte, json.loads(m.group(1))


@pytest.mark.parametrize("nom", list(EXEMPLES))
def test_page_autonome_pour_chaque_exemple(tmp_path, nom):
    page = ecrire_page(tmp_path / "sous" / f"{nom}.html", exemple=nom)
    texte, donnees = _donnees(page)
    # aucune ressource réseau ni fichier à côté : tout est dans la page
    assert not re.search(r"https?://|<link\b|\bsrc\s*=|@import|url\(", texte)
    assert texte.count("<script") == 2 and "<style>" in texte
    modele = modele_exemple(nom)
    assert donnees["entrees"] == EXEMPLES[nom].entrees
    assert donnees["cible"] == EXEMPLES[nom].cible and donnees["xmin"] == EXEMPLES[nom].xmin
    for c, couche in zip(donnees["couches"], modele.layers):
        noyau, biais = couche.get_weights()
        np.testing.assert_array_equal(np.array(c["noyau"], np.float32), noyau)   # les poids exacts
        np.testing.assert_array_equal(np.array(c["biais"], np.float32), biais)
    assert [p.name for p in page.parent.iterdir()] == [f"{nom}.html"]      # rien d'autre, pas de temporaire


def test_page_modele_fichier_keras_cible_et_titre(tmp_path):
    modele = deux_couches(entrees=1, activation="relu")
    modele.save(tmp_path / "m.keras")
    page = ecrire_page(tmp_path / "p.html", modele=tmp_path / "m.keras", cible="sin(x)",
                       titre="Mon <script>alert(1)</script> réseau", xmin=-1, xmax=4)
    texte, donnees = _donnees(page)
    assert "<script>alert(1)</script>" not in texte and "Mon &lt;script&gt;" in texte
    assert donnees["titre"].startswith("Mon <script>") and "<\\/script>" in texte    # le JSON ne ferme pas la balise
    assert (donnees["xmin"], donnees["xmax"], donnees["cible"]) == (-1, 4, "sin(x)")
    assert donnees["description"] == "Le modèle m.keras"
    for c, w in zip(donnees["couches"], modele.layers):
        np.testing.assert_array_equal(np.array(c["noyau"], np.float32), w.get_weights()[0])


def test_ecrire_page_erreurs(tmp_path):
    with pytest.raises(ValueError, match="donnez exemple ou modele"):
        ecrire_page(tmp_path / "p.html")
    with pytest.raises(ValueError, match="donnez exemple ou modele"):
        ecrire_page(tmp_path / "p.html", exemple="ou", modele=deux_couches())
    with pytest.raises(ValueError, match="exemple doit être 'listing-6-8'"):
        ecrire_page(tmp_path / "p.html", exemple="nand")
    with pytest.raises(ValueError, match="nom inconnu « z »"):
        ecrire_page(tmp_path / "p.html", exemple="ou", cible="x + z")
    with pytest.raises(ValueError, match="xmin < xmax, reçu xmin=3"):
        ecrire_page(tmp_path / "p.html", modele=deux_couches(), xmin=3, xmax=1)
    with pytest.raises(ValueError, match="ymin et ymax ne servent qu'à un réseau à 2 entrées"):
        ecrire_page(tmp_path / "p.html", exemple="listing-6-8", ymin=0)
    with pytest.raises(FileNotFoundError, match="fichier .keras existant.*introuvable"):
        ecrire_page(tmp_path / "p.html", modele=tmp_path / "absent.keras")
    (tmp_path / "abime.keras").write_bytes(b"pas un zip")
    with pytest.raises(ValueError, match="fichier de modèle Keras lisible"):
        ecrire_page(tmp_path / "p.html", modele=tmp_path / "abime.keras")
    assert not (tmp_path / "p.html").exists()


# ---------------------------------------------------------------------------
# La commande
# ---------------------------------------------------------------------------

def test_commande_liste_et_ecriture(tmp_path, capsys):
    assert main(["atelier", "--liste"]) == 0
    lignes = capsys.readouterr().out.splitlines()
    assert [ligne.split()[0] for ligne in lignes] == list(EXEMPLES)
    assert "2 entrées" in lignes[1] and "Chapitre 5" in lignes[1]
    assert main(["atelier", "--exemple", "carre", "--cible", "x*y", "--sortie", str(tmp_path / "c.html")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "c.html")
    assert _donnees(tmp_path / "c.html")[1]["cible"] == "x*y"
    modele = Sequential([Input(shape=(2,)), Dense(2, activation=heaviside), Dense(1)])
    modele.save(tmp_path / "m.keras")
    assert main(["atelier", "--modele", str(tmp_path / "m.keras"), "--xmin", "-2", "--xmax", "2",
                 "--sortie", str(tmp_path / "m.html")]) == 0
    donnees = _donnees(tmp_path / "m.html")[1]
    assert (donnees["xmin"], donnees["ymin"], donnees["couches"][0]["activation"]) == (-2, -2, "heaviside")


def test_commande_erreurs_en_francais(tmp_path, capsys):
    assert main(["atelier", "--exemple", "nand", "--sortie", str(tmp_path / "p.html")]) == 2
    assert "keras-facile atelier : erreur : exemple doit être" in capsys.readouterr().err
    assert main(["atelier", "--modele", str(tmp_path / "absent.keras"), "--sortie", str(tmp_path / "p.html")]) == 2
    assert "introuvable" in capsys.readouterr().err
    for argv, message in [(["--exemple", "ou"], "--sortie est obligatoire"),
                          (["--sortie", "p.html"], "donnez --exemple NOM ou --modele"),
                          (["--exemple", "ou", "--modele", "m.keras"], "l'option --modele ne va pas avec --exemple")]:
        with pytest.raises(SystemExit) as sortie:
            main(["atelier", *argv])
        assert sortie.value.code == 2
        assert message in capsys.readouterr().err
    assert not (tmp_path / "p.html").exists()
