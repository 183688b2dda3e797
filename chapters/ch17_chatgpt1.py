# %% [markdown]
# # Chapitre 17 — ChatGPT (partie 1)
#
# Ce que le chapitre montre : les statistiques d'un corpus (fréquences des mots et
# loi de Zipf–Mandelbrot), les bigrammes et trigrammes et la génération de phrases
# avec une température, la fonction softmax avec température, les tokens et le
# codage par paires d'octets (BPE) appris de zéro, les plongements (distance,
# similarité cosinus, voisins, analogies, projections et ACP), le plongement des
# chiffres MNIST (avant-dernière couche d'un petit CNN) et un plongement de mots
# appris à partir de la matrice de co-occurrence.
#
# Le corpus : les critiques IMDB de `keras_facile.donnees` (ou Reuters de NLTK si ses
# données sont installées, comme dans le livre). Hors ligne, tout fonctionne.
#
# Durée mesurée sur 2 cœurs (IMDB complet) : 2 min 30 s ; `--rapide` : une dizaine de secondes.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import functools

from scipy.optimize import curve_fit

from keras_facile import *
from keras_facile import plongements as pl
from keras_facile import texte as tx
from keras_facile.bpe import TokeniseurBPE
from keras_facile.donnees import charger_mnist
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Le corpus, lu une seule fois et partagé par les sections : une liste de phrases, chaque
# phrase une liste de mots. Reuters (NLTK) si ses données sont là, comme dans le livre ;
# sinon les critiques IMDB (les nombres diffèrent alors de ceux du livre).
N_CRITIQUES = lecon.taille(25000, rapide=500)


@functools.cache
def corpus():
    """Renvoie (phrases, est_reuters)."""
    try:
        phrases = tx.charger_corpus("reuters")
        print("Corpus : Reuters (NLTK)")
        return phrases, True
    except FileNotFoundError:
        phrases = tx.charger_corpus("imdb", n_textes=N_CRITIQUES, graine=lecon.graine)
        print("Corpus : critiques IMDB (Reuters de NLTK absent : les nombres diffèrent de ceux du livre)")
        return phrases, False


# %% [markdown]
# ## §2.1 — Fréquences des mots et loi de Zipf–Mandelbrot
#
# On compte les mots d'au moins deux lettres. Rangés du plus fréquent au moins
# fréquent, leurs fréquences suivent à peu près la loi de Zipf–Mandelbrot
# f_i = a/(i + b)^c, où i est le rang. Le livre ajuste à la main a = 0.1, b = 1.5,
# c = 0.95 sur Reuters ; ici on ajuste (a, b, c) par moindres carrés sur ln f.

# %%
lecon.section("statistiques", duree="5 s (rapide : 1 s)")
phrases, reuters = corpus()
freq = tx.frequences(phrases)
total = sum(freq.values())
premiers = freq.most_common(10)
print(f"{len(phrases)} phrases, {total} mots (≥ 2 lettres), {len(freq)} mots différents")
print("les 10 plus fréquents :", premiers)
lecon.comparer("mots (≥ 2 lettres)", total, livre=1720917 if reuters else None)
lecon.comparer("le plus fréquent", premiers[0], livre=("the", 58251) if reuters else None)

# %%
comptes = np.array([c for _, c in freq.most_common(500)], dtype=float)
rang = np.arange(1, len(comptes) + 1)
# ajustement (a, b, c) par moindres carrés sur ln f (scipy), à comparer à celui du livre (0.1, 1.5, 0.95)
(a, b, c), _ = curve_fit(lambda i, a, b, c: np.log(a) - c * np.log(i + b), rang, np.log(comptes / total),
                         p0=(0.1, 1.5, 0.95), bounds=([1e-6, 0, 0.1], [10, 100, 3]))
print(f"ajustement Zipf–Mandelbrot : a = {a:.3f}, b = {b:.2f}, c = {c:.3f} (livre, Reuters : 0.1, 1.5, 0.95)")
lecon.comparer("(a, b, c) ajustés", (a, b, c), note="le livre, sur Reuters et à la main : (0.1, 1.5, 0.95)")
zipf_livre = tx.zipf_mandelbrot(np.arange(1, 6))      # f_i = a/(i + b)^c avec a = 0.1, b = 1.5, c = 0.95
lecon.comparer("f_1 … f_5 (a = 0.1, b = 1.5, c = 0.95)", zipf_livre,
               livre=[0.041875, 0.030418, 0.023958, 0.019800, 0.016894], tol=5e-7)

