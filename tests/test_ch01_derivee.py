"""Le chapitre 1 : valeurs du livre (différentiation automatique, minimum, Newton et ses 1000 décimales),
et les données tracées par chaque figure."""
import math

import numpy as np
import pytest

MILLE_DECIMALES = (
    "64158883361277889241007635091944657655134912501124"
    "36376506928586847778696928448261899590708975713798"
    "41543308228265404820510270287495774377362322395030"
    "21465094177426719650916295452146089763366938104116"
    "28606533596551384853869619496157227826277315767548"
    "83017169207448098556934156362916689287996611195246"
    "16679670077293548124686871765259065725471337341531"
    "84860446462178977769897212428546914463963789526871"
    "82014556020545505584013855637728160923375212916394"
    "80860747839555773984257273946686109226799406050704"
    "02442029854177300120407410232413879663173270034106"
    "06737496780919282092017340424063011069619562088429"
    "61382086140688243128977537380423154514270094830453"
    "92228536191076596869380984898548880361175285974621"
    "54055836006657079466872481552449410810797956289034"
    "29915634432197012553305943982255082950700356942961"
    "35930373637320850012819533899529732642969005258003"
    "48542372295980181985171325034488774422768662481827"
    "78772197705070286933786368810026273023928761425717"
    "31457550215784934201074501143121549887585570334866"
)

FIGURES = ["ch01-tangente-racine", "ch01-activations", "ch01-point-le-plus-proche", "ch01-derivee-seconde",
           "ch01-newton-minimum", "ch01-newton-tangentes"]


def courbe(ax, k=0):
    """(x, y) de la k-ième courbe tracée sur les axes ``ax``."""
    ligne = ax.lines[k]
    return np.asarray(ligne.get_xdata(), dtype=float), np.asarray(ligne.get_ydata(), dtype=float)


@pytest.fixture(scope="module")
def chapitre_1(donnees_factices, cache_factice, tmp_path_factory):
    from keras_facile.lecon import executer_chapitre

    figures = tmp_path_factory.mktemp("figures_ch01")
    return executer_chapitre(1, ["--rapide", "--figures", str(figures)]), figures


def test_valeurs_du_livre(chapitre_1):
    r, figures = chapitre_1
    d = r["definition"]
    assert d["f'(1) pour f(x) = x² (h = 1e-6)"] == pytest.approx(2, abs=1e-5)
    assert d["exp'(0) (h = 1e-6)"] == pytest.approx(1, abs=1e-5)
    assert [round(t[1], 8) for t in d["taux"]] == [2.1, 2.01, 2.001, 2.0001, 2.000001]
    a = r["approximations"]
    assert a["√1.1 ≃ 1 + 0.1/2"] == 1.05 and a["sin(0.01) ≃ sin(0) + 0.01 cos(0)"] == 0.01
    assert a["√1.1 à la calculatrice"] == pytest.approx(1.0488088481701516)
    assert a["sin(0.01) à la calculatrice"] == pytest.approx(0.009999833334166664)
    assert r["formules"]["écart max formule / GradientTape"] < 1e-9
    g = r["graphe-de-calcul"]
    assert g["chasse au trésor depuis 2"] == 5 and g["6 ⊕ 7"] == 13 and g["6 ⊗ 7"] == 42
    assert g["exercice √(2 ⊗ 8 ⊕ 3²)"] == 5
    assert g["exercice_gradient"] == pytest.approx((8 / 10, 2 / 10, 6 / 10))   # (y0, x0, 2 z0) / (2 × 5)
    assert g["cos(2x²)' en 3 = −12 sin 18"] == pytest.approx(9.011846961260112)
    assert g["cos(2x²)' en 4 = −16 sin 32"] == pytest.approx(-8.82282689986705)
    assert g["exp(ln³ + 1)' en e = 3e"] == pytest.approx(3 * math.e)
    assert g["exp(ln³ + 1)' en 1"] == 0
    assert g["exp(ln³ + 1)' en 2"] == pytest.approx(2.733174950362151)
    assert g["exp·ln' en 2 = (ln 2 + 1/2) e²"] == pytest.approx(8.816231451438375)
    assert g["nombre de chemins de F(2) à x"] == 2
    assert g["ecart_tf"] < 1e-9
    s = r["derivees-sequentielles"]
    assert list(s["sequence"].values()) == pytest.approx([1, math.e ** 2, 3 * math.e ** 2, 3 * math.e])
    assert s["{{dF/dx}} = e² × 3 × 1/e = 3e"] == pytest.approx(3 * math.e)
    assert (s["n_aretes"], s["produits_naifs"]) == (20, 210)
    act = r["activations"]
    assert act["σ'(0) (taux symétrique, h = 1e-6)"] == pytest.approx(0.25, abs=1e-9)
    assert act["|σ' − σ(1 − σ)| en 1.3"] < 1e-12 and act["max |th(x) − (2σ(2x) − 1)|"] < 1e-12
    assert act["H(0)"] == 1
    m = r["minimum"]
    assert m["x0 = 22/12"] == pytest.approx(22 / 12) and m["E(x0) = 41/6"] == pytest.approx(41 / 6)
    assert m["critiques"] == pytest.approx([-1, (1 - math.sqrt(3)) / 2, (1 + math.sqrt(3)) / 2])
    assert m["f(x1), minimum local"] == pytest.approx(5)
    assert m["f(x2), maximum local"] == pytest.approx(5.348, abs=5e-4)      # f(x₂) ≈ 5.348
    assert m["x3 = (1 + √3)/2"] == pytest.approx(1.3660254037844386)
    assert m["f(x3) = (11 − 6√3)/4, minimum global"] == pytest.approx((11 - 6 * math.sqrt(3)) / 4)
    d2 = r["derivee-seconde"]
    assert d2["f''(0)"] == -4 and d2["f''(4/3)"] == pytest.approx(4) and d2["(x³)'' en −2"] == -12
    assert d2["f(4/3) = 22/27"] == pytest.approx(22 / 27)


