"""Engines, sessions, migrations and a liveness probe for the service database.

``make_engine`` configures SQLite for several processes (API + workers) sharing one file: WAL
journal, a busy timeout instead of immediate "database is locked" errors, and foreign keys on (so
``ON DELETE CASCADE`` works). ``migrate`` runs the Alembic migrations shipped inside this package,
from any working directory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from casewise_core.errors import TransientError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
#: Longest a hot read may wait on PostgreSQL (libpq's connect timeout has a 2 s floor).
READ_TIMEOUT_S = 2
T = TypeVar("T")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("check_same_thread", False)
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if parsed.get_backend_name() == "postgresql":
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("connect_timeout", 5)
        kwargs["connect_args"] = connect_args
    return create_engine(url, **kwargs)


def make_read_engine(url: str, pool_size: int) -> Engine:
    """A small engine for hot single-statement reads (the job poll), to use with ``run_read``.

    On PostgreSQL it saves three of the four round trips a pooled ORM read makes: autocommit (no
    ``BEGIN``/``ROLLBACK``) and no pre-ping (a connection the server dropped fails once and
    ``run_read`` retries on a fresh one). Its reads run inline in the API's event loop, so an
    outage must fail them fast rather than hold the loop: short connect and pool timeouts, a TCP
    user timeout (a peer that stops acknowledging) and a server-side statement timeout.
    SQLite reads need none of this: an ordinary engine.
    """
    if make_url(url).get_backend_name() == "sqlite":
        return make_engine(url)
    return make_engine(
        url,
        isolation_level="AUTOCOMMIT",
        pool_pre_ping=False,
        pool_size=pool_size,
        max_overflow=0,
        pool_timeout=READ_TIMEOUT_S,
        connect_args={
            "connect_timeout": READ_TIMEOUT_S,
            "tcp_user_timeout": READ_TIMEOUT_S * 1000,
            "options": f"-c statement_timeout={READ_TIMEOUT_S * 1000}",
        },
    )


def run_read(engine: Engine, read: Callable[[Connection], T]) -> T:
    """``read(connection)`` on a pooled connection; once more on a fresh one if the server had
    dropped the first (a database restart invalidates the whole pool, so one retry suffices)."""
    try:
        with engine.connect() as connection:
            return read(connection)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    with engine.connect() as connection:
        return read(connection)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit (routes serialise rows after committing)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(url: str) -> Any:
    """An Alembic ``Config`` pointing at the packaged migrations and ``url``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine_or_url: Engine | str) -> None:
    """Upgrade the database to the newest schema (idempotent; safe to call at every start)."""
    from alembic import command

    if isinstance(engine_or_url, Engine):
        engine = engine_or_url
        url = engine.url.render_as_string(hide_password=False)
        with engine.begin() as connection:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
        return
    engine = make_engine(engine_or_url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


def ping(engine: Engine) -> None:
    """Raise ``TransientError`` when the database cannot answer ``SELECT 1``."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        log.warning("database ping failed: %s", type(exc).__name__)
        raise TransientError("The database is not reachable. Please try again in a minute.") from exc
