# %% [markdown]
# # Chapitre 14 — Convolution avec tensorflow/keras
#
# Ce que le chapitre montre : les réseaux convolutifs du livre avec Keras 3 —
# chiffres manuscrits (MNIST, 99 % après 5 époques dans le livre), images CIFAR-10
# (73 % sur le test après 10 époques), chats et chiens (photos 64 × 64, réseau
# c64-c64-c64-d32, grille « Attendu : chat / Prédit : chien ») et « ce que voit un
# réseau » (sorties des filtres pour une image, un filtre sur les dix chiffres).
# Chaque entraînement a sa recette améliorée (section `…-ameliore` : normalisation
# par lots, augmentation des données, réseau plus profond), dont l'exactitude est
# affichée à côté de celle du livre. Le livre dit « précision » pour l'exactitude
# (« accuracy », la part des images bien classées) ; nous disons *exactitude*, car
# la précision (`keras.metrics.Precision`) est une autre mesure.
#
# Les modèles entraînés sont enregistrés au format `.keras` dans le cache
# (`KERAS_FACILE_CACHE`, sinon `~/.cache/keras_facile/modeles`) ; la section
# `visualisation` réutilise le sien s'il existe. Les données viennent de
# `keras_facile.donnees` (`KERAS_FACILE_DATA`). Dans le CIFAR-10 préparé du projet,
# seules les 1 000 premières images de test sont exactes (les 4 000 autres sont
# décodées de copies JPEG) : l'exactitude sur le test est donnée d'abord sur les
# images exactes, puis sur tout le test.
#
# Durée : environ 1 h 20 en entier sur un processeur à 2 cœurs (sur les
# sous-ensembles de ../shared/data : CIFAR-10 20 000 images, chats/chiens 4 000) ;
# moins d'une minute en mode rapide.

# %%
# Réglages : rapide=True pour une version courte ; figures="dossier" pour enregistrer les figures en PNG.
import functools
import warnings

from keras_facile import *
from keras_facile import reseaux_convolutifs as rc
from keras_facile.cartes_activation import cartes_activation
from keras_facile.donnees import NOMS_CIFAR10, charger_chats_chiens, charger_cifar10, charger_mnist
from keras_facile.images import affichage_images, affichage_predictions
from keras_facile.lecon import demarrer_lecon
from keras_facile.pont_conv2d import convolution_keras
from keras_facile.recettes import (chemin_modele, enregistrer_modele, entrainer_recette_amelioree, evaluer_test,
                                   phrase_exactitude, relire_modele)

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)

# %%
# Les outils de toutes les sections : charger et préparer les données, enregistrer un modèle,
# dessiner une grille de prédictions.
to_categorical = keras.utils.to_categorical
tf.get_logger().setLevel("ERROR")          # pas d'avertissements de retraçage entre les sections
warnings.filterwarnings("ignore", message="`shuffle=True` was passed")   # un Dataset est déjà mélangé


@functools.lru_cache(maxsize=None)
def charger(nom):
    """Charge un jeu une fois par exécution (les sections MNIST et CIFAR-10 partagent leurs données)."""
    return charger_mnist() if nom == "mnist" else charger_cifar10(masque_exact=True)


def images_mnist(n_train, n_test):
    """Le listing du §1.3 : images (N, 28, 28, 1) dans [0, 1], étiquettes en « one-hot » ;
    les n_train / n_test premières images (None : toutes). Renvoie aussi les chiffres du test."""
    (x, y), (xt, yt) = charger("mnist")
    x, y, xt, yt = x[:n_train], y[:n_train], xt[:n_test], yt[:n_test]
    X = (np.reshape(x, (len(x), 28, 28, 1)) / 255).astype("float32")
    X_test = (np.reshape(xt, (len(xt), 28, 28, 1)) / 255).astype("float32")
    return X, to_categorical(y, num_classes=10), X_test, to_categorical(yt, num_classes=10), yt


def images_cifar10(n_train, n_test):
    """CIFAR-10 (32, 32, 3) dans [0, 1], étiquettes en « one-hot », classes du test, et le
    masque des images de test exactes."""
    (x, y), (xt, yt), exact = charger("cifar10")
    x, y, xt, yt, exact = x[:n_train], y[:n_train], xt[:n_test], yt[:n_test], exact[:n_test]
    return ((x / 255).astype("float32"), to_categorical(y, 10), (xt / 255).astype("float32"),
            to_categorical(yt, 10), yt.ravel(), exact)


