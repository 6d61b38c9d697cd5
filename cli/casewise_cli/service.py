"""CLI commands ``casewise serve`` (API + workers + reaper, embedded defaults) and ``casewise worker``.

``serve`` is the one-machine set-up: everything under ``CASEWISE_DATA_DIR`` (SQLite rows, SQLite
broker, encrypted files, local Qdrant). It runs migrations, then supervises child processes: the
API (uvicorn, ``casewise_api.app:create_app`` factory), an extraction worker (prefork, one process
per core) and an answer worker (``-P solo``: it alone opens the embedded Qdrant path). A child that
dies is restarted; the reaper runs as a thread here. Ctrl-C or SIGTERM stops every child.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

log = logging.getLogger("casewise.service")

EXTRACT_APP = "casewise_extractor.worker:app"
ANSWER_APP = "casewise_answerer.worker:app"
STOP_GRACE_S = 15.0


@dataclass
class Child:
    name: str
    cmd: list[str]
    proc: subprocess.Popen[bytes] | None = None
    restarts: list[float] = field(default_factory=list)


def _bin(name: str) -> str:
    """An executable of this virtualenv (celery), falling back to PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def worker_cmd(queue: str, concurrency: int | None = None, events: bool = False) -> list[str]:
    """The celery command line for one queue's worker."""
    from casewise_core import tasks

    if queue == tasks.ANSWER_QUEUE:
        app, pool, conc = ANSWER_APP, "solo", 1
    elif queue == tasks.EXTRACT_QUEUE:
        app, pool, conc = EXTRACT_APP, "prefork", concurrency or os.cpu_count() or 1
    else:
        raise typer.BadParameter(f"unknown queue {queue!r} (extract or answer)")
    cmd = [_bin("celery"), "-A", app, "worker", "-Q", queue, "-P", pool, "-c", str(conc)]
    cmd += ["-n", f"{queue}-{os.getpid()}@%h", "-l", "INFO", "--without-gossip", "--without-mingle"]
    return cmd + (["-E"] if events else [])


def answer_worker_available() -> bool:
    try:
        return importlib.util.find_spec("casewise_answerer.worker") is not None
    except ImportError:
        return False


class Supervisor:
    """Starts children, restarts the ones that die (at most 5 a minute), stops all on a signal."""

    def __init__(self, children: list[Child], env: dict[str, str]) -> None:
        self.children, self.env = children, env
        self.stopping = threading.Event()

    def _start(self, child: Child) -> None:
        child.proc = subprocess.Popen(child.cmd, env=self.env)
        log.info("started %s (pid %d)", child.name, child.proc.pid)

    def run(self, reaper: Any = None) -> int:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self.stopping.set())
        for child in self.children:
            self._start(child)
        if reaper is not None:
            reaper.start()
        code = 0
        while not self.stopping.wait(0.5):
            for child in self.children:
                assert child.proc is not None
                if child.proc.poll() is None or self.stopping.is_set():
                    continue  # alive, or exiting because Ctrl-C reached the whole process group
                now = time.monotonic()
                child.restarts = [t for t in child.restarts if now - t < 60] + [now]
                if len(child.restarts) > 5:
                    log.error("%s keeps exiting (code %s); stopping", child.name, child.proc.returncode)
                    code = 1
                    self.stopping.set()
                    break
                log.warning("%s exited with %s; restarting", child.name, child.proc.returncode)
                self._start(child)
        if reaper is not None:
            reaper.stop()
        self.stop_all()
        return code

    def stop_all(self) -> None:
        live = [c.proc for c in self.children if c.proc is not None and c.proc.poll() is None]
        for proc in live:
            proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for proc in live:
            try:
                proc.wait(max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _prepare(settings: Any, migrate_db: bool = True) -> dict[str, str]:
    """Create the data dir, migrate, make the file key; the children's environment."""
    from casewise_core.storage.db import migrate
    from casewise_core.storage.files import load_or_create_key

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if migrate_db:
        migrate(settings.resolved_database_url)
    load_or_create_key(settings)
    env = dict(os.environ)
    env["CASEWISE_DATA_DIR"] = str(settings.data_dir.resolve())
    env.setdefault("OMP_THREAD_LIMIT", "1")
    env.setdefault("HF_HUB_OFFLINE", "1")
    return env


def _reaper(settings: Any) -> Any:
    from casewise_core.queue import make_celery
    from casewise_core.storage.db import make_engine, make_session_factory
    from casewise_extractor.reaper import ReaperThread

    sessions = make_session_factory(make_engine(settings.resolved_database_url))
    return ReaperThread(settings, make_celery(settings, "casewise-reaper"), sessions)


def _settings() -> Any:
    from casewise_core.settings import Settings

    return Settings()


def serve(
    host: str | None = typer.Option(None, help="Interface to listen on (default CASEWISE_HOST or 127.0.0.1)"),
    port: int | None = typer.Option(None, help="Port (default CASEWISE_PORT or 8000)"),
    concurrency: int | None = typer.Option(None, help="Extraction processes (default: CPU cores)"),
) -> None:
    """Start the API and the workers on embedded defaults; all state under CASEWISE_DATA_DIR."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = _settings()
    host, port = host or settings.host, port or settings.port
    env = _prepare(settings)
    api = [sys.executable, "-m", "uvicorn", "casewise_api.app:create_app", "--factory"]
    children = [Child("api", api + ["--host", host, "--port", str(port), "--no-access-log"])]
    children.append(Child("extract-worker", worker_cmd("extract", concurrency)))
    if answer_worker_available():
        children.append(Child("answer-worker", worker_cmd("answer")))
    else:
        log.warning("casewise_answerer.worker is not importable: questions will not be answered")
    typer.echo(f"casewise: http://{host}:{port}  (data in {settings.data_dir.resolve()}; Ctrl-C stops)")
    raise typer.Exit(Supervisor(children, env).run(reaper=_reaper(settings)))


def worker(
    queues: str = typer.Option("extract", help="Comma-separated: extract, answer"),
    concurrency: int | None = typer.Option(None, help="Extraction processes (default: CPU cores)"),
    reaper: bool = typer.Option(True, help="Also run the stale-job reaper (extract only)"),
    migrate: bool = typer.Option(True, help="Run database migrations first (off when the API does it)"),
    events: bool = typer.Option(False, help="Send task events (for Flower)"),
) -> None:
    """Start workers alone (deployment: API elsewhere, Redis/RabbitMQ broker, PostgreSQL)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = _settings()
    wanted = [q.strip() for q in queues.split(",") if q.strip()]
    children = [Child(f"{q}-worker", worker_cmd(q, concurrency, events)) for q in wanted]
    env = _prepare(settings, migrate_db=migrate)
    thread = _reaper(settings) if reaper and "extract" in wanted else None
    raise typer.Exit(Supervisor(children, env).run(reaper=thread))


def migrate() -> None:
    """Create or upgrade the database schema (idempotent), e.g. as a one-shot deploy step."""
    from casewise_core.storage.db import migrate as run_migrations

    settings = _settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    run_migrations(settings.resolved_database_url)
    typer.echo("casewise: database is at the newest schema")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(serve)
    app.command()(worker)
    app.command()(migrate)
