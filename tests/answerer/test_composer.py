"""The offline composer: shape, honesty notices and safety, on the test corpus."""

from __future__ import annotations

import re

import pytest
from casewise_answerer.answerer import Answerer
from casewise_answerer.composer import DISCLAIMER
from casewise_answerer.drugs import check_answer
from casewise_core.profile import Profile

from tests.answerer.conftest import (
    EVIDENCE_SENTENCE,
    egfr_negative_untested,
    ros1_after_crizotinib,
    ros1_in_aml,
)

QUESTIONS = [
    "What are options after crizotinib?",
    "What does my ROS1 fusion mean?",
    "What is biomarker testing?",
]
PROFILES = [None, ros1_after_crizotinib(), ros1_in_aml(), egfr_negative_untested()]


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("profile", PROFILES)
def test_every_answer_has_disclaimer_citations_and_passes_the_check(
    sparse_answerer: Answerer, question: str, profile: Profile | None
) -> None:
    a = sparse_answerer.answer(question, profile)
    assert a.engine == "offline"
    assert DISCLAIMER in a.answer_markdown
    assert len(a.citations) >= 2
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", a.answer_markdown)}
    assert numbers == {c.number for c in a.citations}
    cited = [sparse_answerer.corpus.passages[c.id] for c in a.citations]
    check = check_answer(a.answer_markdown, cited, a.profile, sparse_answerer.corpus, sparse_answerer.lexicon)
    assert check.ok, check.reasons()
    assert EVIDENCE_SENTENCE not in a.answer_markdown


def test_options_after_crizotinib_come_from_the_actionability_rows(sparse_answerer: Answerer) -> None:
    a = sparse_answerer.answer("What are my options now?", ros1_after_crizotinib())
    md = a.answer_markdown
    assert a.personalized
    assert "After crizotinib, doctors consider:" in md
    section = md.split("## Treatment approaches")[1].split("##")[0]
    assert "repotrectinib" in section and "lorlatinib" in section
    assert "entrectinib" not in section  # a first-line option, not an after-crizotinib one
    assert "Your NGS report.pdf (page 2) shows a CD74-ROS1 fusion" in md
    assert "The cancer grew during crizotinib" in md


def test_ros1_in_aml_is_flagged_unusual_with_a_specialist_suggestion(sparse_answerer: Answerer) -> None:
    md = sparse_answerer.answer("What does my ROS1 fusion mean?", ros1_in_aml()).answer_markdown
    assert "Unusual for your cancer type" in md
    assert "molecular tumor board" in md
    assert (
        "unusual"
        not in sparse_answerer.answer(
            "What does my ROS1 fusion mean?", ros1_after_crizotinib()
        ).answer_markdown.lower()
    )


def test_missing_standard_tests_are_named(sparse_answerer: Answerer) -> None:
    md = sparse_answerer.answer("What should I know?", egfr_negative_untested()).answer_markdown
    for gene in ("ALK", "ROS1", "PD-L1"):
        assert f"No {gene} result was found in your records — ask whether it was tested." in md
    assert "No EGFR result" not in md  # EGFR was tested (negative)


def test_no_therapy_for_a_negative_biomarker(sparse_answerer: Answerer) -> None:
    a = sparse_answerer.answer("Can I take an EGFR pill like osimertinib?", egfr_negative_untested())
    assert "osimertinib" not in a.answer_markdown.lower()
    assert "amivantamab" not in a.answer_markdown.lower()
    assert "EGFR was tested: negative" in a.answer_markdown
    assert "Not found in your records" not in a.answer_markdown  # it was found: negative


def test_a_finding_the_records_do_not_show_is_said_so(sparse_answerer: Answerer) -> None:
    md = sparse_answerer.answer("What does my ROS1 fusion mean?", egfr_negative_untested()).answer_markdown
    assert "Not found in your records" in md and "positive ROS1 result" in md


def test_without_a_profile_the_answer_is_general(sparse_answerer: Answerer) -> None:
    a = sparse_answerer.answer("What is biomarker testing?")
    assert not a.personalized and a.profile is None
    assert "Your records" not in a.answer_markdown


def test_suggested_questions_follow_the_profile(sparse_answerer: Answerer) -> None:
    qs = sparse_answerer.suggest_questions(ros1_after_crizotinib())
    assert "What does my CD74-ROS1 fusion mean?" in qs
    assert "What are options after crizotinib?" in qs


def _after_neoadjuvant(history: bool) -> Profile:
    """HER2-positive breast cancer, cT2 cN0 (IIA) at diagnosis, ypT1a ypN0 after TCHP."""
    at_diagnosis = {"group": "IIA", "t": "T2", "n": "N0", "m": "M0", "prefix": "c"}
    after = {"t": "T1a", "n": "N0", "prefix": "yp"}
    return Profile.model_validate(
        {
            "cancer": {"name": "invasive ductal carcinoma", "oncotree_code": "IDC"},
            "stage": after,
            "stage_history": [at_diagnosis, after] if history else [],
            "biomarkers": [{"gene": "ERBB2", "alteration": "amplification", "status": "positive"}],
            "treatments": [{"agent": "trastuzumab"}, {"agent": "pertuzumab"}],
        }
    )


def test_after_neoadjuvant_therapy_the_answer_also_gives_the_stage_at_diagnosis(
    sparse_answerer: Answerer,
) -> None:
    md = sparse_answerer.answer("What does my stage mean?", _after_neoadjuvant(True)).answer_markdown
    about = md.split("## What it means for you")[1].split("##")[0]
    assert (
        "At diagnosis your stage was IIA; after treatment before surgery, the pathology showed ypT1a ypN0."
        in about
    )
    assert "some cancer was still found at surgery" in about  # the residual-disease line stays
    # without a stage before therapy in the records, nothing is guessed
    md = sparse_answerer.answer("What does my stage mean?", _after_neoadjuvant(False)).answer_markdown
    assert "At diagnosis" not in md
    assert (
        "At diagnosis"
        not in sparse_answerer.answer("What does my stage mean?", egfr_negative_untested()).answer_markdown
    )
