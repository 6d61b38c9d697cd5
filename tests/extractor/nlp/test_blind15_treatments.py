"""Treatment and outcome wordings of the blind15 breast, gynaecological and skin records (sentences
written for these tests, not the blind documents).

- A vendor's "Therapeutic implications" table names drugs and variants for reference only, also
  where a scan wraps the heading's bracketed note onto a line of its own.
- A "Treatment update" / "Administration record" heading ends a plan: the cycles below it were given;
  "X and Y are not part of this patient's regimen" is no drug given. A "clinical note appended"
  heading ends a report's methods section. "ACT II" (a trial) is not the AC-T regimen.
- Phesgo is pertuzumab + trastuzumab. A relapse while on a drug is progression even when the same
  sentence then stops the drug; so is a recurrence "while on" / "during" a drug. A sentence naming one
  drug twice ("X (Brand)") is about that drug: its "cycle 2 day 1" is that drug's.
- A semicolon or "then" inside brackets ends no clause; "started today" dates a start.
- "(bevacizumab NOT re-added)" in a bracket is bevacizumab's, not the course it annotates.
- "Continue X" keeps the regimen's latest assessment; "continuing adjuvant X" is a course of its own.
- A bullet indented under a drug's item ("- CT: partial response") is that item's; "150 mg bd" is a
  dose schedule, so two drugs with it are given together.
"""

from __future__ import annotations

from .conftest import Extract, agents, facts, outcomes


def test_therapeutic_implications_table_is_reference_only(extract: Extract) -> None:
    text = (
        "Result: NRAS p.Q61R DETECTED.\n"
        "Therapeutic implications (for reference; not treatment given)\n"
        "BRAF V600E | vemurafenib + cobimetinib | metastatic\n"
        "Any | pembrolizumab; nivolumab | adjuvant or metastatic\n"
    )
    p = extract(text)
    assert not agents(p)
    assert ("BRAF", "mutation", "positive") not in facts(p)


def test_treatment_update_heading_ends_the_plan(extract: Extract) -> None:
    text = (
        "Recommendation\n1. Carboplatin AUC 5 + docetaxel 75 mg/m2 three-weekly x 4.\n"
        "Chemotherapy log (entered by the nurse specialist)\n"
        "Date | Cycle | Given\n"
        "03/03/2025 | C1 | Carboplatin AUC 5, docetaxel 75 mg/m2\n"
    )
    assert agents(extract(text)) == {"carboplatin", "docetaxel"}


def test_not_part_of_the_regimen_is_not_given(extract: Extract) -> None:
    text = (
        "Administration record\n05/02/2025 | C1D1 | Zolbetuximab | 800 mg/m2 | Given\n"
        "Note: pembrolizumab and trastuzumab are not part of this patient's regimen.\n"
    )
    assert agents(extract(text)) == {"zolbetuximab"}


def test_act_trial_name_is_not_the_ac_t_regimen(extract: Extract) -> None:
    text = (
        "Treatment administered\nCisplatin 40 mg/m2 weekly with radiotherapy.\n"
        "Assessment timetable (ACT II schedule; final review at 26 weeks)\n"
    )
    assert agents(extract(text)) == {"cisplatin"}


def test_clinical_note_heading_ends_the_methods_section(extract: Extract) -> None:
    text = (
        "Methods and limitations\nHybrid-capture NGS of 300 genes.\n"
        "CLINICAL NOTE ADDED BY THE TREATING ONCOLOGIST\n"
        "Since this report: olaparib 300 mg twice daily started 02/03/2025 as maintenance.\n"
    )
    assert agents(extract(text)) == {"olaparib"}


def test_phesgo_relapse_while_on_it_is_progression(extract: Extract) -> None:
    text = (
        "- Phesgo from 09/2023 as adjuvant HER2 therapy.\n"
        "- Nodal relapse 02/2024 while still on Phesgo (cycle 6 of 9); Phesgo stopped then.\n"
    )
    assert outcomes(extract(text)) == {"pertuzumab": "progression", "trastuzumab": "progression"}


