"""L'atelier hors ligne : une seule page HTML pour régler les poids à la main et voir la fonction bouger.

``keras-facile atelier --exemple marches-5 --sortie atelier.html`` écrit une page
autonome (scripts et styles dans le fichier, aucune ressource réseau) : on
l'ouvre dans n'importe quel navigateur, sans serveur ni internet, par exemple
sur le projecteur de la classe.

- un curseur par coefficient et par biais, groupés par couche et par neurone
  comme ``affiche_poids`` ; chaque curseur porte ``data-couche``,
  ``data-neurone`` et ``data-indice`` (−1 pour le biais) ;
- le tracé vivant : une courbe pour une entrée, une carte de chaleur avec des
  lignes de niveau pour deux ; la fonction cible à côté et l'erreur maximale ;
- le réseau est calculé dans le navigateur (activations du livre : heaviside
  avec H(0) = 1, relu, sigmoid, tanh, linear), en float64 sur les poids
  float32 du modèle : la même valeur que ``evaluation`` à 1e-5 près ;
- un bouton enregistre les poids en JSON (``poids.json``), qu'on reprend en
  Python avec :func:`keras_facile.charger_poids` ; un autre montre les lignes
  ``definir_poids(...)`` qui refont les poids courants.

Pour les tests, la page expose ``window.atelier.evaluer(entree)`` et
``window.atelier.poids()`` (disposition de ``modele.get_weights()``).

La cible est une expression en ``x`` (et ``y``), lue par :func:`keras_facile.cible.fonction_cible`
(jamais par ``eval``) ; la page a son propre petit analyseur, avec les mêmes fonctions.

"""
from __future__ import annotations

import html
import json
from pathlib import Path

import numpy as np

from . import _config  # noqa: F401
from . import verifications as verif
from .cible import FONCTIONS, fonction_cible
from .fichiers import ecriture_atomique

__all__ = ["ecrire_page", "fonction_cible", "description_modele", "FONCTIONS", "ACTIVATIONS"]

ACTIVATIONS = ("heaviside", "relu", "sigmoid", "tanh", "linear")


def _nom_activation(couche) -> str:
    activation = couche.activation
    nom = getattr(activation, "__name__", type(activation).__name__)
    if nom not in ACTIVATIONS:
        raise ValueError(f"modele doit utiliser les activations du livre ({', '.join(ACTIVATIONS)}), reçu "
                         f"l'activation {nom!r} dans la couche {couche.name} : l'atelier ne sait pas la calculer")
    return nom


def description_modele(modele) -> dict:
    """Ce que la page doit savoir du réseau : nombre d'entrées et, par couche, activation, noyau, biais."""
    import keras

    from .poids_json import couches_denses

    if isinstance(modele, (str, Path)):
        modele = _charger_modele(modele)
    verif.modele_keras("modele", modele)
    if not isinstance(modele, keras.Sequential):
        raise ValueError(f"modele doit être un Sequential de couches Dense, reçu un modèle "
                         f"{type(modele).__name__} ; l'atelier ne trace que des réseaux en couches")
    couches = couches_denses(modele)
    entrees = verif.nombre_entrees("modele", modele)
    if entrees > 2:
        raise ValueError(f"modele doit avoir 1 ou 2 entrées pour être tracé (une courbe ou une carte), reçu un "
                         f"réseau à {entrees} entrées")
    sorties = couches[-1].units
    if sorties != 1:
        raise ValueError(f"modele doit avoir une seule sortie (Dense(1) en dernier), reçu une dernière couche à "
                         f"{sorties} neurones")
    resultat = {"entrees": entrees, "couches": []}
    for c in couches:
        noyau, biais = c.get_weights()
        if not (np.all(np.isfinite(noyau)) and np.all(np.isfinite(biais))):
            raise ValueError(f"modele doit avoir des poids finis, reçu un poids infini ou NaN dans la couche {c.name}")
        resultat["couches"].append({"activation": _nom_activation(c),
                                    "noyau": noyau.astype(np.float64).tolist(),
                                    "biais": biais.astype(np.float64).tolist()})
    return resultat


def _charger_modele(chemin):
    import keras

    from . import activations, gpt  # noqa: F401  (heaviside et les couches du paquet connues de Keras)

    chemin = Path(chemin)
    if not chemin.is_file():
        raise FileNotFoundError(f"modele doit être un fichier .keras existant, reçu {str(chemin)!r} "
                                "(fichier introuvable)")
    try:
        return keras.saving.load_model(chemin, compile=False)
    except Exception as erreur:         # Keras lève des erreurs de toutes sortes pour un fichier abîmé
        raise ValueError(f"modele doit être un fichier de modèle Keras lisible (.keras, écrit par "
                         f"modele.save), reçu {str(chemin)!r} : {type(erreur).__name__} : "
                         f"{str(erreur)[:300]}") from None


def _domaine(entrees, xmin, xmax, ymin, ymax):
    xmin = -5.0 if xmin is None else xmin
    xmax = 5.0 if xmax is None else xmax
    xmin, xmax = verif.intervalle("xmin", xmin, "xmax", xmax)
    if entrees == 1:
        if ymin is not None or ymax is not None:
            raise ValueError("ymin et ymax ne servent qu'à un réseau à 2 entrées ; ce réseau a 1 entrée")
        return {"xmin": xmin, "xmax": xmax}
    ymin, ymax = verif.intervalle("ymin", xmin if ymin is None else ymin, "ymax", xmax if ymax is None else ymax)
    return {"xmin": xmin, "xmax": xmax, "ymin": ymin, "ymax": ymax}


