"""Chromosomal and viral markers (1p/19q, HPV, MCPyV), MGMT promoter methylation, stains read as
"strong and diffuse", internal-control cells that are not the tumour, sequencing wording on a loss
marker, a semicolon inside a table cell, a result clause after a semicolon in the next sentence, RNA
tests of fusion drivers, and a pending test the same document answers later."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


def test_mgmt_methylation_named_after_a_long_method_bracket(extract) -> None:
    text = "MGMT promoter methylation (pyrosequencing, CpG sites 74-78, mean 31%): methylated."
    assert facts(extract(text)) == {("MGMT", "other", "positive")}


def test_a_pending_test_answered_later_in_the_document_is_not_kept(extract) -> None:
    text = "MGMT promoter | MSP | Pending\n\nADDENDUM\nMGMT promoter status: methylated."
    assert facts(extract(text)) == {("MGMT", "other", "positive")}


def test_a_pending_test_after_a_result_stays(extract) -> None:
    text = "ALK fusion detected by NGS (EML4::ALK).\nALK resistance testing on plasma is pending."
    assert facts(extract(text)) == {("ALK", "fusion", "positive"), ("ALK", "fusion", "unknown")}


@pytest.mark.parametrize(
    "text",
    [
        "1p/19q by FISH: intact.",
        "FISH showed no deletion of 1p or 19q.",
        "1p/19q codeletion: not detected.",
    ],
)
def test_1p_19q_is_one_chromosomal_marker(extract, text: str) -> None:
    assert facts(extract(text)) == {("1p/19q", "deletion", "negative")}  # never CDKN2C (1p32)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("High-risk HPV by RNA in situ hybridization: positive.", ("HPV", "other", "positive")),
        ("HPV DNA PCR: not detected.", ("HPV", "other", "negative")),
        ("Merkel cell polyomavirus (CM2B4) immunostain: negative.", ("MCPyV", "expression", "negative")),
    ],
)  # fmt: skip
def test_viral_markers(extract, text: str, fact) -> None:  # noqa: ANN001
    assert facts(extract(text)) == {fact}


def test_strong_and_diffuse_stain_is_positive(extract) -> None:
    text = "p16 immunostain: strong and diffuse, nuclear and cytoplasmic."
    assert facts(extract(text)) == {("CDKN2A", "expression", "positive")}


def test_strong_diffuse_staining_of_a_loss_marker_is_retained(extract) -> None:
    assert facts(extract("MSH6 IHC: diffuse strong nuclear staining.")) == {("MSH6", "loss", "negative")}


@pytest.mark.parametrize(
    "text",
    [
        "MTAP immunostain: lost in tumour cells, retained in stromal cells.",
        "BAP1 IHC: nuclear staining lost in the tumour with retained staining in lymphocytes.",
    ],
)
def test_the_internal_control_cells_are_not_the_tumour(extract, text: str) -> None:
    got = facts(extract(text))
    assert len(got) == 1 and next(iter(got))[1:] == ("loss", "positive")


def test_a_stain_finding_carries_no_germline_origin(extract) -> None:
    p = extract("Because of BAP1 loss on the immunostain she was offered germline testing.")
    assert [(b.gene, b.alteration, b.status, b.origin) for b in p.biomarkers] == [
        ("BAP1", "loss", "positive", None)
    ]


@pytest.mark.parametrize(
    "text",
    ["Germline panel: no pathogenic variant in SDHB.", "SDHB germline sequencing: negative."],
)
def test_sequencing_words_make_a_loss_marker_a_gene(extract, text: str) -> None:
    assert facts(extract(text)) == {("SDHB", "mutation", "negative")}


def test_a_semicolon_inside_a_table_cell_keeps_the_rows_result(extract) -> None:
    text = "Gene | Method | Signals | Call\nMET | FISH (MET/CEP7) | ratio 5.2; clustered | AMPLIFIED"
    assert facts(extract(text)) == {("MET", "amplification", "positive")}


@pytest.mark.parametrize(
    "second",
    [
        "Our laboratory's equivocal range is 10-15%; the result is equivocal.",
        "Our laboratory's equivocal range is 10-15%; the result is\nEQUIVOCAL.",  # the line goes on
    ],
)
def test_a_result_clause_in_the_next_sentence(extract, second: str) -> None:
    text = f"ROS1 break-apart FISH: split signals in 13% of nuclei.\n{second}"
    assert facts(extract(text)) == {("ROS1", "fusion", "equivocal")}


def test_an_rna_test_of_a_fusion_driver_is_a_fusion_test(extract) -> None:
    assert facts(extract("FGFR2: RNA sequencing failed (QNS).")) == {("FGFR2", "fusion", "unknown")}


def test_an_rna_test_dash_is_negative_on_a_slip_and_nothing_in_a_cell(extract) -> None:
    # a lone "-" on a shorthand line is the result (test_shorthand_results.py); in a cell it is none
    assert facts(extract("RET -  (RNA)")) == {("RET", "fusion", "negative")}
    assert not extract("RET | RNA | -").biomarkers


@pytest.mark.parametrize("text", ["MSI | Stable | -", "Microsatellite status ........... stable"])
def test_msi_stable_in_a_table_or_after_dot_leaders(extract, text: str) -> None:
    assert facts(extract(text)) == {("MSI", "signature", "negative")}


def test_an_other_results_heading_ends_the_vus_table(extract) -> None:
    text = (
        "VARIANTS OF UNCERTAIN SIGNIFICANCE\nATM p.D1853N\nOTHER RESULTS\nKRAS p.G12D\nMSI status: see note"
    )
    assert facts(extract(text)) == {("ATM", "mutation", "uncertain"), ("KRAS", "mutation", "positive")}
