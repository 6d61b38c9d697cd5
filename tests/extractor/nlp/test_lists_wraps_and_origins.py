"""Negative lists whose items name a variant, a "retention" stain word beside another entity's
"-deficient", fusion words after a named variant, a deletion named with its cDNA change, stains
added for renal and pancreatic work-ups, strict names inside gene lists, a germline negative list
beside a tumour variant, a wrapped "Not | - | detected" cell, and a vendor's therapy-association
table."""

from __future__ import annotations

import pytest
from casewise_extractor.nlp import merge_profiles

from tests.extractor.nlp.conftest import facts


def test_a_no_head_governs_items_after_one_that_names_its_variant(extract) -> None:
    text = "No further high-risk variants (ASXL1, SRSF2 P95, IDH1, IDH2) were detected."
    got = facts(extract(text))
    assert ("IDH1", "mutation", "positive") not in got
    assert {("IDH1", "mutation", "negative"), ("IDH2", "mutation", "negative")} <= got


def test_retention_is_the_stain_result_not_the_deficiency_it_argues_against(extract) -> None:
    text = "SDHB retention in the tumour argues against an SDH-deficient neoplasm."
    assert facts(extract(text)) == {("SDHB", "loss", "negative")}


def test_fusion_words_after_a_named_variant_are_not_the_gene_s_fusion(extract) -> None:
    text = "Metastasis: PIK3CA E545K, no RNA fusions, MSS."
    got = facts(extract(text))
    assert ("PIK3CA", "mutation", "positive") in got
    assert not any(g == "PIK3CA" and a == "fusion" for g, a, _ in got)


def test_a_deletion_named_with_its_cdna_change_is_a_sequence_variant(extract) -> None:
    text = "A second BRCA2 deletion, c.9090_9095del, restores the reading frame (reversion)."
    got = facts(extract(text))
    assert ("BRCA2", "mutation", "positive") in got
    assert not any(a == "deletion" for _, a, _ in got)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Tumour cells: CK19 positive, CK20 negative.", ("KRT19", "expression", "positive")),
        ("CA-IX: positive, diffuse membranous.", ("CA9", "expression", "positive")),
        ("Fumarate hydratase (FH) immunostain: retained.", ("FH", "loss", "negative")),
        ("BAP1 IHC: loss of nuclear expression in tumour cells.", ("BAP1", "loss", "positive")),
    ],
)
def test_renal_and_pancreatic_stains(extract, text: str, want: tuple[str, str, str]) -> None:
    assert want in facts(extract(text))


def test_a_strict_name_counts_inside_a_gene_list_only(extract) -> None:
    listed = facts(extract("Germline panel: no pathogenic variants in SDHB, SDHC, VHL or FH."))
    assert ("FH", "mutation", "negative") in listed
    assert facts(extract("FH of colorectal cancer in his father. FH: mother with breast cancer.")) == set()


def test_a_bap1_stain_in_a_sentence_that_also_names_a_variant(extract) -> None:
    text = "The BAP1 p.A95D variant is subclonal; BAP1 protein is retained by IHC."
    assert ("BAP1", "loss", "negative") in facts(extract(text))


def test_a_germline_negative_list_does_not_contradict_the_tumour_variant(extract) -> None:
    tumour = extract("Tumour NGS: TP53 p.R248Q detected (VAF 35%).", name="tumour.txt")
    germline = extract(
        "Germline testing (blood): no pathogenic variants in BRCA1, BRCA2, TP53 or PALB2.", name="germ.txt"
    )
    case = merge_profiles([tumour, germline])
    assert ("TP53", "mutation", "negative") in facts(case)
    assert ("TP53", "mutation", "positive") in facts(case)
    assert not case.conflicts


def test_a_gene_list_wrapped_after_in_stays_one_sentence(extract) -> None:
    text = "Hereditary panel: no pathogenic variants were identified in\nMSH2, MSH6 or PMS2."
    got = facts(extract(text))
    assert {("MSH2", "mutation", "negative"), ("PMS2", "mutation", "negative")} <= got


def test_a_not_detected_cell_wrapped_around_an_empty_cell(extract) -> None:
    text = "Gene Method Result Quantity\nNPM1 exon 12 NGS Not -\ndetected\n"
    assert facts(extract(text)) == {("NPM1", "mutation", "negative")}


def test_a_therapy_association_table_with_a_bracketed_note_is_no_finding(extract) -> None:
    text = (
        "GENOMIC FINDINGS\nPTEN | Homozygous deletion | Pathogenic\n\nTHERAPY ASSOCIATIONS (vendor)\n\n"
        "PTEN loss | AKT inhibitors (capivasertib) | Investigational\n"
    )
    assert facts(extract(text)) == {("PTEN", "deletion", "positive")}


def test_family_history_abbreviation_is_no_fumarate_hydratase_result(extract) -> None:  # noqa: ANN001
    """ "FH: negative for cancer" is family history; "FH retained" on a stain is fumarate hydratase."""
    assert extract("Social history: never smoker. FH: negative for cancer.").biomarkers == []
    got = {(b.gene, b.alteration, b.status) for b in extract("IHC: FH retained; SDHB retained.").biomarkers}
    assert got == {("FH", "loss", "negative"), ("SDHB", "loss", "negative")}
