"""PDF triage and text layers: refuse broken, locked or oversized PDFs, then read each page's text
layer and decide, page by page, whether it is usable or the page must be OCRed.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from casewise_core.document import Page
from casewise_core.errors import CorruptFile, EmptyDocument, EncryptedPdf, TooManyPages
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from casewise_extractor.reading.layout import page_text_and_tables
from casewise_extractor.reading.quality import clean_text, text_layer_usable
from casewise_extractor.reading.sources import PDFIUM_LOCK

log = logging.getLogger(__name__)

# A complete PDF ends with %%EOF; an interrupted download does not (pdfium would silently "repair"
# it and drop the missing pages). Some writers append junk after it, hence a window.
_EOF_WINDOW = 2048


#: A page mostly covered by an image, whose text layer is this short, is a scan with a typed stamp
#: (fax header, "received" line): the body is in the image, so the page is OCRed.
SCAN_IMAGE_SHARE = 0.5
STAMP_MAX_CHARS = 200


def _image_share(page: pdfplumber.page.Page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = sum(
        max(0.0, min(im["x1"], page.width) - max(im["x0"], 0.0))
        * max(0.0, min(im["bottom"], page.height) - max(im["top"], 0.0))
        for im in page.images
    )
    return min(1.0, covered / area)


def count_pages(data: bytes, *, max_pages: int) -> int:
    """Validate a PDF and return its page count; raise the specific input error when unreadable."""
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise CorruptFile(detail={"reason": "no end-of-file marker"})
    try:
        with PDFIUM_LOCK:
            doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        # pdfium's last-error code can be stale (an empty page tree fails without setting it), so
        # each verdict is confirmed from the file itself.
        second_opinion = _pdfminer_probe(data)
        if b"/Encrypt" in data and (
            second_opinion == "password" or getattr(err, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD
        ):
            raise EncryptedPdf() from err
        if second_opinion == 0:
            raise EmptyDocument() from err
        raise CorruptFile() from err
    with PDFIUM_LOCK:
        pages = len(doc)
        doc.close()
    if pages == 0:
        raise EmptyDocument()
    if pages > max_pages:
        raise TooManyPages(detail={"pages": pages, "max_pages": max_pages})
    return pages


def _pdfminer_probe(data: bytes) -> int | str:
    """pdfminer's page count, or "password" when it needs one, or "error"."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)
    except Exception as err:  # any parser failure is an answer here, not a crash
        cause = err.__cause__ or err.__context__ or err
        if isinstance(err, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect):
            return "password"
        return "error"


@contextmanager
def _plumber(data: bytes) -> Iterator[pdfplumber.PDF | None]:
    """pdfplumber's view of the file, or None where pdfminer cannot parse what pdfium could."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError):
        log.warning("pdfminer could not parse a PDF pdfium opened; using pdfium text only")
        yield None
        return
    try:
        yield pdf
    finally:
        pdf.close()


def read_text_layers(
    data: bytes, pages: int, progress: Callable[[int, int], None] | None = None
) -> list[Page | None]:
    """One entry per page: a ``text_layer`` Page, or None where the page needs OCR."""
    out: list[Page | None] = []
    with _plumber(data) as pdf:
        with PDFIUM_LOCK:
            fallback = pdfium.PdfDocument(data) if pdf is None else None
        try:
            for i in range(pages):
                out.append(_read_one(pdf, fallback, i))
                if progress:
                    progress(i + 1, pages)
        finally:
            if fallback is not None:
                with PDFIUM_LOCK:
                    fallback.close()
    return out


def _read_one(pdf: pdfplumber.PDF | None, fallback: pdfium.PdfDocument | None, index: int) -> Page | None:
    tables = []
    scanned_with_stamp = False
    if pdf is not None:
        page = pdf.pages[index]
        try:
            raw, tables = page_text_and_tables(page)
            scanned_with_stamp = len(raw) < STAMP_MAX_CHARS and _image_share(page) > SCAN_IMAGE_SHARE
        except Exception:  # a malformed content stream on one page: let OCR read that page
            log.warning("text layer of page %d unreadable; falling back to OCR", index + 1)
            return None
        finally:
            page.close()
    else:
        assert fallback is not None
        with PDFIUM_LOCK:
            pdf_page = fallback[index]
            textpage = pdf_page.get_textpage()
            raw = textpage.get_text_range()
            textpage.close()
            pdf_page.close()
    text = clean_text(raw)
    if scanned_with_stamp or not text_layer_usable(text):
        return None
    return Page(number=index + 1, text=text, method="text_layer", tables=tables)
