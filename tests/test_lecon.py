"""Le coureur des leçons (keras_facile.lecon), la commande keras-facile, les comparaisons au livre."""
import subprocess
import sys
from pathlib import Path

import pytest

from keras_facile.cli import main
from keras_facile.catalogue import trouver_chapitres
from keras_facile.coureur import LeconFichier, lancer_fichier
from keras_facile.lecon import Lecon, executer_chapitre

ESSAI = Path(__file__).parent / "lecons" / "ch99_essai.py"


def test_sections_figures_et_graine(tmp_path, capsys):
    r = lancer_fichier(ESSAI, ["--rapide", "--figures", str(tmp_path / "f"), "--graine", "3"])
    assert list(r) == ["un", "deux"]
    assert r["un"]["hauteur"] == 1 and r["un"]["HAUTEUR"] == 1 and r["un"]["mode"] == "rapide"
    assert "COMMUN" not in r["un"]                     # variable du préambule, pas de la section
    assert sorted(p.name for p in (tmp_path / "f").iterdir()) == ["ch99-un-1.png", "ch99_essai.figures.json",
                                                                  "courbe.png"]
    sortie = capsys.readouterr().out
    assert "✗ hauteur" in sortie and "✓ commun" in sortie
    assert "comparaisons avec le livre : 1 ✓, 1 ✗" in sortie
    # --section seule : même graine, même tirage ; le préambule tourne toujours
    r2 = lancer_fichier(ESSAI, ["--graine", "3", "--section", "deux"])
    assert list(r2) == ["deux"] and r2["deux"]["tirage"] == r["deux"]["tirage"]
    assert r2["deux"]["commun"] == 10
    assert r["deux"]["compte"] == 1 and "mode" not in r["deux"] and "COMMUN" not in r["deux"]
    assert lancer_fichier(ESSAI, ["--graine", "4", "--section", "deux"])["deux"]["tirage"] != r["deux"]["tirage"]


def test_sans_ecran_ni_figures_une_ligne_le_dit(capsys):
    r = lancer_fichier(ESSAI, ["--section", "un"])
    assert r["un"]["mode"] == "normal" and r["un"]["hauteur"] == 10
    sortie = capsys.readouterr().out
    assert "2 figure(s) non affichée(s) (pas d'écran) : relancez avec --figures DOSSIER" in sortie


def test_lecture_du_fichier():
    f = LeconFichier(ESSAI)
    assert f.titre == "Chapitre 99 — essai"
    assert list(f.sections) == ["un", "deux"]
    assert f.sections["un"].titre == "§1 — Première section" and f.sections["un"].duree == "1 s"
    assert f.sections["deux"].duree is None


@pytest.mark.parametrize("argv, message", [
    (["--section", "trois"], "section inconnue : trois"),
    (["--graine", "abc"], "attend un entier"),
    (["--rapid"], "inconnue"),
    (["--graine", "-2"], "entre 0 et 4294967295"),
    (["--graine", "99999999999999999999"], "entre 0 et 4294967295"),
])
def test_erreurs_de_ligne_de_commande_en_francais(argv, message, capsys):
    with pytest.raises(SystemExit) as e:
        lancer_fichier(ESSAI, argv)
    assert e.value.code == 2
    erreur = capsys.readouterr().err
    assert message in erreur and "utilisation" in erreur


def test_figures_sur_un_fichier_existant(tmp_path, capsys):
    fichier = tmp_path / "f.txt"
    fichier.write_text("x")
    with pytest.raises(SystemExit):
        lancer_fichier(ESSAI, ["--figures", str(fichier)])
    assert "n'est pas un dossier" in capsys.readouterr().err


def test_aide_en_francais_avec_durees(capsys):
    with pytest.raises(SystemExit):
        lancer_fichier(ESSAI, ["--help"])
    aide = capsys.readouterr().out
    assert "utilisation" in aide and "--rapide" in aide and "§1 — Première section [1 s]" in aide
    assert "afficher cette aide" in aide


@pytest.mark.parametrize("livre, mesure, accord", [
    (2, 2.0, True), (2, 2.001, False),                       # un entier du livre : exact
    ("0.952", 0.9525741, True),                              # tronqué par le livre
    ("0.953", 0.9525741, True),                              # arrondi
    ("0.951", 0.9525741, False),
    (0.2935, 0.29354, True), (0.2935, 0.2937, False),
    ([1, 0.5], [1.0, 0.50004], True), ([1, 0.5], [1.0, 0.61], False), ([1, 0.5], [1.0], False),
    ("1e-5", 1.0004e-5, True), ("1e-5", 1.1e-5, False),
    ((1, 1), (1, 1), True), ("oui", "non", False),
])
def test_comparer_accord(livre, mesure, accord, capsys):
    lecon = Lecon()
    lecon.comparer("x", mesure, livre=livre)
    assert capsys.readouterr().out.lstrip().startswith("✓" if accord else "✗")
    assert (lecon.accords, lecon.desaccords) == ((1, 0) if accord else (0, 1))


