"""Chapitre 6 — Python : tensorflow avec keras (partie 1).

Ce que le chapitre montre : construire un réseau avec Keras, fixer ses poids à
la main (avec set_weights puis avec keras_facile), l'évaluer, tracer la fonction
qu'il calcule pour 1, 2 ou 3 entrées, la fonction marche de Heaviside et
l'approximation d'une fonction par des marches (théorème d'approximation
universelle). Aucun entraînement : tout prend quelques secondes.
"""
import tempfile
from pathlib import Path

from keras_facile import *
from keras_facile.chapitre import Chapitre

chapitre = Chapitre(__doc__)


def reseau(n_entrees, *couches):
    """Un réseau séquentiel : ``reseau(1, (2, "relu"), (1, "relu"))``."""
    modele = Sequential()
    modele.add(Input(shape=(n_entrees,)))
    for neurones, activation in couches:
        modele.add(Dense(neurones, activation=activation))
    return modele


@chapitre.section("keras-brut", duree="1 s")
def keras_brut(options):
    """§1.2–1.5 — réseau 1 → 2 → 1 (ReLU) avec set_weights et predict : F(3) = 2."""
    modele = reseau(1, (2, "relu"), (1, "relu"))
    modele.summary()
    # Couche 0 : une ligne par entrée, une colonne par neurone
    modele.layers[0].set_weights([np.array([[1.0, -0.5]]), np.array([-1.0, 1.0])])
    # Couche 1
    modele.layers[1].set_weights([np.array([[1.0], [1.0]]), np.array([0.0])])
    print("Poids de la couche 0 :", modele.layers[0].get_weights())

    entree = np.array([[3.0]])
    sortie = modele.predict(entree, verbose=0)
    print("Entrée :", entree, "Sortie :", sortie)

    liste_x = np.linspace(-2, 3, num=100)
    liste_y = modele.predict(liste_x[:, None], verbose=0)[:, 0]
    fig, ax = plt.subplots()
    ax.plot(liste_x, liste_y)
    ax.set_title("F(x) = ReLU(ReLU(x − 1) + ReLU(−0.5x + 1))")
    chapitre.figure(fig, "ch06-reseau-relu")
    return {"F(3)": float(sortie[0, 0]), "parametres": modele.count_params(),
            "F(-2)": float(liste_y[0]), "min": float(liste_y.min())}


@chapitre.section("deux-entrees", duree="1 s")
def deux_entrees(options):
    """§1.6–1.7 — 2 entrées, 3 neurones sigmoïdes puis 1 : F(7, −5) ≃ 0.123."""
    modele = reseau(2, (3, "sigmoid"), (1, "sigmoid"))
    modele.layers[0].set_weights([np.array([[1.0, 3.0, -5.0], [2.0, -4.0, -6.0]]), np.array([-1.0, 0.0, 1.0])])
    modele.layers[1].set_weights([np.array([[1.0], [1.0], [1.0]]), np.array([-3.0])])
    sortie = modele.predict(np.array([[7, -5]]), verbose=0)
    print("Entrée : (7, -5)  Sortie :", sortie, " forme :", sortie.shape)

    VX = np.linspace(-5, 5, 20)
    VY = np.linspace(-5, 5, 20)
    X, Y = np.meshgrid(VX, VY)
    entree = np.c_[X.ravel(), Y.ravel()]
    Z = modele.predict(entree, verbose=0).reshape(X.shape)
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z)
    chapitre.figure(fig, "ch06-surface-2-entrees")
    return {"F(7,-5)": float(sortie[0, 0]), "forme": sortie.shape}


@chapitre.section("keras-facile", duree="1 s")
def avec_keras_facile(options):
    """§2 — le même réseau avec definir_poids, affiche_poids, evaluation."""
    modele = reseau(1, (2, "relu"), (1, "relu"))
    # definir_poids(modele, couche, rang, coeff, biais)
    definir_poids(modele, 0, 0, 1, -1)
    definir_poids(modele, 0, 1, -0.5, 1)
    affiche_poids(modele, 0)
    definir_poids(modele, 1, 0, [1, 1], 0)
    affiche_poids(modele, 1)

    entree = 3
    sortie = evaluation(modele, entree)
    print("Entrée :", entree, "Sortie :", sortie)
    valeurs = {x: evaluation(modele, x) for x in (-2, -1, 0, 1, 2, 3)}
    print("F en -2, -1, 0, 1, 2, 3 :", list(valeurs.values()))
    chapitre.figure(affichage_evaluation_une_var(modele, -2, 3), "ch06-keras-facile-1var")
    return {"F(3)": sortie, "valeurs": valeurs}


@chapitre.section("heaviside", duree="1 s")
def marche_heaviside(options):
    """§3.1 — un neurone de Heaviside : F(x) = H(−0.5x + 1)."""
    modele = reseau(1, (1, heaviside))
    definir_poids(modele, 0, 0, -0.5, 1)
    valeurs = {x: evaluation(modele, x) for x in (0, 2, 2.5)}
    print("F(0) =", valeurs[0], " F(2) =", valeurs[2], " F(2.5) =", valeurs[2.5])
    print("H(-1), H(0), H(2) =", np.asarray(heaviside(np.array([-1.0, 0.0, 2.0]))))
    chapitre.figure(affichage_evaluation_une_var(modele, -5, 5, num=201), "ch06-heaviside")
    return valeurs


