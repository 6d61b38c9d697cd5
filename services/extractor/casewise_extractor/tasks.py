"""Celery tasks of the extraction worker: process one uploaded document, reap stale jobs.

``PROCESS_DOCUMENT(job_id)``: claim the job (a finished job is never run again), read the file
from the encrypted store, read pages (stages ``reading``/``ocr``), extract a profile
(``extracting``), merge every document profile of the case (``merging``), succeed. Errors:
non-retryable ``CasewiseError`` → failed with its code; retryable ones and unexpected exceptions →
retried with exponential backoff until ``job_max_attempts``, then failed (``internal_error`` for
the unexpected). Logs carry ids, stages, codes and exception types, never record text or names.

Heavy resources (database engine, file store, the spaCy extractor) load once per worker process,
lazily, after the prefork pool has forked.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from casewise_core import tasks as names
from casewise_core.document import Document as ReadDocument
from casewise_core.errors import CasewiseError, FileMissing, NotFound
from casewise_core.profile import Profile
from casewise_core.settings import ExtractorSettings
from casewise_core.storage import jobs, profiles
from casewise_core.storage.files import FileStore
from casewise_core.storage.models import Document
from celery import shared_task
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("casewise.extractor.tasks")

MERGE_TRIES = 20
BACKOFF_BASE_S = 2.0
BACKOFF_MAX_S = 60.0
CLAIM_RETRY_S = 10
CLAIM_RETRIES = 30

ProgressFn = Callable[[str, int, int | None], None]


class Abandoned(Exception):
    """The job is no longer ours (re-queued by the reaper, or finished elsewhere): stop quietly."""


@dataclass
class Pipeline:
    """The stages a job runs; the defaults are the real engines. Tests swap in fault-injecting ones."""

    read: Callable[..., ReadDocument] | None = None
    load_extractor: Callable[[ExtractorSettings], Any] | None = None
    merge: Callable[[list[Profile]], Profile] | None = None

    def resolved(self) -> Pipeline:
        read, load, merge = self.read, self.load_extractor, self.merge
        if read is None:
            from casewise_extractor.reading import read_document as read
        if load is None or merge is None:
            from casewise_extractor.nlp import load_extractor, merge_profiles

            load, merge = load or load_extractor, merge or merge_profiles
        return Pipeline(read, load, merge)


@dataclass
class Runtime:
    """Per-process resources, built on first use inside the worker process."""

    settings: ExtractorSettings
    pipeline: Pipeline = field(default_factory=Pipeline)
    _extractor: Any = None

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from casewise_core.storage.db import make_engine, make_session_factory

        return make_session_factory(make_engine(self.settings.resolved_database_url))

    @cached_property
    def files(self) -> FileStore:
        return FileStore.from_settings(self.settings)

    @cached_property
    def stages(self) -> Pipeline:
        return self.pipeline.resolved()

    def extractor(self) -> Any:
        if self._extractor is None:
            assert self.stages.load_extractor is not None
            self._extractor = self.stages.load_extractor(self.settings)
        return self._extractor


_runtime: Runtime | None = None


def runtime() -> Runtime:
    global _runtime
    if _runtime is None:
        _runtime = Runtime(ExtractorSettings())
    return _runtime


def set_pipeline(pipeline: Pipeline, settings: ExtractorSettings | None = None) -> None:
    """Replace the stages for this process (fault injection in tests; alternative engines)."""
    global _runtime
    _runtime = Runtime(settings or ExtractorSettings(), pipeline)


def attach_document_id(profile: Profile, document_id: str) -> Profile:
    """Set ``Evidence.document_id`` on every piece of evidence in ``profile``."""
    data = profile.model_dump(mode="json")

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "evidence" and isinstance(value, list):
                    for ev in value:
                        if isinstance(ev, dict) and ev.get("document_id") is None:
                            ev["document_id"] = document_id
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return Profile.model_validate(data)


def backoff_s(attempt: int) -> float:
    return min(BACKOFF_BASE_S * 2 ** max(attempt - 1, 0), BACKOFF_MAX_S)


def run_job(rt: Runtime, job_id: str, worker: str) -> None:
    """The stages of one claimed job, top to bottom. Raises on failure; the task decides retries."""
    with rt.sessions() as s:
        job = jobs.get_job(s, job_id)
        if job is None:
            raise Abandoned()
        doc = s.get(Document, job.document_id)
        if doc is None:
            raise Abandoned()
        case_id, document_id, name, storage_key = job.case_id, doc.id, doc.name, doc.storage_key
    data = rt.files.get(storage_key)

    def on_progress(stage: str, pages_done: int, pages_total: int | None) -> None:
        with rt.sessions() as s:
            if not jobs.progress(s, job_id, stage, pages_done, pages_total, worker=worker):
                raise Abandoned()

    stages = rt.stages
    assert stages.read is not None and stages.merge is not None
    document = stages.read(data, name, settings=rt.settings, progress=on_progress)
    with rt.sessions() as s:
        if not jobs.progress(s, job_id, "extracting", worker=worker):
            raise Abandoned()
        row = s.get(Document, document_id)
        if row is not None and row.page_count != len(document.pages):
            row.page_count = len(document.pages)
            s.commit()
    profile = attach_document_id(rt.extractor().extract(document), document_id)
    with rt.sessions() as s:
        profiles.store_document_profile(s, document_id, case_id, profile.model_dump(mode="json"))
        if not jobs.progress(s, job_id, "merging", worker=worker):
            raise Abandoned()
    merge_case(rt, case_id, stages.merge)
    with rt.sessions() as s:
        if not jobs.succeed_job(s, job_id, worker=worker):
            raise Abandoned()


def merge_case(rt: Runtime, case_id: str, merge: Callable[[list[Profile]], Profile]) -> int:
    """Merge all document profiles of a case into its CaseProfile; returns the new version.

    Optimistic concurrency: a merge that lost a race re-reads and merges again, so two documents
    of one case finishing together both end up in the merged profile.
    """
    for attempt in range(MERGE_TRIES):
        with rt.sessions() as s:
            version = profiles.case_profile_version(s, case_id)
            each = [Profile.model_validate(p) for p in profiles.document_profiles(s, case_id)]
            merged = merge(each) if each else Profile()
            if profiles.store_case_profile(s, case_id, merged.model_dump(mode="json"), version):
                return version + 1
        time.sleep(0.01 * (attempt + 1))
    raise CasewiseError("Could not save the merged profile; it will be retried.")


def _describe(exc: BaseException) -> str:
    """Exception type and innermost frame, never its message (which may quote record text)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f" at {tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}" if tb else ""
    return f"{type(exc).__name__}{where}"


