"""Sequencing wordings of the blind15 germline, ctDNA and tumour panels (sentences written for these
tests, not the blind documents).

- "GENE | NM_...: c.X, p.(Y) | VUS": the transcript, cDNA and protein change name one variant; the
  cDNA is no second variant read positive beside the VUS.
- A variant-details paragraph restating a VUS with no result word is not a pathogenic finding, and
  "insufficient case-level data" is the classification's evidence, not a failed test.
- "characteristic of clonal haematopoiesis" puts a variant in the blood, not the tumour.
- "ERBB2 - no amplification, no mutation" and a cell "SNV/indel; amplification | No mutation
  detected; no amplification detected" deny both classes.
- PPP2R1A is a sequenced gene.
- A drug "option for MSI-H tumours" names its indication, not this patient's result.
"""

from __future__ import annotations

from .conftest import Extract, facts


def test_cdna_and_protein_of_one_variant_are_one_vus(extract: Extract) -> None:
    text = "CHEK2 | NM_007194.4: c.1427C>T, p.(Thr476Met) | Heterozygous | Uncertain significance (VUS)"
    got = facts(extract(text))
    assert ("CHEK2", "mutation", "uncertain") in got
    assert ("CHEK2", "mutation", "positive") not in got


_RESTATED = (
    "VARIANTS OF UNCERTAIN SIGNIFICANCE\nBARD1 | c.1134G>C p.(Arg378Ser) | VUS\n\nINTERPRETATION\n"
    "BARD1 c.1134G>C p.(Arg378Ser): a missense change{tail}.\n"
)


def test_a_restated_vus_is_not_a_pathogenic_finding(extract: Extract) -> None:
    got = facts(extract(_RESTATED.format(tail=" on which in-silico tools disagree")))
    assert ("BARD1", "mutation", "uncertain") in got
    assert ("BARD1", "mutation", "positive") not in got


def test_insufficient_case_level_data_is_no_failed_test(extract: Extract) -> None:
    got = facts(extract(_RESTATED.format(tail=" with insufficient case-level data")))
    assert ("BARD1", "mutation", "uncertain") in got
    assert ("BARD1", "mutation", "unknown") not in got


def test_insufficient_tissue_is_still_a_failed_test(extract: Extract) -> None:
    assert ("ALK", "fusion", "unknown") in facts(extract("ALK FISH failed: insufficient tumour cells."))


def test_characteristic_of_clonal_haematopoiesis_is_no_tumour_variant(extract: Extract) -> None:
    text = (
        "PIK3CA p.E545K detected (VAF 7%). A TET2 p.(Q916*) variant was seen at 0.8% VAF; its pattern "
        "is characteristic of clonal hematopoiesis and it is not reported as a tumour finding."
    )
    got = facts(extract(text))
    assert ("PIK3CA", "mutation", "positive") in got
    assert not any(g == "TET2" for g, _, _ in got)


def test_no_amplification_no_mutation_denies_both_classes(extract: Extract) -> None:
    got = facts(extract("MET - no amplification, no mutation"))
    assert {("MET", "amplification", "negative"), ("MET", "mutation", "negative")} <= got


def test_a_semicolon_in_a_later_cell_keeps_the_row(extract: Extract) -> None:
    got = facts(extract("EGFR | SNV/indel; copy number | No mutation detected; no amplification detected"))
    assert ("EGFR", "mutation", "negative") in got
    assert ("EGFR", "amplification", "negative") in got


def test_ppp2r1a_is_a_sequenced_gene(extract: Extract) -> None:
    got = facts(extract("Tumour NGS: PPP2R1A p.S256F (VAF 28%) and FBXW7 p.R465C (VAF 19%) detected."))
    assert ("PPP2R1A", "mutation", "positive") in got


def test_a_drug_option_for_a_biomarker_population_is_no_result(extract: Extract) -> None:
    got = facts(extract("Dostarlimab was noted only as an option for MSI-H tumours; not relevant now."))
    assert not any(g == "MSI" for g, _, _ in got)
