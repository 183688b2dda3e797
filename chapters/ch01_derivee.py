"""Chapitre 1 — Dérivée.

Ce que le chapitre montre : la dérivée comme limite, les valeurs approchées et la
tangente, les formules usuelles et la dérivée d'une composition, la
différentiation automatique sur un graphe de calcul (dérivées locales, produit
de droite à gauche, somme sur les chemins), les fonctions d'activation et leurs
dérivées, minimum et maximum, dérivée seconde, et la méthode de Newton (la racine
cubique de 100 avec 1000 décimales, le minimum de x² − sin x + 1).
Durée : quelques secondes (aucun entraînement).
"""
import math
from decimal import Decimal, getcontext

from keras_facile import *
from keras_facile import differentiation as gd
from keras_facile.chapitre import Chapitre

chapitre = Chapitre(__doc__)


def derivee_tf(fonction, x0):
    """F'(x0) par tf.GradientTape (float64), pour vérifier les calculs à la main."""
    x = tf.Variable(float(x0), dtype=tf.float64)
    with tf.GradientTape() as bande:
        y = fonction(x)
    return float(bande.gradient(y, x))


@chapitre.section("definition", duree="1 s")
def definition(options):
    """§1.1 — la dérivée comme limite : (x² − 1)/(x − 1) → 2 et (eˣ − 1)/x → 1."""
    lignes = []
    for h in [1e-1, 1e-2, 1e-3, 1e-4, 1e-6]:
        taux_carre = ((1 + h) ** 2 - 1) / h
        taux_exp = (math.exp(h) - 1) / h
        lignes.append((h, taux_carre, taux_exp))
        print(f"h = {h:<8g} ((1+h)² − 1)/h = {taux_carre:.8f}   (e^h − 1)/h = {taux_exp:.8f}")
    return {"taux": lignes}


@chapitre.section("approximations", duree="1 s")
def approximations(options):
    """§1.2–1.3 — f(x0 + h) ≃ f(x0) + h f'(x0) ; la tangente à √x en 1 : y = x/2 + 1/2."""
    valeurs = {
        "sin(0.01)": (0.01, math.sin(0.01)),
        "√1.1": (1 + 0.1 / 2, math.sqrt(1.1)),
    }
    for nom, (approche, exacte) in valeurs.items():
        print(f"{nom} ≃ {approche} ; valeur exacte {exacte:.10f}")
    x = np.linspace(0, 4, 200)
    fig, ax = plt.subplots()
    ax.plot(x, np.sqrt(x), label="f(x) = √x")
    ax.plot(x, x / 2 + 1 / 2, label="tangente en 1 : y = x/2 + 1/2")
    for x1 in (3, 2, 1.5):   # sécantes qui tendent vers la tangente
        pente = (math.sqrt(x1) - 1) / (x1 - 1)
        ax.plot(x, 1 + pente * (x - 1), "--", linewidth=0.8, color="gray")
    ax.scatter([1], [1], color="k", zorder=3)
    ax.set_ylim(0, 2.5)
    ax.legend()
    chapitre.figure(fig, "ch01-tangente-racine")
    return valeurs


@chapitre.section("formules", duree="1 s")
def formules(options):
    """§1.4–1.5 — dérivées des exemples du livre, vérifiées par tf.GradientTape."""
    x0 = 0.7
    exemples = {
        "x² + cos x": (lambda x: x ** 2 + tf.cos(x), lambda x: 2 * x - math.sin(x)),
        "x³ sin x": (lambda x: x ** 3 * tf.sin(x), lambda x: 3 * x ** 2 * math.sin(x) + x ** 3 * math.cos(x)),
        "ln(x)/eˣ": (lambda x: tf.math.log(x) / tf.exp(x),
                     lambda x: ((1 / x) * math.exp(x) - math.log(x) * math.exp(x)) / math.exp(2 * x)),
        "sin(3x)": (lambda x: tf.sin(3 * x), lambda x: 3 * math.cos(3 * x)),
        "ln(cos x)": (lambda x: tf.math.log(tf.cos(x)), lambda x: -math.sin(x) / math.cos(x)),
        "√(tan x)": (lambda x: tf.sqrt(tf.tan(x)), lambda x: 0.5 * (1 + math.tan(x) ** 2) / math.sqrt(math.tan(x))),
    }
    ecarts = {}
    for nom, (fonction, formule) in exemples.items():
        auto, main = derivee_tf(fonction, x0), formule(x0)
        ecarts[nom] = abs(auto - main)
        print(f"({nom})' en {x0} : formule {main:.10f}, GradientTape {auto:.10f}")
    return {"ecart_max": max(ecarts.values())}


