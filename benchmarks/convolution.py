"""Banc d'essai des réseaux convolutifs du chapitre 14 sur les vraies données.

Pour chaque jeu (MNIST, CIFAR-10, chats/chiens) : le réseau du livre avec les
réglages du livre, puis la recette améliorée ; exactitude sur le test, durée d'une
époque, nombre de poids, à côté des chiffres du livre. CIFAR-10 : l'exactitude est
mesurée d'abord sur les images de test exactes (``charger_cifar10(masque_exact=True)`` ;
dans ``../shared/data``, les 1 000 premières, les 4 000 autres étant décodées de
copies JPEG), puis sur tout le test.

    python benchmarks/convolution.py                      # tout (long : ~1 h sur 2 cœurs)
    python benchmarks/convolution.py --seulement mnist    # une partie seulement
    python benchmarks/convolution.py --seulement cifar10 --recette ameliore

Les données viennent de ``KERAS_FACILE_DATA`` (par ex. ``../shared/data``). Les
recettes améliorées gardent 10 % de l'entraînement pour la validation (jamais le
test pour régler quoi que ce soit) ; le test n'est évalué qu'une fois, à la fin.
Les résultats s'ajoutent à ``benchmarks/resultats/convolution.json`` (une partie
lancée seule remplace seulement ses propres lignes).
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from keras_facile.parseur import ParseurFrancais  # noqa: E402  (aide et erreurs en français)
import keras_facile  # noqa: F401  (backend TensorFlow)
import numpy as np
import keras

from keras_facile import recettes as rec
from keras_facile import reseaux_convolutifs as rc
from keras_facile.donnees import charger_chats_chiens, charger_cifar10, charger_mnist

sys.path.insert(0, str(Path(__file__).resolve().parent))
from commun import machine  # noqa: E402

RACINE = Path(__file__).resolve().parent
RESULTATS = RACINE / "resultats" / "convolution.json"

# Chiffres du livre (et des scripts compagnons), pour comparaison.
LIVRE = {
    "mnist/livre": {"exactitude_test": 0.99, "epoques": 5, "poids": 130394,
                    "source": "livre ch. 14 §1 : 99 % après 5 époques (60 000 images)"},
    "cifar10/livre": {"exactitude_test": 0.73, "epoques": 10, "poids": 153546,
                      "source": "cifar10_convolution.py : 82 % / 73 % après 10 époques (50 000 images)"},
    "chats-chiens/livre": {"exactitude_test": 0.858, "epoques": 40, "poids": 206785,
                           "source": "livre ch. 14 §3 : 85 % après une quarantaine d'époques ; "
                                     "chien_chat_convolution.py : 87,2 % / 85,8 % après 40 époques "
                                     "(20 000 images)"},
}
CIBLES = {"mnist/livre": 0.99, "mnist/ameliore": 0.99, "cifar10/livre": 0.65, "cifar10/ameliore": 0.75,
          "chats-chiens/livre": 0.75, "chats-chiens/ameliore": 0.85}


def _charger_mnist():
    (x, y), (xt, yt) = charger_mnist()
    f = lambda a: (a.reshape(-1, 28, 28, 1) / 255).astype("float32")  # noqa: E731
    return (f(x), keras.utils.to_categorical(y, 10)), (f(xt), keras.utils.to_categorical(yt, 10)), None


def _charger_cifar10():
    (x, y), (xt, yt), exact = charger_cifar10(masque_exact=True)
    f = lambda a: (a / 255).astype("float32")  # noqa: E731
    return (f(x), keras.utils.to_categorical(y, 10)), (f(xt), keras.utils.to_categorical(yt, 10)), exact


def _en_tableaux(ds):
    xs, ys = [], []
    for xb, yb in ds:
        xs.append(np.asarray(xb))
        ys.append(np.asarray(yb))
    return np.concatenate(xs).astype("float32"), np.concatenate(ys).reshape(-1, 1).astype("float32")


def _charger_chats_chiens(taille=(64, 64)):
    ds_train, ds_test, _ = charger_chats_chiens(taille=taille, batch_size=256, melanger=False)
    return _en_tableaux(ds_train), _en_tableaux(ds_test), None


def _ligne(partie, recette, modele, mesures, epoques, n_train, n_val=0):
    cle = f"{partie}/{recette}"
    ligne = {
        "partie": partie, "recette": recette, "modele": modele.name,
        "poids": int(modele.count_params()), "epoques": epoques,
        "images_entrainement": int(n_train), "images_validation": int(n_val),
        "exactitude_test": mesures["exactitude_test"],
        "images_test": mesures["images_test"],
        "exactitude_entrainement": mesures["exactitude_entrainement"],
        "exactitude_validation": mesures.get("exactitude_validation"),
        "secondes_par_epoque": mesures["secondes_par_epoque"],
        "cible": CIBLES.get(cle), "livre": LIVRE.get(cle),
    }
    if "exactitude_test_exactes" in mesures:
        ligne.update(exactitude_test_exactes=mesures["exactitude_test_exactes"],
                     images_test_exactes=mesures["images_test_exactes"])
    print(f"==> {cle} : test {rec.phrase_exactitude(mesures)}"
          f" (entraînement {100 * ligne['exactitude_entrainement']:.1f} %"
          + (f", validation {100 * ligne['exactitude_validation']:.1f} %" if n_val else "")
          + f"), {ligne['secondes_par_epoque']:.1f} s/époque, {ligne['poids']} poids", flush=True)
    return cle, ligne


def banc_livre(partie, donnees, construire, epoques, perte, batch_size=32, graines=(0,)):
    """Le réseau du livre, réglages du livre. Avec plusieurs graines, chaque entraînement est
    refait depuis le début ; la ligne garde la graine 0 et la liste de toutes les exactitudes
    (pour voir la dispersion — jamais pour choisir la meilleure)."""
    (x, y), (xt, yt), exact = donnees
    resultats = []
    for graine in graines:
        keras.utils.set_random_seed(graine)
        modele = construire()
        rec.compiler_modele(modele, perte=perte)
        print(f"\n--- {partie} / livre : {modele.name}, {epoques} époques, batch {batch_size}, "
              f"{len(x)} images, graine {graine} ---", flush=True)
        mesures = rec.entrainer(modele, x, y, epochs=epoques, batch_size=batch_size, verbose=2,
                                x_test=xt, y_test=yt, exact=exact)
        resultats.append((graine, modele, mesures))
    graine, modele, mesures = resultats[0]
    cle, ligne = _ligne(partie, "livre", modele, mesures, epoques, len(x))
    if len(graines) > 1:
        exactitudes = [m["exactitude_test"] for _, _, m in resultats]
        ligne["graines"] = {"graines": list(graines), "exactitudes_test": exactitudes,
                            "moyenne": float(np.mean(exactitudes)), "ecart_type": float(np.std(exactitudes)),
                            "secondes_par_epoque": [m["secondes_par_epoque"] for _, _, m in resultats]}
        print(f"==> {cle} sur {len(graines)} graines : "
              + ", ".join(f"{100 * p:.2f}" for p in exactitudes)
              + f" % ; moyenne {100 * np.mean(exactitudes):.2f} ± {100 * np.std(exactitudes):.2f} %", flush=True)
    return cle, ligne


def banc_ameliore(partie, donnees, construire, epoques, perte, batch_size=64, miroir=False):
    (x, y), (xt, yt), exact = donnees
    keras.utils.set_random_seed(0)
    modele = construire()
    print(f"\n--- {partie} / améliorée : {modele.name}, {epoques} époques, batch {batch_size}, "
          f"{len(x)} images dont 10 % de validation ---", flush=True)
    mesures = rec.entrainer_recette_amelioree(modele, x, y, xt, yt, epochs=epoques, batch_size=batch_size,
                                              perte=perte, validation=0.1, graine=0, verbose=2,
                                              miroir=miroir, exact=exact)
    cle, ligne = _ligne(partie, "ameliore", modele, mesures, epoques, mesures["images_entrainement"],
                        mesures["images_validation"])
    if miroir:  # prédiction moyennée sur l'image et son miroir : fait partie de la recette
        ligne["exactitude_test_sans_miroir"] = ligne["exactitude_test"]
        ligne["exactitude_test"] = mesures["exactitude_test_miroir"]
        ligne["exactitude_validation_miroir"] = mesures["exactitude_validation_miroir"]
        if "exactitude_test_exactes" in ligne:
            ligne["exactitude_test_exactes_sans_miroir"] = ligne["exactitude_test_exactes"]
            ligne["exactitude_test_exactes"] = mesures["exactitude_test_miroir_exactes"]
        print(f"==> {cle} avec miroir : test {rec.phrase_exactitude(mesures, miroir=True)}, validation "
              f"{100 * ligne['exactitude_validation_miroir']:.1f} %", flush=True)
    return cle, ligne


PARTIES = {
    "mnist": dict(charger=_charger_mnist, perte="categorical_crossentropy",
                  livre=(rc.modele_mnist_convolution, 5), ameliore=(rc.modele_mnist_ameliore, 5)),
    "cifar10": dict(charger=_charger_cifar10, perte="categorical_crossentropy",
                    livre=(rc.modele_cifar10_convolution, 10), ameliore=(rc.modele_cifar10_ameliore, 25)),
    "chats-chiens": dict(charger=_charger_chats_chiens, perte="binary_crossentropy",
                         livre=(rc.modele_chats_chiens, 40),
                         ameliore=(rc.modele_chats_chiens_ameliore, 60), miroir=True),
}


def _tableau(lignes):
    """Le tableau final ; « exactes % » : l'exactitude sur les seules images de test exactes
    (CIFAR-10), « tout % » : sur tout le test."""
    entete = (f"{'partie/recette':<24}{'poids':>10}{'époques':>9}{'images':>8}"
              f"{'exactes %':>10}{'tout %':>8}{'livre %':>9}{'cible %':>9}{'s/époque':>10}")
    print("\n" + entete + "\n" + "-" * len(entete))
    for cle, l in lignes.items():
        livre = l.get("livre") or {}
        exactes = l.get("exactitude_test_exactes")
        print(f"{cle:<24}{l['poids']:>10}{l['epoques']:>9}{l['images_entrainement']:>8}"
              f"{f'{100 * exactes:.2f}' if exactes is not None else '—':>10}"
              f"{100 * l['exactitude_test']:>8.2f}"
              f"{(100 * livre['exactitude_test']) if livre else float('nan'):>9.0f}"
              f"{(100 * l['cible']) if l.get('cible') else float('nan'):>9.0f}"
              f"{l['secondes_par_epoque']:>10.1f}")


def main(argv=None):
    p = ParseurFrancais(description=__doc__.splitlines()[0])
    p.add_argument("--seulement", action="append", choices=list(PARTIES),
                   help="ne lancer que cette partie (répétable)")
    p.add_argument("--recette", choices=["livre", "ameliore", "les-deux"], default="les-deux")
    p.add_argument("--epoques", type=int, default=None,
                   help="remplacer le nombre d'époques (essai rapide ; ne pas publier)")
    p.add_argument("--sortie", type=Path, default=RESULTATS)
    p.add_argument("--graines", type=int, nargs="+", default=[0],
                   help="réseaux du livre : refaire l'entraînement avec ces graines (dispersion) ; défaut 0")
    args = p.parse_args(argv)
    parties = args.seulement or list(PARTIES)
    anciens = json.loads(args.sortie.read_text()) if args.sortie.exists() else {}
    lignes = dict(anciens.get("resultats", {}))
    debut = time.perf_counter()
    for partie in parties:
        cfg = PARTIES[partie]
        t = time.perf_counter()
        donnees = cfg["charger"]()
        print(f"[{partie}] données chargées en {time.perf_counter() - t:.1f} s : "
              f"{donnees[0][0].shape} / test {donnees[1][0].shape}", flush=True)
        recettes = ["livre", "ameliore"] if args.recette == "les-deux" else [args.recette]
        for recette in recettes:
            construire, epoques = cfg[recette]
            epoques = args.epoques or epoques
            if recette == "livre":
                cle, ligne = banc_livre(partie, donnees, construire, epoques, cfg["perte"],
                                        graines=tuple(args.graines))
            else:
                cle, ligne = banc_ameliore(partie, donnees, construire, epoques, cfg["perte"],
                                           miroir=cfg.get("miroir", False))
            ligne["environnement"] = {**machine(), "donnees": os.environ.get("KERAS_FACILE_DATA")}
            lignes[cle] = ligne
            if args.epoques is None:  # n'enregistre que les vrais réglages
                args.sortie.parent.mkdir(parents=True, exist_ok=True)
                sortie = {"description": "Réseaux convolutifs du chapitre 14 sur les vraies données ; "
                                         "exactitude_* (accuracy) en fraction (0–1), "
                                         "exactitude_test_exactes : sur les seules images de test "
                                         "exactes (CIFAR-10 : test_lossless), secondes_par_epoque en s.",
                          "resultats": dict(sorted(lignes.items()))}
                temp = args.sortie.with_suffix(".json.partiel")
                temp.write_text(json.dumps(sortie, indent=2, ensure_ascii=False))
                os.replace(temp, args.sortie)
    _tableau({k: v for k, v in sorted(lignes.items())})
    print(f"\ndurée totale : {(time.perf_counter() - debut) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
