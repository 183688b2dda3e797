"""Entraîner les réseaux convolutifs : compilation, ``fit``, validation, mesures sur le test.

Deux façons d'entraîner :

- **comme le livre** : :func:`compiler_modele` (adam, ``accuracy``) puis
  :func:`entrainer` (``fit`` puis ``evaluate``) ;
- **la recette améliorée** (:func:`entrainer_recette_amelioree`) : 10 % de
  l'entraînement mis de côté pour la validation (le test ne sert jamais à régler),
  adam avec un taux qui décroît en cosinus, un pipeline ``tf.data`` mélangé à
  chaque époque, et au besoin la prédiction moyennée avec le miroir
  (:func:`predire_avec_miroir`).

L'*exactitude* (« accuracy » en anglais) est la part des exemples bien classés ;
ce n'est pas la *précision* (``keras.metrics.Precision`` : part des exemples
déclarés positifs qui le sont vraiment) ::

    >>> exactitude([1, 0, 1, 1], [[0.9], [0.2], [0.4], [0.7]])     # sortie sigmoïde
    0.75
    >>> exactitude([2, 0], [[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]])     # sortie softmax
    0.5

Test partiellement exact (le CIFAR-10 de ``../shared/data`` : seules les 1 000
premières images de test ont des pixels exacts, les 4 000 autres sont décodées
de copies JPEG) : passez le masque ``exact`` aux fonctions d'entraînement, qui
mesurent alors aussi ``exactitude_test_exactes`` ; :func:`phrase_exactitude`
l'écrit en premier, avec le chiffre sur tout le test à côté.
"""
from __future__ import annotations

from pathlib import Path

from . import _config  # noqa: F401
from .entrainement import ChronoEpoques
from .verifications import booleen, entier, modele_keras

import numpy as np
import keras

__all__ = [
    "compiler_modele",
    "exactitude",
    "predire_avec_miroir",
    "evaluer_test",
    "phrase_exactitude",
    "entrainer",
    "separer_validation",
    "entrainer_recette_amelioree",
    "chemin_modele",
    "enregistrer_modele",
    "relire_modele",
    "RAISON_IMAGES_JPEG",
]

RAISON_IMAGES_JPEG = "décodées de copies JPEG, leurs pixels s'écartent d'environ 6/255 des vrais"


# ---------------------------------------------------------------------------
# Compilation et mesures
# ---------------------------------------------------------------------------

def compiler_modele(modele, perte="categorical_crossentropy", ameliore=False,
                    pas_total=None, taux=1e-3):
    """Compile comme le livre (adam, ``accuracy``) ; en recette améliorée, adam avec un
    taux d'apprentissage qui décroît en cosinus sur ``pas_total`` pas."""
    if ameliore:
        if (not isinstance(pas_total, (int, np.integer)) or isinstance(pas_total, bool)
                or pas_total <= 0):
            raise ValueError(f"pas_total doit être un entier > 0 pour la recette améliorée, reçu {pas_total!r}")
        taux = keras.optimizers.schedules.CosineDecay(taux, decay_steps=int(pas_total), alpha=0.01)
    modele.compile(loss=perte, optimizer=keras.optimizers.Adam(learning_rate=taux),
                   metrics=["accuracy"])
    return modele


