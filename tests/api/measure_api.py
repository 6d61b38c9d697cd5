"""Measure the API in-process (not a test): job-poll latency, upload cost, memory while uploading.

Run: ``.venv/bin/python -m tests.api.measure_api [--pg]``. Prints one line per figure.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from tests.api.conftest import build_api
from tests.fixtures.records import text_pdf


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"median {statistics.median(samples) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms (n={len(samples)})"


def main(database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for api in build_api(Path(tmp) / "var", database_url):
            backend = "postgresql" if database_url else "sqlite"
            case_id, auth = api.new_case()
            pdf = text_pdf(Path(tmp) / "r.pdf", [f"Report page {i}" for i in range(20)]).read_bytes()
            t = time.perf_counter()
            (job,) = api.upload(case_id, auth, ("r.pdf", pdf)).json()["jobs"]
            print(f"[{backend}] upload 20-page text PDF ({len(pdf)} B) incl. enqueue: "
                  f"{(time.perf_counter() - t) * 1000:.1f} ms")  # fmt: skip
            url = f"/v1/jobs/{job['id']}"
            etag = api.client.get(url, headers=auth).headers["ETag"]
            for label, headers in (("200", auth), ("304", {**auth, "If-None-Match": etag})):
                samples = []
                for _ in range(300):
                    t = time.perf_counter()
                    r = api.client.get(url, headers=headers)
                    samples.append(time.perf_counter() - t)
                    assert r.status_code == int(label)
                print(f"[{backend}] GET /v1/jobs/{{id}} -> {label}: {_ms(samples)}")
            size = 40 * 1024 * 1024
            body = b"%PDF-1.4\n" + b"0" * size  # streamed and hashed, then refused as corrupt
            tracemalloc.start()
            t = time.perf_counter()
            r = api.upload(case_id, auth, ("big.pdf", body))
            elapsed = time.perf_counter() - t
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"[{backend}] 40 MiB upload -> {r.status_code} {r.json()['error']['code']} in {elapsed:.2f} s, "
                  f"peak new Python allocations {peak / 2**20:.1f} MiB (includes the test client's copy)")  # fmt: skip
            t = time.perf_counter()
            r = api.client.post(
                f"/v1/cases/{case_id}/documents",
                headers={
                    **auth,
                    "Content-Type": "multipart/form-data; boundary=b",
                    "Content-Length": str(2**31),
                },
                content=b"--b--\r\n",
            )
            print(
                f"[{backend}] declared 2 GiB body -> {r.status_code} in {(time.perf_counter() - t) * 1000:.1f} ms"
            )


if __name__ == "__main__":
    if "--pg" in sys.argv:
        import uuid

        from casewise_core.storage.db import make_engine
        from sqlalchemy import text

        name = f"casewise_measure_{uuid.uuid4().hex[:8]}"
        admin = make_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test", isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            main(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        main(None)
