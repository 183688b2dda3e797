# %% [markdown]
# # Chapitre 5 — Réseau de neurones
#
# Un perceptron calcule une fonction affine de ses entrées puis lui applique une
# fonction d'activation : ici presque toujours la marche de Heaviside H, qui vaut 1
# pour x ≥ 0 et 0 sinon. Dans ce chapitre il n'y a aucun apprentissage : comme dans
# le livre, les poids sont fixés ou calculés à la main, dans de petits modèles Keras.
# On y voit le perceptron linéaire puis affine, les portes logiques et l'impossibilité
# du OU EXCLUSIF avec un seul neurone, les réseaux à plusieurs couches et les zones du
# plan qu'ils réalisent (secteurs, triangles, polygones), puis le théorème
# d'approximation universelle : marches, créneaux, escaliers, et l'indicatrice d'un
# carré en deux variables.
#
# Durée : une dizaine de secondes (aucun entraînement), plus l'import de TensorFlow.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from scipy.optimize import linprog

from keras_facile import *
from keras_facile.approximation import (approximation_affine_par_morceaux, approximation_deux_var, erreur_max,
                                        erreur_max_deux_var, indicatrice_rectangle)
from keras_facile.graphiques_reseaux import (affichage_carte, affichage_cube_couleurs, affichage_portes,
                                             affichage_surfaces, affichage_zones)
from keras_facile.lecon import demarrer_lecon
from keras_facile.perceptron import (demi_plan, perceptron, polygone_convexe, porte_et, porte_non, porte_ou,
                                     porte_ou_exclusif, reseau_par_couches)

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Deux outils pour toutes les sections.
def valeurs(modele, points):
    """F en chaque point, en un seul appel : le dictionnaire {point: valeur}."""
    sorties = evaluer_lot(modele, np.array(points, dtype=float))[:, 0]
    return {tuple(p): float(v) for p, v in zip(points, sorties)}


def ronds_et_carres(ronds, carres):
    """Les deux groupes de points des figures du livre : ronds bleus et carrés rouges."""
    return [(ronds, dict(marker="o", color="blue", label="ronds")),
            (carres, dict(marker="s", color="red", label="carrés"))]


TABLE = [(0, 0), (0, 1), (1, 0), (1, 1)]     # les entrées d'une table de vérité à deux variables

# %% [markdown]
# ## §1.1 — Perceptron linéaire
#
# Le perceptron de poids a = 2 et b = 3 calcule F(x, y) = H(2x + 3y) : il vaut 1 sur
# la droite 2x + 3y = 0 et au-dessus, 0 en dessous. On l'évalue aux trois points du
# livre ; (6, −4) est sur la frontière, donc F = 1 puisque H(0) = 1. Puis le
# perceptron de poids (4, −1) sépare les ronds bleus (F = 0) des carrés rouges (F = 1).

# %%
lecon.section("perceptron", duree="< 1 s")
F = demi_plan(2, 3, 0)
v = valeurs(F, [(4, -1), (-3, 1), (6, -4)])
for p, y in v.items():
    print(f"F{p} = {y:.0f}")
lecon.comparer("F(4, −1), F(−3, 1), F(6, −4)", list(v.values()), livre=[1, 0, 1])

ronds = [(0.3, 3), (-1, 2), (-3, -3), (-3.2, 0.6), (-1, -1)]
carres = [(1, 2), (3, -1), (1.5, -2.5), (0, -3), (2.2, 3.3)]
G = demi_plan(4, -1, 0)
sur_ronds, sur_carres = valeurs(G, ronds), valeurs(G, carres)
bien_classes = set(sur_ronds.values()) == {0} and set(sur_carres.values()) == {1}
print("H(4x − y) sépare les ronds (0) des carrés (1) :", bien_classes)

# %%
lecon.figure(affichage_zones(F, -5, 8, -6, 4, [(list(v), dict(marker="o", color="k", label="points du livre"))],
                             "F(x, y) = H(2x + 3y)"), "ch05-demi-plan")
lecon.figure(affichage_zones(G, -4, 4, -4, 4, ronds_et_carres(ronds, carres), "H(4x − y)"), "ch05-ronds-carres")

