"""Treatments and outcomes in the wordings blind12 showed: radioligand and GnRH-antagonist names, a
drug the patient "has not yet started", a drug "reserved for" a later line, label options stated
after a prior-therapy clause, "is a first-line option", lay words for growth ("the spots are
getting bigger", "the chemo isn't working"), a recurrence after a course, a pathologic response after
a neoadjuvant sequence, a drug started and still given, a "Plan:" label that ends an assessment
heading, "X-based therapy". Each test's text is our own."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import agents as _agents
from tests.extractor.nlp.conftest import outcomes as _outcomes

LEXICON = [
    ("ADT: Firmagon 240 mg SC loading dose given 03/14/2024.", {"degarelix"}),
    ("Received degarelix 80 mg monthly from 2023 to 2024.", {"degarelix"}),
    (
        "Treatment: Pluvicto 7.4 GBq IV every 6 weeks, cycle 2 given 02/02/2025.",
        {"lutetium lu 177 vipivotide tetraxetan"},
    ),
    ("Started 177Lu-PSMA-617 on 2025-01-08.", {"lutetium lu 177 vipivotide tetraxetan"}),
    ("He received Lu-177-PSMA, 3 cycles, 2024.", {"lutetium lu 177 vipivotide tetraxetan"}),
]


@pytest.mark.parametrize(("text", "agents"), LEXICON)
def test_radioligand_and_gnrh_antagonist_names(extract, text: str, agents: set[str]) -> None:
    assert _agents(extract(text)) == agents


NOT_RECEIVED = [
    (  # a request for a drug the patient has not started withdraws every mention of it
        "Medication requested: Talzenna (talazoparib) 0.5 mg daily.\n\n"
        "She has not yet started talazoparib while coverage is reviewed.",
        "talazoparib",
    ),
    ("Cabozantinib 60 mg daily - keep in reserve; reserve for third line.", "cabozantinib"),
    (
        "Option | Evidence | Board view\nLorlatinib | CROWN | Reserve for second line\n",
        "lorlatinib",
    ),
    (
        "Targeted options after fluoropyrimidine- and irinotecan-based chemotherapy include "
        "encorafenib + cetuximab.",
        "irinotecan",
    ),
    (
        "Targeted options after fluoropyrimidine- and irinotecan-based chemotherapy include "
        "encorafenib + cetuximab.",
        "encorafenib",
    ),
    (
        "ALK rearrangement predicts benefit; alectinib (or brigatinib) is a first-line option per "
        "current guidelines.",
        "alectinib",
    ),
    ("Selpercatinib is the preferred first-line choice for RET fusion-positive disease.", "selpercatinib"),
]


@pytest.mark.parametrize(("text", "agent"), NOT_RECEIVED)
def test_requested_reserved_or_option_drugs_are_not_received(extract, text: str, agent: str) -> None:
    assert agent not in _agents(extract(text))


def test_started_drug_still_outstanding_is_kept(extract) -> None:
    """The retraction reads only "has not (yet) started X"; a drug given is still given."""
    got = _agents(extract("She started talazoparib 0.5 mg daily on 03/02/2025 and has not had a scan yet."))
    assert "talazoparib" in got


OUTCOMES = [
    (  # a patient's words for growth
        "My treatments: FOLFIRI from March 2024 until the August scan showed the lung spots growing.",
        {"irinotecan": "progression", "fluorouracil": "progression", "leucovorin": "progression"},
    ),
    (
        "I have been on Keytruda since January. My oncologist told me the Keytruda isn't working anymore.",
        {"pembrolizumab": "progression"},
    ),
    (
        "Then capecitabine from May 2024. My last scan said the liver spots are bigger and there is a "
        "new one.",
        {"capecitabine": "progression"},
    ),
    (  # a drug started, one cycle given, nothing else said: still given
        "Started carboplatin + etoposide (cycle 1 on 12-Jan-2025) pending the biopsy result.",
        {"carboplatin": "ongoing", "etoposide": "ongoing"},
    ),
    (
        "Commenced FOLFOX on 02/03/2025 while awaiting RAS testing; cycle 3 due 16/04/2025.",
        {"fluorouracil": "ongoing", "leucovorin": "ongoing", "oxaliplatin": "ongoing"},
    ),
    (  # a completed course stays completed though it was started
        "Started docetaxel 75 mg/m2 in 01/2023; completed 6 cycles 05/2023.",
        {"docetaxel": "stopped"},
    ),
]


@pytest.mark.parametrize(("text", "want"), OUTCOMES)
def test_lay_growth_and_started_courses(extract, text: str, want: dict[str, str]) -> None:
    got = _outcomes(extract(text))
    assert {a: got.get(a) for a in want} == want


def test_plan_label_ends_the_assessment_heading(extract) -> None:
    """A "Plan:" label on its own line opens a part of its own: a conditional radiotherapy line
    under it is no assessment of the regimen named above."""
    text = (
        "History:\n"
        "  1. Sunitinib 50 mg daily from 02/2025; continuing.\n\n"
        "Assessment:\nTolerating well.\n\n"
        "Plan:\n"
        "  - Radiotherapy is kept for any new lesions; not needed now.\n"
    )
    assert _outcomes(extract(text)).get("sunitinib") == "ongoing"


def test_hyphenated_drug_base_is_read(extract) -> None:
    """ "an ongoing response to lenvatinib-based therapy" names lenvatinib."""
    text = "Impression:\nAn ongoing partial response to lenvatinib-based therapy."
    assert _outcomes(extract(text)).get("lenvatinib") == "response"


CANCER = [
    (  # "known case of" names the patient's diagnosis now, not a past one
        "Clinical details: Known case of adenocarcinoma of the right lung with bone metastases, "
        "diagnosed 01/2025. Sample sent for NGS.",
        "LUAD",
    ),
    (  # a relative's cancer does not vote
        "Your history\nYou were found to have invasive ductal carcinoma of the left breast at 41.\n\n"
        "Family\n- Your aunt, Jo, was diagnosed with high-grade serous ovarian cancer at age 60.\n",
        "IDC",
    ),
]


@pytest.mark.parametrize(("text", "code"), CANCER)
def test_known_case_and_relatives_cancers(extract, text: str, code: str) -> None:
    cancer = extract(text).cancer
    assert cancer is not None and cancer.oncotree_code == code
