"""OCR of one page image: the engine interface, the Tesseract engine, and orientation handling.

Tesseract runs as a subprocess on a temporary uncompressed TIFF (in ``/dev/shm``), with
``OMP_THREAD_LIMIT=1`` in its environment only (its own threading is about 4x slower on 2 cores;
we parallelise across pages instead) and a hard timeout. One run gives both the text and the word
confidences: TSV output, from which the text is rebuilt with its line and paragraph breaks. We call
the binary directly rather than through pytesseract, which can only pass the whole host environment
(setting the limit there would slow the host's own numeric libraries) and encodes every page to
PNG first (~0.1 s of zlib per 300 DPI page).

Orientation: OCR at 0 degrees first; only a page read with low confidence pays for OSD
(``--psm 0``) and, if OSD says so, a second OCR of the turned page. Upright pages, the vast
majority, therefore cost one Tesseract run plus ~15 ms of speckle and skew estimates.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from casewise_core.errors import JobTimedOut, OcrEngineError
from PIL import Image

from casewise_extractor.reading.deskew import deskew
from casewise_extractor.reading.speckle import despeckle

#: Mean word confidence below which a page may be turned, and OSD is consulted.
LOW_CONFIDENCE = 60.0
#: OSD orientation confidence below which its answer is ignored (Tesseract's own docs suggest ~2).
MIN_OSD_CONFIDENCE = 2.0


@dataclass(frozen=True)
class OcrText:
    """What an engine read from one image."""

    text: str
    confidence: float | None  # mean word confidence 0-100; None when no words
    words: int


@dataclass(frozen=True)
class OcrPage:
    """One page's OCR outcome, ready to become a ``Page``."""

    text: str
    confidence: float | None
    rotation: int
    skew_deg: float


class OcrEngine(Protocol):
    """A swappable OCR engine. Implementations must be picklable (they travel to worker processes)."""

    def recognize(self, image: Image.Image, *, language: str, dpi: int, timeout_s: float) -> OcrText: ...

    def orientation(self, image: Image.Image, *, timeout_s: float) -> tuple[int, float]:
        """Clockwise degrees (0/90/180/270) to turn the image upright, and the engine's confidence."""
        ...


#: RAM-backed scratch space for page files when the machine has it; else the system temp dir.
_SHM = "/dev/shm"


@contextmanager
def _page_file(image: Image.Image) -> Iterator[str]:
    """The page as an uncompressed TIFF in a temporary file, deleted on exit.

    Measured on a 300 DPI letter page (Tesseract 5.3, Leptonica 1.82): Tesseract spends ~0.55 s CPU
    on an uncompressed TIFF, ~0.59 s on the same page as PNG (it inflates it first) and ~0.65 s as
    PGM (Leptonica reads PNM a byte at a time). Writing the TIFF costs ~5 ms, PNG 25-100 ms.
    Reading from stdin is slower still (byte by byte), so no pipe.
    """
    shm = _SHM if os.access(_SHM, os.W_OK) else None
    for directory in dict.fromkeys([shm, None]):
        with tempfile.NamedTemporaryFile(suffix=".tif", prefix="casewise-ocr-", dir=directory) as handle:
            try:
                image.save(handle, "TIFF", compression="raw")  # not the source file's G4 or LZW
                handle.flush()
            except OSError:
                if directory is None:
                    raise
                continue  # /dev/shm full (containers default to 64 MB): the disk then
            yield handle.name
            return


