"""The FastAPI application factory: ``create_app(settings) -> FastAPI``.

API routes live under ``/v1`` (plus ``/healthz``, ``/readyz``, ``/metrics``); the patient web page
(``web/``, when present) is served at ``/`` after them. Every ``CasewiseError`` is answered as
``{"error": {"code", "message"}}`` by one handler. Run with ``uvicorn casewise_api.app:app``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from casewise_core.settings import ApiSettings
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from casewise_api import errors
from casewise_api.metrics import Metrics
from casewise_api.routes import answers, cases, config, documents, health, jobs, profile
from casewise_api.runtime import Runtime
from casewise_api.schemas import ErrorPublic

WEB_DIR = Path(__file__).resolve().parent / "web"
DESCRIPTION = """Personalised cancer guidance from a patient's own records.

Create a case (`POST /v1/cases`; keep the token: it is shown once), upload records, poll the jobs,
read the extracted profile, correct it, and ask questions. Every error has the shape
`{"error": {"code": "...", "message": "..."}}` with a stable `code`.

casewise is an information tool, not medical advice.
"""


def create_app(settings: ApiSettings | None = None, *, run_migrations: bool = True) -> FastAPI:
    settings = settings or ApiSettings()
    runtime = Runtime.start(settings, run_migrations=run_migrations)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        runtime.close()

    app = FastAPI(
        title="casewise",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        responses={
            422: {"model": ErrorPublic, "description": "Invalid request"},
            500: {"model": ErrorPublic, "description": "Internal error"},
            503: {"model": ErrorPublic, "description": "A dependency is temporarily unavailable"},
        },
    )
    app.state.runtime = runtime
    app.state.metrics = Metrics(runtime)
    errors.install(app)
    app.state.metrics.install(app)
    # The job poll first: routes are matched in order, and it is most of the traffic.
    for module in (jobs, cases, documents, profile, answers, config, health):
        app.include_router(module.router)
    if WEB_DIR.is_dir():
        app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="web")
    return app


def __getattr__(name: str) -> Any:
    # ``uvicorn casewise_api.app:app`` builds the app from the environment on first access only.
    if name == "app":
        return create_app()
    raise AttributeError(name)
