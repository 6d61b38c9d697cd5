"""Page images on demand: one PDF page rasterized, or one frame of an image file, at a time.

A source holds the file's bytes and opens the file lazily in whichever process renders, so it can be
sent once to each OCR worker and asked for page ``i`` there. Nothing renders more than the one page
being OCRed, which is what keeps a 50-page scan's memory flat. A PDF page that is nothing but one
scan is read at the scan's own resolution (200-300 DPI) rather than resampled to 300 DPI.
"""

from __future__ import annotations

import contextlib
import io
import threading
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from casewise_core.errors import CorruptFile, ImageTooLarge, TooManyPages
from PIL import Image, ImageOps, UnidentifiedImageError

#: pdfium is not thread-safe, across documents too: every pdfium call in this package holds this.
PDFIUM_LOCK = threading.RLock()


class PdfPages:
    """Pages of a PDF rendered to grayscale at ``dpi`` (lower if a page would exceed ``max_pixels``)."""

    def __init__(self, data: bytes, *, dpi: int, max_pixels: int) -> None:
        self.data, self.dpi, self.max_pixels = data, dpi, max_pixels
        self._doc: pdfium.PdfDocument | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_doc": None}

    def close(self) -> None:
        """Release the open document (rendering again reopens it)."""
        with PDFIUM_LOCK:
            if self._doc is not None:
                self._doc.close()
                self._doc = None

    def render(self, index: int) -> tuple[Image.Image, int]:
        """Page ``index`` (0-based) as an image, and the DPI it was rendered at."""
        with PDFIUM_LOCK:
            if self._doc is None:
                self._doc = pdfium.PdfDocument(self.data)
            page = self._doc[index]
            try:
                scanned = _whole_page_scan(page, self.dpi)
                if scanned is not None:
                    return scanned
                width_pt, height_pt = page.get_size()
                dpi = self.dpi
                pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
                if pixels > self.max_pixels:  # a poster-sized page: render it smaller, never refuse it
                    dpi = int(dpi * (self.max_pixels / pixels) ** 0.5)
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                try:
                    image = bitmap.to_pil().copy()  # own the pixels before the bitmap is freed
                finally:
                    bitmap.close()
            finally:
                page.close()
        return (image if image.mode == "L" else image.convert("L")), dpi


#: A scan's own resolution is used as is from here up to the OCR DPI; below it the page is rendered
#: at the OCR DPI, since Tesseract reads small text better upsampled.
MIN_NATIVE_DPI = 200
_PLAIN_COLORSPACES = {
    pdfium_c.FPDF_COLORSPACE_DEVICEGRAY,
    pdfium_c.FPDF_COLORSPACE_DEVICERGB,
    pdfium_c.FPDF_COLORSPACE_CALGRAY,
    pdfium_c.FPDF_COLORSPACE_CALRGB,
}


def _whole_page_scan(page: pdfium.PdfPage, max_dpi: int) -> tuple[Image.Image, int] | None:
    """The page's image at its own resolution when the page is nothing but one upright scan.

    Rendering a 200 DPI scan at 300 DPI costs ~70 ms of resampling and makes Tesseract read 2.25x
    the pixels (~0.1 s more) for the same text (measured CER equal on the bench fixtures); taking
    the decoded image costs ~2 ms. Anything unusual (other objects, a turned page or image, masks
    of 1-bit images, odd colour spaces) is rendered instead.
    """
    if page.get_rotation() != 0 or pdfium_c.FPDFPage_CountObjects(page.raw) != 1:
        return None
    (obj,) = page.get_objects(max_depth=1)
    if obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    a, b, c, d, _, _ = obj.get_matrix().get()
    width_pt, height_pt = page.get_size()
    if b or c or a < 0.95 * width_pt or d < 0.95 * height_pt:
        return None
    meta = obj.get_metadata()
    dpi = round(meta.width * 72 / a)
    if not (MIN_NATIVE_DPI <= dpi <= max_dpi) or abs(meta.height * 72 / d - dpi) > 2:
        return None
    if meta.bits_per_pixel not in (8, 24) or meta.colorspace not in _PLAIN_COLORSPACES:
        return None
    # Own the pixels; the bitmap frees itself (closing it by hand makes pypdfium2 warn).
    image = obj.get_bitmap(render=False).to_pil().copy()
    if image.size != (meta.width, meta.height):
        return None
    return (image if image.mode == "L" else image.convert("L")), dpi


class ImageFrames:
    """Frames of a PNG, JPEG or TIFF, upright per EXIF orientation, as grayscale."""

    def __init__(self, data: bytes, *, max_pixels: int) -> None:
        self.data, self.max_pixels = data, max_pixels

    def close(self) -> None:
        """Nothing is held open between frames."""

    def render(self, index: int) -> tuple[Image.Image, int]:
        """Frame ``index`` (0-based) as an image, and its DPI (300 when the file does not say)."""
        img = open_image(self.data, self.max_pixels)
        try:
            img.seek(index)
            try:
                img.load()
            except (OSError, SyntaxError, ValueError) as err:
                raise CorruptFile() from err
            if index == 0:
                _upright(img)
            dpi = _dpi(img)
        except BaseException:
            img.close()
            raise
        # The decoded frame itself is returned (no copy: ~8 ms on a 300 DPI page); the caller closes it.
        frame = img
        if frame.mode.startswith("I"):  # 16/32-bit grayscale: convert("L") would clip it to white
            values = np.asarray(frame, dtype=np.float64)
            top = values.max() or 1.0
            frame = Image.fromarray((values * (255.0 / top)).astype(np.uint8))
        if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
            rgba = frame.convert("RGBA")
            background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            frame = Image.alpha_composite(background, rgba)
        if frame.mode != "L":
            frame = frame.convert("L")
        if frame is not img:
            img.close()
        return frame, dpi


def _upright(img: Image.Image) -> None:
    """Apply the EXIF orientation in place; a malformed EXIF block leaves the pixels as stored."""
    with contextlib.suppress(OSError, SyntaxError, ValueError, TypeError, KeyError):
        ImageOps.exif_transpose(img, in_place=True)


def _dpi(img: Image.Image) -> int:
    dpi = img.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    # Phones write 72 whatever the content; Tesseract wants the text size, 300 is the safe guess.
    return value if 150 <= value <= 1200 else 300


def open_image(data: bytes, max_pixels: int) -> Image.Image:
    """Open an image lazily (header only), refusing decompression bombs before any decoding."""
    # PIL warns above MAX_IMAGE_PIXELS and raises above twice that; we refuse above it ourselves.
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        img = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as err:
        raise ImageTooLarge() from err
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise CorruptFile() from err
    if img.width * img.height > max_pixels:
        img.close()
        raise ImageTooLarge(detail={"pixels": img.width * img.height})
    return img


def count_frames(data: bytes, *, max_pixels: int, max_pages: int) -> int:
    """Validate every frame's size and return how many there are."""
    with open_image(data, max_pixels) as img:
        frames = getattr(img, "n_frames", 1)
        if frames > max_pages:
            raise TooManyPages(detail={"pages": frames, "max_pages": max_pages})
        for i in range(1, frames):
            try:
                img.seek(i)
            except (OSError, EOFError, ValueError) as err:
                raise CorruptFile() from err
            if img.width * img.height > max_pixels:
                raise ImageTooLarge(detail={"pixels": img.width * img.height})
        return frames
