# %% [markdown]
# # Chapitre 21 — Régularisation et normalisation
#
# Au-delà du livre : ce que les autres documents sources (000 ch. 8 et 11, 001 §4.2,
# 002 ch. 3) ajoutent pour entraîner des réseaux plus profonds et qui généralisent
# mieux. La normalisation par lots (BatchNorm) écrite à la main — passe avant, passe
# arrière, moyennes mobiles, modes entraînement et inférence — puis la normalisation
# par couche ; les pénalités L2 et L1 (et L1 qui retrouve les vraies variables d'un
# problème creux) ; le dropout (suite du chapitre 16) ; l'arrêt précoce ;
# l'augmentation de données ; enfin la grille dropout × weight decay de 002 §3.11,
# réduite à ce qui tient sur un processeur.
#
# Chaque morceau écrit à la main est comparé à son équivalent Keras
# (`keras.layers.BatchNormalization`, `LayerNormalization`, `keras.regularizers`,
# `keras.layers.Dropout`, `keras.callbacks.EarlyStopping`, `RandomFlip`…). Les erreurs
# des sources sont corrigées dans le texte et rassemblées à la fin.
#
# Durée : environ deux minutes sur 2 cœurs (une vingtaine de secondes avec `--rapide`).

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from scipy.optimize import minimize

from keras_facile import *
from keras_facile import probabilites as pb
from keras_facile import regularisation as rg
from keras_facile.donnees import charger_cifar10, charger_mnist
from keras_facile.entrainement import entrainer_rapide
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

# %% [markdown]
# ## §1 — La normalisation par lots, passe avant
#
# Pour chaque variable (chaque neurone), sur les m exemples du lot :
# µ_B = moyenne, σ²_B = variance (divisée par m), x̂ = (x − µ_B)/√(σ²_B + ε), puis
# y = γ x̂ + β avec γ et β appris (002 éq. 3.11–3.14 ; 000 éq. 8.1). Sur le lot
# [1, 2, 3, 4] : µ = 2.5, σ² = 1.25, donc les sorties sont ±1.5/√(1.25 + ε) et
# ±0.5/√(1.25 + ε) : ±1.3416 et ±0.4472 avec ε = 0, ±1.3411 et ±0.4470 avec le
# ε = 1e-3 de Keras.
#
# Le code du document 000 (ch. 8 et 11) écrit `(x - x.mean()) / (x.std() + 1e-5)` :
# ε ajouté à l'écart type et non sous la racine, et surtout `x.std()` de PyTorch est
# l'écart type **non biaisé** (divisé par m − 1) : il donne ±1.1619, pas ±1.3416. Il
# normalise aussi tout le tenseur d'un coup au lieu de chaque variable, et γ, β n'y
# sont pas définis.

# %%
lecon.section("bn-avant", duree="1 s")
x = np.array([1.0, 2.0, 3.0, 4.0])
y_eps0, _ = rg.batchnorm_avant(x, epsilon=0.0)
y_keras_eps, _ = rg.batchnorm_avant(x)                      # ε = 1e-3, celui de Keras
couche_bn = keras.layers.BatchNormalization()
y_keras = np.asarray(couche_bn(x[:, None].astype("float32"), training=True))[:, 0]
y_code_000 = (x - x.mean()) / (x.std(ddof=1) + 1e-5)        # le code de 000 (std de PyTorch : ddof = 1)
print("ε = 0      :", np.round(y_eps0, 4))
print("ε = 1e-3   :", np.round(y_keras_eps, 4), "  Keras :", np.round(y_keras, 4))
print("code de 000 :", np.round(y_code_000, 4))
lecon.comparer("BN [1,2,3,4], ε = 0", y_eps0, livre=["-1.3416", "-0.4472", "0.4472", "1.3416"])
lecon.comparer("BN [1,2,3,4], ε = 1e-3", y_keras_eps, livre=["-1.3411", "-0.4470", "0.4470", "1.3411"])
lecon.comparer("1.5/√(1.25 + 1e-3)", 1.5 / np.sqrt(1.25 + 1e-3), livre="1.3411")
lecon.comparer("keras BatchNormalization", y_keras, livre=["-1.3411", "-0.4470", "0.4470", "1.3411"])
lecon.comparer("écart avec Keras", float(np.max(np.abs(y_keras - y_keras_eps))))
lecon.comparer("code de 000 (écart type non biaisé)", y_code_000, livre=["-1.1619", "-0.3873", "0.3873", "1.1619"],
               note="erreur de la source : ce n'est pas la normalisation par lots")

# %%
# Avec ε = 1e-5 (celui de PyTorch) des deux côtés, et un lot de plusieurs variables
rng = np.random.default_rng(lecon.graine)
lot = rng.normal(3.0, 2.0, size=(32, 5))
y_lot, _ = rg.batchnorm_avant(lot, epsilon=1e-5)
y_lot_keras = np.asarray(keras.layers.BatchNormalization(epsilon=1e-5)(lot.astype("float32"), training=True))
lecon.comparer("lot 32 × 5, ε = 1e-5 : écart avec Keras", float(np.max(np.abs(y_lot - y_lot_keras))))
print("moyennes après normalisation :", np.round(y_lot.mean(axis=0), 12), " variances :", np.round(y_lot.var(axis=0), 4))

