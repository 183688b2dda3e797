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


def ecrire_resultats(nom: str, mesures: dict) -> Path:
    """Écrit ``benchmarks/resultats/<nom>.json`` (machine + mesures), via un fichier temporaire."""
    DOSSIER_RESULTATS.mkdir(exist_ok=True)
    chemin = DOSSIER_RESULTATS / f"{nom}.json"
    temporaire = chemin.with_suffix(".json.partiel")
    temporaire.write_text(json.dumps({"machine": machine(), "mesures": mesures}, indent=2, ensure_ascii=False)
                          + "\n", encoding="utf-8")
    os.replace(temporaire, chemin)
    return chemin
