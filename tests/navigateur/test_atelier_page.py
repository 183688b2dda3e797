"""La page de l'atelier dans un vrai Chromium sans écran : chargement sans erreur, calcul égal à
Keras, curseurs vivants, aller-retour des poids en JSON, capture d'écran."""
from __future__ import annotations

import io
import json
import time

import numpy as np
import pytest

from keras_facile import charger_poids, definir_poids, evaluation, evaluer_lot
from keras_facile.atelier_page import ecrire_page, fonction_cible
from keras_facile.exemples_atelier import EXEMPLES, modele_exemple

from .conftest import erreurs_console

NOMS = list(EXEMPLES)
TABLE = [(0, 0), (0, 1), (1, 0), (1, 1)]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("atelier")
    return {nom: ecrire_page(dossier / f"{nom}.html", exemple=nom) for nom in NOMS}


def ouvrir(navigateur, page):
    navigateur.get(page.as_uri())
    navigateur.execute_script("return document.readyState")
    assert navigateur.execute_script("return typeof window.atelier") == "object"


def points_exemple(nom, n=200, graine=0):
    """n points tirés au hasard dans le domaine de l'exemple (plus la table de vérité pour deux entrées)."""
    ex = EXEMPLES[nom]
    rng = np.random.default_rng(graine)
    if ex.entrees == 1:
        return rng.uniform(ex.xmin, ex.xmax, size=(n, 1))
    p = np.c_[rng.uniform(ex.xmin, ex.xmax, n - len(TABLE)), rng.uniform(ex.ymin, ex.ymax, n - len(TABLE))]
    return np.r_[np.array(TABLE, float), p]


def evaluer_page(navigateur, points):
    return np.array(navigateur.execute_script(
        "return arguments[0].map(p => atelier.evaluer(p.length === 1 ? p[0] : p))", points.tolist()))


def deplacer(navigateur, couche, neurone, indice, valeur):
    """Pose la valeur d'un curseur et envoie l'événement « input », comme la souris."""
    navigateur.execute_script(
        "const r = document.querySelector(`input[type=range][data-couche='${arguments[0]}']"
        "[data-neurone='${arguments[1]}'][data-indice='${arguments[2]}']`);"
        "r.value = arguments[3]; r.dispatchEvent(new Event('input', {bubbles: true}));",
        couche, neurone, indice, valeur)


@pytest.mark.parametrize("nom", NOMS)
def test_chargement_sans_erreur_un_curseur_par_poids(navigateur, pages, nom):
    ouvrir(navigateur, pages[nom])
    assert erreurs_console(navigateur) == []
    modele = modele_exemple(nom)
    attendus = set()
    for k, couche in enumerate(modele.layers):
        noyau, _ = couche.get_weights()
        attendus |= {(k, j, i) for j in range(noyau.shape[1]) for i in range(-1, noyau.shape[0])}
    curseurs = navigateur.execute_script(
        "return Array.from(document.querySelectorAll('input[type=range]'))"
        ".map(r => [+r.dataset.couche, +r.dataset.neurone, +r.dataset.indice, +r.value])")
    assert {tuple(c[:3]) for c in curseurs} == attendus and len(curseurs) == len(attendus)
    # chaque curseur montre le poids du modèle
    for k, j, i, v in curseurs:
        noyau, biais = modele.layers[k].get_weights()
        assert v == (biais[j] if i < 0 else noyau[i, j])
    # les poids de la page, dans la disposition de get_weights()
    poids = navigateur.execute_script("return atelier.poids()")
    assert len(poids) == len(modele.get_weights())
    for a, b in zip(poids, modele.get_weights()):
        np.testing.assert_array_equal(np.array(a, np.float32), b)


