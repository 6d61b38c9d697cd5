"""Result lists: a "no" heading a list governs its middle items, paralog lists (NTRK 1, 2, 3)
expand, a gene-less "pending" after a semicolon stays with its gene, AR counts in a genomic row
only, and HER2 IHC is written one way with its HER2-low / -ultralow word kept."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


@pytest.mark.parametrize(
    "text",
    [
        "No ALK, ROS1 or RET fusions detected.",
        "No EGFR, KRAS, BRAF or ERBB2 mutations were identified.",
        "Negative for ALK, ROS1, RET fusions detected by NGS.",
        "No ALK, ROS1, RET or NTRK1/2/3 fusions detected.",
    ],
)
def test_a_no_before_a_list_makes_every_middle_item_negative(extract, text: str) -> None:
    found = extract(text).biomarkers
    assert len(found) >= 3 and {b.status for b in found} == {"negative"}


@pytest.mark.parametrize(
    "text",
    [
        "NTRK 1, 2, 3 negative",
        "NTRK1, 2, 3 fusion: not detected",
        "NTRK 1/2/3 fusion negative",
        "NTRK1-NTRK3 fusions: negative",
        "NTRK fusion: negative",
        "RET/ROS1/ALK/NTRK fusions: not detected",
    ],
)
def test_ntrk_family_lists_expand_to_all_three(extract, text: str) -> None:
    ntrk = {f for f in facts(extract(text)) if f[0].startswith("NTRK")}
    assert ntrk == {
        ("NTRK1", "fusion", "negative"),
        ("NTRK2", "fusion", "negative"),
        ("NTRK3", "fusion", "negative"),
    }


def test_a_positive_on_a_paralog_list_names_no_paralog(extract) -> None:
    assert not {f for f in facts(extract("NTRK 1, 2, 3 fusion: positive")) if f[0] in ("NTRK2", "NTRK3")}


PENDING = [
    (
        "Patient referred to genetics for single-site MSH6 testing; result pending.",
        "MSH6",
        ("MSH6", "mutation", "unknown"),
    ),
    ("EGFR testing was sent; insufficient tumor.", "EGFR", ("EGFR", "mutation", "unknown")),
    ("BRAF V600E; pending confirmation of RNA fusion panel.", "BRAF", ("BRAF", "mutation", "positive")),
]


@pytest.mark.parametrize(("text", "gene", "want"), PENDING)
def test_a_geneless_pending_after_a_semicolon_stays_with_its_gene(
    extract, text: str, gene: str, want: tuple
) -> None:
    assert {f for f in facts(extract(text)) if f[0] == gene} == {want}


@pytest.mark.parametrize(
    "text",
    [
        "Gene | Alteration | VAF\nAR | Amplification | —\n",
        "GENOMIC FINDINGS\n  BRCA2   homozygous deletion\n  AR      amplification\n",
    ],
)
def test_ar_in_a_genomic_row_is_read(extract, text: str) -> None:
    assert ("AR", "amplification", "positive") in facts(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Echo: mild AR, moderate MR.",
        "Echo: severe AR; mitral valve fusion noted.",
        "Oxycodone 5 mg PO q4h AR pain.",
    ],
)
def test_ar_as_aortic_regurgitation_or_as_required_is_no_gene(extract, text: str) -> None:
    assert not [b for b in extract(text).biomarkers if b.gene == "AR"]


@pytest.mark.parametrize(
    ("text", "status", "detail"),
    [
        ("HER2 IHC 1+ (HER2-low).", "negative", "IHC 1+ (HER2-low)"),
        ("HER2 (4B5): score 1+, HER2-low.", "negative", "IHC 1+ (HER2-low)"),
        ("HER2-ultralow (IHC 0 with faint staining in <10% of cells).", "negative", "IHC 0 (HER2-ultralow)"),
        (
            "HER2 IHC 0 (HER2-ultralow: faint staining in <=10% of cells).",
            "negative",
            "IHC 0 (HER2-ultralow)",
        ),
        ("HER2 negative (IHC 0).", "negative", "IHC 0"),
        ("HER2 score 0.", "negative", "IHC 0"),
        ("HER2-low breast cancer, ER+.", "negative", "HER2-low"),
        ("HER2: IHC 2+, ISH not amplified (HER2-low).", "equivocal", "IHC 2+ (HER2-low)"),
        ("HER2 3+.", "positive", "IHC 3+"),
    ],
)
def test_her2_ihc_is_one_result_in_one_form(extract, text: str, status: str, detail: str) -> None:
    ihc = [b for b in extract(text).biomarkers if b.gene == "ERBB2" and b.alteration == "expression"]
    assert [(b.status, b.detail) for b in ihc] == [(status, detail)]


def test_her2_ish_after_a_semicolon_is_the_same_genes_ish_result(extract) -> None:
    her2 = {
        (b.alteration, b.status, b.method)
        for b in extract("HER2 IHC 2+; FISH amplified, ratio 2.5.").biomarkers
    }
    assert her2 == {("expression", "equivocal", "IHC"), ("amplification", "positive", "FISH")}


def test_a_score_and_the_same_score_with_its_level_word_are_one_fact(extract) -> None:
    her2 = [
        b for b in extract("HER2 IHC 1+.\nHER2 (4B5): score 1+, HER2-low.\n").biomarkers if b.gene == "ERBB2"
    ]
    assert [(b.detail, len(b.evidence)) for b in her2] == [("IHC 1+ (HER2-low)", 2)]
