"""Chapitre 10 — Python : tensorflow avec keras (partie 2).

Ce que le chapitre montre : entraîner de vrais réseaux. Reconnaissance des
chiffres MNIST avec un réseau dense (et la précision selon sa largeur),
approximation d'une fonction d'une et de deux variables (trois optimiseurs
comparés), le gradient par rapport aux poids calculé « à la main », les
critiques de films IMDB (codage des mots, sur-apprentissage), et le constat
d'échec d'un réseau dense sur les images CIFAR-10.

Durées mesurées sur un processeur à 2 cœurs : la version complète prend
environ 12 minutes (dont 7 pour le tableau MNIST selon la largeur) ; avec
--rapide (petits sous-ensembles, une ou deux époques), moins de 20 secondes.
"""
from keras_facile import *
from keras_facile.chapitre import Chapitre
from keras_facile.donnees import (charger_cifar10, charger_imdb, charger_mnist, decoder_critique, indice_mots_imdb,
                                  vectoriser_sequences, NOMS_CIFAR10)
from keras_facile.entrainement import entrainer_rapide
from keras_facile.images import affichage_images, affichage_predictions

chapitre = Chapitre(__doc__)


def mnist_vecteurs(options):
    """MNIST en vecteurs de 784 valeurs dans [0, 1] et sorties « one-hot » (partie A du livre)."""
    (X_train_data, Y_train_data), (X_test_data, Y_test_data) = charger_mnist(
        n_train=options.choisir(None, 3000), n_test=options.choisir(None, 1000), graine=options.graine)
    N = X_train_data.shape[0]
    X_train = np.reshape(X_train_data, (N, 784)) / 255
    X_test = np.reshape(X_test_data, (X_test_data.shape[0], 784)) / 255
    Y_train = keras.utils.to_categorical(Y_train_data, num_classes=10)
    Y_test = keras.utils.to_categorical(Y_test_data, num_classes=10)
    return (X_train_data, Y_train_data, X_train, Y_train), (X_test_data, Y_test_data, X_test, Y_test)


