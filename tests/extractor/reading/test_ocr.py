"""OCR with real Tesseract: scans, rotation via OSD, EXIF photos, mixed and garbage PDFs, the pool.

Each OCR page costs about a second on 2 cores, so pages are few and these tests are marked slow.
Fast unit tests of the OCR plumbing (TSV parsing, skew estimate) come first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from casewise_core.settings import ReadingSettings
from casewise_extractor.reading import read_document
from casewise_extractor.reading.deskew import deskew, estimate_skew
from casewise_extractor.reading.ocr import _page_file, text_from_tsv
from PIL import Image

from tests.fixtures.records import (
    NGS_REPORT_PAGES,
    PATHOLOGY_REPORT_PAGES,
    garbage_text_layer_pdf,
    mixed_pdf,
    multipage_tiff,
    page_image,
    photo_jpeg,
    png,
    scanned_pdf,
)

DIAGNOSIS = PATHOLOGY_REPORT_PAGES[0]
IHC = PATHOLOGY_REPORT_PAGES[1]


def _words(text: str) -> set[str]:
    return {w.strip(".,:;()").lower() for w in text.split()}


def _recall(expected: str, got: str) -> float:
    want = _words(expected)
    return len(want & _words(got)) / len(want)


def test_text_from_tsv_rebuilds_lines_blocks_and_confidence() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tStage",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tIIB",
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tpT2a",
        "5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t60\tALK",
        "5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t95\t ",
    ]
    result = text_from_tsv("\n".join([header, *rows]))
    assert result.text == "Stage IIB\npT2a\n\nALK"
    assert result.confidence == 75.0 and result.words == 4
    assert text_from_tsv(header).confidence is None


def test_page_file_is_an_uncompressed_tiff_whatever_the_source_was(tmp_path: Path) -> None:
    # A fax frame decoded from a G4 TIFF carries compression="group4" in its info, which cannot
    # encode 8-bit gray: the page file must be written raw regardless.
    fax = multipage_tiff(tmp_path / "fax.tif", ["Stage IIB"], dpi=100)
    with Image.open(fax) as frame:
        gray = frame.convert("L")
    assert gray.info.get("compression") == "group4"
    with _page_file(gray) as name, Image.open(name) as written:
        assert written.format == "TIFF" and written.info["compression"] == "raw"
        assert written.tobytes() == gray.tobytes()
    assert not Path(name).exists()


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.0, 2.0, 4.5])
def test_small_skew_is_measured_and_removed(angle: float) -> None:
    img = page_image(DIAGNOSIS, dpi=150, rotate_deg=angle, noise=0.005)
    assert estimate_skew(img) == pytest.approx(angle, abs=0.25)
    straight, corrected = deskew(img)
    assert abs(estimate_skew(straight)) <= 0.2
    assert corrected == (0.0 if abs(angle) < 0.3 else pytest.approx(angle, abs=0.25))


@pytest.mark.slow
def test_scanned_pdf_is_ocred(tmp_path: Path, settings: ReadingSettings) -> None:
    calls: list[tuple[str, int, int]] = []
    pdf = scanned_pdf(tmp_path / "scan.pdf", [DIAGNOSIS], rotate_deg=1.5, noise=0.002)
    doc = read_document(pdf, "scan.pdf", settings=settings, workers=1, progress=lambda *a: calls.append(a))
    (page,) = doc.pages
    assert page.method == "ocr" and page.tables == []
    assert page.confidence is not None and page.confidence > 85
    assert "adenocarcinoma" in page.text and "Lymphovascular invasion: present." in page.text
    assert _recall(DIAGNOSIS, page.text) > 0.95
    assert calls == [("reading", 1, 1), ("ocr", 0, 1), ("ocr", 1, 1)]


@pytest.mark.slow
@pytest.mark.parametrize(("turn", "expected"), [(90.0, {90}), (180.0, {180}), (-90.0, {0, 270})])
def test_turned_pages_are_righted_with_osd(
    tmp_path: Path, settings: ReadingSettings, turn: float, expected: set[int]
) -> None:
    # ``turn`` is counter-clockwise; ``rotation`` is the clockwise turn applied before OCR. Tesseract's
    # layout analysis already reads some clockwise-turned pages well, and then no turn is needed.
    image = png(tmp_path / "turned.png", IHC, dpi=200, rotate_deg=turn)
    (page,) = read_document(image, "turned.png", settings=settings, workers=1).pages
    assert page.rotation in expected
    assert page.confidence is not None and page.confidence > 85
    assert "immunoprofile" in page.text and _recall(IHC, page.text) > 0.95


@pytest.mark.slow
def test_exif_orientation_is_honoured(tmp_path: Path, settings: ReadingSettings) -> None:
    photo = photo_jpeg(tmp_path / "photo.jpg", IHC, exif_orientation=6)
    (page,) = read_document(photo, "IMG_0001.JPG", settings=settings, workers=1).pages
    assert page.rotation == 0  # upright from EXIF alone: no OSD turn needed
    assert page.confidence is not None and page.confidence > 85
    assert _recall(IHC, page.text) > 0.95


@pytest.mark.slow
def test_mixed_pdf_is_decided_page_by_page(tmp_path: Path, settings: ReadingSettings) -> None:
    pdf = mixed_pdf(
        tmp_path / "mixed.pdf", [NGS_REPORT_PAGES[0], IHC, NGS_REPORT_PAGES[1]], [False, True, False]
    )
    doc = read_document(pdf, "mixed.pdf", settings=settings, workers=1)
    assert [(p.number, p.method) for p in doc.pages] == [(1, "text_layer"), (2, "ocr"), (3, "text_layer")]
    assert doc.pages[0].text.startswith("COMPREHENSIVE GENOMIC PROFILING REPORT")
    assert _recall(IHC, doc.pages[1].text) > 0.95


@pytest.mark.slow
def test_scan_with_a_typed_stamp_is_still_ocred(tmp_path: Path, settings: ReadingSettings) -> None:
    stamp = "Received by fax 2026-03-03 09:14 from Northside Pathology, page 1 of 1"
    pdf = scanned_pdf(tmp_path / "fax.pdf", [IHC], stamp=stamp)
    (page,) = read_document(pdf, "fax.pdf", settings=settings, workers=1).pages
    assert page.method == "ocr"
    assert "Received by fax" in page.text and _recall(IHC, page.text) > 0.95


@pytest.mark.slow
def test_garbage_text_layer_falls_back_to_ocr(tmp_path: Path, settings: ReadingSettings) -> None:
    pdf = garbage_text_layer_pdf(tmp_path / "garbage.pdf", DIAGNOSIS)
    (page,) = read_document(pdf, "garbage.pdf", settings=settings, workers=1).pages
    assert page.method == "ocr"
    assert _recall(DIAGNOSIS, page.text) > 0.95


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["threads", "processes"])
def test_multipage_tiff_on_a_pool(tmp_path: Path, executor: Literal["threads", "processes"]) -> None:
    settings = ReadingSettings(data_dir=tmp_path, ocr_executor=executor)
    texts = [IHC, NGS_REPORT_PAGES[0], DIAGNOSIS]
    tiff = multipage_tiff(tmp_path / "fax.tif", texts)
    calls: list[tuple[str, int, int]] = []
    doc = read_document(tiff, "fax.tif", settings=settings, workers=2, progress=lambda *a: calls.append(a))
    assert [p.number for p in doc.pages] == [1, 2, 3]
    for text, page in zip(texts, doc.pages, strict=True):
        assert page.method == "ocr" and _recall(text, page.text) > 0.9
    assert [c for c in calls if c[0] == "ocr"] == [("ocr", 0, 3), ("ocr", 1, 3), ("ocr", 2, 3), ("ocr", 3, 3)]
