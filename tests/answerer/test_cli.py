"""``casewise corpus index`` and ``casewise ask``: in-process (CliRunner) and as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from casewise_cli.main import app
from casewise_core.settings import get_settings
from qdrant_client import QdrantClient
from typer.testing import CliRunner

from tests.answerer.conftest import FIXTURE_CORPUS, ros1_after_crizotinib
from tests.conftest import REPO


@pytest.fixture
def cli_env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEWISE_CORPUS_DIR", str(FIXTURE_CORPUS))
    monkeypatch.setenv("CASEWISE_DENSE_MODEL", "none")
    get_settings.cache_clear()
    return data_dir


def test_corpus_index_is_incremental(cli_env: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["corpus", "index", "--json"])
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["added"] == report["passages"] == 10 and not report["dense"]
    assert report["total_seconds"] < 60
    again = json.loads(runner.invoke(app, ["corpus", "index", "--json"]).stdout)
    assert (again["added"], again["unchanged"], again["embedded"]) == (0, 10, 0)
    assert (cli_env / "qdrant").is_dir()


def test_ask_with_a_profile_prints_the_answer_json(cli_env: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text(ros1_after_crizotinib().model_dump_json())
    result = CliRunner().invoke(
        app, ["ask", "What are options after crizotinib?", "--profile", str(profile), "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["personalized"] is True and out["profile"]["cancer"]["oncotree_code"] == "LUAD"
    assert len(out["citations"]) >= 2 and {"id", "title", "source"} <= set(out["citations"][0])
    assert "repotrectinib" in out["answer_markdown"]


def test_ask_renders_for_a_terminal_and_builds_the_index_on_first_use(cli_env: Path) -> None:
    assert not (cli_env / "qdrant").exists()
    result = CliRunner().invoke(app, ["ask", "What is biomarker testing?"])
    assert result.exit_code == 0, result.output
    assert "## What we found" in result.stdout and "not medical advice" in result.stdout
    assert (cli_env / "qdrant").is_dir()


def test_a_locked_index_is_a_clear_error(cli_env: Path) -> None:
    holder = QdrantClient(path=str(cli_env / "qdrant"))
    try:
        result = CliRunner().invoke(app, ["ask", "What is biomarker testing?"])
    finally:
        holder.close()
    assert result.exit_code == 2
    assert "error: index_locked:" in result.stderr and "CASEWISE_QDRANT_URL" in result.stderr


@pytest.mark.slow
def test_ask_with_records_in_a_subprocess(tmp_path: Path) -> None:
    record = tmp_path / "ngs.txt"
    record.write_text(
        "MOLECULAR PATHOLOGY REPORT\nDiagnosis: lung adenocarcinoma, stage IV.\n"
        "Result: CD74-ROS1 fusion detected.\nEGFR: no mutation detected.\n"
    )
    env = {
        **os.environ,
        "CASEWISE_DATA_DIR": str(tmp_path / "var"),
        "CASEWISE_CORPUS_DIR": str(FIXTURE_CORPUS),
        "CASEWISE_DENSE_MODEL": "none",
    }
    cmd = [sys.executable, "-m", "casewise_cli.main", "ask", "What does my ROS1 fusion mean?",
           "--records", str(record), "--json"]  # fmt: skip
    proc = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["personalized"] is True
    assert any(b["gene"] == "ROS1" and b["status"] == "positive" for b in out["profile"]["biomarkers"])
    assert "ROS1" in out["answer_markdown"] and len(out["citations"]) >= 2
