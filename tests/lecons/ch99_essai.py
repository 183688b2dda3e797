# %% [markdown]
# # Chapitre 99 — essai
#
# Une petite leçon pour tester le coureur.

# %%
from keras_facile import *
from keras_facile.lecon import demarrer_lecon

lecon = demarrer_lecon(rapide=False, graine=0, figures=None)
COMMUN = 10

# %% [markdown]
# ## §1 — Première section
#
# Une courbe et une taille.

# %%
lecon.section("un", duree="1 s")
HAUTEUR = lecon.taille(10, rapide=1)
fig, ax = plt.subplots()
ax.plot([0, 1], [0, HAUTEUR])
lecon.figure(fig, "courbe")
lecon.comparer("hauteur", HAUTEUR, livre=10)

# %%
mode = "rapide" if lecon.rapide else "normal"
oubliee = plt.figure()   # une figure sans lecon.figure : enregistrée quand même, nom automatique

# %% [markdown]
# ## §2 — Seconde section

# %%
lecon.section("deux")
tirage = float(np.random.rand())
lecon.comparer("commun", COMMUN, livre=10)
