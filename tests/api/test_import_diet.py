"""The API process never loads NLP, OCR, vector-store or ML code, nor the other services."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FORBIDDEN = [
    "spacy", "scispacy", "medspacy", "pytesseract", "qdrant_client", "torch", "sentence_transformers",
    "casewise_extractor", "casewise_answerer",
]  # fmt: skip

PROBE = """
import json, sys
from casewise_api.app import create_app
from casewise_core.settings import ApiSettings
from fastapi.testclient import TestClient
app = create_app(ApiSettings(data_dir=sys.argv[1]))
TestClient(app).get("/openapi.json")
roots = set(json.loads(sys.argv[2]))
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in roots)))
"""


def loaded(data_dir: Path, roots: list[str]) -> list[str]:
    """Which of ``roots`` (top-level packages) a fresh process has imported after building the app."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir), json.dumps(roots)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    result: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_api_imports_none_of_the_heavy_modules(tmp_path: Path) -> None:
    seen = loaded(tmp_path, [*FORBIDDEN, "fastapi"])
    assert "fastapi" in seen  # the probe sees what is imported ...
    assert [m for m in seen if m.split(".")[0] != "fastapi"] == []  # ... and none of these are


def test_the_api_dependency_group_declares_every_module_the_api_imports() -> None:
    """The API image installs only ``.[api]``: a module imported lazily (pypdfium2, Pillow for
    upload validation) must come from a distribution named in that group, or uploads fail there."""
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    import casewise_api

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    repo = Path(casewise_api.__file__).resolve().parents[3]
    project = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
    declared = {"starlette", "pydantic-core"}  # fastapi's and pydantic's own dependencies
    for req in [*project["dependencies"], *project["optional-dependencies"]["api"]]:
        name, extras = re.fullmatch(r"([\w.-]+)(?:\[([\w,-]+)\])?.*", req).groups()  # type: ignore[union-attr]
        declared |= {norm(name), *(norm(e) for e in (extras or "").split(",") if e)}  # celery[redis]
    imported: set[str] = set()
    for source in (repo / "services/api/casewise_api").rglob("*.py"):
        imported |= set(re.findall(r"^\s*(?:from|import) ([a-zA-Z_]\w*)", source.read_text(), re.M))
    third_party = imported - set(sys.stdlib_module_names) - {"casewise_api", "casewise_core", "__future__"}
    dists = packages_distributions()
    missing = {m for m in third_party if not {norm(d) for d in dists.get(m, [])} & declared}
    assert not missing, f"imported by the API but not in the api dependency group: {sorted(missing)}"
    assert {"pypdfium2", "PIL"} <= third_party
