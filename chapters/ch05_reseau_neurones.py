"""Chapitre 5 — Réseau de neurones.

Ce que le chapitre montre : le perceptron (linéaire, affine, avec la marche de
Heaviside ou la sigmoïde), les portes logiques et l'impossibilité du OU
EXCLUSIF avec un seul neurone, les réseaux à plusieurs couches, les zones du
plan qu'ils réalisent (secteurs, triangles, polygones), puis le théorème
d'approximation universelle : marches, créneaux, escaliers, et l'indicatrice
d'un carré en deux variables. Tous les réseaux sont des modèles Keras aux poids
fixés à la main. Durée : environ 5 s (aucun entraînement), plus l'import de TensorFlow.
"""
import numpy as np
from scipy.optimize import linprog

from keras_facile import *
from keras_facile.approximation import (approximation_affine_par_morceaux, approximation_deux_var, erreur_max,
                                        erreur_max_deux_var, indicatrice_rectangle)
from keras_facile.chapitre import Chapitre
from keras_facile.perceptron import (demi_plan, perceptron, polygone_convexe, porte_et, porte_non, porte_ou,
                                     porte_ou_exclusif, reseau_par_couches)

chapitre = Chapitre(__doc__)


def valeurs(modele, points):
    """F en chaque point, en un seul appel ; dictionnaire {point: valeur}."""
    sorties = evaluer_lot(modele, np.array(points, dtype=float))[:, 0]
    return {tuple(p): float(v) for p, v in zip(points, sorties)}


def figure_points(modele, xmin, xmax, ymin, ymax, groupes, titre, num=200):
    """Zones F = 0 / F = 1 d'un réseau à deux entrées, avec des points marqués."""
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    Z = evaluer_lot(modele, np.c_[X.ravel(), Y.ravel()])[:, 0].reshape(X.shape)
    fig, ax = plt.subplots()
    ax.contourf(X, Y, Z, levels=[-0.5, 0.5, 1.5], colors=["#dde6f5", "#f5d5d5"])
    for (points, marqueur, couleur, nom) in groupes:
        p = np.array(points, dtype=float)
        ax.scatter(p[:, 0], p[:, 1], marker=marqueur, color=couleur, s=60, label=nom, zorder=3)
    if groupes:
        ax.legend()
    ax.set_title(titre)
    ax.set_aspect("equal")
    return fig


@chapitre.section("perceptron", duree="< 1 s")
def perceptron_lineaire(options):
    """§1.1 — perceptron linéaire F(x, y) = H(2x + 3y) ; ronds et carrés séparés par 4x − y = 0."""
    F = demi_plan(2, 3, 0)
    v = valeurs(F, [(4, -1), (-3, 1), (6, -4)])
    for p, y in v.items():
        print(f"F{p} = {y:.0f}")
    ronds = [(0.3, 3), (-1, 2), (-3, -3), (-3.2, 0.6), (-1, -1)]
    carres = [(1, 2), (3, -1), (1.5, -2.5), (0, -3), (2.2, 3.3)]
    G = demi_plan(4, -1, 0)
    bien_classes = all(y == 0 for y in valeurs(G, ronds).values()) and all(y == 1 for y in valeurs(G, carres).values())
    print("H(4x − y) sépare les ronds (0) des carrés (1) :", bien_classes)
    chapitre.figure(figure_points(F, -5, 8, -6, 4, [(list(v), "o", "k", "points du livre")], "F(x, y) = H(2x + 3y)"),
                    "ch05-demi-plan")
    chapitre.figure(figure_points(G, -4, 4, -4, 4, [(ronds, "o", "blue", "ronds"), (carres, "s", "red", "carrés")],
                                  "H(4x − y)"), "ch05-ronds-carres")
    return {"F": v, "ronds_carres_separes": bien_classes}


