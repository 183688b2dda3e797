"""Chapitre 9 — Rétropropagation.

Ce que le chapitre montre : la rétropropagation, c'est la descente de gradient
appliquée aux réseaux. Un neurone sigmoïde séparant des carrés rouges de ronds
bleus (gradient écrit à la main en numpy, puis Keras : mêmes poids), le « ou
exclusif » avec 2 + 1 neurones, la règle de Hebb, une fonction marche, la
lemniscate (carte de classification selon le nombre de neurones), la hauteur de
trois cases noires (apprentissage et généralisation), un minimum local, le
sous- et le sur-apprentissage.
Durée : environ 2 minutes ; --rapide : une dizaine de secondes.
"""
from keras_facile import *
from keras_facile.chapitre import Chapitre
from keras_facile.entrainement import entrainer_rapide
from keras_facile.descente import descente
from keras_facile.poids_plats import definir_poids_plats, depuis_keras, poids_plats, vers_keras

chapitre = Chapitre(__doc__)

ROUGES = [(1, 1), (2, 0.5), (2, 2), (3, 1.5), (3, 2.75), (4, 1), (4, 2.5), (4.5, 3), (5, 1), (5, 2.25)]
BLEUS = [(0, 3), (1, 1.5), (1, 4), (1.5, 2.5), (2, 2.5), (3, 3.5), (3.5, 3.25), (4, 3), (4, 4), (5, 4)]


def sigma(t):
    return 1 / (1 + np.exp(-t))


def carte(fonction, zone, points=None, titre="", num=200, niveaux=20):
    """Niveaux de F dans le plan (contourf « hot », barre des couleurs) et les données."""
    xmin, xmax, ymin, ymax = zone
    X, Y = np.meshgrid(np.linspace(xmin, xmax, num), np.linspace(ymin, ymax, num))
    Z = fonction(np.c_[X.ravel(), Y.ravel()]).reshape(X.shape)
    fig, ax = plt.subplots()
    zones = ax.contourf(X, Y, Z, np.linspace(0, 1, niveaux + 1) if niveaux else 20, cmap="hot")
    fig.colorbar(zones, ax=ax)
    if points is not None:
        for p, style in points:
            p = np.asarray(p, dtype=float)
            ax.scatter(p[:, 0], p[:, 1], **style)
    ax.set_title(titre)
    return fig


@chapitre.section("neurone-seul", duree="2 s")
def neurone_seul(options):
    """§1 — F(x, y) = σ(ax + by + c) : descente à la main (numpy) puis Keras, mêmes poids après 1 … 1000 pas."""
    X = np.array(ROUGES + BLEUS, dtype=float)
    Z = np.array([1.0] * 10 + [0.0] * 10)
    N = len(X)

    def erreur_et_gradient(P):
        s = sigma(X @ P[:2] + P[2])
        commun = 2 * s * (1 - s) * (s - Z)                  # 2 σ_i (1 − σ_i)(σ_i − z_i)
        g = np.array([np.sum(commun * X[:, 0]), np.sum(commun * X[:, 1]), np.sum(commun)]) / N
        return float(np.mean((s - Z) ** 2)), g

    P = np.array([0.0, 1.0, -2.0])
    historique = {}
    for k in range(1001):
        E, g = erreur_et_gradient(P)
        if k <= 10 or k in (100, 1000):
            historique[k] = (P.copy(), g, E)
        P = P - 1.0 * g
    print("    k | (a, b, c) | grad E | E")
    for k, (Pk, g, E) in historique.items():
        print(f"{k:>5} | ({Pk[0]:.3f}, {Pk[1]:.3f}, {Pk[2]:.3f}) | ({g[0]:.5f}, {g[1]:.5f}, {g[2]:.5f}) | {E:.3f}")
    # Keras : même neurone, SGD(1.0), plein lot
    modele = Sequential([Input(shape=(2,)), Dense(1, activation="sigmoid")])
    modele.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss="mean_squared_error")
    definir_poids(modele, 0, 0, [0, 1], -2)
    keras_poids = {}
    fait = 0
    for k in (1, 10, 100, 1000):
        entrainer_rapide(modele, X, Z, k - fait)
        fait = k
        keras_poids[k] = poids_plats(modele)
        print(f"Keras après {k:>4} pas : {np.round(keras_poids[k], 6).tolist()}")
    a, b, c = historique[1000][0]
    predictions = {p: float(sigma(a * p[0] + b * p[1] + c)) for p in [(0, 3), (1, 1), (4, 3), (3, 2.75), (2, 3), (2, 1)]}
    print("prédictions avec P_1000 :", {p: round(v, 3) for p, v in predictions.items()})
    styles = [(ROUGES, dict(marker="s", color="red")), (BLEUS, dict(marker="o", color="blue"))]
    fig, ax = plt.subplots()
    x = np.linspace(-0.5, 5.5, 10)
    for k in (0, 1, 100, 1000):
        Pk = historique[k][0]
        ax.plot(x, -(Pk[0] * x + Pk[2]) / Pk[1], label=f"k = {k}")
    for p, style in styles:
        p = np.asarray(p)
        ax.scatter(p[:, 0], p[:, 1], **style)
    ax.set_xlim(-0.5, 5.5)
    ax.set_ylim(-0.5, 5.5)
    ax.legend()
    chapitre.figure(fig, "ch09-neurone-droites")
    chapitre.figure(carte(lambda Q: sigma(Q @ np.array([a, b]) + c), (-0.5, 5.5, -0.5, 5.5), styles,
                          "F(x, y) après 1000 pas"), "ch09-neurone-carte")
    return {"numpy": {k: v[0] for k, v in historique.items()}, "gradients": {k: v[1] for k, v in historique.items()},
            "erreurs": {k: v[2] for k, v in historique.items()}, "keras": keras_poids, "predictions": predictions}


