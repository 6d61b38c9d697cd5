"""A stain table's control column, blanked before its rows are read.

Immunostain tables often give the internal (or external) control beside the tumour's result::

    Antibody (clone) | Result in tumour            | Internal control
    PMS2 (A16-4)     | Loss of nuclear expression  | Intact
    MSH2 (G219-1129) | Intact nuclear expression   | Intact

The control cell says the stain worked in the background cells ("Intact", "Positive"), not what the
tumour did. Read as one clause with the result, its "Intact" outranked the tumour's "Loss" and a
lost protein came out retained. A row under such a heading row, with as many cells, is read with its
control cell blanked (same length, so every offset stays where it was).
"""

from __future__ import annotations

import re

# a heading cell naming the control: "Internal control", "Control", "External control (tonsil)"
_CONTROL_HEADING = re.compile(
    r"\s*(?:(?:internal|external|positive|negative|on-?slide|tissue)\s+)?controls?\b[^|]{0,30}$", re.I
)
# a heading row names no result in its cells: "Antibody (clone) | Result | Internal control"
_RESULT_WORD = re.compile(r"\b(?:intact|retained|lost|loss|positive|negative|absent|present)\b", re.I)


def _cells(text: str) -> list[tuple[int, int]]:
    """Each cell of a ``|`` row as (start, end) in ``text``."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "|":
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def control_heading(text: str) -> tuple[int, int] | None:
    """(the control column's index, the row's cell count) when ``text`` is a table heading row with
    a control column, else None."""
    if "|" not in text or "\n" in text.strip():
        return None
    cells = [text[a:b] for a, b in _cells(text)]
    hits = [i for i, c in enumerate(cells) if _CONTROL_HEADING.fullmatch(c)]
    if len(hits) != 1 or hits[0] == 0 or any(_RESULT_WORD.search(c) for c in cells):
        return None
    return hits[0], len(cells)


def mask_control(text: str, column: tuple[int, int], names: list[tuple[int, int]]) -> str:
    """``text`` with its control cell blanked, when it is a row with the heading's cell count and
    no gene named in that cell (``names``: the mentions' spans in ``text``)."""
    cells = _cells(text)
    index, count = column
    if "\n" in text.strip() or len(cells) != count:
        return text
    a, b = cells[index]
    if any(a < end and start < b for start, end in names):
        return text
    return text[:a] + " " * (b - a) + text[b:]