# %% [markdown]
# ## §2 — La passe arrière
#
# Pour entraîner γ et β, et pour rétropropager à travers la couche, il faut ∂L/∂x,
# ∂L/∂γ, ∂L/∂β en fonction de δ = ∂L/∂y (002, prop. 3.5, éq. 3.15–3.20) : ∂L/∂γ = Σ δᵢ x̂ᵢ,
# ∂L/∂β = Σ δᵢ, et ∂L/∂xᵢ rassemble trois chemins — par x̂ᵢ, par σ²_B et par µ_B (chaque
# xᵢ influe sur la moyenne et la variance du lot entier). On compare à `tf.GradientTape`
# sur la même formule en float64, puis à la couche Keras en float32.

# %%
lecon.section("bn-arriere", duree="1 s")
rng = np.random.default_rng(lecon.graine)
x = rng.normal(1.0, 3.0, size=(8, 3))
gamma, beta = rng.normal(size=3), rng.normal(size=3)
delta = rng.normal(size=(8, 3))                 # δ = ∂L/∂y, pour la perte L = Σ δ ⊙ y
y, cache = rg.batchnorm_avant(x, gamma, beta)
dx, dgamma, dbeta = rg.batchnorm_arriere(delta, cache)

xt, gt, bt = (tf.Variable(v) for v in (x, gamma, beta))
with tf.GradientTape() as bande:
    mu, var = tf.nn.moments(xt, axes=[0])
    yt = gt * (xt - mu) / tf.sqrt(var + rg.EPSILON_KERAS) + bt
    perte = tf.reduce_sum(delta * yt)
gx, gg, gb = (g.numpy() for g in bande.gradient(perte, [xt, gt, bt]))
ecart_bande = max(float(np.max(np.abs(a - b))) for a, b in ((dx, gx), (dgamma, gg), (dbeta, gb)))
lecon.comparer("écart avec GradientTape (float64)", ecart_bande)

couche = keras.layers.BatchNormalization()
couche.build((None, 3))
couche.gamma.assign(gamma.astype("float32"))
couche.beta.assign(beta.astype("float32"))
x32 = tf.constant(x.astype("float32"))
with tf.GradientTape() as bande:
    bande.watch(x32)
    perte = tf.reduce_sum(delta.astype("float32") * couche(x32, training=True))
kx, kg, kb = (g.numpy() for g in bande.gradient(perte, [x32, couche.gamma, couche.beta]))
ecart_couche = max(float(np.max(np.abs(a - b))) for a, b in ((dx, kx), (dgamma, kg), (dbeta, kb)))
lecon.comparer("écart avec la couche Keras (float32)", ecart_couche)
print("∂L/∂x (1re ligne) :", np.round(dx[0], 6), "  somme sur le lot :", np.round(dx.sum(axis=0), 12))

# %% [markdown]
# ## §3 — Moyennes mobiles, entraînement et inférence
#
# En entraînement, la couche normalise avec les statistiques du lot. En inférence
# (`training=False`, ce que font `predict` et `evaluate`), un seul exemple n'a pas de
# « statistiques de lot » : la couche utilise des moyennes mobiles, mises à jour à
# chaque pas d'entraînement : moyenne ← 0.99 · moyenne + 0.01 · µ_B (momentum = 0.99
# dans Keras ; PyTorch écrit momentum = 0.1 pour la même chose, et garde la variance
# non biaisée). Parties de 0 et 1, après un pas sur [1, 2, 3, 4] elles valent
# 0.025 et 1.0025 : loin de 2.5 et 1.25. Il faut 459 pas sur ce lot pour atteindre
# 99 % de la moyenne (1 − 0.99ⁿ ≥ 0.99) : un réseau à BatchNorm entraîné quelques
# pas se comporte très différemment en inférence.

# %%
lecon.section("bn-moyennes", duree="5 s")
x = np.array([[1.0], [2.0], [3.0], [4.0]], dtype="float32")
modele_bn = Sequential([Input(shape=(1,)), keras.layers.BatchNormalization()])
modele_bn.compile(optimizer=keras.optimizers.SGD(0.1), loss="mean_squared_error")
modele_bn.fit(x, np.zeros_like(x), batch_size=4, epochs=1, verbose=0)          # un pas d'entraînement
bn = modele_bn.layers[0]
moyenne_main, variance_main = rg.moyennes_mobiles(0.0, 1.0, x)
lecon.comparer("moyenne mobile après un pas", float(bn.moving_mean.numpy()[0]), livre="0.025",
               note=f"à la main : {moyenne_main[0]:.6f}")
lecon.comparer("variance mobile après un pas", float(bn.moving_variance.numpy()[0]), livre="1.0025",
               note=f"à la main : {variance_main[0]:.6f}")
