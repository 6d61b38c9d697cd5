"""Drugs a letter names without giving them: the examples of an option in its bracket ("an approved
option (X or Y)"), a drug to be discussed or considered, eligibility for it, a trial that compares
drugs, a drug that "would not apply" or is mentioned for completeness, and a drug a comparison says
lacks activity ("X has activity; Y and Z do not")."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, agents


def test_drugs_in_the_bracket_of_an_option(extract: Extract) -> None:
    p = extract(
        "After first-line chemo-immunotherapy, second-line BRAF/MEK blockade is an available option "
        "(dabrafenib with trametinib, or encorafenib / binimetinib)."
    )
    assert not {"dabrafenib", "trametinib", "encorafenib", "binimetinib"} & agents(p)


def test_drug_to_be_discussed_with_a_dose(extract: Extract) -> None:
    p = extract(
        "Tumour board advice: definitive radiotherapy with weekly cisplatin 40 mg/m2, or primary "
        "surgery - to be discussed with the patient at clinic."
    )
    assert "cisplatin" not in agents(p)


def test_eligibility_for_an_adjuvant_drug(extract: Extract) -> None:
    p = extract(
        "Note for the urology MDT: eligibility for adjuvant nivolumab (high risk after resection) to "
        "be looked at by the oncology team."
    )
    assert "nivolumab" not in agents(p)


def test_trial_comparing_drugs(extract: Extract) -> None:
    p = extract(
        "She was assessed for a phase III trial comparing two CDK4/6 inhibitors (ribociclib versus "
        "abemaciclib) after chemotherapy had already started, and was not randomised."
    )
    assert not {"ribociclib", "abemaciclib"} & agents(p)


def test_drug_that_would_not_apply(extract: Extract) -> None:
    p = extract(
        "Comment: the tumour is mismatch-repair proficient, so a checkpoint-only approach "
        "(pembrolizumab after the KEYNOTE data) would not apply; raised only because the patient asked."
    )
    assert "pembrolizumab" not in agents(p)


def test_drug_mentioned_for_completeness(extract: Extract) -> None:
    p = extract(
        "After chemoradiotherapy, adjuvant durvalumab is mentioned in this letter for completeness only."
    )
    assert "durvalumab" not in agents(p)


def test_drugs_a_comparison_says_lack_activity(extract: Extract) -> None:
    p = extract(
        "Current treatment: lorlatinib 100 mg daily, started 03/02/2025 (it remains active against "
        "G1202R; alectinib and brigatinib do not). Tolerating it well."
    )
    assert "lorlatinib" in agents(p)
    assert not {"alectinib", "brigatinib"} & agents(p)


def test_drug_given_after_a_heading_is_still_given(extract: Extract) -> None:
    p = extract("Treatment: carboplatin and paclitaxel x 6 cycles, completed 04/2024; partial response.")
    assert {"carboplatin", "paclitaxel"} <= agents(p)
