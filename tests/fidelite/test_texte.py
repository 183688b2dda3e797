"""Statistiques de texte du chapitre 17 : comptes faits à la main, lois du livre (ticket 13, mutation)."""
import math
import sys
import types
from collections import Counter

import numpy as np
import pytest
from scipy import special

import keras_facile.donnees
from keras_facile import texte
from keras_facile.texte import (
    bigrammes, charger_corpus, decouper_phrases, frequences, generer_phrase, generer_phrase_trigrammes,
    mots_de, sans_balises, softmax_temperature, tirage_pondere, trigrammes, zipf_mandelbrot,
)


def test_sans_balises_et_decoupage():
    assert sans_balises("a<br />b<br/>c<br>d<br  />e") == "a b c d e"
    assert decouper_phrases("Un. Deux! Trois? Quatre; Cinq: Six\nSept") == [
        ["Un"], ["Deux"], ["Trois"], ["Quatre"], ["Cinq"], ["Six"], ["Sept"]]
    assert decouper_phrases("L'été<br />dernier 2024 x_y...  Ça va") == [["L'été", "dernier", "x", "y"], ["Ça", "va"]]
    assert decouper_phrases("Noël’s café", ascii_seulement=True) == [["No", "l", "s", "caf"]]
    assert decouper_phrases("It's ok", ascii_seulement=True) == [["It's", "ok"]]
    with pytest.raises(TypeError, match="texte"):
        decouper_phrases(b"octets")
    with pytest.raises(TypeError):
        decouper_phrases("a", ascii_seulement="oui")


def test_charger_corpus_fichier_imdb_et_reuters(tmp_path, monkeypatch):
    chemin = tmp_path / "corpus.txt"
    chemin.write_text("Le café. Noël arrive !", encoding="utf-8")
    assert charger_corpus(str(chemin)) == [["Le", "café"], ["Noël", "arrive"]]
    with pytest.raises(FileNotFoundError, match="introuvable"):
        charger_corpus(str(tmp_path / "absent.txt"))

    appels = []

    def imdb_factice(n_train=None, graine=0):
        appels.append((n_train, graine))
        return (["Great film.<br />Amélie rocks", "Bad. Very bad"], [1, 0]), ([], [])

    monkeypatch.setattr(keras_facile.donnees, "charger_imdb_textes", imdb_factice)
    assert charger_corpus("imdb", n_textes=2, graine=5) == [["Great", "film"], ["Am", "lie", "rocks"], ["Bad"],
                                                            ["Very", "bad"]]
    assert charger_corpus() == charger_corpus("imdb")
    assert appels == [(2, 5), (None, 0), (None, 0)]

    reuters = types.SimpleNamespace(sents=lambda: [("A", "b"), ("C",), ("D", "e")])
    corpus = types.ModuleType("nltk.corpus")
    corpus.reuters = reuters
    nltk = types.ModuleType("nltk")
    nltk.corpus = corpus
    monkeypatch.setitem(sys.modules, "nltk", nltk)
    monkeypatch.setitem(sys.modules, "nltk.corpus", corpus)
    assert charger_corpus("reuters") == [["A", "b"], ["C"], ["D", "e"]]
    assert charger_corpus("reuters", n_textes=2) == [["A", "b"], ["C"]]
    monkeypatch.setitem(sys.modules, "nltk.corpus", None)         # nltk absent
    with pytest.raises(FileNotFoundError, match="Reuters"):
        charger_corpus("reuters")


PHRASES = [["the", "cat", "a", "the", "dog"], ["The", "cat", "sat"], ["x"]]


def test_mots_et_frequences():
    assert mots_de(PHRASES) == ["the", "cat", "the", "dog", "The", "cat", "sat"]
    assert mots_de(PHRASES, min_lettres=1) == ["the", "cat", "a", "the", "dog", "The", "cat", "sat", "x"]
    assert mots_de(PHRASES, min_lettres=3, minuscules=True) == ["the", "cat", "the", "dog", "the", "cat", "sat"]
    assert frequences(PHRASES) == Counter({"the": 2, "cat": 2, "dog": 1, "The": 1, "sat": 1})
    assert frequences(PHRASES, minuscules=True)["the"] == 3
    assert frequences(PHRASES, min_lettres=1)["a"] == 1


