# %% [markdown]
# # Chapitre 16 — Probabilités
#
# Quelques thèmes probabilistes qui interviennent dans les réseaux de neurones :
# pourquoi la sigmoïde plutôt que la marche de Heaviside, argmax et softmax pour
# choisir parmi k catégories, les fonctions d'erreur de keras calculées sur les
# exemples du livre (et comparées à `keras.losses`), la normalisation des données et
# la loi normale, enfin le dropout.
#
# Durée : quelques secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from scipy.stats import norm

from keras_facile import *
from keras_facile import probabilites as pb
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

# %% [markdown]
# ## §1 — Sigmoïde, argmax et softmax
#
# σ est dérivable, de dérivée jamais nulle, et prend toutes les valeurs entre 0 et 1 :
# on lit sa sortie comme une probabilité (0.92 : « plutôt un chien »), alors que la
# dérivée de H est nulle partout où elle existe. Pour k catégories, softmax change
# (x₁, …, x_k) en k probabilités de somme 1 ; avec X = (3, 1, 8, 6, 0), la plus grande
# est au rang 3 (argmax ; numpy compte à partir de 0 et répond 2). Pour la
# rétropropagation, sa dérivée : ∂σᵢ/∂xⱼ = σᵢ(1 − σᵢ) si i = j, −σᵢσⱼ sinon (vérifiée
# ici avec GradientTape).

# %%
lecon.section("softmax", duree="1 s")
x = np.linspace(-6, 6, 400)
fig_marches, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.5))
ax1.plot(x, np.asarray(heaviside(x)))
ax1.set_title("Heaviside H")
ax2.plot(x, 1 / (1 + np.exp(-x)))
ax2.axhline(0.5, linestyle="--", color="gray")
ax2.set_title("sigmoïde σ")
lecon.figure(fig_marches, "ch16-heaviside-sigmoide")

# %%
X = np.array([3, 1, 8, 6, 0])
print("argmax :", np.argmax(X), "(la 3e composante, en comptant à partir de 1)")
lecon.comparer("argmax (numpy)", np.argmax(X), livre=2, note="script proba1.py ; le livre compte à partir de 1 : 3")
p = pb.softmax(X)
for i in range(len(X)):
    print("p[{:d}] = {:.4f}".format(i, p[i]))
lecon.comparer("softmax(3, 1, 8, 6, 0)", p, livre=["0.0059", "0.0008", "0.8746", "0.1184", "0.0003"])
keras_p = np.asarray(keras.ops.softmax(X.astype("float32")))
lecon.comparer("écart avec keras.ops.softmax", float(np.max(np.abs(p - keras_p))))

# %%
# La dérivée de softmax : le jacobien diag(σ) − σ σᵀ, et sa 3e ligne par GradientTape
J = pb.jacobien_softmax(X)
x_tf = tf.Variable(X.astype("float64"))
with tf.GradientTape() as bande:
    y = tf.nn.softmax(x_tf)[2]
ligne_tf = bande.gradient(y, x_tf).numpy()
print("ligne 3 du jacobien :", np.round(J[2], 6), "— GradientTape :", np.round(ligne_tf, 6))
lecon.comparer("ligne 3 du jacobien", J[2])
lecon.comparer("écart avec GradientTape", float(np.max(np.abs(J[2] - ligne_tf))))

# %% [markdown]
# ## §2 — Les fonctions d'erreur
#
# Erreur quadratique moyenne, erreur absolue moyenne, erreur logarithmique moyenne,
# entropie croisée binaire et entropie croisée pour catégories, calculées sur les
# données du livre, puis par `keras.losses`. L'erreur logarithmique traite de la même
# façon une petite erreur sur une petite valeur et une grande erreur sur une grande
# valeur : la paire (100, 105) pèse 55 % de l'erreur absolue, mais moins de 1 % de
# l'erreur logarithmique.

