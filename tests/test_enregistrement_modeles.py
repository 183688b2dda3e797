"""Tout modèle construit par le paquet s'enregistre en ``.keras`` et se relit dans un autre
processus, avec exactement les mêmes sorties, sans ``custom_objects``.

Chaque modèle est construit ici (graine fixe), évalué sur une entrée fixe et enregistré ; un
seul second processus Python (TensorFlow ne s'importe qu'une fois) fait ``import keras_facile``
et rien d'autre, relit chaque fichier avec ``keras.saving.load_model`` et recalcule les sorties.
Les sorties sont comparées à l'égalité exacte : aucun de ces modèles n'a d'opération au hasard
en inférence (``Dropout`` et les couches ``Random*`` ne font rien avec ``training=False``),
et les mêmes noyaux de calcul tournent sur les mêmes nombres dans les deux processus.

Si le premier chargement échoue, le second processus réessaie après avoir importé le module qui
a construit le modèle : cela sépare « le modèle ne s'enregistre pas » de « ``import keras_facile``
n'enregistre pas ses couches ».

On teste aussi :func:`keras_facile.gpt.gpt_en_cache` (le GPT du chapitre 18 gardé dans le cache).
"""
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

RACINE = Path(__file__).resolve().parent.parent

# Le second processus : import keras_facile seulement, puis chaque modèle.
_SCRIPT = textwrap.dedent('''
    import importlib, json, sys
    from pathlib import Path
    import numpy as np
    import keras_facile
    import keras

    dossier = Path(sys.argv[1])
    manifeste = json.loads((dossier / "manifeste.json").read_text())
    resultats = {"modules_importes": sorted(m for m in sys.modules if m.startswith("keras_facile"))}

    def relire(nom, suffixe):
        modele = keras.saving.load_model(dossier / f"{nom}.keras")
        x = np.load(dossier / f"{nom}.entree.npy")
        np.save(dossier / f"{nom}.{suffixe}.npy", np.asarray(modele(x, training=False)))
        return {"etat": "ok", "poids": int(modele.count_params())}

    for nom in manifeste:                      # 1er passage : keras_facile seul
        try:
            resultats[nom] = relire(nom, "relu")
        except Exception as e:
            resultats[nom] = {"etat": "erreur", "message": f"{type(e).__name__}: {e}"[:20000]}
    for nom, m in manifeste.items():           # 2e passage, pour les échecs : avec le module du modèle
        if resultats[nom]["etat"] != "ok":
            try:
                importlib.import_module(m["module"])
                resultats[nom]["apres_import_du_module"] = relire(nom, "relu_apres_import")
            except Exception as e:
                resultats[nom]["apres_import_du_module"] = {"etat": "erreur",
                                                            "message": f"{type(e).__name__}: {e}"[:20000]}
    print(json.dumps(resultats))
''')