@chapitre.section("biais", duree="< 1 s")
def perceptron_affine(options):
    """§1.2 — biais : l'exercice des ronds et carrés, taille/poids, le détecteur de rouge."""
    ronds = [(3.7, -0.2), (3, 1), (1.5, 1.5), (-1, 3), (2.2, 3.3), (0.3, 3.5)]
    carres = [(1, -1), (3, -1.5), (-1.5, -2.5), (0, -3), (-2.8, 3), (-3, 0.5), (0, 1)]
    F = demi_plan(-1, -1, 1.75)   # carrés : x + y ≤ 1.5 ; ronds : x + y ≥ 2
    exercice = all(y == 1 for y in valeurs(F, carres).values()) and all(y == 0 for y in valeurs(F, ronds).values())
    print("Exercice : H(−x − y + 1.75) vaut 1 sur les carrés et 0 sur les ronds :", exercice)
    chapitre.figure(figure_points(F, -4, 5, -4, 5, [(ronds, "o", "blue", "ronds"), (carres, "s", "red", "carrés")],
                                  "H(−x − y + 1.75)"), "ch05-exercice-biais")
    chapitre.figure(affichage_evaluation_deux_var_3d(demi_plan(4, 3, 4), -4, 3, -4, 3, num=40), "ch05-heaviside-4x-3y-4")
    chapitre.figure(affichage_evaluation_deux_var_3d(demi_plan(1, 2, -3, "sigmoid"), -3, 6, -3, 6, num=40),
                    "ch05-sigmoide-x-2y-3")

    taille_poids = perceptron([85, -1], -77, "sigmoid")   # t en mètres, p en kg
    personnes = valeurs(taille_poids, [(1.77, 75), (1.67, 64)])
    for (t, p), y in personnes.items():
        print(f"taille {t} m, poids {p} kg : F = {y:.6f} → {'plutôt une femme' if y > 0.5 else 'plutôt un homme'}")

    T, P = np.meshgrid(np.linspace(1.4, 2.0, 121), np.linspace(40, 100, 121))
    Z = evaluer_lot(taille_poids, np.c_[T.ravel(), P.ravel()])[:, 0].reshape(T.shape)
    fig, ax = plt.subplots()
    zone = ax.contourf(T, P, Z, levels=20, cmap="coolwarm")
    fig.colorbar(zone, label="F = σ(85t − p − 77)")
    ax.plot([1.4, 2.0], [42, 93], "k--", label="p = 85t − 77")
    for (t, p), y in personnes.items():
        ax.scatter([t], [p], color="k", zorder=3)
        ax.annotate(f"F = {y:.2f}", (t, p), textcoords="offset points", xytext=(5, 5))
    ax.set_xlabel("taille t (m)")
    ax.set_ylabel("poids p (kg)")
    ax.legend()
    chapitre.figure(fig, "ch05-taille-poids")

    rouge = perceptron([2, -2, -2], -1)
    couleurs = valeurs(rouge, [(1, 0, 0), (0.9, 0.1, 0.1), (0.5, 0.5, 0.5), (0, 0, 0)])
    for rgb, y in couleurs.items():
        print(f"couleur {rgb} : rouge ? {y:.0f}")
    k = options.choisir(9, 5)
    cube = np.stack(np.meshgrid(*[np.linspace(0, 1, k)] * 3, indexing="ij"), -1).reshape(-1, 3)
    est_rouge = evaluer_lot(rouge, cube)[:, 0] == 1
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.scatter(*cube[~est_rouge].T, c=cube[~est_rouge], s=12, alpha=0.4)
    ax.scatter(*cube[est_rouge].T, c=cube[est_rouge], s=60, edgecolors="k")
    ax.plot_trisurf([0.5, 1, 1], [0, 0.5, 0], [0, 0, 0.5], color="grey", alpha=0.5)
    ax.set_xlabel("rouge")
    ax.set_ylabel("vert")
    ax.set_zlabel("bleu")
    ax.set_title("H(2r − 2g − 2b − 1) : le coin rouge du cube")
    chapitre.figure(fig, "ch05-cube-rouge")
    return {"exercice": exercice, "taille_poids": personnes, "rouge": couleurs}


TABLE = [(0, 0), (0, 1), (1, 0), (1, 1)]


