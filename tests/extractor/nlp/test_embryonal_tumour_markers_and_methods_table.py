"""Embryonal CNS tumour subgrouping genes and stains are in the lexicon (SHH pathway genes, GAB1/YAP1/OTX2
stains), and a results table right after a "Methods: ..." paragraph is read as results, not as method text."""

from __future__ import annotations

from .conftest import Extract, facts


def test_shh_pathway_genes_and_subgroup_stains(extract: Extract) -> None:
    got = facts(
        extract(
            "Medulloblastoma, SHH-activated.\n"
            "Sequencing: PTCH1 p.(Gln1200*) detected. SUFU: no pathogenic variant. SMO wild-type. "
            "DDX3X not mutated. ELP1: variant of uncertain significance.\n"
            "GLI2 amplification detected by FISH.\n"
            "Immunohistochemistry: GAB1 positive; YAP1 positive; OTX2 negative.\n"
        )
    )
    assert ("PTCH1", "mutation", "positive") in got
    assert ("SUFU", "mutation", "negative") in got
    assert ("SMO", "mutation", "negative") in got
    assert ("DDX3X", "mutation", "negative") in got
    assert ("ELP1", "mutation", "uncertain") in got
    assert ("GLI2", "amplification", "positive") in got
    assert {("GAB1", "expression", "positive"), ("YAP1", "expression", "positive")} <= got
    assert ("OTX2", "expression", "negative") in got


def test_smo_inhibitor_is_no_result(extract: Extract) -> None:
    got = facts(extract("Basal cell carcinoma.\nAn SMO inhibitor such as vismodegib was discussed.\n"))
    assert not {f for f in got if f[0] == "SMO"}


def test_results_table_after_inline_methods_paragraph(extract: Extract) -> None:
    text = (
        "Glioma, molecular studies.\n"
        "Methods: DNA from block B2, hybrid capture panel of 300 genes, limit of detection 5% VAF.\n"
        "Gene | Result | Tier\n"
        "IDH1 | No pathogenic variant | -\n"
        "CDKN2A | Homozygous deletion | Tier I\n"
    )
    got = facts(extract(text))
    assert ("IDH1", "mutation", "negative") in got
    assert ("CDKN2A", "deletion", "positive") in got


def test_methods_heading_line_still_ignores_its_table(extract: Extract) -> None:
    text = (
        "Glioma, molecular studies.\n"
        "Methods\n"
        "Gene | Exons covered\n"
        "IDH1 | exon 4 (codon 132) positive control included\n"
    )
    assert not {f for f in facts(extract(text)) if f[0] == "IDH1"}


def test_paediatric_and_leukaemia_lexicon_additions(extract: Extract) -> None:
    got = facts(
        extract(
            "B-lymphoblastic leukaemia.\n"
            "MLPA: EBF1 deletion not detected; BTG1 deletion not detected.\n"
            "Flow cytometry: CD58 bright positive; CD13 negative.\n"
            "Germline panel: no pathogenic variant in RECQL4, ACVR1 or ARID1B.\n"
            "Myeloid FISH: PDGFRB rearrangement not detected.\n"
        )
    )
    assert {("EBF1", "deletion", "negative"), ("BTG1", "deletion", "negative")} <= got
    assert {("CD58", "expression", "positive"), ("ANPEP", "expression", "negative")} <= got
    assert {("RECQL4", "mutation", "negative"), ("ACVR1", "mutation", "negative")} <= got
    assert ("ARID1B", "mutation", "negative") in got
    assert ("PDGFRB", "fusion", "negative") in got


def test_mammaglobin_stain(extract: Extract) -> None:
    got = facts(extract("Secretory carcinoma of the parotid.\nIHC: mammaglobin diffusely positive.\n"))
    assert ("SCGB2A2", "expression", "positive") in got
