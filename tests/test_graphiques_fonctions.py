"""keras_facile.graphiques_fonctions : ce que les surfaces tracent, et les mauvaises entrées refusées."""
import matplotlib.contour
import matplotlib.pyplot as plt
import numpy as np
import pytest

from keras_facile.graphiques_fonctions import graphique_surface, graphique_surface_quadratique

X, Y = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 3, 5))
Z = X ** 2 + Y


def lignes_de_niveau(ax):
    return [c for c in ax.collections if isinstance(c, matplotlib.contour.ContourSet)]


def hauteurs_des_lignes(ensemble):
    """Les hauteurs z des courbes de niveau tracées dans l'espace (attribut interne de Matplotlib)."""
    sommets = getattr(ensemble, "_3dverts_codes", None)
    if sommets is None:
        pytest.skip("cette version de Matplotlib ne garde pas les sommets 3D des lignes de niveau")
    return np.unique(np.concatenate([np.asarray(s[0])[:, 2] for s in sommets]))


def test_surface_trace_z_sur_la_grille():
    fig = graphique_surface(X, Y, Z, (15, -60), zlim=(-2, 8), cmap="viridis", afficher=False)
    ax = fig.axes[0]
    assert len(fig.axes) == 1 and (ax.elev, ax.azim) == (15, -60)
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_zlabel()) == ("axe x", "axe y", "axe z")
    assert ax.get_zlim() == pytest.approx((-2, 8))
    # la surface couvre la grille et les valeurs de Z, de min Z = -1 à max Z = 7
    assert tuple(ax.xy_dataLim.bounds) == pytest.approx((-2, -1, 4, 4))
    assert (ax.zz_dataLim.x0, ax.zz_dataLim.x1) == pytest.approx((Z.min(), Z.max()))
    assert not lignes_de_niveau(ax)
    plt.close(fig)


def test_surface_avec_lignes_de_niveau():
    fig = graphique_surface(X, Y, Z, niveaux=[0.5, 1, 2], couleurs="blue", afficher=False)
    (niveaux,) = lignes_de_niveau(fig.axes[0])
    assert niveaux.levels.tolist() == [0.5, 1, 2]
    assert hauteurs_des_lignes(niveaux).tolist() == [0.5, 1, 2]        # chacune à sa hauteur
    plt.close(fig)
    fig = graphique_surface(X, Y, Z, niveaux=[1, 2], decalage=-3, afficher=False)
    (niveaux,) = lignes_de_niveau(fig.axes[0])
    assert hauteurs_des_lignes(niveaux).tolist() == [-3]                # toutes « au sol », en z = -3
    plt.close(fig)


def test_surface_quadratique_quatre_regards():
    niveaux = np.array([-2, -1, 0, 1, 2])
    selle = X ** 2 - Y ** 2
    fig = graphique_surface_quadratique(X, Y, selle, niveaux, (15, -120), afficher=False)
    surface, tranches, courbes, plan = fig.axes
    for ax in (surface, tranches, courbes):
        assert (ax.elev, ax.azim) == (15, -120)
    for ax in (surface, courbes):
        assert (ax.zz_dataLim.x0, ax.zz_dataLim.x1) == pytest.approx((selle.min(), selle.max()))
    assert lignes_de_niveau(courbes)[0].levels.tolist() == niveaux.tolist()
    (dans_le_plan,) = lignes_de_niveau(plan)
    assert dans_le_plan.levels.tolist() == niveaux.tolist()
    assert list(dans_le_plan.linestyles) == ["dotted", "dotted", "solid", "solid", "solid"]
    assert plan.get_aspect() == 1.0
    plt.close(fig)


@pytest.mark.parametrize("appel, message", [
    (lambda: graphique_surface(X, Y, Z[:, :3], afficher=False), r"X et Z doivent avoir la même forme, reçu \(5, 7\) et \(5, 3\)"),
    (lambda: graphique_surface(X.ravel(), Y.ravel(), Z.ravel(), afficher=False), "X doit être un tableau à 2 dimension"),
    (lambda: graphique_surface(X[:1], Y[:1], Z[:1], afficher=False), "X doit être un tableau d'au moins 2 × 2"),
    (lambda: graphique_surface(X, Y, "z", afficher=False), "Z doit être un tableau de nombres, reçu 'z'"),
    (lambda: graphique_surface(X, Y + np.nan, Z, afficher=False), "Y doit être un tableau de nombres finis"),
    (lambda: graphique_surface(X, Y, Z, vue=30, afficher=False), r"vue doit être un couple \(élévation, azimut\)"),
    (lambda: graphique_surface(X, Y, Z, vue=(True, 3), afficher=False), r"vue\[0\] \(élévation\) doit être un nombre"),
    (lambda: graphique_surface(X, Y, Z, niveaux=[2, 1], afficher=False), "niveaux doit être une liste strictement croissante"),
    (lambda: graphique_surface(X, Y, Z, niveaux=[], afficher=False), "niveaux doit être un tableau non vide"),
    (lambda: graphique_surface(X, Y, Z, zlim=(0, 1, 2), afficher=False), r"zlim doit être un couple \(zmin, zmax\)"),
    (lambda: graphique_surface(X, Y, Z, zlim=(1, 0), afficher=False), "zmin et zmax doivent vérifier zmin < zmax"),
    (lambda: graphique_surface(X, Y, Z, niveaux=[1], decalage="sol", afficher=False), "decalage doit être un nombre"),
    (lambda: graphique_surface_quadratique(X, Y, Z, None, afficher=False), "niveaux est obligatoire"),
])
def test_entrees_refusees(appel, message):
    ouvertes = len(plt.get_fignums())
    with pytest.raises((ValueError, TypeError), match=message):
        appel()
    assert len(plt.get_fignums()) == ouvertes          # aucune figure à moitié faite