def test_newton(chapitre_1):
    r, _ = chapitre_1
    n = r["newton"]
    suite = n["racine_cubique"]
    assert suite[1] == 7 and suite[2] == pytest.approx(262 / 49)
    assert suite[3] == pytest.approx(4.7305, abs=1e-4) and suite[4] == pytest.approx(4.6432, abs=1e-4)
    assert math.floor(suite[3] * 1e4) / 1e4 == 4.7305 and math.floor(suite[4] * 1e4) / 1e4 == 4.6432
    assert suite[5] == pytest.approx(4.641589428644892, abs=1e-14)
    assert suite[6] == pytest.approx(4.641588833612856, abs=1e-14)
    assert n["∛100 : x1 … x5"] == suite[1:6]
    assert n["mille_decimales"] == "4." + MILLE_DECIMALES
    assert n["x13 : décimales égales au livre"] == 1000
    assert [round(x, 10) for x in n["depuis_0"]] == [0, 0.5, 0.4506266931, 0.4501836476, 0.4501836113]
    assert [round(x, 10) for x in n["depuis_10"][1:]] == [
        -4.3127566512, -1.4932228819, 1.5615319504, 0.5235838839, 0.4511295428, 0.4501837766, 0.4501836113]
    assert n["ell"] == pytest.approx(0.45018361129487355, abs=1e-12)
    assert n["g_ell"] == pytest.approx(0.7675344248417844, abs=1e-12)


def test_aucun_desaccord_avec_le_livre(chapitre_1, capsys):
    """Toutes les lignes « mesuré / livre » du chapitre sont ✓ (le livre tronque ses décimales)."""
    from keras_facile.lecon import executer_chapitre

    executer_chapitre(1, ["--rapide"])
    lignes = capsys.readouterr().out.splitlines()
    assert not [l for l in lignes if l.startswith("  ✗")]
    assert sum(l.startswith("  ✓") for l in lignes) == 33   # les 33 nombres du livre comparés


def test_figures(chapitre_1):
    r, figures = chapitre_1
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(FIGURES)
    # la tangente à √x en 1 et trois sécantes qui passent par (1, 1)
    ax = r["approximations"]["fig_tangente"].axes[0]
    x, y = courbe(ax, 0)
    np.testing.assert_allclose(y, np.sqrt(x))
    x, y = courbe(ax, 1)
    np.testing.assert_allclose(y, x / 2 + 1 / 2)
    for k, x1 in zip((2, 3, 4), (3, 2, 1.5)):
        x, y = courbe(ax, k)
        np.testing.assert_allclose(np.interp([1, x1], x, y), [1, math.sqrt(x1)], atol=1e-9)
    # les six fonctions d'activation, et la tangente de σ en 0
    axes = r["activations"]["fig_activations"].axes
    x, _ = courbe(axes[0])
    attendues = [np.where(x >= 0, 1.0, 0.0), 0.5 * x + 1, np.where(x < 0, 0.2 * x, x), np.maximum(x, 0),
                 1 / (1 + np.exp(-x)), np.tanh(x)]
    for ax, y in zip(axes, attendues):
        np.testing.assert_allclose(courbe(ax)[1], y, atol=1e-7)
    np.testing.assert_allclose(courbe(axes[4], 1)[1], x / 4 + 0.5)
    # AM² = x⁴ − 3x² − 2x + 5 et ses trois points critiques
    ax = r["minimum"]["fig_plus_proche"].axes[0]
    x, y = courbe(ax)
    np.testing.assert_allclose(y, x ** 4 - 3 * x ** 2 - 2 * x + 5)
    np.testing.assert_allclose(ax.collections[0].get_offsets()[:, 0],
                               [-1, (1 - math.sqrt(3)) / 2, (1 + math.sqrt(3)) / 2])
    x, y = courbe(r["derivee-seconde"]["fig_seconde"].axes[0])
    np.testing.assert_allclose(y, x ** 3 - 2 * x ** 2 + 2)
    ax = r["newton"]["fig_minimum"].axes[0]
    x, y = courbe(ax)
    np.testing.assert_allclose(y, x ** 2 - np.sin(x) + 1)
    np.testing.assert_allclose(ax.collections[0].get_offsets()[0], [0.4501836113, 0.7675344248], atol=1e-9)
    # chaque tangente de Newton recoupe l'axe des x à l'itéré suivant : 7, puis 262/49, puis 4.7305…
    ax = r["newton"]["fig_tangentes"].axes[0]
    suite = r["newton"]["racine_cubique"]
    x, y = courbe(ax, 0)
    np.testing.assert_allclose(y, x ** 3 - 100)
    for k in range(3):
        x, y = courbe(ax, k + 1)
        pente = (y[-1] - y[0]) / (x[-1] - x[0])
        assert y[0] - pente * x[0] == pytest.approx(-pente * suite[k + 1])   # zéro de la tangente en x_{k+1}
