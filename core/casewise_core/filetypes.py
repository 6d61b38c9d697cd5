"""Which kind of file an upload is, from its first bytes (never from its name or declared type).

Shared by the API (refuse early, before queueing) and the reader (dispatch). Standard library only.
"""

from __future__ import annotations

from casewise_core.errors import UnsupportedType

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
TEXT = "text/plain"

SUPPORTED: tuple[str, ...] = (PDF, PNG, JPEG, TIFF, TEXT)

#: How many leading bytes :func:`sniff_media_type` wants; more is fine, fewer may misjudge text.
SNIFF_BYTES = 8192

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)

# A PDF header may follow some junk (readers accept it within the first 1024 bytes).
_PDF_HEADER_WINDOW = 1024


def sniff_media_type(head: bytes) -> str:
    """Return the media type of a file from its first bytes (ideally :data:`SNIFF_BYTES` of them).

    One of ``application/pdf``, ``image/png``, ``image/jpeg``, ``image/tiff`` or ``text/plain``
    (valid UTF-8 without NUL bytes; a multi-byte character cut at the end of ``head`` is allowed).
    Raises :class:`~casewise_core.errors.UnsupportedType` for anything else.
    """
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return PDF
    if _is_utf8_text(head):
        return TEXT
    raise UnsupportedType()


def _is_utf8_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        # Only a character cut by the sniff window may be incomplete: at most 3 bytes from the end.
        if err.reason != "unexpected end of data" or err.start < len(head) - 3:
            return False
    return not any(_is_control(b) for b in head)


def _is_control(byte: int) -> bool:
    """C0 controls other than tab, newline, carriage return and form feed mark a binary file."""
    return byte < 0x20 and byte not in (0x09, 0x0A, 0x0D, 0x0C) or byte == 0x7F