def test_zipf_mandelbrot_valeurs_du_livre():
    np.testing.assert_allclose(zipf_mandelbrot([1, 2, 3, 4, 5]),
                               [0.041875, 0.030418, 0.023958, 0.019800, 0.016894], atol=5e-7)
    assert zipf_mandelbrot(2, a=1, b=0, c=1) == pytest.approx(0.5)
    assert zipf_mandelbrot(2, a=0.2, b=2, c=2) == pytest.approx(0.2 / 16)


def test_bigrammes_et_trigrammes_comptes_a_la_main():
    occur = bigrammes(PHRASES)
    assert {m: dict(c) for m, c in occur.items()} == {"the": {"cat": 1, "dog": 1}, "The": {"cat": 1},
                                                    "cat": {"sat": 1}}
    assert dict(bigrammes(PHRASES, min_lettres=1)["cat"]) == {"a": 1, "sat": 1}
    assert dict(bigrammes([["ab", "ab", "ab"]])["ab"]) == {"ab": 2}
    occur3 = trigrammes(PHRASES)
    assert {m: dict(c) for m, c in occur3.items()} == {("The", "cat"): {"sat": 1}}
    assert {m: dict(c) for m, c in trigrammes(PHRASES, min_lettres=1).items()} == {
        ("the", "cat"): {"a": 1}, ("cat", "a"): {"the": 1}, ("a", "the"): {"dog": 1}, ("The", "cat"): {"sat": 1}}
    assert dict(trigrammes([["a1", "b2", "a1", "b2", "a1"]])[("a1", "b2")]) == {"a1": 2}


def test_softmax_temperature_valeurs_du_livre():
    for T, attendu in [(1, [0.090031, 0.244728, 0.665241]), (2, [0.186324, 0.307196, 0.506480]),
                       (5, [0.269307, 0.328933, 0.401760]), (0.5, [0.015876, 0.117310, 0.866813])]:
        np.testing.assert_allclose(softmax_temperature([1, 2, 3], T), attendu, atol=5e-7)
    X = np.array([2, 5, 25, 3, 14, 4]) / 53
    np.testing.assert_allclose(softmax_temperature(X, 0.1),
                               [0.010902, 0.019201, 0.835926, 0.013165, 0.104906, 0.015899], atol=5e-7)
    np.testing.assert_allclose(softmax_temperature([1, 2, 3]), [0.090031, 0.244728, 0.665241], atol=5e-7)
    np.testing.assert_allclose(softmax_temperature([1000.0, 1000.0], 0.01), [0.5, 0.5])
    for T in (0, -1):
        with pytest.raises(ValueError, match="T"):
            softmax_temperature([1, 2], T)
    with pytest.raises(ValueError):
        softmax_temperature([[1, 2]], 1)


class Fixe:
    """Un « générateur » qui renvoie toujours la même valeur de random()."""

    def __init__(self, u):
        self.u = u

    def random(self):
        return self.u


def test_tirage_pondere_sommes_cumulees():
    P = [1, 1, 2]                     # sommes cumulées 0.25, 0.5, 1
    assert tirage_pondere(P, Fixe(0.0)) == 0
    assert tirage_pondere(P, Fixe(0.2499)) == 0
    assert tirage_pondere(P, Fixe(0.25)) == 1
    assert tirage_pondere(P, Fixe(0.5)) == 2
    assert tirage_pondere(P, Fixe(1.0)) == 2          # garde-fou si le hasard atteint la dernière somme
    assert tirage_pondere([0, 3, 0], Fixe(0.999)) == 1
    assert tirage_pondere([0.1] * 10, Fixe(0.95)) == 9
    for mauvais in ([1, -1, 2], [0, 0], [0.0]):
        with pytest.raises(ValueError, match="somme > 0"):
            tirage_pondere(mauvais, Fixe(0.5))
    with pytest.raises(TypeError, match="rng"):
        tirage_pondere([1, 2], 0)
    rng = np.random.default_rng(0)
    comptes = Counter(tirage_pondere([1, 3], rng) for _ in range(4000))
    assert abs(comptes[1] / 4000 - 0.75) < 0.03


