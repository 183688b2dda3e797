"""Où trouver les fichiers des jeux de données, et comment les obtenir sinon.

Ordre de recherche (le même pour tous les jeux) :

1. l'argument ``chemin=`` (un fichier ou un dossier) ;
2. le dossier de la variable d'environnement ``KERAS_FACILE_DATA`` ;
3. le dossier ``data/`` du projet ;
4. le cache de Keras, ``~/.keras/datasets`` ;
5. le téléchargement (barre de progression), dans ``data/`` si on peut y écrire,
   sinon dans le cache de keras_facile.

Les archives sont décompressées une seule fois dans le cache de keras_facile
(``KERAS_FACILE_CACHE``, par défaut ``~/.cache/keras_facile``), jamais dans le
dépôt. Tout ce qui est écrit passe par un fichier ou dossier temporaire renommé
seulement une fois complet et vérifié.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tarfile
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from typing import Callable, Iterable

__all__ = [
    "dossiers_de_recherche",
    "dossier_cache",
    "trouver",
    "telecharger",
    "extraire_archive",
    "DonneesIntrouvables",
    "empreinte",
]

RACINE_PROJET = Path(__file__).resolve().parents[2]


class DonneesIntrouvables(FileNotFoundError):
    """Jeu de données absent partout où on l'a cherché (message en français)."""


def dossier_cache() -> Path:
    """Le cache de keras_facile : ``KERAS_FACILE_CACHE`` ou ``~/.cache/keras_facile``."""
    env = os.environ.get("KERAS_FACILE_CACHE")
    dossier = Path(env).expanduser() if env else Path.home() / ".cache" / "keras_facile"
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


def dossiers_de_recherche(chemin=None) -> list[tuple[str, Path]]:
    """Les dossiers examinés, dans l'ordre, avec leur provenance."""
    dossiers = []
    if chemin is not None:
        chemin = Path(chemin).expanduser()
        dossiers.append(("argument chemin=", chemin if chemin.is_dir() or not chemin.suffix else chemin.parent))
    env = os.environ.get("KERAS_FACILE_DATA")
    if env:
        dossiers.append(("variable KERAS_FACILE_DATA", Path(env).expanduser()))
    dossiers.append(("dossier data/ du projet", RACINE_PROJET / "data"))
    dossiers.append(("cache de Keras", Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "datasets"))
    return dossiers


def trouver(noms: Iterable[str], chemin=None, jeu: str = "", aide: str = "",
            url: str | None = None, verifier: Callable[[Path], None] | None = None,
            telecharger_si_absent: bool = True) -> Path:
    """Le premier fichier ou dossier de ``noms`` trouvé dans l'ordre de recherche.

    Si ``chemin`` désigne directement un fichier existant, il est pris tel quel.
    Sinon, et si ``url`` est donnée, le fichier ``noms[0]`` est téléchargé. En
    dernier recours : :class:`DonneesIntrouvables` qui liste chaque endroit vu.
    """
    noms = list(noms)
    if chemin is not None:
        direct = Path(chemin).expanduser()
        if direct.exists() and (direct.is_file() or direct.name in noms):
            return direct
    vus = []
    for provenance, dossier in dossiers_de_recherche(chemin):
        for nom in noms:
            candidat = dossier / nom
            vus.append(f"  - {candidat}  ({provenance})")
            if candidat.exists():
                return candidat
    erreur_reseau = None
    if url is not None and telecharger_si_absent and not os.environ.get("KERAS_FACILE_HORS_LIGNE"):
        destination = dossier_de_telechargement() / noms[0]
        try:
            return telecharger(url, destination, verifier=verifier)
        except (urllib.error.URLError, OSError, TimeoutError) as e:
            erreur_reseau = e
    message = [f"{jeu or noms[0]} introuvable. Endroits examinés :", *vus]
    if url is not None:
        if erreur_reseau is not None:
            message.append(f"  - téléchargement depuis {url} : échec ({erreur_reseau})")
        else:
            message.append(f"  - téléchargement depuis {url} : non tenté (hors ligne)")
    message.append("Pour corriger : " + (aide or f"placez {noms[0]} dans l'un de ces dossiers")
                   + ", ou indiquez le dossier avec la variable KERAS_FACILE_DATA ou l'argument chemin=."
                   + " Voir data/README.md et « keras-facile donnees ».")
    raise DonneesIntrouvables("\n".join(message))


