"""Gradients d'un réseau : par rapport aux poids (descente « à la main ») et aux entrées.

Le livre (chapitre 10) propose ``get_weights_grad(modele, X, Y)`` dont la
version d'origine repose sur des fonctions internes de Keras 2 disparues en
Keras 3. Elle est réécrite ici avec ``tf.GradientTape`` sur la perte compilée du
modèle (réduction « moyenne » sur le lot, celle de ``fit``) : le gradient a la
même structure que ``modele.get_weights()`` et ``w - delta * g`` est exactement
un pas de ``SGD(learning_rate=delta)``.

>>> from keras_facile import *
>>> modele = Sequential([Input(shape=(1,)), Dense(1)])
>>> modele.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
>>> modele.set_weights([np.array([[2.0]]), np.array([0.0])])
>>> [g.tolist() for g in get_weights_grad(modele, np.array([[1.0]]), np.array([[0.0]]))]
[[[4.0]], [4.0]]
"""
from __future__ import annotations

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif

import keras
import tensorflow as tf

__all__ = ["get_weights_grad", "gradient_entree", "verifier_gradient"]


def _lignes(nom, valeur):
    """Un tableau float32 d'au moins une dimension (un exemple par ligne), non vide."""
    tableau = verif.tableau(nom, valeur, dtype=np.float32, vide=False)
    if tableau.ndim == 0:
        raise ValueError(f"{nom} doit être un tableau (N, …), un exemple par ligne, reçu {verif.decrire(valeur)}")
    return tableau


def _tableaux(X, Y):
    X = _lignes("X", X)
    if X.ndim == 1:
        X = X[:, None]
    Y = _lignes("Y", Y)
    if Y.ndim == 1:
        Y = Y[:, None]
    verif.meme_forme("X", X, "Y", Y, axe=0)
    return X, Y


def _fonction_perte(modele, perte):
    """La perte à dériver : ``perte`` si elle est donnée, sinon la perte compilée."""
    if perte is not None:
        fonction = keras.losses.get(perte)
        return lambda y, y_pred: fonction(y, y_pred) if isinstance(fonction, keras.losses.Loss) \
            else keras.ops.mean(fonction(y, y_pred))
    if not getattr(modele, "compiled", False) or getattr(modele, "loss", None) is None:
        raise ValueError(
            "modele doit être compilé avec une fonction d'erreur, reçu un modèle sans perte ; appelez d'abord "
            "modele.compile(loss='mean_squared_error', optimizer=...) ou passez perte='mse'"
        )
    return None  # on utilise modele.compute_loss (perte compilée + régularisation)


def _perte(modele, fonction, X, Y):
    y_pred = modele(X, training=True)
    if fonction is None:
        return modele.compute_loss(x=X, y=Y, y_pred=y_pred)
    return fonction(Y, y_pred)


def get_weights_grad(modele, X, Y, perte=None):
    """Gradient de l'erreur par rapport à tous les poids, pour les données (X, Y).

    Renvoie une liste de tableaux numpy de mêmes formes que ``modele.get_weights()``
    (zéros pour les poids non entraînables). L'erreur est la perte compilée du
    modèle (moyenne sur les exemples), ou ``perte`` (par ex. ``"mse"``).
    Le livre : ``poids_apres = [w - delta * g for w, g in zip(poids_avant, gradient)]``.
    """
    verif.modele_keras("modele", modele)
    fonction = _fonction_perte(modele, perte)
    X, Y = _tableaux(X, Y)
    verif.donnees_du_modele(modele, X, Y, perte)
    variables = modele.trainable_variables
    with tf.GradientTape() as bande:
        valeur = _perte(modele, fonction, tf.constant(X), tf.constant(Y))
    gradients = bande.gradient(valeur, variables)
    par_variable = {id(v): g for v, g in zip(variables, gradients)}
    resultat = []
    for v in modele.weights:
        g = par_variable.get(id(v))
        resultat.append(np.zeros(v.shape, dtype=np.float32) if g is None else np.asarray(g))
    return resultat


def gradient_entree(modele, X, Y=None, rang=0, perte=None):
    """Gradient par rapport aux entrées, pour chaque exemple de ``X`` (forme ``(N, n)``).

    Sans ``Y`` : gradient de la sortie numéro ``rang`` (∂F/∂x_i en chaque point).
    Avec ``Y`` : gradient de l'erreur (somme sur les exemples de l'erreur de
    chacun), utile pour les exemples adverses.
    """
    verif.modele_keras("modele", modele)
    X = _lignes("X", X)
    if X.ndim == 1:
        X = X[:, None]
    if Y is None:
        rang = verif.entier("rang", rang, min=0)
    else:
        Yt = _lignes("Y", Y)
        verif.meme_forme("X", X, "Y", Yt, axe=0)
        verif.donnees_du_modele(modele, X, Yt if Yt.ndim > 1 else Yt[:, None], perte)
        if perte is None and getattr(modele, "loss", None) is None:
            raise ValueError("perte doit être donnée pour un modèle non compilé, reçu None (NoneType) ; "
                             "passez perte='mse' ou compilez le modèle avec une perte")
    x = tf.Variable(X)
    with tf.GradientTape() as bande:
        y_pred = modele(x, training=False)
        if Y is None:
            p = int(y_pred.shape[-1])
            verif.entier("rang", rang, min=0, max=p - 1,
                         aide=f"la couche de sortie a {p} neurone{'s' if p > 1 else ''}")
            cible = tf.reduce_sum(y_pred[:, rang])
        else:
            if Yt.ndim == 1 and y_pred.shape[-1] == 1:
                Yt = Yt[:, None]
            fonction = keras.losses.get(perte or modele.loss)
            # Loss.call donne l'erreur de chaque exemple, sans réduction
            valeurs = fonction.call(tf.constant(Yt), y_pred) if isinstance(fonction, keras.losses.Loss) \
                else fonction(tf.constant(Yt), y_pred)
            cible = tf.reduce_sum(valeurs)
    return np.asarray(bande.gradient(cible, x))


