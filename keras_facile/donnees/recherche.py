"""Où trouver les fichiers des jeux de données, et comment les obtenir sinon.

**Avec ``chemin=``** (un fichier ou un dossier), seul cet endroit compte :
``chemin`` est le jeu lui-même (le fichier ``.npz``, l'archive, le dossier
``aclImdb/``, un dossier qui contient ``train/`` et ``test/``…) ou un dossier qui
le contient. S'il n'y a rien de tel, c'est une erreur (``FileNotFoundError``) qui
nomme ``chemin`` et ce qui était attendu : aucun autre endroit n'est examiné et
rien n'est téléchargé.

**Sans ``chemin=``**, ordre de recherche (le même pour tous les jeux) :

1. le dossier de la variable d'environnement ``KERAS_FACILE_DATA`` ;
2. le dossier ``data/`` du projet (quand on travaille dans le dépôt) ;
3. le cache de Keras, ``~/.keras/datasets`` (ou ``$KERAS_HOME/datasets``) ;
4. les téléchargements de keras_facile, ``<cache>/donnees`` ;
5. le téléchargement, depuis l'origine du jeu ou depuis le miroir
   ``KERAS_FACILE_MIROIR`` (une adresse de base, par exemple le serveur d'une
   école : le nom du fichier y est ajouté). ``KERAS_FACILE_HORS_LIGNE=1`` l'interdit.

Chaque téléchargement est écrit sous un nom temporaire unique, vérifié (taille et
empreinte sha256 quand elles sont connues, sinon relecture complète de l'archive)
puis seulement renommé : un fichier abîmé n'est jamais gardé.

Le cache de keras_facile (``KERAS_FACILE_CACHE``, par défaut ``~/.cache/keras_facile``)
reçoit les téléchargements et les archives décompressées, jamais le dépôt.
"""
from __future__ import annotations

import functools
import hashlib
import http.client
import os
import shutil
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from filelock import FileLock

from ..fichiers import ecriture_atomique, umask_courant
from .registre import Forme, JeuDeDonnees, jeu_de_donnees

__all__ = [
    "dossiers_de_recherche",
    "dossier_cache",
    "racine_cache",
    "localiser",
    "telecharger",
    "telecharger_jeu",
    "adresse_de_telechargement",
    "extraire_archive",
    "controler_archive",
    "DonneesIntrouvables",
    "TelechargementRefuse",
    "Source",
    "empreinte",
    "MARQUE_COMPLET",
    "cache_complet",
    "verrou",
    "construire_dossier_cache",
    "LectureInterdite",
    "lecture_interdite",
    "traduire_lecture_interdite",
]

RACINE_PROJET = Path(__file__).resolve().parents[2]


class DonneesIntrouvables(FileNotFoundError):
    """Jeu de données absent là où on l'a cherché (message en français)."""


class TelechargementRefuse(ValueError):
    """Fichier téléchargé refusé (taille, empreinte ou archive incorrecte) ; il n'a pas été gardé."""


class LectureInterdite(PermissionError):
    """Un fichier ou un dossier que l'utilisateur n'a pas le droit de lire (message en français).

    Le fichier n'est pas abîmé pour autant : le message ne conseille jamais de le supprimer.
    """


def lecture_interdite(chemin, erreur: BaseException | None = None) -> LectureInterdite:
    """L'erreur en français pour ``chemin`` illisible faute de droits (fichier ou dossier)."""
    chemin = Path(chemin) if chemin is not None else None
    try:
        genre = "le dossier" if chemin is not None and chemin.is_dir() else "le fichier"
    except OSError:
        genre = "le fichier"
    quoi = f"{genre} {chemin}" if chemin is not None else "un fichier du jeu de données"
    cause = f" ({erreur.strerror})" if isinstance(erreur, OSError) and erreur.strerror else ""
    return LectureInterdite(
        f"lecture interdite : {quoi}{cause}. L'utilisateur courant n'a pas le droit de le lire ; il n'est pas "
        "forcément abîmé, ne le supprimez pas : demandez l'accès (par exemple chmod a+rX), ou copiez le jeu "
        "dans un dossier à vous et indiquez-le avec chemin= ou KERAS_FACILE_DATA.")


def traduire_lecture_interdite(fonction):
    """Décorateur des chargeurs : un ``PermissionError`` brut devient :class:`LectureInterdite` (en français)."""
    @functools.wraps(fonction)
    def enveloppe(*args, **kwargs):
        try:
            return fonction(*args, **kwargs)
        except LectureInterdite:
            raise
        except PermissionError as e:
            raise lecture_interdite(e.filename, e) from None
    return enveloppe


