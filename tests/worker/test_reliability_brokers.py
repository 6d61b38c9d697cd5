"""The other brokers with real worker processes: RabbitMQ end to end (PostgreSQL database), and
the embedded SQLite transport end to end plus the reaper recovering a job whose worker was killed
(the SQLite transport loses a task in flight; the database row brings it back)."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from casewise_extractor.reaper import ReaperThread

from tests.conftest import ON_CI, require_server
from tests.worker.cluster import Cluster, evidence_document_ids, report_pdf

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def rabbit_vhost() -> Iterator[str]:
    """A private RabbitMQ vhost (so other test runs' queues never meet ours), removed afterwards."""
    require_server("RabbitMQ", "localhost", 5672)
    if shutil.which("rabbitmqctl") is None:
        if ON_CI:
            pytest.fail("rabbitmqctl is not installed")
        pytest.skip("rabbitmqctl is not installed")
    vhost = f"cw_{uuid.uuid4().hex[:8]}"
    run = subprocess.run
    run(["rabbitmqctl", "add_vhost", vhost], check=True, capture_output=True)
    run(
        ["rabbitmqctl", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
        check=True,
        capture_output=True,
    )
    yield vhost
    run(["rabbitmqctl", "delete_vhost", vhost], capture_output=True)


def test_rabbitmq_broker_runs_a_job_end_to_end(tmp_path: Path, rabbit_vhost: str, pg_url: str) -> None:
    cluster = Cluster(tmp_path / "var", f"amqp://guest:guest@localhost:5672/{rabbit_vhost}", pg_url)
    try:
        cluster.start_worker(concurrency=1)
        job = cluster.wait(cluster.submit(report_pdf(pages=2)))
        assert (job.status, job.stage, job.attempts, job.pages_total) == ("succeeded", "done", 1, 2)
    finally:
        cluster.close()


def test_sqlite_broker_end_to_end_and_reaper_recovers_killed_worker(tmp_path: Path) -> None:
    var = tmp_path / "var"
    cluster = Cluster(var, f"sqla+sqlite:///{var / 'broker.db'}", f"sqlite:///{var / 'casewise.db'}")
    reaper = ReaperThread(cluster.settings, cluster.app, cluster.sessions)
    try:
        first = cluster.start_worker(concurrency=1)
        ok = cluster.wait(cluster.submit(report_pdf()))
        assert (ok.status, ok.attempts) == ("succeeded", 1)
        from casewise_core.storage.models import CaseProfile

        with cluster.sessions() as s:
            merged = s.get(CaseProfile, ok.case_id)
            assert merged is not None and evidence_document_ids(merged.profile_json) == {ok.document_id}

        slow = cluster.submit(report_pdf(pages=3, marker="slow"))
        cluster.wait_for(slow, lambda j: j.status == "running" and j.pages_done >= 1)
        cluster.kill(first)  # the whole worker: the SQLite transport loses the message
        cluster.start_worker(concurrency=1)
        reaper.start()
        done = cluster.wait(slow, timeout=60)
        assert (done.status, done.attempts) == ("succeeded", 2)
        assert reaper.reaped >= 1
    finally:
        reaper.stop()
        cluster.close()