# %% [markdown]
# ## §1.2 — Biais : le perceptron affine
#
# Avec un biais c, F(x, y) = H(ax + by + c) et la frontière est la droite
# ax + by + c = 0. L'exercice du livre demande un perceptron qui distingue les carrés
# des ronds : H(−x − y + 1.75) convient. Avec la sigmoïde σ au lieu de H, la sortie
# est un « degré de certitude » entre 0 et 1 : l'exemple taille/poids σ(85t − p − 77)
# (F proche de 0 : plutôt un homme), puis le détecteur de rouge H(2r − 2g − 2b − 1)
# dans le cube des couleurs.

# %%
lecon.section("biais", duree="< 1 s")
K_CUBE = lecon.taille(9, rapide=5)      # grille K × K × K du cube des couleurs

ronds = [(3.7, -0.2), (3, 1), (1.5, 1.5), (-1, 3), (2.2, 3.3), (0.3, 3.5)]
carres = [(1, -1), (3, -1.5), (-1.5, -2.5), (0, -3), (-2.8, 3), (-3, 0.5), (0, 1)]
F = demi_plan(-1, -1, 1.75)   # carrés : x + y ≤ 1.5 ; ronds : x + y ≥ 2
sur_ronds, sur_carres = valeurs(F, ronds), valeurs(F, carres)
exercice = set(sur_carres.values()) == {1} and set(sur_ronds.values()) == {0}
print("Exercice : H(−x − y + 1.75) vaut 1 sur les carrés et 0 sur les ronds :", exercice)

# %%
lecon.figure(affichage_zones(F, -4, 5, -4, 5, ronds_et_carres(ronds, carres), "H(−x − y + 1.75)"),
             "ch05-exercice-biais")
lecon.figure(affichage_evaluation_deux_var_3d(demi_plan(4, 3, 4), -4, 3, -4, 3, num=40), "ch05-heaviside-4x-3y-4")
lecon.figure(affichage_evaluation_deux_var_3d(demi_plan(1, 2, -3, "sigmoid"), -3, 6, -3, 6, num=40),
             "ch05-sigmoide-x-2y-3")

# %%
taille_poids = perceptron([85, -1], -77, "sigmoid")   # t en mètres, p en kg
personnes = valeurs(taille_poids, [(1.77, 75), (1.67, 64)])
for (t, p), y in personnes.items():
    print(f"taille {t} m, poids {p} kg : F = {y:.6f} → {'plutôt une femme' if y > 0.5 else 'plutôt un homme'}")
lecon.comparer("F(1.77, 75)", personnes[(1.77, 75)], livre="0.17")
lecon.comparer("F(1.67, 64)", personnes[(1.67, 64)], livre="0.72")
lecon.figure(affichage_carte(taille_poids, 1.4, 2.0, 40, 100, [(list(personnes), dict(color="k"))], num=121,
                             cmap="coolwarm", droites=[((1.4, 42), (2.0, 93), "p = 85t − 77")],
                             etiquette="F = σ(85t − p − 77)", annoter=True,
                             noms_axes=("taille t (m)", "poids p (kg)")), "ch05-taille-poids")

# %%
rouge = perceptron([2, -2, -2], -1)
couleurs = valeurs(rouge, [(1, 0, 0), (0.9, 0.1, 0.1), (0.5, 0.5, 0.5), (0, 0, 0)])
for rgb, y in couleurs.items():
    print(f"couleur {rgb} : rouge ? {y:.0f}")
lecon.figure(affichage_cube_couleurs(rouge, K_CUBE, "H(2r − 2g − 2b − 1) : le coin rouge du cube",
                                     plan=[(0.5, 0, 0), (1, 0.5, 0), (1, 0, 0.5)]), "ch05-cube-rouge")

# %% [markdown]
# ## §2 — OU, ET, OU EXCLUSIF
#
# Un seul perceptron réalise x OU y (poids 1 et 1, biais −1) et x ET y (biais −2 ; le
# livre conseille −1.5, pour que x = y = 0.9 donne encore 1). Avec trois entrées :
# x OU y OU z, et l'exercice x ET y ET z. Mais aucun perceptron ne réalise le OU
# EXCLUSIF (Prop. 1) : les conditions a + c ≥ 0, b + c ≥ 0, c < 0 et a + b + c < 0 sont
# incompatibles. Un programme linéaire (`scipy.optimize.linprog`) le constate.

# %%
lecon.section("portes", duree="< 1 s")
ou, et, et_robuste = porte_ou(), porte_et(), porte_et(biais=-1.5)
tables = {"OU": valeurs(ou, TABLE), "ET": valeurs(et, TABLE)}
for nom, t in tables.items():
    print(nom, {p: int(v) for p, v in t.items()})
