"""Page images handed to OCR: upright, grayscale, white background, whatever the file's encoding."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from casewise_extractor.reading.sources import ImageFrames, PdfPages
from PIL import Image

from tests.fixtures.records import multipage_tiff, page_image, photo_jpeg, scanned_pdf

MAX = 120_000_000


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def test_exif_rotated_photo_comes_out_portrait(tmp_path: Path) -> None:
    data = photo_jpeg(tmp_path / "p.jpg", "Stage IIB", exif_orientation=6, dpi=100).read_bytes()
    assert Image.open(io.BytesIO(data)).size == (1100, 850)  # stored landscape
    image, dpi = ImageFrames(data, max_pixels=MAX).render(0)
    assert image.mode == "L" and image.size == (850, 1100) and dpi == 300


def test_sixteen_bit_grayscale_keeps_its_ink() -> None:
    original = np.asarray(page_image("Stage IIB adenocarcinoma", dpi=100))
    wide = original.astype(np.uint16) * 257
    image, _ = ImageFrames(_png(Image.fromarray(wide)), max_pixels=MAX).render(0)
    values = np.asarray(image)
    assert values.min() == 0 and values.max() == 255
    assert (values < 128).sum() == (original < 128).sum() > 100


def test_transparent_background_becomes_white() -> None:
    rgba = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    rgba.paste((0, 0, 0, 255), (20, 40, 180, 60))
    image, _ = ImageFrames(_png(rgba), max_pixels=MAX).render(0)
    assert image.getpixel((5, 5)) == 255 and image.getpixel((100, 50)) == 0


def test_tiff_frames_and_pdf_pages_render_one_at_a_time(tmp_path: Path) -> None:
    tiff = multipage_tiff(tmp_path / "f.tif", ["one", "two"], dpi=100).read_bytes()
    second, _ = ImageFrames(tiff, max_pixels=MAX).render(1)
    assert second.mode == "L" and second.size == (850, 1100)
    pdf = scanned_pdf(tmp_path / "s.pdf", ["one", "two"], dpi=100).read_bytes()
    page, dpi = PdfPages(pdf, dpi=300, max_pixels=MAX).render(1)
    assert page.mode == "L" and abs(page.width - 2550) <= 1 and abs(page.height - 3300) <= 1 and dpi == 300
    small, small_dpi = PdfPages(pdf, dpi=300, max_pixels=2_000_000).render(0)
    assert small.width * small.height <= 2_000_000 and small_dpi < 300


def test_whole_page_scan_is_taken_at_its_own_resolution(tmp_path: Path) -> None:
    text = "Invasive adenocarcinoma\nStage IIB"
    pages = PdfPages(scanned_pdf(tmp_path / "s.pdf", [text], dpi=200).read_bytes(), dpi=300, max_pixels=MAX)
    image, dpi = pages.render(0)
    assert (dpi, image.size, image.mode) == (200, (1700, 2200), "L")
    # the same pixels a render at that resolution gives: upright, not flipped or inverted
    expected = np.asarray(page_image(text, dpi=200), dtype=np.int16)
    assert np.abs(np.asarray(image, dtype=np.int16) - expected).mean() < 1.0


def test_scans_below_200_dpi_or_with_a_stamp_are_rendered_at_the_ocr_dpi(tmp_path: Path) -> None:
    low = PdfPages(scanned_pdf(tmp_path / "low.pdf", ["x"], dpi=150).read_bytes(), dpi=300, max_pixels=MAX)
    stamped = scanned_pdf(tmp_path / "stamp.pdf", ["x"], dpi=200, stamp="Received by fax")
    for pages in (low, PdfPages(stamped.read_bytes(), dpi=300, max_pixels=MAX)):
        image, dpi = pages.render(0)
        assert (dpi, image.width) == (300, 2550)
