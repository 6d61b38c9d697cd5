"""The reading stage: file bytes in, a ``Document`` of pages out.

Stages run in order, each taking the draft and the run context and returning the draft
(OCRmyPDF's ``_pipeline.py``): triage (size, type) -> pages (text layers, images, plain text) ->
OCR (pages without usable text, in parallel) -> finish (no text at all is an error).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casewise_core.document import Document, Page
from casewise_core.errors import EmptyDocument, FileTooLarge, NoTextFound, NotFound, TooManyPages
from casewise_core.filetypes import PDF, SNIFF_BYTES, TEXT, sniff_media_type
from casewise_core.settings import ReadingSettings

from casewise_extractor.reading import pdf
from casewise_extractor.reading.executor import OcrJob, make_executor
from casewise_extractor.reading.ocr import OcrEngine, TesseractEngine
from casewise_extractor.reading.quality import clean_text
from casewise_extractor.reading.sources import ImageFrames, PdfPages, count_frames

Progress = Callable[[str, int, int], None]


@dataclass
class RunContext:
    settings: ReadingSettings
    workers: int
    engine: OcrEngine
    progress: Progress | None = None

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)


@dataclass
class Draft:
    data: bytes
    media_type: str = ""
    # One slot per page; None until the page is read (pages left None after "pages" need OCR).
    pages: list[Page | None] = field(default_factory=list)
    source: PdfPages | ImageFrames | None = None


def triage(draft: Draft, ctx: RunContext) -> Draft:
    if not draft.data:
        raise EmptyDocument()
    draft.media_type = sniff_media_type(draft.data[:SNIFF_BYTES])
    return draft


def read_pages(draft: Draft, ctx: RunContext) -> Draft:
    s = ctx.settings
    if draft.media_type == TEXT:
        draft.pages = list(_plain_text_pages(draft.data, s.max_pages))
        ctx.report("reading", len(draft.pages), len(draft.pages))
    elif draft.media_type == PDF:
        total = pdf.count_pages(draft.data, max_pages=s.max_pages)
        draft.pages = pdf.read_text_layers(draft.data, total, lambda d, t: ctx.report("reading", d, t))
        draft.source = PdfPages(draft.data, dpi=s.ocr_dpi, max_pixels=s.max_image_pixels)
    else:
        frames = count_frames(draft.data, max_pixels=s.max_image_pixels, max_pages=s.max_pages)
        draft.pages = [None] * frames
        draft.source = ImageFrames(draft.data, max_pixels=s.max_image_pixels)
        ctx.report("reading", frames, frames)
    return draft


def ocr_pages(draft: Draft, ctx: RunContext) -> Draft:
    todo = [i for i, page in enumerate(draft.pages) if page is None]
    if not todo:
        return draft
    assert draft.source is not None
    job = OcrJob(draft.source, ctx.engine, ctx.settings.ocr_language, float(ctx.settings.ocr_page_timeout_s))
    ctx.report("ocr", 0, len(todo))
    executor = make_executor(ctx.workers, len(todo), ctx.settings.ocr_executor)
    try:
        for done, (index, result) in enumerate(executor.run(job, todo), start=1):
            draft.pages[index] = Page(
                number=index + 1,
                text=clean_text(result.text),
                method="ocr",
                confidence=result.confidence,
                rotation=result.rotation,
            )
            ctx.report("ocr", done, len(todo))
    finally:
        draft.source.close()
    return draft


def finish(draft: Draft, ctx: RunContext) -> Draft:
    if not any(page is not None and page.text.strip() for page in draft.pages):
        raise NoTextFound()
    return draft


STAGES = (triage, read_pages, ocr_pages, finish)


def _plain_text_pages(data: bytes, max_pages: int) -> list[Page]:
    text = data.decode("utf-8-sig", errors="replace")
    parts = text.split("\f")  # form feeds separate pages in text exports
    if len(parts) > max_pages:
        raise TooManyPages(detail={"pages": len(parts), "max_pages": max_pages})
    return [Page(number=i, text=clean_text(part), method="plain_text") for i, part in enumerate(parts, 1)]


def _load(source: Path | bytes, max_bytes: int) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            if path.stat().st_size > max_bytes:
                raise FileTooLarge(detail={"bytes": path.stat().st_size, "max_bytes": max_bytes})
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as err:
            raise NotFound("The file to read was not found.") from err
    if len(data) > max_bytes:
        raise FileTooLarge(detail={"bytes": len(data), "max_bytes": max_bytes})
    return data


def read_document(
    source: Path | bytes,
    name: str,
    *,
    settings: ReadingSettings | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    engine: OcrEngine | None = None,
) -> Document:
    """Read a file (a path, or its bytes) into a :class:`~casewise_core.document.Document`.

    ``name`` is the declared file name, kept for display only. ``progress(stage, done, total)`` is
    called with stage ``"reading"`` then ``"ocr"`` as pages complete. ``workers`` caps OCR processes
    (default ``settings.ocr_workers``, 0 = all cores; 1 = serial in-process; threads or processes
    per ``settings.ocr_executor``). ``engine`` swaps the OCR
    engine (default Tesseract). Raises a ``casewise_core.errors.InputError`` subclass for input that
    cannot be read, ``OcrEngineError`` (retryable) or ``JobTimedOut`` when OCR fails or runs too long.
    """
    s = settings or ReadingSettings()
    n_workers = workers if workers is not None else (s.ocr_workers or os.cpu_count() or 1)
    ctx = RunContext(
        settings=s, workers=max(1, n_workers), engine=engine or TesseractEngine(), progress=progress
    )
    draft = Draft(data=_load(source, s.max_upload_bytes))
    for stage in STAGES:
        draft = stage(draft, ctx)
    pages = [page for page in draft.pages if page is not None]
    return Document(
        name=name,
        media_type=draft.media_type,
        sha256=hashlib.sha256(draft.data).hexdigest(),
        pages=pages,
    )
