"""Deux ou trois élèves lancent le même chargement en même temps sur un cache vide.

De vrais processus séparés (``subprocess``), un seul ``KERAS_FACILE_CACHE`` vide,
les archives factices au vrai format : chacun doit recevoir le jeu complet, et le
cache ne doit garder qu'une copie complète (marquée), sans reste ``.partiel``.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keras_facile import donnees as kd
from keras_facile.donnees import recherche

RACINE = Path(__file__).resolve().parents[2]
N_IMDB = 150                  # critiques par dossier {train,test}/{pos,neg}
N_PHOTOS = (60, 30)           # photos par classe (entraînement, test)

# Importe tout, attend le signal de départ (tous en même temps), puis charge.
_ELEVE = r"""
import json, sys, time
from pathlib import Path
from keras_facile.donnees import chats_chiens, imdb
depart = Path(sys.argv[1])
while not depart.exists():
    time.sleep(0.002)
resultat = {}
try:
    dossier = chats_chiens.dossier_chats_chiens()
    resultat["extrait"] = {f"{p}/{c}": len(list((dossier / p / c).iterdir()))
                           for p in ("train", "test") for c in ("cats", "dogs")}
    vue, rapport = chats_chiens._vue_valide(dossier, None, None, 0)
    resultat["vue"] = {f"{p}/{c}": len(list((vue / p / c).iterdir()))
                       for p in ("train", "test") for c in ("cats", "dogs")}
    resultat["rapport"] = rapport["images"]
    (x, y), (xt, yt) = imdb.charger_imdb()
    resultat["imdb"] = [len(x), int(y.sum()), len(xt), int(yt.sum())]
except BaseException as e:
    resultat["erreur"] = f"{type(e).__name__}: {e}"
print("RESULTAT " + json.dumps(resultat))
"""


def _environnement(data: Path, cache: Path, tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.update(KERAS_FACILE_DATA=str(data), KERAS_FACILE_CACHE=str(cache), KERAS_FACILE_HORS_LIGNE="1",
               KERAS_HOME=str(tmp_path / "keras_home"), PYTHONPATH=str(RACINE))
    env.pop("KERAS_FACILE_MIROIR", None)
    return env


def _lancer_ensemble(n: int, data: Path, cache: Path, tmp_path: Path) -> list[dict]:
    depart = tmp_path / f"depart-{time.monotonic_ns()}"
    env = _environnement(data, cache, tmp_path)
    eleves = [subprocess.Popen([sys.executable, "-c", _ELEVE, str(depart)], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]
    time.sleep(3.0)            # le temps que chacun importe numpy et keras_facile.donnees
    depart.touch()
    resultats, journaux = [], []
    for p in eleves:
        sortie, erreurs = p.communicate(timeout=300)
        lignes = [ligne for ligne in sortie.splitlines() if ligne.startswith("RESULTAT ")]
        assert p.returncode == 0 and lignes, f"processus en échec :\n{sortie}\n{erreurs}"
        resultats.append(json.loads(lignes[-1][len("RESULTAT "):]))
        journaux.append(erreurs)
    return resultats, "".join(journaux)


@pytest.fixture
def archives(tmp_path):
    data = tmp_path / "data"
    kd.creer_jeu_factice("chats_chiens", data, forme="archive_rangee", taille=N_PHOTOS)
    kd.creer_jeu_factice("imdb", data, forme="archive", taille=N_IMDB)
    return data


def _attendu():
    n_tr, n_te = N_PHOTOS
    photos = {"train/cats": n_tr, "train/dogs": n_tr, "test/cats": n_te, "test/dogs": n_te}
    return photos, [2 * N_IMDB, N_IMDB, 2 * N_IMDB, N_IMDB]


def _verifier_cache(cache: Path):
    """Une seule copie complète de chaque construction, marquée, et aucun reste temporaire."""
    restes = [p for p in cache.rglob("*") if ".partiel" in p.name]
    assert not restes, f"restes temporaires dans le cache : {restes}"
    extraits = sorted(d.name.split("-")[0] for d in (cache / "archives").iterdir() if d.is_dir())
    assert extraits == ["aclImdb_v1", "cats_vs_dogs"], extraits
    vues = [d for d in (cache / "chats_chiens").iterdir() if d.is_dir()]
    assert len(vues) == 1, vues
    for d in [*(cache / "archives").iterdir(), *vues]:
        if d.is_dir():
            assert recherche.cache_complet(d), f"{d} sans marque de complétude"
    assert len(list((cache / "imdb").glob("*.npz"))) == 1


@pytest.mark.parametrize("n_eleves", [3])
def test_eleves_simultanes_sur_cache_vide(archives, tmp_path, n_eleves):
    cache = tmp_path / "cache"
    photos, imdb = _attendu()
    resultats, journal = _lancer_ensemble(n_eleves, archives, cache, tmp_path)
    for resultat in resultats:
        assert "erreur" not in resultat, resultat["erreur"]
        assert resultat["extrait"] == photos
        assert resultat["vue"] == photos and resultat["rapport"] == photos
        assert resultat["imdb"] == imdb
    _verifier_cache(cache)
    # sous le verrou, chaque construction n'est faite qu'une fois ; les autres attendent puis la lisent
    assert journal.count("Décompression de") == 2, journal           # une fois par archive
    assert journal.count("IMDB : lecture et découpage") == 1, journal


def test_dossier_sans_marque_reconstruit(archives, tmp_path, monkeypatch):
    """Une extraction interrompue (dossier à son nom final mais sans marque, à moitié
    rempli, comme en laissaient les anciennes versions) n'est jamais crue : elle est refaite."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("KERAS_FACILE_DATA", str(archives))
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(cache))
    monkeypatch.setenv("KERAS_FACILE_HORS_LIGNE", "1")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    (x, _), (xt, _) = kd.charger_imdb()
    assert (len(x), len(xt)) == (2 * N_IMDB, 2 * N_IMDB)
    extrait = next(d for d in (cache / "archives").iterdir() if d.name.startswith("aclImdb_v1"))
    # simule l'interruption : marque absente, la moitié des critiques de test manquent, cache IMDB effacé
    for f in (extrait / recherche.MARQUE_COMPLET, *sorted((extrait / "aclImdb/test/pos").iterdir())[N_IMDB // 2:]):
        f.unlink()
    for f in (cache / "imdb").glob("*.npz"):
        f.unlink()
    (x, _), (xt, yt) = kd.charger_imdb()
    assert (len(x), len(xt), int(yt.sum())) == (2 * N_IMDB, 2 * N_IMDB, N_IMDB)
    assert recherche.cache_complet(extrait)
