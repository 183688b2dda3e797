"""Chapitre 3 — Fonctions de plusieurs variables.

Ce que le chapitre montre : graphes de fonctions de deux variables et leurs
tranches, minimum et maximum, trois façons élémentaires de chercher un minimum
(grille, hasard, tranche par tranche) sur le problème des trois points, les
lignes de niveau (dont les surfaces quadratiques : paraboloïde, cylindre, selle)
et l'erreur d'une régression linéaire. Durée : quelques secondes.
"""
from scipy.optimize import minimize_scalar

from keras_facile import *
from keras_facile.chapitre import Chapitre

chapitre = Chapitre(__doc__)

A, B, C = (1, 2), (3, 5), (6, 1)


def grille(xmin, xmax, ymin, ymax, n):
    return np.meshgrid(np.linspace(xmin, xmax, n), np.linspace(ymin, ymax, n))


def surface_3d(X, Y, Z, vue=None, **options_trace):
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, **options_trace)
    if vue:
        ax.view_init(*vue)
    ax.set_xlabel("axe x")
    ax.set_ylabel("axe y")
    ax.set_zlabel("axe z")
    return fig, ax


@chapitre.section("graphes", duree="2 s (rapide : 1 s)")
def graphes(options):
    """§2 — f(x, y) = x e^(−x²−y²) sous plusieurs angles, tranches de x sin y, minima locaux."""
    f = lambda x, y: x * np.exp(-x ** 2 - y ** 2)
    print(f"f(0, 0) = {f(0, 0)}, f(1, 0) = 1/e = {f(1, 0):.6f}, f(0, y) = 0, f(3, 3) ≃ {f(3, 3):.2e}")
    X, Y = grille(-3, 3, -3, 3, 50)
    for vue in options.choisir([(15, -90), (25, -70), (35, -50), (45, -30)], [(25, -70)]):
        fig, ax = surface_3d(X, Y, f(X, Y), vue, cmap="viridis")
        ax.set_zlim(-0.6, 0.6)
        chapitre.figure(fig, f"ch03-surface-vue{vue[0]}")
    X, Y = grille(-5, 5, -5, 5, 50)
    fig = plt.figure(figsize=(10, 4))
    for k, (couleur, pas) in enumerate([("blue", dict(rstride=0, cstride=2)), ("red", dict(rstride=2, cstride=0))]):
        ax = fig.add_subplot(1, 2, k + 1, projection="3d")
        ax.plot_wireframe(X, Y, X * np.sin(Y), color=couleur, **pas)
        ax.view_init(40, -55)
    chapitre.figure(fig, "ch03-tranches")
    X, Y = grille(-3, 5, -3, 4, options.choisir(100, 50))
    Z = -X * np.exp(-(X ** 2 + Y ** 2)) - Y ** 2 / 3 * np.exp(-((X - 2) ** 2 + (Y - 1) ** 2))
    fig, _ = surface_3d(X, Y, Z, (15, -75), cmap="viridis")
    chapitre.figure(fig, "ch03-minima-locaux")
    return {"f(1,0)": f(1, 0)}


def somme_carres(x, y):
    return sum((x - a) ** 2 + (y - b) ** 2 for a, b in (A, B, C))


def somme_distances(x, y):
    return sum(np.sqrt((x - a) ** 2 + (y - b) ** 2) for a, b in (A, B, C))


@chapitre.section("meilleur-point", duree="1 s")
def meilleur_point(options):
    """§2.3 — A(1, 2), B(3, 5), C(6, 1) : MA² + MB² + MC² est minimal au centre de gravité (10/3, 8/3)."""
    X, Y = grille(1, 6, 0, 5, 50)
    fig, _ = surface_3d(X, Y, somme_carres(X, Y), (30, -65), alpha=0.8, cmap="viridis")
    chapitre.figure(fig, "ch03-somme-carres")
    x0, y0 = np.mean([A[0], B[0], C[0]]), np.mean([A[1], B[1], C[1]])
    z0 = somme_carres(x0, y0)
    print(f"f(x, y) = 3x² + 3y² − 20x − 16y + 76 : minimum en ({x0:.4f}, {y0:.4f}), z0 = {z0:.4f} = 64/3")
    return {"x0": x0, "y0": y0, "z0": z0}


