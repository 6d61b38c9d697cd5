"""What one API process holds: settings, database engines, file store and the task sender.

Built once by ``create_app`` and kept on ``app.state.runtime``. Tasks are sent by name (constants in
``casewise_core.tasks``); the API never imports worker code.

``read_engine`` serves the job poll, which runs its one query inline in the event loop: measured on
2 cores, a hop to a thread pool costs more CPU than the query (GIL hand-offs) on SQLite and on
PostgreSQL alike. On PostgreSQL that engine keeps an outage short (see ``make_read_engine``).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from casewise_core.errors import TransientError
from casewise_core.settings import ApiSettings
from casewise_core.storage.db import make_engine, make_read_engine, make_session_factory, migrate
from casewise_core.storage.files import FileStore
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: ApiSettings
    engine: Engine
    sessions: sessionmaker[Session]
    files: FileStore
    read_engine: Engine
    _celery: Any = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def start(cls, settings: ApiSettings, *, run_migrations: bool = True) -> Runtime:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.resolved_database_url)
        if run_migrations:
            try:
                migrate(engine)
            except Exception as exc:  # unreachable database: start anyway, /readyz says why
                log.warning("migrations not applied at start: %s", type(exc).__name__)
        url = settings.resolved_database_url
        # Only the event loop's thread reads through it, one query at a time: a spare is plenty.
        read_engine = engine if engine.dialect.name == "sqlite" else make_read_engine(url, pool_size=2)
        files = FileStore.from_settings(settings)
        return cls(settings, engine, make_session_factory(engine), files, read_engine)

    @property
    def celery(self) -> Any:
        with self._lock:  # routes run in a thread pool: build one Celery app, not several
            if self._celery is None:
                from casewise_core.queue import make_celery

                self._celery = make_celery(self.settings, "casewise-api")
            return self._celery

    def send(self, task_name: str, *args: str) -> None:
        """Enqueue ``task_name`` by name; ``TransientError`` when the broker cannot take it."""
        from casewise_core.queue import enqueue

        try:
            enqueue(self.celery, task_name, *args)
        except Exception as exc:
            log.warning("enqueue failed task=%s error=%s", task_name, type(exc).__name__)
            raise TransientError("The job queue is not reachable. Please try again in a minute.") from exc

    def close(self) -> None:
        if self.read_engine is not self.engine:
            self.read_engine.dispose()
        self.engine.dispose()
