"""Le chapitre 1 : valeurs du livre (différentiation automatique, minimum, Newton et ses 1000 décimales)."""
import math

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


def test_chapitre_1(lancer_chapitre):
    r, figures = lancer_chapitre(1)
    h, taux_carre, taux_exp = r["definition"]["taux"][-1]
    assert taux_carre == pytest.approx(2, abs=1e-5) and taux_exp == pytest.approx(1, abs=1e-5)
    assert r["approximations"]["√1.1"] == (1.05, pytest.approx(1.0488088481701516))
    assert r["approximations"]["sin(0.01)"][1] == pytest.approx(0.009999833334166664)
    assert r["formules"]["ecart_max"] < 1e-9
    g = r["graphe-de-calcul"]
    assert g["chasse"] == 5 and g["6⊕7"] == 13 and g["6⊗7"] == 42 and g["exercice"] == 5
    assert g["cos(2x²)'(3)"] == pytest.approx(9.011846961260112)
    assert g["cos(2x²)'(4)"] == pytest.approx(-8.82282689986705)
    assert g["exp(ln³+1)'(e)"] == pytest.approx(3 * math.e)
    assert g["exp(ln³+1)'(1)"] == 0
    assert g["exp(ln³+1)'(2)"] == pytest.approx(2.733174950362151)
    assert g["exp·ln'(2)"] == pytest.approx(8.816231451438375) and g["exp·ln_chemins"] == 2
    assert g["ecart_tf"] < 1e-9
    s = r["derivees-sequentielles"]["sequence"]
    assert list(s.values()) == pytest.approx([1, math.e ** 2, 3 * math.e ** 2, 3 * math.e])
    a = r["activations"]
    assert a["σ'(0)"] == pytest.approx(0.25) and a["th(x) = 2σ(2x) − 1"] < 1e-12 and a["H(0)"] == 1
    m = r["minimum"]
    assert m["x0"] == pytest.approx(22 / 12) and m["E(x0)"] == pytest.approx(41 / 6)
    assert m["critiques"] == pytest.approx([-1, (1 - math.sqrt(3)) / 2, (1 + math.sqrt(3)) / 2])
    assert m["f_critiques"][0] == pytest.approx(5) and m["f_critiques"][2] == pytest.approx((11 - 6 * math.sqrt(3)) / 4)
    d2 = r["derivee-seconde"]
    assert d2["f''(0)"] == -4 and d2["f''(4/3)"] == pytest.approx(4) and d2["(x³)''(−2)"] == -12
    assert d2["f(4/3)"] == pytest.approx(22 / 27)
    n = r["newton"]
    assert n["racine_cubique"][1] == 7 and n["racine_cubique"][2] == pytest.approx(262 / 49)
    assert n["racine_cubique"][5] == pytest.approx(4.641589428644892, abs=1e-14)
    assert n["racine_cubique"][6] == pytest.approx(4.641588833612856, abs=1e-14)
    assert n["mille_decimales"] == "4." + MILLE_DECIMALES
    assert [round(x, 10) for x in n["depuis_0"]] == [0, 0.5, 0.4506266931, 0.4501836476, 0.4501836113]
    assert [round(x, 10) for x in n["depuis_10"][1:4]] == [-4.3127566512, -1.4932228819, 1.5615319504]
    assert n["ell"] == pytest.approx(0.45018361129487355, abs=1e-12)
    assert n["g(ell)"] == pytest.approx(0.7675344248417844, abs=1e-12)
    for nom in ["ch01-tangente-racine", "ch01-activations", "ch01-point-le-plus-proche", "ch01-derivee-seconde",
                "ch01-newton-minimum", "ch01-newton-tangentes"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
