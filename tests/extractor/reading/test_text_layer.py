"""Text-layer PDFs and plain text: tables kept as rows, stable pages and offsets, progress, quality."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from casewise_core.settings import ReadingSettings
from casewise_extractor.reading import read_document
from casewise_extractor.reading.quality import is_wordlike, text_layer_usable
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from tests.fixtures.records import NGS_FINDINGS_TABLE, NGS_REPORT_PAGES, PATHOLOGY_REPORT_PAGES


def test_ngs_table_row_stays_one_line_and_table_is_kept(ngs_pdf: Path, settings: ReadingSettings) -> None:
    doc = read_document(ngs_pdf, "ngs report.pdf", settings=settings)
    assert [p.number for p in doc.pages] == [1, 2]
    assert all(p.method == "text_layer" and p.confidence is None for p in doc.pages)
    findings = doc.pages[1]
    lines = findings.text.split("\n")
    assert "ROS1 | CD74-ROS1 fusion | \u2014" in lines
    assert "TP53 | p.R273H | 38%" in lines
    assert [t.rows for t in findings.tables] == [NGS_FINDINGS_TABLE]
    assert doc.pages[0].tables == []
    # Reading order: the heading above the table comes before its rows, each table cell only once.
    assert findings.text.index("GENOMIC FINDINGS") < findings.text.index("Gene | Alteration | VAF")
    assert findings.text.count("CD74-ROS1") == 1


def test_document_identity_and_stable_text(pathology_pdf: Path, settings: ReadingSettings) -> None:
    data = pathology_pdf.read_bytes()
    from_path = read_document(pathology_pdf, "../../etc/passwd", settings=settings)
    from_bytes = read_document(data, "report.pdf", settings=settings)
    assert from_path.sha256 == hashlib.sha256(data).hexdigest() == from_bytes.sha256
    assert from_path.name == "../../etc/passwd" and from_path.media_type == "application/pdf"
    assert [p.text for p in from_path.pages] == [p.text for p in from_bytes.pages]
    first = from_path.pages[0].text
    start = first.index("pT2a pN1 M0")
    assert first[start : start + len("pT2a pN1 M0, stage IIB")] == "pT2a pN1 M0, stage IIB"
    for expected, page in zip(PATHOLOGY_REPORT_PAGES, from_path.pages, strict=True):
        # Every word of the source, in order; only the wrapped COMMENT paragraph loses line breaks.
        assert page.text.split() == expected.split()
    # Field lines stay one per line; the COMMENT paragraph, wrapped by hand at the margin, is one line.
    source_lines = [" ".join(line.split()) for line in PATHOLOGY_REPORT_PAGES[0].split("\n") if line.strip()]
    assert [" ".join(line.split()) for line in first.split("\n")] == source_lines
    comment = PATHOLOGY_REPORT_PAGES[1].split("COMMENT\n", 1)[1]
    assert from_path.pages[1].text.split("\n")[-1] == " ".join(comment.split())


def test_progress_reports_each_page_in_order(ngs_pdf: Path, settings: ReadingSettings) -> None:
    calls: list[tuple[str, int, int]] = []
    read_document(ngs_pdf, "ngs.pdf", settings=settings, progress=lambda *a: calls.append(a))
    assert calls == [("reading", 1, 2), ("reading", 2, 2)]


def test_plain_text_pages_split_on_form_feed(settings: ReadingSettings) -> None:
    data = "\ufeffPage one\r\nDiagnosis: adenocarcinoma  \r\n\fPage two\nPD-L1 TPS 60%\n".encode()
    doc = read_document(data, "notes.txt", settings=settings)
    assert doc.media_type == "text/plain"
    assert [(p.number, p.method, p.text) for p in doc.pages] == [
        (1, "plain_text", "Page one\nDiagnosis: adenocarcinoma"),
        (2, "plain_text", "Page two\nPD-L1 TPS 60%"),
    ]


def test_type_comes_from_bytes_not_name(ngs_pdf: Path, settings: ReadingSettings) -> None:
    doc = read_document(ngs_pdf.read_bytes(), "scan.png", settings=settings)
    assert doc.media_type == "application/pdf" and doc.name == "scan.png"


@pytest.mark.parametrize("text", PATHOLOGY_REPORT_PAGES + NGS_REPORT_PAGES)
def test_real_report_text_is_usable(text: str) -> None:
    assert text_layer_usable(text)


def test_table_only_text_is_usable() -> None:
    assert text_layer_usable("\n".join(" | ".join(row) for row in NGS_FINDINGS_TABLE))


@pytest.mark.parametrize(
    "garbage",
    [
        "(cid:3)(cid:17)(cid:42) (cid:5)(cid:9) " * 8,  # glyphs without a Unicode map
        "\u00de\u00d0\u00a4\u00a7 \u00b6\u00df\u00e6 \u00f8\u00b5\u00ac\u00b1 qxzvkj #%&\u00d7 " * 6,
        "Vxujlfdo sdwkrorjb uhsruw lqydvlyh dghqrfduflqrpd ri wkh oxqj wxpru vlch",  # shifted map
        "Page 3",  # a stamped footer on a scan: too little text to be the page
    ],
)
def test_garbage_text_layers_are_rejected(garbage: str) -> None:
    assert not text_layer_usable(garbage)


def test_clinical_tokens_are_wordlike() -> None:
    for token in ["PD-L1", "p.R273H", "38%", "pT2a", "(22C3):", "ALK", "mut/Mb", "\u2014", "IIB", "22C3"]:
        assert is_wordlike(token), token
    for token in ["xqzvk", "\u00de\u00d0\u00a4", "(cid:12)", "bcdfghjk"]:
        assert not is_wordlike(token), token


def test_symbol_font_ticks_and_crosses_read_as_symbols(tmp_path: Path, settings: ReadingSettings) -> None:
    """A result column of ticks and crosses set in ZapfDingbats (and a minus in Symbol) has no Unicode
    map: pdfplumber returns the raw codes "3", "7" and "-". Read as such, a tick would be the number 3."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=LETTER)
    for top, (marker, font, glyph) in zip(
        (700, 680, 660),
        [("SSTR2 (IHC)", "ZapfDingbats", "\u2713"), ("Insulin (IHC)", "ZapfDingbats", "\u2717"),
         ("Gastrin (IHC)", "Symbol", "\u2212")],
        strict=True,
    ):  # fmt: skip
        c.setFont("Helvetica", 11)
        c.drawString(72, top, marker)
        c.setFont(font, 11)
        c.drawString(200, top, glyph)
    c.save()
    path = tmp_path / "symbols.pdf"
    path.write_bytes(buf.getvalue())
    text = read_document(path, "symbols.pdf", settings=settings).pages[0].text
    assert text.splitlines() == ["SSTR2 (IHC) \u2713", "Insulin (IHC) \u2717", "Gastrin (IHC) \u2212"]
