"""Health, readiness (503 naming the failing dependency) and Prometheus metrics."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import Api, build_api
from tests.conftest import server_up


def test_healthz_and_ready_on_the_embedded_defaults(sqlite_api: Api) -> None:
    assert sqlite_api.client.get("/healthz").json() == {"status": "ok"}
    r = sqlite_api.client.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {
        "status": "ready",
        "checks": {"database": "ok", "broker": "ok", "workers": "unknown"},
        "failing": [],
    }


@pytest.fixture
def api_without_database(tmp_path: Path) -> Iterator[Api]:
    port = 1  # nothing listens on port 1
    assert not server_up("127.0.0.1", port)
    yield from build_api(tmp_path / "var", f"postgresql+psycopg://postgres@127.0.0.1:{port}/none")


def test_readyz_is_503_when_the_database_is_unreachable(api_without_database: Api) -> None:
    client = api_without_database.client
    assert client.get("/healthz").status_code == 200
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["failing"] == ["database"]
    assert r.json()["checks"]["database"] == "error: temporarily_unavailable"
    # Domain routes answer with the error shape, not a stack trace.
    r = client.post("/v1/cases")
    assert (r.status_code, r.json()["error"]["code"]) == (503, "temporarily_unavailable")
    # The job poll reads inline in the event loop: an outage must fail it fast, not hold the loop.
    started = time.monotonic()
    r = client.get("/v1/jobs/0123456789abcdef0123456789abcdef", headers={"Authorization": "Bearer x"})
    assert (r.status_code, r.json()["error"]["code"]) == (503, "temporarily_unavailable")
    assert r.headers["Retry-After"] == "30" and time.monotonic() - started < 3


def test_readyz_is_503_when_the_broker_is_unreachable(tmp_path: Path) -> None:
    for api in build_api(tmp_path / "var", broker_url="redis://127.0.0.1:1/0"):
        r = api.client.get("/readyz")
        assert r.status_code == 503
        assert r.json()["failing"] == ["broker"] and r.json()["checks"]["database"] == "ok"


def test_metrics_by_route_template_and_job_counts(sqlite_api: Api) -> None:
    api = sqlite_api
    case_id, auth = api.new_case()
    api.upload(case_id, auth, ("m.txt", b"Metrics test report"))
    api.client.get(f"/v1/cases/{case_id}/jobs", headers=auth)
    text = api.client.get("/metrics").text
    assert 'route="/v1/cases/{case_id}/jobs"' in text and case_id not in text
    assert 'casewise_jobs{status="queued"} 1.0' in text
    assert "casewise_http_request_seconds_bucket" in text

    # Figures from finished job rows: one succeeded job that read 3 pages.
    from casewise_core.storage import jobs

    job_id = api.client.get(f"/v1/cases/{case_id}/jobs", headers=auth).json()["jobs"][0]["id"]
    with api.runtime.sessions() as s:
        jobs.claim_job(s, job_id, "w1")
        jobs.progress(s, job_id, "ocr", pages_done=3, pages_total=3, worker="w1")
        jobs.succeed_job(s, job_id, worker="w1")
    text = api.client.get("/metrics").text
    assert 'casewise_jobs{status="succeeded"} 1.0' in text and 'casewise_jobs{status="queued"} 0.0' in text
    assert "casewise_pages_read_total 3.0" in text and "casewise_jobs_succeeded_total 1.0" in text