def test_recurrence_during_a_drug_is_progression(extract: Extract) -> None:
    text = "Adjuvant nivolumab from 03/2024; nodal recurrence 10/2024 during nivolumab - nivolumab stopped."
    assert outcomes(extract(text)) == {"nivolumab": "progression"}


def test_bracketed_semicolon_and_started_today(extract: Extract) -> None:
    text = (
        "Started rucaparib 600 mg twice daily (full dose; no reduction) on 03/14/2025 as maintenance.\n"
        "Ribociclib 600 mg daily (21 days on, then 7 off) and letrozole 2.5 mg started today.\n"
    )
    got = outcomes(extract(text))
    assert got == {"rucaparib": "ongoing", "ribociclib": "ongoing", "letrozole": "ongoing"}


def test_a_bracketed_not_added_is_the_other_drugs(extract: Extract) -> None:
    text = (
        "* 09/2024 - 02/2025 pegylated liposomal doxorubicin x 6 (bevacizumab NOT re-added: bleeding "
        "risk). CT 03/2025: PROGRESSION.\n"
    )
    assert outcomes(extract(text)).get("doxorubicin") == "progression"


def test_continue_a_drug_keeps_the_regimens_assessment(extract: Extract) -> None:
    text = (
        "Assessment: on cabozantinib + nivolumab since 01/2025 with stable disease.\n"
        "Plan: continue cabozantinib 40 mg daily.\n"
    )
    assert outcomes(extract(text)) == {"cabozantinib": "stable", "nivolumab": "stable"}


def test_continuing_in_a_new_setting_is_its_own_course(extract: Extract) -> None:
    text = (
        "Neoadjuvant carboplatin, paclitaxel and pembrolizumab: complete pathological response.\n"
        "You are now continuing adjuvant pembrolizumab every 3 weeks.\n"
    )
    assert outcomes(extract(text))["pembrolizumab"] == "ongoing"


def test_an_indented_bullet_belongs_to_its_drug_item(extract: Extract) -> None:
    text = (
        "Treatment history\n"
        "  3. Encorafenib 450 mg daily + binimetinib 45 mg twice daily from 01/2025.\n"
        "     - 02/2025 brief hold for fever, restarted at the same dose.\n"
        "     - CT 04/2025: PARTIAL RESPONSE.\n"
    )
    assert outcomes(extract(text)) == {"encorafenib": "response", "binimetinib": "response"}


def test_bd_dosing_joins_two_drugs(extract: Extract) -> None:
    text = "Plan: continue dabrafenib 150 mg bd and trametinib 2 mg daily; both well tolerated."
    got = outcomes(extract(text))
    assert got == {"dabrafenib": "ongoing", "trametinib": "ongoing"}


def test_relapse_while_on_then_stopped_in_one_sentence_is_progression(extract: Extract) -> None:
    text = "Bone relapse while on adjuvant tamoxifen; tamoxifen stopped at that point."
    assert outcomes(extract(text)) == {"tamoxifen": "progression"}


def test_a_drug_named_with_its_brand_is_one_group(extract: Extract) -> None:
    text = "Visit: cycle 2 day 1 sacituzumab govitecan (Trodelvy); metastatic triple-negative breast cancer."
    assert outcomes(extract(text)) == {"sacituzumab govitecan": "ongoing"}


def test_a_vendor_therapy_heading_wrapped_by_a_scan_still_heads_its_table(extract: Extract) -> None:
    text = (
        "Therapies associated with detected alterations (approved in this cancer\n\ntype)\n\n"
        "Alteration Therapy Notes\n\n"
        "KRAS G12C mutation sotorasib advanced NSCLC progressing\nafter >= 1 line of systemic therapy\n"
    )
    assert not agents(extract(text))
