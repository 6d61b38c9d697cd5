"""Run per-page OCR serially or on a bounded pool (OCRmyPDF's ``_concurrent.py`` idea).

Three executors, one interface: serial (tests, single pages), a thread pool (the default) and a
process pool (``ocr_executor="processes"``: page rendering is isolated from the host process). At
most ``2 x workers`` pages are in flight and results come back in page order as they finish, so
memory stays flat however long the document is.

Why threads are the default:

- The parallel work is already in other processes. Each page's OCR is its own Tesseract process,
  so ``workers`` threads that each wait on a Tesseract run keep ``workers`` cores busy; the GIL is
  released while they wait. The Python around it (rendering, despeckle and skew checks, writing the
  page file, parsing the TSV) is ~5-15% of a page and mostly runs in C (pdfium, Pillow, numpy).
- A Celery prefork worker's children are daemonic processes, and a daemonic process may not
  start children of its own: ``ProcessPoolExecutor`` fails there ("daemonic processes are not
  allowed to have children", celery/celery#1709). Plain ``subprocess`` calls (Tesseract) are
  fine, so threads work in the worker, the API, the CLI and tests alike.
- No pool start-up: a process pool costs a forkserver plus, on Python 3.11, a re-import of the
  host's ``__main__`` in each worker (its forkserver ignores a ``"__main__"`` preload), about a
  second per pool for a CLI or Celery host.

The thread pool keeps its Tesseract processes busy: one extra thread renders and prepares pages
in order, ahead of the readers (bounded by the window), so a reader whose Tesseract run ends finds
its next page ready and starts the next run at once, instead of rendering it first while a core
idles. pdfium is not thread-safe, so rendering on one thread also means no lock contention.

Process workers receive the page source (the file's bytes) and the engine once, through the pool
initializer, then only page numbers. They start from a ``forkserver``, since forking a threaded
host (a Celery worker, a web server) is unsafe.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Literal, Protocol

from casewise_core.errors import JobTimedOut, OcrEngineError

from casewise_extractor.reading.ocr import OcrEngine, OcrPage, PreparedPage, prepare_image, read_prepared
from casewise_extractor.reading.sources import ImageFrames, PdfPages

PoolKind = Literal["threads", "processes"]


@dataclass(frozen=True)
class OcrJob:
    """Everything needed to OCR any page of one document besides the page number."""

    source: PdfPages | ImageFrames
    engine: OcrEngine
    language: str
    timeout_s: float


def prepare_page(job: OcrJob, index: int) -> PreparedPage:
    """Render page ``index`` (0-based) and make it ready for the engine."""
    image, dpi = job.source.render(index)
    try:
        return prepare_image(image, dpi)
    except BaseException:
        image.close()
        raise


def read_page(job: OcrJob, page: PreparedPage) -> OcrPage:
    """Read a prepared page; its images are freed before returning."""
    try:
        return read_prepared(page, job.engine, language=job.language, timeout_s=job.timeout_s)
    finally:
        page.close()


def ocr_page(job: OcrJob, index: int) -> OcrPage:
    """Render page ``index`` (0-based) and OCR it; the image is freed before returning."""
    return read_page(job, prepare_page(job, index))


def _read_when_ready(job: OcrJob, prepared: Future[PreparedPage]) -> OcrPage:
    return read_page(job, prepared.result())


_process_job: OcrJob | None = None


def _init_process(job: OcrJob) -> None:
    global _process_job
    _process_job = job


def _process_page(index: int) -> OcrPage:
    assert _process_job is not None, "worker not initialised"
    return ocr_page(_process_job, index)


class PageExecutor(Protocol):
    def run(self, job: OcrJob, indices: Iterable[int]) -> Iterator[tuple[int, OcrPage]]: ...


class SerialExecutor:
    """In-process, one page after another."""

    def run(self, job: OcrJob, indices: Iterable[int]) -> Iterator[tuple[int, OcrPage]]:
        for index in indices:
            yield index, ocr_page(job, index)


class PoolExecutor:
    """``workers`` threads or processes with a bounded window of pages in flight."""

    def __init__(self, workers: int, kind: PoolKind = "threads") -> None:
        self.workers, self.kind = workers, kind

    def _start(self, job: OcrJob) -> Executor:
        if self.kind == "threads":
            return ThreadPoolExecutor(self.workers, thread_name_prefix="casewise-ocr")
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["casewise_extractor.reading.executor"])
        return ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_process, initargs=(job,)
        )

    def _submit(self, pools: tuple[Executor, Executor | None], job: OcrJob, index: int) -> Future[OcrPage]:
        pool, prep = pools
        if prep is None:
            return pool.submit(_process_page, index)
        # Rendering runs on its own thread, in page order, ahead of the readers: a reader whose
        # Tesseract run ends finds its next page ready and starts the next run at once.
        return pool.submit(_read_when_ready, job, prep.submit(prepare_page, job, index))

    def run(self, job: OcrJob, indices: Iterable[int]) -> Iterator[tuple[int, OcrPage]]:
        # Backstop only: each Tesseract run has its own timeout inside read_prepared.
        backstop = job.timeout_s + 60
        pool = self._start(job)
        prep = ThreadPoolExecutor(1, thread_name_prefix="casewise-render") if self.kind == "threads" else None
        pools = (pool, prep)
        pending: deque[tuple[int, Future[OcrPage]]] = deque()
        todo = iter(indices)
        failed = False
        try:
            for index in todo:
                pending.append((index, self._submit(pools, job, index)))
                if len(pending) >= 2 * self.workers:
                    break
            while pending:
                index, future = pending.popleft()
                yield index, future.result(timeout=backstop)
                next_index = next(todo, None)
                if next_index is not None:
                    pending.append((next_index, self._submit(pools, job, next_index)))
        except BrokenProcessPool as err:
            failed = True
            raise OcrEngineError(detail={"reason": "OCR worker process died"}) from err
        except FutureTimeout as err:
            failed = True
            _terminate(pool)
            raise JobTimedOut(detail={"timeout_s": backstop}) from err
        except BaseException:
            failed = True
            raise
        finally:
            # On failure, drop queued pages and do not wait for the ones running (their Tesseract
            # runs end by their own timeout); on success everything has already finished.
            if prep is not None:
                prep.shutdown(wait=not failed, cancel_futures=True)
            pool.shutdown(wait=not failed, cancel_futures=True)


def _terminate(pool: Executor) -> None:
    """Kill process workers stuck past the backstop (the executor has no public way to)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def make_executor(workers: int, pages: int, kind: PoolKind = "threads") -> PageExecutor:
    """Serial for one worker or one page (a pool would only add start-up time), else a pool.

    A daemonic host (a Celery prefork child) cannot start processes, so there a process pool
    quietly becomes a thread pool: the Tesseract runs are separate processes either way.
    """
    n = min(workers, pages)
    if n <= 1:
        return SerialExecutor()
    if kind == "processes" and multiprocessing.current_process().daemon:
        kind = "threads"
    return PoolExecutor(n, kind)
