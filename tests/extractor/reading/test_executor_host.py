"""A daemonic host (a Celery prefork child) cannot start processes: the OCR pool uses threads there."""

from __future__ import annotations

import multiprocessing
from multiprocessing.queues import Queue

from casewise_extractor.reading.executor import PoolExecutor, make_executor


def _report_kind(out: Queue[str]) -> None:
    executor = make_executor(2, 4, "processes")
    out.put(executor.kind if isinstance(executor, PoolExecutor) else type(executor).__name__)


def test_process_pool_becomes_threads_inside_a_daemonic_process() -> None:
    ctx = multiprocessing.get_context("fork")
    out: Queue[str] = ctx.Queue()
    child = ctx.Process(target=_report_kind, args=(out,), daemon=True)
    child.start()
    child.join(30)
    assert out.get(timeout=5) == "threads"


def test_process_pool_is_kept_in_a_normal_host() -> None:
    executor = make_executor(2, 4, "processes")
    assert isinstance(executor, PoolExecutor) and executor.kind == "processes"
