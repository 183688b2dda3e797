"""Chapitre 7 — Gradient.

Ce que le chapitre montre : dérivées partielles et gradient (formule, différences
finies, graphe de calcul, tf.GradientTape — comparés), plan tangent et valeur
approchée, points critiques, champs de −gradient sur les lignes de niveau, la
différentiation automatique à plusieurs variables (arêtes multiples : somme sur
les chemins) et le gradient d'un réseau par la « formule du sourire »,
vérifiée par GradientTape. Durée : quelques secondes.
"""
import math

from keras_facile import *
from keras_facile import differentiation as gd
from keras_facile.chapitre import Chapitre

chapitre = Chapitre(__doc__)


def gradient_tf(fonction, *point):
    variables = [tf.Variable(float(v), dtype=tf.float64) for v in point]
    with tf.GradientTape() as bande:
        y = fonction(*variables)
    return [float(g) for g in bande.gradient(y, variables)]


def gradient_differences_finies(fonction, *point, h=1e-6):
    point = [float(v) for v in point]
    resultat = []
    for i in range(len(point)):
        plus, moins = list(point), list(point)
        plus[i] += h
        moins[i] -= h
        resultat.append((fonction(*plus) - fonction(*moins)) / (2 * h))
    return resultat


@chapitre.section("gradient", duree="1 s")
def gradient(options):
    """§1–2 — dérivées partielles et gradient de x²y³ en (2, 1) = (4, 12), de quatre façons."""
    formule = lambda x, y: [2 * x * y ** 3, 3 * x ** 2 * y ** 2]
    x, y = gd.entree(2, "x"), gd.entree(1, "y")
    d = gd.derivees(x ** 2 * y ** 3)
    facons = {
        "formule": formule(2, 1),
        "différences finies": gradient_differences_finies(lambda a, b: a ** 2 * b ** 3, 2, 1),
        "graphe de calcul": [d[x], d[y]],
        "tf.GradientTape": gradient_tf(lambda a, b: a ** 2 * b ** 3, 2, 1),
    }
    for nom, g in facons.items():
        print(f"grad f(2, 1) par {nom:<20} : ({g[0]:.8f}, {g[1]:.8f})")
    # dérivées partielles des autres exemples, en un point, formule contre GradientTape
    exemples = {
        "x² e^(3y)": ((lambda a, b: a ** 2 * tf.exp(3 * b)), lambda a, b: [2 * a * math.exp(3 * b), 3 * a ** 2 * math.exp(3 * b)]),
        "x² sin(yz)": ((lambda a, b, c: a ** 2 * tf.sin(b * c)),
                       lambda a, b, c: [2 * a * math.sin(b * c), a ** 2 * c * math.cos(b * c), a ** 2 * b * math.cos(b * c)]),
        "cos(x + y²) e^(−z)": ((lambda a, b, c: tf.cos(a + b ** 2) * tf.exp(-c)),
                                lambda a, b, c: [-math.sin(a + b ** 2) * math.exp(-c),
                                                 -2 * b * math.sin(a + b ** 2) * math.exp(-c),
                                                 -math.cos(a + b ** 2) * math.exp(-c)]),
    }
    ecart = 0.0
    for nom, (f_tf, f_formule) in exemples.items():
        point = (0.5, -0.3, 1.2)[:f_formule.__code__.co_argcount]
        ecart = max(ecart, max(abs(a - b) for a, b in zip(gradient_tf(f_tf, *point), f_formule(*point))))
    print("écart maximal formule / GradientTape sur les autres exemples :", ecart)
    return {"facons": facons, "ecart_exemples": ecart}


@chapitre.section("plan-tangent", duree="1 s")
def plan_tangent(options):
    """§2 — approximation linéaire : x²y en (1.002, 0.997) ≃ 1 + 2h + k ≃ 1.001 (valeur 1.000992)."""
    h, k = 2e-3, -3e-3
    approche = 1 + 2 * h + k
    exacte = (1 + h) ** 2 * (1 + k)
    print(f"f(1.002, 0.997) ≃ {approche:.6f} ; valeur exacte {exacte:.9f}")
    X, Y = np.meshgrid(np.linspace(0, 2, 30), np.linspace(0, 2, 30))
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, X ** 2 * Y, alpha=0.6, cmap="viridis")
    ax.plot_surface(X, Y, 1 + 2 * (X - 1) + (Y - 1), alpha=0.5, color="orange")
    ax.scatter([1], [1], [1], color="red")
    ax.set_title("z = x²y et son plan tangent en (1, 1)")
    chapitre.figure(fig, "ch07-plan-tangent")
    return {"approche": approche, "exacte": exacte}