class TesseractEngine:
    """Tesseract 5 via its command line (Debian ``tesseract-ocr``)."""

    def __init__(self, binary: str = "tesseract") -> None:
        self.binary = binary

    def _run(self, image: Image.Image, args: list[str], timeout_s: float) -> str:
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        with _page_file(image) as path:
            try:
                proc = subprocess.run(
                    [self.binary, path, "stdout", *args],
                    capture_output=True,
                    timeout=timeout_s,
                    env=env,
                    check=False,
                )
            except subprocess.TimeoutExpired as err:
                raise JobTimedOut(
                    "Reading one page of this file took too long and was stopped. Try a clearer scan.",
                    detail={"timeout_s": timeout_s},
                ) from err
            except OSError as err:
                raise OcrEngineError(detail={"reason": "tesseract not runnable"}) from err
        if proc.returncode != 0:
            raise OcrEngineError(detail={"returncode": proc.returncode})
        return proc.stdout.decode("utf-8", errors="replace")

    def recognize(self, image: Image.Image, *, language: str, dpi: int, timeout_s: float) -> OcrText:
        tsv = self._run(image, ["-l", language, "--dpi", str(dpi), "tsv"], timeout_s)
        return text_from_tsv(tsv)

    def orientation(self, image: Image.Image, *, timeout_s: float) -> tuple[int, float]:
        try:
            out = self._run(image, ["--psm", "0", "-c", "min_characters_to_try=10"], timeout_s)
        except OcrEngineError:
            return 0, 0.0  # OSD fails on pages with too little text; that is not an OCR failure
        fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        try:
            return int(fields["Rotate"]) % 360, float(fields["Orientation confidence"])
        except (KeyError, ValueError):
            return 0, 0.0


def text_from_tsv(tsv: str) -> OcrText:
    """Rebuild text from Tesseract TSV: words joined by spaces, lines by ``\\n``, blocks by a blank line."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        lines.setdefault((int(cols[2]), int(cols[3]), int(cols[4])), []).append(word)
        if float(cols[10]) >= 0:
            confs.append(float(cols[10]))
    out: list[str] = []
    last_block: tuple[int, int] | None = None
    for (block, par, _line), words in lines.items():
        if last_block is not None and (block, par) != last_block:
            out.append("")
        out.append(" ".join(words))
        last_block = (block, par)
    conf = round(sum(confs) / len(confs), 2) if confs else None
    return OcrText(text="\n".join(out), confidence=conf, words=sum(len(w) for w in lines.values()))


def _better(a: OcrText, b: OcrText) -> bool:
    """Is ``a`` a better reading than ``b``? Confidence weighted by how much was read."""
    return (a.confidence or 0.0) * a.words > (b.confidence or 0.0) * b.words


@dataclass
class PreparedPage:
    """A page image ready for the engine: despeckled, and a straightened copy when it was skewed."""

    image: Image.Image  # as rendered (despeckled): OSD and turned re-reads start from this
    straight: Image.Image  # what is read first; ``image`` itself when no skew was corrected
    skew_deg: float
    dpi: int

    def close(self) -> None:
        self.straight.close()
        self.image.close()


def prepare_image(image: Image.Image, dpi: int) -> PreparedPage:
    """Grayscale, despeckle where speckled, straighten small skew (~15 ms on a clean page)."""
    gray = image.convert("L") if image.mode != "L" else image
    clean, _ = despeckle(gray)
    straight, skew = deskew(clean)
    return PreparedPage(image=clean, straight=straight, skew_deg=skew, dpi=dpi)


def read_prepared(page: PreparedPage, engine: OcrEngine, *, language: str, timeout_s: float) -> OcrPage:
    """Read a prepared page, and turn it if it reads like a turned page (OSD)."""
    deadline = time.monotonic() + timeout_s

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise JobTimedOut(
                "Reading one page of this file took too long and was stopped. Try a clearer scan.",
                detail={"timeout_s": timeout_s},
            )
        return left

    dpi, skew = page.dpi, page.skew_deg
    best = engine.recognize(page.straight, language=language, dpi=dpi, timeout_s=remaining())
    rotation = 0
    if best.words and (best.confidence or 0.0) < LOW_CONFIDENCE:
        turn, osd_conf = engine.orientation(page.image, timeout_s=remaining())
        if turn and osd_conf >= MIN_OSD_CONFIDENCE:
            turned, turned_skew = deskew(page.image.rotate(-turn, expand=True))
            candidate = engine.recognize(turned, language=language, dpi=dpi, timeout_s=remaining())
            if _better(candidate, best):
                best, rotation, skew = candidate, turn, turned_skew
    return OcrPage(text=best.text, confidence=best.confidence, rotation=rotation, skew_deg=skew)


def ocr_image(image: Image.Image, engine: OcrEngine, *, language: str, dpi: int, timeout_s: float) -> OcrPage:
    """OCR one page image: straighten small skew, read, and turn it if it reads like a turned page."""
    return read_prepared(prepare_image(image, dpi), engine, language=language, timeout_s=timeout_s)
