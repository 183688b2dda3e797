"""La galerie : toutes les figures des chapitres, rangées sous les titres de leurs sections.

``keras-facile galerie --sortie galerie/ --rapide`` écrit, pour une classe sans
internet :

- ``index.html`` : les chapitres, avec leur nombre de figures ;
- ``chNN.html`` : une page par chapitre, chaque figure sous le titre de la section qui
  l'a produite, le lien vers le carnet du chapitre (``carnets/chNN_….ipynb``, écrit à
  côté) et, pour les chapitres 5 et 6, vers les pages de l'atelier de leurs exemples
  (``ateliers/NOM.html``) ;
- ``figures/`` : les images (PNG), référencées par des chemins relatifs ;
- ``journaux/`` : la sortie de chaque chapitre lancé.

Les figures viennent d'une exécution des chapitres avec ``--figures`` : le coureur
écrit à côté des images un manifeste (:func:`keras_facile.coureur.lire_manifeste`) qui
dit quelle section a produit quelle figure. Un chapitre sans manifeste dans le dossier
des figures est lancé dans un autre processus (``keras-facile lance N --figures …``,
avec ``--rapide`` si demandé). Les pages n'ont ni script ni ressource extérieure ; chaque
fichier est écrit d'un coup (:func:`keras_facile.fichiers.ecriture_atomique`).
"""
from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .catalogue import resume_chapitre, trouver_chapitres
from .coureur import LeconFichier, chemin_manifeste, lire_manifeste
from .fichiers import ecriture_atomique

__all__ = ["construire_galerie", "EXEMPLES_PAR_CHAPITRE", "BilanGalerie"]

