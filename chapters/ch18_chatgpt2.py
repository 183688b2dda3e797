"""Chapitre 18 — ChatGPT (partie 2).

Ce que le chapitre montre : la retranscription (softmax des logits, solution de
norme minimale), le flux résiduel, le plongement de position sinusoïdal et sa
propriété de rotation, le produit tensoriel (et le produit de Kronecker),
l'attention écrite à la main (produit scalaire, masque causal, plusieurs têtes)
vérifiée contre keras.layers.MultiHeadAttention avec les mêmes poids, GELU et ses
deux approximations, puis un petit GPT écrit avec des couches Keras, entraîné sur
place sur les critiques IMDB avec notre tokeniseur BPE : courbe d'erreur, textes
générés à plusieurs températures, cartes d'attention, et le compteur de poids
qui donne les 124 439 808 poids de GPT-2 small.
Durée mesurée sur 2 cœurs : 13 min, presque tout pour entraîner le petit GPT (8 époques de
770 lots, 460 000 poids, erreur 3.43 → 2.20) ; --rapide : moins de 10 secondes.
"""
from keras_facile import *
from keras_facile import attention as at
from keras_facile import texte as tx
from keras_facile.bpe import TokeniseurBPE
from keras_facile.chapitre import Chapitre
from keras_facile.donnees import charger_imdb_textes
from keras_facile.gpt import cartes_attention, fenetres, generer, modele_gpt, nombre_parametres_gpt

chapitre = Chapitre(__doc__)


@chapitre.section("retranscription", duree="1 s")
def retranscription(options):
    """§2 — softmax des logits (2.2, −1.1, 3.3, 0.44) ; la solution de norme minimale B = Aᵀ(AAᵀ)⁻¹."""
    x = np.array([2.2, -1.1, 3.3, 0.44])
    p = tx.softmax_temperature(x)
    print("σ(x) =", np.round(p, 6).tolist(), "→ le token 3 à", f"{p[2]:.0%}")
    A = np.array([[1, 2, 0, -1], [1, 1, -1, 0]])
    y = np.array([2, -1])
    x_min = at.moindre_norme(A, y)
    print("x_min = (1/3)", np.round(3 * x_min, 10).tolist(), "; A x_min =", A @ x_min,
          "; égal à pinv(A) y :", np.allclose(x_min, np.linalg.pinv(A) @ y))
    return {"softmax": p.tolist(), "x_min": x_min.tolist(), "pinv": bool(np.allclose(x_min, np.linalg.pinv(A) @ y))}


@chapitre.section("flux-residuel", duree="1 s")
def flux_residuel(options):
    """§3 — x_{i+1} = x_i + W_out b_i(W_in x_i) : un sous-espace transmis d'un bloc à l'autre."""
    rng = np.random.default_rng(options.graine)
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
    print("le bloc 3 lit sur R^p exactement ce que le bloc 1 y a écrit :", np.allclose(lu, attendu))
    return {"transmis": bool(np.allclose(lu, attendu))}


