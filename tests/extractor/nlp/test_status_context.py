"""Status and context safety: a negative head before a colon list covers every item, a test's
purpose names no result, wrapped lines keep their cue, MRD is not mutation status, band notation
is not a gene, and an inline "Method:" label does not hide the results after it."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


@pytest.mark.parametrize(
    "text",
    [
        "Not detected among the genes analysed: KRAS G12D, NRAS, BRAF, RET fusions, NTRK1 fusions.",
        "Not identified in this specimen: KRAS G12D, NRAS, BRAF, RET fusions, NTRK1 fusions.",
        "No alterations detected in: KRAS G12D, NRAS, BRAF, RET fusions, NTRK1 fusions.",
        "No pathogenic variants or variants of uncertain significance were found in the other genes "
        "on this panel, which were: KRAS G12D, NRAS, BRAF, RET fusions, NTRK1 fusions.",
    ],
)
def test_a_negative_head_before_a_colon_covers_the_whole_list(extract, text: str) -> None:
    found = facts(extract(text))
    assert {s for _, _, s in found} == {"negative"}
    assert {g for g, _, _ in found} == {"KRAS", "NRAS", "BRAF", "RET", "NTRK1"}


def test_a_bare_item_keeps_its_own_class_when_later_items_name_theirs(extract) -> None:
    found = facts(extract("Not detected: KRAS, BRAF, ALK fusions, RET fusions."))
    assert ("KRAS", "mutation", "negative") in found
    assert ("BRAF", "mutation", "negative") in found
    assert ("ALK", "fusion", "negative") in found


def test_a_negative_list_head_wins_inside_a_results_section(extract) -> None:
    found = facts(extract("RESULTS:\nNegative in this sample: BRAF V600E, ALK fusion.\nKRAS G12C"))
    assert ("BRAF", "mutation", "negative") in found and ("ALK", "fusion", "negative") in found
    assert ("KRAS", "mutation", "positive") in found


def test_a_genes_tested_no_variants_table_is_negative(extract) -> None:
    text = (
        "GENES TESTED - NO VARIANTS DETECTED\nGene | Gene | Gene\nAKT1 | HRAS | MAP2K1\nIDH1 | JAK2 | MTOR\n"
    )
    found = facts(extract(text))
    assert found == {(g, "mutation", "negative") for g in ("AKT1", "HRAS", "MAP2K1", "IDH1", "JAK2", "MTOR")}


@pytest.mark.parametrize(
    "text",
    [
        "Blood NGS sent today to look for resistance mechanisms (MET amplification, ERBB2 amplification).",
        "Repeat biopsy to assess for MET amplification.",
        "Tissue NGS to check for an ALK fusion before starting chemotherapy.",
        "Plasma sequencing to screen for EGFR C797S.",
    ],
)
def test_the_purpose_of_a_test_is_not_its_result(extract, text: str) -> None:
    assert not [b for b in extract(text).biomarkers if b.status == "positive"]


def test_a_panel_description_states_no_result(extract) -> None:
    text = "The DNA panel interrogates hotspots in KRAS, BRAF and PIK3CA, and MET exon 14 skipping."
    assert not extract(text).biomarkers


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Germline panel: PALB2 variant of uncertain\nsignificance (c.100A>G).", "uncertain"),
        ("JAK2 V617F and CALR exon 9 deletion not\ndetected.", "negative"),
    ],
)
def test_a_line_wrap_inside_a_cue_keeps_the_cue(extract, text: str, status: str) -> None:
    found = extract(text).biomarkers
    assert found and {b.status for b in found} == {status}


def test_a_named_variant_before_and_takes_the_shared_not_detected(extract) -> None:
    found = facts(extract("NRAS Q61K and KIT exon 11 deletion: not\ndetected."))
    assert found == {("NRAS", "mutation", "negative"), ("KIT", "mutation", "negative")}


def test_mrd_is_monitoring_not_the_mutation_status(extract) -> None:
    found = facts(extract("NPM1 type A mutation detected at diagnosis. After cycle 2, NPM1 MRD negative."))
    assert found == {("NPM1", "mutation", "positive")}


def test_below_the_reporting_threshold_is_never_positive(extract) -> None:
    text = "RESULTS\nGene | Change | VAF | Call\nPIK3CA | p.His1047Arg | 2.1% | below reporting threshold"
    assert {b.status for b in extract(text).biomarkers} == {"negative"}


def test_a_band_in_a_translocation_is_not_a_gene(extract) -> None:
    found = facts(
        extract(
            "IGH/MAF dual fusion    t(14;16)(q32;q23)   1/200 (0.5%)    normal\n"
            "No evidence of t(4;14)(p16;q32) IGH::FGFR3 rearrangement."
        )
    )
    assert not [f for f in found if f[2] == "positive"]
    assert not [f for f in found if f[0] == "CDKN2A"]  # "p16" here is band 4p16


def test_absence_of_a_fusion_is_negative(extract) -> None:
    found = facts(extract("The absence of an ALK or ROS1 fusion fits a KRAS-driven tumour."))
    assert ("ROS1", "fusion", "negative") in found
    assert not [f for f in found if f[2] == "positive" and f[1] == "fusion"]


def test_results_after_an_inline_method_label_are_read(extract) -> None:
    text = (
        "MOLECULAR TESTING\nMethod: real-time PCR for KRAS codons 12 and 13.\n\n"
        "KRAS: G12V mutation DETECTED.\nNRAS: no mutation detected (wild-type).\n"
    )
    found = facts(extract(text))
    assert ("KRAS", "mutation", "positive") in found and ("NRAS", "mutation", "negative") in found


def test_a_caps_heading_ends_a_vus_section(extract) -> None:
    text = (
        "Variants of uncertain significance\nARID1A p.S1124L\n\nFUSION ANALYSIS (RNA)\n"
        "RET fusion status:\nNEGATIVE by RNA sequencing.\n"
    )
    assert not [b for b in extract(text).biomarkers if b.gene == "RET" and b.status == "uncertain"]
