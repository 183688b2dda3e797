"""Un vrai navigateur sans écran pour les tests des pages hors ligne (atelier, galerie).

Chromium de Debian et son pilote (paquets ``chromium`` et ``chromium-driver``, que
``.ci/run`` installe) pilotés par Selenium. Sans eux, les tests de ce dossier sont
sautés avec la raison ; en CI (``CI=true``) leur absence est une erreur.

- ``navigateur`` : un Chromium sans écran, partagé par le module, journal de la
  console activé ;
- ``erreurs_console(navigateur)`` : les messages de niveau SEVERE de la console
  depuis le dernier appel.
"""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PILOTE = shutil.which("chromedriver")


def _exiger_navigateur():
    if CHROMIUM and PILOTE:
        try:
            import selenium  # noqa: F401
            return
        except ImportError:
            raison = "selenium n'est pas installé (pip install -e '.[test]')"
    else:
        raison = "Chromium et chromedriver absents (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"navigateur indisponible en CI : {raison}")
    pytest.skip(raison)


@pytest.fixture(scope="module")
def navigateur():
    _exiger_navigateur()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profil = tempfile.mkdtemp(prefix="chromium-keras-facile-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for drapeau in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    f"--user-data-dir={profil}"):
        options.add_argument(drapeau)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    pilote = webdriver.Chrome(service=Service(PILOTE), options=options)
    try:
        yield pilote
    finally:
        pilote.quit()
        shutil.rmtree(profil, ignore_errors=True)


def erreurs_console(pilote) -> list[str]:
    """Les messages SEVERE de la console du navigateur depuis le dernier appel."""
    return [e["message"] for e in pilote.get_log("browser") if e.get("level") == "SEVERE"]