@pytest.mark.parametrize("nom", NOMS)
def test_evaluer_egale_keras_en_200_points(navigateur, pages, nom):
    ouvrir(navigateur, pages[nom])
    modele = modele_exemple(nom)
    points = points_exemple(nom)
    page = evaluer_page(navigateur, points)
    keras_predict = modele.predict(points.astype(np.float32), verbose=0)[:, 0]
    assert page.shape == (200,)
    np.testing.assert_allclose(page, keras_predict, rtol=0, atol=1e-5)
    np.testing.assert_allclose(page, evaluer_lot(modele, points)[:, 0], rtol=0, atol=1e-5)
    for p, v in zip(points[:5], page[:5]):
        assert abs(evaluation(modele, list(p)) - v) <= 1e-5
    assert len(set(page.tolist())) > 1          # pas une fonction constante : la comparaison porte sur quelque chose
    assert erreurs_console(navigateur) == []


def test_valeurs_du_livre_dans_la_page(navigateur, pages):
    ouvrir(navigateur, pages["listing-6-8"])
    assert navigateur.execute_script("return atelier.evaluer(3)") == 2.0
    tables = {"ou": [0, 1, 1, 1], "et": [0, 0, 0, 1], "ou-exclusif": [0, 1, 1, 0], "carre": [1, 1, 1, 1]}
    for nom, attendu in tables.items():
        ouvrir(navigateur, pages[nom])
        assert evaluer_page(navigateur, np.array(TABLE, float)).tolist() == attendu, nom


def _image_canvas(navigateur):
    return navigateur.execute_script("return Array.from(document.querySelectorAll('canvas'))"
                                     ".map(c => c.toDataURL())")


@pytest.mark.parametrize("nom, curseur, valeur", [
    ("listing-6-8", (0, 0, -1), 0.5),        # biais du neurone 0 : −1 → 0.5
    ("carre", (0, 1, -1), 1.5),              # H(−x + 1) → H(−x + 1.5) : le carré s'élargit
    ("marches-5", (1, 0, 2), 4.0),           # une hauteur de marche
])
def test_un_curseur_change_le_trace_et_evaluer(navigateur, pages, nom, curseur, valeur):
    ouvrir(navigateur, pages[nom])
    avant_images, avant_trace = _image_canvas(navigateur), navigateur.execute_script("return atelier.trace()")
    points = points_exemple(nom)
    avant = evaluer_page(navigateur, points)
    deplacer(navigateur, *curseur, valeur)
    apres = evaluer_page(navigateur, points)
    apres_trace = navigateur.execute_script("return atelier.trace()")
    assert _image_canvas(navigateur)[0] != avant_images[0]
    assert apres_trace["y"] != avant_trace["y"]
    assert not np.array_equal(avant, apres)
    # le même changement en Python, avec les fonctions du paquet
    modele = modele_exemple(nom)
    k, j, i = curseur
    noyau, biais = modele.layers[k].get_weights()
    coeff = noyau[:, j].copy()
    if i < 0:
        b = valeur
    else:
        coeff[i], b = valeur, biais[j]
    definir_poids(modele, k, j, coeff.tolist(), float(b))
    np.testing.assert_allclose(apres, evaluer_lot(modele, points)[:, 0], rtol=0, atol=1e-5)
    # la valeur tracée est celle du réseau aux points du tracé
    x = np.array(apres_trace["x"], float).reshape(-1, EXEMPLES[nom].entrees)
    np.testing.assert_allclose(apres_trace["y"], evaluer_lot(modele, x)[:, 0], rtol=0, atol=1e-5)
    # la case numérique suit le curseur
    nombre = navigateur.execute_script(
        "return document.querySelector(`input[type=range][data-couche='${arguments[0]}'][data-neurone="
        "'${arguments[1]}'][data-indice='${arguments[2]}']`).nextElementSibling.value", *curseur)
    assert float(nombre) == valeur
    assert erreurs_console(navigateur) == []


