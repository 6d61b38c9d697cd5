"""Treatment histories from clinic notes: each outcome, line and date attaches to the drug it is
about, a plan mention with a past start date is a treatment received, and an outcome the sentence
does not tie to a drug (or that has not happened: "if progression") is given to none."""

from __future__ import annotations

import pytest
from casewise_core.profile import Profile


def _tx(profile: Profile) -> dict[str, tuple[str | None, int | None, str | None, str | None]]:
    return {t.agent: (t.outcome, t.line, t.start, t.end) for t in profile.treatments}


def _outcomes(profile: Profile) -> dict[str, str | None]:
    return {t.agent: t.outcome for t in profile.treatments}


def test_progression_attaches_to_the_drug_it_names_not_the_earlier_regimen(extract) -> None:
    got = _outcomes(extract("The patient received AC-T and then letrozole; progressed on letrozole."))
    assert got == {
        "doxorubicin": None,
        "cyclophosphamide": None,
        "paclitaxel": None,
        "letrozole": "progression",
    }


OUTCOMES = [
    (
        "Treatment history: carboplatin/pemetrexed, stopped for toxicity; then pembrolizumab with "
        "partial response.",
        {"carboplatin": "stopped", "pemetrexed": "stopped", "pembrolizumab": "response"},
    ),
    ("Partial response to FOLFOX; PD on FOLFIRI.", {"oxaliplatin": "response", "irinotecan": "progression"}),
    (
        "Received FOLFOX then FOLFIRI with disease progression.",
        {"oxaliplatin": None, "irinotecan": "progression"},
    ),
    (
        "Pembrolizumab was stopped for toxicity. He remains on osimertinib.",
        {"pembrolizumab": "stopped", "osimertinib": "ongoing"},
    ),
    (
        "Switched from anastrozole to exemestane in 2022 because of arthralgias.",
        {"anastrozole": "stopped", "exemestane": None},
    ),
    ("Osimertinib held for 2 weeks due to pneumonitis, resumed 03/2025.", {"osimertinib": "ongoing"}),
    (
        "Progressed on osimertinib in 2024; now on amivantamab/lazertinib.",
        {"osimertinib": "progression", "amivantamab": "ongoing", "lazertinib": "ongoing"},
    ),
    ("Off treatment since 06/2024 after completing adjuvant capecitabine.", {"capecitabine": "stopped"}),
    ("Currently on second-line sacituzumab govitecan, C3D1 today.", {"sacituzumab govitecan": "ongoing"}),
]


@pytest.mark.parametrize(("text", "want"), OUTCOMES)
def test_each_outcome_phrase_binds_to_its_own_drug(extract, text: str, want: dict[str, str | None]) -> None:
    got = _outcomes(extract(text))
    assert {agent: got.get(agent, "missing") for agent in want} == want


def test_an_outcome_that_has_not_happened_is_nobodys(extract) -> None:
    assert _outcomes(extract("Plan: continue letrozole; if progression, consider fulvestrant.")) == {
        "letrozole": "ongoing"
    }


def test_lines_and_dates_stay_with_their_own_drug(extract) -> None:
    got = _tx(
        extract(
            "1L FOLFOX x 8 cycles (2021), 2L FOLFIRI + bevacizumab (2022-2023, PD), now regorafenib.\n"
            "Prior therapies: tamoxifen (2015-2020), then letrozole until progression in 2023.\n"
            "Pembrolizumab discontinued 09/2024 due to grade 3 colitis.\n"
        )
    )
    assert got["oxaliplatin"] == (None, 1, "2021", None)
    assert got["irinotecan"] == ("progression", 2, "2022", "2023")
    assert got["regorafenib"][0] == "ongoing"
    assert got["tamoxifen"] == (None, None, "2015", "2020")
    assert got["letrozole"] == ("progression", None, None, "2023")
    assert got["pembrolizumab"] == ("stopped", None, None, "2024-09")


def test_a_drug_after_then_in_a_received_sentence_is_received_with_its_line(extract) -> None:
    got = _tx(extract("Osimertinib from 2023-04 to 2023-09, then 2L amivantamab."))
    assert got["osimertinib"] == (None, None, "2023-04", "2023-09")
    assert got["amivantamab"][1] == 2


def test_ac_without_t_expands_to_doxorubicin_and_cyclophosphamide(extract) -> None:
    got = _tx(extract("Completed 4 cycles of AC followed by weekly paclitaxel x12 in 2021."))
    assert {"doxorubicin", "cyclophosphamide", "paclitaxel"} <= set(got)


def test_a_plan_mention_with_a_past_start_date_is_received(extract) -> None:
    p = extract(
        "Recommendation: osimertinib 80 mg daily (started 10/25 by Dr Chen), consider adding\n"
        "  carboplatin/pemetrexed per FLAURA2.\n"
    )
    assert {t.agent for t in p.treatments} == {"osimertinib"}


@pytest.mark.parametrize(
    "text",
    [
        "Recommendation: start osimertinib 80 mg daily.",
        "Plan: osimertinib to be started 11/02 pending insurance.",
        "Recommendation: osimertinib 80 mg daily; not started yet.",
    ],
)
def test_a_plan_without_a_past_start_is_still_not_received(extract, text: str) -> None:
    assert extract(text).treatments == []
