"""Test de mutation (à la demande, pas en CI) des modules de calcul du livre, avec mutmut.

    python benchmarks/mutation.py                       # tous les mutants des 11 modules
    python benchmarks/mutation.py --echantillon 5       # un mutant sur 5 (ordre des noms), plus rapide
    python benchmarks/mutation.py --modules descente,bpe --etiquette essai
    python benchmarks/mutation.py --echantillon 2 --echantillon-keras 6 --etiquette large   # la mesure « large »

À lancer depuis un arbre de travail (jamais dans /work/main) : mutmut copie le paquet et
les tests dans ``mutants/`` (ignoré par git) et y garde ses résultats. La configuration
(modules mutés, tests choisis) est la section ``[mutmut]`` de ``setup.cfg`` ; mutmut
associe à chaque fonction les tests qui l'appellent (passe « stats ») et ne relance,
pour un mutant, que ceux-là : c'est la sélection de tests par module, et même par
fonction. Les tests des chapitres (trop lents pour être relancés par mutant) et ceux
qui lancent un second processus sont exclus.

Un mutant déjà tué garde son verdict tant que sa fonction ne change pas (mutmut remet à
zéro les fonctions modifiées) : une nouvelle passe ne relance que les mutants pas encore
tués. ``--tout`` efface ``mutants/`` et recommence de zéro.

Résultat : ``benchmarks/resultats/mutation.json``, une mesure par étiquette (``avant``,
``apres``, ``large`` …) : par module, mutants total / tués / survivants, score, et chaque
survivant avec son changement et sa raison (table ``RAISONS`` ci-dessous ; un survivant sans
raison connue est signalé « À EXAMINER »). Une mesure peut demander plusieurs passes
(reprise après interruption, survivants relancés après l'ajout de tests) : chacune est notée
dans ``passes`` et ``duree_passe_s`` est leur somme (``--tout`` repart de zéro). Le serveur de
fork ne note pas toujours la durée de chaque mutant (``duree_cumulee_s`` peut rester à 0).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
MODULES = ["activations", "poids", "evaluation", "approximation", "gradients", "descente", "convolution", "bpe",
           "texte", "attention", "probabilites"]
# modules dont les tests construisent des réseaux Keras : bien plus lents par mutant
MODULES_KERAS = ["activations", "poids", "evaluation", "approximation", "gradients"]
TUES = {"killed", "timeout", "segfault", "caught by type check"}

# Survivants examinés un par un : (module, fonction, ligne mutée sans espaces de tête) → raison.
# La clé ne dépend pas du numéro du mutant (qui change dès qu'on modifie la fonction).
MESSAGE = ("libellé d'un message d'erreur seulement (nom ou aide) : le type d'erreur et le cas refusé sont testés, "
           "pas chaque mot ; aucun calcul ne change — non équivalent, laissé")
FAUX = "équivalent : None est faux comme False"
COSMETIQUE = ("réglage d'apparence de la figure (épaisseur, ordre d'empilement, taille ou remplissage des disques) "
              "sans valeur prescrite ; les données tracées, couleurs et titres sont testés")
AVERT = ("n'ajoute qu'un avertissement numpy (valeur invalide) ; les valeurs calculées et l'erreur ou l'avertissement "
         "en français sont les mêmes")
GAUSS5 = ("_gauss5 n'est appelée qu'à l'import (table NOYAUX), avant que mutmut active un mutant ; le test "
          "test_catalogue_des_motifs_du_livre l'appelle maintenant directement, mais la passe incrémentale de mutmut "
          "ne réassocie pas un test existant modifié : non revérifié ici (passe complète : --tout)")
# Certaines entrées ne servent plus dans la dernière mesure (mutant tué depuis, ou hors de son
# échantillon) : gardées pour les passes sur d'autres échantillons.
RAISONS: dict[tuple[str, str, str], str] = {
    ("evaluation", "_fonction_compilee", "reduce_retracing=False)"):
        "équivalent : réglage de performance de tf.function, la fonction calculée est la même",
    ("evaluation", "evaluer_lot", 'X = verif.tableau("X", X, forme=(None, n), dtype=np.float32, fini=None,'): FAUX,
    ("approximation", "_decrire_couche", "return type(None).__name__"): MESSAGE,
    ("approximation", "_nombre", 'return verif.reel(f"{nom}({p})", valeur, )'): MESSAGE,
    ("approximation", "_num", 'return verif.entier("num", num, min=2, )'): MESSAGE,
    ("approximation", "_sequentiel", "couche.set_weights([np.asarray(coeff, np.float32), np.asarray(biais, )])"):
        "équivalent : set_weights convertit de toute façon dans le type des variables (float32)",
    ("approximation", "_valeurs", 'with np.errstate(divide="ignore", over="ignore"):'): AVERT,
    ("approximation", "_valeurs", "if valeurs.shape != points.shape[:1] or valeurs.shape != np.shape(points):"):
        "équivalent : les deux formes sont égales pour une variable ; à deux variables, la reprise point par point "
        "donne les mêmes valeurs (plus lentement)",
    ("approximation", "approximation_deux_var", 'xmin, xmax = verif.intervalle("xmin", xmin, None, xmax)'): MESSAGE,
    ("approximation", "approximation_deux_var", "c2[n + 1 + j, k] = 1.0"):
        "équivalent : la case valait 0 avant, « = 1 » et « += 1 » donnent la même matrice",
    ("approximation", "calcul_approximation",
     'a, b = verif.reel("a", a, float32=True), verif.reel(None, b, float32=True)   # ils deviennent des biais'): MESSAGE,
    ("approximation", "erreur_max", 'a, b = verif.intervalle("A", a, "b", b)'): MESSAGE,
    ("approximation", "indicatrice_rectangle", 'xmin, xmax = verif.intervalle("XXxminXX", xmin, "xmax", xmax)'): MESSAGE,
    ("gradients", "_fonction_perte",
     "return lambda y, y_pred: fonction(y, y_pred) if (isinstance(fonction, keras.losses.Loss)) and False \\"):
        "équivalent : un objet Loss renvoie déjà la moyenne (un scalaire), la moyenne d'un scalaire est lui-même",
    ("gradients", "_perte_float64", 'config["dtype"] = "XXfloat64XX"'):
        "non tué : la perte reste en float32, écart sous la tolérance (1e-2) des tests de verifier_gradient ; "
        "la précision float64 n'est pas observable avec ces tolérances",
    ("gradients", "gradient_entree", "if Yt.ndim == 1 and y_pred.shape[+1] == 1:"):
        "équivalent : y_pred a deux dimensions, shape[1] et shape[-1] sont le même nombre",
    ("gradients", "gradient_entree", "Yt = _lignes(None, Y)"): MESSAGE,
    ("gradients", "gradient_entree",
     'raise ValueError("XXperte doit être donnée pour un modèle non compilé, reçu None (NoneType) ; XX"'): MESSAGE,
    ("gradients", "gradient_entree", "y_pred = modele(x, )"):
        "équivalent : hors de fit, Keras 3 appelle un modèle en inférence par défaut (training=False) ; vérifié "
        "avec une couche Dropout(0.5) (mêmes sorties)",
    ("gradients", "verifier_gradient", "plancher = max(1e-4 / max(float(np.max(np.abs(g))) for g in gradient), 1e-8)"):
        "non tué : le plancher du dénominateur ne compte que pour des composantes presque nulles du gradient, "
        "absentes des réseaux testés",
    ("descente", "_verifier", 'P0 = np.atleast_1d(verif.tableau("P0", P0, vide=False, aide="P0 EST LE POINT DE DÉPART"))'):
        MESSAGE,
    ("descente", "_verifier", 'aide="DELTA EST LE PAS Δ, UN NOMBRE OU UNE FONCTION K ↦ Δ_K"))'): MESSAGE,
    ("descente", "descente", 'moment = verif.reel("moment", moment, min=0, max=1, max_exclu=True, aide=None)'): MESSAGE,
    ("descente", "descente_stochastique", 'with np.errstate(over="ignore", ):'): AVERT,
    ("descente", "descente_stochastique", 'N = verif.entier("N", N, min=1, )'): MESSAGE,
    ("descente", "descente_stochastique", 'N = verif.entier("N", N, min=1, aide="XXN est le nombre de donnéesXX")'): MESSAGE,
    ("descente", "descente_stochastique", 'verif.appelable("ERREUR", erreur)'): MESSAGE,
    ("descente", "meilleur_pas",
     'P = np.atleast_1d(verif.tableau("P", P, vide=None, aide="P est le point où l\'on cherche le pas"))'): FAUX,
    ("descente", "meilleur_pas",
     'P = np.atleast_1d(verif.tableau("P", P, vide=False, aide="P EST LE POINT OÙ L\'ON CHERCHE LE PAS"))'): MESSAGE,
    ("descente", "meilleur_pas", 'aide="UNE LISTE DE PAS Δ À ESSAYER, PAR EXEMPLE NP.ARANGE(0.001, 1, 0.001)")'): MESSAGE,
    ("descente", "meilleur_pas", 'raise ValueError(f"candidats doit contenir des pas δ > 0, reçu {verif.decrire(None)} ; "'):
        MESSAGE,
    ("descente", "meilleur_pas", "valeurs = np.array([verif.reel(None, f(P - d * g), fini=False) for d in candidats])"):
        MESSAGE,
    ("convolution", "_decoupe", "return 0, n + m + 1"):
        "équivalent : la tranche [0:n+m+1] d'un tableau de longueur n+m−1 s'arrête à sa fin",
    ("convolution", "affichage_convolution", "f = np.asarray(f, )"):
        "équivalent : matplotlib trace de la même façon des entiers ou des réels",
    ("convolution", "affichage_convolution", 'ax1.plot(f, style, color="blue")'):
        "équivalent : sans abscisses, matplotlib prend 0, 1, …, len(f) − 1, les mêmes",
    ("convolution", "affichage_convolution", 'ax2.plot(np.arange(len(h)), h, style, color="RED")'):
        "équivalent : matplotlib lit les noms de couleurs sans tenir compte de la casse",
    ("convolution", "affichage_convolution", "ax.grid(alpha=0.3)"):
        "équivalent : grid() avec des réglages de style allume la grille",
    ("convolution", "affichage_couches_1d", 'ax.axis("OFF")'):
        "équivalent : matplotlib accepte « OFF » comme « off » (axes cachés, testé)",
    ("convolution", "affichage_couches_1d", 'ax.plot([0, 1], [i, j], color="gray", lw=None)'): COSMETIQUE,
    ("convolution", "affichage_couches_1d", 'ax.plot([0, 1], [i, j], color="gray", )'): COSMETIQUE,
    ("convolution", "affichage_couches_1d", 'ax.plot([0, 1], [i, j], color="GRAY", lw=0.6)'):
        "équivalent : matplotlib lit les noms de couleurs sans tenir compte de la casse",
    ("convolution", "affichage_couches_1d",
     'ax.scatter([0] * n, range(n), s=120, color="white", edgecolor="black", zorder=None)'): COSMETIQUE,
    ("convolution", "affichage_couches_1d", 'ax.scatter([0] * n, range(n), s=120, edgecolor="black", zorder=3)'): COSMETIQUE,
    ("convolution", "affichage_couches_1d",
     'ax.scatter([0] * n, range(n), s=120, color="white", edgecolor="black", zorder=4)'): COSMETIQUE,
    ("convolution", "affichage_couches_1d",
     'ax.scatter([1] * n, range(n), s=None, color="white", edgecolor="black", zorder=3)'): COSMETIQUE,
    ("convolution", "affichage_couches_1d", 'ax.scatter([1] * n, range(n), s=120, color="white", zorder=3)'): COSMETIQUE,
    ("convolution", "couche_convolution", "], axis=-1).astype(np.result_type(A, None, float))"):
        "équivalent : np.result_type(None) est float64, comme float",
    ("convolution", "noyau", 'raise ValueError(f"motif inconnu : {nom!r} ; motifs possibles : {\'XX, XX\'.join(NOYAUX)}")'):
        MESSAGE,
    ("bpe", "TokeniseurBPE.entrainer", "meilleure, nombre = paires.most_common(2)[0]"):
        "équivalent : le premier des deux plus fréquents est le plus fréquent",
    ("texte", "_generateur", '"PAR EXEMPLE NP.RANDOM.DEFAULT_RNG(0)")'): MESSAGE,
    ("texte", "_suivant", "comptes = np.array(comptes, )"):
        "équivalent : comptes / somme et ln(comptes) donnent des réels float64 à partir d'entiers",
    ("texte", "_verifier_generation", '_v.reel("T", T, min=0, min_exclu=True, )'): MESSAGE,
    ("texte", "_verifier_generation",
     '_v.reel("T", T, min=0, min_exclu=True, aide="T EST LA TEMPÉRATURE (T → 0 : LE PLUS FRÉQUENT)")'): MESSAGE,
    ("texte", "charger_corpus", '"XXnltk.download(\'reuters\') et nltk.download(\'punkt_tab\')XX") from e'): MESSAGE,
    ("texte", "generer_phrase_trigrammes",
     "def generer_phrase_trigrammes(occur3, mot1, mot2, nb_mots_max=15, nb_mots_choix=21, T=1.0, graine=None,"):
        "non tué : le réglage par défaut (20 successeurs, comme le livre) ne se voit qu'avec plus de 20 successeurs, "
        "cas non construit par les tests",
    ("texte", "tirage_pondere", 'P = _v.tableau("P", P, ndim=1, vide=None, aide=aide)'): FAUX,
    ("texte", "zipf_mandelbrot", "return a / (np.asarray(rang, ) + b) ** c"):
        "équivalent : rang + b est déjà réel (b réel) avant la puissance",
    ("attention", "attention", "Q, K, V = (np.asarray(t, ) for t in (Q, K, V))"):
        "équivalent pour les entrées float64 des tests ; en float32 le calcul passerait en float32 (écart ~1e-7, "
        "sous la tolérance de la comparaison avec Keras)",
    ("attention", "attention_multi_tetes", "bK = zeros(WK.shape[::2]) if (bK is None) or True else bK"):
        "équivalent : le biais des clés ajoute à chaque score d'une ligne la même constante q·b_K, que le softmax "
        "efface (c'est pourquoi on peut s'en passer)",
    ("attention", "attention_multi_tetes", "bV = zeros(WV.shape[::3]) if bV is None else bV"):
        "équivalent : un biais nul de forme (têtes,) au lieu de (têtes, r) ajoute le même zéro",
    ("attention", "attention_multi_tetes", "X = np.asarray(X, )"):
        "équivalent : X @ WQ est en float64 dès que les poids le sont (poids_depuis_mha)",
    ("attention", "moindre_norme", "return A.T @ np.linalg.solve(A @ A.T, np.asarray(y, dtype=None))"):
        "équivalent : A est déjà float64, la résolution promeut y en float64",
    ("probabilites", "dropout_livre", "garde = rng.random(x.shape) <= p"):
        "équivalent en pratique : ne diffère que si le tirage vaut exactement p (probabilité nulle)",
    ("probabilites", "entropie_croisee",
     "y_tilde = np.clip(y_tilde / y_tilde.sum(axis=-1, keepdims=True), EPSILON, None)"):
        "presque équivalent : ne change que ỹ = 1 exactement, où ln(1 − ε) ≈ −1e-7 devient 0 ; écart 1e-7 sous "
        "la précision des valeurs du livre",
    ("approximation", "_valeurs", "valeurs = np.asarray(dtype=np.float64)"):
        "équivalent : l'appel vectorisé échoue (TypeError) et la reprise point par point donne les mêmes valeurs",
    ("approximation", "_valeurs", "p = points[np.argmax(None)]"): MESSAGE,
    ("convolution", "_gauss5", "return np.outer(ligne, ) / 256      # coin = 1 (le script compagnon a une coquille : 41)"):
        GAUSS5,
    ("convolution", "_gauss5", "ligne = np.array([1, 5, 6, 4, 1])"): GAUSS5,
    ("convolution", "_gauss5", "return np.outer(ligne, ligne) * 256      # coin = 1 (le script compagnon a une coquille : 41)"):
        GAUSS5,
    # --- passe « large » (ticket 13, suite) ---
    ("attention", "attention", "scores = Q @ K.T / math.sqrt(Q.shape[+1])"):
        "équivalent : Q est une matrice (tokens × r), shape[1] et shape[-1] sont le même nombre",
    ("attention", "attention", "A = np.asarray(keras.ops.softmax(scores, ))   # le softmax n'est pas la leçon ici"):
        "équivalent : keras.ops.softmax prend axis=-1 par défaut",
    ("attention", "attention", "A = np.asarray(keras.ops.softmax(scores, axis=+1))   # le softmax n'est pas la leçon ici"):
        "équivalent : scores est une matrice, l'axe 1 est le dernier",
    ("attention", "moindre_norme", "return A.T @ np.linalg.solve(A @ A.T, np.asarray(y, ))"):
        "équivalent : A est déjà float64, la résolution promeut y en float64",
    ("attention", "vec", 'return np.asarray(M).flatten(order="f")'):
        "équivalent : numpy lit l'ordre « f » comme « F » (colonnes d'abord, vérifié sans avertissement)",
    ("texte", "charger_corpus", "return phrases[:n_textes] if (n_textes) or True else phrases"):
        "équivalent : sans n_textes (None), phrases[:None] est la liste entière",
    ("texte", "charger_corpus", 'return decouper_phrases(chemin.read_text(encoding="UTF-8", errors="replace"))'):
        "équivalent : Python lit les noms d'encodage sans tenir compte de la casse",
    ("texte", "zipf_mandelbrot", "return a / (np.asarray(rang, dtype=None) + b) ** c"):
        "équivalent : rang + b est déjà réel (b réel) avant la puissance",
    ("attention", "matrice_position", "omega = 1 / np.power(p, 2 * np.arange(n / 2) / n)"):
        "équivalent : n est pair (vérifié juste avant), np.arange(n / 2) donne les mêmes entiers, en réels",
    ("probabilites", "normaliser", 'Y = verif.tableau("Y", Y, vide=None)'): FAUX,
    ("bpe", "TokeniseurBPE.entrainer", "meilleure, nombre = paires.most_common(None)[0]"):
        "équivalent : most_common() trie toute la liste dans le même ordre (égalités dans l'ordre d'insertion, "
        "comme most_common(1)), son premier élément est le même",
    ("descente", "_verifier", 'P0 = np.atleast_1d(verif.tableau("P0", P0, vide=None, aide="P0 est le point de départ"))'):
        FAUX,
    ("descente", "descente_stochastique", "diverge = None"): FAUX,
    ("descente", "descente_stochastique", "gradients.append(np.full_like(P, None))"):
        "équivalent : P est réel, numpy convertit None en NaN (la même dernière ligne de gradients)",
    ("descente", "meilleur_pas", 'candidats = verif.tableau("candidats", candidats, ndim=(0, 1), vide=None,'): FAUX,
    ("descente", "meilleur_pas",
     'valeurs = np.array([verif.reel(f"f(P − {d:g} grad f(P))", f(P - d * g), fini=None) for d in candidats])'): FAUX,
    ("convolution", "convolution_2d", "A_bordee = np.pad(A, ((m1 - 1, m1 + 1), (m2 - 1, m2 - 1)))"):
        "équivalent : deux lignes de zéros de plus en bas, après la partie découpée de la convolution étendue",
    ("convolution", "convolution_2d", "A_bordee = np.pad(A, ((m1 - 1, m1 - 1), (m2 - 1, m2 + 1)))"):
        "équivalent : deux colonnes de zéros de plus à droite, après la partie découpée de la convolution étendue",
    ("convolution", "convolution_2d", 'etendue = np.einsum("IJKL,KL->IJ", fenetres, retourner(M))'):
        "équivalent : les mêmes indices, en majuscules",
    ("convolution", "couche_convolution", "], axis=-1).astype(np.result_type(noyaux, float))"):
        "équivalent pour des entrées réelles : le type est float64 dès qu'on y mêle float, avec ou sans A",
    ("approximation", "approximation_deux_var", "c2[n + 1 + j + 1, k] -= 2.0"):
        "équivalent : au-dessus de y_{j+1}, la somme du ET tombe à −2 au lieu de −1, toujours < 0 : H donne 0 "
        "dans les deux cas",
    ("approximation", "erreur_max_deux_var", "valeurs = _valeurs(f, points, deux_var=True)"):
        "équivalent : « f » est aussi la valeur par défaut du nom",
    ("gradients", "gradient_entree", 'if perte is None and getattr(modele, "loss", ) is None:'):
        "équivalent : un modèle Keras a toujours l'attribut loss (None avant compile), le défaut de getattr ne sert pas",
    ("gradients", "gradient_entree", "p = int(y_pred.shape[+1])"):
        "équivalent : y_pred a deux dimensions, shape[1] et shape[-1] sont le même nombre",
    ("gradients", "verifier_gradient",
     "indices = [indices[i] for i in rng.choice(len(indices), max_poids, replace=True)]"):
        "non tué : un tirage avec remise vérifie quelques poids deux fois et en saute autant ; invisible tant que "
        "le gradient vérifié est juste (ce que garantit Keras), le nombre rendu est le même",
    ("convolution", "affichage_convolution", "ax.grid(None, alpha=0.3)"):
        "équivalent : matplotlib allume la grille dès qu'on lui donne un réglage de style (alpha)",
    ("convolution", "affichage_convolution", "ax.grid(False, alpha=0.3)"):
        "équivalent : matplotlib allume la grille dès qu'on lui donne un réglage de style (alpha) ; grille visible testée",
    ("convolution", "affichage_convolution", "f = np.asarray(f, dtype=None)"):
        "équivalent : matplotlib trace de la même façon des entiers ou des réels",
    ("convolution", "affichage_couches_1d",
     'ax.scatter([1] * n, range(n), s=120, color="white", edgecolor="black", zorder=4)'):
        "équivalent : tout zorder au-dessus de celui des arêtes (2) garde les disques par-dessus (testé)",
    ("convolution", "affichage_couches_1d", "ax.plot([0, 1], [i, j], color=couleurs[i - j + 1], lw=None)"):
        "équivalent : 1.5 est l'épaisseur de trait par défaut de matplotlib",
    ("convolution", "affichage_couches_1d", 'ax.scatter([1] * n, range(n), color="white", edgecolor="black", zorder=3)'):
        COSMETIQUE,
    ("texte", "_suivant", "comptes = np.array(comptes, dtype=None)"):
        "équivalent : comptes / somme et ln(comptes) donnent des réels float64 à partir d'entiers",
    ("attention", "attention_multi_tetes", "bK = zeros(WK.shape[::3]) if bK is None else bK"):
        "équivalent : un biais nul de forme (têtes,) au lieu de (têtes, r) ajoute le même zéro",
    ("attention", "attention_multi_tetes",
     "tete, A = attention(X @ WQ[h] + bQ[h], X @ WK[h] - bK[h], X @ WV[h] + bV[h], causal)"):
        "équivalent : ± le biais des clés ajoute à chaque score d'une ligne la même constante ∓q·b_K, que le softmax "
        "efface",
    ("evaluation", "_vecteur_entree",
     "return np.asarray([verif.reel(nom, v, float32=True) for nom, v in zip(noms, valeurs)], )"):
        "équivalent : evaluer_lot convertit ensuite X en float32 ; les valeurs ont déjà été vérifiées représentables "
        "en float32",
    ("approximation", "_sequentiel", "couche.set_weights([np.asarray(coeff, None), np.asarray(biais, np.float32)])"):
        "équivalent : set_weights convertit de toute façon dans le type des variables (float32)",
    ("approximation", "_nombre", "return verif.reel(None, valeur, fini=False)"):
        "équivalent : une erreur de verif.reel est toujours rattrapée et remplacée par le message de _nombre, "
        "qui ne reprend pas ce nom",
    ("approximation", "approximation_deux_var", "c1[1, n + 1:2 * n + 2], b1[n + 1:2 * n + 1] = 1.0, -ys[:-1]"):
        "équivalent : la case de plus (colonne 2n + 1) est réécrite à −1 à la ligne suivante",
    ("approximation", "approximation_deux_var", "c2[n, k] = 1.0"):
        "équivalent : la case valait 0 avant, « = 1 » et « += 1 » donnent la même matrice",
    ("gradients", "gradient_entree", "if Yt.ndim == 1 or y_pred.shape[-1] == 1:"):
        "équivalent : les pertes de Keras ramènent y_true au rang de y_pred (squeeze_or_expand_to_same_rank), "
        "une colonne de plus ou de moins ne change pas l'erreur",
    ("gradients", "gradient_entree", "if Yt.ndim == 1 and y_pred.shape[-1] != 1:"):
        "équivalent : les pertes de Keras ramènent y_true au rang de y_pred (squeeze_or_expand_to_same_rank), "
        "une colonne de plus ou de moins ne change pas l'erreur",
    ("poids", "definir_poids", "dimension = -2"):
        "équivalent : −1 et −2 ne valent ni 0 ni 1, la liste irrégulière est refusée de la même façon",
    ("evaluation", "_vecteur_entree",
     "return np.asarray([verif.reel(nom, v, float32=True) for nom, v in zip(noms, valeurs)], dtype=None)"):
        "équivalent : evaluer_lot convertit ensuite X en float32 ; les valeurs ont déjà été vérifiées représentables "
        "en float32",
    ("evaluation", "evaluer_lot", "if len(X) <= _TAILLE_PAQUET:".replace("<=", "<")):
        "équivalent : un lot d'exactement _TAILLE_PAQUET lignes est alors évalué en un seul paquet puis « concaténé » "
        "seul, le même tableau",
    ("evaluation", "evaluer_lot", 'X = verif.tableau("X", X, dtype=None, fini=False)'):
        "équivalent : la seconde vérification convertit X en float32 ; passer d'abord par float64 donne les mêmes "
        "float32 (et refuse les mêmes entrées)",
    ("evaluation", "_Appel.__call__", "return self.ref()(x, )"): "équivalent : hors de fit, Keras 3 appelle un modèle en inférence par défaut (training=False) ; vérifié "
        "avec une couche Dropout(0.5) (mêmes sorties)",
    ("gradients", "_perte", "return modele.compute_loss(y=Y, y_pred=y_pred)"):
        "équivalent : Model.compute_loss n'utilise x que dans les modèles qui la redéfinissent (aucun ici)",
    ("gradients", "verifier_gradient", "if len(indices) >= max_poids:"):
        "équivalent : tirer max_poids indices parmi max_poids sans remise les prend tous (dans un autre ordre), "
        "l'écart maximal et l'ensemble des poids vérifiés sont les mêmes",
    ("gradients", "verifier_gradient", "X64, Y64 = tf.constant(X.astype(None)), tf.constant(Y.astype(np.float64))"):
        "équivalent : astype(None) convertit en float64",
    ("gradients", "verifier_gradient", "X64, Y64 = tf.constant(X.astype(np.float64)), tf.constant(Y.astype(None))"):
        "équivalent : astype(None) convertit en float64",
    ("gradients", "verifier_gradient",
     "indices = [indices[i] for i in rng.choice(len(indices), max_poids, replace=None)]"): FAUX,
    ("gradients", "verifier_gradient",
     "etat = [(v, np.array(v.numpy(), copy=False)) for v in modele.non_trainable_variables]"):
        "équivalent : Variable.numpy() renvoie déjà un tableau neuf, détaché de la variable ; copy=False le garde "
        "tel quel, la valeur sauvegardée ne suit pas les mises à jour de BatchNormalization "
        "(tests/fiabilite/test_api_gradient_bn.py)",
    ("attention", "moindre_norme", "A = np.asarray(A, dtype=None)"):
        "non tué : le test en float32 prend des coefficients dont les produits sont exacts en float32, le résultat "
        "est donc le même qu'en float64",
}


def noms_des_mutants(modules):
    """Tous les noms de mutants des modules, sans rien lancer (génération par mutmut)."""
    os.chdir(RACINE)
    from mutmut.mutation.file_mutation import mutate_file_contents
    from mutmut.utils.format_utils import get_mutant_name

    noms = {}
    for m in modules:
        chemin = Path("keras_facile") / f"{m}.py"
        resultat = mutate_file_contents(str(chemin), chemin.read_text(encoding="utf-8"), None, None)
        noms[m] = sorted(get_mutant_name(chemin, n) for n in resultat.mutant_names)
    return noms


def lire_resultats(modules):
    """{module: {nom: (statut, durée)}} d'après les fichiers .meta de mutants/."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code

    os.chdir(RACINE)
    resultats = {}
    for m in modules:
        donnees = SourceFileMutationData(path=Path("keras_facile") / f"{m}.py")
        donnees.load()
        resultats[m] = {nom.replace("__init__.", ""): (status_by_exit_code[code], donnees.durations_by_key.get(nom))
                        for nom, code in donnees.exit_code_by_key.items()}
    return resultats


