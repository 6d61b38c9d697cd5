"""A small stand-in for the casewise API, so the page's logic is tested on its own.

It serves the real ``web/`` folder and implements the /v1 contract with canned, stateful JSON:
jobs advance one stage per poll (with ETag/304 and Retry-After), a file named ``locked*`` fails
as a password-protected PDF, corrections are appended, and every request is recorded so a test
can assert what the page actually sent (If-None-Match, PATCH bodies, the gap between polls).
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile

from tests.browser.stub_profile import ANSWER, PROFILE

WEB = Path(__file__).resolve().parents[2] / "services" / "api" / "casewise_api" / "web"
CASE_ID = "c0ffee01"
TOKEN = "tok_s3cret-XYZ"
RETRY_AFTER_S = 1

OK_SCRIPT: list[dict[str, Any]] = [
    {"status": "running", "stage": "ocr", "pages_done": 0, "pages_total": 3},
    {"status": "running", "stage": "ocr", "pages_done": 1, "pages_total": 3},
    {"status": "running", "stage": "ocr", "pages_done": 2, "pages_total": 3},
    {"status": "running", "stage": "extracting", "pages_done": 3, "pages_total": 3},
    {"status": "running", "stage": "extracting", "pages_done": 3, "pages_total": 3},  # same: a 304
    {"status": "succeeded", "stage": "done", "pages_done": 3, "pages_total": 3},
]
LOCKED_MESSAGE = (
    "This PDF is password-protected. Remove the password (or print it to a new PDF) and upload again."
)
UNSUPPORTED_MESSAGE = (
    "This file type is not supported. Upload a PDF, a photo (PNG, JPEG or TIFF) or a plain-text file."
)
FAIL_SCRIPT: list[dict[str, Any]] = [
    {"status": "running", "stage": "reading", "pages_done": 0, "pages_total": 0},
    {
        "status": "failed",
        "stage": "reading",
        "pages_done": 0,
        "pages_total": 0,
        "error": {"code": "encrypted_pdf", "message": LOCKED_MESSAGE},
    },
]


@dataclass
class StubState:
    max_upload_bytes: int = 200_000
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    polls: list[dict[str, Any]] = field(default_factory=list)
    patches: list[dict[str, Any]] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    uploads: list[list[str]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def create_stub(state: StubState) -> FastAPI:
    app = FastAPI()

    def authorised(request: Request, case_id: str) -> JSONResponse | None:
        if case_id not in state.cases:
            return _error(404, "not_found", "Not found.")
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return _error(401, "unauthorized", "A valid access token for this case is required.")
        return None

    @app.get("/v1/config")
    def config() -> dict[str, Any]:
        return {"max_upload_bytes": state.max_upload_bytes}

    @app.post("/v1/cases", status_code=201)
    def create_case() -> dict[str, str]:
        state.cases[CASE_ID] = {"profile": copy.deepcopy(PROFILE)}
        return {"id": CASE_ID, "token": TOKEN}

    @app.post("/v1/cases/{case_id}/documents", status_code=202, response_model=None)
    async def upload(case_id: str, request: Request) -> Any:
        if denied := authorised(request, case_id):
            return denied
        form = await request.form()
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        state.uploads.append([f.filename or "" for f in files])
        if any((f.filename or "").startswith("fake") for f in files):
            # The server sniffs content: a renamed executable is refused whatever its extension.
            return _error(415, "unsupported_type", UNSUPPORTED_MESSAGE)
        jobs = []
        for i, f in enumerate(files):
            job_id = f"job{len(state.jobs) + 1}"
            script = FAIL_SCRIPT if (f.filename or "").startswith("locked") else OK_SCRIPT
            state.jobs[job_id] = {"case": case_id, "script": script, "step": -1, "doc": f"doc{i}"}
            jobs.append({"id": job_id, "document_id": f"doc{i}", "status": "queued"})
        return {"jobs": jobs}

    @app.get("/v1/jobs/{job_id}", response_model=None)
    def job(job_id: str, request: Request) -> Any:
        j = state.jobs.get(job_id)
        if j is None or j["case"] in state.deleted:
            return _error(404, "not_found", "Not found.")
        if denied := authorised(request, j["case"]):
            return denied
        j["step"] = min(j["step"] + 1, len(j["script"]) - 1)
        body = {"id": job_id, "document_id": j["doc"], "error": None, **j["script"][j["step"]]}
        etag = '"' + hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16] + '"'
        sent = request.headers.get("if-none-match")
        state.polls.append({"job": job_id, "t": time.monotonic(), "if_none_match": sent, "etag": etag})
        headers = {"ETag": etag, "Retry-After": str(RETRY_AFTER_S)}
        if sent == etag:
            state.polls[-1]["status"] = 304
            return Response(status_code=304, headers=headers)
        state.polls[-1]["status"] = 200
        return JSONResponse(body, headers=headers)

    @app.get("/v1/cases/{case_id}/profile", response_model=None)
    def profile(case_id: str, request: Request) -> Any:
        return authorised(request, case_id) or state.cases[case_id]["profile"]

    @app.patch("/v1/cases/{case_id}/profile", response_model=None)
    async def correct(case_id: str, request: Request) -> Any:
        if denied := authorised(request, case_id):
            return denied
        change = await request.json()
        state.patches.append(change)
        prof = state.cases[case_id]["profile"]
        corr = {
            "id": f"corr{len(prof['corrections']) + 1}",
            "field": None,
            "value": None,
            "note": None,
            "by": "patient",
            "at": datetime.now(UTC).isoformat(),
            **change,
        }
        prof["corrections"].append(corr)
        return prof

    @app.post("/v1/cases/{case_id}/answers", response_model=None)
    async def answer(case_id: str, request: Request) -> Any:
        # Like the real API when the answerer is slow: 202 and a poll URL first.
        if denied := authorised(request, case_id):
            return denied
        question = (await request.json())["question"]
        state.questions.append(question)
        answer_id = f"ans{len(state.questions)}"
        state.answers[answer_id] = {**ANSWER, "question": question}
        pending = {"id": answer_id, "status": "running", "poll_url": f"/v1/answers/{answer_id}"}
        return JSONResponse(pending, status_code=202, headers={"Retry-After": "1"})

    @app.get("/v1/answers/{answer_id}", response_model=None)
    def read_answer(answer_id: str, request: Request) -> Any:
        if denied := authorised(request, CASE_ID):
            return denied
        return state.answers[answer_id]

    @app.delete("/v1/cases/{case_id}", status_code=204, response_model=None)
    def delete(case_id: str, request: Request) -> Any:
        if denied := authorised(request, case_id):
            return denied
        state.deleted.append(case_id)
        del state.cases[case_id]
        return Response(status_code=204)

    app.mount("/", StaticFiles(directory=WEB, html=True), name="web")
    return app


class StubServer:
    """Runs the stub on a loopback port in a thread for the length of a test."""

    def __init__(self, state: StubState, port: int) -> None:
        self.state = state
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(create_stub(state), host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> StubServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("stub API did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
