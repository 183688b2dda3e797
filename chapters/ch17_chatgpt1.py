"""Chapitre 17 — ChatGPT (partie 1).

Ce que le chapitre montre : les statistiques d'un corpus (fréquences des mots et
loi de Zipf–Mandelbrot), les bigrammes et trigrammes et la génération de phrases
avec une température, la fonction softmax avec température, les tokens et le
codage par paires d'octets (BPE) appris de zéro, les plongements (distance,
similarité cosinus, voisins, analogies, projections et ACP), le plongement des
chiffres MNIST (avant-dernière couche d'un petit CNN) et un plongement de mots
appris à partir de la matrice de co-occurrence.

Le corpus : les critiques IMDB de keras_facile.donnees (ou Reuters de NLTK si ses
données sont installées, comme dans le livre). Hors ligne, tout fonctionne.
Durée mesurée sur 2 cœurs (IMDB complet) : 2 min 30 s ; --rapide : une dizaine de secondes.
"""
from keras_facile import *
from keras_facile import plongements as pl
from keras_facile import texte as tx
from keras_facile.bpe import TokeniseurBPE
from keras_facile.chapitre import Chapitre
from keras_facile.donnees import charger_mnist

chapitre = Chapitre(__doc__)
_CORPUS = {}


def corpus(options):
    """Le corpus de phrases (mis de côté pour les sections suivantes)."""
    cle = options.rapide
    if cle not in _CORPUS:
        try:
            _CORPUS[cle] = tx.charger_corpus("reuters")
            print("Corpus : Reuters (NLTK)")
        except FileNotFoundError:
            _CORPUS[cle] = tx.charger_corpus("imdb", n_textes=options.choisir(25000, 500), graine=options.graine)
            print("Corpus : critiques IMDB (Reuters de NLTK absent : les nombres diffèrent de ceux du livre)")
    return _CORPUS[cle]


