"""Messages d'erreur en français : le nom de l'argument fautif et l'aide donnée (ticket 13, mutation)."""
import numpy as np
import pytest

from keras_facile.convolution import convolution_1d, convolution_2d, correlation_2d
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
