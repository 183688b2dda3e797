"""Tokeniseur BPE (« Byte Pair Encoding ») appris de zéro, par la procédure de fusion du livre.

>>> bpe = TokeniseurBPE.entrainer("ab ab abc dbac bacde", nb_fusions=10)
>>> bpe.fusions
[('a', 'b'), ('b', 'a'), ('ba', 'c')]
>>> bpe.encoder_mots("ab ab abc dbac bacde")
[[6], [6], [6, 3], [4, 8], [8, 4, 5]]
>>> TokeniseurBPE.depuis_dict(bpe.vers_dict()) == bpe      # se garde en JSON (cache du chapitre 18)
True
"""
from __future__ import annotations

import numbers
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .verifications import decrire

__all__ = ["TokeniseurBPE", "pretraiter"]


def pretraiter(texte: str) -> list[str]:
    """Minuscules, tout caractère hors a–z remplacé par une espace, découpage en mots (comme le livre)."""
    return re.sub(r"[^a-z]", " ", texte.lower()).split()


@dataclass
class TokeniseurBPE:
    """Vocabulaire (numéroté à partir de 1, comme dans le livre) et liste ordonnée des fusions."""

    vocabulaire: list[str]
    fusions: list[tuple[str, str]] = field(default_factory=list)
    journal: list[tuple[tuple[str, str], int]] = field(default_factory=list)

    @classmethod
    def entrainer(cls, texte: str, nb_fusions: int, pretraitement=pretraiter, occurrences_min: int = 2,
                  alphabet: str = ""):
        """Algorithme du livre : répéter au plus ``nb_fusions`` fois « trouver la paire voisine la plus
        fréquente (à l'intérieur des mots), l'ajouter au vocabulaire, réécrire le texte ». À égalité, la
        paire rencontrée la première ; arrêt quand la meilleure paire apparaît moins de ``occurrences_min`` fois.
        ``alphabet`` : caractères ajoutés au vocabulaire de départ (comme les 256 octets de GPT-2), pour
        pouvoir coder ensuite des mots absents du texte d'apprentissage."""
        if nb_fusions < 0:
            raise ValueError(f"nb_fusions doit être ≥ 0, reçu {nb_fusions}")
        mots = [list(m) for m in pretraitement(texte)]
        vocabulaire = list(dict.fromkeys(alphabet))
        for m in mots:
            for c in m:
                if c not in vocabulaire:
                    vocabulaire.append(c)
        vocabulaire.sort()
        bpe = cls(vocabulaire)
        for _ in range(nb_fusions):
            paires = Counter(p for m in mots for p in zip(m, m[1:]))
            if not paires:
                break
            meilleure, nombre = paires.most_common(1)[0]
            if nombre < occurrences_min:
                break
            bpe.fusions.append(meilleure)
            bpe.journal.append((meilleure, nombre))
            bpe.vocabulaire.append(meilleure[0] + meilleure[1])
            mots = [cls._fusionner(m, meilleure) for m in mots]
        return bpe

    @staticmethod
    def _fusionner(morceaux, paire):
        resultat, i = [], 0
        while i < len(morceaux):
            if i + 1 < len(morceaux) and (morceaux[i], morceaux[i + 1]) == paire:
                resultat.append(morceaux[i] + morceaux[i + 1])
                i += 2
            else:
                resultat.append(morceaux[i])
                i += 1
        return resultat

    def decouper_mot(self, mot: str) -> list[str]:
        """Les tokens d'un mot : ses caractères, puis les fusions dans l'ordre où elles ont été apprises."""
        morceaux = list(mot)
        inconnus = [c for c in morceaux if c not in self.vocabulaire]
        if inconnus:
            raise ValueError(f"caractère(s) absent(s) du vocabulaire : {''.join(sorted(set(inconnus)))}")
        for paire in self.fusions:
            morceaux = self._fusionner(morceaux, paire)
        return morceaux

    def encoder_mots(self, texte: str, pretraitement=pretraiter) -> list[list[int]]:
        """Une liste de numéros de tokens (à partir de 1) par mot."""
        index = {t: i + 1 for i, t in enumerate(self.vocabulaire)}
        return [[index[t] for t in self.decouper_mot(m)] for m in pretraitement(texte)]

    def encoder(self, texte: str, pretraitement=pretraiter) -> list[int]:
        """Numéros des tokens du texte (à partir de 0), l'espace entre deux mots codée par un token « ␣ »
        ajouté au vocabulaire : ``decoder(encoder(t))`` rend le texte prétraité."""
        index = {t: i for i, t in enumerate(self.vocabulaire)}
        espace = len(self.vocabulaire)
        deja_vus = {}                     # un mot se découpe toujours de la même façon : on le fait une fois
        ids = []
        for k, m in enumerate(pretraitement(texte)):
            if k:
                ids.append(espace)
            if m not in deja_vus:
                deja_vus[m] = [index[t] for t in self.decouper_mot(m)]
            ids += deja_vus[m]
        return ids

    def decoder(self, ids) -> str:
        """Le texte des numéros de tokens ``ids`` (ceux d'``encoder`` : de 0 à ``taille − 1``, le dernier
        étant l'espace entre deux mots).

        >>> bpe = TokeniseurBPE.entrainer("ab ab", nb_fusions=1)
        >>> bpe.decoder([2, 3, 2])
        'ab ab'
        >>> bpe.decoder([2, 4])
        Traceback (most recent call last):
            ...
        ValueError: ids doit être une suite de numéros de tokens entre 0 et 3, reçu [2, 4] (list) ; 4 en position 1 (le vocabulaire a 4 tokens, espace compris)
        """
        vocab = self.vocabulaire + [" "]
        attendu = f"être une suite de numéros de tokens entre 0 et {len(vocab) - 1}"
        if isinstance(ids, (str, bytes)) or not hasattr(ids, "__iter__"):
            raise TypeError(f"ids doit {attendu}, reçu {decrire(ids)}")
        liste = list(ids)
        for position, i in enumerate(liste):
            if isinstance(i, (bool, np.bool_)) or not isinstance(i, (numbers.Integral, np.integer)):
                raise TypeError(f"ids doit {attendu}, reçu {decrire(ids)} ; {i!r} en position {position} "
                                "n'est pas un entier")
            if not 0 <= i < len(vocab):
                raise ValueError(f"ids doit {attendu}, reçu {decrire(ids)} ; {int(i)} en position {position} "
                                 f"(le vocabulaire a {len(vocab)} tokens, espace compris)")
        return "".join(vocab[int(i)] for i in liste)

    def vers_dict(self) -> dict:
        """Le tokeniseur en valeurs simples (listes de textes et de nombres), à écrire en JSON."""
        return {"vocabulaire": list(self.vocabulaire), "fusions": [list(p) for p in self.fusions],
                "journal": [[list(p), int(n)] for p, n in self.journal]}

    @classmethod
    def depuis_dict(cls, d: dict) -> "TokeniseurBPE":
        """L'inverse de :meth:`vers_dict`."""
        if not isinstance(d, dict) or "vocabulaire" not in d:
            raise TypeError(f"d doit être un dict issu de vers_dict() (avec « vocabulaire »), reçu {d!r}")
        try:
            return cls([str(t) for t in d["vocabulaire"]],
                       [(str(a), str(b)) for a, b in d.get("fusions", [])],
                       [((str(a), str(b)), int(n)) for (a, b), n in d.get("journal", [])])
        except (TypeError, ValueError) as e:
            raise TypeError(f"d n'a pas la forme donnée par vers_dict() ({e}) : {d!r}") from None

    @property
    def taille(self) -> int:
        """Nombre de tokens pour ``encoder`` (vocabulaire + le token espace)."""
        return len(self.vocabulaire) + 1
