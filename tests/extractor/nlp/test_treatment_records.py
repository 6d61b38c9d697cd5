"""Treatments and outcomes as infusion records, intake summaries and lay letters state them: an
order cancelled or a drug only planned is not received; a cycle-day entry is a drug being given;
a later assessment belongs to the drugs still given; a maintenance drug's response is its
induction partners' too. Sentences are our own."""

from __future__ import annotations

import pytest
from casewise_core.profile import Profile


def _outcomes(profile: Profile) -> dict[str, str | None]:
    return {t.agent: t.outcome for t in profile.treatments}


NOT_RECEIVED = [
    (
        "Treatment history: FOLFIRI given 2024-02-01. Cetuximab order dated 2024-01-20 was cancelled "
        "by pharmacy and never dispensed.",
        "cetuximab",
    ),
    (
        "Comment: after surgery, adjuvant olaparib for one year is planned. Not yet started.",
        "olaparib",
    ),
    (
        "Treatment history: gemcitabine given 2023-05-02; nab-paclitaxel order cancelled before "
        "the first dose.",
        "nab-paclitaxel",
    ),
]


@pytest.mark.parametrize(("text", "drug"), NOT_RECEIVED)
def test_a_cancelled_order_or_a_planned_drug_is_not_received(extract, text: str, drug: str) -> None:
    got = {t.agent for t in extract(text).treatments}
    assert drug.replace("nab-", "") not in got and drug not in got


def test_cycle_day_entry_is_a_drug_being_given(extract) -> None:
    text = "INFUSION NOTE\nC4D1 of cisplatin 75 mg/m2 + etoposide 100 mg/m2 administered today.\n"
    assert _outcomes(extract(text)) == {"cisplatin": "ongoing", "etoposide": "ongoing"}


def test_cycle_day_spelled_out_reaches_a_dosed_regimen(extract) -> None:
    text = "Cycle 3 Day 1, cisplatin 75 mg/m2 + pemetrexed 500 mg/m2 + nivolumab\n360 mg q3w.\n"
    got = _outcomes(extract(text))
    assert got == {"cisplatin": "ongoing", "pemetrexed": "ongoing", "nivolumab": "ongoing"}


def test_creatinine_is_not_a_complete_response(extract) -> None:
    text = "Treatment history: FOLFOX given 2024-03-01.\nLabs today: ANC 3.1, Cr 0.9, LFTs normal.\n"
    assert set(_outcomes(extract(text)).values()) == {None}


def test_drugs_given_together_stay_one_group_across_doses_and_formulations(extract) -> None:
    text = (
        "PAST TREATMENT\n"
        "1. Cisplatin 75 mg/m2 + liposomal irinotecan x 4 (2023-01 to 2023-04).\n"
        "   Best response: partial response.\n"
    )
    got = _outcomes(extract(text))
    assert got == {"cisplatin": "response", "irinotecan": "response"}


def test_later_assessment_goes_to_the_drugs_still_given(extract) -> None:
    text = (
        "Treatment history: irinotecan stopped for diarrhoea; continue capecitabine + bevacizumab. "
        "Restaging CT: stable disease.\n"
    )
    got = _outcomes(extract(text))
    assert got == {"irinotecan": "stopped", "capecitabine": "stable", "bevacizumab": "stable"}


def test_maintenance_response_is_the_induction_partners_response_too(extract) -> None:
    text = (
        "Your treatment\n"
        "In March you started atezolizumab and bevacizumab together. Since May you have been on "
        "atezolizumab alone. Your last scan shows the tumour has shrunk.\n"
    )
    got = _outcomes(extract(text))
    assert got == {"atezolizumab": "response", "bevacizumab": "response"}


def test_maintenance_stop_is_not_given_to_completed_partners(extract) -> None:
    text = (
        "Treatment history: carboplatin and etoposide with atezolizumab x4 in 2024. Then atezolizumab "
        "alone. Atezolizumab stopped for colitis.\n"
    )
    got = _outcomes(extract(text))
    assert got["atezolizumab"] == "stopped"
    assert got["carboplatin"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Intravesical BCG x6 in 2024. BCG stopped in 2025 - BCG-unresponsive recurrence.",
        "Treatment history: carboplatin + paclitaxel x6; platinum-refractory disease.",
    ],
)
def test_unresponsive_or_refractory_disease_is_progression(extract, text: str) -> None:
    got = _outcomes(extract(text))
    assert got and "progression" in got.values()
