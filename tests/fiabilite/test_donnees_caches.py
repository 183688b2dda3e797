"""Les caches d'IMDB suivent le contenu de ``aclImdb/`` et survivent à un fichier abîmé."""
import zipfile

import numpy as np
import pytest

from keras_facile import donnees as kd

N_IMDB = 10      # critiques par dossier {train,test}/{pos,neg}


@pytest.fixture
def acl(tmp_path, monkeypatch):
    """Un dossier aclImdb/ factice, un cache neuf, rien d'autre à trouver."""
    data = tmp_path / "data"
    monkeypatch.setenv("KERAS_FACILE_DATA", str(data))
    monkeypatch.setenv("KERAS_FACILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KERAS_FACILE_HORS_LIGNE", "1")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.delenv("KERAS_FACILE_MIROIR", raising=False)
    return kd.creer_jeu_factice("imdb", data, forme="aclImdb", taille=N_IMDB)


def _comptes():
    (x, y), (xt, yt) = kd.charger_imdb()
    return len(x), int(y.sum()), len(xt), int(yt.sum())


def test_imdb_cache_suit_le_contenu(acl):
    assert _comptes() == (2 * N_IMDB, N_IMDB, 2 * N_IMDB, N_IMDB)
    # 5 critiques positives ajoutées au test, 1 négative retirée de l'entraînement
    for k in range(5):
        (acl / "test/pos" / f"{9000 + k}_8.txt").write_text(f"a wonderful film number {k}", encoding="utf-8")
    next(iter(sorted((acl / "train/neg").glob("*.txt")))).unlink()
    assert _comptes() == (2 * N_IMDB - 1, N_IMDB, 2 * N_IMDB + 5, N_IMDB + 5)
    # une critique réécrite (même nom) : les textes suivent aussi
    cible = sorted((acl / "test/pos").glob("*.txt"))[0]
    cible.write_text("zzzunique zzzunique", encoding="utf-8")
    (_, _), (textes, _) = kd.charger_imdb_textes()
    assert "zzzunique zzzunique" in textes


def _cache(tmp_path):
    fichiers = list((tmp_path / "cache" / "imdb").glob("*.npz"))
    assert len(fichiers) == 1, fichiers
    return fichiers[0]


def _tronquer(f):
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])


def _sans_cle(f):
    with np.load(f) as z:
        tableaux = {k: z[k] for k in z.files if k != "train_rangs"}
    np.savez(f, **tableaux)


def _pas_un_zip(f):
    f.write_bytes(b"ceci n'est pas un npz")


def _incoherent(f):
    with np.load(f) as z:
        tableaux = {k: z[k] for k in z.files}
    tableaux["test_etiquettes"] = tableaux["test_etiquettes"][:-3]
    np.savez(f, **tableaux)


@pytest.mark.parametrize("abimer", [_tronquer, _sans_cle, _pas_un_zip, _incoherent])
def test_imdb_cache_abime_reconstruit(acl, tmp_path, abimer, capsys):
    attendu = _comptes()
    f = _cache(tmp_path)
    abimer(f)
    assert _comptes() == attendu
    assert "cache abîmé" in capsys.readouterr().err
    with np.load(_cache(tmp_path)) as z:          # le cache réécrit est complet
        assert "train_rangs" in z.files and len(z["test_etiquettes"]) == 2 * N_IMDB
    assert zipfile.is_zipfile(_cache(tmp_path))


def test_imdb_cache_ecrit_sous_nom_temporaire(acl, tmp_path, monkeypatch):
    """Une écriture interrompue (ici : le disque plein au milieu de np.savez) ne laisse aucun cache."""
    def savez_en_panne(f, **tableaux):
        f.write(b"PK\x03\x04 debut")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kd.imdb.np, "savez", savez_en_panne)
    with pytest.raises(OSError):
        kd.charger_imdb()
    assert not list((tmp_path / "cache" / "imdb").iterdir())