def dossier_de_telechargement() -> Path:
    """``data/`` du projet si on peut y écrire, sinon le cache de keras_facile."""
    data = RACINE_PROJET / "data"
    if data.is_dir() and os.access(data, os.W_OK):
        return data
    return dossier_cache()


def empreinte(chemin: Path, algorithme: str = "sha256") -> str:
    h = hashlib.new(algorithme)
    with open(chemin, "rb") as f:
        for bloc in iter(lambda: f.read(1 << 20), b""):
            h.update(bloc)
    return h.hexdigest()


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


def telecharger(url: str, destination: Path, sha256: str | None = None,
                verifier: Callable[[Path], None] | None = None, delai: float = 30) -> Path:
    """Télécharge ``url`` vers ``destination`` avec une barre de progression.

    Le contenu est écrit dans ``destination.partiel`` puis renommé seulement une
    fois complet (taille annoncée atteinte), son empreinte ``sha256`` vérifiée et
    la fonction ``verifier(fichier)`` passée sans erreur : une coupure ne laisse
    jamais un fichier qui a l'air bon.
    """
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partiel = destination.with_name(destination.name + ".partiel")
    print(f"Téléchargement de {url}\n  vers {destination}", file=sys.stderr)
    debut = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=delai) as reponse, open(partiel, "wb") as sortie:
            total = reponse.headers.get("Content-Length")
            total = int(total) if total else None
            fait = 0
            for bloc in iter(lambda: reponse.read(1 << 16), b""):
                sortie.write(bloc)
                fait += len(bloc)
                _barre(fait, total, debut)
        sys.stderr.write("\n")
        if total is not None and fait != total:
            raise OSError(f"téléchargement incomplet : {fait} octets reçus sur {total}")
        if sha256 is not None and empreinte(partiel) != sha256:
            raise OSError(f"empreinte sha256 inattendue pour {url} : fichier corrompu")
        if verifier is not None:
            verifier(partiel)
    except BaseException:
        partiel.unlink(missing_ok=True)
        raise
    os.replace(partiel, destination)
    return destination


def extraire_archive(archive: Path, nom_attendu: str | None = None) -> Path:
    """Décompresse ``archive`` (.tar.gz, .tgz, .tar, .zip) dans le cache, une seule fois.

    Renvoie le dossier d'extraction (ou son sous-dossier ``nom_attendu``). La
    clé de cache dépend du nom, de la taille et de la date de l'archive ;
    l'extraction se fait dans un dossier temporaire renommé à la fin.
    """
    archive = Path(archive)
    info = archive.stat()
    cle = hashlib.sha1(f"{archive.resolve()}|{info.st_size}|{int(info.st_mtime)}".encode()).hexdigest()[:12]
    base = archive.name.split(".")[0]
    cible = dossier_cache() / "archives" / f"{base}-{cle}"
    if not cible.is_dir():
        temporaire = cible.with_name(cible.name + ".partiel")
        shutil.rmtree(temporaire, ignore_errors=True)
        temporaire.mkdir(parents=True)
        print(f"Décompression de {archive} dans le cache ({cible.parent}) — une seule fois.", file=sys.stderr)
        try:
            if zipfile.is_zipfile(archive):
                with zipfile.ZipFile(archive) as z:
                    z.extractall(temporaire)
            else:
                with tarfile.open(archive) as t:
                    t.extractall(temporaire, filter="data")
        except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as e:
            shutil.rmtree(temporaire, ignore_errors=True)
            raise ValueError(
                f"archive illisible ou tronquée : {archive} ({type(e).__name__}: {e}). "
                "Supprimez-la et téléchargez-la de nouveau."
            ) from None
        os.replace(temporaire, cible)
    if nom_attendu is not None:
        trouve = cible / nom_attendu
        if not trouve.exists():
            raise ValueError(f"l'archive {archive} ne contient pas le dossier attendu {nom_attendu}/")
        return trouve
    return cible