def ecrire_page(sortie, *, exemple=None, modele=None, cible=None, titre=None,
                xmin=None, xmax=None, ymin=None, ymax=None) -> Path:
    """Écrit la page de l'atelier dans le fichier ``sortie`` et renvoie son chemin.

    ``exemple`` : un nom de ``EXEMPLES`` (``keras-facile atelier --liste``) ; ou ``modele`` : un
    ``Sequential`` de couches ``Dense`` à 1 ou 2 entrées, ou le chemin d'un fichier ``.keras``.
    ``cible`` : expression en ``x`` (et ``y``), par défaut celle de l'exemple. Le domaine tracé
    (``xmin`` … ``ymax``) est celui de l'exemple, sinon [−5, 5] (et [−5, 5]²)."""
    from .exemples_atelier import EXEMPLES

    if (exemple is None) == (modele is None):
        raise ValueError("donnez exemple ou modele (l'un des deux, pas les deux)")
    bornes = {"xmin": xmin, "xmax": xmax, "ymin": ymin, "ymax": ymax}
    if exemple is not None:
        ex = EXEMPLES[verif.choix("exemple", exemple, list(EXEMPLES))]
        description = description_modele(ex.modele())
        bornes = {k: (getattr(ex, k) if v is None else v) for k, v in bornes.items()}
        cible = ex.cible if cible is None else cible
        titre = titre or f"Atelier — {ex.nom}"
        texte = ex.description
    else:
        description = description_modele(modele)
        titre = titre or "Atelier — réseau de neurones"
        texte = f"Le modèle {Path(modele).name}" if isinstance(modele, (str, Path)) else ""
    if titre is not None and not isinstance(titre, str):
        raise TypeError(f"titre doit être un texte, reçu {verif.decrire(titre)}")
    if cible is not None:
        fonction_cible(cible, description["entrees"])  # erreur en français dès Python
    donnees = {**description, **_domaine(description["entrees"], **bornes), "titre": titre,
               "description": texte, "cible": cible, "points": 1000, "grille": 100,
               "activations": list(ACTIVATIONS)}
    page = (_GABARIT.replace("__TITRE__", html.escape(titre))
            .replace("__CSS__", _CSS)
            .replace("__JS__", _JS)
            .replace("__DONNEES__", json.dumps(donnees, ensure_ascii=False).replace("</", "<\\/")))
    sortie = Path(sortie)
    with ecriture_atomique(sortie) as temporaire:
        temporaire.write_text(page, encoding="utf-8")
    return sortie


_GABARIT = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITRE__</title>
<style>__CSS__</style>
</head>
<body>
<header><h1>__TITRE__</h1><p id="description"></p></header>
<main>
<section id="curseurs" aria-label="poids du réseau"></section>
<section id="traces">
  <div id="figures"></div>
  <p id="mesure"></p>
  <p class="cible"><label>Cible : <input id="cible" type="text" size="40" spellcheck="false"
     placeholder="par exemple sin(x)"></label> <span id="erreur-cible" role="alert"></span></p>
  <p class="boutons">
    <button id="enregistrer" type="button">Enregistrer les poids (JSON)</button>
    <label class="bouton">Charger des poids (JSON)<input id="charger" type="file" accept=".json,application/json"></label>
    <button id="depart" type="button">Poids de départ</button>
    <button id="lignes" type="button">Lignes definir_poids</button>
    <span id="erreur-poids" role="alert"></span>
  </p>
  <pre id="code" hidden></pre>
  <p class="aide">En Python : <code>charger_poids(modele, "poids.json")</code> reprend les poids enregistrés.</p>
</section>
</main>
<script type="application/json" id="atelier-donnees">__DONNEES__</script>
<script>__JS__</script>
</body>
</html>
"""

_CSS = """
:root { --bleu: #1f77b4; --rouge: #d62728; --gris: #666; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { padding: 0.6rem 1rem; background: #fff; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.3rem; margin: 0; }
header p { margin: 0.2rem 0 0; color: var(--gris); }
main { display: flex; flex-wrap: wrap; gap: 1rem; padding: 1rem; align-items: flex-start; }
#curseurs { flex: 0 1 400px; max-height: calc(100vh - 7rem); overflow-y: auto; background: #fff;
            border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.8rem; }
