"""Chapitre 15 : tenseurs numpy (formes du livre) et GradientTape (6, [2, 4, 6, 8], f', (9, 12)), figures tracées."""
import numpy as np
import pytest


def test_chapitre_15(lancer_chapitre):
    r, figures = lancer_chapitre(15)
    n = r["numpy"]
    assert n["dimensions"] == {"V": (1, (3,), 3), "M": (2, (2, 3), 6), "T": (3, (3, 2, 3), 18)}
    assert n["T : ndim, shape, size"] == (3, (3, 2, 3), 18)
    assert n["formes"]["flatten"].tolist() == [5, 1, 0, 3, 3, 2, 1, 1, 0, 5, 1, 7, 0, 0, 1, 8, 1, 9]
    assert n["formes"]["(2, 9)"].tolist() == [[5, 1, 0, 3, 3, 2, 1, 1, 0], [5, 1, 7, 0, 0, 1, 8, 1, 9]]
    assert n["formes"]["(2, 3, 3)"].tolist() == [[[5, 1, 0], [3, 3, 2], [1, 1, 0]], [[5, 1, 7], [0, 0, 1], [8, 1, 9]]]
    assert n["formes"]["(9, -1)"].tolist() == [[5, 1], [0, 3], [3, 2], [1, 1], [0, 5], [1, 7], [0, 0], [1, 8], [1, 9]]
    assert n["concatenations"][0].tolist() == [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]
    assert n["concatenations"][1].tolist() == [[1, 2, 3, 7, 8, 9], [4, 5, 6, 10, 11, 12]]
    assert n["T[1, 1, 2]"] == 7 and n["produit"].tolist() == [[6, 0, 6], [12, 10, 24]]

    m = r["memoire"]
    assert m["éléments d'une image 28 × 28"] == 784 and m["éléments d'une image 32 × 32 × 3"] == 3072
    assert m["CIFAR-10 entraînement, en Mo"] == pytest.approx(153.6)                 # 153 600 000 octets
    assert m["tailles"]["CIFAR-10 en float32 après /255"][1] == 4 * 153_600_000

    g = r["gradienttape"]
    assert g["dérivée de x² en 3"] == 6.0 and g["dérivée de x² en [1, 2, 3, 4]"].tolist() == [2, 4, 6, 8]
    assert g["f'(x)"] == pytest.approx([1.6321206, 1.1102033, 0.8646647, 0.717915, 0.6168796, 0.5412312], abs=1e-6)
    assert list(g["valeurs"]) == pytest.approx([0.368, 1.034, 1.522, 1.915, 2.247, 2.536], abs=1e-3)
    assert list(g["f(1), f(1.5)"]) == pytest.approx([0.367879, 1.034061], abs=1e-5)              # « 0.367, 1.034 »
    assert g["gradient de x y² en (2, 3)"] == (9.0, 12.0)
    # la figure trace f et f' = 2/x − e^(−x) sur [1, 4]
    f_trace, derivee_tracee = g["fig_derivee"].axes[0].lines
    t = np.asarray(f_trace.get_xdata())
    assert t[0] == pytest.approx(1.0) and t[-1] == pytest.approx(3.99, abs=1e-4)
    np.testing.assert_allclose(f_trace.get_ydata(), 2 * np.log(t) + np.exp(-t), atol=1e-5)
    np.testing.assert_allclose(derivee_tracee.get_ydata(), 2 / t - np.exp(-t), atol=1e-5)

    c = r["champ-de-gradient"]
    assert c["écart avec le gradient exact (2x, −2y)"] < 1e-5
    # les flèches dessinées sont le gradient (2x, −2y), une tous les 10 points de la grille
    fleches = [col for col in c["fig_champ"].axes[0].collections if hasattr(col, "U")][0]
    X = c["X"].numpy()[::10, ::10].ravel()
    Y = c["Y"].numpy()[::10, ::10].ravel()
    np.testing.assert_allclose(np.asarray(fleches.U).ravel(), 2 * X, atol=1e-5)
    np.testing.assert_allclose(np.asarray(fleches.V).ravel(), -2 * Y, atol=1e-5)
    assert sorted(p.stem for p in figures.glob("*.png")) == ["ch15-champ-gradient", "ch15-f-et-derivee"]
