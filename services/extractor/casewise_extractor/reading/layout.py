"""A text-layer page's text in reading order, with its ruled tables kept one row per line.

NGS reports put findings in tables. pdfplumber finds the tables; the text outside them comes out as
lines; each table row becomes one line of cells joined by ``" | "`` at the row's position, so
``ROS1 | CD74-ROS1 fusion | —`` stays together in ``Page.text`` and extraction can cite it.
"""

from __future__ import annotations

from typing import Any

from casewise_core.document import Table
from pdfplumber.page import Page as PlumberPage

CELL_SEPARATOR = " | "


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


def _outside(bboxes: list[tuple[float, float, float, float]]) -> Any:
    def keep(obj: dict[str, Any]) -> bool:
        if "x0" not in obj:
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in bboxes)

    return keep


def page_text_and_tables(page: PlumberPage) -> tuple[str, list[Table]]:
    """Text of a pdfplumber page top to bottom, and the tables on it as rows of cells."""
    # Looking for tables costs ~10-25 ms a page; only ruled pages (lines or boxes) can have them.
    found = page.find_tables() if (page.lines or page.rects) else []
    tables: list[Table] = []
    items: list[tuple[float, float, str]] = []
    for found_table in found:
        rows = [[_cell(c) for c in row] for row in found_table.extract()]
        if not any(any(r) for r in rows):
            continue
        tables.append(Table(rows=rows))
        for row, cells in zip(found_table.rows, rows, strict=True):
            if any(cells):
                items.append((row.bbox[1], row.bbox[0], CELL_SEPARATOR.join(cells)))
    rest = page.filter(_outside([t.bbox for t in found])) if found else page
    for line in rest.extract_text_lines(return_chars=False):
        items.append((line["top"], line["x0"], line["text"]))
    items.sort(key=lambda item: (round(item[0], 1), item[1]))
    return "\n".join(text for _, _, text in items), tables
