"""Wordings from the blind10 / blind11 sets (haematology, flow cytometry, companion-diagnostic stains,
probe descriptions): each case is a family of wordings, written here in our own words."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


def test_a_negative_list_head_on_its_own_line_covers_the_wrapped_list(extract) -> None:
    text = (
        "  No pathogenic or likely pathogenic variants were detected in the following genes:\n"
        "  BRAF (including p.V600E), FGFR1 (SNV, kinase-domain duplication and fusions),\n"
        "  NF1, IDH1, IDH2, H3-3A (H3F3A), H3C2 (HIST1H3B).\n"
    )
    got = facts(extract(text))
    assert not {f for f in got if f[2] == "positive"}  # the worst bug: "BRAF ... p.V600E" read as found
    for gene in ("BRAF", "NF1", "IDH1", "H3C2"):
        assert (gene, "mutation", "negative") in got
    assert ("FGFR1", "fusion", "negative") in got


def test_no_sentence_ends_inside_brackets(extract) -> None:
    got = facts(extract("JAK2 p.V617F (requested on referral, ?MPN): NOT detected."))
    assert got == {("JAK2", "mutation", "negative")}


@pytest.mark.parametrize(
    "text",
    [
        "FISH (BCR/ABL1 dual-colour dual-fusion probe, 200 nuclei)",
        "Hypercellular marrow. No increase in blasts on CD34 immunostaining (<2%).",
        "No blast aggregates on CD34 immunostaining.",
        "Reflex NGS panel requested per protocol for EGFR, KRAS, BRAF, MET exon 14 skipping, ALK and RET.",
        "Serum CEA high at 146 ng/mL. Calcitonin 1840 pg/mL, high.",  # serum tumour markers, not stains
    ],
)
def test_descriptions_of_tests_are_not_results(extract, text: str) -> None:
    assert facts(extract(text)) == set()


def test_a_stain_named_twice_is_one_stain(extract) -> None:
    got = facts(extract("CD117 (KIT) positive, DOG1 positive, desmin negative."))
    assert ("KIT", "expression", "positive") in got
    assert ("KIT", "mutation", "positive") not in got


def test_the_kits_signal_amplification_is_not_gene_amplification(extract) -> None:
    got = facts(extract("ALK IHC (D5F3, OptiView with amplification): NEGATIVE (no granular staining)."))
    assert got == {("ALK", "expression", "negative")}


def test_every_item_of_a_stain_line_is_a_stain(extract) -> None:
    got = facts(extract("IHC: CD20+, CD10+, BCL2+, BCL6+.\nImmunohistochemistry: cyclin D1 positive."))
    assert {("BCL2", "expression", "positive"), ("BCL6", "expression", "positive"),
            ("CCND1", "expression", "positive")} <= got  # fmt: skip
    assert not {f for f in got if f[1] == "mutation"}


def test_major_molecular_response_is_not_mismatch_repair(extract) -> None:
    text = (
        "BCR::ABL1 QUANTITATIVE MONITORING (International Scale)\n"
        "20/08/2024 | 0.38 | Loss of MMR - repeat advised\n08/04/2025 | 0.034 | MMR regained"
    )
    assert not [b for b in extract(text).biomarkers if b.gene == "MMR"]
    assert ("MMR", "signature", "positive") in facts(extract("MLH1 and PMS2 lost. MMR deficient."))


def test_flow_light_chain_restriction_and_intensity(extract) -> None:
    got = facts(
        extract(
            "Clonal B cells (kappa light-chain restricted), CD19+, CD20 dim, CD200 bright; CD10 negative."
        )
    )
    assert {("IGK", "expression", "positive"), ("MS4A1", "expression", "positive"),
            ("CD200", "expression", "positive"), ("MME", "expression", "negative")} <= got  # fmt: skip
    assert ("IGL", "expression", "positive") in facts(extract("Flow: lambda-restricted B cells."))


def test_an_ihc_score_after_the_clone(extract) -> None:
    got = facts(extract("HER2 protein | IHC 4B5 | 0 (no membrane staining)"))
    assert got == {("ERBB2", "expression", "negative")}


def test_a_companion_cut_off_overrules_a_concession(extract) -> None:
    text = (
        "Although FRα protein is expressed in most tumour cells, moderate-to-strong staining is below the "
        "cut-off; this specimen does not meet the FRα-positive criterion for mirvetuximab."
    )
    got = facts(extract(text))
    assert ("FOLR1", "expression", "positive") not in got


def test_a_percentage_below_a_bound_is_no_positive(extract) -> None:
    assert ("CD5", "expression", "positive") not in facts(
        extract("CD5 is expressed on fewer than 30% of cells.")
    )
    assert facts(extract("PR <1%.")) == {("PGR", "expression", "negative")}


def test_virus_by_in_situ_hybridisation_and_by_stain(extract) -> None:
    assert facts(extract("Stain | Result\nEBER ISH | Negative")) == {("EBV", "other", "negative")}
    got = facts(extract("IHC: CK20 positive (dot-like); MCPyV large T antigen positive."))
    assert ("MCPyV", "expression", "positive") in got


def test_round_cell_and_neuroendocrine_stains(extract) -> None:
    text = (
        "CD99 | Positive\nNKX2.2 | Positive\nMyogenin | Negative\nCD45 (LCA) | Negative\n"
        "Calcitonin | Positive\nCEA (monoclonal) | Positive"
    )
    assert facts(extract(text)) == {
        ("CD99", "expression", "positive"),
        ("NKX2-2", "expression", "positive"),
        ("MYOG", "expression", "negative"),
        ("PTPRC", "expression", "negative"),
        ("CALCA", "expression", "positive"),
        ("CEACAM5", "expression", "positive"),
    }


def test_a_result_line_answers_the_genes_named_above_it(extract) -> None:
    text = (
        "PD-L1 IHC (22C3 pharmDx), cell block CB1:\n  Tumour Proportion Score (TPS): 60%\n\n"
        "Reflex NGS panel requested per protocol for\nEGFR, KRAS, MET exon 14 skipping and ROS1.\n"
        "RESULT: INSUFFICIENT FOR NGS - TEST NOT PERFORMED."
    )
    got = facts(extract(text))
    assert ("CD274", "expression", "positive") in got
    assert {
        ("EGFR", "mutation", "unknown"),
        ("KRAS", "mutation", "unknown"),
        ("ROS1", "fusion", "unknown"),
    } <= got
    # several genes never share a bare positive: it does not say which one was found
    assert not facts(extract("Panel genes: EGFR, KRAS and BRAF.\nResult: positive."))


def test_genetics_background_is_no_result(extract) -> None:
    text = "MAP2K1 p.E102_I103del is an activating alteration and is mutually exclusive with BRAF V600E."
    assert ("BRAF", "mutation", "positive") not in facts(extract(text))


def test_a_gene_label_then_no_is_negative_and_an_in_frame_deletion_is_a_mutation(extract) -> None:
    text = "BRAF: no V600 or other activating mutation, no in-frame deletion, no BRAF fusion detected (RNA)."
    got = facts(extract(text))
    assert ("BRAF", "mutation", "negative") in got
    assert not {f for f in got if f[2] == "positive" or f[1] == "deletion"}


def test_a_reason_after_given_is_not_negated(extract) -> None:
    got = facts(extract("Tucatinib plus trastuzumab not recommended on-label given NRAS mutation."))
    assert ("NRAS", "mutation", "negative") not in got


def test_mmr_proficiency_before_its_name_and_hla_typing(extract) -> None:
    assert facts(extract("MLH1, PMS2, MSH2 and MSH6 retained (proficient MMR).")) >= {
        ("MMR", "signature", "negative")
    }
    assert facts(extract("HLA-A typing | HLA-A*02:01 POSITIVE (genotype A*02:01, A*24:02)")) == {
        ("HLA-A", "other", "positive")
    }


def test_four_retained_mmr_proteins_are_proficient_mmr_but_a_loss_is_not_generalised(extract) -> None:
    got = facts(extract("Linked pathology: MLH1, PMS2, MSH2 and MSH6 proteins retained by IHC."))
    assert ("MMR", "signature", "negative") in got
    got = facts(extract("MLH1, PMS2, MSH2 retained; MSH6 lost."))
    assert ("MSH6", "loss", "positive") in got and not {f for f in got if f[0] == "MMR"}


def test_a_promoter_variant_and_germline_sequencing_of_a_fusion_gene(extract) -> None:
    assert facts(extract("Gene | Variant | VAF\nTERT | c.-124C>T | 45% | Pathogenic")) == {
        ("TERT", "mutation", "positive")
    }
    text = "Germline RET (blood, full coding sequence) | No pathogenic variant detected | 2023-11-30"
    assert facts(extract(text)) == {("RET", "mutation", "negative")}


@pytest.mark.parametrize(
    ("text", "want", "unwanted"),
    [
        (
            "CK7 positive, negative CK20.",
            {("KRT7", "expression", "positive"), ("KRT20", "expression", "negative")},
            ("KRT7", "expression", "negative"),
        ),
        (
            "Immunophenotype CD5+/CD23+, dim CD20 and negative CD79b and CD10.",
            {("MS4A1", "expression", "positive"), ("CD79B", "expression", "negative")},
            ("MS4A1", "expression", "negative"),
        ),
        (
            "Mast cells highlighted by CD117 (KIT) stain; aberrant CD25 expression by IHC; CD30 negative.",
            {("KIT", "expression", "positive"), ("IL2RA", "expression", "positive")},
            ("KIT", "mutation", "positive"),
        ),
        (
            "CD45/SSC lymphocyte gate 81% of events. CD3+ T cells 21% of lymphocytes.",
            set(),
            ("CD3E", "expression", "positive"),
        ),
        (
            "Marrow: CD20+ cells on IHC (<1%), i.e. complete response.",
            set(),
            ("MS4A1", "expression", "negative"),
        ),
        (
            "BerEP4 | Ber-EP4 | Positive (membranous)",
            {("EPCAM", "expression", "positive")},
            ("EPCAM", "mutation", "positive"),
        ),
    ],
)
def test_stain_words_before_and_after_a_name(extract, text: str, want: set, unwanted: tuple) -> None:
    got = facts(extract(text))
    assert want <= got
    assert unwanted not in got


def test_a_notes_heading_ends_a_vus_list(extract) -> None:
    text = (
        "Variants of uncertain significance:\n  ATM   c.1010G>A   p.R337H\n\nNotes\n"
        "1. PD-L1 (22C3) was reported separately: TPS 70%."
    )
    got = facts(extract(text))
    assert ("CD274", "expression", "positive") in got
    assert ("ATM", "mutation", "uncertain") in got


def test_a_note_line_inside_a_vus_section_does_not_end_it(extract) -> None:
    text = "VARIANTS OF UNKNOWN SIGNIFICANCE\nNote: these may not be characterised.\nARID1A  A1023T\n"
    assert facts(extract(text)) == {("ARID1A", "mutation", "uncertain")}


def test_a_row_testing_two_classes_and_retained_stains(extract) -> None:
    got = facts(extract("PTEN | SNV/indel, homozygous deletion | Not detected"))
    assert got == {("PTEN", "deletion", "negative"), ("PTEN", "mutation", "negative")}
    assert facts(extract("PTEN IHC (clone 138G6) | Retained (intact staining in tumour cells)")) == {
        ("PTEN", "loss", "negative")
    }
    assert facts(extract("IHC: ER retained.")) == {("ESR1", "expression", "positive")}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ER: lost.", ("ESR1", "expression", "negative")),
        ("HER2 expression lost on the liver biopsy.", ("ERBB2", "expression", "negative")),
        ("CD20 lost after rituximab.", ("MS4A1", "expression", "negative")),
        ("PTEN IHC: loss of expression in tumour cells.", ("PTEN", "loss", "positive")),
        ("BAP1 immunostain: nuclear expression lost.", ("BAP1", "loss", "positive")),
    ],
)
def test_a_lost_stain_is_never_read_as_expressed(extract, text: str, want: tuple) -> None:
    got = facts(extract(text))
    assert want in got
    assert (want[0], "expression", "positive") not in got


def test_a_therapy_judged_unsuitable_does_not_negate_its_reason(extract) -> None:
    got = facts(extract("Imatinib is not appropriate (KIT D816V confers resistance); avapritinib started."))
    assert ("KIT", "mutation", "negative") not in got
    assert facts(extract("Osimertinib not indicated: EGFR negative.")) == {("EGFR", "mutation", "negative")}
    text = "Avapritinib is not indicated (no PDGFRA exon 18 mutation)."
    assert facts(extract(text)) == {("PDGFRA", "mutation", "negative")}  # the reason's own "no" stands


def test_ocr_rows_that_lost_their_cell_borders(extract) -> None:
    # a serial table read by OCR: no "|" between cells; the last column is the current draw
    got = facts(
        extract(
            "BRAF p.V600E ND ND ND ND\nKRAS p.G12D (c.35G>A) ND ND 1.7 ND\nERBB2 amplification ND ND ND ND"
        )
    )
    assert got == {("BRAF", "mutation", "negative"), ("KRAS", "mutation", "negative"),
                   ("ERBB2", "amplification", "negative")}  # fmt: skip
    # the number and the lab's own word disagree ("1" read as "41"): no TMB status rather than a guess
    assert not facts(extract("Tumour mutational burden  Signature  41 mut/Mb (low)"))


def test_hla_typing_keeps_the_allele() -> None:
    from casewise_extractor.nlp.variants import read_detail

    assert (
        read_detail("*02:01 POSITIVE (genotype A*02:01, A*24:02)", "gene", "HLA-A", False).detail
        == "HLA-A*02:01"
    )


def test_a_serial_table_is_read_by_its_latest_column(extract) -> None:
    text = (
        "KRAS p.G12D | ND | ND | 1.7 | ND\n\nNRAS p.Q61K | ND | ND | 0.8\n\n"
        "EGFR p.S492R (extracellular ND ND 0.8 ND\n\ndomain)"
    )
    got = facts(extract(text))
    assert got == {
        ("KRAS", "mutation", "negative"),
        ("NRAS", "mutation", "positive"),
        ("EGFR", "mutation", "negative"),
    }


def test_a_variant_the_lab_calls_clonal_haematopoiesis_is_not_the_tumours(extract) -> None:
    text = (
        "Incidental finding: DNMT3A p.R882H was detected at 2.0% in all four draws. This pattern is most "
        "consistent with clonal haematopoiesis and is not considered tumour-derived."
    )
    assert not facts(extract(text))
    same = "KRAS p.G12D detected; a TET2 p.Q1034* variant at 1% likely reflects clonal hematopoiesis."
    assert facts(extract(same)) == {("KRAS", "mutation", "positive")}
    possible = "TP53 p.R248W detected (VAF 3%). Clonal hematopoiesis cannot be excluded."
    assert facts(extract(possible)) == {("TP53", "mutation", "positive")}


def test_e_cadherin_is_the_cdh1_stain(extract) -> None:
    """E-cadherin is a diagnostic stain (ductal vs lobular): the CDH1 protein, read as expression."""
    lobular = extract("IHC: E-cadherin negative; lobular carcinoma.")
    assert ("CDH1", "expression", "negative") in facts(lobular)
    assert facts(extract("E-cadherin: positive (membranous), in keeping with a ductal carcinoma.")) >= {
        ("CDH1", "expression", "positive")
    }
    assert ("CDH1", "mutation", "positive") in facts(extract("CDH1 p.R335* pathogenic variant detected."))


@pytest.mark.parametrize(
    ("text", "gene"),
    [
        ("E-cadherin: negative (loss), in keeping with lobular carcinoma.", "CDH1"),
        ("ATRX: negative (loss).", "ATRX"),
        ("SMARCB1 (INI1): negative (lost in tumour cells).", "SMARCB1"),
    ],
)
def test_a_negative_glossed_as_loss_is_a_loss(extract, text: str, gene: str) -> None:
    """ "negative (loss)" names the stain gone: a loss found, never "loss negative" (retained)."""
    found = facts(extract(text))
    assert (gene, "loss", "positive") in found
    assert (gene, "loss", "negative") not in found
