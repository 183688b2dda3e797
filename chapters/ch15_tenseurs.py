"""Chapitre 15 — Tenseurs.

Ce que le chapitre montre : les tenseurs de numpy (dimension, taille, nombre
d'éléments, opérations, changement de forme, concaténation), la mémoire que
prend un jeu de données rangé en tenseur, puis les tenseurs de TensorFlow et le
calcul de dérivées et de gradients avec tf.GradientTape (en un point, en
plusieurs points, champ de gradient sur les lignes de niveau).
Durée : quelques secondes.
"""
from keras_facile import *
from keras_facile.chapitre import Chapitre

chapitre = Chapitre(__doc__)

T = np.array([[[5, 1, 0], [3, 3, 2]], [[1, 1, 0], [5, 1, 7]], [[0, 0, 1], [8, 1, 9]]])


@chapitre.section("numpy", duree="1 s")
def tenseurs_numpy(options):
    """§1 — vecteur, matrice, tenseur (3, 2, 3) : ndim, shape, size ; opérations ; reshape ; concatenate."""
    V = np.array([5, 7, 8])
    M = np.array([[6, 0, 2], [3, 2, 4]])
    for nom, X in (("V", V), ("M", M), ("T", T)):
        print(f"{nom} : ndim = {X.ndim}, shape = {X.shape}, size = {X.size}")
    print("T[1, 1, 2] =", T[1, 1, 2], "; M[1][2] =", M[1][2])
    print("V + 3 =", V + 3, "; V.mean() =", V.mean(), "; M.sum() =", M.sum())
    MM = np.array([[1, 2, 3], [4, 5, 6]])
    print("M ** 2 =", (M ** 2).tolist(), "; M * MM (élément par élément, pas le produit matriciel) =",
          (M * MM).tolist(), "; T − 1 a la forme", (T - 1).shape, "; np.sqrt(T)[1, 1] =", np.round(np.sqrt(T)[1, 1], 3))
    formes = {
        "flatten": T.flatten(),
        "(2, 9)": np.reshape(T, (2, 9)),
        "(2, 3, 3)": np.reshape(T, (2, 3, 3)),
        "(9, -1)": np.reshape(T, (9, -1)),
    }
    for nom, X in formes.items():
        print(f"reshape {nom} → forme {X.shape}\n{X}")
    A = np.arange(1, 7).reshape((2, 3))
    B = np.arange(7, 13).reshape((2, 3))
    concatenations = {0: np.concatenate((A, B), axis=0), 1: np.concatenate((A, B), axis=1)}
    for axe, C in concatenations.items():
        print(f"np.concatenate((A, B), axis={axe}) =\n{C}")
    return {"dimensions": {n: (X.ndim, X.shape, X.size) for n, X in (("V", V), ("M", M), ("T", T))},
            "formes": {n: X.tolist() for n, X in formes.items()},
            "concatenations": {a: C.tolist() for a, C in concatenations.items()},
            "T[1,1,2]": int(T[1, 1, 2]), "M*MM": (M * MM).tolist()}


@chapitre.section("memoire", duree="1 s")
def memoire(options):
    """§1.2 — la place d'un jeu de données rangé en tenseur (calculée d'après la forme et le type)."""
    jeux = {
        "une image MNIST (28, 28)": ((28, 28), np.uint8),
        "une image CIFAR-10 (32, 32, 3)": ((32, 32, 3), np.uint8),
        "MNIST, entraînement (60000, 28, 28)": ((60000, 28, 28), np.uint8),
        "CIFAR-10, entraînement (50000, 32, 32, 3)": ((50000, 32, 32, 3), np.uint8),
        "CIFAR-10 en float32 après /255": ((50000, 32, 32, 3), np.float32),
    }
    tailles = {}
    for nom, (forme, type_) in jeux.items():
        elements = int(np.prod(forme))
        octets = elements * np.dtype(type_).itemsize
        tailles[nom] = (elements, octets)
        print(f"{nom:<45} {elements:>12} éléments  {octets / 1e6:>9.1f} Mo ({np.dtype(type_).name})")
    return tailles


@chapitre.section("gradienttape", duree="1 s")
def gradient_tape(options):
    """§2 — tf.GradientTape : dérivée de x² en 3, de 2 ln x + e^(−x) en 1, 1.5 … 3.5, gradient de x y² en (2, 3)."""
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x ** 2
    derivee = tape.gradient(y, [x])[0].numpy()
    print("Dérivée de x² en 3 :", derivee)

    x = tf.constant([1.0, 2.0, 3.0, 4.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x ** 2
    vecteur = tape.gradient(y, x).numpy()
    print("Dérivée de x² en [1, 2, 3, 4] :", vecteur)

    def f(x):
        return 2 * tf.math.log(x) + tf.math.exp(-x)

    x = tf.range(1, 4, 0.5)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    tfgradient = tape.gradient(y, x)
    valeurs = y.numpy()
    gradient = [tfgradient[i].numpy() for i in range(len(tfgradient))]
    print("x =", x.numpy(), "\nf(x) =", np.round(valeurs, 3), "\nf'(x) =", np.round(gradient, 3))
    t = tf.range(1, 4, 0.01)
    with tf.GradientTape() as tape:
        tape.watch(t)
        yt = f(t)
    fig, ax = plt.subplots()
    ax.plot(t.numpy(), yt.numpy(), color="blue", label="f")
    ax.plot(t.numpy(), tape.gradient(yt, t).numpy(), color="red", label="f'")
    ax.legend()
    chapitre.figure(fig, "ch15-f-et-derivee")

    def g(x, y):
        return x * y ** 2

    x, y = tf.Variable(2.0), tf.Variable(3.0)
    with tf.GradientTape() as tape:
        z = g(x, y)
    dfx, dfy = [float(d.numpy()) for d in tape.gradient(z, [x, y])]
    print("gradient de x y² en (2, 3) :", (dfx, dfy))
    return {"derivee": float(derivee), "vecteur": vecteur.tolist(), "f": valeurs.tolist(), "f_prime": gradient,
            "gradient": (float(dfx), float(dfy))}


@chapitre.section("champ-de-gradient", duree="1 s")
def champ_de_gradient(options):
    """§2 — le champ de gradient de x² − y² sur ses lignes de niveau (GradientTape sur toute une grille)."""
    VX = tf.linspace(-2.0, 2.0, 100)
    X, Y = tf.meshgrid(VX, VX)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(X)
        tape.watch(Y)
        Z = X ** 2 - Y ** 2
    GX, GY = tape.gradient(Z, X), tape.gradient(Z, Y)
    fig, ax = plt.subplots()
    ax.contour(X.numpy(), Y.numpy(), Z.numpy(), 20)
    pas = 10
    ax.quiver(X.numpy()[::pas, ::pas], Y.numpy()[::pas, ::pas], GX.numpy()[::pas, ::pas], GY.numpy()[::pas, ::pas])
    ax.set_aspect("equal")
    chapitre.figure(fig, "ch15-champ-gradient")
    ecart = float(np.max(np.abs(GX.numpy() - 2 * X.numpy())) + np.max(np.abs(GY.numpy() + 2 * Y.numpy())))
    print("écart avec le gradient exact (2x, −2y) sur la grille :", ecart)
    return {"ecart": ecart}


if __name__ == "__main__":
    chapitre.lancer()
