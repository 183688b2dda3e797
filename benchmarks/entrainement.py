"""Banc d'essai de ``entrainer_rapide`` : des milliers de pas « plein lot » sans le surcoût de ``fit``.

    python benchmarks/entrainement.py [--epoques 200] [--long 4000]

Dans un même passage, sur deux réseaux du livre, à partir des mêmes poids :

* le réseau à une variable du chapitre 10 (1 → 4 × 10 tanh → 1, 361 poids,
  100 points, SGD(0.001, moment 0.9, Nesterov), erreur quadratique moyenne) ;
* le « ou exclusif » du chapitre 9 (2 → 2 σ → 1 σ, 9 poids, 4 points, SGD(1.0)),

on fait K pas de descente plein lot de trois façons : ``fit(epochs=K,
batch_size=N, shuffle=False)`` (la façon du livre), K × ``train_on_batch`` et
``entrainer_rapide(modele, X, Y, K)``. On mesure des pas par seconde (compilation
comprise) et l'écart maximal des poids obtenus avec ceux de ``fit``. Enfin on
chronomètre ``entrainer_rapide`` sur les 4000 époques du livre (372 s avec ``fit``
sur cette machine d'après scripts_exo7.md §7).
"""
from __future__ import annotations

import time

from keras_facile.parseur import ParseurFrancais  # noqa: E402  (aide et erreurs en français)
import keras_facile  # noqa: F401
from keras_facile import *
from keras_facile.entrainement import entrainer_rapide

from commun import ecrire_resultats


def reseau_une_variable():
    modele = Sequential([Input(shape=(1,))] + [Dense(10, activation="tanh") for _ in range(4)]
                        + [Dense(1, activation="linear")])
    X = np.linspace(0, 5, 100).reshape(-1, 1)
    Y = np.cos(2 * X) + X * np.sin(3 * X) + X ** 0.5 - 2
    return modele, X, Y, lambda: keras.optimizers.SGD(learning_rate=0.001, momentum=0.9, nesterov=True)


def reseau_ou_exclusif():
    modele = Sequential([Input(shape=(2,)), Dense(2, activation="sigmoid"), Dense(1, activation="sigmoid")])
    modele.set_weights([np.array([[1.0, -3.0], [2.0, -2.0]]), np.array([-3.0, 1.0]),
                        np.array([[1.0], [1.0]]), np.array([-1.0])])
    X = np.array([[0, 0], [1, 1], [0, 1], [1, 0]], dtype=float)
    Y = np.array([[0], [0], [1], [1]], dtype=float)
    return modele, X, Y, lambda: keras.optimizers.SGD(learning_rate=1.0)


def copie(modele, poids, optimiseur):
    clone = keras.models.clone_model(modele)
    clone.set_weights(poids)
    clone.compile(optimizer=optimiseur(), loss="mean_squared_error")
    return clone


def mesurer(nom, construire, K, long):
    keras.utils.set_random_seed(0)
    modele, X, Y, optimiseur = construire()
    poids0 = modele.get_weights()
    X32, Y32 = X.astype("float32"), Y.astype("float32")
    resultats = {"reseau": nom, "poids": modele.count_params(), "points": len(X), "K": K}

    m = copie(modele, poids0, optimiseur)
    debut = time.perf_counter()
    m.fit(X32, Y32, epochs=K, batch_size=len(X), shuffle=False, verbose=0)
    resultats["fit_s"] = time.perf_counter() - debut
    w_fit = m.get_weights()

    m = copie(modele, poids0, optimiseur)
    debut = time.perf_counter()
    for _ in range(K):
        m.train_on_batch(X32, Y32)
    resultats["train_on_batch_s"] = time.perf_counter() - debut
    w_tob = m.get_weights()

    m = copie(modele, poids0, optimiseur)
    debut = time.perf_counter()
    entrainer_rapide(m, X32, Y32, K)
    resultats["entrainer_rapide_s"] = time.perf_counter() - debut
    w_rap = m.get_weights()

    ecart = lambda a, b: float(max(np.max(np.abs(u - v)) for u, v in zip(a, b)))
    resultats["ecart_poids_rapide_fit"] = ecart(w_rap, w_fit)
    resultats["ecart_poids_train_on_batch_fit"] = ecart(w_tob, w_fit)
    for cle in ("fit", "train_on_batch", "entrainer_rapide"):
        resultats[f"{cle}_pas_par_s"] = K / resultats[f"{cle}_s"]
    resultats["rapport_fit"] = resultats["fit_s"] / resultats["entrainer_rapide_s"]
    resultats["rapport_train_on_batch"] = resultats["train_on_batch_s"] / resultats["entrainer_rapide_s"]

    m = copie(modele, poids0, optimiseur)
    debut = time.perf_counter()
    entrainer_rapide(m, X32, Y32, long)
    resultats["long_epoques"] = long
    resultats["entrainer_rapide_long_s"] = time.perf_counter() - debut
    resultats["fit_long_estime_s"] = resultats["fit_s"] / K * long
    resultats["train_on_batch_long_estime_s"] = resultats["train_on_batch_s"] / K * long
    resultats["rapport_long_fit"] = resultats["fit_long_estime_s"] / resultats["entrainer_rapide_long_s"]
    resultats["rapport_long_train_on_batch"] = (resultats["train_on_batch_long_estime_s"]
                                                / resultats["entrainer_rapide_long_s"])
    return resultats


