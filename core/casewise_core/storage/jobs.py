"""The job state machine shared by extraction workers and the reaper.

``queued → running → succeeded | failed``; a running job whose worker died goes back to
``queued`` (redelivery or the reaper) until ``job_max_attempts``, then ``failed``. A job finishes
once: ``claim_job`` returns ``None`` for a finished job, so a redelivered message is a no-op. Every
change bumps ``Job.version`` (the API's ETag) and ``updated_at``.

Ownership: a claimed job records ``worker`` as ``"<host>:<pid>"``. A second delivery of a job that
is running under a live worker is skipped (no double processing); if that worker's process is gone
(same host) the job is taken over at once, otherwise the reaper re-queues it when its heartbeat
goes stale. State changes are conditional ``UPDATE ... WHERE`` statements, so two processes racing
on one job cannot both win, on SQLite and PostgreSQL alike.

Stage timing: a stage change closes the clock of the stage left and adds its seconds to
``Job.stage_seconds`` (see ``job_stats``); OCR progress sets ``Job.ocr_pages``. ``now`` arguments
exist for tests with a controlled clock; callers leave them out.

Functions take a ``Session`` and commit.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Update, or_, select, update
from sqlalchemy.orm import Session

from casewise_core.errors import JobTimedOut
from casewise_core.storage.job_stats import TIMED_STAGES, closed_stage_seconds
from casewise_core.storage.models import Job, utcnow

MAX_ERROR_MESSAGE = 500


def _host() -> str:
    """This host as seen by ``os.kill``: the hostname plus the PID namespace, so two containers
    sharing a hostname (host networking) never judge each other's processes dead."""
    try:
        ns = os.readlink("/proc/self/ns/pid").strip("pid:[]")
    except OSError:
        return socket.gethostname()
    return f"{socket.gethostname()}~{ns}"


HOST = _host()


def worker_id() -> str:
    """This process as a job owner: ``"<host>:<pid>"``."""
    return f"{HOST}:{os.getpid()}"


def _owner_gone(worker: str | None) -> bool:
    """True when ``worker`` ran on this host and its process no longer exists."""
    if not worker or ":" not in worker:
        return True
    host, _, pid = worker.rpartition(":")
    if host != HOST or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _bump(now: datetime | None = None) -> dict[str, Any]:
    return {"version": Job.version + 1, "updated_at": now or utcnow()}


def _apply(s: Session, stmt: Update, values: dict[str, Any]) -> bool:
    result = s.execute(stmt.values(**values).execution_options(synchronize_session=False))
    s.commit()
    return getattr(result, "rowcount", 0) == 1


def _change_stage(
    s: Session, stmt: Update, job_id: str, values: dict[str, Any], new_stage: str | None, now: datetime
) -> bool:
    """Apply ``values`` through ``stmt``, closing the clock of the stage the job leaves.

    ``new_stage`` None keeps the stage and stops the clock (failure). The clock is read, then
    written back only if the stage is unchanged; the read's transaction ends before the write so
    SQLite takes its write lock under the busy timeout. A lost race is retried; a second refusal
    at the same stage means the job is not running (for this worker).
    """
    refused: str | None = None
    for _ in range(3):
        row = s.execute(
            select(Job.stage, Job.stage_started_at, Job.stage_seconds).where(Job.id == job_id)
        ).first()
        s.commit()
        if row is None or row.stage in (refused, new_stage):
            return False
        extra: dict[str, Any] = {"stage_started_at": now if new_stage in TIMED_STAGES else None}
        if new_stage is not None:
            extra["stage"] = new_stage
        totals = closed_stage_seconds(row.stage, row.stage_started_at, row.stage_seconds, now)
        if totals is not None:
            extra["stage_seconds"] = totals
        if _apply(s, stmt.where(Job.stage == row.stage), {**values, **extra}):
            return True
        refused = row.stage
    return False


def get_job(s: Session, job_id: str) -> Job | None:
    return s.get(Job, job_id, populate_existing=True)


