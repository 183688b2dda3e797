"""Banc d'essai : le redessin de l'atelier dans un carnet (keras_facile.atelier), sans navigateur.

Un mouvement de curseur = ``definir_poids`` + le réseau évalué sur tous les points
(``evaluer_lot``) + l'erreur max + l'image PNG envoyée au widget. Deux cas du ticket :
une courbe de 1 000 points (réseau du listing 6.8, cible |x − 1|) et une carte de
chaleur 100 × 100 avec lignes de niveau (réseau 2 → 3 heaviside → 1 sigmoïde, cible
disque). Chaque cas : 60 mouvements d'un biais par petits pas (comme une main qui
glisse), puis 60 grands sauts (les limites de l'axe ou des couleurs changent : fond
entier redessiné). On compare au redessin complet de la même figure (``savefig``),
la manière simple. Le temps d'envoi au navigateur (comm Jupyter) n'est pas compté.

    python benchmarks/atelier_carnet.py
"""
from __future__ import annotations

import io
import os
import statistics
import time

import numpy as np

from keras_facile import Dense, Input, Sequential, keras
from keras_facile.atelier import atelier

from commun import ecrire_resultats
from evaluation import reseau_du_livre          # le réseau du listing 6.8


def reseau_deux_entrees():
    keras.utils.set_random_seed(0)
    return Sequential([Input(shape=(2,)), Dense(3, activation="heaviside"), Dense(1, activation="sigmoid")])


def mesurer(a, cle, valeurs):
    """Durées (horloge) et temps processeur de chaque mouvement du curseur ``cle``."""
    durees, cpu = [], []
    for v in valeurs:
        debut = time.process_time()
        a.curseurs[cle].value = float(v)
        cpu.append(time.process_time() - debut)
        durees.append(a.duree_redessin)
    return durees, cpu


def resume(durees, cpu=None):
    durees = sorted(durees)
    r = {"mediane_ms": round(1000 * statistics.median(durees), 2),
         "p90_ms": round(1000 * durees[int(0.9 * (len(durees) - 1))], 2),
         "max_ms": round(1000 * durees[-1], 2), "mouvements": len(durees)}
    if cpu is not None:      # temps processeur : moins sensible à la charge d'une machine partagée
        r["cpu_mediane_ms"] = round(1000 * statistics.median(cpu), 2)
    return r


def savefig_complet(a, repetitions=20):
    durees, cpu = [], []
    for _ in range(repetitions):
        debut, debut_cpu = time.perf_counter(), time.process_time()
        a.calculer()
        a.figure.savefig(io.BytesIO(), format="png")
        durees.append(time.perf_counter() - debut)
        cpu.append(time.process_time() - debut_cpu)
    return resume(durees, cpu)


def cas(nom, a, cle, petits, grands):
    a.curseurs[cle].value = float(petits[0])          # échauffement
    mesures = {
        "petits_pas": resume(*mesurer(a, cle, petits)),
        "grands_sauts": resume(*mesurer(a, cle, grands)),
        "calcul_seul": resume([_chrono(a.calculer) for _ in range(60)]),
        "savefig_complet": savefig_complet(a),
    }
    print(nom, mesures)
    return mesures


def _chrono(fonction):
    debut = time.perf_counter()
    fonction()
    return time.perf_counter() - debut


def main():
    charge = os.getloadavg()[0]          # la machine est partagée : la charge est notée avec les mesures
    rng = np.random.default_rng(0)
    courbe = atelier(reseau_du_livre(), -2, 3, cible=lambda x: np.abs(x - 1))
    carte = atelier(reseau_deux_entrees(), -3, 3, cible=lambda x, y: (x**2 + y**2 < 4) * 1.0)
    mesures = {
        "courbe_1000_points": cas("courbe", courbe, (0, 1, -1), np.linspace(0.9, 1.3, 61), rng.uniform(-5, 5, 60)),
        "carte_100x100": cas("carte", carte, (0, 1, 0), np.linspace(-0.5, 0.5, 61), rng.uniform(-5, 5, 60)),
        "charge_moyenne_1_min": round(charge, 2),
    }
    print(ecrire_resultats("atelier_carnet", mesures))


if __name__ == "__main__":
    main()
