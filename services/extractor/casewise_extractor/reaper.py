"""The reaper: no job stays ``running`` (or ``queued`` with a lost message) forever.

A job whose heartbeat is older than ``job_stale_after_s`` lost its worker (killed, or the broker
dropped its message, e.g. a Redis restart or the SQLite transport losing an in-flight task); a
running job whose owner was a process on this host that no longer exists is lost at once. The
reaper re-queues it and sends a new message, or fails it with ``job_timed_out`` once it has used
``job_max_attempts``. Because the database is the source of truth, running several reapers at once
is safe: state changes are conditional and a duplicate message is a no-op at claim time.

Run it as the ``REAP_STALE_JOBS`` task (celery beat) or as a loop thread (``ReaperThread``), which
``casewise serve`` and ``casewise worker`` start.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from casewise_core import tasks as names
from casewise_core.errors import JobTimedOut
from casewise_core.settings import BrokerSettings
from casewise_core.storage import jobs
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("casewise.extractor.reaper")
PRUNE_EVERY = 20  # reaper passes between clean-ups of the embedded broker


def reap_interval_s(settings: BrokerSettings) -> float:
    """How often to look: a quarter of the stale age, between 0.5 s and 30 s."""
    return min(max(settings.job_stale_after_s / 4, 0.5), 30.0)


def reap_once(sessions: sessionmaker[Session], settings: BrokerSettings, app: Any) -> int:
    """One pass: re-queue or fail every stale job; returns how many were touched."""
    touched = 0
    with sessions() as s:
        found = jobs.orphaned_jobs(s) + jobs.stale_jobs(s, settings.job_stale_after_s)
        stale = list({j.id: (j.id, j.attempts, j.status) for j in found}.values())
    for job_id, attempts, status in stale:
        with sessions() as s:
            if attempts >= settings.job_max_attempts:
                if jobs.fail_job(s, job_id, JobTimedOut.code, JobTimedOut.message):
                    log.warning("reaper: job %s failed after %d attempts", job_id, attempts)
                    touched += 1
                continue
            if not jobs.requeue(s, job_id):
                continue
        try:
            app.send_task(names.PROCESS_DOCUMENT, args=[job_id])
        except Exception as exc:  # broker down: the job stays queued and is picked up next pass
            log.warning("reaper: could not enqueue job %s (%s)", job_id, type(exc).__name__)
            continue
        log.info("reaper: job %s re-enqueued (was %s, %d attempts)", job_id, status, attempts)
        touched += 1
    return touched


def prune_sqlite_broker(broker_url: str) -> int:
    """Delete consumed messages from the embedded SQLite broker (kombu never does; they pile up)."""
    if not broker_url.startswith("sqla+sqlite"):
        return 0
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(broker_url.removeprefix("sqla+"), connect_args={"timeout": 5})
    try:
        with engine.begin() as connection:
            return int(connection.execute(text("DELETE FROM kombu_message WHERE visible = 0")).rowcount or 0)
    except OperationalError:  # no table yet (no message sent) or the database is busy: next time
        return 0
    finally:
        engine.dispose()


class ReaperThread(threading.Thread):
    """Calls ``reap_once`` every ``reap_interval_s`` until ``stop()``."""

    def __init__(self, settings: BrokerSettings, app: Any, sessions: sessionmaker[Session]) -> None:
        super().__init__(name="casewise-reaper", daemon=True)
        self.settings, self.app, self.sessions = settings, app, sessions
        self.interval = reap_interval_s(settings)
        self._stop_event = threading.Event()
        self.reaped = 0  # jobs re-queued or failed so far (for tests and metrics)

    def run(self) -> None:
        passes = 0
        while not self._stop_event.wait(self.interval):
            passes += 1
            try:
                self.reaped += reap_once(self.sessions, self.settings, self.app)
                if passes % PRUNE_EVERY == 0:
                    prune_sqlite_broker(self.settings.resolved_broker_url)
            except Exception as exc:  # a database hiccup must not kill the loop
                log.warning("reaper pass failed: %s", type(exc).__name__)

    def stop(self) -> None:
        self._stop_event.set()