lecon.comparer("x OU y sur (0,0), (0,1), (1,0), (1,1)", list(tables["OU"].values()), livre=[0, 1, 1, 1])
lecon.comparer("x ET y sur (0,0), (0,1), (1,0), (1,1)", list(tables["ET"].values()), livre=[0, 0, 0, 1])
presque = {"ET (c = −2)": evaluation(et, 0.9, 0.9), "ET (c = −1.5)": evaluation(et_robuste, 0.9, 0.9)}
print("x = y = 0.9 :", presque)
lecon.comparer("ET(0.9, 0.9), c = −2 puis −1.5", list(presque.values()), livre=[0, 1])

# %%
cube = [(x, y, z) for x in (0, 1) for y in (0, 1) for z in (0, 1)]
tables["OU3"] = valeurs(porte_ou(3), cube)
tables["ET3"] = valeurs(porte_et(3), cube)
print("x ET y ET z vaut 1 seulement en", [p for p, v in tables["ET3"].items() if v == 1])
print("NON :", {s: evaluation(porte_non(), s) for s in (0, 1)})
lecon.figure(affichage_portes({"x OU y": ou, "x ET y": et}), "ch05-ou-et")

# %%
# OU EXCLUSIF : existe-t-il (a, b, c) avec c < 0, a + c ≥ 0, b + c ≥ 0, a + b + c < 0 ?
# On cherche une marge ε > 0 : c ≤ −ε, a + c ≥ 0, b + c ≥ 0, a + b + c ≤ −ε ; programme linéaire.
A_ub = [[0, 0, 1], [-1, 0, -1], [0, -1, -1], [1, 1, 1]]
b_ub = [-1, 0, 0, -1]
resultat = linprog(c=[0, 0, 0], A_ub=A_ub, b_ub=b_ub, bounds=[(None, None)] * 3)
ou_exclusif_impossible = resultat.status == 2      # 2 : « le problème n'a pas de solution »
print("Un seul perceptron pour le OU EXCLUSIF ? programme linéaire :",
      "impossible (aucune solution)" if ou_exclusif_impossible else "solution trouvée")

# %% [markdown]
# ## §3.1 — Couches de neurones
#
# Un réseau enchaîne des couches ; chaque neurone envoie la même valeur à tous les
# neurones de la couche suivante. L'exemple du livre : deux neurones ReLU sans biais,
# s₁ = ReLU(2x − y) et s₂ = ReLU(−3x + 2y), puis la sortie H(4s₁ + 5s₂ − 1). Puis
# l'exercice à 3 entrées et 2 sorties : les valeurs (Y₁, Y₂) demandées, une entrée
# qui donne (1, 7), et pourquoi Y₂ = 0 force Y₁ = 0 (s₁, s₂ ≥ 0 et Y₂ = 2s₁ + s₂).

# %%
lecon.section("reseaux", duree="< 1 s")
N_HASARD = 100_000      # entrées tirées au hasard pour la dernière question

F = reseau_par_couches(2, [([[2, -1], [-3, 2]], [0, 0], "relu"), ([[4, 5]], [-1], heaviside)])
v = valeurs(F, [(4, 7), (3, 2), (0.1, 0.1)])
for p, y in v.items():
    print(f"F{p} = {y:.0f}")
lecon.comparer("F(4, 7), F(3, 2), F(0.1, 0.1)", list(v.values()), livre=[1, 1, 0])

# %%
G = reseau_par_couches(3, [([[1, -2, 3], [2, -4, 1]], [0, 0], "relu"), ([[1, -2], [2, 1]], [0, 0], "relu")])
entrees = [(0, 0, 0), (1, 0, 0), (1, -1, 1), (3, 2, 1)]
sorties = {p: tuple(float(s) for s in evaluation(G, list(p))) for p in entrees}
for p, s in sorties.items():
    print(f"(Y1, Y2){p} = {s}")
inverse = tuple(float(s) for s in evaluation(G, [0, 0, 1]))
print("Pour (x, y, z) = (0, 0, 1) : (Y1, Y2) =", inverse, "(on cherchait (1, 7))")
lecon.comparer("(Y1, Y2) en (0, 0, 1)", inverse, livre=(1, 7))

# %%
# Y2 = 0 force s1 = s2 = 0, donc Y1 = 0 : vérifié sur N_HASARD entrées au hasard, en un appel
X = np.random.default_rng(lecon.graine).uniform(-10, 10, size=(N_HASARD, 3))
Y = evaluer_lot(G, X)
y2_nul = Y[:, 1] == 0
contre_exemple = bool(np.any(Y[y2_nul, 0] != 0))
print(f"Y2 = 0 pour {int(y2_nul.sum())} entrées au hasard ; Y1 ≠ 0 parmi elles : {contre_exemple}")

