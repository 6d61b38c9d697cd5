"""Celery configuration from settings, and one reaper pass against a real database."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from casewise_core import tasks
from casewise_core.queue import celery_config, make_celery
from casewise_core.settings import BrokerSettings
from casewise_core.storage import jobs
from casewise_core.storage.models import Job, utcnow
from casewise_extractor.reaper import reap_interval_s, reap_once
from sqlalchemy.orm import Session, sessionmaker

AddJob = Callable[..., tuple[str, str, str]]


def test_reliability_options_and_routes(tmp_path: Path) -> None:
    conf = celery_config(BrokerSettings(data_dir=tmp_path, broker_url="redis://localhost:6379/0"))
    assert conf["task_acks_late"] and conf["task_reject_on_worker_lost"]
    assert conf["worker_prefetch_multiplier"] == 1
    assert conf["task_routes"][tasks.PROCESS_DOCUMENT]["queue"] == tasks.EXTRACT_QUEUE
    assert conf["task_routes"][tasks.ANSWER_QUESTION]["queue"] == tasks.ANSWER_QUEUE
    assert conf["task_routes"][tasks.DELETE_CASE_VECTORS]["queue"] == tasks.ANSWER_QUEUE
    assert conf["broker_transport_options"]["visibility_timeout"] >= 600


def test_embedded_default_is_sqlite_with_fast_polling(tmp_path: Path) -> None:
    from kombu.transport import sqlalchemy as sqla_transport

    settings = BrokerSettings(data_dir=tmp_path / "var")
    app = make_celery(settings, "t")
    assert app.conf.broker_url == f"sqla+sqlite:///{(tmp_path / 'var' / 'broker.db').resolve()}"
    assert "polling_interval" not in (app.conf.broker_transport_options or {})  # crashes the worker
    assert sqla_transport.Transport.polling_interval <= 0.2
    assert (tmp_path / "var").is_dir()


class Recorder:
    """Stands in for the broker: records what the reaper sends, or fails like a broker that is down."""

    def __init__(self, down: bool = False) -> None:
        self.sent: list[tuple[str, list[str]]] = []
        self.down = down

    def send_task(self, name: str, args: list[str]) -> None:
        if self.down:
            raise ConnectionError("broker down")
        self.sent.append((name, args))


@pytest.mark.parametrize("down", [False, True])
def test_reaper_requeues_stale_and_fails_exhausted(
    sessions: sessionmaker[Session], add_job: AddJob, down: bool, tmp_path: Path
) -> None:
    settings = BrokerSettings(data_dir=tmp_path, job_stale_after_s=60, job_max_attempts=2)
    with sessions() as s:
        _, _, stale = add_job(s, b"a")
        _, _, exhausted = add_job(s, b"b")
        _, _, fresh = add_job(s, b"c")
        _, _, orphan = add_job(s, b"d")
        for jid in (stale, exhausted, fresh):
            jobs.claim_job(s, jid, "otherhost:1")
        dead = subprocess.Popen(["true"])
        dead.wait()
        jobs.claim_job(s, orphan, f"{jobs.HOST}:{dead.pid}")  # fresh heartbeat, dead owner
        s.execute(Job.__table__.update().where(Job.id == exhausted).values(attempts=2))
        old = utcnow() - timedelta(seconds=300)
        s.execute(Job.__table__.update().where(Job.id.in_([stale, exhausted])).values(heartbeat_at=old))
        s.commit()
    app = Recorder(down=down)
    touched = reap_once(sessions, settings, app)
    with sessions() as s:
        states = {
            jid: (jobs.get_job(s, jid).status, jobs.get_job(s, jid).error_code)
            for jid in (stale, exhausted, fresh, orphan)
        }
    assert states[exhausted] == ("failed", "job_timed_out")
    assert states[fresh] == ("running", None)
    assert states[stale] == ("queued", None)  # queued either way: a lost send is retried next pass
    assert states[orphan] == ("queued", None)  # its owner process is gone: no need to wait
    assert sorted(app.sent) == (
        [] if down else sorted([(tasks.PROCESS_DOCUMENT, [j]) for j in (stale, orphan)])
    )
    assert touched == (1 if down else 3)
    assert 0.5 <= reap_interval_s(settings) <= 30


def test_prune_removes_consumed_sqlite_messages_only(tmp_path: Path) -> None:
    from casewise_extractor.reaper import prune_sqlite_broker
    from sqlalchemy import create_engine, text

    settings = BrokerSettings(data_dir=tmp_path)
    assert prune_sqlite_broker(settings.resolved_broker_url) == 0  # no broker database yet
    app = make_celery(settings, "t")
    for n in range(3):
        app.send_task(tasks.PROCESS_DOCUMENT, args=[f"job{n}"])
    with app.connection_for_read() as conn:  # consume one message as a worker would
        queue = conn.SimpleQueue(tasks.EXTRACT_QUEUE)
        queue.get(timeout=5).ack()
        queue.close()
    assert prune_sqlite_broker(settings.resolved_broker_url) == 1
    engine = create_engine(settings.resolved_broker_url.removeprefix("sqla+"))
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM kombu_message WHERE visible = 1")).scalar() == 2
        assert c.execute(text("SELECT count(*) FROM kombu_message")).scalar() == 2
    engine.dispose()
    assert prune_sqlite_broker("redis://localhost:6379/0") == 0
