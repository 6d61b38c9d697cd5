"""A text-layer page's text in reading order, with its ruled tables kept one row per line.

NGS reports put findings in tables. pdfplumber finds the tables; the text outside them comes out as
lines; each table row becomes one line of cells joined by ``" | "`` at the row's position, so
``ROS1 | CD74-ROS1 fusion | —`` stays together in ``Page.text`` and extraction can cite it. The
lines outside tables are reflowed (``reflow``): a sentence the PDF wrapped is one line again.
"""

from __future__ import annotations

from statistics import median
from typing import Any

from casewise_core.document import Table
from pdfplumber.page import Page as PlumberPage

from casewise_extractor.reading.cells import cell_text
from casewise_extractor.reading.reflow import Line, frame_for, reflow

CELL_SEPARATOR = " | "
#: A gap between two glyphs wider than this many font sizes separates columns, not words
#: ("Accession: S26-04417      Collected: 2026-03-02"): nothing is joined onto such a line.
COLUMN_GAP = 1.0
#: Width of a space in a font size, where the line shows no word gap to measure (Helvetica: 0.278).
SPACE_SHARE = 0.28


#: Glyphs of symbol fonts that carry no Unicode map: pdfplumber gives their raw codes ("3" for a tick).
#: Mapped by the Adobe glyph lists, so a result column of ticks and crosses reads as such.
_DINGBATS = {"3": "\u2713", "4": "\u2714", "7": "\u2717", "8": "\u2718", "l": "\u25cf", "m": "\u274d"}
_SYMBOL = {"-": "\u2212", "\xb1": "\u00b1", "\xae": "\u2192"}


def _map_symbol_fonts(page: PlumberPage) -> None:
    """Give ZapfDingbats and Symbol glyphs their real characters, in place, before any text is read."""
    for c in page.chars:
        font = str(c.get("fontname", "")).lower()
        if "dingbat" in font:
            c["text"] = _DINGBATS.get(c["text"], c["text"])
        elif "symbol" in font:
            c["text"] = _SYMBOL.get(c["text"], c["text"])


def _outside(bboxes: list[tuple[float, float, float, float]]) -> Any:
    def keep(obj: dict[str, Any]) -> bool:
        if "x0" not in obj:
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in bboxes)

    return keep


def _text_line(found: dict[str, Any]) -> Line:
    """A pdfplumber text line with the geometry reflow needs, measured on its glyphs."""
    text: str = found["text"]
    glyphs = [c for c in found["chars"] if c["text"].strip()]
    if not glyphs:
        return Line(text, found["x0"], found["x1"], found["top"], 0.0, 0.0, 0.0, fixed=True)
    size = float(median(c["size"] for c in glyphs))
    gaps = [b["x0"] - a["x1"] for a, b in zip(glyphs, glyphs[1:], strict=False)]
    word_gaps = [g for g in gaps if 0.15 * size < g <= COLUMN_GAP * size]
    first = len(text.split()[0]) if text.split() else 1
    first_end = glyphs[min(first, len(glyphs)) - 1]["x1"]
    return Line(
        text=text,
        x0=float(found["x0"]),
        x1=float(found["x1"]),
        top=float(found["top"]),
        size=size,
        space=float(median(word_gaps)) if word_gaps else SPACE_SHARE * size,
        first_word=float(first_end - glyphs[0]["x0"]),
        bold=all("bold" in str(c.get("fontname", "")).lower() for c in glyphs),
        columns=any(g > COLUMN_GAP * size for g in gaps),
    )


def _row(bbox: tuple[float, float, float, float], text: str) -> Line:
    x0, top, x1, _ = bbox
    return Line(text, x0, x1, top, 0.0, 0.0, 0.0, fixed=True)


def page_text_and_tables(page: PlumberPage) -> tuple[str, list[Table]]:
    """Text of a pdfplumber page top to bottom, and the tables on it as rows of cells."""
    _map_symbol_fonts(page)
    # Looking for tables costs ~10-25 ms a page; only ruled pages (lines or boxes) can have them.
    found = page.find_tables() if (page.lines or page.rects) else []
    tables: list[Table] = []
    items: list[Line] = []
    for found_table in found:
        rows = [
            [cell_text(page, bbox, value) for bbox, value in zip(row.cells, values, strict=True)]
            for row, values in zip(found_table.rows, found_table.extract(), strict=True)
        ]
        if not any(any(r) for r in rows):
            continue
        tables.append(Table(rows=rows))
        for row, cells in zip(found_table.rows, rows, strict=True):
            if any(cells):
                items.append(_row(row.bbox, CELL_SEPARATOR.join(cells)))
    rest = page.filter(_outside([t.bbox for t in found])) if found else page
    items += [_text_line(line) for line in rest.extract_text_lines(return_chars=True)]
    items.sort(key=lambda item: (round(item.top, 1), item.x0))
    return "\n".join(reflow(items, frame_for(items, float(page.width)))), tables
