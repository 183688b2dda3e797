"""Le coureur de chapitre commun et la commande keras-facile."""
import subprocess
import sys

import pytest

from keras_facile.chapitre import Chapitre, executer_chapitre, trouver_chapitres
from keras_facile.cli import main


def petit_chapitre():
    chapitre = Chapitre("Chapitre test — essai.\n\nDescription longue.")

    @chapitre.section("un", duree="1 s")
    def un(options):
        """§1 — première section."""
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, options.choisir(10, 1)])
        chapitre.figure(fig, "courbe")
        return options.choisir("normal", "rapide")

    @chapitre.section("deux")
    def deux(options):
        """§2 — seconde section."""
        import numpy as np

        return float(np.random.rand())

    return chapitre


def test_sections_figures_et_graine(tmp_path):
    chapitre = petit_chapitre()
    r = chapitre.lancer(["--rapide", "--figures", str(tmp_path / "f"), "--graine", "3"])
    assert r["un"] == "rapide"
    assert (tmp_path / "f" / "courbe.png").stat().st_size > 500
    assert not list((tmp_path / "f").glob(".*partiel"))
    r2 = petit_chapitre().lancer(["--graine", "3", "--section", "deux"])
    assert list(r2) == ["deux"] and r2["deux"] == r["deux"]
    assert petit_chapitre().lancer(["--graine", "4", "--section", "deux"])["deux"] != r["deux"]


def test_sections_dans_l_ordre_du_livre():
    r = petit_chapitre().lancer(["--section", "deux", "--section", "un", "--rapide"])
    assert list(r) == ["un", "deux"]


@pytest.mark.parametrize("argv, message", [
    (["--section", "trois"], "section inconnue : trois"),
    (["--graine", "abc"], "attend un entier"),
    (["--rapid"], "inconnue"),
    (["--graine", "-2"], "positif"),
])
def test_erreurs_de_ligne_de_commande_en_francais(argv, message, capsys):
    with pytest.raises(SystemExit) as e:
        petit_chapitre().lancer(argv)
    assert e.value.code == 2
    erreur = capsys.readouterr().err
    assert message in erreur and "utilisation" in erreur


def test_figures_sur_un_fichier_existant(tmp_path, capsys):
    fichier = tmp_path / "f.txt"
    fichier.write_text("x")
    with pytest.raises(SystemExit):
        petit_chapitre().lancer(["--figures", str(fichier)])
    assert "n'est pas un dossier" in capsys.readouterr().err


def test_aide_en_francais_avec_durees(capsys):
    with pytest.raises(SystemExit):
        petit_chapitre().lancer(["--help"])
    aide = capsys.readouterr().out
    assert "utilisation" in aide and "--rapide" in aide and "§1 — première section. [1 s]" in aide
    assert "afficher cette aide" in aide


def test_decouverte_des_chapitres():
    chapitres = trouver_chapitres()
    assert 6 in chapitres and chapitres[6].name == "ch06_keras_partie1.py"
    with pytest.raises(ValueError, match="chapitre 99 inconnu"):
        executer_chapitre(99, [])
    with pytest.raises(ValueError, match="numéro de chapitre invalide"):
        executer_chapitre("six", [])


def test_cli_liste(capsys):
    assert main(["liste"]) == 0
    sortie = capsys.readouterr().out
    assert "ch06_keras_partie1.py" in sortie and "Chapitre 6" in sortie


def test_cli_erreurs(capsys):
    with pytest.raises(SystemExit) as e:
        main(["bidule"])
    assert e.value.code == 2 and "commande inconnue" in capsys.readouterr().err
    assert main(["lance", "99"]) == 2
    assert "chapitre 99 inconnu" in capsys.readouterr().err


def test_commande_installee_lance_un_chapitre(tmp_path):
    """Le vrai point d'entrée, dans un autre processus, sans écran."""
    resultat = subprocess.run(
        [sys.executable, "-m", "keras_facile.cli", "lance", "6", "--rapide", "--figures", str(tmp_path),
         "--section", "keras-facile"],
        capture_output=True, text=True, timeout=300,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "Entrée : 3 Sortie : 2.0" in resultat.stdout
    assert (tmp_path / "ch06-keras-facile-1var.png").exists()
    assert "cudart" not in resultat.stderr   # les journaux techniques de TensorFlow sont filtrés
