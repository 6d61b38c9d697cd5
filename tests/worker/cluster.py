"""A real extraction cluster for reliability tests: worker processes, a broker, the database.

Workers run ``celery -A tests.worker.fault_app:app worker`` as subprocesses with their own
``CASEWISE_*`` environment; the test process plays the API (rows + encrypted file + task sent by
name) and, where a test needs it, the reaper.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).parent / "celery")
PATIENT_NAME = "Marigold Quillfeather"
REPORT_SENTENCE = "EGFR exon 19 deletion detected in the tumour sample"


def report_pdf(pages: int = 1, marker: str = "") -> bytes:
    """A small text PDF naming a (fictional) patient; ``marker`` selects a fault (fault_app.py)."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=LETTER)
    c.setTitle(uuid.uuid4().hex)  # distinct bytes per call: one document per job
    for n in range(pages):
        c.drawString(72, 720, f"Patient: {PATIENT_NAME}    DOB: 1961-04-02")
        c.drawString(72, 700, "MOLECULAR PATHOLOGY REPORT")
        c.drawString(72, 680, f"Result: {REPORT_SENTENCE}. Page {n + 1}.")
        c.drawString(72, 660, "Diagnosis: adenocarcinoma of the lung.")
        c.showPage()
    c.save()
    data = buf.getvalue()
    return data + (f"\n%CW-FAULT:{marker}\n".encode() if marker else b"")


def evidence_document_ids(profile_json: Any) -> set[str | None]:
    """Every ``Evidence.document_id`` in a stored profile."""
    found: set[str | None] = set()
    stack = [profile_json]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "page" in node and "document" in node:
                found.add(node.get("document_id"))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


@dataclass
class Cluster:
    data_dir: Path
    broker_url: str
    database_url: str
    stale_after_s: int = 3
    max_attempts: int = 3
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        from casewise_core.queue import make_celery
        from casewise_core.settings import Settings
        from casewise_core.storage.db import make_engine, make_session_factory, migrate
        from casewise_core.storage.files import FileStore

        self.settings = Settings(
            data_dir=self.data_dir,
            broker_url=self.broker_url,
            database_url=self.database_url,
            job_stale_after_s=self.stale_after_s,
            job_max_attempts=self.max_attempts,
        )
        self.engine = make_engine(self.settings.resolved_database_url)
        migrate(self.engine)
        self.sessions = make_session_factory(self.engine)
        self.files = FileStore.from_settings(self.settings)
        self.app = make_celery(self.settings, "casewise-test-api")

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWISE_")}
        env.update(
            CASEWISE_DATA_DIR=str(self.data_dir),
            CASEWISE_BROKER_URL=self.broker_url,
            CASEWISE_DATABASE_URL=self.database_url,
            CASEWISE_JOB_STALE_AFTER_S=str(self.stale_after_s),
            CASEWISE_JOB_MAX_ATTEMPTS=str(self.max_attempts),
            PYTHONPATH=str(REPO),
            HF_HUB_OFFLINE="1",
        )
        return env

    def start_worker(self, concurrency: int = 1, pool: str = "prefork") -> subprocess.Popen[bytes]:
        n = len(self.procs)
        log = self.data_dir / f"worker{n}.log"
        cmd = [CELERY, "-A", "tests.worker.fault_app:app", "worker", "-Q", "extract", "-P", pool]
        cmd += ["-c", str(concurrency), "-n", f"w{n}-{uuid.uuid4().hex[:6]}@%h", "-l", "INFO"]
        cmd += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.procs.append(proc)
        self.logs.append(log)
        deadline = time.monotonic() + 60
        while b"ready." not in log.read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        return proc

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        """SIGKILL a worker and its pool children (the whole process group)."""
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def submit(self, data: bytes, name: str = "report.pdf", send: bool = True) -> str:
        from casewise_core import tasks
        from casewise_core.storage.models import Case, Document, Job

        with self.sessions() as s:
            case = Case(token_hash=hashlib.sha256(uuid.uuid4().bytes).hexdigest())
            s.add(case)
            s.flush()
            key = self.files.put(data, case_id=case.id)
            doc = Document(
                case_id=case.id,
                sha256=hashlib.sha256(data).hexdigest(),
                name=name,
                media_type="application/pdf",
                size_bytes=len(data),
                storage_key=key,
            )
            s.add(doc)
            s.flush()
            job = Job(case_id=case.id, document_id=doc.id)
            s.add(job)
            s.commit()
            job_id = job.id
        if send:
            self.app.send_task(tasks.PROCESS_DOCUMENT, args=[job_id])
        return job_id

    def job(self, job_id: str) -> Any:
        from casewise_core.storage import jobs

        with self.sessions() as s:
            return jobs.get_job(s, job_id)

    def wait(self, job_id: str, timeout: float = 60, until: tuple[str, ...] = ("succeeded", "failed")) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            job = self.job(job_id)
            if job.status in until:
                return job
            if time.monotonic() > deadline:
                raise AssertionError(f"job {job_id} still {job.status}/{job.stage} after {timeout}s")
            time.sleep(0.1)

    def wait_for(self, job_id: str, pred: Any, timeout: float = 60) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.job(job_id)
            if pred(job):
                return job
            time.sleep(0.05)
        raise AssertionError(f"job {job_id} never reached the expected state")

    def log_text(self) -> str:
        return "".join(p.read_text(errors="replace") for p in self.logs if p.exists())

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        self.engine.dispose()
