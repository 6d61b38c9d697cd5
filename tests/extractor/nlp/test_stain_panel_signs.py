"""Haematopathology and sarcoma stain panels: signs in a stain table's result column (after a clone or
source column), signs after dotted leaders, the lymphoma/sarcoma/NET stains of the lexicon, and
9p24.1 amplification and monosomy 13 from FISH. Texts are written for these tests."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_sign_after_clone_column_is_the_stain_result(extract: Extract) -> None:
    text = (
        "Immunohistochemistry (block B2)\n"
        "Marker | Clone | Result | Comment\n"
        "PAX5 | DAK-Pax5 | + | nuclear\n"
        "CD3 | 2GV6 | - | reactive T cells only\n"
        "MYC | Y69 | + | about 60% of cells\n"
        "Cyclin D1 | SP4 | - | \n"
    )
    got = facts(extract(text))
    assert ("PAX5", "expression", "positive") in got
    assert ("CD3E", "expression", "negative") in got
    assert ("MYC", "expression", "positive") in got
    assert ("CCND1", "expression", "negative") in got


def test_sign_after_source_column_and_qualified_signs(extract: Extract) -> None:
    text = (
        "Immunohistochemistry on Reed-Sternberg cells (O = outside, N = ours)\n"
        "Antibody | Source | Tumour cells | Background\n"
        "OCT2 | N | - / very weak | B cells strong\n"
        "BOB1 | O + N | - | \n"
        "MUM1 | N | + strong | \n"
        "CD34 | O | - | vessels +\n"
        "ALK1 | N | - | \n"
        "CD99 | N | patchy + | \n"
    )
    got = facts(extract(text))
    assert ("POU2F2", "expression", "negative") in got
    assert ("POU2AF1", "expression", "negative") in got
    assert ("IRF4", "expression", "positive") in got
    assert ("CD34", "expression", "negative") in got
    assert ("CD34", "expression", "positive") not in got  # the vessels' "+" is the background's
    assert ("ALK", "expression", "negative") in got
    assert ("CD99", "expression", "positive") in got


def test_dash_in_a_variant_table_stays_an_empty_cell(extract: Extract) -> None:
    text = "Sequencing results\nGene | Variant | VAF\nKRAS | G12D | -\n"
    got = facts(extract(text))
    assert ("KRAS", "mutation", "negative") not in got


def test_signs_after_dotted_leaders(extract: Extract) -> None:
    text = (
        "IMMUNOHISTOCHEMISTRY\n"
        "  TTF-1 .................. +\n"
        "  CK19 ................... + diffuse\n"
        "  Calcitonin ............. -   (medullary carcinoma excluded)\n"
        "  Galectin-3 ............. +\n"
    )
    got = facts(extract(text))
    assert ("NKX2-1", "expression", "positive") in got
    assert ("KRT19", "expression", "positive") in got
    assert ("CALCA", "expression", "negative") in got
    assert ("LGALS3", "expression", "positive") in got


def test_t_cell_and_cytotoxic_stains_on_a_spaced_panel(extract: Extract) -> None:
    text = (
        "IMMUNOHISTOCHEMISTRY\n"
        " ALK (ALK1)  + nuclear and cytoplasmic\n"
        " CD2         +\n"
        " CD4         + (weak)\n"
        " CD7         -\n"
        " CD8         -\n"
        " CD43        +\n"
        " TIA-1       +\n"
        " Granzyme B  +\n"
        " Perforin    + (focal)\n"
        " TdT         -\n"
    )
    got = facts(extract(text))
    assert ("ALK", "expression", "positive") in got
    assert ("ALK", "fusion", "positive") not in got  # a stain, not the fusion
    for gene, status in [
        ("CD2", "positive"), ("CD4", "positive"), ("CD7", "negative"), ("CD8A", "negative"),
        ("SPN", "positive"), ("TIA1", "positive"), ("GZMB", "positive"), ("PRF1", "positive"),
        ("DNTT", "negative"),
    ]:  # fmt: skip
        assert (gene, "expression", status) in got


def test_cd4_cd8_ratio_is_no_stain(extract: Extract) -> None:
    got = facts(extract("Flow cytometry: background T cells with a CD4:CD8 ratio of 3.1.\n"))
    assert not {g for g, _, _ in got} & {"CD4", "CD8A"}


def test_net_and_sarcoma_markers(extract: Extract) -> None:
    text = (
        "Immunohistochemistry\n"
        "Antibody | Result | Details\n"
        "Islet-1 | + | nuclear\n"
        "PDX1 | + | \n"
        "SATB2 | - | \n"
        "Glucagon | - | \n"
        "Rb | retained | \n"
        "SMA | - | \n"
        "MyoD1 | - | \n"
    )
    got = facts(extract(text))
    assert ("ISL1", "expression", "positive") in got
    assert ("PDX1", "expression", "positive") in got
    assert ("SATB2", "expression", "negative") in got
    assert ("GCG", "expression", "negative") in got
    assert ("RB1", "loss", "negative") in got
    assert ("ACTA2", "expression", "negative") in got
    assert ("MYOD1", "expression", "negative") in got


def test_sma_the_artery_is_no_stain(extract: Extract) -> None:
    got = facts(extract("CT: the tumour abuts the SMA over 90 degrees.\n"))
    assert not {g for g, _, _ in got} & {"ACTA2"}


def test_fusion_partner_after_bracketed_exon_is_no_finding(extract: Extract) -> None:
    text = "RNA fusion panel: EWSR1 (exon 7)::FLI1 (exon 5) in-frame fusion detected.\n"
    got = facts(extract(text))
    assert ("EWSR1", "fusion", "positive") in got
    assert ("FLI1", "fusion", "positive") not in got


def test_9p24_amplification_and_monosomy_13(extract: Extract) -> None:
    text = (
        "FISH: 9p24.1 amplification (CD274/PDCD1LG2 to centromere ratio 4.0) in 60% of tumour cells.\n"
        "Plasma cell FISH: monosomy 13 in 70% of plasma cells.\n"
    )
    got = facts(extract(text))
    assert ("CD274", "amplification", "positive") in got
    assert ("PDCD1LG2", "amplification", "positive") in got
    assert ("RB1", "deletion", "positive") in got
