"""``argparse`` en français : l'aide et les erreurs de toutes les commandes du paquet
(``keras-facile``, les leçons, les bancs d'essai)."""

from __future__ import annotations

import argparse
import re
import sys

__all__ = ["ParseurFrancais"]


_TRADUCTIONS = [
    (r"^unrecognized arguments: (.*)$", r"option(s) inconnue(s) : \1"),
    (r"^the following arguments are required: (.*)$", r"argument(s) obligatoire(s) manquant(s) : \1"),
    (r"^argument (\S+): expected one argument$", r"l'option \1 attend une valeur"),
    (r"^argument (\S+): invalid int value: (.*)$", r"l'option \1 attend un entier, reçu \2"),
    (r"^argument (\S+): invalid float value: (.*)$", r"l'option \1 attend un nombre, reçu \2"),
    (r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$",
     r"l'option \1 : choix invalide \2 (choix possibles : \3)"),
    (r"^argument (\S+): ignored explicit argument (.*)$", r"l'option \1 ne prend pas de valeur (reçu \2)"),
    (r"^argument (\S+): not allowed with argument (\S+)$", r"l'option \1 ne va pas avec \2 (l'une ou l'autre)"),
    (r"^argument (\S+): expected at least one argument$", r"l'option \1 attend au moins une valeur"),
    (r"^one of the arguments (.*) is required$", r"une des options \1 est obligatoire"),
    (r"^ambiguous option: (.*)$", r"option ambiguë : \1"),
    (r"^invalid choice: (.*?) \(choose from (.*)\)$", r"choix invalide : \1 (choix possibles : \2)"),
]


def _traduire(message: str) -> str:
    for motif, remplacement in _TRADUCTIONS:
        if re.match(motif, message):
            return re.sub(motif, remplacement, message)
    return message


class _FormateurFrancais(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="utilisation : ")


class ParseurFrancais(argparse.ArgumentParser):
    """Un :class:`argparse.ArgumentParser` dont l'aide et les erreurs sont en français."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _FormateurFrancais)
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="afficher cette aide et quitter")

    def error(self, message):  # pragma: no cover - le texte est testé via SystemExit
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {_traduire(message)}\n")
