"""A real extraction job (real reading and Tesseract OCR, in-process task) then a real ``/metrics``
scrape of an API on the same data dir: the API reports what the worker did, from the job row."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from casewise_core.document import Document
from casewise_core.profile import Profile
from casewise_core.settings import ApiSettings, ExtractorSettings
from casewise_core.storage import jobs
from casewise_core.storage.models import Document as DocumentRow
from casewise_extractor import tasks
from fastapi.testclient import TestClient

from tests.fixtures.records import PATHOLOGY_REPORT_PAGES, mixed_pdf

STAGES = ("reading", "ocr", "extracting", "merging")


class _Extractor:  # the NLP model is not under test here; loading it costs seconds
    def extract(self, document: Document) -> Profile:
        return Profile(documents=[document.name])


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[tasks.Runtime]:
    from casewise_core.storage.db import migrate

    settings = ExtractorSettings(data_dir=tmp_path, ocr_workers=1, ocr_executor="threads")
    migrate(settings.resolved_database_url)
    tasks.set_pipeline(tasks.Pipeline(None, lambda s: _Extractor(), lambda ps: ps[0]), settings)
    yield tasks.runtime()
    tasks._runtime = None


def _metric(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    assert match, f"{name} not in /metrics"
    return float(match.group(1))


def test_metrics_show_stage_seconds_and_ocr_pages_of_a_real_job(
    runtime: tasks.Runtime, add_job: Any, tmp_path: Path
) -> None:
    data = mixed_pdf(tmp_path / "mixed.pdf", PATHOLOGY_REPORT_PAGES[:2], [False, True]).read_bytes()
    with runtime.sessions() as s:
        case_id, doc_id, job_id = add_job(s, data)
        s.get(DocumentRow, doc_id).storage_key = runtime.files.put(data, case_id=case_id)
        s.commit()
    assert tasks.process_document.apply(args=[job_id]).get() == "succeeded"
    with runtime.sessions() as s:
        job = jobs.get_job(s, job_id)
    assert job.ocr_pages == 1  # one scanned page of two
    assert set(job.stage_seconds) == set(STAGES) and job.stage_started_at is None
    assert all(v >= 0 for v in job.stage_seconds.values()) and job.stage_seconds["ocr"] > 0.05

    from casewise_api.app import create_app

    with TestClient(create_app(ApiSettings(data_dir=tmp_path))) as client:
        text = client.get("/metrics").text
    for stage in STAGES:
        seconds = _metric(text, f'casewise_job_stage_seconds_total{{stage="{stage}"}}')
        assert seconds == pytest.approx(job.stage_seconds[stage], abs=1e-6)
        assert _metric(text, f'casewise_job_stage_jobs_total{{stage="{stage}"}}') == 1
    assert _metric(text, "casewise_ocr_pages_total") == 1
