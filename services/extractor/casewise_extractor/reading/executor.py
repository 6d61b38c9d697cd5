"""Run per-page OCR serially or on a bounded process pool (OCRmyPDF's ``_concurrent.py`` idea).

Each worker receives the page source (the file's bytes) and the engine once, through the pool
initializer, then only page numbers. At most ``2 x workers`` pages are in flight, and results come
back in page order as they finish, so memory stays flat however long the document is.

Workers start from a ``forkserver``: forking a threaded host (a Celery worker, a web server) is
unsafe, and spawning a fresh interpreter per worker re-imports PIL and pdfium each time.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol

from casewise_core.errors import JobTimedOut, OcrEngineError

from casewise_extractor.reading.ocr import OcrEngine, OcrPage, ocr_image
from casewise_extractor.reading.sources import ImageFrames, PdfPages


@dataclass(frozen=True)
class OcrJob:
    """Everything a worker needs besides the page number; sent once per worker."""

    source: PdfPages | ImageFrames
    engine: OcrEngine
    language: str
    timeout_s: float


_job: OcrJob | None = None


def _init_worker(job: OcrJob) -> None:
    global _job
    _job = job


def _ocr_page(index: int) -> OcrPage:
    assert _job is not None, "worker not initialised"
    image, dpi = _job.source.render(index)
    try:
        return ocr_image(image, _job.engine, language=_job.language, dpi=dpi, timeout_s=_job.timeout_s)
    finally:
        image.close()


class PageExecutor(Protocol):
    def run(self, job: OcrJob, indices: Iterable[int]) -> Iterator[tuple[int, OcrPage]]: ...


class SerialExecutor:
    """In-process, one page after another: tests, single pages, and hosts that forbid children."""

    def run(self, job: OcrJob, indices: Iterable[int]) -> Iterator[tuple[int, OcrPage]]:
        global _job
        previous, _job = _job, job
        try:
            for index in indices:
                yield index, _ocr_page(index)
        finally:
            _job = previous


class PoolExecutor:
    """A process pool of ``workers`` with a bounded window of pages in flight."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(self, job: OcrJob, indices: Iterable[int]) -> Iterator[tuple[int, OcrPage]]:
        context = multiprocessing.get_context("forkserver")
        # "__main__" first: the server imports the host's main module once, so workers forked from it
        # do not each re-import it (a CLI or a Celery worker main is ~1 s of imports).
        context.set_forkserver_preload(["__main__", "casewise_extractor.reading.executor"])
        # Backstop only: each Tesseract run has its own timeout inside the worker.
        backstop = job.timeout_s + 60
        pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_worker, initargs=(job,)
        )
        pending: deque[tuple[int, Future[OcrPage]]] = deque()
        todo = iter(indices)
        try:
            for index in todo:
                pending.append((index, pool.submit(_ocr_page, index)))
                if len(pending) >= 2 * self.workers:
                    break
            while pending:
                index, future = pending.popleft()
                yield index, future.result(timeout=backstop)
                next_index = next(todo, None)
                if next_index is not None:
                    pending.append((next_index, pool.submit(_ocr_page, next_index)))
        except BrokenProcessPool as err:
            raise OcrEngineError(detail={"reason": "OCR worker process died"}) from err
        except FutureTimeout as err:
            _terminate(pool)
            raise JobTimedOut(detail={"timeout_s": backstop}) from err
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Kill workers stuck past the backstop (the executor has no public way to)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def make_executor(workers: int, pages: int) -> PageExecutor:
    """Serial for one worker or one page (a pool would only add start-up time), else a pool."""
    n = min(workers, pages)
    return SerialExecutor() if n <= 1 else PoolExecutor(n)