def reseau_sigmoide(architecture):
    """Un réseau dense tout en sigmoïdes, compilé (SGD(1.0), erreur quadratique moyenne)."""
    entrees, *couches = architecture
    modele = Sequential([Input(shape=(entrees,))] + [Dense(n, activation="sigmoid") for n in couches])
    modele.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss="mean_squared_error")
    return modele


def descente_numpy(P, architecture, X, Z, n, delta=1.0):
    """Descente plein lot d'un réseau de sigmoïdes en numpy : rétropropagation écrite à la main.

    Renvoie la liste des vecteurs de poids (ordre du livre) et des erreurs, k = 0 … n.
    """
    formes = list(zip(architecture[:-1], architecture[1:]))
    poids, erreurs = [np.asarray(P, dtype=float)], []
    for _ in range(n + 1):
        W = vers_keras(poids[-1], formes)
        sorties = [X]
        for Wk, bk in zip(W[0::2], W[1::2]):
            sorties.append(sigma(sorties[-1] @ Wk + bk))
        F = sorties[-1]
        erreurs.append(float(np.mean((F - Z) ** 2)))
        if len(erreurs) > n:
            break
        delta_couche = 2 * (F - Z) / len(X) * F * (1 - F)          # ∂E/∂(entrée du neurone de sortie)
        gradients = []
        for k in range(len(formes) - 1, -1, -1):
            gradients = [sorties[k].T @ delta_couche, delta_couche.sum(axis=0)] + gradients
            if k:
                delta_couche = (delta_couche @ W[2 * k].T) * sorties[k] * (1 - sorties[k])
        poids.append(poids[-1] - delta * depuis_keras(gradients))
    return poids, erreurs


