# %% [markdown]
# # Chapitre 10 — Python : tensorflow avec keras (partie 2)
#
# Après la rétropropagation faite à la main, place à des exemples de la vie courante :
# en quelques lignes, keras importe les données, construit un réseau à plusieurs
# couches, fait la descente de gradient et mesure le résultat. Le chapitre reconnaît
# des chiffres manuscrits (MNIST), approche des fonctions d'une et de deux variables,
# passe en revue les réglages de keras (activations, poids, gradient), classe des
# critiques de films (IMDB), puis constate l'échec d'un réseau dense sur des photos
# (CIFAR-10).
#
# Le livre appelle « précision » la proportion de bonnes réponses (*accuracy*) ; on
# l'appelle ici **exactitude**, car keras a une autre métrique nommée `Precision`.
#
# Durée : environ 12 minutes en version complète (dont 7 pour le tableau selon la
# largeur du réseau) ; moins d'une minute avec `rapide=True` (petits sous-ensembles,
# une ou deux époques).

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
from keras_facile import *
from keras_facile.donnees import (charger_cifar10, charger_imdb, charger_mnist, decoder_critique, indice_mots_imdb,
                                  vectoriser_sequences, NOMS_CIFAR10)
from keras_facile.entrainement import entrainer_rapide
from keras_facile.images import affichage_images, affichage_predictions
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)


