"""Chapitres 2 et 4 : les sorties imprimées des listings du livre, et les données tracées par les figures."""
import numpy as np
import pytest


def courbe(ax, k=0):
    """(x, y) de la k-ième courbe tracée sur les axes ``ax``."""
    ligne = ax.lines[k]
    return np.asarray(ligne.get_xdata(), dtype=float), np.asarray(ligne.get_ydata(), dtype=float)


def test_chapitre_2(lancer_chapitre, capsys):
    r, figures = lancer_chapitre(2)
    sortie = capsys.readouterr().out
    assert "comparaisons avec le livre : 18 ✓, 0 ✗" in sortie
    v = r["vecteurs"]
    assert v["print(X)"] == "[1 2 3 4]" and v["type(X)"] == "numpy.ndarray"
    assert v["np.arange(1,8,0.5)"] == "[1. 1.5 2. 2.5 3. 3.5 4. 4.5 5. 5.5 6. 6.5 7. 7.5]"
    assert v["np.linspace(0,1,num=12)"] == ("[0. 0.09090909 0.18181818 0.27272727 0.36363636 0.45454545 "
                                            "0.54545455 0.63636364 0.72727273 0.81818182 0.90909091 1.]")
    assert v["2*X"] == "[2 4 6 8]" and v["X+1"] == "[2 3 4 5]" and v["X**2"] == "[1 4 9 16]"
    assert v["1/X"] == "[1. 0.5 0.33333333 0.25]"
    assert (v["np.sum(X)"], v["np.min(X)"], v["np.max(X)"]) == (10, 1, 4)
    assert v["X+Y"] == "[11 13 15 17]" and v["X*Y"] == "[10 22 36 52]"
    assert v["np.zeros(5)"] == "[0. 0. 0. 0. 0.]" and v["7*X avec X = np.ones(5)"] == "[7. 7. 7. 7. 7.]"
    assert v["np.linspace(1,2,num=10)"].split()[1] == "1.11111111"
    assert (len(v["X"]), v["X"][1]) == (10, pytest.approx(10 / 9))
    f = r["fonctions"]
    assert f["np.sqrt(X)"] == "[0. 1. 1.41421356 1.73205081 2. 2.23606798]"
    assert f["X**2"] == "[0 1 4 9 16 25]"
    assert f["math_cos_erreur"] is True
    # les figures : ce qui est tracé
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(
        ["ch02-cosinus", "ch02-gauss", "ch02-points", "amorti", "ch02-sigmoides"])
    x, y = courbe(r["introduction"]["fig_cosinus"].axes[0])
    assert len(x) == 100 and (x[0], x[-1]) == (0, 10)
    np.testing.assert_allclose(y, np.cos(x))
    x, y = courbe(r["graphiques"]["fig_gauss"].axes[0])
    assert len(x) == 100 and (x[0], x[-1]) == (-3, 3)
    np.testing.assert_allclose(y, np.exp(-x ** 2))
    points = r["graphiques"]["fig_points"].axes
    X, Y = [0, 1, 2, 3, 4, 5], [0, 1, 4, 1, 3, 2]
    for ax in points[:2]:
        assert courbe(ax)[0].tolist() == X and courbe(ax)[1].tolist() == Y
    assert points[1].lines[0].get_linewidth() == 3 and points[1].lines[0].get_color() == "red"
    assert not points[2].lines and points[2].collections[0].get_offsets().tolist() == [list(p) for p in zip(X, Y)]
    ax = r["graphiques"]["fig_amorti"].axes[0]
    assert ax.get_title() == "Amorti" and ax.get_xlim() == (0, 5) and ax.xaxis.get_gridlines()[0].get_visible()
    x, y = courbe(ax)
    np.testing.assert_allclose(y, np.exp(-x) * np.cos(2 * np.pi * x))
    ax = r["graphiques"]["fig_sigmoides"].axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["k=1", "k=2", "k=3", "k=4"]
    for k in range(1, 5):
        x, y = courbe(ax, k - 1)
        np.testing.assert_allclose(y, 1 / (1 + np.exp(-k * x)))