def claim_job(
    s: Session, job_id: str, worker: str, *, max_attempts: int | None = None, now: datetime | None = None
) -> Job | None:
    """Take the job for ``worker``: queued/running → running, ``attempts + 1``.

    ``None`` when the job is finished, missing, running under a live owner, or (with
    ``max_attempts``) has used up its attempts, in which case it is failed here.
    """
    job = get_job(s, job_id)
    if job is None or job.status in ("succeeded", "failed"):
        s.rollback()
        return None
    if job.status == "running" and job.worker != worker and not _owner_gone(job.worker):
        s.rollback()
        return None
    if max_attempts is not None and job.attempts >= max_attempts:
        s.rollback()
        fail_job(s, job_id, JobTimedOut.code, "Processing stopped after repeated failures. Upload again.")
        return None
    now = now or utcnow()
    result = s.execute(
        update(Job)
        .where(Job.id == job_id, Job.version == job.version)
        .values(
            status="running",
            stage="reading",
            attempts=Job.attempts + 1,
            worker=worker,
            started_at=now,
            stage_started_at=now,
            heartbeat_at=now,
            error_code=None,
            error_message=None,
            **_bump(now),
        )
        .execution_options(synchronize_session=False)
    )
    s.commit()
    if getattr(result, "rowcount", 0) != 1:
        return None  # somebody else changed it between our read and write
    return get_job(s, job_id)


def progress(
    s: Session,
    job_id: str,
    stage: str,
    pages_done: int | None = None,
    pages_total: int | None = None,
    *,
    worker: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Record progress and heartbeat. False when the job is no longer running (for ``worker``).

    Progress within the current stage is one UPDATE; a new stage also closes the old one's clock.
    """
    now = now or utcnow()
    values: dict[str, Any] = {"heartbeat_at": now, **_bump(now)}
    if pages_done is not None:
        values["pages_done"] = pages_done
        if stage == "ocr":
            values["ocr_pages"] = pages_done
    if pages_total is not None:
        values["pages_total"] = pages_total
    stmt = update(Job).where(Job.id == job_id, Job.status == "running")
    if worker is not None:
        stmt = stmt.where(Job.worker == worker)
    if _apply(s, stmt.where(Job.stage == stage), values):
        return True
    return _change_stage(s, stmt, job_id, values, stage, now)


def succeed_job(s: Session, job_id: str, *, worker: str | None = None, now: datetime | None = None) -> bool:
    """running → succeeded (stage ``done``). False if it was not running (it finishes once)."""
    now = now or utcnow()
    stmt = update(Job).where(Job.id == job_id, Job.status == "running")
    if worker is not None:
        stmt = stmt.where(Job.worker == worker)
    values = {"status": "succeeded", "finished_at": now, "heartbeat_at": now, **_bump(now)}
    return _change_stage(s, stmt, job_id, values, "done", now)


def fail_job(
    s: Session,
    job_id: str,
    code: str,
    message: str,
    *,
    worker: str | None = None,
    now: datetime | None = None,
) -> bool:
    """queued/running → failed with a stable ``code``. ``message`` must hold no record text."""
    now = now or utcnow()
    stmt = update(Job).where(Job.id == job_id, Job.status.in_(("queued", "running")))
    if worker is not None:
        stmt = stmt.where(Job.worker == worker)
    values = {
        "status": "failed",
        "error_code": code,
        "error_message": message[:MAX_ERROR_MESSAGE],
        "finished_at": now,
        **_bump(now),
    }
    return _change_stage(s, stmt, job_id, values, None, now)


def stale_jobs(s: Session, older_than_s: float) -> list[Job]:
    """Running jobs with no heartbeat for ``older_than_s``, and queued jobs untouched that long
    (their broker message may be lost, e.g. a Redis restart)."""
    cutoff = utcnow() - timedelta(seconds=older_than_s)
    rows = s.scalars(
        select(Job)
        .where(
            or_(
                (Job.status == "running")
                & or_(Job.heartbeat_at < cutoff, Job.heartbeat_at.is_(None) & (Job.updated_at < cutoff)),
                (Job.status == "queued") & (Job.updated_at < cutoff),
            )
        )
        .order_by(Job.created_at)
        .limit(500)
    ).all()
    return list(rows)


def orphaned_jobs(s: Session) -> list[Job]:
    """Running jobs whose owner was a process on this host that no longer exists (killed worker).

    They need not wait for their heartbeat to go stale: the reaper re-queues them at once.
    """
    rows = s.scalars(
        select(Job).where(Job.status == "running", Job.worker.like(f"{HOST}:%")).limit(500)
    ).all()
    return [j for j in rows if _owner_gone(j.worker)]


def requeue(s: Session, job_id: str) -> bool:
    """Back to ``queued`` for another delivery (the caller sends the message). False if finished."""
    result = s.execute(
        update(Job)
        .where(Job.id == job_id, Job.status.in_(("queued", "running")))
        .values(status="queued", stage="queued", stage_started_at=None, worker=None, **_bump())
        .execution_options(synchronize_session=False)
    )
    s.commit()
    return getattr(result, "rowcount", 0) == 1