def reseau_chiffres(p):
    modele = Sequential()
    modele.add(Input(shape=(784,)))
    modele.add(Dense(p, activation="sigmoid"))
    modele.add(Dense(p, activation="sigmoid"))
    modele.add(Dense(10, activation="softmax"))
    modele.compile(loss="categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return modele


@chapitre.section("mnist", duree="1.5 min (rapide : 5 s)")
def mnist(options):
    """§1 — chiffres MNIST : réseau dense 784 → 8 → 8 → 10, sgd, lots de 32, 40 époques."""
    (X_train_data, Y_train_data, X_train, Y_train), (X_test_data, Y_test_data, X_test, Y_test) = mnist_vecteurs(options)
    print("Données :", X_train_data.shape, Y_train_data.shape, "— test :", X_test_data.shape)
    chapitre.figure(affichage_images(X_train_data[:10], [f"Attendu {y}" for y in Y_train_data[:10]], cmap="Greys"),
                    "ch10-mnist-donnees")
    modele = reseau_chiffres(8)
    modele.summary()
    epochs = options.choisir(40, 2)
    modele.fit(X_train, Y_train, batch_size=32, epochs=epochs, verbose=options.verbeux)
    resultat = modele.evaluate(X_test, Y_test, verbose=0)
    print("Valeur de l'erreur sur les données de test (loss) :", resultat[0])
    print("Précision sur les données de test (accuracy) :", resultat[1])
    Y_predict = modele.predict(X_test[:10], verbose=0)
    predits = np.argmax(Y_predict, axis=1)
    print("Sortie réseau pour l'image 0 :", np.round(Y_predict[0], 3))
    print("Chiffres attendus :", Y_test_data[:10].tolist(), "— prédits :", predits.tolist())
    i = min(8, len(X_test) - 1)     # l'image que le livre examine (un 5 pris pour un 6)
    print(f"Image {i} — sortie réseau :", np.round(Y_predict[i], 3), "— chiffre attendu :", Y_test_data[i],
          "— chiffre prédit :", predits[i])
    chapitre.figure(affichage_predictions(X_test_data[:10], Y_test_data[:10], predits, Y_predict.max(axis=1),
                                          [str(c) for c in range(10)], colonnes=5, cmap="Greys"),
                    "ch10-mnist-predictions")
    return {"parametres": modele.count_params(), "precision_test": float(resultat[1]), "epochs": epochs,
            "somme_softmax": float(Y_predict[0].sum())}


@chapitre.section("mnist-largeur", duree="7 min (rapide : 8 s)")
def mnist_largeur(options):
    """§1.3 — précision selon le nombre p de neurones par couche cachée (p = 8, 10, 20, 50)."""
    (_, _, X_train, Y_train), (_, _, X_test, Y_test) = mnist_vecteurs(options)
    epochs = options.choisir(40, 1)
    livre = {8: 0.900, 10: 0.914, 20: 0.934, 50: 0.944}
    tableau = {}
    print(f"   p   neurones   poids   précision test ({epochs} époques)   livre (40 époques)")
    for p, attendu in livre.items():
        modele = reseau_chiffres(p)
        modele.fit(X_train, Y_train, batch_size=32, epochs=epochs, verbose=0)
        precision = float(modele.evaluate(X_test, Y_test, verbose=0)[1])
        tableau[p] = {"neurones": 2 * p + 10, "poids": modele.count_params(), "precision": precision}
        print(f"{p:>4}   {2 * p + 10:>8}   {modele.count_params():>5}   {precision:>30.1%}   {attendu:>17.1%}")
    return tableau


def f_une_var(x):
    return np.cos(2 * x) + x * np.sin(3 * x) + x ** 0.5 - 2


@chapitre.section("une-variable", duree="4 s (rapide : 2 s)")
def une_variable(options):
    """§2 — approcher f(x) = cos 2x + x sin 3x + √x − 2 : trois optimiseurs, mêmes poids initiaux."""
    a, b, N = 0, 5, 100
    X = np.linspace(a, b, N)
    X_train, Y_train = X.reshape(-1, 1), f_une_var(X).reshape(-1, 1)
    modele = Sequential([Input(shape=(1,))] + [Dense(10, activation="tanh") for _ in range(4)]
                        + [Dense(1, activation="linear")])
    poids_initiaux = modele.get_weights()
    epochs = options.choisir(4000, 300)
    # Keras 2 : SGD(learning_rate=0.001, decay=1e-7) divisait le pas par (1 + 1e-7 k) au pas k.
    # Keras 3 ignore `decay` : on écrit la même règle avec un calendrier InverseTimeDecay.
    pas_decroissant = keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=1, decay_rate=1e-7)
    optimiseurs = {
        "gradient classique": lambda: keras.optimizers.SGD(learning_rate=0.001),
        "gradient amélioré": lambda: keras.optimizers.SGD(learning_rate=pas_decroissant, momentum=0.9, nesterov=True),
        "adam": lambda: keras.optimizers.Adam(),
    }
    pertes = {}
    for nom, optimiseur in optimiseurs.items():
        modele.set_weights(poids_initiaux)
        modele.compile(loss="mean_squared_error", optimizer=optimiseur())
        pertes[nom] = entrainer_rapide(modele, X_train, Y_train, epochs)["loss"]
        print(f"{nom:<20} erreur après {epochs} époques : {pertes[nom][-1]:.4f}")
    Y_predict = evaluer_lot(modele, X_train)
    fig, ax = plt.subplots()
    ax.plot(X_train, Y_train, color="blue", label="f")
    ax.plot(X_train, Y_predict, color="red", label="réseau (adam)")
    ax.legend()
    chapitre.figure(fig, "ch10-une-variable")
    fig, ax = plt.subplots()
    for nom, p in pertes.items():
        ax.plot(p, label=nom)
    ax.set_yscale("log")
    ax.set_xlabel("époque")
    ax.set_ylabel("erreur")
    ax.legend()
    chapitre.figure(fig, "ch10-trois-optimiseurs")
    return {"parametres": modele.count_params(), "erreur_finale": {n: p[-1] for n, p in pertes.items()},
            "erreur_initiale": pertes["adam"][0]}


