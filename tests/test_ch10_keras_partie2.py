"""Le chapitre 10 en mode rapide (données factices) : nombres du livre, données préparées, figures (leurs données)."""
import numpy as np
import pytest


def _courbes(fig, axe=0):
    return [np.asarray(ligne.get_ydata(), dtype=float).ravel() for ligne in fig.axes[axe].lines]


def _verifier_grille(fig, images, titres_contiennent):
    """Chaque case montre la bonne image et son titre contient le bon texte."""
    axes = [ax for ax in fig.axes if ax.images]
    assert len(axes) == len(images)
    for ax, image, morceaux in zip(axes, images, titres_contiennent):
        np.testing.assert_array_equal(np.asarray(ax.images[0].get_array()), np.asarray(image))
        for morceau in morceaux:
            assert morceau in ax.get_title(), (morceau, ax.get_title())


def test_chapitre_10(lancer_chapitre):
    r, figures = lancer_chapitre(10)

    m = r["mnist"]
    assert m["nombre de poids"] == 6442
    assert m["somme des 10 probabilités"] == pytest.approx(1.0, abs=1e-5)
    # partie A : vecteurs-images de 784 valeurs dans [0, 1], sorties « one-hot »
    assert m["X_train"].shape == (len(m["X_train_data"]), 784)
    np.testing.assert_allclose(m["X_train"][0], m["X_train_data"][0].ravel() / 255)
    np.testing.assert_array_equal(m["Y_train"].argmax(axis=1), m["Y_train_data"])
    assert m["Y_train"].sum(axis=1).tolist() == [1.0] * len(m["Y_train"])
    _verifier_grille(m["fig_donnees"], m["X_train_data"][:10], [[f"Attendu {y}"] for y in m["Y_train_data"][:10]])
    _verifier_grille(m["fig_predictions"], m["X_test_data"][:10],
                     [[f"Attendu : {a}", f"Prédit : {p}"] for a, p in zip(m["Y_test_data"][:10], m["predits"])])

    largeur = r["mnist-largeur"]
    assert {p: largeur[f"poids p = {p}"] for p in (8, 10, 20, 50, 15)} == {8: 6442, 10: 8070, 20: 16330, 50: 42310,
                                                                          15: 12175}
    assert {p: v["neurones"] for p, v in largeur["tableau"].items()} == {8: 26, 10: 30, 20: 50, 50: 110}

    u = r["une-variable"]
    assert u["nombre de poids"] == 361
    pertes = u["pertes"]
    # mêmes poids initiaux : la première erreur (avant le premier pas) est la même pour les trois descentes
    assert pertes["gradient classique"][0] == pytest.approx(pertes["adam"][0], rel=1e-6)
    assert pertes["gradient amélioré"][0] == pytest.approx(pertes["adam"][0], rel=1e-6)
    # « des différences importantes de performance » : adam, puis l'amélioré, puis le classique (mesuré :
    # 3.41, 3.90 et 4.63 après 300 époques)
    assert u["erreur finale, adam"] < u["erreur finale, gradient amélioré"] < u["erreur finale, gradient classique"]
    f_trace, reseau_trace = _courbes(u["fig_approximation"])
    x = u["X"]
    np.testing.assert_allclose(f_trace, np.cos(2 * x) + x * np.sin(3 * x) + x ** 0.5 - 2)
    np.testing.assert_allclose(reseau_trace, u["modele"].predict(x[:, None], verbose=0)[:, 0], atol=1e-5)
    for courbe, nom in zip(_courbes(u["fig_pertes"]), ["gradient classique", "gradient amélioré", "adam"]):
        np.testing.assert_allclose(courbe, pertes[nom])

    c = r["caracteristiques"]
    assert c["gradient, coeff. couche 1"].tolist() == [1694, 1936, 2178, 1694, 1936, 2178]
    assert c["gradient, biais couche 1"].tolist() == [1694, 1936, 2178]
    assert c["gradient, coeff. couche 2"].tolist() == [484, 1210, 1936]
    assert c["gradient, biais couche 2"].tolist() == [242]
    np.testing.assert_allclose(c["après un pas, coeff. couche 1"], [-0.694, 1.064, 2.822, 0.306, 2.064, 3.822],
                               atol=1e-6)
    np.testing.assert_allclose(c["après un pas, biais couche 1"], [-2.694, -3.936, -5.178], atol=1e-6)
    np.testing.assert_allclose(c["après un pas, coeff. couche 2"], [6.516, 6.790, 7.064], atol=1e-6)
    np.testing.assert_allclose(c["après un pas, biais couche 2"], [-4.242], atol=1e-6)
    assert c["erreur avant le pas"] == 14641.0 and c["pas à la main = pas de keras"] is True
    # keras a bien fait le même pas que la main
    for w_keras, w_main in zip(c["modele"].get_weights(), c["poids_apres"]):
        np.testing.assert_allclose(w_keras, w_main, atol=1e-5)
    x = c["x"]
    attendues = [np.maximum(x, 0), x, 1 / (1 + np.exp(-x)), np.tanh(x)]
    for axe, attendue in enumerate(attendues):
        np.testing.assert_allclose(_courbes(c["fig_activations"], axe)[0], attendue, atol=1e-6)

    d = r["deux-variables"]
    assert d["nombre de poids"] == 261
    # un réseau qui n'apprend rien ferait au mieux la variance de f (3.20) ; mesuré : 1.65 après 200 pas
    assert d["erreur après 200 pas"] < 0.6 * d["Z"].var()
    grille = np.c_[d["X"].ravel(), d["Y"].ravel()]
    np.testing.assert_allclose(d["ZZ"].ravel(), d["modele"].predict(grille, verbose=0)[:, 0], atol=1e-5)
    assert len(d["fig_surfaces"].axes[0].collections) == 2

    i = r["imdb"]
    assert i["codes des 3 critiques"] == [[2, 1, 4], [9, 6, 3], [1, 2]]
    assert i["vecteur X"] == [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]
    assert i["vecteur X′"] == [0, 0, 1, 0, 0, 1, 0, 0, 1, 0]
    assert i["même vecteur pour les 2 dernières"] is True                     # l'ordre des mots est perdu
    assert i["neurones"] == 16 and i["nombre de poids"] == 5071
    assert i["nombre de poids, 5000 mots et p = 10"] == 50241
    # chaque critique devient un vecteur de 0 et de 1 : un 1 par mot (numéro < 1000) présent
    for k in range(3):
        mots = {c for c in i["X_train_data"][k] if c < 1000}
        assert set(np.flatnonzero(i["X_train"][k])) == mots and set(np.unique(i["X_train"][k])) <= {0.0, 1.0}

    s = r["imdb-surapprentissage"]
    h = s["h"]
    assert len(h["val_accuracy"]) == 3
    entrainement, test = _courbes(s["fig_exactitude"])
    np.testing.assert_allclose(entrainement, h["accuracy"])
    np.testing.assert_allclose(test, h["val_accuracy"])
    entrainement, test = _courbes(s["fig_erreur"])
    np.testing.assert_allclose(entrainement, h["loss"])
    np.testing.assert_allclose(test, h["val_loss"])

    cifar = r["cifar10-dense"]
    assert cifar["nombre de poids"] == 95290
    # l'exactitude donnée d'abord est celle des images de test exactes (un cinquième dans les données factices,
    # comme les 1 000 sur 5 000 de ../shared/data), puis celle de toutes les images
    exact = cifar["exact"]
    assert exact.dtype == bool and len(exact) == len(cifar["X_test_data"]) and 0 < exact.sum() < len(exact)
    predits_test = cifar["modele"].predict(cifar["X_test"], verbose=0).argmax(axis=1)
    bonnes = predits_test == cifar["Y_test_data"][:, 0]
    assert cifar["exactitude test, images exactes"] == pytest.approx(bonnes[exact].mean(), abs=1e-6)
    assert cifar["exactitude test, toutes les images"] == pytest.approx(bonnes.mean(), abs=1e-6)
    predits = cifar["Y_predict"].argmax(axis=1)
    noms = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    _verifier_grille(cifar["fig_predictions"], cifar["X_test_data"][:9],
                     [[f"Attendu : {noms[int(a)]}", f"Prédit : {noms[p]}"]
                      for a, p in zip(cifar["Y_test_data"][:9, 0], predits)])
    _verifier_grille(cifar["fig_images"], cifar["X_train_data"][:9], [[noms[int(y)]] for y in cifar["Y_train_data"][:9, 0]])

    attendues = ["ch10-mnist-donnees", "ch10-mnist-predictions", "ch10-une-variable", "ch10-trois-optimiseurs",
                 "ch10-deux-variables", "ch10-activations", "ch10-imdb-surapprentissage-accuracy",
                 "ch10-imdb-surapprentissage-loss", "ch10-cifar10-images", "ch10-cifar10-predictions"]
    assert sorted(p.stem for p in figures.glob("*.png")) == sorted(attendues)
