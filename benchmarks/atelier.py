"""Banc d'essai : le redessin de l'atelier (page web hors ligne) après un déplacement de curseur.

Dans Chromium sans écran (celui des tests, piloté par Selenium). La page garde les
sorties de chaque couche sur la grille et ne recalcule, après un curseur, que son
neurone et les couches suivantes : on mesure un curseur de la dernière couche et un
de la première (tout recalculé). Des déplacements d'un curseur (valeurs alternées),
chacun mesuré dans la page avec
``performance.now()`` depuis l'événement ``input`` jusqu'à la fin du redessin, lecture
d'un pixel du canvas comprise (ce qui force le dessin en attente). Médiane et p95 sur
5 séries de 100 déplacements, et ceux de la série la plus calme (la machine est partagée) ;
cible : moins d'une image (16 ms) pour une courbe de 1000 points et une carte 100 × 100.
Mesure aussi l'écart entre ``atelier.evaluer`` et ``modele.predict`` de Keras sur
2000 points tirés au hasard dans le domaine de chaque exemple.

    python benchmarks/atelier.py
"""
from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from pathlib import Path

import numpy as np

from keras_facile.approximation import approximation_deux_var
from keras_facile.atelier_page import ecrire_page
from keras_facile.exemples_atelier import EXEMPLES, modele_exemple

from commun import ecrire_resultats

DEPLACEMENTS = 100        # par série
SERIES = 5                # la machine est partagée : la série au p95 le plus bas montre le coût propre
POINTS_ECART = 2000

_MESURE = """
const [k, j, i, a, b, n] = arguments;
const r = document.querySelector(`input[type=range][data-couche='${k}'][data-neurone='${j}'][data-indice='${i}']`);
const canvas = document.querySelector('canvas'), ctx = canvas.getContext('2d');
const durees = [];
for (let q = 0; q < n + 5; q++) {
  r.value = (q % 2) ? a : b;
  const t0 = performance.now();
  r.dispatchEvent(new Event('input', {bubbles: true}));
  ctx.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1);
  if (q >= 5) durees.push(performance.now() - t0);      // 5 premiers : échauffement du JIT
}
return durees;
"""


def navigateur():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for drapeau in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,900", "--no-first-run", "--disable-background-networking"):
        options.add_argument(drapeau)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def centile(valeurs, p):
    return float(np.percentile(np.asarray(valeurs), p))


def main():
    dossier = Path(tempfile.mkdtemp(prefix="banc-atelier-"))
    gros = approximation_deux_var(lambda x, y: np.exp(-(x ** 2 + y ** 2) / 2), -2, 2, -2, 2, 8)
    pages = {
        # nom : (page, curseur déplacé (couche, neurone, indice), deux valeurs, description)
        "courbe_marches_5": (ecrire_page(dossier / "m.html", exemple="marches-5"), (1, 0, 2), (1.0, 4.0),
                             "courbe de 1000 points, escalier n = 5 (1 → 10 → 1, 31 poids) et sa cible"),
        "carte_secteur": (ecrire_page(dossier / "s.html", exemple="secteur", cible="heaviside(x)*heaviside(y)"),
                          (0, 0, -1), (0.5, -0.5),
                          "carte 100 × 100 + lignes de niveau, secteur (2 → 2 → 1) et sa cible (2 cartes)"),
        "carte_blocs_8x8": (ecrire_page(dossier / "g.html", modele=gros, xmin=-2.5, xmax=2.5,
                                        cible="exp(-(x**2 + y**2)/2)"),
                            (2, 0, 10), (0.1, 0.9),
                            f"carte 100 × 100 + lignes de niveau, blocs 8 × 8 du chapitre 5 "
                            f"(2 → 18 → 64 → 1, {gros.count_params()} poids) et sa cible (2 cartes), "
                            "curseur de la dernière couche (seule elle est recalculée)"),
        "carte_blocs_8x8_couche0": (dossier / "g.html", (0, 3, -1), (-0.5, -1.0),
                                    "la même, curseur de la première couche : tout le réseau est recalculé "
                                    "(le pire cas)"),
    }
    pilote = navigateur()
    mesures = {}
    try:
        for nom, (page, (k, j, i), (a, b), description) in pages.items():
            pilote.get(page.as_uri())
            series = [pilote.execute_script(_MESURE, k, j, i, a, b, DEPLACEMENTS) for _ in range(SERIES)]
            durees = [d for serie in series for d in serie]
            calme = min(series, key=lambda serie: centile(serie, 95))
            mesures[f"redessin_{nom}"] = {
                "description": description, "deplacements": len(durees),
                "mediane_ms": round(statistics.median(durees), 2), "p95_ms": round(centile(durees, 95), 2),
                "max_ms": round(max(durees), 2),
                "serie_la_plus_calme": {"deplacements": len(calme), "mediane_ms": round(statistics.median(calme), 2),
                                        "p95_ms": round(centile(calme, 95), 2)},
                "cible_ms": 16,
            }
            print(f"{nom:<24} médiane {statistics.median(durees):6.2f} ms   p95 {centile(durees, 95):6.2f} ms   "
                  f"({len(durees)} déplacements) ; série la plus calme : médiane "
                  f"{statistics.median(calme):.2f} ms, p95 {centile(calme, 95):.2f} ms — {description}")
        ecarts = {}
        rng = np.random.default_rng(0)
        for nom, ex in EXEMPLES.items():
            page = ecrire_page(dossier / f"{nom}.html", exemple=nom)
            pilote.get(page.as_uri())
            if ex.entrees == 1:
                points = rng.uniform(ex.xmin, ex.xmax, (POINTS_ECART, 1))
            else:
                points = np.c_[rng.uniform(ex.xmin, ex.xmax, POINTS_ECART), rng.uniform(ex.ymin, ex.ymax, POINTS_ECART)]
            js = np.array(pilote.execute_script("return arguments[0].map(p => atelier.evaluer(p))", points.tolist()))
            keras_ = modele_exemple(nom).predict(points.astype(np.float32), verbose=0)[:, 0]
            ecarts[nom] = float(np.max(np.abs(js - keras_)))
        print("écart max |evaluer − predict| :", {k: f"{v:.2e}" for k, v in ecarts.items()})
        mesures["ecart_js_keras"] = {"points_par_exemple": POINTS_ECART, "max": max(ecarts.values()),
                                     "par_exemple": ecarts, "cible": 1e-5}
        mesures["navigateur"] = pilote.capabilities.get("browserVersion")
        mesures["charge_moyenne_1_min"] = os.getloadavg()[0]      # la machine est partagée : à lire avec les durées
    finally:
        pilote.quit()
        shutil.rmtree(dossier, ignore_errors=True)
    print(ecrire_resultats("atelier", mesures))


if __name__ == "__main__":
    main()