@chapitre.section("graphe-de-calcul", duree="1 s")
def graphe_de_calcul(options):
    """§2 — différentiation automatique : dérivées locales, produit de droite à gauche, somme sur les chemins."""
    resultats = {}
    # chasse au trésor : 2 → x² → 4 → +1 → 5
    x = gd.entree(2, "x0")
    resultats["chasse"] = (gd.carre(x) + 1).valeur
    resultats["6⊕7"], resultats["6⊗7"] = (gd.entree(6) + 7).valeur, (gd.entree(6) * 7).valeur
    # exercice : (2 ⊗ 8) ⊕ 3² puis √ : F = √(x0 y0 + z0²)
    x0, y0, z0 = gd.entree(2, "x0"), gd.entree(8, "y0"), gd.entree(3, "z0")
    F = gd.racine(x0 * y0 + gd.carre(z0))
    d = gd.derivees(F)
    resultats["exercice"] = F.valeur
    resultats["exercice_gradient"] = (d[x0], d[y0], d[z0])
    print(f"√(2 ⊗ 8 ⊕ 3²) = {F.valeur:g} ; dérivées partielles {resultats['exercice_gradient']}")

    # chaîne F(x) = cos(2x²) : {{F'(3)}} = −12 sin 18 et F'(4) = −16 sin 32
    for x_val in (3, 4):
        x = gd.entree(x_val, "x")
        F = gd.cos(2 * x ** 2)
        locales, produit = gd.chemins(F, x)[0]
        resultats[f"cos(2x²)'({x_val})"] = gd.derivees(F)[x]
        print(f"F(x) = cos(2x²), F'({x_val}) : produit des dérivées locales {[round(v, 4) for v in locales]} "
              f"= {produit:.10f} (= −{4 * x_val} sin {2 * x_val ** 2})")
    # trois fonctions : F = exp(ln(x)³ + 1), F'(e) = 3e, F'(1) = 0, F'(2)
    for nom, x_val in (("e", math.e), ("1", 1.0), ("2", 2.0)):
        x = gd.entree(x_val, "x")
        F = gd.exp(gd.ln(x) ** 3 + 1)
        derivee = gd.derivees(F)[x]
        resultats[f"exp(ln³+1)'({nom})"] = derivee
        print(f"F(x) = exp(ln(x)³ + 1) : F'({nom}) = {derivee:.10f}")
    # entrée dupliquée : F(x) = exp(x) ln(x) en 2, somme de deux chemins
    x = gd.entree(2, "x")
    F = gd.exp(x) * gd.ln(x)
    liste = gd.chemins(F, x)
    for locales, produit in liste:
        print(f"  chemin : {' × '.join(f'{v:.4f}' for v in locales)} = {produit:.6f}")
    somme = sum(p for _, p in liste)
    resultats["exp·ln'(2)"] = somme
    resultats["exp·ln_chemins"] = len(liste)
    print(f"F(x) = exp(x) ln(x) : F'(2) = somme sur les {len(liste)} chemins = {somme:.10f} = (ln 2 + 1/2) e²")
    # vérification par GradientTape
    verifs = {
        "cos(2x²)'(3)": derivee_tf(lambda t: tf.cos(2 * t ** 2), 3),
        "exp(ln³+1)'(e)": derivee_tf(lambda t: tf.exp(tf.math.log(t) ** 3 + 1), math.e),
        "exp·ln'(2)": derivee_tf(lambda t: tf.exp(t) * tf.math.log(t), 2),
    }
    resultats["ecart_tf"] = max(abs(resultats[k] - v) for k, v in verifs.items())
    print("Écart maximal avec tf.GradientTape :", resultats["ecart_tf"])
    return resultats