@chapitre.section("statistiques", duree="5 s (rapide : 1 s)")
def statistiques(options):
    """§2.1 — fréquences des mots, rang et loi de Zipf–Mandelbrot f_i = a/(i + b)^c."""
    phrases = corpus(options)
    freq = tx.frequences(phrases)
    total = sum(freq.values())
    premiers = freq.most_common(10)
    print(f"{len(phrases)} phrases, {total} mots (≥ 2 lettres), {len(freq)} mots différents")
    print("les 10 plus fréquents :", premiers)
    comptes = np.array([c for _, c in freq.most_common(500)], dtype=float)
    rang = np.arange(1, len(comptes) + 1)
    # ajustement (a, b, c) par moindres carrés sur ln f (scipy), à comparer à celui du livre (0.1, 1.5, 0.95)
    from scipy.optimize import curve_fit

    (a, b, c), _ = curve_fit(lambda i, a, b, c: np.log(a) - c * np.log(i + b), rang, np.log(comptes / total),
                             p0=(0.1, 1.5, 0.95), bounds=([1e-6, 0, 0.1], [10, 100, 3]))
    print(f"ajustement Zipf–Mandelbrot : a = {a:.3f}, b = {b:.2f}, c = {c:.3f} (livre, Reuters : 0.1, 1.5, 0.95)")
    fig, ax = plt.subplots(figsize=(15, 5))
    mots50, comptes50 = zip(*freq.most_common(50))
    ax.plot(comptes50)
    ax.set_xticks(range(len(mots50)), mots50, rotation=90)
    chapitre.figure(fig, "ch17-frequences")
    fig, ax = plt.subplots()
    ax.plot(rang, comptes / total, ".", label="fréquences")
    ax.plot(rang, tx.zipf_mandelbrot(rang, a, b, c), label="Zipf–Mandelbrot ajusté")
    ax.plot(rang, tx.zipf_mandelbrot(rang), "--", label="a = 0.1, b = 1.5, c = 0.95 (livre)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend()
    chapitre.figure(fig, "ch17-zipf")
    return {"premiers": premiers, "zipf": (a, b, c), "total": total}


@chapitre.section("bigrammes", duree="16 s (rapide : 1 s)")
def bigrammes(options):
    """§2.2–2.4 — bigrammes, génération (glouton, température), trigrammes."""
    phrases = corpus(options)
    occur2 = tx.bigrammes(phrases)
    debut = "the"
    print(f"après « {debut} » :", occur2[debut].most_common(5))
    glouton = tx.generer_phrase(occur2, debut, nb_mots_choix=1, T=1.0, graine=options.graine)
    print("glouton :", glouton)
    phrases_T = {}
    for T in (0.001, 0.05, 0.5, 10):
        phrases_T[T] = tx.generer_phrase(occur2, debut, nb_mots_choix=20, T=T, graine=options.graine)
        print(f"T = {T} :", phrases_T[T])
    occur3 = tx.trigrammes(phrases)
    paire = max(occur3, key=lambda p: sum(occur3[p].values()) if p[0] == "the" else 0)
    trois = tx.generer_phrase_trigrammes(occur3, *paire, nb_mots_choix=20, T=1.0, graine=options.graine)
    print("trigrammes :", trois)
    return {"successeurs": occur2[debut].most_common(5), "glouton": glouton, "temperature": phrases_T,
            "trigrammes": trois}


@chapitre.section("softmax", duree="1 s")
def softmax_temperature(options):
    """§2.3 — softmax et température : les lois du livre pour X = (2, 5, 25, 3, 14, 4)/53."""
    x = np.linspace(-3, 4, 300)
    fig, ax = plt.subplots(figsize=(15, 5))
    for T in (0.1, 0.5, 1.0, 2.0, 4.0):
        ax.plot(x, np.exp(x / T) / (np.exp(x / T) + np.exp((1 - x) / T)), label=f"T={T}")
    ax.legend()
    chapitre.figure(fig, "ch17-softmax-temperature")
    X = np.array([2, 5, 25, 3, 14, 4]) / 53
    lois = {T: tx.softmax_temperature(X, T) for T in (0.1, 0.2, 1, 5)}
    fig, axes = plt.subplots(2, 2, figsize=(10, 6))
    couleurs = ["red", "green", "blue", "brown", "gray", "purple"]
    for ax, (T, p) in zip(axes.ravel(), lois.items()):
        ax.bar(range(6), p, color=couleurs)
        ax.set_ylim(0, 1)
        ax.set_title(f"T = {T}")
        print(f"T = {T} :", np.round(p, 6).tolist())
    chapitre.figure(fig, "ch17-softmax-lois")
    return {"lois": {T: p.tolist() for T, p in lois.items()},
            "softmax_123": tx.softmax_temperature([1, 2, 3], 1).tolist()}


@chapitre.section("bpe", duree="70 s (rapide : 1 s)")
def codage_bpe(options):
    """§3 — le codage BPE du livre sur « ab ab abc dbac bacde », puis appris sur le corpus."""
    exemple = TokeniseurBPE.entrainer("ab ab abc dbac bacde", nb_fusions=5)
    for paire, nombre in exemple.journal:
        print(f"fusion {paire} ({nombre} occurrences)")
    code = exemple.encoder_mots("ab ab abc dbac bacde")
    print("vocabulaire :", exemple.vocabulaire, "— texte codé :", code)
    texte = " ".join(" ".join(p) for p in corpus(options)[: options.choisir(3000, 300)])
    bpe = TokeniseurBPE.entrainer(texte, nb_fusions=options.choisir(300, 60), alphabet="abcdefghijklmnopqrstuvwxyz")
    phrase = "mathematics is the queen of the sciences"
    ids = bpe.encoder(phrase)
    morceaux = [bpe.decoder([i]) for i in ids]
    print(f"BPE appris ({len(bpe.fusions)} fusions) : « {phrase} » → {morceaux}")
    print("décodage sans perte :", bpe.decoder(ids) == phrase)
    caracteres = len(texte)
    tokens = len(bpe.encoder(texte))
    print(f"compression : {caracteres} caractères → {tokens} tokens ({caracteres / tokens:.2f} caractères par token)")
    return {"fusions": exemple.fusions, "vocabulaire": exemple.vocabulaire, "code": code,
            "sans_perte": bpe.decoder(ids) == phrase, "caracteres_par_token": caracteres / tokens}


@chapitre.section("plongements", duree="2 s")
def plongements(options):
    """§4 — distance, similarité cosinus, l'exemple roi / reine / princesse, la malédiction de la dimension, ACP."""
    X, Y = np.array([2, 3]), np.array([4, 4])
    print(f"‖X − Y‖ = {pl.distance(X, Y):.6f}, cos = {pl.similarite_cosinus(X, Y):.6f}, "
          f"angle = {np.degrees(np.arccos(pl.similarite_cosinus(X, Y))):.2f}°")
    axes = {"roi": np.array([1, 0, 0, 1]), "reine": np.array([0, 1, 0, 1]), "princesse": np.array([0, 1, 1, 1])}
    texte = np.array([3, 0, 0, 2])
    cosinus = {m: pl.similarite_cosinus(v, texte) for m, v in axes.items()}
    distances = {m: pl.distance(v, texte) for m, v in axes.items()}
    print("similarités avec (3, 0, 0, 2) :", {m: round(c, 6) for m, c in cosinus.items()},
          "→", max(cosinus, key=cosinus.get))
    rng = np.random.default_rng(options.graine)
    points = rng.random((options.choisir(1000, 300), 768))
    carres = (points ** 2).sum(axis=1)
    d2 = np.maximum(carres[:, None] + carres[None, :] - 2 * points @ points.T, 0)
    d = np.sqrt(d2[np.triu_indices(len(points), 1)])
    print(f"points au hasard dans [0, 1]^768 : distance moyenne {d.mean():.3f} ± {d.std():.3f} "
          f"(théorie √(768/6) = {np.sqrt(768 / 6):.3f})")
    # ACP (listing du livre) sur des données à deux groupes
    nuage = np.vstack([rng.normal(0, 1, (50, 10)) + 3, rng.normal(0, 1, (50, 10)) - 3])
    coord, _, _, valeurs = pl.acp(nuage, 2)
    fig, ax = plt.subplots()
    ax.scatter(coord[:50, 0], coord[:50, 1], label="groupe 1")
    ax.scatter(coord[50:, 0], coord[50:, 1], label="groupe 2")
    ax.legend()
    chapitre.figure(fig, "ch17-acp")
    return {"distance": pl.distance(X, Y), "cosinus": pl.similarite_cosinus(X, Y), "roi": cosinus,
            "distances_roi": distances, "moyenne": float(d.mean()), "ecart": float(d.std()),
            "part_variance": float(valeurs[0] / valeurs.sum())}


@chapitre.section("mnist", duree="41 s (rapide : 2 s)")
def plongement_mnist(options):
    """§5.1 — le plongement des chiffres : l'avant-dernière couche (50 neurones) d'un petit CNN, en ACP 2D et 3D."""
    (x, y), (xt, yt) = charger_mnist(n_train=options.choisir(None, 2000), n_test=options.choisir(2000, 100),
                                     graine=options.graine)
    X, Xt = x[..., None] / 255, xt[..., None] / 255
    modele = Sequential([Input(shape=(28, 28, 1)),
                         keras.layers.Conv2D(16, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(2),
                         keras.layers.Conv2D(8, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(2),
                         keras.layers.Flatten(), Dense(50, activation="relu"), Dense(10, activation="softmax")])
    modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    modele.fit(X, keras.utils.to_categorical(y, 10), batch_size=32, epochs=options.choisir(5, 1),
               verbose=options.verbeux)
    precision = float(modele.evaluate(Xt, keras.utils.to_categorical(yt, 10), verbose=0)[1])
    plongement = keras.Model(modele.inputs[0], modele.layers[-2].output)
    n = min(150, len(Xt))
    vecteurs = np.asarray(plongement(Xt[:n]))
    coord3, _, _, _ = pl.acp(vecteurs, 3)
    couleurs = ["lightblue", "orange", "purple", "green", "red", "lime", "pink", "gray", "olive", "cyan"]
    fig, ax = plt.subplots()
    for c in range(10):
        sel = yt[:n] == c
        ax.scatter(coord3[sel, 0], coord3[sel, 1], color=couleurs[c], label=str(c))
    ax.legend()
    chapitre.figure(fig, "ch17-mnist-plongement-2d")
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    for c in range(10):
        sel = yt[:n] == c
        ax.scatter(coord3[sel, 0], coord3[sel, 1], coord3[sel, 2], color=couleurs[c], label=str(c))
    ax.view_init(azim=-40, elev=20)
    chapitre.figure(fig, "ch17-mnist-plongement-3d")
    print(f"précision du CNN : {precision:.1%} ; {modele.count_params()} poids ; plongement dans R^50")
    return {"parametres": modele.count_params(), "precision": precision, "dimension": vecteurs.shape[1]}


@chapitre.section("cooccurrences", duree="21 s (rapide : 2 s)")
def cooccurrences(options):
    """§5.2–5.3 — matrice de co-occurrence, probabilités par colonne, plongement appris F(e_i) ≈ P_i."""
    exemple = np.array([[0, 10, 1, 0], [0, 0, 8, 5], [6, 2, 0, 0], [4, 3, 1, 0]])
    P_exemple = pl.probabilites_successeurs(exemple)
    print("le, et, chat, chien :\n", np.round(P_exemple, 6))
    phrases = [[m.lower() for m in p] for p in corpus(options)]
    N = options.choisir(500, 100)
    vocabulaire = [m for m, _ in tx.frequences(phrases, minuscules=True).most_common(N)]
    N = len(vocabulaire)
    M = pl.cooccurrences(phrases, vocabulaire)
    print("coin 5 × 5 (colonnes = premier mot) :", vocabulaire[:5], "\n", M[:5, :5].astype(int))
    M_entrainement = M.copy()
    np.fill_diagonal(M_entrainement, M_entrainement.diagonal() + (M_entrainement.sum(axis=0) == 0))
    P = pl.probabilites_successeurs(M_entrainement)
    modele = pl.modele_plongement(N, 50)
    # cibles : P.T — la ligne i est la colonne P_i (le script d'origine prend les lignes par erreur)
    historique = modele.fit(np.identity(N), P.T, batch_size=32, epochs=options.choisir(300, 20), verbose=0)
    vecteurs = np.asarray(keras.Model(modele.inputs[0], modele.get_layer("plongement").output)(np.identity(N)))
    mots = [m for m in ["one", "two", "three", "four", "five", "january", "february", "march", "april", "may", "june",
                        "good", "bad", "great", "movie", "film"] if m in vocabulaire]
    if len(mots) >= 3:
        coord, _, _, _ = pl.acp(vecteurs[[vocabulaire.index(m) for m in mots]], 2)
        fig, ax = plt.subplots()
        ax.scatter(coord[:, 0], coord[:, 1])
        for m, (a, b) in zip(mots, coord):
            ax.annotate(m, (a, b))
        chapitre.figure(fig, "ch17-plongement-mots")
    print(f"plongement appris de {N} mots dans R^50 ; erreur {historique.history['loss'][0]:.3f} → "
          f"{historique.history['loss'][-1]:.3f}")
    return {"P_exemple": P_exemple.tolist(), "N": N, "erreurs": (historique.history["loss"][0],
                                                                 historique.history["loss"][-1])}


if __name__ == "__main__":
    chapitre.lancer()
