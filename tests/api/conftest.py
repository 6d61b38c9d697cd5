"""API fixtures: an app on a fresh SQLite file or a scratch PostgreSQL database, and a client helper.

The broker is the embedded SQLite transport in the test's data dir, so an enqueued task can be
read back from its ``kombu_message`` table (no worker runs in these tests).
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import require_server
from tests.databases import PG_HOST, PG_PORT, scratch_postgres


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A scratch PostgreSQL database (casewise_test_<random>) for the session, dropped after it."""
    require_server("PostgreSQL", PG_HOST, PG_PORT)
    with scratch_postgres("casewise_test") as url:
        yield url


def make_settings(data_dir: Path, **overrides: Any) -> Any:
    from casewise_core.settings import ApiSettings

    return ApiSettings(data_dir=data_dir, file_key=base64.urlsafe_b64encode(b"k" * 32).decode(), **overrides)


@dataclass
class Api:
    """A TestClient plus what tests need to look behind it."""

    client: TestClient
    app: Any
    data_dir: Path

    @property
    def runtime(self) -> Any:
        return self.app.state.runtime

    def new_case(self) -> tuple[str, dict[str, str]]:
        r = self.client.post("/v1/cases")
        assert r.status_code == 201, r.text
        body = r.json()
        return body["id"], {"Authorization": f"Bearer {body['token']}"}

    def upload(self, case_id: str, headers: dict[str, str], *files: tuple[str, bytes]) -> Any:
        parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
        return self.client.post(f"/v1/cases/{case_id}/documents", headers=headers, files=parts)

    def enqueued(self) -> list[tuple[str, list[Any]]]:
        """(task name, args) of every message sent to the embedded broker, oldest first."""
        db = self.data_dir / "broker.db"
        if not db.exists():
            return []
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT payload FROM kombu_message ORDER BY id").fetchall()
        out = []
        for (payload,) in rows:
            msg = json.loads(payload)
            body = json.loads(base64.b64decode(msg["body"]))
            out.append((msg["headers"]["task"], body[0]))
        return out


def build_api(data_dir: Path, database_url: str | None = None, **overrides: Any) -> Iterator[Api]:
    from casewise_api.app import create_app

    if database_url:
        overrides["database_url"] = database_url
    app = create_app(make_settings(data_dir, **overrides))
    with TestClient(app) as client:
        yield Api(client, app, data_dir)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Api]:
    """The API on SQLite and on PostgreSQL (same tests, both backends)."""
    url = request.getfixturevalue("pg_database") if request.param == "postgresql" else None
    yield from build_api(tmp_path / "var", url)


@pytest.fixture
def sqlite_api(tmp_path: Path) -> Iterator[Api]:
    yield from build_api(tmp_path / "var")