# ---------------------------------------------------------------------------
# Le cache : une seule racine
# ---------------------------------------------------------------------------

def racine_cache() -> Path:
    """La racine du cache de keras_facile : ``KERAS_FACILE_CACHE``, sinon ``~/.cache/keras_facile``
    (le seul endroit qui lit cette variable ; rien n'est créé)."""
    env = os.environ.get("KERAS_FACILE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "keras_facile"


def dossier_cache(*sous_dossiers: str) -> Path:
    """Le cache de keras_facile, ``KERAS_FACILE_CACHE`` ou ``~/.cache/keras_facile``
    (ou l'un de ses sous-dossiers), créé s'il manque. C'est la seule racine du cache :
    téléchargements (``donnees/``), archives décompressées (``archives/``), corpus
    IMDB découpé (``imdb/``), vues des photos chats/chiens (``chats_chiens/``).
    """
    dossier = racine_cache().joinpath(*sous_dossiers)
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


def _dossier_des_telechargements() -> Path:
    return dossier_cache("donnees")


def _data_du_projet() -> Path | None:
    """``data/`` du dépôt, seulement quand le paquet est utilisé depuis le dépôt (pas depuis une roue)."""
    if (RACINE_PROJET / "setup.cfg").is_file() or (RACINE_PROJET / "pyproject.toml").is_file():
        return RACINE_PROJET / "data"
    return None


def dossiers_de_recherche() -> list[tuple[str, Path]]:
    """Les dossiers examinés quand ``chemin=`` n'est pas donné, dans l'ordre, avec leur provenance."""
    dossiers = []
    env = os.environ.get("KERAS_FACILE_DATA")
    if env:
        dossiers.append(("variable KERAS_FACILE_DATA", Path(env).expanduser()))
    data = _data_du_projet()
    if data is not None:
        dossiers.append(("dossier data/ du projet", data))
    dossiers.append(("cache de Keras", Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")).expanduser()
                     / "datasets"))
    dossiers.append(("téléchargements de keras_facile", racine_cache() / "donnees"))
    return dossiers


# ---------------------------------------------------------------------------
# Trouver un jeu
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """Un jeu trouvé : son entrée du registre, la forme reconnue, et où."""

    jeu: JeuDeDonnees
    forme: Forme
    chemin: Path


def _dans_chemin(jeu: JeuDeDonnees, chemin: Path, brut) -> Source:
    """``chemin`` est le jeu, ou un dossier qui le contient ; sinon FileNotFoundError, sans repli."""
    fin = ("Avec chemin=, aucun autre endroit n'est examiné et rien n'est téléchargé : corrigez chemin= "
           "ou retirez-le pour laisser chercher (KERAS_FACILE_DATA, data/, caches) puis télécharger.")
    if not chemin.exists():
        raise DonneesIntrouvables(
            f"chemin={str(brut)!r} n'existe pas ({jeu.titre}). Attendu, à cet endroit ou dedans :\n"
            f"{jeu.attendu()}\n{fin}")
    for forme in jeu.formes:                     # chemin est le jeu lui-même
        if forme.reconnait(chemin):
            return Source(jeu, forme, chemin)
    if chemin.is_dir():
        for forme in jeu.formes:                 # … ou un dossier qui le contient, sous son nom
            for nom in forme.noms:
                if forme.porte_le_nom(chemin / nom):
                    return Source(jeu, forme, chemin / nom)
        sous_dossiers = sorted(d for d in chemin.iterdir() if d.is_dir() and not d.name.startswith("."))
        for forme in (f for f in jeu.formes if not f.est_fichier):   # … ou sous un autre nom
            for d in sous_dossiers:
                if forme.reconnait(d):
                    return Source(jeu, forme, d)
        raise DonneesIntrouvables(
            f"le dossier chemin={str(brut)!r} ne contient pas le jeu {jeu.titre}. Attendu, soit chemin= "
            f"lui-même, soit dans ce dossier :\n{jeu.attendu()}\n{fin}")
    raise DonneesIntrouvables(
        f"le fichier chemin={str(brut)!r} n'est sous aucune forme acceptée pour le jeu {jeu.titre}. "
        f"Attendu, soit chemin= lui-même, soit dans ce dossier :\n{jeu.attendu()}\n{fin}")


def localiser(nom: str, chemin=None, telecharger: bool = True) -> Source:
    """Trouve le jeu ``nom`` du registre (``"mnist"``, ``"cifar10"``, ``"imdb"``, ``"chats_chiens"``).

    Avec ``chemin`` : cet endroit seulement (voir la docstring du module). Sans :
    les dossiers de :func:`dossiers_de_recherche`, puis le téléchargement vérifié
    si ``telecharger``. En dernier recours, :class:`DonneesIntrouvables` liste
    chaque endroit examiné.
    """
    jeu = jeu_de_donnees(nom)
    if chemin is not None:
        if not isinstance(chemin, (str, os.PathLike)):
            raise TypeError(f"chemin doit être un chemin (str ou Path), reçu {chemin!r}")
        return _dans_chemin(jeu, Path(chemin).expanduser(), chemin)
    vus = []
    for provenance, dossier in dossiers_de_recherche():
        for forme in jeu.formes:
            for n in forme.noms:
                vus.append(f"  - {dossier / n}  ({provenance})")
                if forme.porte_le_nom(dossier / n):
                    return Source(jeu, forme, dossier / n)
    t = jeu.telechargement
    ligne_reseau = None
    if t is not None and telecharger:
        url, provenance = adresse_de_telechargement(jeu)
        if os.environ.get("KERAS_FACILE_HORS_LIGNE"):
            ligne_reseau = f"  - téléchargement depuis {url} : non tenté (KERAS_FACILE_HORS_LIGNE)"
        else:
            try:
                fichier = telecharger_jeu(nom)
                return Source(jeu, jeu.forme(t.forme), fichier)
            except (OSError, http.client.HTTPException) as e:   # réseau, serveur, disque
                ligne_reseau = f"  - téléchargement depuis {url} ({provenance}) : échec ({_raison(e)})"
    elif t is not None:
        ligne_reseau = f"  - téléchargement : non demandé ({t.url})"
    message = [f"{jeu.titre} introuvable. Endroits examinés :", *vus]
    if ligne_reseau:
        message.append(ligne_reseau)
    message.append("Pour corriger : placez l'une de ces formes dans l'un de ces dossiers :\n" + jeu.attendu()
                   + "\nou indiquez son emplacement avec la variable KERAS_FACILE_DATA ou l'argument chemin=, "
                   "ou un miroir avec KERAS_FACILE_MIROIR. Voir data/README.md et « keras-facile donnees ».")
    raise DonneesIntrouvables("\n".join(message))


def _raison(e: BaseException) -> str:
    if isinstance(e, urllib.error.HTTPError):
        return f"HTTP {e.code} {e.reason}"
    if isinstance(e, urllib.error.URLError):
        return str(e.reason)
    return f"{type(e).__name__}: {e}"


# ---------------------------------------------------------------------------
# Télécharger, vérifier
# ---------------------------------------------------------------------------

def adresse_de_telechargement(jeu: JeuDeDonnees | str) -> tuple[str, str]:
    """``(url, provenance)`` : le miroir ``KERAS_FACILE_MIROIR`` s'il est défini, sinon l'origine du jeu."""
    if isinstance(jeu, str):
        jeu = jeu_de_donnees(jeu)
    t = jeu.telechargement
    if t is None:
        raise ValueError(f"{jeu.titre} : aucun téléchargement connu")
    miroir = os.environ.get("KERAS_FACILE_MIROIR", "").strip()
    if miroir:
        return miroir.rstrip("/") + "/" + urllib.parse.quote(t.fichier), "miroir KERAS_FACILE_MIROIR"
    return t.url, "origine"


def telecharger_jeu(nom: str) -> Path:
    """Télécharge le fichier du jeu ``nom`` dans ``<cache>/donnees`` (vérifié avant d'être gardé)."""
    jeu = jeu_de_donnees(nom)
    t = jeu.telechargement
    url, _ = adresse_de_telechargement(jeu)
    return telecharger(url, _dossier_des_telechargements() / t.fichier, sha256=t.sha256, taille=t.taille)


def _ouvrir(url: str, delai: float):
    """Ouvre ``url`` (http, https, file) ; un seul endroit, que les tests peuvent surveiller."""
    requete = urllib.request.Request(url, headers={"User-Agent": "keras_facile"})
    return urllib.request.urlopen(requete, timeout=delai)


def empreinte(chemin: Path, algorithme: str = "sha256") -> str:
    """L'empreinte hexadécimale d'un fichier (lu par blocs de 1 Mo)."""
    h = hashlib.new(algorithme)
    with open(chemin, "rb") as f:
        for bloc in iter(lambda: f.read(1 << 20), b""):
            h.update(bloc)
    return h.hexdigest()


def controler_archive(fichier: Path) -> None:
    """Relit entièrement une archive zip (dont .npz) ou tar(.gz) : ``ValueError`` si elle est abîmée."""
    fichier = Path(fichier)
    try:
        if zipfile.is_zipfile(fichier):
            with zipfile.ZipFile(fichier) as z:
                mauvais = z.testzip()
            if mauvais is not None:
                raise ValueError(f"membre abîmé : {mauvais}")
            return
        with tarfile.open(fichier) as t:
            for membre in t:
                if membre.isfile():
                    flux = t.extractfile(membre)
                    while flux.read(1 << 20):
                        pass
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError) as e:
        raise ValueError(f"archive illisible ou tronquée : {fichier.name} ({type(e).__name__}: {e})") from None