@chapitre.section("caracteristiques", duree="1 s")
def caracteristiques(options):
    """§3 — activations, poids d'un réseau 2 → 3 → 1, un pas de gradient avec get_weights_grad."""
    x = np.linspace(-4, 4, 200)
    fig, axes = plt.subplots(2, 2, figsize=(8, 6))
    for ax, (nom, titre) in zip(axes.ravel(), [("relu", "Fonction ReLU"), ("linear", "Fonction identité"),
                                                ("sigmoid", "Fonction sigmoïde"), ("tanh", "Fonction tanh")]):
        ax.plot(x, np.asarray(keras.activations.get(nom)(x)))
        ax.set_title(titre)
        ax.grid(True)
    chapitre.figure(fig, "ch10-activations")

    modele = Sequential([Input(shape=(2,)), Dense(3, activation="relu"), Dense(1, activation="relu")])
    delta = 0.001
    modele.compile(loss="mean_squared_error", optimizer=keras.optimizers.SGD(learning_rate=delta))
    poids_avant = [np.array([[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]), np.array([-1.0, -2.0, -3.0]),
                   np.array([[7.0], [8.0], [9.0]]), np.array([-4.0])]
    modele.set_weights(poids_avant)
    X_train, Y_train = np.ones((4, 2)), np.ones((4, 1))
    print("Sortie du réseau en (1, 1) :", evaluation(modele, 1, 1))
    gradient = get_weights_grad(modele, X_train, Y_train)
    print("Gradient :", [g.tolist() for g in gradient])
    poids_apres = [poids_avant[i] - delta * gradient[i] for i in range(len(poids_avant))]
    erreur = modele.train_on_batch(X_train, Y_train)
    identiques = all(np.allclose(a, b, atol=1e-5) for a, b in zip(poids_apres, modele.get_weights()))
    print("Erreur avant le pas :", erreur, "— poids après un pas de SGD =", [np.round(w, 3).tolist() for w in poids_apres])
    print("Le pas « à la main » w − δ·gradient égale celui de Keras :", identiques)
    return {"gradient": [g.tolist() for g in gradient], "poids_apres": [w.tolist() for w in poids_apres],
            "erreur": float(erreur), "identiques": identiques}


@chapitre.section("deux-variables", duree="1 s")
def deux_variables(options):
    """§4 — approcher f(x, y) = x cos y sur [−4, 4]² (625 points), 1000 pas de gradient plein lot."""
    n = 25
    VX, VY = np.linspace(-4.0, 4.0, n), np.linspace(-4.0, 4.0, n)
    X, Y = np.meshgrid(VX, VY)
    Z = X * np.cos(Y)
    entree = np.append(X.reshape(-1, 1), Y.reshape(-1, 1), axis=1)
    sortie = Z.reshape(-1, 1)
    modele = Sequential([Input(shape=(2,))] + [Dense(10, activation="relu") for _ in range(3)]
                        + [Dense(1, activation="linear")])
    modele.compile(loss="mean_squared_error", optimizer=keras.optimizers.SGD(learning_rate=0.01))
    # 1000 × train_on_batch(entree, sortie) : 1000 pas plein lot, en une boucle compilée
    pertes = entrainer_rapide(modele, entree, sortie, options.choisir(1000, 200))["loss"]
    print(f"Erreur : {pertes[0]:.4f} au départ, {pertes[-1]:.4f} après {len(pertes)} pas")
    ZZ = evaluer_lot(modele, entree).reshape(Z.shape)
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, color="blue", alpha=0.7)
    ax.plot_surface(X, Y, ZZ, color="red", alpha=0.7)
    chapitre.figure(fig, "ch10-deux-variables")
    return {"parametres": modele.count_params(), "erreur_initiale": pertes[0], "erreur_finale": pertes[-1]}


def imdb_vecteurs(options, nb_mots_total=1000):
    (X_train_data, Y_train), (X_test_data, Y_test) = charger_imdb(
        num_words=nb_mots_total, n_train=options.choisir(None, 2000), n_test=options.choisir(None, 2000),
        graine=options.graine)
    return (X_train_data, Y_train), (X_test_data, Y_test)


