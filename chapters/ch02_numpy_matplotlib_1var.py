"""Chapitre 2 — Python : numpy et matplotlib avec une variable.

Ce que le chapitre montre : les vecteurs numpy (création, opérations élément par
élément, initialisation, parcours, fonctions mathématiques), puis les tracés de
matplotlib (courbe de Gauss, tracés point par point, titre, grille, repère,
légende). Chaque listing du livre, avec ce qu'il affiche.
Durée : quelques secondes.
"""
from keras_facile import *
from keras_facile.chapitre import Chapitre

chapitre = Chapitre(__doc__)


def montrer(expression, valeur):
    """Affiche « expression → valeur » comme print le ferait, et renvoie le texte affiché."""
    texte = str(valeur)
    print(f"{expression:<28} {texte}")
    return texte


@chapitre.section("introduction", duree="1 s")
def introduction(options):
    """Listing 2.0 — le graphe de cos sur [0, 10]."""
    X = np.linspace(0, 10, num=100)
    Y = np.cos(X)
    fig, ax = plt.subplots()
    ax.plot(X, Y)
    chapitre.figure(fig, "ch02-cosinus")
    return {"n": len(X)}


@chapitre.section("vecteurs", duree="1 s")
def vecteurs(options):
    """§1.1–1.4 — définir un vecteur, opérations élément par élément, initialisation, parcours."""
    X = np.array([1, 2, 3, 4])
    Y = np.array([10, 11, 12, 13])
    sorties = {
        "X": montrer("X = np.array([1,2,3,4])", X),
        "type": montrer("type(X)", type(X).__name__),
        "arange": montrer("np.arange(1,8,0.5)", np.arange(1, 8, 0.5)),
        "linspace12": montrer("np.linspace(0,1,num=12)", np.linspace(0, 1, num=12)),
        "2*X": montrer("2*X", 2 * X),
        "X+1": montrer("X+1", X + 1),
        "X**2": montrer("X**2", X ** 2),
        "1/X": montrer("1/X", 1 / X),
        "sum": montrer("np.sum(X)", np.sum(X)),
        "min": montrer("np.min(X)", np.min(X)),
        "max": montrer("np.max(X)", np.max(X)),
        "X+Y": montrer("X+Y", X + Y),
        "X*Y": montrer("X*Y", X * Y),
        "zeros": montrer("np.zeros(5)", np.zeros(5)),
        "7*ones": montrer("7*np.ones(5)", 7 * np.ones(5)),
    }
    rng = np.random.default_rng(options.graine)
    montrer("np.random.random(5)", rng.random(5))
    X = np.linspace(1, 2, num=10)
    sorties["linspace10"] = montrer("np.linspace(1,2,num=10)", X)
    sorties["len"] = montrer("len(X), np.shape(X)", (len(X), np.shape(X)))
    for i in range(3):
        print(" ", i, X[i])
    return sorties


@chapitre.section("fonctions", duree="1 s")
def fonctions(options):
    """§1.5 — appliquer une fonction à un vecteur (radians, degrés) ; math.cos échoue sur un vecteur."""
    import math

    X = np.array([0, 1, 2, 3, 4, 5])
    sorties = {
        "sqrt": montrer("np.sqrt(X)", np.sqrt(X)),
        "X**2": montrer("X**2", X ** 2),
        "cos_degres": montrer("np.cos(2*np.pi/360*X)", np.round(np.cos(2 * np.pi / 360 * X), 6)),
    }
    try:
        math.cos(X)
        sorties["math_cos_erreur"] = False
    except TypeError as erreur:
        print("math.cos(X) :", type(erreur).__name__, "—", erreur)
        sorties["math_cos_erreur"] = True
    return sorties


@chapitre.section("graphiques", duree="2 s")
def graphiques(options):
    """Listings 2.1–2.4 — Gauss, tracés point par point, « Amorti » (titre, grille, repère), sigmoïdes."""
    X = np.linspace(-3, 3, num=100)
    fig, ax = plt.subplots()
    ax.plot(X, np.exp(-X ** 2))
    chapitre.figure(fig, "ch02-gauss")

    X = np.array([0, 1, 2, 3, 4, 5])
    Y = np.array([0, 1, 4, 1, 3, 2])
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.5))
    axes[0].plot(X, Y)
    axes[1].plot(X, Y, linewidth=3, color="red")
    axes[2].scatter(X, Y)
    chapitre.figure(fig, "ch02-points")

    a, b = 0, 5
    X = np.linspace(a, b, num=100)
    fig, ax = plt.subplots()
    ax.set_title("Amorti")
    ax.axis("equal")
    ax.grid()
    ax.set_xlim(a, b)
    ax.plot(X, np.exp(-X) * np.cos(2 * np.pi * X))
    chapitre.figure(fig, "amorti")

    X = np.linspace(-5, 5, num=100)
    fig, ax = plt.subplots()
    for k in range(1, 5):
        ax.plot(X, 1 / (1 + np.exp(-k * X)), label="k={}".format(k))
    ax.legend()
    chapitre.figure(fig, "ch02-sigmoides")
    return {"legendes": [t.get_text() for t in ax.get_legend().get_texts()]}


if __name__ == "__main__":
    chapitre.lancer()
