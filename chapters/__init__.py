"""Les scripts des chapitres (un par chapitre du livre), au format « percent » de jupytext.

Dans le dépôt ils sont ici, dans ``chapters/`` ; une installation ordinaire les livre
dans le paquet, sous ``keras_facile/chapitres``. Voir :mod:`keras_facile.lecon`.
"""
