"""Job state, read from the Job row only: one job (ETag, 304, Retry-After), a case's jobs, and SSE."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from casewise_core.storage import repositories
from casewise_core.storage.db import run_read
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic_core import to_json

from casewise_api.deps import BEARER_SECURITY, BearerToken, CaseAccess, RuntimeDep, SessionDep, request_token
from casewise_api.runtime import Runtime
from casewise_api.schemas import JobList, JobPublic, error_responses, job_fields

router = APIRouter(tags=["jobs"])
#: Seconds a client should wait before polling an unfinished job again.
RETRY_AFTER_S = 1
SSE_POLL_S = 0.5
SSE_MAX_S = 3600
_TERMINAL = ("succeeded", "failed")


def etag(job: Any) -> str:
    return f'"{job.id}.{job.version}"'


def _cache_headers(job: Any) -> dict[str, str]:
    headers = {"ETag": etag(job), "Cache-Control": "no-cache"}
    if job.status not in _TERMINAL:
        headers["Retry-After"] = str(RETRY_AFTER_S)
    return headers


@router.get(
    "/v1/jobs/{job_id}",
    response_model=JobPublic,
    responses={
        304: {"description": "Unchanged since the ETag in If-None-Match"},
        **error_responses(401, 403, 404),
    },
    openapi_extra={
        "security": BEARER_SECURITY,
        "parameters": [
            {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
                "description": "The ETag of the last answer: 304 while the job is unchanged",
            }
        ],
    },
)
async def read_job(job_id: str, request: Request) -> Response:
    """One job's state. Poll with ``If-None-Match``: 304 until it changes; honour ``Retry-After``."""
    # The hot path of every front end. No dependencies (their solver costs a third of the
    # request): the token is checked as ``BearerToken`` does. One primary-key read of the needed
    # columns, inline (a thread-pool hop costs more than the query), serialised straight to JSON
    # bytes (``response_model`` documents the shape; ``job_fields`` keeps the bytes JobPublic's).
    token = await request_token(request)
    runtime: Runtime = request.app.state.runtime
    row = run_read(runtime.read_engine, partial(repositories.poll_job, job_id=job_id, token=token))
    headers = _cache_headers(row)
    if_none_match = request.headers.get("if-none-match")
    if if_none_match and etag(row) in {t.strip() for t in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(to_json(job_fields(row)), media_type="application/json", headers=headers)


@router.get("/v1/cases/{case_id}/jobs", response_model=JobList, responses=error_responses(401, 403, 404))
def list_jobs(case: CaseAccess, session: SessionDep) -> JobList:
    return JobList(jobs=[JobPublic.of(j) for j in repositories.list_jobs(session, case.id)])


def _load(runtime: Runtime, job_id: str, token: str) -> JobPublic:
    with runtime.sessions() as session:
        return JobPublic.of(repositories.get_job_for_token(session, job_id, token))


@router.get(
    "/v1/jobs/{job_id}/events",
    responses={200: {"content": {"text/event-stream": {}}}, **error_responses(401, 403, 404)},
)
async def job_events(job_id: str, token: BearerToken, runtime: RuntimeDep) -> StreamingResponse:
    """Server-sent events: one ``job`` event per change (same JSON as GET /v1/jobs/{id}) until done."""
    first = await run_in_threadpool(_load, runtime, job_id, token)  # auth errors before streaming

    async def stream() -> AsyncIterator[str]:
        current, last = first, ""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SSE_MAX_S
        while True:
            data = current.model_dump_json()
            if data != last:
                yield f"event: job\ndata: {data}\n\n"
                last = data
            if current.status in _TERMINAL or loop.time() > deadline:
                return
            await asyncio.sleep(SSE_POLL_S)
            current = await run_in_threadpool(_load, runtime, job_id, token)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
