# %% [markdown]
# # Chapitre 18 — ChatGPT (partie 2)
#
# Ce que le chapitre montre : la retranscription (softmax des logits, solution de
# norme minimale), le flux résiduel, le plongement de position sinusoïdal et sa
# propriété de rotation, le produit tensoriel (et le produit de Kronecker),
# l'attention écrite à la main (produit scalaire, masque causal, plusieurs têtes)
# vérifiée contre `keras.layers.MultiHeadAttention` avec les mêmes poids, GELU et ses
# deux approximations, puis un petit GPT écrit avec des couches Keras, entraîné sur
# place sur les critiques IMDB avec notre tokeniseur BPE : courbe d'erreur, textes
# générés à plusieurs températures, cartes d'attention, et le compteur de poids
# qui donne les 124 439 808 poids de GPT-2 small.
#
# Le petit GPT entraîné est gardé dans le cache de keras_facile (`KERAS_FACILE_CACHE`,
# sinon `~/.cache/keras_facile`) : la section `generation` (et toute exécution suivante)
# le relit au lieu de l'entraîner de nouveau.
#
# Durée mesurée sur 2 cœurs : 13 min, presque tout pour entraîner le petit GPT (8 époques de
# 770 lots, 460 000 poids, erreur 3.43 → 2.20) ; 10 s quand il est déjà dans le cache ;
# `--rapide` : moins de 10 secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import hashlib

from keras_facile import *
from keras_facile import attention as at
from keras_facile import texte as tx
from keras_facile.bpe import TokeniseurBPE
from keras_facile.donnees import charger_imdb_textes
from keras_facile.gpt import (affichage_cartes_attention, cartes_attention, cle_gpt, fenetres, generer,
                              gpt_en_cache, modele_gpt, nombre_parametres_gpt)
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

# %%
# Le petit GPT, partagé par les sections petit-gpt (qui l'entraîne) et generation (qui s'en
# sert) : ses tailles, puis une fonction qui le relit du cache ou, s'il n'y est pas encore,
# l'entraîne et l'y range. Toute valeur changée ici (ou un autre corpus) donne un autre modèle.
TAILLES_GPT = {
    "critiques": lecon.taille(4000, rapide=200),             # critiques IMDB d'entraînement
    "caracteres_bpe": lecon.taille(400_000, rapide=20_000),  # texte sur lequel le BPE apprend ses fusions
    "fusions": lecon.taille(400, rapide=60),
    "caracteres": lecon.taille(1_500_000, rapide=40_000),    # texte codé en tokens pour l'entraînement
    "K": lecon.taille(64, rapide=32),                         # longueur du contexte
    "n": lecon.taille(128, rapide=32),                        # dimension des plongements
    "tetes": 4,
    "blocs": lecon.taille(2, rapide=1),
    "taux": lecon.taille(1e-3, rapide=3e-3),                  # taux d'apprentissage d'Adam
    "lot": 32,
    "epoques": lecon.taille(8, rapide=1),
}
REENTRAINER = False     # True : entraîner de nouveau même si le GPT est déjà dans le cache


