"""Outcomes across the sentences of one history item, table status cells, and the wording families
blind4/blind5 showed (abbreviations, completed course with response, held then resumed, denied
outcomes): each test's text is our own."""

from __future__ import annotations

import pytest
from casewise_core.profile import Profile


def _outcomes(profile: Profile) -> dict[str, str | None]:
    return {t.agent: t.outcome for t in profile.treatments}


CASES = [
    (  # a later sentence of the same list item, naming no drug, speaks for the item's one group
        "Treatment history:\n- 2L gemcitabine/cisplatin x6 from 03/2023. Best response SD. PD 11/2023.\n",
        {"gemcitabine": "progression", "cisplatin": "progression"},
    ),
    (  # a maintenance subset of the regimen is the same group
        "History:\n- carboplatin/pemetrexed/pembrolizumab x4 -> pemetrexed/pembrolizumab maintenance.\n"
        "  Best response PR. Restaging 06/2024: new lesions in the liver.\n",
        {"pemetrexed": "progression", "pembrolizumab": "progression"},
    ),
    (  # two groups before the outcome sentence: nobody's
        "History:\n- FOLFOX 2021, then capecitabine 2022 maintenance. PD 2023.\n",
        {"oxaliplatin": None, "capecitabine": None},
    ),
    (  # a progression stated before a drug it ends, never before a drug it starts
        "History:\n- 02/2025: new bone lesions on PET. Anastrozole stopped 02/20/2025.\n"
        "- 03/2025: progression in the liver. Started paclitaxel 03/10/2025.\n",
        {"anastrozole": "progression", "paclitaxel": "ongoing"},  # started, nothing since (blind14)
    ),
    (  # a completed course with a response is a response
        "Completed 4 cycles of gemcitabine/cisplatin in 2022 with complete metabolic response on PET.",
        {"gemcitabine": "response"},
    ),
    (  # held for toxicity, then resumed, with an assessment: the assessment
        "History:\n- Atezolizumab held for hepatitis in 05/2024, resumed 06/2024. Scan: stable disease.\n",
        {"atezolizumab": "stable"},
    ),
    ("Pembrolizumab since 2023: CR on PET 2024; continuing.", {"pembrolizumab": "response"}),
    (  # denied: "no progression" and "not PR" are not outcomes
        "Osimertinib 80 mg daily since 01/2024. CT: stable disease, no progression, not PR.",
        {"osimertinib": "stable"},
    ),
    (  # the nearest cue before a drug binds it, past a line marker
        "Progressed on 1L chemotherapy and intolerant of 2L cabozantinib.",
        {"cabozantinib": "stopped"},
    ),
    (  # ER/PR receptor status is not a partial response
        "Letrozole since 2021 (ER+ 90%, PR- 0%, PR 5%).",
        {"letrozole": None},
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_outcomes_of_one_item(extract, text: str, want: dict[str, str | None]) -> None:
    got = _outcomes(extract(text))
    assert {agent: got.get(agent, "missing") for agent in want} == want


def test_table_status_cell_speaks_for_the_row_drug_not_a_partner(extract) -> None:
    got = _outcomes(
        extract(
            "Drug | Schedule | Start | Status\n"
            "Atezolizumab | 1200 mg q3w with bevacizumab | 01/2024 | Progression (new lung nodules)\n"
            "Bevacizumab | 15 mg/kg q3w | 01/2024 | Stopped – bleeding\n"
            "Lenvatinib | 8 mg daily | 03/2025 | Active\n"
        )
    )
    assert got == {"atezolizumab": "progression", "bevacizumab": "stopped", "lenvatinib": "ongoing"}


def test_an_earlier_course_response_does_not_stand_for_the_course_now_given(extract) -> None:
    got = _outcomes(
        extract(
            "History:\n- Neoadjuvant docetaxel/carboplatin/trastuzumab x6 with pathologic complete\n"
            "  response.\n"
            "- Adjuvant trastuzumab every 3 weeks since 02/2025; continuing.\n"
        )
    )
    assert got["docetaxel"] == "response"
    assert got["trastuzumab"] == "ongoing"


def test_a_plan_that_stops_or_continues_a_drug_speaks_of_one_received(extract) -> None:
    got = _outcomes(extract("Plan:\n1. Stop cabozantinib — progression.\n2. Now on sunitinib. Continue.\n"))
    assert got == {"cabozantinib": "progression", "sunitinib": "ongoing"}
