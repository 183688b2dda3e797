"""Chapitre 8 — Descente de gradient.

Ce que le chapitre montre : la descente de gradient en une et deux variables
avec les tableaux d'itérations du livre, le choix du pas (trop grand, trop
petit, plusieurs minima, point-selle) et ses calendriers de décroissance, la
régression linéaire (droite, plan), la descente stochastique et par lots (la
parabole, le cercle) avec l'erreur au fil des époques, puis le moment et
Nesterov. Tout est en numpy (keras_facile.descente). Durée : quelques secondes.
"""
from keras_facile import *
from keras_facile.chapitre import Chapitre
from keras_facile.descente import (descente, descente_stochastique, meilleur_pas, pas_exponentiel, pas_keras,
                                   pas_lineaire, pas_quadratique)
from keras_facile.graphiques_descente import graphique_descente_1var, graphique_descente_2var, graphique_erreurs

chapitre = Chapitre(__doc__)


def f_exemple1(P):
    return P[0] ** 2 + 3 * P[1] ** 2


def grad_exemple1(P):
    return np.array([2 * P[0], 6 * P[1]])


@chapitre.section("deux-variables", duree="2 s")
def deux_variables(options):
    """§1.2 — f(a, b) = a² + 3b² depuis (2, 1) avec δ = 0.2 : le tableau du livre ; départ (−1, −1), δ = 0.1."""
    t = descente(f_exemple1, grad_exemple1, [2, 1], delta=0.2, n=20)
    print("    k | (a_k, b_k) | grad f | f")
    for ligne in t.tableau([0, 1, 2, 3, 4, 5, 10, 20], decimales=4):
        print(ligne)
    for n, titre in [(0, "Point initial"), (1, "Une itération"), (3, "Trois itérations"), (20, "Plus d'itérations")]:
        morceau = descente(f_exemple1, grad_exemple1, [2, 1], delta=0.2, n=n)
        chapitre.figure(graphique_descente_2var(f_exemple1, morceau, (-2.5, 2.5, -1.5, 1.5), minimum=(0, 0),
                                                titre=titre), f"ch08-exemple1-{n}")
    t2 = descente(f_exemple1, grad_exemple1, [-1, -1], delta=0.1, n=20)
    print("départ (−1, −1), δ = 0.1 :", t2.points[1].tolist(), t2.points[2].tolist())
    chapitre.figure(graphique_descente_2var(f_exemple1, t2, (-2.5, 2.5, -1.5, 1.5), minimum=(0, 0),
                                            titre="Partant de (−1, −1) avec δ = 0.1"), "ch08-exemple1-depart2")
    # l'exemple d'ouverture : f(x, y) = x² + (x − y²)², départ (2.2, 0.6), δ = 0.2
    g = lambda P: P[0] ** 2 + (P[0] - P[1] ** 2) ** 2
    grad_g = lambda P: np.array([2 * P[0] + 2 * (P[0] - P[1] ** 2), -4 * P[1] * (P[0] - P[1] ** 2)])
    chapitre.figure(graphique_descente_2var(g, descente(g, grad_g, [2.2, 0.6], 0.2, 15), (-2, 3, -2, 2),
                                            titre="Où est le minimum ?"), "ch08-ou-est-le-minimum")
    return {"points": t.points, "gradients": t.gradients, "valeurs": t.valeurs, "depart2": t2.points[:3]}


