"""Health: ``/healthz`` (the process is up), ``/readyz`` (dependencies answer), ``/metrics``."""

from __future__ import annotations

import logging

from casewise_core.errors import CasewiseError
from casewise_core.storage.db import ping
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from casewise_api.deps import RuntimeDep
from casewise_api.runtime import Runtime
from casewise_api.schemas import ReadyReport

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])
BROKER_TIMEOUT_S = 2.0
WORKER_PING_TIMEOUT_S = 1.0


def check_database(runtime: Runtime) -> str:
    try:
        ping(runtime.engine)
    except CasewiseError as exc:
        return f"error: {exc.code}"
    return "ok"


def check_broker(runtime: Runtime) -> str:
    from kombu import Connection

    url = runtime.settings.resolved_broker_url
    try:
        with Connection(url, connect_timeout=BROKER_TIMEOUT_S) as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_S)
    except Exception as exc:
        log.warning("broker check failed: %s", type(exc).__name__)
        return "error: unreachable"
    return "ok"


def check_workers(runtime: Runtime) -> str:
    """Worker presence by ``celery inspect ping``; "unknown" where the broker has no remote control."""
    from casewise_core.queue import is_embedded_broker

    if is_embedded_broker(runtime.settings.resolved_broker_url):
        return "unknown"
    try:
        replies = runtime.celery.control.inspect(timeout=WORKER_PING_TIMEOUT_S).ping()
    except Exception as exc:
        log.warning("worker ping failed: %s", type(exc).__name__)
        return "error: unreachable"
    return f"ok ({len(replies)})" if replies else "error: no workers"


def readiness(runtime: Runtime) -> ReadyReport:
    checks = {"database": check_database(runtime), "broker": check_broker(runtime)}
    checks["workers"] = check_workers(runtime) if checks["broker"] == "ok" else "unknown"
    failing = [name for name, state in checks.items() if state.startswith("error")]
    return ReadyReport(status="not_ready" if failing else "ready", checks=checks, failing=failing)


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up (no dependency is checked)."""
    return {"status": "ok"}


@router.get("/readyz", response_model=ReadyReport, responses={503: {"model": ReadyReport}})
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    """Database, broker and workers; 503 naming the failing dependency."""
    report = await run_in_threadpool(readiness, runtime)
    return JSONResponse(report.model_dump(), status_code=503 if report.failing else 200)


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    """Prometheus text format: request latency by route, jobs by state, pages read, queue depth."""
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
