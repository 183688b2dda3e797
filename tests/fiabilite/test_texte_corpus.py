"""charger_corpus (issue 12) : un texte français garde ses mots entiers (« café », « était »,
« œuvre », « ça ») au lieu d'être coupé en « caf », « tait » ; les critiques IMDB (anglaises)
gardent le découpage a–z qui donne les comptes imprimés par le chapitre 17."""
import pytest

from keras_facile import texte as tx

TEXTE = ("Le café était fermé. Ça m'a déçu !\n"
         "L'œuvre de Noël ; à côté, un garçon\n"
         "Où est l’élève ? Très bien.")


def test_fichier_francais_mots_entiers(tmp_path):
    fichier = tmp_path / "francais.txt"
    fichier.write_text(TEXTE, encoding="utf-8")
    phrases = tx.charger_corpus(str(fichier))
    assert phrases == [["Le", "café", "était", "fermé"], ["Ça", "m'a", "déçu"],
                       ["L'œuvre", "de", "Noël"], ["à", "côté", "un", "garçon"],
                       ["Où", "est", "l’élève"], ["Très", "bien"]]
    freq = tx.frequences(phrases, minuscules=True)
    assert freq["café"] == 1 and freq["était"] == 1 and "caf" not in freq and "tait" not in freq
    assert tx.bigrammes(phrases)["café"]["était"] == 1


def test_chiffres_et_soulignes_ne_sont_pas_des_mots():
    assert tx.decouper_phrases("En 1984, a_b été") == [["En", "a", "b", "été"]]


def test_decoupage_ascii_des_critiques_imdb_inchange():
    """Le découpage a–z (critiques IMDB) reste celui d'avant : les comptes du chapitre 17 ne changent pas."""
    assert tx.decouper_phrases("Amélie's café.<br />It wasn't bad", ascii_seulement=True) == \
        [["Am", "lie's", "caf"], ["It", "wasn't", "bad"]]


def test_entrees_refusees_en_francais(tmp_path):
    with pytest.raises(TypeError, match=r"^texte doit être un texte \(str\), reçu 3 \(int\)"):
        tx.decouper_phrases(3)
    with pytest.raises(TypeError, match=r"^ascii_seulement doit être True ou False, reçu 'oui' \(str\)"):
        tx.decouper_phrases("a", ascii_seulement="oui")
    with pytest.raises(FileNotFoundError, match="fichier texte introuvable"):
        tx.charger_corpus(str(tmp_path / "absent.txt"))
