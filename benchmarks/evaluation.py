"""Banc d'essai : ``evaluation()`` et l'affichage à une variable, contre la manière du livre.

La manière du livre (module d'origine) : ``modele.predict(np.array([entree]))``
pour chaque point, et ``predict`` sur les 1000 points d'une courbe. La nôtre :
une fonction TensorFlow compilée une fois par modèle (``keras_facile.evaluation``).
Les deux sont mesurées dans le même passage ; on rapporte les rapports de durée.

    python benchmarks/evaluation.py
"""
from __future__ import annotations

import statistics
import time

import keras_facile  # noqa: F401
from keras_facile import *

from commun import ecrire_resultats

plt.switch_backend("Agg")


def reseau_du_livre():
    """Le réseau du listing 6.8 (deux neurones ReLU puis une sortie ReLU), tel que l'atelier l'ouvre."""
    from keras_facile.exemples_atelier import modele_exemple

    return modele_exemple("listing-6-8")


def evaluation_du_livre(modele, *entree):
    """La fonction d'origine : predict sur un lot d'un seul point."""
    if isinstance(entree[0], (int, float)):
        entree = list(entree)
    else:
        entree = entree[0]
    return modele.predict(np.array([entree]), verbose=0)[0][0]


def affichage_du_livre(modele, a, b, num):
    liste_x = np.linspace(a, b, num=num)
    sortie = modele.predict(np.array([[x] for x in liste_x]), verbose=0)
    fig, ax = plt.subplots()
    ax.plot(liste_x, [y[0] for y in sortie])
    fig.tight_layout()
    fig.canvas.draw()
    plt.close(fig)


def chrono(fonction, repetitions):
    """Médiane de 5 séries de ``repetitions`` appels, en secondes par appel."""
    fonction()  # échauffement (compilation)
    series = []
    for _ in range(5):
        debut = time.perf_counter()
        for _ in range(repetitions):
            fonction()
        series.append((time.perf_counter() - debut) / repetitions)
    return statistics.median(series)


def main():
    modele = reseau_du_livre()
    assert evaluation(modele, 3) == evaluation_du_livre(modele, 3) == 2.0

    t_livre = chrono(lambda: evaluation_du_livre(modele, 3), 20)
    t_nous = chrono(lambda: evaluation(modele, 3), 200)

    def notre_affichage():
        fig = affichage_evaluation_une_var(modele, -2, 3, num=1000, afficher=False)
        fig.canvas.draw()
        plt.close(fig)

    a_livre = chrono(lambda: affichage_du_livre(modele, -2, 3, 1000), 5)
    a_nous = chrono(notre_affichage, 5)

    mesures = {
        "evaluation_un_point_livre_predict": {"valeur": t_livre * 1e3, "unite": "ms/point"},
        "evaluation_un_point_keras_facile": {"valeur": t_nous * 1e3, "unite": "ms/point"},
        "evaluation_rapport": {"valeur": t_livre / t_nous, "unite": "fois plus rapide", "cible": 20},
        "affichage_une_var_1000_points_livre": {"valeur": a_livre * 1e3, "unite": "ms"},
        "affichage_une_var_1000_points_keras_facile": {"valeur": a_nous * 1e3, "unite": "ms"},
        "affichage_rapport": {"valeur": a_livre / a_nous, "unite": "fois plus rapide"},
    }
    print(f"{'mesure':<45} {'valeur':>10}  unité")
    for nom, m in mesures.items():
        print(f"{nom:<45} {m['valeur']:>10.2f}  {m['unite']}")
    chemin = ecrire_resultats("evaluation", mesures)
    print("résultats écrits dans", chemin)


if __name__ == "__main__":
    main()
