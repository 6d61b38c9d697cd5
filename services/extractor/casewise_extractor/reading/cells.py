"""Table cells whose text wrapped inside a narrow column, read back as the words they hold.

pdfplumber gives a cell's lines joined by newlines; written with spaces, a word too wide for its
column and split by the layout comes out as two tokens ("BRC A1", "c.5266dup C", "Protei n"), and the
gene or variant is lost. A layout splits a word inside only when the word alone overruns the column:
its first line is one token that fills the cell to the inner right edge, leaving no room for even
the next character. Such a break is joined without a space; other breaks are word wraps, joined
with one (or at a hyphen, as ``reflow.join`` decides).
"""

from __future__ import annotations

from typing import Any

from pdfplumber.page import Page as PlumberPage

from casewise_extractor.reading.reflow import join

Bbox = tuple[float, float, float, float]

#: Slack, in points, for the right padding not mirroring the left exactly.
ROOM_SLACK = 1.0


def _inside(bbox: Bbox) -> Any:
    x0, top, x1, bottom = bbox

    def keep(obj: dict[str, Any]) -> bool:
        if "x0" not in obj:
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return x0 <= cx <= x1 and top <= cy <= bottom

    return keep


def _split_word(line: dict[str, Any], nxt: dict[str, Any], bbox: Bbox) -> bool:
    """Did the layout break a single over-wide word between ``line`` and ``nxt``?"""
    text, following = line["text"].strip(), nxt["text"].strip()
    if not text or not following or any(ch.isspace() for ch in text) or text.endswith("-"):
        return False
    glyphs = [c for c in nxt["chars"] if c["text"].strip()]
    if not glyphs:
        return False
    padding = min(max(line["x0"] - bbox[0], 0.0), 12.0)  # the cell's left padding, mirrored
    room = (bbox[2] - padding) - line["x1"]
    return room < glyphs[0]["x1"] - glyphs[0]["x0"] + ROOM_SLACK


def cell_text(page: PlumberPage, bbox: Bbox | None, extracted: str | None) -> str:
    """One cell's text on one line; ``extracted`` is pdfplumber's own reading of the cell."""
    if not extracted or "\n" not in extracted or bbox is None:
        return " ".join((extracted or "").split())
    lines = [
        ln for ln in page.filter(_inside(bbox)).extract_text_lines(return_chars=True) if ln["text"].strip()
    ]
    if not lines:
        return " ".join(extracted.split())
    out = lines[0]["text"].strip()
    for line, nxt in zip(lines, lines[1:], strict=False):
        following = nxt["text"].strip()
        out = out + following if _split_word(line, nxt, bbox) else join(out, following)
    return " ".join(out.split())
