"""Receiving uploads safely: stream the multipart body, count bytes, validate by content.

A huge body is refused before it is read (``Content-Length``) and again while it streams (a running
byte count per file and for the whole body), so a 2 GB upload never reaches memory: each file part
goes to a spooled temporary file (memory up to 1 MiB, then disk). Validation looks at the bytes, not
the client's name or declared type: magic bytes (``casewise_core.filetypes``), then for PDFs the
page count with pypdfium2 (encrypted, corrupt, empty, too many pages) and for images the pixel
count from the header (a decompression bomb is refused before a worker decodes it). The client's
filename is only ever a display name, sanitised here.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import IO, Any

from casewise_core.errors import (
    CorruptFile,
    EmptyDocument,
    EncryptedPdf,
    FileTooLarge,
    ImageTooLarge,
    InputError,
    NoFiles,
    TooManyFiles,
    TooManyPages,
)
from fastapi import Request
from python_multipart.multipart import MultipartParser, parse_options_header

FIELD = "files"
MAX_FILES = 20
SPOOL_BYTES = 1024 * 1024
#: Multipart framing allowance per part (boundary and headers) on top of the file bytes.
PART_OVERHEAD = 16 * 1024
_PDFIUM_LOCK = threading.Lock()
_EOF_WINDOW = 2048
_EMPTY_PAGE_TREE = re.compile(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]+")


def _too_many_files() -> TooManyFiles:
    return TooManyFiles(f"Too many files in one upload. Send at most {MAX_FILES} at a time.")


@dataclass
class ReceivedFile:
    filename: str
    spool: IO[bytes]
    size: int = 0
    digest: Any = field(default_factory=hashlib.sha256)
    head: bytes = b""

    @property
    def sha256(self) -> str:
        return str(self.digest.hexdigest())

    def read_all(self) -> bytes:
        self.spool.seek(0)
        return self.spool.read()

    def close(self) -> None:
        self.spool.close()


def display_name(filename: str | None) -> str:
    """A safe display name: last path component, no control or reserved characters, <= 200 chars."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    name = re.sub(r"\s+", " ", name)
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:190] + dot + ext[:9]) if dot and len(ext) <= 9 else name[:200]
    return name or "document"


def body_limit(max_file_bytes: int) -> int:
    return MAX_FILES * (max_file_bytes + PART_OVERHEAD)


class _Receiver:
    def __init__(self, max_file_bytes: int) -> None:
        self.max_file_bytes = max_file_bytes
        self.files: list[ReceivedFile] = []
        self.parts = 0
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._current: ReceivedFile | None = None

    def on_part_begin(self) -> None:
        self._headers = {}
        self._current = None
        self.parts += 1
        if self.parts > MAX_FILES * 2:
            raise _too_many_files()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = b""
        self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if name != FIELD or b"filename" not in options:
            return  # other fields are ignored (their bytes still count toward the body limit)
        if len(self.files) >= MAX_FILES:
            raise _too_many_files()
        raw_name = options[b"filename"].decode("utf-8", "replace")
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (closed by ReceivedFile.close)
        self._current = ReceivedFile(filename=display_name(raw_name), spool=spool)
        self.files.append(self._current)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        f = self._current
        if f is None:
            return
        chunk = data[start:end]
        f.size += len(chunk)
        if f.size > self.max_file_bytes:
            raise FileTooLarge()
        if len(f.head) < 8192:
            f.head += chunk[: 8192 - len(f.head)]
        f.digest.update(chunk)
        f.spool.write(chunk)

    def on_part_end(self) -> None:
        self._current = None


async def receive_files(request: Request, max_file_bytes: int) -> list[ReceivedFile]:
    """Stream the ``files`` parts of a multipart body to spooled temp files; enforce size limits."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise InputError("Send the files as multipart/form-data in the field 'files'.")
    limit = body_limit(max_file_bytes)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise FileTooLarge()
    receiver = _Receiver(max_file_bytes)
    callbacks: Any = {
        name: getattr(receiver, name)
        for name in (
            "on_part_begin",
            "on_part_data",
            "on_part_end",
            "on_header_field",
            "on_header_value",
            "on_header_end",
            "on_headers_finished",
        )
    }
    parser = MultipartParser(params[b"boundary"], callbacks)
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise FileTooLarge()
            parser.write(chunk)
        parser.finalize()
    except BaseException:
        for f in receiver.files:
            f.close()
        raise
    if not receiver.files:
        raise NoFiles()
    return receiver.files


def pdf_page_count(data: bytes | IO[bytes], max_pages: int) -> int:
    """Pages in a PDF; ``EncryptedPdf``, ``CorruptFile``, ``EmptyDocument`` or ``TooManyPages``.

    ``data`` may be an open binary file: pdfium then reads only what it needs (the page tree),
    not the whole upload into memory.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if isinstance(data, bytes):
        tail = data[-_EOF_WINDOW:]
    else:
        data.seek(0, 2)
        data.seek(max(data.tell() - _EOF_WINDOW, 0))
        tail = data.read()
        data.seek(0)
    # pdfium silently "repairs" an interrupted download (dropping pages); a whole PDF ends in %%EOF.
    if b"%%EOF" not in tail:
        raise CorruptFile()
    with _PDFIUM_LOCK:  # pdfium is not thread-safe; uploads are validated in a thread pool
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raw = data if isinstance(data, bytes) else (data.seek(0), data.read())[1]
            # pdfium refuses an empty page tree as a format error; tell that case apart. Its error
            # code can be stale from an earlier call, so encryption is confirmed from the trailer.
            if _EMPTY_PAGE_TREE.search(raw) and not _PAGE_OBJECT.search(raw):
                raise EmptyDocument() from exc
            if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in raw:
                raise EncryptedPdf() from exc
            raise CorruptFile() from exc
        try:
            pages = len(pdf)
        finally:
            pdf.close()
    if pages == 0:
        raise EmptyDocument()
    if pages > max_pages:
        raise TooManyPages()
    return pages


def image_pixels(data: IO[bytes], max_pixels: int) -> None:
    """Refuse a decompression bomb from the image's header alone (Pillow decodes no pixels here):
    ``ImageTooLarge`` over ``max_pixels``, ``CorruptFile`` when the header cannot be read."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    data.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(data) as img:
                width, height = img.size
    except Image.DecompressionBombError as exc:  # Pillow's own guard, far above ours
        raise ImageTooLarge() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptFile() from exc
    finally:
        data.seek(0)
    if width * height > max_pixels:
        raise ImageTooLarge()


def inspect_file(
    f: ReceivedFile, max_pages: int, *, max_image_pixels: int | None = None
) -> tuple[str, int | None]:
    """(media type, page count) judged from the content; raises the matching ``InputError``."""
    from casewise_core.filetypes import PDF, TEXT, sniff_media_type

    if f.size == 0:
        raise EmptyDocument()
    media_type = sniff_media_type(f.head)
    if media_type == PDF:
        f.spool.seek(0)
        return media_type, pdf_page_count(f.spool, max_pages)
    if media_type == TEXT:
        return media_type, None
    if max_image_pixels is not None:
        image_pixels(f.spool, max_image_pixels)
    return media_type, 1
