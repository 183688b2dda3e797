"""Écrire un fichier d'un seul coup : jamais de fichier à moitié écrit, même à plusieurs.

Toutes les écritures du paquet qui remplacent un fichier (figures, carnets, modèles
en cache, corpus IMDB, téléchargements, copies des chapitres) passent par
:func:`ecriture_atomique` : on écrit dans un fichier temporaire au nom unique du même
dossier, puis on le renomme d'un coup (``os.replace``) ; en cas d'erreur ou
d'interruption, le temporaire est effacé et l'ancien fichier reste intact.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     cible = pathlib.Path(d) / "notes.txt"
...     with ecriture_atomique(cible) as temporaire:
...         _ = temporaire.write_text("bonjour")
...     (cible.read_text(), sorted(p.name for p in cible.parent.iterdir()))
('bonjour', ['notes.txt'])
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

__all__ = ["ecriture_atomique", "umask_courant"]


def umask_courant() -> int:
    """Le masque de droits du processus (sans le changer)."""
    masque = os.umask(0o022)
    os.umask(masque)
    return masque


@contextmanager
def ecriture_atomique(chemin):
    """Donne un chemin temporaire (même dossier, même extension que ``chemin``) où écrire ; à la
    sortie sans erreur, le fichier prend les droits ordinaires et remplace ``chemin`` d'un coup."""
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    descripteur, nom = tempfile.mkstemp(prefix=f".{chemin.stem}-", suffix=f".partiel{chemin.suffix}",
                                        dir=chemin.parent)
    os.close(descripteur)
    temporaire = Path(nom)
    try:
        yield temporaire
        os.chmod(temporaire, 0o644 & ~umask_courant())   # mkstemp crée en 0600
        os.replace(temporaire, chemin)
    finally:
        temporaire.unlink(missing_ok=True)
