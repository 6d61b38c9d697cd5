"""Treatments and outcomes in the wordings blind13 showed: a regimen "pencilled in" before a second
opinion, drugs that "are alternatives" or "a possible addition", a drug "not planned", a genomic
comment on what "predicts response to" a drug, a plan under an "Assessment / Plan" heading, the
clinic short name "pembro", new nodules on a scan after a course, "the current regimen is X + Y",
epirubicin and sarcoma drugs, and the lower-case generic of Lu-177 dotatate. Each test's text is our own."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import agents as _agents
from tests.extractor.nlp.conftest import outcomes as _outcomes

LEXICON = [
    ("Adjuvant FEC-100 x 3 cycles, completed 11/2021.", {"fluorouracil", "epirubicin", "cyclophosphamide"}),
    (
        "She received epirubicin 90 mg/m2 with cyclophosphamide, 4 cycles, 2020.",
        {"epirubicin", "cyclophosphamide"},
    ),
    ("Started Ellence in 03/2019 as part of her adjuvant course.", {"epirubicin"}),
    (  # sarcoma drugs; mesna (uroprotection) is no anticancer drug
        "Preoperative ifosfamide 9 g/m2 with mesna x 3 cycles, 2024; later trabectedin (Yondelis), 2025.",
        {"ifosfamide", "trabectedin"},
    ),
    ("Third line: started Halaven 1.4 mg/m2 on 07/02/2025.", {"eribulin"}),
    ("Lutathera 7.4 GBq cycle 2 given 05/06/2025.", {"lutetium lu 177 dotatate"}),
    ("s/p 4 cycles of Lu-177 DOTATATE (2024), partial response.", {"lutetium lu 177 dotatate"}),
    ("Started pembro 200 mg q3w 02/11/2025.", {"pembrolizumab"}),
    ("On nivo 480 mg q4w since 2024.", {"nivolumab"}),
]


@pytest.mark.parametrize(("text", "agents"), LEXICON)
def test_epirubicin_lutetium_and_clinic_short_names(extract, text: str, agents: set[str]) -> None:
    assert _agents(extract(text)) == agents


NOT_RECEIVED = [
    (  # a regimen pencilled in before the diagnosis changed was never given
        "The referral says no chemotherapy has been given and that gemcitabine with docetaxel had "
        "been pencilled in for the sarcoma.",
        "gemcitabine",
    ),
    ("Note: no treatment given yet, and doxorubicin was penciled in pending the MDT.", "doxorubicin"),
    (  # alternatives without an article
        "2. Continue nivolumab; cemiplimab or retifanlimab are alternatives only when nivolumab has "
        "to be stopped for colitis.",
        "cemiplimab",
    ),
    ("Cabozantinib or lenvatinib are second-line options after progression on nivolumab.", "cabozantinib"),
    (
        "Ipilimumab (TMB 24) is a potential addition after surgery or at progression; NOT started.",
        "ipilimumab",
    ),
    ("Durvalumab consolidation after chemoradiation - not planned at present.", "durvalumab"),
    (  # a genomic comment on what predicts response to a drug
        "No TSC1/TSC2 alterations that predict response to everolimus were identified.",
        "everolimus",
    ),
    ("An ESR1 wild-type result does not predict a poorer response to fulvestrant.", "fulvestrant"),
    (  # a plan under an "Assessment / Plan" heading after the interval history
        "INTERVAL HISTORY\nFeels well. No new symptoms.\n\nASSESSMENT / PLAN\n"
        "1. Stable disease on letrozole and ribociclib.\n"
        "2. Next line at progression: elacestrant (ESR1 to be retested on a new biopsy) or a "
        "clinical trial.\n",
        "elacestrant",
    ),
]


@pytest.mark.parametrize(("text", "agent"), NOT_RECEIVED)
def test_pencilled_in_alternative_or_predictive_drugs_are_not_received(
    extract, text: str, agent: str
) -> None:
    assert agent not in _agents(extract(text))


def test_current_drug_under_assessment_plan_heading_is_kept(extract) -> None:
    text = (
        "INTERVAL HISTORY\nFeels well.\n\nASSESSMENT / PLAN\n"
        "1. Stable disease on letrozole and ribociclib. Continue both.\n"
    )
    assert _outcomes(extract(text)) == {"letrozole": "stable", "ribociclib": "stable"}


OUTCOMES = [
    (  # a course, a complete response, then new nodules on a later scan: response then progression
        "s/p chemoradiation with weekly carboplatin 2019. PET 06/2019 complete metabolic response.\n"
        "03/2021 CT: new bilateral pulmonary nodules, biopsy c/w recurrence.",
        "carboplatin",
        "progression",
    ),
    (
        "Treated with gemcitabine + cisplatin x 6, best response PR. Restaging: new hepatic "
        "lesions and peritoneal nodules.",
        "gemcitabine",
        "progression",
    ),
    (  # clinic short name, with its assessment in the plan
        "A/P: metastatic melanoma on pembro - ongoing partial response. Continue pembro.",
        "pembrolizumab",
        "response",
    ),
    (  # the current regimen, no assessment: still given
        "Reconciliation: current oral regimen is abemaciclib 150 mg BID + anastrozole 1 mg daily "
        "since 02/2025.",
        "abemaciclib",
        "ongoing",
    ),
    (
        "Her current treatment is olaparib 300 mg twice daily, started 01/2025, tolerating well.",
        "olaparib",
        "ongoing",
    ),
]


@pytest.mark.parametrize(("text", "agent", "outcome"), OUTCOMES)
def test_new_nodules_clinic_short_names_and_current_regimen(
    extract, text: str, agent: str, outcome: str
) -> None:
    assert _outcomes(extract(text)).get(agent) == outcome


def test_no_new_nodules_is_no_progression(extract) -> None:
    text = "Received docetaxel x 6 (2023), partial response. CT 2024: no new pulmonary nodules."
    assert _outcomes(extract(text)) == {"docetaxel": "response"}