# %%
fig, ax = plt.subplots(figsize=(15, 5))
mots50, comptes50 = zip(*freq.most_common(50))
ax.plot(comptes50)
ax.set_xticks(range(len(mots50)), mots50, rotation=90)
lecon.figure(fig, "ch17-frequences")

fig, ax = plt.subplots()
ax.plot(rang, comptes / total, ".", label="fréquences")
ax.plot(rang, tx.zipf_mandelbrot(rang, a, b, c), label="Zipf–Mandelbrot ajusté")
ax.plot(rang, tx.zipf_mandelbrot(rang), "--", label="a = 0.1, b = 1.5, c = 0.95 (livre)")
ax.set_xscale("log")
ax.set_yscale("log")
ax.legend()
lecon.figure(fig, "ch17-zipf")

# %% [markdown]
# ## §2.2–2.4 — Bigrammes, génération avec une température, trigrammes
#
# `occur2[mot1][mot2]` compte combien de fois mot2 suit immédiatement mot1. Pour
# générer une phrase, on part d'un mot et on choisit le suivant parmi ses
# successeurs les plus fréquents : toujours le premier (glouton), ou au hasard avec
# une température T (comme le script du livre : softmax_T des fréquences
# normalisées des 20 premiers). Avec les trigrammes, le mot suivant dépend des deux
# précédents.

# %%
lecon.section("bigrammes", duree="16 s (rapide : 1 s)")
phrases, reuters = corpus()
occur2 = tx.bigrammes(phrases)
debut = "the"
successeurs = occur2[debut].most_common(5)
print(f"après « {debut} » :", successeurs)
lecon.comparer("après « the »", successeurs[0], livre=("company", 1941) if reuters else None)

# %%
glouton = tx.generer_phrase(occur2, debut, nb_mots_choix=1, T=1.0, graine=lecon.graine)
print("glouton :", glouton)
lecon.comparer("phrase gloutonne", glouton,
               livre="the company said it has been made by the company" if reuters else None)
phrases_T = {}
for T in (0.001, 0.05, 0.5, 10):
    phrases_T[T] = tx.generer_phrase(occur2, debut, nb_mots_choix=20, T=T, graine=lecon.graine)
    print(f"T = {T} :", phrases_T[T])

# %%
occur3 = tx.trigrammes(phrases)
paire = max(occur3, key=lambda p: sum(occur3[p].values()) if p[0] == "the" else 0)
trois = tx.generer_phrase_trigrammes(occur3, *paire, nb_mots_choix=20, T=1.0, graine=lecon.graine)
print("trigrammes :", trois)

# %% [markdown]
# ## §2.3 — Softmax et température
#
# σ_T(X)_i = e^{x_i/T} / Σ_j e^{x_j/T} : quand T → 0, σ_T tend vers l'argmax ; quand
# T → ∞, vers la loi uniforme. Pour X = (x, 1 − x) toutes les courbes passent par
# (0.5, 0.5). Puis les lois du livre pour X = (2, 5, 25, 3, 14, 4)/53 : T = 0.1
# renforce le maximum, T = 0.2 rend à peu près la loi d'origine, T = 1 et T = 5
# sont presque uniformes.

# %%
lecon.section("softmax", duree="1 s")
x = np.linspace(-3, 4, 300)
fig, ax = plt.subplots(figsize=(15, 5))
for T in (0.1, 0.5, 1.0, 2.0, 4.0):
    ax.plot(x, np.exp(x / T) / (np.exp(x / T) + np.exp((1 - x) / T)), label=f"T={T}")
ax.legend()
lecon.figure(fig, "ch17-softmax-temperature")

# %%
X = np.array([2, 5, 25, 3, 14, 4]) / 53
lois = {T: tx.softmax_temperature(X, T) for T in (0.1, 0.2, 1, 5)}
fig, axes = plt.subplots(2, 2, figsize=(10, 6))
couleurs = ["red", "green", "blue", "brown", "gray", "purple"]
for ax, (T, p) in zip(axes.ravel(), lois.items()):
    ax.bar(range(6), p, color=couleurs)
    ax.set_ylim(0, 1)
    ax.set_title(f"T = {T}")
    print(f"T = {T} :", np.round(p, 6).tolist())
