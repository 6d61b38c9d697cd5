"""infra/ files read as data (Docker cannot run here): services, commands, env names, scrape config."""

from __future__ import annotations

import json
import re

import yaml
from casewise_core.settings import Settings
from typer.testing import CliRunner

from tests.worker.cluster import REPO

INFRA = REPO / "infra"
FIELDS = {f"CASEWISE_{name.upper()}" for name in Settings.model_fields}


def _compose() -> dict:
    return yaml.safe_load((INFRA / "docker-compose.yml").read_text())


def test_compose_has_every_role() -> None:
    services = _compose()["services"]
    want = {
        "api",
        "worker",
        "answer-worker",
        "redis",
        "postgres",
        "qdrant",
        "flower",
        "prometheus",
        "migrate",
    }
    assert want <= set(services)
    assert services["worker"]["deploy"]["replicas"] >= 1
    assert services["api"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_compose_env_names_are_settings_fields() -> None:
    seen = set()
    for name, service in _compose()["services"].items():
        env = service.get("environment") or {}
        for key in env:
            if key.startswith("CASEWISE_"):
                assert key in FIELDS, f"{name}: {key} is not a settings field"
                seen.add(key)
    assert {"CASEWISE_DATABASE_URL", "CASEWISE_BROKER_URL", "CASEWISE_FILE_KEY"} <= seen
    readme = (INFRA / "README.md").read_text()
    for key in re.findall(r"CASEWISE_[A-Z_]+[A-Z]", readme):
        assert key in FIELDS, f"infra/README.md documents unknown {key}"


def test_commands_exist_with_their_options() -> None:
    from casewise_cli.main import app

    runner = CliRunner()
    services = _compose()["services"]
    commands = [services[s]["command"] for s in ("worker", "migrate")]
    dockerfile = (INFRA / "Dockerfile").read_text()
    commands += [json.loads(m) for m in re.findall(r'^CMD (\["casewise".*\])$', dockerfile, re.M)]
    assert len(commands) >= 4
    for cmd in commands:
        assert cmd[0] == "casewise"
        help_text = runner.invoke(app, [cmd[1], "--help"], terminal_width=200).output
        for option in [c for c in cmd[2:] if c.startswith("--")]:
            assert option in help_text, f"casewise {cmd[1]} has no {option}"


def test_dockerfile_targets_install_their_groups_only() -> None:
    text = (INFRA / "Dockerfile").read_text()
    stages = dict(re.findall(r"^FROM \S+ AS (\w+)\n(.*?)(?=^FROM |\Z)", text, re.M | re.S))
    assert set(stages) == {"base", "api", "worker", "answer"}
    assert "'.[api]'" in stages["api"] and "torch" not in stages["api"] and "tesseract" not in stages["api"]
    assert "tesseract-ocr" in stages["worker"] and "medspacy==1.3.1" in stages["worker"]
    assert "torch==2.13.0" in stages["answer"]
    for target in ("api", "worker", "answer"):
        assert "USER casewise" in stages[target]
        assert any(s["build"]["target"] == target for s in _compose()["services"].values() if "build" in s)


def test_prometheus_scrapes_the_api_metrics() -> None:
    conf = yaml.safe_load((INFRA / "prometheus.yml").read_text())
    api = next(j for j in conf["scrape_configs"] if j["job_name"] == "casewise-api")
    assert api["metrics_path"] == "/metrics"
    assert "api:8000" in api["static_configs"][0]["targets"]
    assert "api" in _compose()["services"]