def en_tableaux(ds):
    """Toutes les images et étiquettes d'un tf.data en deux tableaux numpy."""
    xs, ys = zip(*((np.asarray(x), np.asarray(y)) for x, y in ds))
    return np.concatenate(xs).astype("float32"), np.concatenate(ys).reshape(-1, 1).astype("float32")


def enregistrer(modele, nom):
    """Enregistre le modèle entraîné dans le cache (jamais dans le dépôt), d'un seul coup (nom
    temporaire puis renommage) ; le nom dépend du mode rapide et de la graine."""
    chemin = enregistrer_modele(modele, chemin_modele(nom, rapide=lecon.rapide, graine=lecon.graine))
    print(f"modèle enregistré : {chemin}")
    return chemin


def grille_cifar(modele, X_test, y_test, n=9):
    Y = modele.predict(X_test[:n], verbose=0)
    return affichage_predictions(X_test[:n], y_test[:n], Y.argmax(axis=1), Y.max(axis=1), NOMS_CIFAR10)


def grille_chats_chiens(modele, ds_test, n=9):
    x, y = next(iter(ds_test))
    x, y = np.asarray(x)[:n], np.asarray(y).ravel()[:n].astype(int)
    p = modele.predict(x, verbose=0).ravel()                    # probabilité « chien »
    predit = (p > 0.5).astype(int)
    certitude = np.where(predit == 1, p, 1 - p)
    return affichage_predictions(x, y, predit, certitude, ["chat", "chien"])


# %% [markdown]
# ## §1.2–§4 — Les réseaux du livre et leurs poids ; Conv2D calcule une corrélation
#
# Chaque réseau du chapitre, construit avec Keras, a exactement le nombre de poids
# que le livre calcule à la main (MNIST : 320 + 4 624 + 0 + 125 450 = 130 394). Une
# couche `Conv2D` calcule une *corrélation* (le motif n'est pas retourné) : en lui
# donnant le motif retourné M[::-1, ::-1], on retrouve la convolution A ⋆ M du chapitre 12.

# %%
lecon.section("architectures", duree="2 s")
modeles = {
    "mnist": rc.modele_mnist_convolution(),
    "cifar10": rc.modele_cifar10_convolution(),
    "cifar10_sans_pooling": rc.modele_cifar10_convolution(pooling=False),
    "chats_chiens": rc.modele_chats_chiens(),
    "chats_chiens_c16_c32_c32": rc.modele_chats_chiens(filtres=(16, 32, 32)),
    "visualisation": rc.modele_mnist_visualisation(),
}
modeles["mnist"].summary()
poids = {nom: int(m.count_params()) for nom, m in modeles.items()}
for nom, n in poids.items():
    print(f"  {nom:<28} {n:>8} poids")
couches_mnist = [int(c.count_params()) for c in modeles["mnist"].layers]
print("couche par couche (MNIST) :", couches_mnist)
lecon.comparer("poids MNIST, couche par couche", couches_mnist, livre=[320, 4624, 0, 125450])
for nom, livre in (("mnist", 130394), ("cifar10", 153546), ("cifar10_sans_pooling", 767946),
                   ("chats_chiens", 206785), ("chats_chiens_c16_c32_c32", 79937)):
    lecon.comparer(f"poids {nom}", poids[nom], livre=livre)
lecon.comparer("poids visualisation", poids["visualisation"])

# %%
# le pont livre ↔ Keras
A = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
M = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])
meme = convolution_keras(A, M, padding="same")
restreinte = convolution_keras(A, M, padding="valid")
correlation = convolution_keras(A, M, retourner=False)
print("Conv2D avec le noyau M[::-1, ::-1] → A ⋆ M du livre :\n", meme.astype(int))
print("… en padding 'valid' :\n", restreinte.astype(int))
print("Conv2D avec le noyau M tel quel → la corrélation :\n", correlation.astype(int))
lecon.comparer("Conv2D, noyau retourné = A ⋆ M", meme.astype(int).tolist(),
               livre=[[5, 9, 10, 0], [7, 17, 19, 16], [10, 12, 11, 0], [5, 10, 13, 5]])
lecon.comparer("… en padding 'valid'", restreinte.astype(int).tolist(), livre=[[17, 19], [12, 11]])
lecon.comparer("Conv2D, noyau M = corrélation", correlation.astype(int).tolist())

# %% [markdown]
# ## §1 — MNIST : Conv 32 → Conv 16 → Dense 10, adam, 5 époques
#
# Les chiffres restent des images 28 × 28 (forme (28, 28, 1) : un seul canal, gris).
# Deux couches de convolution, une couche dense de sortie ; le livre obtient 99 %
# d'exactitude sur le test après 5 époques (95 % pour le réseau dense du chapitre 10).

