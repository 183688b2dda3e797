"""Jeux de données réels (MNIST, IMDB, CIFAR-10, chats/chiens), hors ligne d'abord.

>>> from keras_facile.donnees import charger_mnist
>>> (x_train, y_train), (x_test, y_test) = charger_mnist(n_train=1000)   # doctest: +SKIP

Ordre de recherche des fichiers : ``chemin=``, ``KERAS_FACILE_DATA``, ``data/``
du projet, ``~/.keras/datasets``, puis téléchargement. Voir ``data/README.md``
et la commande ``keras-facile donnees``.
"""
from .recherche import DonneesIntrouvables, dossier_cache, dossiers_de_recherche, telecharger
from .tableaux import NOMS_CIFAR10, charger_cifar10, charger_mnist, indices_stratifies
from .imdb import (charger_imdb, charger_imdb_textes, decoder_critique, decouper_mots, indice_mots_imdb,
                   vectoriser_sequences)
from .chats_chiens import charger_chats_chiens, dossier_chats_chiens, verifier_images
from .factices import creer_donnees_factices

__all__ = [
    "charger_mnist", "charger_cifar10", "charger_imdb", "charger_imdb_textes", "indice_mots_imdb",
    "decoder_critique", "vectoriser_sequences", "decouper_mots", "charger_chats_chiens", "dossier_chats_chiens",
    "verifier_images", "creer_donnees_factices", "indices_stratifies", "NOMS_CIFAR10", "DonneesIntrouvables",
    "dossier_cache", "dossiers_de_recherche", "telecharger",
]
