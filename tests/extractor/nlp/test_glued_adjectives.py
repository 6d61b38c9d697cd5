"""A result adjective glued to a gene or its variant ("BRAF V600E-mutant", "EGFR-mutant") is that
gene's whole result; a "wild-type" or "negative" for the next item in the phrase must not reach back.
Reading "BRAF V600E-mutant, RAS wild-type" as BRAF negative would hide an actionable finding.
Sentences are our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

from .conftest import facts


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Summary: BRAF V600E-mutant, RAS wild-type, microsatellite stable colon adenocarcinoma.",
            {("BRAF", "mutation", "positive"), ("MSI", "signature", "negative")},
        ),
        (
            "Assessment: EGFR-mutant, ALK-negative lung adenocarcinoma.",
            {("EGFR", "mutation", "positive"), ("ALK", "fusion", "negative")},
        ),
        (
            "Impression: KRAS G12D-mutant, BRAF wild-type pancreatic cancer.",
            {("KRAS", "mutation", "positive"), ("BRAF", "mutation", "negative")},
        ),
        (
            "Interpretation: ALK-rearranged NSCLC, EGFR not detected.",
            {("ALK", "fusion", "positive"), ("EGFR", "mutation", "negative")},
        ),
    ],
)
def test_glued_adjective_is_the_genes_own_result(
    extract: Callable[[str], Profile], text: str, want: set[tuple[str, str, str]]
) -> None:
    assert facts(extract(text)) == want


def test_non_mutant_stays_negative(extract: Callable[[str], Profile]) -> None:
    assert facts(extract("Result: IDH1 non-mutant (wild-type) glioblastoma.")) == {
        ("IDH1", "mutation", "negative")
    }


def test_her2_mutant_is_the_gene_not_the_receptor(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("Assessment: HER2-mutant lung adenocarcinoma; prior HER2-negative breast cancer."))
    assert got == {("ERBB2", "mutation", "positive"), ("ERBB2", "expression", "negative")}


def test_wild_type_of_the_next_gene_never_negates_a_named_fusion(extract: Callable[[str], Profile]) -> None:
    text = "Outside NGS reportedly showed an FGFR2 fusion (FGFR2::BICC1)\nand IDH1 wild type."
    assert facts(extract(text)) == {("FGFR2", "fusion", "positive"), ("IDH1", "mutation", "negative")}
    shared = facts(extract("NGS: KRAS G12C and BRAF V600E not detected."))
    assert shared == {("KRAS", "mutation", "negative"), ("BRAF", "mutation", "negative")}
