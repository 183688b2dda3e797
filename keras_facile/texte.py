"""Statistiques de texte du chapitre 17 : corpus, fréquences, Zipf–Mandelbrot, bigrammes,
trigrammes et génération de phrases avec une température.

Le corpus vient, au choix : d'un fichier texte donné, du corpus Reuters de NLTK s'il
est installé avec ses données (les nombres du livre viennent de lui), ou des
critiques IMDB de ``keras_facile.donnees`` (50 000 textes anglais, toujours là).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from . import verifications as _v

__all__ = [
    "sans_balises", "charger_corpus", "decouper_phrases", "mots_de", "frequences", "zipf_mandelbrot", "bigrammes", "trigrammes",
    "softmax_temperature", "tirage_pondere", "generer_phrase", "generer_phrase_trigrammes",
]

# un mot : une lettre puis des lettres ou des apostrophes ; « lettre » = toute lettre Unicode (é, è, à,
# ç, œ, ü…), c'est-à-dire \w sans les chiffres ni « _ »
_MOT = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])*")
# l'ancien découpage, lettres a–z seulement : gardé pour les critiques IMDB (anglaises), dont le
# chapitre 17 imprime les comptes (« Amélie » y reste coupé en « Am », « lie »)
_MOT_ASCII = re.compile(r"[A-Za-z][A-Za-z']*")


def sans_balises(texte: str) -> str:
    """Retire les sauts de ligne HTML ``<br />`` des critiques IMDB (remplacés par une espace)."""
    return re.sub(r"<br\s*/?>", " ", texte)


def decouper_phrases(texte: str, ascii_seulement: bool = False) -> list[list[str]]:
    """Phrases (coupées sur . ! ? ; : et les sauts de ligne) puis mots (lettres et apostrophes), casse
    conservée. Les lettres accentuées font partie des mots ; ``ascii_seulement=True`` ne garde que a–z
    (l'ancien découpage, celui des critiques IMDB du chapitre 17).

    >>> decouper_phrases("Le café était fermé. L'œuvre de Noël !")
    [['Le', 'café', 'était', 'fermé'], ["L'œuvre", 'de', 'Noël']]
    >>> decouper_phrases("Le café était fermé.", ascii_seulement=True)
    [['Le', 'caf', 'tait', 'ferm']]
    """
    if not isinstance(texte, str):
        raise TypeError(f"texte doit être un texte (str), reçu {_v.decrire(texte)}")
    motif = _MOT_ASCII if _v.booleen("ascii_seulement", ascii_seulement) else _MOT
    texte = sans_balises(texte)
    return [m for m in (motif.findall(p) for p in re.split(r"[.!?;:\n]+", texte)) if m]


def charger_corpus(source="imdb", n_textes=None, graine=0) -> list[list[str]]:
    """Liste de phrases (listes de mots).

    ``source`` : ``"imdb"`` (critiques de ``keras_facile.donnees``), ``"reuters"`` (NLTK, si ses
    données sont présentes) ou le chemin d'un fichier texte (UTF-8), dont les mots gardent leurs
    lettres accentuées (« café », « était », « œuvre »). Les critiques IMDB (anglaises) gardent le
    découpage a–z qui donne les comptes imprimés par le chapitre 17.
    """
    if source == "reuters":
        try:
            from nltk.corpus import reuters

            phrases = [list(s) for s in reuters.sents()]
        except (ImportError, LookupError) as e:
            raise FileNotFoundError("corpus Reuters indisponible : installez nltk puis "
                                    "nltk.download('reuters') et nltk.download('punkt_tab')") from e
        return phrases[:n_textes] if n_textes else phrases
    if source == "imdb":
        from .donnees import charger_imdb_textes

        (textes, _), _ = charger_imdb_textes(n_train=n_textes, graine=graine)
        phrases = []
        for t in textes:
            phrases += decouper_phrases(t, ascii_seulement=True)      # comptes du chapitre 17 inchangés
        return phrases
    chemin = Path(source)
    if not chemin.is_file():
        raise FileNotFoundError(f"fichier texte introuvable : {chemin}")
    return decouper_phrases(chemin.read_text(encoding="utf-8", errors="replace"))


def mots_de(phrases, min_lettres=2, minuscules=False) -> list[str]:
    mots = [m for p in phrases for m in p if len(m) >= min_lettres]
    return [m.lower() for m in mots] if minuscules else mots


def frequences(phrases, min_lettres=2, minuscules=False) -> Counter:
    """Nombre d'occurrences de chaque mot (d'au moins ``min_lettres`` lettres)."""
    return Counter(mots_de(phrases, min_lettres, minuscules))


def zipf_mandelbrot(rang, a=0.1, b=1.5, c=0.95):
    """f_i = a / (i + b)^c : la fréquence relative du mot de rang i (ajustement du livre)."""
    return a / (np.asarray(rang, dtype=float) + b) ** c


def bigrammes(phrases, min_lettres=2) -> dict:
    """occur[mot1][mot2] = nombre de fois où mot2 suit immédiatement mot1 dans une phrase."""
    occur = defaultdict(Counter)
    for p in phrases:
        for m1, m2 in zip(p, p[1:]):
            if len(m1) >= min_lettres and len(m2) >= min_lettres:
                occur[m1][m2] += 1
    return occur


def trigrammes(phrases, min_lettres=2) -> dict:
    """occur[(mot1, mot2)][mot3] = nombre d'occurrences du triplet."""
    occur = defaultdict(Counter)
    for p in phrases:
        for m1, m2, m3 in zip(p, p[1:], p[2:]):
            if min(len(m1), len(m2), len(m3)) >= min_lettres:
                occur[(m1, m2)][m3] += 1
    return occur