@chapitre.section("portes", duree="< 1 s")
def portes_logiques(options):
    """§2 — OU, ET (et sa version robuste), OU à trois entrées ; le OU EXCLUSIF impossible avec un neurone."""
    ou, et, et_robuste = porte_ou(), porte_et(), porte_et(biais=-1.5)
    tables = {"OU": valeurs(ou, TABLE), "ET": valeurs(et, TABLE)}
    for nom, t in tables.items():
        print(nom, {p: int(v) for p, v in t.items()})
    presque = {"ET (c = −2)": evaluation(et, 0.9, 0.9), "ET (c = −1.5)": evaluation(et_robuste, 0.9, 0.9)}
    print("x = y = 0.9 :", presque)
    cube = [(x, y, z) for x in (0, 1) for y in (0, 1) for z in (0, 1)]
    tables["OU3"] = valeurs(porte_ou(3), cube)
    tables["ET3"] = valeurs(porte_et(3), cube)
    print("x ET y ET z vaut 1 seulement en", [p for p, v in tables["ET3"].items() if v == 1])
    print("NON :", {s: evaluation(porte_non(), s) for s in (0, 1)})
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.5))
    t = np.linspace(-0.5, 1.5, 2)
    for ax, (nom, c) in zip(axes, [("OU", -1), ("ET", -2)]):
        for p, v in tables[nom].items():
            ax.scatter(*p, marker="s" if v else "o", color="red" if v else "blue", s=80, zorder=3)
        ax.plot(t, -t - c, "k--", label=f"x + y − {-c} = 0")
        ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), title=f"x {nom} y", aspect="equal")
        ax.legend()
    chapitre.figure(fig, "ch05-ou-et")
    # OU EXCLUSIF : existe-t-il (a, b, c) avec c < 0, a + c ≥ 0, b + c ≥ 0, a + b + c < 0 ?
    # On cherche une marge ε > 0 : c ≤ −ε, a + c ≥ 0, b + c ≥ 0, a + b + c ≤ −ε ; programme linéaire.
    A_ub = [[0, 0, 1], [-1, 0, -1], [0, -1, -1], [1, 1, 1]]
    b_ub = [-1, 0, 0, -1]
    resultat = linprog(c=[0, 0, 0], A_ub=A_ub, b_ub=b_ub, bounds=[(None, None)] * 3)
    impossible = resultat.status == 2
    print("Un seul perceptron pour le OU EXCLUSIF ? programme linéaire :",
          "impossible (aucune solution)" if impossible else "solution trouvée")
    return {"tables": tables, "presque": presque, "ou_exclusif_impossible": impossible}


@chapitre.section("reseaux", duree="< 1 s")
def reseaux(options):
    """§3.1 — un réseau à deux couches (ReLU puis H) ; l'exercice à 3 entrées et 2 sorties."""
    F = reseau_par_couches(2, [([[2, -1], [-3, 2]], [0, 0], "relu"), ([[4, 5]], [-1], heaviside)])
    v = valeurs(F, [(4, 7), (3, 2), (0.1, 0.1)])
    for p, y in v.items():
        print(f"F{p} = {y:.0f}")
    G = reseau_par_couches(3, [([[1, -2, 3], [2, -4, 1]], [0, 0], "relu"), ([[1, -2], [2, 1]], [0, 0], "relu")])
    entrees = [(0, 0, 0), (1, 0, 0), (1, -1, 1), (3, 2, 1)]
    sorties = {p: tuple(float(s) for s in evaluation(G, list(p))) for p in entrees}
    for p, s in sorties.items():
        print(f"(Y1, Y2){p} = {s}")
    inverse = tuple(float(s) for s in evaluation(G, [0, 0, 1]))
    print("Pour (x, y, z) = (0, 0, 1) : (Y1, Y2) =", inverse, "(on cherchait (1, 7))")
    # Y2 = 0 force s1 = s2 = 0, donc Y1 = 0 : vérifié sur 100 000 entrées au hasard, en un appel
    X = np.random.default_rng(options.graine).uniform(-10, 10, size=(100_000, 3))
    Y = evaluer_lot(G, X)
    y2_nul = Y[:, 1] == 0
    contre_exemple = bool(np.any(Y[y2_nul, 0] != 0))
    print(f"Y2 = 0 pour {int(y2_nul.sum())} entrées au hasard ; Y1 ≠ 0 parmi elles : {contre_exemple}")
    return {"F": v, "Y": sorties, "inverse": inverse, "Y2_nul_et_Y1_non_nul": contre_exemple}


