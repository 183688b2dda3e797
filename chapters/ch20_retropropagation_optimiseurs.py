# %% [markdown]
# # Chapitre 20 — Rétropropagation à la main et optimiseurs
#
# Au-delà du livre : le jour 2 de l'atelier « Fondations mathématiques de l'IA
# moderne » (document 001) et le chapitre 2 du cours de master (document 002).
# Tout ce que Keras fait pendant `fit` est ici écrit à la main en numpy, puis comparé
# à Keras : la rétropropagation d'un perceptron multicouche (égale à `tf.GradientTape`
# à 1e-12 près), un réseau numpy entraîné sur MNIST, sept optimiseurs (SGD, moment,
# Nesterov, AdaGrad, RMSProp, Adam, AdamW) écrits comme des règles de mise à jour et
# égaux aux classes `keras.optimizers` pas à pas, le premier pas d'Adam selon la place
# de ε, la course des optimiseurs de 002 §2.8, les plannings de taux et ce que fait un
# taux trop grand. Le code réutilisable est dans `keras_facile.optimiseurs`.
#
# **Erreurs des sources corrigées** (détaillées dans les sections) :
# - 002 §2.3 (démonstration d'autograd) imprime dL/dx = [−0.0689, 0.0689] et
#   dL/dw = [−0.1378, 0.2067] : faux ; les bonnes valeurs sont [−0.2875, 0.2875] et
#   [−0.5749, −0.8624] (dL/dw ne peut pas changer de signe quand x > 0) — §1.
# - 002 §2.7 (rétropropagation manuelle) imprime une perte 0.7234 → 0.0402 et une
#   exactitude 0.4930 → 0.9880 qu'on ne retrouve pas en relançant le listing (graine 42) :
#   perte 1.0696 → 0.1998, exactitude 0.4820 → 0.9310 — §3.
# - 001 §2.6 écrit le pas d'Adam θ ← θ − η m̂/√(v̂ + ε) (ε sous la racine) ; l'article
#   de Kingma & Ba écrit m̂/(√v̂ + ε), et Keras place un ε « chapeau » sur √v non corrigé,
#   avec ε = 1e-7 (1e-8 dans l'article et PyTorch) — §6.
# - 002 §2.8 classe AdamW (0.9801) devant Adam (0.9793) : un écart plus petit que celui
#   de deux entraînements aux graines différentes ; sur trois graines, au budget de la
#   source, AdamW ne passe pas devant Adam (0.9772 contre 0.9786) — §7.
#
# **À préciser** en passant à Keras : 002 §2.4 donne le moment sous la forme de PyTorch
# (v ← μv + g ; θ ← θ − ηv), Keras écrit v ← μv − ηg ; θ ← θ + v (mêmes θ à taux constant,
# pas les mêmes v) — §5 ; l'AdamW de 002 a weight_decay = 0.01, celui de Keras 0.004 par
# défaut ; Keras garde le taux, le moment et les β de la correction de biais en float32,
# même pour des poids en float64 — §5.
#
# Durée : environ 6 minutes sur 2 cœurs (entraînements sur MNIST) ; --rapide : une vingtaine de secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from keras_facile import *
from keras_facile import optimiseurs as opt
from keras_facile.donnees import charger_mnist
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

# %%
# Les données communes. MNIST normalisé comme dans 002 ((x/255 − 0.1307)/0.3081, vecteurs de 784),
# la validation prise dans les images d'apprentissage (les 5 000 dernières ; 10 % en version rapide).
N_TRAIN = lecon.taille(None, rapide=600)      # None : les 60 000 images
N_TEST = lecon.taille(None, rapide=1000)      # None : les 10 000 images
(x_train_mnist, y_train_mnist), (x_test_mnist, y_test_mnist) = charger_mnist(n_train=N_TRAIN, n_test=N_TEST,
                                                                             graine=lecon.graine)