@chapitre.section("position", duree="2 s")
def position(options):
    """§4 — plongement de position (K = 4, n = 6, p = 100), rotation w_{k+ℓ} = R_ℓ w_k, carte de chaleur."""
    P = at.matrice_position(4, 6, p=100)
    for k, w in enumerate(P):
        print(f"w{k} =", np.round(w, 6).tolist())
    grand = at.matrice_position(60, 16, p=100)
    rotation = max(float(np.max(np.abs(at.matrice_rotation(l, 16, 100) @ grand[k] - grand[k + l])))
                   for k in range(0, 40, 7) for l in (1, 2, 5, 13))
    print("écart maximal |R_ℓ w_k − w_{k+ℓ}| :", rotation)
    carte = at.matrice_position(100, 100, p=10000)
    fig, ax = plt.subplots(figsize=(8, 8))
    ax.imshow(carte.T, cmap="hot", interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    chapitre.figure(fig, "ch18-position-matrice")
    fig, axes = plt.subplots(5, 1, figsize=(8, 8), sharex=True)
    k = np.linspace(0, 50, 200)
    for i, ax in enumerate(axes):
        ax.plot(k, np.cos(k / 10000 ** (2 * i / 100)))
        ax.set_ylabel(f"i = {i}")
    chapitre.figure(fig, "ch18-position-icst")
    return {"P": P.tolist(), "rotation": rotation}


@chapitre.section("produit-tensoriel", duree="1 s")
def produit_tensoriel(options):
    """§5 — (A ⊗ B) M = B M Aᵀ, et le produit de Kronecker : kron(A, B) vec(M) = vec(B M Aᵀ)."""
    A, B, M = np.array([[1, 2], [3, 4]]), np.array([[2, -1], [1, 0]]), np.array([[1, 2], [0, 1]])
    resultat = at.produit_tensoriel(A, B, M)
    kron = np.kron(A, B) @ at.vec(M)
    print("(A ⊗ B) M =", resultat.tolist(), "; kron(A, B) vec(M) =", kron.tolist())
    rng = np.random.default_rng(options.graine)
    A1, A2, B1, B2 = (rng.normal(size=(3, 3)) for _ in range(4))
    M3 = rng.normal(size=(3, 3))
    produit = np.allclose(at.produit_tensoriel(A1, B1, at.produit_tensoriel(A2, B2, M3)),
                          at.produit_tensoriel(A1 @ A2, B1 @ B2, M3))
    print("(A1 ⊗ B1)(A2 ⊗ B2) = (A1 A2) ⊗ (B1 B2) :", produit)
    return {"resultat": resultat.tolist(), "kron": kron.tolist(), "produit": produit}


@chapitre.section("attention", duree="2 s")
def attention(options):
    """§6 — produits scalaires q·k, attention causale à plusieurs têtes écrite à la main = MultiHeadAttention."""
    q, k1, k2 = np.array([2, 1, 4, 3]), np.array([-1, 3, 0, 2]), np.array([-2, 0, 2, 2])
    print("q·k (château, princesse) =", q @ k1, "; q·k (château, château) =", q @ k2)
    K, n, tetes = 6, 8, 2
    rng = np.random.default_rng(options.graine)
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
    gpt2 = keras.layers.MultiHeadAttention(num_heads=12, key_dim=64)
    gpt2.build((1, 8, 768), (1, 8, 768))
    print("une couche d'attention de GPT-2 small :", gpt2.count_params(), "poids")
    return {"qk": (int(q @ k1), int(q @ k2)), "ecart_sortie": ecart_sortie, "ecart_scores": ecart_scores,
            "triangulaire": triangulaire, "poids_attention_gpt2": gpt2.count_params()}


@chapitre.section("gelu", duree="1 s")
def gelu(options):
    """§7 — GELU(x) = x Φ(x) et ses approximations tanh et sigmoïde, avec leurs erreurs maximales."""
    x = np.linspace(-4, 4, 8001)
    exacte = at.gelu(x)
    erreurs = {"tanh": float(np.max(np.abs(exacte - at.gelu_tanh(x)))),
               "sigmoïde": float(np.max(np.abs(exacte - at.gelu_sigmoide(x))))}
    i = int(np.argmin(exacte))
    print(f"erreur max sur [−4, 4] : tanh {erreurs['tanh']:.2e}, sigmoïde {erreurs['sigmoïde']:.2e} ; "
          f"minimum {exacte[i]:.5f} en x = {x[i]:.3f}")
    ecart_keras = float(np.max(np.abs(np.asarray(keras.activations.gelu(x)) - exacte)))
    ecart_keras_tanh = float(np.max(np.abs(np.asarray(keras.ops.gelu(x)) - at.gelu_tanh(x))))
    print(f"keras.activations.gelu (erf) : écart {ecart_keras:.1e} ; keras.ops.gelu (tanh) : écart {ecart_keras_tanh:.1e}")
    t = np.linspace(-4, 3, 200)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4))
    ax1.plot(t, at.gelu(t), label="GELU")
    ax1.plot(t, np.maximum(t, 0), "--", label="ReLU")
    ax1.legend()
    ax2.plot(x, exacte - at.gelu_tanh(x), label="GELU − GELU_tanh")
    ax2.plot(x, exacte - at.gelu_sigmoide(x), label="GELU − GELU_σ")
    ax2.legend()
    chapitre.figure(fig, "ch18-gelu")
    valeurs = {v: (float(at.gelu(v)), float(at.gelu_tanh(v)), float(at.gelu_sigmoide(v))) for v in (-3, -1, 0.5, 2)}
    return {"erreurs": erreurs, "minimum": (float(exacte[i]), float(x[i])), "valeurs": valeurs,
            "ecart_keras": ecart_keras, "ecart_keras_tanh": ecart_keras_tanh}


