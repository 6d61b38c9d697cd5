"""Browser-test fixtures: Debian's Chromium driven by Playwright (never a downloaded browser),
the stub API on a loopback port, and the screenshots folder (tests/artifacts/, git-ignored).

Without /usr/bin/chromium the tests skip with the reason on a laptop and fail on CI.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.stub_api import StubServer, StubState

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it"
        if ON_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def stub() -> Iterator[StubServer]:
    with StubServer(StubState(), free_port()) as server:
        yield server


@pytest.fixture
def page_errors() -> list[str]:
    """Console errors and uncaught exceptions seen by `new_page` pages: a test asserts it is empty."""
    return []


@pytest.fixture
def new_page(browser: Any, page_errors: list[str]) -> Iterator[Any]:
    contexts: list[Any] = []

    def make(width: int = 1100, height: int = 900) -> Any:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda e: page_errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: m.type == "error" and page_errors.append(f"console: {m.text}"))
        return page

    yield make
    for ctx in contexts:
        ctx.close()
