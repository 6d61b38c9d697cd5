"""``casewise extract``: the function, the CLI in-process, and a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from casewise_cli.main import app
from typer.testing import CliRunner

REPORT = "Report Date: 2024-02-01\nLung adenocarcinoma. EGFR exon 19 deletion detected. ALK negative.\n"
NOTE = "Clinic note.\nStarted osimertinib 80 mg daily 03/2024, ongoing. Lisinopril 10 mg.\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "ngs.txt", tmp_path / "note.txt"
    a.write_text(REPORT)
    b.write_text(NOTE)
    return a, b


def test_extract_json_in_process(files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["extract", str(files[0]), str(files[1]), "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert {(b["gene"], b["status"]) for b in profile["biomarkers"]} == {
        ("EGFR", "positive"),
        ("ALK", "negative"),
    }
    assert [t["agent"] for t in profile["treatments"]] == ["osimertinib"]
    assert profile["biomarkers"][0]["evidence"][0]["document"] == "ngs.txt"
    assert profile["documents"] == ["ngs.txt", "note.txt"]


def test_extract_each_jsonl_reports_errors_per_file(files: tuple[Path, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.pdf"
    result = CliRunner().invoke(app, ["extract", "--each", str(files[0]), str(missing), "--jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["file"] == str(files[0]) and "profile" in rows[0]
    assert rows[1]["file"] == str(missing) and rows[1]["error"]["code"]


@pytest.mark.slow
def test_extract_subprocess_and_unreadable_exit_2(files: tuple[Path, Path], tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "casewise_cli.main", "extract"]
    ok = subprocess.run([*exe, str(files[0]), "--json"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["biomarkers"]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<")  # truncated: the reader reports corrupt_file
    fail = subprocess.run([*exe, str(bad), "--json"], capture_output=True, text=True, timeout=120)
    assert fail.returncode == 2
    assert len(fail.stderr.strip().splitlines()) == 1 and fail.stderr.startswith("error: ")
    assert not fail.stdout


@pytest.mark.slow
def test_extract_reads_a_pdf_with_a_variant_table(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    pdf = tmp_path / "ngs.pdf"
    style = getSampleStyleSheet()["Normal"]
    SimpleDocTemplate(str(pdf), pagesize=letter).build(
        [
            Paragraph("Report Date: 2024-05-01", style),
            Paragraph("GENOMIC FINDINGS", style),
            Table([["Gene", "Alteration", "VAF"], ["KRAS", "p.G12C", "23%"], ["STK11", "p.Q37*", "41%"]]),
            Paragraph("Genes assayed with no reportable alterations: EGFR, ALK, ROS1", style),
        ]
    )
    result = CliRunner().invoke(app, ["extract", str(pdf), "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    got = {(b["gene"], b["detail"], b["status"]) for b in profile["biomarkers"]}
    assert ("KRAS", "p.G12C", "positive") in got and ("STK11", "p.Q37*", "positive") in got
    assert {("EGFR", None, "negative"), ("ALK", None, "negative"), ("ROS1", None, "negative")} <= got
    kras = next(b for b in profile["biomarkers"] if b["gene"] == "KRAS")
    assert kras["value"] == "VAF 23%" and kras["evidence"][0]["document_date"] == "2024-05-01"