@chapitre.section("ou-exclusif", duree="2 s")
def ou_exclusif(options):
    """§2.1 — le « ou exclusif » appris par 2 + 1 neurones sigmoïdes ; numpy et Keras, mêmes poids."""
    X = np.array([(0, 0), (1, 1), (0, 1), (1, 0)], dtype=float)
    Z = np.array([[0.0], [0.0], [1.0], [1.0]])
    P0 = [1.0, 2.0, -3.0, -3.0, -2.0, 1.0, 1.0, 1.0, -1.0]
    poids, erreurs = descente_numpy(P0, (2, 2, 1), X, Z, 1000)
    print(f"E(P0) = {erreurs[0]:.5f} ; P1 = {np.round(poids[1], 4).tolist()} ; E(P1) = {erreurs[1]:.4f}")
    print(f"P1000 = {np.round(poids[1000], 4).tolist()} ; E = {erreurs[1000]:.4f}")
    modele = reseau_sigmoide((2, 2, 1))
    definir_poids_plats(modele, P0)
    historique = entrainer_rapide(modele, X, Z, 1000)["loss"]
    P_keras = poids_plats(modele)
    print("Keras après 1000 pas :", np.round(P_keras, 4).tolist())
    predictions = {p: evaluation(modele, *p) for p in [(0, 0), (1, 1), (1, 0), (0, 1), (0.2, 0.9)]}
    print("prédictions :", {p: round(v, 2) for p, v in predictions.items()})
    styles = [([(0, 1), (1, 0)], dict(marker="s", color="red")), ([(0, 0), (1, 1)], dict(marker="o", color="blue"))]
    chapitre.figure(carte(lambda Q: evaluer_lot(modele, Q)[:, 0], (-0.5, 1.5, -0.5, 1.5), styles,
                          "ou exclusif appris"), "ch09-ou-exclusif-carte")
    fig, ax = plt.subplots()
    ax.plot(historique)
    ax.set_xlabel("itération")
    ax.set_ylabel("erreur")
    chapitre.figure(fig, "ch09-ou-exclusif-erreur")
    return {"E0": erreurs[0], "P1": poids[1], "P2": poids[2], "E1": erreurs[1], "P1000": poids[1000],
            "E1000": erreurs[1000], "keras": P_keras, "keras_E0": historique[0], "predictions": predictions}


@chapitre.section("hebb", duree="1 s")
def regle_de_hebb(options):
    """§2.2 — perceptron et règle de Hebb : descente stochastique avec une marche « virtuelle »."""
    X = np.array([(x, y, 1.0) for x, y in ROUGES + BLEUS])   # entrée virtuelle 1 pour le biais
    Z = np.array([1] * 10 + [0] * 10)
    P = np.array([0.0, 1.0, -2.0])
    delta = 0.1
    erreurs = []
    for epoque in range(options.choisir(200, 200)):
        for Xi, zi in zip(X, Z):
            F = 1 if Xi @ P >= 0 else 0
            P = P + 2 * delta * (zi - F) * Xi          # inchangé si F = z ; −2δX si F = 1, z = 0 ; +2δX sinon
        erreurs.append(int(sum((1 if Xi @ P >= 0 else 0) != zi for Xi, zi in zip(X, Z))))
    print(f"après {len(erreurs)} époques : P = {np.round(P, 3).tolist()}, points mal classés : {erreurs[-1]} "
          f"(au mieux {min(erreurs)} : ces données ne sont pas séparables par une droite)")
    return {"P": P, "mal_classes": erreurs}


@chapitre.section("marche", duree="3 s")
def fonction_marche(options):
    """§2.3 — une marche (0 sur [0, 2], 1 sur [3, 5], 0 sur [6, 8]) avec 2 + 1 neurones : P5000 du livre."""
    x = np.concatenate([np.linspace(0, 2, 10), np.linspace(3, 5, 10), np.linspace(6, 8, 10)])
    z = np.concatenate([np.zeros(10), np.ones(10), np.zeros(10)])
    P0 = [0.0, 1.0, 0.0, -1.0, 1.0, 1.0, -1.0]
    modele = reseau_sigmoide((1, 2, 1))
    definir_poids_plats(modele, P0)
    fig, ax = plt.subplots()
    ax.scatter(x, z, color="red", zorder=3)
    t = np.linspace(-1, 9, 300)
    historique = []
    fait = 0
    for k in (0, 1000, 2000, 5000):
        if k > fait:
            historique += entrainer_rapide(modele, x, z, k - fait)["loss"]
            fait = k
        ax.plot(t, evaluer_lot(modele, t[:, None])[:, 0], label=f"k = {k}")
    ax.legend()
    chapitre.figure(fig, "ch09-marche")
    P5000 = poids_plats(modele)
    E5000 = float(np.mean((evaluer_lot(modele, x[:, None])[:, 0] - z) ** 2))
    print(f"E(P0) = {historique[0]:.4f} ; P5000 = {np.round(P5000, 4).tolist()} ; E ≃ {E5000:.5f}")
    return {"E0": historique[0], "P5000": P5000, "E5000": E5000}


