"""Engines, migrations and models on SQLite and PostgreSQL: schema matches models, cascades, UTC times."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from casewise_core.errors import TransientError
from casewise_core.storage.db import make_engine, make_session_factory, migrate, ping
from casewise_core.storage.models import Base, Case, Document, Job
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from tests.conftest import require_server
from tests.databases import PG_HOST, PG_PORT, scratch_postgres


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'sub' / 'db.sqlite'}")  # parent dir is created
        migrate(eng)
        yield eng
        eng.dispose()
        return
    require_server("PostgreSQL", PG_HOST, PG_PORT)
    with scratch_postgres("casewise_test") as url:
        migrate(url)  # by URL, as the CLI does
        eng = make_engine(url)
        yield eng
        eng.dispose()


def test_migrations_match_the_models_and_are_idempotent(engine: Engine) -> None:
    migrate(engine)  # second run: nothing to do
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diffs == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"


def test_rows_times_uniqueness_and_cascades(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as s:
        case = Case(token_hash="0" * 64)
        doc = Document(case=case, sha256="a" * 64, name="r.pdf", media_type="application/pdf",
                       size_bytes=10, storage_key="k")  # fmt: skip
        s.add_all([case, doc])
        s.flush()
        s.add(Job(case_id=case.id, document_id=doc.id))
        s.commit()
        case_id = case.id
    with sessions() as s:
        job = s.scalars(select(Job).where(Job.case_id == case_id)).first()
        assert job is not None and len(job.id) == 32
        assert job.created_at.utcoffset() is not None and job.created_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
        assert (job.status, job.stage, job.version, job.attempts, job.pages_done) == (
            "queued",
            "queued",
            0,
            0,
            0,
        )
        s.add(
            Document(
                case_id=case_id, sha256="a" * 64, name="again", media_type="x", size_bytes=1, storage_key="k"
            )
        )
        with pytest.raises(IntegrityError):
            s.commit()
        s.rollback()
        # Database-level cascade: deleting the case row removes documents and jobs.
        s.execute(Case.__table__.delete().where(Case.id == case_id))
        s.commit()
        assert s.scalar(select(func.count()).select_from(Job)) == 0
        assert s.scalar(select(func.count()).select_from(Document)) == 0


def test_job_status_is_constrained(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as s:
        case = Case(token_hash="1" * 64)
        doc = Document(case=case, sha256="b" * 64, name="n", media_type="m", size_bytes=1, storage_key="k")
        s.add_all([case, doc])
        s.flush()
        s.add(Job(case_id=case.id, document_id=doc.id, status="exploded"))
        with pytest.raises(IntegrityError):
            s.commit()


def test_ping_raises_transient_error_when_unreachable(tmp_path: Path) -> None:
    ping(make_engine(f"sqlite:///{tmp_path / 'ok.db'}"))
    with pytest.raises(TransientError):
        ping(make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none"))


def test_sqlite_pragmas(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with eng.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