def _fabriques():
    """nom → (module qui le construit, fonction sans argument qui renvoie (modèle, entrée))."""
    import keras
    from keras import Input, Sequential
    from keras.layers import Dense

    from keras_facile import approximation as ap
    from keras_facile import reseaux_convolutifs as mc
    from keras_facile.cartes_activation import sous_modele as sous_modele_de
    from keras_facile import perceptron as pe
    from keras_facile.activations import heaviside
    from keras_facile.gpt import fenetres, modele_gpt
    from keras_facile.plongements import modele_plongement
    from keras_facile.poids import definir_poids
    from keras_facile.poids_plats import definir_poids_plats

    rng = np.random.default_rng(0)
    x1 = np.linspace(-2, 3, 11, dtype="float32")[:, None]
    x2 = rng.uniform(-2, 2, (9, 2)).astype("float32")
    image = lambda forme: rng.uniform(0, 1, (2, *forme)).astype("float32")

    def livre_6_8():
        m = Sequential([Input(shape=(1,)), Dense(2, activation="relu"), Dense(1, activation="relu")])
        definir_poids(m, 0, 0, 1, -1)
        definir_poids(m, 0, 1, -0.5, 1)
        definir_poids(m, 1, 0, [1, 1], 0)
        return m, x1

    def livre_heaviside():
        return Sequential([Input(shape=(1,)), Dense(3, activation=heaviside), Dense(1)]), x1

    def livre_poids_plats():
        m = Sequential([Input(shape=(2,)), Dense(2, activation="relu"), Dense(1)])
        definir_poids_plats(m, [1, 2, -3, -3, -2, 1, 1, 1, -1])
        return m, x2

    def gpt():
        return modele_gpt(N=23, K=8, n=16, tetes=4, couches=2), rng.integers(0, 23, (3, 8)).astype("int32")

    def gpt_entraine():         # compilé et entraîné : l'état de l'optimiseur est enregistré aussi
        m = modele_gpt(N=11, K=6, n=8, tetes=2, couches=1)
        m.compile(optimizer=keras.optimizers.Adam(3e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        X, Y = fenetres(rng.integers(0, 11, 200), 6, pas=3)
        m.fit(X, Y, batch_size=16, epochs=1, verbose=0)
        return m, X[:4]

    def plongement():
        return modele_plongement(12, dimension=5), np.identity(12, dtype="float32")

    def sous_modele():
        return sous_modele_de(mc.modele_mnist_visualisation(), 1), image((28, 28, 1))

    return {
        "livre_6_8": ("keras_facile", livre_6_8),
        "livre_heaviside": ("keras_facile.activations", livre_heaviside),
        "livre_poids_plats": ("keras_facile.poids_plats", livre_poids_plats),
        "approximation_marches": ("keras_facile.approximation",
                                  lambda: (ap.approximation_marches(np.sin, 0, 3, 5), x1)),
        "approximation_affine": ("keras_facile.approximation",
                                 lambda: (ap.approximation_affine_par_morceaux(np.sin, 0, 3, 5), x1)),
        "approximation_sigmoides": ("keras_facile.approximation",
                                    lambda: (ap.approximation_sigmoides(np.sin, 0, 3, 5), x1)),
        "indicatrice_rectangle": ("keras_facile.approximation",
                                  lambda: (ap.indicatrice_rectangle(-1, 1, 0, 2), x2)),
        "approximation_deux_var": ("keras_facile.approximation",
                                   lambda: (ap.approximation_deux_var(lambda x, y: x * y, -2, 2, -2, 2, 3), x2)),
        "perceptron": ("keras_facile.perceptron", lambda: (pe.perceptron([1, -2], 0.5), x2)),
        "reseau_par_couches": ("keras_facile.perceptron", lambda: (pe.reseau_par_couches(
            2, [([[2, -1], [-3, 2]], [0, 0], "relu"), ([[4, 5]], [-1], heaviside)]), x2)),
        "porte_ou_exclusif": ("keras_facile.perceptron", lambda: (pe.porte_ou_exclusif(), x2)),
        "polygone_convexe": ("keras_facile.perceptron",
                             lambda: (pe.polygone_convexe([(0, 0), (2, 0), (1, 2)]), x2)),
        "mnist_convolution": ("keras_facile.reseaux_convolutifs",
                              lambda: (mc.modele_mnist_convolution(), image((28, 28, 1)))),
        "mnist_visualisation": ("keras_facile.reseaux_convolutifs",
                                lambda: (mc.modele_mnist_visualisation(), image((28, 28, 1)))),
        "cifar10_convolution": ("keras_facile.reseaux_convolutifs",
                                lambda: (mc.modele_cifar10_convolution(), image((32, 32, 3)))),
        "cifar10_sans_pooling": ("keras_facile.reseaux_convolutifs",
                                 lambda: (mc.modele_cifar10_convolution(pooling=False), image((32, 32, 3)))),
        "chats_chiens": ("keras_facile.reseaux_convolutifs",
                         lambda: (mc.modele_chats_chiens(filtres=(16, 32, 32)), image((64, 64, 3)))),
        "mnist_ameliore": ("keras_facile.reseaux_convolutifs",
                           lambda: (mc.modele_mnist_ameliore(), image((28, 28, 1)))),
        "cifar10_ameliore": ("keras_facile.reseaux_convolutifs",
                             lambda: (mc.modele_cifar10_ameliore(), image((32, 32, 3)))),
        "chats_chiens_ameliore": ("keras_facile.reseaux_convolutifs",
                                  lambda: (mc.modele_chats_chiens_ameliore(), image((64, 64, 3)))),
        "sous_modele": ("keras_facile.cartes_activation", sous_modele),
        "plongement_mots": ("keras_facile.plongements", plongement),
        "gpt": ("keras_facile.gpt", gpt),
        "gpt_entraine": ("keras_facile.gpt", gpt_entraine),
    }


NOMS = [
    "livre_6_8", "livre_heaviside", "livre_poids_plats", "approximation_marches", "approximation_affine",
    "approximation_sigmoides", "indicatrice_rectangle", "approximation_deux_var", "perceptron",
    "reseau_par_couches", "porte_ou_exclusif", "polygone_convexe", "mnist_convolution", "mnist_visualisation",
    "cifar10_convolution", "cifar10_sans_pooling", "chats_chiens", "mnist_ameliore", "cifar10_ameliore",
    "chats_chiens_ameliore", "sous_modele", "plongement_mots", "gpt", "gpt_entraine"]

@pytest.fixture(scope="module")
def aller_retour(tmp_path_factory):
    """Construit, évalue et enregistre tous les modèles, puis les relit dans un second processus."""
    import keras

    dossier = tmp_path_factory.mktemp("modeles_keras")
    fabriques = _fabriques()
    assert sorted(fabriques) == sorted(NOMS)
    manifeste, sorties, poids = {}, {}, {}
    for nom, (module, fabrique) in fabriques.items():
        keras.utils.set_random_seed(0)
        modele, x = fabrique()
        np.save(dossier / f"{nom}.entree.npy", x)
        sorties[nom] = np.asarray(modele(x, training=False))
        poids[nom] = modele.count_params()
        modele.save(dossier / f"{nom}.keras")
        manifeste[nom] = {"module": module}
    (dossier / "manifeste.json").write_text(json.dumps(manifeste))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(RACINE), os.environ.get("PYTHONPATH", "")]),
           "TF_CPP_MIN_LOG_LEVEL": "3"}
    fini = subprocess.run([sys.executable, "-c", _SCRIPT, str(dossier)], capture_output=True, text=True,
                          env=env, cwd=dossier, timeout=600)
    assert fini.returncode == 0, fini.stderr[-3000:]
    relus = json.loads(fini.stdout.strip().splitlines()[-1])
    return dossier, sorties, poids, relus