def lemniscate(x, y):
    return ((x ** 2 + y ** 2) ** 2 - 4 * (x ** 2 - y ** 2)) * ((x - 0.5) ** 2 + 4 * (y - 1 / 3) ** 2 - 2)


@chapitre.section("lemniscate", duree="1 min (rapide : 5 s)")
def zones_lemniscate(options):
    """§2.4 — la lemniscate et l'ellipse : cartes de classification selon le nombre p de neurones par couche."""
    n = 200
    X, Y = np.meshgrid(np.linspace(-2.05, 2.05, n), np.linspace(-0.75, 1.05, n))
    entrees = np.c_[X.ravel(), Y.ravel()]
    Z = (lemniscate(entrees[:, 0], entrees[:, 1]) <= 0).astype(float)
    rouges, bleus = int(Z.sum()), int((1 - Z).sum())
    print(f"{n}×{n} points : {rouges} rouges (f ≤ 0), {bleus} bleus")
    comptes = {}
    for p in (3, 5, 7, 10, 15, 20, 50, 100):
        m = Sequential([Input(shape=(2,))] + [Dense(p, activation="relu") for _ in range(3)] + [Dense(1, activation="relu")])
        comptes[p] = (3 * p + 1, m.count_params())
    print("p : (neurones, poids) =", comptes)
    precisions = {}
    fig, axes = plt.subplots(2, 2, figsize=(10, 6))
    for ax, p in zip(axes.ravel(), options.choisir([3, 5, 10, 20], [3, 10])):
        modele = Sequential([Input(shape=(2,))] + [Dense(p, activation="relu") for _ in range(3)]
                            + [Dense(1, activation="relu")])
        modele.compile(optimizer="adam", loss="mean_squared_error")
        modele.fit(entrees, Z, epochs=options.choisir(10, 1), batch_size=100, verbose=options.verbeux)
        predit = (evaluer_lot(modele, entrees)[:, 0] >= 0.5).astype(float)
        precisions[p] = float(np.mean(predit == Z))
        ax.scatter(entrees[::7, 0], entrees[::7, 1], c=predit[::7], s=2, cmap="bwr")
        ax.set_title(f"p = {p} : {precisions[p]:.1%}")
    chapitre.figure(fig, "ch09-lemniscate")
    print("précision de la carte :", {p: f"{v:.1%}" for p, v in precisions.items()})
    return {"rouges": rouges, "bleus": bleus, "comptes": comptes, "precisions": precisions}


def configurations(n):
    """Toutes les configurations de trois cases noires parmi n, et leur hauteur k − i + 1."""
    X, h = [], []
    for i in range(n):
        for j in range(i + 1, n):
            for k in range(j + 1, n):
                v = np.zeros(n)
                v[[i, j, k]] = 1
                X.append(v)
                h.append(k - i + 1)
    return np.array(X), np.array(h, dtype=float)


@chapitre.section("hauteur", duree="1 min (rapide : 5 s)")
def hauteur(options):
    """§2.5 — hauteur de trois cases noires parmi 20 : apprentissage, test, sur-apprentissage."""
    n = 20
    X, h = configurations(n)
    rng = np.random.default_rng(options.graine)
    ordre = rng.permutation(len(X))
    moitie = len(X) // 2
    train, test = ordre[:moitie], ordre[moitie:]
    print(f"{len(X)} configurations : {len(train)} pour apprendre, {len(test)} pour tester")
    livre = {3: (79, 50, 45), 5: (141, 85, 75), 7: (211, 90, 85), 10: (331, 98, 90), 15: (571, 99, 90), 20: (861, 100, 85)}
    tableau = {}
    print("   p  neurones  poids  apprentissage  test   (livre)")
    for p in options.choisir(list(livre), [3, 10]):
        modele = Sequential([Input(shape=(n,)), Dense(p, activation="relu"), Dense(p, activation="relu"),
                             Dense(1, activation="relu")])
        modele.compile(optimizer=keras.optimizers.Adam(0.003), loss="mean_squared_error")
        entrainer_rapide(modele, X[train], h[train], options.choisir(2000, 100), batch_size=32)
        juste = lambda idx: float(np.mean(np.round(evaluer_lot(modele, X[idx])[:, 0]) == h[idx]))
        tableau[p] = {"neurones": 2 * p + 1, "poids": modele.count_params(), "apprentissage": juste(train),
                      "test": juste(test)}
        t = tableau[p]
        print(f"{p:>4}  {t['neurones']:>8}  {t['poids']:>5}  {t['apprentissage']:>13.0%}  {t['test']:>4.0%}"
              f"   ({livre[p][1]} % / {livre[p][2]} %)")
    print("Le livre donne le meilleur de plusieurs essais ; ici un seul essai (graine fixée), lots de 32, adam.")
    return {"N": len(X), "tableau": tableau}