@chapitre.section("une-variable", duree="3 s")
def une_variable(options):
    """§1.3 — f(a) = a² + 1 : δ = 0.2 ; pas trop grand ou trop petit ; plusieurs minima ; point-selle."""
    f = lambda a: a ** 2 + 1
    df = lambda a: 2 * a
    t = descente(f, df, [2], 0.2, 10)
    print("  k   a_k        f'(a_k)    f(a_k)")
    for k in range(11):
        print(f"{k:>3}   {t.points[k, 0]:<10.4g} {t.gradients[k, 0]:<10.4g} {t.valeurs[k]:.5g}")
    for a0 in (2, -1.5):
        chapitre.figure(graphique_descente_1var(f, descente(f, df, [a0], 0.2, 10), -2.5, 2.5,
                                                f"δ = 0.2, a0 = {a0}"), f"ch08-parabole-a0-{a0}")
    mauvais = {}
    for delta in (0.9, 1.1, 0.05):
        tr = descente(f, df, [2], delta, 10)
        mauvais[delta] = tr.points[:4, 0].tolist()
        print(f"δ = {delta} : a_k = {[round(v, 4) for v in mauvais[delta]]} …")
        chapitre.figure(graphique_descente_1var(f, tr, -4, 4, f"δ = {delta}"), f"ch08-pas-{delta}")
    # plusieurs minima locaux
    g = lambda a: a ** 4 - 5 * a ** 2 + a + 10
    dg = lambda a: 4 * a ** 3 - 10 * a + 1
    limites = {}
    for a0 in (-2, -0.5, 0.5, 2):
        tr = descente(g, dg, [a0], 0.02, 200)
        limites[a0] = (float(tr.final[0]), float(tr.valeurs[-1]))
        chapitre.figure(graphique_descente_1var(g, descente(g, dg, [a0], 0.02, 15), -2, 2.5, f"a0 = {a0}"),
                        f"ch08-minima-a0-{a0}")
    print("plusieurs minima, δ = 0.02 :", {a0: (round(a, 4), round(v, 4)) for a0, (a, v) in limites.items()})
    # point-selle
    h = lambda a: a ** 4 - 2 * a ** 3 + 4
    dh = lambda a: 4 * a ** 3 - 6 * a ** 2
    selle = descente(h, dh, [-1], 0.05, 100)
    print(f"f(a) = a⁴ − 2a³ + 4 depuis −1 : a_100 = {selle.final[0]:.4f} (bloqué près du point-selle 0, minimum en 3/2)")
    chapitre.figure(graphique_descente_1var(h, selle, -1.5, 2.5, "point-selle"), "ch08-point-selle")
    return {"a": t.points[:, 0], "valeurs": t.valeurs, "mauvais": mauvais, "limites": limites,
            "selle": float(selle.final[0])}


@chapitre.section("pas", duree="1 s")
def choix_du_pas(options):
    """§1.4 et §2.1 — pas choisi par balayage ; calendriers : linéaire, quadratique, exponentiel, Keras."""
    P = np.array([2.0, 1.0])
    d = meilleur_pas(f_exemple1, grad_exemple1, P)
    print(f"depuis (2, 1), le meilleur pas par balayage 0.001, 0.002, … est δ = {d}")
    calendriers = {"constant 0.1": lambda k: 0.1, "linéaire δ0/(k+1)": pas_lineaire(0.1),
                   "quadratique δ0/(k+1)²": pas_quadratique(0.1), "exponentiel δ0 e^(−βk)": pas_exponentiel(0.1, 0.05),
                   "Keras δ0/(αk+1), α = 0.1": pas_keras(0.1, 0.1)}
    k = np.arange(50)
    fig, ax = plt.subplots()
    for nom, pas in calendriers.items():
        ax.plot(k, [pas(i) for i in k], label=nom)
    ax.set_xlabel("itération k")
    ax.set_ylabel("pas δ_k")
    ax.legend()
    chapitre.figure(fig, "ch08-calendriers")
    # le « decay » de Keras 2 en Keras 3
    calendrier = keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=1, decay_rate=1e-7)
    valeur = float(calendrier(10 ** 6))
    print(f"InverseTimeDecay(0.001, 1, 1e-7) au pas 10⁶ : {valeur:.6f} = 0.001/1.1 ; pas_keras : "
          f"{pas_keras(0.001, 1e-7)(10 ** 6):.6f}")
    return {"meilleur_pas": d, "keras_1e6": valeur}


