"""The alteration class a report means: p16 is a stain, a DNA hotspot list rules out no fusion, a
copy-number test looks for a gain, "loss of MLH1" is a lost stain, a drug class is no result, and lay
wording ("you carry a BRCA2 mutation") is a result. Sentences are our own, written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from casewise_core.profile import Profile

from .conftest import facts


def test_p16_is_expression_not_a_cdkn2a_mutation(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("Neck node: metastatic p16+ squamous cell carcinoma."))
    assert got == {("CDKN2A", "expression", "positive")}


def test_fusion_gene_in_dna_hotspot_list_is_a_mutation(extract: Callable[[str], Profile]) -> None:
    text = "GENES SEQUENCED - NO VARIANTS DETECTED\nBRAF | ALK | ROS1 | RET | DDR2\n"
    got = facts(extract(text))
    assert ("ALK", "mutation", "negative") in got
    assert ("RET", "mutation", "negative") in got
    assert ("DDR2", "mutation", "negative") in got
    assert not {t for t in got if t[1] == "fusion"}


def test_ihc_kind_gene_in_variant_list_is_the_gene(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("Genes with no variants detected\nGene | Result\nWT1 | Not detected\n"))
    assert got == {("WT1", "mutation", "negative")}


def test_copy_number_test_is_amplification(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("Indeterminate results: CCND1 (copy number) could not be assessed."))
    assert got == {("CCND1", "amplification", "unknown")}


def test_loss_of_function_is_a_mutation(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("An STK11 loss-of-function variant was identified."))
    assert got == {("STK11", "mutation", "positive")}


def test_loss_of_mmr_proteins_before_the_genes(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("Immunostains show loss of MSH2 and MSH6 in the tumour cells."))
    assert got == {("MSH2", "loss", "positive"), ("MSH6", "loss", "positive")}


def test_lay_carrier_wording_is_positive(extract: Callable[[str], Profile]) -> None:
    assert facts(extract("Your blood test showed you carry a BRCA2 mutation.")) == {
        ("BRCA2", "mutation", "positive")
    }
    assert extract("We will find out whether you carry a BRCA2 mutation.").biomarkers == []


def test_drug_class_named_after_target_is_no_result(extract: Callable[[str], Profile]) -> None:
    p = extract("Her tumour has KRAS G12V, which is not a target of the approved KRAS G12C inhibitors.")
    assert facts(p) == {("KRAS", "mutation", "positive")}


def test_loh_high_and_msi_stable_table_rows(extract: Callable[[str], Profile]) -> None:
    text = (
        "Genomic loss of heterozygosity | NGS | High (19%)\n"
        "Microsatellite instability | PCR fragment analysis / NGS | Stable\n"
    )
    assert facts(extract(text)) == {("HRD", "signature", "positive"), ("MSI", "signature", "negative")}


def test_stain_table_method_with_clone(extract: Callable[[str], Profile]) -> None:
    assert facts(extract("PR | IHC (1E2) | 40% | Positive")) == {("PGR", "expression", "positive")}


def test_options_reviewed_and_instructions_are_not_treatments(extract: Callable[[str], Profile]) -> None:
    text = (
        "Options discussed with the patient:\n - Nivolumab every 4 weeks.\n - Cabozantinib daily.\n\n"
        "PATIENT INSTRUCTIONS\nCheck your blood pressure at home while on lenvatinib.\n"
    )
    assert extract(text).treatments == []
