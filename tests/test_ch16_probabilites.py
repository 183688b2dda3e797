"""Chapitre 16 : softmax, fonctions d'erreur (comparées à keras.losses), loi normale, dropout ; données tracées."""
import numpy as np
import pytest


def _courbe(ax, k=0):
    ligne = ax.lines[k]
    return np.asarray(ligne.get_xdata(), dtype=float), np.asarray(ligne.get_ydata(), dtype=float)


def _gauss(x, mu, sigma):
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))


def test_chapitre_16(lancer_chapitre):
    r, figures = lancer_chapitre(16)
    s = r["softmax"]
    assert s["argmax (numpy)"] == 2
    assert list(s["softmax(3, 1, 8, 6, 0)"]) == pytest.approx([0.005893, 0.000798, 0.874645, 0.118370, 0.000293],
                                                              abs=1e-6)
    assert s["écart avec keras.ops.softmax"] < 1e-6 and s["écart avec GradientTape"] < 1e-12
    assert list(s["ligne 3 du jacobien"]) == pytest.approx([-0.005155, -0.000698, 0.109641, -0.103532, -0.000257],
                                                           abs=1e-6)
    marche, sigmoide = s["fig_marches"].axes
    x, y = _courbe(marche)
    np.testing.assert_array_equal(y, np.where(x >= 0, 1.0, 0.0))                     # H(0) = 1
    x, y = _courbe(sigmoide)
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-x)))

    e = r["erreurs"]
    attendus = {"MSE": 0.08, "MAE": 0.24, "MSLE": 0.0600616, "MAE (données MSLE)": 2.25,
                "entropie croisée binaire": 0.168947, "entropie croisée catégorielle": 0.133989}
    for nom, valeur in attendus.items():
        assert e[nom] == pytest.approx(valeur, abs=1e-6), nom
        nous, keras_valeur = e["valeurs"][nom]
        assert keras_valeur == pytest.approx(nous, abs=1e-5), nom
    assert e["part de (100, 105) dans l'erreur absolue"] == pytest.approx(5 / 4 / 2.25)       # « 55 % »
    assert e["part de (100, 105) dans l'erreur log."] == pytest.approx(0.0097, abs=5e-5)     # 0.97 %, « < 1 % »

    n = r["loi-normale"]
    assert (n["µ"], n["Var"]) == (176.4, pytest.approx(61.04)) and n["σ"] == pytest.approx(7.812810, abs=1e-6)
    assert n["intervalle µ ± 2σ"] == pytest.approx([160.774, 192.026], abs=5e-4)
    assert list(n["tailles centrées réduites"]) == pytest.approx(
        [-0.563178, -1.459142, 1.356746, 0.588777, -1.203152, 0.972761, -1.075157, -0.307188, 0.460782, 1.228751],
        abs=1e-6)
    assert n["femmes : µ (m), relu sur la courbe"] == pytest.approx(1.66, abs=5e-3)
    assert n["femmes : σ² (m²), relu sur la courbe"] == pytest.approx(0.0031, abs=5e-5)
    assert n["P(|Z| < 2)"] == pytest.approx(0.9545, abs=1e-4)
    assert n["maximum de la densité N(0, 1)"] == pytest.approx(0.398942, abs=1e-6)
    # figures : la courbe rouge est N(166 cm, σ² = 31 cm²), les barres sont l'histogramme normalisé (aire 1)
    ax = n["fig_femmes"].axes[0]
    x, y = _courbe(ax)
    np.testing.assert_allclose(y, _gauss(x, 166, np.sqrt(31)), rtol=1e-9)
    hauteurs = np.array([b.get_height() for b in ax.patches])
    assert len(hauteurs) == 17 and hauteurs.sum() * 2 == pytest.approx(1.0)
    ax = n["fig_dispersions"].axes[0]
    for k, s2 in enumerate((0.5, 1, 2)):
        x, y = _courbe(ax, k)
        np.testing.assert_allclose(y, _gauss(x, 4, np.sqrt(s2)), rtol=1e-9)
    x, y = _courbe(n["fig_centree"].axes[0])
    np.testing.assert_allclose(y, _gauss(x, 0, 1), rtol=1e-9)

    d = r["dropout"]["resultats"]
    assert d["valeurs_livre"] == d["valeurs_keras"] == [0.0, 1.25] and d["test_keras"] == [1.0]
    assert d["gardes_livre"] == pytest.approx(0.8, abs=0.01) and d["gardes_keras"] == pytest.approx(0.8, abs=0.01)
    assert d["moyenne_livre"] == pytest.approx(1.0, abs=0.02)           # le facteur 1/p garde la moyenne
    attendues = ["ch16-heaviside-sigmoide", "ch16-tailles-femmes", "ch16-dispersions", "ch16-loi-normale-centree"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(attendues)