def test_le_second_processus_n_importe_que_le_paquet(aller_retour):
    _, _, _, relus = aller_retour
    # ce que « import keras_facile » charge : ni les modules de modèles ni ceux du chapitre
    assert "keras_facile" in relus["modules_importes"]
    assert "keras_facile.reseaux_convolutifs" not in relus["modules_importes"]


@pytest.mark.parametrize("nom", NOMS)
def test_relu_apres_import_keras_facile_seul(aller_retour, nom):
    dossier, sorties, poids, relus = aller_retour
    assert relus[nom]["etat"] == "ok", relus[nom]
    assert relus[nom]["poids"] == poids[nom]
    np.testing.assert_array_equal(np.load(dossier / f"{nom}.relu.npy"), sorties[nom])


# ---------------------------------------------------------------------------
# Le GPT du chapitre 18 dans le cache
# ---------------------------------------------------------------------------

def _config_minuscule(**changements):
    config = {"donnees": "suite 0..10 répétée", "N": 11, "K": 6, "n": 8, "tetes": 2, "couches": 1,
              "epoques": 2, "taux": 3e-3, "lot": 16, "graine": 0}
    return {**config, **changements}


def _entraineur(config, appels):
    import keras
    from keras_facile.gpt import fenetres, modele_gpt

    def entrainer():
        appels.append(config)
        keras.utils.set_random_seed(config["graine"])
        X, Y = fenetres(np.tile(np.arange(config["N"]), 30), config["K"], pas=2)
        modele = modele_gpt(config["N"], config["K"], n=config["n"], tetes=config["tetes"], couches=config["couches"])
        modele.compile(optimizer=keras.optimizers.Adam(config["taux"]),
                       loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        historique = modele.fit(X, Y, batch_size=config["lot"], epochs=config["epoques"], verbose=0).history["loss"]
        return modele, {"historique": historique, "fenetres": len(X)}

    return entrainer


def test_gpt_en_cache_entraine_une_fois_puis_relit(tmp_path, monkeypatch):
    from keras_facile.gpt import cle_gpt, gpt_en_cache

    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path))
    config, appels = _config_minuscule(), []
    x = np.arange(6, dtype="int32")[None, :] % 11
    modele, infos, depuis_cache = gpt_en_cache(config, _entraineur(config, appels))
    assert (depuis_cache, len(appels)) == (False, 1)
    assert len(infos["historique"]) == 2 and infos["historique"][1] < infos["historique"][0]
    dossier = tmp_path / "modeles" / f"petit_gpt-{cle_gpt(config)}"
    assert sorted(p.name for p in dossier.iterdir()) == ["infos.json", "modele.keras"]
    assert [p.name for p in (tmp_path / "modeles").iterdir()] == [dossier.name]      # aucun fichier temporaire

    relu, infos_relues, depuis_cache = gpt_en_cache(config, _entraineur(config, appels))
    assert (depuis_cache, len(appels)) == (True, 1)                     # pas de second entraînement
    assert infos_relues == infos
    np.testing.assert_array_equal(np.asarray(relu(x, training=False)), np.asarray(modele(x, training=False)))
    assert relu.count_params() == modele.count_params()

    # une seule valeur de la configuration change : autre clé, nouvel entraînement
    autre = _config_minuscule(epoques=3)
    _, infos3, depuis_cache = gpt_en_cache(autre, _entraineur(autre, appels))
    assert (depuis_cache, len(appels), len(infos3["historique"])) == (False, 2, 3)
    assert cle_gpt(autre) != cle_gpt(config)