g, b = float(bn.gamma.numpy()[0]), float(bn.beta.numpy()[0])
sortie_inference = modele_bn.predict(x, verbose=0)[:, 0]
inference_main = g * (x[:, 0] - moyenne_main[0]) / np.sqrt(variance_main[0] + rg.EPSILON_KERAS) + b
sortie_entrainement = np.asarray(bn(x, training=True))[:, 0]
entrainement_main = rg.batchnorm_avant(x[:, 0], g, b)[0]
print("γ, β après le pas :", round(g, 6), round(b, 6))
print("training=True  :", np.round(sortie_entrainement, 4), " (statistiques du lot)")
print("training=False :", np.round(sortie_inference, 4), " (moyennes mobiles)")
lecon.comparer("inférence : écart avec la main", float(np.max(np.abs(sortie_inference - inference_main))))
lecon.comparer("entraînement : écart avec la main", float(np.max(np.abs(sortie_entrainement - entrainement_main))))

# %%
# Les moyennes mobiles rejoignent celles du lot : 2.5 (1 − 0.99ⁿ) après n pas
n_99 = rg.pas_pour_atteindre(0.99)
N_PAS = lecon.taille(n_99, rapide=60)               # pas suivis avec la couche Keras
couche = keras.layers.BatchNormalization()
suivi = []
for _ in range(N_PAS):
    couche(x, training=True)
    suivi.append(float(couche.moving_mean.numpy()[0]))
suivi = np.array(suivi)
n = np.arange(1, N_PAS + 1)
lecon.comparer("pas pour 99 % de la moyenne", n_99, livre=459)
lecon.comparer("moyenne mobile au dernier pas (Keras)", suivi[-1], livre=round(2.5 * (1 - 0.99 ** N_PAS), 4), tol=1e-4,
               note=f"après {N_PAS} pas ; 2.5 (1 − 0.99ⁿ)")
lecon.comparer("écart avec 2.5 (1 − 0.99ⁿ)", float(np.max(np.abs(suivi - 2.5 * (1 - 0.99 ** n)))))
fig_moyenne, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(n, suivi, label="moving_mean (Keras)")
ax.plot(n, 2.5 * (1 - 0.99 ** n), "--", label="2.5 (1 − 0.99ⁿ)")
ax.axhline(2.5, color="gray", linewidth=0.8)
ax.set_xlabel("pas d'entraînement")
ax.legend()
lecon.figure(fig_moyenne, "ch21-moyenne-mobile")

# %% [markdown]
# ## §4 — La normalisation par couche
#
# LayerNorm (002 §3.6) centre et réduit chaque exemple **sur ses propres variables**
# (le dernier axe), au lieu de chaque variable sur le lot : elle ne dépend pas de la
# taille du lot et agit de la même façon en entraînement et en inférence ; c'est celle
# des Transformers (chapitres 17 et 18). Un exemple [1, 2, 3, 4] à quatre variables
# donne les mêmes ±1.3411 que le lot de la section 1.

# %%
lecon.section("layernorm", duree="1 s")
rng = np.random.default_rng(lecon.graine)
x = rng.normal(2.0, 3.0, size=(4, 6))
gamma, beta = rng.normal(size=6), rng.normal(size=6)
couche_ln = keras.layers.LayerNormalization()
couche_ln.build((None, 6))
couche_ln.gamma.assign(gamma.astype("float32"))
couche_ln.beta.assign(beta.astype("float32"))
ln_main = rg.layernorm(x, gamma, beta)
ln_keras = np.asarray(couche_ln(x.astype("float32"), training=True))
lecon.comparer("écart avec LayerNormalization", float(np.max(np.abs(ln_main - ln_keras))))
lecon.comparer("un exemple seul = le même exemple dans le lot",
               float(np.max(np.abs(np.asarray(couche_ln(x[:1].astype("float32"))) - ln_keras[:1]))))
lecon.comparer("training=True et False : écart",
               float(np.max(np.abs(np.asarray(couche_ln(x.astype("float32"), training=False)) - ln_keras))))
ln_exemple = np.asarray(keras.layers.LayerNormalization()(np.array([[1.0, 2.0, 3.0, 4.0]], dtype="float32")))[0]
lecon.comparer("LayerNorm de [1, 2, 3, 4] (un exemple)", ln_exemple, livre=["-1.3411", "-0.4470", "0.4470", "1.3411"])

# %% [markdown]
# ## §5 — Pénalités L2 et L1
#
# On ajoute à la perte λR(θ) (001 §4.2) : L2, R = Σ w² (poids petits, loi a priori
# gaussienne) ; L1, R = Σ |w| (poids nuls, sélection de variables). Keras :
# `kernel_regularizer=keras.regularizers.L2(λ)` ajoute **λ Σ w², sans ½** :
# `L2(0.01)` sur [1, 2] donne 0.01 × 5 = 0.05, et `L1(0.01)` donne 0.03. Le gradient
# de la pénalité est donc 2λw, et un pas de SGD s'écrit w ← (1 − 2ηλ) w − η∇L
# (« weight decay ») ; 002 §3.2 écrit (λ/2)‖θ‖² et (1 − ηλ) : même idée, λ deux fois
# plus grand. Dans Keras, `SGD(weight_decay=2λ)` fait exactement le même pas que
# `L2(λ)`.

# %%
lecon.section("penalites", duree="2 s")
w = np.array([1.0, 2.0])
lecon.comparer("keras.regularizers.L2(0.01)([1, 2])", float(keras.regularizers.L2(0.01)(w)), livre="0.05")
lecon.comparer("à la main : 0.01 × (1² + 2²)", rg.penalite_l2(w, 0.01), livre="0.05")
lecon.comparer("keras.regularizers.L1(0.01)([1, 2])", float(keras.regularizers.L1(0.01)(w)), livre="0.03")
lecon.comparer("à la main : 0.01 × (|1| + |2|)", rg.penalite_l1(w, 0.01), livre="0.03")

