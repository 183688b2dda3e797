"""IMDB : critiques de films, depuis les textes bruts (``aclImdb``) ou le format Keras.

À partir des textes bruts (c'est ce que fournit l'archive officielle
``aclImdb_v1.tar.gz``) on refait ce que Keras a fait pour ``imdb.npz`` :

- découpage en mots : minuscules, ``<br />`` remplacé par un espace, ponctuation
  ``!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~`` retirée (comme
  ``keras.preprocessing.text.text_to_word_sequence``), l'apostrophe est gardée ;
- indice des mots par fréquence décroissante sur les critiques d'entraînement
  (1 = le plus fréquent ; à égalité, l'ordre de première apparition) ;
- indices réservés : 0 remplissage, 1 début de critique, 2 mot inconnu, et
  décalage ``index_from=3`` ; ``num_words`` garde les indices (décalés) < num_words ;
- étiquettes d'après le dossier (``pos`` = 1, ``neg`` = 0), puis mélange avec la
  graine 113 comme ``keras.datasets.imdb.load_data``.

Le résultat du découpage est mis en cache (une fois, ≈ 30 s pour 50 000 critiques).
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sys
import time
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

from .recherche import (Source, dossier_cache, extraire_archive, lecture_interdite, localiser,
                        traduire_lecture_interdite, verrou)
from ..fichiers import ecriture_atomique
from ..verifications import entier
from .tableaux import _verifier_graine, _verifier_taille, indices_stratifies

__all__ = ["charger_imdb", "charger_imdb_textes", "indice_mots_imdb", "decoder_critique",
           "vectoriser_sequences", "decouper_mots"]

_PONCTUATION = str.maketrans({c: " " for c in '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'})
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_VERSION_CACHE = 1


def decouper_mots(texte: str) -> list[str]:
    """Les mots d'une critique (voir la docstring du module).

    >>> decouper_mots("A great film!<br /><br />I loved it, didn't you?")
    ['a', 'great', 'film', 'i', 'loved', 'it', "didn't", 'you']
    """
    return _BR.sub(" ", texte).lower().translate(_PONCTUATION).split()


def _source(chemin) -> Source:
    return localiser("imdb", chemin)


def _dossier_brut(source: Source) -> Path:
    dossier = source.chemin if source.forme.cle == "aclImdb" else extraire_archive(source.chemin, "aclImdb")
    for partie in ("train", "test"):
        for polarite in ("pos", "neg"):
            if not (dossier / partie / polarite).is_dir():
                raise ValueError(f"{dossier} : dossier {partie}/{polarite}/ manquant (format aclImdb attendu)")
    return dossier


def _fichiers(dossier: Path, partie: str):
    """(fichier, étiquette) : négatives puis positives, par numéro de critique."""
    liste = []
    for polarite, etiquette in (("neg", 0), ("pos", 1)):
        fichiers = sorted((dossier / partie / polarite).glob("*.txt"),
                          key=lambda f: (int(f.stem.split("_")[0]) if f.stem.split("_")[0].isdigit() else 0, f.name))
        liste += [(f, etiquette) for f in fichiers]
    return liste


def _cle(source: Source) -> str:
    """La clé du cache : le contenu de la source. Pour l'archive : son chemin, sa taille et sa date ;
    pour le dossier ``aclImdb/`` : la liste de ses critiques avec taille et date de chacune (une
    critique ajoutée, retirée ou modifiée donne une autre clé), comme la vue des photos chats/chiens."""
    chemin = source.chemin
    if source.forme.cle == "aclImdb":
        lignes = [str(chemin.resolve())]
        for partie in ("train", "test"):
            for polarite in ("pos", "neg"):
                dossier = chemin / partie / polarite
                with os.scandir(dossier) as entrees:
                    for e in sorted(entrees, key=lambda e: e.name):
                        if e.name.endswith(".txt"):
                            st = e.stat()
                            lignes.append(f"{partie}/{polarite}/{e.name}|{st.st_size}|{st.st_mtime_ns}")
        texte = "\n".join(lignes)
    else:
        info = chemin.stat()
        texte = f"{chemin.resolve()}|{info.st_size}|{info.st_mtime_ns}"
    return hashlib.sha1(f"{texte}|{_VERSION_CACHE}".encode()).hexdigest()[:12]


_CLES_CORPUS = ("vocabulaire",) + tuple(f"{partie}_{nom}" for partie in ("train", "test")
                                        for nom in ("rangs", "bornes", "textes", "textes_bornes", "etiquettes"))


def _lire_cache(cache: Path) -> dict | None:
    """Le corpus gardé en ``cache``, ou ``None`` s'il manque ou est abîmé (tronqué, clé absente,
    tailles incohérentes) : il sera alors reconstruit, jamais fatal."""
    if not cache.is_file():
        return None
    try:
        with np.load(cache, allow_pickle=False) as f:
            corpus = {k: f[k] for k in _CLES_CORPUS}
        for partie in ("train", "test"):
            bornes, n = corpus[f"{partie}_bornes"], len(corpus[f"{partie}_etiquettes"])
            if (len(bornes) != n + 1 or len(corpus[f"{partie}_textes_bornes"]) != n + 1
                    or bornes[-1] != len(corpus[f"{partie}_rangs"])
                    or corpus[f"{partie}_textes_bornes"][-1] != len(corpus[f"{partie}_textes"])):
                raise ValueError("tailles incohérentes")
        return corpus
    except (OSError, ValueError, EOFError, KeyError, IndexError, zipfile.BadZipFile, zlib.error) as e:
        if isinstance(e, PermissionError):
            raise
        print(f"IMDB : cache abîmé ({type(e).__name__}), reconstruit : {cache}", file=sys.stderr)
        return None


def _corpus_brut(source: Source) -> dict:
    """Textes, rangs des mots et étiquettes, lus une fois puis gardés en cache (.npz).

    La construction se fait sous verrou (deux processus ne lisent pas le corpus en
    même temps) et le fichier est écrit sous un nom temporaire puis renommé : un
    cache présent est toujours complet ; s'il est abîmé, il est reconstruit."""
    cache = dossier_cache("imdb") / f"imdb-{_cle(source)}.npz"
    corpus = _lire_cache(cache)
    if corpus is not None:
        return corpus
    with verrou(cache):
        corpus = _lire_cache(cache)            # écrit par un autre processus pendant l'attente ?
        if corpus is not None:
            return corpus
        return _construire_corpus(source, cache)


