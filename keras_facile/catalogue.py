"""Les chapitres livrés : où sont leurs scripts, leurs numéros, leurs titres.

Dans le dépôt, les scripts sont dans ``chapters/`` ; une installation ordinaire (la
roue) les livre dans le paquet, sous ``keras_facile/chapitres``.

>>> chemin_chapitre(6).name
'ch06_keras_partie1.py'
>>> resume_chapitre(chemin_chapitre(6))
'Chapitre 6 — Python : tensorflow avec keras (partie 1)'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["dossier_chapitres", "trouver_chapitres", "resume_chapitre", "chemin_chapitre"]



_MOTIF_CHAPITRE = re.compile(r"^ch(\d{2})_(\w+)\.py$")


def dossier_chapitres() -> Path:
    """Le dossier des chapitres : variable ``KERAS_FACILE_CHAPITRES``, sinon le dossier
    ``chapters/`` du dépôt (installation de développement), sinon les chapitres livrés
    dans le paquet (``keras_facile/chapitres``, installation ordinaire)."""
    env = os.environ.get("KERAS_FACILE_CHAPITRES")
    if env:
        if not Path(env).is_dir():
            raise FileNotFoundError(f"KERAS_FACILE_CHAPITRES={env!r} n'est pas un dossier")
        return Path(env)
    ici = Path(__file__).resolve().parent
    for candidat in (ici.parent / "chapters", ici / "chapitres"):
        if candidat.is_dir() and any(candidat.glob("ch[0-9][0-9]_*.py")):
            return candidat
    raise FileNotFoundError(
        f"dossier des chapitres introuvable (ni {ici.parent / 'chapters'}, ni {ici / 'chapitres'}) : "
        "réinstallez keras_facile ou définissez KERAS_FACILE_CHAPITRES."
    )


def trouver_chapitres() -> dict[int, Path]:
    """``{numéro: chemin}`` des scripts ``chNN_nom.py``, triés par numéro."""
    chapitres = {}
    for chemin in sorted(dossier_chapitres().glob("ch*.py")):
        m = _MOTIF_CHAPITRE.match(chemin.name)
        if m:
            chapitres[int(m.group(1))] = chemin
    return dict(sorted(chapitres.items()))


def resume_chapitre(chemin: Path) -> str:
    """Le titre du chapitre : la première ligne ``# …`` de sa première cellule de texte."""
    for ligne in Path(chemin).read_text(encoding="utf-8").splitlines():
        if ligne.startswith("# # "):
            return ligne[4:].strip()
    return Path(chemin).stem


def chemin_chapitre(chapitre: int | str | Path) -> Path:
    """Le script d'un chapitre, d'après son numéro (``6``, ``"6"``) ou un chemin ``.py``."""
    if isinstance(chapitre, Path) or (isinstance(chapitre, str) and chapitre.endswith(".py")):
        chemin = Path(chapitre)
        if not chemin.is_file():
            raise FileNotFoundError(f"script de chapitre introuvable : {chemin}")
        return chemin
    if isinstance(chapitre, bool):
        raise ValueError(f"numéro de chapitre invalide : {chapitre!r} (attendu un entier, par ex. 6)")
    try:
        numero = int(chapitre)
    except (TypeError, ValueError):
        raise ValueError(f"numéro de chapitre invalide : {chapitre!r} (attendu un entier, par ex. 6)") from None
    chapitres = trouver_chapitres()
    if numero not in chapitres:
        raise ValueError(f"chapitre {numero} inconnu ; chapitres disponibles : "
                         + ", ".join(str(n) for n in chapitres))
    return chapitres[numero]