@chapitre.section("petit-gpt", duree="9 à 13 min (rapide : 4 s)")
def petit_gpt(options):
    """§1–§6 — un petit GPT entraîné ici : BPE, erreur, textes générés selon T, cartes d'attention, 124 439 808."""
    print("GPT-2 small (N = 50257, K = 1024, n = 768, 12 blocs, plongements liés) :", nombre_parametres_gpt(), "poids")
    try:
        (textes, _), _ = charger_imdb_textes(n_train=options.choisir(4000, 200), graine=options.graine)
    except FileNotFoundError as e:
        print("Pas de corpus :", str(e).splitlines()[0])
        return {}
    texte = " ".join(tx.sans_balises(t) for t in textes)  # sans les <br /> du HTML
    bpe = TokeniseurBPE.entrainer(texte[: options.choisir(400000, 20000)], nb_fusions=options.choisir(400, 60),
                                  alphabet="abcdefghijklmnopqrstuvwxyz")
    ids = bpe.encoder(texte[: options.choisir(1500000, 40000)])
    K = options.choisir(64, 32)
    X, Y = fenetres(ids, K, pas=K // 2)
    modele = modele_gpt(bpe.taille, K, n=options.choisir(128, 32), tetes=4, couches=options.choisir(2, 1))
    modele.compile(optimizer=keras.optimizers.Adam(options.choisir(1e-3, 3e-3)),
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    print(f"vocabulaire {bpe.taille} tokens, {len(ids)} tokens d'entraînement, {len(X)} fenêtres de {K} ; "
          f"{modele.count_params()} poids (formule : "
          f"{nombre_parametres_gpt(bpe.taille, K, options.choisir(128, 32), options.choisir(2, 1))})")
    historique = modele.fit(X, Y, batch_size=32, epochs=options.choisir(8, 1), verbose=options.verbeux).history["loss"]
    print(f"erreur (entropie croisée) : {historique[0]:.3f} → {historique[-1]:.3f} ; hasard : ln N = {np.log(bpe.taille):.3f}")
    debut = bpe.encoder("this movie is")
    textes_generes = {T: bpe.decoder(generer(modele, debut, options.choisir(40, 10), T=T, graine=options.graine))
                      for T in (0.0, 0.7, 1.5)}
    for T, t in textes_generes.items():
        print(f"T = {T} : {t}")
    phrase = bpe.encoder("the film was really good")[:K]
    cartes = cartes_attention(modele, phrase)
    etiquettes = [bpe.decoder([i]) for i in phrase]
    fig, axes = plt.subplots(1, cartes.shape[1], figsize=(4 * cartes.shape[1], 4))
    for h, ax in enumerate(np.atleast_1d(axes)):
        ax.imshow(cartes[-1, h], cmap="viridis")
        ax.set_xticks(range(len(etiquettes)), etiquettes, rotation=90, fontsize=6)
        ax.set_yticks(range(len(etiquettes)), etiquettes, fontsize=6)
        ax.set_title(f"dernier bloc, tête {h}")
    chapitre.figure(fig, "ch18-cartes-attention")
    fig, ax = plt.subplots()
    ax.plot(historique, "o-")
    ax.set_xlabel("époque")
    ax.set_ylabel("erreur")
    chapitre.figure(fig, "ch18-gpt-erreur")
    return {"parametres_gpt2": nombre_parametres_gpt(), "parametres": modele.count_params(),
            "formule": nombre_parametres_gpt(bpe.taille, K, options.choisir(128, 32), options.choisir(2, 1)),
            "erreurs": historique, "textes": textes_generes,
            "causal": bool(np.allclose(np.triu(cartes[0, 0], 1), 0))}


@chapitre.section("gpt2", duree="1 s (sans GPT-2 téléchargé)")
def gpt2(options):
    """Optionnel — les mêmes vues sur GPT-2 lui-même, si keras_hub et ses poids sont disponibles."""
    try:
        import keras_hub  # noqa: F401

        modele = keras_hub.models.GPT2CausalLM.from_preset("gpt2_base_en")
    except Exception as e:  # pas de keras_hub, ou poids non téléchargeables hors ligne
        print(f"GPT-2 indisponible ici ({type(e).__name__}) : section sautée ; le reste du chapitre n'en dépend pas.")
        return {"disponible": False}
    print(modele.generate("This dog is", max_length=12))
    return {"disponible": True}


if __name__ == "__main__":
    chapitre.lancer()
