"""Drugs given or not in the records a patient assembles (blind16 wording families: discharge
summaries, authorisation and appeal letters, pharmacy records, trial worksheets, second opinions;
sentences written for these tests).

- "X has not been given" at the end of its clause withdraws X named as given elsewhere in the
  document (a plan read as a course); "not given since March" says nothing of the kind.
- A drug prescribed but "not taken", or that the family "could not afford", was not received.
- A request, application or order that was withdrawn, cancelled or denied gives no drug; nor does
  an enquiry about coverage, an appeal of a denial, a "Future" or "Planned" status cell.
- "The standard-of-care option is X", "we prefer X given the data" name an option, not a drug given.
- Metronomic methotrexate with celecoxib is an anticancer regimen; methotrexate alone stays
  unread (it is often a rheumatology drug in these records). "Progressing on oral metronomic X"
  is a progression on X.
- Drugs under a heading "discussed but not had / not given" were not received.
"""

from __future__ import annotations

import pytest

from .conftest import Extract, agents, outcomes


def test_a_drug_said_not_given_is_withdrawn_from_the_plan_read_before(extract: Extract) -> None:
    text = (
        "ONCOLOGIC HISTORY\n"
        "- 02/2026: plan per his haematologist (clinic note 02/20/2026): venetoclax + obinutuzumab.\n"
        "\nHOSPITAL COURSE\n"
        "Venetoclax ramp-up started 03/02/2026.\n"
        "Obinutuzumab has not been given; it starts after the ramp-up.\n"
    )
    got = agents(extract(text))
    assert "venetoclax" in got
    assert "obinutuzumab" not in got


def test_a_drug_not_given_since_a_date_was_given_before(extract: Extract) -> None:
    text = "Pembrolizumab 200 mg q3w from 01/2025. Pembrolizumab has not been given since 06/2025 (colitis)."
    assert "pembrolizumab" in agents(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Tab gefitinib 250 mg OD was prescribed in 03/2026, but he could not afford it and never took it.",
        "Capecitabine 1000 mg/m2 was prescribed 02/2026, but she has NOT taken it.",
    ],
)
def test_a_drug_prescribed_but_not_taken_is_not_received(extract: Extract, text: str) -> None:
    assert not agents(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-02 | Ponatinib 45 mg tab - special access request faxed | WITHDRAWN 2025-03-09",
        "2025-04-11 | Asciminib - physician enquiry about coverage only | No prescription on file",
        "We are appealing the denial dated 01/30/2026 of sacituzumab govitecan for this patient.",
        "3 | Olaparib maintenance from week 12, subject to counts | Dr Rao | Future",
    ],
)
def test_a_request_enquiry_appeal_or_future_entry_is_no_drug_given(extract: Extract, text: str) -> None:
    assert not agents(extract(text))


def test_the_standard_option_named_is_not_a_drug_given(extract: Extract) -> None:
    text = "PI note 06/2026: the standard-of-care option is cabozantinib 60 mg daily (second line)."
    assert not agents(extract(text))


def test_metronomic_methotrexate_and_celecoxib_are_a_regimen(extract: Extract) -> None:
    text = "Recurrent disease progressing on oral metronomic methotrexate + celecoxib after 2 months."
    got = outcomes(extract(text))
    assert got.get("methotrexate") == "progression"
    assert got.get("celecoxib") == "progression"


def test_methotrexate_for_arthritis_is_not_an_anticancer_drug(extract: Extract) -> None:
    text = "Rheumatoid arthritis: methotrexate 15 mg weekly since 2012; celecoxib 200 mg as needed."
    assert not agents(extract(text))


@pytest.mark.parametrize(
    "heading",
    ["THINGS WE TALKED ABOUT BUT I HAVE NOT HAD", "Treatments discussed but not given:"],
)
def test_drugs_under_a_discussed_but_not_had_heading_are_not_received(extract: Extract, heading: str) -> None:
    text = (
        "TREATMENT SO FAR\n1) Osimertinib 80 mg daily from 01/2023.\n\n"
        f"{heading}\n- Amivantamab 1050 mg IV every 2 weeks (second-line) - 2025.\n"
        "- Docetaxel 75 mg/m2 x 4 cycles.\n"
    )
    assert agents(extract(text)) == {"osimertinib"}


def test_the_drug_we_prefer_is_not_a_drug_given(extract: Extract) -> None:
    text = "Olaparib was considered; we prefer niraparib given the survival data, pending approval."
    assert not agents(extract(text))