#traces { flex: 1 1 560px; min-width: 0; }
#figures { display: flex; flex-wrap: wrap; gap: 0.8rem; }
figure { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 0.3rem; max-width: 100%; }
figcaption { text-align: center; font-size: 0.9rem; color: var(--gris); }
canvas { display: block; max-width: 100%; height: auto; }
fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 0.4rem 0 0.8rem; }
legend { font-weight: 600; }
.neurone { border-top: 1px dashed #ddd; padding: 0.2rem 0; }
.neurone h3 { font-size: 0.9rem; margin: 0.2rem 0; color: var(--gris); font-weight: 600; }
.poids { display: grid; grid-template-columns: 5.5rem 1fr 5.5rem; gap: 0.4rem; align-items: center; font-size: 0.9rem; }
.poids input[type=range] { width: 100%; }
.poids input[type=number] { width: 100%; font: inherit; }
#mesure { font-size: 1.05rem; margin: 0.5rem 0; }
#mesure b { color: var(--rouge); }
#erreur-cible, #erreur-poids { color: var(--rouge); }
.boutons button, .bouton { font: inherit; padding: 0.35rem 0.8rem; margin: 0.2rem 0.3rem 0.2rem 0; border: 1px solid #999;
  border-radius: 4px; background: #fff; cursor: pointer; display: inline-block; }
.bouton input { display: none; }
pre { background: #fff; border: 1px solid #ddd; padding: 0.5rem; overflow-x: auto; }
.aide { color: var(--gris); font-size: 0.85rem; }
"""

_JS = r"""
(function () {
"use strict";
const D = JSON.parse(document.getElementById("atelier-donnees").textContent);
const f32 = Math.fround;
const N = D.entrees;

// ---- les poids : couches[k].W[j * nin + i] = noyau[i][j], neurone par neurone (float32, gardé en float64) ----
let couches = [], sale = { k: 0, j: -1 };     // sale : la première couche (et le neurone) à recalculer
function poser(source) {
  couches = source.map((c, k) => {
    const nin = c.noyau.length, nout = c.biais.length, W = new Float64Array(nin * nout);
    for (let i = 0; i < nin; i++) for (let j = 0; j < nout; j++) W[j * nin + i] = f32(c.noyau[i][j]);
    const activation = D.couches[k].activation;
    if (!(activation in CODES)) throw new Error("activation non gérée : " + activation);
    return { activation, code: CODES[activation], nin, nout, W, b: Float64Array.from(c.biais.map(f32)) };
  });
  sale = { k: 0, j: -1 };
}
const CODES = { heaviside: 0, relu: 1, sigmoid: 2, tanh: 3, linear: 4 };
function phi(code, z) {
  switch (code) {
    case 0: return z >= 0 ? 1 : 0;          // convention du livre : H(0) = 1
    case 1: return z > 0 ? z : 0;
    case 2: return 1 / (1 + Math.exp(-z));
    case 3: return Math.tanh(z);
    default: return z;
  }
}

// Les neurones j0 … j1−1 de la couche c pour P points (entree : P × nin, à plat) → sortie (P × nout).
// Comme Keras : (somme des x_i w_ij) + b_j, puis l'activation. Les entrées nulles (fréquentes
// après heaviside ou relu) sont sautées : ajouter 0 × w ne change pas la somme (poids finis).
function appliquer(c, entree, nin, P, sortie, j0, j1) {
  const nout = c.nout, W = c.W, b = c.b, code = c.code, utiles = new Int32Array(nin);
  for (let p = 0, base = 0; p < P; p++, base += nin) {
    let m = 0;
    for (let i = 0; i < nin; i++) if (entree[base + i] !== 0) utiles[m++] = i;
    for (let j = j0, w = j0 * nin; j < j1; j++, w += nin) {
      let s = 0;
      for (let t = 0; t < m; t++) { const i = utiles[t]; s += entree[base + i] * W[w + i]; }
      sortie[p * nout + j] = phi(code, s + b[j]);
    }
  }
}

// Sorties du réseau pour P points (X : P × N, à plat) : Float64Array de P valeurs.
function calculer(X, P) {
  let entree = X, nin = N;
  for (const c of couches) {
    const sortie = new Float64Array(P * c.nout);
    appliquer(c, entree, nin, P, sortie, 0, c.nout);
    entree = sortie; nin = c.nout;
  }
  return entree;
}

// Le tracé garde les sorties de chaque couche aux points de sa grille : après un curseur de la
// couche k, neurone j, seuls ce neurone puis les couches suivantes sont recalculés.
let grille = null;
function marquer(k, j) {
  if (k < sale.k) sale = { k, j };
  else if (k === sale.k && sale.j !== j) sale = { k, j: -1 };
}
function calculerGrille(X, P) {
  if (!grille || grille.X !== X) { grille = { X, sorties: [] }; sale = { k: 0, j: -1 }; }
  let entree = X, nin = N;
  couches.forEach((c, k) => {
    if (k >= sale.k) {
      if (!grille.sorties[k]) grille.sorties[k] = new Float64Array(P * c.nout);
      if (k === sale.k && sale.j >= 0) appliquer(c, entree, nin, P, grille.sorties[k], sale.j, sale.j + 1);
      else appliquer(c, entree, nin, P, grille.sorties[k], 0, c.nout);
    }
    entree = grille.sorties[k]; nin = c.nout;
  });
  sale = { k: Infinity, j: -1 };
  return entree;
}
poser(D.couches);

function evaluer(entree) {
  const v = (typeof entree === "number") ? [entree] : Array.from(entree);
  if (v.length !== N) throw new Error("evaluer : il faut " + N + " valeur(s), reçu " + v.length);
  return calculer(Float64Array.from(v.map(f32)), 1)[0];   // l'entrée passe en float32, comme dans Keras
}

function poids() {
  const r = [];
  for (const c of couches) {
    const noyau = [];
    for (let i = 0; i < c.nin; i++) { const ligne = []; for (let j = 0; j < c.nout; j++) ligne.push(c.W[j * c.nin + i]); noyau.push(ligne); }
    r.push(noyau, Array.from(c.b));
  }
  return r;
}

function jsonPoids() {
  const p = poids(), c = [];
  for (let k = 0; k < p.length; k += 2) c.push({ noyau: p[k], biais: p[k + 1] });
  return JSON.stringify({ format: "keras-facile-poids", version: 1, couches: c });
}

// Le texte le plus court qui redonne le même float32.
function court(v) {
  if (v === 0) return "0";
  for (let p = 1; p <= 9; p++) {
    const t = Number(v.toPrecision(p));
    if (f32(t) === v) return String(t);
  }
  return String(v);
}

// ---- la cible : un petit analyseur, jamais eval ----
const FONCTIONS = {
  sin: [Math.sin, 1], cos: [Math.cos, 1], tan: [Math.tan, 1], exp: [Math.exp, 1], log: [Math.log, 1],
  sqrt: [Math.sqrt, 1], abs: [Math.abs, 1], tanh: [Math.tanh, 1], atan: [Math.atan, 1], arctan: [Math.atan, 1],
  floor: [Math.floor, 1], sign: [Math.sign, 1], heaviside: [(z) => (z >= 0 ? 1 : 0), 1],
  relu: [(z) => (z > 0 ? z : 0), 1], sigmoid: [(z) => 1 / (1 + Math.exp(-z)), 1], min: [Math.min, 2], max: [Math.max, 2],
};
function analyser(texte, variables) {
  const jetons = [];
  const motif = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(\*\*|[-+*\/^(),]))/y;
  let pos = 0;
  texte = texte.trim();
  while (pos < texte.length) {
    motif.lastIndex = pos;
    const m = motif.exec(texte);
    if (!m) throw new Error("caractère inattendu « " + texte.slice(pos).trim()[0] + " »");
    jetons.push(m[1] !== undefined ? { n: Number(m[1]) } : m[2] !== undefined ? { id: m[2] } : { op: m[3] === "^" ? "**" : m[3] });
    pos = motif.lastIndex;
  }
  let i = 0;
  const voir = () => jetons[i], est = (op) => jetons[i] && jetons[i].op === op;
  const attendre = (op) => { if (!est(op)) throw new Error("« " + op + " » attendu"); i++; };
  function expr() {
    let g = terme();
    while (est("+") || est("-")) {
      const op = jetons[i++].op, a = g, b = terme();
      g = op === "+" ? (v) => a(v) + b(v) : (v) => a(v) - b(v);
    }
    return g;
  }
  function terme() {
    let g = unaire();
    while (est("*") || est("/")) {
      const op = jetons[i++].op, a = g, b = unaire();
      g = op === "*" ? (v) => a(v) * b(v) : (v) => a(v) / b(v);
    }
    return g;
  }
  function unaire() {
    if (est("-")) { i++; const a = unaire(); return (v) => -a(v); }
    if (est("+")) { i++; return unaire(); }
    return puissance();
  }
  function puissance() {
    const a = primaire();
    if (est("**")) { i++; const b = unaire(); return (v) => Math.pow(a(v), b(v)); }
    return a;
  }
  function primaire() {
    const t = voir();
    if (!t) throw new Error("expression incomplète");
    i++;
    if (t.n !== undefined) return () => t.n;
    if (t.op === "(") { const a = expr(); attendre(")"); return a; }
    if (t.id !== undefined) {
      if (est("(")) {
        const f = FONCTIONS[t.id];
        if (!Object.prototype.hasOwnProperty.call(FONCTIONS, t.id)) throw new Error("nom inconnu « " + t.id + " »");
        i++;
        const args = [expr()];
        while (est(",")) { i++; args.push(expr()); }
        attendre(")");
        if (args.length !== f[1]) throw new Error(t.id + " prend " + f[1] + " argument(s)");
        const g = f[0];
        return args.length === 1 ? (v) => g(args[0](v)) : (v) => g(args[0](v), args[1](v));
      }
      const k = variables.indexOf(t.id);
      if (k >= 0) return (v) => v[k];
      if (t.id === "pi") return () => Math.PI;
      if (t.id === "e") return () => Math.E;
      throw new Error("nom inconnu « " + t.id + " »");
    }
    throw new Error("« " + t.op + " » inattendu");
  }
  const g = expr();
  if (i < jetons.length) throw new Error("« " + (jetons[i].op || jetons[i].id || jetons[i].n) + " » inattendu");
  return g;
}
const VARIABLES = N === 1 ? ["x"] : ["x", "y"];
let cible = null, texteCible = null;
function changerCible(texte) {
  const zone = document.getElementById("erreur-cible");
  texte = (texte || "").trim();
  if (!texte) { cible = null; texteCible = null; zone.textContent = ""; return true; }
  try {
    cible = analyser(texte, VARIABLES); texteCible = texte; zone.textContent = "";
    return true;
  } catch (e) {
    zone.textContent = "cible refusée : " + e.message + " (variables : " + VARIABLES.join(", ") + ")";
    return false;
  }
}

// ---- le tracé ----
const LARGEUR = N === 1 ? 760 : 460, HAUTEUR = N === 1 ? 440 : 430;
const MARGE = { g: 56, d: N === 1 ? 16 : 62, h: 14, b: 38 };
function ticks(a, b, n) {
  const pas0 = (b - a) / n, p10 = Math.pow(10, Math.floor(Math.log10(pas0)));
  const pas = [1, 2, 2.5, 5, 10].map((m) => m * p10).find((s) => s >= pas0) || pas0;
  const r = [];
  for (let t = Math.ceil(a / pas) * pas; t <= b + pas * 1e-9; t += pas) r.push(Math.abs(t) < pas * 1e-9 ? 0 : t);
  return r;
}
function texteNombre(t) { return String(Number(t.toPrecision(6))); }
function creerFigure(legende) {
  const fig = document.createElement("figure"), c = document.createElement("canvas"), cap = document.createElement("figcaption");
  c.width = LARGEUR; c.height = HAUTEUR; cap.textContent = legende;
  fig.append(c, cap); document.getElementById("figures").append(fig);
  return c;
}
function axes(ctx, x0, x1, y0, y1, grille) {
  const L = LARGEUR - MARGE.g - MARGE.d, H = HAUTEUR - MARGE.h - MARGE.b;
  ctx.strokeStyle = "#333"; ctx.lineWidth = 1; ctx.fillStyle = "#333"; ctx.font = "12px sans-serif";
  ctx.strokeRect(MARGE.g, MARGE.h, L, H);
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  for (const t of ticks(x0, x1, 8)) {
    const px = MARGE.g + (t - x0) / (x1 - x0) * L;
    if (grille) { ctx.strokeStyle = "#e4e4e4"; ctx.beginPath(); ctx.moveTo(px, MARGE.h); ctx.lineTo(px, MARGE.h + H); ctx.stroke(); }
    ctx.strokeStyle = "#333"; ctx.beginPath(); ctx.moveTo(px, MARGE.h + H); ctx.lineTo(px, MARGE.h + H + 4); ctx.stroke();
    ctx.fillText(texteNombre(t), px, MARGE.h + H + 6);
  }
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (const t of ticks(y0, y1, 6)) {
    const py = MARGE.h + H - (t - y0) / (y1 - y0) * H;
    if (grille) { ctx.strokeStyle = "#e4e4e4"; ctx.beginPath(); ctx.moveTo(MARGE.g, py); ctx.lineTo(MARGE.g + L, py); ctx.stroke(); }
    ctx.strokeStyle = "#333"; ctx.beginPath(); ctx.moveTo(MARGE.g - 4, py); ctx.lineTo(MARGE.g, py); ctx.stroke();
    ctx.fillText(texteNombre(t), MARGE.g - 6, py);
  }
  ctx.textAlign = "center"; ctx.textBaseline = "bottom";
  ctx.fillText("x", MARGE.g + L / 2, HAUTEUR - 1);
  if (N === 2) {
    ctx.save(); ctx.translate(12, MARGE.h + H / 2); ctx.rotate(-Math.PI / 2); ctx.textBaseline = "middle"; ctx.fillText("y", 0, 0); ctx.restore();
  }
}

// La cible aux points du tracé : calculée une fois par expression (elle ne dépend pas des poids).
let cacheCible = null;
function valeursCible(points, P, n) {
  if (!cible) return null;
  if (cacheCible && cacheCible.fonction === cible) return cacheCible.valeurs;
  const valeurs = new Float64Array(P), v = new Array(n);
  for (let p = 0; p < P; p++) { for (let d = 0; d < n; d++) v[d] = points[p * n + d]; valeurs[p] = cible(v); }
  cacheCible = { fonction: cible, valeurs };
  return valeurs;
}

const dernier = { x: null, y: null, cible: null, erreurMax: null, min: null, max: null };
const mesures = [];
let points = null;        // les points du tracé (brut) et leur valeur float32 (X), faits une fois

// -- une entrée : courbe --
let canvasCourbe = null;
function tracerCourbe() {
  const P = D.points;
  if (!points) {
    points = { brut: new Float64Array(P), X: new Float64Array(P) };
    for (let p = 0; p < P; p++) { points.brut[p] = D.xmin + (D.xmax - D.xmin) * p / (P - 1); points.X[p] = f32(points.brut[p]); }
  }
  const xs = points.brut, ys = calculerGrille(points.X, P);
  const yc = valeursCible(xs, P, 1);
  let lo = Infinity, hi = -Infinity;
  for (const t of [ys, yc]) if (t) for (let p = 0; p < P; p++) { const v = t[p]; if (isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } }
  if (!isFinite(lo)) { lo = -1; hi = 1; }
  if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
  const marge = 0.08 * (hi - lo); lo -= marge; hi += marge;
  const ctx = canvasCourbe.getContext("2d");
  ctx.clearRect(0, 0, LARGEUR, HAUTEUR); ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, LARGEUR, HAUTEUR);
  axes(ctx, D.xmin, D.xmax, lo, hi, true);
  const L = LARGEUR - MARGE.g - MARGE.d, H = HAUTEUR - MARGE.h - MARGE.b;
  const px = (x) => MARGE.g + (x - D.xmin) / (D.xmax - D.xmin) * L, py = (y) => MARGE.h + H - (y - lo) / (hi - lo) * H;
  ctx.save(); ctx.beginPath(); ctx.rect(MARGE.g, MARGE.h, L, H); ctx.clip();
  function courbe(t, couleur, tirets) {
    ctx.strokeStyle = couleur; ctx.lineWidth = 2.2; ctx.setLineDash(tirets); ctx.beginPath();
    let dedans = false;
    for (let p = 0; p < P; p++) {
      if (!isFinite(t[p])) { dedans = false; continue; }
      if (dedans) ctx.lineTo(px(xs[p]), py(t[p])); else ctx.moveTo(px(xs[p]), py(t[p]));
      dedans = true;
    }
    ctx.stroke(); ctx.setLineDash([]);
  }
  if (yc) courbe(yc, "#d62728", [7, 4]);
  courbe(ys, "#1f77b4", []);
  ctx.restore();
  ctx.font = "13px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "middle";
  ctx.fillStyle = "#1f77b4"; ctx.fillRect(MARGE.g + 10, MARGE.h + 12, 18, 3); ctx.fillText("F, le réseau", MARGE.g + 34, MARGE.h + 13);
  if (yc) { ctx.fillStyle = "#d62728"; ctx.fillRect(MARGE.g + 10, MARGE.h + 30, 18, 3); ctx.fillText("f = " + texteCible, MARGE.g + 34, MARGE.h + 31); }
  Object.assign(dernier, { x: xs, y: ys, cible: yc, min: lo, max: hi });
  return [ys, yc];
}

// -- deux entrées : carte de chaleur et lignes de niveau --
const VIRIDIS = [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137],
  [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37]];
// table de 256 couleurs, interpolées entre les teintes de VIRIDIS
const PALETTE = new Uint8ClampedArray(256 * 3);
for (let q = 0; q < 256; q++) {
  const u = q / 255 * (VIRIDIS.length - 1), k = Math.min(Math.floor(u), VIRIDIS.length - 2), f = u - k, a = VIRIDIS[k], b = VIRIDIS[k + 1];
  for (let c = 0; c < 3; c++) PALETTE[3 * q + c] = Math.round(a[c] + (b[c] - a[c]) * f);
}
const barre = document.createElement("canvas");
barre.width = 1; barre.height = 256;
{
  const bctx = barre.getContext("2d"), im = bctx.createImageData(1, 256);
  for (let q = 0; q < 256; q++) for (let c = 0; c < 4; c++) im.data[4 * q + c] = c < 3 ? PALETTE[3 * (255 - q) + c] : 255;
  bctx.putImageData(im, 0, 0);
}
function niveaux(Z, lo, hi) {
  const distinctes = new Set();
  for (let p = 0; p < Z.length && distinctes.size <= 12; p++) if (isFinite(Z[p])) distinctes.add(Z[p]);
  if (distinctes.size <= 12) {
    const v = Array.from(distinctes).sort((a, b) => a - b), r = [];
    for (let k = 0; k + 1 < v.length; k++) r.push((v[k] + v[k + 1]) / 2);
    return r;
  }
  const r = [];
  for (let k = 1; k <= 9; k++) r.push(lo + (hi - lo) * k / 10);
  return r;
}
const hors = document.createElement("canvas");
let imageCarte = null;
function carte(canvas, Z, M, lo, hi) {
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, LARGEUR, HAUTEUR); ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, LARGEUR, HAUTEUR);
  if (hors.width !== M) { hors.width = M; hors.height = M; }
  const hctx = hors.getContext("2d");
  if (!imageCarte) imageCarte = hctx.createImageData(M, M);      // réutilisée : pas de déchets à chaque curseur
  const image = imageCarte, px = image.data, echelle = 255 / (hi - lo);
  for (let j = 0; j < M; j++) for (let i = 0; i < M; i++) {
    const v = Z[j * M + i], q = ((M - 1 - j) * M + i) * 4;      // ligne j = y croissant, vers le haut
    if (v === v && v !== Infinity && v !== -Infinity) {
      let c = Math.round((v - lo) * echelle);
      c = 3 * (c < 0 ? 0 : c > 255 ? 255 : c);
      px[q] = PALETTE[c]; px[q + 1] = PALETTE[c + 1]; px[q + 2] = PALETTE[c + 2];
    } else { px[q] = 255; px[q + 1] = 255; px[q + 2] = 255; }
    px[q + 3] = 255;
  }
  hctx.putImageData(image, 0, 0);
  const L = LARGEUR - MARGE.g - MARGE.d, H = HAUTEUR - MARGE.h - MARGE.b;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(hors, MARGE.g, MARGE.h, L, H);
  // lignes de niveau (carrés marchants) sur la grille des centres de pixels
  const sx = L / M, sy = H / M, ox = MARGE.g + sx / 2, oy = MARGE.h + H - sy / 2;
  ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.lineWidth = 1.3; ctx.beginPath();
  for (const L0 of niveaux(Z, lo, hi)) {
    for (let j = 0; j + 1 < M; j++) for (let i = 0; i + 1 < M; i++) {
      const a = Z[j * M + i] - L0, b = Z[j * M + i + 1] - L0, c = Z[(j + 1) * M + i + 1] - L0, d = Z[(j + 1) * M + i] - L0;
      const ca = a >= 0, cb = b >= 0, cc = c >= 0, cd = d >= 0;
      if (ca === cb && cb === cc && cc === cd) continue;
      const pts = [];
      if (ca !== cb) pts.push(i + a / (a - b), j);
      if (cb !== cc) pts.push(i + 1, j + b / (b - c));
      if (cc !== cd) pts.push(i + 1 - c / (c - d), j + 1);
      if (cd !== ca) pts.push(i, j + 1 - d / (d - a));
      for (let q = 0; q + 3 < pts.length; q += 4) {
        ctx.moveTo(ox + pts[q] * sx, oy - pts[q + 1] * sy); ctx.lineTo(ox + pts[q + 2] * sx, oy - pts[q + 3] * sy);
      }
    }
  }
  ctx.stroke();
  axes(ctx, D.xmin, D.xmax, D.ymin, D.ymax, false);
  // barre de couleurs
  const bx = LARGEUR - MARGE.d + 14;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(barre, bx, MARGE.h, 12, H);
  ctx.fillStyle = "#333"; ctx.font = "11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "top";
  ctx.fillText(texteNombre(hi), bx - 2, 0);
  ctx.textBaseline = "bottom"; ctx.fillText(texteNombre(lo), bx - 2, HAUTEUR - 20);
}
let canvasReseau = null, canvasCible = null, carteCible = null;
function tracerCartes() {
  const M = D.grille, P = M * M;
  if (!points) {
    points = { brut: new Float64Array(2 * P), X: new Float64Array(2 * P) };
    for (let j = 0; j < M; j++) for (let i = 0; i < M; i++) {
      const p = j * M + i, x = D.xmin + (D.xmax - D.xmin) * i / (M - 1), y = D.ymin + (D.ymax - D.ymin) * j / (M - 1);
      points.brut[2 * p] = x; points.brut[2 * p + 1] = y; points.X[2 * p] = f32(x); points.X[2 * p + 1] = f32(y);
    }
  }
  const brut = points.brut, Z = calculerGrille(points.X, P);
  const Zc = valeursCible(brut, P, 2);
  let lo = Infinity, hi = -Infinity;
  for (const t of [Z, Zc]) if (t) for (let p = 0; p < P; p++) { const v = t[p]; if (isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } }
  if (!isFinite(lo)) { lo = 0; hi = 1; }
  if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
  carte(canvasReseau, Z, M, lo, hi);
  if (Zc) {       // la carte de la cible ne change qu'avec l'échelle des couleurs
    canvasCible.parentNode.hidden = false;
    if (!carteCible || carteCible.valeurs !== Zc || carteCible.lo !== lo || carteCible.hi !== hi) {
      carte(canvasCible, Zc, M, lo, hi); carteCible = { valeurs: Zc, lo, hi };
    }
  } else canvasCible.parentNode.hidden = true;
  Object.assign(dernier, { x: brut, y: Z, cible: Zc, min: lo, max: hi });
  return [Z, Zc];
}