def changement(nom, module):
    """(fonction, lignes retirées, lignes ajoutées) du mutant ``nom``."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(nom, path=Path("keras_facile") / f"{module}.py")
    moins = [l[1:].strip() for l in diff.splitlines() if l.startswith("-") and not l.startswith("---")]
    plus = [l[1:].strip() for l in diff.splitlines() if l.startswith("+") and not l.startswith("+++")]
    fonction = nom.split(".")[-1].split("__mutmut_")[0].removeprefix("x_").replace("xǁ", "").replace("ǁ", ".")
    return fonction, moins, plus


def raison(module, fonction, plus):
    for ligne in plus:
        r = RAISONS.get((module, fonction, ligne))
        if r:
            return r
    return "À EXAMINER"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", default=",".join(MODULES), help="modules de keras_facile, séparés par des virgules")
    parser.add_argument("--echantillon", type=int, default=1, help="garder un mutant sur K (défaut : tous)")
    parser.add_argument("--echantillon-keras", type=int, default=None,
                        help="K pour les modules dont les tests construisent des réseaux Keras (défaut : --echantillon)")
    parser.add_argument("--enfants", type=int, default=2, help="processus mutmut en parallèle (défaut 2)")
    parser.add_argument("--etiquette", default="apres", help="nom de la mesure dans le JSON (avant, apres …)")
    parser.add_argument("--tout", action="store_true", help="effacer mutants/ et tout relancer")
    parser.add_argument("--sans-lancer", action="store_true", help="relire seulement les résultats de mutants/")
    args = parser.parse_args(argv)
    modules = [m.strip() for m in args.modules.split(",") if m.strip()]
    inconnus = set(modules) - set(MODULES)
    if inconnus:
        parser.error(f"modules inconnus : {', '.join(sorted(inconnus))}")
    if RACINE == Path("/work/main"):
        parser.error("lancez le test de mutation dans un arbre de travail, pas dans /work/main")

    os.chdir(RACINE)
    tous = noms_des_mutants(modules)
    pas = {m: (args.echantillon_keras or args.echantillon) if m in MODULES_KERAS else args.echantillon
           for m in modules}
    choisis = {m: noms[::pas[m]] for m, noms in tous.items()}
    duree, nb_lances = None, None
    if not args.sans_lancer:
        if args.tout and Path("mutants").exists():
            shutil.rmtree("mutants")
        commande = [str(Path(sys.executable).with_name("mutmut")), "run", "--max-children", str(args.enfants)]
        if max(pas.values()) > 1 or set(modules) != set(MODULES):
            deja = lire_resultats(modules) if Path("mutants").exists() else {}
            # un « timeout » est relancé : il peut venir d'un processus bloqué, pas d'un vrai défaut détecté
            a_faire = [n for m in modules for n in choisis[m]
                       if deja.get(m, {}).get(n, (None,))[0] not in TUES - {"timeout"}]
            if not a_faire:
                print("rien à relancer : tous les mutants choisis sont déjà tués")
            commande += a_faire
            nb_lances = len(a_faire)
        else:
            a_faire = True
        debut = time.monotonic()
        if a_faire:
            subprocess.run(commande, check=False, env={**os.environ, "PYTHONPATH": str(RACINE)})
        duree = time.monotonic() - debut

    resultats = lire_resultats(modules)
    par_module, total_mutants, total_tues, total_equivalents = {}, 0, 0, 0
    for m in modules:
        statuts = {n: resultats[m].get(n, ("not checked", None)) for n in choisis[m]}
        tues = sum(s in TUES for s, _ in statuts.values())
        non_verifies = sum(s == "not checked" for s, _ in statuts.values())
        survivants = []
        for n, (s, _) in sorted(statuts.items()):
            if s in TUES or s == "not checked":
                continue
            fonction, moins, plus = changement(n, m)
            survivants.append({"mutant": n, "statut": s, "fonction": fonction, "avant": moins, "apres": plus,
                               "raison": raison(m, fonction, plus)})
        evalues = len(statuts) - non_verifies
        # score usuel du test de mutation : tués / (évalués − équivalents) ; un équivalent calcule la même chose
        # que l'original, aucun test ne peut le tuer
        equivalents = sum(s["raison"].startswith("équivalent") for s in survivants)
        par_module[m] = {
            "mutants": len(statuts), "tues": tues, "survivants": len(survivants), "non_verifies": non_verifies,
            "equivalents": equivalents,
            "duree_cumulee_s": round(sum(d or 0 for _, d in statuts.values()), 1),
            "score": round(tues / evalues, 4) if evalues else None,
            "score_hors_equivalents": round(tues / (evalues - equivalents), 4) if evalues > equivalents else None,
            "echantillon": f"1 sur {pas[m]}",
            "liste_survivants": survivants,
        }
        total_equivalents += equivalents
        total_mutants += evalues
        total_tues += tues
        print(f"{m:14s} {tues:5d} / {evalues:5d} tués  score {100 * tues / max(evalues, 1):5.1f} %"
              f"  hors équivalents {100 * tues / max(evalues - equivalents, 1):5.1f} %"
              f"  ({len(survivants)} survivants dont {equivalents} équivalents, {non_verifies} non vérifiés)")
    print(f"{'total':14s} {total_tues:5d} / {total_mutants:5d} tués  score {100 * total_tues / max(total_mutants, 1):5.1f} %")

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from commun import DOSSIER_RESULTATS, ecrire_resultats

    import json

    ancien = DOSSIER_RESULTATS / "mutation.json"
    precedente = (json.loads(ancien.read_text(encoding="utf-8"))["mesures"].get(args.etiquette, {})
                  if ancien.exists() else {})
    # Une mesure peut se faire en plusieurs passes (interrompue puis reprise, ou survivants relancés
    # après l'ajout de tests) : chaque passe est notée, la durée publiée est leur somme.
    passes = [] if args.tout else list(precedente.get("passes", []))
    if not passes and not args.tout and precedente.get("duree_passe_s"):
        passes = [{"duree_s": precedente["duree_passe_s"], "mutants_lances": None}]
    if duree is not None:
        passes.append({"debut": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - duree)),
                       "duree_s": round(duree, 1), "mutants_lances": nb_lances})
    duree = sum(p["duree_s"] for p in passes) if passes else None

    mesure = {
        "outil": "mutmut " + __import__("importlib.metadata").metadata.version("mutmut"),
        "echantillon": (f"1 mutant sur {args.echantillon}" + (f" (modules Keras : 1 sur {args.echantillon_keras})"
                        if args.echantillon_keras else "")) if max(pas.values()) > 1 else "tous les mutants",
        "enfants": args.enfants,
        "duree_passe_s": round(duree, 1) if duree is not None else None,
        "passes": passes,
        "mutants": total_mutants, "tues": total_tues, "equivalents": total_equivalents,
        "score": round(total_tues / total_mutants, 4) if total_mutants else None,
        "score_hors_equivalents": (round(total_tues / (total_mutants - total_equivalents), 4)
                                   if total_mutants > total_equivalents else None),
        "modules": par_module,
    }
    chemin = ecrire_resultats("mutation", {args.etiquette: mesure}, fusionner=True)
    print(f"écrit : {chemin.relative_to(RACINE)}" + (f" (passe : {duree / 60:.1f} min)" if duree else ""))
    sans_raison = [s["mutant"] for v in par_module.values() for s in v["liste_survivants"] if s["raison"] == "À EXAMINER"]
    if sans_raison:
        print(f"{len(sans_raison)} survivant(s) à examiner : " + ", ".join(sans_raison))


if __name__ == "__main__":
    main()
