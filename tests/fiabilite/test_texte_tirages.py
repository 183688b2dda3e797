"""BPE et génération du chapitre 17 (issue 12) : des numéros de tokens hors du vocabulaire, une loi
vide, un mode inconnu sont refusés en français (avant : IndexError anglais, ou -1 décodé en silence
comme le dernier token ; mode inconnu pris pour « logits »)."""
from collections import Counter

import numpy as np
import pytest

from keras_facile import texte as tx
from keras_facile.bpe import TokeniseurBPE


@pytest.fixture(scope="module")
def bpe():
    return TokeniseurBPE.entrainer("ab ab abc dbac bacde", nb_fusions=5)      # 8 tokens + l'espace = 9


@pytest.mark.parametrize("ids, classe, motif", [
    ([999], ValueError, r"^ids doit être une suite de numéros de tokens entre 0 et 8, reçu \[999\] \(list\) ; "
                        r"999 en position 0 \(le vocabulaire a 9 tokens, espace compris\)$"),
    ([5, -1], ValueError, r"^ids doit .* entre 0 et 8, reçu \[5, -1\] \(list\) ; -1 en position 1"),
    ([9], ValueError, r"9 en position 0"),
    ([1.0], TypeError, r"^ids doit .* reçu \[1.0\] \(list\) ; 1.0 en position 0 n'est pas un entier$"),
    ("ab", TypeError, r"^ids doit .* reçu 'ab' \(str\)$"),
    (7, TypeError, r"^ids doit .* reçu 7 \(int\)$"),
])
def test_decoder_refuse_les_numeros_hors_vocabulaire(bpe, ids, classe, motif):
    with pytest.raises(classe, match=motif):
        bpe.decoder(ids)


def test_decoder_accepte_tout_le_vocabulaire(bpe):
    assert bpe.vocabulaire == ["a", "b", "c", "d", "e", "ab", "ba", "bac"]
    assert bpe.decoder(range(9)) == "abcdeabbabac "
    assert bpe.decoder(np.array([5, 8, 7])) == "ab bac"
    assert bpe.decoder([]) == ""


@pytest.mark.parametrize("X, T, classe, motif", [
    ([], 1, ValueError, r"^X doit être un tableau non vide, reçu un tableau de forme \(0,\)"),
    ([1, 2], 0, ValueError, r"^T doit être un nombre > 0, reçu 0 \(int\) ; T est la température"),
    ([1, 2], -1, ValueError, r"^T doit être un nombre > 0, reçu -1 \(int\)"),
    ([1, 2], float("nan"), ValueError, r"^T doit être un nombre fini, reçu nan \(float\)"),
    ([1, float("nan")], 1, ValueError, r"^X doit être un tableau de nombres finis"),
    ([[1, 2]], 1, ValueError, r"^X doit être un tableau à 1 dimension"),
    (["a"], 1, TypeError, r"^X doit être un tableau de nombres"),
])
def test_softmax_temperature_refuse_en_francais(X, T, classe, motif):
    with pytest.raises(classe, match=motif):
        tx.softmax_temperature(X, T)


@pytest.mark.parametrize("P, classe, motif", [
    ([], ValueError, r"^P doit être un tableau non vide, reçu un tableau de forme \(0,\)"),
    ([0, 0], ValueError, r"^P doit être un tableau de poids ≥ 0 de somme > 0, .* somme 0$"),
    ([0.5, -0.1], ValueError, r"^P doit être un tableau de poids ≥ 0 de somme > 0, .* minimum -0.1"),
    ([0.5, float("nan")], ValueError, r"^P doit être un tableau de nombres finis"),
])
def test_tirage_pondere_refuse_en_francais(P, classe, motif):
    with pytest.raises(classe, match=motif):
        tx.tirage_pondere(P, np.random.default_rng(0))


def test_tirage_pondere_suit_les_poids():
    rng = np.random.default_rng(0)
    assert {tx.tirage_pondere([0, 3, 0], rng) for _ in range(50)} == {1}
    tirages = [tx.tirage_pondere([1, 3], rng) for _ in range(4000)]
    assert abs(np.mean(tirages) - 0.75) < 4 * np.sqrt(0.75 * 0.25 / 4000)
    with pytest.raises(TypeError, match=r"^rng doit être un générateur aléatoire numpy, reçu 0 \(int\)"):
        tx.tirage_pondere([1, 2], 0)


OCCUR = {"le": Counter({"chat": 2, "chien": 1}), "chat": Counter({"dort": 1})}


@pytest.mark.parametrize("arguments, classe, motif", [
    ({"mode": "xyz"}, ValueError, r"^mode doit être 'livre' ou 'logits', reçu 'xyz' \(str\)$"),
    ({"T": 0}, ValueError, r"^T doit être un nombre > 0, reçu 0 \(int\)"),
    ({"nb_mots_max": 0}, ValueError, r"^nb_mots_max doit être un entier ≥ 1, reçu 0 \(int\)$"),
    ({"nb_mots_choix": 0}, ValueError, r"^nb_mots_choix doit être un entier ≥ 1, reçu 0 \(int\)$"),
    ({"graine": "a"}, TypeError, r"^graine doit être un entier ≥ 0, reçu 'a' \(str\)$"),
])
def test_generer_phrase_refuse_en_francais(arguments, classe, motif):
    with pytest.raises(classe, match=motif):
        tx.generer_phrase(OCCUR, "le", **arguments)
    with pytest.raises(classe, match=motif):
        tx.generer_phrase_trigrammes({}, "le", "chat", **arguments)


def test_les_deux_modes_generent():
    for mode in ("livre", "logits"):
        assert tx.generer_phrase(OCCUR, "le", nb_mots_choix=1, mode=mode) == "le chat dort"
    assert tx.generer_phrase(OCCUR, "inconnu") == "inconnu"
