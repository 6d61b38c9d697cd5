"""Treatments in records that patients and relatives write: their own headings ("TREATMENT SO FAR",
"My chemo diary", "Questions for Dr. N"), a "- Plan:" bullet inside one visit's notes, and a drug
named only for whom it is meant."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, agents


def test_lay_treatment_heading_reads_the_course_below(extract: Extract) -> None:
    text = (
        "Breast cancer, ER positive.\n\n"
        "MY TREATMENT SO FAR\n"
        "- four rounds of docetaxel and cyclophosphamide\n"
        "- then 5 weeks of radiation\n"
    )
    got = agents(extract(text))
    assert {"docetaxel", "cyclophosphamide"} <= got


def test_questions_heading_names_no_treatment(extract: Extract) -> None:
    text = (
        "Breast cancer.\n\n"
        "MY TREATMENT SO FAR\n"
        "- four rounds of docetaxel and cyclophosphamide\n\n"
        "Questions for Dr. Nakamura\n"
        "1. Should I ask about Kisqali after the radiation?\n"
        "2. A lady in my group took palbociclib after chemo - is that for me too?\n"
    )
    got = agents(extract(text))
    assert "ribociclib" not in got
    assert "palbociclib" not in got


def test_diary_heading_reads_its_dated_rows(extract: Extract) -> None:
    text = (
        "Rectal cancer with liver spots.\n"
        "Plan\n"
        "CAPOX every 3 weeks, maybe surgery later.\n"
        "My chemo diary\n"
        "03/02/25 | cycle 1 CAPOX | tired\n"
        "03/23/25 | cycle 2 CAPOX | cold hands\n"
    )
    got = agents(extract(text))
    assert {"capecitabine", "oxaliplatin"} <= got


def test_plan_bullet_covers_its_visit_only(extract: Extract) -> None:
    text = (
        "VISIT 2 - 03/04/2025\n"
        "- Plan: gemcitabine + cisplatin every 3 weeks.\n"
        "- Dr K also talked about durvalumab later.\n"
        "\n"
        "VISIT 3 - 04/15/2025\n"
        "- Dad STARTED gemcitabine 04/14/2025, cisplatin was skipped for his kidneys.\n"
    )
    got = agents(extract(text))
    assert "gemcitabine" in got
    assert "durvalumab" not in got


def test_drug_meant_for_others_is_not_received(extract: Extract) -> None:
    text = (
        "TREATMENT\n"
        "- He started Keytruda on 01/10/2025.\n"
        "- The nurse said Tagrisso is only for EGFR-mutated cancers, which he does not have.\n"
        "- Dr. Yu mentioned Lumakras as the other option for later.\n"
    )
    got = agents(extract(text))
    assert "pembrolizumab" in got
    assert "osimertinib" not in got
    assert "sotorasib" not in got


def test_quoted_forum_reply_is_another_persons(extract: Extract) -> None:
    text = (
        "Post #2 by kate_r | 03 Apr 2024\n"
        "Started ipilimumab and nivolumab on 03/01/2024, first scan next month.\n"
        "\n"
        "  > Reply by hikerdan77 (04 Apr 2024): I had relatlimab with nivolumab in 2022, NED since!\n"
        "  > Good luck.\n"
    )
    got = agents(extract(text))
    assert {"ipilimumab", "nivolumab"} <= got
    assert "relatlimab" not in got


def test_writer_takes_back_a_drug(extract: Extract) -> None:
    text = (
        "I started enzalutamide in 2022. Before that I had 4 cycles of cabazitaxel? No wait, that was my "
        "neighbour Tom, ignore that.\n"
    )
    got = agents(extract(text))
    assert "enzalutamide" in got
    assert "cabazitaxel" not in got


def test_likely_start_and_will_not_be_given_are_plans(extract: Extract) -> None:
    text = (
        "Progression on enzalutamide, stopped 09/2025. We'll keep leuprolide and most likely start "
        "cabazitaxel next month; olaparib will not be given.\n"
    )
    got = agents(extract(text))
    assert "enzalutamide" in got
    assert "cabazitaxel" not in got
    assert "olaparib" not in got


def test_drug_the_writer_read_about_is_not_received(extract: Extract) -> None:
    text = "TREATMENT\n- Imatinib since 2023.\n- We also read about ripretinib online, is that for later?\n"
    got = agents(extract(text))
    assert "imatinib" in got
    assert "ripretinib" not in got
