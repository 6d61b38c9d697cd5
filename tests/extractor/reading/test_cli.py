"""``casewise read``: in-process through Typer's runner and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from casewise_cli.main import app
from typer.testing import CliRunner

from tests.fixtures.records import encrypted_pdf

CASEWISE = Path(sys.executable).parent / "casewise"


def test_read_prints_a_header_per_page(ngs_pdf: Path) -> None:
    result = CliRunner().invoke(app, ["read", str(ngs_pdf)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "=== page 1 (text_layer) ==="
    assert "=== page 2 (text_layer) ===" in lines
    assert "ROS1 | CD74-ROS1 fusion | \u2014" in lines


def test_read_json_with_progress_on_stderr(ngs_pdf: Path) -> None:
    result = CliRunner().invoke(app, ["read", "--json", "--progress", str(ngs_pdf)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [sorted(p) for p in payload["pages"]] == [["confidence", "method", "number", "tables", "text"]] * 2
    page = payload["pages"][1]
    assert page["method"] == "text_layer" and page["confidence"] is None
    assert page["tables"][0][1] == ["ROS1", "CD74-ROS1 fusion", "\u2014"]
    assert "reading: 2/2" in result.stderr


def test_bad_input_exits_2_with_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["read", str(encrypted_pdf(tmp_path / "locked.pdf"))])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: encrypted_pdf: ")
    assert result.stdout == ""


def test_subprocess_reads_and_fails_cleanly(ngs_pdf: Path, tmp_path: Path) -> None:
    ok = subprocess.run(
        [str(CASEWISE), "read", "--json", str(ngs_pdf)], capture_output=True, text=True, timeout=60
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["pages"][0]["text"].startswith("COMPREHENSIVE GENOMIC PROFILING REPORT")

    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"PK\x03\x04 this is a zip, whatever its name says")
    bad = subprocess.run([str(CASEWISE), "read", str(fake)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: unsupported_type: ") and "Traceback" not in bad.stderr