# %%
lecon.section("erreurs", duree="1 s")
Y, Yt = [1, 2, 5, 1, 3], [1.2, 1.9, 4.5, 1.1, 2.7]
Yl, Ylt = [1, 5, 10, 100], [2, 4, 8, 105]
Yb, Ybt = [1, 0, 1, 1, 0, 1], [0.9, 0.2, 0.8, 1.0, 0.1, 0.7]
Yc = keras.utils.to_categorical([2], 5)                      # la catégorie 3 sur 5
Yct = np.round(pb.softmax([3, 1, 8, 6, 0]), 4)[None, :]     # les probabilités de la section 1
calculs = {
    "MSE": (pb.erreur_quadratique_moyenne(Y, Yt), keras.losses.MeanSquaredError()(Y, Yt)),
    "MAE": (pb.erreur_absolue_moyenne(Y, Yt), keras.losses.MeanAbsoluteError()(Y, Yt)),
    "MSLE": (pb.erreur_log_moyenne(Yl, Ylt), keras.losses.MeanSquaredLogarithmicError()(Yl, Ylt)),
    "MAE (données MSLE)": (pb.erreur_absolue_moyenne(Yl, Ylt), keras.losses.MeanAbsoluteError()(Yl, Ylt)),
    "entropie croisée binaire": (pb.entropie_croisee_binaire(Yb, Ybt), keras.losses.BinaryCrossentropy()(Yb, Ybt)),
    "entropie croisée catégorielle": (pb.entropie_croisee(Yc, Yct), keras.losses.CategoricalCrossentropy()(Yc, Yct)),
}
valeurs = {}
for nom, (nous, k) in calculs.items():
    valeurs[nom] = (nous, float(k))
    print(f"{nom:<32} {nous:.6f}   keras.losses : {float(k):.6f}")

# %%
livre = {"MSE": "0.08", "MAE": "0.24", "MSLE": "0.060", "MAE (données MSLE)": "2.25",
         "entropie croisée binaire": "0.17", "entropie croisée catégorielle": None}
for nom, (nous, _) in valeurs.items():
    lecon.comparer(nom, nous, livre=livre[nom])
lecon.comparer("plus grand écart avec keras.losses", max(abs(nous - k) for nous, k in valeurs.values()))

# %%
# La part de la paire (100, 105) dans chaque erreur
part_mae = abs(100 - 105) / len(Yl) / pb.erreur_absolue_moyenne(Yl, Ylt)
part_msle = (np.log(101) - np.log(106)) ** 2 / len(Yl) / pb.erreur_log_moyenne(Yl, Ylt)
print(f"part de la paire (100, 105) : {part_mae:.1%} de l'erreur absolue, {part_msle:.2%} de l'erreur logarithmique")
lecon.comparer("part de (100, 105) dans l'erreur absolue", part_mae, livre="0.55")
lecon.comparer("part de (100, 105) dans l'erreur log.", part_msle, livre="0.0097",
               note="script proba2.py ; le livre : « moins de 1 % »")

# %% [markdown]
# ## §3 — Normalisation et loi normale
#
# On ramène les données dans un intervalle (dans [0, 1] : y ↦ (y − y_min)/(y_max − y_min)),
# ou bien on les centre et on les réduit. La loi de Gauss N(µ, σ) : aire 1, courbe
# symétrique autour de µ, σ règle l'étalement. La taille des femmes suit à peu près
# N(1,66 m, σ² = 0,0031 m²). Sur dix tailles d'hommes : µ = 176,4, σ ≃ 7,8, et 95 % des
# hommes mesurent entre µ − 2σ et µ + 2σ, soit [161, 192].
# (Le livre écrit la formule vers [a, b] à l'envers ; `pb.normaliser(Y, a, b)` garde l'ordre.)

# %%
lecon.section("loi-normale", duree="2 s")
TAILLES = np.array([172, 165, 187, 181, 167, 184, 168, 174, 180, 186])     # tailles d'hommes, en cm
mu, variance, sigma = TAILLES.mean(), TAILLES.var(), TAILLES.std()
z = pb.standardiser(TAILLES)
print(f"µ = {mu}, Var = {variance:.2f}, σ = {sigma:.4f} ; intervalle à 95 % : [{mu - 2 * sigma:.3f}, {mu + 2 * sigma:.3f}]")
print("tailles centrées réduites :", np.round(z, 2).tolist())
print("normalisation dans [0, 1] :", np.round(pb.normaliser(TAILLES), 3).tolist())
lecon.comparer("µ", mu, livre="176.4")
lecon.comparer("Var", variance, livre="61.04")
lecon.comparer("σ", sigma, livre="7.8")
lecon.comparer("intervalle µ ± 2σ", [mu - 2 * sigma, mu + 2 * sigma], livre=["160.774", "192.026"],
               note="script proba3.py ; le livre arrondit : [161, 192]")
lecon.comparer("tailles centrées réduites", z,
               livre=["-0.56", "-1.46", "1.36", "0.59", "-1.20", "0.97", "-1.07", "-0.31", "0.46", "1.23"])

# %%
# Les tailles des femmes (nombre de femmes par tranche de 2 cm) et la loi de Gauss de la figure du livre
MU_FEMMES, VARIANCE_FEMMES = 1.66, 0.0031          # en m et en m²
barres = {150: 1, 152: 3, 154: 4, 156: 5, 158: 8, 160: 11, 162: 14, 164: 18, 166: 17, 168: 14, 170: 12, 172: 10,
          174: 6, 176: 4, 178: 3, 180: 2, 182: 1}
