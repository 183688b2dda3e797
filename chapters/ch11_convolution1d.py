# %% [markdown]
# # Chapitre 11 — Convolution : une dimension
#
# Ce que le chapitre montre : la convolution f ⋆ g d'une liste par un motif
# (retourner le motif, le centrer, multiplier, additionner), la moyenne mobile, la
# translation et la dérivée comme convolutions, la couche de convolution (3 poids
# partagés au lieu de n²) et la définition mathématique (convolution étendue).
# Chaque résultat est comparé à `np.convolve`.
#
# Durée : quelques secondes (aucun entraînement).

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from keras_facile import *
from keras_facile.convolution import (affichage_convolution, affichage_couches_1d, convolution_1d, moyenne_mobile,
                                      retourner)
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Un petit outil pour toutes les sections : notre convolution donne-t-elle la même chose que NumPy ?
def comme_numpy(f, g, h, mode="same"):
    """Vrai si h est aussi ce que calcule np.convolve(f, g, mode)."""
    return bool(np.allclose(h, np.convolve(f, g, mode)))


# %% [markdown]
# ## §1 — [1,0,3,5,1] ⋆ [1,2,3] = [2,6,11,20,17] pas à pas ; motif pair [4,5]
#
# Pour calculer f ⋆ g : on retourne le motif g, on le centre sous chaque terme de f
# (avec un zéro virtuel à chaque bout), on multiplie terme à terme et on additionne.
# Un motif de longueur paire reçoit d'abord un zéro à gauche : [4, 5] devient [0, 4, 5].

# %%
lecon.section("idee", duree="< 1 s")
f, g = np.array([1, 0, 3, 5, 1]), np.array([1, 2, 3])
print("f =", f, "  motif g =", g, "  motif retourné :", retourner(g))
f_bordee = np.pad(f, 1)                              # un zéro virtuel de chaque côté
for k in range(len(f)):
    x, y, z = f_bordee[k:k + 3]
    print(f"  sous ({x}, {y}, {z}) : {x}×{g[2]} + {y}×{g[1]} + {z}×{g[0]} = {x * g[2] + y * g[1] + z * g[0]}")
h = convolution_1d(f, g)
print("f ⋆ g =", h)
lecon.comparer("[1,0,3,5,1] ⋆ [1,2,3]", h.tolist(), livre=[2, 6, 11, 20, 17])
lecon.comparer("… identique à np.convolve", comme_numpy(f, g, h))

# %%
f2, g2 = np.array([-1, 5, 7, 3, 2]), np.array([4, 5])
h2 = convolution_1d(f2, g2)
print("motif de longueur paire : [4, 5] devient [0, 4, 5] ;", f2, "⋆", g2, "=", h2)
lecon.comparer("[-1,5,7,3,2] ⋆ [4,5]", h2.tolist(), livre=[-4, 15, 53, 47, 23])
lecon.comparer("… motif pair : identique à np.convolve", comme_numpy(f2, g2, h2))

# %% [markdown]
# ## §2 — Moyennes mobiles, homothétie, translation, dérivée
#
# Le motif (1/3)[1, 1, 1] remplace chaque terme par la moyenne de ses voisins : une
# liste « chaotique » est lissée, d'autant plus avec (1/5)[1, 1, 1, 1, 1]. Le motif
# [2] multiplie par 2, [0, 0, 1] décale vers la droite, [0, 1, −1] fait la différence
# de deux termes voisins (une dérivée : celle d'un sinus ressemble à un cosinus).

# %%
lecon.section("exemples", duree="< 1 s")
f = np.array([4, 2, 1, 4, 5, 1, 3])
m3, m5 = convolution_1d(f, moyenne_mobile(3)), convolution_1d(f, moyenne_mobile(5))
print("moyenne mobile sur 3 :", np.round(m3, 2))
print("moyenne mobile sur 5 :", np.round(m5, 2))
lecon.comparer("f ⋆ (1/3)[1,1,1], arrondi", np.round(m3, 2),
               livre=["2.00", "2.33", "2.33", "3.33", "3.33", "3.00", "1.33"])
lecon.comparer("f ⋆ (1/5)[1,1,1,1,1]", m5, livre=[1.4, 2.2, 3.2, 2.6, 2.8, 2.6, 1.8])
lecon.figure(affichage_convolution(f, m3, titre_sortie="Sortie h = f ⋆ (1/3)[1,1,1]"), "ch11-moyenne-3")

# %%
# une liste « chaotique » de 100 valeurs, lissée par 1/3 puis 1/5
N = 100
bruit = np.sin(np.linspace(0, 2 * np.pi, N)) + np.random.default_rng(lecon.graine).random(N)
lisse3 = convolution_1d(bruit, moyenne_mobile(3))
lisse5 = convolution_1d(bruit, moyenne_mobile(5))
lecon.figure(affichage_convolution(bruit, lisse3, titre_sortie="Sortie h = f ⋆ (1/3)[1,1,1]"), "ch11-lissage-3")
lecon.figure(affichage_convolution(bruit, lisse5, titre_sortie="Sortie h = f ⋆ (1/5)[1,1,1,1,1]"), "ch11-lissage-5")
ecarts_voisins = [float(np.abs(np.diff(x)).mean()) for x in (bruit, lisse3, lisse5)]
print("écart moyen entre deux termes voisins : entrée %.3f, lissée 1/3 %.3f, lissée 1/5 %.3f"
      % tuple(ecarts_voisins))

