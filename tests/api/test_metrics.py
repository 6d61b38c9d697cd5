"""``/metrics`` stage figures, read from the job rows that workers wrote (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.api.conftest import Api


def _value(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    assert match, f"{name} not in /metrics"
    return float(match.group(1))


def test_stage_seconds_jobs_and_ocr_pages_after_a_job(api: Api) -> None:
    from casewise_core.storage import jobs

    text = api.client.get("/metrics").text
    before = {
        stage: _value(text, f'casewise_job_stage_seconds_total{{stage="{stage}"}}')
        for stage in ("reading", "ocr", "extracting", "merging")
    }
    ocr_before = _value(text, "casewise_ocr_pages_total")
    jobs_before = _value(text, 'casewise_job_stage_jobs_total{stage="ocr"}')

    case_id, auth = api.new_case()
    assert api.upload(case_id, auth, ("scan.txt", b"Stage metrics report")).status_code == 202
    job_id = api.client.get(f"/v1/cases/{case_id}/jobs", headers=auth).json()["jobs"][0]["id"]
    t0 = datetime.now(UTC) - timedelta(minutes=1)

    def at(seconds: float) -> datetime:
        return t0 + timedelta(seconds=seconds)

    with api.runtime.sessions() as s:  # what a worker process does, with a controlled clock
        assert jobs.claim_job(s, job_id, "w1", now=at(0)) is not None
        assert jobs.progress(s, job_id, "reading", 2, 2, worker="w1", now=at(0.25))
        for done in range(3):
            assert jobs.progress(s, job_id, "ocr", done, 2, worker="w1", now=at(1 + done))
        assert jobs.progress(s, job_id, "extracting", worker="w1", now=at(4))
        assert jobs.progress(s, job_id, "merging", worker="w1", now=at(6))
        assert jobs.succeed_job(s, job_id, worker="w1", now=at(6.5))

    text = api.client.get("/metrics").text
    added = {stage: _value(text, f'casewise_job_stage_seconds_total{{stage="{stage}"}}') - before[stage]
             for stage in before}  # fmt: skip
    # Totals include earlier tests' jobs on a shared database: compare differences with a tolerance.
    assert added == pytest.approx({"reading": 1.0, "ocr": 3.0, "extracting": 2.0, "merging": 0.5}, abs=1e-6)
    assert _value(text, "casewise_ocr_pages_total") - ocr_before == 2
    assert _value(text, 'casewise_job_stage_jobs_total{stage="ocr"}') - jobs_before == 1
    assert "# TYPE casewise_job_stage_seconds_total counter" in text and case_id not in text
    # The poll shape is unchanged: no timing fields leak into the public job.
    body = api.client.get(f"/v1/jobs/{job_id}", headers=auth).json()
    assert not {"stage_seconds", "stage_started_at", "ocr_pages"} & set(body)
    assert (body["status"], body["pages_done"]) == ("succeeded", 2)