# %%
lecon.section("mnist", duree="1 min 30 s (rapide : 2 s)")
EPOQUES = lecon.taille(5, rapide=1)
N_TRAIN, N_TEST = lecon.taille((None, None), rapide=(512, 256))     # None : tout le jeu
X_train, Y_train, X_test, Y_test, y_test = images_mnist(N_TRAIN, N_TEST)

# %%
modele = rc.modele_mnist_convolution()
modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
modele.fit(X_train, Y_train, batch_size=32, epochs=EPOQUES, verbose=lecon.verbeux)
score = modele.evaluate(X_test, Y_test, verbose=0)
print("Test loss:", score[0])
exactitude_test = float(score[1])
lecon.comparer("exactitude sur le test (%)", 100 * exactitude_test, livre=99, tol=0.5,
               note="livre : après 5 époques sur 60 000 images")

# %%
Y = modele.predict(X_test[:10], verbose=0)
titres = [f"Attendu {y_test[i]} - Prédit {np.argmax(Y[i])} ({100 * Y[i].max():.0f}%)" for i in range(len(Y))]
lecon.figure(affichage_images(X_test[:10], titres, colonnes=5, cmap="Greys", figsize=(13, 6)),
             "ch14-mnist-predictions")
enregistrer(modele, "mnist_convolution")

# %% [markdown]
# ## §1 plus loin — MNIST : la recette améliorée
#
# Au-delà du livre : deux blocs [Conv-BN-ReLU ×2 → Max 2×2 → Dropout], une couche
# Dense 128, un taux d'apprentissage qui décroît en cosinus ; 10 % de l'entraînement
# est gardé pour la validation (le test ne sert jamais à régler), le test est mesuré
# une seule fois à la fin.

# %%
lecon.section("mnist-ameliore", duree="5 min (rapide : 3 s)")
EPOQUES = lecon.taille(5, rapide=1)
N_TRAIN, N_TEST = lecon.taille((None, None), rapide=(512, 256))
X_train, Y_train, X_test, Y_test, y_test = images_mnist(N_TRAIN, N_TEST)
modele = rc.modele_mnist_ameliore()
mesures = entrainer_recette_amelioree(modele, X_train, Y_train, X_test, Y_test, epochs=EPOQUES,
                                      verbose=lecon.verbeux)
exactitude_test, exactitude_validation = mesures["exactitude_test"], mesures["exactitude_validation"]
lecon.comparer("exactitude sur le test (%)", 100 * exactitude_test,
               note="le réseau du livre : 99 % après 5 époques")
enregistrer(modele, "mnist_ameliore")

# %% [markdown]
# ## §2 — CIFAR-10 : c64-c64-max-c64-max-c64 → Dense 10, adam, 10 époques
#
# Des images couleur 32 × 32 (forme (32, 32, 3)) de dix classes. Le max-pooling 2 × 2
# divise la taille des données par 4 : 153 546 poids au lieu de 767 946. Le livre
# obtient 82 % sur l'entraînement et 73 % sur le test après 10 époques (50 000 images).

# %%
lecon.section("cifar10", duree="6 min (rapide : 2 s)")
EPOQUES = lecon.taille(10, rapide=1)
N_TRAIN, N_TEST = lecon.taille((None, None), rapide=(256, 128))
X_train, Y_train, X_test, Y_test, y_test, exact = images_cifar10(N_TRAIN, N_TEST)

# %%
modele = rc.modele_cifar10_convolution()
modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
modele.fit(X_train, Y_train, batch_size=32, epochs=EPOQUES, verbose=lecon.verbeux)
mesures = evaluer_test(modele, X_test, Y_test, exact=exact)
print("exactitude sur le test :", phrase_exactitude(mesures))
lecon.comparer("exactitude test, images exactes (%)", 100 * mesures["exactitude_test_exactes"],
               livre=73, tol=0.5, note="livre : 82 % / 73 % après 10 époques sur 50 000 images")
lecon.comparer("exactitude test, toutes images (%)", 100 * mesures["exactitude_test"])

# %%
lecon.figure(grille_cifar(modele, X_test, y_test), "ch14-cifar10-predictions")
enregistrer(modele, "cifar10_convolution")