@pytest.fixture
def probabilites_vues(monkeypatch):
    """Les lois P passées à tirage_pondere pendant une génération (le premier candidat est choisi)."""
    vues = []

    def espion(P, rng):
        vues.append(np.asarray(P, dtype=float))
        return 0

    monkeypatch.setattr(texte, "tirage_pondere", espion)
    return vues


OCCUR = {"le": Counter({"chat": 3, "chien": 1}), "chat": Counter({"dort": 2, "mange": 1, "joue": 1})}


@pytest.mark.parametrize("T", [0.1, 1.0, 5.0])
def test_generer_phrase_probabilites_a_la_temperature_T(T, probabilites_vues):
    assert generer_phrase(OCCUR, "le", T=T, graine=0) == "le chat dort"
    livre_1 = special.softmax(np.array([3, 1]) / 4 / T)
    livre_2 = special.softmax(np.array([2, 1, 1]) / 4 / T)
    assert len(probabilites_vues) == 2
    np.testing.assert_allclose(probabilites_vues[0], livre_1, atol=1e-12)
    np.testing.assert_allclose(probabilites_vues[1], livre_2, atol=1e-12)
    probabilites_vues.clear()
    generer_phrase(OCCUR, "le", T=T, mode="logits")
    # usuel : softmax_T(ln n_i) = n_i^(1/T) / Σ n_j^(1/T)
    np.testing.assert_allclose(probabilites_vues[0], np.array([3, 1]) ** (1 / T) / (3 ** (1 / T) + 1), atol=1e-12)


def test_generer_phrase_limites(probabilites_vues):
    assert generer_phrase(OCCUR, "le", nb_mots_max=2) == "le chat"
    assert generer_phrase(OCCUR, "le", nb_mots_max=1) == "le"
    probabilites_vues.clear()
    generer_phrase(OCCUR, "chat", nb_mots_choix=2)
    np.testing.assert_allclose(probabilites_vues[0], special.softmax(np.array([2, 1]) / 3))
    assert generer_phrase(OCCUR, "inconnu") == "inconnu"
    assert generer_phrase({"a": Counter({"a": 1})}, "a") == " ".join(["a"] * 15)


def test_generer_phrase_tirage_reproductible_et_suit_T():
    occur = {"a": Counter({"b": 3, "c": 1})}
    phrases = [generer_phrase(occur, "a", nb_mots_max=2, T=0.1, graine=g) for g in range(400)]
    # mode livre à T = 0.1 : P(b) = 1 / (1 + e^{−(0.75 − 0.25)/0.1}) = 0.9933
    assert abs(phrases.count("a b") / 400 - 1 / (1 + math.exp(-5))) < 0.02
    chaud = [generer_phrase(occur, "a", nb_mots_max=2, T=10, graine=g) for g in range(400)]
    assert abs(chaud.count("a b") / 400 - 1 / (1 + math.exp(-0.05))) < 0.08


def test_generer_phrase_trigrammes(probabilites_vues):
    occur3 = {("le", "chat"): Counter({"dort": 3, "mange": 1}), ("chat", "dort"): Counter({"bien": 1})}
    assert generer_phrase_trigrammes(occur3, "le", "chat", T=2.0) == "le chat dort bien"
    np.testing.assert_allclose(probabilites_vues[0], special.softmax(np.array([3, 1]) / 4 / 2.0), atol=1e-12)
    assert generer_phrase_trigrammes(occur3, "le", "chat", nb_mots_max=3) == "le chat dort"
    probabilites_vues.clear()
    generer_phrase_trigrammes(occur3, "le", "chat", nb_mots_choix=1, mode="logits")
    np.testing.assert_allclose(probabilites_vues[0], [1.0])
    assert generer_phrase_trigrammes({}, "a", "b") == "a b"