lecon.figure(fig, "ch17-softmax-lois")
# les valeurs imprimées par les scripts du livre (linguistique.py)
lecon.comparer("σ(1, 2, 3)", tx.softmax_temperature([1, 2, 3], 1), livre=[0.090031, 0.244728, 0.665241])
lecon.comparer("σ_T(1, 2, 3), T = 0.5", tx.softmax_temperature([1, 2, 3], 0.5), livre=[0.015876, 0.117310, 0.866813])
lecon.comparer("σ_T(1, 2, 3), T = 2", tx.softmax_temperature([1, 2, 3], 2), livre=[0.186324, 0.307196, 0.506480],
               tol=5e-7)
lecon.comparer("σ_T(1, 2, 3), T = 5", tx.softmax_temperature([1, 2, 3], 5), livre=[0.269307, 0.328933, 0.401760],
               tol=5e-7)

# %% [markdown]
# ## §3 — Tokens et codage par paires d'octets (BPE)
#
# L'algorithme du livre : partir des caractères, puis répéter « trouver la paire
# voisine la plus fréquente (à l'intérieur des mots), l'ajouter au vocabulaire,
# réécrire le texte ». Sur « ab ab abc dbac bacde », trois fusions : ab, ba, bac.
# Puis le même algorithme appris sur le corpus, et la compression obtenue.

# %%
lecon.section("bpe", duree="70 s (rapide : 1 s)")
N_PHRASES = lecon.taille(3000, rapide=300)
N_FUSIONS = lecon.taille(300, rapide=60)
exemple = TokeniseurBPE.entrainer("ab ab abc dbac bacde", nb_fusions=5)
for paire, nombre in exemple.journal:
    print(f"fusion {paire} ({nombre} occurrences)")
code = exemple.encoder_mots("ab ab abc dbac bacde")
print("vocabulaire :", exemple.vocabulaire, "— texte codé :", code)
lecon.comparer("fusions", exemple.fusions, livre=[("a", "b"), ("b", "a"), ("ba", "c")])
lecon.comparer("occurrences des fusions", [n for _, n in exemple.journal], livre=[3, 2, 2])
lecon.comparer("vocabulaire", exemple.vocabulaire, livre=["a", "b", "c", "d", "e", "ab", "ba", "bac"])
lecon.comparer("texte codé", code, livre=[[6], [6], [6, 3], [4, 8], [8, 4, 5]])

# %%
phrases, _ = corpus()
texte = " ".join(" ".join(p) for p in phrases[:N_PHRASES])
bpe = TokeniseurBPE.entrainer(texte, nb_fusions=N_FUSIONS, alphabet="abcdefghijklmnopqrstuvwxyz")
phrase = "mathematics is the queen of the sciences"
ids = bpe.encoder(phrase)
morceaux = [bpe.decoder([i]) for i in ids]
print(f"BPE appris ({len(bpe.fusions)} fusions) : « {phrase} » → {morceaux}")
sans_perte = bpe.decoder(ids) == phrase
print("décodage sans perte :", sans_perte)
caracteres = len(texte)
tokens = len(bpe.encoder(texte))
print(f"compression : {caracteres} caractères → {tokens} tokens ({caracteres / tokens:.2f} caractères par token)")
lecon.comparer("caractères par token", caracteres / tokens,
               note=f"{len(bpe.fusions)} fusions ; GPT-2 : ≈ 4 avec 50 000")

# %% [markdown]
# ## §4 — Plongements : distance, similarité cosinus, dimension, ACP
#
# Deux vecteurs se comparent par leur distance ‖X − Y‖ ou par leur similarité
# cosinus ⟨X | Y⟩/(‖X‖ ‖Y‖), qui ne dépend que de la direction. L'exemple du livre :
# sur les axes (homme, femme, enfant, royauté), le texte Y = (3, 0, 0, 2) est le plus
# proche de « roi ». En grande dimension, des points au hasard sont presque tous à
# la même distance les uns des autres. Enfin l'ACP du livre projette un nuage sur
# ses deux directions principales.

# %%
lecon.section("plongements", duree="2 s")
N_POINTS = lecon.taille(1000, rapide=300)
X, Y = np.array([2, 3]), np.array([4, 4])
print(f"‖X − Y‖ = {pl.distance(X, Y):.6f}, cos = {pl.similarite_cosinus(X, Y):.6f}, "
      f"angle = {np.degrees(np.arccos(pl.similarite_cosinus(X, Y))):.2f}°")