@chapitre.section("minimum-local", duree="1 s")
def minimum_local(options):
    """§3.2 — F(x) = ReLU(ax − 1) : un minimum local en a = −1, le minimum global en a = 1."""
    donnees = np.array([(-2, 1), (-1, 0), (0, 0), (1, 0), (3, 2)], dtype=float)
    E = lambda a: np.sum((np.maximum(np.multiply.outer(a, donnees[:, 0]) - 1, 0) - donnees[:, 1]) ** 2, axis=-1)
    a = np.linspace(-1.7, 1.8, 701)
    valeurs = E(a)
    fig, ax = plt.subplots()
    ax.plot(a, valeurs)
    ax.set_ylim(0, 8)
    ax.set_xlabel("a")
    ax.set_ylabel("E(a)")
    chapitre.figure(fig, "ch09-minimum-local")
    # descente depuis a0 < 0 et a0 > 0
    dE = lambda t: float(np.sum(2 * (np.maximum(t * donnees[:, 0] - 1, 0) - donnees[:, 1])
                                * (t * donnees[:, 0] - 1 > 0) * donnees[:, 0]))
    depuis = {a0: float(descente(lambda t: float(E(np.array([t]))[0]), dE, [a0], 0.02, 500).final[0])
              for a0 in (-1.5, 0.8)}
    print(f"E(−1) = {float(E(np.array([-1.0]))[0])}, E(1) = {float(E(np.array([1.0]))[0])} ; "
          f"descente depuis −1.5 → {depuis[-1.5]:.4f}, depuis 0.8 → {depuis[0.8]:.4f}")
    return {"E(-1)": float(E(np.array([-1.0]))[0]), "E(1)": float(E(np.array([1.0]))[0]), "depuis": depuis}


@chapitre.section("sur-apprentissage", duree="1 s")
def sur_apprentissage(options):
    """§3.3–3.4 — droite de régression contre polynôme de degré 3 passant par les 4 points."""
    x = np.array([1.0, 2.0, 3.0, 4.0])
    y = np.array([1.2, 1.9, 3.2, 3.8])
    droite = np.polyfit(x, y, 1)
    polynome = np.polyfit(x, y, 3)
    t = np.linspace(0, 5.5, 200)
    x0 = 5.0
    fig, ax = plt.subplots()
    ax.scatter(x, y, color="red", zorder=3)
    ax.plot(t, np.polyval(droite, t), label=f"droite : P = {np.polyval(droite, x0):.2f} en x0 = 5")
    ax.plot(t, np.polyval(polynome, t), label=f"degré 3 : P' = {np.polyval(polynome, x0):.2f} en x0 = 5")
    ax.legend()
    chapitre.figure(fig, "ch09-sur-apprentissage")
    erreur_polynome = float(np.max(np.abs(np.polyval(polynome, x) - y)))
    print(f"le polynôme passe par les 4 points (écart {erreur_polynome:.1e}) mais prédit "
          f"{np.polyval(polynome, x0):.2f} en 5, la droite {np.polyval(droite, x0):.2f}")
    return {"erreur_polynome": erreur_polynome, "prediction_droite": float(np.polyval(droite, x0)),
            "prediction_polynome": float(np.polyval(polynome, x0))}


if __name__ == "__main__":
    chapitre.lancer()
