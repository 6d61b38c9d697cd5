"""Phone photos of records: uneven lighting evened out, the desk around the page painted white.

The photos are simulated (``photos.py``: keystone, a few degrees of turn, a light gradient, dark
corners, a soft shadow, blur, sensor noise, JPEG). Fast unit tests of the lighting correction come
first; the OCR test reads a photo whose shadow, without the correction, takes the whole pathology
block with it (Tesseract's global threshold turns the shaded paper black).
"""

from __future__ import annotations

import numpy as np
import pytest
from casewise_core.settings import ReadingSettings
from casewise_extractor.reading import read_document
from casewise_extractor.reading.lighting import even_out, paper_brightness, surroundings, unevenness
from PIL import Image

from tests.extractor.reading.photos import phone_jpeg, phone_photo
from tests.fixtures.records import NGS_REPORT_PAGES, PATHOLOGY_REPORT_PAGES, page_image

#: Two reports on one sheet, the second low on the page, so the shadow falls on text.
SHEET = PATHOLOGY_REPORT_PAGES[0] + "\n" * 14 + NGS_REPORT_PAGES[0]


@pytest.fixture(scope="module")
def sheet() -> Image.Image:
    return page_image(SHEET, dpi=200)


def test_an_evenly_lit_scan_is_left_untouched(sheet: Image.Image) -> None:
    assert unevenness(paper_brightness(sheet)) == pytest.approx(1.0)
    same, changed = even_out(sheet)
    assert same is sheet and not changed


def test_shaded_paper_comes_out_white_and_ink_stays_dark(sheet: Image.Image) -> None:
    ramp = np.linspace(1.0, 0.45, sheet.width, dtype=np.float32)  # light falling off to the right
    shaded = Image.fromarray((np.asarray(sheet, dtype=np.float32) * ramp).astype(np.uint8))
    even, changed = even_out(shaded)
    assert changed
    pixels, ink = np.asarray(even), np.asarray(sheet) < 100
    right = np.s_[:, sheet.width * 3 // 4 :]
    assert np.median(pixels[right][~ink[right]]) > 240  # shaded paper, was ~120
    assert np.median(pixels[ink]) < 100


def test_the_desk_around_a_photographed_page_is_found(sheet: Image.Image) -> None:
    photo = phone_photo(sheet, seed=0).convert("L")
    desk, _ = surroundings(paper_brightness(photo))
    h, w = desk.shape
    assert desk[0, 0] and desk[-1, -1]  # the photo's corners are desk
    assert not desk[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4].any()  # the page is not
    even, _ = even_out(photo)
    assert np.asarray(even)[:20, :20].min() == 255  # painted white, no grain left to read


def test_a_page_filling_the_frame_has_no_desk(sheet: Image.Image) -> None:
    shaded = Image.fromarray((np.asarray(sheet, dtype=np.float32) * 0.6).astype(np.uint8))
    shaded.paste(sheet.crop((0, 0, sheet.width // 2, sheet.height)))  # half the page in shadow
    desk, outline = surroundings(paper_brightness(shaded))
    assert not desk.any() and not outline.any()


@pytest.mark.slow
def test_a_phone_photo_with_a_shadow_over_the_text_is_read(
    sheet: Image.Image, settings: ReadingSettings
) -> None:
    doc = read_document(phone_jpeg(sheet, seed=0), "photo.jpg", settings=settings, workers=1)
    (page,) = doc.pages
    assert page.method == "ocr"
    for line in (
        "SURGICAL PATHOLOGY REPORT",
        "Invasive adenocarcinoma of the lung, acinar predominant (60%), solid (30%), lepidic (10%).",
        "Lymph nodes: 2 of 11 positive (station 10R and 11R); no extranodal extension.",
        "Specimen: lung, right upper lobe (tumor content 40%)",
        "Tumor mutational burden: 4 mut/Mb (low). Microsatellite status: stable.",
    ):
        assert line in page.text
    assert "stage IIB" in page.text