distance = pl.distance(X, Y)
cosinus_XY = pl.similarite_cosinus(X, Y)
lecon.comparer("‖X − Y‖", distance, livre="2.24")
lecon.comparer("S_cos(X, Y)", cosinus_XY, livre="0.98")

# %%
axes_mots = {"roi": np.array([1, 0, 0, 1]), "reine": np.array([0, 1, 0, 1]), "princesse": np.array([0, 1, 1, 1])}
texte = np.array([3, 0, 0, 2])
cosinus = {m: pl.similarite_cosinus(v, texte) for m, v in axes_mots.items()}
distances = {m: pl.distance(v, texte) for m, v in axes_mots.items()}
print("similarités avec (3, 0, 0, 2) :", {m: round(c, 6) for m, c in cosinus.items()},
      "→", max(cosinus, key=cosinus.get))
lecon.comparer("S_cos(roi, reine, princesse ; Y)", list(cosinus.values()), livre=["0.98", "0.39", "0.32"])
lecon.comparer("distances (roi, reine, princesse) à Y", list(distances.values()),
               livre=[2.236068, 3.316625, 3.464102])   # imprimées par embed_01.py

# %%
rng = np.random.default_rng(lecon.graine)
points = rng.random((N_POINTS, 768))
carres = (points ** 2).sum(axis=1)
d2 = np.maximum(carres[:, None] + carres[None, :] - 2 * points @ points.T, 0)
d = np.sqrt(d2[np.triu_indices(len(points), 1)])
print(f"points au hasard dans [0, 1]^768 : distance moyenne {d.mean():.3f} ± {d.std():.3f} "
      f"(théorie √(768/6) = {np.sqrt(768 / 6):.3f})")
lecon.comparer("distance moyenne dans [0, 1]^768", float(d.mean()), livre="11.3")
lecon.comparer("écart type des distances", float(d.std()), livre="0.25", tol=0.01,
               note="le livre : « ≈ 0.25 » ; théorie √(768 · 7/180) / (2 √(768/6)) ≈ 0.2415")

# %%
# ACP (listing du livre) sur des données à deux groupes
nuage = np.vstack([rng.normal(0, 1, (50, 10)) + 3, rng.normal(0, 1, (50, 10)) - 3])
coord, _, _, valeurs = pl.acp(nuage, 2)
part_variance = float(valeurs[0] / valeurs.sum())
lecon.comparer("part de la variance sur le 1er axe", part_variance)
fig, ax = plt.subplots()
ax.scatter(coord[:50, 0], coord[:50, 1], label="groupe 1")
ax.scatter(coord[50:, 0], coord[50:, 1], label="groupe 2")
ax.legend()
lecon.figure(fig, "ch17-acp")

# %% [markdown]
# ## §5.1 — Le plongement des chiffres MNIST
#
# Un petit réseau convolutif (celui du script du livre) apprend à reconnaître les
# chiffres ; son avant-dernière couche (50 neurones) donne un plongement des images
# dans R^50. Vus par ACP, les chiffres se regroupent ; 2 et 3 se chevauchent en 2D
# mais se séparent en 3D.

# %%
lecon.section("mnist", duree="41 s (rapide : 2 s)")
N_TRAIN = lecon.taille(None, rapide=2000)     # None : les 60 000 images
N_TEST = lecon.taille(2000, rapide=100)
EPOQUES = lecon.taille(5, rapide=1)
(x, y), (xt, yt) = charger_mnist(n_train=N_TRAIN, n_test=N_TEST, graine=lecon.graine)
X, Xt = x[..., None] / 255, xt[..., None] / 255

