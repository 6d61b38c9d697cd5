"""Magic-byte sniffing: the type comes from the bytes, never the name."""

from __future__ import annotations

import pytest
from casewise_core.errors import UnsupportedType
from casewise_core.filetypes import JPEG, PDF, PNG, TEXT, TIFF, sniff_media_type


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", PDF),
        (b"\xef\xbb\xbf junk before %PDF-1.4", PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (b"II*\x00\x08\x00\x00\x00", TIFF),
        (b"MM\x00*\x00\x00\x00\x08", TIFF),
        (b"Diagnosis: adenocarcinoma\r\nStage IIB\tpT2a\f", TEXT),
        ("Tumeur: carcinome \u00e9pidermo\u00efde \u2014 PD-L1 \u2265 50%".encode(), TEXT),
    ],
)
def test_known_types_are_recognised(head: bytes, expected: str) -> None:
    assert sniff_media_type(head) == expected


def test_text_cut_inside_a_multibyte_character_is_still_text() -> None:
    head = ("a" * 20 + "\u2014").encode()[:-1]  # the sniff window ends mid-character
    assert sniff_media_type(head) == TEXT


@pytest.mark.parametrize(
    "head",
    [
        b"PK\x03\x04\x14\x00\x06\x00",  # a .docx / zip
        b"GIF89a\x01\x00\x01\x00",
        b"plain text with a NUL\x00 inside",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # legacy .doc
        "caf\u00e9".encode("latin-1") + b" latin-1 is not UTF-8",
        b"\x1b[31m terminal escape codes",
    ],
)
def test_anything_else_is_unsupported(head: bytes) -> None:
    with pytest.raises(UnsupportedType) as info:
        sniff_media_type(head)
    assert info.value.code == "unsupported_type"
