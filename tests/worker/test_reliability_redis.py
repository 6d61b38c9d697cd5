"""Reliability with the Redis broker and real worker processes (SQLite database).

One worker process (prefork, one child) serves every scenario in order: a normal job, a job whose
worker child is SIGKILLed mid-way, failing jobs, a corrupt file, and a Redis restart that loses
the queued messages. Finally the worker log of the whole run is checked for the patient's name
and the report text.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from casewise_core.storage.models import CaseProfile

from tests.worker.cluster import PATIENT_NAME, REPORT_SENTENCE, Cluster, evidence_document_ids, report_pdf

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def cluster(tmp_path: Path, redis_server: Any) -> Iterator[Cluster]:
    c = Cluster(tmp_path / "var", redis_server.url, f"sqlite:///{tmp_path / 'var' / 'casewise.db'}")
    c.start_worker(concurrency=1)
    yield c
    c.close()


def _ppid(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_redis_worker_survives_kill_failures_and_broker_restart(
    cluster: Cluster, redis_server: object
) -> None:
    from casewise_extractor.reaper import ReaperThread

    # 1. a plain job ends succeeded with a merged profile
    ok = cluster.wait(cluster.submit(report_pdf()))
    assert (ok.status, ok.stage, ok.attempts, ok.error_code) == ("succeeded", "done", 1, None)
    with cluster.sessions() as s:
        merged = s.get(CaseProfile, ok.case_id)
        assert merged is not None and merged.version == 1
        assert evidence_document_ids(merged.profile_json) == {ok.document_id}

    # 2. SIGKILL the pool child mid-job: redelivered, taken over, finished once
    slow = cluster.submit(report_pdf(pages=3, marker="slow"))
    running = cluster.wait_for(slow, lambda j: j.status == "running" and j.pages_done >= 1)
    pid = int(running.worker.rsplit(":", 1)[1])
    assert pid != os.getpid() and _ppid(pid) == cluster.procs[0].pid  # a child of our worker
    os.kill(pid, signal.SIGKILL)
    done = cluster.wait(slow, timeout=60)
    assert (done.status, done.attempts) == ("succeeded", 2)
    assert cluster.log_text().count(f"job {slow}: succeeded") == 1

    # 3. failures end failed with their code, never stuck running
    crash = cluster.wait(cluster.submit(report_pdf(marker="crash")))
    assert (crash.status, crash.error_code, crash.attempts) == ("failed", "internal_error", 3)
    transient = cluster.wait(cluster.submit(report_pdf(marker="transient")))
    assert (transient.status, transient.error_code, transient.attempts) == ("failed", "ocr_failed", 3)
    corrupt = cluster.wait(cluster.submit(b"%PDF-1.7\n1 0 obj <</Type /Catalog" + os.urandom(300)))
    assert (corrupt.status, corrupt.error_code, corrupt.attempts) == ("failed", "corrupt_file", 1)

    # 4. Redis restarts with messages queued (it keeps nothing): the reaper re-enqueues them
    reaper = ReaperThread(cluster.settings, cluster.app, cluster.sessions)
    reaper.start()
    try:
        first = cluster.submit(report_pdf(pages=2, marker="slow"))
        cluster.wait_for(first, lambda j: j.status == "running")
        queued = [cluster.submit(report_pdf()) for _ in range(3)]
        redis_server.stop()
        time.sleep(0.5)
        redis_server.start()
        finished = [cluster.wait(j, timeout=90) for j in [first, *queued]]
    finally:
        reaper.stop()
    assert [j.status for j in finished] == ["succeeded"] * 4
    assert reaper.reaped >= len(queued)  # the lost messages came back through the reaper

    # 5. nothing personal in the logs of the whole run
    text = cluster.log_text()
    assert "casewise.extractor" in text or "job " in text  # the log is really captured
    for secret in (PATIENT_NAME, "Marigold", "Quillfeather", REPORT_SENTENCE, "exon 19"):
        assert secret not in text
