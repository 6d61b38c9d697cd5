"""Treatments and outcomes in the wordings blind10/blind11 showed: haematology drugs, cell therapies
and regimens (ATRA, A+AVD, cilta-cel, DPd, Flu/Cy), trial code names, a label's approval, relapse
after a remission, a maintenance tail in one sentence, a history item that only records what
happened next, a table row cut at a full stop, plan lines that assess a drug, "stay on this
treatment". Each test's text is our own."""

from __future__ import annotations

import pytest
from casewise_core.profile import Profile


def _agents(profile: Profile) -> set[str]:
    return {t.agent for t in profile.treatments}


def _outcomes(profile: Profile) -> dict[str, str | None]:
    return {t.agent: t.outcome for t in profile.treatments}


LEXICON = [
    (
        "Course: induction with ATRA 45 mg/m2/day from 03/02 and arsenic trioxide 0.15 mg/kg/day.",
        {"tretinoin", "arsenic trioxide"},
    ),
    (
        "Treatment: A+AVD, cycle 3 given 02/04/2025.",
        {"brentuximab vedotin", "doxorubicin", "vinblastine", "dacarbazine"},
    ),
    ("Treatment: ABVD x 6 completed 2019.", {"doxorubicin", "bleomycin", "vinblastine", "dacarbazine"}),
    (
        "Lymphodepletion (days -5 to -3): Flu/Cy x3 days, then cilta-cel infused on 03/06/2024.",
        {"fludarabine", "cyclophosphamide", "ciltacabtagene autoleucel"},
    ),
    (
        "Line 2: DPd (daratumumab-hyaluronidase SC + pomalidomide + dexamethasone) 03/2023-01/2024.",
        {"daratumumab", "pomalidomide", "dexamethasone"},
    ),
    ("Past treatment: Bendeka + Rituxan, 6 rounds, 2019.", {"bendamustine", "rituximab"}),
    ("Current CML treatment: Scemblix 200 mg twice daily since 11/2024.", {"asciminib"}),
    ("Study drug: RMC-6236 300 mg PO daily, C1D1 2025-05-06.", {"daraxonrasib"}),
    ("He received cladribine 0.14 mg/kg/day for 7 days in 04/2017.", {"cladribine"}),
    ("Started tazemetostat 800 mg PO BID on 07/21/2025.", {"tazemetostat"}),
    ("Avapritinib 300 mg daily since 2024-03-04.", {"avapritinib"}),
]


@pytest.mark.parametrize(("text", "agents"), LEXICON)
def test_haematology_drugs_regimens_and_code_names(extract, text: str, agents: set[str]) -> None:
    assert _agents(extract(text)) == agents


NOT_RECEIVED = [
    # a label's approval is no administration
    "Trastuzumab deruxtecan has tumour-agnostic accelerated approval (04/2024) for HER2 IHC 3+ solid "
    "tumours after prior systemic therapy.",
    "TREATMENT HISTORY\nAzacitidine 75 mg/m2 since 06/16/2025, 4 cycles. Venetoclax not added (no "
    "benefit shown in higher-risk MDS).\n",
    # a plan that mentions an assessment to come does not make the drug given (a guard for the plan
    # rule that an assessment right after a drug speaks of one given)
    "Plan: start osimertinib - response assessment in 8 weeks.",
]


@pytest.mark.parametrize("text", NOT_RECEIVED)
def test_approved_or_not_added_drugs_are_not_received(extract, text: str) -> None:
    got = _agents(extract(text))
    assert not got & {"trastuzumab deruxtecan", "venetoclax", "osimertinib"}


OUTCOMES = [
    (  # a relapse after a remission ends the course by progression
        "History: cladribine for 7 days in 2017, complete remission on marrow.\n\n"
        "In 2024 his counts fell again. This is a relapse of his leukaemia.\n",
        {"cladribine": "progression"},
    ),
    (  # maintenance given until relapse
        "History: bendamustine + rituximab x6 (2021), then rituximab maintenance until relapse "
        "confirmed 2024-09.",
        {"bendamustine": "progression", "rituximab": "progression"},
    ),
    (  # a recurrence after an adjuvant course finished with no response stated is no progression on it
        "I finished tamoxifen in March 2024. The cancer came back in my liver in May 2024.",
        {"tamoxifen": "stopped"},
    ),
    (  # lay words for a response then a relapse
        '- "BR" = Bendeka + Rituxan, 6 rounds, 2019. Worked great. Then it came back in 2022.',
        {"bendamustine": "progression", "rituximab": "progression"},
    ),
    (  # lesions that grew on a regimen
        "I was on letrozole and Kisqali from June to December, but the scan showed the liver spots had "
        "grown.",
        {"letrozole": "progression", "ribociclib": "progression"},
    ),
    (  # a maintenance tail in the same sentence: its assessments are the induction partners' too
        "First line carboplatin + etoposide + durvalumab x 4, then durvalumab maintenance: best response "
        "partial response; progression 2025-04.",
        {"carboplatin": "progression", "etoposide": "progression", "durvalumab": "progression"},
    ),
    (  # a dose on a day schedule keeps the partners one group
        "History:\n - 04/2023 - 02/2025  R2 (lenalidomide 20 mg d1-21 q28d + rituximab) -> partial "
        "response, then progression on PET.\n",
        {"lenalidomide": "progression", "rituximab": "progression"},
    ),
    (  # so does a note in brackets after the dose
        "Since 11/2024 on vemurafenib 960 mg twice daily (off-label) with rituximab; complete response.",
        {"vemurafenib": "response", "rituximab": "response"},
    ),
    (  # "has been on", "RESTART", "still taking": the drug goes on
        "Since 11/04/2024 he has been on zanubrutinib 160 mg twice daily.",
        {"zanubrutinib": "ongoing"},
    ),
    ("Please RESTART Truqap (capivasertib) on Monday at the lower dose.", {"capivasertib": "ongoing"}),
    (
        "CURRENT MEDS\n1. Brukinsa 80mg capsules, 2 caps twice a day. Started Feb 2024. still taking\n",
        {"zanubrutinib": "ongoing"},
    ),
    (  # "off treatment" after a remission: the course ended without saying why; the response stands
        "He received cladribine in 2017 and achieved a complete remission. He remained in remission, "
        "off treatment, for seven years.",
        {"cladribine": "response"},
    ),
    (  # an assessment to come at a later relapse has not happened
        "ASSESSMENT/PLAN\nIn second CR on azacitidine + venetoclax.\n- Continue aza/ven.\n"
        "- Menin inhibitor discussed as a future option at next relapse; not started.\n",
        {"azacitidine": "response", "venetoclax": "response"},
    ),
]


