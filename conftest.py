"""Réglages communs à tous les tests (tests/ et exemples des docstrings du paquet) :
aucune fenêtre, TensorFlow discret."""
import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
