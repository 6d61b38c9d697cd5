"""Gene lists, appendices and germline panels (blind14 fixes).

- A "Genes assayed" appendix (a table of assays, their genes and the classes each reports) is what the
  test can see: never a finding. Where the report states that nothing else was found among the genes
  assayed, each listed gene with no result of its own is negative for its assay's class ("SNV, indel"
  = mutation, "Fusions (any partner)" = fusion), also when the statement is on an earlier page.
- A plural class word in the cell after a gene list ("| Fusions (any partner)") names what was tested.
- "KRAS | WILD-TYPE ... | reflex RNA fusion testing": the comment's fusion test is not KRAS's class.
- A germline list "no pathogenic variants, likely pathogenic variants or variants of uncertain
  significance ... in: APC, ATM, ..." is negative, not uncertain.
- MLH1/MSH2/MSH6/PMS2 listed with genes that are never stained (BRCA1, CHEK2, HOXB13, EPCAM) are
  sequenced genes: "negative" there is no variant, never "staining lost" (a false dMMR).
- "EPCAM (deletion analysis included)" notes what the item's test covered; the list's class stands.
- A variant-named item ("MET ex14") in a "neg" list does not end the list, and its variant is not
  the other items' class.
- SMAD4 (DPC4) stain lost is SMAD4 loss.
"""

from __future__ import annotations

import pytest
from casewise_core.document import Document, Page

from tests.extractor.nlp.conftest import Extract, facts

FUSION_GENES = ("ALK", "ROS1", "RET", "NTRK1")

APPENDIX = (
    "Appendix B - Genes assayed\n"
    "Assay | Genes | Alteration types reported\n"
    "DNA hotspot panel | EGFR, KRAS, BRAF, TP53, ERBB2 | SNV, indel, copy number\n"
    "RNA fusion panel | ALK, ROS1, RET, NTRK1 | Fusions (any partner)\n"
)


def test_a_genes_assayed_appendix_alone_states_no_result(extract: Extract) -> None:
    got = facts(extract("Report page 3\n" + APPENDIX))
    assert not {f for f in got if f[2] == "positive"}


def test_a_fusion_panel_row_names_what_was_tested(extract: Extract) -> None:
    got = facts(extract("Targets by assay\nRNA panel | ALK, RET, ROS1 | Fusions (any partner)\n"))
    assert not {f for f in got if f[2] == "positive"}


def test_genes_assayed_with_nothing_else_found_are_negative(extract: Extract) -> None:
    text = (
        "RESULTS\n"
        "EGFR | p.L858R, VAF 12% | Tier I\n"
        "TP53 | p.R273H, VAF 30% | Tier II\n"
        "ERBB2 amplification: not detected.\n"
        "No other pathogenic variants, copy-number changes or fusions were detected in the genes assayed "
        "(see Appendix B).\n" + APPENDIX
    )
    got = facts(extract(text))
    assert ("EGFR", "mutation", "positive") in got
    assert ("TP53", "mutation", "positive") in got
    assert {("KRAS", "mutation", "negative"), ("BRAF", "mutation", "negative")} <= got
    assert ("ERBB2", "mutation", "negative") in got  # the amplification was a separate, negative result
    assert {(g, "fusion", "negative") for g in FUSION_GENES} <= got
    assert ("EGFR", "mutation", "negative") not in got and ("TP53", "mutation", "negative") not in got
    assert not {f for f in got if f[2] == "positive"} - {
        ("EGFR", "mutation", "positive"),
        ("TP53", "mutation", "positive"),
    }