# %% [markdown]
# ## §2 plus loin — CIFAR-10 : la recette améliorée
#
# Au-delà du livre : augmentation des données (retournements, translations : des
# couches Keras actives seulement pendant l'entraînement), trois blocs Conv-BN ×2,
# moyenne globale au lieu d'une grande couche dense, 25 époques. Les images de test
# décodées de copies JPEG la gênent bien plus que le réseau du livre : regardez
# l'écart entre les deux chiffres.

# %%
lecon.section("cifar10-ameliore", duree="27 min (rapide : 4 s)")
EPOQUES = lecon.taille(25, rapide=1)
N_TRAIN, N_TEST = lecon.taille((None, None), rapide=(256, 128))
X_train, Y_train, X_test, Y_test, y_test, exact = images_cifar10(N_TRAIN, N_TEST)
modele = rc.modele_cifar10_ameliore()
mesures = entrainer_recette_amelioree(modele, X_train, Y_train, X_test, Y_test, epochs=EPOQUES,
                                      verbose=lecon.verbeux, exact=exact)
print("exactitude sur le test :", phrase_exactitude(mesures))
lecon.comparer("exactitude test, images exactes (%)", 100 * mesures["exactitude_test_exactes"],
               note="le réseau du livre : 73 % après 10 époques")
lecon.comparer("exactitude test, toutes images (%)", 100 * mesures["exactitude_test"])

# %%
lecon.figure(grille_cifar(modele, X_test, y_test), "ch14-cifar10-ameliore-predictions")
enregistrer(modele, "cifar10_ameliore")

# %% [markdown]
# ## §3 — Chats et chiens 64 × 64 : [c64-max-dropout] × 3 → d32 → 1, adam, 10 époques
#
# Des photos de tailles variées, ramenées à 64 × 64 par Keras et lues par lots de 32
# (chats = 0, chiens = 1, l'ordre alphabétique des dossiers). La nouveauté est le
# `Dropout(0.5)`. Le livre obtient 80 % après 10 époques et 85 % après une quarantaine.

# %%
lecon.section("chats-chiens", duree="2 min (rapide : 3 s)")
EPOQUES = lecon.taille(10, rapide=1)
LOTS_TRAIN, LOTS_TEST = lecon.taille((-1, -1), rapide=(4, 2))      # -1 : tous les lots
ds_train, ds_test, noms = charger_chats_chiens(taille=(64, 64), batch_size=32, melanger=True)
ds_train, ds_test = ds_train.take(LOTS_TRAIN), ds_test.take(LOTS_TEST)
x, y = next(iter(ds_train))
lecon.figure(affichage_images(np.asarray(x)[:9], ["Chien" if int(v) else "Chat" for v in np.ravel(y)[:9]],
                              colonnes=3, figsize=(7, 7.5)), "ch14-chats-chiens-entrainement")

# %%
modele = rc.modele_chats_chiens()
modele.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
historique = modele.fit(ds_train, epochs=EPOQUES, verbose=lecon.verbeux)
perte_test, exactitude_test = modele.evaluate(ds_test, verbose=0)
lecon.comparer("exactitude sur le test (%)", 100 * exactitude_test, livre=81, tol=0.5,
               note="livre : 80 % / 81 % après 10 époques, 85 % après une quarantaine (20 000 images)")

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(np.arange(1, len(historique.history["accuracy"]) + 1), historique.history["accuracy"], "o-")
ax.set_xlabel("époque")
ax.set_ylabel("exactitude (entraînement)")
ax.grid(True, alpha=0.3)
lecon.figure(fig, "ch14-chats-chiens-exactitude")
lecon.figure(grille_chats_chiens(modele, ds_test), "ch14-chats-chiens-predictions")
enregistrer(modele, "chats_chiens")

# %% [markdown]
# ## §3 plus loin (« À vous de jouer ! ») — Chats et chiens : la recette améliorée
#
# Augmentation forte (retournement, translation, rotation, zoom, contraste), quatre
# blocs Conv-BN ×2, moyenne globale, 60 époques ; au test, la probabilité est la
# moyenne de celles de l'image et de son miroir (un chat retourné reste un chat).

# %%
lecon.section("chats-chiens-ameliore", duree="35 à 40 min (rapide : 5 s)")
EPOQUES = lecon.taille(60, rapide=1)
TAILLE_LOT = lecon.taille(64, rapide=32)
LOTS_TRAIN, LOTS_TEST = lecon.taille((-1, -1), rapide=(4, 2))      # -1 : tous les lots
ds_train, ds_test, _ = charger_chats_chiens(taille=(64, 64), batch_size=32, melanger=True)
ds_train, ds_test = ds_train.take(LOTS_TRAIN), ds_test.take(LOTS_TEST)
x, y = en_tableaux(ds_train)                 # 4 000 images 64 × 64 : 200 Mo en mémoire
x_test, y_test = en_tableaux(ds_test)