# %%
# Un pas de SGD avec L2(λ) = le pas écrit à la main = SGD(weight_decay=2λ) sans pénalité
LAMBDA, ETA = 0.05, 0.1
rng = np.random.default_rng(lecon.graine)
X = rng.normal(size=(16, 3)).astype("float32")
Y = (X @ np.array([[1.0], [-2.0], [0.5]]) + 0.3).astype("float32")
W0, b0 = rng.normal(size=(3, 1)).astype("float32"), np.zeros(1, dtype="float32")


def un_pas(regularisation, optimiseur):
    modele = Sequential([Input(shape=(3,)), Dense(1, kernel_regularizer=regularisation)])
    modele.set_weights([W0, b0])
    modele.compile(optimizer=optimiseur, loss="mean_squared_error")
    penalite = float(sum(modele.losses)) if modele.losses else 0.0
    modele.train_on_batch(X, Y)
    return modele.get_weights()[0], penalite


W_l2, penalite_modele = un_pas(keras.regularizers.L2(LAMBDA), keras.optimizers.SGD(ETA))
W_wd, _ = un_pas(None, keras.optimizers.SGD(ETA, weight_decay=2 * LAMBDA))
gradient_erreur = 2 / len(X) * X.T @ (X @ W0 + b0 - Y)         # ∇ de l'erreur quadratique moyenne
W_main = (1 - 2 * ETA * LAMBDA) * W0 - ETA * gradient_erreur
lecon.comparer("pénalité du modèle = λ Σ w²", penalite_modele, livre=round(rg.penalite_l2(W0, LAMBDA), 6), tol=1e-6)
lecon.comparer("pas SGD + L2(λ) : écart avec la main", float(np.max(np.abs(W_l2 - W_main))))
lecon.comparer("SGD(weight_decay=2λ) : écart", float(np.max(np.abs(W_wd - W_main))))

# %% [markdown]
# ## §6 — L1 retrouve les vraies variables
#
# Un problème linéaire creux (002, exercice 3.2) : 100 variables, dont 10 seulement
# comptent, et 100 exemples pour 101 inconnues (les poids et le biais) — les moindres
# carrés ont une infinité de solutions, et celle de norme minimale met du poids partout. Avec
# la pénalité L1, la solution est creuse. On minimise (1/n)‖y − Xw − b‖² + λ‖w‖₁
# (l'erreur quadratique moyenne de Keras plus `L1(λ)`) de trois façons : à la main par
# gradient proximal (ISTA : un pas de gradient, puis le seuillage doux
# w ↦ sign(w) max(|w| − ηλ, 0), qui donne des zéros exacts), par `scipy.optimize`
# (w = u − v, u, v ≥ 0, L-BFGS-B), et avec un `Dense(1, kernel_regularizer=L1(λ))`
# entraîné par Adam (sous-gradient : des poids très petits mais pas exactement nuls).
# λ = 0.1 est de l'ordre de 2σ√(2 ln p / n) ≈ 0.06 (σ = 0.1 : le bruit) ; avec λ = 0.05,
# ISTA garde aussi quelques fausses variables, de coefficients minuscules.

# %%
lecon.section("l1-creux", duree="4 s")
LAMBDA_L1 = 0.1
X, y, w_vrai = rg.probleme_creux(n=100, p=100, k=10, bruit=0.1, graine=lecon.graine)
vrai_support = rg.support(w_vrai)
w_ista, b_ista, iterations = rg.lasso_ista(X, y, LAMBDA_L1)
n, p = X.shape


def objectif(uv):                      # le même problème, lisse, pour scipy : w = u − v, u, v ≥ 0
    u, v, b = uv[:p], uv[p:2 * p], uv[-1]
    r = X @ (u - v) + b - y
    valeur = r @ r / n + LAMBDA_L1 * np.sum(u + v)
    g = 2 / n * X.T @ r
    return valeur, np.concatenate([g + LAMBDA_L1, -g + LAMBDA_L1, [2 / n * r.sum()]])


solution = minimize(objectif, np.zeros(2 * p + 1), jac=True, method="L-BFGS-B",
                    bounds=[(0, None)] * (2 * p) + [(None, None)], options={"maxiter": 20000, "ftol": 1e-15, "gtol": 1e-12})
w_scipy = solution.x[:p] - solution.x[p:2 * p]
w_moindres_carres = np.linalg.lstsq(np.c_[X, np.ones(n)], y, rcond=None)[0][:p]     # norme minimale

EPOQUES_L1 = 3000                      # pas plein lot ; le pas décroît (cosinus) pour calmer le sous-gradient
modele_l1 = Sequential([Input(shape=(p,)), Dense(1, kernel_regularizer=keras.regularizers.L1(LAMBDA_L1))])
modele_l1.compile(optimizer=keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(0.01, EPOQUES_L1)),
                  loss="mean_squared_error")
entrainer_rapide(modele_l1, X.astype("float32"), y[:, None].astype("float32"), EPOQUES_L1)
w_keras = modele_l1.get_weights()[0][:, 0]

