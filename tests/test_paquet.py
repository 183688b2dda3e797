"""Le paquet s'installe partout : une roue (pas en mode éditable) dans un environnement neuf,
lancée depuis un dossier hors du dépôt."""
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent


def test_sous_paquets_declares():
    """Chaque sous-paquet de keras_facile/ est listé dans setup.cfg (sinon la roue l'oublierait)."""
    import configparser

    from setuptools import find_packages

    config = configparser.ConfigParser()
    config.read(RACINE / "setup.cfg")
    declares = set(config["options"]["packages"].split())
    assert set(find_packages(RACINE, include=["keras_facile", "keras_facile.*"])) | {"keras_facile.chapitres"} \
        == declares


@pytest.mark.lent
def test_roue_installee_hors_du_depot(tmp_path):
    # la roue est construite depuis une copie des sources (setuptools écrit build/ à côté des sources)
    sources = tmp_path / "sources"
    shutil.copytree(RACINE, sources, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", "data", "benchmarks"))
    roues = tmp_path / "roues"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(roues), str(sources)], check=True, capture_output=True, timeout=600, cwd=tmp_path)
    (roue,) = roues.glob("keras_facile-*.whl")
    env_neuf = tmp_path / "env"
    venv.create(env_neuf, with_pip=True)
    python = env_neuf / "bin" / "python"
    # Les dépendances (TensorFlow…) viennent de l'environnement des tests, sans le keras_facile de celui-ci :
    # un simple chemin dans un .pth (les .pth de ce dossier-là, dont l'installation éditable, ne sont pas lus).
    site_neuf = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip()
    Path(site_neuf, "dependances.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(roue)],
                   check=True, capture_output=True, timeout=600)
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KERAS_FACILE_CHAPITRES")}
    env["MPLBACKEND"] = "Agg"
    commande = env_neuf / "bin" / "keras-facile"

    def lancer(*args):
        r = subprocess.run([str(commande), *args], capture_output=True, text=True, cwd=ailleurs, env=env,
                           timeout=600)
        assert r.returncode == 0, r.stderr[-2000:]
        return r.stdout

    origine = subprocess.run([str(python), "-c", "import keras_facile; print(keras_facile.__file__)"],
                             capture_output=True, text=True, cwd=ailleurs, env=env, check=True).stdout
    assert origine.startswith(site_neuf), origine        # la roue, pas le dépôt
    assert "ch06_keras_partie1.py" in lancer("liste")
    sortie = lancer("lance", "6", "--rapide", "--figures", str(ailleurs / "figures"))
    assert "Entrée : 3 Sortie : 2.0" in sortie and (ailleurs / "figures" / "ch06-cube.png").is_file()
    lancer("carnet", "6")
    assert (ailleurs / "ch06_keras_partie1.ipynb").is_file()
    lancer("copie", "eleve", "--chapitre", "6")
    assert (ailleurs / "eleve" / "ch06_keras_partie1.py").is_file()
