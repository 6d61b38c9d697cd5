"""Benchmark documents in four reading modes: as text, as a text-layer PDF, as a scanned PDF, and as
phone photos of the printed pages.

A document is a ``NAME.txt`` (printed as is) or a ``NAME.layout.json`` (``{"pages": [[BLOCK, ...]]}``
with ``{"heading": ...}``, ``{"text": ...}`` and ``{"table": [[cell, ...], ...]}`` blocks; first table
row is the header). ``text`` mode skips the reading stage; ``pdf`` and ``scan`` draw the document
(tables as ruled tables, not text with pipes) and read it back with the same
``casewise_extractor.reading.read_document`` call ``casewise extract`` makes, so table extraction
and OCR are measured with the rules. ``photo`` photographs each printed page (the scan's 200 DPI
raster, without the scanner's speckle: a phone has sensor noise instead) as a phone would: on a
desk, keystoned, turned, unevenly lit, slightly blurred, one JPEG per page (see
``tests/extractor/reading/photos.py``); each JPEG is read by ``read_document`` as an uploaded photo
is, and the pages joined in order. Rendered files are cached under ``bench/out/render/`` by content
hash: a rerun reads them again but does not redraw them.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
RENDER_DIR = HERE / "out" / "render"
MODES = ("text", "pdf", "scan", "photo")
#: What a run reads by default: photos cost a Tesseract run per page plus ~2 s of drawing each.
DEFAULT_MODES = ("text", "pdf", "scan")
#: Bump a mode's version when its drawing changes, so its cached renders are not reused.
RENDER_VERSION = {"pdf": "1", "scan": "1", "photo": "1"}
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

    if mode == "photo":
        return _photo_document(path.name, render_photos(path))
    return read_document(render(path, mode), path.name)


def _key(path: Path, mode: str) -> str:
    return hashlib.sha256(f"{mode}:{RENDER_VERSION[mode]}:".encode() + path.read_bytes()).hexdigest()[:24]


def render(path: Path, mode: str) -> Path:
    """The cached PDF of ``path`` drawn for ``mode`` (``pdf`` or ``scan``), drawn if missing."""
    key = _key(path, mode)
    out = RENDER_DIR / f"{key}.pdf"
    if not out.exists():
        RENDER_DIR.mkdir(parents=True, exist_ok=True)
        pdf = text_layer_pdf(layout_pages(path))
        data = pdf if mode == "pdf" else scanned(pdf, seed=int(key[:8], 16))
        tmp = out.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(out)
    return out


def render_photos(path: Path) -> list[Path]:
    """The cached phone photos of ``path``'s printed pages (a folder of JPEGs), taken if missing."""
    key = _key(path, "photo")
    out = RENDER_DIR / key
    if not out.is_dir():
        RENDER_DIR.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=RENDER_DIR))
        for i, page in enumerate(page_images(text_layer_pdf(layout_pages(path)))):
            (tmp / f"page-{i + 1:03d}.jpg").write_bytes(_phone_jpeg(page, seed=int(key[:8], 16) + i))
        try:
            tmp.replace(out)  # the folder appears whole or not at all
        except OSError:  # another run took the same photos first
            shutil.rmtree(tmp)
    return sorted(out.glob("page-*.jpg"))


def _phone_jpeg(page: Any, seed: int) -> bytes:
    # The simulation lives with the reading tests, which photograph their own fixtures with it.
    repo = str(HERE.parent)
    if repo not in sys.path:
        sys.path.insert(0, repo)
    from tests.extractor.reading.photos import phone_jpeg

    return phone_jpeg(page, seed)


def _photo_document(name: str, photos: list[Path]) -> Any:
    """One photo per page, each read as an uploaded photo is, joined into one document in order."""
    from casewise_core.document import Document, Page
    from casewise_core.errors import NoTextFound
    from casewise_extractor.reading import read_document

    pages = []
    for number, photo in enumerate(photos, 1):
        try:
            (page,) = read_document(photo, photo.name).pages
        except NoTextFound:  # as one file, a page read as nothing fails; here it is a blank page
            page = Page(number=number, text="", method="ocr")
        pages.append(page.model_copy(update={"number": number}))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in photos)).hexdigest()
    return Document(name=name, media_type="image/jpeg", sha256=digest, pages=pages)


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


def page_images(pdf: bytes, dpi: int = SCAN_DPI) -> list[Any]:
    """Each page of ``pdf`` as a grayscale image at ``dpi``."""
    import pypdfium2 as pdfium

    images = []
    src = pdfium.PdfDocument(pdf)
    try:
        for i in range(len(src)):
            page = src[i]
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            page.close()
    finally:
        src.close()
    return images


def scanned(pdf: bytes, *, seed: int, dpi: int = SCAN_DPI, noise: float = SCAN_NOISE) -> bytes:
    """The same pages as grey images with speckle and no text layer, as a scanner makes them."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    out = canvas.Canvas(buf)
    for i, img in enumerate(page_images(pdf, dpi)):
        img = _speckle(img, noise, seed + i)
        w_pt, h_pt = img.width * 72 / dpi, img.height * 72 / dpi
        out.setPageSize((w_pt, h_pt))
        out.drawImage(ImageReader(img), 0, 0, w_pt, h_pt)
        out.showPage()
    out.save()
    return buf.getvalue()