resultats = {
    "vrai support": vrai_support.tolist(), "support ISTA": rg.support(w_ista).tolist(),
    "support Keras (|w| > 0.05)": rg.support(w_keras, 0.05).tolist(),
    "non nuls des moindres carrés": int(len(rg.support(w_moindres_carres, 1e-8))),
    "erreur ‖w − w_vrai‖ ISTA": float(np.linalg.norm(w_ista - w_vrai)),
    "erreur ‖w − w_vrai‖ moindres carrés": float(np.linalg.norm(w_moindres_carres - w_vrai)),
}
for cle, valeur in resultats.items():
    print(f"{cle:<40} {valeur}")
print(f"ISTA : {iterations} itérations ; plus grand |w| hors support (Keras) : "
      f"{np.max(np.abs(np.delete(w_keras, vrai_support))):.4f}")
lecon.comparer("variables retrouvées par ISTA", len(set(resultats["support ISTA"]) & set(vrai_support)), livre=10)
lecon.comparer("fausses variables (ISTA)", len(set(resultats["support ISTA"]) - set(vrai_support)), livre=0)
lecon.comparer("ISTA : écart avec scipy", float(np.max(np.abs(w_ista - w_scipy))), tol=1e-4, livre=0)
lecon.comparer("ISTA : écart avec Keras + L1", float(np.max(np.abs(w_ista - w_keras))))
lecon.comparer("support Keras = vrai support", resultats["support Keras (|w| > 0.05)"] == vrai_support.tolist(), livre=True)

fig_creux, ax = plt.subplots(figsize=(9, 3.5))
ax.plot(w_moindres_carres, ".", color="gray", label="moindres carrés (norme minimale)")
ax.stem(w_vrai, linefmt="C0-", markerfmt="C0o", basefmt=" ", label="vrais coefficients")
ax.plot(w_ista, "x", color="C3", label=f"L1, λ = {LAMBDA_L1} (ISTA)")
ax.set_xlabel("variable")
ax.legend(fontsize=8)
fig_creux.tight_layout()
lecon.figure(fig_creux, "ch21-l1-creux")

# %% [markdown]
# ## §7 — Le dropout
#
# Le chapitre 16 a présenté le dropout avec p, la probabilité de **garder** un neurone
# (le livre). Le cours 002 §3.4 et Keras prennent p = `rate`, la probabilité de
# l'**éteindre** : masque m ~ Bernoulli(1 − p), et le dropout « inversé » multiplie les
# neurones gardés par 1/(1 − p), si bien que E[h̃] = h et qu'en inférence la couche est
# l'identité. Avec p = 0.4 (le schéma de 002) : environ 60 % de neurones gardés, qui
# valent 1/0.6 = 1.6667. Le masque tiré par Keras, appliqué avec notre formule, redonne
# exactement la sortie de Keras.

# %%
lecon.section("dropout", duree="1 s")
TAUX = 0.4
x = np.ones(100000, dtype="float32")
couche = keras.layers.Dropout(rate=TAUX, seed=lecon.graine)
sortie_keras = np.asarray(couche(x, training=True))
masque = sortie_keras != 0
sortie_main = np.where(masque, x / (1 - TAUX), 0.0)                   # notre formule, avec le masque de Keras
rng = np.random.default_rng(lecon.graine)
sortie_numpy = rg.dropout_inverse(x, TAUX, rng)
sortie_ch16 = pb.dropout_livre(x, 1 - TAUX, rng)                        # le dropout du chapitre 16 : p = 1 − taux
resultats = {"gardes_keras": float(masque.mean()), "gardes_main": float(np.mean(sortie_numpy > 0)),
             "valeurs_keras": sorted(set(sortie_keras.tolist())),
             "valeurs_main": sorted(set(np.round(sortie_numpy, 4).tolist())),
             "valeurs_ch16": sorted(set(np.round(sortie_ch16, 4).tolist())),
             "moyenne_keras": float(sortie_keras.mean()), "moyenne_main": float(sortie_numpy.mean()),
             "inference_keras": sorted(set(np.asarray(couche(x, training=False)).tolist())),
             "inference_main": sorted(set(rg.dropout_inverse(x, TAUX, entrainement=False).tolist()))}
print(resultats)
lecon.comparer("formule avec le masque de Keras : écart", float(np.max(np.abs(sortie_main - sortie_keras))))
lecon.comparer("part gardée (Keras, rate = 0.4)", resultats["gardes_keras"], livre=0.6, tol=0.01)
lecon.comparer("part gardée (à la main)", resultats["gardes_main"], livre=0.6, tol=0.01)
lecon.comparer("valeur d'un neurone gardé", max(resultats["valeurs_main"]), livre="1.6667")
lecon.comparer("moyenne après dropout (E[h̃] = h)", resultats["moyenne_main"], livre=1, tol=0.01)
lecon.comparer("inférence (Keras)", resultats["inference_keras"], livre=[1])

