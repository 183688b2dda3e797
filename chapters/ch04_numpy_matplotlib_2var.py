"""Chapitre 4 — Python : numpy et matplotlib avec deux variables.

Ce que le chapitre montre : les tableaux numpy à deux dimensions (forme,
parcours, aplatissement), les fonctions de deux variables et meshgrid, les
fonctions non vectorisables (np.vectorize), zéro et l'infini, le découpage ;
puis les surfaces (plot_surface, plot_wireframe, barre des couleurs) et les
lignes de niveau (contour, niveaux choisis et étiquetés, contourf, sous la
surface). Durée : quelques secondes.
"""
from keras_facile import *
from keras_facile.chapitre import Chapitre

chapitre = Chapitre(__doc__)


def montrer(expression, valeur):
    texte = str(valeur)
    print(f"{expression} →\n{texte}" if "\n" in texte else f"{expression:<30} {texte}")
    return texte


def surface(X, Y, Z, vue=None, **options_surface):
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    trace = ax.plot_surface(X, Y, Z, **options_surface)
    if vue:
        ax.view_init(*vue)
    ax.set_xlabel("axe x")
    ax.set_ylabel("axe y")
    ax.set_zlabel("axe z")
    return fig, ax, trace


@chapitre.section("introduction", duree="1 s")
def introduction(options):
    """Figure d'introduction — f(x, y) = y³ + 2y² − x², deux points de vue et lignes de niveau."""
    X, Y = np.meshgrid(np.arange(-2.5, 2.5, 0.2), np.arange(-2.5, 1.7, 0.2))
    Z = Y ** 3 + 2 * Y ** 2 - X ** 2
    for vue in [(30, -135), (5, -145)]:
        fig, _, _ = surface(X, Y, Z, vue, cmap="viridis")
        chapitre.figure(fig, f"ch04-introduction-{vue[0]}")
    fig, ax = plt.subplots()
    ax.contour(X, Y, Z, np.arange(-2, 2, 0.5))
    chapitre.figure(fig, "ch04-introduction-niveaux")


@chapitre.section("tableaux", duree="1 s")
def tableaux(options):
    """§1.1–1.3 — tableaux, flatten / reshape, fonctions de deux variables et meshgrid."""
    A = np.array([[1, 2, 3], [4, 5, 6]])
    sorties = {"A": montrer("A", A), "shape": montrer("np.shape(A)", np.shape(A)),
               "sqrt": montrer("np.sqrt(A)", np.sqrt(A))}
    p, n = np.shape(A)
    sorties["parcours"] = [int(A[i, j]) for i in range(p) for j in range(n)]
    X = A.flatten()
    sorties["flatten"] = montrer("X = A.flatten()", X)
    sorties["reshape32"] = montrer("X.reshape((3,2))", X.reshape((3, 2)))
    VX, VY = np.array([1, 2, 3, 4]), np.array([5, 6, 7, 8])
    sorties["paires"] = montrer("f(VX,VY) avec f(x,y) = x*y", VX * VY)
    n = 5
    X, Y = np.meshgrid(np.linspace(0, 2, n), np.linspace(0, 2, n))
    Z = X ** 2 + Y ** 2
    sorties["X"] = montrer("X", X)
    sorties["Z"] = montrer("Z", Z)
    for n in (5, 20):
        X, Y = np.meshgrid(np.linspace(0, 2, n), np.linspace(0, 2, n))
        fig = plt.figure()
        ax = fig.add_subplot(projection="3d")
        ax.scatter(X, Y, X ** 2 + Y ** 2, color="red")
        ax.view_init(20, -150)
        chapitre.figure(fig, f"ch04-grille-n{n}")
    return sorties


@chapitre.section("numpy-suite", duree="1 s")
def numpy_suite(options):
    """§2 — ses propres fonctions, np.vectorize, zéro et l'infini, découpage."""
    ma_formule = lambda x: np.cos(x) ** 2 - np.sin(x) ** 2
    X = np.linspace(0, 1, 5)
    print("cos²x − sin²x = cos 2x :", np.allclose(ma_formule(X), np.cos(2 * X)))
    f = lambda n: n * (n + 1) / 2
    sorties = {"lambda": montrer("f(np.arange(1,6))", f(np.arange(1, 6)))}

    def valeur_absolue(x):
        if x >= 0:
            return x
        else:
            return -x

    try:
        valeur_absolue(np.array([-2, 3]))
        sorties["non_vectorisable_erreur"] = False
    except ValueError as erreur:
        print("valeur_absolue(X) :", type(erreur).__name__)
        sorties["non_vectorisable_erreur"] = True
    vec_valeur_absolue = np.vectorize(valeur_absolue, otypes=[np.float64])
    sorties["vectorize"] = montrer("vec_valeur_absolue(X)", vec_valeur_absolue(np.array([-2, 3, -0.5])))
    X = np.array([-1, 0, 1, 2, 3])
    with np.errstate(divide="ignore", invalid="ignore"):
        sorties["1/X"] = montrer("1/X", 1 / X)
        Y = np.log(X)
        sorties["log"] = montrer("np.log(X)", Y)
        sorties["exp"] = montrer("np.exp(Y)", np.exp(Y))
    X = np.linspace(0, 10, num=100)
    sorties["decoupage"] = (len(X[10:20]), len(X[:10]), len(X[90:]), float(X[-1]))
    sorties["append"] = montrer("np.append(np.arange(0,5,0.5), 8.5)", np.append(np.arange(0, 5, 0.5), 8.5))
    return sorties


