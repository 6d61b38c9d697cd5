"""What the service benches share: free ports, a clean environment, the API under uvicorn.

``api_command(port)`` is the command line both benches run (``casewise_api.app:create_app`` as a
factory, no access log); ``wait_healthy`` polls ``/healthz`` until the server answers;
``bench_env`` drops any ``CASEWISE_*`` setting of the caller so a bench sees only what it sets.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # tests.fixtures / tests.databases


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """This process's environment without ``CASEWISE_*``, plus the data dir and ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWISE_")}
    env["CASEWISE_DATA_DIR"] = str(data_dir)
    env.update(settings)
    return env


def api_command(port: int, workers: int = 1) -> list[str]:
    cmd = [sys.executable, "-m", "uvicorn", "casewise_api.app:create_app", "--factory"]
    return cmd + [
        "--port", str(port), "--workers", str(workers), "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip


def wait_healthy(base: str, timeout_s: float = 90) -> None:
    """Return once ``GET {base}/healthz`` answers 200; ``RuntimeError`` after ``timeout_s``."""
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the API did not start")


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    """Terminate ``procs`` (last started first), killing any that ignore it for 20 s."""
    for p in reversed(procs):
        p.terminate()
    for p in procs:
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