def test_comparer_tolerance_et_erreurs(capsys):
    lecon = Lecon()
    lecon.comparer("exactitude", 0.87, livre=0.90, tol=0.05, note="2 époques au lieu de 40")
    assert "✓" in capsys.readouterr().out and lecon.resultats["preambule"]["exactitude"] == 0.87
    with pytest.raises(ValueError, match="tol"):
        lecon.comparer("x", 1, livre=1, tol=-1)
    with pytest.raises(ValueError, match="etiquette"):
        lecon.comparer("", 1)
    with pytest.raises(ValueError, match="graine"):
        Lecon(graine=-1)
    with pytest.raises(TypeError, match="rapide"):
        Lecon(rapide="oui")


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
    assert "ch06_keras_partie1.py" in sortie and "Chapitre 6 — Python : tensorflow avec keras (partie 1)" in sortie


def test_cli_erreurs(capsys):
    with pytest.raises(SystemExit) as e:
        main(["bidule"])
    assert e.value.code == 2 and "commande inconnue" in capsys.readouterr().err
    assert main(["lance", "99"]) == 2
    assert "chapitre 99 inconnu" in capsys.readouterr().err
    assert main(["carnet", "99"]) == 2
    assert "chapitre 99 inconnu" in capsys.readouterr().err


def test_cli_carnet_et_copie(tmp_path, capsys):
    import nbformat

    assert main(["carnet", "6", "--rapide", "--sortie", str(tmp_path / "c")]) == 0
    carnet = nbformat.read(tmp_path / "c" / "ch06_keras_partie1.ipynb", as_version=4)
    nbformat.validate(carnet)
    assert carnet.nbformat == 4 and carnet.metadata.kernelspec.name == "python3"
    reglages = [c for c in carnet.cells if c.cell_type == "code"][0]
    assert "demarrer_lecon(rapide=True" in reglages.source and "reglages" in reglages.metadata.tags
    assert carnet.cells[0].cell_type == "markdown" and carnet.cells[0].source.startswith("# Chapitre 6")
    # une section se lit comme du code de leçon : pas de fonction de section
    assert not any(c.source.lstrip().startswith("def ") and "options" in c.source for c in carnet.cells)
    # copie : les scripts, sans écraser le travail d'un élève
    cible = tmp_path / "eleve"
    assert main(["copie", str(cible), "--chapitre", "6"]) == 0
    script = cible / "ch06_keras_partie1.py"
    script.write_text(script.read_text() + "\n# ma modification\n")
    assert main(["copie", str(cible), "--chapitre", "6"]) == 0
    assert script.read_text().endswith("# ma modification\n")
    assert "gardé tel quel" in capsys.readouterr().out
    assert main(["copie", str(cible), "--carnets", "--chapitre", "6"]) == 0
    assert (cible / "ch06_keras_partie1.ipynb").is_file()


