"""Treatments and outcomes in the wordings blind14 showed: a dose in brackets between two drugs of one
regimen, a plan carried out the same day ("proceed with X + Y. Cycle 1 given today"), a drug started on
a date with nothing said since (ongoing), a drug "deferred", a drug a test result is "associated with
lack of benefit from", a drug's "failure", a "best response:" label and a course stopped "as planned",
a drug "not an option", a drug named in brackets after the gene a test is for or beside its "label",
the newer androgen-receptor inhibitors, and androgen deprivation kept through castration-resistant
progression on its partner. Each test's text is our own."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import agents as _agents
from tests.extractor.nlp.conftest import outcomes as _outcomes

OUTCOMES = [
    (  # a dose in brackets between the drugs of one regimen; the response at the end is both drugs'
        "History:\n1. Chemoradiation 2023 with weekly cisplatin\n   (40 mg/m2) and docetaxel (20 mg/m2) x 5. "
        "Well tolerated.\n   PET 2024: complete metabolic response.",
        {"cisplatin": "response", "docetaxel": "response"},
    ),
    (
        "Prior therapy: carboplatin (AUC 5) plus etoposide (100 mg/m2) x 4 cycles, partial response.",
        {"carboplatin": "response", "etoposide": "response"},
    ),
    (  # started on a date, nothing said since: still given
        "Second-line FOLFIRI started 02/10/2025.",
        {"irinotecan": "ongoing", "fluorouracil": "ongoing", "leucovorin": "ongoing"},
    ),
    ("Addendum 03/03/2025: tepotinib 450 mg daily initiated 03/01/2025.", {"tepotinib": "ongoing"}),
    (  # "best response:" is a label: the stable disease it names is the assessment
        "Treatment to date:\n- FOLFOX 01/2024 - 06/2024, 12 cycles. Best response: stable disease. "
        "Chemotherapy stopped after 6 months without progression, as planned.",
        {"oxaliplatin": "stable", "fluorouracil": "stable", "leucovorin": "stable"},
    ),
    (  # a drug's failure is progression on it
        "Summary: rising PSA after enzalutamide failure; docetaxel started 02/2025.",
        {"enzalutamide": "progression", "docetaxel": "ongoing"},
    ),
    ("Castration-resistant after failure of abiraterone in 2024.", {"abiraterone": "progression"}),
    (  # androgen deprivation goes on through progression on its partner
        "Course:\n- 2022: goserelin (ongoing) + darolutamide 600 mg BID 2022-2024 -> PSA progression and "
        "new bone lesions.\n- Plan: continue goserelin.",
        {"goserelin": "ongoing", "darolutamide": "progression"},
    ),
    (
        "mCRPC after leuprolide + apalutamide since 2023; PSA progression 03/2025. Continue leuprolide.",
        {"leuprolide": "ongoing", "apalutamide": "progression"},
    ),
]


@pytest.mark.parametrize(("text", "want"), OUTCOMES)
def test_blind14_outcome_wordings(extract, text: str, want: dict[str, str | None]) -> None:
    got = _outcomes(extract(text))
    assert {a: got.get(a, "MISSING") for a in want} == want


RECEIVED = [
    (  # a plan carried out the same day: the regimen decided on was given
        "ASSESSMENT AND PLAN\n- Options reviewed with the patient. Given the CPS, proceed with "
        "nivolumab 360 mg + capecitabine 1000 mg/m2 BID + oxaliplatin 130 mg/m2 q3w.\n"
        "- C1D1 administered today in the infusion unit; tolerated well.\n",
        {"nivolumab": "ongoing", "capecitabine": "ongoing", "oxaliplatin": "ongoing"},
    ),
    (
        "Plan: we will go ahead with gemcitabine and cisplatin.\nFirst cycle given today 04/02/2025 without "
        "reaction.",
        {"gemcitabine": "ongoing", "cisplatin": "ongoing"},
    ),
]


@pytest.mark.parametrize(("text", "want"), RECEIVED)
def test_plan_carried_out_the_same_day(extract, text: str, want: dict[str, str | None]) -> None:
    got = _outcomes(extract(text))
    assert {a: got.get(a, "MISSING") for a in want} == want


def test_a_plan_with_no_dose_given_stays_a_plan(extract) -> None:
    text = "Plan: proceed with gemcitabine and cisplatin next week.\nLabs before cycle 1."
    assert _agents(extract(text)) == set()


NOT_RECEIVED = [
    (
        "Note 06/2025: osimertinib 80 mg daily started 06/01/2025; durvalumab deferred given the "
        "EGFR driver.",
        "durvalumab",
    ),
    ("Pembrolizumab is postponed until the pneumonitis work-up is complete.", "pembrolizumab"),
    (  # a test result that predicts a drug's lack of benefit names no treatment
        "Treatment history\nCTC test | 2024 | positive | Associated with lack of benefit from further "
        "androgen-receptor inhibitors (apalutamide, darolutamide)\n",
        "apalutamide",
    ),
    (
        "Clinical history: metastatic bladder cancer. Testing for FGFR3 (erdafitinib) requested.",
        "erdafitinib",
    ),
    (
        "Clinical history\nFGFR3 | NGS | p.R248C | DETECTED - qualifying alteration (erdafitinib label)\n",
        "erdafitinib",
    ),
    (
        "Treatment history:\n4. Sacituzumab govitecan not an option at present (Trop-2 low).",
        "sacituzumab govitecan",
    ),
]


@pytest.mark.parametrize(("text", "agent"), NOT_RECEIVED)
def test_blind14_drugs_not_given(extract, text: str, agent: str) -> None:
    assert agent not in _agents(extract(text))


def test_a_deferred_dose_of_a_drug_given_keeps_it(extract) -> None:
    text = "Pembrolizumab every 3 weeks since 01/2025; cycle 6 deferred for colitis."
    assert "pembrolizumab" in _agents(extract(text))


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Apalutamide 240 mg daily started 05/2023 with ADT.", "apalutamide"),
        ("Received darolutamide 600 mg twice daily since 2024.", "darolutamide"),
        ("Goserelin 10.8 mg q12w given since 2022.", "goserelin"),
        ("Relugolix 120 mg daily started 01/2025.", "relugolix"),
        ("Cabazitaxel 20 mg/m2 q3w x 6 completed 2024.", "cabazitaxel"),
    ],
)
def test_prostate_drugs_in_the_lexicon(extract, text: str, agent: str) -> None:
    assert agent in _agents(extract(text))
