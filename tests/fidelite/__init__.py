"""Tests de fidélité tirés du test de mutation (ticket 13)."""
