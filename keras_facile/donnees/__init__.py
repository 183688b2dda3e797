"""Jeux de données réels (MNIST, IMDB, CIFAR-10, chats/chiens), hors ligne d'abord."""