def test_gpt_en_cache_abime_est_reentraine(tmp_path, capsys):
    from keras_facile.gpt import cle_gpt, gpt_en_cache

    config, appels = _config_minuscule(), []
    gpt_en_cache(config, _entraineur(config, appels), dossier=tmp_path)
    fichier = tmp_path / f"petit_gpt-{cle_gpt(config)}" / "modele.keras"
    fichier.write_bytes(fichier.read_bytes()[:200])                    # fichier tronqué
    _, _, depuis_cache = gpt_en_cache(config, _entraineur(config, appels), dossier=tmp_path)
    assert (depuis_cache, len(appels)) == (False, 2)
    assert "illisible" in capsys.readouterr().err
    _, _, depuis_cache = gpt_en_cache(config, _entraineur(config, appels), dossier=tmp_path)
    assert (depuis_cache, len(appels)) == (True, 2)


def test_gpt_en_cache_reentrainer_remplace_le_modele(tmp_path):
    from keras_facile.gpt import cle_gpt, gpt_en_cache

    config, appels = _config_minuscule(), []
    premier, _, _ = gpt_en_cache(config, _entraineur(config, appels), dossier=tmp_path)
    x = np.arange(6, dtype="int32")[None, :]
    # même configuration, autre entraînement (graine changée en douce) : reentrainer=True le range à la place
    autre = dict(config, graine=1)
    second, _, depuis_cache = gpt_en_cache(config, _entraineur(autre, appels), dossier=tmp_path, reentrainer=True)
    assert (depuis_cache, len(appels)) == (False, 2)
    assert not np.array_equal(np.asarray(second(x)), np.asarray(premier(x)))
    relu, _, depuis_cache = gpt_en_cache(config, _entraineur(config, appels), dossier=tmp_path)
    assert (depuis_cache, len(appels)) == (True, 2)
    np.testing.assert_array_equal(np.asarray(relu(x)), np.asarray(second(x)))
    assert [p.name for p in tmp_path.iterdir()] == [f"petit_gpt-{cle_gpt(config)}"]
    with pytest.raises(TypeError, match="reentrainer"):
        gpt_en_cache(config, _entraineur(config, appels), dossier=tmp_path, reentrainer="oui")


def test_gpt_en_cache_refuse_les_mauvaises_entrees(tmp_path):
    from keras_facile.gpt import cle_gpt, gpt_en_cache

    with pytest.raises(TypeError, match="config doit être un dict"):
        cle_gpt([("K", 64)])
    with pytest.raises(TypeError, match="valeurs simples|nombres finis"):
        cle_gpt({"taux": float("nan")})
    with pytest.raises(TypeError, match="nombres finis"):
        gpt_en_cache({"X": np.zeros(3)}, lambda: None, dossier=tmp_path)
    with pytest.raises(TypeError, match="entrainer doit être une fonction"):
        gpt_en_cache(_config_minuscule(), "pas une fonction", dossier=tmp_path)
    with pytest.raises(ValueError, match="nom invalide"):
        gpt_en_cache(_config_minuscule(), lambda: None, nom="../ailleurs", dossier=tmp_path)
    with pytest.raises(TypeError, match=r"renvoyer \(modele Keras"):
        gpt_en_cache(_config_minuscule(), lambda: (None, {}), dossier=tmp_path)
    assert list(tmp_path.iterdir()) == []                               # rien d'écrit
