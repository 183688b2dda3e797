"""Chapitre 11 exécuté en mode rapide : les valeurs du livre et les figures."""
import numpy as np
import pytest


@pytest.fixture(scope="module")
def chapitre11(tmp_path_factory, tracer_figures):
    from keras_facile.lecon import executer_chapitre

    figures = tmp_path_factory.mktemp("figures_ch11")
    with tracer_figures() as tracees:
        r = executer_chapitre(11, ["--rapide", "--figures", str(figures)])
    return r, figures, tracees


def test_valeurs_du_livre(chapitre11):
    r, _, _ = chapitre11
    idee = r["idee"]
    assert idee["[1,0,3,5,1] ⋆ [1,2,3]"] == [2, 6, 11, 20, 17]
    assert idee["[-1,5,7,3,2] ⋆ [4,5]"] == [-4, 15, 53, 47, 23]
    assert idee["… identique à np.convolve"] is True and idee["… motif pair : identique à np.convolve"] is True
    ex = r["exemples"]
    assert ex["f ⋆ (1/3)[1,1,1], arrondi"].tolist() == [2.00, 2.33, 2.33, 3.33, 3.33, 3.00, 1.33]
    assert ex["m3"] == pytest.approx([2, 7 / 3, 7 / 3, 10 / 3, 10 / 3, 3, 4 / 3])
    assert ex["f ⋆ (1/5)[1,1,1,1,1]"] == pytest.approx([1.4, 2.2, 3.2, 2.6, 2.8, 2.6, 1.8])
    assert ex["[1..9] ⋆ [2]"] == [2, 4, 6, 8, 10, 12, 14, 16, 18]
    assert ex["[1..9] ⋆ [0,0,1]"] == [0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert ex["[16,9,4,1,0,1,4,9,16] ⋆ [0,1,-1]"] == [16, -7, -5, -3, -1, 1, 3, 5, 7]
    assert ex["… identiques à np.convolve"] is True
    # le lissage rapproche les termes voisins, d'autant plus avec 5 termes
    entree, lisse3, lisse5 = ex["ecarts_voisins"]
    assert lisse5 < lisse3 < entree
    # la dérivée d'un sinus par [0, 1, −1] est un cosinus × 2π/100 (loin des bords)
    k = np.arange(100)
    np.testing.assert_allclose(ex["d"][1:], 2 * np.sin(np.pi / 100) * np.cos(2 * np.pi * k[1:] / 100 - np.pi / 100),
                               atol=1e-12)
    assert r["reseau"]["poids de la couche dense (n = 100)"] == 10000
    assert r["reseau"]["poids de la couche de convolution"] == 3
    assert r["reseau"]["ecart_keras"] < 1e-5
    d = r["definition"]
    assert d["f ⋆̃ g (convolution étendue)"] == [1, 2, 6, 11, 20, 17, 3]
    assert d["terme de rang 0"] == 2 and d["terme de rang 1"] == 6
    assert d["… identique à np.convolve 'full'"] is True
    assert d["f ⋆̃ g = g ⋆̃ f"] is True
    assert d["tronquee"].tolist() == [2, 6, 11, 20, 17]


def test_figures(chapitre11):
    _, figures, tracees = chapitre11
    noms = ["ch11-moyenne-3", "ch11-lissage-3", "ch11-lissage-5", "ch11-derivee-sinus", "ch11-couches"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(noms)
    assert sorted(tracees) == sorted(noms)
    # les données tracées : l'entrée (en haut) et la convolution calculée par NumPy (en bas)
    entree_sortie = {
        "ch11-moyenne-3": (np.array([4, 2, 1, 4, 5, 1, 3]), [2, 7 / 3, 7 / 3, 10 / 3, 10 / 3, 3, 4 / 3]),
        "ch11-derivee-sinus": (np.sin(2 * np.pi * np.arange(100) / 100), None),
    }
    bruit = np.sin(np.linspace(0, 2 * np.pi, 100)) + np.random.default_rng(0).random(100)
    entree_sortie["ch11-lissage-3"] = (bruit, np.convolve(bruit, np.ones(3) / 3, "same"))
    entree_sortie["ch11-lissage-5"] = (bruit, np.convolve(bruit, np.ones(5) / 5, "same"))
    entree_sortie["ch11-derivee-sinus"] = (entree_sortie["ch11-derivee-sinus"][0],
                                          np.convolve(entree_sortie["ch11-derivee-sinus"][0], [0, 1, -1], "same"))
    for nom, (f, h) in entree_sortie.items():
        haut, bas = tracees[nom].axes
        np.testing.assert_allclose(haut.lines[0].get_ydata(), f, atol=1e-12, err_msg=nom)
        np.testing.assert_allclose(bas.lines[0].get_ydata(), h, atol=1e-12, err_msg=nom)
    # la couche dense : n² = 49 arêtes ; la couche de convolution : 3 poids partagés (3 couleurs)
    dense, convolution = tracees["ch11-couches"].axes
    assert len(dense.lines) == 49
    aretes = [(l.get_ydata()[0] - l.get_ydata()[1], l.get_color()) for l in convolution.lines]
    assert len(aretes) == 3 * 7 - 2 and {d for d, _ in aretes} == {-1, 0, 1}
    assert len(set(aretes)) == 3 and len({c for _, c in aretes}) == 3     # un poids (une couleur) par décalage
    for nom in noms:
        assert (figures / f"{nom}.png").stat().st_size > 1000, nom


def test_section_seule_memes_nombres(tmp_path):
    """--section reseau seule : même graine, donc même liste tirée au hasard et même écart."""
    from keras_facile.lecon import executer_chapitre

    seul = executer_chapitre(11, ["--rapide", "--section", "reseau", "--figures", str(tmp_path)])
    assert list(seul) == ["reseau"]
    f = np.random.default_rng(0).integers(0, 10, 100).astype("float32")
    np.testing.assert_array_equal(seul["reseau"]["f"], f)