@shared_task(name=names.PROCESS_DOCUMENT, bind=True, acks_late=True, reject_on_worker_lost=True)
def process_document(self: Any, job_id: str) -> str:
    rt = runtime()
    worker = jobs.worker_id()
    max_attempts = rt.settings.job_max_attempts
    try:
        with rt.sessions() as s:
            job = jobs.claim_job(s, job_id, worker, max_attempts=max_attempts)
            attempts = job.attempts if job is not None else 0
    except SQLAlchemyError as exc:
        # Database down: try this message again soon; past that, the reaper finds the queued job.
        log.warning("job %s: database unavailable at claim (%s)", job_id, type(exc).__name__)
        raise self.retry(countdown=CLAIM_RETRY_S, max_retries=CLAIM_RETRIES) from None
    if job is None:
        log.info("job %s: not claimed (finished, owned elsewhere or out of attempts)", job_id)
        return "skipped"
    log.info("job %s: claimed, attempt %d", job_id, attempts)
    started = time.monotonic()
    try:
        run_job(rt, job_id, worker)
    except Abandoned:
        log.info("job %s: abandoned (no longer ours)", job_id)
        return "abandoned"
    except NotFound:  # the file store has no such file (a row without its bytes)
        with rt.sessions() as s:
            jobs.fail_job(s, job_id, FileMissing.code, FileMissing.message)
        log.warning("job %s: failed %s", job_id, FileMissing.code)
        return "failed"
    except CasewiseError as exc:
        if exc.retryable and attempts < max_attempts:
            return _retry(self, rt, job_id, attempts, exc.code)
        with rt.sessions() as s:
            jobs.fail_job(s, job_id, exc.code, exc.text, worker=worker)
        log.warning("job %s: failed %s", job_id, exc.code)
        return "failed"
    except Exception as exc:
        log.error("job %s: unexpected %s (attempt %d)", job_id, _describe(exc), attempts)
        if attempts < max_attempts:
            return _retry(self, rt, job_id, attempts, "internal_error")
        with rt.sessions() as s:
            jobs.fail_job(s, job_id, CasewiseError.code, CasewiseError.message, worker=worker)
        return "failed"
    log.info("job %s: succeeded in %.2f s", job_id, time.monotonic() - started)
    return "succeeded"


def _retry(task: Any, rt: Runtime, job_id: str, attempts: int, code: str) -> str:
    delay = backoff_s(attempts)
    with rt.sessions() as s:
        jobs.requeue(s, job_id)
    log.warning("job %s: %s, retry in %.0f s", job_id, code, delay)
    task.app.send_task(names.PROCESS_DOCUMENT, args=[job_id], countdown=delay)
    return "retrying"


@shared_task(name=names.REAP_STALE_JOBS, acks_late=True)
def reap_stale_jobs() -> int:
    """Re-enqueue (or fail) jobs whose worker went silent; returns how many were touched."""
    from casewise_extractor.reaper import reap_once

    rt = runtime()
    return reap_once(rt.sessions, rt.settings, process_document.app)
