"""Bad input gets a specific error, quickly: never a crash, a hang or a silent partial read."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from casewise_core import errors
from casewise_core.settings import ReadingSettings
from casewise_extractor.reading import read_document
from PIL import Image

from tests.extractor.reading.engines import WorkerKillingEngine, crashing_engine, hanging_engine
from tests.fixtures.records import (
    bomb_png,
    encrypted_pdf,
    multipage_tiff,
    page_image,
    truncated_pdf,
    zero_page_pdf,
)


def _small_png(text: str = "Diagnosis: adenocarcinoma") -> bytes:
    buf = io.BytesIO()
    page_image(text, dpi=100).save(buf, "PNG")
    return buf.getvalue()


def test_unsupported_type_is_sniffed_not_trusted(settings: ReadingSettings) -> None:
    with pytest.raises(errors.UnsupportedType):
        read_document(b"PK\x03\x04" + b"\x00" * 200, "report.pdf", settings=settings)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_pdf_is_corrupt(tmp_path: Path, settings: ReadingSettings, keep: float) -> None:
    with pytest.raises(errors.CorruptFile):
        read_document(truncated_pdf(tmp_path / "cut.pdf", keep=keep), "cut.pdf", settings=settings)


def test_pdf_header_over_garbage_is_corrupt(settings: ReadingSettings) -> None:
    with pytest.raises(errors.CorruptFile):
        read_document(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "x.pdf", settings=settings)


def test_password_protected_pdf(tmp_path: Path, settings: ReadingSettings) -> None:
    with pytest.raises(errors.EncryptedPdf) as info:
        read_document(encrypted_pdf(tmp_path / "locked.pdf"), "locked.pdf", settings=settings)
    assert "secret" not in str(info.value) and "Confidential" not in str(info.value)


def test_zero_pages_and_zero_bytes_are_empty(tmp_path: Path, settings: ReadingSettings) -> None:
    with pytest.raises(errors.EmptyDocument):
        read_document(zero_page_pdf(tmp_path / "zero.pdf"), "zero.pdf", settings=settings)
    with pytest.raises(errors.EmptyDocument):
        read_document(b"", "empty.txt", settings=settings)


def test_too_many_pages(ngs_pdf: Path, tmp_path: Path) -> None:
    one_page = ReadingSettings(data_dir=tmp_path, max_pages=1)
    with pytest.raises(errors.TooManyPages):
        read_document(ngs_pdf, "ngs.pdf", settings=one_page)
    tiff = multipage_tiff(tmp_path / "fax.tif", ["page one", "page two"], dpi=100)
    with pytest.raises(errors.TooManyPages):
        read_document(tiff, "fax.tif", settings=one_page)
    with pytest.raises(errors.TooManyPages):
        read_document(b"one\ftwo", "notes.txt", settings=one_page)


def test_file_too_large_from_path_and_bytes(ngs_pdf: Path, tmp_path: Path) -> None:
    small = ReadingSettings(data_dir=tmp_path, max_upload_bytes=1000)
    with pytest.raises(errors.FileTooLarge):
        read_document(ngs_pdf, "ngs.pdf", settings=small)
    with pytest.raises(errors.FileTooLarge):
        read_document(ngs_pdf.read_bytes(), "ngs.pdf", settings=small)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # PIL's own notice, expected
def test_decompression_bomb_is_refused_fast(tmp_path: Path, settings: ReadingSettings) -> None:
    start = time.monotonic()
    with pytest.raises(errors.ImageTooLarge):
        read_document(bomb_png(tmp_path / "bomb.png"), "bomb.png", settings=settings)
    # Just over the limit (PIL itself only warns up to twice its limit): still refused.
    with pytest.raises(errors.ImageTooLarge):
        read_document(bomb_png(tmp_path / "b2.png", 11_000, 11_000), "b2.png", settings=settings)
    assert time.monotonic() - start < 2


def test_image_over_configured_pixels(tmp_path: Path) -> None:
    tight = ReadingSettings(data_dir=tmp_path, max_image_pixels=10_000)
    with pytest.raises(errors.ImageTooLarge):
        read_document(_small_png(), "photo.png", settings=tight)


def test_truncated_image_is_corrupt(settings: ReadingSettings) -> None:
    data = _small_png()
    with pytest.raises(errors.CorruptFile):
        read_document(data[: len(data) // 2], "photo.png", settings=settings, workers=1)


def test_missing_file(tmp_path: Path, settings: ReadingSettings) -> None:
    with pytest.raises(errors.NotFound):
        read_document(tmp_path / "nope.pdf", "nope.pdf", settings=settings)


def test_ocr_engine_crash_is_retryable(settings: ReadingSettings) -> None:
    with pytest.raises(errors.OcrEngineError) as info:
        read_document(_small_png(), "p.png", settings=settings, engine=crashing_engine(), workers=1)
    assert info.value.retryable


def test_per_page_ocr_timeout(tmp_path: Path) -> None:
    quick = ReadingSettings(data_dir=tmp_path, ocr_page_timeout_s=1)
    start = time.monotonic()
    with pytest.raises(errors.JobTimedOut):
        read_document(_small_png(), "p.png", settings=quick, engine=hanging_engine(tmp_path), workers=1)
    assert time.monotonic() - start < 5


@pytest.mark.slow
def test_blank_page_finds_no_text(settings: ReadingSettings) -> None:
    buf = io.BytesIO()
    Image.new("L", (850, 1100), 255).save(buf, "PNG")
    with pytest.raises(errors.NoTextFound):
        read_document(buf.getvalue(), "blank.png", settings=settings, workers=1)


@pytest.mark.slow
def test_worker_killed_mid_page_is_retryable(tmp_path: Path) -> None:
    processes = ReadingSettings(data_dir=tmp_path, ocr_executor="processes")
    tiff = multipage_tiff(tmp_path / "fax.tif", ["page one", "page two"], dpi=100)
    with pytest.raises(errors.OcrEngineError) as info:
        read_document(tiff, "fax.tif", settings=processes, engine=WorkerKillingEngine(), workers=2)
    assert info.value.retryable
