"""Dates written day-first, year-first or with dots; drugs given only in a dated line; JAK
inhibitors; a stop that names progression as its reason; a drug added to a regimen; a heading
with its date in brackets; "-based" regimens. Sentences written for these tests."""

from __future__ import annotations

import pytest
from casewise_core.profile import Profile
from casewise_extractor.nlp.dates import date_order, find_dates, report_date


def _outcomes(profile: Profile) -> dict[str, str | None]:
    return {t.agent: t.outcome for t in profile.treatments}


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("seen on 7 Feb 2024", "2024-02-07"),
        ("seen on 2024/02/07", "2024-02-07"),
        ("seen on 27/02/2024", "2024-02-27"),  # only day-first reads
        ("seen on 27.02.2024", "2024-02-27"),
        ("seen on 02.27.2024", "2024-02-27"),  # only month-first reads
        ("seen on 02/07/2024", "2024-02-07"),  # a slash stays US month/day
    ],
)
def test_dates_in_other_orders(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(text)] == [iso]


def test_an_ambiguous_dotted_date_keeps_only_its_year() -> None:
    (d,) = find_dates("letter of 05.06.2024")
    assert (d.iso, d.ambiguous) == ("2024", True)


def test_an_ambiguous_report_date_does_not_date_the_report() -> None:
    assert report_date("Date: 05.06.2024\nDear colleague") is None


def test_a_stated_format_or_another_dotted_date_settles_the_order() -> None:
    assert report_date("Date: 05.06.2024 (dd.mm.yyyy)\nDear colleague") == "2024-06-05"
    assert date_order("drawn 05.06.2024, received 05.19.2024") == "md"
    assert report_date("Date: 05.06.2024\ncc: lab, 19.06.2024") == "2024-06-05"


def test_a_drug_in_a_year_first_dated_line_is_received(extract) -> None:
    p = extract("CURRENT THERAPY\n- Venclexta was added on 2024/06/02; held on 2024/06/05 for TLS.")
    assert [t.agent for t in p.treatments] == ["venetoclax"]
    assert p.treatments[0].start == "2024-06-02"


def test_jak_inhibitor_brand_on_a_lab_requisition_row(extract) -> None:
    p = extract("Clinical details | On Jakafi 10 mg twice daily since 03/2023; spleen smaller")
    assert _outcomes(p) == {"ruxolitinib": "ongoing"}


def test_jak_inhibitors_listed_as_approved_are_not_received(extract) -> None:
    p = extract("INFORMATION\nJAK inhibitors approved in myelofibrosis include fedratinib and momelotinib.")
    assert p.treatments == []


def test_stopped_at_progression_is_progression(extract) -> None:
    p = extract("Niraparib maintenance from 2021-04 to 2023-01, discontinued at progression (new ascites).")
    assert _outcomes(p) == {"niraparib": "progression"}


def test_stop_at_progression_in_a_plan_has_not_happened(extract) -> None:
    p = extract("Niraparib maintenance since 2021-04; to be stopped at progression.")
    assert _outcomes(p)["niraparib"] != "progression"


def test_a_drug_added_to_a_regimen_shares_its_response(extract) -> None:
    p = extract("Carboplatin and docetaxel x 6 (2021), with bevacizumab from cycle 3; partial response.")
    assert _outcomes(p) == {"carboplatin": "response", "docetaxel": "response", "bevacizumab": "response"}


def test_a_plan_heading_with_a_date_ends_family_history(extract) -> None:
    p = extract(
        "FAMILY HISTORY: brother with lung cancer.\n\nPLAN (03/14): FOLFOX every 2 weeks.\n\n"
        "Note 2024/04/01: cycle 2 given. Continue FOLFOX."
    )
    assert {t.agent for t in p.treatments} == {"fluorouracil", "leucovorin", "oxaliplatin"}


def test_response_after_a_drug_based_regimen(extract) -> None:
    p = extract("Complete response after carboplatin-based chemoradiation.")
    assert _outcomes(p) == {"carboplatin": "response"}
