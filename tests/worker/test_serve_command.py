"""``casewise serve`` as a subprocess: embedded defaults end to end, then a clean stop.

Upload a text PDF over HTTP, poll the job to ``succeeded``, read the profile, then SIGTERM the
command and check that every child (API, workers) is gone, the data dir holds all state, and the
logs of the whole run hold neither the patient's name nor the report text.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.worker.cluster import PATIENT_NAME, REPO, REPORT_SENTENCE, report_pdf

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purposes
    return "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_serve_runs_a_document_end_to_end_and_stops_cleanly(tmp_path: Path) -> None:
    data_dir, port = tmp_path / "var", _port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWISE_")}
    env.update(CASEWISE_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO))
    casewise = str(Path(sys.executable).parent / "casewise")
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [casewise, "serve", "--port", str(port), "--concurrency", "1"],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline, (
                    tmp_path / "serve.log"
                ).read_text()
                time.sleep(0.2)
            case = client.post("/v1/cases").json()
            auth = {"Authorization": f"Bearer {case['token']}"}
            files = {"files": ("report.pdf", report_pdf(pages=2), "application/pdf")}
            up = client.post(f"/v1/cases/{case['id']}/documents", files=files, headers=auth)
            assert up.status_code == 202, up.text
            job_id = up.json()["jobs"][0]["id"]
            deadline = time.monotonic() + 120
            while (job := client.get(f"/v1/jobs/{job_id}", headers=auth).json())["status"] not in (
                "succeeded",
                "failed",
            ):
                assert time.monotonic() < deadline, job
                time.sleep(0.2)
            assert job["status"] == "succeeded", job
            profile = client.get(f"/v1/cases/{case['id']}/profile", headers=auth).json()
            assert profile["documents"]

            # the supervisor restarts a worker that died; the next upload still gets done
            worker = next(k for k in _children(proc.pid) if "casewise_extractor.worker" in _cmdline(k))
            os.kill(worker, signal.SIGKILL)
            deadline = time.monotonic() + 30
            while not [k for k in _children(proc.pid) if "casewise_extractor.worker" in _cmdline(k)]:
                assert time.monotonic() < deadline, "extraction worker was not restarted"
                time.sleep(0.2)
            files = {"files": ("second.pdf", report_pdf(), "application/pdf")}
            second = client.post(f"/v1/cases/{case['id']}/documents", files=files, headers=auth)
            second_id = second.json()["jobs"][0]["id"]
            deadline = time.monotonic() + 120
            while client.get(f"/v1/jobs/{second_id}", headers=auth).json()["status"] != "succeeded":
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert (data_dir / "casewise.db").exists() and (data_dir / "broker.db").exists()
        assert stat.S_IMODE((data_dir / "file.key").stat().st_mode) == 0o600
        assert any((data_dir / "files").rglob("*"))
        kids = _children(proc.pid)
        assert len(kids) >= 2  # api + extraction worker (+ answer worker)
    finally:
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(40)
        log.close()
    assert rc == 0
    time.sleep(0.5)
    assert not [k for k in kids if _alive(k)]
    # a full run's logs (API, workers, supervisor) never carry the patient's name or report text
    text = (tmp_path / "serve.log").read_text(errors="replace")
    assert f"job {job_id}: succeeded" in text
    for secret in (PATIENT_NAME, "Quillfeather", REPORT_SENTENCE, "exon 19"):
        assert secret not in text