def exactitude(y, p) -> float:
    """Exactitude (part des exemples bien classés) de probabilités ``p`` face aux étiquettes ``y``.

    ``p`` : une sortie sigmoïde (n, 1) — classe 1 si p ≥ 0.5 — ou softmax (n, k), avec
    des étiquettes entières ou « one-hot ».
    """
    y, p = np.asarray(y), np.asarray(p)
    if p.ndim != 2 or len(p) != len(y) or len(y) == 0:
        raise ValueError(f"p doit être un tableau (n, classes) de même longueur n > 0 que y, "
                         f"reçu les formes {p.shape} et {y.shape}")
    if p.shape[1] == 1:
        return float(np.mean((p[:, 0] >= 0.5) == (y.reshape(-1) >= 0.5)))
    classes = np.argmax(y, axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(-1)
    return float(np.mean(np.argmax(p, axis=1) == classes))


def predire_avec_miroir(modele, x, batch_size=256) -> np.ndarray:
    """Prédiction moyennée sur l'image et son miroir gauche-droite (« test-time augmentation »).

    Un chat retourné reste un chat : la moyenne des deux avis est en général un peu plus sûre.
    """
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"x doit être un lot d'images (n, hauteur, largeur, canaux), reçu la forme {x.shape}")
    p = modele.predict(x, batch_size=batch_size, verbose=0)
    p_miroir = modele.predict(x[:, :, ::-1, :], batch_size=batch_size, verbose=0)
    return (p + p_miroir) / 2


def _verifier_masque(exact, n):
    masque = np.asarray(exact)
    if masque.dtype != bool or masque.shape != (n,):
        raise ValueError(f"exact doit être un tableau de booléens de forme ({n},) aligné sur x_test, "
                         f"reçu {masque.dtype} de forme {masque.shape}")
    if not masque.any():
        raise ValueError("exact ne marque aucune image de test")
    return masque


def evaluer_test(modele, x_test, y_test, exact=None, miroir=False, batch_size=256) -> dict:
    """Perte et exactitude du modèle compilé sur le test (``evaluate``), une seule fois.

    ``exact`` : masque booléen aligné sur ``x_test`` des images aux pixels exacts ; il
    ajoute ``perte_test_exactes``, ``exactitude_test_exactes`` et ``images_test_exactes``.
    ``miroir=True`` ajoute ``exactitude_test_miroir`` (et ``…_miroir_exactes``) mesurées
    avec :func:`predire_avec_miroir`.
    """
    perte, exacte = modele.evaluate(x_test, y_test, batch_size=batch_size, verbose=0)
    mesures = {"perte_test": float(perte), "exactitude_test": float(exacte), "images_test": len(x_test)}
    masque = None if exact is None else _verifier_masque(exact, len(x_test))
    if masque is not None:
        perte, exacte = modele.evaluate(x_test[masque], y_test[masque], batch_size=batch_size, verbose=0)
        mesures.update(perte_test_exactes=float(perte), exactitude_test_exactes=float(exacte),
                       images_test_exactes=int(masque.sum()))
    if miroir:
        p = predire_avec_miroir(modele, x_test, batch_size)
        mesures["exactitude_test_miroir"] = exactitude(y_test, p)
        if masque is not None:
            mesures["exactitude_test_miroir_exactes"] = exactitude(y_test[masque], p[masque])
    return mesures


def _milliers(n):
    return f"{n:,}".replace(",", " ")


def phrase_exactitude(mesures, miroir=False) -> str:
    """« 63.50 % sur les 1 000 images de test exactes (63.16 % sur les 5 000 : les 4 000 autres sont … »).

    Le chiffre sur les images exactes d'abord, celui de tout le test à côté avec la raison ;
    un simple « 63.16 % » quand tout le test est exact (ou sans masque).

    >>> phrase_exactitude({"exactitude_test": 0.5, "images_test": 10})
    '50.00 %'
    >>> print(phrase_exactitude({"exactitude_test": 0.6316, "images_test": 5000,
    ...                          "exactitude_test_exactes": 0.635, "images_test_exactes": 1000}))
    63.50 % sur les 1 000 images de test exactes (63.16 % sur les 5 000 : les 4 000 autres sont décodées de copies JPEG, leurs pixels s'écartent d'environ 6/255 des vrais)
    """
    suffixe = "_miroir" if miroir else ""
    toutes = mesures[f"exactitude_test{suffixe}"]
    n, n_exactes = mesures.get("images_test"), mesures.get("images_test_exactes")
    if n_exactes is None or n_exactes == n:
        return f"{100 * toutes:.2f} %"
    exactes = mesures[f"exactitude_test{suffixe}_exactes"]
    return (f"{100 * exactes:.2f} % sur les {_milliers(n_exactes)} images de test exactes "
            f"({100 * toutes:.2f} % sur les {_milliers(n)} : les {_milliers(n - n_exactes)} autres sont "
            f"{RAISON_IMAGES_JPEG})")


