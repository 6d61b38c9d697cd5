"""Celery tasks of the answer worker: answer a stored question, delete a case's vectors.

The worker process owns the embedded Qdrant path (run it with ``-P solo``), so the ``Answerer``
(corpus, index, dense model) is built once per process on first use. The database row is the
job: ``ANSWER_QUESTION(answer_id)`` moves ``answers.status`` queued → running → succeeded/failed
and stores the core ``Answer`` dump in ``result_json``. Logs carry ids and error codes only.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Any

from casewise_core import tasks as names
from casewise_core.errors import CasewiseError, TransientError
from casewise_core.settings import AnswererSettings
from casewise_core.storage.models import Answer as AnswerRow
from casewise_core.storage.models import utcnow
from celery import shared_task
from sqlalchemy.orm import Session, sessionmaker

from casewise_answerer.answerer import Answerer

log = logging.getLogger("casewise.answerer.tasks")


class Runtime:
    """Per-process resources, built lazily inside the worker process."""

    def __init__(self, settings: AnswererSettings, answerer: Answerer | None = None) -> None:
        self.settings = settings
        self._answerer = answerer

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from casewise_core.storage.db import make_engine, make_session_factory

        return make_session_factory(make_engine(self.settings.resolved_database_url))

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            self._answerer = Answerer.from_settings(self.settings)
        return self._answerer


_runtime: Runtime | None = None


def runtime() -> Runtime:
    global _runtime
    if _runtime is None:
        _runtime = Runtime(AnswererSettings())
    return _runtime


def set_runtime(rt: Runtime | None) -> None:
    """Use these resources in this process (tests; embedding the worker in another process)."""
    global _runtime
    _runtime = rt


def _finish(rt: Runtime, answer_id: str, status: str, **values: Any) -> None:
    with rt.sessions() as s:
        row = s.get(AnswerRow, answer_id)
        if row is None:
            return
        row.status = status
        row.finished_at = utcnow()
        for key, value in values.items():
            setattr(row, key, value)
        s.commit()


def run_answer(rt: Runtime, answer_id: str) -> str:
    """Answer one stored question; returns the final status."""
    from casewise_core.storage.repositories import visible_profile

    with rt.sessions() as s:
        row = s.get(AnswerRow, answer_id)
        if row is None or row.status in {"succeeded", "failed"}:
            return "skipped"
        row.status = "running"
        question, case_id = row.question, row.case_id
        profile = visible_profile(s, case_id) if case_id else None
        s.commit()
    try:
        answer = rt.answerer.answer(question, profile)
    except CasewiseError as exc:
        log.warning("answer %s: failed %s", answer_id, exc.code)
        if exc.retryable:
            with rt.sessions() as s:
                row = s.get(AnswerRow, answer_id)
                if row is not None:
                    row.status = "queued"
                    s.commit()
            raise
        _finish(rt, answer_id, "failed", error_code=exc.code, error_message=exc.text)
        return "failed"
    except Exception as exc:
        log.error("answer %s: unexpected %s", answer_id, type(exc).__name__)
        _finish(rt, answer_id, "failed", error_code=CasewiseError.code, error_message=CasewiseError.message)
        return "failed"
    _finish(rt, answer_id, "succeeded", result_json=answer.model_dump(mode="json"))
    log.info("answer %s: succeeded (%s)", answer_id, answer.engine)
    return "succeeded"


@shared_task(
    name=names.ANSWER_QUESTION,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(TransientError,),
    retry_backoff=2,
    max_retries=3,
)
def answer_question(answer_id: str) -> str:
    return run_answer(runtime(), answer_id)


@shared_task(name=names.DELETE_CASE_VECTORS, acks_late=True)
def delete_case_vectors(case_id: str) -> int:
    """Delete every vector stored for the case (none today: per-case vectors are not indexed)."""
    n = runtime().answerer.delete_case_vectors(case_id)
    log.info("case vectors deleted: %d", n)
    return n