def test_cible_et_erreur_max_egales_a_python(navigateur, pages):
    ouvrir(navigateur, pages["marches-5"])
    ex = EXEMPLES["marches-5"]
    trace = navigateur.execute_script("return atelier.trace()")
    x = np.array(trace["x"])
    f = fonction_cible(ex.cible, 1)
    np.testing.assert_allclose(trace["cible"], f(x), rtol=1e-12, atol=1e-12)
    erreur = np.max(np.abs(evaluer_lot(modele_exemple("marches-5"), x)[:, 0] - f(x)))
    assert trace["erreurMax"] == pytest.approx(erreur, abs=1e-5)
    texte = navigateur.find_element("id", "mesure").text
    assert "Erreur maximale" in texte and f"{erreur:.4f}"[:5] in texte
    # une cible tapée dans la page : analysée sans eval, refusée si elle n'est pas permise
    for expr in ["2*x^2 - sqrt(abs(x)) + max(x, 3)", "-x**2 + exp(-x/4)*sin(pi*x)", "sigmoid(x - 5) + heaviside(x - 4)"]:
        assert navigateur.execute_script("return atelier.changerCible(arguments[0])", expr)
        valeurs = navigateur.execute_script("return arguments[0].map(x => atelier.cible(x))", x[::50].tolist())
        np.testing.assert_allclose(valeurs, fonction_cible(expr, 1)(x[::50]), rtol=1e-12, atol=1e-12)
    for mauvaise in ["alert(1)", "x.constructor", "window", "constructor(x)", "x +", "y"]:
        assert navigateur.execute_script("return atelier.changerCible(arguments[0])", mauvaise) is False, mauvaise
        assert "cible refusée" in navigateur.find_element("id", "erreur-cible").text
        with pytest.raises(ValueError, match="cible doit être"):
            fonction_cible(mauvaise, 1)
    assert erreurs_console(navigateur) == []


def test_deux_entrees_carte_et_cible(navigateur, tmp_path):
    page = ecrire_page(tmp_path / "secteur.html", exemple="secteur", cible="heaviside(y)*heaviside(x)")
    ouvrir(navigateur, page)
    trace = navigateur.execute_script("return atelier.trace()")
    xy = np.array(trace["x"]).reshape(-1, 2)
    assert len(xy) == 100 * 100
    f = fonction_cible("heaviside(y)*heaviside(x)", 2)
    np.testing.assert_array_equal(trace["cible"], f(xy[:, 0], xy[:, 1]))
    attendu = np.max(np.abs(evaluer_lot(modele_exemple("secteur"), xy)[:, 0] - f(xy[:, 0], xy[:, 1])))
    assert trace["erreurMax"] == attendu == 1.0
    assert navigateur.execute_script("return document.querySelectorAll('figure:not([hidden]) canvas').length") == 2
    assert erreurs_console(navigateur) == []


def _telecharger(navigateur, dossier, delai=10):
    navigateur.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(dossier)})
    navigateur.find_element("id", "enregistrer").click()
    fichier = dossier / "poids.json"
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if fichier.is_file() and fichier.stat().st_size > 0:
            return fichier
        time.sleep(0.1)
    raise AssertionError("le bouton « Enregistrer les poids » n'a rien téléchargé")


