"""Banc d'essai du chapitre 10 : les réseaux denses du livre sur les vrais jeux, réglages du livre.

    KERAS_FACILE_DATA=../shared/data python benchmarks/chapitre10.py [--seulement mnist8 mnist50 imdb imdb5000 cifar10]

Pour chaque réseau : exactitude (« accuracy ») sur le test, durée d'une époque,
nombre de poids, à côté du chiffre du livre. Aucun réglage n'est fait sur le test :
ce sont les réglages du livre (sgd, lots de 32 ; adam pour CIFAR-10). Le jeu
CIFAR-10 de ``../shared/data`` n'a que 20 000 images d'entraînement (50 000 dans le
livre) et seules les 1 000 premières de ses 5 000 images de test sont exactes (les
autres sont décodées de copies JPEG) : son exactitude est donnée sur ces images
exactes d'abord (``exactitude_test_exactes``), puis sur tout le test. Une partie
lancée seule ne remplace que sa ligne de ``resultats/chapitre10.json``.
"""
from __future__ import annotations


from keras_facile.parseur import ParseurFrancais  # noqa: E402  (aide et erreurs en français)
import keras_facile  # noqa: F401
from keras_facile import *
from keras_facile.donnees import charger_cifar10, charger_imdb, charger_mnist, vectoriser_sequences
from keras_facile.entrainement import ChronoEpoques
from keras_facile.recettes import evaluer_test, phrase_exactitude

from commun import ecrire_resultats

CIBLES = {"mnist8": 0.90, "mnist50": 0.94, "imdb": 0.85, "imdb5000": 0.85, "cifar10": ("<", 0.50)}
LIVRE = {"mnist8": "90.0 % (40 époques)", "mnist50": "94.4 % (40 époques)", "imdb": "80 à 85 % (10 époques)",
         "imdb5000": "— (tf2_texte.py)", "cifar10": "< 50 % (50 époques, adam)"}


def mesurer(modele, X, Y, Xt, Yt, epochs, batch_size=32, exact=None):
    chrono = ChronoEpoques()
    keras.utils.set_random_seed(0)
    modele.fit(X, Y, epochs=epochs, batch_size=batch_size, verbose=2, callbacks=[chrono])
    test = evaluer_test(modele, Xt, Yt, exact=exact, batch_size=512)
    print("exactitude sur le test :", phrase_exactitude(test), flush=True)
    return {**{k: v for k, v in test.items() if k.startswith(("exactitude", "images"))},
            "secondes_par_epoque": float(np.median(chrono.durees)),
            "epochs": epochs, "poids": modele.count_params()}


def mnist(p):
    (x, y), (xt, yt) = charger_mnist()
    X, Xt = x.reshape(-1, 784) / 255, xt.reshape(-1, 784) / 255
    Y, Yt = keras.utils.to_categorical(y, 10), keras.utils.to_categorical(yt, 10)
    keras.utils.set_random_seed(0)
    modele = Sequential([Input(shape=(784,)), Dense(p, activation="sigmoid"), Dense(p, activation="sigmoid"),
                         Dense(10, activation="softmax")])
    modele.compile(loss="categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return mesurer(modele, X, Y, Xt, Yt, 40)


def imdb(nb_mots, p):
    (x, y), (xt, yt) = charger_imdb(num_words=nb_mots)
    X, Xt = vectoriser_sequences(x, nb_mots), vectoriser_sequences(xt, nb_mots)
    keras.utils.set_random_seed(0)
    modele = Sequential([Input(shape=(nb_mots,))] + [Dense(p, activation="relu") for _ in range(3)]
                        + [Dense(1, activation="sigmoid")])
    modele.compile(loss="binary_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return mesurer(modele, X, y, Xt, yt, 10)


def cifar10():
    (x, y), (xt, yt), exact = charger_cifar10(masque_exact=True)
    X, Xt = x.reshape(len(x), -1).astype("float32") / 255, xt.reshape(len(xt), -1).astype("float32") / 255
    keras.utils.set_random_seed(0)
    modele = Sequential([Input(shape=(3072,))] + [Dense(30, activation="sigmoid") for _ in range(4)]
                        + [Dense(10, activation="softmax")])
    modele.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return mesurer(modele, X, keras.utils.to_categorical(y, 10), Xt, keras.utils.to_categorical(yt, 10), 50,
                   exact=exact)


PARTIES = {"mnist8": lambda: mnist(8), "mnist50": lambda: mnist(50), "imdb": lambda: imdb(1000, 5),
           "imdb5000": lambda: imdb(5000, 10), "cifar10": cifar10}


def main():
    parseur = ParseurFrancais(description=__doc__.splitlines()[0])
    parseur.add_argument("--seulement", nargs="+", choices=list(PARTIES), default=list(PARTIES))
    args = parseur.parse_args()
    mesures = {}
    for nom in args.seulement:
        print(f"\n=== {nom} ===", flush=True)
        mesures[nom] = PARTIES[nom]()
        cible = CIBLES[nom]
        # CIFAR-10 : la cible se juge sur les images de test exactes
        p = mesures[nom].get("exactitude_test_exactes", mesures[nom]["exactitude_test"])
        mesures[nom]["cible"] = f"< {cible[1]:.0%}" if isinstance(cible, tuple) else f"≥ {cible:.0%}"
        mesures[nom]["cible_atteinte"] = p < cible[1] if isinstance(cible, tuple) else p >= cible
        mesures[nom]["livre"] = LIVRE[nom]
    print(f"\n{'réseau':<10} {'poids':>7} {'époques':>8} {'s/époque':>9} {'exactes':>8} {'tout':>7}  "
          f"{'cible':>7}  livre")
    for nom, m in mesures.items():
        exactes = m.get("exactitude_test_exactes")
        print(f"{nom:<10} {m['poids']:>7} {m['epochs']:>8} {m['secondes_par_epoque']:>9.2f} "
              f"{f'{exactes:.1%}' if exactes is not None else '—':>8} "
              f"{m['exactitude_test']:>7.1%}  {m['cible']:>7}  {m['livre']}")
    print("résultats écrits dans", ecrire_resultats("chapitre10", mesures, fusionner=True))


if __name__ == "__main__":
    main()