def main():
    parseur = ParseurFrancais(description=__doc__.splitlines()[0])
    parseur.add_argument("--epoques", type=int, default=200, help="K, nombre de pas comparés (défaut 200)")
    parseur.add_argument("--long", type=int, default=4000, help="époques du livre pour le chrono long (4000)")
    args = parseur.parse_args()
    lignes = [mesurer("une variable (ch. 10)", reseau_une_variable, args.epoques, args.long),
              mesurer("ou exclusif (ch. 9)", reseau_ou_exclusif, args.epoques, args.long)]
    print(f"\n{args.epoques} pas plein lot, compilation comprise :")
    print("| réseau | poids | fit (pas/s) | train_on_batch (pas/s) | entrainer_rapide (pas/s) | rapport / fit "
          "| rapport / train_on_batch | écart des poids avec fit |")
    print("|---|---|---|---|---|---|---|---|")
    for r in lignes:
        print(f"| {r['reseau']} | {r['poids']} | {r['fit_pas_par_s']:.0f} | {r['train_on_batch_pas_par_s']:.0f} "
              f"| {r['entrainer_rapide_pas_par_s']:.0f} | **{r['rapport_fit']:.0f} ×** "
              f"| {r['rapport_train_on_batch']:.1f} × | {r['ecart_poids_rapide_fit']:.1e} |")
    print(f"\n{args.long} époques (la durée de fit et de train_on_batch est extrapolée des {args.epoques} pas) :")
    print("| réseau | fit (estimé) | train_on_batch (estimé) | entrainer_rapide | rapport / fit "
          "| rapport / train_on_batch |")
    print("|---|---|---|---|---|---|")
    for r in lignes:
        print(f"| {r['reseau']} | {r['fit_long_estime_s']:.0f} s | {r['train_on_batch_long_estime_s']:.1f} s "
              f"| {r['entrainer_rapide_long_s']:.1f} s | **{r['rapport_long_fit']:.0f} ×** "
              f"| {r['rapport_long_train_on_batch']:.1f} × |")
    mesures = []
    for r in lignes:
        mesures.append({
            "reseau": r["reseau"], "poids": r["poids"], "points": r["points"], "pas": r["K"],
            "fit": {"valeur": r["fit_pas_par_s"], "unite": "pas/s"},
            "train_on_batch": {"valeur": r["train_on_batch_pas_par_s"], "unite": "pas/s"},
            "entrainer_rapide": {"valeur": r["entrainer_rapide_pas_par_s"], "unite": "pas/s"},
            "rapport_fit": {"valeur": r["rapport_fit"], "unite": "×"},
            "rapport_train_on_batch": {"valeur": r["rapport_train_on_batch"], "unite": "×"},
            "ecart_poids_rapide_fit": {"valeur": r["ecart_poids_rapide_fit"], "unite": "max |Δw|"},
            "ecart_poids_train_on_batch_fit": {"valeur": r["ecart_poids_train_on_batch_fit"], "unite": "max |Δw|"},
            "entrainer_rapide_long": {"valeur": r["entrainer_rapide_long_s"], "unite": "s",
                                      "epoques": r["long_epoques"]},
            "fit_long_estime": {"valeur": r["fit_long_estime_s"], "unite": "s", "epoques": r["long_epoques"]},
            "train_on_batch_long_estime": {"valeur": r["train_on_batch_long_estime_s"], "unite": "s",
                                           "epoques": r["long_epoques"]},
            "rapport_long_fit": {"valeur": r["rapport_long_fit"], "unite": "×"},
            "rapport_long_train_on_batch": {"valeur": r["rapport_long_train_on_batch"], "unite": "×"},
        })
    print("résultats :", ecrire_resultats("entrainement", mesures))


if __name__ == "__main__":
    main()