# %% [markdown]
# ## §8 — L'arrêt précoce
#
# On garde une partie des données d'entraînement pour la validation, et on arrête quand
# la perte de validation ne baisse plus depuis `patience` époques, en reprenant les
# poids de la meilleure époque (`keras.callbacks.EarlyStopping(patience=…,
# restore_best_weights=True)`). C'est une régularisation implicite : 002 th. 3.8 montre
# que pour une perte quadratique et la descente de gradient, s'arrêter au pas T
# ressemble à une pénalité L2 de coefficient λ ≈ 1/(ηT) — direction propre par
# direction propre, le facteur 1 − (1 − ηλᵢ)ᵀ de l'arrêt précoce contre λᵢ/(λᵢ + 1/(ηT))
# de L2. Ce n'est qu'une ressemblance : les deux facteurs ont les mêmes limites (0 et 1)
# mais diffèrent jusqu'à 0.2 au milieu (figure de droite).

# %%
lecon.section("arret-precoce", duree="20 s")
N_TRAIN, N_VAL = lecon.taille(1000, rapide=100), lecon.taille(1000, rapide=100)
EPOQUES, PATIENCE = lecon.taille(100, rapide=6), lecon.taille(10, rapide=2)
(x_mnist, y_mnist), _ = charger_mnist(n_train=N_TRAIN + N_VAL, graine=lecon.graine)
x_mnist = x_mnist.reshape(len(x_mnist), -1).astype("float32") / 255
x_tr, y_tr, x_va, y_va = x_mnist[:N_TRAIN], y_mnist[:N_TRAIN], x_mnist[N_TRAIN:], y_mnist[N_TRAIN:]
modele = Sequential([Input(shape=(784,)), Dense(512, activation="relu"), Dense(512, activation="relu"),
                     Dense(10, activation="softmax")])
modele.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
arret = keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE, restore_best_weights=True)
historique = modele.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=EPOQUES, batch_size=32,
                        callbacks=[arret], verbose=lecon.verbeux).history
pertes_val = np.array(historique["val_loss"])
meilleure = int(np.argmin(pertes_val))
perte_restauree = modele.evaluate(x_va, y_va, verbose=0)[0]
resultats = {"époques faites": len(pertes_val), "meilleure époque (main)": meilleure + 1,
             "meilleure époque (Keras)": arret.best_epoch + 1,
             "arrêt (Keras)": arret.stopped_epoch + 1 if arret.stopped_epoch else None}
print(resultats)
lecon.comparer("meilleure époque : argmin à la main = Keras", meilleure == arret.best_epoch, livre=True)
lecon.comparer("perte de validation des poids repris", perte_restauree, livre=round(float(pertes_val.min()), 6),
               tol=1e-4)
if arret.stopped_epoch:
    lecon.comparer("arrêt = meilleure + patience", arret.stopped_epoch - arret.best_epoch, livre=PATIENCE)

# %%
# 002 th. 3.8 : facteurs de l'arrêt précoce et de L2 (λ = 1/(ηT)) en fonction de a = ηλᵢT
a = np.logspace(-2, 2, 400)
ETA_Q, T_Q = 0.01, 100
lam_i = a / (ETA_Q * T_Q)
facteur_arret = 1 - (1 - ETA_Q * lam_i) ** T_Q
facteur_l2 = lam_i / (lam_i + 1 / (ETA_Q * T_Q))
ecart_theoreme = float(np.max(np.abs(facteur_arret - facteur_l2)))
lecon.comparer("th. 3.8 : plus grand écart des facteurs", ecart_theoreme,
               note=f"en a = ηλT ≈ {a[np.argmax(np.abs(facteur_arret - facteur_l2))]:.2f}")
fig_arret, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8))
epoques = np.arange(1, len(pertes_val) + 1)
ax1.plot(epoques, historique["loss"], label="entraînement")
ax1.plot(epoques, pertes_val, label="validation")
ax1.axvline(meilleure + 1, color="gray", linestyle="--", label="meilleure époque")
ax1.set_xlabel("époque")
ax1.set_title("perte")
ax1.legend()
ax2.semilogx(a, facteur_arret, label="arrêt précoce : 1 − (1 − ηλᵢ)ᵀ")
ax2.semilogx(a, facteur_l2, "--", label="L2 : λᵢ/(λᵢ + 1/(ηT))")
ax2.set_xlabel("ηλᵢT")
ax2.legend(fontsize=8)
fig_arret.tight_layout()
lecon.figure(fig_arret, "ch21-arret-precoce")

# %% [markdown]
# ## §9 — L'augmentation de données
#
# Des images transformées au hasard à chaque époque : le réseau voit plus de variantes
# et doit y être invariant (001 §4.3). Keras fournit des couches, actives seulement en
# entraînement (`training=True`) et l'identité en inférence : `RandomFlip`,
# `RandomTranslation`, `RandomRotation`, `RandomZoom`, `RandomContrast`… Attention au
# portage : `torchvision.RandomRotation(10)` tourne de ±10 **degrés**, Keras prend une
# fraction de tour, `RandomRotation(10/360)`. Et on ne retourne pas un chiffre MNIST
# (un 2 à l'envers n'est plus un 2) : le retournement est pour les photos (CIFAR-10).