@chapitre.section("recherche-minimum", duree="1 s")
def recherche_minimum(options):
    """§2.4 — MA + MB + MC minimal : recherche sur une grille, au hasard, tranche par tranche."""
    g = somme_distances
    N = 100
    VX = np.linspace(0, 6, N)
    X, Y = np.meshgrid(VX, VX)
    Z = g(X, Y)
    i, j = np.unravel_index(np.argmin(Z), Z.shape)
    sur_grille = (float(X[i, j]), float(Y[i, j]), float(Z[i, j]))
    print(f"grille {N}×{N} : (xmin, ymin) ≃ ({sur_grille[0]:.2f}, {sur_grille[1]:.2f}), zmin ≃ {sur_grille[2]:.4f}")

    rng = np.random.default_rng(options.graine)
    P = rng.uniform(0, 6, size=(1000, 2))
    valeurs = g(P[:, 0], P[:, 1])
    k = int(np.argmin(valeurs))
    hasard = (float(P[k, 0]), float(P[k, 1]), float(valeurs[k]))
    print(f"1000 points au hasard : ({hasard[0]:.2f}, {hasard[1]:.2f}), zmin ≃ {hasard[2]:.4f}")

    x = 0.0
    etapes = []
    for _ in range(5):
        y = minimize_scalar(lambda t: g(x, t), bounds=(0, 6), method="bounded", options={"xatol": 1e-9}).x
        x = minimize_scalar(lambda t: g(t, y), bounds=(0, 6), method="bounded", options={"xatol": 1e-9}).x
        etapes.append((float(y), float(x), float(g(x, y))))
    print("tranche par tranche depuis x0 = 0 :")
    for n, (y, x_, z) in enumerate(etapes, 1):
        print(f"  étape {n} : y = {y:.5f}, x = {x_:.5f}, z = {z:.6f}")
    fig, ax = plt.subplots()
    ax.contour(X, Y, Z, 20)
    ax.scatter(*zip(A, B, C), color="black")
    ax.scatter([sur_grille[0]], [sur_grille[1]], color="red", label="grille")
    ax.plot([0] + [e[1] for e in etapes], [etapes[0][0]] + [e[0] for e in etapes], "o-", color="green",
            label="tranches", markersize=3)
    ax.legend()
    ax.set_aspect("equal")
    chapitre.figure(fig, "ch03-recherche-minimum")
    return {"grille": sur_grille, "hasard": hasard, "tranches": etapes}