def _barre(fait: int, total: int | None, debut: float):
    ecoule = max(time.perf_counter() - debut, 1e-6)
    vitesse = fait / ecoule / 1e6
    if total:
        part = fait / total
        plein = int(30 * part)
        sys.stderr.write(f"\r  [{'#' * plein}{'.' * (30 - plein)}] {part:6.1%}  {fait / 1e6:7.1f} Mo  "
                         f"{vitesse:5.1f} Mo/s")
    else:
        sys.stderr.write(f"\r  {fait / 1e6:7.1f} Mo  {vitesse:5.1f} Mo/s")
    sys.stderr.flush()


def telecharger(url: str, destination, sha256: str | None = None, taille: int | None = None,
                verifier: Callable[[Path], None] | None = None, delai: float = 30) -> Path:
    """Télécharge ``url`` vers ``destination`` (barre de progression), vérifié avant d'être gardé.

    Le contenu va dans un fichier temporaire au nom unique, à côté de
    ``destination``. Avant le renommage (atomique) : taille annoncée atteinte,
    ``taille`` (octets) si elle est donnée, empreinte ``sha256`` si elle est
    donnée, sinon relecture complète de l'archive (:func:`controler_archive`),
    puis ``verifier(fichier)``. Au moindre écart, le fichier temporaire est
    effacé et :class:`TelechargementRefuse` dit ce qui était attendu et reçu :
    une coupure ou un fichier faux ne laisse jamais un fichier qui a l'air bon.
    """
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    print(f"Téléchargement de {url}\n  vers {destination}", file=sys.stderr)
    debut = time.perf_counter()
    with ecriture_atomique(destination) as partiel:
        try:
            with open(partiel, "wb") as sortie, _ouvrir(url, delai) as reponse:
                annonce = reponse.headers.get("Content-Length")
                annonce = int(annonce) if annonce else None
                if taille is not None and annonce is not None and annonce != taille:
                    raise TelechargementRefuse(
                        f"{url} annonce {annonce} octets, attendu {taille} : ce n'est pas le bon fichier. "
                        f"Rien n'a été gardé dans {destination.parent}.")
                fait = 0
                for bloc in iter(lambda: reponse.read(1 << 16), b""):
                    sortie.write(bloc)
                    fait += len(bloc)
                    _barre(fait, annonce, debut)
            sys.stderr.write("\n")
            if annonce is not None and fait != annonce:
                raise TelechargementRefuse(f"téléchargement incomplet de {url} : {fait} octets reçus sur {annonce}. "
                                           "Le fichier n'a pas été gardé ; relancez.")
            if taille is not None and fait != taille:
                raise TelechargementRefuse(f"taille inattendue pour {url} : attendu {taille} octets, reçu {fait}. "
                                           "Le fichier n'a pas été gardé.")
            if sha256 is not None:
                recue = empreinte(partiel)
                if recue != sha256.lower():
                    raise TelechargementRefuse(
                        f"empreinte sha256 inattendue pour {url} : fichier corrompu ou différent.\n"
                        f"  attendue : {sha256.lower()}\n  reçue    : {recue}\n"
                        f"Le fichier téléchargé n'a pas été gardé (rien n'est écrit en {destination}).")
            else:
                try:
                    controler_archive(partiel)
                except ValueError as e:
                    raise TelechargementRefuse(f"{url} : aucune empreinte connue et {e}. "
                                               "Le fichier n'a pas été gardé.") from None
            if verifier is not None:
                verifier(partiel)
        except BaseException:
            sys.stderr.write("\n")
            raise
    return destination


