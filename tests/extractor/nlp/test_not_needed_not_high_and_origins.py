"""Clinicians' wordings blind18 showed misread (each text here is our own): a second test the note says
was not needed or not done because its trigger was negative (no row), a lymphoma entity that names the
genes' rearrangements ("not HGBL-MYC/BCL2"), a level that is "not high" (never positive), a cut-off that
names a level, the origin word nearer the variant, and a germline heading over its negatives."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts


@pytest.mark.parametrize(
    "text",
    [
        "HER2 IHC 1+ (HER2 negative; no reflex ISH needed).",
        "HER2 IHC 0, ISH not required.",
        "HER2: 1+ by IHC - negative, FISH not indicated.",
        "HER2 IHC 1+, no need for reflex SISH.",
    ],
)
def test_an_ish_not_needed_is_no_amplification_result(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert not any(g == "ERBB2" and a == "amplification" for g, a, _ in got)
    assert ("ERBB2", "expression", "negative") in got


def test_a_lymphoma_entity_name_reads_the_rearrangements(extract: Extract) -> None:
    got = facts(extract("Impression: double expressor only; not HGBL-MYC/BCL2 (not double-hit)."))
    assert ("MYC", "mutation", "negative") not in got
    assert ("BCL2", "mutation", "negative") not in got
    assert {("MYC", "fusion", "negative"), ("BCL2", "fusion", "negative")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "BCL6 break-apart | FISH | not done (MYC negative)",
        "ROS1 FISH was not performed because the ROS1 IHC screen was negative.",
    ],
)
def test_a_reflex_test_skipped_for_a_negative_trigger_is_no_row(extract: Extract, text: str) -> None:
    gene = text.split()[0]
    assert not [b for b in extract(text).biomarkers if b.gene == gene and b.alteration == "fusion"]


@pytest.mark.parametrize(
    "text",
    [
        "Tumour mutational burden: not high.",
        "TMB not-high per the lab.",
        "Plasma NGS: bTMB 4 mut/Mb (not high).",
    ],
)
def test_not_high_is_a_negative_level(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert ("TMB", "signature", "positive") not in got
    assert ("TMB", "signature", "negative") in got


def test_a_level_named_in_its_cut_off_is_no_result(extract: Extract) -> None:
    got = facts(extract("bTMB | 7.1 mut/Mb (bTMB-high means >= 16 mut/Mb)"))
    assert ("TMB", "signature", "positive") not in got
    assert ("TMB", "signature", "negative") in got


def test_a_score_decides_over_not_high(extract: Extract) -> None:
    got = facts(extract("PD-L1 (22C3) TPS 35%, not high."))
    assert ("CD274", "expression", "negative") not in got


def test_the_origin_word_nearer_the_variant_wins(extract: Extract) -> None:
    p = extract("The KRAS G12D in plasma is somatic - germline testing not required.")
    kras = [b for b in p.biomarkers if b.gene == "KRAS"]
    assert kras and all(b.origin != "germline" for b in kras)


def test_a_germline_heading_gives_its_negatives_their_origin(extract: Extract) -> None:
    note = (
        "Germline results (Acme hereditary 30-gene panel)\n"
        "No pathogenic or likely pathogenic variants identified. Genes analysed include BRCA1, BRCA2, TP53.\n"
        "\n"
        "Tumour NGS\n"
        "TP53 p.R175H detected, VAF 41%.\n"
    )
    p = extract(note)
    tp53 = {(b.status, b.origin) for b in p.biomarkers if b.gene == "TP53" and b.alteration == "mutation"}
    assert ("negative", "germline") in tp53
    assert any(s == "positive" and o != "germline" for s, o in tp53)


def test_a_germline_heading_never_makes_a_later_positive_germline(extract: Extract) -> None:
    note = "Germline results (Acme panel)\nNegative.\nctDNA\nTP53 p.R175H detected, VAF 3%.\n"
    assert all(b.origin != "germline" for b in extract(note).biomarkers if b.status == "positive")


def test_a_heading_naming_both_origins_gives_none(extract: Extract) -> None:
    p = extract("Somatic and germline findings\nNo pathogenic variants detected in BRCA1 or BRCA2.\n")
    assert all(b.origin is None for b in p.biomarkers)
