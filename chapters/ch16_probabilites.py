"""Chapitre 16 — Probabilités.

Ce que le chapitre montre : sigmoïde contre Heaviside, argmax et softmax (et sa
dérivée), les fonctions d'erreur avec les exemples du livre (erreur quadratique
moyenne, absolue, logarithmique, entropie croisée binaire et catégorielle),
chacune comparée à keras.losses, la normalisation, la moyenne, la variance,
l'écart type, la loi normale et ses figures, puis le dropout (le p du livre
garde un neurone : Keras prend rate = 1 − p). Durée : quelques secondes.
"""
from keras_facile import *
from keras_facile import probabilites as pb
from keras_facile.chapitre import Chapitre

chapitre = Chapitre(__doc__)


@chapitre.section("softmax", duree="1 s")
def softmax(options):
    """§1 — H et σ ; argmax et softmax de (3, 1, 8, 6, 0) ; la dérivée de softmax."""
    x = np.linspace(-6, 6, 400)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.5))
    ax1.plot(x, np.asarray(heaviside(x)))
    ax1.set_title("Heaviside H")
    ax2.plot(x, 1 / (1 + np.exp(-x)))
    ax2.axhline(0.5, linestyle="--", color="gray")
    ax2.set_title("sigmoïde σ")
    chapitre.figure(fig, "ch16-heaviside-sigmoide")
    X = np.array([3, 1, 8, 6, 0])
    print("argmax :", np.argmax(X), "(la 3e composante, en comptant à partir de 1)")
    p = pb.softmax(X)
    for i in range(len(X)):
        print("p[{:d}] = {:.4f}".format(i, p[i]))
    keras_p = np.asarray(keras.ops.softmax(X.astype("float32")))
    J = pb.jacobien_softmax(X)
    x_tf = tf.Variable(X.astype("float64"))
    with tf.GradientTape() as bande:
        y = tf.nn.softmax(x_tf)[2]
    ligne_tf = bande.gradient(y, x_tf).numpy()
    print("ligne 3 du jacobien :", np.round(J[2], 6), "— GradientTape :", np.round(ligne_tf, 6))
    return {"argmax": int(np.argmax(X)), "softmax": p.tolist(), "ecart_keras": float(np.max(np.abs(p - keras_p))),
            "jacobien_ligne3": J[2].tolist(), "ecart_tape": float(np.max(np.abs(J[2] - ligne_tf)))}


@chapitre.section("erreurs", duree="1 s")
def erreurs(options):
    """§2 — les fonctions d'erreur du livre, comparées à keras.losses."""
    Y, Yt = [1, 2, 5, 1, 3], [1.2, 1.9, 4.5, 1.1, 2.7]
    Yl, Ylt = [1, 5, 10, 100], [2, 4, 8, 105]
    Yb, Ybt = [1, 0, 1, 1, 0, 1], [0.9, 0.2, 0.8, 1.0, 0.1, 0.7]
    Yc = keras.utils.to_categorical([2], 5)
    Yct = np.round(pb.softmax([3, 1, 8, 6, 0]), 4)[None, :]
    calculs = {
        "MSE": (pb.erreur_quadratique_moyenne(Y, Yt), keras.losses.MeanSquaredError()(Y, Yt)),
        "MAE": (pb.erreur_absolue_moyenne(Y, Yt), keras.losses.MeanAbsoluteError()(Y, Yt)),
        "MSLE": (pb.erreur_log_moyenne(Yl, Ylt), keras.losses.MeanSquaredLogarithmicError()(Yl, Ylt)),
        "MAE (données MSLE)": (pb.erreur_absolue_moyenne(Yl, Ylt), keras.losses.MeanAbsoluteError()(Yl, Ylt)),
        "entropie croisée binaire": (pb.entropie_croisee_binaire(Yb, Ybt), keras.losses.BinaryCrossentropy()(Yb, Ybt)),
        "entropie croisée catégorielle": (pb.entropie_croisee(Yc, Yct), keras.losses.CategoricalCrossentropy()(Yc, Yct)),
    }
    valeurs = {}
    for nom, (nous, k) in calculs.items():
        valeurs[nom] = (nous, float(k))
        print(f"{nom:<32} {nous:.6f}   keras.losses : {float(k):.6f}")
    part_mae = abs(100 - 105) / len(Yl) / pb.erreur_absolue_moyenne(Yl, Ylt)
    part_msle = (np.log(101) - np.log(106)) ** 2 / len(Yl) / pb.erreur_log_moyenne(Yl, Ylt)
    print(f"part de la paire (100, 105) : {part_mae:.1%} de l'erreur absolue, {part_msle:.2%} de l'erreur logarithmique")
    return {"valeurs": valeurs, "part_mae": part_mae, "part_msle": part_msle}