def test_generer_phrase_trigrammes_hasard_reproductible():
    occur3 = {("a", "b"): Counter({"c": 1, "d": 1}), ("b", "c"): Counter({"e": 1}), ("b", "d"): Counter({"e": 1})}
    phrases = {generer_phrase_trigrammes(occur3, "a", "b", graine=g) for g in range(30)}
    assert phrases == {"a b c e", "a b d e"}
    assert generer_phrase_trigrammes(occur3, "a", "b", graine=3) == generer_phrase_trigrammes(occur3, "a", "b",
                                                                                               graine=3)


@pytest.mark.parametrize("mauvais", [dict(graine=-1), dict(nb_mots_max=0), dict(nb_mots_choix=0), dict(T=0),
                                     dict(mode="autre"), dict(graine=1.5)])
def test_generer_phrase_refuse_les_mauvais_reglages(mauvais):
    with pytest.raises((ValueError, TypeError)):
        generer_phrase(OCCUR, "le", **mauvais)
    with pytest.raises((ValueError, TypeError)):
        generer_phrase_trigrammes({}, "le", "chat", **mauvais)


def test_reglages_par_defaut_et_cas_limites(tmp_path):
    phrases = [["on", "the", "cat", "sat", "The"], ["a", "the", "cat"]]
    assert mots_de(phrases) == ["on", "the", "cat", "sat", "The", "the", "cat"]       # au moins 2 lettres
    assert frequences(phrases) == Counter({"the": 2, "cat": 2, "on": 1, "sat": 1, "The": 1})   # casse gardée
    # un triplet est écarté dès que l'un des trois mots est trop court, y compris le premier
    assert dict(trigrammes(phrases)) == {("on", "the"): Counter({"cat": 1}), ("the", "cat"): Counter({"sat": 1}),
                                         ("cat", "sat"): Counter({"The": 1})}
    chemin = tmp_path / "abime.txt"
    chemin.write_bytes(b"Bon caf\xe9 ici. Fin")                 # octet invalide en UTF-8 : remplacé
    assert charger_corpus(str(chemin)) == [["Bon", "caf", "ici"], ["Fin"]]     # « � » n'est pas une lettre


def test_charger_corpus_message_sans_nltk(monkeypatch):
    monkeypatch.setitem(sys.modules, "nltk.corpus", None)         # nltk absent
    with pytest.raises(FileNotFoundError) as e:
        charger_corpus("reuters")
    assert str(e.value) == ("corpus Reuters indisponible : installez nltk puis nltk.download('reuters') et "
                            "nltk.download('punkt_tab')")


def test_charger_corpus_lit_en_utf8_quelle_que_soit_la_locale(tmp_path):
    # la docstring promet un fichier UTF-8 : même sous une locale ASCII (« C »), les accents restent
    import locale

    chemin = tmp_path / "corpus.txt"
    chemin.write_text("Le café était bon. Noël !", encoding="utf-8")
    ancienne = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C")
        phrases = charger_corpus(str(chemin))
    finally:
        locale.setlocale(locale.LC_CTYPE, ancienne)
    assert phrases == [["Le", "café", "était", "bon"], ["Noël"]]


def test_nombre_de_choix_par_defaut():
    """Par défaut, le mot suivant est tiré parmi les 10 successeurs les plus fréquents (bigrammes) et les
    20 plus fréquents (trigrammes), comme dans le livre. Successeurs à égalité (tirage uniforme parmi les
    retenus) : en 300 tirages, chacun des retenus sort et aucun autre (avec un de plus, le suivant
    sortirait avec une probabilité 1 − (20/21)³⁰⁰ > 0,9999)."""
    from collections import Counter

    from keras_facile.texte import generer_phrase, generer_phrase_trigrammes

    successeurs = Counter({f"m{i}": 1 for i in range(30)})        # à égalité : l'ordre d'insertion départage
    bigrammes = {g: generer_phrase({"a": successeurs}, "a", nb_mots_max=2, graine=g).split()[1] for g in range(300)}
    assert set(bigrammes.values()) == {f"m{i}" for i in range(10)}
    trigrammes = {g: generer_phrase_trigrammes({("a", "b"): successeurs}, "a", "b", nb_mots_max=3,
                                               graine=g).split()[2] for g in range(300)}
    assert set(trigrammes.values()) == {f"m{i}" for i in range(20)}