def f(x):
    """La fonction du livre, approchée sur [2, 10]."""
    return np.cos(2 * x) + x * np.sin(3 * x) + x ** 0.5


@chapitre.section("approximation", duree="3 s (rapide : 2 s)")
def approximation(options):
    """§3.2 — approximation universelle : marches de hauteur f(x_i), n = 5 … 100."""
    a, b = 2, 10
    liste_n = options.choisir([5, 10, 20, 50, 100], [5, 20])
    x_fin = np.linspace(a, b, 1000)
    erreurs = {}
    for n in liste_n:
        modele = reseau(1, (2 * n, heaviside), (1, "linear"))
        calcul_approximation(modele, f, a, b, n)  # calcule et définit les poids
        erreurs[n] = float(np.max(np.abs(evaluer_lot(modele, x_fin[:, None])[:, 0] - f(x_fin))))
        chapitre.figure(affichage_approximation(modele, f, a, b, num=1000), f"ch06-approximation-n{n}")
    print("  n   erreur max sur 1000 points de [2, 10]")
    for n, e in erreurs.items():
        print(f"{n:>3}   {e:.4f}")

    # Au-delà du livre : le modèle avec heaviside s'enregistre et se recharge tel quel.
    with tempfile.TemporaryDirectory() as dossier:
        chemin = Path(dossier) / "marches.keras"
        modele.save(chemin)
        recharge = keras.saving.load_model(chemin)
        identique = bool(np.array_equal(evaluer_lot(modele, x_fin[:, None]), evaluer_lot(recharge, x_fin[:, None])))
    print("Modèle enregistré en .keras puis rechargé : sorties identiques =", identique)
    return {"erreurs": erreurs, "F(2)": evaluation(modele, 2.0), "recharge_identique": identique}


@chapitre.section("sigmoide-2var", duree="1 s")
def sigmoide_deux_var(options):
    """§3.3 — un neurone sigmoïde à deux entrées : F(2, 1) ≃ 0.952."""
    modele = reseau(2, (1, "sigmoid"))
    definir_poids(modele, 0, 0, [1, 2], -1)
    entree = [2.0, 1.0]
    sortie = evaluation(modele, entree)
    print("Entrée :", entree, "Sortie :", sortie)
    chapitre.figure(affichage_evaluation_deux_var_3d(modele, -5, 5, -5, 5), "ch06-sigmoide-3d")
    chapitre.figure(affichage_evaluation_deux_var_2d(modele, -5, 5, -5, 5, niveaux=20), "ch06-sigmoide-2d")
    return {"F(2,1)": sortie}


@chapitre.section("secteur", duree="1 s")
def secteur(options):
    """§3.3 — deux couches de Heaviside : le secteur angulaire du chapitre 5."""
    modele = reseau(2, (2, heaviside), (1, heaviside))
    definir_poids(modele, 0, 0, [-1, 3], 0)
    definir_poids(modele, 0, 1, [2, 1], 0)
    definir_poids(modele, 1, 0, [1, 1], -2)
    points = {(1, 1): None, (0, -1): None, (-3, -1): None, (0, 0): None}
    for p in points:
        points[p] = evaluation(modele, *p)
        print(f"F{p} = {points[p]}")
    num = options.choisir(100, 40)
    chapitre.figure(affichage_evaluation_deux_var_3d(modele, -5, 5, -5, 5, num=num), "ch06-secteur-3d")
    chapitre.figure(affichage_evaluation_deux_var_2d(modele, -5, 5, -5, 5, num=num, niveaux=20), "ch06-secteur-2d")
    return points


@chapitre.section("trois-entrees", duree="1 s")
def trois_entrees(options):
    """§3.4 — trois entrées, un neurone ReLU : F(2, 3, 4) = 2."""
    modele = reseau(3, (1, "relu"))
    definir_poids(modele, 0, 0, [1, -1, 1], -1)
    affiche_poids(modele, 0)
    entree = [2.0, 3.0, 4.0]
    sortie = evaluation(modele, entree)
    print("Entrée :", entree, "Sortie :", sortie)
    for num in options.choisir([5, 10], [5]):
        chapitre.figure(affichage_evaluation_trois_var(modele, -5, 5, -5, 5, -5, 5, num=num),
                        f"ch06-trois-entrees-n{num}")
    return {"F(2,3,4)": sortie}


@chapitre.section("cube", duree="1 s")
def cube(options):
    """§3.4 — le réseau « cube » : 6 neurones σ(±x + 1)… puis σ(Σ s_i − 6)."""
    modele = reseau(3, (6, "sigmoid"), (1, "sigmoid"))
    for rang, vecteur in enumerate(np.vstack([np.eye(3), -np.eye(3)])[[0, 3, 1, 4, 2, 5]]):
        definir_poids(modele, 0, rang, vecteur, 1)
    definir_poids(modele, 1, 0, [1] * 6, -6)
    valeurs = {p: evaluation(modele, *p) for p in [(0, 0, 0), (1, 0, 0), (2, 2, 2)]}
    for p, v in valeurs.items():
        print(f"F{p} = {v:.5f}")
    chapitre.figure(affichage_evaluation_trois_var(modele, -3, 3, -3, 3, -3, 3, num=12), "ch06-cube")
    return valeurs


if __name__ == "__main__":
    chapitre.lancer()
