"""Fiabilité du petit GPT (issue 12) : generer et modele_gpt refusent en français ce qui n'a pas de
sens (température négative ou NaN, début vide, numéros de tokens hors du vocabulaire) au lieu de
tirer en glouton sans le dire ou d'échouer au fond de Keras ; fenetres prend toutes les fenêtres
qui tiennent dans le texte."""
import numpy as np
import pytest

from keras_facile.gpt import generer, modele_gpt


@pytest.fixture(scope="module")
def gpt():
    import keras

    keras.utils.set_random_seed(0)
    return modele_gpt(N=7, K=4, n=8, tetes=2, couches=1)


@pytest.mark.parametrize("T, classe, motif", [
    (-1, ValueError, r"^T doit être un nombre ≥ 0, reçu -1 \(int\)"),
    (-0.5, ValueError, r"^T doit être un nombre ≥ 0, reçu -0.5 \(float\)"),
    (float("nan"), ValueError, r"^T doit être un nombre fini, reçu nan \(float\)"),
    (float("inf"), ValueError, r"^T doit être un nombre fini, reçu inf \(float\)"),
    ("1", TypeError, r"^T doit être un nombre ≥ 0, reçu '1' \(str\)"),
])
def test_generer_refuse_une_temperature_sans_sens(gpt, T, classe, motif):
    with pytest.raises(classe, match=motif):
        generer(gpt, [1, 2], 3, T=T)


@pytest.mark.parametrize("debut, classe, motif", [
    ([], ValueError, r"^debut_ids doit être une suite de numéros de tokens dans \[0, 6\], non vide, reçu \[\] \(list\)"),
    ([1, 7], ValueError, r"^debut_ids doit .* dans \[0, 6\], reçu \[1, 7\] \(list\) ; 7 en position 1$"),
    ([-1, 2], ValueError, r"^debut_ids doit .* dans \[0, 6\], reçu \[-1, 2\] \(list\) ; -1 en position 0$"),
    (np.array([3, 999]), ValueError, r"999 en position 1$"),
    ([1.5, 2], TypeError, r"^debut_ids doit être une suite de numéros de tokens"),
    ("le chat", TypeError, r"^debut_ids doit .* reçu 'le chat' \(str\) ; codez d'abord le texte"),
])
def test_generer_refuse_un_debut_vide_ou_hors_vocabulaire(gpt, debut, classe, motif):
    with pytest.raises(classe, match=motif):
        generer(gpt, debut, 2)


def test_generer_garde_le_glouton_et_le_tirage(gpt):
    glouton = generer(gpt, [1, 2], 5, T=0)
    assert glouton[:2] == [1, 2] and len(glouton) == 7
    assert glouton == generer(gpt, np.array([1, 2]), 5, T=1e-9)          # T ≤ 1e-6 : glouton aussi
    tirage = generer(gpt, [1, 2], 5, T=1.0, graine=3)
    assert tirage == generer(gpt, [1, 2], 5, T=1.0, graine=3)           # la graine fixe le tirage
    assert all(0 <= t < 7 for t in tirage)
    with pytest.raises(ValueError, match=r"^nb_tokens doit être un entier ≥ 0, reçu -1 \(int\)"):
        generer(gpt, [1], -1)


@pytest.mark.parametrize("arguments, classe, motif", [
    ({"tetes": 0}, ValueError, r"^tetes doit être un entier ≥ 1, reçu 0 \(int\)$"),
    ({"tetes": 2.0}, TypeError, r"^tetes doit être un entier ≥ 1, reçu 2.0 \(float\)$"),
    ({"n": 0}, ValueError, r"^n doit être un entier ≥ 1, reçu 0 \(int\)$"),
    ({"couches": -1}, ValueError, r"^couches doit être un entier ≥ 0, reçu -1 \(int\)$"),
    ({"n": 30, "tetes": 4}, ValueError, r"^n doit être un multiple du nombre de têtes \(4\), reçu 30"),
])
def test_modele_gpt_refuse_en_francais(arguments, classe, motif):
    with pytest.raises(classe, match=motif):
        modele_gpt(**{"N": 10, "K": 4, "n": 16, **arguments})