def test_script_lance_directement_avec_options(tmp_path):
    """python chNN_….py --section … : le script passe la main au coureur (--section respecté)."""
    resultat = subprocess.run(
        [sys.executable, str(ESSAI), "--rapide", "--figures", str(tmp_path), "--section", "deux"],
        capture_output=True, text=True, timeout=300,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "--- deux : §2 — Seconde section ---" in resultat.stdout and "--- un" not in resultat.stdout


def test_commande_installee_lance_un_chapitre(tmp_path):
    """Le vrai point d'entrée, dans un autre processus, sans écran."""
    resultat = subprocess.run(
        [sys.executable, "-m", "keras_facile.cli", "lance", "6", "--rapide", "--figures", str(tmp_path),
         "--section", "keras-facile"],
        capture_output=True, text=True, timeout=300,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "Entrée : 3 Sortie : 2.0" in resultat.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ch06-keras-facile-1var.png", "ch06_keras_partie1.figures.json"]
    assert "cudart" not in resultat.stderr   # les journaux techniques de TensorFlow sont filtrés


def test_manifeste_des_figures_par_section(tmp_path):
    """--figures : le manifeste dit quelle section a produit quelle figure ; --section ne relance que
    ses sections et garde les autres ; un chapitre interrompu est noté inachevé."""
    from keras_facile.coureur import chemin_manifeste, lire_manifeste

    lancer_fichier(ESSAI, ["--rapide", "--figures", str(tmp_path)])
    chemin = chemin_manifeste(tmp_path, ESSAI)
    assert chemin.name == "ch99_essai.figures.json"
    m = lire_manifeste(chemin)
    assert (m["script"], m["titre"], m["rapide"], m["termine"]) == ("ch99_essai.py", "Chapitre 99 — essai", True, True)
    assert m["sections"] == [
        {"nom": "un", "titre": "§1 — Première section", "figures": ["courbe.png", "ch99-un-1.png"]},
        {"nom": "deux", "titre": "§2 — Seconde section", "figures": []},
    ]
    (tmp_path / "courbe.png").unlink()
    lancer_fichier(ESSAI, ["--figures", str(tmp_path), "--section", "deux"])
    m2 = lire_manifeste(chemin)
    assert m2["sections"] == m["sections"] and m2["rapide"] is False
    assert not (tmp_path / "courbe.png").exists()        # la section un n'a pas été relancée
    chemin.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(ValueError, match="manifeste de figures illisible"):
        lire_manifeste(chemin)


def test_les_figures_d_avant_ne_sont_pas_a_la_lecon(tmp_path):
    """Une figure ouverte avant la leçon (par un autre code du même processus) n'est ni enregistrée ni fermée."""
    import matplotlib.pyplot as plt

    etrangere = plt.figure()
    try:
        lancer_fichier(ESSAI, ["--rapide", "--figures", str(tmp_path), "--section", "un"])
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ch99-un-1.png", "ch99_essai.figures.json", "courbe.png"]
        assert plt.fignum_exists(etrangere.number)
    finally:
        plt.close(etrangere)


def test_comparer_une_ligne_et_valeurs_du_livre_telles_qu_imprimees(capsys):
    import numpy as np

    lecon = Lecon()
    lecon.comparer("matrice", np.array([[1.0, 2.0], [3.0, 4.0]]), livre=[["1", "2"], ["3", "4.0"]])
    lecon.comparer("erreurs", [0.0059, 0.01], livre=["0.0059", "0.010"])
    lignes = capsys.readouterr().out.splitlines()
    assert len(lignes) == 2 and all(l.lstrip().startswith("✓") for l in lignes)
    assert lignes[1].endswith("livre : [0.0059, 0.010]")


def test_figures_dans_un_dossier_interdit_refuse_avant_de_commencer(tmp_path, monkeypatch, capsys):
    """--figures sur un dossier où l'on ne peut pas écrire : refusé avant la première section."""
    import tempfile

    vrai = tempfile.NamedTemporaryFile

    def interdit(*args, dir=None, **kw):
        if dir is not None and str(dir).startswith(str(tmp_path / "lecture_seule")):
            raise PermissionError(13, "Permission denied")
        return vrai(*args, dir=dir, **kw)

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", interdit)
    with pytest.raises(SystemExit) as e:
        lancer_fichier(ESSAI, ["--figures", str(tmp_path / "lecture_seule")])
    assert e.value.code == 2
    sortie = capsys.readouterr()
    assert "écriture interdite dans ce dossier" in sortie.err and "--- un" not in sortie.out


def test_parseur_traduit_les_erreurs_d_argparse(capsys):
    """Chaque message d'argparse que nos commandes peuvent produire sort en français."""
    from keras_facile.parseur import ParseurFrancais

    p = ParseurFrancais(prog="essai")
    groupe = p.add_mutually_exclusive_group(required=True)
    groupe.add_argument("--a", type=int)
    groupe.add_argument("--b", nargs="+")
    cas = [(["--a", "1", "--b", "x"], "l'option --b ne va pas avec --a (l'une ou l'autre)"),
           ([], "une des options --a --b est obligatoire"),
           (["--b"], "l'option --b attend au moins une valeur"),
           (["--a", "z"], "l'option --a attend un entier, reçu 'z'"),
           (["--a"], "l'option --a attend une valeur"),
           (["--a", "1", "--c"], "option(s) inconnue(s) : --c")]
    for argv, message in cas:
        with pytest.raises(SystemExit) as sortie:
            p.parse_args(argv)
        assert sortie.value.code == 2
        assert f"essai : erreur : {message}\n" in capsys.readouterr().err, argv