def _construire_corpus(source: Source, cache: Path) -> dict:
    dossier = _dossier_brut(source)
    debut = time.perf_counter()
    print(f"IMDB : lecture et découpage des critiques de {dossier} (une seule fois)…", file=sys.stderr)
    parties = {}
    for partie in ("train", "test"):
        fichiers = _fichiers(dossier, partie)
        textes, mots, etiquettes = [], [], []
        for f, etiquette in fichiers:
            try:
                texte = _BR.sub(" ", f.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                texte = _BR.sub(" ", f.read_text(encoding="latin-1"))
            textes.append(texte)
            mots.append(decouper_mots(texte))
            etiquettes.append(etiquette)
        parties[partie] = (textes, mots, np.array(etiquettes, dtype=np.int64))
    compte = Counter()
    for liste in parties["train"][1]:
        compte.update(liste)
    vocabulaire = [mot for mot, _ in compte.most_common()]
    rang = {mot: i + 1 for i, mot in enumerate(vocabulaire)}
    corpus = {"vocabulaire": np.array(vocabulaire, dtype=str)}
    for partie, (textes, mots, etiquettes) in parties.items():
        rangs = [np.array([rang.get(m, 0) for m in liste], dtype=np.int32) for liste in mots]
        corpus[f"{partie}_rangs"] = np.concatenate(rangs) if rangs else np.zeros(0, np.int32)
        corpus[f"{partie}_bornes"] = np.cumsum([0] + [len(r) for r in rangs]).astype(np.int64)
        octets = [t.encode("utf-8") for t in textes]
        corpus[f"{partie}_textes"] = np.frombuffer(b"".join(octets), dtype=np.uint8)
        corpus[f"{partie}_textes_bornes"] = np.cumsum([0] + [len(o) for o in octets]).astype(np.int64)
        corpus[f"{partie}_etiquettes"] = etiquettes
    with ecriture_atomique(cache) as temporaire, open(temporaire, "wb") as f:
        np.savez(f, **corpus)
    print(f"IMDB : {len(parties['train'][2])} + {len(parties['test'][2])} critiques, "
          f"{len(vocabulaire)} mots, en {time.perf_counter() - debut:.1f} s (cache : {cache})", file=sys.stderr)
    return corpus


def _decouper(plat, bornes):
    return [plat[bornes[i]:bornes[i + 1]] for i in range(len(bornes) - 1)]


def _format_keras(source: Path):
    """(rangs_train, y_train), (rangs_test, y_test) depuis ``imdb.npz`` de Keras."""
    try:
        with np.load(source, allow_pickle=True) as f:
            donnees = (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
    except PermissionError as e:
        raise lecture_interdite(source, e) from None
    except (OSError, ValueError, EOFError, KeyError) as e:
        raise ValueError(f"fichier corrompu ou tronqué : {source} ({type(e).__name__})") from None
    for partie, (x, y) in zip(("train", "test"), donnees):
        if len(x) != len(y):
            raise ValueError(f"{source} : {len(x)} critiques dans x_{partie} mais {len(y)} étiquettes dans "
                             f"y_{partie} ; fichier abîmé ou mal assemblé. Remplacez-le.")
    return donnees


def _melange_keras(x, y, rng):
    indices = np.arange(len(x))
    rng.shuffle(indices)
    return [x[i] for i in indices], y[indices]


def _en_sequences(rangs, num_words, index_from, skip_top=0, start_char=1, oov_char=2):
    sequences = np.empty(len(rangs), dtype=object)
    for i, r in enumerate(rangs):
        r = np.asarray(r, dtype=np.int64)
        s = np.where(r > 0, r + index_from, oov_char)
        s = np.concatenate([[start_char], s])
        if num_words is not None or skip_top:
            garde = (s >= skip_top) & ((s < num_words) if num_words is not None else True)
            s = np.where(garde | (np.arange(len(s)) == 0), s, oov_char)
        sequences[i] = s.tolist()
    return sequences


@traduire_lecture_interdite
def charger_imdb(num_words=None, chemin=None, n_train=None, n_test=None, graine=0, index_from=3):
    """IMDB : ``(x_train, y_train), (x_test, y_test)`` comme ``keras.datasets.imdb.load_data``.

    ``x`` : tableau d'objets, chaque critique une liste d'entiers (1 = début,
    2 = mot inconnu ou hors des ``num_words`` premiers indices, mots décalés de
    ``index_from``) ; ``y`` : 0 (négative) ou 1 (positive), ``int64``.
    ``chemin`` : le dossier ``aclImdb/``, l'archive ``aclImdb_v1.tar.gz``, le
    ``imdb.npz`` de Keras, ou un dossier qui en contient un.
    """
    index_from = entier("index_from", index_from, min=0)
    if num_words is not None:
        num_words = entier("num_words", num_words, min=index_from + 1,
                           aide="les indices 0, 1, 2 sont réservés, les mots commencent à index_from")
    _verifier_taille(n_train, "n_train")
    _verifier_taille(n_test, "n_test")
    _verifier_graine(graine)
    source = _source(chemin)
    if source.forme.cle == "keras_npz":
        (r_train, y_train), (r_test, y_test) = _format_keras(source.chemin)
        r_train, r_test = list(r_train), list(r_test)
    else:
        c = _corpus_brut(source)
        r_train, y_train = _decouper(c["train_rangs"], c["train_bornes"]), c["train_etiquettes"]
        r_test, y_test = _decouper(c["test_rangs"], c["test_bornes"]), c["test_etiquettes"]
    rng = np.random.RandomState(113)
    r_train, y_train = _melange_keras(r_train, np.asarray(y_train), rng)
    r_test, y_test = _melange_keras(r_test, np.asarray(y_test), rng)
    i = indices_stratifies(y_train, n_train, graine, "n_train")
    j = indices_stratifies(y_test, n_test, graine, "n_test")
    x_train = _en_sequences([r_train[k] for k in i], num_words, index_from)
    x_test = _en_sequences([r_test[k] for k in j], num_words, index_from)
    return (x_train, y_train[i].astype(np.int64)), (x_test, y_test[j].astype(np.int64))


@traduire_lecture_interdite
def charger_imdb_textes(chemin=None, n_train=None, n_test=None, graine=0):
    """Les critiques brutes : ``(textes_train, y_train), (textes_test, y_test)``,
    dans le même ordre que :func:`charger_imdb` (listes de chaînes, étiquettes 0/1).
    ``chemin`` : le dossier ``aclImdb/``, l'archive ``aclImdb_v1.tar.gz`` ou un dossier qui en contient un."""
    _verifier_taille(n_train, "n_train")
    _verifier_taille(n_test, "n_test")
    _verifier_graine(graine)
    source = _source(chemin)
    if source.forme.cle == "keras_npz":
        raise ValueError(f"{source.chemin} ne contient que des indices de mots : il faut les textes bruts (aclImdb)")
    c = _corpus_brut(source)
    rng = np.random.RandomState(113)
    resultat = []
    for partie, n in (("train", n_train), ("test", n_test)):
        octets = c[f"{partie}_textes"].tobytes()
        bornes = c[f"{partie}_textes_bornes"]
        textes = [octets[bornes[k]:bornes[k + 1]].decode("utf-8") for k in range(len(bornes) - 1)]
        textes, y = _melange_keras(textes, c[f"{partie}_etiquettes"], rng)
        k = indices_stratifies(y, n, graine, f"n_{partie}")
        resultat.append(([textes[m] for m in k], y[k]))
    return tuple(resultat)


@traduire_lecture_interdite
def indice_mots_imdb(chemin=None) -> dict:
    """Dictionnaire mot → rang (1 = le plus fréquent), comme ``keras.datasets.imdb.get_word_index()``."""
    source = _source(chemin)
    if source.forme.cle == "keras_npz":
        fichier = source.chemin.with_name("imdb_word_index.json")
        if not fichier.exists():
            raise FileNotFoundError(f"{fichier} introuvable : il accompagne imdb.npz (keras.datasets.imdb)")
        try:
            return json.loads(fichier.read_text(encoding="utf-8"))
        except PermissionError as e:
            raise lecture_interdite(fichier, e) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ValueError(f"fichier corrompu : {fichier} ({e})") from None
    vocabulaire = _corpus_brut(source)["vocabulaire"]
    return {str(mot): i + 1 for i, mot in enumerate(vocabulaire)}


def decoder_critique(sequence, indice_mots=None, index_from=3) -> str:
    """Le texte d'une critique codée ; ``??`` pour les indices réservés ou inconnus (comme le livre).

    >>> decoder_critique([1, 4, 5, 2], {"the": 1, "film": 2})
    '?? the film ??'
    """
    if indice_mots is None:
        indice_mots = indice_mots_imdb()
    inverse = {rang: mot for mot, rang in indice_mots.items()}
    return " ".join(inverse.get(int(i) - index_from, "??") if int(i) >= index_from else "??" for i in sequence)


def vectoriser_sequences(sequences, dimension) -> np.ndarray:
    """Vecteurs « multi-hot » du livre : ``v[i, c] = 1`` si le mot d'indice ``c`` est dans la critique ``i``.

    Les indices ≥ ``dimension`` sont refusés (erreur en français).

    >>> vectoriser_sequences([[2, 1, 4]], 6)
    array([[0., 1., 1., 0., 1., 0.]], dtype=float32)
    """
    if int(dimension) != dimension or dimension <= 0:
        raise ValueError(f"dimension doit être un entier > 0, reçu {dimension!r}")
    vecteurs = np.zeros((len(sequences), int(dimension)), dtype=np.float32)
    longueurs = [len(s) for s in sequences]
    if sum(longueurs) == 0:
        return vecteurs
    lignes = np.repeat(np.arange(len(sequences)), longueurs)
    colonnes = np.fromiter(itertools.chain.from_iterable(sequences), dtype=np.int64, count=sum(longueurs))
    if colonnes.max() >= dimension or colonnes.min() < 0:
        raise ValueError(f"indice de mot {int(colonnes.max())} hors de [0, {int(dimension) - 1}] : "
                         "chargez avec num_words=dimension")
    vecteurs[lignes, colonnes] = 1.0
    return vecteurs


@traduire_lecture_interdite
def verifier_imdb(chemin) -> str:
    """Lit entièrement l'IMDB de ``chemin`` ; résumé, ``ValueError`` s'il est abîmé."""
    (x, y), (xt, yt) = charger_imdb(chemin=chemin)
    return f"{len(x)} + {len(xt)} critiques ({int(y.sum())} positives à l'entraînement)"