@chapitre.section("derivees-sequentielles", duree="1 s")
def derivees_sequentielles(options):
    """§2.4 — dérivées séquentielles : n produits de droite à gauche au lieu de n(n + 1)/2."""
    # L'exemple du livre : x = e → y = ln x → z = y³ + 1 → t = exp z
    x = gd.entree(math.e, "x")
    y = gd.ln(x)
    z = y ** 3 + 1
    t = gd.exp(z)
    d = gd.derivees(t)
    sequence = {"dF/dt": d[t], "dF/dz": d[z], "dF/dy": d[y], "dF/dx": d[x]}
    for nom, v in sequence.items():
        print(f"  {{{{{nom}}}}} = {v:.6f}")
    print("  soit 1, e², 3e², 3e : chaque dérivée réutilise la précédente (un seul produit de plus)")
    # Une chaîne de n fonctions : n produits de droite à gauche, n(n+1)/2 sinon
    noeud = depart = gd.entree(0.5, "x")
    n = 10
    for _ in range(n):
        noeud = gd.sin(noeud * 2)
    n_aretes = len(gd.tableau(noeud)) - 1 - n    # sans compter les constantes 2
    print(f"Chaîne de {n_aretes} arêtes : {n_aretes} produits de droite à gauche, contre "
          f"{n_aretes * (n_aretes + 1) // 2} si l'on calcule chaque dérivée séparément.")
    return {"sequence": sequence, "n": n_aretes, "produits_naifs": n_aretes * (n_aretes + 1) // 2,
            "derivee_chaine": gd.derivees(noeud)[depart]}


def sigma(x):
    return 1 / (1 + np.exp(-x))


@chapitre.section("activations", duree="2 s")
def activations(options):
    """§3.2 — Heaviside, affine, linéaire par morceaux, ReLU, sigmoïde (tangente en 0), tanh."""
    x = np.linspace(-5, 5, 1001)
    courbes = {
        "Heaviside H (H(0) = 1)": np.asarray(heaviside(x)),
        "affine 0.5x + 1": 0.5 * x + 1,
        "linéaire par morceaux (a = 0.2, b = 1)": np.where(x < 0, 0.2 * x, x),
        "ReLU": np.asarray(keras.activations.relu(x)),
        "sigmoïde σ et sa tangente en 0": sigma(x),
        "tanh": np.tanh(x),
    }
    fig, axes = plt.subplots(2, 3, figsize=(12, 6))
    for ax, (nom, y) in zip(axes.ravel(), courbes.items()):
        ax.plot(x, y)
        if nom.startswith("sigmoïde"):
            ax.plot(x, x / 4 + 0.5, "--")
            ax.set_ylim(-0.2, 1.2)
        ax.set_title(nom, fontsize=9)
        ax.grid(True)
    chapitre.figure(fig, "ch01-activations")
    h = 1e-6
    derivee_sigma_0 = (sigma(h) - sigma(-h)) / (2 * h)
    derivee_sigma = derivee_tf(lambda t: tf.sigmoid(t), 1.3)
    proprietes = {
        "σ'(0)": derivee_sigma_0,
        "σ' = σ(1 − σ) en 1.3": abs(derivee_sigma - sigma(1.3) * (1 - sigma(1.3))),
        "th(x) = 2σ(2x) − 1": float(np.max(np.abs(np.tanh(x) - (2 * sigma(2 * x) - 1)))),
        "H(0)": float(heaviside(np.array([0.0]))[0]),
    }
    for nom, v in proprietes.items():
        print(f"{nom} : {v:.3g}")
    return proprietes


@chapitre.section("minimum", duree="1 s")
def minimum(options):
    """§3.3 — minimum de E(x) = 6x² − 22x + 27 ; le point de y = x² le plus proche de A(1, 2)."""
    a, b, c = 6, -22, 27
    x0 = -b / (2 * a)
    E0 = a * x0 ** 2 + b * x0 + c
    print(f"E(x) = 6x² − 22x + 27 : minimum en x0 = 22/12 = {x0:.4f}, E(x0) = 41/6 = {E0:.4f}")
    # f(x) = (x − 1)² + (x² − 2)², f'(x) = 4x³ − 6x − 2 = 2(x + 1)(2x² − 2x − 1)
    critiques = np.sort(np.roots([4, 0, -6, -2]).real)
    f = lambda t: (t - 1) ** 2 + (t ** 2 - 2) ** 2
    valeurs = {round(float(t), 6): round(float(f(t)), 6) for t in critiques}
    print("points critiques et valeurs :", valeurs)
    t = np.linspace(-2, 2, 400)
    fig, ax = plt.subplots()
    ax.plot(t, f(t))
    ax.scatter(critiques, f(critiques), color="red", zorder=3)
    ax.set_ylim(0, 6)
    ax.set_title("f(x) = AM² = x⁴ − 3x² − 2x + 5")
    chapitre.figure(fig, "ch01-point-le-plus-proche")
    return {"x0": x0, "E(x0)": E0, "critiques": critiques.tolist(), "f_critiques": [float(f(v)) for v in critiques]}


