# %% [markdown]
# # Chapitre 6 — Python : tensorflow avec keras (partie 1)
#
# Ce que le chapitre montre : construire un réseau avec Keras, fixer ses poids à
# la main (avec `set_weights`, puis avec les fonctions de keras_facile), l'évaluer,
# tracer la fonction qu'il calcule pour 1, 2 ou 3 entrées, la fonction marche de
# Heaviside et l'approximation d'une fonction par des marches (théorème
# d'approximation universelle).
#
# Durée : quelques secondes (aucun entraînement).

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import tempfile
from pathlib import Path

from keras_facile import *
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Un petit outil pour toutes les sections : un réseau séquentiel couche par couche,
# par exemple reseau(1, (2, "relu"), (1, "relu")) pour 1 entrée → 2 neurones → 1 neurone.
def reseau(n_entrees, *couches):
    modele = Sequential()
    modele.add(Input(shape=(n_entrees,)))
    for neurones, activation in couches:
        modele.add(Dense(neurones, activation=activation))
    return modele


# %% [markdown]
# ## §1.2–1.5 — Un réseau 1 → 2 → 1 avec `set_weights` et `predict`
#
# Keras range les poids d'une couche dans une matrice (une ligne par entrée, une
# colonne par neurone) et un vecteur de biais. On les fixe avec `set_weights`, puis
# `predict` calcule la sortie : ici F(x) = ReLU(ReLU(x − 1) + ReLU(−0.5x + 1)),
# donc F(3) = 2.

# %%
lecon.section("keras-brut", duree="1 s")
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
lecon.comparer("F(3)", float(sortie[0, 0]), livre=2)
lecon.comparer("nombre de poids", modele.count_params(), livre=7)

# %%
liste_x = np.linspace(-2, 3, num=100)
liste_y = modele.predict(liste_x[:, None], verbose=0)[:, 0]
lecon.comparer("F(-2)", float(liste_y[0]))
lecon.comparer("min de F sur [-2, 3]", float(liste_y.min()), note="0.5 en x = 1, grille de 100 points")
fig, ax = plt.subplots()
ax.plot(liste_x, liste_y)
ax.set_title("F(x) = ReLU(ReLU(x − 1) + ReLU(−0.5x + 1))")
lecon.figure(fig, "ch06-reseau-relu")

# %% [markdown]
# ## §1.6–1.7 — Deux entrées, trois neurones sigmoïdes
#
# Même démarche avec 2 entrées, une couche de 3 neurones sigmoïdes puis un neurone
# de sortie. `predict` attend un tableau de forme (nombre de points, 2) et renvoie
# un tableau de forme (nombre de points, 1). Le livre trouve F(7, −5) ≃ 0.123.

# %%
lecon.section("deux-entrees", duree="1 s")
modele = reseau(2, (3, "sigmoid"), (1, "sigmoid"))
modele.layers[0].set_weights([np.array([[1.0, 3.0, -5.0], [2.0, -4.0, -6.0]]), np.array([-1.0, 0.0, 1.0])])
modele.layers[1].set_weights([np.array([[1.0], [1.0], [1.0]]), np.array([-3.0])])
sortie = modele.predict(np.array([[7, -5]]), verbose=0)
print("Entrée : (7, -5)  Sortie :", sortie, " forme :", sortie.shape)
lecon.comparer("F(7, -5)", float(sortie[0, 0]), livre="0.123")
lecon.comparer("forme de la sortie", sortie.shape, livre=(1, 1))

# %%
VX = np.linspace(-5, 5, 20)
VY = np.linspace(-5, 5, 20)
X, Y = np.meshgrid(VX, VY)
entree = np.c_[X.ravel(), Y.ravel()]
Z = modele.predict(entree, verbose=0).reshape(X.shape)
fig = plt.figure()
ax = fig.add_subplot(projection="3d")
ax.plot_surface(X, Y, Z)
lecon.figure(fig, "ch06-surface-2-entrees")

# %% [markdown]
# ## §2 — Le même réseau avec keras_facile
#
# `definir_poids(modele, couche, rang, coeff, biais)` fixe les poids d'un seul
# neurone, `affiche_poids` les montre, `evaluation` calcule F(x) sans barre de
# progression et `affichage_evaluation_une_var` trace la fonction.

