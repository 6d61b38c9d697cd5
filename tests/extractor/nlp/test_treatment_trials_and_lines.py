"""Treatments and outcomes in the wording families blind7 showed (each text here is our own): drugs
given on a trial the patient is enrolled on; a lines-of-therapy table whose "Reason stopped" cell
gives a reason with no stop word; a cycle "due" is not given; "continues." at the end of a sentence;
an order set that writes a schedule after each dose is one regimen; "has not been started"; the
neuroendocrine tumour drugs and topotecan."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

Extract = Callable[[str], Profile]


def _outcomes(profile: Profile) -> dict[str, str | None]:
    return {t.agent: t.outcome for t in profile.treatments}


@pytest.mark.parametrize(
    "text",
    [
        "Enrolled on a clinical trial (NCT01234567) in 05/2024 and received sotorasib 960 mg daily.",
        "She received tarlatamab on a clinical trial from 02/2025.",
    ],
)
def test_a_drug_given_on_a_trial_the_patient_is_on_is_received(extract: Extract, text: str) -> None:
    assert [t.agent for t in extract(text).treatments] in (["sotorasib"], ["tarlatamab"])


@pytest.mark.parametrize(
    "text",
    [
        "He is eligible for a clinical trial of adagrasib.",
        "Referred for a clinical trial of tarlatamab; given his fatigue, no decision yet.",
    ],
)
def test_a_trial_the_patient_is_not_on_gives_no_drug(extract: Extract, text: str) -> None:
    assert extract(text).treatments == []


LINES = (
    "Prior systemic therapy:\n"
    "# | Agent | Start | End | Best response | Reason for stopping\n"
    "1 | Pembrolizumab 200 mg q3w | 2023-02-01 | 2023-09-15 | PR | Grade 3 pneumonitis\n"
    "2 | Cabozantinib 60 mg daily | 2023-10-02 | 2024-04-20 | SD | Progression in the liver\n"
    "3 | Lenvatinib 24 mg daily | 2024-05-01 | - | not yet assessed | -\n"
)


def test_a_reason_stopped_cell_stops_the_rows_drug(extract: Extract) -> None:
    assert _outcomes(extract(LINES)) == {
        "pembrolizumab": "stopped",
        "cabozantinib": "progression",
        "lenvatinib": None,
    }


def test_a_reason_column_wrapped_by_the_reader_still_names_the_column(extract: Extract) -> None:
    text = (
        "Line | Regimen | Start | Stop | Best response | Reason\n"
        "stopped\n"
        "1 | Nivolumab 480 mg | 2024-01-10 | 2024-05-02 | SD | Grade 3\n"
        "hepatitis\n"
    )
    assert _outcomes(extract(text)) == {"nivolumab": "stopped"}


def test_a_status_stated_in_the_reason_column_is_not_a_stop(extract: Extract) -> None:
    text = (
        "Drug | Dose | Start | Reason stopped / status\n"
        "Olaparib | 300 mg BID | 2024-08-01 | Active, tolerating well\n"
    )
    assert _outcomes(extract(text)) == {"olaparib": "ongoing"}


def test_a_cycle_due_on_a_later_date_is_not_given(extract: Extract) -> None:
    text = "Cycle 4 (cisplatin and etoposide) is due on 2025-06-02."
    assert extract(text).treatments == []


@pytest.mark.parametrize(
    "text", ["Octreotide LAR 30 mg since 2023; continues.", "Leuprolide since 2024; continues."]
)
def test_continues_at_the_end_of_a_sentence_is_ongoing(extract: Extract, text: str) -> None:
    assert list(_outcomes(extract(text)).values()) == ["ongoing"]


def test_an_order_set_with_schedules_is_one_regimen_that_goes_on(extract: Extract) -> None:
    text = (
        "Started 2025-05-05: gemcitabine 1000 mg/m2 days 1 and 8, cisplatin 25 mg/m2 days 1 and 8\n"
        "and durvalumab 1500 mg every 3 weeks. Cycle 1 given on 2025-05-05 without problems.\n"
    )
    assert _outcomes(extract(text)) == {
        "gemcitabine": "ongoing",
        "cisplatin": "ongoing",
        "durvalumab": "ongoing",
    }


def test_has_not_been_started_is_not_received(extract: Extract) -> None:
    text = "Cabozantinib 60 mg daily was prescribed on 2025-01-10 and has not been started."
    assert extract(text).treatments == []


def test_neuroendocrine_tumour_drugs_and_topotecan_are_anticancer_drugs(extract: Extract) -> None:
    text = (
        "Lanreotide 120 mg every 28 days started 2024-11-02.\n"
        "Everolimus 10 mg daily from 2022-01-05 to 2022-09-30.\n"
        "Topotecan 1.5 mg/m2 days 1-5 was given from 2023-03-01 to 2023-06-01.\n"
    )
    assert {t.agent for t in extract(text).treatments} == {"lanreotide", "everolimus", "topotecan"}