TAILLES = np.array([172, 165, 187, 181, 167, 184, 168, 174, 180, 186])


@chapitre.section("loi-normale", duree="2 s")
def loi_normale(options):
    """§3 — normalisation, moyenne, variance, écart type, loi normale, tailles des hommes."""
    mu, variance, sigma = TAILLES.mean(), TAILLES.var(), TAILLES.std()
    z = pb.standardiser(TAILLES)
    print(f"µ = {mu}, Var = {variance:.2f}, σ = {sigma:.4f} ; intervalle à 95 % : [{mu - 2 * sigma:.3f}, {mu + 2 * sigma:.3f}]")
    print("tailles centrées réduites :", np.round(z, 2).tolist())
    print("normalisation dans [0, 1] :", np.round(pb.normaliser(TAILLES), 3).tolist())
    x = np.linspace(140, 200, 400)
    barres = {150: 1, 152: 3, 154: 4, 156: 5, 158: 8, 160: 11, 162: 14, 164: 18, 166: 17, 168: 14, 170: 12, 172: 10,
              174: 6, 176: 4, 178: 3, 180: 2, 182: 1}
    fig, ax = plt.subplots()
    total = sum(barres.values())
    ax.bar(list(barres), [v / total / 2 for v in barres.values()], width=2, alpha=0.6, label="tailles des femmes")
    ax.plot(x, pb.loi_normale(x, 166, np.sqrt(31)), color="red", label="N(166, 5.57²)")
    ax.legend()
    chapitre.figure(fig, "ch16-tailles-femmes")
    fig, ax = plt.subplots()
    t = np.linspace(0, 8, 400)
    for s2, couleur in ((0.5, "blue"), (1, "green"), (2, "red")):
        ax.plot(t, pb.loi_normale(t, 4, np.sqrt(s2)), color=couleur, label=f"µ = 4, σ² = {s2}")
    ax.legend()
    chapitre.figure(fig, "ch16-dispersions")
    fig, ax = plt.subplots()
    t = np.linspace(-4, 4, 400)
    ax.plot(t, pb.loi_normale(t))
    ax.fill_between(t, pb.loi_normale(t), where=np.abs(t) <= 1, alpha=0.3)
    ax.set_title("Cas µ = 0, σ = 1")
    chapitre.figure(fig, "ch16-loi-normale-centree")
    from scipy.stats import norm

    aire = float(norm.cdf(2) - norm.cdf(-2))
    print(f"P(|Z| < 2) = {aire:.4f} ; maximum de la densité N(0, 1) : {pb.loi_normale(0.0):.6f}")
    return {"mu": float(mu), "variance": float(variance), "sigma": float(sigma), "z": z.tolist(), "aire_2_sigma": aire,
            "max_densite": float(pb.loi_normale(0.0))}


@chapitre.section("dropout", duree="1 s")
def dropout(options):
    """§4 — dropout : chaque neurone est gardé avec la probabilité p (Keras : rate = 1 − p)."""
    p = 0.8
    rng = np.random.default_rng(options.graine)
    x = np.ones(100000)
    livre = pb.dropout_livre(x, p, rng)
    couche = keras.layers.Dropout(rate=1 - p, seed=options.graine)
    keras_entrainement = np.asarray(couche(x.astype("float32"), training=True))
    keras_test = np.asarray(couche(x.astype("float32"), training=False))
    resultats = {
        "gardes_livre": float(np.mean(livre > 0)), "gardes_keras": float(np.mean(keras_entrainement > 0)),
        "valeurs_livre": sorted(set(np.round(livre, 6).tolist())),
        "valeurs_keras": sorted(set(np.round(keras_entrainement, 6).tolist())),
        "test_keras": sorted(set(keras_test.tolist())), "moyenne_livre": float(livre.mean()),
    }
    print(f"p = {p} : le livre garde {resultats['gardes_livre']:.1%} des neurones (valeurs {resultats['valeurs_livre']}),"
          f" Keras Dropout(rate = {1 - p:.1f}) en garde {resultats['gardes_keras']:.1%} "
          f"(valeurs {resultats['valeurs_keras']}) ; en test : {resultats['test_keras']}")
    print(f"configurations de neurones : 2^5 = {2 ** 5}, 2^15 = {2 ** 15}")
    return resultats


if __name__ == "__main__":
    chapitre.lancer()