@chapitre.section("regression", duree="2 s")
def regression(options):
    """§2.2–2.4 — régression linéaire : droite (3 puis 5 points), plan (3 puis 5 points)."""
    A = np.array([(0, 3), (2, 4), (6, 6)], dtype=float)

    def erreur_droite(points):
        return lambda P: float(np.sum((points[:, 1] - (P[0] * points[:, 0] + P[1])) ** 2))

    def grad_droite(points):
        def g(P):
            r = points[:, 1] - (P[0] * points[:, 0] + P[1])
            return np.array([np.sum(-2 * points[:, 0] * r), np.sum(-2 * r)])
        return g

    t = descente(erreur_droite(A), grad_droite(A), [0, 1], 0.02, 100)
    print("droite par A1, A2, A3 :")
    for ligne in t.tableau(range(6), decimales=4):
        print(ligne)
    print(f"après 100 itérations : a = {t.final[0]:.3f}, b = {t.final[1]:.3f} (droite y = x/2 + 3)")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    ax1.plot(t.points[:30, 0], t.points[:30, 1], "o-", color="red", markersize=3)
    ax1.scatter([0.5], [3], color="blue", zorder=3)
    ax1.set_xlabel("a")
    ax1.set_ylabel("b")
    x = np.linspace(-1, 7, 10)
    for a, b in t.points[:8]:
        ax2.plot(x, a * x + b, color="gray", linewidth=0.6)
    ax2.plot(x, x / 2 + 3, color="blue")
    ax2.scatter(A[:, 0], A[:, 1], color="red", zorder=3)
    chapitre.figure(fig, "ch08-regression-droite")

    B = np.array([(4, 1), (7, 3), (8, 3), (10, 6), (12, 7)], dtype=float)
    tb = descente(erreur_droite(B), grad_droite(B), [3 / 4, -2], 0.001, options.choisir(10000, 10000))
    a, b = tb.final
    print(f"5 points, 10000 itérations : a ≃ {a:.4f}, b ≃ {b:.4f} ; prédiction en x = 6 : {a * 6 + b:.3f}")

    def plan(points):
        def erreur(P):
            return float(np.sum((points[:, 2] - (P[0] * points[:, 0] + P[1] * points[:, 1] + P[2])) ** 2))

        def grad(P):
            r = points[:, 2] - (P[0] * points[:, 0] + P[1] * points[:, 1] + P[2])
            return np.array([np.sum(-2 * points[:, 0] * r), np.sum(-2 * points[:, 1] * r), np.sum(-2 * r)])
        return erreur, grad

    P3 = np.array([(0, 0, 3), (1, 0, 4), (0, 1, 5)], dtype=float)
    tp = descente(*plan(P3), [0, 0, 0], 0.2, 200)
    P5 = np.array([(1, 0, 0), (0, 1, 5), (2, 1, 1), (1, 2, 0), (2, 2, 3)], dtype=float)
    tq = descente(*plan(P5), [0, 0, 0], 0.01, 5000)
    a5, b5, c5 = tq.final
    print(f"plan par 3 points : (a, b, c) ≃ {np.round(tp.final, 4).tolist()} ; par 5 points : "
          f"({a5:.3f}, {b5:.3f}, {c5:.3f}), E = {tq.valeurs[-1]:.3f}, z(1, 1) ≃ {a5 + b5 + c5:.4f}")
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.scatter(P5[:, 0], P5[:, 1], P5[:, 2], color="red")
    X, Y = np.meshgrid(np.linspace(0, 2, 10), np.linspace(0, 2, 10))
    ax.plot_surface(X, Y, a5 * X + b5 * Y + c5, alpha=0.5)
    chapitre.figure(fig, "ch08-regression-plan")
    return {"droite3": t.points, "droite3_E": t.valeurs, "droite5": (float(a), float(b)),
            "plan3": tp.final.tolist(), "plan5": (float(a5), float(b5), float(c5), float(tq.valeurs[-1]))}


