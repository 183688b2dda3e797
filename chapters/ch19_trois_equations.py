# %% [markdown]
# # Chapitre 19 — Trois équations
#
# Au-delà du livre. Un réseau de neurones tient en trois équations (freeCodeCamp, « trois
# lignes de maths », noté 004) : z = Wx + b, puis ŷ = σ(z), puis W ← W − α ∂L/∂W pour une
# perte L. Ce chapitre les écrit à la main en numpy, et vérifie chaque morceau contre
# Keras : le neurone et son activation, l'entropie croisée binaire, un pas de gradient
# (égal à un pas de `keras.optimizers.SGD`). Puis l'algèbre linéaire de l'atelier
# « Fondations mathématiques de l'IA moderne » (001, jour 1) : une image est un vecteur
# de ℝ^784, une couche dense est une matrice, la SVD d'une couche entraînée, les 203 530
# poids d'un petit réseau MNIST. Puis les activations du cours « Apprentissage profond »
# (002, ch. 1) et du mini-livre « Du Deep Learning aux Transformers » (000, ch. 2–3), leurs
# dérivées, la saturation d'un réseau tanh profond mal initialisé, les initialisations de
# Xavier et de He. Enfin un seul neurone sigmoïde sur les pixels bruts des chats et chiens,
# contre le réseau convolutif du chapitre 14.
#
# Les erreurs des sources sont corrigées là où elles se présentent ; la liste est à la fin.
#
# Durée : un peu plus d'une minute en entier sur un processeur à 2 cœurs (MNIST complet,
# 4 000 photos de chats et chiens, 40 époques pour le neurone seul) ; une demi-minute en
# mode rapide, import de TensorFlow compris.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import functools
import json
import time
import warnings
from pathlib import Path

import keras_facile
from keras_facile import *
from keras_facile import probabilites as pb
from keras_facile import reseaux_convolutifs as rc
from keras_facile import trois_equations as te
from keras_facile.donnees import charger_chats_chiens, charger_mnist
from keras_facile.entrainement import entrainer_rapide
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Les outils partagés par les sections : MNIST aplati, et le réseau 784-256-10 de 001 entraîné une fois.
warnings.filterwarnings("ignore", message="`shuffle=True` was passed")   # un Dataset est déjà mélangé
tf.get_logger().setLevel("ERROR")          # pas d'avertissements de retraçage entre les petits modèles

@functools.lru_cache(maxsize=None)
def mnist_aplati():
    """(X_train, y_train, X_test, y_test) : images aplaties en vecteurs de ℝ^784, dans [0, 1]."""
    (x, y), (xt, yt) = charger_mnist()
    return (x.reshape(-1, 784) / 255).astype("float32"), y, (xt.reshape(-1, 784) / 255).astype("float32"), yt


@functools.lru_cache(maxsize=None)
def mlp_entraine(n_train, epoques):
    """Le MLP 784 → 256 (ReLU) → 10 de 001 §1.3, entraîné (adam, lots de 128) sur les n_train
    premières images ; renvoie (modèle, secondes d'entraînement)."""
    X_train, y_train, _, _ = mnist_aplati()
    modele = Sequential([Input((784,)), Dense(256, activation="relu"), Dense(10)])
    modele.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                   metrics=["accuracy"])
    debut = time.perf_counter()
    modele.fit(X_train[:n_train], y_train[:n_train], batch_size=128, epochs=epoques, verbose=lecon.verbeux)
    return modele, time.perf_counter() - debut

# %% [markdown]
# ## §1 — Les trois équations, à la main et avec Keras (004 §1–3, 000 ch. 2)
#
# **Un neurone.** Le neurone de 000 ch. 2 a deux entrées x = (2, 3), les poids
# w = (0,8 ; −0,5) et le biais b = 1,2 : z = Σ wᵢxᵢ + b = 1,3, et son activation ReLU(z) = 1,3.
# (Le code de 000 affiche z sous le nom « Activation du neurone » sans jamais appliquer
# ReLU ; ici les deux nombres coïncident parce que z > 0.) Le même neurone en Keras :
# une couche `Dense(1, activation="relu")` dont on fixe les poids.
#
# **L'entropie croisée binaire.** Pour une étiquette y ∈ {0, 1} (chat = 0, chien = 1)
# et une prédiction ŷ ∈ ]0, 1[ : L = −[y ln ŷ + (1 − y) ln(1 − ŷ)]. Un chien prédit
# « chien à 90 % » coûte −ln 0,9 = 0,1054 ; prédit à 10 %, il coûte −ln 0,1 = 2,3026.

# %%
lecon.section("trois-equations", duree="5 s (rapide : 4 s)")
x_neurone, w_neurone, b_neurone = np.array([2.0, 3.0]), np.array([0.8, -0.5]), 1.2
z_neurone = float(w_neurone @ x_neurone + b_neurone)
neurone = Sequential([Input((2,)), Dense(1, activation="relu")])
neurone.set_weights([w_neurone.reshape(2, 1), np.array([b_neurone])])
sortie_keras = float(neurone(x_neurone[None, :].astype("float32"))[0, 0])
print(f"z = {z_neurone:.4f}, ReLU(z) = {float(te.relu(z_neurone)):.4f} ; Keras Dense(1, relu) : {sortie_keras:.7f}")
lecon.comparer("z = w·x + b (000 ch. 2)", z_neurone, livre="1.3")
lecon.comparer("ReLU(z), Keras Dense(1, relu)", sortie_keras, livre="1.3")

# %%
bce_09 = pb.entropie_croisee_binaire([1.0], [0.9])
bce_01 = pb.entropie_croisee_binaire([1.0], [0.1])
bce_keras_09 = float(keras.losses.BinaryCrossentropy()([[1.0]], [[0.9]]))
bce_keras_01 = float(keras.losses.BinaryCrossentropy()([[1.0]], [[0.1]]))
lecon.comparer("BCE(1, 0.9)", bce_09, livre="0.1054")
lecon.comparer("BCE(1, 0.1)", bce_01, livre="2.3026")
lecon.comparer("écart avec keras.losses (BCE)", max(abs(bce_09 - bce_keras_09), abs(bce_01 - bce_keras_01)))

