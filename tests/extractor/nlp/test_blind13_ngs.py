"""Biomarker results in NGS / IHC result tables and notes, from the blind13 wording families (our own
sentences, not the blind documents).

- A result cell that opens on "No" ("| No deletion |", "| No V600E |", "| None |") is the row's negative.
- An FDA approval named in a row's comment cell ("Tier I: sotorasib (FDA-approved ...)") is an annotation:
  the gene's own result in the cells before it stands.
- A request list ("Requesting targetable alterations (EGFR, BRAF V600E, MSI-H)") names tests asked for.
- "X and Y are mutually exclusive" is a statement about a population.
- "Therapies associated with these findings (...)" heads a vendor therapy table; so after a blank line.
- A row naming an assay scope ("FGFR3 rearrangement (DNA, ...)") with no result is no fusion found.
- A PD-L1 CPS compared with a stated higher cut-off ("CPS 4 (<10 ...)") is negative at that cut-off.
- "No pathogenic variants, including BRCA1, ..." makes every listed gene negative.
- A bracketed note after the last list item ("MET (including exon 14 and amplification)") is that item's.
- A chromosome-arm loss ("3p loss") is not a loss of the gene named beside it.
- Lexicon: glypican-3 (GPC3), AMACR, FGF19.
- "no indication with BRCA1" negates the indication, not the gene.
- A p53 stain restated as "aberrant p53 IHC" is the TP53 mutation surrogate, not p53 expression.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

from .conftest import facts


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Copy number\nGene | Call | Copies\nCDKN2A | No deletion | 2\nMTAP | No deletion | 2",
            {("CDKN2A", "deletion", "negative"), ("MTAP", "deletion", "negative")},
        ),
        ("Hotspots\nGene | Result | Note\nBRAF | No V600E/K | -", {("BRAF", "mutation", "negative")}),
        ("Gene | Result | Note\nNRAS | None | codons 12, 13, 61 covered", {("NRAS", "mutation", "negative")}),
    ],
)
def test_no_in_a_result_cell_is_negative(
    extract: Callable[[str], Profile], text: str, want: set[tuple[str, str, str]]
) -> None:
    assert facts(extract(text)) == want


def test_deletion_found_in_a_table_stays_positive(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("Copy number\nGene | Call | Copies\nCDKN2A | Homozygous deletion | 0"))
    assert got == {("CDKN2A", "deletion", "positive")}


@pytest.mark.parametrize(
    "text",
    [
        "KRAS | c.34G>T p.(Gly12Cys) DETECTED, VAF 22% | Level 1: sotorasib (FDA-approved for previously "
        "treated KRAS G12C NSCLC)",
        "KRAS | p.G12C detected (VAF 22%) | Therapy: adagrasib, Food and Drug Administration approved",
    ],
)
def test_fda_note_in_the_comment_cell_keeps_the_row(extract: Callable[[str], Profile], text: str) -> None:
    assert ("KRAS", "mutation", "positive") in facts(extract(text))


def test_drug_first_approval_row_still_gives_nothing(extract: Callable[[str], Profile]) -> None:
    assert facts(extract("Sotorasib | KRAS G12C | FDA-approved, second line")) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Clinical indication: metastatic colorectal cancer. Requesting predictive markers (KRAS, NRAS, "
        "BRAF V600E, MSI-H).",
        "Reason for referral: requested biomarkers (EGFR, ALK, BRAF V600E, MSI-H) on the lung core.",
    ],
)
def test_request_list_is_no_result(extract: Callable[[str], Profile], text: str) -> None:
    assert facts(extract(text)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Comment: KRAS mutations and ALK fusions are mutually exclusive in lung adenocarcinoma.",
        "Of note, IDH1 mutations and FGFR2 fusions are generally mutually exclusive.",
    ],
)
def test_mutually_exclusive_statement_is_no_result(extract: Callable[[str], Profile], text: str) -> None:
    assert facts(extract(text)) == set()


def test_therapy_table_heading_naming_findings(extract: Callable[[str], Profile]) -> None:
    text = (
        "Microsatellite status: MS-Stable\n\n"
        "Therapies associated with these biomarkers (for information only)\n\n"
        "Drug Biomarker Evidence\n"
        "Trastuzumab deruxtecan HER2-positive not applicable\n"
        "Pembrolizumab MSI-H / TMB-H not applicable"
    )
    assert facts(extract(text)) == {("MSI", "signature", "negative")}


def test_assay_scope_row_without_result_is_no_fusion(extract: Callable[[str], Profile]) -> None:
    text = "Results summary\n\nFGFR3 rearrangement (DNA, intronic baits)\n\nSee comment"
    assert ("FGFR3", "fusion", "positive") not in facts(extract(text))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("PD-L1 (22C3) CPS 4 (<10, so chemo-immunotherapy is not indicated).", "negative"),
        ("PD-L1 22C3: CPS 7, below the cut-off of 10 for this indication.", "negative"),
        ("PD-L1 (22C3) CPS 4.", "positive"),
        ("PD-L1 (22C3) CPS 14 (>=10: chemo-immunotherapy is an option).", "positive"),
        ("PD-L1 22C3 combined positive score 3 - positive (CPS >= 1); <10.", "positive"),
    ],
)
def test_cps_against_a_stated_cut_off(extract: Callable[[str], Profile], text: str, status: str) -> None:
    assert facts(extract(text)) == {("CD274", "expression", status)}


def test_no_variants_including_a_gene_list(extract: Callable[[str], Profile]) -> None:
    got = facts(
        extract(
            "Hereditary cancer panel (2023): no pathogenic or likely pathogenic variants, including BRCA1, "
            "BRCA2, TP53 and CDH1."
        )
    )
    assert got == {(g, "mutation", "negative") for g in ("BRCA1", "BRCA2", "TP53", "CDH1")}


def test_bracketed_note_after_the_last_item_is_its_own(extract: Callable[[str], Profile]) -> None:
    got = facts(
        extract(
            "No reportable alterations detected in: KRAS, NRAS, BRAF, MET (including exon 14 and "
            "amplification)."
        )
    )
    assert got == {
        ("KRAS", "mutation", "negative"),
        ("NRAS", "mutation", "negative"),
        ("BRAF", "mutation", "negative"),
        ("MET", "mutation", "negative"),
        ("MET", "amplification", "negative"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Summary: VHL frameshift with chromosome 3p loss (two hits), PBRM1 nonsense variant.",
        "VHL p.S65W together with loss of 3p, consistent with biallelic inactivation.",
    ],
)
def test_arm_loss_is_not_the_gene_loss(extract: Callable[[str], Profile], text: str) -> None:
    got = facts(extract(text))
    assert ("VHL", "mutation", "positive") in got  # the gene's own hit is still read
    assert ("VHL", "loss", "positive") not in got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("IHC: glypican-3 diffusely positive; HepPar-1 positive.", ("GPC3", "expression", "positive")),
        ("Glypican 3 (GPC3): negative.", ("GPC3", "expression", "negative")),
        ("Prostate markers: AMACR (P504S) negative, PAX8 positive.", ("AMACR", "expression", "negative")),
        ("Tumour NGS: no FGF19 amplification; TP53 wild-type.", ("FGF19", "amplification", "negative")),
    ],
)
def test_lexicon_markers(extract: Callable[[str], Profile], text: str, want: tuple[str, str, str]) -> None:
    assert want in facts(extract(text))


def test_no_indication_with_a_gene_is_no_negative(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("- Maintenance bevacizumab: not offered (no indication with BRCA2; her preference)"))
    assert ("BRCA2", "mutation", "negative") not in got


@pytest.mark.parametrize(
    "text",
    [
        "TP53 | c.743G>A p.(Arg248Gln) DETECTED, VAF 60% | Pathogenic; in keeping with the aberrant "
        "p53 immunostain",
        "TP53 R248Q detected (VAF 60%), in keeping with aberrant p53 IHC.",
    ],
)
def test_p53_stain_restated_as_aberrant_ihc(extract: Callable[[str], Profile], text: str) -> None:
    assert facts(extract(text)) == {("TP53", "mutation", "positive")}


@pytest.mark.parametrize(
    "text",
    [
        "Results\n\nBRAF No V600E; no other pathogenic -\n\nvariant",  # a scanned row: the rules are gone
        "Results\n\nPTEN no homozygous deletion (copy number 2)",
    ],
)
def test_no_variant_right_after_the_gene_is_negative(extract: Callable[[str], Profile], text: str) -> None:
    got = facts(extract(text))
    assert got and all(status == "negative" for _, _, status in got)


def test_class_named_after_a_gene_list_without_result(extract: Callable[[str], Profile]) -> None:
    text = "Results summary\n\nROS1, RET, NTRK1 rearrangements\n\nNOT EVALUABLE - RNA failed QC"
    assert not any(status == "positive" for _, _, status in facts(extract(text)))