#: les exemples de l'atelier (page web) de chaque chapitre
EXEMPLES_PAR_CHAPITRE = {
    5: ["ou", "et", "ou-exclusif", "marches-5", "secteur", "carre"],
    6: ["listing-6-8"],
}

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 0 1.2em 3em; color: #222; background: #fdfdfb; line-height: 1.45; }
header { border-bottom: 2px solid #2a5d9f; margin-bottom: 1em; }
nav { font-size: 0.95em; margin: 0.8em 0; }
nav a { margin-right: 1.2em; }
a { color: #2a5d9f; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ddd; }
.figures { display: flex; flex-wrap: wrap; gap: 1.2em; }
figure { margin: 0; background: #fff; border: 1px solid #e3e3e3; padding: 0.5em; border-radius: 4px; }
figure img { display: block; max-width: 100%; height: auto; max-height: 480px; }
figcaption { font-size: 0.85em; color: #666; text-align: center; margin-top: 0.3em; }
.liens { background: #eef3fa; padding: 0.6em 1em; border-radius: 4px; }
.note { color: #8a5a00; background: #fff6e0; padding: 0.4em 0.8em; border-radius: 4px; }
table { border-collapse: collapse; } td, th { padding: 0.3em 0.9em; border-bottom: 1px solid #e3e3e3; text-align: left; }
"""


@dataclass
class _Chapitre:
    numero: int
    script: Path
    titre: str
    page: str
    manifeste: dict | None = None
    carnet: str | None = None
    ateliers: list[str] = field(default_factory=list)
    erreur: str | None = None

    @property
    def nombre_figures(self) -> int:
        if not self.manifeste:
            return 0
        return sum(len(s["figures"]) for s in self.manifeste["sections"])


@dataclass
class BilanGalerie:
    """Ce que :func:`construire_galerie` a écrit : l'index, les pages, les chapitres en échec."""

    index: Path
    pages: dict[int, Path]
    echecs: dict[int, str]


def _e(texte) -> str:
    return html.escape(str(texte), quote=True)


def _titre_lisible(texte: str) -> str:
    """Un titre de section sans le balisage Markdown le plus courant (``code``, **gras**)."""
    return texte.replace("**", "").replace("`", "")


def _lien(depuis: Path, vers: Path) -> str:
    """L'adresse relative (encodée) de ``vers`` depuis une page du dossier ``depuis``."""
    relatif = os.path.relpath(vers, depuis)
    return "/".join(quote(partie) for partie in Path(relatif).parts)


def _page(titre: str, corps: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{_e(titre)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{corps}\n</body>\n</html>\n")


def _ecrire(chemin: Path, texte: str) -> Path:
    with ecriture_atomique(chemin) as temporaire:
        temporaire.write_text(texte, encoding="utf-8")
    return chemin


def _lancer_chapitre(numero: int, dossier_figures: Path, journal: Path, rapide: bool, afficher) -> str | None:
    """``keras-facile lance N --figures …`` dans un autre processus ; None si tout va bien,
    sinon la raison de l'échec. La sortie va dans ``journal``."""
    commande = [sys.executable, "-m", "keras_facile.cli", "lance", str(numero), "--figures", str(dossier_figures)]
    if rapide:
        commande.append("--rapide")
    afficher(f"chapitre {numero} : exécution (keras-facile lance {numero}"
             f"{' --rapide' if rapide else ''} --figures {dossier_figures})…")
    debut = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    env.setdefault("MPLBACKEND", "Agg")
    resultat = subprocess.run(commande, capture_output=True, text=True, env=env)
    duree = time.perf_counter() - debut
    _ecrire(journal, f"$ {' '.join(commande)}\n\n{resultat.stdout}\n--- erreurs ---\n{resultat.stderr}")
    if resultat.returncode != 0:
        derniere = next((l for l in reversed(resultat.stderr.strip().splitlines()) if l.strip()), "")
        return f"l'exécution a échoué (code {resultat.returncode}) : {derniere} — journal : {journal}"
    afficher(f"chapitre {numero} : terminé en {duree:.0f} s")
    return None


def _pages_atelier(numero: int, dossier: Path, afficher) -> list[str]:
    """Les pages d'atelier des exemples du chapitre (noms)."""
    from . import atelier_page
    from .exemples_atelier import EXEMPLES

    noms = [n for n in EXEMPLES_PAR_CHAPITRE.get(numero, []) if n in EXEMPLES]
    faites = []
    for nom in noms:
        try:
            atelier_page.ecrire_page(dossier / f"{nom}.html", exemple=nom)
            faites.append(nom)
        except Exception as erreur:  # une page d'atelier manquée ne doit pas arrêter la galerie
            afficher(f"chapitre {numero} : page d'atelier {nom!r} non écrite : {erreur}")
    return faites


def _navigation(chapitres: list[_Chapitre], k: int) -> str:
    liens = ['<a href="index.html">↑ Tous les chapitres</a>']
    if k > 0:
        liens.append(f'<a href="{_e(chapitres[k - 1].page)}">← Chapitre {chapitres[k - 1].numero}</a>')
    if k + 1 < len(chapitres):
        liens.append(f'<a href="{_e(chapitres[k + 1].page)}">Chapitre {chapitres[k + 1].numero} →</a>')
    return "<nav>" + "".join(liens) + "</nav>"


def _page_chapitre(chapitre: _Chapitre, sortie: Path, dossier_images: Path, description: str,
                   navigation: str) -> str:
    morceaux = [f"<header>{navigation}<h1>{_e(chapitre.titre)}</h1></header>"]
    if description:
        premier = description.strip().split("\n\n")[0]
        texte = " ".join(l.lstrip("# ").strip() for l in premier.splitlines())
        morceaux.append(f"<p>{_e(_titre_lisible(texte))}</p>")
    liens = []
    if chapitre.carnet:
        liens.append(f'Le carnet Jupyter du chapitre : <a href="{_e(chapitre.carnet)}" download>'
                     f"{_e(Path(chapitre.carnet).name)}</a> (à ouvrir avec <code>jupyter notebook</code>)")
    if chapitre.ateliers:
        pages = ", ".join(f'<a href="ateliers/{_e(quote(nom))}.html">{_e(nom)}</a>' for nom in chapitre.ateliers)
        liens.append(f"L'atelier (poser les poids à la main, hors ligne) : {pages}")
    if liens:
        morceaux.append('<div class="liens">' + "<br>".join(liens) + "</div>")
    m = chapitre.manifeste
    if chapitre.erreur:
        morceaux.append(f'<p class="note">Chapitre non exécuté jusqu\'au bout : {_e(chapitre.erreur)}</p>')
    elif m and not m.get("termine", True):
        morceaux.append('<p class="note">La dernière exécution de ce chapitre s\'est arrêtée sur une erreur : '
                        "les figures des sections suivantes manquent.</p>")
    if m and m.get("rapide"):
        morceaux.append('<p class="note">Figures de la version rapide (<code>--rapide</code>) : '
                        "peu d'époques, petits sous-ensembles.</p>")
    if m:
        for section in m["sections"]:
            if not section["figures"]:
                continue
            titre = _titre_lisible(section.get("titre") or section["nom"])
            images = []
            for nom in section["figures"]:
                adresse = _lien(sortie, dossier_images / nom)
                images.append(f'<figure><img src="{_e(adresse)}" alt="{_e(nom)}"><figcaption>{_e(nom)}'
                              "</figcaption></figure>")
            morceaux.append(f'<section id="{_e(section["nom"])}"><h2>{_e(titre)}</h2>'
                            f'<div class="figures">{"".join(images)}</div></section>')
    if chapitre.nombre_figures == 0:
        morceaux.append("<p>Ce chapitre ne produit pas de figure.</p>" if m and not chapitre.erreur
                        else "<p>Pas de figure pour l'instant.</p>")
    return _page(chapitre.titre, "\n".join(morceaux))


def _page_index(chapitres: list[_Chapitre], titre: str) -> str:
    lignes = []
    for c in chapitres:
        etat = f"{c.nombre_figures} figure{'s' if c.nombre_figures > 1 else ''}"
        if c.erreur:
            etat += " — échec de l'exécution"
        extras = []
        if c.carnet:
            extras.append(f'<a href="{_e(c.carnet)}" download>carnet</a>')
        if c.ateliers:
            extras.append(f"atelier : {len(c.ateliers)} exemple{'s' if len(c.ateliers) > 1 else ''}")
        lignes.append(f'<tr><td>{c.numero}</td><td><a href="{_e(c.page)}">{_e(c.titre)}</a></td>'
                      f"<td>{_e(etat)}</td><td>{' · '.join(extras)}</td></tr>")
    corps = (f"<header><h1>{_e(titre)}</h1></header>\n"
             "<p>Les figures de chaque chapitre, sous le titre de la section qui les produit. "
             "Tout est dans ce dossier : les pages s'ouvrent sans internet.</p>\n"
             "<table><tr><th>n°</th><th>chapitre</th><th>figures</th><th></th></tr>\n"
             + "\n".join(lignes) + "\n</table>")
    return _page(titre, corps)


def construire_galerie(sortie="galerie", chapitres=None, *, rapide: bool = False, figures=None,
                       relancer: bool = False, carnets: bool = True, afficher=None) -> BilanGalerie:
    """Écrit la galerie dans le dossier ``sortie`` ; renvoie un :class:`BilanGalerie`.

    - ``chapitres`` : numéros à mettre dans la galerie (défaut : tous) ; les pages déjà
      écrites des autres chapitres restent dans l'index ;
    - ``figures`` : le dossier des figures d'une exécution (``--figures``) ; défaut
      ``sortie/figures`` ; les images d'un dossier extérieur sont copiées dans ``sortie/figures`` ;
    - ``rapide`` : les chapitres à lancer le sont avec ``--rapide`` (et les carnets écrits
      en version courte) ; ``relancer`` : lancer même ceux qui ont déjà leurs figures ;
    - ``carnets=False`` : sans les carnets ``.ipynb`` ni leurs liens ;
    - ``afficher`` : la fonction qui reçoit les messages d'avancement (défaut : ``print``).
    """
    from .carnet import ecrire_carnet

    if afficher is None:
        def afficher(message):
            print(message, flush=True)        # l'avancement se voit même quand la sortie va dans un fichier

    sortie = Path(sortie)
    if sortie.exists() and not sortie.is_dir():
        raise ValueError(f"sortie={str(sortie)!r} existe et n'est pas un dossier")
    catalogue = trouver_chapitres()
    if chapitres is None:
        demandes = list(catalogue)
    else:
        demandes = []
        for n in chapitres:
            if isinstance(n, bool) or not isinstance(n, int) or n not in catalogue:
                raise ValueError(f"chapitres doit contenir des numéros de chapitres ({', '.join(map(str, catalogue))}), "
                                 f"reçu {n!r}")
            if n not in demandes:
                demandes.append(n)
    sortie.mkdir(parents=True, exist_ok=True)
    images = sortie / "figures"
    source = Path(figures) if figures is not None else images
    if source.exists() and not source.is_dir():
        raise ValueError(f"figures={str(source)!r} existe et n'est pas un dossier")
    copier = source.resolve() != images.resolve()

    pages: dict[int, Path] = {}
    echecs: dict[int, str] = {}
    tous: list[_Chapitre] = []
    for numero, script in catalogue.items():
        chapitre = _Chapitre(numero, script, resume_chapitre(script), f"ch{numero:02d}.html")
        manifeste = chemin_manifeste(source, script)
        if numero in demandes:
            a_lancer = relancer or not manifeste.exists()
            if not a_lancer:
                try:
                    a_lancer = not lire_manifeste(manifeste).get("termine", True)
                except ValueError:
                    a_lancer = True
            if a_lancer:
                chapitre.erreur = _lancer_chapitre(numero, source, sortie / "journaux" / f"{script.stem}.txt",
                                                   rapide, afficher)
                if chapitre.erreur:
                    afficher(f"chapitre {numero} : {chapitre.erreur}")
                    echecs[numero] = chapitre.erreur
        elif not (sortie / chapitre.page).exists():
            continue               # ni demandé, ni déjà dans la galerie
        if manifeste.exists():
            try:
                chapitre.manifeste = lire_manifeste(manifeste)
            except ValueError as erreur:
                chapitre.erreur = chapitre.erreur or str(erreur)
                echecs.setdefault(numero, str(erreur))
        if chapitre.manifeste and copier:
            for section in chapitre.manifeste["sections"]:
                for nom in section["figures"]:
                    with ecriture_atomique(images / nom) as temporaire:
                        shutil.copyfile(source / nom, temporaire)
        if chapitre.manifeste:                     # une image annoncée mais absente : signalée, pas liée
            for section in chapitre.manifeste["sections"]:
                absentes = [nom for nom in section["figures"] if not (images / nom).is_file()]
                if absentes:
                    afficher(f"chapitre {numero} : figure(s) absente(s) de {images} : {', '.join(absentes)}")
                section["figures"] = [nom for nom in section["figures"] if nom not in absentes]
        carnet = sortie / "carnets" / f"{script.stem}.ipynb"
        if carnets and numero in demandes:
            ecrire_carnet(numero, sortie / "carnets", rapide=rapide)
        if carnets and carnet.exists():
            chapitre.carnet = _lien(sortie, carnet)
        if numero in demandes:
            chapitre.ateliers = _pages_atelier(numero, sortie / "ateliers", afficher)
        else:
            chapitre.ateliers = [n for n in EXEMPLES_PAR_CHAPITRE.get(numero, [])
                                 if (sortie / "ateliers" / f"{n}.html").exists()]
        tous.append(chapitre)

    for k, chapitre in enumerate(tous):
        description = LeconFichier(chapitre.script).description
        texte = _page_chapitre(chapitre, sortie, images, description, _navigation(tous, k))
        pages[chapitre.numero] = _ecrire(sortie / chapitre.page, texte)
    index = _ecrire(sortie / "index.html", _page_index(tous, "Mathématiques des réseaux de neurones — la galerie"))
    afficher(f"galerie : {index} ({len(pages)} chapitre(s), "
             f"{sum(c.nombre_figures for c in tous)} figure(s))")
    return BilanGalerie(index, pages, echecs)