function redessiner() {
  const t0 = performance.now();
  const [F, f] = N === 1 ? tracerCourbe() : tracerCartes();
  let e = null;
  let definis = 0;      // points où la cible est définie (sqrt(x) pour x < 0 ne l'est pas)
  if (f) { e = 0; for (let p = 0; p < F.length; p++) { if (!isFinite(f[p])) continue; definis++; const d = Math.abs(F[p] - f[p]); if (d > e) e = d; } }
  if (f && definis === 0) e = null;
  dernier.erreurMax = e;
  const zone = document.getElementById("mesure");
  zone.innerHTML = "";
  if (e !== null) {
    zone.append("Erreur maximale |F − f| sur le domaine tracé : ");
    const b = document.createElement("b"); b.textContent = texteNombre(e); zone.append(b);
    if (definis < F.length) zone.append(" (sur les " + definis + " points sur " + F.length + " où la cible est définie)");
  } else if (f) zone.textContent = "La cible n'est définie en aucun point du domaine tracé.";
  else zone.textContent = "Entrez une cible (une expression en " + VARIABLES.join(" et ") + ") pour jouer à l'approcher.";
  const duree = performance.now() - t0;
  mesures.push(duree);
  if (mesures.length > 1000) mesures.shift();
  return duree;
}

// ---- les curseurs ----
function borne(v) {
  const m = Math.max(1, 2 * Math.abs(v)), p10 = Math.pow(10, Math.floor(Math.log10(m)));
  return [1, 2, 5, 10].map((k) => k * p10).find((s) => s >= m);
}
const curseurs = [];
function lireCurseur(entree) {
  const k = +entree.dataset.couche, j = +entree.dataset.neurone, i = +entree.dataset.indice, c = couches[k];
  return { c, k, j, i, get: () => (i < 0 ? c.b[j] : c.W[j * c.nin + i]),
           set: (v) => { if (i < 0) c.b[j] = f32(v); else c.W[j * c.nin + i] = f32(v); } };
}
function construireCurseurs() {
  const zone = document.getElementById("curseurs");
  zone.innerHTML = "";
  curseurs.length = 0;
  couches.forEach((c, k) => {
    const fs = document.createElement("fieldset"), lg = document.createElement("legend");
    lg.textContent = "Couche numéro " + k + " — " + c.nout + " neurone" + (c.nout > 1 ? "s" : "") + ", " + c.activation;
    fs.append(lg);
    for (let j = 0; j < c.nout; j++) {
      const bloc = document.createElement("div"), titre = document.createElement("h3");
      bloc.className = "neurone"; titre.textContent = "Neurone numéro " + j; bloc.append(titre);
      for (let i = 0; i < c.nin; i++) bloc.append(ligne(k, j, i, k === 0 ? "coeff " + (N === 1 ? "x" : VARIABLES[i]) : "coeff " + i));
      bloc.append(ligne(k, j, -1, "biais"));
      fs.append(bloc);
    }
    zone.append(fs);
  });
}
function ligne(k, j, i, nom) {
  const div = document.createElement("div"), lab = document.createElement("label"),
    r = document.createElement("input"), n = document.createElement("input");
  div.className = "poids";
  r.type = "range"; r.step = "any";
  r.dataset.couche = k; r.dataset.neurone = j; r.dataset.indice = i;
  n.type = "number"; n.step = "any";
  const acces = lireCurseur(r), v = acces.get(), m = borne(v);
  r.min = -m; r.max = m; r.value = v; n.value = court(v);
  const id = "w-" + k + "-" + j + "-" + i;
  r.id = id; lab.htmlFor = id; lab.textContent = nom;
  r.setAttribute("aria-label", "couche " + k + ", neurone " + j + ", " + nom);
  n.setAttribute("aria-label", "valeur : couche " + k + ", neurone " + j + ", " + nom);
  r.addEventListener("input", () => { acces.set(Number(r.value)); marquer(k, j); n.value = court(acces.get()); redessiner(); });
  n.addEventListener("change", () => {
    const v = Number(n.value);
    if (n.value === "" || !isFinite(v)) { n.value = court(acces.get()); return; }
    acces.set(v); marquer(k, j);
    const w = acces.get();
    if (Math.abs(w) > Number(r.max)) { const m2 = borne(w); r.min = -m2; r.max = m2; }
    r.value = w; n.value = court(w); redessiner();
  });
  curseurs.push({ range: r, nombre: n, acces });
  div.append(lab, r, n);
  return div;
}
function rafraichirCurseurs() {
  for (const { range, nombre, acces } of curseurs) {
    const w = acces.get();
    if (Math.abs(w) > Number(range.max)) { const m = borne(w); range.min = -m; range.max = m; }
    range.value = w; nombre.value = court(w);
  }
}

