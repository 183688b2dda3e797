"""Chapitre 11 — Convolution : une dimension.

Ce que le chapitre montre : la convolution f ⋆ g d'une liste par un motif
(retourner le motif, le centrer, multiplier, additionner), la moyenne mobile, la
translation et la dérivée comme convolutions, la couche de convolution (3 poids
partagés au lieu de n²) et la définition mathématique (convolution étendue).
Chaque résultat est comparé à ``np.convolve``. Durée : quelques secondes.
"""
from keras_facile import *
from keras_facile.chapitre import Chapitre
from keras_facile.convolution import (affichage_convolution, convolution_1d, moyenne_mobile,
                                      retourner)

chapitre = Chapitre(__doc__)


def _verifier(f, g, h, mode="same"):
    assert np.allclose(h, np.convolve(f, g, mode)), "désaccord avec np.convolve"


@chapitre.section("idee", duree="< 1 s")
def idee(options):
    """§1 — [1,0,3,5,1] ⋆ [1,2,3] = [2,6,11,20,17] pas à pas ; motif pair [4,5]."""
    f, g = np.array([1, 0, 3, 5, 1]), np.array([1, 2, 3])
    print("f =", f, "  motif g =", g, "  motif retourné :", retourner(g))
    f_bordee = np.pad(f, 1)                              # un zéro virtuel de chaque côté
    for k in range(len(f)):
        x, y, z = f_bordee[k:k + 3]
        print(f"  sous ({x}, {y}, {z}) : {x}×{g[2]} + {y}×{g[1]} + {z}×{g[0]} = {x * g[2] + y * g[1] + z * g[0]}")
    h = convolution_1d(f, g)
    print("f ⋆ g =", h)
    _verifier(f, g, h)
    f2, g2 = np.array([-1, 5, 7, 3, 2]), np.array([4, 5])
    h2 = convolution_1d(f2, g2)
    print("motif de longueur paire : [4, 5] devient [0, 4, 5] ;", f2, "⋆", g2, "=", h2)
    _verifier(f2, g2, h2)
    return {"f*g": h.tolist(), "motif_pair": h2.tolist()}


@chapitre.section("exemples", duree="< 1 s")
def exemples(options):
    """§2 — moyennes mobiles (1/3 et 1/5), homothétie, translation, dérivée ; 4 figures."""
    f = np.array([4, 2, 1, 4, 5, 1, 3])
    m3, m5 = convolution_1d(f, moyenne_mobile(3)), convolution_1d(f, moyenne_mobile(5))
    print("moyenne mobile sur 3 :", np.round(m3, 2))
    print("moyenne mobile sur 5 :", np.round(m5, 2))
    chapitre.figure(affichage_convolution(f, m3, titre_sortie="Sortie h = f ⋆ (1/3)[1,1,1]"),
                    "ch11-moyenne-3")
    # une liste « chaotique » de 100 valeurs, lissée par 1/3 puis 1/5
    N = 100
    bruit = np.sin(np.linspace(0, 2 * np.pi, N)) + np.random.default_rng(options.graine).random(N)
    lisse3 = convolution_1d(bruit, moyenne_mobile(3))
    lisse5 = convolution_1d(bruit, moyenne_mobile(5))
    chapitre.figure(affichage_convolution(bruit, lisse3, titre_sortie="Sortie h = f ⋆ (1/3)[1,1,1]"),
                    "ch11-lissage-3")
    chapitre.figure(affichage_convolution(bruit, lisse5, titre_sortie="Sortie h = f ⋆ (1/5)[1,1,1,1,1]"),
                    "ch11-lissage-5")
    print("écart moyen entre deux termes voisins : entrée %.3f, lissée 1/3 %.3f, lissée 1/5 %.3f"
          % tuple(np.abs(np.diff(x)).mean() for x in (bruit, lisse3, lisse5)))
    un_a_neuf = np.arange(1, 10)
    homothetie = convolution_1d(un_a_neuf, [2])
    translation = convolution_1d(un_a_neuf, [0, 0, 1])
    carres = np.array([16, 9, 4, 1, 0, 1, 4, 9, 16])
    derivee = convolution_1d(carres, [0, 1, -1])
    print("homothétie   [1..9] ⋆ [2]       =", homothetie)
    print("translation  [1..9] ⋆ [0,0,1]   =", translation)
    print("dérivée      f ⋆ [0,1,−1]       =", derivee, " (f(n) − f(n−1) : différence à gauche)")
    sinus = np.sin(2 * np.pi * np.arange(100) / 100)
    d = convolution_1d(sinus, [0, 1, -1])
    chapitre.figure(affichage_convolution(sinus, d, titre_entree="Entrée f(k) = sin(2πk/100)",
                                          titre_sortie="Sortie f ⋆ [0, 1, −1] : un cosinus (×2π/100)"),
                    "ch11-derivee-sinus")
    for g, h in (([2], homothetie), ([0, 0, 1], translation)):
        _verifier(un_a_neuf, g, h)
    _verifier(carres, [0, 1, -1], derivee)
    return {"moyenne_3": np.round(m3, 2).tolist(), "moyenne_5": np.round(m5, 2).tolist(),
            "homothetie": homothetie.tolist(), "translation": translation.tolist(),
            "derivee": derivee.tolist()}


