"""Dates a narrow table column cut at the year, joined again in OCR text.

A date column as narrow as its dates wraps "05/14/2019" after the last slash (or inside the year):
the row's line opens with "05/14/" and "2019" lands on the line below, alone or before the other
cells' wrapped ends (Tesseract reads it as a line or a paragraph of its own). Cut, the row has no
date, so a dated results table cannot tell the 2019 receptor result from the 2025 one. A text-layer
PDF keeps cells whole (``cells``); OCR has only the text, so the year is moved back here.
"""

from __future__ import annotations

import re

# a line that opens with a month (and day) and a slash, and at most the start of a year, before a
# cell bar, the line's end or a word: "05/14/ | Left breast core", "06/201 | Blood"
_CUT = re.compile(r"(\d{1,2}/(?:\d{1,2}/)?)(\d{0,3})(?=[ \t]*(?:\||$)|[ \t]+[A-Za-z])")
# the rest of the year, opening a line of its own
_REST = re.compile(r"(\d{1,4})(?:[ \t]+|$)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MAX_GAP = 1  # blank lines between the cut date and its year (Tesseract may call the year a paragraph)


def join_cut_dates(text: str) -> str:
    """``text`` with each date cut at its year made whole, the year taken off the line below (and
    that line dropped, with the blank line before it, when nothing else was on it)."""
    if "/" not in text:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        cut = _CUT.match(lines[i])
        j = i + 1
        while cut is not None and j < len(lines) and j - i - 1 < _MAX_GAP and not lines[j].strip():
            j += 1
        rest = _REST.match(lines[j]) if cut is not None and j < len(lines) else None
        if cut is not None and rest is not None and _YEAR.fullmatch(cut.group(2) + rest.group(1)):
            lines[i] = cut.group(0) + rest.group(1) + lines[i][cut.end() :]
            left = lines[j][rest.end() :]
            lines[i + 1 : j + 1] = [left] if left else []
        i += 1
    return "\n".join(lines)