# %%
# Les réseaux que plusieurs sections entraînent.
def reseau_chiffres(p):
    """Partie B du livre : 784 → p → p → 10 (sigmoïde, puis softmax), sgd, exactitude mesurée."""
    modele = Sequential()
    modele.add(Input(shape=(784,)))                  # un vecteur-image de 28 × 28 = 784 valeurs
    modele.add(Dense(p, activation="sigmoid"))       # première couche : p neurones
    modele.add(Dense(p, activation="sigmoid"))       # deuxième couche : p neurones
    modele.add(Dense(10, activation="softmax"))      # sortie : 10 neurones, un par chiffre
    modele.compile(loss="categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return modele


def reseau_critiques(nb_mots_total, p):
    """Le réseau des critiques : nb_mots_total → p → p → p (ReLU) → 1 (sigmoïde)."""
    modele = Sequential([Input(shape=(nb_mots_total,))] + [Dense(p, activation="relu") for _ in range(3)]
                        + [Dense(1, activation="sigmoid")])
    modele.compile(loss="binary_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return modele


# %% [markdown]
# ## §1 — Reconnaissance de chiffres (MNIST)
#
# La base MNIST : 60 000 images d'apprentissage et 10 000 de test, des chiffres écrits
# à la main, de 28 × 28 pixels en 256 niveaux de gris. Chaque image devient un
# « vecteur-image » de taille 784 ramené dans [0, 1] (division par 255), chaque chiffre
# une liste de 10 nombres avec un seul 1 (`to_categorical`). Le réseau 784 → 8 → 8 → 10
# renvoie 10 probabilités ; on l'entraîne par descente de gradient stochastique, par lots
# de 32, pendant 40 époques. On le juge sur les données de test, jamais vues pendant
# l'apprentissage, par son exactitude (l'erreur, elle, ne sert qu'à la descente).

# %%
lecon.section("mnist", duree="1.5 min (rapide : 5 s)")
N_TRAIN = lecon.taille(None, rapide=3000)   # None : les 60 000 images
N_TEST = lecon.taille(None, rapide=1000)    # None : les 10 000 images
EPOQUES = lecon.taille(40, rapide=2)

# Partie A — les données
(X_train_data, Y_train_data), (X_test_data, Y_test_data) = charger_mnist(n_train=N_TRAIN, n_test=N_TEST,
                                                                         graine=lecon.graine)
print("Données :", X_train_data.shape, Y_train_data.shape, "— test :", X_test_data.shape)
N = X_train_data.shape[0]
X_train = np.reshape(X_train_data, (N, 784)) / 255                           # vecteur-image, normalisé
X_test = np.reshape(X_test_data, (X_test_data.shape[0], 784)) / 255
Y_train = keras.utils.to_categorical(Y_train_data, num_classes=10)           # 3 → (0, 0, 0, 1, 0, …, 0)
Y_test = keras.utils.to_categorical(Y_test_data, num_classes=10)
fig_donnees = affichage_images(X_train_data[:10], [f"Attendu {y}" for y in Y_train_data[:10]], cmap="Greys")
lecon.figure(fig_donnees, "ch10-mnist-donnees")

# %%
# Partie B — le réseau, partie C — la descente de gradient
modele = reseau_chiffres(8)
modele.summary()
lecon.comparer("nombre de poids", modele.count_params(), livre=6442)
modele.fit(X_train, Y_train, batch_size=32, epochs=EPOQUES, verbose=lecon.verbeux)

# %%
# Partie D — les résultats, sur les données de test
resultat = modele.evaluate(X_test, Y_test, verbose=0)
print("Valeur de l'erreur sur les données de test (loss) :", resultat[0])
print("Exactitude sur les données de test (accuracy) :", resultat[1])
lecon.comparer("exactitude test", resultat[1], livre="0.900", tol=0.01, note=f"{EPOQUES} époques ; 40 dans le livre")

# %%
Y_predict = modele.predict(X_test[:10], verbose=0)
predits = np.argmax(Y_predict, axis=1)           # le chiffre prédit : le rang de la plus grande probabilité
print("Sortie réseau pour l'image 0 :", np.round(Y_predict[0], 3))
lecon.comparer("somme des 10 probabilités", float(Y_predict[0].sum()), livre=1, tol=1e-5)
print("Chiffres attendus :", Y_test_data[:10].tolist(), "— prédits :", predits.tolist())
i = min(8, len(X_test) - 1)     # l'image que le livre examine (un 5 pris pour un 6)
print(f"Image {i} — sortie réseau :", np.round(Y_predict[i], 3), "— chiffre attendu :", Y_test_data[i],
      "— chiffre prédit :", predits[i])
fig_predictions = affichage_predictions(X_test_data[:10], Y_test_data[:10], predits, Y_predict.max(axis=1),
                                        [str(c) for c in range(10)], colonnes=5, cmap="Greys")
lecon.figure(fig_predictions, "ch10-mnist-predictions")

# %% [markdown]
# ## §1.3 — L'exactitude selon la largeur du réseau
#
# Le livre refait le calcul avec p = 8, 10, 20 puis 50 neurones sur chacune des deux
# couches cachées : plus de poids, meilleure exactitude (de 90 % à 94,4 % après 40
# époques). « Sans trop d'efforts », on approche 95 %. Les scripts du livre ajoutent
# p = 15 (12 175 poids).

# %%
lecon.section("mnist-largeur", duree="7 min (rapide : 8 s)")
N_TRAIN = lecon.taille(None, rapide=3000)
N_TEST = lecon.taille(None, rapide=1000)
EPOQUES = lecon.taille(40, rapide=1)

(X_train_data, Y_train_data), (X_test_data, Y_test_data) = charger_mnist(n_train=N_TRAIN, n_test=N_TEST,
                                                                         graine=lecon.graine)
X_train = np.reshape(X_train_data, (len(X_train_data), 784)) / 255
X_test = np.reshape(X_test_data, (len(X_test_data), 784)) / 255
Y_train = keras.utils.to_categorical(Y_train_data, num_classes=10)
Y_test = keras.utils.to_categorical(Y_test_data, num_classes=10)

# %%
livre = {8: "0.900", 10: "0.914", 20: "0.934", 50: "0.944"}    # exactitude test du livre (40 époques)
poids_livre = {8: 6442, 10: 8070, 20: 16330, 50: 42310}
tableau = {}
print(f"   p   neurones   poids   exactitude test ({EPOQUES} époques)   livre (40 époques)")
for p, attendu in livre.items():
    modele = reseau_chiffres(p)
    modele.fit(X_train, Y_train, batch_size=32, epochs=EPOQUES, verbose=0)
    exactitude = float(modele.evaluate(X_test, Y_test, verbose=0)[1])
    tableau[p] = {"neurones": 2 * p + 10, "poids": modele.count_params(), "exactitude": exactitude}
    print(f"{p:>4}   {2 * p + 10:>8}   {modele.count_params():>5}   {exactitude:>31.1%}   {float(attendu):>17.1%}")

# %%
for p, ligne in tableau.items():
    lecon.comparer(f"poids p = {p}", ligne["poids"], livre=poids_livre[p])
for p, ligne in tableau.items():
    lecon.comparer(f"exactitude test p = {p}", ligne["exactitude"], livre=livre[p], tol=0.01,
                   note=f"{EPOQUES} époque(s) ; 40 dans le livre")
# p = 15, dans les scripts du livre (92.6 % en test) : on compte ses poids sans l'entraîner
lecon.comparer("poids p = 15", reseau_chiffres(15).count_params(), livre=12175)

# %% [markdown]
# ## §2 — Approcher une fonction d'une variable ; trois descentes comparées
#
# Cent points de f(x) = cos 2x + x sin 3x + √x − 2 sur [0, 5] ; un réseau de 4 couches
# de 10 neurones (tanh) et un neurone de sortie (identité). Le livre utilise une
# descente « améliorée » : pas δ = 0.001 qui décroît selon α = 10⁻⁷, moment et
# accélération de Nesterov, un lot = toutes les données (4000 époques = 4000 pas). On la
# compare à la descente classique et à adam, en partant des mêmes poids : la méthode
# classique aurait besoin de bien plus d'itérations.

# %%
lecon.section("une-variable", duree="4 s (rapide : 2 s)")
EPOQUES = lecon.taille(4000, rapide=300)


def f(x):
    return np.cos(2 * x) + x * np.sin(3 * x) + x ** 0.5 - 2


a, b, N = 0, 5, 100
X = np.linspace(a, b, N)
X_train, Y_train = X.reshape(-1, 1), f(X).reshape(-1, 1)
modele = Sequential([Input(shape=(1,))] + [Dense(10, activation="tanh") for _ in range(4)]
                    + [Dense(1, activation="linear")])
lecon.comparer("nombre de poids", modele.count_params(), livre=361)     # script tf2_unevar.py
poids_initiaux = modele.get_weights()     # les trois descentes partent des mêmes poids

# %%
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
    # fit(X_train, Y_train, epochs=EPOQUES, batch_size=N), en une boucle compilée
    pertes[nom] = entrainer_rapide(modele, X_train, Y_train, EPOQUES)["loss"]
    print(f"{nom:<20} erreur après {EPOQUES} époques : {pertes[nom][-1]:.4f}")
for nom, p in pertes.items():
    lecon.comparer(f"erreur finale, {nom}", p[-1])

# %%
Y_predict = evaluer_lot(modele, X_train)      # le réseau entraîné en dernier (adam)
fig_approximation, ax = plt.subplots()
ax.plot(X_train, Y_train, color="blue", label="f")
ax.plot(X_train, Y_predict, color="red", label="réseau (adam)")
ax.legend()
lecon.figure(fig_approximation, "ch10-une-variable")

# %%
fig_pertes, ax = plt.subplots()
for nom, p in pertes.items():
    ax.plot(p, label=nom)
ax.set_yscale("log")
ax.set_xlabel("époque")
ax.set_ylabel("erreur")
ax.legend()
lecon.figure(fig_pertes, "ch10-trois-optimiseurs")

# %% [markdown]
# ## §3 — Quelques fonctionnalités de keras : activations, poids, gradient
#
# Les quatre activations du livre : ReLU, identité, sigmoïde, tanh. Puis les poids d'un
# réseau 2 → 3 → 1, rangés comme keras les range : coefficients de la couche 1 (une
# ligne par entrée, dans un ordre « contre-intuitif »), biais, coefficients de la
# couche 2, biais. `get_weights_grad` renvoie le gradient de l'erreur avec la même
# structure ; un pas de descente « à la main », poids − δ·gradient, donne exactement les
# poids que keras obtient avec `train_on_batch` (un pas de SGD).

# %%
lecon.section("caracteristiques", duree="1 s")
x = np.linspace(-4, 4, 200)
fig_activations, axes = plt.subplots(2, 2, figsize=(8, 6))
for ax, (nom, titre) in zip(axes.ravel(), [("relu", "Fonction ReLU"), ("linear", "Fonction identité"),
                                            ("sigmoid", "Fonction sigmoïde"), ("tanh", "Fonction tanh")]):
    ax.plot(x, np.asarray(keras.activations.get(nom)(x)))
    ax.set_title(titre)
    ax.grid(True)
lecon.figure(fig_activations, "ch10-activations")

# %%
modele = Sequential([Input(shape=(2,)), Dense(3, activation="relu"), Dense(1, activation="relu")])
delta = 0.001
modele.compile(loss="mean_squared_error", optimizer=keras.optimizers.SGD(learning_rate=delta))
poids_avant = [np.array([[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]),   # coefficients de la couche 1
               np.array([-1.0, -2.0, -3.0]),                    # biais de la couche 1
               np.array([[7.0], [8.0], [9.0]]),                 # coefficients de la couche 2
               np.array([-4.0])]                                # biais de la couche 2
modele.set_weights(poids_avant)
X_train, Y_train = np.ones((4, 2)), np.ones((4, 1))
print("Sortie du réseau en (1, 1) :", evaluation(modele, 1, 1))

# %%
gradient = get_weights_grad(modele, X_train, Y_train)
print("Gradient :", [g.tolist() for g in gradient])
poids_apres = [poids_avant[i] - delta * gradient[i] for i in range(len(poids_avant))]
erreur = modele.train_on_batch(X_train, Y_train)     # un pas de descente de gradient par keras
identiques = all(np.allclose(a, b, atol=1e-5) for a, b in zip(poids_apres, modele.get_weights()))
print("Erreur avant le pas :", erreur, "— poids après un pas de SGD =", [np.round(w, 3).tolist() for w in poids_apres])
print("Le pas « à la main » w − δ·gradient égale celui de Keras :", identiques)

# %%
# Les nombres du script poids_gradient.py du livre
noms = ["coeff. couche 1", "biais couche 1", "coeff. couche 2", "biais couche 2"]
gradient_livre = [[[1694, 1936, 2178], [1694, 1936, 2178]], [1694, 1936, 2178], [[484], [1210], [1936]], [242]]
apres_livre = [[[-0.694, 1.064, 2.822], [0.306, 2.064, 3.822]], [-2.694, -3.936, -5.178], [[6.516], [6.790], [7.064]],
               [-4.242]]
for nom, g, attendu in zip(noms, gradient, gradient_livre):
    lecon.comparer(f"gradient, {nom}", np.ravel(g), livre=np.ravel(attendu).tolist())
for nom, w, attendu in zip(noms, poids_apres, apres_livre):
    lecon.comparer(f"après un pas, {nom}", np.ravel(w), livre=np.ravel(attendu).tolist())
lecon.comparer("erreur avant le pas", float(erreur))
lecon.comparer("pas à la main = pas de keras", identiques, livre=True)

# %% [markdown]
# ## §4 — Approcher une fonction de deux variables
#
# f(x, y) = x cos y sur une grille 25 × 25 de [−4, 4]², soit 625 points. Le réseau a
# 3 couches de 10 neurones ReLU et un neurone de sortie (identité). Chaque
# `train_on_batch` fait un pas de gradient sur toutes les données (une époque) ; on en
# fait 1000, ici dans une boucle compilée. La surface du réseau (rouge) se pose sur
# celle de f (bleue).

# %%
lecon.section("deux-variables", duree="1 s")
PAS = lecon.taille(1000, rapide=200)
n = 25
VX, VY = np.linspace(-4.0, 4.0, n), np.linspace(-4.0, 4.0, n)
X, Y = np.meshgrid(VX, VY)
Z = X * np.cos(Y)
entree = np.append(X.reshape(-1, 1), Y.reshape(-1, 1), axis=1)
sortie = Z.reshape(-1, 1)

# %%
modele = Sequential([Input(shape=(2,))] + [Dense(10, activation="relu") for _ in range(3)]
                    + [Dense(1, activation="linear")])
modele.compile(loss="mean_squared_error", optimizer=keras.optimizers.SGD(learning_rate=0.01))
lecon.comparer("nombre de poids", modele.count_params(), livre=261)     # script tf2_deuxvar.py
# PAS × train_on_batch(entree, sortie) : PAS pas plein lot, en une boucle compilée
pertes = entrainer_rapide(modele, entree, sortie, PAS)["loss"]
print(f"Erreur : {pertes[0]:.4f} au départ, {pertes[-1]:.4f} après {len(pertes)} pas")
lecon.comparer("erreur au départ", pertes[0])
lecon.comparer(f"erreur après {PAS} pas", pertes[-1], note=f"variance de f sur la grille : {Z.var():.4f}")

# %%
ZZ = evaluer_lot(modele, entree).reshape(Z.shape)
fig_surfaces = plt.figure()
ax = fig_surfaces.add_subplot(projection="3d")
ax.plot_surface(X, Y, Z, color="blue", alpha=0.7)
ax.plot_surface(X, Y, ZZ, color="red", alpha=0.7)
lecon.figure(fig_surfaces, "ch10-deux-variables")

# %% [markdown]
# ## §5 — Critiques de films (IMDB)
#
# Décider si une critique est positive (1) ou négative (0). Le codage, sur un exemple
# jouet : on garde les mots les plus fréquents (10 ici, 1000 en vrai), une critique
# devient la liste des numéros de ses mots, puis un vecteur de 0 et de 1 (un 1 en
# position i si le mot i apparaît). Ordre et répétitions se perdent : « bon acteur mais
# mauvais film » et « bon film mais mauvais acteur » ont le même vecteur. Malgré cela,
# un réseau de 16 neurones (5 + 5 + 5 + 1) atteint 80 à 85 % d'exactitude en 10 époques.

# %%
lecon.section("imdb", duree="30 s, + 10 s la 1re fois (rapide : 5 s)")
N_TRAIN = lecon.taille(None, rapide=2000)   # None : les 25 000 critiques
N_TEST = lecon.taille(None, rapide=2000)
EPOQUES = lecon.taille(10, rapide=2)

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
lecon.comparer("codes des 3 critiques", codes[:3], livre=[[2, 1, 4], [9, 6, 3], [1, 2]])
lecon.comparer("vecteur X", vecteurs[0], livre=[1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
lecon.comparer("vecteur X′", vecteurs[1], livre=[0, 0, 1, 0, 0, 1, 0, 0, 1, 0])
lecon.comparer("même vecteur pour les 2 dernières", vecteurs[3] == vecteurs[4], livre=True)

# %%
# Partie A — les vraies critiques : chacune est la liste des numéros de ses mots
nb_mots_total = 1000
(X_train_data, Y_train), (X_test_data, Y_test) = charger_imdb(num_words=nb_mots_total, n_train=N_TRAIN,
                                                              n_test=N_TEST, graine=lecon.graine)
index_mots = indice_mots_imdb()
num = min(123, len(X_train_data) - 1)
print(f"Critique n°{num} :\n", decoder_critique(X_train_data[num], index_mots))
print("Note 0 (négatif) ou 1 (positif) ? :", Y_train[num])
X_train = vectoriser_sequences(X_train_data, nb_mots_total)     # vecteurs de 0 et de 1
X_test = vectoriser_sequences(X_test_data, nb_mots_total)

# %%
# Parties B et C — le réseau 1000 → 5 → 5 → 5 → 1 et son entraînement
modele = reseau_critiques(nb_mots_total, 5)
lecon.comparer("neurones", sum(couche.units for couche in modele.layers), livre=16)
lecon.comparer("nombre de poids", modele.count_params())
modele.fit(X_train, Y_train, epochs=EPOQUES, batch_size=32, verbose=lecon.verbeux)

# %%
# Partie D — les résultats
perte, exactitude = modele.evaluate(X_test, Y_test, verbose=0)
print(f"Exactitude sur les critiques de test : {exactitude:.1%} (livre : 80 à 85 %)")
lecon.comparer("exactitude test", exactitude, livre="0.825", tol=0.03,
               note=f"livre : entre 80 % et 85 %, en % entiers ; {EPOQUES} époques, 10 dans le livre")
i = min(111, len(X_test_data) - 1)
probabilite = float(modele.predict(X_test[i:i + 1], verbose=0)[0, 0])
print(f"Critique de test n°{i} : attendu {Y_test[i]}, prédit {probabilite:.2f}\n",
      decoder_critique(X_test_data[i], index_mots)[:300], "…")
# Avec 5000 mots et 10 neurones par couche, le réseau a bien plus de poids
lecon.comparer("nombre de poids, 5000 mots et p = 10", reseau_critiques(5000, 10).count_params())

# %% [markdown]
# ## §5.3 — Le sur-apprentissage
#
# En prolongeant l'entraînement, l'exactitude sur les données d'apprentissage continue
# de monter (on pourrait atteindre 99,9 %), tandis que celle de test plafonne autour de
# 85 % ; l'erreur de test cesse de baisser après environ 5 époques. Le réseau apprend par
# cœur les données d'apprentissage sans mieux prévoir les autres : c'est le
# sur-apprentissage.

# %%
lecon.section("imdb-surapprentissage", duree="75 s (rapide : 5 s)")
N_TRAIN = lecon.taille(None, rapide=2000)
N_TEST = lecon.taille(None, rapide=2000)
EPOQUES = lecon.taille(30, rapide=3)

(X_train_data, Y_train), (X_test_data, Y_test) = charger_imdb(num_words=1000, n_train=N_TRAIN, n_test=N_TEST,
                                                              graine=lecon.graine)
X_train, X_test = vectoriser_sequences(X_train_data, 1000), vectoriser_sequences(X_test_data, 1000)
modele = reseau_critiques(1000, 5)
# validation_data : keras mesure aussi l'erreur et l'exactitude de test à la fin de chaque époque
h = modele.fit(X_train, Y_train, epochs=EPOQUES, batch_size=32, validation_data=(X_test, Y_test),
               verbose=lecon.verbeux).history

# %%
epoques = range(1, EPOQUES + 1)
fig_exactitude, ax = plt.subplots()
ax.plot(epoques, h["accuracy"], label="exactitude sur données d'apprentissage")
ax.plot(epoques, h["val_accuracy"], label="exactitude sur données de test")
ax.set_xlabel("époque")
ax.set_ylabel("exactitude")
ax.legend()
lecon.figure(fig_exactitude, "ch10-imdb-surapprentissage-accuracy")

# %%
fig_erreur, ax = plt.subplots()
ax.plot(epoques, h["loss"], label="erreur sur données d'apprentissage")
ax.plot(epoques, h["val_loss"], label="erreur sur données de test")
ax.set_xlabel("époque")
ax.set_ylabel("erreur")
ax.legend()
lecon.figure(fig_erreur, "ch10-imdb-surapprentissage-loss")

# %%
meilleure = int(np.argmin(h["val_loss"])) + 1
print(f"Erreur de test minimale à l'époque {meilleure} (livre : vers l'époque 5) ; exactitude "
      f"d'entraînement finale {h['accuracy'][-1]:.1%}, de test {h['val_accuracy'][-1]:.1%} : l'écart "
      "entre les deux courbes est le sur-apprentissage")
lecon.comparer("époque de l'erreur de test minimale", meilleure,
               note=f"sur {EPOQUES} époques ; le livre : vers l'époque 5, sur 30")
lecon.comparer("exactitude de test finale", h["val_accuracy"][-1], livre="0.85", tol=0.02,
               note="le livre : « fluctue autour de 85 % »")

# %% [markdown]
# ## §6 — Reconnaissance d'images (CIFAR-10) : un constat d'échec
#
# 60 000 photos en couleur de 32 × 32 pixels (32 × 32 × 3 nombres entre 0 et 255), en
# 10 catégories : avion, auto, oiseau, chat, biche, chien, grenouille, cheval, bateau,
# camion. Même avec 4 couches de 30 neurones, adam et beaucoup d'époques, un réseau
# dense reste sous 50 % d'exactitude : il faut une nouvelle approche, la convolution
# (chapitre 14).
#
# Les images de test de `../shared/data` ne sont pas toutes exactes (1 000 sur 5 000 ;
# les autres viennent de copies JPEG) : l'exactitude est donnée d'abord sur les images
# exactes, puis sur toutes.

# %%
lecon.section("cifar10-dense", duree="20 s par 20 000 images (rapide : 3 s)")
N_TRAIN = lecon.taille(None, rapide=2000)   # None : tout le jeu d'entraînement disponible
N_TEST = lecon.taille(None, rapide=1000)
EPOQUES = lecon.taille(10, rapide=1)

# exact : vrai pour les images de test aux pixels exacts (voir la partie D)
(X_train_data, Y_train_data), (X_test_data, Y_test_data), exact = charger_cifar10(
    n_train=N_TRAIN, n_test=N_TEST, graine=lecon.graine, masque_exact=True)
fig_images = affichage_images(X_train_data[:9], [NOMS_CIFAR10[int(y)] for y in Y_train_data[:9, 0]], colonnes=3)
lecon.figure(fig_images, "ch10-cifar10-images")
X_train = X_train_data.reshape(len(X_train_data), 32 * 32 * 3).astype("float32") / 255
X_test = X_test_data.reshape(len(X_test_data), 32 * 32 * 3).astype("float32") / 255
Y_train = keras.utils.to_categorical(Y_train_data, 10)
Y_test = keras.utils.to_categorical(Y_test_data, 10)

# %%
modele = Sequential([Input(shape=(32 * 32 * 3,))] + [Dense(30, activation="sigmoid") for _ in range(4)]
                    + [Dense(10, activation="softmax")])
modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
print("Nombre de poids :", modele.count_params(), "(le livre dit « 100 000 »)")
lecon.comparer("nombre de poids", modele.count_params(), livre=95290,
               note="script tf2_images.py ; le texte du livre dit « 100 000 »")
modele.fit(X_train, Y_train, epochs=EPOQUES, batch_size=32, verbose=lecon.verbeux)

# %%
# Partie D — les résultats. Dans le CIFAR-10 de ../shared/data, seules 1 000 des 5 000 images de
# test sont exactes ; les autres ont été décodées depuis des copies JPEG (pixels décalés d'environ
# 6/255). L'exactitude se donne d'abord sur les images exactes, puis sur toutes.
_, exactitude_exactes = modele.evaluate(X_test[exact], Y_test[exact], verbose=0)
perte, exactitude = modele.evaluate(X_test, Y_test, verbose=0)
if not exact.all():
    print(f"Exactitude sur les {int(exact.sum())} images de test exactes : {exactitude_exactes:.1%} "
          f"(sur les {len(exact)} : {exactitude:.1%} ; les autres sont décodées depuis des copies JPEG)")
print(f"Test erreur (loss) : {perte:.3f} — Test exactitude (accuracy) : {exactitude:.1%} : "
      "moins de 50 %, il faut une autre approche (la convolution, chapitre 14)")
lecon.comparer("exactitude test, images exactes", exactitude_exactes, note="le livre : moins de 50 %")
lecon.comparer("exactitude test, toutes les images", exactitude)
Y_predict = modele.predict(X_test[:9], verbose=0)
fig_predictions = affichage_predictions(X_test_data[:9], Y_test_data[:9, 0], Y_predict.argmax(axis=1),
                                        Y_predict.max(axis=1), NOMS_CIFAR10)
lecon.figure(fig_predictions, "ch10-cifar10-predictions")
