"""Biomarker results read from the blind12 wording families (our own sentences, not the blind documents).

- A generic indication reference ("pembrolizumab for MSI-H or TMB-high solid tumours", "not
  patient-specific") names biomarker-drug pairs for a population, never this patient's results.
- p53 read by its staining pattern ("p53 aberrant (null pattern)") is the TP53 mutation surrogate even
  where the clause names no IHC word.
- A PD-L1 stain below a "variants of uncertain significance: none" heading is no VUS.
- A "VUS" glued to the last item of a list of named variants is that item's class only: the earlier
  items with their own variants do not take it.
- BRAF VE1 is a V600E-specific antibody: the stain reads BRAF mutation status, not BRAF expression.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

from .conftest import facts


@pytest.mark.parametrize(
    "text",
    [
        "General reference (not patient-specific): targeted options in this setting include erdafitinib for "
        "FGFR2/FGFR3 alterations and pembrolizumab for MSI-H/dMMR or TMB-high solid tumours.",
        "Tumour-agnostic approvals: larotrectinib for NTRK fusion-positive cancers; dabrafenib plus "
        "trametinib for BRAF V600E-mutant solid tumors; T-DXd for HER2 IHC 3+ solid tumors.",
        "For reference, pembrolizumab is approved for MSI-high or TMB-high (10 mut/Mb or more) solid tumours "
        "that progressed after prior treatment.",
    ],
)
def test_indication_reference_gives_no_patient_result(extract: Callable[[str], Profile], text: str) -> None:
    assert facts(extract(text)) == set()


def test_patient_results_beside_a_reference_box_stay(extract: Callable[[str], Profile]) -> None:
    got = facts(
        extract(
            "TMB: 3 mut/Mb (low). Microsatellite stable (MSS).\n"
            "Reference (generic, not patient-specific): pembrolizumab for MSI-H or TMB-high solid tumours."
        )
    )
    assert got == {("TMB", "signature", "negative"), ("MSI", "signature", "negative")}


@pytest.mark.parametrize(
    "text",
    [
        "Histology: serous carcinoma; p53 aberrant (null pattern); ER weakly positive.",
        "Pathology summary - p53 mutant pattern (diffuse strong), WT1 negative.",
        "Molecular subtype by surrogate: p53 abnormal pattern.",
    ],
)
def test_p53_pattern_without_an_ihc_word(extract: Callable[[str], Profile], text: str) -> None:
    assert ("TP53", "mutation", "positive") in facts(extract(text))


def test_p53_wild_type_pattern_without_an_ihc_word(extract: Callable[[str], Profile]) -> None:
    assert ("TP53", "mutation", "negative") in facts(extract("Endometrioid, grade 2; p53 wild-type pattern."))


@pytest.mark.parametrize(
    "text",
    [
        "VARIANTS OF UNCERTAIN SIGNIFICANCE: None reported.\n\n"
        "PD-L1 IMMUNOHISTOCHEMISTRY (SP263)\n"
        " Tumour Proportion Score (TPS): 30 %\n",
        "Variants of unknown significance : none\n"
        "PD-L1 immunostain (22C3 pharmDx)\n"
        "Tumour Proportion Score (TPS): 15%\n",
    ],
)
def test_pdl1_stain_under_an_empty_vus_heading(extract: Callable[[str], Profile], text: str) -> None:
    assert facts(extract(text)) == {("CD274", "expression", "positive")}


def test_vus_label_glued_to_last_item_is_its_own(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("Tumour profiling: KRAS G12D, TP53 R248Q, PALB2 VUS; MSS."))
    assert ("KRAS", "mutation", "uncertain") not in got
    assert ("TP53", "mutation", "uncertain") not in got
    assert ("PALB2", "mutation", "uncertain") in got


def test_shared_vus_label_on_bare_genes_still_shared(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("Germline panel: BRCA2, ATM - variants of uncertain significance."))
    assert {("BRCA2", "mutation", "uncertain"), ("ATM", "mutation", "uncertain")} <= got


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("BRAF VE1 IHC equivocal; molecular testing to follow.", "equivocal"),
        ("BRAF (VE1) immunostain: negative in tumour cells.", "negative"),
        ("Immunohistochemistry for BRAF with the VE1 clone is positive.", "positive"),
    ],
)
def test_ve1_stain_reads_braf_mutation(extract: Callable[[str], Profile], text: str, status: str) -> None:
    got = facts(extract(text))
    assert ("BRAF", "mutation", status) in got
    assert not any(g == "BRAF" and a == "expression" for g, a, _ in got)


def test_pdl1_expression_words_under_a_vus_heading_are_no_vus(extract: Callable[[str], Profile]) -> None:
    got = facts(
        extract(
            "Variants of uncertain significance: none identified.\n\n"
            "PD-L1 (SP263) tumour cell score: 40% - high PD-L1 expression.\n"
        )
    )
    assert ("CD274", "expression", "positive") in got
    assert ("CD274", "expression", "uncertain") not in got


def test_mutation_specific_stain_heading_takes_the_next_line(extract: Callable[[str], Profile]) -> None:
    got = facts(
        extract(
            "BRAF V600E immunohistochemistry (clone VE1):\n"
            "  EQUIVOCAL - faint patchy cytoplasmic staining in a minority of tumour cells; molecular "
            "testing advised.\n"
        )
    )
    assert got == {("BRAF", "mutation", "equivocal")}


def test_stain_heading_with_a_bare_result_line(extract: Callable[[str], Profile]) -> None:
    assert facts(extract("ALK immunohistochemistry (D5F3):\n  NEGATIVE in tumour cells.\n")) == {
        ("ALK", "expression", "negative")
    }


def test_control_line_under_a_heading_is_no_result(extract: Callable[[str], Profile]) -> None:
    text = "ROS1 immunohistochemistry (D4D6):\n  Positive and negative controls reacted appropriately.\n"
    assert facts(extract(text)) == set()
