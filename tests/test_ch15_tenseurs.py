"""Chapitre 15 : tenseurs numpy (formes du livre) et GradientTape (6, [2, 4, 6, 8], f', (9, 12))."""
import pytest


def test_chapitre_15(lancer_chapitre):
    r, figures = lancer_chapitre(15)
    n = r["numpy"]
    assert n["dimensions"] == {"V": (1, (3,), 3), "M": (2, (2, 3), 6), "T": (3, (3, 2, 3), 18)}
    assert n["formes"]["flatten"] == [5, 1, 0, 3, 3, 2, 1, 1, 0, 5, 1, 7, 0, 0, 1, 8, 1, 9]
    assert n["formes"]["(2, 9)"] == [[5, 1, 0, 3, 3, 2, 1, 1, 0], [5, 1, 7, 0, 0, 1, 8, 1, 9]]
    assert n["formes"]["(2, 3, 3)"] == [[[5, 1, 0], [3, 3, 2], [1, 1, 0]], [[5, 1, 7], [0, 0, 1], [8, 1, 9]]]
    assert n["formes"]["(9, -1)"] == [[5, 1], [0, 3], [3, 2], [1, 1], [0, 5], [1, 7], [0, 0], [1, 8], [1, 9]]
    assert n["concatenations"][0] == [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]
    assert n["T[1,1,2]"] == 7 and n["M*MM"] == [[6, 0, 6], [12, 10, 24]]
    assert n["concatenations"][1] == [[1, 2, 3, 7, 8, 9], [4, 5, 6, 10, 11, 12]]
    m = r["memoire"]
    assert m["une image CIFAR-10 (32, 32, 3)"][0] == 3072
    assert m["CIFAR-10, entraînement (50000, 32, 32, 3)"][1] == 153_600_000     # 153.6 Mo
    g = r["gradienttape"]
    assert g["derivee"] == 6.0 and g["vecteur"] == [2, 4, 6, 8]
    assert g["f_prime"] == pytest.approx([1.6321206, 1.1102033, 0.8646647, 0.717915, 0.6168796, 0.5412312], abs=1e-6)
    assert g["f"] == pytest.approx([0.368, 1.034, 1.522, 1.915, 2.247, 2.536], abs=1e-3)
    assert g["gradient"] == (9.0, 12.0)
    assert r["champ-de-gradient"]["ecart"] < 1e-5
    for nom in ["ch15-f-et-derivee", "ch15-champ-gradient"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