def softmax_temperature(X, T=1.0):
    """σ_T(X)_i = e^{x_i/T} / Σ_j e^{x_j/T} (T > 0 ; T → 0 : argmax, T → ∞ : uniforme).

    >>> softmax_temperature([1, 2, 3], 0.5).round(6).tolist()
    [0.015876, 0.11731, 0.866813]
    >>> softmax_temperature([], 1)
    Traceback (most recent call last):
        ...
    ValueError: X doit être un tableau non vide, reçu un tableau de forme (0,) (float64) ; la loi se calcule sur au moins un nombre
    """
    T = _v.reel("T", T, min=0, min_exclu=True, aide="T est la température (T → 0 : argmax, T → ∞ : uniforme)")
    X = _v.tableau("X", X, ndim=1, vide=False, aide="la loi se calcule sur au moins un nombre") / T
    e = np.exp(X - X.max())
    return e / e.sum()


def _generateur(rng):
    if not callable(getattr(rng, "random", None)):
        raise TypeError(f"rng doit être un générateur aléatoire numpy, reçu {_v.decrire(rng)} ; "
                        "par exemple np.random.default_rng(0)")
    return rng


def tirage_pondere(P, rng) -> int:
    """Indice tiré au hasard avec les probabilités P (sommes cumulées, comme le script du livre).

    ``P`` : des poids ≥ 0 de somme > 0 (ils sont divisés par leur somme).

    >>> tirage_pondere([0, 1, 0], np.random.default_rng(0))
    1
    >>> tirage_pondere([], np.random.default_rng(0))
    Traceback (most recent call last):
        ...
    ValueError: P doit être un tableau non vide, reçu un tableau de forme (0,) (float64) ; des poids ≥ 0 de somme > 0
    """
    aide = "des poids ≥ 0 de somme > 0"
    P = _v.tableau("P", P, ndim=1, vide=False, aide=aide)
    if (P < 0).any() or not P.sum() > 0:
        raise ValueError(f"P doit être un tableau de poids ≥ 0 de somme > 0, reçu {_v.decrire(P)} ; "
                         f"minimum {P.min():g}, somme {P.sum():g}")
    rng = _generateur(rng)
    return int(min(np.searchsorted(np.cumsum(P / P.sum()), rng.random(), side="right"), len(P) - 1))


def _suivant(compteur: Counter, nb_mots_choix, T, rng, mode):
    candidats = compteur.most_common(nb_mots_choix)
    if not candidats:
        return None
    mots, comptes = zip(*candidats)
    comptes = np.array(comptes, dtype=np.float64)
    if mode == "livre":      # softmax_T appliqué aux fréquences normalisées (script du livre)
        P = softmax_temperature(comptes / comptes.sum(), T)
    else:                    # usuel : softmax_T des logits ln(fréquence)
        P = softmax_temperature(np.log(comptes), T)
    return mots[tirage_pondere(P, rng)]


def _verifier_generation(nb_mots_max, nb_mots_choix, T, mode, graine):
    if graine is not None:
        _v.entier("graine", graine, min=0)
    _v.entier("nb_mots_max", nb_mots_max, min=1)
    _v.entier("nb_mots_choix", nb_mots_choix, min=1)
    _v.reel("T", T, min=0, min_exclu=True, aide="T est la température (T → 0 : le plus fréquent)")
    _v.choix("mode", mode, ("livre", "logits"))


def generer_phrase(occur, mot_init, nb_mots_max=15, nb_mots_choix=10, T=1.0, graine=None, mode="livre") -> str:
    """Phrase générée mot après mot : parmi les ``nb_mots_choix`` successeurs les plus fréquents,
    tirage avec la température ``T`` ; ``mode="livre"`` (fréquences) ou ``"logits"``.

    >>> generer_phrase({"le": Counter({"chat": 2})}, "le", mode="xyz")
    Traceback (most recent call last):
        ...
    ValueError: mode doit être 'livre' ou 'logits', reçu 'xyz' (str)
    """
    _verifier_generation(nb_mots_max, nb_mots_choix, T, mode, graine)
    rng = np.random.default_rng(graine)
    phrase = [mot_init]
    while len(phrase) < nb_mots_max:
        mot = _suivant(occur.get(phrase[-1], Counter()), nb_mots_choix, T, rng, mode)
        if mot is None:
            break
        phrase.append(mot)
    return " ".join(phrase)


def generer_phrase_trigrammes(occur3, mot1, mot2, nb_mots_max=15, nb_mots_choix=20, T=1.0, graine=None,
                              mode="livre") -> str:
    """Comme :func:`generer_phrase`, le mot suivant tiré selon les deux précédents (``occur3`` :
    le résultat de :func:`trigrammes`)."""
    _verifier_generation(nb_mots_max, nb_mots_choix, T, mode, graine)
    rng = np.random.default_rng(graine)
    phrase = [mot1, mot2]
    while len(phrase) < nb_mots_max:
        mot = _suivant(occur3.get((phrase[-2], phrase[-1]), Counter()), nb_mots_choix, T, rng, mode)
        if mot is None:
            break
        phrase.append(mot)
    return " ".join(phrase)
