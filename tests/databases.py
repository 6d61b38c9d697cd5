"""Scratch server databases for tests and benches: a fresh PostgreSQL database, dropped after.

``scratch_postgres(prefix)`` creates ``<prefix>_<random>`` on the localhost server (trust auth) and
yields its SQLAlchemy URL; the database is dropped (``WITH (FORCE)``: open pool connections do not
block it) when the block ends. Test fixtures wrap it with ``require_server`` so a laptop without
PostgreSQL skips visibly and CI fails.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_SERVER = f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}"
PG_ADMIN_URL = f"{PG_SERVER}/test"


@contextmanager
def scratch_postgres(prefix: str = "casewise_test") -> Iterator[str]:
    """A new empty database on the local PostgreSQL server for the duration of the block."""
    from casewise_core.storage.db import make_engine
    from sqlalchemy import text

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield f"{PG_SERVER}/{name}"
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