function lignesDefinirPoids() {
  const l = [];
  couches.forEach((c, k) => {
    for (let j = 0; j < c.nout; j++) {
      const co = [];
      for (let i = 0; i < c.nin; i++) co.push(court(c.W[j * c.nin + i]));
      l.push("definir_poids(modele, " + k + ", " + j + ", " + (c.nin === 1 ? co[0] : "[" + co.join(", ") + "]") + ", " + court(c.b[j]) + ")");
    }
  });
  return l.join("\n");
}

function chargerPoids(objet) {
  if (!objet || objet.format !== "keras-facile-poids" || objet.version !== 1 || !Array.isArray(objet.couches))
    throw new Error("ce fichier n'est pas un fichier de poids de keras_facile (format keras-facile-poids, version 1)");
  if (objet.couches.length !== couches.length) throw new Error("il faut " + couches.length + " couche(s), reçu " + objet.couches.length);
  objet.couches.forEach((e, k) => {
    const c = couches[k];
    if (!Array.isArray(e.noyau) || e.noyau.length !== c.nin || e.noyau.some((r) => !Array.isArray(r) || r.length !== c.nout)
        || !Array.isArray(e.biais) || e.biais.length !== c.nout || [].concat(...e.noyau, e.biais).some((v) => typeof v !== "number" || !isFinite(v)))
      throw new Error("couche " + k + " : il faut un noyau " + c.nin + " × " + c.nout + " et " + c.nout + " biais, des nombres finis");
  });
  poser(objet.couches);
  construireCurseurs(); redessiner();
}