@chapitre.section("stochastique", duree="2 s")
def stochastique(options):
    """§3 — parabole y = x² + ax + b : descente classique contre stochastique ; lots et cercle."""
    A = np.array([(2, 0), (0, 2), (4, 6), (1, 0)], dtype=float)

    def residu(i, P):
        x, y = A[i]
        return y - (x ** 2 + P[0] * x + P[1])

    erreur = lambda P: float(sum(residu(i, P) ** 2 for i in range(4)))
    grad_local = lambda i, P: np.array([-2 * A[i, 0] * residu(i, P), -2 * residu(i, P)])
    classique = descente_stochastique(erreur, grad_local, 4, [1, 1], 0.01, epoques=200, taille_lot=4)
    stoch = descente_stochastique(erreur, grad_local, 4, [1, 1], 0.01, epoques=200, taille_lot=1)
    for nom, t, n in (("classique", classique, 3), ("stochastique", stoch, 9)):
        print(nom, ":", ", ".join(f"({a:.2f}, {b:.2f}) E = {e:.2f}" for (a, b), e in zip(t.points[:n], t.valeurs[:n])))
    print(f"200 itérations classiques : {np.round(classique.final, 4).tolist()} ; "
          f"800 itérations stochastiques : {np.round(stoch.final, 4).tolist()}")
    f_parabole = lambda P: sum((A[i, 1] - (A[i, 0] ** 2 + P[0] * A[i, 0] + P[1])) ** 2 for i in range(4))
    chapitre.figure(graphique_descente_2var(f_parabole, descente_stochastique(
        erreur, grad_local, 4, [1, 1], 0.01, epoques=2, taille_lot=4), (-5, 2, -2, 4), niveaux=30,
        titre="Descente de gradient classique"), "ch08-parabole-classique")
    chapitre.figure(graphique_descente_2var(f_parabole, descente_stochastique(
        erreur, grad_local, 4, [1, 1], 0.01, epoques=2, taille_lot=1), (-5, 2, -2, 4), niveaux=30,
        titre="Descente de gradient stochastique"), "ch08-parabole-stochastique")

    # cercle de centre (3, 2) et de rayon 1 : six points exacts
    angles = np.radians([10, 20, 40, 100, 200, 280])
    C = np.c_[3 + np.cos(angles), 2 + np.sin(angles)]

    def cercle(points):
        def r(i, P):
            return (points[i, 0] - P[0]) ** 2 + (points[i, 1] - P[1]) ** 2 - P[2] ** 2

        def g(i, P):
            return np.array([-4 * (points[i, 0] - P[0]) * r(i, P), -4 * (points[i, 1] - P[1]) * r(i, P),
                             -4 * P[2] * r(i, P)])
        return (lambda P: float(sum(r(i, P) ** 2 for i in range(len(points))))), g

    erreur_c, grad_c = cercle(C)
    par_lot = {K: descente_stochastique(erreur_c, grad_c, 6, [1, 1, 2], 0.005, epoques=10, taille_lot=K)
               for K in (1, 2, 3, 6)}
    long = descente_stochastique(erreur_c, grad_c, 6, [1, 1, 2], 0.005, epoques=options.choisir(100, 100),
                                 taille_lot=1)
    print("cercle, δ = 0.005, erreur après 10 époques :", {K: round(t.erreurs_epoques[-1], 2) for K, t in par_lot.items()})
    print("après 100 époques (K = 1) : (a, b, c) =", np.round(long.final, 4).tolist())
    chapitre.figure(graphique_erreurs({f"K = {K}": t.erreurs_epoques for K, t in par_lot.items()}, log=True,
                                      titre="cercle : erreur au fil des époques"), "ch08-cercle-erreurs")
    # 100 points bruités autour du cercle de centre (1, 2) et de rayon 3
    rng = np.random.default_rng(options.graine)
    theta = rng.uniform(0, 2 * np.pi, 100)
    rayon = 3 + rng.uniform(-0.5, 0.5, 100)
    D = np.c_[1 + rayon * np.cos(theta), 2 + rayon * np.sin(theta)]
    erreur_d, grad_d = cercle(D)
    bruit = {K: descente_stochastique(erreur_d, grad_d, 100, [1, 1, 1], 0.001, epoques=2, taille_lot=K,
                                      melanger=True, graine=options.graine) for K in (1, 10, 20)}
    chapitre.figure(graphique_erreurs({f"K = {K}": t.valeurs for K, t in bruit.items()}, xlabel="itération",
                                      log=True, titre="100 points bruités"), "ch08-cercle-bruite")
    print("100 points bruités, après 2 époques :", {K: np.round(t.final, 2).tolist() for K, t in bruit.items()})
    return {"classique": classique.points[:3], "classique_E": classique.valeurs[:3],
            "stochastique": stoch.points[:9], "stochastique_E": stoch.valeurs[:9],
            "classique_200": classique.final, "stochastique_800": stoch.final,
            "cercle_10_epoques": {K: t.erreurs_epoques[-1] for K, t in par_lot.items()}, "cercle_100": long.final,
            "bruite": {K: t.final for K, t in bruit.items()}}


@chapitre.section("acceleration", duree="2 s")
def acceleration(options):
    """§4 — moment et Nesterov contre la descente classique (la goutte d'eau et la boule lourde)."""
    f = lambda P: P[0] ** 2 + 10 * P[1] ** 2
    grad = lambda P: np.array([2 * P[0], 20 * P[1]])
    methodes = {
        "classique": descente(f, grad, [-4, 1.5], 0.01, 100),
        "moment µ = 0.8": descente(f, grad, [-4, 1.5], 0.01, 100, moment=0.8),
        "Nesterov µ = 0.8": descente(f, grad, [-4, 1.5], 0.01, 100, moment=0.8, nesterov=True),
    }
    for nom, t in methodes.items():
        print(f"{nom:<18} f(P_100) = {t.valeurs[-1]:.3e}")
        chapitre.figure(graphique_descente_2var(f, t, (-4.5, 1, -2, 2), minimum=(0, 0), titre=nom),
                        f"ch08-{nom.split()[0].lower()}")
    chapitre.figure(graphique_erreurs({n: t.valeurs for n, t in methodes.items()}, xlabel="itération", log=True),
                    "ch08-acceleration-erreurs")
    return {n: float(t.valeurs[-1]) for n, t in methodes.items()}


if __name__ == "__main__":
    chapitre.lancer()
