"""La galerie (keras-facile galerie) : chaque figure sous la section qui l'a produite, index, liens."""
import ast
import json
import sys
import types
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from keras_facile.catalogue import chemin_chapitre
from keras_facile.cli import main
from keras_facile.coureur import LeconFichier
from keras_facile.galerie import EXEMPLES_PAR_CHAPITRE, construire_galerie


class Lecteur(HTMLParser):
    """Les sections (id, titre h2, images) et tous les liens d'une page."""

    def __init__(self):
        super().__init__()
        self.sections, self.liens, self.scripts = [], [], 0
        self._dans_h2 = False

    def handle_starttag(self, balise, attributs):
        a = dict(attributs)
        if balise == "section":
            self.sections.append({"id": a.get("id"), "titre": "", "images": []})
        elif balise == "h2":
            self._dans_h2 = True
        elif balise == "img":
            if self.sections:
                self.sections[-1]["images"].append(a["src"])
            self.liens.append(a["src"])
        elif balise in ("a", "link") and a.get("href"):
            self.liens.append(a["href"])
        elif balise == "script":
            self.scripts += 1

    def handle_endtag(self, balise):
        if balise == "h2":
            self._dans_h2 = False

    def handle_data(self, texte):
        if self._dans_h2 and self.sections:
            self.sections[-1]["titre"] += texte


def lire_page(chemin: Path) -> Lecteur:
    lecteur = Lecteur()
    lecteur.feed(chemin.read_text(encoding="utf-8"))
    return lecteur


def figures_du_script(numero):
    """{section: [noms .png]} d'après le code du chapitre : les appels lecon.figure(fig, "nom")
    de chaque section (lu dans le script, indépendamment du coureur et de la galerie)."""
    fichier = LeconFichier(chemin_chapitre(numero))
    attendues = {}
    for cellule in fichier.cellules:
        if cellule.type != "code" or cellule.section is None:
            continue
        for noeud in ast.walk(ast.parse(cellule.source)):
            if (isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Attribute) and noeud.func.attr == "figure"
                    and isinstance(noeud.func.value, ast.Name) and noeud.func.value.id == "lecon"):
                nom = ast.literal_eval(noeud.args[1])
                attendues.setdefault(cellule.section, []).append(f"{nom}.png")
    return fichier, attendues


def verifier_liens(page: Path, lecteur: Lecteur):
    for lien in lecteur.liens:
        adresse = urlparse(lien)
        assert not adresse.scheme and not adresse.netloc, f"{page.name} : lien extérieur {lien}"
        cible = (page.parent / unquote(adresse.path)).resolve()
        assert cible.is_file(), f"{page.name} : lien cassé {lien}"


@pytest.fixture(scope="module")
def galerie(tmp_path_factory):
    """La galerie des chapitres 2 et 16, lancés pour de vrai (sous-processus, --rapide)."""
    sortie = tmp_path_factory.mktemp("galerie")
    messages = []
    bilan = construire_galerie(sortie, [2, 16], rapide=True, afficher=messages.append)
    return sortie, bilan, messages


def test_chaque_figure_sous_la_section_qui_l_a_produite(galerie):
    sortie, bilan, messages = galerie
    assert bilan.echecs == {}
    assert any("chapitre 2 : exécution (keras-facile lance 2 --rapide" in m for m in messages)
    for numero in (2, 16):
        fichier, attendues = figures_du_script(numero)
        page = lire_page(sortie / f"ch{numero:02d}.html")
        trouvees = {s["id"]: [Path(unquote(src)).name for src in s["images"]] for s in page.sections}
        assert trouvees == attendues, f"chapitre {numero}"
        for s in page.sections:        # le titre affiché est celui de la section dans le script
            assert s["titre"] == fichier.sections[s["id"]].titre.replace("`", "")
    assert trouvees["loi-normale"] == ["ch16-tailles-femmes.png", "ch16-dispersions.png",
                                       "ch16-loi-normale-centree.png"]


def test_index_et_liens_valides_hors_ligne(galerie):
    sortie, bilan, _ = galerie
    assert bilan.index == sortie / "index.html"
    index = lire_page(bilan.index)
    assert [l for l in index.liens if l.endswith(".html")] == ["ch02.html", "ch16.html"]
    assert set(bilan.pages) == {2, 16}
    for page in [bilan.index, *bilan.pages.values()]:
        lecteur = lire_page(page)
        verifier_liens(page, lecteur)
        assert lecteur.scripts == 0
        texte = page.read_text(encoding="utf-8")
        assert "http://" not in texte and "https://" not in texte
    # le carnet lié est un vrai carnet du chapitre
    import nbformat

    carnet = nbformat.read(sortie / "carnets" / "ch16_probabilites.ipynb", as_version=4)
    assert any("demarrer_lecon(rapide=True" in c.source for c in carnet.cells)
    assert 'href="carnets/ch16_probabilites.ipynb"' in (sortie / "ch16.html").read_text(encoding="utf-8")
    assert not list(sortie.rglob("*.partiel*"))               # rien de moitié écrit


