"""Messages d'erreur en français : le nom de l'argument fautif et l'aide donnée (ticket 13, mutation)."""
import numpy as np
import pytest

from keras_facile.convolution import convolution_1d, convolution_2d, correlation_1d, correlation_2d
from keras_facile.descente import descente, descente_stochastique, meilleur_pas
from keras_facile.probabilites import dropout_livre, normaliser
from keras_facile.texte import generer_phrase, tirage_pondere

carre = lambda x: x ** 2
grad = lambda x: 2 * x


@pytest.mark.parametrize("appel, erreur, motif", [
    (lambda: descente(carre, grad, [], delta=0.1, n=1), ValueError, r"^P0 .*P0 est le point de départ"),
    (lambda: descente(carre, grad, 1.0, delta=0, n=1), ValueError,
     r"^delta .*delta est le pas δ, un nombre ou une fonction k ↦ δ_k"),
    (lambda: descente(carre, grad, 1.0, delta=0.1, n=1, moment=2), ValueError, r"^moment .*moment est le coefficient µ"),
    (lambda: descente_stochastique(carre, grad, 0, 1.0, 0.1, 1), ValueError, r"^N .*N est le nombre de données"),
    (lambda: descente_stochastique("e", grad, 2, 1.0, 0.1, 1), TypeError, r"^erreur "),
    (lambda: meilleur_pas(carre, grad, []), ValueError, r"^P .*P est le point où l'on cherche le pas"),
    (lambda: meilleur_pas(carre, grad, 1.0, candidats=[[0.1]]), ValueError,
     r"^candidats .*une liste de pas δ à essayer, par exemple np\.arange\(0\.001, 1, 0\.001\)"),
    (lambda: meilleur_pas(carre, grad, 1.0, candidats=[0.1, -2]), ValueError, r"reçu .*-2"),
    (lambda: normaliser([]), ValueError, r"^Y doit"),
    (lambda: normaliser([1, 2], a="x"), TypeError, r"^a doit"),
    (lambda: dropout_livre([1.0], 2), ValueError, r"^p .*p est la probabilité de garder un neurone"),
    (lambda: convolution_1d([1, 2], []), ValueError, r"^g est vide"),
    (lambda: convolution_2d([[1, 2]], [1]), ValueError, r"^M doit"),
    (lambda: correlation_2d([[1, 2]], [1]), ValueError, r"^M doit"),
    (lambda: correlation_2d([1, 2], [[1]]), ValueError, r"^A doit"),
    (lambda: generer_phrase({}, "a", T=0), ValueError, r"^T .*T est la température \(T → 0 : le plus fréquent\)"),
    (lambda: tirage_pondere([1, 2], object()), TypeError, r"par exemple np\.random\.default_rng\(0\)"),
    (lambda: tirage_pondere([[1, 2]], np.random.default_rng(0)), ValueError, r"^P "),
    (lambda: tirage_pondere([], np.random.default_rng(0)), ValueError, r"^P doit être un tableau non vide"),
], ids=range(19))
def test_message_nomme_l_argument_et_aide(appel, erreur, motif):
    with pytest.raises(erreur, match=motif):
        appel()


