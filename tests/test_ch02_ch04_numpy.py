"""Chapitres 2 et 4 : les sorties imprimées des listings du livre, et les figures."""


def test_chapitre_2(lancer_chapitre):
    r, figures = lancer_chapitre(2)
    v = r["vecteurs"]
    assert v["X"] == "[1 2 3 4]" and v["type"] == "ndarray"
    assert v["arange"] == "[1.  1.5 2.  2.5 3.  3.5 4.  4.5 5.  5.5 6.  6.5 7.  7.5]"
    assert v["linspace12"].split() == ("[0. 0.09090909 0.18181818 0.27272727 0.36363636 0.45454545 0.54545455 "
                                       "0.63636364 0.72727273 0.81818182 0.90909091 1. ]").split()
    assert v["2*X"] == "[2 4 6 8]" and v["X+1"] == "[2 3 4 5]" and v["X**2"] == "[ 1  4  9 16]"
    assert v["1/X"].split() == "[1. 0.5 0.33333333 0.25 ]".split()
    assert (v["sum"], v["min"], v["max"]) == ("10", "1", "4")
    assert v["X+Y"] == "[11 13 15 17]" and v["X*Y"] == "[10 22 36 52]"
    assert v["zeros"] == "[0. 0. 0. 0. 0.]" and v["7*ones"] == "[7. 7. 7. 7. 7.]"
    assert v["linspace10"].split()[1] == "1.11111111"
    assert v["len"] == "(10, (10,))"
    f = r["fonctions"]
    assert f["sqrt"].split() == "[0. 1. 1.41421356 1.73205081 2. 2.23606798]".split()
    assert f["math_cos_erreur"] is True
    assert r["graphiques"]["legendes"] == ["k=1", "k=2", "k=3", "k=4"]
    for nom in ["ch02-cosinus", "ch02-gauss", "ch02-points", "amorti", "ch02-sigmoides"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom


def test_chapitre_4(lancer_chapitre):
    r, figures = lancer_chapitre(4)
    t = r["tableaux"]
    assert t["A"] == "[[1 2 3]\n [4 5 6]]" and t["shape"] == "(2, 3)"
    assert t["parcours"] == [1, 2, 3, 4, 5, 6]
    assert t["flatten"] == "[1 2 3 4 5 6]" and t["reshape32"] == "[[1 2]\n [3 4]\n [5 6]]"
    assert t["Z"] == ("[[0.   0.25 1.   2.25 4.  ]\n [0.25 0.5  1.25 2.5  4.25]\n [1.   1.25 2.   3.25 5.  ]\n"
                      " [2.25 2.5  3.25 4.5  6.25]\n [4.   4.25 5.   6.25 8.  ]]")
    assert t["X"].splitlines()[0] == "[[0.  0.5 1.  1.5 2. ]"
    n = r["numpy-suite"]
    assert n["non_vectorisable_erreur"] is True and n["vectorize"] == "[2.  3.  0.5]"
    assert n["1/X"].split() == "[-1. inf 1. 0.5 0.33333333]".split()
    assert n["log"].split() == "[ nan -inf 0. 0.69314718 1.09861229]".split()
    assert n["exp"].split() == "[nan 0. 1. 2. 3.]".split()
    assert n["decoupage"] == (10, 10, 10, 10.0)
    assert r["lignes-de-niveau"]["niveaux_etiquetes"] > 0
    for nom in ["ch04-introduction-30", "ch04-grille-n5", "ch04-grille-n20", "ch04-selle-n5", "ch04-selle-n20",
                "ch04-fil-de-fer", "ch04-barre-couleurs", "ch04-niveaux-10", "ch04-niveaux-etiquetes",
                "ch04-contourf", "ch04-niveaux-sous-surface"]:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom
