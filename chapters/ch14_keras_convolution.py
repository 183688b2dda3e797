"""Chapitre 14 — Convolution avec tensorflow/keras.

Ce que le chapitre montre : les réseaux convolutifs du livre avec Keras 3 —
chiffres manuscrits (MNIST, 99 % après 5 époques dans le livre), images CIFAR-10
(73 % sur le test après 10 époques), chats et chiens (photos 64 × 64, réseau
c64-c64-c64-d32, grille « Attendu : chat / Prédit : chien ») et « ce que voit un
réseau » (sorties des filtres pour une image, un filtre sur les dix chiffres).
Chaque entraînement a sa recette améliorée (section ``…-ameliore`` : normalisation
par lots, augmentation des données, réseau plus profond), dont la précision est
affichée à côté de celle du livre.

Les modèles entraînés sont enregistrés au format ``.keras`` dans le cache
(``KERAS_FACILE_CACHE``, sinon ``~/.cache/keras_facile/modeles``) ; la section
``visualisation`` réutilise le sien s'il existe. Les données viennent de
``keras_facile.donnees`` (``KERAS_FACILE_DATA``). Durées mesurées sur un
processeur à 2 cœurs (sur les sous-ensembles de ../shared/data : CIFAR-10
20 000 images, chats/chiens 4 000).
"""
import functools
import warnings

from keras_facile import *
from keras_facile.chapitre import Chapitre
from keras_facile import reseaux_convolutifs as rc
from keras_facile.cartes_activation import cartes_activation
from keras_facile.donnees import NOMS_CIFAR10
from keras_facile.pont_conv2d import convolution_keras
from keras_facile.recettes import chemin_modele, entrainer_recette_amelioree
from keras_facile.images import affichage_images, affichage_predictions

chapitre = Chapitre(__doc__)

to_categorical = keras.utils.to_categorical
tf.get_logger().setLevel("ERROR")          # pas d'avertissements de retraçage entre les sections
warnings.filterwarnings("ignore", message="`shuffle=True` was passed")   # un Dataset est déjà mélangé


def _enregistrer(modele, nom, options):
    chemin = chemin_modele(nom, rapide=options.rapide)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    modele.save(chemin)
    print(f"modèle enregistré : {chemin}")
    return chemin


def _comparer(nom, precision, livre):
    print(f"{nom} : précision sur le test {100 * precision:.2f} %   (livre : {livre})")


# ---------------------------------------------------------------------------
# Données
# ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _charger(nom):
    """Charge une fois par exécution (les sections MNIST et CIFAR-10 partagent leurs données)."""
    from keras_facile import donnees

    return getattr(donnees, f"charger_{nom}")()


def _mnist(options, n_rapide=(512, 256)):
    (x, y), (xt, yt) = _charger("mnist")
    if options.rapide:
        x, y, xt, yt = x[:n_rapide[0]], y[:n_rapide[0]], xt[:n_rapide[1]], yt[:n_rapide[1]]
    X = (np.reshape(x, (len(x), 28, 28, 1)) / 255).astype("float32")
    X_test = (np.reshape(xt, (len(xt), 28, 28, 1)) / 255).astype("float32")
    return X, to_categorical(y, num_classes=10), X_test, to_categorical(yt, num_classes=10), yt


def _cifar10(options, n_rapide=(256, 128)):
    (x, y), (xt, yt) = _charger("cifar10")
    if options.rapide:
        x, y, xt, yt = x[:n_rapide[0]], y[:n_rapide[0]], xt[:n_rapide[1]], yt[:n_rapide[1]]
    return ((x / 255).astype("float32"), to_categorical(y, 10), (xt / 255).astype("float32"),
            to_categorical(yt, 10), yt.ravel())


def _chats_chiens(options, melanger=True):
    """Les deux tf.data du livre (64 × 64, lots de 32) ; en mode rapide, quelques lots."""
    from keras_facile.donnees import charger_chats_chiens

    ds_train, ds_test, noms = charger_chats_chiens(taille=(64, 64), batch_size=32, melanger=melanger)
    if options.rapide:
        ds_train, ds_test = ds_train.take(4), ds_test.take(2)
    return ds_train, ds_test, noms


def _en_tableaux(ds):
    xs, ys = zip(*((np.asarray(x), np.asarray(y)) for x, y in ds))
    return np.concatenate(xs).astype("float32"), np.concatenate(ys).reshape(-1, 1).astype("float32")


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------

@chapitre.section("architectures", duree="2 s")
def architectures(options):
    """§1.2–§4 — les réseaux du livre et leurs poids ; Conv2D calcule une corrélation (motif retourné)."""
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
    print("couche par couche (MNIST) :", [int(c.count_params()) for c in modeles["mnist"].layers])
    # le pont livre ↔ Keras
    A = np.array([[2, 1, 3, 0], [1, 1, 0, 5], [3, 3, 1, 0], [2, 0, 0, 2]])
    M = np.array([[1, 0, 2], [2, 1, 0], [1, 0, 3]])
    meme = convolution_keras(A, M, padding="same")
    restreinte = convolution_keras(A, M, padding="valid")
    correlation = convolution_keras(A, M, retourner=False)
    print("Conv2D avec le noyau M[::-1, ::-1] → A ⋆ M du livre :\n", meme.astype(int))
    print("… en padding 'valid' :\n", restreinte.astype(int))
    print("Conv2D avec le noyau M tel quel → la corrélation :\n", correlation.astype(int))
    return {"poids": poids, "couches_mnist": [int(c.count_params()) for c in modeles["mnist"].layers],
            "A*M": meme.astype(int).tolist(), "valid": restreinte.astype(int).tolist(),
            "correlation": correlation.astype(int).tolist()}


@chapitre.section("mnist", duree="1 min 30 s (rapide : 2 s)")
def mnist(options):
    """§1 — MNIST : Conv 32 → Conv 16 → Dense 10, adam, 5 époques ; ≈ 99 % dans le livre."""
    X_train, Y_train, X_test, Y_test, y_test = _mnist(options)
    modele = rc.modele_mnist_convolution()
    modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    modele.fit(X_train, Y_train, batch_size=32, epochs=options.choisir(5, 1), verbose=options.verbeux)
    score = modele.evaluate(X_test, Y_test, verbose=0)
    print("Test loss:", score[0])
    _comparer("MNIST, réseau du livre", score[1], "99 % après 5 époques")
    Y = modele.predict(X_test[:10], verbose=0)
    titres = [f"Attendu {y_test[i]} - Prédit {np.argmax(Y[i])} ({100 * Y[i].max():.0f}%)" for i in range(len(Y))]
    chapitre.figure(affichage_images(X_test[:10], titres, colonnes=5, cmap="Greys", figsize=(13, 6)),
                    "ch14-mnist-predictions")
    _enregistrer(modele, "mnist_convolution", options)
    return {"poids": int(modele.count_params()), "precision_test": float(score[1])}


@chapitre.section("mnist-ameliore", duree="5 min (rapide : 3 s)")
def mnist_ameliore(options):
    """§1 plus loin — MNIST : Conv-BN ×2 → Max → Conv-BN ×2 → Max → Dense 128, décroissance en cosinus."""
    X_train, Y_train, X_test, Y_test, _ = _mnist(options)
    modele = rc.modele_mnist_ameliore()
    m = entrainer_recette_amelioree(modele, X_train, Y_train, X_test, Y_test,
                                    epochs=options.choisir(5, 1), verbose=options.verbeux)
    _comparer("MNIST, recette améliorée", m["exactitude_test"], "99 % après 5 époques (réseau du livre)")
    _enregistrer(modele, "mnist_ameliore", options)
    return {"poids": int(modele.count_params()), "precision_test": m["exactitude_test"],
            "precision_validation": m["exactitude_validation"]}


def _grille_cifar(modele, X_test, y_test, n=9):
    Y = modele.predict(X_test[:n], verbose=0)
    return affichage_predictions(X_test[:n], y_test[:n], Y.argmax(axis=1), Y.max(axis=1), NOMS_CIFAR10)


@chapitre.section("cifar10", duree="6 min (rapide : 2 s)")
def cifar10(options):
    """§2 — CIFAR-10 : c64-c64-max-c64-max-c64 → Dense 10, adam, 10 époques ; 73 % dans le livre."""
    X_train, Y_train, X_test, Y_test, y_test = _cifar10(options)
    modele = rc.modele_cifar10_convolution()
    modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    modele.fit(X_train, Y_train, batch_size=32, epochs=options.choisir(10, 1), verbose=options.verbeux)
    score = modele.evaluate(X_test, Y_test, verbose=0)
    _comparer("CIFAR-10, réseau du livre", score[1], "82 % / 73 % après 10 époques sur 50 000 images")
    chapitre.figure(_grille_cifar(modele, X_test, y_test), "ch14-cifar10-predictions")
    _enregistrer(modele, "cifar10_convolution", options)
    return {"poids": int(modele.count_params()), "precision_test": float(score[1])}


@chapitre.section("cifar10-ameliore", duree="27 min (rapide : 4 s)")
def cifar10_ameliore(options):
    """§2 plus loin — CIFAR-10 : augmentation, 3 blocs Conv-BN ×2, moyenne globale, 25 époques."""
    X_train, Y_train, X_test, Y_test, y_test = _cifar10(options)
    modele = rc.modele_cifar10_ameliore()
    m = entrainer_recette_amelioree(modele, X_train, Y_train, X_test, Y_test,
                                    epochs=options.choisir(25, 1), verbose=options.verbeux)
    _comparer("CIFAR-10, recette améliorée", m["exactitude_test"], "73 % (réseau du livre, 10 époques)")
    chapitre.figure(_grille_cifar(modele, X_test, y_test), "ch14-cifar10-ameliore-predictions")
    _enregistrer(modele, "cifar10_ameliore", options)
    return {"poids": int(modele.count_params()), "precision_test": m["exactitude_test"],
            "precision_validation": m["exactitude_validation"]}


def _grille_chats_chiens(modele, ds_test, n=9):
    x, y = next(iter(ds_test))
    x, y = np.asarray(x)[:n], np.asarray(y).ravel()[:n].astype(int)
    p = modele.predict(x, verbose=0).ravel()                    # probabilité « chien »
    predit = (p > 0.5).astype(int)
    certitude = np.where(predit == 1, p, 1 - p)
    return affichage_predictions(x, y, predit, certitude, ["chat", "chien"])


@chapitre.section("chats-chiens", duree="2 min (rapide : 3 s)")
def chats_chiens(options):
    """§3 — chats et chiens 64 × 64 : [c64-max-dropout] × 3 → d32 → 1, adam, 10 époques."""
    ds_train, ds_test, noms = _chats_chiens(options)
    x, y = next(iter(ds_train))
    chapitre.figure(affichage_images(np.asarray(x)[:9], ["Chien" if int(v) else "Chat" for v in np.ravel(y)[:9]],
                                     colonnes=3, figsize=(7, 7.5)), "ch14-chats-chiens-entrainement")
    modele = rc.modele_chats_chiens()
    modele.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    historique = modele.fit(ds_train, epochs=options.choisir(10, 1), verbose=options.verbeux)
    perte, precision = modele.evaluate(ds_test, verbose=0)
    _comparer("Chats/chiens, réseau du livre", precision,
              "80 % / 81 % après 10 époques, 85 % après une quarantaine (20 000 images)")
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(np.arange(1, len(historique.history["accuracy"]) + 1), historique.history["accuracy"], "o-")
    ax.set_xlabel("époque")
    ax.set_ylabel("précision (entraînement)")
    ax.grid(True, alpha=0.3)
    chapitre.figure(fig, "ch14-chats-chiens-precision")
    chapitre.figure(_grille_chats_chiens(modele, ds_test), "ch14-chats-chiens-predictions")
    _enregistrer(modele, "chats_chiens", options)
    return {"poids": int(modele.count_params()), "precision_test": float(precision), "classes": list(noms)}


@chapitre.section("chats-chiens-ameliore", duree="35 à 40 min (rapide : 5 s)")
def chats_chiens_ameliore(options):
    """§3 plus loin (« À vous de jouer ! ») — augmentation, 4 blocs Conv-BN ×2, moyenne globale, 60 époques,
    prédiction moyennée avec le miroir."""
    ds_train, ds_test, _ = _chats_chiens(options)
    x, y = _en_tableaux(ds_train)                 # 4 000 images 64 × 64 : 200 Mo en mémoire
    x_test, y_test = _en_tableaux(ds_test)
    modele = rc.modele_chats_chiens_ameliore()
    m = entrainer_recette_amelioree(modele, x, y, x_test, y_test, epochs=options.choisir(60, 1),
                                    perte="binary_crossentropy", batch_size=options.choisir(64, 32),
                                    verbose=options.verbeux, miroir=True)
    print(f"sans le miroir : {100 * m['exactitude_test']:.1f} % ; avec : {100 * m['exactitude_test_miroir']:.1f} %")
    _comparer("Chats/chiens, recette améliorée", m["exactitude_test_miroir"], "85 % (réseau du livre, 40 époques)")
    chapitre.figure(_grille_chats_chiens(modele, ds_test), "ch14-chats-chiens-ameliore-predictions")
    _enregistrer(modele, "chats_chiens_ameliore", options)
    return {"poids": int(modele.count_params()), "precision_test": m["exactitude_test"],
            "precision_test_miroir": m["exactitude_test_miroir"],
            "precision_validation": m["exactitude_validation"]}


def _un_par_chiffre(y_test):
    livre = [69, 57, 77, 63, 56, 59, 81, 64, 84, 62]      # les images du livre (test MNIST complet)
    if len(y_test) > max(livre) and [int(y_test[i]) for i in livre] == list(range(10)):
        return livre
    return [int(np.flatnonzero(y_test == c)[0]) for c in range(10) if np.any(y_test == c)]


@chapitre.section("visualisation", duree="1 min (rapide : 2 s ; 5 s si le modèle est en cache)")
def visualisation(options):
    """§4 — ce que voit un réseau : les 16 filtres des couches 1, 2, 3 pour un 4 et un 9 ; un filtre sur 10 chiffres."""
    X_train, Y_train, X_test, Y_test, y_test = _mnist(options)
    chemin = chemin_modele("mnist_visualisation", rapide=options.rapide)
    if chemin.exists():
        modele = keras.models.load_model(chemin)
        print(f"modèle relu : {chemin}")
    else:
        modele = rc.modele_mnist_visualisation()
        modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        modele.fit(X_train, Y_train, batch_size=32, epochs=options.choisir(5, 1), verbose=options.verbeux)
        _enregistrer(modele, "mnist_visualisation", options)
    precision = float(modele.evaluate(X_test, Y_test, verbose=0)[1])
    _comparer("MNIST, réseau de visualisation (33 850 poids)", precision, "99 %")
    indices = _un_par_chiffre(y_test)
    quatre, neuf = indices[4 % len(indices)], indices[9 % len(indices)]
    formes = {}
    for couche in (1, 2, 3):
        for nom, i in (("4", quatre), ("9", neuf)):
            cartes = cartes_activation(modele, couche - 1, X_test[i])
            formes[couche] = list(cartes.shape)
            fig = affichage_images([cartes[:, :, f] for f in range(cartes.shape[-1])],
                                   [f"Filtre {f + 1}" for f in range(cartes.shape[-1])], colonnes=8,
                                   cmap="hot", titre=f"Couche {couche} - chiffre {y_test[i]}", figsize=(12, 4))
            chapitre.figure(fig, f"ch14-couche{couche}-chiffre{nom}")
    filtre = 0
    for couche in (1, 2):
        cartes = cartes_activation(modele, couche - 1, X_test[indices])
        fig = affichage_images([c[:, :, filtre] for c in cartes], [f"Chiffre {y_test[i]}" for i in indices],
                               colonnes=5, cmap="hot", titre=f"Couche {couche} - Filtre {filtre + 1}",
                               figsize=(10, 5))
        chapitre.figure(fig, f"ch14-couche{couche}-filtre{filtre + 1}-chiffres")
    return {"precision_test": precision, "formes": formes, "images": indices}


if __name__ == "__main__":
    chapitre.lancer()