def verifier_gradient(modele, X, Y, epsilon=1e-4, max_poids=200, graine=0, perte=None):
    """Compare ``get_weights_grad`` à des différences finies centrées.

    Les calculs se font sur une copie du modèle en float64 (les poids du modèle
    ne sont pas modifiés). Au plus ``max_poids`` poids tirés au hasard sont
    vérifiés, chacun une fois. Renvoie ``{"ecart_relatif_max": ..., "poids_verifies": ...,
    "poids": [(k, j), ...], "pire": (k, j)}`` où l'écart relatif est
    ``|g_dif - g| / max(|g_dif|, |g|, 1e-4 max|g|)`` ; ``(k, j)`` désigne le coefficient
    ``modele.get_weights()[k].flat[j]`` (``pire`` : celui de l'écart maximal).
    """
    epsilon = verif.reel("epsilon", epsilon, min=0, min_exclu=True)
    max_poids = verif.entier("max_poids", max_poids, min=1)
    # get_weights_grad appelle le modèle en mode entraînement : une couche
    # BatchNormalization y met à jour ses moyennes mobiles (poids non
    # entraînables). On les remet telles quelles : le modèle ne doit pas changer.
    etat = [(v, np.array(v.numpy(), copy=True)) for v in modele.non_trainable_variables]
    try:
        gradient = get_weights_grad(modele, X, Y, perte=perte)
    finally:
        for v, valeur in etat:
            v.assign(valeur)
    X, Y = _tableaux(X, Y)
    copie = _copie_float64(modele)
    poids = [np.asarray(w, dtype=np.float64) for w in modele.get_weights()]
    entrainables = {id(v) for v in modele.trainable_variables}
    indices = [(k, j) for k, v in enumerate(modele.weights) if id(v) in entrainables
               for j in range(int(np.prod(v.shape)))]
    rng = np.random.default_rng(graine)
    if len(indices) > max_poids:
        indices = [indices[i] for i in rng.choice(len(indices), max_poids, replace=False)]
    X64, Y64 = tf.constant(X.astype(np.float64)), tf.constant(Y.astype(np.float64))
    perte64 = _perte_float64(perte if perte is not None else modele.loss)

    def erreur(liste):
        copie.set_weights(liste)
        y_pred = copie(X64, training=True)
        regularisation = sum(float(r) for r in copie.losses)
        return float(perte64(Y64, y_pred)) + regularisation

    # Plancher du dénominateur : 1e-4 × la plus grande composante du gradient. Le
    # gradient analytique est en float32 : sur une composante presque nulle, un
    # écart relatif « pur » ne mesurerait que l'arrondi.
    plancher = max(1e-4 * max(float(np.max(np.abs(g))) for g in gradient), 1e-8)
    ecarts = []
    for k, j in indices:
        plus = [w.copy() for w in poids]
        moins = [w.copy() for w in poids]
        plus[k].flat[j] += epsilon
        moins[k].flat[j] -= epsilon
        g_dif = (erreur(plus) - erreur(moins)) / (2 * epsilon)
        g = float(gradient[k].flat[j])
        ecarts.append(abs(g_dif - g) / max(abs(g_dif), abs(g), plancher))
    i = int(np.argmax(ecarts))
    return {"ecart_relatif_max": ecarts[i], "poids_verifies": len(indices), "poids": indices, "pire": indices[i]}


def _perte_float64(perte):
    """La même fonction d'erreur, calculée en float64 (moyenne sur les exemples)."""
    objet = keras.losses.get(perte)
    if isinstance(objet, keras.losses.Loss):
        config = objet.get_config()
        config["dtype"] = "float64"
        return objet.__class__.from_config(config)
    return lambda y, y_pred: keras.ops.mean(objet(y, y_pred))


def _copie_float64(modele):
    """Copie du modèle dont toutes les couches calculent en float64."""

    def cloner(couche):
        config = couche.get_config()
        config["dtype"] = "float64"
        return couche.__class__.from_config(config)

    try:
        copie = keras.models.clone_model(modele, clone_function=cloner)
    except Exception as erreur:  # pragma: no cover - modèle exotique
        raise ValueError(f"verifier_gradient : impossible de copier le modèle en float64 ({erreur})") from erreur
    copie.set_weights(modele.get_weights())
    return copie