# %%
lecon.section("keras-facile", duree="1 s")
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
lecon.comparer("F(3)", sortie, livre=2)
valeurs = {x: evaluation(modele, x) for x in (-2, -1, 0, 1, 2, 3)}
print("F en -2, -1, 0, 1, 2, 3 :", list(valeurs.values()))
lecon.comparer("F en -2, -1, 0, 1, 2, 3", list(valeurs.values()))

# %%
lecon.figure(affichage_evaluation_une_var(modele, -2, 3), "ch06-keras-facile-1var")

# %% [markdown]
# ## §3.1 — Un neurone de Heaviside
#
# La fonction marche H vaut 1 si x ≥ 0 et 0 sinon (H(0) = 1). Un neurone
# `Dense(1, activation=heaviside)` de poids −0.5 et de biais 1 calcule
# F(x) = H(−0.5x + 1) : 1 jusqu'à x = 2, puis 0.

# %%
lecon.section("heaviside", duree="1 s")
modele = reseau(1, (1, heaviside))
definir_poids(modele, 0, 0, -0.5, 1)
valeurs = {x: evaluation(modele, x) for x in (0, 2, 2.5)}
print("F(0) =", valeurs[0], " F(2) =", valeurs[2], " F(2.5) =", valeurs[2.5])
lecon.comparer("F(0), F(2), F(2.5)", list(valeurs.values()))
print("H(-1), H(0), H(2) =", np.asarray(heaviside(np.array([-1.0, 0.0, 2.0]))))
lecon.figure(affichage_evaluation_une_var(modele, -5, 5, num=201), "ch06-heaviside")

# %% [markdown]
# ## §3.2 — Approximation universelle par des marches
#
# Sur [a, b] découpé en n intervalles, deux neurones de Heaviside par intervalle
# font une marche de hauteur f(x_i) : la somme approche f. `calcul_approximation`
# calcule et définit tous les poids ; plus n est grand, plus l'erreur est petite.

# %%
lecon.section("approximation", duree="3 s (rapide : 2 s)")
LISTE_N = lecon.taille([5, 10, 20, 50, 100], rapide=[5, 20])


def f(x):
    """La fonction du livre, approchée sur [2, 10]."""
    return np.cos(2 * x) + x * np.sin(3 * x) + x ** 0.5


a, b = 2, 10
x_fin = np.linspace(a, b, 1000)
erreurs = {}
for n in LISTE_N:
    modele = reseau(1, (2 * n, heaviside), (1, "linear"))
    calcul_approximation(modele, f, a, b, n)  # calcule et définit les poids
    erreurs[n] = float(np.max(np.abs(evaluer_lot(modele, x_fin[:, None])[:, 0] - f(x_fin))))
    lecon.figure(affichage_approximation(modele, f, a, b, num=1000), f"ch06-approximation-n{n}")
print("  n   erreur max sur 1000 points de [2, 10]")
for n, e in erreurs.items():
    print(f"{n:>3}   {e:.4f}")
lecon.comparer(f"F(2) avec n = {LISTE_N[-1]}", evaluation(modele, 2.0), note=f"la première marche vaut f(2) = {f(2.0):.6f}")

# %% [markdown]
# Au-delà du livre : un modèle qui utilise `heaviside` s'enregistre en `.keras` et
# se recharge tel quel, sans `custom_objects`.

# %%
with tempfile.TemporaryDirectory() as dossier:
    chemin = Path(dossier) / "marches.keras"
    modele.save(chemin)
    recharge = keras.saving.load_model(chemin)
    identique = bool(np.array_equal(evaluer_lot(modele, x_fin[:, None]), evaluer_lot(recharge, x_fin[:, None])))
print("Modèle enregistré en .keras puis rechargé : sorties identiques =", identique)
lecon.comparer("rechargé : sorties identiques", identique)

# %% [markdown]
# ## §3.3 — Un neurone sigmoïde à deux entrées
#
# F(x, y) = σ(x + 2y − 1) : le livre donne F(2, 1) = σ(3) ≃ 0.952. On trace la
# surface z = F(x, y) puis ses lignes de niveau.