# %%
un_a_neuf = np.arange(1, 10)
homothetie = convolution_1d(un_a_neuf, [2])
translation = convolution_1d(un_a_neuf, [0, 0, 1])
carres = np.array([16, 9, 4, 1, 0, 1, 4, 9, 16])
derivee = convolution_1d(carres, [0, 1, -1])
print("homothétie   [1..9] ⋆ [2]       =", homothetie)
print("translation  [1..9] ⋆ [0,0,1]   =", translation)
print("dérivée      f ⋆ [0,1,−1]       =", derivee, " (f(n) − f(n−1) : différence à gauche)")
lecon.comparer("[1..9] ⋆ [2]", homothetie.tolist(), livre=[2, 4, 6, 8, 10, 12, 14, 16, 18])
lecon.comparer("[1..9] ⋆ [0,0,1]", translation.tolist(), livre=[0, 1, 2, 3, 4, 5, 6, 7, 8])
lecon.comparer("[16,9,4,1,0,1,4,9,16] ⋆ [0,1,-1]", derivee.tolist(), livre=[16, -7, -5, -3, -1, 1, 3, 5, 7])
lecon.comparer("… identiques à np.convolve",
               comme_numpy(un_a_neuf, [2], homothetie) and comme_numpy(un_a_neuf, [0, 0, 1], translation)
               and comme_numpy(carres, [0, 1, -1], derivee))

# %%
sinus = np.sin(2 * np.pi * np.arange(100) / 100)
d = convolution_1d(sinus, [0, 1, -1])
lecon.figure(affichage_convolution(sinus, d, titre_entree="Entrée f(k) = sin(2πk/100)",
                                   titre_sortie="Sortie f ⋆ [0, 1, −1] : un cosinus (×2π/100)"),
             "ch11-derivee-sinus")

# %% [markdown]
# ## §3 — Un neurone, une couche de convolution : 3 poids partagés
#
# Un neurone de convolution de motif [a, b, c] n'est relié qu'à trois entrées
# voisines ; une couche de convolution, ce sont n neurones qui partagent les mêmes
# 3 poids, contre n² pour une couche complètement connectée. La couche `Conv1D` de
# Keras calcule une corrélation (motif non retourné) : on y charge le motif retourné.

# %%
lecon.section("reseau", duree="< 1 s")
n = 100
dense = keras.Sequential([Input(shape=(n,)), Dense(n, use_bias=False)])
conv = keras.Sequential([Input(shape=(n, 1)), keras.layers.Conv1D(1, 3, padding="same", use_bias=False)])
print(f"n = {n} : couche dense {dense.count_params()} poids, couche de convolution "
      f"{conv.count_params()} poids")
lecon.comparer("poids de la couche dense (n = 100)", dense.count_params(), livre=10000)
lecon.comparer("poids de la couche de convolution", conv.count_params(), livre=3)

# %%
# la couche Conv1D de Keras calcule une corrélation : on y charge le motif retourné
a, b, c = 1.0, 2.0, 3.0
conv.layers[0].set_weights([np.array([c, b, a]).reshape(3, 1, 1)])
f = np.random.default_rng(lecon.graine).integers(0, 10, n).astype("float32")
sortie = keras.ops.convert_to_numpy(conv(f.reshape(1, n, 1)))[0, :, 0]
ecart_keras = float(np.abs(sortie - convolution_1d(f, [a, b, c])).max())
print(f"Conv1D (motif retourné) et f ⋆ [a,b,c] : écart maximal {ecart_keras:.2g}")

# %%
lecon.figure(affichage_couches_1d(), "ch11-couches")

# %% [markdown]
# ## §4 — La définition : (f ⋆̃ g)(n) = Σ f(n−k) g(k)
#
# Avec f(0…4) = [1, 0, 3, 5, 1] et g(−1) = 1, g(0) = 2, g(1) = 3, la convolution
# étendue est […, 0, 1, 2, 6, 11, 20, 17, 3, 0, …] (le terme de rang 0 vaut 2) ; la
# version tronquée f ⋆ g garde les termes de rang 0 à 4. La convolution est commutative.

# %%
lecon.section("definition", duree="< 1 s")
f, g = np.array([1, 0, 3, 5, 1]), np.array([1, 2, 3])    # g(−1)=1, g(0)=2, g(1)=3
etendue = convolution_1d(f, g, mode="full")
print("f ⋆̃ g = [ … 0, 0,", ", ".join(map(str, etendue)), ", 0, 0 … ]")
print("terme de rang 0 :", etendue[1], " ; rang 1 : f(0)g(1) + f(1)g(0) + f(2)g(−1) =",
      f"{f[0]}·{g[2]} + {f[1]}·{g[1]} + {f[2]}·{g[0]} =", etendue[2])
lecon.comparer("f ⋆̃ g (convolution étendue)", etendue.tolist(), livre=[1, 2, 6, 11, 20, 17, 3])
lecon.comparer("terme de rang 0", int(etendue[1]), livre=2)
lecon.comparer("terme de rang 1", int(etendue[2]), livre=6)
lecon.comparer("… identique à np.convolve 'full'", comme_numpy(f, g, etendue, "full"))

# %%
tronquee = convolution_1d(f, g)
print("version tronquée f ⋆ g =", tronquee)
commutative = bool(np.array_equal(etendue, convolution_1d(g, f, mode="full")))
print("f ⋆̃ g = g ⋆̃ f :", commutative)
lecon.comparer("f ⋆̃ g = g ⋆̃ f", commutative)
