"""OCR of one page image: the engine interface, the Tesseract engine, and orientation handling.

Tesseract runs as a subprocess on a temporary PGM file, with ``OMP_THREAD_LIMIT=1`` in its environment
only (its own threading is about 4x slower on 2 cores; we parallelise across pages instead) and a
hard timeout. We call the binary directly rather than through pytesseract, which can only pass the
whole host environment (setting the limit there would slow the host's own numeric libraries) and
encodes every page to PNG first (~0.1 s of zlib per 300 DPI page).

Orientation: OCR at 0 degrees first; only a page read with low confidence pays for OSD
(``--psm 0``) and, if OSD says so, a second OCR of the turned page. Upright pages, the vast
majority, therefore cost one Tesseract run plus ~40 ms of speckle and skew estimates.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
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


class TesseractEngine:
    """Tesseract 5 via its command line (Debian ``tesseract-ocr``)."""

    def __init__(self, binary: str = "tesseract") -> None:
        self.binary = binary

    def _run(self, image: Image.Image, args: list[str], timeout_s: float) -> str:
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        # A PGM file: no compression work on either side. (Tesseract reads stdin byte by byte,
        # which costs ~0.2 s a page, so no pipe.)
        with tempfile.NamedTemporaryFile(suffix=".pgm", prefix="casewise-ocr-") as handle:
            image.save(handle, "PPM")
            handle.flush()
            try:
                proc = subprocess.run(
                    [self.binary, handle.name, "stdout", *args],
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


def ocr_image(image: Image.Image, engine: OcrEngine, *, language: str, dpi: int, timeout_s: float) -> OcrPage:
    """OCR one page image: straighten small skew, read, and turn it if it reads like a turned page."""
    deadline = time.monotonic() + timeout_s

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise JobTimedOut(
                "Reading one page of this file took too long and was stopped. Try a clearer scan.",
                detail={"timeout_s": timeout_s},
            )
        return left

    image = image.convert("L") if image.mode != "L" else image
    image, _ = despeckle(image)
    straight, skew = deskew(image)
    best = engine.recognize(straight, language=language, dpi=dpi, timeout_s=remaining())
    rotation = 0
    if best.words and (best.confidence or 0.0) < LOW_CONFIDENCE:
        turn, osd_conf = engine.orientation(image, timeout_s=remaining())
        if turn and osd_conf >= MIN_OSD_CONFIDENCE:
            turned, turned_skew = deskew(image.rotate(-turn, expand=True))
            candidate = engine.recognize(turned, language=language, dpi=dpi, timeout_s=remaining())
            if _better(candidate, best):
                best, rotation, skew = candidate, turn, turned_skew
    return OcrPage(text=best.text, confidence=best.confidence, rotation=rotation, skew_deg=skew)