def test_une_seconde_galerie_reutilise_les_figures(galerie, tmp_path, capsys):
    """Avec --figures d'une exécution déjà faite : rien n'est relancé, les images sont copiées."""
    sortie, _, _ = galerie
    code = main(["galerie", "--sortie", str(tmp_path / "g2"), "--chapitre", "16", "--figures", str(sortie / "figures")])
    assert code == 0
    sortie_texte = capsys.readouterr().out
    assert "exécution" not in sortie_texte and "(1 chapitre(s), 4 figure(s))" in sortie_texte
    page = tmp_path / "g2" / "ch16.html"
    verifier_liens(page, lire_page(page))
    assert (tmp_path / "g2" / "figures" / "ch16-dispersions.png").read_bytes() == \
        (sortie / "figures" / "ch16-dispersions.png").read_bytes()


def test_liens_vers_les_pages_d_atelier(tmp_path, monkeypatch):
    """Chapitres 5 et 6 : une page d'atelier par exemple, par atelier_page.ecrire_page s'il existe."""
    import keras_facile

    figures = tmp_path / "figures"
    figures.mkdir()
    manifeste = {"script": "ch05_reseau_neurones.py", "titre": "Chapitre 5", "rapide": True, "termine": True,
                 "sections": [{"nom": "perceptron", "titre": "§1 — Le perceptron", "figures": []}]}
    (figures / "ch05_reseau_neurones.figures.json").write_text(json.dumps(manifeste), encoding="utf-8")
    ecrites = []

    def ecrire_page(sortie, *, exemple=None, modele=None, cible=None, titre=None):
        ecrites.append(exemple)
        Path(sortie).parent.mkdir(parents=True, exist_ok=True)
        Path(sortie).write_text(f"<!DOCTYPE html><title>{exemple}</title>", encoding="utf-8")
        return Path(sortie)

    factice = types.ModuleType("keras_facile.atelier_page")
    factice.ecrire_page = ecrire_page
    monkeypatch.setitem(sys.modules, "keras_facile.atelier_page", factice)
    monkeypatch.setattr(keras_facile, "atelier_page", factice, raising=False)
    bilan = construire_galerie(tmp_path / "g", [5], figures=figures, carnets=False, afficher=lambda m: None)
    assert ecrites == EXEMPLES_PAR_CHAPITRE[5] == ["ou", "et", "ou-exclusif", "marches-5", "secteur", "carre"]
    page = lire_page(bilan.pages[5])
    assert [l for l in page.liens if l.startswith("ateliers/")] == [f"ateliers/{n}.html" for n in ecrites]
    verifier_liens(bilan.pages[5], page)
    assert "Ce chapitre ne produit pas de figure" in bilan.pages[5].read_text(encoding="utf-8")


def test_chapitre_en_echec_signale(tmp_path, monkeypatch, capsys):
    """Un chapitre qui plante : la galerie continue, la page garde les figures des sections faites,
    le manifeste le dit inachevé, la commande sort avec le code 1."""
    chapitres = tmp_path / "chapitres"
    chapitres.mkdir()
    (chapitres / "ch42_casse.py").write_text('''# %% [markdown]
# # Chapitre 42 — Cassé
#
# Une leçon qui plante.

# %%
from keras_facile.lecon import demarrer_lecon
import matplotlib.pyplot as plt

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

# %% [markdown]
# ## §1 — Une figure

# %%
lecon.section("une")
fig, ax = plt.subplots()
ax.plot([0, 1], [1, 0])
lecon.figure(fig, "ch42-droite")

# %% [markdown]
# ## §2 — La panne

# %%
lecon.section("panne")
raise RuntimeError("panne voulue")
''', encoding="utf-8")
    monkeypatch.setenv("KERAS_FACILE_CHAPITRES", str(chapitres))
    code = main(["galerie", "--sortie", str(tmp_path / "g"), "--rapide"])
    assert code == 1
    erreurs = capsys.readouterr().err
    assert "1 chapitre(s) en échec : 42" in erreurs
    manifeste = json.loads((tmp_path / "g" / "figures" / "ch42_casse.figures.json").read_text(encoding="utf-8"))
    assert manifeste["termine"] is False
    assert [(s["nom"], s["figures"]) for s in manifeste["sections"]] == [("une", ["ch42-droite.png"]), ("panne", [])]
    page = tmp_path / "g" / "ch42.html"
    texte = page.read_text(encoding="utf-8")
    assert "Chapitre non exécuté jusqu'au bout" in texte and "RuntimeError: panne voulue" in texte
    assert lire_page(page).sections[0]["images"] == ["figures/ch42-droite.png"]
    journal = (tmp_path / "g" / "journaux" / "ch42_casse.txt").read_text(encoding="utf-8")
    assert "panne voulue" in journal


def test_erreurs_en_francais(tmp_path, capsys):
    assert main(["galerie", "--sortie", str(tmp_path), "--chapitre", "99"]) == 2
    assert "chapitre 99 inconnu" in capsys.readouterr().err
    (tmp_path / "fichier").write_text("x")
    assert main(["galerie", "--sortie", str(tmp_path / "fichier"), "--chapitre", "2"]) == 2
    assert "existe et n'est pas un dossier" in capsys.readouterr().err
    with pytest.raises(ValueError, match="chapitres doit contenir des numéros de chapitres"):
        construire_galerie(tmp_path / "g", [2.5])