def test_the_statement_may_be_on_an_earlier_page(extractor) -> None:  # noqa: ANN001
    page1 = (
        "Summary of results\n"
        "KRAS | G12D, VAF 20% | Tier I\n"
        "CDKN2A | Homozygous deletion | Tier II\n"
        "No other reportable variants or fusions were identified among the genes tested (Appendix).\n"
    )
    page2 = (
        "Page 2 of 2 - Appendix: genes tested\n"
        "DNA | KRAS, CDKN2A, SMAD4, BRAF | SNV, indel, copy number\n"
        "RNA | ALK, RET, NRG1 | Fusions (any partner)\n"
    )
    doc = Document(
        name="r.txt",
        media_type="text/plain",
        sha256="0" * 64,
        pages=[Page(number=n, text=t, method="plain_text") for n, t in ((1, page1), (2, page2))],
    )
    got = facts(extractor.extract(doc))
    assert ("KRAS", "mutation", "positive") in got and ("KRAS", "mutation", "negative") not in got
    assert ("CDKN2A", "deletion", "positive") in got
    assert not {f for f in got if f[0] == "CDKN2A" and f[2] == "negative"}  # it has an alteration
    assert {("SMAD4", "mutation", "negative"), ("BRAF", "mutation", "negative")} <= got
    assert {(g, "fusion", "negative") for g in ("ALK", "RET", "NRG1")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "KRAS | WILD-TYPE - no variant in exons 2, 3, 4 | Triggered reflex RNA fusion testing",
        "KRAS | Wild type (codons 12, 13, 61) | reflexed to the fusion panel",
    ],
)
def test_wild_type_with_a_reflex_fusion_comment_is_the_mutation_result(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert got == {("KRAS", "mutation", "negative")}


GERMLINE_NO_VUS = [
    "No pathogenic variants, likely pathogenic variants or variants of uncertain significance were found "
    "in the other genes analysed: APC, ATM, CDKN2A, MLH1, PALB2, STK11.",
    "Negative: no pathogenic, likely pathogenic or uncertain-significance variants were detected in APC, "
    "ATM, CDKN2A, MLH1, PALB2 or STK11.",
    "No pathogenic variants or variants of uncertain significance (VUS) were identified in APC, ATM, "
    "CDKN2A, MLH1, PALB2, STK11.",
]


@pytest.mark.parametrize("text", GERMLINE_NO_VUS)
def test_no_variants_of_uncertain_significance_is_negative(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert got == {(g, "mutation", "negative") for g in ("APC", "ATM", "CDKN2A", "MLH1", "PALB2", "STK11")}


@pytest.mark.parametrize(
    "text",
    [
        "Hereditary panel (blood, 30 genes)\nRESULT: NEGATIVE.\n"
        "BRCA1, CHEK2, HOXB13, MLH1, MSH2, MSH6, PMS2: negative.",
        "Germline: ATM, MLH1, MSH2, MSH6, PMS2 and EPCAM negative.",
        "Inherited cancer genes - PALB2, MLH1, PMS2, BRCA2: no pathogenic variant.",
    ],
)
def test_mmr_genes_listed_with_sequenced_genes_are_sequenced(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert not {f for f in got if f[1] == "loss"}
    assert not {f for f in got if f[2] == "positive"}
    assert ("MLH1", "mutation", "negative") in got and ("PMS2", "mutation", "negative") in got


def test_an_mmr_stain_list_still_reads_loss(extract: Extract) -> None:
    got = facts(extract("IHC: MLH1, PMS2: negative (loss); MSH2, MSH6: retained."))
    assert ("MLH1", "loss", "positive") in got and ("MSH2", "loss", "negative") in got


@pytest.mark.parametrize(
    "text",
    [
        "No pathogenic variants in MLH1, MSH6, PMS2 or EPCAM (deletion analysis included).",
        "No pathogenic variants were detected in MLH1, MSH6, PMS2, EPCAM (del/dup analysis included).",
    ],
)
def test_an_included_analysis_note_keeps_the_list_class(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert got == {(g, "mutation", "negative") for g in ("MLH1", "MSH6", "PMS2", "EPCAM")}


@pytest.mark.parametrize(
    "text",
    [
        "NGS: KRAS G12C. EGFR, ALK, ROS1, BRAF, MET ex14, RET, NTRK neg.",
        "Other drivers: EGFR, ALK, ROS1, BRAF, MET exon 14 skipping and NTRK all negative.",
        "Driver screen - EGFR, ALK, ROS1, BRAF, MET exon 14 skipping: negative",
    ],
)
def test_a_neg_list_with_a_variant_item(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    want = {
        ("EGFR", "mutation", "negative"),
        ("ALK", "fusion", "negative"),  # not MET's exon words: ALK is read for fusions
        ("ROS1", "fusion", "negative"),
        ("BRAF", "mutation", "negative"),
        ("MET", "mutation", "negative"),
    }
    assert want <= got
    assert not {f for f in got if f[0] in ("ALK", "ROS1") and f[1] != "fusion"}
    assert not {f for f in got if f[2] == "positive"} - {("KRAS", "mutation", "positive")}
    # a bare "NTRK" in a list stays list glue (test_blind3_rules): no NTRK rows either way
    assert not {f for f in got if f[0].startswith("NTRK")}


@pytest.mark.parametrize(
    "text",
    [
        "Histology: adenocarcinoma; CK7 positive, SMAD4 (DPC4) expression lost.",
        "Immunostains: DPC4 loss in the tumour cells.",
    ],
)
def test_smad4_stain_lost_is_loss(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert ("SMAD4", "loss", "positive") in got
    assert ("SMAD4", "expression", "negative") not in got


def test_gnas_is_a_gene(extract: Extract) -> None:
    got = facts(extract("Appendix mucinous neoplasm: GNAS p.R201C, VAF 18%."))
    assert ("GNAS", "mutation", "positive") in got


@pytest.mark.parametrize(
    "text",
    [
        "His brother was tested last year and does\nNOT carry the familial BRCA2 variant.",
        "Her daughter has had predictive testing and did\nnot inherit the MSH2 variant.",
    ],
)
def test_a_relatives_result_wrapped_after_an_auxiliary_is_the_relatives(extract: Extract, text: str) -> None:
    assert not facts(extract(text))


@pytest.mark.parametrize(
    ("text", "gene"),
    [
        ("BRCA2 | c.7558C>T p.(Arg2520*) | 58% | Somatic (absent in normal) | Pathogenic", "BRCA2"),
        ("ATM | c.5558A>G p.(Asp1853Gly) | 49% | Germline (present in normal) | Pathogenic", "ATM"),
        ("CDK12 p.Q389* (VAF 40%), not present in the matched normal sample.", "CDK12"),
    ],
)
def test_found_in_or_absent_from_the_normal_is_the_origin(extract: Extract, text: str, gene: str) -> None:
    got = facts(extract(text))
    assert (gene, "mutation", "positive") in got
    assert (gene, "mutation", "negative") not in got


@pytest.mark.parametrize(
    "text",
    [
        "- 07/2024 somatic BRCA2 R2520* (germline negative). Started olaparib.",
        "Tumour NGS: PALB2 p.Q775* (germline: negative), TMB 4.",
    ],
)
def test_a_germline_negative_note_after_a_tumour_variant(extract: Extract, text: str) -> None:
    profile = extract(text)
    got = facts(profile)
    gene = "BRCA2" if "BRCA2" in text else "PALB2"
    assert (gene, "mutation", "positive") in got
    negatives = [b for b in profile.biomarkers if b.gene == gene and b.status == "negative"]
    assert negatives and all(b.origin == "germline" for b in negatives)


@pytest.mark.parametrize("text", ["MSI: stable. TMB: 2.4 mut/Mb (low).", "MSI = stable"])
def test_msi_colon_stable(extract: Extract, text: str) -> None:
    assert ("MSI", "signature", "negative") in facts(extract(text))


def test_prostate_stains(extract: Extract) -> None:
    got = facts(extract("IMMUNOHISTOCHEMISTRY\n NKX3.1: positive    PSA: positive (weak)    p63: negative\n"))
    assert {("NKX3-1", "expression", "positive"), ("KLK3", "expression", "positive")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "PSA high, rising since March; restaging scans ordered.",
        "CEA elevated at the last visit.",
        "PSA 0.6 -> 4.9 -> 11.3 = PSA progression.",
    ],
)
def test_a_serum_level_is_no_stain(extract: Extract, text: str) -> None:
    assert not {f for f in facts(extract(text)) if f[0] in ("KLK3", "CEACAM5")}


def test_a_therapy_association_table_under_a_page_header_restates(extract: Extract) -> None:
    text = (
        "CDKN2A | Homozygous deletion | Tier II\n"
        "Page 2 of 4 - Therapy and trial associations (not a recommendation)\n"
        "Alteration | Agents (this tumour type) | Agents (other tumour types)\n"
        "CDKN2A loss | None | CDK4/6 inhibitors (investigational)\n"
    )
    got = facts(extract(text))
    assert ("CDKN2A", "deletion", "positive") in got
    assert ("CDKN2A", "loss", "positive") not in got
