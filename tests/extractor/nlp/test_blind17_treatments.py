"""blind17: drugs a genomic report names that the patient has not received."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, agents


def test_drug_to_be_started_later_is_not_given(extract: Extract) -> None:
    text = "Niraparib maintenance is to be started when the bone marrow has recovered.\n"
    assert "niraparib" not in agents(extract(text))


def test_drug_to_be_initiated_after_a_bracket(extract: Extract) -> None:
    text = "Olaparib (300 mg twice daily) to be initiated after the germline panel reports.\n"
    assert "olaparib" not in agents(extract(text))


def test_drug_started_and_to_be_continued_is_given(extract: Extract) -> None:
    assert "olaparib" in agents(extract("Olaparib was started in May and is to be continued.\n"))


def test_alternatives_supported_by_guidelines_are_not_given(extract: Extract) -> None:
    text = (
        "Left-sided, RAS wild-type: first-line doublet with an anti-EGFR antibody (panitumumab or\n"
        "cetuximab) is supported by current guidelines.\n"
    )
    got = agents(extract(text))
    assert "cetuximab" not in got
    assert "panitumumab" not in got
