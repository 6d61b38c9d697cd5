"""Assessments stated away from the drug they assess: under an assessment heading, through the
regimen's setting ("on ADT"), before the sentence that resumes the drug, after a line cut by OCR,
and a progression stated before the drug it stopped. Each text is our own; the conservative side
(a stopped, planned or not-yet-started drug gets nothing) is tested beside each gain."""

from __future__ import annotations

import pytest
from casewise_core.profile import Profile


def _outcomes(profile: Profile) -> dict[str, str | None]:
    return {t.agent: t.outcome for t in profile.treatments}


CASES = [
    (  # an assessment heading: the one current regimen, not the drug stopped before it
        "Oncologic history:\n- Paclitaxel x6 in 2023, stopped for neuropathy.\n"
        "- Gemcitabine every 3 weeks since 02/2024, ongoing.\n\n"
        "IMPRESSION\nRestaging CT 05/2024: partial response in the nodes.\n",
        {"paclitaxel": "stopped", "gemcitabine": "response"},
    ),
    (  # "Assessment:" label on the sentence's own line
        "Regimen: gemcitabine + nab-paclitaxel, cycle 4 day 1.\n\n"
        "Assessment: stable disease by CA 19-9 and CT.\n",
        {"gemcitabine": "stable", "nab-paclitaxel": "stable"},
    ),
    (  # two current groups: the heading's assessment is nobody's
        "Treatment:\n- Letrozole since 2022, continuing.\n- Olaparib since 2024, continuing.\n\n"
        "ASSESSMENT\nPartial response on imaging.\n",
        {"letrozole": "ongoing", "olaparib": "ongoing"},
    ),
    (  # an assessment before the regimen was first named is not the regimen's
        "RESPONSE\nCT 01/2024: partial response.\n\n"
        "CURRENT THERAPY\nLenvatinib started 03/2024; tolerating it.\n",
        {"lenvatinib": "ongoing"},
    ),
    (  # not under an assessment heading: nobody's
        "Regimen: FOLFIRI, cycle 6 day 1.\n\n"
        "SOCIAL HISTORY\nLives alone; stable disease per outside notes.\n",
        {"irinotecan": "ongoing"},
    ),
    (  # a setting that names a class: the ADT drug given now, beside a named partner
        "History:\n- Leuprolide every 3 months since 2024, continuing.\n"
        "- Abiraterone 1000 mg daily since 06/2024.\n\n"
        "Plan:\n1. Deep PSA response on ADT plus abiraterone. Continue both.\n",
        {"leuprolide": "response", "abiraterone": "response"},
    ),
    (  # ADT stopped: its later response is not given to it
        "History:\n- Leuprolide 2019-2021, stopped.\n\nPlan: PSA response on ADT noted in 2020.\n",
        {"leuprolide": "stopped"},
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_assessment_away_from_the_drug(extract, text: str, want: dict[str, str | None]) -> None:
    got = _outcomes(extract(text))
    assert {agent: got.get(agent, "missing") for agent in want} == want


def test_assessment_before_the_sentence_that_resumes_one_of_two_held_drugs(extract) -> None:
    got = _outcomes(
        extract(
            "Course: dabrafenib and trametinib from 01/2025. Pyrexia in 03/2025; dabrafenib stopped and "
            "trametinib held. CT 04/2025: marked shrinkage of the liver lesions. Trametinib resumed "
            "05/2025 at a lower dose.\n"
        )
    )
    assert got == {"dabrafenib": "stopped", "trametinib": "response"}


def test_an_ocr_paragraph_break_mid_sentence_stays_one_item(extract) -> None:
    got = _outcomes(
        extract(
            "Began rituximab and lenalidomide on 02/03/2025 for stage III follicular\n\n"
            "lymphoma. Restaging PET after\n\ncycle 3: complete metabolic response.\n"
        )
    )
    assert got == {"rituximab": "response", "lenalidomide": "response"}


def test_a_wrapped_phrase_still_reads(extract) -> None:
    got = _outcomes(extract("History:\n- Sunitinib since 2024. CT 05/2025: disease\n  stable. Continue.\n"))
    assert got == {"sunitinib": "stable"}


def test_a_progression_before_the_drug_it_stopped(extract) -> None:
    got = _outcomes(
        extract("History:\n- 2023: rising CEA and new liver lesions; regorafenib discontinued 11/2023.\n")
    )
    assert got == {"regorafenib": "progression"}


def test_a_progression_before_a_drug_it_starts_is_not_that_drugs(extract) -> None:
    got = _outcomes(extract("History:\n- 2023: new liver lesions; Lonsurf started 11/2023.\n"))
    assert got == {"trifluridine/tipiracil": "ongoing"}  # started, nothing said since: goes on (blind14)


def test_pd_l1_is_not_progressive_disease(extract) -> None:
    got = _outcomes(extract("History:\n- Pembrolizumab since 04/2025.\n  PD-L1 TPS 80%.\n"))
    assert got == {"pembrolizumab": None}
