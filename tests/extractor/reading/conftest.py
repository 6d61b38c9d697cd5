"""Reading-stage fixtures: generated records shared by the tests in this folder (built once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from casewise_core.settings import ReadingSettings

from tests.fixtures.records import NGS_FINDINGS_TABLE, NGS_REPORT_PAGES, PATHOLOGY_REPORT_PAGES, text_pdf


@pytest.fixture(scope="session")
def records_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("records")


@pytest.fixture(scope="session")
def ngs_pdf(records_dir: Path) -> Path:
    return text_pdf(records_dir / "ngs.pdf", NGS_REPORT_PAGES, tables=[[], NGS_FINDINGS_TABLE])


@pytest.fixture(scope="session")
def pathology_pdf(records_dir: Path) -> Path:
    return text_pdf(records_dir / "pathology.pdf", PATHOLOGY_REPORT_PAGES)


@pytest.fixture
def settings(tmp_path: Path) -> ReadingSettings:
    """Reading settings with defaults, independent of the environment."""
    return ReadingSettings(data_dir=tmp_path)