// ---- mise en place ----
document.getElementById("description").textContent = D.description || "";
if (N === 1) canvasCourbe = creerFigure("F(x), le réseau" + (D.cible ? " (bleu) et la cible f (rouge, tirets)" : ""));
else { canvasReseau = creerFigure("F(x, y), le réseau"); canvasCible = creerFigure("f(x, y), la cible"); }
construireCurseurs();
const champCible = document.getElementById("cible");
champCible.value = D.cible || "";
changerCible(D.cible);
champCible.addEventListener("change", () => { if (changerCible(champCible.value)) redessiner(); });
document.getElementById("enregistrer").addEventListener("click", () => {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([jsonPoids() + "\n"], { type: "application/json" }));
  a.download = "poids.json"; document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
});
document.getElementById("charger").addEventListener("change", (ev) => {
  const fichier = ev.target.files[0];
  if (!fichier) return;
  fichier.text().then((t) => chargerPoids(JSON.parse(t))).then(() => { document.getElementById("erreur-poids").textContent = ""; })
    .catch((e) => { document.getElementById("erreur-poids").textContent = "poids refusés : " + e.message; });
  ev.target.value = "";
});
document.getElementById("depart").addEventListener("click", () => { poser(D.couches); construireCurseurs(); redessiner(); });
document.getElementById("lignes").addEventListener("click", () => {
  const pre = document.getElementById("code");
  pre.textContent = lignesDefinirPoids(); pre.hidden = !pre.hidden;
});
redessiner();

window.atelier = {
  evaluer, poids, json: jsonPoids, lignes: lignesDefinirPoids, redessiner, chargerPoids,
  cible: (entree) => (cible ? cible(typeof entree === "number" ? [entree] : Array.from(entree)) : null),
  changerCible: (t) => { const ok = changerCible(t); if (ok) { champCible.value = t || ""; redessiner(); } return ok; },
  trace: () => ({ x: Array.from(dernier.x), y: Array.from(dernier.y), cible: dernier.cible && Array.from(dernier.cible),
                  erreurMax: dernier.erreurMax, min: dernier.min, max: dernier.max }),
  erreurMax: () => dernier.erreurMax,
  mesures, donnees: D,
};
})();
"""
