"""Test de mutation (à la demande, pas en CI) des modules de calcul du livre, avec mutmut.

    python benchmarks/mutation.py                       # tous les mutants des 11 modules
    python benchmarks/mutation.py --echantillon 5       # un mutant sur 5 (ordre des noms), plus rapide
    python benchmarks/mutation.py --modules descente,bpe --etiquette essai

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
``apres`` …) : par module, mutants total / tués / survivants, durée cumulée des
mutants, score, et chaque survivant avec son changement et sa raison (table ``RAISONS``
ci-dessous ; un survivant sans raison connue est signalé « À EXAMINER »).
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
RAISONS: dict[tuple[str, str, str], str] = {}


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
    duree = None
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
        else:
            a_faire = True
        debut = time.monotonic()
        if a_faire:
            subprocess.run(commande, check=False, env={**os.environ, "PYTHONPATH": str(RACINE)})
        duree = time.monotonic() - debut

    resultats = lire_resultats(modules)
    par_module, total_mutants, total_tues = {}, 0, 0
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
        par_module[m] = {
            "mutants": len(statuts), "tues": tues, "survivants": len(survivants), "non_verifies": non_verifies,
            "duree_cumulee_s": round(sum(d or 0 for _, d in statuts.values()), 1),
            "score": round(tues / evalues, 4) if evalues else None, "echantillon": f"1 sur {pas[m]}",
            "liste_survivants": survivants,
        }
        total_mutants += evalues
        total_tues += tues
        print(f"{m:14s} {tues:5d} / {evalues:5d} tués  score {100 * tues / max(evalues, 1):5.1f} %"
              f"  ({len(survivants)} survivants, {non_verifies} non vérifiés)")
    print(f"{'total':14s} {total_tues:5d} / {total_mutants:5d} tués  score {100 * total_tues / max(total_mutants, 1):5.1f} %")

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from commun import ecrire_resultats

    mesure = {
        "outil": "mutmut " + __import__("importlib.metadata").metadata.version("mutmut"),
        "echantillon": (f"1 mutant sur {args.echantillon}" + (f" (modules Keras : 1 sur {args.echantillon_keras})"
                        if args.echantillon_keras else "")) if max(pas.values()) > 1 else "tous les mutants",
        "enfants": args.enfants,
        "duree_passe_s": round(duree, 1) if duree is not None else None,
        "mutants": total_mutants, "tues": total_tues,
        "score": round(total_tues / total_mutants, 4) if total_mutants else None,
        "modules": par_module,
    }
    chemin = ecrire_resultats("mutation", {args.etiquette: mesure}, fusionner=True)
    print(f"écrit : {chemin.relative_to(RACINE)}" + (f" (passe : {duree / 60:.1f} min)" if duree else ""))


if __name__ == "__main__":
    main()