# %%
lecon.section("augmentation", duree="3 s")
N_IMAGES = lecon.taille(8, rapide=4)
(x_cifar, _), _ = charger_cifar10(n_train=N_IMAGES, n_test=1, graine=lecon.graine)
images = x_cifar.astype("float32") / 255
L = keras.layers
transformations = {
    "RandomFlip('horizontal')": L.RandomFlip("horizontal", seed=lecon.graine),
    "RandomTranslation(0.1, 0.1)": L.RandomTranslation(0.1, 0.1, seed=lecon.graine),
    "RandomRotation(10/360)": L.RandomRotation(10 / 360, seed=lecon.graine),
    "RandomZoom(0.2)": L.RandomZoom(0.2, seed=lecon.graine),
    "RandomContrast(0.3)": L.RandomContrast(0.3, seed=lecon.graine),
}
sorties = {nom: np.asarray(t(images, training=True)) for nom, t in transformations.items()}
identite = {nom: float(np.max(np.abs(np.asarray(t(images, training=False)) - images)))
            for nom, t in transformations.items()}
retournees = sorties["RandomFlip('horizontal')"]
miroir = images[:, :, ::-1, :]
retournement = ["retournée" if np.allclose(r, m) else "intacte" if np.allclose(r, i) else "autre"
                for r, i, m in zip(retournees, images, miroir)]
changees = {nom: int(np.sum(np.max(np.abs(s - images), axis=(1, 2, 3)) > 1e-6)) for nom, s in sorties.items()}
print("retournement de chaque image :", retournement)
print("images changées en entraînement :", changees)
lecon.comparer("inférence : plus grand écart à l'identité", max(identite.values()))
lecon.comparer("RandomFlip : chaque image intacte ou en miroir", "autre" not in retournement, livre=True)

fig_augmentation, axes = plt.subplots(len(transformations) + 1, N_IMAGES, figsize=(1.4 * N_IMAGES, 1.5 * 6))
for j in range(N_IMAGES):
    axes[0, j].imshow(images[j])
    for i, (nom, s) in enumerate(sorties.items(), start=1):
        axes[i, j].imshow(np.clip(s[j], 0, 1))
for i, nom in enumerate(["originale", *transformations]):
    axes[i, 0].set_title(nom, fontsize=8, loc="left")
for ax in axes.ravel():
    ax.axis("off")
lecon.figure(fig_augmentation, "ch21-augmentation")

# %% [markdown]
# ## §10 — La grille dropout × weight decay
#
# 002 §3.11 entraîne le réseau régularisé de 002 §3.10 ((Dense 256 → BatchNorm → ReLU →
# Dropout) × 2 → Dense 10, AdamW, entropie croisée lissée à 0.1) pour 5 taux de dropout
# × 5 weight decays, 20 époques sur les 60 000 images de MNIST, et imprime
# l'exactitude : meilleure case dropout 0.3 et wd 1e-4 (0.9856), pire case dropout 0.7
# et wd 1e-2 (0.9701). Deux réserves sur la source : sa « validation » est le **jeu de
# test** de MNIST (elle choisit ses réglages sur le test), et ses écarts (quelques
# dixièmes de point) sont de l'ordre de l'erreur de mesure sur 10 000 images
# (±0.13 point d'écart type à 98.5 %). Ici, une validation tirée des images
# d'entraînement, et une grille réduite (3 × 3 dans la leçon ; la grille 5 × 5 complète
# est dans `benchmarks/regularisation.py`, avec son budget, dans `benchmarks/README.md`).
#
# Remarque : avec AdamW (η = 1e-3), le weight decay découplé multiplie chaque poids par
# (1 − ηλ) à chaque pas : pour λ = 1e-2, 20 époques de 469 pas réduisent un poids
# laissé à lui-même d'un facteur e^(−0.094) ≈ 0.91 seulement.
#
# Ce que mesure le banc d'essai (25 cases, 20 000 images, 20 époques, validation de
# 10 000 images tirées de l'entraînement, 25 minutes sur 2 cœurs) : la **pire case est à
# la même place** que dans la source (dropout 0.7, wd 1e-2 : 0.9504), la **meilleure non**
# (dropout 0.1, wd 1e-2 : 0.9742, puis 0.9758 sur le test, mesuré une fois). Le dropout
# agit comme dans la source (0.7 coûte 2 points) ; le weight decay, lui, ne déplace
# l'exactitude que de l'ordre de l'erreur de mesure (±0.0016) : ses « meilleure » et
# « pire » colonnes sont du bruit, ici comme, probablement, dans la source. Une seconde
# passe (graine 1) le confirme : pire case toujours (0.7, 1e-2), meilleure ligne toujours
# dropout 0.1, mais meilleure colonne 1e-3 au lieu de 1e-2.

# %%
lecon.section("grille", duree="80 s")
TAUX_DROPOUT = lecon.taille([0.0, 0.3, 0.7], rapide=[0.0, 0.7])
WEIGHT_DECAYS = lecon.taille([0.0, 1e-4, 1e-2], rapide=[0.0, 1e-2])
N_TRAIN, N_VAL = lecon.taille(4000, rapide=150), lecon.taille(2000, rapide=50)
EPOQUES = lecon.taille(5, rapide=1)
SOURCE = {(0.0, 0.0): 0.9812, (0.0, 1e-4): 0.9835, (0.0, 1e-2): 0.9754, (0.3, 0.0): 0.9845, (0.3, 1e-4): 0.9856,
          (0.3, 1e-2): 0.9790, (0.7, 0.0): 0.9762, (0.7, 1e-4): 0.9778, (0.7, 1e-2): 0.9701}
