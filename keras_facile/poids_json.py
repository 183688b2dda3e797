"""Les poids d'un réseau de couches ``Dense`` dans un fichier JSON, lisible partout.

C'est le format du bouton « Enregistrer les poids » de l'atelier (la page web
hors ligne) : on règle les poids à la main dans le navigateur, puis on les
reprend dans le modèle Keras :

    {"format": "keras-facile-poids", "version": 1,
     "couches": [{"noyau": [[...], ...], "biais": [...]}, ...]}

une entrée par couche ``Dense``, dans l'ordre du modèle ; ``noyau`` a la forme
``(entrées, neurones)`` de ``couche.get_weights()[0]``. Les nombres sont écrits
avec assez de chiffres pour que l'aller-retour soit exact en float32.

>>> import tempfile, pathlib
>>> from keras_facile import *
>>> modele = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1)])
>>> definir_poids(modele, 0, 0, 1, -1)
>>> with tempfile.TemporaryDirectory() as d:
...     chemin = sauver_poids(modele, pathlib.Path(d) / "poids.json")
...     copie = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1)])
...     _ = charger_poids(copie, chemin)
>>> all(np.array_equal(a, b) for a, b in zip(modele.get_weights(), copie.get_weights()))
True
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif
from .fichiers import ecriture_atomique

__all__ = ["FORMAT", "VERSION", "sauver_poids", "charger_poids", "couches_denses"]

FORMAT = "keras-facile-poids"
VERSION = 1


def couches_denses(modele, nom: str = "modele") -> list:
    """Les couches ``Dense`` (construites, avec biais) d'un modèle fait seulement de couches ``Dense``."""
    import keras

    verif.modele_keras(nom, modele)
    couches = [c for c in modele.layers if not isinstance(c, keras.layers.InputLayer)]
    if not couches:
        raise ValueError(f"{nom} doit avoir au moins une couche Dense, reçu un modèle sans couche")
    for k, c in enumerate(couches):
        if not isinstance(c, keras.layers.Dense):
            raise ValueError(f"{nom} doit être fait seulement de couches Dense, reçu une couche "
                             f"{type(c).__name__} en position {k} ({c.name})")
        if not c.built:
            raise ValueError(f"{nom} doit avoir ses poids (couche {k} encore sans poids) ; "
                             "commencez le modèle par Input(shape=(n,))")
        if not c.use_bias:
            raise ValueError(f"{nom} doit avoir des couches Dense avec biais, reçu la couche {k} "
                             "sans biais (use_bias=False)")
    return couches


def sauver_poids(modele, chemin) -> Path:
    """Écrit les poids de ``modele`` (couches ``Dense``) dans le fichier JSON ``chemin``."""
    couches = couches_denses(modele)
    contenu = {"format": FORMAT, "version": VERSION, "couches": []}
    for k, c in enumerate(couches):
        noyau, biais = c.get_weights()
        if not (np.all(np.isfinite(noyau)) and np.all(np.isfinite(biais))):
            raise ValueError(f"modele doit avoir des poids finis pour être écrit en JSON, reçu un poids "
                             f"infini ou NaN dans la couche {k}")
        contenu["couches"].append({"noyau": noyau.astype(np.float64).tolist(),
                                   "biais": biais.astype(np.float64).tolist()})
    chemin = Path(chemin)
    with ecriture_atomique(chemin) as temporaire:
        temporaire.write_text(json.dumps(contenu, ensure_ascii=False) + "\n", encoding="utf-8")
    return chemin


def _lire(chemin) -> dict:
    chemin = Path(chemin)
    try:
        texte = chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"chemin doit être un fichier de poids JSON existant, reçu {str(chemin)!r} "
                                "(fichier introuvable)") from None
    except (OSError, UnicodeDecodeError) as erreur:
        raise ValueError(f"chemin doit être un fichier de poids JSON lisible, reçu {str(chemin)!r} "
                         f"({type(erreur).__name__} : {erreur})") from None
    try:
        contenu = json.loads(texte)
    except json.JSONDecodeError as erreur:
        raise ValueError(f"{chemin} n'est pas un fichier JSON valide (ligne {erreur.lineno}, colonne "
                         f"{erreur.colno} : {erreur.msg})") from None
    if not isinstance(contenu, dict) or contenu.get("format") != FORMAT:
        recu = contenu.get("format") if isinstance(contenu, dict) else type(contenu).__name__
        raise ValueError(f"{chemin} doit être un fichier de poids de keras_facile "
                         f"(\"format\": \"{FORMAT}\"), reçu le format {recu!r}")
    if contenu.get("version") != VERSION:
        raise ValueError(f"{chemin} doit être un fichier de poids de version {VERSION}, reçu la version "
                         f"{contenu.get('version')!r} ; mettez keras_facile à jour")
    if not isinstance(contenu.get("couches"), list):
        raise ValueError(f"{chemin} doit contenir une liste \"couches\", reçu {verif.decrire(contenu.get('couches'))}")
    return contenu


def _tableau(chemin, k, cle, valeur, forme) -> np.ndarray:
    lieu = f"{Path(chemin).name} : couches[{k}][\"{cle}\"]"
    try:
        t = np.array(valeur, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{lieu} doit être un tableau de nombres de forme {forme}, reçu "
                         f"{verif.decrire(valeur)}") from None
    if t.shape != forme:
        raise ValueError(f"{lieu} doit avoir la forme {forme} (celle du modèle), reçu la forme {t.shape}")
    if not np.all(np.isfinite(t)) or np.any(np.abs(t) > verif._MAX_FLOAT32):
        raise ValueError(f"{lieu} doit contenir des nombres finis représentables en float32")
    return t.astype(np.float32)


def charger_poids(modele, chemin):
    """Met dans ``modele`` les poids du fichier JSON ``chemin`` (écrit par :func:`sauver_poids` ou
    par le bouton de l'atelier). Tout est vérifié avant : en cas d'erreur, le modèle ne change pas."""
    couches = couches_denses(modele)
    contenu = _lire(chemin)
    entrees = contenu["couches"]
    if len(entrees) != len(couches):
        raise ValueError(f"{Path(chemin).name} doit avoir {len(couches)} couche(s), une par couche Dense du "
                         f"modèle, reçu {len(entrees)} couche(s)")
    nouveaux = []
    for k, (c, e) in enumerate(zip(couches, entrees)):
        if not isinstance(e, dict) or "noyau" not in e or "biais" not in e:
            raise ValueError(f"{Path(chemin).name} : couches[{k}] doit être un objet "
                             f"{{\"noyau\": …, \"biais\": …}}, reçu {verif.decrire(e)}")
        noyau, biais = c.get_weights()
        nouveaux.append([_tableau(chemin, k, "noyau", e["noyau"], noyau.shape),
                         _tableau(chemin, k, "biais", e["biais"], biais.shape)])
    for c, poids in zip(couches, nouveaux):
        c.set_weights(poids)
    return modele
