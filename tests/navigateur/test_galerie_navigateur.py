"""La galerie dans un vrai navigateur (Chromium sans écran) : chaque image se charge, aucune erreur."""
from selenium.webdriver.support.ui import WebDriverWait

from keras_facile.galerie import construire_galerie

from .conftest import erreurs_console

_IMAGES = "return Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])"


def charger(navigateur, page):
    navigateur.get(page.as_uri())
    WebDriverWait(navigateur, 20).until(
        lambda n: n.execute_script("return document.readyState === 'complete' && "
                                   "Array.from(document.images).every(i => i.complete)"))
    return navigateur.execute_script(_IMAGES)


def test_chaque_image_de_la_galerie_se_charge(navigateur, lancer_chapitre, tmp_path):
    _, figures = lancer_chapitre(2)                      # le chapitre 2 lancé ici, --rapide --figures
    bilan = construire_galerie(tmp_path / "galerie", [2], figures=figures, afficher=lambda m: None)
    erreurs_console(navigateur)                          # vide le journal
    assert charger(navigateur, bilan.index) == []
    assert erreurs_console(navigateur) == []
    navigateur.find_element("link text", "Chapitre 2 — Python : numpy et matplotlib avec une variable").click()
    WebDriverWait(navigateur, 20).until(lambda n: n.current_url.endswith("/ch02.html"))
    images = charger(navigateur, bilan.pages[2])
    assert len(images) == 5
    for src, complete, largeur in images:
        assert complete and largeur > 0, f"image non chargée : {src}"
    assert erreurs_console(navigateur) == []
    # le test voit bien une image manquante : largeur nulle et erreur dans la console
    (tmp_path / "galerie" / "figures" / "amorti.png").unlink()
    images = dict((src, largeur) for src, _, largeur in charger(navigateur, bilan.pages[2]))
    assert images["figures/amorti.png"] == 0 and images["figures/ch02-gauss.png"] > 0
    assert any("amorti.png" in e for e in erreurs_console(navigateur))