@pytest.mark.parametrize("nom", ["marches-5", "ou-exclusif"])
def test_aller_retour_json(navigateur, pages, tmp_path, nom):
    ouvrir(navigateur, pages[nom])
    rng = np.random.default_rng(1)
    curseurs = navigateur.execute_script(
        "return Array.from(document.querySelectorAll('input[type=range]'))"
        ".map(r => [+r.dataset.couche, +r.dataset.neurone, +r.dataset.indice, +r.min, +r.max])")
    for k, j, i, bas, haut in [curseurs[q] for q in rng.choice(len(curseurs), size=6, replace=False)]:
        deplacer(navigateur, k, j, i, float(rng.uniform(bas, haut)))   # des valeurs pas exactes en float32
    fichier = _telecharger(navigateur, tmp_path)
    contenu = json.loads(fichier.read_text(encoding="utf-8"))
    assert contenu["format"] == "keras-facile-poids" and contenu["version"] == 1
    modele = modele_exemple(nom)
    avant = [w.copy() for w in modele.get_weights()]
    charger_poids(modele, fichier)
    poids_page = navigateur.execute_script("return atelier.poids()")
    for a, b in zip(poids_page, modele.get_weights()):
        np.testing.assert_array_equal(np.array(a, np.float32), b)      # exact en float32
    assert any(not np.array_equal(a, b) for a, b in zip(avant, modele.get_weights()))
    points = points_exemple(nom, graine=2)
    np.testing.assert_allclose(modele.predict(points.astype(np.float32), verbose=0)[:, 0],
                               evaluer_page(navigateur, points), rtol=0, atol=1e-5)
    # les lignes definir_poids de la page refont les mêmes poids
    lignes = navigateur.execute_script("return atelier.lignes()")
    copie = modele_exemple(nom)
    for ligne in lignes.splitlines():
        exec(ligne, {"definir_poids": definir_poids, "modele": copie})
    for a, b in zip(copie.get_weights(), modele.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert erreurs_console(navigateur) == []


def test_capture_non_blanche(navigateur, pages):
    from PIL import Image

    for nom in ("marches-5", "ou-exclusif"):
        ouvrir(navigateur, pages[nom])
        png = navigateur.get_screenshot_as_png()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
        couleur = np.any(np.abs(image.astype(int) - image[..., :1].astype(int)) > 40, axis=2)   # ni blanc ni gris
        assert couleur.mean() > 0.005, nom
        assert np.mean(image.min(axis=2) < 200) > 0.05, nom                # pas une page presque blanche
        assert len(np.unique(image.reshape(-1, 3), axis=0)) > 50, nom


def test_glisser_a_la_souris_et_fleche_du_clavier(navigateur, pages):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ouvrir(navigateur, pages["listing-6-8"])
    curseur = navigateur.find_element("css selector", "input[type=range][data-couche='0'][data-neurone='0']"
                                                      "[data-indice='-1']")
    image = _image_canvas(navigateur)
    ActionChains(navigateur).click_and_hold(curseur).move_by_offset(30, 0).release().perform()
    biais = float(curseur.get_attribute("value"))
    assert biais > -1 and _image_canvas(navigateur) != image
    modele = modele_exemple("listing-6-8")
    definir_poids(modele, 0, 0, 1, biais)
    assert navigateur.execute_script("return atelier.evaluer(3)") == pytest.approx(evaluation(modele, 3), abs=1e-5)
    curseur.send_keys(Keys.ARROW_LEFT)
    assert float(curseur.get_attribute("value")) < biais
    assert erreurs_console(navigateur) == []


def test_charger_un_fichier_de_poids_dans_la_page(navigateur, pages, tmp_path):
    from keras_facile import sauver_poids

    modele = modele_exemple("ou-exclusif")
    definir_poids(modele, 1, 0, [2, -0.5], -0.25)
    definir_poids(modele, 0, 1, [0.3, 1.7], 0.1)
    fichier = sauver_poids(modele, tmp_path / "poids.json")
    ouvrir(navigateur, pages["ou-exclusif"])
    navigateur.find_element("id", "charger").send_keys(str(fichier))
    fin = time.monotonic() + 5
    while navigateur.execute_script("return atelier.poids()[2][0][0]") != 2 and time.monotonic() < fin:
        time.sleep(0.05)
    for a, b in zip(navigateur.execute_script("return atelier.poids()"), modele.get_weights()):
        np.testing.assert_array_equal(np.array(a, np.float32), b)
    points = points_exemple("ou-exclusif", graine=3)
    np.testing.assert_allclose(evaluer_page(navigateur, points), evaluer_lot(modele, points)[:, 0], atol=1e-5)
    # les curseurs montrent les nouveaux poids
    assert navigateur.execute_script("return +document.querySelector(\"input[type=range][data-couche='1']"
                                     "[data-neurone='0'][data-indice='1']\").value") == -0.5
    # un fichier qui n'est pas un fichier de poids : refusé, message affiché, rien ne change
    (tmp_path / "autre.json").write_text('{"format": "autre"}')
    navigateur.find_element("id", "charger").send_keys(str(tmp_path / "autre.json"))
    fin = time.monotonic() + 5
    while "poids refusés" not in navigateur.find_element("id", "erreur-poids").text and time.monotonic() < fin:
        time.sleep(0.05)
    assert "poids refusés : ce fichier n'est pas un fichier de poids de keras_facile" in \
        navigateur.find_element("id", "erreur-poids").text
    assert navigateur.execute_script("return atelier.poids()[2][0][0]") == 2
    assert erreurs_console(navigateur) == []


def test_boutons_lignes_depart_et_champ_cible(navigateur, pages):
    from selenium.webdriver.common.keys import Keys

    ouvrir(navigateur, pages["listing-6-8"])
    deplacer(navigateur, 1, 0, 1, 0.25)
    navigateur.find_element("id", "lignes").click()
    code = navigateur.find_element("id", "code")
    assert code.is_displayed()
    assert code.text.splitlines() == ["definir_poids(modele, 0, 0, 1, -1)", "definir_poids(modele, 0, 1, -0.5, 1)",
                                      "definir_poids(modele, 1, 0, [1, 0.25], 0)"]
    navigateur.find_element("id", "depart").click()
    assert navigateur.execute_script("return atelier.poids()[2]") == [[1], [1]]
    assert navigateur.execute_script("return atelier.evaluer(3)") == 2
    assert navigateur.execute_script("return atelier.erreurMax()") is None        # pas de cible
    champ = navigateur.find_element("id", "cible")
    champ.send_keys("abs(x) + 1", Keys.ENTER)
    # listing 6.8 : F(x) = x − 1 pour x ≥ 2 ; |F − f| = 2 sur [2, 3], moins ailleurs sur [−2, 3]
    assert navigateur.execute_script("return atelier.erreurMax()") == pytest.approx(2.0, abs=1e-6)
    assert "Erreur maximale" in navigateur.find_element("id", "mesure").text
    assert erreurs_console(navigateur) == []


@pytest.mark.parametrize("nom", ["ou-exclusif", "marches-5"])
def test_trace_recalcule_par_morceaux_egal_a_keras(navigateur, pages, nom):
    """Le tracé ne recalcule que le neurone touché et les couches suivantes : après une suite de
    déplacements dans toutes les couches, il vaut toujours le réseau de Keras aux mêmes poids."""
    ouvrir(navigateur, pages[nom])
    modele = modele_exemple(nom)
    rng = np.random.default_rng(4)
    curseurs = navigateur.execute_script(
        "return Array.from(document.querySelectorAll('input[type=range]'))"
        ".map(r => [+r.dataset.couche, +r.dataset.neurone, +r.dataset.indice, +r.min, +r.max])")
    for q in rng.choice(len(curseurs), size=8):
        k, j, i, bas, haut = curseurs[q]
        deplacer(navigateur, k, j, i, float(rng.uniform(bas, haut)))
        modele.set_weights([np.array(w, np.float32) for w in navigateur.execute_script("return atelier.poids()")])
        trace = navigateur.execute_script("return atelier.trace()")
        x = np.array(trace["x"], float).reshape(-1, EXEMPLES[nom].entrees)
        np.testing.assert_allclose(trace["y"], evaluer_lot(modele, x)[:, 0], rtol=0, atol=1e-5)


def test_cible_definie_sur_une_partie_du_domaine(navigateur, pages):
    ouvrir(navigateur, pages["listing-6-8"])            # domaine [−2, 3]
    assert navigateur.execute_script("return atelier.changerCible('sqrt(x)')")
    trace = navigateur.execute_script("return atelier.trace()")
    x, y = np.array(trace["x"]), np.array(trace["y"])
    garde = x >= 0
    assert trace["erreurMax"] == pytest.approx(np.max(np.abs(y[garde] - np.sqrt(x[garde]))), abs=1e-12)
    assert f"sur les {garde.sum()} points sur 1000" in navigateur.find_element("id", "mesure").text
    assert navigateur.execute_script("return atelier.changerCible('log(-1 - x*x)')")
    assert navigateur.execute_script("return atelier.erreurMax()") is None
    assert "définie en aucun point" in navigateur.find_element("id", "mesure").text
    assert erreurs_console(navigateur) == []
