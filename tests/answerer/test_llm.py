"""The LLM path with the real ``openai`` client against our OpenAI-compatible server on loopback.

The fake server replies from a script: a grounded answer, one naming a drug no cited passage
mentions, one naming a drug for a negative biomarker, a failing server. The answerer must
regenerate once, then fall back to the offline composer with a warning.
"""

from __future__ import annotations

import pytest
from casewise_answerer.answerer import Answerer
from casewise_answerer.composer import DISCLAIMER
from casewise_answerer.llm import LlmEngine
from casewise_core.settings import LlmSettings

from tests.answerer.conftest import (
    EVIDENCE_SENTENCE,
    PATIENT_NAME,
    egfr_negative_untested,
    ros1_after_crizotinib,
)
from tests.answerer.fake_llm import FakeLlm

GROUNDED = (
    "Your cancer has a ROS1 fusion [nsclc-ros1#what-a-ros1-fusion-is]. After crizotinib, repotrectinib "
    "or lorlatinib may be options [nsclc-ros1#after-progression-on-crizotinib]."
)
UNGROUNDED = (
    "After crizotinib you could take selpercatinib [nsclc-ros1#after-progression-on-crizotinib] "
    "[nsclc-ros1#what-a-ros1-fusion-is]."
)
NEGATIVE_TARGET = (
    "Osimertinib is a first treatment for EGFR changes [nsclc-egfr#first-line-treatment] "
    "[biomarker-testing#what-biomarker-testing-is]."
)


def _answerer(base: Answerer, server: FakeLlm, stream: bool = False) -> Answerer:
    llm = LlmEngine(
        LlmSettings(llm_base_url=server.base_url, llm_model="test-model", llm_timeout_s=10), stream
    )
    return Answerer(base.corpus, base.index, llm)


@pytest.mark.parametrize("stream", [False, True])
def test_grounded_answer_is_returned_with_numbered_citations(
    sparse_answerer: Answerer, fake_llm: FakeLlm, stream: bool
) -> None:
    fake_llm.script(GROUNDED)
    a = _answerer(sparse_answerer, fake_llm, stream).answer(
        "What are options after crizotinib?", ros1_after_crizotinib()
    )
    assert a.engine == "llm" and not a.warnings
    assert [c.id for c in a.citations] == [
        "nsclc-ros1#what-a-ros1-fusion-is",
        "nsclc-ros1#after-progression-on-crizotinib",
    ]
    assert "ROS1 fusion [1]" in a.answer_markdown and "lorlatinib may be options [2]" in a.answer_markdown
    assert DISCLAIMER in a.answer_markdown
    assert len(fake_llm.requests) == 1
    assert bool(fake_llm.requests[0].get("stream")) is stream


def test_prompt_holds_structured_profile_and_passages_but_no_record_text(
    sparse_answerer: Answerer, fake_llm: FakeLlm
) -> None:
    fake_llm.script(GROUNDED)
    _answerer(sparse_answerer, fake_llm).answer("What are options after crizotinib?", ros1_after_crizotinib())
    prompt = fake_llm.prompt_text()
    assert EVIDENCE_SENTENCE not in prompt and "812 of 1000 reads" not in prompt
    assert PATIENT_NAME not in prompt and "NGS report.pdf" not in prompt
    assert '"detail": "CD74-ROS1"' in prompt and '"agent": "crizotinib"' in prompt
    assert "[nsclc-ros1#after-progression-on-crizotinib]" in prompt
    assert "[S2]" not in prompt  # source markers are the corpus's, not the model's to cite


def test_ungrounded_drug_is_caught_and_regenerated(sparse_answerer: Answerer, fake_llm: FakeLlm) -> None:
    fake_llm.script(UNGROUNDED, GROUNDED)
    a = _answerer(sparse_answerer, fake_llm).answer(
        "What are options after crizotinib?", ros1_after_crizotinib()
    )
    assert a.engine == "llm" and "selpercatinib" not in a.answer_markdown
    assert len(fake_llm.requests) == 2
    feedback = fake_llm.requests[1]["messages"][-1]["content"]
    assert "selpercatinib" in feedback and "safety check" in feedback


def test_two_failed_checks_fall_back_to_the_offline_composer(
    sparse_answerer: Answerer, fake_llm: FakeLlm
) -> None:
    fake_llm.script(UNGROUNDED)
    a = _answerer(sparse_answerer, fake_llm).answer(
        "What are options after crizotinib?", ros1_after_crizotinib()
    )
    assert a.engine == "llm-fallback" and a.warnings
    assert "selpercatinib" not in a.answer_markdown
    assert "After crizotinib, doctors consider:" in a.answer_markdown
    assert len(fake_llm.requests) == 2


def test_drug_for_a_negative_biomarker_is_never_returned(
    sparse_answerer: Answerer, fake_llm: FakeLlm
) -> None:
    fake_llm.script(NEGATIVE_TARGET)
    a = _answerer(sparse_answerer, fake_llm).answer(
        "What is a good first treatment?", egfr_negative_untested()
    )
    assert a.engine == "llm-fallback"
    assert "osimertinib" not in a.answer_markdown.lower()
    feedback = fake_llm.requests[1]["messages"][-1]["content"]
    assert "osimertinib" in feedback and "negative" in feedback
    # The same reply is fine for a patient without a negative EGFR result (it is grounded).
    fake_llm.script(NEGATIVE_TARGET)
    assert _answerer(sparse_answerer, fake_llm).answer("What is a good first treatment?").engine == "llm"


def test_unavailable_server_falls_back_with_a_warning(sparse_answerer: Answerer, fake_llm: FakeLlm) -> None:
    fake_llm.script(GROUNDED)
    fake_llm.fail_with = 503
    a = _answerer(sparse_answerer, fake_llm).answer(
        "What are options after crizotinib?", ros1_after_crizotinib()
    )
    assert a.engine == "llm-fallback"
    assert any("unavailable" in w for w in a.warnings)
    assert DISCLAIMER in a.answer_markdown


def test_structured_profile_carries_the_stage_history_without_evidence() -> None:
    from casewise_answerer.llm import profile_facts
    from casewise_core.profile import Evidence, Profile, Stage

    ev = Evidence(document="surgery.pdf", page=1, text=EVIDENCE_SENTENCE)
    after = Stage(t="T1a", n="N0", prefix="yp", evidence=[ev])
    facts = profile_facts(Profile(stage=after, stage_history=[Stage(group="IIA", prefix="c"), after]))
    assert facts["stage_history"] == [
        {"group": "IIA", "t": None, "n": None, "m": None, "prefix": "c"},
        {"group": None, "t": "T1a", "n": "N0", "m": None, "prefix": "yp"},
    ]
    assert EVIDENCE_SENTENCE not in str(facts)
