"""Uploaded files at rest: encrypted, named by content hash, one copy per case.

Layout: ``<root>/<case_id>/<sha256>``; the storage key is ``"<case_id>/<sha256>"``. The client's
filename never reaches the disk. Each file is AES-256-GCM encrypted (key from ``file_key`` or
``<data_dir>/file.key``, a Fernet-format key: 32 url-safe base64 bytes), with the storage key as
associated data, so a file moved or swapped under another name fails to decrypt.

Why one copy per case rather than a shared blob with a reference count: a case is deleted with one
directory removal, and no count has to stay consistent across API and worker processes racing an
upload of the same file into another case. The price is a duplicate copy when two cases upload the
same file, which is rare (each case is one patient).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casewise_core.errors import CasewiseError, CorruptFile, NotFound

if TYPE_CHECKING:
    from casewise_core.settings import StorageSettings

_MAGIC = b"CWF1"
_NONCE = 12
_ID = re.compile(r"^[0-9a-f]{8,64}$")
_KEY = re.compile(r"^([0-9a-f]{8,64})/([0-9a-f]{64})$")


class FileKeyError(CasewiseError):
    code = "file_key_invalid"
    message = "The file encryption key is not valid. Set CASEWISE_FILE_KEY to a Fernet key (44 characters)."


def _decode_key(key: bytes) -> bytes:
    raw = key.strip()
    if len(raw) == 32:
        return raw
    try:
        decoded = base64.urlsafe_b64decode(raw)
    except (binascii.Error, ValueError) as exc:
        raise FileKeyError() from exc
    if len(decoded) != 32:
        raise FileKeyError()
    return decoded


def load_or_create_key(settings: StorageSettings) -> bytes:
    """The file key from ``settings.file_key``, else ``<data_dir>/file.key`` (created 0600 if absent)."""
    if settings.file_key:
        key = settings.file_key.encode()
        _decode_key(key)
        return key
    path = settings.data_dir / "file.key"
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = base64.urlsafe_b64encode(os.urandom(32))
    try:
        # O_EXCL: two processes starting together agree on the first key written.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


class FileStore:
    """Encrypted, content-addressed file storage under ``root``."""

    def __init__(self, root: Path, key: bytes) -> None:
        self.root = Path(root)
        self._aead = AESGCM(_decode_key(key))

    @classmethod
    def from_settings(cls, settings: StorageSettings) -> FileStore:
        return cls(settings.resolved_files_dir, load_or_create_key(settings))

    def _path(self, storage_key: str) -> Path:
        if not _KEY.match(storage_key):
            raise NotFound("No such file.")
        case_id, digest = storage_key.split("/")
        return self.root / case_id / digest

    def put(self, data: bytes, *, case_id: str) -> str:
        """Store ``data`` for ``case_id``; return its storage key. Idempotent for the same bytes."""
        if not _ID.match(case_id):
            raise ValueError("case_id must be a hex id")
        storage_key = f"{case_id}/{hashlib.sha256(data).hexdigest()}"
        path = self._path(storage_key)
        if path.exists():
            return storage_key
        path.parent.mkdir(parents=True, exist_ok=True)
        nonce = os.urandom(_NONCE)
        blob = _MAGIC + nonce + self._aead.encrypt(nonce, data, storage_key.encode())
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return storage_key

    def get(self, storage_key: str) -> bytes:
        """The plaintext bytes; ``NotFound`` if absent, ``CorruptFile`` if tampered or truncated."""
        try:
            blob = self._path(storage_key).read_bytes()
        except FileNotFoundError as exc:
            raise NotFound("No such file.") from exc
        if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _NONCE + 16:
            raise CorruptFile()
        nonce = blob[len(_MAGIC) : len(_MAGIC) + _NONCE]
        try:
            return self._aead.decrypt(nonce, blob[len(_MAGIC) + _NONCE :], storage_key.encode())
        except InvalidTag as exc:
            raise CorruptFile() from exc

    def exists(self, storage_key: str) -> bool:
        try:
            return self._path(storage_key).exists()
        except NotFound:
            return False

    def delete(self, storage_key: str) -> None:
        """Remove one file; absent files are fine (deletion is idempotent)."""
        self._path(storage_key).unlink(missing_ok=True)

    def delete_case(self, case_id: str) -> None:
        """Remove every file of one case; other cases' copies of the same bytes are untouched."""
        if not _ID.match(case_id):
            raise ValueError("case_id must be a hex id")
        shutil.rmtree(self.root / case_id, ignore_errors=True)