# %%
lecon.section("sigmoide-2var", duree="1 s")
modele = reseau(2, (1, "sigmoid"))
definir_poids(modele, 0, 0, [1, 2], -1)
entree = [2.0, 1.0]
sortie = evaluation(modele, entree)
print("Entrée :", entree, "Sortie :", sortie)
lecon.comparer("F(2, 1)", sortie, livre="0.952")

# %%
lecon.figure(affichage_evaluation_deux_var_3d(modele, -5, 5, -5, 5), "ch06-sigmoide-3d")
lecon.figure(affichage_evaluation_deux_var_2d(modele, -5, 5, -5, 5, niveaux=20), "ch06-sigmoide-2d")

# %% [markdown]
# ## §3.3 — Deux couches de Heaviside : un secteur angulaire
#
# Deux neurones de Heaviside découpent deux demi-plans ; le neurone de sortie
# (poids 1, 1 et biais −2) fait leur « ET » : F vaut 1 dans le secteur angulaire
# du chapitre 5 et 0 ailleurs.

# %%
lecon.section("secteur", duree="1 s")
NUM = lecon.taille(100, rapide=40)
modele = reseau(2, (2, heaviside), (1, heaviside))
definir_poids(modele, 0, 0, [-1, 3], 0)
definir_poids(modele, 0, 1, [2, 1], 0)
definir_poids(modele, 1, 0, [1, 1], -2)
points = {(1, 1): None, (0, -1): None, (-3, -1): None, (0, 0): None}
for p in points:
    points[p] = evaluation(modele, *p)
    print(f"F{p} = {points[p]}")
lecon.comparer("F en (1,1), (0,-1), (-3,-1), (0,0)", list(points.values()))

# %%
lecon.figure(affichage_evaluation_deux_var_3d(modele, -5, 5, -5, 5, num=NUM), "ch06-secteur-3d")
lecon.figure(affichage_evaluation_deux_var_2d(modele, -5, 5, -5, 5, num=NUM, niveaux=20), "ch06-secteur-2d")

# %% [markdown]
# ## §3.4 — Trois entrées, un neurone ReLU
#
# F(x, y, z) = ReLU(x − y + z − 1), donc F(2, 3, 4) = 2. Pour voir une fonction
# de trois variables, on colore les points d'une grille de l'espace par leur valeur.

# %%
lecon.section("trois-entrees", duree="1 s")
LISTE_NUM = lecon.taille([5, 10], rapide=[5])
modele = reseau(3, (1, "relu"))
definir_poids(modele, 0, 0, [1, -1, 1], -1)
affiche_poids(modele, 0)
entree = [2.0, 3.0, 4.0]
sortie = evaluation(modele, entree)
print("Entrée :", entree, "Sortie :", sortie)
lecon.comparer("F(2, 3, 4)", sortie, livre=2)

# %%
for num in LISTE_NUM:
    lecon.figure(affichage_evaluation_trois_var(modele, -5, 5, -5, 5, -5, 5, num=num), f"ch06-trois-entrees-n{num}")

# %% [markdown]
# ## §3.4 — Le réseau « cube »
#
# Six neurones σ(±x + 1), σ(±y + 1), σ(±z + 1) puis σ(Σ sᵢ − 6) : la sortie est
# plus grande près de l'origine, dans un « cube » autour de (0, 0, 0).

# %%
lecon.section("cube", duree="1 s")
modele = reseau(3, (6, "sigmoid"), (1, "sigmoid"))
for rang, vecteur in enumerate(np.vstack([np.eye(3), -np.eye(3)])[[0, 3, 1, 4, 2, 5]]):
    definir_poids(modele, 0, rang, vecteur, 1)
definir_poids(modele, 1, 0, [1] * 6, -6)
valeurs = {p: evaluation(modele, *p) for p in [(0, 0, 0), (1, 0, 0), (2, 2, 2)]}
for p, v in valeurs.items():
    print(f"F{p} = {v:.5f}")
lecon.comparer("F(0, 0, 0)", valeurs[(0, 0, 0)])
lecon.comparer("F(1, 0, 0)", valeurs[(1, 0, 0)])
lecon.comparer("F(2, 2, 2)", valeurs[(2, 2, 2)])

# %%
lecon.figure(affichage_evaluation_trois_var(modele, -3, 3, -3, 3, -3, 3, num=12), "ch06-cube")