# %% [markdown]
# **Un pas de gradient.** Deux cents points du plan, chats (0) autour de (−1, −1) et
# chiens (1) autour de (1, 1). Le modèle : z = XW + b, ŷ = σ(z) ; la perte L est la
# moyenne des entropies croisées. Comme σ′ = σ(1 − σ), la dérivée se simplifie :
# ∂L/∂z = (ŷ − y)/m, donc ∂L/∂W = Xᵀ(ŷ − y)/m et ∂L/∂b = moyenne de (ŷ − y). On
# compare ce gradient à celui de `tf.GradientTape`, puis le pas W ← W − αg à un pas de
# `keras.optimizers.SGD(α)` sur le même modèle Keras `Dense(1, activation="sigmoid")`.
# 004 écrit la perte comme une **somme** sur les exemples ; Keras en prend la
# **moyenne** : le gradient de la somme est m fois plus grand, et le même pas demande
# un α divisé par m. 004 tire aussi b au hasard au départ ; Keras le met à zéro (le
# hasard de W suffit à distinguer les neurones entre eux).

# %%
rng = np.random.default_rng(lecon.graine)
m_points = 200
y_jouet = np.repeat([0.0, 1.0], m_points // 2)
X_jouet = rng.normal(size=(m_points, 2)) + np.where(y_jouet[:, None] == 1, 1.0, -1.0)
W0, b0, alpha = rng.normal(size=2) * 0.5, 0.1, 0.5
perte0, dW, db, _ = te.regression_logistique(X_jouet, y_jouet, W0, b0)

logistique = Sequential([Input((2,)), Dense(1, activation="sigmoid")])
logistique.set_weights([W0.reshape(2, 1), np.array([b0])])
bce = keras.losses.BinaryCrossentropy()
with tf.GradientTape() as bande:
    perte_keras = bce(y_jouet[:, None], logistique(X_jouet.astype("float32")))
gradients_keras = bande.gradient(perte_keras, logistique.trainable_variables)
ecart_gradient = max(float(np.max(np.abs(dW - np.ravel(gradients_keras[0])))),
                     abs(db - float(gradients_keras[1][0])))
W1, b1 = te.pas_de_gradient([W0, b0], [dW, db], alpha)
sgd = keras.optimizers.SGD(learning_rate=alpha)
sgd.apply_gradients(zip(gradients_keras, logistique.trainable_variables))
noyau_sgd, biais_sgd = logistique.get_weights()
ecart_pas_sgd = max(float(np.max(np.abs(W1 - noyau_sgd.ravel()))), abs(float(b1) - float(biais_sgd[0])))
print(f"L = {perte0:.6f} (Keras : {float(perte_keras):.6f}) ; ∂L/∂W = {np.round(dW, 6)}, ∂L/∂b = {db:.6f}")
print(f"après un pas : W = {np.round(W1, 6)}, b = {float(b1):.6f} ; keras SGD : W = {np.round(noyau_sgd.ravel(), 6)}")
biais_initial = Dense(3)
biais_initial.build((None, 2))
lecon.comparer("biais initial d'une couche Dense", np.asarray(biais_initial.bias).tolist(), livre=[0, 0, 0])
lecon.comparer("écart gradient main / GradientTape", ecart_gradient)
lecon.comparer("écart pas main / keras SGD", ecart_pas_sgd, livre=0, tol=1e-7, note="Keras en float32")

# %%
# Le même pas avec un modèle Keras en float64 : l'écart n'est plus que l'arrondi du float64
logistique64 = Sequential([Input((2,), dtype="float64"), Dense(1, activation="sigmoid", dtype="float64")])
logistique64.set_weights([W0.reshape(2, 1), np.array([b0])])
with tf.GradientTape() as bande:
    perte64 = keras.losses.BinaryCrossentropy(dtype="float64")(y_jouet[:, None], logistique64(X_jouet))
gradients64 = bande.gradient(perte64, logistique64.trainable_variables)
keras.optimizers.SGD(learning_rate=alpha).apply_gradients(zip(gradients64, logistique64.trainable_variables))
noyau64, biais64 = logistique64.get_weights()
ecart_pas_sgd64 = max(float(np.max(np.abs(W1 - noyau64.ravel()))), abs(float(b1) - float(biais64[0])))
lecon.comparer("écart pas main / keras SGD (float64)", ecart_pas_sgd64, livre=0, tol=1e-12)

# %%
# La somme de 004 : même gradient × m, et même pas avec α/m
perte_somme, dW_somme, db_somme, _ = te.regression_logistique(X_jouet, y_jouet, W0, b0, reduction="somme")
perte_somme_keras = float(keras.losses.BinaryCrossentropy(reduction="sum")(
    y_jouet[:, None], te.sigmoide(X_jouet @ W0 + b0)[:, None]))
W1_somme, _ = te.pas_de_gradient([W0, b0], [dW_somme, db_somme], alpha / m_points)
lecon.comparer("perte somme / perte moyenne", perte_somme / perte0, livre=m_points)
lecon.comparer("écart perte somme / keras reduction='sum'", abs(perte_somme - perte_somme_keras))
lecon.comparer("écart pas (somme, α/m) / pas (moyenne, α)", float(np.max(np.abs(W1_somme - W1))))

# %% [markdown]
# **Toute une descente.** Les mêmes pas répétés, à la main (float64) et par Keras avec
# l'optimiseur `SGD(α)` compilé, un lot de 200 points par époque, sans mélange (float32).
# Côté Keras, `entrainer_rapide` du paquet fait exactement les pas de `model.fit(…,
# batch_size=200, shuffle=False)` dans une boucle compilée (voir le banc `entrainement`) :
# 500 époques en une seconde au lieu d'une minute. Les deux trajectoires restent l'une sur l'autre.

# %%
PAS = lecon.taille(500, rapide=20)
W_fin, b_fin, pertes_main = te.descente_logistique(X_jouet, y_jouet, W0, b0, alpha, PAS)
logistique.set_weights([W0.reshape(2, 1), np.array([b0])])
logistique.compile(optimizer=keras.optimizers.SGD(learning_rate=alpha), loss="binary_crossentropy")
historique = entrainer_rapide(logistique, X_jouet, y_jouet, epochs=PAS)       # = fit(…, shuffle=False), plus vite
noyau_fit, biais_fit = logistique.get_weights()
ecart_descente = max(float(np.max(np.abs(W_fin - noyau_fit.ravel()))), abs(b_fin - float(biais_fit[0])))
exactitude_jouet = float(np.mean((te.sigmoide(X_jouet @ W_fin + b_fin) > 0.5) == y_jouet))
print(f"{PAS} pas : L {pertes_main[0]:.4f} → {pertes_main[-1]:.4f}, exactitude {exactitude_jouet:.3f}")
lecon.comparer(f"écart main / Keras SGD après {PAS} pas", ecart_descente, livre=0, tol=1e-5)
lecon.comparer("écart des pertes main / Keras", float(np.max(np.abs(np.array(pertes_main[:-1])
                                                                 - np.array(historique["loss"])))))

# %%
fig_jouet, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
ax1.scatter(*X_jouet[y_jouet == 0].T, marker="o", color="tab:blue", label="chats (0)")
ax1.scatter(*X_jouet[y_jouet == 1].T, marker="s", color="tab:red", label="chiens (1)")
t = np.linspace(X_jouet[:, 0].min(), X_jouet[:, 0].max(), 2)
ax1.plot(t, -(W_fin[0] * t + b_fin) / W_fin[1], "k-", label="ŷ = 0,5")
ax1.set_ylim(X_jouet[:, 1].min() - 0.5, X_jouet[:, 1].max() + 0.5)
ax1.legend()
ax2.plot(pertes_main[:-1], label="à la main")
ax2.plot(historique["loss"], "--", label="Keras, SGD")
ax2.set_xlabel("pas")
ax2.set_ylabel("entropie croisée binaire")
ax2.legend()
fig_jouet.tight_layout()
lecon.figure(fig_jouet, "ch19-trois-equations")

# %% [markdown]
# ## §2 — Une image est un vecteur, une couche dense est une matrice (001 §1.1–1.3, 002 §1.2)
#
# Une image MNIST 28 × 28 aplatie est un point de ℝ^784 (`keras.layers.Flatten` ne fait
# rien d'autre que `reshape`). Presque tous les points de ℝ^784 ressemblent à du bruit :
# les chiffres vivent sur une toute petite partie de l'espace (« hypothèse de la variété »).
#
# Une couche dense calcule x ↦ activation(xK + b) : le noyau K de Keras est de forme
# (entrées, sorties), la **transposée** du W ∈ ℝ^{m×d} de 001, qui écrit Wx avec des
# colonnes. Le réseau 784 → 256 → 10 de 001 §1.3.1 a 784·256 + 256 + 256·10 + 10 = 203 530
# poids. Sans activation, deux couches n'en font qu'une : (xK₁ + b₁)K₂ + b₂ = x(K₁K₂) + (b₁K₂ + b₂).
# 001 annonce « environ 97 % » d'exactitude sur le test MNIST en moins d'une minute.

# %%
lecon.section("vecteurs-matrices", duree="20 s (rapide : 10 s)")
N_TRAIN = lecon.taille(60000, rapide=1024)
EPOQUES = lecon.taille(2, rapide=1)
X_train, y_train, X_test, y_test = mnist_aplati()
images = X_test[:5].reshape(5, 28, 28)                    # les images telles quelles, 28 × 28
aplaties = np.asarray(keras.layers.Flatten()(images))
lecon.comparer("Flatten = reshape (écart)", float(np.max(np.abs(aplaties - images.reshape(5, 784)))), livre=0)
lecon.comparer("dimension d'une image aplatie", X_test.shape[1], livre=784)

# %%
hasard = np.random.default_rng(lecon.graine).random(784)
fig_vecteurs, axes = plt.subplots(1, 6, figsize=(12, 2.4))
for ax, image, titre in zip(axes, [hasard] + list(X_test[:5]), ["un point au hasard"] + [f"chiffre {c}" for c in y_test[:5]]):
    ax.imshow(np.reshape(image, (28, 28)), cmap="Greys")
    ax.set_title(titre, fontsize=9)
    ax.axis("off")
lecon.figure(fig_vecteurs, "ch19-vecteurs-r784")

# %%
mlp = Sequential([Input((784,)), Dense(256, activation="relu"), Dense(10)])
poids_par_couche = [int(c.count_params()) for c in mlp.layers]
lecon.comparer("poids du MLP 784-256-10 (001 §1.3.1)", int(mlp.count_params()), livre=203530)
lecon.comparer("… couche par couche", poids_par_couche, livre=[200960, 2570])
lecon.comparer("… par la formule Σ n_ℓ(n_ℓ₋₁ + 1)", te.nombre_parametres_mlp([784, 256, 10]), livre=203530)
lecon.comparer("forme du noyau Keras (= Wᵀ de 001)", list(mlp.layers[0].kernel.shape), livre=[784, 256])

# %%
# Les nombres de poids du cours 002 (§1.2.2, listing 1.7, exercice 1.2), comptés par Keras
def compter(cachees):
    return int(Sequential([Input((784,))] + [Dense(n, activation="relu") for n in cachees] + [Dense(10)]).count_params())


poids_002 = {nom: compter(cachees) for nom, cachees in
             (("[256, 128]", [256, 128]), ("[1024]", [1024]), ("[256, 128, 64]", [256, 128, 64]),
              ("[64, 64, 64, 64]", [64] * 4))}
imprimes_002 = {"[256, 128]": 235146, "[1024]": 812042, "[256, 128, 64]": 243338, "[64, 64, 64, 64]": 63434}
for nom, n in poids_002.items():
    lecon.comparer(f"poids MLP 784-{nom}-10 (002)", n, livre=imprimes_002[nom],
                   note=None if n == imprimes_002[nom] else "002 imprime un nombre faux")
exercice_12 = [te.nombre_parametres_mlp([1024, 512, 256, 128, 10]), te.nombre_parametres_mlp([1024, 2048, 10])]
print(f"002 ex. 1.2 : {exercice_12[0]} contre {exercice_12[1]} poids, un rapport {exercice_12[1] / exercice_12[0]:.2f}"
      " (« budget similaire » dans 002)")
lecon.comparer("002 ex. 1.2, les deux réseaux", exercice_12)

# %%
# Une couche est une matrice : la sortie de Keras, recalculée à la main ; deux couches linéaires en une
mlp, secondes_mnist = mlp_entraine(N_TRAIN, EPOQUES)
n_images = min(N_TRAIN, len(X_train))
exactitude_mnist = float(mlp.evaluate(X_test, y_test, verbose=0)[1])
(K1, c1), (K2, c2) = [c.get_weights() for c in mlp.layers]
a_la_main = te.couche_dense_a_la_main(te.couche_dense_a_la_main(X_test[:100], K1, c1, te.relu), K2, c2)
ecart_mlp = float(np.max(np.abs(a_la_main - mlp.predict(X_test[:100], verbose=0))))
print(f"{EPOQUES} époque(s) sur {n_images} images en {secondes_mnist:.1f} s : exactitude test {exactitude_mnist:.4f}")
lecon.comparer("exactitude test MLP 784-256-10 (%)", 100 * exactitude_mnist, livre=97, tol=1.5,
               note=f"001 : « environ 97 % en moins d'une minute » ; ici {EPOQUES} époque(s), {n_images} images")
lecon.comparer("écart MLP à la main / Keras", ecart_mlp, livre=0, tol=1e-4)

deux = Sequential([Input((784,)), Dense(32), Dense(10)])
une = Sequential([Input((784,)), Dense(10)])
une.set_weights(list(te.composer_couches_lineaires(*deux.layers[0].get_weights(), *deux.layers[1].get_weights())))
ecart_composition = float(np.max(np.abs(deux.predict(X_test[:100], verbose=0) - une.predict(X_test[:100], verbose=0))))
lecon.comparer("deux couches linéaires = une (écart)", ecart_composition, livre=0, tol=1e-4)

# %% [markdown]
# ## §3 — La SVD d'une couche entraînée (001 §1.2, §1.5)
#
# Toute matrice s'écrit W = U Σ Vᵀ : U et V ont des colonnes orthonormées (UᵀU = I,
# VᵀV = I) et Σ est diagonale, de valeurs singulières σ₁ ≥ σ₂ ≥ … ≥ 0. La couche pivote,
# étire selon les σᵢ, pivote encore. 001 dit que U et V sont des « rotations » : ce sont
# des matrices **orthogonales**, de déterminant +1 (rotation) **ou −1** (une réflexion
# en plus) — on compte ci-dessous. En ne gardant que les k plus grandes valeurs
# singulières, on obtient la meilleure matrice de rang k (Eckart–Young), et l'erreur
# quadratique ‖W − W_k‖²_F vaut exactement la somme des σᵢ² écartés. On l'applique au
# W = K₁ᵀ (256 × 784) de la couche cachée entraînée au §2 (SVD de `tf.linalg.svd`, en
# float64), et l'on mesure l'exactitude du réseau quand W est remplacée par W_k : quelques
# dizaines de directions sur 256 suffisent presque.

# %%
lecon.section("svd", duree="5 s (rapide : 3 s)")
X_train, y_train, X_test, y_test = mnist_aplati()
mlp, _ = mlp_entraine(lecon.taille(60000, rapide=1024), lecon.taille(2, rapide=1))   # le réseau du §2
(K1, c1), (K2, c2) = [c.get_weights() for c in mlp.layers]
N_EVAL = lecon.taille(len(X_test), rapide=1000)       # images de test pour l'exactitude au rang k
X_eval, y_eval = X_test[:N_EVAL], y_test[:N_EVAL]
exactitude_keras = float(mlp.evaluate(X_eval, y_eval, verbose=0)[1])
W = K1.T.astype(np.float64)                              # la convention de 001 : W ∈ ℝ^{256×784}
s_tf, U_tf, V_tf = tf.linalg.svd(tf.constant(W), full_matrices=False)     # la SVD de TensorFlow, en float64
U, s, Vt = U_tf.numpy(), s_tf.numpy(), V_tf.numpy().T
ecart_usv = float(np.max(np.abs((U * s) @ Vt - W)))
ecart_orthogonal = max(float(np.max(np.abs(U.T @ U - np.eye(len(s))))), float(np.max(np.abs(Vt @ Vt.T - np.eye(len(s))))))
# une symétrie (det −1) : U et V ne peuvent pas être toutes deux des rotations, car det U · det V = signe(det W)
symetrie = np.array([[0.0, 1.0], [1.0, 0.0]])
U_s, s_s, Vt_s = np.linalg.svd(symetrie)
determinants = [round(float(np.linalg.det(U_s))), round(float(np.linalg.det(Vt_s.T)))]
s_float32 = tf.linalg.svd(tf.constant(K1), compute_uv=False).numpy()      # la même, en float32, sur K₁ = Wᵀ
lecon.comparer("écart U Σ Vᵀ − W", ecart_usv, livre=0, tol=1e-10)
lecon.comparer("écart UᵀU − I, VᵀV − I", ecart_orthogonal, livre=0, tol=1e-10)
lecon.comparer("valeurs singulières décroissantes, ≥ 0", bool(np.all(np.diff(s) <= 0) and s[-1] >= 0), livre=True)
lecon.comparer("symétrie : det U · det V", determinants[0] * determinants[1], livre=-1,
               note="det W = −1 : l'une des deux est une réflexion")
lecon.comparer("écart σ(W) float64 / σ(Wᵀ) float32 (relatif)", float(np.max(np.abs(s - s_float32)) / s[0]), livre=0,
               tol=1e-4)

# %%
RANGS = [4, 8, 16, 32, 64, 128, 256]
erreurs_rang, sommes_ecartees, exactitudes_rang = [], [], []
for k in RANGS:
    W_k, erreur, somme = te.reconstruction_rang_k(W, k, svd=(U, s, Vt))
    erreurs_rang.append(erreur)
    sommes_ecartees.append(somme)
    sorties = te.couche_dense_a_la_main(te.couche_dense_a_la_main(X_eval, W_k.T, c1, te.relu), K2, c2)
    exactitudes_rang.append(float(np.mean(sorties.argmax(axis=1) == y_eval)))
    print(f"  rang {k:>3} : ‖W − W_k‖²_F = {erreur:12.6f}   Σ σ² écartés = {somme:12.6f}   exactitude {exactitudes_rang[-1]:.4f}")
ecart_eckart_young = max(abs(e - t) / max(t, 1e-300) for e, t in zip(erreurs_rang[:-1], sommes_ecartees[:-1]))
lecon.comparer("‖W − W_k‖²_F = Σ σ² écartés (écart relatif)", ecart_eckart_young, livre=0, tol=1e-9)
lecon.comparer("exactitude test au rang 256 = réseau entier", exactitudes_rang[-1], livre=exactitude_keras,
               tol=1.5 / N_EVAL, note="à une image près : float64 ici, float32 dans Keras")

# %%
fig_svd, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
ax1.semilogy(np.arange(1, len(s) + 1), s)
ax1.set_xlabel("i")
ax1.set_ylabel("σᵢ")
ax1.set_title("valeurs singulières de la couche cachée")
ax2.semilogx(RANGS, exactitudes_rang, "o-", base=2)
ax2.set_xlabel("rang k gardé")
ax2.set_ylabel("exactitude sur le test")
fig_svd.tight_layout()
lecon.figure(fig_svd, "ch19-svd")

# %% [markdown]
# ## §4 — Les activations et leurs dérivées (002 §1.1.2, 000 ch. 2–3)
#
# Sigmoïde σ(z) = 1/(1 + e^{−z}) dans ]0, 1[ ; tanh dans ]−1, 1[ ; ReLU(z) = max(0, z) ;
# LeakyReLU(z) = max(αz, z) (α = 0,01 dans 002 ; attention, Keras prend 0,3 pour la couche
# `LeakyReLU` et 0,2 pour la fonction `leaky_relu`) ; GELU(z) = zΦ(z), Φ la fonction de
# répartition de la loi normale. Chaque formule écrite à la main est comparée à
# `keras.activations`, chaque dérivée à `tf.GradientTape` (en float64). La dérivée de la
# sigmoïde est σ′ = σ(1 − σ) ≤ 1/4 (exercice 1.1 de 002) : à travers L couches
# sigmoïdes, le gradient est multiplié par au plus 4^{−L} (fois les poids).
#
# Deux pièges de 000 ch. 3 : sa `tanh` écrite (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) déborde et donne NaN
# dès |x| ≳ 710 (∞/∞) ; sa `relu` écrite `max(0, x)` ne marche que sur un nombre, pas sur
# un tableau numpy.

# %%
lecon.section("activations", duree="1 s")
z = np.linspace(-6, 6, 241)
z_tf = tf.Variable(z)
ecarts_activations, ecarts_derivees = {}, {}
fig_activations, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
for nom, (f, df, nom_keras, reglages) in te.ACTIVATIONS.items():
    with tf.GradientTape() as bande:
        sortie = getattr(keras.activations, nom_keras)(z_tf, **reglages)
    derivee_tf = bande.gradient(sortie, z_tf).numpy()
    ecarts_activations[nom] = float(np.max(np.abs(f(z) - np.asarray(sortie))))
    ecarts_derivees[nom] = float(np.max(np.abs(df(z) - derivee_tf)))
    ax1.plot(z, f(z), label=nom)
    ax2.plot(z, df(z), label=nom)
    print(f"  {nom:<22} écart avec keras.activations : {ecarts_activations[nom]:.1e}   dérivée / GradientTape : "
          f"{ecarts_derivees[nom]:.1e}")
ax1.set_title("activations")
ax2.set_title("dérivées")
ax1.legend(fontsize=8)
ax2.axhline(0.25, color="gray", linestyle=":")
fig_activations.tight_layout()
lecon.figure(fig_activations, "ch19-activations")
lecon.comparer("plus grand écart avec keras.activations", max(ecarts_activations.values()), livre=0, tol=1e-8,
               note="Keras garde 0,01 et √2 en float32 : ~1e-9 pour LeakyReLU et GELU, ~1e-16 ailleurs")
lecon.comparer("plus grand écart des dérivées / GradientTape", max(ecarts_derivees.values()), livre=0, tol=1e-8)

# %%
max_derivee_sigmoide = float(te.derivee_sigmoide(z).max())
lecon.comparer("max σ′ (en z = 0)", max_derivee_sigmoide, livre=0.25, note="002 ex. 1.1")
lecon.comparer("argmax σ′", float(z[np.argmax(te.derivee_sigmoide(z))]), livre=0)
lecon.comparer("max tanh′", float(te.derivee_tanh(z).max()), livre=1)
# dix sigmoïdes en chaîne (poids 1) : la dérivée de la composée, par GradientTape
u = tf.Variable(0.0, dtype=tf.float64)
with tf.GradientTape() as bande:
    v = u
    for _ in range(10):
        v = tf.sigmoid(v)
derivee_chaine = float(bande.gradient(v, u))
lecon.comparer("dérivée de σ∘…∘σ (10 fois) en 0", derivee_chaine, note=f"≤ 4⁻¹⁰ = {4.0 ** -10:.2e}")

# %%
tanh_1000 = [float(te.tanh_naif(1000.0)), float(te.tanh_naif(-1000.0))]
stable_1000 = [float(te.tanh_stable(1000.0)), float(te.tanh_stable(-1000.0))]
try:
    max(0, np.array([-1.0, 2.0]))                       # la relu de 000 ch. 3 sur un tableau
    erreur_relu = None
except ValueError as e:
    erreur_relu = type(e).__name__
print(f"tanh de 000 en ±1000 : {tanh_1000} ; formule stable : {stable_1000} ; relu de 000 sur un tableau : {erreur_relu}")
lecon.comparer("tanh de 000 en 1 (= np.tanh(1))", float(te.tanh_naif(1.0)), livre="0.7615941559557649")
lecon.comparer("tanh de 000 en ±1000 : NaN", bool(np.all(np.isnan(tanh_1000))), livre=True)
lecon.comparer("tanh stable en ±1000", stable_1000, livre=[1, -1])

# %% [markdown]
# ## §5 — Pourquoi un réseau tanh profond naïf sature (000 ch. 3, 002 §1.5)
#
# Dix couches tanh de 256 neurones, puis 10 sorties, sur un lot d'images MNIST, avec trois
# initialisations des poids (biais nuls) : la loi N(0, 1) « naïve », celle de Xavier
# (`GlorotUniform`, le défaut de Keras), et une loi N(0; 0,01²) trop petite. On mesure,
# couche par couche, la part des neurones saturés (|h| > 0,99), l'écart type des
# activations, et la norme du gradient de la perte par rapport aux poids de chaque couche.
#
# - Avec N(0, 1), une couche reçoit une somme de 256 termes d'écart type proche de 1 : z a
#   un écart type d'environ 16, tanh(z) vaut presque toujours ±1 (le neurone est
#   **saturé**) et sa dérivée 1 − tanh² est presque nulle : ces neurones n'apprennent
#   plus. Les gradients ne sont pas petits pour autant : les poids sont grands, et de la
#   sortie vers l'entrée la norme du gradient est multipliée par environ 3 à chaque
#   couche : elle explose.
# - Avec des poids trop petits, les activations s'éteignent de couche en couche et les
#   gradients tombent vers 10⁻⁸ : rien n'apprend.
# - Avec Xavier, ni saturation ni extinction : activations et gradients gardent le même
#   ordre de grandeur dans les dix couches.

# %%
lecon.section("saturation", duree="3 s")
COUCHES, LARGEUR = 10, 256
N_LOT = lecon.taille(512, rapide=128)
X_lot, y_lot = mnist_aplati()[2][:N_LOT], mnist_aplati()[3][:N_LOT]
# un initialiseur par couche : avec une graine fixée, le même objet redonnerait la même matrice à chaque couche
initialisations = {
    "naïve N(0, 1)": lambda graine: keras.initializers.RandomNormal(stddev=1.0, seed=graine),
    "Xavier (GlorotUniform)": lambda graine: keras.initializers.GlorotUniform(seed=graine),
    "petite N(0, 0.01²)": lambda graine: keras.initializers.RandomNormal(stddev=0.01, seed=graine),
}
statistiques = {}
for nom, init in initialisations.items():
    profond = Sequential([Input((784,))] + [Dense(LARGEUR, activation="tanh", kernel_initializer=init(lecon.graine + i))
                                            for i in range(COUCHES)] + [Dense(10, kernel_initializer=init(lecon.graine + COUCHES))])
    statistiques[nom] = te.statistiques_par_couche(profond, X_lot, y_lot)
    st = statistiques[nom]
    print(f"  {nom:<24} saturés : {np.round(st['saturees'], 2)}")
    print(f"  {'':<24} écart type : {np.round(st['ecart_type'], 4)}")
    print(f"  {'':<24} ‖∂L/∂W‖ : {np.array2string(np.array(st['norme_gradient']), precision=2)}")
saturees_naive = statistiques["naïve N(0, 1)"]["saturees"]
saturees_xavier = statistiques["Xavier (GlorotUniform)"]["saturees"]
lecon.comparer("part saturée, naïve, couches 2 à 10 (min)", min(saturees_naive[1:]))
lecon.comparer("part saturée, Xavier (max)", max(saturees_xavier))
lecon.comparer("écart type, petite init., couche 10", statistiques["petite N(0, 0.01²)"]["ecart_type"][-1])

# %%
fig_saturation, axes = plt.subplots(1, 3, figsize=(14, 4))
rangs = np.arange(1, COUCHES + 1)
for nom, st in statistiques.items():
    axes[0].plot(rangs, st["saturees"], "o-", label=nom)
    axes[1].semilogy(rangs, st["ecart_type"], "o-", label=nom)
    axes[2].semilogy(np.arange(1, COUCHES + 2), st["norme_gradient"], "o-", label=nom)
for ax, titre in zip(axes, ["part des neurones saturés", "écart type des activations", "‖∂L/∂W‖ par couche"]):
    ax.set_title(titre)
    ax.set_xlabel("couche")
axes[0].legend(fontsize=8)
fig_saturation.tight_layout()
lecon.figure(fig_saturation, "ch19-saturation")

# %% [markdown]
# ## §6 — Les initialisations de Xavier et de He (002 §1.5)
#
# Xavier (Glorot, 2010) : W ~ U(−ℓ, ℓ) avec ℓ = √(6/(n_in + n_out)), de variance
# ℓ²/3 = 2/(n_in + n_out), pour tanh. He (2015) : variance 2/n_in, pour ReLU (qui éteint
# la moitié des entrées, donc divise par deux le second moment). 002 écrit He comme
# N(0, 2/n_in) ; `keras.initializers.HeNormal` tire une loi normale **tronquée** à ±2 écarts
# types, et agrandit l'écart type (÷ 0,8796) pour que la variance reste 2/n_in ; la loi
# non tronquée de 002 est `VarianceScaling(2, "fan_in", "untruncated_normal")`.
#
# On mesure la variance sur une vraie couche `Dense(256)` à 784 entrées : 200 704 poids. Si
# les poids sont indépendants, la moyenne de leurs carrés a pour écart type
# √((E[w⁴] − Var²)/n), calculé avec la loi elle-même ; on accepte un écart d'au plus 4 de
# ces écarts types (moins d'une chance sur 15 000 d'être dépassé par hasard).

# %%
lecon.section("initialisations", duree="1 s")
fan_in, fan_out = 784, 256
mesures_init = {}
for nom, init, n_keras in (("he_normal", keras.initializers.HeNormal(seed=lecon.graine), "HeNormal"),
                           ("glorot_uniform", keras.initializers.GlorotUniform(seed=lecon.graine), "GlorotUniform")):
    couche = Dense(fan_out, kernel_initializer=init)
    couche.build((None, fan_in))
    w = np.asarray(couche.kernel, dtype=np.float64).ravel()
    variance, moment4 = te.moments_initialiseur(nom, fan_in, fan_out)
    formule = 2 / fan_in if nom == "he_normal" else 2 / (fan_in + fan_out)
    ecart_type = te.ecart_type_moyenne_carres(variance, moment4, w.size)
    mesuree = float(np.mean(w**2))
    mesures_init[nom] = {"variance_mesuree": mesuree, "variance_formule": formule, "variance_loi": variance,
                         "ecart_type": ecart_type, "z": (mesuree - formule) / ecart_type,
                         "max_abs": float(np.max(np.abs(w))), "moyenne": float(np.mean(w))}
    print(f"  {n_keras:<14} variance mesurée {mesuree:.6e}, formule {formule:.6e} (loi : {variance:.6e}), "
          f"écart {mesures_init[nom]['z']:+.2f} écarts types ; max |w| = {mesures_init[nom]['max_abs']:.4f}")
    lecon.comparer(f"variance {n_keras} × {'n_in' if nom == 'he_normal' else '(n_in + n_out)'} / 2",
                   mesuree / formule, livre=1, tol=4 * ecart_type / formule)
borne_he = 2 * np.sqrt(2 / fan_in) / 0.87962566103423978
lecon.comparer("HeNormal : max |w| ≤ 2 σ avant troncature", bool(mesures_init["he_normal"]["max_abs"] <= borne_he),
               livre=True)
lecon.comparer("GlorotUniform : max |w| ≤ √(6/(n_in + n_out))",
               bool(mesures_init["glorot_uniform"]["max_abs"] <= np.sqrt(6 / (fan_in + fan_out))), livre=True)
lecon.comparer("variance de la loi HeNormal − 2/n_in", abs(mesures_init["he_normal"]["variance_loi"] - 2 / fan_in),
               livre=0, tol=1e-12)

# %% [markdown]
# Pourquoi 2/n_in pour ReLU : dans un réseau ReLU de couches carrées, le second moment
# des pré-activations E[z²] est multiplié à chaque couche par n·Var(w)/2. Avec He, ce
# facteur vaut 1 ; avec Xavier (Var = 1/n pour une couche carrée), il vaut 1/2, et le signal
# fond de moitié par couche. On le mesure sur dix couches de 512 neurones.

# %%
LARGEUR_RELU, N_ENTREES = 512, lecon.taille(1024, rapide=256)
entrees = np.random.default_rng(lecon.graine).normal(size=(N_ENTREES, LARGEUR_RELU)).astype("float32")
facteurs = {}
for nom, init in (("He", keras.initializers.HeNormal), ("Xavier", keras.initializers.GlorotUniform)):
    h, seconds_moments = entrees, []
    for i in range(10):
        couche = Dense(LARGEUR_RELU, kernel_initializer=init(seed=lecon.graine + i))   # z = hK + b, b = 0
        zc = np.asarray(couche(h))
        seconds_moments.append(float(np.mean(zc**2)))
        h = np.maximum(zc, 0)
    facteurs[nom] = float(np.exp(np.mean(np.diff(np.log(seconds_moments)))))   # facteur moyen par couche
    print(f"  {nom:<7} E[z²] couche par couche : {np.round(seconds_moments, 4)} ; facteur moyen {facteurs[nom]:.3f}")
lecon.comparer("facteur E[z²] par couche ReLU, He", facteurs["He"], livre=1, tol=0.1)
lecon.comparer("facteur E[z²] par couche ReLU, Xavier", facteurs["Xavier"], livre=0.5, tol=0.05)

# %% [markdown]
# ## §7 — Un seul neurone sur les pixels bruts : pourquoi la convolution (004 §2)
#
# 004 propose de classer chats (0) et chiens (1) avec ŷ = σ(Wx + b). Essayons-le
# vraiment : les photos 64 × 64 en couleur sont des vecteurs de ℝ^12 288, et un seul
# neurone sigmoïde (12 289 poids) est entraîné comme le réseau convolutif du chapitre 14
# (adam, lots de 32, entropie croisée binaire), sur les mêmes 4 000 photos et le même
# budget de 40 époques que le banc d'essai `benchmarks/convolution.py`. Un neurone ne voit
# qu'un hyperplan dans ℝ^12 288 : ni formes locales, ni invariance par translation. Il
# apprend en partie par cœur ses 4 000 photos (l'exactitude d'entraînement monte), mais sur
# le test il reste proche du hasard (50 %) : de 55 à 60 % selon la graine, 58 % en moyenne
# (banc `benchmarks/trois_equations.py`, trois graines), contre 77 % pour le réseau
# convolutif au même budget. C'est l'argument de la convolution, en chiffres.

# %%
lecon.section("neurone-seul", duree="30 s (rapide : 5 s)")
EPOQUES = lecon.taille(40, rapide=1)
N_TRAIN, N_TEST = lecon.taille((None, None), rapide=(128, 64))     # None : tout ; sinon moitié chats, moitié chiens
ds_train, ds_test, noms = charger_chats_chiens(taille=(64, 64), batch_size=32, melanger=True, n_train=N_TRAIN,
                                               n_test=N_TEST, graine=lecon.graine)
neurone_seul = Sequential([Input((64, 64, 3)), keras.layers.Flatten(), Dense(1, activation="sigmoid")])
neurone_seul.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
historique_neurone = neurone_seul.fit(ds_train, epochs=EPOQUES, verbose=lecon.verbeux)
perte_test, exactitude_neurone = neurone_seul.evaluate(ds_test, verbose=0)
exactitude_neurone = float(exactitude_neurone)
images_test = sum(int(np.shape(y)[0]) for _, y in ds_test)
lecon.comparer("poids du neurone seul", int(neurone_seul.count_params()), livre=64 * 64 * 3 + 1)
lecon.comparer("poids du réseau convolutif (ch. 14)", int(rc.modele_chats_chiens().count_params()), livre=206785)
exactitude_entrainement_neurone = float(historique_neurone.history["accuracy"][-1])
lecon.comparer("exactitude entraînement, un neurone (%)", 100 * exactitude_entrainement_neurone,
               note="dernière époque")
lecon.comparer("exactitude test, un neurone (%)", 100 * exactitude_neurone,
               note=f"{EPOQUES} époque(s), {images_test} images de test")

# %%
# Le réseau convolutif du chapitre 14 : les chiffres du banc d'essai, s'il a été lancé
chemin_banc = Path(keras_facile.__file__).resolve().parent.parent / "benchmarks" / "resultats" / "convolution.json"
banc_cnn = None
if chemin_banc.exists():
    banc_cnn = json.loads(chemin_banc.read_text(encoding="utf-8")).get("resultats", {}).get("chats-chiens/livre")
if banc_cnn is not None:
    print(f"réseau convolutif du chapitre 14 (banc d'essai) : {100 * banc_cnn['exactitude_test']:.2f} % sur le test "
          f"après {banc_cnn['epoques']} époques sur {banc_cnn['images_entrainement']} images "
          f"({banc_cnn['secondes_par_epoque']:.1f} s par époque) ; un neurone : {100 * exactitude_neurone:.2f} %")
    lecon.comparer("exactitude test, réseau convolutif (%)", 100 * banc_cnn["exactitude_test"],
                   note="benchmarks/resultats/convolution.json")
else:
    print("pas de résultats du banc d'essai convolution : lancez python benchmarks/convolution.py")

# %%
# Ce que « regarde » le neurone : ses 12 288 poids remis en image (rouge : vote « chien »)
noyau_neurone = neurone_seul.layers[-1].kernel.numpy().reshape(64, 64, 3)
fig_neurone, axes = plt.subplots(1, 4, figsize=(12, 3.2))
limite = float(np.max(np.abs(noyau_neurone)))
for c, (ax, canal) in enumerate(zip(axes, ["rouge", "vert", "bleu"])):
    ax.imshow(noyau_neurone[:, :, c], cmap="coolwarm", vmin=-limite, vmax=limite)
    ax.set_title(f"poids, canal {canal}", fontsize=9)
    ax.axis("off")
axes[3].plot(np.arange(1, EPOQUES + 1), historique_neurone.history["accuracy"], "o-")
axes[3].set_xlabel("époque")
axes[3].set_title("exactitude (entraînement)", fontsize=9)
fig_neurone.tight_layout()
lecon.figure(fig_neurone, "ch19-neurone-seul")

# %% [markdown]
# ## Erreurs des sources corrigées
#
# - **000 ch. 2** : le code affiche z = Σ wᵢxᵢ + b sous le nom « Activation du neurone »
#   sans appliquer ReLU ; l'activation est ReLU(z) (ici égale, 1,3, parce que z > 0).
# - **000 ch. 3** : la `tanh` écrite (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) donne NaN pour |x| ≳ 710 ; la
#   forme signe(x)(1 − e^{−2|x|})/(1 + e^{−2|x|}) est exacte partout. Sa `relu` écrite avec
#   le `max` de Python échoue sur un tableau (`np.maximum`).
# - **004 §3** : la perte est écrite comme une somme sur les exemples ; Keras (et la
#   plupart des bibliothèques) en prennent la moyenne : même minimum, gradient m fois plus
#   petit, donc α à multiplier par m pour le même pas. 004 §2 propose ReLU pour prédire un
#   âge mais garde l'entropie croisée binaire, qui n'a de sens que pour une sortie dans
#   ]0, 1[ : pour un âge, sortie ReLU (ou linéaire) et erreur quadratique.
# - **001 §1.2** : U et V ne sont pas toujours des rotations mais des matrices orthogonales
#   (déterminant ±1) ; Σ est positive ou nulle. Le W ∈ ℝ^{m×d} de 001 est la transposée
#   du noyau `Dense` de Keras, de forme (d, m).
# - **002 listing 1.7** : trois nombres de poids sur quatre sont faux (imprimés 812 042,
#   243 338 et 63 434 ; Keras compte 814 090, 242 762 et 63 370). **002 ex. 1.2** appelle
#   « budget similaire » 690 314 et 2 119 690 poids, trois fois plus.
# - **002 §1.5** : He s'écrit N(0, 2/n_in) ; `HeNormal` de Keras est une loi normale
#   tronquée, de même variance 2/n_in (mesurée au §6), non la loi normale elle-même.
# - **002 §1.1.2** : LeakyReLU avec α ≈ 0,01 ; Keras prend par défaut 0,3 (couche) ou 0,2
#   (fonction) — à donner explicitement.
