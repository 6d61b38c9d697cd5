"""Stage timing on the Job row (SQLite and PostgreSQL): seconds per stage, OCR pages, totals.

Every call takes an explicit ``now`` so the expected seconds are exact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from casewise_core.storage import jobs
from casewise_core.storage.job_stats import stage_totals
from sqlalchemy.orm import Session, sessionmaker

AddJob = Callable[..., tuple[str, str, str]]
T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_stages_accumulate_seconds_and_ocr_pages(sessions: sessionmaker[Session], add_job: AddJob) -> None:
    with sessions() as s:
        _, _, job_id = add_job(s)
        assert jobs.claim_job(s, job_id, "w1", now=at(0)) is not None
        assert jobs.progress(s, job_id, "reading", 1, 3, worker="w1", now=at(1))  # same stage
        assert jobs.progress(s, job_id, "ocr", 0, 2, worker="w1", now=at(2))
        assert jobs.progress(s, job_id, "ocr", 1, 2, worker="w1", now=at(4))
        job = jobs.get_job(s, job_id)
        assert (job.stage_seconds, job.stage_started_at, job.ocr_pages) == ({"reading": 2.0}, at(2), 1)
        assert jobs.progress(s, job_id, "ocr", 2, 2, worker="w1", now=at(5))
        assert jobs.progress(s, job_id, "extracting", worker="w1", now=at(7))
        assert jobs.progress(s, job_id, "merging", worker="w1", now=at(10))
        assert jobs.succeed_job(s, job_id, worker="w1", now=at(10.5))
        job = jobs.get_job(s, job_id)
        assert job.stage_seconds == {"reading": 2.0, "ocr": 5.0, "extracting": 3.0, "merging": 0.5}
        assert (job.status, job.stage, job.stage_started_at, job.ocr_pages) == ("succeeded", "done", None, 2)
        assert (job.pages_done, job.pages_total) == (2, 2)
        # Finished: nothing more is added, whoever asks.
        assert not jobs.succeed_job(s, job_id, now=at(20))
        assert not jobs.fail_job(s, job_id, "internal_error", "x", now=at(20))
        assert not jobs.progress(s, job_id, "merging", now=at(20))
        assert jobs.get_job(s, job_id).stage_seconds["merging"] == 0.5


def test_other_worker_cannot_move_the_clock(sessions: sessionmaker[Session], add_job: AddJob) -> None:
    with sessions() as s:
        _, _, job_id = add_job(s)
        jobs.claim_job(s, job_id, "w1", now=at(0))
        assert not jobs.progress(s, job_id, "ocr", 1, 4, worker="w2", now=at(3))
        job = jobs.get_job(s, job_id)
        assert (job.stage, job.stage_seconds, job.stage_started_at, job.ocr_pages) == (
            "reading",
            None,
            at(0),
            0,
        )


def test_failure_closes_the_clock_and_retries_add_up(
    sessions: sessionmaker[Session], add_job: AddJob
) -> None:
    with sessions() as s:
        _, _, job_id = add_job(s)
        jobs.claim_job(s, job_id, "w1", now=at(0))
        jobs.progress(s, job_id, "ocr", 0, 1, worker="w1", now=at(1))
        assert jobs.requeue(s, job_id)  # worker lost mid-OCR: that OCR time is not counted
        jobs.claim_job(s, job_id, "w2", now=at(10))
        jobs.progress(s, job_id, "ocr", 0, 1, worker="w2", now=at(12))
        assert jobs.fail_job(s, job_id, "ocr_timeout", "OCR timed out.", worker="w2", now=at(16))
        job = jobs.get_job(s, job_id)
        assert (job.status, job.stage, job.stage_started_at) == ("failed", "ocr", None)
        assert job.stage_seconds == {"reading": 3.0, "ocr": 4.0}


def test_stage_totals_sum_over_jobs(sessions: sessionmaker[Session], add_job: AddJob) -> None:
    with sessions() as s:
        _, _, a = add_job(s, b"a")
        _, _, b = add_job(s, b"b")
        _, _, queued = add_job(s, b"c")
        for job_id, ocr_pages in ((a, 3), (b, 0)):
            jobs.claim_job(s, job_id, "w", now=at(0))
            if ocr_pages:
                jobs.progress(s, job_id, "ocr", ocr_pages, ocr_pages, worker="w", now=at(1))
            jobs.progress(s, job_id, "extracting", worker="w", now=at(4))
            jobs.succeed_job(s, job_id, worker="w", now=at(6))
        totals = stage_totals(s)
    assert totals.seconds == {"reading": 5.0, "ocr": 3.0, "extracting": 4.0, "merging": 0.0}
    assert totals.jobs == {"reading": 2, "ocr": 1, "extracting": 2, "merging": 0}
    assert totals.ocr_pages == 3