# ---------------------------------------------------------------------------
# Entraînement
# ---------------------------------------------------------------------------

def entrainer(modele, x, y=None, *, epochs, batch_size=32, validation_data=None, verbose=2,
              x_test=None, y_test=None, test=None, exact=None, miroir=False):
    """``fit`` puis ``evaluate`` ; renvoie un dictionnaire de mesures.

    ``x`` est un tableau (avec ``y``) ou un ``tf.data.Dataset`` ; le test est
    ``(x_test, y_test)`` (voir :func:`evaluer_test` pour ``exact`` et ``miroir``) ou le
    ``Dataset`` ``test``. Clés renvoyées : ``exactitude_entrainement`` (dernière époque),
    ``exactitude_validation`` (si ``validation_data``), ``secondes_par_epoque``,
    ``historique`` et celles de :func:`evaluer_test` (``exactitude_test``, ``perte_test`` …).
    """
    if test is not None and (exact is not None or miroir):
        raise ValueError("exact et miroir demandent le test en tableaux (x_test, y_test), pas un Dataset")
    chrono = ChronoEpoques()
    kw = {"shuffle": False} if y is None else {"batch_size": batch_size}  # un Dataset est déjà mélangé
    historique = modele.fit(x, y, epochs=epochs, validation_data=validation_data,
                            verbose=verbose, callbacks=[chrono], **kw)
    mesures = {
        "exactitude_entrainement": float(historique.history["accuracy"][-1]),
        "secondes_par_epoque": float(np.mean(chrono.durees)),
        "historique": {k: [float(v) for v in vals] for k, vals in historique.history.items()},
    }
    if validation_data is not None:
        mesures["exactitude_validation"] = float(historique.history["val_accuracy"][-1])
    if test is not None:
        perte, exacte = modele.evaluate(test, verbose=0)
        mesures.update(perte_test=float(perte), exactitude_test=float(exacte))
    elif x_test is not None:
        mesures.update(evaluer_test(modele, x_test, y_test, exact=exact, miroir=miroir))
    return mesures


def separer_validation(x, y, part=0.1, graine=0):
    """Tire ``part`` des exemples d'entraînement pour la validation (jamais le test).

    Renvoie ``(x_app, y_app), (x_val, y_val)``.

    >>> (xa, ya), (xv, yv) = separer_validation(np.arange(10), np.arange(10), part=0.2)
    >>> len(xa), len(xv), sorted(set(xa) | set(xv)) == list(range(10))
    (8, 2, True)
    """
    if isinstance(part, bool) or not isinstance(part, (int, float)) or not 0 < part < 1:
        raise ValueError(f"part doit être un nombre dans ]0, 1[, reçu {part!r}")
    if len(x) != len(y):
        raise ValueError(f"x et y n'ont pas la même longueur : {len(x)} et {len(y)}")
    ordre = np.random.default_rng(graine).permutation(len(x))
    n_val = max(1, int(round(part * len(x))))
    return (x[ordre[n_val:]], y[ordre[n_val:]]), (x[ordre[:n_val]], y[ordre[:n_val]])