@chapitre.section("zones", duree="< 1 s")
def zones_du_plan(options):
    """§3.2 — secteur (ET), union (OU), triangle, la zone de l'exercice ; F dépend de l'activation."""
    secteur = reseau_par_couches(2, [([[-1, 3], [2, 1]], [0, 0], heaviside), ([[1, 1]], [-2], heaviside)])
    union = reseau_par_couches(2, [([[-1, 3], [2, 1]], [0, 0], heaviside), ([[1, 1]], [-1], heaviside)])
    triangle_couche = ([[-1, 2], [1, 1], [0, -1]], [0, -2, 3])
    triangle = reseau_par_couches(2, [(*triangle_couche, heaviside), ([[1, 1, 1]], [-3], heaviside)])
    zone = reseau_par_couches(2, [([[-1, -3], [-3, 5], [-5, -1]], [7, 7, -7], heaviside),
                                  ([[1, 1, 1]], [-3], heaviside)])
    resultats = {
        "secteur": valeurs(secteur, [(1, 1), (0, -1)]),
        "union": valeurs(union, [(0, -1), (-3, -1)]),
        "triangle": valeurs(triangle, [(1, 2), (0, 0)]),
        "zone": valeurs(zone, [(-5, 2), (0, 0), (5, 5)]),
    }
    for nom, v in resultats.items():
        print(nom, {p: int(y) for p, y in v.items()})
    num = options.choisir(200, 80)
    chapitre.figure(figure_points(secteur, -5, 5, -5, 5, [], "ET : secteur angulaire", num), "ch05-secteur")
    chapitre.figure(figure_points(union, -5, 5, -5, 5, [], "OU : union de deux demi-plans", num), "ch05-union")
    chapitre.figure(figure_points(triangle, -2, 6, -2, 6, [], "triangle", num), "ch05-triangle")
    sommets = [(4, 1), (-1, -2), (-2, 3)]
    chapitre.figure(figure_points(zone, -8, 6, -6, 6, [(sommets, "o", "k", "points des droites")],
                                  "zone de l'exercice", num), "ch05-zone-exercice")
    # Même architecture et mêmes poids que le triangle, avec H, σ, tanh et ReLU
    fig = plt.figure(figsize=(10, 8))
    X, Y = np.meshgrid(np.linspace(-2, 6, options.choisir(100, 40)), np.linspace(-2, 6, options.choisir(100, 40)))
    for k, (nom, phi) in enumerate([("H", heaviside), ("σ", "sigmoid"), ("tanh", "tanh"), ("ReLU", "relu")]):
        F = reseau_par_couches(2, [(*triangle_couche, phi), ([[1, 1, 1]], [-3], phi)])
        Z = evaluer_lot(F, np.c_[X.ravel(), Y.ravel()])[:, 0].reshape(X.shape)
        ax = fig.add_subplot(2, 2, k + 1, projection="3d")
        ax.plot_surface(X, Y, Z, cmap="viridis")
        ax.view_init(45, -45)
        ax.set_title(f"φ = {nom}")
    chapitre.figure(fig, "ch05-activations-comparees")
    return resultats


@chapitre.section("ou-exclusif", duree="< 1 s")
def ou_exclusif(options):
    """§4.1 — le OU EXCLUSIF avec trois neurones : 0 sur la bande, 1 ailleurs."""
    F = porte_ou_exclusif()
    table = valeurs(F, TABLE)
    print("OU EXCLUSIF", {p: int(v) for p, v in table.items()})
    chapitre.figure(figure_points(F, -2, 3, -2, 3, [([(0, 1), (1, 0)], "s", "red", "1"),
                                                  ([(0, 0), (1, 1)], "o", "blue", "0")], "x OU EXCLUSIF y"),
                    "ch05-ou-exclusif")
    return table


@chapitre.section("polygones", duree="< 1 s")
def polygones(options):
    """§4.2 — un polygone convexe à n côtés avec n + 1 neurones (Prop. 3) ; NON et différence."""
    pentagone = [(0, 0), (4, -1), (6, 2), (3, 5), (-1, 3)]
    P = polygone_convexe(pentagone)
    tests = valeurs(P, [(2, 2), (5, 4), (0, 0), (-2, 0)])
    print("pentagone :", {p: int(v) for p, v in tests.items()}, "—", P.count_params(), "poids,",
          sum(layer.units for layer in P.layers), "neurones")
    # A \ B = A ∩ non(A ∩ B), ici A le pentagone et B le demi-plan x ≥ 3 :
    # couche 1 : les 5 côtés et H(x − 3) ; couche 2 : a = A, b = A ∩ B ; sortie : H(a − 2b − 1).
    cotes_coeffs, cotes_biais = P.layers[0].get_weights()
    difference = reseau_par_couches(2, [
        (cotes_coeffs.T.tolist() + [[1, 0]], cotes_biais.tolist() + [-3], heaviside),
        ([[1] * 5 + [0], [1] * 6], [-5, -6], heaviside),
        ([[1, -2]], [-1], heaviside)])
    diff = valeurs(difference, [(2, 2), (4, 2), (-2, 0)])
    print("pentagone privé de x ≥ 3 :", {p: int(v) for p, v in diff.items()})
    chapitre.figure(figure_points(P, -2, 7, -2, 6, [(pentagone, "o", "k", "sommets")], "polygone convexe"),
                    "ch05-pentagone")
    chapitre.figure(figure_points(difference, -2, 7, -2, 6, [], "A \\ B"), "ch05-difference")
    return {"pentagone": tests, "difference": diff}


