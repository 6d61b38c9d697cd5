"""Paediatric and AYA regimens and the plans around them: drugs of children's protocols (dactinomycin,
mercaptopurine, pegaspargase, dordaviprone), methotrexate named as a high-dose or intrathecal course,
the steroid of an ALL induction, leucovorin given as rescue (supportive, not a drug of its own), and
drugs only planned in a roadmap ("| Planned ~06/2025 |", "is booked for", "not part of this protocol",
a "What happens next" heading), named for a drug interaction or listed as options. Also a stain's
"negativity" (a negative result, never read positive from a later "-mutant"). Texts are our own."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, agents, facts


def test_stain_negativity_is_negative(extract: Extract) -> None:
    p = extract(
        "Integrated diagnosis. Taken together, the histology, SOX10 negativity and the methylation "
        "profile indicate a diffuse hemispheric glioma, H3 G34-mutant."
    )
    got = facts(p)
    assert ("SOX10", "expression", "positive") not in got
    assert ("SOX10", "expression", "negative") in got


def test_paediatric_protocol_drugs_are_known(extract: Extract) -> None:
    got = agents(
        extract(
            "Treatment history: two cycles of vincristine and dactinomycin were given in 01/2025.\n"
            "She has been taking dordaviprone (ONC201) weekly since 03/2025.\n"
            "Maintenance received: daily 6-MP/methotrexate from 05/2024 to 11/2025.\n"
        )
    )
    assert {"dactinomycin", "dordaviprone", "mercaptopurine", "methotrexate"} <= got


def test_high_dose_and_intrathecal_methotrexate_are_courses(extract: Extract) -> None:
    got = agents(
        extract(
            "He completed four courses of high-dose methotrexate between 02/2025 and 04/2025.\n"
            "Intrathecal MTX was given on day 8 and day 29 of induction.\n"
        )
    )
    assert "methotrexate" in got


def test_leucovorin_rescue_is_supportive(extract: Extract) -> None:
    rescue = extract(
        "Week 5: HD-MTX 12 g/m2 given 03/04/2025; leucovorin 15 mg IV every 6 hours from hour 24 "
        "(rescue), then per MTX levels."
    )
    assert "leucovorin" not in agents(rescue)
    assert "methotrexate" in agents(rescue)
    colon = extract("Received 5-FU and leucovorin every 2 weeks from 01/2025 for metastatic colon cancer.")
    assert "leucovorin" in agents(colon)


def test_leukaemia_induction_steroid_is_a_treatment(extract: Extract) -> None:
    got = agents(
        extract(
            "Induction received from 09/2025: prednisone 60 mg/m2 daily for 28 days, vincristine weekly "
            "and PEG-asparaginase on day 4."
        )
    )
    assert {"prednisone", "vincristine", "pegaspargase"} <= got


def test_planned_roadmap_row_is_not_given(extract: Extract) -> None:
    got = agents(
        extract(
            "Cycle | Drugs | Dates | Notes\n"
            "1 | Ifosfamide + etoposide | 01/06/2025 - 01/10/2025 | Given\n"
            "2 | Vinblastine + bleomycin | Planned ~03/2025 | -\n"
        )
    )
    assert {"ifosfamide", "etoposide"} <= got
    assert not {"vinblastine", "bleomycin"} & got


def test_not_part_of_this_protocol_is_the_drugs_own(extract: Extract) -> None:
    got = agents(
        extract(
            "Drug key: V = vincristine 1.5 mg/m2 given weekly | C = cyclophosphamide 1.2 g/m2 given day 1 | "
            "bleomycin is not part of this protocol."
        )
    )
    assert {"vincristine", "cyclophosphamide"} <= got
    assert "bleomycin" not in got


def test_booked_block_and_next_steps_heading_are_plans(extract: Extract) -> None:
    got = agents(
        extract(
            "TREATMENT SO FAR\n"
            "  * Chemotherapy started 3 March 2025 with vincristine and irinotecan.\n\n"
            "WHAT HAPPENS NEXT - MORE INTENSIVE CHEMOTHERAPY\n"
            "From week 9 two further drugs, ifosfamide and etoposide, will alternate with the current "
            "blocks, over about 30 weeks. The first ifosfamide block is booked for 14 May 2025.\n"
        )
    )
    assert {"vincristine", "irinotecan"} <= got
    assert not {"ifosfamide", "etoposide"} & got


def test_interaction_and_options_lists_are_not_given(extract: Extract) -> None:
    got = agents(
        extract(
            "Pharmacy checked interactions of crizotinib with her antifungal (patient currently on "
            "voriconazole).\n"
            "Two options with approval in this setting after prior therapy - tucatinib (an oral HER2 kinase "
            "inhibitor taken twice daily; approved for HER2-positive colorectal cancer after chemotherapy) "
            "and neratinib.\n"
            "Consensus: trastuzumab deruxtecan from 06/2025 (zanidatamab as reasonable alternative).\n"
        )
    )
    assert not {"crizotinib", "tucatinib", "zanidatamab"} & got
