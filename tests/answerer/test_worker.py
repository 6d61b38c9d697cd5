"""The answer worker: the task body against a real (SQLite) database, a real Celery worker process
over Redis, and deletion of per-case vectors."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from casewise_answerer.answerer import Answerer, case_collection
from casewise_answerer.tasks import Runtime, run_answer
from casewise_core import tasks as names
from casewise_core.answer import Answer
from casewise_core.queue import make_celery
from casewise_core.settings import AnswererSettings
from casewise_core.storage.db import make_engine, make_session_factory, migrate
from casewise_core.storage.models import Answer as AnswerRow
from casewise_core.storage.models import Case, CaseProfile, Correction
from qdrant_client import QdrantClient
from qdrant_client import models as qm

from tests.answerer.conftest import FIXTURE_CORPUS, ros1_after_crizotinib
from tests.conftest import REPO, require_server


def _seed(url: str, with_case: bool = True) -> str:
    engine = make_engine(url)
    migrate(engine)
    sessions = make_session_factory(engine)
    with sessions() as s:
        case_id = None
        if with_case:
            case = Case(token_hash=os.urandom(32).hex())
            s.add(case)
            s.flush()
            case_id = case.id
            profile = ros1_after_crizotinib()
            profile.biomarkers[1].id = "biomarker:EGFR:mutation"
            s.add(CaseProfile(case_id=case.id, profile_json=profile.model_dump(mode="json")))
            # The patient rejected the EGFR fact: the worker must answer from the corrected profile.
            s.add(Correction(case_id=case.id, fact_id="biomarker:EGFR:mutation", action="reject"))
        row = AnswerRow(question="What are options after crizotinib?", case_id=case_id)
        s.add(row)
        s.commit()
        answer_id = row.id
    engine.dispose()
    return answer_id


def _row(url: str, answer_id: str) -> AnswerRow:
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        row = s.get(AnswerRow, answer_id)
        assert row is not None
        s.expunge(row)
    engine.dispose()
    return row


def test_run_answer_stores_the_answer_for_the_case(tmp_path: Path, sparse_answerer: Answerer) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    answer_id = _seed(url)
    rt = Runtime(AnswererSettings(data_dir=tmp_path, database_url=url), answerer=sparse_answerer)
    assert run_answer(rt, answer_id) == "succeeded"
    row = _row(url, answer_id)
    assert row.status == "succeeded" and row.finished_at is not None
    answer = Answer.model_validate(row.result_json)
    assert answer.personalized and "After crizotinib, doctors consider:" in answer.answer_markdown
    assert answer.profile is not None and {b.gene for b in answer.profile.biomarkers} == {
        "ROS1",
        "ALK",
        "CD274",
    }
    assert run_answer(rt, answer_id) == "skipped"  # a finished answer is never redone


def test_delete_case_vectors_really_deletes(sparse_answerer: Answerer) -> None:
    client = sparse_answerer.index.client
    name = case_collection(sparse_answerer.index.collection)
    client.create_collection(name, vectors_config={}, sparse_vectors_config={"s": qm.SparseVectorParams()})
    points = [
        qm.PointStruct(id=i, vector={"s": qm.SparseVector(indices=[i], values=[1.0])}, payload={"case_id": c})
        for i, c in enumerate(["a", "a", "b"])
    ]
    client.upsert(name, points)
    assert sparse_answerer.delete_case_vectors("a") == 2
    assert client.count(name, exact=True).count == 1
    assert sparse_answerer.delete_case_vectors("a") == 0
    assert sparse_answerer.delete_case_vectors("unknown") == 0


@pytest.mark.integration
@pytest.mark.slow
def test_real_worker_process_answers_over_redis(tmp_path: Path) -> None:
    require_server("Redis", "127.0.0.1", 6379)
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    answer_id = _seed(url, with_case=False)
    env = {
        **os.environ,
        "CASEWISE_DATA_DIR": str(tmp_path),
        "CASEWISE_DATABASE_URL": url,
        "CASEWISE_BROKER_URL": "redis://127.0.0.1:6379/15",
        "CASEWISE_CORPUS_DIR": str(FIXTURE_CORPUS),
        "CASEWISE_DENSE_MODEL": "none",
    }
    queue = f"answer-test-{os.getpid()}"
    cmd = [sys.executable, "-m", "celery", "-A", "casewise_answerer.worker:app", "worker", "-P", "solo",
           "-Q", queue, "--without-gossip", "--without-mingle", "-l", "WARNING"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        settings = AnswererSettings(data_dir=tmp_path, broker_url=env["CASEWISE_BROKER_URL"])
        app = make_celery(settings, "test-sender")
        app.send_task(names.ANSWER_QUESTION, args=[answer_id], queue=queue)
        deadline = time.monotonic() + 60
        while _row(url, answer_id).status != "succeeded":
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            assert time.monotonic() < deadline, "worker did not answer in 60 s"
            time.sleep(0.3)
        answer = Answer.model_validate(_row(url, answer_id).result_json)
        assert not answer.personalized and len(answer.citations) >= 2
        # The worker owns the local index path: a second opener is refused with a clear error.
        with pytest.raises(Exception, match="already accessed"):
            QdrantClient(path=str(tmp_path / "qdrant"))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
