"""Retrieval on the test corpus: keyword-only and hybrid, profile filters, negative biomarkers."""

from __future__ import annotations

import pytest
from casewise_answerer.answerer import Answerer

from tests.answerer.conftest import egfr_negative_untested, ros1_after_crizotinib, ros1_in_aml

CASES = [
    ("What is a ROS1 fusion?", None, "nsclc-ros1#what-a-ros1-fusion-is"),
    ("What can I take after crizotinib stopped working?", None, "nsclc-ros1#after-progression-on-crizotinib"),
    (
        "What happens when lung cancer grows on osimertinib?",
        None,
        "nsclc-egfr#after-progression-on-osimertinib",
    ),
    ("What is an EGFR exon 19 deletion?", None, "nsclc-egfr#what-an-egfr-mutation-is"),
    ("What does next-generation sequencing test for?", None, "biomarker-testing#what-biomarker-testing-is"),
    (
        "My result looks rare for my cancer, should someone review it?",
        None,
        "unusual-findings#why-unusual-findings-need-a-second-look",
    ),
    ("What are my options now?", ros1_after_crizotinib(), "nsclc-ros1#after-progression-on-crizotinib"),
    ("What does my fusion mean?", ros1_after_crizotinib(), "nsclc-ros1#what-a-ros1-fusion-is"),
    ("What does my ROS1 fusion mean?", ros1_in_aml(), "nsclc-ros1#what-a-ros1-fusion-is"),
]


def _recall(a: Answerer) -> float:
    found = sum(want in [r.passage.id for r in a.retrieve(q, p, k=5)] for q, p, want in CASES)
    return found / len(CASES)


def test_keyword_only_retrieval_finds_the_passages(sparse_answerer: Answerer) -> None:
    assert not sparse_answerer.dense
    assert _recall(sparse_answerer) == 1.0


@pytest.mark.slow
def test_hybrid_retrieval_finds_the_passages(dense_answerer: Answerer) -> None:
    assert dense_answerer.dense
    assert _recall(dense_answerer) == 1.0


def test_profile_filter_keeps_other_cancers_treatment_out(sparse_answerer: Answerer) -> None:
    # AML with a ROS1 fusion: the ROS1 background passages come in (the finding needs explaining),
    # but the EGFR lung-cancer passages do not (wrong cancer type, no EGFR finding).
    ids = [
        r.passage.id for r in sparse_answerer.retrieve("What treatment options are there?", ros1_in_aml(), 10)
    ]
    assert ids and not any(i.startswith("nsclc-egfr#") for i in ids)


def test_negative_biomarker_does_not_pull_in_its_therapies(sparse_answerer: Answerer) -> None:
    question = "What targeted treatment options are there for my lung cancer?"
    ids = [r.passage.id for r in sparse_answerer.retrieve(question, egfr_negative_untested(), k=10)]
    assert not any(i.startswith("nsclc-egfr#") for i in ids)
    # Without the profile the same question does retrieve the EGFR treatment passages.
    ids = [r.passage.id for r in sparse_answerer.retrieve(question, None, k=10)]
    assert any(i.startswith("nsclc-egfr#") for i in ids)
