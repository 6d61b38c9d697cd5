"""OCR of one page image: the engine interface, the Tesseract engine, and orientation handling.

Tesseract runs as a subprocess on a temporary uncompressed TIFF (in ``/dev/shm``), with
``OMP_THREAD_LIMIT=1`` in its environment only (its own threading is about 4x slower on 2 cores;
we parallelise across pages instead) and a hard timeout. One run gives both the text and the word
confidences: TSV output, from which the text is rebuilt with its line and paragraph breaks, and the
lines the page wrapped joined again (``reflow``). We call
the binary directly rather than through pytesseract, which can only pass the whole host environment
(setting the limit there would slow the host's own numeric libraries) and encodes every page to
PNG first (~0.1 s of zlib per 300 DPI page).

Orientation: OCR at 0 degrees first; only a page read with low confidence pays for OSD
(``--psm 0``) and, if OSD says so, a second OCR of the turned page. Upright pages, the vast
majority, therefore cost one Tesseract run plus ~20 ms of lighting, speckle and skew estimates.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from statistics import median, quantiles
from typing import Protocol

from casewise_core.errors import JobTimedOut, OcrEngineError
from PIL import Image

from casewise_extractor.reading.cut_dates import join_cut_dates
from casewise_extractor.reading.deskew import deskew
from casewise_extractor.reading.lighting import even_out
from casewise_extractor.reading.reflow import Frame, Line, frame_for, join, reflow, vocabulary, wraps
from casewise_extractor.reading.speckle import despeckle

#: Mean word confidence below which a page may be turned, and OSD is consulted.
LOW_CONFIDENCE = 60.0
#: OSD orientation confidence below which its answer is ignored (Tesseract's own docs suggest ~2).
MIN_OSD_CONFIDENCE = 2.0
#: A gap between two words wider than the line is tall separates columns ("FGFR2   Fusion    Positive"):
#: nothing is joined onto such a line.
COLUMN_GAP = 1.0
#: Two Tesseract paragraphs are one when the gap between them is within this share of the page's
#: normal line spacing, measured over at least ``MIN_PITCH_SAMPLES`` line pairs (see ``_continues``).
PARAGRAPH_PITCH = 1.15
MIN_PITCH_SAMPLES = 3


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


@dataclass
class _TsvLine:
    words: list[str]
    boxes: list[tuple[int, int, int, int]]  # left, top, width, height of each word


def text_from_tsv(tsv: str) -> OcrText:
    """Rebuild text from Tesseract TSV: words joined by spaces, lines by ``\\n``, paragraphs by a blank
    line; the lines of a paragraph that the page wrapped are joined into one (``reflow``)."""
    lines: dict[tuple[int, int, int], _TsvLine] = {}
    confs: list[float] = []
    page_width = 0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        if cols[0] == "1":
            page_width = int(cols[8])
        if cols[0] != "5" or not cols[11].strip():
            continue
        line = lines.setdefault((int(cols[2]), int(cols[3]), int(cols[4])), _TsvLine([], []))
        line.words.append(cols[11].strip())
        line.boxes.append((int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9])))
        if float(cols[10]) >= 0:
            confs.append(float(cols[10]))
    conf = round(sum(confs) / len(confs), 2) if confs else None
    words = sum(len(line.words) for line in lines.values())
    return OcrText(text=join_cut_dates(_paragraphs(lines, page_width)), confidence=conf, words=words)


def _paragraphs(lines: dict[tuple[int, int, int], _TsvLine], page_width: int) -> str:
    """Paragraphs (Tesseract's block and paragraph numbers) apart, each reflowed within its block."""
    space = _space_width(lines.values())
    placed = {key: _placed(line, space) for key, line in lines.items()}
    frames = {
        block: frame_for(
            (ln for (b, _, _), ln in placed.items() if b == block), page_width, max_pitch=None, size_ratio=1.5
        )
        for block in {key[0] for key in placed}
    }
    pars: dict[tuple[int, int], list[Line]] = {}
    for (block, par, _), line in placed.items():
        pars.setdefault((block, par), []).append(line)
    words = vocabulary(line.text for line in placed.values())
    pitch = _line_pitch(pars.values())
    # across blocks the page's right edge decides: a one-line block (a running header) fills its own
    page = frame_for(placed.values(), page_width, max_pitch=None, size_ratio=1.5)
    out: list[list[str]] = []
    prev: tuple[int, Line] | None = None
    for (block, _), par in pars.items():
        lines = reflow(par, frames[block], words)
        if prev is not None and _continues(prev[1], par[0], page, pitch):
            # Tesseract cut a wrapped sentence into two blocks or paragraphs ("... - reported" /
            # "NEGATIVE (not detected)."): a line at normal line spacing where the layout had to
            # wrap continues it
            out[-1][-1] = join(out[-1][-1], lines[0], words)
            out[-1].extend(lines[1:])
        else:
            out.append(lines)
        prev = (block, par[-1])
    return "\n\n".join("\n".join(lines) for lines in out)


def _line_pitch(pars: Iterable[list[Line]]) -> float | None:
    """The page's normal line spacing: the lower quartile of top-to-top distances of lines within a
    paragraph (table rows and spaced lists in a Tesseract paragraph step further; body text is tighter)."""
    steps = [b.top - a.top for par in pars for a, b in zip(par, par[1:], strict=False) if b.top > a.top]
    return quantiles(steps, n=4)[0] if len(steps) >= MIN_PITCH_SAMPLES else None


def _continues(cur: Line, nxt: Line, frame: Frame, pitch: float | None) -> bool:
    """Does the next Tesseract paragraph's first line continue ``cur``, the last line of the one before
    (in its block or the block before)? Only at the page's normal line spacing (a writer's paragraph
    break leaves more), after an unfinished sentence, where the layout had to wrap (``reflow.wraps``)."""
    if pitch is None or not 0 < nxt.top - cur.top <= PARAGRAPH_PITCH * pitch:
        return False
    if cur.text.rstrip().endswith((".", ":", ";", "!", "?")):
        return False  # a finished sentence: Tesseract's break may be the writer's own
    return wraps(cur, nxt, frame, starts_paragraph=False)


def _space_width(lines: Iterable[_TsvLine]) -> float:
    """The page's word spacing in pixels: the median gap between neighbouring words."""
    gaps = [b[0] - (a[0] + a[2]) for line in lines for a, b in zip(line.boxes, line.boxes[1:], strict=False)]
    gaps = [g for g in gaps if g > 0]
    return float(median(gaps)) if gaps else 0.0


def _placed(line: _TsvLine, space: float) -> Line:
    x0 = min(box[0] for box in line.boxes)
    size = float(max(box[3] for box in line.boxes))
    gaps = [b[0] - (a[0] + a[2]) for a, b in zip(line.boxes, line.boxes[1:], strict=False)]
    return Line(
        text=" ".join(line.words),
        x0=float(x0),
        x1=float(max(box[0] + box[2] for box in line.boxes)),
        top=float(min(box[1] for box in line.boxes)),
        size=size,
        space=space or 0.3 * size,
        first_word=float(line.boxes[0][2]),
        columns=any(gap > COLUMN_GAP * size for gap in gaps),
    )


def _better(a: OcrText, b: OcrText) -> bool:
    """Is ``a`` a better reading than ``b``? Confidence weighted by how much was read."""
    return (a.confidence or 0.0) * a.words > (b.confidence or 0.0) * b.words


@dataclass
class PreparedPage:
    """A page image ready for the engine: evenly lit, despeckled, and a straightened copy when it
    was skewed."""

    image: Image.Image  # as rendered (despeckled): OSD and turned re-reads start from this
    straight: Image.Image  # what is read first; ``image`` itself when no skew was corrected
    skew_deg: float
    dpi: int

    def close(self) -> None:
        self.straight.close()
        self.image.close()


def prepare_image(image: Image.Image, dpi: int) -> PreparedPage:
    """Grayscale, even out uneven lighting (photos), despeckle where speckled, straighten small
    skew (~20 ms on a clean page)."""
    gray = image.convert("L") if image.mode != "L" else image
    lit, _ = even_out(gray)
    clean, _ = despeckle(lit)
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