@chapitre.section("surfaces", duree="2 s")
def surfaces(options):
    """§3.1 — Listing 4.1 : la selle x² − y² (n = 5, 10, 20), fil de fer, barre des couleurs."""
    for n, vue in [(5, (40, -30)), (10, (35, -50)), (20, (30, -70))]:
        VX = np.linspace(-2.0, 2.0, n)
        X, Y = np.meshgrid(VX, VX)
        fig, _, _ = surface(X, Y, X ** 2 - Y ** 2, vue)
        chapitre.figure(fig, f"ch04-selle-n{n}")
    X, Y = np.meshgrid(np.linspace(-3, 3, 20), np.linspace(-3, 3, 20))
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_wireframe(X, Y, 1 / (2 + X ** 2 + Y ** 2))
    ax.view_init(40, -70)
    chapitre.figure(fig, "ch04-fil-de-fer")
    X, Y = np.meshgrid(np.linspace(-3, 3, 25), np.linspace(-3, 3, 25))
    fig, ax, trace = surface(X, Y, np.abs(X) + np.abs(Y), cmap="hot")
    fig.colorbar(trace)
    chapitre.figure(fig, "ch04-barre-couleurs")
    X, Y = np.meshgrid(np.linspace(-6, 6, 50), np.linspace(-6, 6, 50))
    fig, _, _ = surface(X, Y, np.sin(np.sqrt(X ** 2 + Y ** 2)), (40, -120), cmap="viridis")
    chapitre.figure(fig, "ch04-sinus-rayon")


@chapitre.section("lignes-de-niveau", duree="2 s")
def lignes_de_niveau(options):
    """§3.2 — contour (nombre ou liste de niveaux, étiquettes), contourf + barre des couleurs, sous la surface."""
    n = options.choisir(100, 50)
    X, Y = np.meshgrid(np.linspace(-6, 6, n), np.linspace(-6, 6, n))
    fig, ax = plt.subplots()
    ax.contour(X, Y, np.sin(X) + np.cos(Y), 10)
    ax.axis("equal")
    chapitre.figure(fig, "ch04-niveaux-10")

    X, Y = np.meshgrid(np.linspace(-3, 3, n), np.linspace(-3, 3, n))
    Z = (3 * (1 - X) ** 2 * np.exp(-X ** 2 - (Y + 1) ** 2) - 10 * (X / 5 - X ** 3 - Y ** 5) * np.exp(-X ** 2 - Y ** 2)
         - np.exp(-(X + 1) ** 2 - Y ** 2) / 3)
    fig, ax = plt.subplots()
    mes_niveaux = np.arange(-5, 5, 1)
    trace = ax.contour(X, Y, Z, mes_niveaux)
    etiquettes = ax.clabel(trace, inline=True, fontsize=8)
    chapitre.figure(fig, "ch04-niveaux-etiquetes")

    fig, ax = plt.subplots()
    zones = ax.contourf(X, Y, np.sin(2 * X + Y ** 2), np.linspace(-1, 1, 11), cmap="hot")
    fig.colorbar(zones)
    ax.contour(X, Y, np.sin(2 * X + Y ** 2), np.linspace(-1, 1, 11), colors="black", linewidths=0.5)
    chapitre.figure(fig, "ch04-contourf")

    X, Y = np.meshgrid(np.linspace(-3.14, 3.14, n), np.linspace(-3.14, 3.14, n))
    Z = np.cos(X) * np.sin(Y) + 2
    fig, ax, _ = surface(X, Y, Z, cmap="viridis", alpha=0.8)
    ax.contour(X, Y, Z, np.linspace(1, 3, 10), offset=1, colors="black")
    chapitre.figure(fig, "ch04-niveaux-sous-surface")
    return {"niveaux_etiquetes": len(etiquettes)}


if __name__ == "__main__":
    chapitre.lancer()
