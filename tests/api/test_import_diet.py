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
