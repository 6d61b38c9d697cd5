"""The corpus format: front matter, passages per H2 section, tables; format errors fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
from casewise_answerer.corpus import default_corpus_dir, load_corpus, slug
from casewise_core.errors import CorpusInvalid

from tests.answerer.conftest import FIXTURE_CORPUS


def test_fixture_corpus_loads_into_passages_and_tables() -> None:
    c = load_corpus(FIXTURE_CORPUS)
    assert set(c.docs) == {"nsclc-ros1", "nsclc-egfr", "biomarker-testing", "unusual-findings"}
    p = c.passages["nsclc-ros1#after-progression-on-crizotinib"]
    assert p.genes == ("ROS1",) and p.cancer_types == ("NSCLC",)
    # Only the sources the section cites: [S2] and [S3].
    assert [s.id for s in p.sources] == ["S2", "S3"]
    assert any(r.therapy == "repotrectinib" and r.after == "crizotinib" for r in c.actions)
    assert c.contexts[0].codes == ["NSCLC", "GB", "IMT", "SPITZ"]


def test_slug_is_lower_case_words_joined_by_dashes() -> None:
    assert slug("After progression on crizotinib!") == "after-progression-on-crizotinib"
    assert slug("What KRAS G12C means") == "what-kras-g12c-means"


def test_content_hash_changes_with_text(tmp_path: Path) -> None:
    a = load_corpus(FIXTURE_CORPUS).passages["nsclc-egfr#first-line-treatment"].content_hash
    doc = tmp_path / "docs"
    doc.mkdir(parents=True)
    text = (
        (FIXTURE_CORPUS / "docs" / "nsclc-egfr.md").read_text().replace("first treatment", "first medicine")
    )
    (doc / "nsclc-egfr.md").write_text(text)
    b = load_corpus(tmp_path).passages["nsclc-egfr#first-line-treatment"].content_hash
    assert a != b


@pytest.mark.parametrize(
    ("front", "needle"),
    [
        (
            "id: wrong-id\ntitle: T\ncancer_types: []\ngenes: []\ntopics: [general]\nsources: []\n"
            "last_reviewed: 2026-01-01",
            "differs from the file name",
        ),
        (
            "id: bad\ntitle: T\ncancer_types: []\ngenes: []\ntopics: [made-up-topic]\nsources: []\n"
            "last_reviewed: 2026-01-01",
            "topics",
        ),
        (
            "id: bad\ntitle: T\ncancer_types: []\ngenes: []\ntopics: [general]\nsources: []\n"
            "last_reviewed: 2026-01-01\nunknown_key: 1",
            "unknown_key",
        ),
    ],
)
def test_format_errors_name_the_file_and_field(tmp_path: Path, front: str, needle: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.md").write_text(f"---\n{front}\n---\nIntro.\n\n## A\nText.\n")
    with pytest.raises(CorpusInvalid) as err:
        load_corpus(tmp_path)
    assert "bad.md" in err.value.text and needle in err.value.text


def test_missing_corpus_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusInvalid, match="CASEWISE_CORPUS_DIR"):
        load_corpus(tmp_path / "nowhere")


def test_default_corpus_dir_is_the_repository_corpus() -> None:
    assert default_corpus_dir() == Path(__file__).resolve().parents[2] / "corpus"


def test_repository_corpus_parses_when_present() -> None:
    root = default_corpus_dir()
    if not (root / "docs").is_dir():
        pytest.skip("corpus/docs not written yet")
    c = load_corpus(root)
    assert c.passages and all("#" in pid for pid in c.passages)