@pytest.mark.parametrize(("text", "want"), OUTCOMES)
def test_outcome_wordings(extract, text: str, want: dict[str, str]) -> None:
    got = _outcomes(extract(text))
    assert {a: got.get(a) for a in want} == want


def test_a_history_item_that_only_records_what_happened_next(extract) -> None:
    text = (
        "ONCOLOGIC HISTORY\n"
        " - 08/2019 - 01/2020  bendamustine 90 mg/m2 + rituximab 375 mg/m2 x6 -> complete response.\n"
        "            Rituximab maintenance q8wk x 2 yrs, completed 12/2021.\n"
        " - 02/2023  Progression (CT: new iliac adenopathy).\n"
    )
    assert _outcomes(extract(text)) == {"bendamustine": "progression", "rituximab": "progression"}


def test_a_pathologic_response_in_the_resection_item_is_the_neoadjuvant_regimens(extract) -> None:
    text = (
        "Summary:\n"
        " - Neoadjuvant chemoradiation: weekly carboplatin AUC 2 + paclitaxel 50 mg/m2 x5 with 41.4 Gy,\n"
        "   2025-03-10 to 2025-04-11. Tolerated well.\n"
        " - Esophagectomy 2025-05-27: ypT1b ypN1, residual tumour ~10% (partial pathologic response).\n"
    )
    assert _outcomes(extract(text)) == {"carboplatin": "response", "paclitaxel": "response"}


def test_a_recurrence_after_a_completed_course_is_not_carried_as_progression(extract) -> None:
    text = "History:\n - 2019-2024 adjuvant anastrozole, completed 03/2024.\n - 05/2024 liver relapse.\n"
    assert _outcomes(extract(text)) == {"anastrozole": "stopped"}


def test_a_table_row_cut_at_a_full_stop_is_one_fact(extract) -> None:
    text = (
        "Treatment | Dates | Result\n"
        "Avapritinib | 2024-03-04 to present | Dose reduced for oedema. CT 2024-06: partial response\n"
    )
    assert _outcomes(extract(text)) == {"avapritinib": "response"}


def test_a_plan_line_that_assesses_a_drug_speaks_of_one_given(extract) -> None:
    text = (
        "A/P:\n1. Relapsed FL, 3rd line tazemetostat - stable disease after 2 cycles, tolerating well.\n"
        "Continue tazemetostat 800 mg BID.\n"
    )
    assert _outcomes(extract(text)) == {"tazemetostat": "stable"}


def test_stay_on_this_treatment_gives_the_assessment_to_the_current_regimen(extract) -> None:
    text = (
        "In February I started the Truqap and Faslodex.\n\n"
        "1. Please RESTART Truqap on Monday at the lower dose.\n"
        "2. Your Faslodex injections continue as scheduled.\n"
        "3. Good news on the CT: the spots in your liver are stable - no growth and nothing new. So the "
        "plan is to stay on this treatment.\n"
    )
    assert _outcomes(extract(text)) == {"capivasertib": "stable", "fulvestrant": "stable"}


def test_a_drug_judged_not_appropriate_and_a_response_too_early_to_judge(extract) -> None:
    text = (
        "MEDICATIONS:\n- Avapritinib 25 mg PO once daily, started 2025-03-03. Tolerating well.\n\n"
        "Imatinib is not appropriate (KIT D816V confers resistance).\n\n"
        "ASSESSMENT: on avapritinib for 11 weeks. Too early to judge response; response assessment at 24 "
        "weeks. Continue avapritinib.\n"
    )
    assert _outcomes(extract(text)) == {"avapritinib": "ongoing"}


def test_another_thing_completed_does_not_end_the_regimen(extract) -> None:
    text = (
        "Assessment: complete metabolic response at PET2 on ABVD. Continue ABVD, cycle 3 today. "
        "Survivorship: fertility preservation (oocyte cryopreservation) completed 12/2024.\n"
    )
    got = _outcomes(extract(text))
    assert got["bleomycin"] == "response"