# %% [markdown]
# ## §3.2 — Secteur, union, triangle
#
# Deux demi-plans H(−x + 3y) et H(2x + y) combinés par un neurone ET (biais −2)
# donnent un secteur angulaire ; par un neurone OU (biais −1), leur union. Trois
# demi-plans et un ET à trois entrées (biais −3) : un triangle ; de même la zone de
# l'exercice. Enfin, même architecture et mêmes poids que le triangle avec H, σ, tanh
# et ReLU : la fonction F dépend beaucoup de l'activation.

# %%
lecon.section("zones", duree="< 1 s")
NUM = lecon.taille(200, rapide=80)          # grille NUM × NUM des cartes de zones
NUM_3D = lecon.taille(100, rapide=40)       # grille des quatre surfaces

secteur = reseau_par_couches(2, [([[-1, 3], [2, 1]], [0, 0], heaviside), ([[1, 1]], [-2], heaviside)])
union = reseau_par_couches(2, [([[-1, 3], [2, 1]], [0, 0], heaviside), ([[1, 1]], [-1], heaviside)])
triangle_couche = ([[-1, 2], [1, 1], [0, -1]], [0, -2, 3])
triangle = reseau_par_couches(2, [(*triangle_couche, heaviside), ([[1, 1, 1]], [-3], heaviside)])
zone = reseau_par_couches(2, [([[-1, -3], [-3, 5], [-5, -1]], [7, 7, -7], heaviside),
                              ([[1, 1, 1]], [-3], heaviside)])
zones = {
    "secteur": valeurs(secteur, [(1, 1), (0, -1)]),
    "union": valeurs(union, [(0, -1), (-3, -1)]),
    "triangle": valeurs(triangle, [(1, 2), (0, 0)]),
    "zone": valeurs(zone, [(-5, 2), (0, 0), (5, 5)]),
}
for nom, v in zones.items():
    print(nom, {p: int(y) for p, y in v.items()})

# %%
lecon.figure(affichage_zones(secteur, -5, 5, -5, 5, [], "ET : secteur angulaire", NUM), "ch05-secteur")
lecon.figure(affichage_zones(union, -5, 5, -5, 5, [], "OU : union de deux demi-plans", NUM), "ch05-union")
lecon.figure(affichage_zones(triangle, -2, 6, -2, 6, [], "triangle", NUM), "ch05-triangle")
sommets = [(4, 1), (-1, -2), (-2, 3)]
lecon.figure(affichage_zones(zone, -8, 6, -6, 6, [(sommets, dict(marker="o", color="k", label="points des droites"))],
                             "zone de l'exercice", NUM), "ch05-zone-exercice")

# %%
# Même architecture et mêmes poids que le triangle, avec H, σ, tanh et ReLU
activations = {"H": heaviside, "σ": "sigmoid", "tanh": "tanh", "ReLU": "relu"}
triangles = {f"φ = {nom}": reseau_par_couches(2, [(*triangle_couche, phi), ([[1, 1, 1]], [-3], phi)])
             for nom, phi in activations.items()}
lecon.figure(affichage_surfaces(triangles, -2, 6, -2, 6, num=NUM_3D), "ch05-activations-comparees")

# %% [markdown]
# ## §4.1 — Le OU EXCLUSIF avec trois neurones
#
# x OUex y = (x ET NON y) OU (NON x ET y) : deux neurones H(x − y − 1) et
# H(−x + y − 1), puis un OU. F vaut 0 sur la bande entre les deux droites et 1
# ailleurs (bord compris) : F(1, 0) = F(0, 1) = 1 et F(0, 0) = F(1, 1) = 0.

# %%
lecon.section("ou-exclusif", duree="< 1 s")
F = porte_ou_exclusif()
table = valeurs(F, TABLE)
print("OU EXCLUSIF", {p: int(v) for p, v in table.items()})
lecon.comparer("x OUex y sur (0,0), (0,1), (1,0), (1,1)", list(table.values()), livre=[0, 1, 1, 0])
lecon.figure(affichage_zones(F, -2, 3, -2, 3, [([(0, 1), (1, 0)], dict(marker="s", color="red", label="1")),
                                             ([(0, 0), (1, 1)], dict(marker="o", color="blue", label="0"))],
                             "x OU EXCLUSIF y"), "ch05-ou-exclusif")

