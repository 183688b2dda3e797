"""Les carnets Jupyter : faits à partir des scripts, exécutés de haut en bas dans un noyau neuf,
chaque figure montrée une seule fois."""
import nbformat
import pytest

from keras_facile.carnet import ecrire_carnet, executer_carnet
from keras_facile.lecon import executer_chapitre

LISTING_6_8 = """\
from keras_facile import *

modele = Sequential()
modele.add(Input(shape=(1,)))  # Entrée de dimension 1
modele.add(Dense(2, activation='relu'))
modele.add(Dense(1, activation='relu'))

# definir_poids(modele,couche,rang,coeff,biais)
definir_poids(modele,0,0,1,-1)
definir_poids(modele,0,1,-0.5,1)
affiche_poids(modele,0)
definir_poids(modele,1,0,[1,1],0)

sortie = evaluation(modele,3)
print('Entrée :',3,'Sortie :',sortie)
affichage_evaluation_une_var(modele,-2,3)"""


def test_listing_6_8_une_seule_image(tmp_path):
    """Le listing 6.8 tel qu'imprimé : la figure renvoyée par la dernière ligne ne s'affiche qu'une fois."""
    carnet = nbformat.v4.new_notebook()
    carnet.cells = [
        nbformat.v4.new_code_cell(LISTING_6_8),
        nbformat.v4.new_code_cell("fig = affichage_evaluation_deux_var_2d(Sequential([Input(shape=(2,)), Dense(1)]), "
                                  "-1, 1, -1, 1)\nprint('rien de plus')"),
        nbformat.v4.new_code_cell("fig"),                      # réévaluée dans une autre cellule : montrée
        nbformat.v4.new_code_cell("plt.plot([0, 1], [1, 0]);"),  # une figure faite à la main
        nbformat.v4.new_code_cell("evaluation(modele, 3)"),
    ]
    carnet.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    chemin = tmp_path / "listing.ipynb"
    nbformat.write(carnet, chemin)
    bilan = executer_carnet(chemin)
    assert bilan.erreurs == []
    assert bilan.images_par_cellule() == [1, 1, 1, 1, 0]
    sorties = bilan.carnet.cells[0].outputs
    assert any("Entrée : 3 Sortie : 2.0" in s.get("text", "") for s in sorties)
    assert not any(s.output_type == "execute_result" for s in sorties)   # ni « <Figure …> » en texte
    assert bilan.carnet.cells[4].outputs[0]["data"]["text/plain"] == "2.0"


@pytest.mark.lent
@pytest.mark.parametrize("numero", [5, 6, 10, 14])
def test_carnet_rapide_du_chapitre(numero, tmp_path, monkeypatch, donnees_factices, cache_factice):
    """Le carnet --rapide tourne de haut en bas sans erreur et montre chaque figure du chapitre
    exactement une fois (autant d'images que de PNG écrits par le script). Sa durée (cible : moins
    d'une minute) est mesurée par benchmarks/carnets.py, pas ici."""
    from tests.conftest import donnees_reelles_disponibles

    if donnees_reelles_disponibles() is None:
        monkeypatch.setenv("KERAS_FACILE_DATA", str(donnees_factices))
        monkeypatch.setenv("KERAS_FACILE_CACHE", str(cache_factice))
    else:
        # Les modèles mis en cache ici sont entraînés sur les vrais jeux : un cache à part, sinon
        # les tests des chapitres (données factices, même cache de session) les reliraient.
        monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path / "cache"))
    chemin = ecrire_carnet(numero, tmp_path / "carnets", rapide=True)
    bilan = executer_carnet(chemin)
    assert bilan.erreurs == []
    figures = tmp_path / "figures"
    executer_chapitre(numero, ["--rapide", "--figures", str(figures)])
    assert bilan.images == len(list(figures.glob("*.png"))) > 0


_CARNETS_DEJA_COMPARES = {5, 6, 10, 14}     # test_carnet_rapide_du_chapitre : contre le script


def _chapitres():
    from keras_facile.catalogue import trouver_chapitres

    return sorted(set(trouver_chapitres()) - _CARNETS_DEJA_COMPARES)


@pytest.mark.lent
@pytest.mark.parametrize("numero", _chapitres())
def test_carnet_rapide_de_chaque_chapitre(numero, tmp_path, monkeypatch, donnees_factices):
    """Chaque autre chapitre, en carnet --rapide (données factices), tourne de haut en bas sans erreur ;
    le même noyau enregistre aussi ses figures (``figures=`` dans la cellule de réglages) : chaque
    figure confiée à la leçon est enregistrée et montrée exactement une fois, aucune image en plus."""
    import re

    monkeypatch.setenv("KERAS_FACILE_DATA", str(donnees_factices))
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path / "cache"))
    chemin = ecrire_carnet(numero, tmp_path / "carnets", rapide=True)
    carnet = nbformat.read(chemin, as_version=4)
    reglages = next(c for c in carnet.cells if "reglages" in c.metadata.get("tags", []))
    figures = tmp_path / "figures"
    source, remplacements = re.subn(r"figures\s*=\s*None", f"figures={str(figures)!r}", reglages.source)
    assert remplacements == 1, reglages.source
    reglages.source = source
    # une dernière cellule compte les figures confiées à la leçon (un chapitre peut écrire d'autres PNG :
    # le chapitre 13 enregistre les images qu'il convolue)
    carnet.cells.append(nbformat.v4.new_code_cell('print("figures confiées :", len(lecon.figures_enregistrees))'))
    nbformat.write(carnet, chemin)
    bilan = executer_carnet(chemin)
    assert bilan.erreurs == []
    sortie = "".join(s.get("text", "") for s in bilan.carnet.cells[-1].outputs)
    confiees = int(re.fullmatch(r"figures confiées : (\d+)\n", sortie).group(1))
    enregistrees = sorted(figures.glob("*.png"))
    assert confiees <= len(enregistrees)
    assert bilan.images == confiees, (bilan.images, [p.name for p in enregistrees])
