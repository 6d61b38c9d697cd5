"""FileStore: encryption at rest, content-hash names, per-case copies, key handling."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from casewise_core.errors import CorruptFile, NotFound
from casewise_core.settings import StorageSettings
from casewise_core.storage.files import FileKeyError, FileStore, load_or_create_key

CASE_A = "a" * 32
CASE_B = "b" * 32
DATA = b"%PDF-1.4 Patient: Jane Example. EGFR exon 19 deletion detected."


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files", load_or_create_key(StorageSettings(data_dir=tmp_path)))


def test_round_trip_encrypted_and_named_by_hash(store: FileStore) -> None:
    key = store.put(DATA, case_id=CASE_A)
    assert key == f"{CASE_A}/{hashlib.sha256(DATA).hexdigest()}"
    on_disk = (store.root / key).read_bytes()
    assert b"Jane" not in on_disk and b"EGFR" not in on_disk
    assert store.get(key) == DATA
    assert store.put(DATA, case_id=CASE_A) == key  # idempotent


def test_shared_file_survives_deleting_the_other_case(store: FileStore) -> None:
    ka = store.put(DATA, case_id=CASE_A)
    kb = store.put(DATA, case_id=CASE_B)
    store.delete_case(CASE_A)
    assert not store.exists(ka)
    assert store.get(kb) == DATA
    store.delete(kb)
    store.delete(kb)  # idempotent
    with pytest.raises(NotFound):
        store.get(kb)


def test_tampered_or_moved_file_is_corrupt(store: FileStore) -> None:
    key = store.put(DATA, case_id=CASE_A)
    path = store.root / key
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(CorruptFile):
        store.get(key)
    # a valid ciphertext under another case's name is refused too (name is authenticated)
    other = store.put(b"other bytes", case_id=CASE_B)
    (store.root / CASE_B / key.split("/")[1]).write_bytes((store.root / other).read_bytes())
    with pytest.raises(CorruptFile):
        store.get(f"{CASE_B}/{key.split('/')[1]}")


def test_keys_cannot_escape_the_root(store: FileStore) -> None:
    for bad in ("../etc/passwd", f"{CASE_A}/../../x", "report.pdf", f"{CASE_A}/{'z' * 64}"):
        with pytest.raises(NotFound):
            store.get(bad)
    with pytest.raises(ValueError):
        store.put(DATA, case_id="../x")


def test_key_file_created_0600_and_reused(tmp_path: Path) -> None:
    settings = StorageSettings(data_dir=tmp_path / "var")
    k1 = load_or_create_key(settings)
    mode = stat.S_IMODE((tmp_path / "var" / "file.key").stat().st_mode)
    assert mode == 0o600
    assert load_or_create_key(settings) == k1
    wrong = FileStore(tmp_path / "f", b"x" * 32)
    right = FileStore(tmp_path / "f", k1)
    key = right.put(DATA, case_id=CASE_A)
    with pytest.raises(CorruptFile):
        wrong.get(key)


def test_invalid_configured_key_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(FileKeyError):
        load_or_create_key(StorageSettings(data_dir=tmp_path, file_key="not-a-key"))
