"""Comparer une mesure à la valeur imprimée dans le livre, sur une ligne au format commun.

Une valeur du livre est écrite avec un certain nombre de décimales : la mesure
s'accorde avec elle si, arrondie *ou tronquée* à ces décimales (le livre fait l'un
ou l'autre), elle lui est égale ; un entier du livre demande l'égalité ; une
écriture scientifique (``"1e-5"``), trois chiffres significatifs ; ``tol`` impose
un écart maximal. Les listes et tableaux se comparent élément par élément.

>>> accord(0.9525741, "0.952"), accord(0.9525741, "0.953"), accord(0.9525741, "0.951")
(True, True, False)
>>> accord(2.0, 2), accord(2.001, 2), accord([1.0, 0.50004], [1, 0.5])
(True, False, True)
>>> texte_valeur(0.123031831), texte_valeur((1, 1)), texte_valeur([2.0, 1.5])
('0.123032', '(1, 1)', '[2. , 1.5]')
"""

from __future__ import annotations

import math
import numbers
import re

__all__ = ["accord", "texte_valeur"]



def _decimales(texte: str) -> int | None:
    """Nombre de décimales d'un nombre écrit (``"0.952"`` → 3), None si écriture scientifique."""
    texte = texte.strip()
    if "e" in texte.lower() or "inf" in texte.lower() or "nan" in texte.lower():
        return None
    return len(texte.split(".")[1]) if "." in texte else 0


def _scalaire(v) -> bool:
    return isinstance(v, numbers.Number) and not isinstance(v, bool) or (
        hasattr(v, "shape") and getattr(v, "shape", None) == () and not isinstance(getattr(v, "dtype", None), str))


def _accord_scalaire(mesure, livre, tol) -> bool:
    m = float(mesure)
    if isinstance(livre, str):
        texte, l = livre, float(livre.replace(" ", "").replace(",", "."))
    else:
        l = float(livre)
        texte = repr(livre) if isinstance(livre, float) else str(livre)
    if not (math.isfinite(m) and math.isfinite(l)):
        return m == l or (math.isnan(m) and math.isnan(l))
    if tol is not None:
        return abs(m - l) <= tol
    d = _decimales(texte)
    if d is None:  # écriture scientifique : 3 chiffres significatifs
        return abs(m - l) <= 5e-3 * abs(l)
    if isinstance(livre, numbers.Integral) or d == 0 and not isinstance(livre, float):
        return abs(m - l) <= 1e-6 * max(1.0, abs(l))
    unite = 10.0 ** -d
    arrondi = abs(m - l) <= unite / 2 * (1 + 1e-9)
    tronque = abs(math.trunc(m / unite) * unite - l) <= unite * 1e-6
    return arrondi or tronque


def accord(mesure, livre, tol=None) -> bool:
    """Vrai si ``mesure`` s'accorde avec la valeur ``livre`` (voir le module)."""
    import numpy as np

    if isinstance(livre, str) and not re.fullmatch(r"\s*[-+]?[\d ]*[.,]?\d*(e[-+]?\d+)?\s*", livre, re.I):
        return str(mesure) == livre
    if _scalaire(livre) or isinstance(livre, str):
        if not _scalaire(mesure) and not isinstance(mesure, str):
            return False
        try:
            return _accord_scalaire(mesure, livre, tol)
        except (TypeError, ValueError):
            return False
    if isinstance(livre, (list, tuple)) or hasattr(livre, "shape"):
        try:
            m = np.asarray(mesure, dtype=float)
            l_plat = list(np.asarray(livre, dtype=object).ravel())
        except (TypeError, ValueError):
            return mesure == livre
        if m.size != len(l_plat) or np.shape(mesure) != np.shape(np.asarray(livre, dtype=object)):
            return False
        return all(_accord_scalaire(a, b, tol) for a, b in zip(m.ravel(), l_plat))
    return mesure == livre


def texte_valeur(v) -> str:
    """La mesure écrite pour une ligne de comparaison (6 chiffres significatifs)."""
    import numpy as np

    if isinstance(v, bool) or v is None:
        return str(v)
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, (list, tuple)) and all(isinstance(x, numbers.Integral) and not isinstance(x, bool) for x in v):
        return str(tuple(int(x) for x in v)) if isinstance(v, tuple) else str([int(x) for x in v])
    if _scalaire(v):
        return f"{float(v):.6g}"
    if isinstance(v, (list, tuple)) or hasattr(v, "shape"):
        try:
            tableau = np.asarray(v, dtype=float)
            return np.array2string(tableau, precision=6, separator=", ", max_line_width=200, threshold=12)
        except (TypeError, ValueError):
            pass
    return str(v)