@chapitre.section("marches", duree="< 1 s")
def marches(options):
    """§5.1–5.3 — marches, marches inversées, marche stricte (NON), créneaux de hauteur k, double créneau (4 sur [2, 3], 6 sur [5, 10])."""
    exemples = {
        "H(x)": perceptron([1], 0), "H(2x + 1)": perceptron([2], 1), "H(2x − 1)": perceptron([2], -1),
        "H(−0.5x + 1)": perceptron([-0.5], 1),
    }
    fig, axes = plt.subplots(2, 2, figsize=(9, 6))
    x = np.linspace(-3, 3, 601)
    for ax, (nom, m) in zip(axes.ravel(), exemples.items()):
        ax.plot(x, evaluer_lot(m, x[:, None])[:, 0])
        ax.set_title(nom)
    chapitre.figure(fig, "ch05-marches")
    # Marche stricte : H(−2x + 1) vaut 1 pour x ≤ 1/2 ; suivie d'un NON, 1 pour x > 1/2 (0 en 1/2)
    stricte = reseau_par_couches(1, [([[-2]], [1], heaviside), ([[-2]], [1], heaviside)])
    v_stricte = {p: evaluation(stricte, p) for p in (0.4, 0.5, 0.6)}
    print("marche stricte H(−2 H(−2x + 1) + 1) :", v_stricte)
    # Créneau de hauteur k = 3 sur [1/a, 1/b] = [1/2, 1/0.25] = [0.5, 4]
    k = 3
    creneau_k = reseau_par_couches(1, [([[2], [-0.25]], [-1, 1], heaviside), ([[k, k]], [-k], "linear")])
    v_creneau = {p: evaluation(creneau_k, p) for p in (0, 0.5, 2, 4, 4.5)}
    print("créneau de hauteur 3 sur [0.5, 4] :", v_creneau)
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
    for ax, (nom, m, (u, w)) in zip(axes, [("marche stricte (NON)", stricte, (-1, 2)),
                                           ("créneau de hauteur 3", creneau_k, (-1, 6))]):
        xs = np.linspace(u, w, 701)
        ax.plot(xs, evaluer_lot(m, xs[:, None])[:, 0])
        ax.set_title(nom)
    chapitre.figure(fig, "ch05-marche-stricte-creneau")
    creneau = reseau_par_couches(1, [([[1 / 2], [-1 / 3], [1 / 5], [-1 / 10]], [-1, 1, -1, 1], heaviside),
                                     ([[4, 4, 6, 6]], [-10], "linear")])
    points = [2, 2.5, 3, 3.1, 5, 10, 11]
    v = {p: evaluation(creneau, p) for p in points}
    print("double créneau :", v)
    chapitre.figure(affichage_evaluation_une_var(creneau, 0, 12, num=1201), "ch05-double-creneau")
    return {"double": v, "stricte": v_stricte, "creneau_k": v_creneau}


def f(x):
    return np.cos(2 * x) + x * np.sin(3 * x) + x ** 0.5


def escalier_du_livre(a, b, n):
    """La construction d'origine (module du livre), en Keras : pour chaque marche, les neurones
    H(x/x_i − 1) et H(−x/x_{i+1} + 1), sortie f(x_i) (s + s' − 1). Elle divise par x_i (donc
    impossible si a ≤ 0) et, avec H(0) = 1, additionne deux marches aux jonctions."""
    if a <= 0:
        raise ValueError("la construction d'origine divise par les x_i : elle exige a > 0")
    x = a + (b - a) * np.arange(n + 1) / n
    y = f(x[:-1])
    coeffs = np.ravel(np.c_[1 / x[:-1], -1 / x[1:]])[:, None]
    biais = np.tile([-1.0, 1.0], n)
    return reseau_par_couches(1, [(coeffs, biais, heaviside), ([np.repeat(y, 2)], [-y.sum()], "linear")])