def reseau_critiques(nb_mots_total, p):
    modele = Sequential([Input(shape=(nb_mots_total,))] + [Dense(p, activation="relu") for _ in range(3)]
                        + [Dense(1, activation="sigmoid")])
    modele.compile(loss="binary_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return modele


@chapitre.section("imdb", duree="30 s, + 10 s la 1re fois (rapide : 5 s)")
def imdb(options):
    """§5 — critiques IMDB : mots codés, vecteurs « multi-hot », réseau 1000 → 5 → 5 → 5 → 1."""
    # Le codage sur l'exemple jouet du livre (10 mots les plus fréquents)
    mots = ["film", "bon", "mauvais", "voir", "éviter", "très", "bien", "mal", "moyen", "super"]
    indices = {m: i + 1 for i, m in enumerate(mots)}
    codes, vecteurs = [], []
    for phrase in ["bon film à voir absolument", "début moyen mais après c'est très mauvais",
                   "film drôle et émouvant on passe un bon moment",
                   "bon acteur mais mauvais film", "bon film mais mauvais acteur"]:
        code = [indices[m] for m in phrase.split() if m in indices]
        vecteur = vectoriser_sequences([[c - 1 for c in code]], 10)[0].astype(int).tolist()
        print(f"« {phrase} » → {code} → {vecteur}")
        codes.append(code)
        vecteurs.append(vecteur)
    print("Ordre et répétitions sont perdus : les deux dernières critiques ont le même vecteur :",
          vecteurs[3] == vecteurs[4])

    nb_mots_total = 1000
    (X_train_data, Y_train), (X_test_data, Y_test) = imdb_vecteurs(options, nb_mots_total)
    index_mots = indice_mots_imdb()
    num = min(123, len(X_train_data) - 1)
    print(f"Critique n°{num} :\n", decoder_critique(X_train_data[num], index_mots))
    print("Note 0 (négatif) ou 1 (positif) ? :", Y_train[num])
    X_train = vectoriser_sequences(X_train_data, nb_mots_total)
    X_test = vectoriser_sequences(X_test_data, nb_mots_total)
    modele = reseau_critiques(nb_mots_total, 5)
    modele.fit(X_train, Y_train, epochs=options.choisir(10, 2), batch_size=32, verbose=options.verbeux)
    perte, precision = modele.evaluate(X_test, Y_test, verbose=0)
    print(f"Précision sur les critiques de test : {precision:.1%} (livre : 80 à 85 %)")
    i = min(111, len(X_test_data) - 1)
    probabilite = float(modele.predict(X_test[i:i + 1], verbose=0)[0, 0])
    print(f"Critique de test n°{i} : attendu {Y_test[i]}, prédit {probabilite:.2f}\n",
          decoder_critique(X_test_data[i], index_mots)[:300], "…")
    grand = reseau_critiques(5000, 10)
    return {"codes_jouets": codes, "vecteurs_jouets": vecteurs, "parametres": modele.count_params(),
            "parametres_5000_p10": grand.count_params(), "precision_test": float(precision)}


@chapitre.section("imdb-surapprentissage", duree="75 s (rapide : 5 s)")
def imdb_surapprentissage(options):
    """§5 — sur-apprentissage : précision et erreur, entraînement contre test, époque par époque."""
    (X_train_data, Y_train), (X_test_data, Y_test) = imdb_vecteurs(options)
    X_train, X_test = vectoriser_sequences(X_train_data, 1000), vectoriser_sequences(X_test_data, 1000)
    modele = reseau_critiques(1000, 5)
    epochs = options.choisir(30, 3)
    h = modele.fit(X_train, Y_train, epochs=epochs, batch_size=32, validation_data=(X_test, Y_test),
                   verbose=options.verbeux).history
    for cle, nom in (("accuracy", "précision"), ("loss", "erreur")):
        fig, ax = plt.subplots()
        ax.plot(range(1, epochs + 1), h[cle], label=f"{nom} sur données d'apprentissage")
        ax.plot(range(1, epochs + 1), h[f"val_{cle}"], label=f"{nom} sur données de test")
        ax.set_xlabel("époque")
        ax.set_ylabel(nom)
        ax.legend()
        chapitre.figure(fig, f"ch10-imdb-surapprentissage-{cle}")
    meilleure = int(np.argmin(h["val_loss"])) + 1
    print(f"Erreur de test minimale à l'époque {meilleure} (livre : vers l'époque 5) ; précision "
          f"d'entraînement finale {h['accuracy'][-1]:.1%}, de test {h['val_accuracy'][-1]:.1%} : l'écart "
          "entre les deux courbes est le sur-apprentissage")
    return {"historique": h, "epoque_meilleure_erreur_test": meilleure}


@chapitre.section("cifar10-dense", duree="20 s par 20 000 images (rapide : 3 s)")
def cifar10_dense(options):
    """§6 — images CIFAR-10 avec un réseau dense : le constat d'échec (moins de 50 %)."""
    (X_train_data, Y_train_data), (X_test_data, Y_test_data) = charger_cifar10(
        n_train=options.choisir(None, 2000), n_test=options.choisir(None, 1000), graine=options.graine)
    chapitre.figure(affichage_images(X_train_data[:9], [NOMS_CIFAR10[int(y)] for y in Y_train_data[:9, 0]],
                                     colonnes=3), "ch10-cifar10-images")
    X_train = X_train_data.reshape(len(X_train_data), 32 * 32 * 3).astype("float32") / 255
    X_test = X_test_data.reshape(len(X_test_data), 32 * 32 * 3).astype("float32") / 255
    Y_train = keras.utils.to_categorical(Y_train_data, 10)
    Y_test = keras.utils.to_categorical(Y_test_data, 10)
    modele = Sequential([Input(shape=(32 * 32 * 3,))] + [Dense(30, activation="sigmoid") for _ in range(4)]
                        + [Dense(10, activation="softmax")])
    modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    print("Nombre de poids :", modele.count_params(), "(le livre dit « 100 000 »)")
    modele.fit(X_train, Y_train, epochs=options.choisir(10, 1), batch_size=32, verbose=options.verbeux)
    perte, precision = modele.evaluate(X_test, Y_test, verbose=0)
    print(f"Test erreur (loss) : {perte:.3f} — Test précision (accuracy) : {precision:.1%} : "
          "moins de 50 %, il faut une autre approche (la convolution, chapitre 14)")
    Y_predict = modele.predict(X_test[:9], verbose=0)
    chapitre.figure(affichage_predictions(X_test_data[:9], Y_test_data[:9, 0], Y_predict.argmax(axis=1),
                                          Y_predict.max(axis=1), NOMS_CIFAR10), "ch10-cifar10-predictions")
    return {"parametres": modele.count_params(), "precision_test": float(precision)}


if __name__ == "__main__":
    chapitre.lancer()
