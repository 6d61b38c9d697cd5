"""Fixtures for worker tests: migrated databases (SQLite file, PostgreSQL scratch db) and rows."""

from __future__ import annotations

import hashlib
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import ON_CI, require_server
from tests.databases import PG_HOST, PG_PORT, scratch_postgres


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A scratch PostgreSQL database for this session, dropped at the end."""
    require_server("PostgreSQL", PG_HOST, PG_PORT)
    with scratch_postgres("cw_worker") as url:
        yield url


def migrated(url: str) -> Engine:
    from casewise_core.storage.db import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def sessions(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """A session factory on a freshly migrated database, SQLite and PostgreSQL."""
    from casewise_core.storage.db import make_session_factory

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'casewise.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    engine = migrated(url)
    if request.param == "postgresql":  # one scratch database per session: start each test empty
        with engine.begin() as c:
            c.execute(text("TRUNCATE cases, answers CASCADE"))
    yield make_session_factory(engine)
    engine.dispose()


def _add_job(s: Session, data: bytes = b"%PDF-1.4 test", storage_key: str = "") -> tuple[str, str, str]:
    """Insert a case, a document and a queued job; return (case_id, document_id, job_id)."""
    from casewise_core.storage.models import Case, Document, Job

    case = Case(token_hash=hashlib.sha256(uuid.uuid4().bytes).hexdigest())
    s.add(case)
    s.flush()
    digest = hashlib.sha256(data).hexdigest()
    doc = Document(
        case_id=case.id,
        sha256=digest,
        name="report.pdf",
        media_type="application/pdf",
        size_bytes=len(data),
        storage_key=storage_key or f"{case.id}/{digest}",
    )
    s.add(doc)
    s.flush()
    job = Job(case_id=case.id, document_id=doc.id)
    s.add(job)
    s.commit()
    return case.id, doc.id, job.id


@pytest.fixture
def add_job() -> Callable[..., tuple[str, str, str]]:
    """``add_job(session, data=b"...")`` inserts a case, a document and a queued job."""
    return _add_job


class RedisServer:
    """A private ``redis-server`` (no persistence) that a test may kill and restart."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        cmd = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        cmd += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


def _free_port(preferred: int) -> int:
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise RuntimeError("no free port")


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        if ON_CI:
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = RedisServer(_free_port(6390))
    server.start()
    yield server
    server.stop()