@chapitre.section("points-critiques", duree="2 s")
def points_critiques(options):
    """§2 — f = x² − y³ + xy : points critiques (0, 0) et (1/12, −1/6) ; champs de −gradient."""
    f = lambda x, y: x ** 2 - y ** 3 + x * y
    # grad f = 0 : 2x + y = 0 donne y = −2x, puis −3y² + x = 0 devient −12x² + x = 0
    racines = np.sort(np.roots([-12, 1, 0]).real)
    critiques = [(float(x), float(-2 * x)) for x in racines]
    for p in critiques:
        print(f"grad f{tuple(round(v, 4) for v in p)} = {gradient_tf(f, *p)}, f = {f(*p):.7f}")
    X, Y = np.meshgrid(np.linspace(-0.2, 0.2, 200), np.linspace(-0.3, 0.1, 200))
    fig, ax = plt.subplots()
    ax.contour(X, Y, f(X, Y), np.linspace(-0.1, 0.1, 101), linewidths=0.5)
    ax.scatter(*zip(*critiques), color="red")
    ax.set_aspect("equal")
    chapitre.figure(fig, "ch07-points-critiques")
    exemples = {"minimum": lambda x, y: x ** 2 + y ** 2, "maximum": lambda x, y: -x ** 2 - y ** 2,
                "selle": lambda x, y: x ** 2 - y ** 2}
    for nom, g in exemples.items():
        X, Y = np.meshgrid(np.linspace(-2, 2, 100), np.linspace(-2, 2, 100))
        VX, VY = np.meshgrid(np.linspace(-2, 2, 10), np.linspace(-2, 2, 10))
        x = tf.constant(np.c_[VX.ravel(), VY.ravel()])
        with tf.GradientTape() as bande:
            bande.watch(x)
            z = g(x[:, 0], x[:, 1])
        G = bande.gradient(z, x).numpy()
        fig, ax = plt.subplots()
        ax.contour(X, Y, g(X, Y), 15, colors="gray", linewidths=0.5)
        ax.quiver(VX, VY, -G[:, 0].reshape(VX.shape), -G[:, 1].reshape(VX.shape), color="red")
        ax.set_aspect("equal")
        ax.set_title(f"−grad f : {nom}")
        chapitre.figure(fig, f"ch07-champ-{nom}")
    return {"points": critiques, "critiques": [gradient_tf(f, *p) for p in critiques], "f_min": f(*critiques[1])}


@chapitre.section("differentiation-automatique", duree="1 s")
def differentiation_automatique(options):
    """§3 — graphe de calcul à plusieurs variables : ln(x²y + sin y) en (3, 2) ; arêtes multiples."""
    x, y = gd.entree(3, "x"), gd.entree(2, "y")
    F = gd.ln(x ** 2 * y + gd.sin(y))
    d = gd.derivees(F)
    print(f"F(3, 2) = {F.valeur:.10f} ; ∂F/∂x = 12/(18 + sin 2) = {d[x]:.10f} ; ∂F/∂y = (9 + cos 2)/(18 + sin 2) "
          f"= {d[y]:.10f}")
    resultats = {"F": F.valeur, "dx": d[x], "dy": d[y]}
    exemples = {
        "√(e^t sin t) en 1": (lambda t: gd.racine(gd.exp(t) * gd.sin(t)), 1.0,
                             lambda t: tf.sqrt(tf.exp(t) * tf.sin(t))),
        "t + (ln t)² + 1/sin t en 2": (lambda t: t + gd.ln(t) ** 2 + 1 / gd.sin(t), 2.0,
                                       lambda t: t + tf.math.log(t) ** 2 + 1 / tf.sin(t)),
        "t² ln t ln(ln t) en 3": (None, 3.0, lambda t: t ** 2 * tf.math.log(t) * tf.math.log(tf.math.log(t))),
    }
    for nom, (construire, t0, f_tf) in exemples.items():
        t = gd.entree(t0, "t")
        if construire is None:          # y = ln t calculé une fois, utilisé deux fois : trois chemins
            yy = gd.ln(t)
            G = (t ** 2 * yy) * gd.ln(yy)
        else:
            G = construire(t)
        derivee = gd.derivees(G)[t]
        chemins = len(gd.chemins(G, t))
        verif = gradient_tf(f_tf, t0)[0]
        resultats[nom] = (derivee, chemins, verif)
        print(f"F(t) = {nom} : F' = {derivee:.10f} ({chemins} chemins) ; GradientTape {verif:.10f}")
    return resultats


