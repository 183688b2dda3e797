"""Tokeniseur BPE : fusions et découpages déroulés à la main sur l'exemple du livre (ticket 13, mutation).

Texte « ab ab abc dbac bacde » : paires (a,b) ×3, puis (b,a) et (a,c) ×2 à égalité — (b,a) vient
d'abord dans le texte —, puis (ba,c) ×2 ; ensuite toutes les paires sont uniques.
"""
import numpy as np
import pytest

from keras_facile.bpe import TokeniseurBPE, pretraiter

TEXTE = "ab ab abc dbac bacde"


def test_pretraiter():
    assert pretraiter("Hello, World! 123 Ça-va") == ["hello", "world", "a", "va"]
    assert pretraiter("") == []


def test_entrainer_exemple_du_livre():
    bpe = TokeniseurBPE.entrainer(TEXTE, nb_fusions=10)
    assert bpe.fusions == [("a", "b"), ("b", "a"), ("ba", "c")]
    assert bpe.journal == [(("a", "b"), 3), (("b", "a"), 2), (("ba", "c"), 2)]
    assert bpe.vocabulaire == ["a", "b", "c", "d", "e", "ab", "ba", "bac"]
    assert bpe.taille == 9


def test_entrainer_reglages():
    assert TokeniseurBPE.entrainer(TEXTE, nb_fusions=1).fusions == [("a", "b")]
    assert TokeniseurBPE.entrainer(TEXTE, nb_fusions=0).fusions == []
    # occurrences_min = 3 : seule (a, b) apparaît 3 fois
    assert TokeniseurBPE.entrainer(TEXTE, 10, occurrences_min=3).fusions == [("a", "b")]
    # occurrences_min = 1 : on continue avec les paires uniques, la première rencontrée d'abord
    bpe = TokeniseurBPE.entrainer(TEXTE, 4, occurrences_min=1)
    assert bpe.journal[3] == (("ab", "c"), 1)
    assert TokeniseurBPE.entrainer("a b c", 5, occurrences_min=1).fusions == []      # aucune paire
    assert TokeniseurBPE.entrainer("ba", 0, alphabet="zyzb").vocabulaire == ["a", "b", "y", "z"]
    bpe = TokeniseurBPE.entrainer("X-Y X-Y", 3, pretraitement=lambda t: t.split())
    assert bpe.fusions == [("X", "-"), ("X-", "Y")]
    with pytest.raises(ValueError, match="nb_fusions"):
        TokeniseurBPE.entrainer(TEXTE, -1)


def test_fusionner_et_decouper_mot():
    assert TokeniseurBPE._fusionner(["a", "b", "a", "b"], ("a", "b")) == ["ab", "ab"]
    assert TokeniseurBPE._fusionner(["a", "a", "a"], ("a", "a")) == ["aa", "a"]
    assert TokeniseurBPE._fusionner(["b", "a"], ("a", "b")) == ["b", "a"]
    assert TokeniseurBPE._fusionner(["a"], ("a", "b")) == ["a"]
    bpe = TokeniseurBPE.entrainer(TEXTE, nb_fusions=10)
    # b a c a b → (a,b) : b a c ab → (b,a) : ba c ab → (ba,c) : bac ab
    assert bpe.decouper_mot("bacab") == ["bac", "ab"]
    assert bpe.decouper_mot("edcba") == ["e", "d", "c", "ba"]
    with pytest.raises(ValueError, match="xz"):
        bpe.decouper_mot("azxz")


def test_encoder_decoder():
    bpe = TokeniseurBPE.entrainer(TEXTE, nb_fusions=10)
    # numéros à partir de 1 : a=1 … e=5, ab=6, ba=7, bac=8
    assert bpe.encoder_mots("ab bacab E") == [[6], [8, 6], [5]]
    assert bpe.encoder_mots("ab,ba", pretraitement=lambda t: t.split(",")) == [[6], [7]]
    # numéros à partir de 0, l'espace = 8
    assert bpe.encoder("ab bacab ab") == [5, 8, 7, 5, 8, 5]
    assert bpe.encoder("ab-ba", pretraitement=lambda t: t.split("-")) == [5, 8, 6]
    assert bpe.decoder([5, 8, 7, 5, 8, 5]) == "ab bacab ab"
    assert bpe.decoder(np.array([0, 8, 4])) == "a e"
    assert bpe.decoder([]) == ""
    for mauvais in ("ab", b"ab", 5, [1.0], [True], [np.bool_(False)]):
        with pytest.raises(TypeError, match="ids"):
            bpe.decoder(mauvais)
    for mauvais in ([9], [-1], [0, 12]):
        with pytest.raises(ValueError, match="entre 0 et 8"):
            bpe.decoder(mauvais)


def test_vers_dict_et_retour():
    bpe = TokeniseurBPE.entrainer(TEXTE, nb_fusions=2)
    d = bpe.vers_dict()
    assert d == {"vocabulaire": ["a", "b", "c", "d", "e", "ab", "ba"],
                 "fusions": [["a", "b"], ["b", "a"]],
                 "journal": [[["a", "b"], 3], [["b", "a"], 2]]}
    copie = TokeniseurBPE.depuis_dict(d)
    assert copie == bpe and copie.fusions == [("a", "b"), ("b", "a")] and copie.journal[1] == (("b", "a"), 2)
    assert TokeniseurBPE.depuis_dict({"vocabulaire": ["a", 1]}) == TokeniseurBPE(["a", "1"])
    for mauvais in ([], {"fusions": []}, {"vocabulaire": ["a"], "fusions": [["a"]]},
                    {"vocabulaire": ["a"], "journal": [[["a", "b"], "x"]]}):
        with pytest.raises(TypeError, match="vers_dict"):
            TokeniseurBPE.depuis_dict(mauvais)
