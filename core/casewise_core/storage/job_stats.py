"""Stage timing of jobs, kept on the Job row so the API can report what the workers did.

Workers run in other processes, so their counters are invisible to the API's ``/metrics``: the
database is the source of truth. ``jobs.progress``/``succeed_job``/``fail_job`` close the clock of
the stage a job leaves (``closed_stage_seconds``) and ``stage_totals`` sums it for a scrape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewise_core.storage.models import Job

# Stages that take worker time; "queued" and "done" are states, not work.
TIMED_STAGES = ("reading", "ocr", "extracting", "merging")


def closed_stage_seconds(
    stage: str, started: datetime | None, seconds: dict[str, Any] | None, now: datetime
) -> dict[str, float] | None:
    """``seconds`` with the time from ``started`` to ``now`` added to ``stage``.

    ``None`` when there is nothing to add (an untimed stage, or no clock running).
    """
    if stage not in TIMED_STAGES or started is None:
        return None
    totals = {str(k): float(v) for k, v in (seconds or {}).items()}
    elapsed = max((now - started).total_seconds(), 0.0)
    totals[stage] = round(totals.get(stage, 0.0) + elapsed, 6)
    return totals


@dataclass
class StageTotals:
    """Figures summed over every job row: seconds and job count per stage, OCR pages."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(TIMED_STAGES, 0.0))
    jobs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TIMED_STAGES, 0))
    ocr_pages: int = 0


def stage_totals(s: Session) -> StageTotals:
    """Sum stage seconds, jobs per stage and OCR pages over all job rows (any status)."""
    out = StageTotals()
    rows = s.execute(select(Job.stage_seconds, Job.ocr_pages).where(Job.started_at.is_not(None)))
    for seconds, ocr_pages in rows:
        out.ocr_pages += int(ocr_pages or 0)
        for stage, value in (seconds or {}).items():
            if stage in out.seconds:
                out.seconds[stage] += float(value)
                out.jobs[stage] += 1
    return out
