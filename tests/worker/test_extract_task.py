"""The PROCESS_DOCUMENT task in-process (Celery eager) on a real database and file store.

Fast checks of what the worker-process tests cover slowly: evidence gets its document id, the case
profile merges every document even when two merges race, and error codes land on the job row.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from casewise_core.document import Document, Page
from casewise_core.errors import EncryptedPdf
from casewise_core.profile import Biomarker, Evidence, Profile
from casewise_core.settings import ExtractorSettings
from casewise_core.storage import jobs, profiles
from casewise_core.storage.files import FileStore
from casewise_core.storage.models import CaseProfile
from casewise_core.storage.models import Document as DocumentRow
from casewise_extractor import tasks


def _read(data: bytes, name: str, *, settings: Any, progress: Any) -> Document:
    if data.startswith(b"LOCKED"):
        raise EncryptedPdf()
    progress("reading", 1, 1)
    return Document(
        name=name,
        media_type="text/plain",
        sha256="0" * 64,
        pages=[Page(number=1, text=data.decode(), method="plain_text")],
    )


class _Extractor:
    def extract(self, document: Document) -> Profile:
        ev = Evidence(document=document.name, page=1, text=document.pages[0].text)
        gene = document.pages[0].text.split()[0]
        return Profile(
            biomarkers=[Biomarker(gene=gene, alteration="mutation", status="positive", evidence=[ev])],
            documents=[document.name],
        )


def _slow_merge(profiles: list[Profile]) -> Profile:
    time.sleep(0.2)  # widen the race window between two merges of one case
    return _merge(profiles)


def _merge(profiles: list[Profile]) -> Profile:
    out = Profile()
    for p in profiles:
        out.biomarkers.extend(p.biomarkers)
        out.documents.extend(p.documents)
    return out


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[tasks.Runtime]:
    from casewise_core.storage.db import migrate

    settings = ExtractorSettings(data_dir=tmp_path, job_max_attempts=2)
    migrate(settings.resolved_database_url)
    tasks.set_pipeline(tasks.Pipeline(_read, lambda s: _Extractor(), _slow_merge), settings)
    yield tasks.runtime()
    tasks._runtime = None


def _submit(rt: tasks.Runtime, add_job: Any, text: bytes, case_id: str | None = None) -> tuple[str, str, str]:
    files: FileStore = rt.files
    with rt.sessions() as s:
        c, d, j = add_job(s, text)
        if case_id:  # move the document and job into an existing case
            s.execute(DocumentRow.__table__.update().where(DocumentRow.id == d).values(case_id=case_id))
            s.execute(jobs.Job.__table__.update().where(jobs.Job.id == j).values(case_id=case_id))
            c = case_id
        row = s.get(DocumentRow, d)
        row.storage_key = files.put(text, case_id=c)
        s.commit()
    return c, d, j


def test_task_stores_profiles_with_document_ids(runtime: tasks.Runtime, add_job: Any) -> None:
    case_id, doc_id, job_id = _submit(runtime, add_job, b"KRAS G12C")
    assert tasks.process_document.apply(args=[job_id]).get() == "succeeded"
    assert tasks.process_document.apply(args=[job_id]).get() == "skipped"  # redelivery: finishes once
    with runtime.sessions() as s:
        job = jobs.get_job(s, job_id)
        assert (job.status, job.stage, job.pages_done, job.pages_total) == ("succeeded", "done", 1, 1)
        assert s.get(DocumentRow, doc_id).page_count == 1
        merged = Profile.model_validate(s.get(CaseProfile, case_id).profile_json)
    assert [e.document_id for b in merged.biomarkers for e in b.evidence] == [doc_id]


def test_racing_merges_keep_both_documents(runtime: tasks.Runtime, add_job: Any) -> None:
    case_id, _, j1 = _submit(runtime, add_job, b"EGFR L858R")
    _, _, j2 = _submit(runtime, add_job, b"ALK fusion", case_id=case_id)
    threads = [threading.Thread(target=tasks.process_document.apply, args=([j],)) for j in (j1, j2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    with runtime.sessions() as s:
        assert {jobs.get_job(s, j).status for j in (j1, j2)} == {"succeeded"}
        row = s.get(CaseProfile, case_id)
        genes = sorted(b.gene for b in Profile.model_validate(row.profile_json).biomarkers)
    assert genes == ["ALK", "EGFR"]
    assert row.version >= 2


def test_input_error_fails_at_once_with_its_code(runtime: tasks.Runtime, add_job: Any) -> None:
    _, _, job_id = _submit(runtime, add_job, b"LOCKED pdf")
    assert tasks.process_document.apply(args=[job_id]).get() == "failed"
    with runtime.sessions() as s:
        job = jobs.get_job(s, job_id)
    assert (job.status, job.error_code, job.attempts) == ("failed", "encrypted_pdf", 1)
    assert job.error_message == EncryptedPdf.message


def test_missing_file_fails_with_file_missing(runtime: tasks.Runtime, add_job: Any) -> None:
    with runtime.sessions() as s:
        _, _, job_id = add_job(s, b"never stored")
    assert tasks.process_document.apply(args=[job_id]).get() == "failed"
    with runtime.sessions() as s:
        assert jobs.get_job(s, job_id).error_code == "file_missing"


def test_merge_that_loses_the_race_merges_again(runtime: tasks.Runtime, add_job: Any) -> None:
    case_id, d1, _ = _submit(runtime, add_job, b"EGFR L858R")
    _, d2, _ = _submit(runtime, add_job, b"ALK fusion", case_id=case_id)
    one = _Extractor().extract(_read(b"EGFR L858R", "a", settings=None, progress=lambda *a: None))
    two = _Extractor().extract(_read(b"ALK fusion", "b", settings=None, progress=lambda *a: None))
    with runtime.sessions() as s:
        profiles.store_document_profile(s, d1, case_id, one.model_dump(mode="json"))
    calls = []

    def merge(each: list[Profile]) -> Profile:
        calls.append(len(each))
        if len(calls) == 1:  # another worker stores document 2 and its merge wins meanwhile
            with runtime.sessions() as s:
                profiles.store_document_profile(s, d2, case_id, two.model_dump(mode="json"))
                assert profiles.store_case_profile(s, case_id, two.model_dump(mode="json"), 0)
        return _merge(each)

    assert tasks.merge_case(runtime, case_id, merge) == 2
    assert calls == [1, 2]
    with runtime.sessions() as s:
        genes = sorted(
            b.gene for b in Profile.model_validate(s.get(CaseProfile, case_id).profile_json).biomarkers
        )
    assert genes == ["ALK", "EGFR"]
