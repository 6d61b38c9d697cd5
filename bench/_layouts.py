"""Benchmark documents in three reading modes: as text, as a text-layer PDF, as a scanned PDF.

A document is a ``NAME.txt`` (printed as is) or a ``NAME.layout.json`` (``{"pages": [[BLOCK, ...]]}``
with ``{"heading": ...}``, ``{"text": ...}`` and ``{"table": [[cell, ...], ...]}`` blocks; first table
row is the header). ``text`` mode skips the reading stage; ``pdf`` and ``scan`` draw the document
(tables as ruled tables, not text with pipes) and read it back with the same
``casewise_extractor.reading.read_document`` call ``casewise extract`` makes, so table extraction
and OCR are measured with the rules. Rendered files are cached under ``bench/out/render/`` by content
hash: a rerun reads them again but does not redraw them.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
RENDER_DIR = HERE / "out" / "render"
MODES = ("text", "pdf", "scan")
#: Bump when the drawing changes, so cached renders are not reused.
RENDER_VERSION = "1"
SCAN_DPI = 200
#: Fraction of pixels flipped to speckle on a scan (as records.py's scanned_pdf tests use).
SCAN_NOISE = 0.002
CELL_SEPARATOR = " | "  # what casewise_extractor.reading.layout puts between table cells

Block = dict[str, Any]


def is_document(path: Path) -> bool:
    """A benchmark document (not a gold file)."""
    return path.is_file() and (path.name.endswith(".layout.json") or path.suffix == ".txt")


def gold_path(path: Path) -> Path:
    """``NAME.gold.json`` beside ``NAME.txt`` or ``NAME.layout.json``."""
    stem = path.name.removesuffix(".layout.json").removesuffix(".txt")
    return path.with_name(stem + ".gold.json")


def layout_pages(path: Path) -> list[list[Block]]:
    """A document's pages as blocks; a ``.txt`` page (split on form feeds) is one ``lines`` block."""
    if path.name.endswith(".layout.json"):
        pages: list[list[Block]] = json.loads(path.read_text(encoding="utf-8"))["pages"]
        return pages
    return [[{"lines": part}] for part in path.read_text(encoding="utf-8").split("\f")]


def _cell(value: object) -> str:
    return " ".join(str(value if value is not None else "").split())


def flatten(blocks: list[Block]) -> str:
    """One page as the reading stage prints it: headings and paragraphs as lines, rows as cells."""
    lines: list[str] = []
    for block in blocks:
        if "table" in block:
            lines += [CELL_SEPARATOR.join(_cell(c) for c in row) for row in block["table"]]
        else:
            lines.append(block.get("heading") or block.get("text") or block.get("lines") or "")
    return "\n".join(lines)


def read(path: Path, mode: str) -> Any:
    """The ``casewise_core.document.Document`` of ``path`` as ``mode`` reads it."""
    from casewise_core.document import Document, Page

    if mode == "text":
        if path.suffix == ".txt":  # one page, exactly as the file holds it (the historical figures)
            texts = [path.read_text(encoding="utf-8")]
        else:
            texts = [flatten(blocks) for blocks in layout_pages(path)]
        pages = [Page(number=i, text=t, method="plain_text") for i, t in enumerate(texts, 1)]
        digest = hashlib.sha256("\f".join(texts).encode()).hexdigest()
        return Document(name=path.name, media_type="text/plain", sha256=digest, pages=pages)
    from casewise_extractor.reading import read_document

    return read_document(render(path, mode), path.name)


def render(path: Path, mode: str) -> Path:
    """The cached PDF of ``path`` drawn for ``mode`` (``pdf`` or ``scan``), drawn if missing."""
    key = hashlib.sha256(f"{mode}:{RENDER_VERSION}:".encode() + path.read_bytes()).hexdigest()[:24]
    out = RENDER_DIR / f"{key}.pdf"
    if not out.exists():
        RENDER_DIR.mkdir(parents=True, exist_ok=True)
        pdf = text_layer_pdf(layout_pages(path))
        data = pdf if mode == "pdf" else scanned(pdf, seed=int(key[:8], 16))
        tmp = out.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(out)
    return out


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    return {
        "heading": ParagraphStyle(
            "heading", fontName="Helvetica-Bold", fontSize=12, leading=16, spaceBefore=6
        ),
        "text": ParagraphStyle("text", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4),
        "lines": ParagraphStyle("lines", fontName="Helvetica", fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=9.5, leading=12),
        "header": ParagraphStyle("header", fontName="Helvetica-Bold", fontSize=9.5, leading=12),
    }


def _markup(text: str) -> str:
    """Paragraph markup for one printed line: escaped, runs of spaces kept (they align columns)."""
    words = escape(text).split(" ")
    return " ".join(w if w else "&nbsp;" for w in words)


def _table(rows: list[list[Any]], width: float, styles: dict[str, Any]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    cells = [[_cell(c) for c in row] for row in rows]
    ncols = max(len(r) for r in cells)
    cells = [r + [""] * (ncols - len(r)) for r in cells]
    # Columns as wide as their longest cell asks, within the page; cells wrap inside (Paragraphs).
    want = [max(8, min(40, max(len(r[i]) for r in cells))) for i in range(ncols)]
    widths = [width * w / sum(want) for w in want]
    flow = [
        [Paragraph(escape(c), styles["header" if i == 0 else "cell"]) for c in row]
        for i, row in enumerate(cells)
    ]
    table = Table(flow, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.75, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def text_layer_pdf(pages: list[list[Block]]) -> bytes:
    """Letter pages with a real text layer; long lines wrap and long pages flow onto the next."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    styles = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=LETTER, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=72
    )
    story: list[Any] = []
    for i, blocks in enumerate(pages):
        if i:
            story.append(PageBreak())
        for block in blocks:
            if "table" in block:
                story += [Spacer(1, 4), _table(block["table"], doc.width, styles), Spacer(1, 6)]
            elif "lines" in block:
                for line in block["lines"].split("\n"):
                    story.append(Paragraph(_markup(line), styles["lines"]) if line.strip() else Spacer(1, 13))
            else:
                kind = "heading" if "heading" in block else "text"
                story.append(Paragraph(escape(_cell(block[kind])), styles[kind]))
    doc.build(story or [Spacer(1, 1)])
    return buf.getvalue()


def _speckle(img: Any, fraction: float, seed: int) -> Any:
    rng = random.Random(seed)
    px = img.load()
    w, h = img.size
    for _ in range(int(w * h * fraction)):
        px[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 255))
    return img


def scanned(pdf: bytes, *, seed: int, dpi: int = SCAN_DPI, noise: float = SCAN_NOISE) -> bytes:
    """The same pages as grey images with speckle and no text layer, as a scanner makes them."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    out = canvas.Canvas(buf)
    src = pdfium.PdfDocument(pdf)
    try:
        for i in range(len(src)):
            page = src[i]
            img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            img = _speckle(img, noise, seed + i)
            w_pt, h_pt = img.width * 72 / dpi, img.height * 72 / dpi
            out.setPageSize((w_pt, h_pt))
            out.drawImage(ImageReader(img), 0, 0, w_pt, h_pt)
            out.showPage()
    finally:
        src.close()
    out.save()
    return buf.getvalue()
