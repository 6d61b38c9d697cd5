"""The Celery app factory shared by the API (sends tasks by name) and the workers.

Brokers: Redis (deployment default), RabbitMQ, or the embedded SQLite transport
(``sqla+sqlite://``, no server). The SQLite transport has no remote control and loses a task in
flight when its worker is killed; that is acceptable because the database, not the broker, is the
source of truth for jobs: the reaper re-enqueues any job whose heartbeat went stale.

Celery is imported lazily so the core stays importable without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casewise_core import tasks

if TYPE_CHECKING:
    from celery import Celery  # type: ignore[import-untyped]

    from casewise_core.settings import BrokerSettings

#: How often the SQLite transport polls for new messages (its default is 1 s).
SQLITE_POLLING_INTERVAL_S = 0.1

ROUTES: dict[str, dict[str, str]] = {
    tasks.PROCESS_DOCUMENT: {"queue": tasks.EXTRACT_QUEUE},
    tasks.REAP_STALE_JOBS: {"queue": tasks.EXTRACT_QUEUE},
    tasks.ANSWER_QUESTION: {"queue": tasks.ANSWER_QUEUE},
    tasks.DELETE_CASE_VECTORS: {"queue": tasks.ANSWER_QUEUE},
}


def is_embedded_broker(url: str) -> bool:
    return url.startswith("sqla+")


def _configure_sqlite_transport() -> None:
    # Passing polling_interval through broker_transport_options crashes the worker (STACK.md);
    # the class attribute is what the transport reads.
    from kombu.transport import sqlalchemy as sqla_transport

    sqla_transport.Transport.polling_interval = SQLITE_POLLING_INTERVAL_S


def celery_config(settings: BrokerSettings) -> dict[str, Any]:
    """The Celery configuration for ``settings`` (a plain dict, for tests and docs)."""
    url = settings.resolved_broker_url
    config: dict[str, Any] = {
        "broker_url": url,
        # The job row is the result; Celery's result store is never read.
        "result_backend": None,
        "task_ignore_result": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_routes": ROUTES,
        "task_default_queue": tasks.EXTRACT_QUEUE,
        "task_serializer": "json",
        "accept_content": ["json"],
        "broker_connection_retry_on_startup": True,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "enable_utc": True,
    }
    if url.startswith("redis"):
        # Unacked messages come back after this long if the worker vanished without a reject;
        # longer than any job, shorter than forever. The reaper covers anything beyond it.
        config["broker_transport_options"] = {"visibility_timeout": max(settings.job_stale_after_s * 2, 60)}
    if is_embedded_broker(url):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return config


def make_celery(settings: BrokerSettings, name: str = "casewise") -> Celery:
    """A Celery app bound to the configured broker. The API sends tasks with ``send_task(NAME)``."""
    from celery import Celery

    config = celery_config(settings)
    if is_embedded_broker(config["broker_url"]):
        _configure_sqlite_transport()
    app = Celery(name)
    app.conf.update(config)
    return app


def enqueue(app: Celery, task_name: str, *args: str, countdown: float | None = None) -> None:
    """Send a task by name (routing comes from the app's ``task_routes``)."""
    app.send_task(task_name, args=list(args), countdown=countdown)
