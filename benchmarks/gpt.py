"""Banc d'essai du petit GPT du chapitre 18 sur les critiques IMDB.

Un tokeniseur BPE (celui du livre) appris sur les critiques d'entraînement, un petit GPT
entraîné pendant un budget de temps fixe, puis, sur des critiques de test jamais vues :
l'erreur (entropie croisée en nats) et la perplexité du GPT, d'un modèle bigramme et d'un
modèle unigramme, mesurées sur exactement les mêmes tokens. Aussi : tokens par seconde à
l'entraînement, et vitesse de génération.

    KERAS_FACILE_DATA=../shared/data python benchmarks/gpt.py              # budget 8 min
    KERAS_FACILE_DATA=../shared/data python benchmarks/gpt.py --budget 60  # essai rapide

Le λ du bigramme est choisi sur la fin du texte d'entraînement, jamais sur le test.
Résultats : ``benchmarks/resultats/gpt.json``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

from keras_facile.parseur import ParseurFrancais  # noqa: E402  (aide et erreurs en français)
import keras_facile  # noqa: E402,F401
import keras  # noqa: E402

from commun import ecrire_resultats  # noqa: E402
from keras_facile.bpe import TokeniseurBPE  # noqa: E402
from keras_facile.donnees import charger_imdb_textes  # noqa: E402
from keras_facile.texte import sans_balises  # noqa: E402
from keras_facile.gpt import (choisir_lambda_bigramme, entropie_bigramme, entropie_gpt,  # noqa: E402
                              entropie_unigramme, fenetres, generer, modele_gpt)


class ArretBudget(keras.callbacks.Callback):
    """Arrête ``fit`` quand le budget de temps (en secondes) est épuisé ; compte les lots vus."""

    def __init__(self, budget):
        super().__init__()
        self.budget = budget
        self.lots = 0

    def on_train_begin(self, logs=None):
        self.debut = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        self.lots += 1
        if time.perf_counter() - self.debut > self.budget:
            self.model.stop_training = True


def _nettoyer(textes):
    return " ".join(sans_balises(t) for t in textes)


def main(argv=None):
    p = ParseurFrancais(description=__doc__.splitlines()[0])
    p.add_argument("--budget", type=float, default=480, help="secondes d'entraînement (défaut 480)")
    p.add_argument("--critiques", type=int, default=6000, help="critiques d'entraînement (défaut 6000)")
    p.add_argument("--fusions", type=int, default=400, help="fusions BPE (défaut 400)")
    p.add_argument("--sortie", default="gpt", help="nom du fichier de résultats")
    args = p.parse_args(argv)
    keras.utils.set_random_seed(0)

    t = time.perf_counter()
    (textes, _), (textes_test, _) = charger_imdb_textes(n_train=args.critiques, n_test=500, graine=0)
    texte, texte_test = _nettoyer(textes), _nettoyer(textes_test)
    bpe = TokeniseurBPE.entrainer(texte[:400_000], nb_fusions=args.fusions, alphabet="abcdefghijklmnopqrstuvwxyz")
    duree_bpe = time.perf_counter() - t
    t = time.perf_counter()
    ids, ids_test = np.array(bpe.encoder(texte)), np.array(bpe.encoder(texte_test))
    duree_codage = time.perf_counter() - t
    N = bpe.taille
    print(f"BPE : {N} tokens, appris en {duree_bpe:.1f} s ; {len(ids)} tokens d'entraînement, "
          f"{len(ids_test)} de test, codés en {duree_codage:.1f} s", flush=True)

    K, n, tetes, couches, lot = 64, 128, 4, 2, 32
    X, Y = fenetres(ids, K, pas=K // 2)
    modele = modele_gpt(N, K, n=n, tetes=tetes, couches=couches)
    modele.compile(optimizer=keras.optimizers.Adam(1e-3),
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    arret = ArretBudget(args.budget)
    print(f"GPT : {modele.count_params()} poids, K = {K}, n = {n}, {tetes} têtes, {couches} blocs ; "
          f"{len(X)} fenêtres, budget {args.budget:.0f} s", flush=True)
    t = time.perf_counter()
    historique = modele.fit(X, Y, batch_size=lot, epochs=1000, verbose=2, callbacks=[arret]).history["loss"]
    duree = time.perf_counter() - t
    tokens_par_s = arret.lots * lot * K / duree

    # mêmes tokens cibles pour les trois modèles : ids_test[1 : m·K + 1]
    m = (len(ids_test) - 2) // K
    cible = ids_test[: m * K + 2]
    e_gpt = entropie_gpt(modele, cible)
    lam = choisir_lambda_bigramme(ids, N)
    e_bi = entropie_bigramme(ids, cible[: m * K + 1], N, lam)
    e_uni = entropie_unigramme(ids, cible[1: m * K + 1], N)

    debut = bpe.encoder("this movie is")
    generer(modele, debut, 2)                                     # compilation, hors mesure
    t = time.perf_counter()
    sortie = generer(modele, debut, 200, T=0.7, graine=0)
    vitesse_generation = 200 / (time.perf_counter() - t)

    mesures = {
        "corpus": f"IMDB, {args.critiques} critiques d'entraînement, 500 de test (balises <br /> retirées)",
        "tokens_bpe": N, "fusions": args.fusions, "secondes_bpe": duree_bpe, "secondes_codage": duree_codage,
        "tokens_entrainement": int(len(ids)), "tokens_test_evalues": int(m * K),
        "gpt": {"poids": int(modele.count_params()), "K": K, "n": n, "tetes": tetes, "blocs": couches,
                "lot": lot, "budget_s": args.budget, "secondes": duree, "lots": arret.lots,
                "epoques_vues": arret.lots / int(np.ceil(len(X) / lot)),
                "tokens_par_seconde_entrainement": tokens_par_s,
                "erreur_entrainement_debut_fin": [historique[0], historique[-1]],
                "generation_tokens_par_seconde": vitesse_generation},
        "entropie_croisee_test_nats": {"gpt": e_gpt, "bigramme": e_bi, "unigramme": e_uni,
                                        "hasard_ln_N": float(np.log(N))},
        "perplexite_test": {"gpt": float(np.exp(e_gpt)), "bigramme": float(np.exp(e_bi)),
                            "unigramme": float(np.exp(e_uni)), "hasard": N},
        "lambda_bigramme": lam,
        "gpt_bat_les_deux": bool(e_gpt < min(e_bi, e_uni)),
        "texte_genere_T07": bpe.decoder(sortie),
    }
    chemin = ecrire_resultats(args.sortie, mesures)
    print(f"\n{'modèle':<12}{'erreur (nats)':>15}{'perplexité':>12}")
    for nom in ("gpt", "bigramme", "unigramme"):
        e = mesures["entropie_croisee_test_nats"][nom]
        print(f"{nom:<12}{e:>15.3f}{np.exp(e):>12.1f}")
    print(f"hasard      {np.log(N):>15.3f}{N:>12}")
    print(f"\nentraînement : {tokens_par_s:.0f} tokens/s ({arret.lots} lots en {duree:.0f} s) ; "
          f"génération : {vitesse_generation:.1f} tokens/s")
    print("T = 0.7 :", mesures["texte_genere_T07"][:300])
    print("→", chemin)
    return 0 if mesures["gpt_bat_les_deux"] else 1


if __name__ == "__main__":
    sys.exit(main())
