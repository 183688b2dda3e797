"""Modèles .keras du cache (issue 12) : enregistrés d'un seul coup (nom temporaire puis os.replace),
un fichier tronqué est réentraîné au lieu de casser chaque exécution suivante, et la graine fait
partie du nom (``visualisation --graine 5`` ne relit pas le modèle de la graine 0)."""
import zipfile

import keras
import numpy as np
import pytest

from keras_facile import recettes as rec


def _petit_modele():
    keras.utils.set_random_seed(0)
    return keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])


def test_chemin_depend_de_la_graine(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path))
    modeles = tmp_path / "modeles"
    assert rec.chemin_modele("mnist_visualisation", rapide=True, graine=0) == modeles / "mnist_visualisation-rapide.keras"
    assert rec.chemin_modele("mnist_visualisation", rapide=True, graine=5) == \
        modeles / "mnist_visualisation-rapide-graine5.keras"
    assert rec.chemin_modele("m", graine=5) != rec.chemin_modele("m", graine=6) != rec.chemin_modele("m")
    with pytest.raises(ValueError, match=r"^graine doit être un entier ≥ 0, reçu -1 \(int\)$"):
        rec.chemin_modele("m", graine=-1)
    with pytest.raises(TypeError, match=r"^graine doit être un entier ≥ 0, reçu 1.5 \(float\)$"):
        rec.chemin_modele("m", graine=1.5)


def test_enregistrement_interrompu_ne_laisse_rien_de_tronque(tmp_path, monkeypatch):
    chemin = tmp_path / "m.keras"
    rec.enregistrer_modele(_petit_modele(), chemin)
    avant = chemin.read_bytes()

    modele = _petit_modele()
    vrai_save = keras.Model.save

    def save_interrompu(self, fichier, *a, **k):          # écrit la moitié du fichier puis « Ctrl-C »
        vrai_save(self, fichier, *a, **k)
        contenu = open(fichier, "rb").read()
        open(fichier, "wb").write(contenu[:len(contenu) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(keras.Model, "save", save_interrompu)
    with pytest.raises(KeyboardInterrupt):
        rec.enregistrer_modele(modele, chemin)
    assert chemin.read_bytes() == avant                    # l'ancien modèle, entier
    assert [p.name for p in tmp_path.iterdir()] == ["m.keras"]    # pas de temporaire oublié
    monkeypatch.undo()
    with pytest.raises(ValueError, match=r"^chemin doit finir par \.keras"):
        rec.enregistrer_modele(modele, tmp_path / "m.h5")


def test_fichier_tronque_relu_comme_absent(tmp_path, capsys):
    chemin = rec.enregistrer_modele(_petit_modele(), tmp_path / "m.keras")
    assert rec.relire_modele(chemin).count_params() == 3
    contenu = chemin.read_bytes()
    chemin.write_bytes(contenu[:len(contenu) // 3])
    assert rec.relire_modele(chemin) is None
    assert "modèle en cache illisible" in capsys.readouterr().err and not chemin.exists()
    assert rec.relire_modele(tmp_path / "absent.keras") is None


def _visualisation(figures, *options):
    from keras_facile.lecon import executer_chapitre

    return executer_chapitre(14, ["--rapide", "--figures", str(figures), "--section", "visualisation", *options])


def test_chapitre14_cache_tronque_reconstruit_et_graine(donnees_factices, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KERAS_FACILE_DATA", str(donnees_factices))
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path / "cache"))
    modeles = tmp_path / "cache" / "modeles"
    graine0 = modeles / "mnist_visualisation-rapide.keras"

    r = _visualisation(tmp_path / "f1")
    assert "modèle enregistré" in capsys.readouterr().out and zipfile.is_zipfile(graine0)
    assert sorted(p.name for p in modeles.iterdir()) == ["mnist_visualisation-rapide.keras"]   # aucun temporaire

    # un enregistrement interrompu a laissé un fichier tronqué : reconstruit, pas fatal
    contenu = graine0.read_bytes()
    graine0.write_bytes(contenu[:len(contenu) // 2])
    r_tronque = _visualisation(tmp_path / "f2")
    sortie = capsys.readouterr()
    assert "modèle en cache illisible" in sortie.err
    assert "modèle relu" not in sortie.out and "modèle enregistré" in sortie.out
    relu = keras.models.load_model(graine0)                      # de nouveau entier et lisible
    assert relu.count_params() == 33850
    v = r_tronque["visualisation"]
    np.testing.assert_allclose(relu.predict(v["X_test"][:5], verbose=0),
                               v["modele"].predict(v["X_test"][:5], verbose=0), atol=1e-6)
    # même graine, mêmes données : le modèle reconstruit est celui du premier entraînement
    assert v["exactitude sur le test (%)"] == pytest.approx(r["visualisation"]["exactitude sur le test (%)"])

    # graine 5 : un autre modèle, à un autre chemin ; celui de la graine 0 n'est ni relu ni touché
    avant = graine0.read_bytes()
    _visualisation(tmp_path / "f3", "--graine", "5")
    sortie = capsys.readouterr().out
    assert "modèle relu" not in sortie and "mnist_visualisation-rapide-graine5.keras" in sortie
    assert zipfile.is_zipfile(modeles / "mnist_visualisation-rapide-graine5.keras")
    assert graine0.read_bytes() == avant
    _visualisation(tmp_path / "f4", "--graine", "5")
    assert "modèle relu : " + str(modeles / "mnist_visualisation-rapide-graine5.keras") in capsys.readouterr().out