@pytest.mark.parametrize("appel, erreur, message", [
    (lambda: descente(carre, grad, [], delta=0.1, n=1), ValueError,
     "P0 doit être un tableau non vide, reçu un tableau de forme (0,) (float64) ; P0 est le point de départ"),
    (lambda: descente(carre, grad, 1.0, delta=0, n=1), ValueError,
     "delta doit être un nombre > 0, reçu 0 (int) ; delta est le pas δ, un nombre ou une fonction k ↦ δ_k"),
    (lambda: descente(carre, grad, 1.0, delta=0.1, n=1, moment=2), ValueError,
     "moment doit être un nombre de [0, 1[, reçu 2 (int) ; moment est le coefficient µ"),
    (lambda: descente_stochastique(carre, grad, 0, 1.0, 0.1, 1), ValueError,
     "N doit être un entier ≥ 1, reçu 0 (int) ; N est le nombre de données"),
    (lambda: descente_stochastique("e", grad, 2, 1.0, 0.1, 1), TypeError, "erreur doit être une fonction, reçu 'e' (str)"),
    (lambda: meilleur_pas(carre, grad, []), ValueError,
     "P doit être un tableau non vide, reçu un tableau de forme (0,) (float64) ; P est le point où l'on cherche le pas"),
    (lambda: meilleur_pas(carre, grad, None), TypeError,
     "P doit être un tableau de nombres, reçu None (NoneType) ; P est le point où l'on cherche le pas"),
    (lambda: meilleur_pas(carre, grad, 1.0, candidats=[[0.1]]), ValueError,
     "candidats doit être un tableau à 0 ou 1 dimension(s), reçu un tableau de forme (1, 1) (float64) ; une liste de "
     "pas δ à essayer, par exemple np.arange(0.001, 1, 0.001)"),
    (lambda: meilleur_pas(carre, grad, 1.0, candidats=[0.1, -2]), ValueError,
     "candidats doit contenir des pas δ > 0, reçu un tableau de forme (2,) (float64) ; premier pas fautif : -2"),
    (lambda: meilleur_pas(lambda x: "a", grad, 1.0, candidats=[0.1, 0.2]), TypeError,
     "f(P − 0.1 grad f(P)) doit être un nombre réel, reçu 'a' (str)"),
    (lambda: generer_phrase({}, "a", T=0), ValueError,
     "T doit être un nombre > 0, reçu 0 (int) ; T est la température (T → 0 : le plus fréquent)"),
    (lambda: tirage_pondere([[1, 2]], np.random.default_rng(0)), ValueError,
     "P doit être un tableau à 1 dimension(s), reçu un tableau de forme (1, 2) (float64) ; des poids ≥ 0 de somme > 0"),
    (lambda: tirage_pondere([], np.random.default_rng(0)), ValueError,
     "P doit être un tableau non vide, reçu un tableau de forme (0,) (float64) ; des poids ≥ 0 de somme > 0"),
    (lambda: normaliser([]), ValueError, "Y doit être un tableau non vide, reçu un tableau de forme (0,) (float64)"),
    (lambda: dropout_livre([1.0], 2), ValueError,
     "p doit être un nombre de ]0, 1], reçu 2 (int) ; p est la probabilité de garder un neurone"),
    (lambda: convolution_2d([[1, 2]], [1]), ValueError, "M doit être une matrice (2 dimensions), reçu un tableau de forme (1,)"),
    (lambda: correlation_2d([1, 2], [[1]]), ValueError, "A doit être une matrice (2 dimensions), reçu un tableau de forme (2,)"),
], ids=range(17))
def test_message_complet(appel, erreur, message):
    # le message entier, mot pour mot : nom de l'argument, valeur reçue et aide
    with pytest.raises(erreur) as e:
        appel()
    assert str(e.value) == message


@pytest.mark.parametrize("appel, erreur, message", [
    (lambda: descente(carre, grad, 1.0, delta=lambda k: -1, n=1), ValueError,
     "delta(0) doit être un nombre > 0, reçu -1 (int) ; la fonction delta doit renvoyer des pas δ_k > 0"),
    (lambda: descente(carre, "g", 1.0, 0.1, 1), TypeError, "grad doit être une fonction, reçu 'g' (str)"),
    (lambda: meilleur_pas(carre, "g", 1.0), TypeError, "grad doit être une fonction, reçu 'g' (str)"),
    (lambda: descente_stochastique(carre, "g", 2, 1.0, 0.1, 1), TypeError,
     "grad_local doit être une fonction, reçu 'g' (str)"),
    (lambda: correlation_1d([1, 2], [[1]]), ValueError, "g doit être une liste (1 dimension), reçu un tableau de forme (1, 1)"),
], ids=range(5))
def test_message_complet_fonctions_et_motifs(appel, erreur, message):
    with pytest.raises(erreur) as e:
        appel()
    assert str(e.value) == message