def _figure_couches(n=7):
    """Couche complètement connectée (n² arêtes) et couche de convolution (3 poids partagés)."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
    couleurs = ["red", "green", "blue"]
    for ax, titre in zip(axes, ("Couche complètement connectée", "Couche de convolution")):
        for i in range(n):
            for j in range(n):
                if "connectée" in titre:
                    ax.plot([0, 1], [i, j], color="gray", lw=0.6)
                elif abs(i - j) <= 1:
                    ax.plot([0, 1], [i, j], color=couleurs[i - j + 1], lw=1.5)
        ax.scatter([0] * n, range(n), s=120, color="white", edgecolor="black", zorder=3)
        ax.scatter([1] * n, range(n), s=120, color="white", edgecolor="black", zorder=3)
        ax.set_title(titre)
        ax.axis("off")
    fig.tight_layout()
    return fig


@chapitre.section("reseau", duree="< 1 s")
def reseau(options):
    """§3 — un neurone, une couche de convolution : 3 poids partagés (contre n² pour une couche dense)."""
    n = 100
    dense = keras.Sequential([Input(shape=(n,)), Dense(n, use_bias=False)])
    conv = keras.Sequential([Input(shape=(n, 1)),
                             keras.layers.Conv1D(1, 3, padding="same", use_bias=False)])
    print(f"n = {n} : couche dense {dense.count_params()} poids, couche de convolution "
          f"{conv.count_params()} poids")
    # la couche Conv1D de Keras calcule une corrélation : on y charge le motif retourné
    a, b, c = 1.0, 2.0, 3.0
    conv.layers[0].set_weights([np.array([c, b, a]).reshape(3, 1, 1)])
    f = np.random.default_rng(options.graine).integers(0, 10, n).astype("float32")
    sortie = np.asarray(conv(f.reshape(1, n, 1)))[0, :, 0]
    ecart = float(np.abs(sortie - convolution_1d(f, [a, b, c])).max())
    print(f"Conv1D (motif retourné) et f ⋆ [a,b,c] : écart maximal {ecart:.2g}")
    chapitre.figure(_figure_couches(), "ch11-couches")
    return {"poids_dense": dense.count_params(), "poids_convolution": conv.count_params(),
            "ecart_keras": ecart}


@chapitre.section("definition", duree="< 1 s")
def definition(options):
    """§4 — (f ⋆̃ g)(n) = Σ f(n−k) g(k) : la convolution étendue [1,2,6,11,20,17,3], commutative."""
    f, g = np.array([1, 0, 3, 5, 1]), np.array([1, 2, 3])    # g(−1)=1, g(0)=2, g(1)=3
    etendue = convolution_1d(f, g, mode="full")
    print("f ⋆̃ g = [ … 0, 0,", ", ".join(map(str, etendue)), ", 0, 0 … ]")
    print("terme de rang 0 :", etendue[1], " ; rang 1 : f(0)g(1) + f(1)g(0) + f(2)g(−1) =",
          f"{f[0]}·{g[2]} + {f[1]}·{g[1]} + {f[2]}·{g[0]} =", etendue[2])
    tronquee = convolution_1d(f, g)
    print("version tronquée f ⋆ g =", tronquee)
    commutative = bool(np.array_equal(etendue, convolution_1d(g, f, mode="full")))
    print("f ⋆̃ g = g ⋆̃ f :", commutative)
    _verifier(f, g, etendue, "full")
    return {"etendue": etendue.tolist(), "rang_0": int(etendue[1]), "rang_1": int(etendue[2]),
            "commutative": commutative}


if __name__ == "__main__":
    chapitre.lancer()