@chapitre.section("approximation", duree="< 1 s")
def approximation_universelle(options):
    """§5.4 — approximation universelle : escaliers n = 5 … 100, l'original contre la version corrigée."""
    a, b = 2, 10
    tableau = {}
    for n in [5, 10, 20, 50, 100]:
        modele = Sequential([Input(shape=(1,)), Dense(2 * n, activation=heaviside), Dense(1, activation="linear")])
        calcul_approximation(modele, f, a, b, n)
        livre = escalier_du_livre(a, b, n)
        jonctions = (a + (b - a) * np.arange(n) / n)[:, None]          # x_0, …, x_{n−1}
        tableau[n] = {
            "livre": erreur_max(livre, f, a, b, num=1000),
            "jonctions_livre": float(np.max(np.abs(evaluer_lot(livre, jonctions)[:, 0] - f(jonctions[:, 0])))),
            "jonctions_marches": float(np.max(np.abs(evaluer_lot(modele, jonctions)[:, 0] - f(jonctions[:, 0])))),
            "marches": erreur_max(modele, f, a, b, num=1000),
            "relu": erreur_max(approximation_affine_par_morceaux(f, a, b, n), f, a, b, num=1000),
        }
        if n in (5, 10) or not options.rapide:     # le livre trace n = 5 et n = 10
            chapitre.figure(affichage_approximation(modele, f, a, b, num=1000), f"ch05-escalier-n{n}")
    print("erreur max sur 1000 points de [2, 10] :")
    print("  n   construction d'origine   marches corrigées   ReLU affine par morceaux"
          "   |   aux points x_i : origine   corrigée")
    for n, e in tableau.items():
        print(f"{n:>3}   {e['livre']:>22.2f}   {e['marches']:>17.2f}   {e['relu']:>24.4f}"
              f"   |   {e['jonctions_livre']:>18.2f}   {e['jonctions_marches']:>8.2g}")
    # À une jonction (n = 20, x = 2.4), l'original additionne deux marches (H(0) = 1).
    modele = Sequential([Input(shape=(1,)), Dense(40, activation=heaviside), Dense(1, activation="linear")])
    calcul_approximation(modele, f, a, b, 20)
    jonction = {"origine": evaluation(escalier_du_livre(a, b, 20), 2.4),
                "corrigee": evaluation(modele, 2.4), "f(2.4)": float(f(2.4))}
    print(f"en x = 2.4 (jonction, n = 20) : origine {jonction['origine']:.4f}, "
          f"corrigée {jonction['corrigee']:.4f}, f(2.4) = {jonction['f(2.4)']:.4f}")
    return {"erreurs": tableau, "jonction": jonction}


@chapitre.section("deux-variables", duree="< 1 s")
def deux_variables(options):
    """§5.5 — l'indicatrice du carré [0, 1]² (4 + 1 neurones) ; approximation de f(x, y)."""
    carre = indicatrice_rectangle(0, 1, 0, 1)
    v = valeurs(carre, [(0.5, 0.5), (1.5, 0.5), (0, 0), (1, 1)])
    print("indicatrice de [0, 1]² :", {p: int(y) for p, y in v.items()})
    chapitre.figure(affichage_evaluation_deux_var_3d(carre, -1, 2, -1, 2, num=options.choisir(60, 30)),
                    "ch05-carre-3d")
    chapitre.figure(affichage_evaluation_deux_var_2d(carre, -1, 2, -1, 2, num=options.choisir(60, 30)),
                    "ch05-carre-2d")
    g = lambda x, y: np.exp(-(x ** 2 + y ** 2) / 2)
    erreurs = {}
    for n in options.choisir([4, 8, 16], [4, 8]):
        erreurs[n] = erreur_max_deux_var(approximation_deux_var(g, -2, 2, -2, 2, n), g, -2, 2, -2, 2)
    print("f(x, y) = exp(−(x² + y²)/2) par blocs n × n, erreur max :", {n: round(e, 4) for n, e in erreurs.items()})
    chapitre.figure(affichage_evaluation_deux_var_3d(approximation_deux_var(g, -2, 2, -2, 2, 8), -2, 2, -2, 2,
                                                     num=options.choisir(60, 30)), "ch05-blocs-2var")
    return {"carre": v, "erreurs_2var": erreurs}


if __name__ == "__main__":
    chapitre.lancer()
