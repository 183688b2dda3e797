"""Réglages faits avant le premier import de Keras / TensorFlow.

TensorFlow écrit au chargement des messages techniques (pilotes CUDA absents,
oneDNN…) directement sur le descripteur 2, sans passer par ``logging`` : on les
capte pendant l'import et on ne réaffiche que les lignes inattendues.
"""
import os
import re
import sys
import tempfile

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

_BRUIT = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\)|[IWE]\d{4} .*(cudart_stub|cuda_|port\.cc|"
    r"cpu_feature_guard|cuInit|computation_placer|oneDNN)|To enable the following instructions|"
    r"This TensorFlow binary is optimized)"
)


def _importer_tensorflow_en_silence():
    if "tensorflow" in sys.modules or os.environ.get("KERAS_FACILE_JOURNAUX_TF"):
        return
    try:
        sys.stderr.flush()
        sauvegarde = os.dup(2)
    except (OSError, ValueError, AttributeError):  # pas de vrai descripteur (notebook…)
        return
    with tempfile.TemporaryFile(mode="w+b") as capture:
        os.dup2(capture.fileno(), 2)
        try:
            import tensorflow as tf

            tf.config.list_physical_devices()  # déclenche ici la recherche (vaine) de GPU
        finally:
            os.dup2(sauvegarde, 2)
            os.close(sauvegarde)
            capture.seek(0)
            for ligne in capture.read().decode("utf-8", "replace").splitlines():
                if ligne.strip() and not _BRUIT.search(ligne):
                    print(ligne, file=sys.stderr)


_importer_tensorflow_en_silence()