# ---------------------------------------------------------------------------
# Décompresser, une fois
# ---------------------------------------------------------------------------

MARQUE_COMPLET = ".complet"
"""Le fichier écrit en dernier dans un dossier du cache : sans lui, le dossier n'est jamais cru."""


def cache_complet(dossier: Path) -> bool:
    """Vrai si ``dossier`` (du cache) porte sa marque de complétude."""
    return (Path(dossier) / MARQUE_COMPLET).is_file()


def verrou(cible: Path) -> FileLock:
    """Le verrou (``filelock``, entre processus) qui protège la construction de ``cible`` dans le cache ;
    les fichiers de verrou restent à part, dans ``<cache>/verrous``."""
    cible = Path(cible)
    return FileLock(str(dossier_cache("verrous") / f"{cible.parent.name}-{cible.name}.verrou"))


def construire_dossier_cache(cible: Path, construire: Callable[[Path], None]) -> Path:
    """Construit une fois le dossier ``cible`` du cache, même si plusieurs processus le demandent ensemble.

    Un dossier marqué (:data:`MARQUE_COMPLET`) est rendu tel quel. Sinon, sous le
    verrou de ``cible`` : ``construire(temporaire)`` remplit un dossier temporaire
    au nom unique, la marque y est écrite en dernier, puis il est renommé en
    ``cible`` (un ancien dossier sans marque, construction interrompue, est effacé
    d'abord). Les autres processus attendent le verrou puis trouvent le dossier
    complet ; une erreur ne laisse rien derrière elle.
    """
    cible = Path(cible)
    if cache_complet(cible):
        return cible
    with verrou(cible):
        if cache_complet(cible):              # construit par un autre processus pendant l'attente
            return cible
        temporaire = Path(tempfile.mkdtemp(prefix=cible.name + ".", suffix=".partiel", dir=cible.parent))
        try:
            construire(temporaire)
            (temporaire / MARQUE_COMPLET).write_text("complet\n", encoding="utf-8")
            os.chmod(temporaire, 0o755 & ~umask_courant())   # mkdtemp crée en 0700 : droits ordinaires d'un dossier
            if cible.is_symlink() or cible.is_file():
                cible.unlink()
            elif cible.exists():
                shutil.rmtree(cible)          # sans marque : incomplet, on ne s'y fie pas
            os.replace(temporaire, cible)
        except BaseException:
            shutil.rmtree(temporaire, ignore_errors=True)
            raise
    return cible


