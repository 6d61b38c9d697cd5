"""End-to-end benchmark: upload → job succeeded → profile read, over HTTP, Redis broker.

Starts a private ``redis-server`` (no persistence, free port), the API (uvicorn, create_app) and one
extraction worker (``celery -A casewise_extractor.worker:app worker -Q extract -c 2``) on a scratch
data dir with SQLite rows. After one warm-up job (spaCy pipeline load), it times:

- a 1-page text PDF, ``--runs`` times: median and max (target ≤ 1.5 s);
- a 5-page scanned PDF (Tesseract OCR, 2 OCR processes): median (target ≤ 15 s).

The clock runs from the upload request to the profile response (client polls every 50 ms).

    .venv/bin/python bench/e2e.py [--runs 5] [--scan-runs 2]

Writes bench/out/e2e.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _server import REPO, api_command, bench_env, free_port, stop, wait_healthy  # noqa: E402

TEXT_PAGE = """MOLECULAR PATHOLOGY REPORT
Diagnosis: invasive adenocarcinoma of the lung.
Pathologic stage (AJCC 8th edition): pT2a pN1 M0, stage IIB.
EGFR: exon 19 deletion (p.E746_A750del) detected. ALK rearrangement: not detected.
PD-L1 (22C3): tumor proportion score 60%."""


def text_pdf() -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=LETTER)
    c.setTitle(uuid.uuid4().hex)
    y = 720
    for line in TEXT_PAGE.splitlines():
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(tmp: Path, pages: int = 5) -> bytes:
    from tests.fixtures.records import NGS_REPORT_PAGES, PATHOLOGY_REPORT_PAGES
    from tests.fixtures.records import scanned_pdf as make_scan

    texts = (PATHOLOGY_REPORT_PAGES + NGS_REPORT_PAGES) * 3
    path = make_scan(tmp / f"scan-{uuid.uuid4().hex}.pdf", texts[:pages], dpi=200)
    return path.read_bytes()


class Stack:
    """redis-server + API + one extraction worker, all subprocesses."""

    def __init__(self, tmp: Path, concurrency: int, ocr_workers: int) -> None:
        self.redis_port, self.api_port = free_port(), free_port()
        self.logs = (tmp / "stack.log").open("wb")
        env = bench_env(
            tmp / "var",
            CASEWISE_BROKER_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            CASEWISE_OCR_WORKERS=str(ocr_workers),
            OMP_THREAD_LIMIT="1",
            HF_HUB_OFFLINE="1",
        )
        celery = str(Path(sys.executable).parent / "celery")
        redis = ["redis-server", "--port", str(self.redis_port), "--save", "", "--appendonly", "no"]
        api = api_command(self.api_port)
        worker = [celery, "-A", "casewise_extractor.worker:app", "worker", "-Q", "extract", "-P", "prefork"]
        worker += ["-c", str(concurrency), "-l", "WARNING", "--without-gossip", "--without-mingle"]
        self.procs = [subprocess.Popen(redis, stdout=subprocess.DEVNULL, env=env)]
        time.sleep(0.3)
        for cmd in (api, worker):
            self.procs.append(subprocess.Popen(cmd, env=env, cwd=REPO, stdout=self.logs, stderr=self.logs))
        self.base = f"http://127.0.0.1:{self.api_port}"

    def wait_ready(self) -> None:
        wait_healthy(self.base, 90)

    def stop(self) -> None:
        stop(self.procs)
        self.logs.close()


def one_run(client: httpx.Client, data: bytes, name: str, timeout: float = 120) -> dict[str, object]:
    case = client.post("/v1/cases").json()
    auth = {"Authorization": f"Bearer {case['token']}"}
    t0 = time.perf_counter()
    up = client.post(
        f"/v1/cases/{case['id']}/documents", files={"files": (name, data, "application/pdf")}, headers=auth
    )
    up.raise_for_status()
    job_id = up.json()["jobs"][0]["id"]
    while True:
        job = client.get(f"/v1/jobs/{job_id}", headers=auth).json()
        if job["status"] in ("succeeded", "failed"):
            break
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError(f"job still {job['status']} after {timeout}s")
        time.sleep(0.05)
    profile = client.get(f"/v1/cases/{case['id']}/profile", headers=auth).json()
    elapsed = time.perf_counter() - t0
    if job["status"] != "succeeded":
        raise RuntimeError(f"job failed: {job.get('error')}")
    return {
        "seconds": round(elapsed, 3),
        "pages": job.get("pages_total"),
        "biomarkers": len(profile.get("biomarkers", [])),
        "cancer": (profile.get("cancer") or {}).get("name"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scan-runs", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=2, help="extraction worker processes")
    ap.add_argument("--ocr-workers", type=int, default=2, help="OCR processes per document")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cw-e2e-"))
    stack = Stack(tmp, args.concurrency, args.ocr_workers)
    try:
        stack.wait_ready()
        with httpx.Client(base_url=stack.base, timeout=30) as client:
            t = time.perf_counter()
            warm = one_run(client, text_pdf(), "warmup.pdf")  # first job loads the spaCy pipeline
            warm["cold_seconds"] = round(time.perf_counter() - t, 3)
            text = [one_run(client, text_pdf(), "report.pdf") for _ in range(args.runs)]
            scan = [one_run(client, scanned_pdf(tmp), "scan.pdf") for _ in range(args.scan_runs)]
    finally:
        stack.stop()
    result = {
        "cores": os.cpu_count(),
        "load_avg_1m": os.getloadavg()[0],
        "warmup": warm,
        "text_1_page": {"median_s": statistics.median(r["seconds"] for r in text), "runs": text},
        "scanned_5_pages": {"median_s": statistics.median(r["seconds"] for r in scan), "runs": scan},
    }
    print("| case | runs | median s | max s | target |")
    print("| --- | --- | --- | --- | --- |")
    for label, rows, target in (("1-page text PDF", text, 1.5), ("5-page scanned PDF", scan, 15.0)):
        secs = [float(r["seconds"]) for r in rows]
        print(f"| {label} | {len(secs)} | {statistics.median(secs):.2f} | {max(secs):.2f} | ≤ {target} |")
    print(
        f"cold first job (pipeline load): {warm['cold_seconds']:.2f} s; load avg {result['load_avg_1m']:.1f}"
    )
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "e2e.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