# %%
modele = Sequential([Input(shape=(28, 28, 1)),
                     keras.layers.Conv2D(16, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(2),
                     keras.layers.Conv2D(8, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(2),
                     keras.layers.Flatten(), Dense(50, activation="relu"), Dense(10, activation="softmax")])
modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
modele.fit(X, keras.utils.to_categorical(y, 10), batch_size=32, epochs=EPOQUES, verbose=lecon.verbeux)
exactitude = float(modele.evaluate(Xt, keras.utils.to_categorical(yt, 10), verbose=0)[1])

# %%
plongement = keras.Model(modele.inputs[0], modele.layers[-2].output)
n = min(150, len(Xt))
vecteurs = np.asarray(plongement(Xt[:n]))
coord3, _, _, _ = pl.acp(vecteurs, 3)
lecon.figure(pl.affichage_nuage_classes(coord3[:, :2], yt[:n]), "ch17-mnist-plongement-2d")
lecon.figure(pl.affichage_nuage_classes(coord3, yt[:n], vue=(-40, 20)), "ch17-mnist-plongement-3d")
print(f"exactitude (accuracy) du CNN : {exactitude:.1%} ; {modele.count_params()} poids ; plongement dans R^50")
lecon.comparer("exactitude sur le test", exactitude, note="le livre : ≥ 99 % ; le livre dit « précision »")
lecon.comparer("nombre de poids du CNN", modele.count_params())
lecon.comparer("dimension du plongement", vecteurs.shape[1], livre=50)

# %% [markdown]
# ## §5.2–5.3 — Matrice de co-occurrence et plongement appris
#
# Colonne i, ligne j : combien de fois le mot i est suivi du mot j. En divisant
# chaque colonne par sa somme, la colonne P_i devient la loi du mot qui suit le mot
# i. Un réseau N → 50 → 50 → 50 → N apprend F(e_i) ≈ P_i ; sa couche de 50 neurones
# est un plongement des mots (les cibles sont les *colonnes* P_i, donc P.T : le
# script d'origine prend les lignes par erreur).

# %%
lecon.section("cooccurrences", duree="21 s (rapide : 2 s)")
N_MOTS = lecon.taille(500, rapide=100)
EPOQUES = lecon.taille(300, rapide=20)
exemple = np.array([[0, 10, 1, 0], [0, 0, 8, 5], [6, 2, 0, 0], [4, 3, 1, 0]])
P_exemple = pl.probabilites_successeurs(exemple)
print("le, et, chat, chien :\n", np.round(P_exemple, 6))
lecon.comparer("P, colonne « et »", P_exemple[:, 1], livre=[10 / 15, 0 / 15, 2 / 15, 3 / 15], tol=1e-12)
lecon.comparer("P, colonne « chat »", P_exemple[:, 2], livre=[1 / 10, 8 / 10, 0 / 10, 1 / 10], tol=1e-12)

# %%
phrases, reuters = corpus()
phrases = [[m.lower() for m in p] for p in phrases]
vocabulaire = [m for m, _ in tx.frequences(phrases, minuscules=True).most_common(N_MOTS)]
N = len(vocabulaire)
M = pl.cooccurrences(phrases, vocabulaire)
print("coin 5 × 5 (colonnes = premier mot) :", vocabulaire[:5], "\n", M[:5, :5].astype(int))

# %%
lecon.comparer("poids du réseau 500 → 50 → 50 → 50 → 500", pl.modele_plongement(500, 50).count_params(),
               livre=55650, note="my_embed_02.py")
M_entrainement = M.copy()
np.fill_diagonal(M_entrainement, M_entrainement.diagonal() + (M_entrainement.sum(axis=0) == 0))
P = pl.probabilites_successeurs(M_entrainement)
modele = pl.modele_plongement(N, 50)
# cibles : P.T — la ligne i est la colonne P_i (le script d'origine prend les lignes par erreur)
historique = modele.fit(np.identity(N), P.T, batch_size=32, epochs=EPOQUES, verbose=0)
erreurs = (historique.history["loss"][0], historique.history["loss"][-1])
vecteurs = np.asarray(keras.Model(modele.inputs[0], modele.get_layer("plongement").output)(np.identity(N)))

# %%
mots = [m for m in ["one", "two", "three", "four", "five", "january", "february", "march", "april", "may", "june",
                    "good", "bad", "great", "movie", "film"] if m in vocabulaire]
if len(mots) >= 3:
    coord, _, _, _ = pl.acp(vecteurs[[vocabulaire.index(m) for m in mots]], 2)
    fig, ax = plt.subplots()
    ax.scatter(coord[:, 0], coord[:, 1])
    for m, (a, b) in zip(mots, coord):
        ax.annotate(m, (a, b))
    lecon.figure(fig, "ch17-plongement-mots")
print(f"plongement appris de {N} mots dans R^50 ; erreur {erreurs[0]:.3f} → {erreurs[1]:.3f}")