x = np.linspace(140, 200, 400)                     # en cm
densite = pb.loi_normale(x, 100 * MU_FEMMES, 100 * np.sqrt(VARIANCE_FEMMES))
fig_femmes, ax = plt.subplots()
total = sum(barres.values())
ax.bar(list(barres), [v / total / 2 for v in barres.values()], width=2, alpha=0.6, label="tailles des femmes")
ax.plot(x, densite, color="red", label="N(166, 5.57²)")
ax.legend()
lecon.figure(fig_femmes, "ch16-tailles-femmes")
# µ et σ² relus sur la courbe tracée : son sommet est en µ, à la hauteur 1/(σ√(2π))
lecon.comparer("femmes : µ (m), relu sur la courbe", x[np.argmax(densite)] / 100, livre="1.66")
lecon.comparer("femmes : σ² (m²), relu sur la courbe", 1 / (2 * np.pi * densite.max() ** 2) / 1e4, livre="0.0031")

# %%
fig_dispersions, ax = plt.subplots()
t = np.linspace(0, 8, 400)
for s2, couleur in ((0.5, "blue"), (1, "green"), (2, "red")):
    ax.plot(t, pb.loi_normale(t, 4, np.sqrt(s2)), color=couleur, label=f"µ = 4, σ² = {s2}")
ax.legend()
lecon.figure(fig_dispersions, "ch16-dispersions")

# %%
fig_centree, ax = plt.subplots()
t = np.linspace(-4, 4, 400)
ax.plot(t, pb.loi_normale(t))
ax.fill_between(t, pb.loi_normale(t), where=np.abs(t) <= 1, alpha=0.3)
ax.set_title("Cas µ = 0, σ = 1")
lecon.figure(fig_centree, "ch16-loi-normale-centree")
aire = float(norm.cdf(2) - norm.cdf(-2))
print(f"P(|Z| < 2) = {aire:.4f} ; maximum de la densité N(0, 1) : {pb.loi_normale(0.0):.6f}")
lecon.comparer("P(|Z| < 2)", aire, livre="0.95")
lecon.comparer("maximum de la densité N(0, 1)", float(pb.loi_normale(0.0)))

# %% [markdown]
# ## §4 — Le dropout
#
# Avec n neurones, il y a 2ⁿ façons d'en éteindre une partie : trop pour entraîner
# chaque configuration. Le dropout tire au hasard, avant chaque pas de gradient, les
# neurones gardés (loi de Bernoulli de paramètre p) ; un neurone gardé voit sa sortie
# multipliée par 1/p, et en test tous les neurones sont actifs. Attention : le p du
# livre est la probabilité de **garder** un neurone ; `keras.layers.Dropout(rate)`
# prend celle de l'**éteindre** : rate = 1 − p.

# %%
lecon.section("dropout", duree="1 s")
p = 0.8
rng = np.random.default_rng(lecon.graine)
x = np.ones(100000)
apres_dropout = pb.dropout_livre(x, p, rng)     # le dropout du livre, pour l'entraînement
couche = keras.layers.Dropout(rate=1 - p, seed=lecon.graine)
keras_entrainement = np.asarray(couche(x.astype("float32"), training=True))
keras_test = np.asarray(couche(x.astype("float32"), training=False))
resultats = {
    "gardes_livre": float(np.mean(apres_dropout > 0)), "gardes_keras": float(np.mean(keras_entrainement > 0)),
    "valeurs_livre": sorted(set(np.round(apres_dropout, 6).tolist())),
    "valeurs_keras": sorted(set(np.round(keras_entrainement, 6).tolist())),
    "test_keras": sorted(set(keras_test.tolist())), "moyenne_livre": float(apres_dropout.mean()),
}
print(f"p = {p} : le livre garde {resultats['gardes_livre']:.1%} des neurones (valeurs {resultats['valeurs_livre']}),"
      f" Keras Dropout(rate = {1 - p:.1f}) en garde {resultats['gardes_keras']:.1%} "
      f"(valeurs {resultats['valeurs_keras']}) ; en test : {resultats['test_keras']}")
print(f"configurations de neurones : 2^5 = {2 ** 5}, 2^15 = {2 ** 15}")
lecon.comparer("part gardée (dropout du livre)", resultats["gardes_livre"], livre=0.8, tol=0.01,
               note="« environ 80 % sont conservés »")
lecon.comparer("part gardée (keras, rate = 0.2)", resultats["gardes_keras"], livre=0.8, tol=0.01)
lecon.comparer("sorties d'un neurone gardé ou éteint", resultats["valeurs_livre"], livre=[0, 1.25],
               note="un neurone gardé est multiplié par 1/p")
lecon.comparer("sorties keras en test", resultats["test_keras"], livre=[1])