@chapitre.section("derivee-seconde", duree="1 s")
def derivee_seconde(options):
    """§4 — f(x) = x³ − 2x² + 2 : f''(0) = −4 (maximum local), f''(4/3) = 4 (minimum local)."""
    def seconde(fonction, x0):
        x = tf.Variable(float(x0), dtype=tf.float64)
        with tf.GradientTape() as b2:
            with tf.GradientTape() as b1:
                y = fonction(x)
            d1 = b1.gradient(y, x)
        return float(b2.gradient(d1, x))

    f = lambda x: x ** 3 - 2 * x ** 2 + 2
    resultats = {"f''(0)": seconde(f, 0), "f''(4/3)": seconde(f, 4 / 3), "f(4/3)": f(4 / 3),
                 "(x³)''(−2)": seconde(lambda x: x ** 3, -2)}
    for nom, v in resultats.items():
        print(f"{nom} = {v:.6g}")
    t = np.linspace(-1, 2.5, 300)
    fig, ax = plt.subplots()
    ax.plot(t, f(t))
    ax.scatter([0, 4 / 3], [f(0), f(4 / 3)], color="red", zorder=3)
    ax.set_title("x³ − 2x² + 2 : maximum local en 0, minimum local en 4/3")
    chapitre.figure(fig, "ch01-derivee-seconde")
    return resultats


def newton(f, df, x0, n):
    """Méthode de Newton : n fois x ← x − f(x)/f'(x) ; renvoie la liste x0, x1, …, xn."""
    suite = [x0]
    for _ in range(n):
        x = suite[-1]
        suite.append(x - f(x) / df(x))
    return suite


@chapitre.section("newton", duree="1 s")
def methode_de_newton(options):
    """§5 — Newton : ∛100 (x0 = 10, puis 1000 décimales avec decimal), minimum de x² − sin x + 1."""
    suite = newton(lambda x: x ** 3 - 100, lambda x: 3 * x ** 2, 10.0, 7)
    for k, x in enumerate(suite):
        print(f"x{k} = {x:.15f}")
    getcontext().prec = 1010
    grand = newton(lambda x: x ** 3 - 100, lambda x: 3 * x ** 2, Decimal(10), 13)[-1]
    decimales = str(grand)[:1002]                  # « 4. » puis 1000 décimales
    print("x13 avec 1010 chiffres significatifs :", decimales[:52], "…", decimales[-20:])
    # g(x) = x² − sin x + 1 : Newton sur g'(x) = 2x − cos x, de dérivée g''(x) = 2 + sin x
    gp, gpp = (lambda x: 2 * x - math.cos(x)), (lambda x: 2 + math.sin(x))
    depuis_0 = newton(gp, gpp, 0.0, 4)
    depuis_10 = newton(gp, gpp, 10.0, 7)
    ell = depuis_10[-1]
    g_ell = ell ** 2 - math.sin(ell) + 1
    print("depuis x0 = 0 :", [f"{x:.10f}" for x in depuis_0])
    print("depuis x0 = 10 :", [f"{x:.10f}" for x in depuis_10])
    print(f"minimum en ℓ ≃ {ell:.10f}, g(ℓ) ≃ {g_ell:.10f}")
    t = np.linspace(-0.5, 1.5, 300)
    fig, ax = plt.subplots()
    ax.plot(t, t ** 2 - np.sin(t) + 1)
    ax.scatter([ell], [g_ell], color="red", zorder=3)
    ax.set_title("g(x) = x² − sin x + 1 et son minimum ℓ")
    chapitre.figure(fig, "ch01-newton-minimum")
    # tangentes successives pour ∛100
    x = np.linspace(3, 11, 300)
    fig, ax = plt.subplots()
    ax.plot(x, x ** 3 - 100, label="f(x) = x³ − 100")
    for xk in suite[:3]:
        ax.plot(x, (xk ** 3 - 100) + 3 * xk ** 2 * (x - xk), "--", linewidth=0.8)
    ax.axhline(0, color="k", linewidth=0.5)
    ax.set_ylim(-200, 1000)
    ax.legend()
    chapitre.figure(fig, "ch01-newton-tangentes")
    return {"racine_cubique": suite, "mille_decimales": decimales, "depuis_0": depuis_0, "depuis_10": depuis_10,
            "ell": ell, "g(ell)": g_ell}


if __name__ == "__main__":
    chapitre.lancer()