def entrainer_recette_amelioree(modele, x, y, x_test, y_test, *, epochs, batch_size=64,
                                perte="categorical_crossentropy", validation=0.1, graine=0,
                                verbose=2, miroir=False, exact=None):
    """La recette améliorée : 10 % de l'entraînement mis de côté pour la validation,
    adam avec décroissance en cosinus, mélange à chaque époque ; test évalué une fois
    à la fin. Renvoie les mesures de :func:`entrainer` (plus ``images_entrainement``,
    ``images_validation``). Avec ``miroir=True``, l'exactitude est aussi mesurée avec
    :func:`predire_avec_miroir` (clés ``exactitude_test_miroir``,
    ``exactitude_validation_miroir``) ; ``exact`` : voir :func:`evaluer_test`."""
    import tensorflow as tf

    (xa, ya), (xv, yv) = separer_validation(x, y, validation, graine)
    pas = epochs * int(np.ceil(len(xa) / batch_size))
    compiler_modele(modele, perte=perte, ameliore=True, pas_total=pas)
    ds = (tf.data.Dataset.from_tensor_slices((xa, ya)).shuffle(len(xa), seed=graine)
          .batch(batch_size).prefetch(tf.data.AUTOTUNE))
    mesures = entrainer(modele, ds, epochs=epochs, validation_data=(xv, yv), verbose=verbose,
                        x_test=x_test, y_test=y_test, exact=exact, miroir=miroir)
    mesures.update(images_entrainement=len(xa), images_validation=len(xv))
    if miroir:
        mesures["exactitude_validation_miroir"] = exactitude(yv, predire_avec_miroir(modele, xv))
    return mesures


# ---------------------------------------------------------------------------
# Où ranger les modèles entraînés
# ---------------------------------------------------------------------------

def chemin_modele(nom: str, rapide: bool = False, graine: int | None = None) -> Path:
    """Chemin ``<cache>/modeles/<nom>[-rapide][-graine<g>].keras`` d'un modèle entraîné, dans le cache de
    keras_facile (``KERAS_FACILE_CACHE``, sinon ``~/.cache/keras_facile``), jamais dans le dépôt.

    ``graine`` : la graine de l'entraînement ; un modèle entraîné avec une autre graine est un autre
    modèle, rangé ailleurs (``--graine 5`` ne relit pas celui de la graine 0). La graine 0, celle du
    livre et des chapitres par défaut, ne change pas le nom (comme ``graine=None``).
    """
    from .donnees import dossier_cache

    if not isinstance(nom, str) or not nom or not all(c.isalnum() or c in "-_" for c in nom):
        raise ValueError(f"nom de modèle invalide : {nom!r} (lettres, chiffres, - et _)")
    booleen("rapide", rapide)
    suffixe = "-rapide" if rapide else ""
    if graine is not None and entier("graine", graine, min=0) != 0:
        suffixe += f"-graine{int(graine)}"
    return dossier_cache() / "modeles" / f"{nom}{suffixe}.keras"


def enregistrer_modele(modele, chemin) -> Path:
    """Enregistre ``modele`` en ``.keras`` à ``chemin`` d'un seul coup : d'abord sous un nom temporaire
    unique du même dossier, puis renommé (``os.replace``, atomique). Une exécution interrompue pendant
    l'enregistrement ne laisse jamais un fichier tronqué à ``chemin`` ; deux processus qui enregistrent
    en même temps laissent l'un des deux modèles, entier. Renvoie ``chemin``."""
    from .fichiers import ecriture_atomique

    modele_keras("modele", modele)
    chemin = Path(chemin)
    if chemin.suffix != ".keras":
        raise ValueError(f"chemin doit finir par .keras, reçu {str(chemin)!r} (str)")
    with ecriture_atomique(chemin) as temporaire:
        modele.save(temporaire)
    return chemin


def relire_modele(chemin):
    """Le modèle enregistré à ``chemin``, ou ``None`` s'il n'y est pas ou s'il est illisible (fichier
    tronqué par une exécution interrompue, abîmé, d'une autre version de Keras…) : un fichier
    illisible est signalé puis effacé, et le modèle sera entraîné de nouveau."""
    import sys

    chemin = Path(chemin)
    if not chemin.is_file():
        return None
    try:
        return keras.models.load_model(chemin)
    except Exception as e:  # noqa: BLE001 — zip tronqué, JSON abîmé, poids manquants…
        print(f"modèle en cache illisible ({type(e).__name__} : {e}) : {chemin} effacé, nouvel entraînement",
              file=sys.stderr)
        chemin.unlink(missing_ok=True)
        return None