X_mnist, X_test = opt.normaliser_mnist(x_train_mnist), opt.normaliser_mnist(x_test_mnist)
N_VAL = lecon.taille(5000, rapide=max(1, len(X_mnist) // 10))
X_app, y_app = X_mnist[:-N_VAL], y_train_mnist[:-N_VAL]
X_val, y_val = X_mnist[-N_VAL:], y_train_mnist[-N_VAL:]
y_test = y_test_mnist
print(f"MNIST : {len(X_app)} images d'apprentissage, {len(X_val)} de validation, {len(X_test)} de test")

# Le petit problème des §5 et §8 : 320 points de ℝ²⁰, trois classes, un réseau 20 → 16 → 3
X_opt = np.random.default_rng(lecon.graine).standard_normal((320, 20))
y_opt = (X_opt[:, 0] + X_opt[:, 1] > 0).astype(int) + (X_opt[:, 2] > 1)
depart_opt = opt.initialiser_mlp([20, 16, 3], graine=lecon.graine)

# %% [markdown]
# ## §1 — Le graphe de calcul, à la main et par GradientTape
#
# La règle de la chaîne, appliquée de la sortie vers les entrées : c'est tout ce que
# fait la rétropropagation. Trois exemples des sources.
#
# - 001 §2.2 : f(x₁, x₂) = x₁² + 3x₂², ∇f = (2x₁, 6x₂), donc ∇f(1, 1) = (2, 6).
# - 002 §2.3 : x = (2, 3), w = (1, −1), z = x·w = −1, y = σ(z), L = (y − 1)². Alors
#   ∂L/∂z = 2(y − 1) σ(z)(1 − σ(z)) = −0.2875, ∂L/∂x = ∂L/∂z · w et ∂L/∂w = ∂L/∂z · x.
#   **La source imprime dL/dx = [−0.0689, 0.0689] et dL/dw = [−0.1378, 0.2067] : c'est
#   faux.** Comme x₁ et x₂ sont positifs, les deux composantes de dL/dw ont le signe de
#   ∂L/∂z : elles ne peuvent pas être de signes opposés.
# - 001 §2.4.1 : pour l'entropie croisée après softmax, ∂L/∂z = p − y* (probabilités
#   moins la catégorie attendue en one-hot) ; logits (2, 1, 0.1), catégorie 1.

# %%
lecon.section("graphe", duree="1 s")
x1 = tf.Variable([1.0, 1.0], dtype="float64")
with tf.GradientTape() as bande:
    f = x1[0] ** 2 + 3 * x1[1] ** 2
grad_f = bande.gradient(f, x1).numpy()
lecon.comparer("∇f(1, 1) par GradientTape", grad_f, livre=[2, 6], note="001 §2.2, exemple 2.1")

# %%
x = np.array([2.0, 3.0])
w = np.array([1.0, -1.0])
z = x @ w
y = 1 / (1 + np.exp(-z))
L = (y - 1) ** 2
dL_dz = 2 * (y - 1) * y * (1 - y)                   # la règle de la chaîne, à la main
main = {"dL/dx": dL_dz * w, "dL/dw": dL_dz * x}
xv, wv = tf.Variable(x), tf.Variable(w)
with tf.GradientTape() as bande:
    perte = (tf.sigmoid(tf.tensordot(xv, wv, 1)) - 1) ** 2
gx, gw = (g.numpy() for g in bande.gradient(perte, [xv, wv]))
print(f"z = {z}, y = σ(z) = {y:.5f}, L = {L:.5f}, ∂L/∂z = {dL_dz:.5f}")
lecon.comparer("dL/dx (à la main)", main["dL/dx"], livre=["-0.2875", "0.2875"],
               note="valeur corrigée ; 002 §2.3 imprime [−0.0689, 0.0689]")
lecon.comparer("dL/dw (à la main)", main["dL/dw"], livre=["-0.5749", "-0.8624"],
               note="valeur corrigée ; 002 §2.3 imprime [−0.1378, 0.2067]")
ecart_graphe = float(max(np.max(np.abs(main["dL/dx"] - gx)), np.max(np.abs(main["dL/dw"] - gw))))
lecon.comparer("écart avec GradientTape", ecart_graphe)

# %%
logits = tf.Variable([[2.0, 1.0, 0.1]], dtype="float64")
cible = np.array([[0.0, 1.0, 0.0]])
with tf.GradientTape() as bande:
    perte = keras.losses.CategoricalCrossentropy(from_logits=True)(cible, logits)
grad_logits = bande.gradient(perte, logits).numpy()[0]
p_moins_y = opt.softmax(logits.numpy()[0]) - cible[0]
lecon.comparer("p − y* (logits 2, 1, 0.1 ; catégorie 1)", p_moins_y, livre=["0.6590", "-0.7576", "0.0986"],
               note="001 §2.4.1")
lecon.comparer("écart avec GradientTape (softmax + CE)", float(np.max(np.abs(p_moins_y - grad_logits))))

# %% [markdown]
# ## §2 — La rétropropagation d'un perceptron multicouche
#
# Un réseau à couches denses, ReLU sur les couches cachées, logits en sortie, entropie
# croisée après softmax. Avec la convention de Keras (noyau W de forme
# (entrées, sorties), z = h W + b, une ligne par exemple) :
#
# - propagation : h₀ = X, z_ℓ = h_{ℓ−1} W_ℓ + b_ℓ, h_ℓ = ReLU(z_ℓ), logits z_L ;
# - sortie : δ_L = ∂L/∂z_L = (softmax(z_L) − Y*)/N ;
# - pour chaque couche, de la dernière à la première : ∂L/∂W_ℓ = h_{ℓ−1}ᵀ δ_ℓ,
#   ∂L/∂b_ℓ = somme des lignes de δ_ℓ, puis δ_{ℓ−1} = (δ_ℓ W_ℓᵀ) ⊙ 1[z_{ℓ−1} > 0].
#
# (Les sources écrivent W de forme (sorties, entrées), à la manière de PyTorch : les
# formules sont les mêmes, transposées.) En float64, ces gradients sont ceux de
# `tf.GradientTape` sur le même réseau Keras à 1e-12 près ; on les vérifie aussi par
# différences finies centrées (L(θ + h) − L(θ − h))/2h, le « gradient check » de 001.

# %%
lecon.section("retropropagation", duree="1 s")
rng = np.random.default_rng(lecon.graine)
X_petit = rng.standard_normal((64, 20))
y_petit = rng.integers(0, 3, 64)
params = opt.initialiser_mlp([20, 32, 16, 3], graine=lecon.graine)
perte_main, grads_main = opt.retropropagation(params, X_petit, y_petit)
modele = opt.vers_keras(params, dtype="float64")
perte_bande, grads_bande = opt.gradients_keras(modele, X_petit, y_petit)
ecart_retro = max(float(np.max(np.abs(a - b))) for a, b in zip(grads_main, grads_bande))
print(f"perte : {perte_main:.12f} (à la main), {perte_bande:.12f} (Keras)")
print("formes des gradients :", [g.shape for g in grads_main])
lecon.comparer("écart des pertes (float64)", abs(perte_main - perte_bande))
lecon.comparer("écart des gradients avec GradientTape", ecart_retro, livre=0, tol=1e-12)

# %%
# Le « gradient check » : quelques dérivées partielles par différences centrées
coordonnees = [(0, (0, 0)), (0, (7, 5)), (1, (3,)), (2, (4, 2)), (4, (10, 1)), (5, (2,))]
differences = opt.gradients_differences_finies(params, X_petit, y_petit, coordonnees, h=1e-5)
analytiques = np.array([grads_main[k][i] for k, i in coordonnees])
ecart_fini = float(np.max(np.abs(differences - analytiques)))
lecon.comparer("écart avec les différences finies", ecart_fini, livre=0, tol=1e-8, note="h = 1e-5, erreur en O(h²)")

# %%
# En float32 (le type par défaut de Keras), l'accord n'est plus qu'à ~1e-7 près (001 : « ~1e-6 »)
params32 = [p.astype("float32") for p in params]
_, grads32 = opt.retropropagation(params32, X_petit.astype("float32"), y_petit)
_, grads_bande32 = opt.gradients_keras(opt.vers_keras(params32, dtype="float32"), X_petit.astype("float32"),
                                       y_petit)
ecart_float32 = max(float(np.max(np.abs(a - b))) for a, b in zip(grads32, grads_bande32))
lecon.comparer("écart en float32", ecart_float32, livre=0, tol=1e-6)

# %% [markdown]
# ## §3 — Le réseau manuel de 002 §2.7
#
# Le listing de 002 : 1 000 points de ℝ²⁰ tirés au hasard (graine 42), classe 1 si
# x₀ + x₁ > 0 ; un réseau 20 → 64 → 2 initialisé à la He, biais nuls ; 100 époques de
# descente de gradient sur tout le lot, pas 0.1. On reprend ses tirages dans le même
# ordre (`np.random.seed(42)` : les données, puis W₁ et W₂). **Les nombres imprimés par
# la source (perte 0.7234 → 0.0402, exactitude 0.4930 → 0.9880) ne se retrouvent pas** :
# le listing donne perte 1.0696 → 0.1998 et exactitude 0.4820 → 0.9310 (nombres relevés
# en relançant le listing, que notre réseau numpy et Keras retrouvent tous les deux).
# Keras, avec les mêmes poids de départ et `SGD(0.1)` sur le lot entier, suit la même
# trajectoire en float64.

# %%
lecon.section("mlp-manuel", duree="3 s")
np.random.seed(42)                                     # les tirages du listing, dans son ordre
X_002 = np.random.randn(1000, 20)
y_002 = (X_002[:, 0] + X_002[:, 1] > 0).astype(int)
W1 = np.random.randn(64, 20) * np.sqrt(2 / 20)        # forme (sorties, entrées), comme dans la source
W2 = np.random.randn(2, 64) * np.sqrt(2 / 64)
depart = [W1.T.copy(), np.zeros(64), W2.T.copy(), np.zeros(2)]   # → convention Keras (entrées, sorties)
params = [p.copy() for p in depart]
sgd = opt.SGD(0.1)
suivi = {}
for epoque in range(100):
    perte, grads = opt.retropropagation(params, X_002, y_002)
    if epoque % 20 == 0:
        suivi[epoque] = (perte, opt.exactitude(params, X_002, y_002))
    sgd.pas(params, grads)
print("époque | perte  | exactitude")
for epoque, (perte, exact) in suivi.items():
    print(f"{epoque:6d} | {perte:.4f} | {exact:.4f}")
relance = {0: ("1.0696", "0.4820"), 20: ("0.3643", "0.8550"), 40: ("0.2769", "0.8980"),
           60: ("0.2310", "0.9190"), 80: ("0.1998", "0.9310")}
imprime = {0: (0.7234, 0.4930), 20: (0.2156, 0.9240), 40: (0.1052, 0.9670), 60: (0.0614, 0.9810),
           80: (0.0402, 0.9880)}
for epoque, attendu in relance.items():
    lecon.comparer(f"époque {epoque} : perte, exactitude", list(suivi[epoque]), livre=list(attendu),
                   note=f"listing relancé ; 002 imprime {imprime[epoque]}")

# %%
# Keras : mêmes poids de départ, SGD(0.1), le lot entier (1 000 points) à chaque pas, en float64
avec_keras = opt.comparer_a_keras(opt.SGD(0.1), depart, X_002, y_002, pas=100, lot=1000)
pertes_keras = {e: avec_keras["pertes_keras"][e] for e in suivi}
ecart_poids_002 = max(float(np.max(np.abs(a - b))) for a, b in zip(params, avec_keras["params_keras"]))
print("pertes de Keras aux mêmes époques :", np.round(list(pertes_keras.values()), 4).tolist())
lecon.comparer("écart des pertes numpy / Keras", avec_keras["ecart_pertes"], livre=0, tol=1e-6)
lecon.comparer("écart des poids après 100 pas", ecart_poids_002, livre=0, tol=1e-6,
               note="Keras garde le taux 0.1 en float32")
lecon.comparer("le même, taux 0.1 arrondi en float32", avec_keras["ecart_max_float32"], livre=0, tol=1e-12)

# %% [markdown]
# ## §4 — Un réseau numpy sur MNIST
#
# Le travail pratique du jour 2 de 001 : « entraîner le MLP manuel sur MNIST avec une
# SGD simple et votre propre boucle d'entraînement, aucun framework ». Réseau
# 784 → 128 → 10 (101 770 poids), mini-lots de 64 mélangés à chaque époque, pas 0.1,
# rien d'autre que numpy. 001 annonce pour un MLP sur MNIST « environ 97 % » sur les
# images de test ; on y est après une époque (les images de validation, prises dans
# l'apprentissage, suivent l'entraînement ; les images de test ne servent qu'à la fin).
# Le même réseau dans Keras (mêmes poids de départ, `SGD(0.1)`, lots de 64) fait pareil.

# %%
lecon.section("mnist-numpy", duree="1.5 min (rapide : 1 s)")
EPOQUES = lecon.taille(2, rapide=3)
params_mnist = opt.initialiser_mlp([784, 128, 10], graine=lecon.graine, dtype="float32")
depart_mnist = [p.copy() for p in params_mnist]
print(f"{opt.nombre_parametres(params_mnist)} poids")
historique_numpy = opt.entrainer_mlp(params_mnist, X_app, y_app, opt.SGD(0.1), epoques=EPOQUES, lot=64,
                                     graine=lecon.graine, X_val=X_val, y_val=y_val)
exactitude_numpy = opt.exactitude(params_mnist, X_test, y_test)
print("pertes par époque :", np.round(historique_numpy["perte"], 4).tolist(),
      "— exactitude de validation :", historique_numpy["exactitude_val"])
lecon.comparer("nombre de poids", opt.nombre_parametres(params_mnist), livre=101770)
lecon.comparer("exactitude test (numpy)", exactitude_numpy, livre="0.97", tol=0.01,
               note=f"{EPOQUES} époque(s) sur {len(X_app)} images ; 001 : « environ 97 % »")

# %%
modele_mnist = opt.mlp_keras([784, 128, 10])
modele_mnist.set_weights(depart_mnist)
modele_mnist.compile(optimizer=keras.optimizers.SGD(0.1),
                     loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
modele_mnist.fit(X_app, y_app, batch_size=64, epochs=EPOQUES, verbose=lecon.verbeux)
exactitude_keras = modele_mnist.evaluate(X_test, y_test, verbose=0)[1]
lecon.comparer("exactitude test (Keras, même réseau)", exactitude_keras, livre="0.97", tol=0.01)
lecon.comparer("écart numpy − Keras", exactitude_numpy - exactitude_keras, livre=0,
               tol=lecon.taille(0.01, rapide=0.05), note="mélanges différents des mini-lots")

# %% [markdown]
# ## §5 — Sept optimiseurs, sept règles de mise à jour
#
# Un optimiseur est une règle θ ← règle(θ, g) appliquée à chaque tableau de poids, avec
# un petit état (vitesse, moyennes). Écrites à la forme de Keras, lues dans son code
# source (Keras 3) :
#
# | optimiseur | règle (g : gradient, η : taux) | classe Keras |
# |---|---|---|
# | SGD | θ ← θ − η g | `SGD(η)` |
# | moment | v ← μ v − η g ; θ ← θ + v | `SGD(η, momentum=μ)` |
# | Nesterov | v ← μ v − η g ; θ ← θ + μ v − η g | `SGD(η, momentum=μ, nesterov=True)` |
# | AdaGrad | a ← a + g² (a₀ = 0.1) ; θ ← θ − η g / √(a + ε) | `Adagrad(η)` |
# | RMSProp | s ← ρ s + (1 − ρ) g² ; θ ← θ − η g / √(s + ε) | `RMSprop(η, rho=ρ)` |
# | Adam | m ← β₁ m + (1 − β₁) g ; v ← β₂ v + (1 − β₂) g² ; θ ← θ − η √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε) | `Adam(η)` |
# | AdamW | θ ← θ − η λ θ, puis le pas d'Adam | `AdamW(η, weight_decay=λ)` |
#
# Détails de Keras à respecter : le moment de Keras n'est pas celui de PyTorch (v ← μ v + g ;
# θ ← θ − η v, la forme de 002 §2.4) — mêmes θ à taux constant ; AdaGrad part d'un
# accumulateur 0.1 et non 0 ; RMSProp et AdaGrad mettent ε **sous** la racine, Adam **hors**
# de la racine et sur √v non corrigé ; ε vaut 1e-7 ; AdamW décroît aussi les biais, avec
# λ = 0.004 par défaut. Chaque règle, sur le même réseau (20 → 16 → 3), avec les mêmes
# mini-lots de 32, pendant 100 pas, est comparée à la classe Keras en float64.
# Écart de quelques 1e-6 au plus ; et **au bit près** (~1e-16) quand on donne à la règle
# numpy les réglages tels que Keras les garde : en float32 (le taux, μ, λ, a₀ et les β de
# la correction de biais d'Adam).

# %%
lecon.section("optimiseurs", duree="5 s")
PAS = 100
comparaisons = {}
print(f"{'optimiseur':<10} {'réglages':<70} écart    écart (float32)  perte finale")
for nom, fabrique in opt.OPTIMISEURS.items():
    o = fabrique()
    r = opt.comparer_a_keras(o, depart_opt, X_opt, y_opt, pas=PAS, lot=32)
    comparaisons[nom] = {k: r[k] for k in ("ecart_max", "ecart_max_float32", "ecart_pertes", "deplacement")}
    comparaisons[nom]["perte_finale"] = r["pertes"][-1]
    print(f"{nom:<10} {repr(o):<70} {r['ecart_max']:.1e}  {r['ecart_max_float32']:.1e}          "
          f"{r['pertes'][-1]:.4f}")
ecart_optimiseurs = max(c["ecart_max"] for c in comparaisons.values())
ecart_optimiseurs_float32 = max(c["ecart_max_float32"] for c in comparaisons.values())
lecon.comparer("plus grand écart avec keras.optimizers", ecart_optimiseurs, livre=0, tol=1e-5,
               note=f"{PAS} pas, float64")
lecon.comparer("le même, réglages en float32 comme Keras", ecart_optimiseurs_float32, livre=0, tol=1e-12)
lecon.comparer("plus petit déplacement d'un poids", min(c["deplacement"] for c in comparaisons.values()),
               note="les poids ont vraiment bougé")

# %%
fig_optimiseurs, ax = plt.subplots(figsize=(7, 4))
for nom, fabrique in opt.OPTIMISEURS.items():
    params = [p.copy() for p in depart_opt]
    o = fabrique()
    pertes = []
    for t in range(PAS):
        i = np.arange(t * 32, (t + 1) * 32) % len(X_opt)
        o.pas(params, opt.retropropagation(params, X_opt[i], y_opt[i])[1])
        pertes.append(opt.perte_entropie(params, X_opt, y_opt))
    ax.plot(pertes, label=f"{nom} (η = {o.taux:g})")
ax.set_xlabel("pas")
ax.set_ylabel("perte sur les 320 points")
ax.set_yscale("log")
ax.legend(fontsize=8)
lecon.figure(fig_optimiseurs, "ch20-optimiseurs")

# %% [markdown]
# ## §6 — Le premier pas d'Adam : où est ε ?
#
# Au premier pas (t = 1), m̂ = g et v̂ = g² : le pas vaut −η g/(|g| + ε) dans l'article de
# Kingma & Ba (algorithme 1, ε = 1e-8), −η g/√(g² + ε) dans la formule de 001 §2.6 (ε sous
# la racine : **ce n'est pas la formule de l'article**), et
# −η √(1 − β₂)/(1 − β₁) · (1 − β₁) g/(√(1 − β₂) |g| + ε) dans Keras (ε « chapeau », 1e-7).
# Pour un gradient g = 1e-3 et η = 0.1, ε n'est plus négligeable devant √v̂ : les trois pas
# diffèrent dès la 3ᵉ décimale. Pour g = 1, ils s'accordent à 1e-6 près. Un Adam écrit à la
# main doit dire quelle variante il suit.

# %%
lecon.section("premier-pas-adam", duree="1 s")
premiers_pas = {}
for g in (1e-3, 1.0):
    for variante, epsilon in (("document", 1e-8), ("article", 1e-8), ("keras", 1e-7)):
        theta = [np.zeros(1)]
        adam = opt.Adam(0.1, epsilon=epsilon, variante=variante)
        # la variante de Keras avec ses réglages tels qu'il les garde (taux et β de la correction en float32)
        (adam.comme_keras() if variante == "keras" else adam).pas(theta, [np.array([g])])
        premiers_pas[(g, variante)] = float(theta[0][0])
    variable = keras.Variable([0.0])
    keras.optimizers.Adam(0.1).apply_gradients([(tf.constant([g]), variable)])
    premiers_pas[(g, "keras.optimizers.Adam")] = float(variable.numpy()[0])
for (g, variante), pas_adam in premiers_pas.items():
    print(f"g = {g:<6g} {variante:<22} pas = {pas_adam:.7f}")
lecon.comparer("g = 1e-3 : pas de 001 (ε sous la racine)", premiers_pas[(1e-3, "document")], livre="-0.0995037")
lecon.comparer("g = 1e-3 : pas de l'article", premiers_pas[(1e-3, "article")], livre="-0.0999990")
lecon.comparer("g = 1e-3 : pas de Keras (notre règle)", premiers_pas[(1e-3, "keras")], livre="-0.0996841",
               note="réglages en float32 comme Keras")
lecon.comparer("g = 1e-3 : keras.optimizers.Adam", premiers_pas[(1e-3, "keras.optimizers.Adam")],
               livre="-0.0996841", note="float32")
ecart_g1 = max(abs(premiers_pas[(1.0, v)] - premiers_pas[(1.0, "article")]) for v in ("document", "keras"))
lecon.comparer("g = 1 : plus grand écart entre variantes", ecart_g1, livre=0, tol=1e-6)

# %% [markdown]
# ## §7 — La course des optimiseurs (002 §2.8)
#
# Le réseau de 002 §1.6 (784 → 256 → 128 → 10, 235 146 poids), MNIST normalisé, lots de
# 128, mêmes poids de départ pour tous ; quatre optimiseurs réglés comme dans la source :
# `SGD(0.01)`, `SGD(0.01, momentum=0.9)`, `Adam(1e-3)`, `AdamW(1e-3, weight_decay=0.01)`.
# La source entraîne 10 époques et imprime l'exactitude de test finale : SGD 0.9532,
# moment 0.9721, Adam 0.9793, AdamW 0.9801. Ici 3 époques sur 55 000 images (les 5 000
# dernières servent de validation ; rien n'est réglé, les images de test ne servent qu'à la
# mesure finale) : le classement SGD < moment < Adam, AdamW est net. En revanche l'écart
# Adam < AdamW de la source (0.0008) est plus petit que le hasard d'un entraînement : sur
# trois graines, le banc d'essai `benchmarks/optimiseurs.py` mesure à 3 époques Adam 0.9743
# et AdamW 0.9739 (écart entre graines ~0.002), et au budget de la source (10 époques)
# SGD 0.9620, moment 0.9783, Adam 0.9786, AdamW 0.9772 : SGD reste loin derrière, le moment
# rattrape Adam, et AdamW ne passe pas devant. La source ne montre ni sa fonction
# `train_and_eval` ni ses graines : son « AdamW meilleur » n'est pas une conclusion solide.

# %%
lecon.section("course", duree="1 à 2 min (rapide : 4 s)")
EPOQUES = lecon.taille(3, rapide=1)
SOURCE = {"SGD": "0.9532", "moment": "0.9721", "Adam": "0.9793", "AdamW": "0.9801"}
CONFIGURATIONS = {
    "SGD": lambda: keras.optimizers.SGD(0.01),
    "moment": lambda: keras.optimizers.SGD(0.01, momentum=0.9),
    "Adam": lambda: keras.optimizers.Adam(1e-3),
    "AdamW": lambda: keras.optimizers.AdamW(1e-3, weight_decay=0.01),
}
course = opt.course_optimiseurs(CONFIGURATIONS, ((X_app, y_app), (X_val, y_val), (X_test, y_test)),
                                epoques=EPOQUES, graine=lecon.graine, verbose=lecon.verbeux)
print(f"budget : {EPOQUES} époque(s) sur {len(X_app)} images (la source : 10 époques sur 60 000)")
for nom, r in course.items():
    lecon.comparer(f"{nom} : exactitude test", r["exactitude_test"], livre=SOURCE[nom], tol=0.03,
                   note=f"{EPOQUES} époque(s), {r['secondes']:.0f} s ; validation {r['exactitude_val'][-1]:.4f}")
val = {nom: r["exactitude_val"][-1] for nom, r in course.items()}
classement = " < ".join(sorted(val, key=val.get))
print("classement sur la validation :", classement)
lecon.comparer("SGD < moment < Adam et AdamW (validation)",
               bool(val["SGD"] < val["moment"] < min(val["Adam"], val["AdamW"])), livre=True,
               note=f"mesuré : {classement}")
lecon.comparer("écart Adam − AdamW (validation)", val["Adam"] - val["AdamW"], note="source : −0.0008 (test)")

# %%
fig_course, ax = plt.subplots(figsize=(6, 4))
for nom, r in course.items():
    ax.plot(range(1, EPOQUES + 1), r["exactitude_val"], marker="o", label=f"{nom} (source : {SOURCE[nom]})")
ax.set_xlabel("époque")
ax.set_ylabel("exactitude de validation")
ax.legend()
lecon.figure(fig_course, "ch20-course")

# %% [markdown]
# ## §8 — Plannings de taux : montée progressive et cosinus
#
# Le taux peut changer au fil des pas t (Keras compte en **pas d'optimiseur**, pas en
# époques). Décroissance par paliers η(t) = η₀ γ^⌊t/T⌋ (`ExponentialDecay(staircase=True)`) ;
# cosinus η(t) = η_min + ½(η₀ − η_min)(1 + cos(πt/T)) (`CosineDecay`, η_min = α η₀) ;
# montée progressive (« warm-up ») : η croît linéairement pendant T_w pas, puis décroît
# en cosinus — le réglage par défaut des Transformers (002 §2.5). Nos formules donnent les
# taux de `keras.optimizers.schedules` à chaque pas (à la précision du float32, où Keras
# les calcule), et un Adam numpy qui lit son taux dans le planning suit
# `keras.optimizers.Adam(planning)` pendant 100 pas.

# %%
lecon.section("plannings", duree="3 s")
t = np.arange(0, 1200)
t_keras = np.unique(np.concatenate([np.arange(0, 1200, 9), [99, 100, 101, 299, 300, 301, 999, 1000, 1001]]))
planning_cosinus = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=900, alpha=0.01, warmup_target=1e-3,
                                                          warmup_steps=100)
planning_paliers = keras.optimizers.schedules.ExponentialDecay(1e-3, decay_steps=300, decay_rate=0.1,
                                                               staircase=True)
keras_cosinus = np.array([float(planning_cosinus(k)) for k in t_keras])     # un pas sur 9, et les bords
keras_paliers = np.array([float(planning_paliers(k)) for k in t_keras])
nos_cosinus = opt.taux_cosinus(t, 0.0, 900, alpha=0.01, montee=100, cible=1e-3)
nos_paliers = opt.taux_paliers(t, 1e-3, 0.1, 300)
lecon.comparer("montée + cosinus : écart avec CosineDecay",
               float(np.max(np.abs(nos_cosinus[t_keras] - keras_cosinus))), livre=0, tol=1e-9)
lecon.comparer("paliers : écart avec ExponentialDecay", float(np.max(np.abs(nos_paliers[t_keras] - keras_paliers))),
               livre=0, tol=1e-9)
lecon.comparer("taux aux pas 0, 50, 100, 550, 1000", nos_cosinus[[0, 50, 100, 550, 1000]],
               livre=[0, 0.0005, 0.001, 0.000505, 0.00001])

# %%
planning_court = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=80, alpha=0.1, warmup_target=0.02,
                                                        warmup_steps=20)
r = opt.comparer_a_keras(opt.Adam(planning_court), depart_opt, X_opt, y_opt, pas=100, lot=32)
lecon.comparer("Adam + planning : écart avec Keras", r["ecart_max"], livre=0, tol=1e-5, note="100 pas, float64")

# %%
fig_plannings, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(t, nos_cosinus, label="montée (100 pas) puis cosinus")
ax.plot(t, nos_paliers, label="paliers (×0.1 tous les 300 pas)")
ax.set_xlabel("pas t")
ax.set_ylabel("taux η(t)")
ax.legend()
lecon.figure(fig_plannings, "ch20-plannings")

# %% [markdown]
# ## §9 — Un taux trop grand
#
# « Le taux d'apprentissage est l'hyperparamètre le plus décisif » (001 §2.3). Le travail
# pratique de 001 balaie η ∈ {10⁻¹, 10⁻², 10⁻³, 10⁻⁴} ; on ajoute η = 1. Avec Adam, chaque
# poids bouge d'environ η à chaque pas, quelle que soit la taille du gradient : à η = 1 les
# poids sautent de ±1 à chaque pas, la perte explose et le réseau ne fait guère mieux que
# le hasard (une image sur dix) ; à 10⁻⁴, il apprend lentement (sous-apprentissage).
# Courbes du réseau numpy 784 → 64 → 10 et de notre Adam, puis Keras à η = 1.

# %%
lecon.section("taux-trop-grand", duree="1.5 min (rapide : 2 s)")
N_BALAYAGE = lecon.taille(10000, rapide=len(X_app))
EPOQUES = lecon.taille(2, rapide=3)
balayage = {}
fig_taux, ax = plt.subplots(figsize=(7, 4))
for taux in (1.0, 1e-1, 1e-2, 1e-3, 1e-4):
    params = opt.initialiser_mlp([784, 64, 10], graine=lecon.graine, dtype="float32")
    adam = opt.Adam(taux)
    rng = np.random.default_rng(lecon.graine)
    pertes = []
    for _ in range(EPOQUES):
        for i in np.array_split(rng.permutation(N_BALAYAGE), max(1, N_BALAYAGE // 64)):
            perte, grads = opt.retropropagation(params, X_app[i], y_app[i])
            adam.pas(params, grads)
            pertes.append(perte)
    balayage[taux] = {"perte_finale": float(np.mean(pertes[-10:])), "perte_max": float(np.max(pertes)),
                      "exactitude_val": opt.exactitude(params, X_val, y_val)}
    ax.plot(pertes, label=f"η = {taux:g}", linewidth=1)
    print(f"η = {taux:<7g} perte max {balayage[taux]['perte_max']:10.1f}   perte finale "
          f"{balayage[taux]['perte_finale']:8.3f}   exactitude de validation {balayage[taux]['exactitude_val']:.3f}")
ax.set_yscale("log")
ax.set_xlabel("pas")
ax.set_ylabel("perte du mini-lot")
ax.legend()
lecon.figure(fig_taux, "ch20-taux")
lecon.comparer("η = 1 : perte maximale", balayage[1.0]["perte_max"], note="explose")
lecon.comparer("η = 1 : exactitude de validation", balayage[1.0]["exactitude_val"])
lecon.comparer("meilleur taux (validation)", max(balayage, key=lambda k: balayage[k]["exactitude_val"]))

# %%
# Keras, même réseau, Adam(1.0) (et Adam(1e-3) pour comparer, en version complète), sur les mêmes images
exactitudes_keras = {}
for taux in lecon.taille((1.0, 1e-3), rapide=(1.0,)):
    keras.utils.set_random_seed(lecon.graine)
    modele = opt.mlp_keras([784, 64, 10])
    modele.compile(optimizer=keras.optimizers.Adam(taux),
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    modele.fit(X_app[:N_BALAYAGE], y_app[:N_BALAYAGE], batch_size=64, epochs=EPOQUES, verbose=0)
    exactitudes_keras[taux] = modele.evaluate(X_val, y_val, verbose=0)[1]
    print(f"Keras Adam({taux:g}) : exactitude de validation {exactitudes_keras[taux]:.3f}")
lecon.comparer("Keras Adam(1) : exactitude de validation", exactitudes_keras[1.0], note="≈ le hasard : 0.1")
