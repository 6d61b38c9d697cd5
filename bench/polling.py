"""Polling benchmark: GET /v1/jobs/{id} under load, from a separate process, SQLite and PostgreSQL.

Starts ``uvicorn`` serving ``casewise_api.app:create_app`` on a scratch data dir (and a scratch
PostgreSQL database), creates a case and uploads one small note (its job stays queued: no worker),
then drives ``wrk`` (Debian package; a Python keep-alive load generator when it is absent) against
the job URL. Reports throughput and p50/p99; target ≥ 1,500 req/s and p99 ≤ 25 ms on 2 cores.

    .venv/bin/python bench/polling.py [--duration 10] [--connections 16] [--server-workers 1]
        [--backends sqlite,postgresql] [--etag]

Writes bench/out/polling.json. The machine's cores are shared with the load generator (and with
anyone else working on it): figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import multiprocessing as mp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _server import REPO, api_command, bench_env, free_port, stop, wait_healthy  # noqa: E402

from tests.databases import scratch_postgres  # noqa: E402


class Server:
    """uvicorn serving create_app in a subprocess, with its own data dir."""

    def __init__(self, data_dir: Path, database_url: str | None, workers: int) -> None:
        self.port = free_port()
        env = bench_env(data_dir, **({"CASEWISE_DATABASE_URL": database_url} if database_url else {}))
        self.proc = subprocess.Popen(api_command(self.port, workers), env=env, cwd=REPO)
        self.base = f"http://127.0.0.1:{self.port}"

    def wait_ready(self) -> None:
        wait_healthy(self.base, 60)

    def stop(self) -> None:
        stop([self.proc])


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its children (uvicorn --workers forks them)."""
    tick = os.sysconf("SC_CLK_TCK")
    kids = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    total = 0.0
    for p in [pid, *map(int, kids.split())]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def make_job(base: str) -> tuple[str, str]:
    """A case with one uploaded note whose job stays queued (no worker runs): its id and token."""
    import httpx

    with httpx.Client(base_url=base, timeout=10) as c:
        case = c.post("/v1/cases").json()
        auth = {"Authorization": f"Bearer {case['token']}"}
        files = {"files": ("bench.txt", f"Benchmark note {uuid.uuid4().hex}".encode(), "text/plain")}
        up = c.post(f"/v1/cases/{case['id']}/documents", files=files, headers=auth)
        up.raise_for_status()
        job_id = up.json()["jobs"][0]["id"]
        assert c.get(f"/v1/jobs/{job_id}", headers=auth).status_code == 200
    return job_id, case["token"]


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    assert m, text
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_wrk(url: str, headers: dict[str, str], duration: int, connections: int) -> dict[str, float]:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return {
        "requests": total,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50_ms": _ms(pct["50"]),
        "p90_ms": _ms(pct["90"]),
        "p99_ms": _ms(pct["99"]),
        "errors": int(errors.group(1)) if errors else 0,
    }


def _py_client(args: tuple[int, str, dict[str, str], float]) -> list[float]:
    port, path, headers, until = args
    conn = http.client.HTTPConnection("127.0.0.1", port)
    lat: list[float] = []
    while time.time() < until:
        t = time.perf_counter()
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        resp.read()
        if resp.status not in (200, 304):
            raise RuntimeError(f"status {resp.status}")
        lat.append((time.perf_counter() - t) * 1000)
    return lat


def run_python(
    port: int, path: str, headers: dict[str, str], duration: int, connections: int
) -> dict[str, float]:
    until = time.time() + duration
    with mp.Pool(connections) as pool:
        lats = [
            x for part in pool.map(_py_client, [(port, path, headers, until)] * connections) for x in part
        ]
    q = statistics.quantiles(lats, n=100)
    return {
        "requests": len(lats),
        "rps": len(lats) / duration,
        "p50_ms": q[49],
        "p90_ms": q[89],
        "p99_ms": q[98],
        "errors": 0,
    }


def bench_backend(backend: str, args: argparse.Namespace) -> dict[str, object]:
    with contextlib.ExitStack() as cleanup:
        tmp = Path(tempfile.mkdtemp(prefix="cw-poll-"))
        cleanup.callback(shutil.rmtree, tmp, ignore_errors=True)
        url = cleanup.enter_context(scratch_postgres("cw_bench")) if backend == "postgresql" else None
        server = Server(tmp / "var", url, args.server_workers)
        cleanup.callback(server.stop)
        server.wait_ready()
        job_id, token = make_job(server.base)
        headers = {"Authorization": f"Bearer {token}"}
        if args.etag:
            import httpx

            etag = httpx.get(f"{server.base}/v1/jobs/{job_id}", headers=headers).headers["etag"]
            headers["If-None-Match"] = etag
        path = f"/v1/jobs/{job_id}"
        tool = "wrk" if shutil.which("wrk") else "python"
        # warm-up (connection pools, first-request imports), then the measured run
        if tool == "wrk":
            run_wrk(server.base + path, headers, 2, args.connections)
            cpu0 = cpu_seconds(server.proc.pid)
            result = run_wrk(server.base + path, headers, args.duration, args.connections)
        else:
            run_python(server.port, path, headers, 2, args.connections)
            cpu0 = cpu_seconds(server.proc.pid)
            result = run_python(server.port, path, headers, args.duration, args.connections)
        # CPU per request is robust to other load on the machine; req/s and latency are not.
        cpu_ms = (cpu_seconds(server.proc.pid) - cpu0) * 1000 / max(result["requests"], 1)
        result["server_cpu_ms_per_req"] = cpu_ms
        result["capacity_rps_per_core"] = 1000 / cpu_ms if cpu_ms else 0.0
        result["load_avg_1m"] = os.getloadavg()[0]
    return {"backend": backend, "tool": tool, "etag": args.etag, "server_workers": args.server_workers,
            "connections": args.connections, "duration_s": args.duration, **result}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--server-workers", type=int, default=1)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--etag", action="store_true", help="poll with If-None-Match (304 answers)")
    args = ap.parse_args()
    rows = [bench_backend(b, args) for b in args.backends.split(",")]
    print(
        "| backend | server workers | conns | req/s | p50 ms | p90 ms | p99 ms | errors | CPU ms/req | load |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['backend']} | {r['server_workers']} | {r['connections']} | {r['rps']:.0f} | "
            f"{r['p50_ms']:.1f} | {r['p90_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | "
            f"{r['server_cpu_ms_per_req']:.2f} | {r['load_avg_1m']:.1f} |"
        )
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "polling.json").write_text(json.dumps({"cores": os.cpu_count(), "runs": rows}, indent=2))


if __name__ == "__main__":
    main()