(x_mnist, y_mnist), _ = charger_mnist(n_train=N_TRAIN + N_VAL, graine=lecon.graine)
x_mnist = (x_mnist.reshape(len(x_mnist), -1).astype("float32") / 255 - 0.1307) / 0.3081   # comme la source
grille = rg.grille_dropout_weight_decay(x_mnist[:N_TRAIN], y_mnist[:N_TRAIN], x_mnist[N_TRAIN:], y_mnist[N_TRAIN:],
                                        TAUX_DROPOUT, WEIGHT_DECAYS, epoques=EPOQUES, graine=lecon.graine,
                                        sans_compilation=lecon.rapide)
print("validation, lignes = dropout", TAUX_DROPOUT, ", colonnes = weight decay", WEIGHT_DECAYS)
print(np.array2string(grille, precision=4))
(mi, mj), (pi, pj) = rg.meilleure_et_pire(grille)
meilleure_case = [TAUX_DROPOUT[mi], WEIGHT_DECAYS[mj]]
pire_case = [TAUX_DROPOUT[pi], WEIGHT_DECAYS[pj]]
source_reduite = [[SOURCE.get((p, wd)) for wd in WEIGHT_DECAYS] for p in TAUX_DROPOUT]
print(f"budget : {N_TRAIN} images, {EPOQUES} époque(s), {N_VAL} images de validation")
lecon.comparer("meilleure case (dropout, wd)", meilleure_case, livre=[0.3, 1e-4],
               note="002 §3.11 ; sur la grille réduite")
lecon.comparer("pire case (dropout, wd)", pire_case, livre=[0.7, 1e-2], note="002 §3.11")
lecon.comparer("meilleure exactitude de validation", float(grille.max()), livre="0.9856", tol=0.01,
               note="la source : 60 000 images, 20 époques, mesurée sur le test")

fig_grille, ax = plt.subplots(figsize=(5, 4))
image = ax.imshow(grille, cmap="viridis")
ax.set_xticks(range(len(WEIGHT_DECAYS)), [f"{v:g}" for v in WEIGHT_DECAYS])
ax.set_yticks(range(len(TAUX_DROPOUT)), [f"{v:g}" for v in TAUX_DROPOUT])
ax.set_xlabel("weight decay")
ax.set_ylabel("dropout")
for i in range(grille.shape[0]):
    for j in range(grille.shape[1]):
        ax.text(j, i, f"{grille[i, j]:.3f}", ha="center", va="center", color="w", fontsize=8)
fig_grille.colorbar(image)
lecon.figure(fig_grille, "ch21-grille")

# %% [markdown]
# ## Erreurs des sources corrigées
#
# - **000 ch. 8 et 11** (le même code deux fois) : `(x - x.mean()) / (x.std() + 1e-5)`.
#   ε est ajouté à l'écart type au lieu d'être sous la racine (éq. 8.1 : √(Var + ε)) ;
#   `x.std()` de PyTorch est non biaisé (m − 1) : ±1.1619 au lieu de ±1.3416 sur
#   [1, 2, 3, 4] ; tout le tenseur est normalisé d'un bloc au lieu de chaque variable sur
#   le lot ; γ et β ne sont pas définis. Corrigé en §1 (`rg.batchnorm_avant`).
# - **002 §3.2** : L2 y vaut (λ/2)‖θ‖² et le pas (1 − ηλ) θ ; `keras.regularizers.L2(λ)`
#   vaut λ‖θ‖² (sans ½), donc le pas (1 − 2ηλ) θ, et `SGD(weight_decay=2λ)` ≡ `L2(λ)`
#   (§5). De même l'exercice 3.5 (« λ_wd = λ_L2/η ») : avec la convention (1 − ηλ) du
#   cours, λ_wd = λ_L2.
# - **002 §3.5 et son portage** : BatchNorm de Keras a ε = 1e-3 et momentum = 0.99
#   (PyTorch : 1e-5 et « momentum = 0.1 » pour la même moyenne mobile) et garde la
#   variance biaisée (§1, §3).
# - **002 th. 3.8** : l'arrêt précoce n'est qu'approximativement L2 avec λ = 1/(ηT) :
#   les facteurs diffèrent jusqu'à 0.2 (§8).
# - **002 §3.10–3.11** : la « validation » est le jeu de test de MNIST (réglages choisis
#   sur le test) ; ici, une validation tirée de l'entraînement (§10 et le banc d'essai).
#   Les exactitudes imprimées ne sont pas reproductibles à l'identique ; leurs écarts sont
#   de l'ordre de l'erreur de mesure. La remarque 3.9 (« wd = 1e-2 trop agressif pour tous
#   les taux de dropout ») ne se retrouve pas : avec AdamW et η = 1e-3, le weight decay
#   découplé ne déplace l'exactitude que dans le bruit, et la meilleure colonne change
#   avec la graine (benchmarks/README.md).
# - **Conventions** : le p du dropout est la probabilité de garder un neurone dans le
#   livre (chapitre 16), celle de l'éteindre dans 002 et dans Keras (§7) ;
#   `RandomRotation(10)` de torchvision = `RandomRotation(10/360)` de Keras (§9).