@chapitre.section("lignes-de-niveau", duree="3 s (rapide : 2 s)")
def lignes_de_niveau(options):
    """§3 — lignes de niveau : x² + y², sin(r² − x)/r + 1, surfaces quadratiques (paraboloïde, cylindre, selle)."""
    X, Y = grille(-2, 2, -2, 2, options.choisir(150, 60))
    Z = X ** 2 + Y ** 2
    fig, ax = surface_3d(X, Y, Z, (15, -60), alpha=0.8)
    ax.contour(X, Y, Z, np.linspace(0.05, 4, 10), colors="blue")
    chapitre.figure(fig, "ch03-niveaux-x2-y2")
    X, Y = grille(-2, 2, -2, 2, 50)
    R = np.sqrt(X ** 2 + Y ** 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        Z = np.sin(R ** 2 - X) / R + 1       # 0/0 en (0, 0) : la grille de 50 points évite l'origine
    fig, ax = surface_3d(X, Y, Z, (25, -25), alpha=0.7)
    ax.contour(X, Y, Z, np.linspace(0, 3, 20), offset=0)
    chapitre.figure(fig, "ch03-niveaux-sinus")
    quadratiques = {
        "paraboloide": (lambda x, y: x ** 2 / 1.5 ** 2 + y ** 2, np.linspace(0, 1.7, 10), (15, -65)),
        "cylindre": (lambda x, y: x ** 2 + 0 * y, np.linspace(0.01, 3, 16), (15, -120)),
        "selle": (lambda x, y: x ** 2 - y ** 2,
                  np.concatenate([np.linspace(-3, -0.1, 10), [0], np.linspace(0.1, 3, 10)]), (15, -120)),
    }
    X, Y = grille(-2, 2, -2, 2, options.choisir(60, 30))
    for nom, (f, niveaux, vue) in quadratiques.items():
        Z = f(X, Y)
        fig = plt.figure(figsize=(12, 3.5))
        ax = fig.add_subplot(1, 4, 1, projection="3d")
        ax.plot_surface(X, Y, Z, cmap="viridis")
        ax.view_init(*vue)
        ax = fig.add_subplot(1, 4, 2, projection="3d")
        ax.plot_wireframe(X, Y, Z, rstride=0, cstride=4, color="blue")
        ax.view_init(*vue)
        ax = fig.add_subplot(1, 4, 3, projection="3d")
        ax.contour(X, Y, Z, niveaux)
        ax.view_init(*vue)
        ax = fig.add_subplot(1, 4, 4)
        ax.contour(X, Y, Z, niveaux, linestyles=np.where(niveaux < 0, "dotted", "solid"))
        ax.set_aspect("equal")
        chapitre.figure(fig, f"ch03-quadratique-{nom}")


POINTS = np.array([(2, 3), (3, 5), (4, 4), (5, 6), (6, 6)], dtype=float)


def erreur_regression(a, b):
    """Somme des carrés des distances des points à la droite y = ax + b."""
    return sum((a * x - y + b) ** 2 for x, y in POINTS) / (1 + a ** 2)


@chapitre.section("regression", duree="1 s")
def regression(options):
    """§3.4 — régression : distance des points A1 … A5 à la droite y = ax + b, minimum ≃ (0.8, 1.6)."""
    N = 100
    Va, Vb = np.linspace(0.1, 1.5, N), np.linspace(0.1, 5.0, N)
    X, Y = np.meshgrid(Va, Vb)
    Z = erreur_regression(X, Y)
    i, j = np.unravel_index(np.argmin(Z), Z.shape)
    sur_grille = (float(X[i, j]), float(Y[i, j]), float(Z[i, j]))
    from scipy.optimize import minimize

    fin = minimize(lambda p: erreur_regression(*p), x0=sur_grille[:2], method="Nelder-Mead",
                   options={"xatol": 1e-8, "fatol": 1e-10})
    print(f"grille {N}×{N} : a = {sur_grille[0]:.2f}, b = {sur_grille[1]:.2f}, f = {sur_grille[2]:.3f}")
    print(f"minimum affiné : a = {fin.x[0]:.4f}, b = {fin.x[1]:.4f}, f = {fin.fun:.4f}")
    fig, ax = plt.subplots()
    ax.contour(X, Y, Z, np.linspace(0, 5, 20), colors="black")
    ax.scatter(sur_grille[0], sur_grille[1], color="blue")
    ax.set_xlabel("axe a")
    ax.set_ylabel("axe b")
    chapitre.figure(fig, "ch03-regression-niveaux")
    fig, ax = plt.subplots()
    ax.scatter(POINTS[:, 0], POINTS[:, 1], color="red")
    x = np.linspace(1, 7, 10)
    ax.plot(x, fin.x[0] * x + fin.x[1])
    ax.set_title(f"y = {fin.x[0]:.2f} x + {fin.x[1]:.2f}")
    chapitre.figure(fig, "ch03-regression-droite")
    return {"grille": sur_grille, "minimum": (float(fin.x[0]), float(fin.x[1]), float(fin.fun))}


if __name__ == "__main__":
    chapitre.lancer()