def test_chapitre_4(lancer_chapitre, capsys):
    r, figures = lancer_chapitre(4)
    assert "comparaisons avec le livre : 9 ✓, 0 ✗" in capsys.readouterr().out
    t = r["tableaux"]
    assert t["print(A)"] == "[[1 2 3] [4 5 6]]" and t["np.shape(A)"] == (2, 3)
    # le tableau np.sqrt(A) imprimé par le livre : [[1. 1.41421356 1.73205081] / [2. 2.23606798 2.44948974]]
    assert t["np.sqrt(A)"] == "[[1. 1.41421356 1.73205081] [2. 2.23606798 2.44948974]]"
    assert t["parcours"] == [1, 2, 3, 4, 5, 6]
    assert t["X = A.flatten()"] == "[1 2 3 4 5 6]" and t["X.reshape((3,2))"] == "[[1 2] [3 4] [5 6]]"
    assert t["Z = f(X,Y)"] == ("[[0. 0.25 1. 2.25 4.] [0.25 0.5 1.25 2.5 4.25] [1. 1.25 2. 3.25 5.] "
                               "[2.25 2.5 3.25 4.5 6.25] [4. 4.25 5. 6.25 8.]]")
    n = r["numpy-suite"]
    assert n["non_vectorisable_erreur"] is True
    assert n["vec_valeur_absolue"](np.array([-2, 3, -0.5])).tolist() == [2, 3, 0.5]
    assert n["1/X"] == "[-1. inf 1. 0.5 0.33333333]"
    assert n["Y = np.log(X)"] == "[nan -inf 0. 0.69314718 1.09861229]"
    assert n["np.exp(Y)"] == "[nan 0. 1. 2. 3.]"
    assert n["decoupage"] == (10, 10, 10, 10.0)

    # les figures : ce qui est tracé
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(
        ["ch04-introduction-30", "ch04-introduction-5", "ch04-introduction-niveaux", "ch04-grille-n5",
         "ch04-grille-n20", "ch04-selle-n5", "ch04-selle-n10", "ch04-selle-n20", "ch04-fil-de-fer",
         "ch04-barre-couleurs", "ch04-sinus-rayon", "ch04-niveaux-10", "ch04-niveaux-etiquetes", "ch04-contourf",
         "ch04-niveaux-sous-surface"])
    s = r["surfaces"]
    ax = s["fig_sinus"].axes[0]                                  # sin(√(x² + y²)) sur [-6, 6]²
    X, Y = np.meshgrid(np.linspace(-6, 6, 50), np.linspace(-6, 6, 50))
    assert (ax.zz_dataLim.x0, ax.zz_dataLim.x1) == pytest.approx((np.sin(np.hypot(X, Y)).min(), 1), abs=1e-3)
    assert (ax.elev, ax.azim) == (40, -120)
    # la dernière selle du listing 4.1 (n = 20) : z = x² − y² sur la grille 20 × 20 de [-2, 2]²
    ax = s["fig"].axes[0]
    X, Y = np.meshgrid(np.linspace(-2, 2, 20), np.linspace(-2, 2, 20))
    np.testing.assert_array_equal(s["Z"], X ** 2 - Y ** 2)
    assert (ax.elev, ax.azim) == (30, -70)
    assert (ax.zz_dataLim.x0, ax.zz_dataLim.x1) == (s["Z"].min(), s["Z"].max())
    assert tuple(ax.xy_dataLim.bounds) == (-2, -2, 4, 4)
    fil = s["fig_fil_de_fer"].axes[0]
    X, Y = np.meshgrid(np.linspace(-3, 3, 20), np.linspace(-3, 3, 20))
    Z = 1 / (2 + X ** 2 + Y ** 2)
    assert (fil.zz_dataLim.x0, fil.zz_dataLim.x1) == pytest.approx((Z.min(), Z.max()))
    couleurs = s["fig_couleurs"]
    assert len(couleurs.axes) == 2                                                    # la surface et sa barre
    surface = s["surface"]
    assert surface.colorbar is not None and surface.colorbar.ax is couleurs.axes[1]
    assert surface.get_cmap().name == "hot"
    ax = couleurs.axes[0]
    assert (ax.zz_dataLim.x0, ax.zz_dataLim.x1) == pytest.approx((0, 6))                # |x| + |y| de 0 à 6
    ln = r["lignes-de-niveau"]
    trace = ln["trace"]
    assert trace.levels.tolist() == list(range(-5, 5))
    assert ln["etiquettes"] and {float(e.get_text().replace("−", "-")) for e in ln["etiquettes"]} <= set(range(-5, 5))
    zones = [c for c in ln["fig_contourf"].axes[0].collections if hasattr(c, "levels")][0]
    assert zones.filled and zones.levels == pytest.approx(np.linspace(-1, 1, 11))
    sous = ln["fig_sous_surface"].axes[0]
    assert (sous.zz_dataLim.x0, sous.zz_dataLim.x1) == pytest.approx((1, 3), abs=1e-3)  # cos x sin y + 2
