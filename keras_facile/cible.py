"""La fonction cible de l'atelier : une expression en ``x`` (et ``y``) écrite par l'élève.

La cible est une expression en ``x`` (et ``y``) : nombres, ``+ - * / **`` (ou
``^``), parenthèses, ``pi``, ``e`` et les fonctions de ``FONCTIONS``. Elle n'est
jamais passée à ``eval`` : Python la lit avec :mod:`ast` en n'acceptant que ces
éléments, la page avec son propre petit analyseur.

>>> f = fonction_cible("x**2 + sin(pi*y)", 2)
>>> float(f(3.0, 0.5))
10.0
>>> fonction_cible("__import__('os')", 1)
Traceback (most recent call last):
    ...
ValueError: cible doit être une expression en x (nombres, + - * / **, parenthèses, pi, e et les fonctions abs, arctan, atan, cos, exp, floor, heaviside, log, max, min, relu, sigmoid, sign, sin, sqrt, tan, tanh), reçu "__import__('os')" : nom inconnu « __import__ »
"""
from __future__ import annotations

import ast

import numpy as np

from . import verifications as verif

__all__ = ["fonction_cible", "FONCTIONS"]


def _sigmoide(z):
    return 1.0 / (1.0 + np.exp(-z))


# nom → (fonction numpy, nombre d'arguments) ; la page a la même liste (_JS, FONCTIONS)
FONCTIONS = {
    "sin": (np.sin, 1), "cos": (np.cos, 1), "tan": (np.tan, 1), "exp": (np.exp, 1), "log": (np.log, 1),
    "sqrt": (np.sqrt, 1), "abs": (np.abs, 1), "tanh": (np.tanh, 1), "atan": (np.arctan, 1),
    "arctan": (np.arctan, 1), "floor": (np.floor, 1), "sign": (np.sign, 1),
    "heaviside": (lambda z: np.where(z >= 0, 1.0, 0.0), 1), "relu": (lambda z: np.maximum(z, 0.0), 1),
    "sigmoid": (_sigmoide, 1), "min": (np.minimum, 2), "max": (np.maximum, 2),
}
_CONSTANTES = {"pi": np.pi, "e": np.e}
_OPERATIONS = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide,
               ast.Pow: np.power}


def _variables(entrees: int) -> tuple[str, ...]:
    return ("x",) if entrees == 1 else ("x", "y")


def _analyser(texte, entrees: int) -> ast.AST:
    """L'arbre de l'expression, après avoir vérifié qu'il ne contient que ce qui est permis."""
    if not isinstance(texte, str):
        raise TypeError(f"cible doit être une expression en texte, comme \"sin(x)\", reçu {verif.decrire(texte)}")
    variables = _variables(entrees)
    attendu = (f"cible doit être une expression en {' et '.join(variables)} (nombres, + - * / **, parenthèses, "
               f"pi, e et les fonctions {', '.join(sorted(FONCTIONS))}), reçu {texte!r}")
    if len(texte) > 500:
        raise ValueError(f"{attendu[:attendu.index(', reçu')]}, reçu un texte de {len(texte)} caractères (500 au plus)")
    try:
        arbre = ast.parse(texte.replace("^", "**").strip(), mode="eval")
    except SyntaxError as erreur:
        raise ValueError(f"{attendu} : syntaxe incorrecte ({erreur.msg})") from None

    def verifier(noeud):
        if isinstance(noeud, ast.Expression):
            return verifier(noeud.body)
        if isinstance(noeud, ast.Constant) and type(noeud.value) in (int, float):
            return
        if isinstance(noeud, ast.Name):
            if noeud.id not in variables and noeud.id not in _CONSTANTES:
                raise ValueError(f"{attendu} : nom inconnu « {noeud.id} »")
            return
        if isinstance(noeud, ast.BinOp) and type(noeud.op) in _OPERATIONS:
            verifier(noeud.left)
            return verifier(noeud.right)
        if isinstance(noeud, ast.UnaryOp) and isinstance(noeud.op, (ast.USub, ast.UAdd)):
            return verifier(noeud.operand)
        if isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Name):
            if noeud.func.id not in FONCTIONS:
                raise ValueError(f"{attendu} : nom inconnu « {noeud.func.id} »")
            arite = FONCTIONS[noeud.func.id][1]
            if noeud.keywords or len(noeud.args) != arite:
                raise ValueError(f"{attendu} : {noeud.func.id} prend {arite} argument(s)")
            for a in noeud.args:
                verifier(a)
            return
        morceau = ast.get_source_segment(texte.replace("^", "**"), noeud) or type(noeud).__name__
        raise ValueError(f"{attendu} : « {morceau} » n'est pas permis")

    verifier(arbre)
    return arbre.body


def _calculer(noeud, valeurs):
    if isinstance(noeud, ast.Constant):
        return float(noeud.value)
    if isinstance(noeud, ast.Name):
        return valeurs[noeud.id] if noeud.id in valeurs else _CONSTANTES[noeud.id]
    if isinstance(noeud, ast.BinOp):
        return _OPERATIONS[type(noeud.op)](_calculer(noeud.left, valeurs), _calculer(noeud.right, valeurs))
    if isinstance(noeud, ast.UnaryOp):
        v = _calculer(noeud.operand, valeurs)
        return -v if isinstance(noeud.op, ast.USub) else v
    return FONCTIONS[noeud.func.id][0](*[_calculer(a, valeurs) for a in noeud.args])


def fonction_cible(texte: str, entrees: int = 1):
    """La fonction numpy de l'expression ``texte`` en ``x`` (``entrees=1``) ou en ``x, y`` (``entrees=2``).

    Rien n'est exécuté d'autre que les opérations et fonctions permises (``FONCTIONS``)."""
    entrees = verif.entier("entrees", entrees, min=1, max=2)
    arbre = _analyser(texte, entrees)
    variables = _variables(entrees)

    def f(*args):
        if len(args) != len(variables):
            raise TypeError(f"la cible {texte!r} prend {len(variables)} argument(s) ({', '.join(variables)}), "
                            f"reçu {len(args)}")
        with np.errstate(all="ignore"):
            resultat = _calculer(arbre, {v: np.asarray(a, dtype=np.float64) for v, a in zip(variables, args)})
        forme = np.broadcast_shapes(*(np.shape(a) for a in args))
        resultat = np.asarray(resultat, dtype=np.float64)
        return np.broadcast_to(resultat, forme).copy() if forme else np.float64(resultat)

    f.__name__ = "cible"
    f.__doc__ = texte
    return f