# %% [markdown]
# ## §4.2 — Ensembles réalisables : polygones, différence
#
# Un polygone convexe à n côtés est réalisable par n + 1 neurones : un par côté, puis
# un ET de coefficients 1 et de biais −n (Prop. 3). Avec le neurone NON, s ↦ H(1 − 2s),
# on réalise aussi A ∪ B, le complémentaire et la différence A \ B = A ∩ non(A ∩ B)
# (Prop. 4) : ici le pentagone privé du demi-plan x ≥ 3.

# %%
lecon.section("polygones", duree="< 1 s")
pentagone = [(0, 0), (4, -1), (6, 2), (3, 5), (-1, 3)]
P = polygone_convexe(pentagone)
dans_pentagone = valeurs(P, [(2, 2), (5, 4), (0, 0), (-2, 0)])
neurones = sum(layer.units for layer in P.layers)
print("pentagone :", {p: int(v) for p, v in dans_pentagone.items()}, "—", P.count_params(), "poids,",
      neurones, "neurones")
lecon.comparer("neurones du pentagone (n + 1)", neurones)

# %%
# A \ B = A ∩ non(A ∩ B), ici A le pentagone et B le demi-plan x ≥ 3 :
# couche 1 : les 5 côtés et H(x − 3) ; couche 2 : a = A, b = A ∩ B ; sortie : H(a − 2b − 1).
cotes_coeffs, cotes_biais = P.layers[0].get_weights()
difference = reseau_par_couches(2, [
    (cotes_coeffs.T.tolist() + [[1, 0]], cotes_biais.tolist() + [-3], heaviside),
    ([[1] * 5 + [0], [1] * 6], [-5, -6], heaviside),
    ([[1, -2]], [-1], heaviside)])
dans_difference = valeurs(difference, [(2, 2), (4, 2), (-2, 0)])
print("pentagone privé de x ≥ 3 :", {p: int(v) for p, v in dans_difference.items()})
lecon.figure(affichage_zones(P, -2, 7, -2, 6, [(pentagone, dict(marker="o", color="k", label="sommets"))],
                             "polygone convexe"), "ch05-pentagone")
lecon.figure(affichage_zones(difference, -2, 7, -2, 6, [], "A \\ B"), "ch05-difference")

# %% [markdown]
# ## §5.1–5.3 — Marches, créneaux, escaliers
#
# Un neurone H(ax + b) est une marche ; avec a < 0, une marche inversée. Suivie d'un
# neurone NON, la marche change de valeur au point de saut (inégalité stricte). Deux
# marches et un neurone de sortie linéaire de poids (k, k) et de biais −k font un
# créneau de hauteur k ; plusieurs créneaux, une fonction en escalier : 4 sur [2, 3]
# et 6 sur [5, 10] avec 4 + 1 neurones (Prop. 6).

# %%
lecon.section("marches", duree="< 1 s")
exemples = {
    "H(x)": perceptron([1], 0), "H(2x + 1)": perceptron([2], 1), "H(2x − 1)": perceptron([2], -1),
    "H(−0.5x + 1)": perceptron([-0.5], 1),
}
x = np.linspace(-3, 3, 601)
courbes = {nom: evaluer_lot(m, x[:, None])[:, 0] for nom, m in exemples.items()}
fig, axes = plt.subplots(2, 2, figsize=(9, 6))
for ax, (nom, y) in zip(axes.ravel(), courbes.items()):
    ax.plot(x, y)
    ax.set_title(nom)
lecon.figure(fig, "ch05-marches")

# %%
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
lecon.figure(fig, "ch05-marche-stricte-creneau")

# %%
creneau = reseau_par_couches(1, [([[1 / 2], [-1 / 3], [1 / 5], [-1 / 10]], [-1, 1, -1, 1], heaviside),
                                 ([[4, 4, 6, 6]], [-10], "linear")])
points = [2, 2.5, 3, 3.1, 5, 10, 11]
v = {p: evaluation(creneau, p) for p in points}
print("double créneau :", v)
lecon.comparer("double créneau en 2, 2.5, 3, 3.1, 5, 10, 11", list(v.values()), livre=[4, 4, 4, 0, 6, 6, 0])
lecon.figure(affichage_evaluation_une_var(creneau, 0, 12, num=1201), "ch05-double-creneau")

