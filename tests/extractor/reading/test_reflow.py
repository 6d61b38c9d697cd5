"""Paragraph reflow: sentences a PDF or a scan wrapped come back as one line; fields, headings, list
items and table rows stay on their own lines; evidence spans still index into ``Page.text``."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from casewise_core.settings import ReadingSettings
from casewise_extractor.reading import read_document
from casewise_extractor.reading.ocr import text_from_tsv
from casewise_extractor.reading.reflow import Frame, Line, join, wraps
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

GERMLINE = (
    "Genetics: patient's germline testing (Invitae 84-gene panel) NEGATIVE - no pathogenic variants "
    "in BRCA1, BRCA2, PALB2, TP53, PTEN, CDH1, CHEK2 or ATM."
)
TREATMENT = (
    "Prior lines: (1) anastrozole + palbociclib 06/2024-05/2025, progression; (2) fulvestrant + "
    "alpelisib 06/2025-12/2025, stopped for grade 3 hyperglycemia."
)
FIELDS = ["Allergies: none known.", "Plan: continue T-DM1 q3w."]
ITEMS = [
    "- Olaparib 300 mg twice daily was discussed as maintenance after a response to platinum, "
    "pending the tumor BRCA result.",
    "- Bevacizumab to continue every three weeks.",
]
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=12, leading=16)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=9.5, leading=12)


def _clinic_note_pdf() -> bytes:
    """A note laid out by reportlab: paragraphs wrap at the frame's right edge, as word processors do."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=LETTER, leftMargin=72, rightMargin=72, topMargin=72)
    table = Table(
        [
            [Paragraph(c, CELL) for c in row]
            for row in (["Gene", "Sample", "Result"], ["BRCA1", "DNA-Tumor", "negative"])
        ],
        colWidths=[32, 36, 120],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.75, colors.black)]))
    story = [Paragraph("GENETIC COUNSELLING SUMMARY FOR THE BREAST CLINIC AND HER FAMILY", HEADING)]
    story += [Paragraph(text, BODY) for text in (GERMLINE, TREATMENT, *FIELDS, *ITEMS)]
    story += [Spacer(1, 6), table]
    doc.build(story)
    return buf.getvalue()


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def note_pdf() -> bytes:
    return _clinic_note_pdf()


def test_wrapped_sentences_are_one_line_and_fields_stay_apart(
    note_pdf: bytes, settings: ReadingSettings
) -> None:
    page = read_document(note_pdf, "note.pdf", settings=settings).pages[0]
    assert page.method == "text_layer"
    lines = _lines(page.text)
    # The germline sentence wraps twice on the page: its negatives are in one line again.
    assert GERMLINE in lines and TREATMENT in lines
    # A heading, short fields and each list item keep their own line; an item's wrap is joined.
    assert lines[0] == "GENETIC COUNSELLING SUMMARY FOR THE BREAST CLINIC AND HER FAMILY"
    assert all(field in lines for field in FIELDS)
    assert all(item in lines for item in ITEMS)
    # A table row is one line, and a word a narrow column split ("BRC" / "A1") is one word again.
    assert "BRCA1 | DNA-Tumor | negative" in lines
    assert len(lines) == 1 + 2 + len(FIELDS) + len(ITEMS) + 2


def test_evidence_spans_index_into_the_reflowed_page(note_pdf: bytes, settings: ReadingSettings) -> None:
    from casewise_extractor.nlp import load_extractor

    doc = read_document(note_pdf, "note.pdf", settings=settings)
    profile = load_extractor().extract(doc)
    negatives = {b.gene for b in profile.biomarkers if b.status == "negative"}
    assert {"BRCA1", "BRCA2", "PALB2", "CHEK2", "ATM"} <= negatives
    assert {"fulvestrant", "alpelisib"} <= {t.agent for t in profile.treatments}
    text = doc.pages[0].text
    spans = [e for b in profile.biomarkers for e in b.evidence if e.start is not None]
    assert spans
    for evidence in spans:
        assert evidence.end is not None and evidence.text
        mention = text[evidence.start : evidence.end]
        assert mention.strip() and mention in evidence.text


#: A paragraph set as a typesetter with hyphenation sets it, 468 pt wide in 10 pt Helvetica: each
#: broken word would not have fitted whole (checked in the test).
HYPHENATED = [
    "Sections show an invasive tumour with solid nests and focal glandular differentiation and a few "
    "carcino-",
    "ma adjacent to the scar; tumour cells carry a germline PALB2 variant and show a pattern of BRCA1-",
    "associated loss on review of the slides.",
]


def test_hyphenated_breaks_join_as_words(tmp_path: Path, settings: ReadingSettings) -> None:
    size, width = 10.0, 468.0
    for line, rest in zip(HYPHENATED, HYPHENATED[1:], strict=False):
        whole = line + rest.split()[0]
        assert stringWidth(line, "Helvetica", size) <= width < stringWidth(whole, "Helvetica", size)
    path = tmp_path / "hyphen.pdf"
    c = canvas.Canvas(str(path), pagesize=LETTER)
    text = c.beginText(72, 720)
    text.setFont("Helvetica", size, leading=13)
    for line in [*HYPHENATED, "", "Signed: Dr. A. Pathologist"]:
        text.textLine(line)
    c.drawText(text)
    c.save()
    page = read_document(path, "hyphen.pdf", settings=settings).pages[0]
    assert page.text.split("\n") == [
        "Sections show an invasive tumour with solid nests and focal glandular differentiation and a few "
        "carcinoma adjacent to the scar; tumour cells carry a germline PALB2 variant and show a pattern of "
        "BRCA1-associated loss on review of the slides.",
        "Signed: Dr. A. Pathologist",
    ]