def extraire_archive(archive: Path, nom_attendu: str | None = None) -> Path:
    """Décompresse ``archive`` (.tar.gz, .tgz, .tar, .zip) dans ``<cache>/archives``, une seule fois.

    Renvoie le dossier d'extraction (ou son sous-dossier ``nom_attendu``). La
    clé de cache dépend du chemin, de la taille et de la date de l'archive ;
    l'extraction se fait sous verrou, dans un dossier temporaire unique, marqué
    complet puis renommé (:func:`construire_dossier_cache`).
    """
    archive = Path(archive)
    info = archive.stat()
    cle = hashlib.sha1(f"{archive.resolve()}|{info.st_size}|{int(info.st_mtime)}".encode()).hexdigest()[:12]
    base = archive.name.split(".")[0]
    parent = dossier_cache("archives")
    cible = parent / f"{base}-{cle}"

    def decompresser(temporaire: Path):
        print(f"Décompression de {archive} dans le cache ({parent}) — une seule fois.", file=sys.stderr)
        try:
            if zipfile.is_zipfile(archive):
                with zipfile.ZipFile(archive) as z:
                    z.extractall(temporaire)
            else:
                with tarfile.open(archive) as t:
                    t.extractall(temporaire, filter="data")
        except PermissionError as e:
            raise lecture_interdite(e.filename or archive, e) from None
        except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as e:
            raise ValueError(
                f"archive illisible ou tronquée : {archive} ({type(e).__name__}: {e}). "
                "Supprimez-la et téléchargez-la de nouveau."
            ) from None

    construire_dossier_cache(cible, decompresser)
    if nom_attendu is not None:
        trouve = cible / nom_attendu
        if not trouve.is_dir():
            raise ValueError(f"l'archive {archive} ne contient pas le dossier attendu {nom_attendu}/")
        return trouve
    return cible
