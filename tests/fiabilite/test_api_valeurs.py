"""Fiabilité de l'API du livre (issue 12) : évaluation à jour, valeurs immenses."""
import numpy as np
import pytest

from keras_facile import Dense, Input, Sequential, calcul_approximation, definir_poids, evaluation, heaviside
from test_api_livre import reseau_relu   # le réseau du listing 6.8


def _poids(modele):
    return [w.copy() for w in modele.get_weights()]


def _memes_poids(avant, apres):
    return len(avant) == len(apres) and all(np.array_equal(a, b) for a, b in zip(avant, apres))


# --- item 2 : evaluation suit les couches actuelles du modèle -----------------------------

def test_evaluation_suit_pop_puis_add():
    """pop + add garde le même nombre de couches : l'ancienne fonction compilée évaluait l'ancien réseau."""
    m = reseau_relu()
    assert evaluation(m, 3) == 2.0                      # compile et met en cache
    m.pop()
    m.add(Dense(1, activation="relu"))
    definir_poids(m, 1, 0, [2, 2], 0)                  # la nouvelle sortie double l'ancienne
    definir_poids(m, 0, 0, -5, 0)                      # et le neurone 0 est éteint
    attendu = float(np.asarray(m(np.array([[1.0]], dtype=np.float32)))[0, 0])
    assert evaluation(m, 1.0) == pytest.approx(attendu)
    assert evaluation(m, 1.0) == pytest.approx(1.0)     # 2·(ReLU(−5) + ReLU(−0.5+1)) ; l'ancienne sortie donnait 0.5


def test_evaluation_nouvelle_couche_non_reglee_suit_le_modele():
    """Le cas de l'issue : après pop/add, evaluation == m(x), quels que soient les poids de la nouvelle couche."""
    m = reseau_relu()
    evaluation(m, 1.0)
    m.pop()
    m.add(Dense(1, activation="relu"))
    definir_poids(m, 0, 0, -5, 0)
    for x in (1.0, -2.0, 0.25):
        attendu = float(np.asarray(m(np.array([[x]], dtype=np.float32)))[0, 0])
        assert evaluation(m, x) == pytest.approx(attendu, abs=1e-6)


# --- item 8 : valeurs immenses -------------------------------------------------------------

def test_definir_poids_refuse_1e300_sans_rien_changer():
    m = reseau_relu()
    avant = _poids(m)
    with pytest.raises(ValueError, match=r"^coeff doit être un nombre représentable en float32.*reçu 1e\+300"):
        definir_poids(m, 0, 0, 1e300, 0)
    with pytest.raises(ValueError, match=r"^biais doit .*reçu"):
        definir_poids(m, 0, 0, 1, -1e39)
    with pytest.raises(ValueError, match=r"^coeff\[1\] doit .*reçu"):
        definir_poids(m, 1, 0, [1, 10**400], 0)
    assert _memes_poids(avant, _poids(m))


def test_evaluation_entier_immense_erreur_francaise():
    m = reseau_relu()
    with pytest.raises(ValueError, match=r"^entree doit être un nombre fini, reçu 1000.*\(int\)"):
        evaluation(m, 10**400)
    with pytest.raises(ValueError, match=r"^entree doit .*float32.*reçu 1e\+300"):
        evaluation(m, 1e300)


def test_calcul_approximation_refuse_f_immense_sans_rien_changer():
    n = 4
    m = Sequential([Input(shape=(1,)), Dense(2 * n, activation=heaviside), Dense(1, activation="linear")])
    calcul_approximation(m, np.sqrt, 0, 4, n)
    avant = _poids(m)
    with pytest.raises(ValueError, match=r"^f doit renvoyer des valeurs de taille ≤ .*float32.*reçu f\("):
        calcul_approximation(m, lambda x: np.full_like(x, 1e300), 0, 4, n)
    # juste sous float32 mais la somme des marches déborderait : refusé aussi
    with pytest.raises(ValueError, match=r"^f doit renvoyer des valeurs de taille"):
        calcul_approximation(m, lambda x: np.where(x < 2, 3e38, -3e38), 0, 4, n)
    with pytest.raises(ValueError, match=r"^a doit .*float32.*reçu -1e\+300"):
        calcul_approximation(m, np.sqrt, -1e300, 4, n)
    assert _memes_poids(avant, _poids(m))
    assert evaluation(m, 1.5) == pytest.approx(1.0)


def test_calcul_approximation_grandes_valeurs_admises_restent_finies():
    """À la borne admise, le réseau calcule encore des nombres finis (pas de NaN)."""
    n = 4
    m = Sequential([Input(shape=(1,)), Dense(2 * n, activation=heaviside), Dense(1, activation="linear")])
    grand = float(np.finfo(np.float32).max) / (2 * (n + 2))
    calcul_approximation(m, lambda x: np.where(x < 2, grand, -grand), 0, 4, n)
    valeurs = [evaluation(m, x) for x in (-1.0, 0.5, 1.5, 2.5, 3.5, 4.0, 5.0)]
    assert np.all(np.isfinite(valeurs))
    assert valeurs[1] == pytest.approx(grand, rel=1e-6) and valeurs[3] == pytest.approx(-grand, rel=1e-6)
