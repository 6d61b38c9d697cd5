"""Measure the API as deployed (uvicorn in its own process), not a test.

Figures: job-poll latency (200 and 304) over a keep-alive connection, a 40 MiB upload's time and
the server's peak memory (VmHWM), and how a too-large body is refused.

Run: ``.venv/bin/python -m tests.api.measure_api [--pg]``.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _hwm_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"median {statistics.median(samples) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms (n={len(samples)})"


def _chunks(total: int, size: int = 1 << 20) -> Iterator[bytes]:
    yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
    for _ in range(total // size):
        yield b"a" * size


def _declared_huge(port: int, path: str, token: str) -> str:
    """Send only the headers of a 2 GiB upload; return the status line the server answers with."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {2 << 30}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode())
        return sock.recv(4096).split(b"\r\n", 1)[0].decode()


def measure(database_url: str | None) -> None:
    backend = "postgresql" if database_url else "sqlite"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CASEWISE_DATA_DIR": str(Path(tmp) / "var")}
        if database_url:
            env["CASEWISE_DATABASE_URL"] = database_url
        port = _free_port()
        cmd = [sys.executable, "-m", "uvicorn", "casewise_api.app:create_app", "--factory",
               "--port", str(port), "--log-level", "warning"]  # fmt: skip
        server = subprocess.Popen(cmd, env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base, timeout=60) as client:
                for _ in range(100):
                    try:
                        if client.get("/healthz").status_code == 200:
                            break
                    except httpx.TransportError:
                        time.sleep(0.1)
                case = client.post("/v1/cases").json()
                auth = {"Authorization": f"Bearer {case['token']}"}
                docs = f"/v1/cases/{case['id']}/documents"
                files = {"files": ("a.txt", b"Pathology report", "text/plain")}
                (job,) = client.post(docs, headers=auth, files=files).json()["jobs"]
                url = f"/v1/jobs/{job['id']}"
                etag = client.get(url, headers=auth).headers["ETag"]
                for label, path, headers in (
                    ("200", "/healthz", {}),
                    ("200", url, auth),
                    ("304", url, {**auth, "If-None-Match": etag}),
                ):
                    samples = []
                    for _ in range(300):
                        t = time.perf_counter()
                        assert client.get(path, headers=headers).status_code == int(label)
                        samples.append(time.perf_counter() - t)
                    print(f"[{backend}] GET {path.replace(job['id'], '{id}')} -> {label}: {_ms(samples)}")
                before = _hwm_mib(server.pid)
                big = b"a" * (40 << 20)
                t = time.perf_counter()
                r = client.post(docs, headers=auth, files={"files": ("big.txt", big, "text/plain")})
                print(f"[{backend}] 40 MiB upload -> {r.status_code} in {time.perf_counter() - t:.2f} s; "
                      f"server VmHWM {before:.0f} -> {_hwm_mib(server.pid):.0f} MiB")  # fmt: skip
                before = _hwm_mib(server.pid)
                t = time.perf_counter()
                streamed = {**auth, "Content-Type": "multipart/form-data; boundary=b"}
                r = client.post(docs, headers=streamed, content=_chunks(200 << 20))
                elapsed, after, code = (
                    time.perf_counter() - t,
                    _hwm_mib(server.pid),
                    r.json()["error"]["code"],
                )
                print(f"[{backend}] 200 MiB chunked body -> {r.status_code} {code} "
                      f"in {elapsed:.2f} s; VmHWM {before:.0f} -> {after:.0f} MiB")  # fmt: skip
                t = time.perf_counter()
                status = _declared_huge(port, docs, case["token"])
                print(f"[{backend}] declared 2 GiB body, no bytes sent -> {status} "
                      f"in {(time.perf_counter() - t) * 1000:.0f} ms")  # fmt: skip
        finally:
            server.terminate()
            server.wait(10)


def main() -> None:
    if "--pg" not in sys.argv:
        measure(None)
        return
    from casewise_core.storage.db import make_engine
    from sqlalchemy import text

    name = f"casewise_measure_{uuid.uuid4().hex[:8]}"
    admin = make_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        measure(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