@chapitre.section("reseau", duree="1 s")
def reseau(options):
    """§4 — gradient d'un réseau : « formule du sourire » et « demi-sourire », vérifiées par GradientTape."""
    # Exemple 1 : x →(a, b)→ u ↦ u² →(c)→ v ↦ ln v ; F = ln(c (ax + b)²) en (2, 3, 4, 5)
    xv, a, b, c = 2.0, 3.0, 4.0, 5.0
    g_etoile, g_prime = (a * xv + b) ** 2, 2 * (a * xv + b)     # sortie et dérivée locale du neurone caché
    h_etoile, h_prime = math.log(c * g_etoile), 1 / (c * g_etoile)
    dF_dc = g_etoile * h_prime                               # demi-sourire
    dF_da = xv * (g_prime / g_etoile) * c * dF_dc            # sourire
    dF_db = 1 * (g_prime / g_etoile) * c * dF_dc             # biais : entrée virtuelle 1
    dF_dx = (a / xv) * dF_da                                 # par rapport à l'entrée
    sourire = {"x": dF_dx, "a": dF_da, "b": dF_db, "c": dF_dc}
    tape = dict(zip("xabc", gradient_tf(lambda x_, a_, b_, c_: tf.math.log(c_ * (a_ * x_ + b_) ** 2), xv, a, b, c)))
    print(f"F(2, 3, 4, 5) = ln 500 = {h_etoile:.6f}")
    for nom in "xabc":
        print(f"  ∂F/∂{nom} : sourire {sourire[nom]:.6f}, GradientTape {tape[nom]:.6f}")
    # Exemple 2 : F = exp(c cos(ax) + d sin(bx)) en (x, a, b, c, d) = (1, 2, 3, 4, 5)
    x2, a2, b2, c2, d2 = 1.0, 2.0, 3.0, 4.0, 5.0
    u, v = a2 * x2, b2 * x2
    w = c2 * math.cos(u) + d2 * math.sin(v)
    ew = math.exp(w)
    d_c, d_d = math.cos(u) * ew, math.sin(v) * ew
    d_a = x2 * (-math.sin(u) / math.cos(u)) * c2 * d_c
    d_b = x2 * (math.cos(v) / math.sin(v)) * d2 * d_d
    d_x = a2 / x2 * d_a + b2 / x2 * d_b                     # deux arêtes sortantes : on somme
    sourire2 = {"x": d_x, "a": d_a, "b": d_b, "c": d_c, "d": d_d}
    tape2 = dict(zip("xabcd", gradient_tf(
        lambda x_, a_, b_, c_, d_: tf.exp(c_ * tf.cos(a_ * x_) + d_ * tf.sin(b_ * x_)), x2, a2, b2, c2, d2)))
    print(f"Exemple 2 : F = {ew:.10f}")
    for nom in "xabcd":
        print(f"  ∂F/∂{nom} : sourire {sourire2[nom]:.10f}, GradientTape {tape2[nom]:.10f}")
    # Le même calcul avec un réseau Keras à poids fixés : gradient de l'erreur (F − y0)² par rapport aux poids
    modele = Sequential([Input(shape=(1,)), Dense(1, activation=lambda t: t ** 2), Dense(1, activation=keras.ops.log)])
    modele.set_weights([np.array([[a]]), np.array([b]), np.array([[c]]), np.array([0.0])])
    y0 = 5.0
    gradient = get_weights_grad(modele, np.array([[xv]]), np.array([[y0]]), perte="mse")
    attendu = [2 * dF_da * (h_etoile - y0), 2 * dF_db * (h_etoile - y0), 2 * dF_dc * (h_etoile - y0)]
    print("∂E/∂a_j = 2 ∂F/∂a_j (F − y0), par get_weights_grad :", [float(gradient[i].ravel()[0]) for i in range(3)],
          "— à la main :", attendu)
    return {"sourire": sourire, "tape": tape, "sourire2": sourire2, "tape2": tape2, "F2": ew,
            "erreur_keras": [float(gradient[i].ravel()[0]) for i in range(3)], "erreur_main": attendu}


if __name__ == "__main__":
    chapitre.lancer()
