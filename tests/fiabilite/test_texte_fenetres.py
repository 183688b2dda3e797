"""fenetres (issue 12) : une fenêtre qui commence en d utilise les tokens d … d + K ; toutes celles
qui tiennent sont prises (avant : une de moins quand la dernière tombait juste, et un texte de
K + 1 tokens était refusé). Les fenêtres attendues sont écrites à la main."""
import numpy as np
import pytest

from keras_facile.gpt import fenetres


def test_dix_sept_tokens_deux_fenetres_de_huit():
    X, Y = fenetres(range(17), 8)
    assert X.tolist() == [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14, 15]]
    assert Y.tolist() == [[1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12, 13, 14, 15, 16]]


def test_neuf_tokens_une_fenetre_de_huit():
    X, Y = fenetres(range(9), 8)
    assert X.tolist() == [[0, 1, 2, 3, 4, 5, 6, 7]]
    assert Y.tolist() == [[1, 2, 3, 4, 5, 6, 7, 8]]


def test_pas_plus_petit_que_K():
    X, Y = fenetres([10, 11, 12, 13, 14, 15, 16], 3, pas=2)     # débuts 0, 2 ; 4 + 3 = 7 ne tient pas
    assert X.tolist() == [[10, 11, 12], [12, 13, 14]]
    assert Y.tolist() == [[11, 12, 13], [13, 14, 15]]
    X, Y = fenetres([10, 11, 12, 13, 14, 15, 16, 17], 3, pas=2)  # 8 tokens : le début 4 tient (4 + 3 = 7)
    assert X.tolist() == [[10, 11, 12], [12, 13, 14], [14, 15, 16]]
    assert Y.tolist() == [[11, 12, 13], [13, 14, 15], [15, 16, 17]]


@pytest.mark.parametrize("ids, K, pas, classe, motif", [
    (range(8), 8, None, ValueError, r"^ids doit contenir au moins K \+ 1 = 9 tokens .*, reçu 8 tokens$"),
    ([], 2, None, ValueError, r"au moins K \+ 1 = 3 tokens"),
    (range(9), 0, None, ValueError, r"^K doit être un entier ≥ 1, reçu 0 \(int\)$"),
    (range(9), 2, 0, ValueError, r"^pas doit être un entier ≥ 1, reçu 0 \(int\)$"),
    (range(9), 2.0, None, TypeError, r"^K doit être un entier ≥ 1, reçu 2.0 \(float\)$"),
    ([0.5, 1.5, 2.5], 2, None, TypeError, r"^ids doit être une suite de numéros de tokens \(entiers\)"),
    ([[1, 2], [3, 4]], 1, None, ValueError, r"^ids doit être un tableau à 1 dimension"),
])
def test_entrees_refusees_en_francais(ids, K, pas, classe, motif):
    with pytest.raises(classe, match=motif):
        fenetres(ids, K, pas)


def test_chaque_y_est_x_decale_et_le_texte_est_couvert():
    ids = np.random.default_rng(0).integers(0, 50, 103)
    for K, pas in [(10, 10), (10, 5), (7, 3), (102, 1)]:
        X, Y = fenetres(ids, K, pas)
        debuts = list(range(0, len(ids) - K, pas))                  # d + K ≤ 102
        assert len(X) == len(debuts), (K, pas)
        for x, y, d in zip(X, Y, debuts):
            assert x.tolist() == ids[d:d + K].tolist() and y.tolist() == ids[d + 1:d + K + 1].tolist()
