"""The repository's corpus (written by the corpus engineer) through the whole offline path.

No passage ids are assumed here (those are the benchmark's labels): every bench profile gets an
answer that carries the disclaimer, two or more citations, names no ungrounded drug and no drug
for a negative biomarker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from casewise_answerer.answerer import Answerer
from casewise_answerer.composer import DISCLAIMER
from casewise_answerer.corpus import default_corpus_dir
from casewise_answerer.drugs import check_answer
from casewise_core.profile import Profile
from qdrant_client import QdrantClient

from tests.answerer.conftest import settings
from tests.conftest import REPO

QUESTIONS = REPO / "bench" / "data" / "questions.yaml"


@pytest.fixture(scope="module")
def real_answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    if not (default_corpus_dir() / "docs").is_dir():
        pytest.skip("corpus/docs not written yet")
    s = settings(tmp_path_factory.mktemp("real"), corpus_dir=default_corpus_dir())
    a = Answerer.from_settings(s, client=QdrantClient(":memory:"))
    yield a
    a.close()


def _profiles() -> dict[str, Profile]:
    data = yaml.safe_load(Path(QUESTIONS).read_text(encoding="utf-8"))
    return {k: Profile.model_validate(v) for k, v in data["profiles"].items()}


@pytest.mark.parametrize("name", sorted(_profiles()))
@pytest.mark.parametrize("question", ["What are my treatment options?", "What does my result mean?"])
def test_every_bench_profile_gets_a_safe_cited_answer(
    real_answerer: Answerer, name: str, question: str
) -> None:
    profile = _profiles()[name]
    a = real_answerer.answer(question, profile)
    assert DISCLAIMER in a.answer_markdown and len(a.citations) >= 2
    cited = [real_answerer.corpus.passages[c.id] for c in a.citations]
    check = check_answer(a.answer_markdown, cited, profile, real_answerer.corpus, real_answerer.lexicon)
    assert check.ok, check.reasons()
