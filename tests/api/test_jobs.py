"""Job polling: the JSON shape, ETag/304 until the row changes, Retry-After, lists and SSE."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casewise_core.storage import jobs
from sqlalchemy import text

from tests.api.conftest import Api, build_api

TEXT = b"Clinic note. Stage IIIA adenocarcinoma."
JOB_KEYS = {
    "id", "status", "stage", "pages_done", "pages_total", "error", "document_id", "case_id",
    "created_at", "started_at", "finished_at", "updated_at",
}  # fmt: skip


def _job(api: Api) -> tuple[str, dict[str, str], str]:
    case_id, auth = api.new_case()
    (job,) = api.upload(case_id, auth, ("n.txt", TEXT)).json()["jobs"]
    return case_id, auth, job["id"]


def test_job_shape_etag_304_and_retry_after(api: Api) -> None:
    case_id, auth, job_id = _job(api)
    r = api.client.get(f"/v1/jobs/{job_id}", headers=auth)
    assert r.status_code == 200
    body = r.json()
    assert set(body) == JOB_KEYS
    assert (body["status"], body["stage"], body["case_id"], body["error"]) == (
        "queued",
        "queued",
        case_id,
        None,
    )
    assert body["created_at"].endswith("Z") or body["created_at"].endswith("+00:00")
    assert r.headers["Retry-After"] == "1"
    tag = r.headers["ETag"]

    unchanged = api.client.get(f"/v1/jobs/{job_id}", headers={**auth, "If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["ETag"] == tag

    # A worker moves the job on: the ETag changes and the poll gets the new state.
    with api.runtime.sessions() as s:
        assert jobs.claim_job(s, job_id, "w1") is not None
        assert jobs.progress(s, job_id, "ocr", pages_done=1, pages_total=3, worker="w1")
    r = api.client.get(f"/v1/jobs/{job_id}", headers={**auth, "If-None-Match": tag})
    assert r.status_code == 200 and r.headers["ETag"] != tag
    assert (r.json()["status"], r.json()["stage"], r.json()["pages_done"], r.json()["pages_total"]) == (
        "running", "ocr", 1, 3,
    )  # fmt: skip
    assert r.json()["started_at"] is not None

    with api.runtime.sessions() as s:
        assert jobs.fail_job(s, job_id, "no_text_found", "We could not find any readable text.")
    done = api.client.get(f"/v1/jobs/{job_id}", headers=auth)
    assert done.json()["status"] == "failed" and done.json()["error"]["code"] == "no_text_found"
    assert "Retry-After" not in done.headers and done.json()["finished_at"] is not None


def test_unknown_job_is_404_and_case_job_list(api: Api) -> None:
    case_id, auth, job_id = _job(api)
    r = api.client.get("/v1/jobs/0123456789abcdef0123456789abcdef", headers=auth)
    assert (r.status_code, r.json()["error"]["code"]) == (404, "not_found")
    listed = api.client.get(f"/v1/cases/{case_id}/jobs", headers=auth).json()["jobs"]
    assert [j["id"] for j in listed] == [job_id]


def test_events_stream_until_the_job_finishes(sqlite_api: Api) -> None:
    api = sqlite_api
    _, auth, job_id = _job(api)
    with api.runtime.sessions() as s:
        jobs.claim_job(s, job_id, "w1")
        jobs.succeed_job(s, job_id, worker="w1")
    with api.client.stream("GET", f"/v1/jobs/{job_id}/events", headers=auth) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        text = "".join(r.iter_text())
    events = [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]
    assert [e["status"] for e in events] == ["succeeded"]
    assert api.client.get(f"/v1/jobs/{job_id}/events").status_code == 401


def test_poll_bytes_match_the_validated_model_and_list(api: Api) -> None:
    """The poll serialises rows without JobPublic validation: its JSON must be JobPublic's."""
    from casewise_api.schemas import JobPublic

    case_id, auth, job_id = _job(api)
    with api.runtime.sessions() as s:
        jobs.claim_job(s, job_id, "w1")
        jobs.fail_job(s, job_id, "corrupt_file", "This file appears to be damaged.", worker="w1")
        model = JobPublic.of(jobs.get_job(s, job_id))  # type: ignore[arg-type]
    r = api.client.get(f"/v1/jobs/{job_id}", headers=auth)
    assert r.headers["content-type"] == "application/json"
    assert r.content == model.model_dump_json().encode()
    assert api.client.get(f"/v1/cases/{case_id}/jobs", headers=auth).json()["jobs"] == [r.json()]
    # Another case's token never reads it; no token is 401.
    _, other_auth = api.new_case()
    assert api.client.get(f"/v1/jobs/{job_id}", headers=other_auth).status_code == 403
    for bad in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}, {"Authorization": "x"}):
        r = api.client.get(f"/v1/jobs/{job_id}", headers=bad)
        assert (r.status_code, r.json()["error"]["code"]) == (401, "unauthorized"), bad
        assert r.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.integration
def test_poll_survives_the_server_dropping_its_connection(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The poll's engine skips pre-ping: a connection PostgreSQL closed is retried once, fresh."""
    url = request.getfixturevalue("pg_database")
    for api in build_api(tmp_path / "var", url):
        _, auth, job_id = _job(api)
        assert api.client.get(f"/v1/jobs/{job_id}", headers=auth).status_code == 200
        with api.runtime.engine.connect() as c:  # the server ends every other session of this db
            c.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        r = api.client.get(f"/v1/jobs/{job_id}", headers=auth)
        assert r.status_code == 200, r.text
