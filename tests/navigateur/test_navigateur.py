"""Le navigateur sans écran des tests de pages marche (Chromium + Selenium)."""
from .conftest import erreurs_console


def test_le_navigateur_ouvre_une_page_locale(navigateur, tmp_path):
    page = tmp_path / "essai.html"
    page.write_text("<!doctype html><meta charset=utf-8><title>essai</title>"
                    "<script>window.valeur = 6 * 7;</script><p id=p>bonjour</p>", encoding="utf-8")
    navigateur.get(page.as_uri())
    assert navigateur.execute_script("return window.valeur") == 42
    assert navigateur.find_element("id", "p").text == "bonjour"
    assert erreurs_console(navigateur) == []
