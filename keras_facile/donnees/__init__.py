"""Jeux de données réels (MNIST, IMDB, CIFAR-10, chats/chiens), hors ligne d'abord.

Chaque jeu est décrit une seule fois dans :data:`REGISTRE` (formes acceptées,
origine, taille, empreinte sha256, chargeur). ``chemin=`` désigne le jeu lui-même
ou le dossier qui le contient, et rien d'autre n'est alors examiné ; sans lui :
``KERAS_FACILE_DATA``, ``data/`` du projet, ``~/.keras/datasets``, les
téléchargements de keras_facile, puis un téléchargement vérifié (depuis
l'origine, ou le miroir ``KERAS_FACILE_MIROIR``). Voir ``data/README.md`` et la
commande ``keras-facile donnees``.
"""
from .registre import REGISTRE, JeuDeDonnees, jeu_de_donnees
from .recherche import (DonneesIntrouvables, LectureInterdite, TelechargementRefuse, dossier_cache,
                        dossiers_de_recherche, localiser, telecharger, telecharger_jeu)
from .tableaux import NOMS_CIFAR10, charger_cifar10, charger_mnist, indices_stratifies
from .imdb import (charger_imdb, charger_imdb_textes, decoder_critique, decouper_mots, indice_mots_imdb,
                   vectoriser_sequences)
from .chats_chiens import charger_chats_chiens, dossier_chats_chiens, verifier_images
from .factices import creer_donnees_factices, creer_jeu_factice

__all__ = [
    "charger_mnist", "charger_cifar10", "charger_imdb", "charger_imdb_textes", "indice_mots_imdb",
    "decoder_critique", "vectoriser_sequences", "decouper_mots", "charger_chats_chiens", "dossier_chats_chiens",
    "verifier_images", "creer_donnees_factices", "creer_jeu_factice", "indices_stratifies", "NOMS_CIFAR10",
    "DonneesIntrouvables", "LectureInterdite", "TelechargementRefuse", "dossier_cache", "dossiers_de_recherche",
    "localiser", "telecharger", "telecharger_jeu", "REGISTRE", "JeuDeDonnees", "jeu_de_donnees",
]