def petit_gpt():
    """Renvoie (modele, bpe, infos, depuis_cache) ; ``infos`` : historique de l'erreur, nombres de tokens…"""
    t = TAILLES_GPT
    (textes, _), _ = charger_imdb_textes(n_train=t["critiques"], graine=lecon.graine)
    texte = " ".join(tx.sans_balises(c) for c in textes)  # sans les <br /> du HTML
    config = {**t, "graine": lecon.graine, "sha256_texte": hashlib.sha256(texte.encode()).hexdigest()}

    def entrainer():
        bpe = TokeniseurBPE.entrainer(texte[: t["caracteres_bpe"]], nb_fusions=t["fusions"],
                                      alphabet="abcdefghijklmnopqrstuvwxyz")
        ids = bpe.encoder(texte[: t["caracteres"]])
        X, Y = fenetres(ids, t["K"], pas=t["K"] // 2)
        keras.utils.set_random_seed(lecon.graine)   # le même GPT, quelle que soit la section qui l'entraîne
        modele = modele_gpt(bpe.taille, t["K"], n=t["n"], tetes=t["tetes"], couches=t["blocs"])
        modele.compile(optimizer=keras.optimizers.Adam(t["taux"]),
                       loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        historique = modele.fit(X, Y, batch_size=t["lot"], epochs=t["epoques"], verbose=lecon.verbeux)
        return modele, {"bpe": bpe.vers_dict(), "tokens": len(ids), "fenetres": len(X),
                        "historique": historique.history["loss"]}

    modele, infos, depuis_cache = gpt_en_cache(config, entrainer, nom="ch18_petit_gpt", reentrainer=REENTRAINER)
    if depuis_cache:
        print(f"petit GPT relu du cache (clé {cle_gpt(config)}) : pas de nouvel entraînement")
    return modele, TokeniseurBPE.depuis_dict(infos["bpe"]), infos, depuis_cache


# %% [markdown]
# ## §2 — Retranscription : softmax des logits, solution de norme minimale
#
# La retranscription transforme le vecteur de sortie y ∈ R^n en logits x ∈ R^N, puis
# softmax donne la probabilité de chaque token : pour x = (2.2, −1.1, 3.3, 0.44), le
# token 3 sort à 71 %. Si le plongement est y = Ax (A de rang n, N ≫ n), la solution
# de Ax = y de plus petite norme est x = Aᵀ(AAᵀ)⁻¹ y (proposition 1).

# %%
lecon.section("retranscription", duree="1 s")
x = np.array([2.2, -1.1, 3.3, 0.44])
p = tx.softmax_temperature(x)
print("σ(x) =", np.round(p, 6).tolist(), "→ le token 3 à", f"{p[2]:.0%}")
lecon.comparer("σ(2.2, −1.1, 3.3, 0.44)", p, livre=["0.237", "0.008", "0.713", "0.040"])

# %%
A = np.array([[1, 2, 0, -1], [1, 1, -1, 0]])
y = np.array([2, -1])
x_min = at.moindre_norme(A, y)
pinv = bool(np.allclose(x_min, np.linalg.pinv(A) @ y))
print("x_min = (1/3)", np.round(3 * x_min, 10).tolist(), "; A x_min =", A @ x_min,
      "; égal à pinv(A) y :", pinv)
lecon.comparer("3 x_min", 3 * x_min, livre=[-1, 2, 4, -3], tol=1e-12)

# %% [markdown]
# ## §3 — Le flux résiduel
#
# Chaque bloc lit le flux et y ajoute sa contribution : x_{i+1} = x_i + W_out b_i(W_in x_i).
# Avec les matrices par blocs du livre, ce que le bloc 1 écrit dans un sous-espace R^p
# traverse le bloc 2 (qui n'y écrit pas) et le bloc 3 le lit tel quel.

# %%
lecon.section("flux-residuel", duree="1 s")
rng = np.random.default_rng(lecon.graine)
p, n = 2, 4
X_, Z_ = rng.normal(size=(p, p)), rng.normal(size=(p, p))
W1_out = np.block([[X_, np.zeros((p, p))], [np.zeros((p, p)), rng.normal(size=(p, p))]])
W2_out = np.block([[np.zeros((p, p)), np.zeros((p, p))], [np.zeros((p, p)), rng.normal(size=(p, p))]])
W3_in = np.block([[Z_, np.zeros((p, p))], [np.zeros((p, p)), rng.normal(size=(p, p))]])
u1 = np.concatenate([rng.normal(size=p), np.zeros(p)])
x2 = u1 + W1_out @ u1                                        # bloc 1 (ici l'identité) : ajoute X u1
x3 = x2 + W2_out @ np.tanh(rng.normal(size=(n, n)) @ x2)    # bloc 2 : n'écrit pas dans R^p
lu = (W3_in @ x3)[:p]
attendu = Z_ @ (u1[:p] + X_ @ u1[:p])
transmis = bool(np.allclose(lu, attendu))
print("le bloc 3 lit sur R^p exactement ce que le bloc 1 y a écrit :", transmis)

# %% [markdown]
# ## §4 — Le plongement de position
#
# La position k reçoit le vecteur w_k = (cos kω_0, sin kω_0, cos kω_1, …) avec
# ω_i = 1/p^{2i/n}, ajouté au plongement du token. Le livre donne les vecteurs pour
# K = 4, n = 6, p = 100 (en tronquant les décimales). Proposition 2 : passer de la
# position k à k + ℓ est une rotation, w_{k+ℓ} = R_ℓ w_k.

# %%
lecon.section("position", duree="2 s")
P = at.matrice_position(4, 6, p=100)
for k, w in enumerate(P):
    print(f"w{k} =", np.round(w, 6).tolist())
lecon.comparer("w1", P[1], livre=["0.540", "0.841", "0.976", "0.213", "0.998", "0.046"])
lecon.comparer("w2", P[2], livre=["-0.416", "0.909", "0.908", "0.417", "0.995", "0.0926"])
lecon.comparer("w3", P[3], livre=["-0.989", "0.141", "0.798", "0.602", "0.990", "0.138"])
grand = at.matrice_position(60, 16, p=100)
rotation = max(float(np.max(np.abs(at.matrice_rotation(l, 16, 100) @ grand[k] - grand[k + l])))
               for k in range(0, 40, 7) for l in (1, 2, 5, 13))
print("écart maximal |R_ℓ w_k − w_{k+ℓ}| :", rotation)

# %%
carte = at.matrice_position(100, 100, p=10000)
fig, ax = plt.subplots(figsize=(8, 8))
ax.imshow(carte.T, cmap="hot", interpolation="nearest")
ax.set_xticks([])
ax.set_yticks([])
lecon.figure(fig, "ch18-position-matrice")
fig, axes = plt.subplots(5, 1, figsize=(8, 8), sharex=True)
k = np.linspace(0, 50, 200)
for i, ax in enumerate(axes):
    ax.plot(k, np.cos(k / 10000 ** (2 * i / 100)))
    ax.set_ylabel(f"i = {i}")
lecon.figure(fig, "ch18-position-icst")

# %% [markdown]
# ## §5 — Le produit tensoriel
#
# (A ⊗ B) M = B M Aᵀ : A agit sur les colonnes (les positions des tokens), B sur les
# lignes (la dimension du plongement). Avec le produit de Kronecker et l'empilement
# des colonnes vec : kron(A, B) vec(M) = vec(B M Aᵀ).

# %%
lecon.section("produit-tensoriel", duree="1 s")
A, B, M = np.array([[1, 2], [3, 4]]), np.array([[2, -1], [1, 0]]), np.array([[1, 2], [0, 1]])
resultat = at.produit_tensoriel(A, B, M)
kron = np.kron(A, B) @ at.vec(M)
print("(A ⊗ B) M =", resultat.tolist(), "; kron(A, B) vec(M) =", kron.tolist())
lecon.comparer("(A ⊗ B) M, ligne par ligne", resultat.ravel().tolist(), livre=[8, 18, 5, 11])
lecon.comparer("kron(A, B) vec(M)", kron.tolist(), livre=[8, 5, 18, 11])
rng = np.random.default_rng(lecon.graine)
A1, A2, B1, B2 = (rng.normal(size=(3, 3)) for _ in range(4))
M3 = rng.normal(size=(3, 3))
produit = np.allclose(at.produit_tensoriel(A1, B1, at.produit_tensoriel(A2, B2, M3)),
                      at.produit_tensoriel(A1 @ A2, B1 @ B2, M3))
print("(A1 ⊗ B1)(A2 ⊗ B2) = (A1 A2) ⊗ (B1 B2) :", produit)

# %% [markdown]
# ## §6 — L'attention
#
# Un token « demande » (q = W_Q v) et les autres « répondent » (k = W_K v) : le produit
# scalaire qᵀk mesure leur lien (7 pour château/princesse, 10 pour château/château dans
# le livre). softmax(Q Kᵀ/√r) donne la matrice d'attention ; avec le masque causal, un
# token ne regarde que ceux qui le précèdent. Notre attention à plusieurs têtes, écrite
# à la main, donne les mêmes nombres que `keras.layers.MultiHeadAttention` avec les mêmes
# poids.

# %%
lecon.section("attention", duree="2 s")
q, k1, k2 = np.array([2, 1, 4, 3]), np.array([-1, 3, 0, 2]), np.array([-2, 0, 2, 2])
print("q·k (château, princesse) =", q @ k1, "; q·k (château, château) =", q @ k2)
lecon.comparer("q·k (château, princesse)", int(q @ k1), livre=7)
lecon.comparer("q·k (château, château)", int(q @ k2), livre=10)

# %%
K, n, tetes = 6, 8, 2
rng = np.random.default_rng(lecon.graine)
X = rng.normal(size=(1, K, n)).astype("float32")
mha = keras.layers.MultiHeadAttention(num_heads=tetes, key_dim=n // tetes)
sortie_keras, scores_keras = mha(X, X, use_causal_mask=True, return_attention_scores=True)
sortie, matrices = at.attention_multi_tetes(X[0], *at.poids_depuis_mha(mha), causal=True)
ecart_sortie = float(np.max(np.abs(sortie - np.asarray(sortie_keras)[0])))
ecart_scores = float(np.max(np.abs(matrices - np.asarray(scores_keras)[0])))
print(f"écarts avec MultiHeadAttention : sorties {ecart_sortie:.1e}, matrices d'attention {ecart_scores:.1e}")
triangulaire = bool(np.allclose(np.triu(matrices[0], 1), 0))
print("matrice d'attention triangulaire inférieure (masque causal) :", triangulaire,
      "; lignes de somme 1 :", bool(np.allclose(matrices.sum(-1), 1)))

# %%
gpt2 = keras.layers.MultiHeadAttention(num_heads=12, key_dim=64)
gpt2.build((1, 8, 768), (1, 8, 768))
print("une couche d'attention de GPT-2 small :", gpt2.count_params(), "poids")
poids_attention_gpt2 = gpt2.count_params()

# %% [markdown]
# ## §7 — GELU
#
# GELU(x) = x Φ(x), où Φ est la fonction de répartition de la loi normale : proche de
# ReLU, dérivable partout, pas monotone (un minimum négatif). Deux approximations
# courantes : avec tanh (le livre imprime une formule fautive ; voici la bonne) et
# x σ(1.702 x). Keras a les deux : `keras.activations.gelu` (erf, exacte) et
# `keras.ops.gelu` (tanh par défaut).

# %%
lecon.section("gelu", duree="1 s")
x = np.linspace(-4, 4, 8001)
exacte = at.gelu(x)
erreurs = {"tanh": float(np.max(np.abs(exacte - at.gelu_tanh(x)))),
           "sigmoïde": float(np.max(np.abs(exacte - at.gelu_sigmoide(x))))}
i = int(np.argmin(exacte))
minimum = (float(exacte[i]), float(x[i]))
print(f"erreur max sur [−4, 4] : tanh {erreurs['tanh']:.2e}, sigmoïde {erreurs['sigmoïde']:.2e} ; "
      f"minimum {exacte[i]:.5f} en x = {x[i]:.3f}")
ecart_keras = float(np.max(np.abs(np.asarray(keras.activations.gelu(x)) - exacte)))
ecart_keras_tanh = float(np.max(np.abs(np.asarray(keras.ops.gelu(x)) - at.gelu_tanh(x))))
print(f"keras.activations.gelu (erf) : écart {ecart_keras:.1e} ; keras.ops.gelu (tanh) : écart {ecart_keras_tanh:.1e}")
for x0, livre_x0 in [(-0.5, [-0.154269, -0.154286, -0.149612]), (1, [0.841345, 0.841192, 0.845796]),
                     (3, [2.995950, 2.996363, 2.981929])]:
    lecon.comparer(f"GELU({x0}) exacte, tanh, sigmoïde", [at.gelu(x0), at.gelu_tanh(x0), at.gelu_sigmoide(x0)],
                   livre=livre_x0, tol=5e-7)

# %%
t = np.linspace(-4, 3, 200)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4))
ax1.plot(t, at.gelu(t), label="GELU")
ax1.plot(t, np.maximum(t, 0), "--", label="ReLU")
ax1.legend()
ax2.plot(x, exacte - at.gelu_tanh(x), label="GELU − GELU_tanh")
ax2.plot(x, exacte - at.gelu_sigmoide(x), label="GELU − GELU_σ")
ax2.legend()
lecon.figure(fig, "ch18-gelu")

# %% [markdown]
# ## §1–§6 — Un petit GPT, entraîné ici
#
# Tout ce qui précède, assemblé comme dans GPT-2 mais en petit : plongement des tokens
# (notre BPE appris sur les critiques IMDB) et des positions, des blocs [normalisation →
# attention causale → MLP avec GELU] reliés par le flux résiduel, et la retranscription
# liée au plongement. Le même compteur de poids donne les 124 439 808 poids de GPT-2 small
# (le livre cite 117 millions, le chiffre historique). L'erreur est l'entropie croisée ;
# au hasard elle vaudrait ln N.

# %%
lecon.section("petit-gpt", duree="9 à 13 min ; 2 s si le GPT est dans le cache (rapide : 4 s)")
poids_gpt2 = nombre_parametres_gpt()
print("GPT-2 small (N = 50257, K = 1024, n = 768, 12 blocs, plongements liés) :", poids_gpt2, "poids")
lecon.comparer("poids de GPT-2 small", poids_gpt2, note="le livre : 117 millions, le chiffre historique")

# %%
modele, bpe, infos, depuis_cache = petit_gpt()
historique = infos["historique"]
formule = nombre_parametres_gpt(bpe.taille, TAILLES_GPT["K"], TAILLES_GPT["n"], TAILLES_GPT["blocs"])
print(f"vocabulaire {bpe.taille} tokens, {infos['tokens']} tokens d'entraînement, {infos['fenetres']} fenêtres "
      f"de {TAILLES_GPT['K']} ; {modele.count_params()} poids (formule : {formule})")
print(f"erreur (entropie croisée) : {historique[0]:.3f} → {historique[-1]:.3f} ; hasard : ln N = {np.log(bpe.taille):.3f}")
lecon.comparer("poids du petit GPT", modele.count_params(), note=f"formule : {formule}")
lecon.comparer("erreur après la dernière époque", historique[-1], note=f"hasard : ln N = {np.log(bpe.taille):.3f}")

# %%
fig, ax = plt.subplots()
ax.plot(historique, "o-")
ax.set_xlabel("époque")
ax.set_ylabel("erreur")
lecon.figure(fig, "ch18-gpt-erreur")

# %% [markdown]
# ## Génération et cartes d'attention du petit GPT
#
# Le GPT entraîné (relu du cache : pas de nouvel entraînement) continue « this movie is »
# token après token, en tirant chaque token selon softmax(logits/T) : T = 0 prend toujours
# le plus probable, T = 1.5 ose davantage. Puis ce que regardent les têtes du dernier bloc
# sur une phrase : des matrices triangulaires (masque causal).

# %%
lecon.section("generation", duree="7 s si le GPT est dans le cache, sinon celle de petit-gpt (rapide : 2 s)")
NB_TOKENS = lecon.taille(40, rapide=10)
modele, bpe, infos, depuis_cache = petit_gpt()
debut = bpe.encoder("this movie is")
textes_generes = {T: bpe.decoder(generer(modele, debut, NB_TOKENS, T=T, graine=lecon.graine))
                  for T in (0.0, 0.7, 1.5)}
for T, texte in textes_generes.items():
    print(f"T = {T} : {texte}")

# %%
phrase = bpe.encoder("the film was really good")[: TAILLES_GPT["K"]]
cartes = cartes_attention(modele, phrase)
causal = bool(np.allclose(np.triu(cartes[0, 0], 1), 0))
lecon.comparer("cartes d'attention triangulaires (masque causal)", causal)
lecon.figure(affichage_cartes_attention(cartes, [bpe.decoder([i]) for i in phrase]), "ch18-cartes-attention")

# %% [markdown]
# ## Optionnel — GPT-2 lui-même
#
# Les mêmes vues sur GPT-2, si `keras_hub` et ses poids sont disponibles (il faut
# Internet la première fois). Sinon la section est sautée : le reste du chapitre n'en
# dépend pas.

# %%
lecon.section("gpt2", duree="1 s (sans GPT-2 téléchargé)")
try:
    import keras_hub

    gpt2_hub = keras_hub.models.GPT2CausalLM.from_preset("gpt2_base_en")
except Exception as e:  # pas de keras_hub, ou poids non téléchargeables hors ligne
    gpt2_hub = None
    print(f"GPT-2 indisponible ici ({type(e).__name__}) : section sautée ; le reste du chapitre n'en dépend pas.")
disponible = gpt2_hub is not None
if disponible:
    print(gpt2_hub.generate("This dog is", max_length=12))
