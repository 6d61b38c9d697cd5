"""blind18: drugs a clinic note names without giving them."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, agents


def test_drug_that_starts_later_is_not_given(extract: Extract) -> None:
    p = extract("Continue acalabrutinib until the week before venetoclax begins, then stop it.")
    assert "venetoclax" not in agents(p)
    assert "acalabrutinib" in agents(p)


def test_not_a_drug_candidate(extract: Extract) -> None:
    p = extract("TREATMENT HISTORY\n- 05/2024 ctDNA: no PIK3CA variant -> not an alpelisib candidate.\n")
    assert "alpelisib" not in agents(p)


def test_drugs_that_remain_unsuitable(extract: Extract) -> None:
    p = extract("Bosutinib and nilotinib remain unsuitable given the T315I mutation.")
    assert not {"bosutinib", "nilotinib"} & agents(p)


def test_drug_named_in_an_interaction_note_of_another_medicine(extract: Extract) -> None:
    p = extract(
        "Medications:\n"
        "voriconazole 200 mg BID - hold until induction ends (CYP3A4 interaction with midostaurin)\n"
    )
    assert "midostaurin" not in agents(p)


def test_plan_heading_with_a_long_bracket(extract: Extract) -> None:
    p = extract(
        "Recommendations (copied to the referring oncologist)\n"
        "2. On progression: encorafenib 300 mg daily + cetuximab. Not yet started.\n"
    )
    assert "encorafenib" not in agents(p)


def test_soap_p_heading_is_a_plan(extract: Extract) -> None:
    p = extract("A: relapsed CLL.\nP:\n1. Venetoclax 400 mg daily + obinutuzumab, 12 cycles.\n")
    assert "venetoclax" not in agents(p)


def test_drug_that_has_been_started_is_still_given(extract: Extract) -> None:
    assert "imatinib" in agents(extract("Imatinib 400 mg daily has been started."))


def test_plan_dose_given_today_is_received(extract: Extract) -> None:
    p = extract("Plan:\n  - Cycle 1 day 1 sacituzumab govitecan 10 mg/kg IV - given today, tolerated well.\n")
    assert "sacituzumab govitecan" in agents(p)


def test_plan_dose_to_be_given_is_not_received(extract: Extract) -> None:
    p = extract("Plan:\n  - Sacituzumab govitecan 10 mg/kg IV to be given today if counts allow.\n")
    assert "sacituzumab govitecan" not in agents(p)