@pytest.mark.parametrize(
    ("left", "right", "vocabulary", "joined"),
    [
        ("ductal carcino-", "ma in situ", set(), "ductal carcinoma in situ"),
        ("a BRCA1-", "associated tumour", set(), "a BRCA1-associated tumour"),
        ("well-", "differentiated", set(), "well-differentiated"),
        ("poorly-", "differentiated", set(), "poorly-differentiated"),
        ("pre-", "treatment", {"pre-treatment"}, "pre-treatment"),
        ("non-", "small cell", {"nonsmall"}, "nonsmall cell"),
        ("06/2025 -", "present", set(), "06/2025 - present"),
        ("therapy with", "olaparib", set(), "therapy with olaparib"),
        ("hyper\u00ad", "glycemia", set(), "hyperglycemia"),
    ],
)
def test_join_decides_line_end_hyphens(left: str, right: str, vocabulary: set[str], joined: str) -> None:
    assert join(left, right, vocabulary) == joined


_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv_words(block: int, par: int, line: int, top: int, words: list[tuple[int, int, str]]) -> list[str]:
    return [
        f"5\t1\t{block}\t{par}\t{line}\t{i}\t{x}\t{top}\t{w}\t40\t95\t{t}"
        for i, (x, w, t) in enumerate(words, 1)
    ]


def test_tsv_paragraph_lines_join_only_where_the_line_was_full() -> None:
    rows = ["1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t"]
    # One Tesseract paragraph: a full line wrapped into the next, then two short field lines.
    rows += _tsv_words(
        1, 1, 1, 300, [(300, 900, "NEGATIVE"), (1230, 1000, "no-variants-in"), (2250, 100, "of")]
    )
    rows += _tsv_words(1, 1, 2, 350, [(300, 200, "BRCA1,"), (530, 200, "PALB2.")])
    rows += _tsv_words(1, 1, 3, 400, [(300, 300, "Allergies:"), (630, 200, "none.")])
    rows += _tsv_words(1, 1, 4, 450, [(300, 200, "Plan:"), (530, 300, "continue.")])
    rows += _tsv_words(1, 2, 1, 600, [(300, 200, "- item"), (530, 1720, "one-runs-to-the-edge")])
    rows += _tsv_words(1, 2, 2, 650, [(300, 200, "- item"), (530, 200, "two")])
    result = text_from_tsv("\n".join([_TSV_HEADER, *rows]))
    assert result.text == (
        "NEGATIVE no-variants-in of BRCA1, PALB2.\nAllergies: none.\nPlan: continue.\n\n"
        "- item one-runs-to-the-edge\n- item two"
    )


def _as_scan(pdf: bytes, path: Path, dpi: int = 200) -> Path:
    """The PDF's pages as images only (no text layer), as a scanner makes them."""
    src = pdfium.PdfDocument(pdf)
    images: list[Image.Image] = []
    try:
        for i in range(len(src)):
            page = src[i]
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            page.close()
    finally:
        src.close()
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


@pytest.mark.slow
def test_scanned_paragraphs_are_reflowed_by_ocr(
    note_pdf: bytes, tmp_path: Path, settings: ReadingSettings
) -> None:
    page = read_document(_as_scan(note_pdf, tmp_path / "scan.pdf"), "scan.pdf", settings=settings).pages[0]
    assert page.method == "ocr"
    lines = _lines(page.text)
    germline = next(line for line in lines if "NEGATIVE" in line)
    assert germline.startswith("Genetics:") and "BRCA1" in germline and germline.endswith("ATM.")
    treatment = next(line for line in lines if "fulvestrant" in line)
    assert "alpelisib" in treatment and "hyperglycemia" in treatment
    assert any(line.startswith("Allergies:") and line.endswith("known.") for line in lines)
    assert any(line.startswith("Plan:") for line in lines)
    assert sum(line.startswith("- ") for line in lines) == 2


def test_a_line_of_columns_is_never_joined_to_the_next() -> None:
    """A results row set in columns ("MLH1   Retained   Intact") that reaches the right edge must not
    swallow the heading below it: OCR then glues "INTERPRETATION" onto the row's last field."""
    frame = Frame(right=560, min_width=200)
    row = Line("MSH6   IHC   Retained nuclear expression   Intact", 72, 558, 100, 10, 2.5, 30, columns=True)
    heading = Line("INTERPRETATION of the findings follows", 72, 300, 112, 10, 2.5, 80)
    assert not wraps(row, heading, frame)
    plain = Line("The tumour cells show retained nuclear expression of all four", 72, 558, 100, 10, 2.5, 18)
    assert wraps(plain, Line("mismatch repair proteins.", 72, 190, 112, 10, 2.5, 50), frame)
