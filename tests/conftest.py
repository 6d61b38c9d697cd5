"""Shared test fixtures: settings isolated to a temp data dir, and real-server guards."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def server_up(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_server(name: str, host: str, port: int) -> None:
    """On CI a missing server is a failure; on a laptop it is a visible skip."""
    if server_up(host, port):
        return
    if ON_CI:
        pytest.fail(f"{name} is not reachable on {host}:{port}, and CI must run integration tests")
    pytest.skip(f"{name} not running on {host}:{port} (not on CI)")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every setting at a fresh data dir; clear the settings cache around the test."""
    from casewise_core.settings import get_settings

    d = tmp_path / "var"
    d.mkdir()
    monkeypatch.setenv("CASEWISE_DATA_DIR", str(d))
    get_settings.cache_clear()
    yield d
    get_settings.cache_clear()
