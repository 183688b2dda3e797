"""Ce que partagent les bancs d'essai : description de la machine et écriture des résultats."""
from __future__ import annotations

import datetime
import json
import os
import platform
from pathlib import Path

DOSSIER_RESULTATS = Path(__file__).resolve().parent / "resultats"


def machine() -> dict:
    """Machine, versions et date : à enregistrer à côté de chaque mesure."""
    import keras
    import numpy as np
    import tensorflow as tf

    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "processeur": platform.processor() or platform.machine(),
        "coeurs": os.cpu_count(),
        "systeme": platform.platform(),
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
    }


def ecrire_resultats(nom: str, mesures: dict, fusionner: bool = False) -> Path:
    """Écrit ``benchmarks/resultats/<nom>.json`` (machine + mesures), via un fichier temporaire.

    ``fusionner=True`` : chaque mesure garde sa propre machine (clé ``machine``) et les
    mesures déjà enregistrées sous d'autres noms sont gardées (un banc lancé sur une
    partie seulement ne remplace que ses propres lignes).
    """
    DOSSIER_RESULTATS.mkdir(exist_ok=True)
    chemin = DOSSIER_RESULTATS / f"{nom}.json"
    if fusionner:
        anciennes = json.loads(chemin.read_text(encoding="utf-8")).get("mesures", {}) if chemin.exists() else {}
        ici = machine()
        contenu = {"mesures": {**anciennes, **{cle: {**m, "machine": ici} for cle, m in mesures.items()}}}
    else:
        contenu = {"machine": machine(), "mesures": mesures}
    temporaire = chemin.with_suffix(".json.partiel")
    temporaire.write_text(json.dumps(contenu, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporaire, chemin)
    return chemin