# %% [markdown]
# ## §5.4 — Théorème d'approximation universelle (une variable)
#
# Toute fonction continue sur [a, b] est limite uniforme de fonctions de réseaux
# (théorème 2). La preuve découpe [a, b] en n intervalles et pose sur chacun une
# marche de hauteur f(xᵢ), comme une somme de Riemann. On mesure l'erreur maximale
# pour n = 5 … 100 : la construction d'origine du module du livre additionne deux
# marches à chaque jonction (car H(0) = 1) ; celle du paquet (`calcul_approximation`)
# est corrigée ; une version ReLU affine par morceaux fait bien mieux.

# %%
lecon.section("approximation", duree="< 1 s")
LISTE_N = [5, 10, 20, 50, 100]
FIGURES_N = lecon.taille(LISTE_N, rapide=[5, 10])     # le livre trace n = 5 et n = 10


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


# %%
a, b = 2, 10
tableau = {}
for n in LISTE_N:
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
    if n in FIGURES_N:
        lecon.figure(affichage_approximation(modele, f, a, b, num=1000), f"ch05-escalier-n{n}")
print("erreur max sur 1000 points de [2, 10] :")
print("  n   construction d'origine   marches corrigées   ReLU affine par morceaux"
      "   |   aux points x_i : origine   corrigée")
for n, e in tableau.items():
    print(f"{n:>3}   {e['livre']:>22.2f}   {e['marches']:>17.2f}   {e['relu']:>24.4f}"
          f"   |   {e['jonctions_livre']:>18.2f}   {e['jonctions_marches']:>8.2g}")

# %%
# À une jonction (n = 20, x = 2.4), l'original additionne deux marches (H(0) = 1).
modele = Sequential([Input(shape=(1,)), Dense(40, activation=heaviside), Dense(1, activation="linear")])
calcul_approximation(modele, f, a, b, 20)
jonction = {"origine": evaluation(escalier_du_livre(a, b, 20), 2.4),
            "corrigee": evaluation(modele, 2.4), "f(2.4)": float(f(2.4))}
print(f"en x = 2.4 (jonction, n = 20) : origine {jonction['origine']:.4f}, "
      f"corrigée {jonction['corrigee']:.4f}, f(2.4) = {jonction['f(2.4)']:.4f}")
lecon.comparer("F(2.4), construction d'origine, n = 20", jonction["origine"], note="f(2.4) + f(2.0)")
lecon.comparer("F(2.4), marches corrigées, n = 20", jonction["corrigee"], note="= f(2.4)")

# %% [markdown]
# ## §5.5 — Deux variables et plus
#
# Le théorème vaut aussi en plusieurs variables (théorème 3). Le livre donne le réseau
# qui vaut 1 sur le carré [0, 1]² : quatre demi-plans x ≥ 0, x ≤ 1, y ≥ 0, y ≤ 1, puis
# un ET de biais −4 (bord compris, puisque H(0) = 1). En juxtaposant de tels blocs on
# approche une fonction de deux variables ; l'erreur diminue quand la grille s'affine.

# %%
lecon.section("deux-variables", duree="< 1 s")
NUM = lecon.taille(60, rapide=30)                 # grille des figures
LISTE_N = lecon.taille([4, 8, 16], rapide=[4, 8])  # blocs n × n

carre = indicatrice_rectangle(0, 1, 0, 1)
v = valeurs(carre, [(0.5, 0.5), (1.5, 0.5), (0, 0), (1, 1)])
print("indicatrice de [0, 1]² :", {p: int(y) for p, y in v.items()})
lecon.figure(affichage_evaluation_deux_var_3d(carre, -1, 2, -1, 2, num=NUM), "ch05-carre-3d")
lecon.figure(affichage_evaluation_deux_var_2d(carre, -1, 2, -1, 2, num=NUM), "ch05-carre-2d")


# %%
def g(x, y):
    return np.exp(-(x ** 2 + y ** 2) / 2)


erreurs = {}
for n in LISTE_N:
    erreurs[n] = erreur_max_deux_var(approximation_deux_var(g, -2, 2, -2, 2, n), g, -2, 2, -2, 2)
print("f(x, y) = exp(−(x² + y²)/2) par blocs n × n, erreur max :", {n: round(e, 4) for n, e in erreurs.items()})
lecon.figure(affichage_evaluation_deux_var_3d(approximation_deux_var(g, -2, 2, -2, 2, 8), -2, 2, -2, 2, num=NUM),
             "ch05-blocs-2var")
