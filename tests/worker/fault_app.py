"""Celery app for the reliability tests: the real extraction worker with fault-injecting stages.

Faults are chosen per file by a marker appended after the PDF's end (readers ignore it):
``%CW-FAULT:slow`` sleeps ``SLOW_PAGE_S`` per page (time to kill a worker mid-job),
``%CW-FAULT:crash`` raises an unexpected exception whose message quotes record text (it must not
reach the logs), ``%CW-FAULT:transient`` raises a retryable ``OcrEngineError``. Other files go
through the real reader and extractor when those modules exist; until they land, a small
pypdfium2 reader and a one-rule extractor stand in (they are not what these tests test).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from typing import Any

from casewise_core.document import Document, Page
from casewise_core.errors import CorruptFile, OcrEngineError
from casewise_core.profile import Biomarker, Evidence, Profile
from casewise_extractor import tasks
from casewise_extractor.worker import app  # noqa: F401  (the Celery app this module serves)

SLOW_PAGE_S = 1.5
tasks.BACKOFF_BASE_S = 0.2
tasks.BACKOFF_MAX_S = 0.5


def _fallback_read(data: bytes, name: str, *, settings: Any, progress: Callable[..., None]) -> Document:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise CorruptFile() from exc
    pages = []
    for i in range(len(pdf)):
        text = pdf[i].get_textpage().get_text_range().replace("\r\n", "\n")
        pages.append(Page(number=i + 1, text=text, method="text_layer"))
        progress("reading", i + 1, len(pdf))
    return Document(
        name=name, media_type="application/pdf", sha256=hashlib.sha256(data).hexdigest(), pages=pages
    )


class _FallbackExtractor:
    def extract(self, document: Document) -> Profile:
        found = []
        for page in document.pages:
            for m in re.finditer(r"EGFR", page.text):
                ev = Evidence(
                    document=document.name, page=page.number, start=m.start(), end=m.end(), text="EGFR"
                )
                found.append(Biomarker(gene="EGFR", alteration="mutation", status="positive", evidence=[ev]))
        return Profile(biomarkers=found[:1], documents=[document.name])


def _fallback_merge(profiles: list[Profile]) -> Profile:
    out = Profile()
    for p in profiles:
        out.biomarkers.extend(p.biomarkers)
        out.documents.extend(p.documents)
    return out


def _real_or_fallback() -> tasks.Pipeline:
    try:
        from casewise_extractor.reading import read_document
    except ImportError:
        read_document = _fallback_read
    try:
        from casewise_extractor.nlp import load_extractor, merge_profiles
    except ImportError:
        return tasks.Pipeline(read_document, lambda settings: _FallbackExtractor(), _fallback_merge)
    return tasks.Pipeline(read_document, load_extractor, merge_profiles)


_BASE = _real_or_fallback()


def faulty_read(data: bytes, name: str, *, settings: Any, progress: Callable[..., None]) -> Document:
    tail = data[-64:]
    if b"%CW-FAULT:crash" in tail:
        raise RuntimeError("could not parse 'Patient: Marigold Quillfeather, EGFR exon 19'")
    if b"%CW-FAULT:transient" in tail:
        raise OcrEngineError()
    assert _BASE.read is not None
    document = _BASE.read(data, name, settings=settings, progress=progress)
    if b"%CW-FAULT:slow" in tail:
        for page in document.pages:
            time.sleep(SLOW_PAGE_S)
            progress("ocr", page.number, len(document.pages))
    return document


tasks.set_pipeline(tasks.Pipeline(faulty_read, _BASE.load_extractor, _BASE.merge))
# Load the extractor in the worker's main process, before the pool forks: every child (including the
# one that replaces a killed child) inherits it, so tests do not pay the spaCy load per child.
tasks.runtime().extractor()