# %%
modele = rc.modele_chats_chiens_ameliore()
mesures = entrainer_recette_amelioree(modele, x, y, x_test, y_test, epochs=EPOQUES, perte="binary_crossentropy",
                                      batch_size=TAILLE_LOT, verbose=lecon.verbeux, miroir=True)
exactitude_test, exactitude_test_miroir = mesures["exactitude_test"], mesures["exactitude_test_miroir"]
print(f"sans le miroir : {100 * exactitude_test:.1f} % ; avec : {100 * exactitude_test_miroir:.1f} %")
lecon.comparer("exactitude test avec miroir (%)", 100 * exactitude_test_miroir,
               note="le réseau du livre : 85 % après 40 époques")
lecon.figure(grille_chats_chiens(modele, ds_test), "ch14-chats-chiens-ameliore-predictions")
enregistrer(modele, "chats_chiens_ameliore")

# %% [markdown]
# ## §4 — Ce que voit un réseau
#
# Un petit réseau Conv 16 → Conv 16 → Max 2×2 → Dense 10 (33 850 poids), entraîné sur
# MNIST. Pour une image, chaque filtre d'une couche produit une image (clair : sortie
# forte) : on regarde les 16 filtres des couches 1, 2, 3 pour un 4 et un 9, puis un
# même filtre sur les dix chiffres. Ce que fait chaque filtre dépend de l'entraînement
# (aléatoire) : vos filtres ne ressembleront pas à ceux du livre.

# %%
lecon.section("visualisation", duree="1 min (rapide : 2 s ; 5 s si le modèle est en cache)")
EPOQUES = lecon.taille(5, rapide=1)
N_TRAIN, N_TEST = lecon.taille((None, None), rapide=(512, 256))
X_train, Y_train, X_test, Y_test, y_test = images_mnist(N_TRAIN, N_TEST)
chemin = chemin_modele("mnist_visualisation", rapide=lecon.rapide, graine=lecon.graine)
modele = relire_modele(chemin)                  # None s'il n'y est pas ou s'il est abîmé (réentraîné)
if modele is not None:
    print(f"modèle relu : {chemin}")
else:
    modele = rc.modele_mnist_visualisation()
    modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    modele.fit(X_train, Y_train, batch_size=32, epochs=EPOQUES, verbose=lecon.verbeux)
    enregistrer(modele, "mnist_visualisation")
exactitude_test = float(modele.evaluate(X_test, Y_test, verbose=0)[1])
lecon.comparer("exactitude sur le test (%)", 100 * exactitude_test, livre=99, tol=0.5,
               note="livre : entraîné « jusqu'à 99 % »")

# %%
# une image de chaque chiffre : celles du livre dans le test MNIST complet, sinon la première trouvée
LIVRE = [69, 57, 77, 63, 56, 59, 81, 64, 84, 62]
if len(y_test) > max(LIVRE) and [int(y_test[i]) for i in LIVRE] == list(range(10)):
    indices = LIVRE
else:
    indices = [int(np.flatnonzero(y_test == c)[0]) for c in range(10) if np.any(y_test == c)]
quatre, neuf = indices[4 % len(indices)], indices[9 % len(indices)]

# %%
formes = {}
for couche in (1, 2, 3):
    for nom, i in (("4", quatre), ("9", neuf)):
        cartes = cartes_activation(modele, couche - 1, X_test[i])
        formes[couche] = list(cartes.shape)
        fig = affichage_images([cartes[:, :, f] for f in range(cartes.shape[-1])],
                               [f"Filtre {f + 1}" for f in range(cartes.shape[-1])], colonnes=8,
                               cmap="hot", titre=f"Couche {couche} - chiffre {y_test[i]}", figsize=(12, 4))
        lecon.figure(fig, f"ch14-couche{couche}-chiffre{nom}")

# %%
filtre = 0
for couche in (1, 2):
    cartes = cartes_activation(modele, couche - 1, X_test[indices])
    fig = affichage_images([c[:, :, filtre] for c in cartes], [f"Chiffre {y_test[i]}" for i in indices],
                           colonnes=5, cmap="hot", titre=f"Couche {couche} - Filtre {filtre + 1}", figsize=(10, 5))
    lecon.figure(fig, f"ch14-couche{couche}-filtre{filtre + 1}-chiffres")
