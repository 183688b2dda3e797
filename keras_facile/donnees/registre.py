"""Le registre des jeux de données : chacun est décrit une seule fois, ici.

Pour chaque jeu : son nom, les formes sous lesquelles il est accepté sur le
disque (fichiers, dossiers, archives, avec leurs noms et leur contenu), le
fichier qu'on télécharge (origine, taille, empreinte sha256 quand elle est
connue), la fonction qui le charge et celle qui le vérifie. Ce registre nourrit
la recherche des fichiers (:mod:`.recherche`), les téléchargements, la commande
``keras-facile donnees`` et les données factices des tests (:mod:`.factices`) —
sur le modèle du ``DATA_HUB[nom] = (url, sha1)`` de d2l et de
``keras.utils.get_file``.

>>> from keras_facile.donnees.registre import REGISTRE
>>> list(REGISTRE)
['mnist', 'cifar10', 'imdb', 'chats_chiens']
>>> t = REGISTRE["mnist"].telechargement
>>> t.fichier, t.taille, t.sha256[:12]
('mnist.npz', 11490434, '731c5ac60275')
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Forme", "Telechargement", "JeuDeDonnees", "REGISTRE", "jeu_de_donnees"]


@dataclass(frozen=True)
class Forme:
    """Une forme sous laquelle un jeu est accepté sur le disque.

    Une forme « fichier » a des ``suffixes`` (``.npz``, ``.tar.gz``…) ; une forme
    « dossier » a un ``contenu`` : des motifs (glob) qui doivent tous exister dans
    le dossier. ``noms`` : les noms cherchés dans les dossiers de recherche (une
    forme sans nom n'est reconnue que si ``chemin=`` la désigne).
    """

    cle: str
    description: str
    noms: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    contenu: tuple[str, ...] = ()

    @property
    def est_fichier(self) -> bool:
        return bool(self.suffixes)

    def reconnait(self, chemin: Path) -> bool:
        """Vrai si ``chemin`` est un fichier ou un dossier de cette forme."""
        chemin = Path(chemin)
        if self.est_fichier:
            return chemin.is_file() and chemin.name.lower().endswith(self.suffixes)
        return chemin.is_dir() and all(next(chemin.glob(motif), None) is not None for motif in self.contenu)

    def porte_le_nom(self, chemin: Path) -> bool:
        """Vrai si ``chemin`` porte l'un des ``noms`` et est du bon genre (fichier ou dossier)."""
        chemin = Path(chemin)
        return chemin.name in self.noms and (chemin.is_file() if self.est_fichier else chemin.is_dir())


@dataclass(frozen=True)
class Telechargement:
    """Le fichier qu'on télécharge pour un jeu.

    ``fichier`` : son nom (aussi le nom demandé à un miroir ``KERAS_FACILE_MIROIR``) ;
    ``forme`` : la clé de la :class:`Forme` qu'il a une fois téléchargé ; ``sha256`` et
    ``taille`` (octets) : vérifiés avant de garder le fichier quand ils sont connus ;
    sans empreinte connue, l'archive est relue en entier (test d'intégrité).
    """

    fichier: str
    url: str
    forme: str
    sha256: str | None = None
    taille: int | None = None
    source_empreinte: str = ""


@dataclass(frozen=True)
class JeuDeDonnees:
    """Un jeu de données : ses formes acceptées, son téléchargement, son chargeur."""

    nom: str
    titre: str
    formes: tuple[Forme, ...]
    telechargement: Telechargement | None
    chargeur: str          # « module:fonction » dans keras_facile.donnees
    verificateur: str      # « module:fonction » : lecture complète, renvoie un résumé, ValueError si abîmé
    forme_factice: str     # la forme écrite par creer_donnees_factices

    def forme(self, cle: str) -> Forme:
        for f in self.formes:
            if f.cle == cle:
                return f
        raise KeyError(f"{self.titre} : pas de forme {cle!r} (formes : {[f.cle for f in self.formes]})")

    def _fonction(self, reference: str):
        module, nom = reference.split(":")
        return getattr(importlib.import_module(f"{__package__}.{module}"), nom)

    def charger(self, **options):
        """Appelle le chargeur du jeu (``charger_mnist``…) avec ces options."""
        return self._fonction(self.chargeur)(**options)

    def verifier(self, chemin: Path) -> str:
        """Lit entièrement le jeu trouvé en ``chemin`` ; renvoie un résumé, ``ValueError`` s'il est abîmé."""
        return self._fonction(self.verificateur)(chemin)

    def attendu(self) -> str:
        """Les formes acceptées, une par ligne, avec les noms cherchés (pour les messages d'erreur)."""
        return "\n".join(f"  - {f.description}" + (f" ; nom cherché dans un dossier : {' ou '.join(f.noms)}" if f.noms
                                                    else " ; seulement désigné par chemin=")
                         for f in self.formes)


_TAR = (".tar.gz", ".tgz", ".tar")

REGISTRE: dict[str, JeuDeDonnees] = {}


def _inscrire(jeu: JeuDeDonnees):
    REGISTRE[jeu.nom] = jeu


_inscrire(JeuDeDonnees(
    nom="mnist", titre="MNIST",
    formes=(
        Forme("npz", "un fichier .npz au format keras.datasets.mnist (x_train, y_train, x_test, y_test)",
              noms=("mnist.npz",), suffixes=(".npz",)),
    ),
    telechargement=Telechargement(
        fichier="mnist.npz", url="https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
        forme="npz", sha256="731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1", taille=11490434,
        source_empreinte="keras.datasets.mnist.load_data"),
    chargeur="tableaux:charger_mnist", verificateur="tableaux:verifier_mnist", forme_factice="npz",
))

_inscrire(JeuDeDonnees(
    nom="cifar10", titre="CIFAR-10",
    formes=(
        Forme("npz", "un fichier .npz au format keras.datasets.cifar10 (x_train, y_train, x_test, y_test, "
                     "test_lossless facultatif)",
              noms=("cifar10.npz",), suffixes=(".npz",)),
        Forme("lots", "le dossier des lots de Keras (data_batch_1 … data_batch_5, test_batch)",
              noms=("cifar-10-batches-py",), contenu=("data_batch_*", "test_batch")),
        Forme("archive", "l'archive officielle (.tar.gz)", noms=("cifar-10-python.tar.gz",),
              suffixes=_TAR),
    ),
    telechargement=Telechargement(
        fichier="cifar-10-python.tar.gz", url="https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
        forme="archive", sha256="6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
        taille=170498071, source_empreinte="keras.datasets.cifar10.load_data"),
    chargeur="tableaux:charger_cifar10", verificateur="tableaux:verifier_cifar10", forme_factice="npz",
))

_inscrire(JeuDeDonnees(
    nom="imdb", titre="IMDB",
    formes=(
        Forme("aclImdb", "le dossier des textes bruts ({train,test}/{pos,neg}/<id>_<note>.txt)",
              noms=("aclImdb",), contenu=("train/pos", "train/neg", "test/pos", "test/neg")),
        Forme("archive", "l'archive officielle des textes bruts (.tar.gz)", noms=("aclImdb_v1.tar.gz",), suffixes=_TAR),
        Forme("keras_npz", "le fichier .npz de Keras (indices de mots), avec imdb_word_index.json à côté",
              noms=("imdb.npz",), suffixes=(".npz",)),
    ),
    telechargement=Telechargement(
        fichier="aclImdb_v1.tar.gz", url="https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",
        forme="archive", sha256="c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe",
        taille=84125825, source_empreinte="tensorflow_datasets, imdb_reviews/checksums.tsv"),
    chargeur="imdb:charger_imdb", verificateur="imdb:verifier_imdb", forme_factice="archive",
))

_inscrire(JeuDeDonnees(
    nom="chats_chiens", titre="Chats et chiens",
    formes=(
        Forme("range", "un dossier rangé {train,test}/{cats,dogs}/ (comme pour image_dataset_from_directory)",
              noms=("cats_vs_dogs", "chats_chiens"), contenu=("train/cats", "train/dogs", "test/cats", "test/dogs")),
        Forme("archive_rangee", "l'archive .tar.gz d'un tel dossier", noms=("cats_vs_dogs.tar.gz",),
              suffixes=_TAR),
        Forme("zip", "l'archive .zip de Kaggle (train/cat.N.jpg…) ou de Microsoft (PetImages/{Cat,Dog}/N.jpg)",
              noms=("train.zip", "kagglecatsanddogs_5340.zip"), suffixes=(".zip",)),
        Forme("PetImages", "le dossier {Cat,Dog}/ de l'archive Microsoft", noms=("PetImages",),
              contenu=("Cat", "Dog")),
        Forme("kaggle", "un dossier de photos cat.N.jpg et dog.N.jpg (le train/ de Kaggle)",
              contenu=("cat.*", "dog.*")),
    ),
    telechargement=Telechargement(
        fichier="kagglecatsanddogs_5340.zip",
        url="https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/kagglecatsanddogs_5340.zip",  # noqa: E501
        forme="zip", sha256=None, taille=824887076),
    chargeur="chats_chiens:charger_chats_chiens", verificateur="chats_chiens:verifier_chats_chiens",
    forme_factice="range",
))


def jeu_de_donnees(nom: str) -> JeuDeDonnees:
    """L'entrée du registre pour ``nom`` (``ValueError`` en français si le nom est inconnu)."""
    if not isinstance(nom, str) or nom not in REGISTRE:
        raise ValueError(f"jeu de données inconnu : {nom!r} (jeux connus : {', '.join(REGISTRE)})")
    return REGISTRE[nom]
