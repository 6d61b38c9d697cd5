"""Shorthand result slips: "GENE [variant] sign" on a short line or list item ("BRAF V600E -",
"ALK -  (IHC)", "PD-L1 45 (SP263)") states the result by the sign or bare score alone. A "-" read as
nothing would leave a named variant "positive" although the slip says it was not found. The same "-"
in a table cell only means an empty cell ("KRAS | G12C | -": no VAF given), so there it must never
make a found variant negative. Sentences are our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

from .conftest import facts


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Molecular results (hand entered):\n  BRAF V600E -\n  KRAS G12D +\n  NRAS -  (NGS)\n",
            {
                ("BRAF", "mutation", "negative"),
                ("KRAS", "mutation", "positive"),
                ("NRAS", "mutation", "negative"),
            },
        ),
        ("Results:\n  EGFR exon 20 ins \u2212\n", {("EGFR", "mutation", "negative")}),
        ("Results:\n  ALK -   (IHC D5F3)\n", {("ALK", "expression", "negative")}),
        ("Results:\n  RET -  (RNA)\n", {("RET", "fusion", "negative")}),
        (
            "Slip:\n  TP53 -    PIK3CA H1047R -\n",
            {("TP53", "mutation", "negative"), ("PIK3CA", "mutation", "negative")},
        ),
        (
            "Slip:\n  BRAF V600E neg\n  IDH1 R132H pos\n",
            {("BRAF", "mutation", "negative"), ("IDH1", "mutation", "positive")},
        ),
        ("Results:\n  ALK IHC +\n", {("ALK", "expression", "positive")}),
        (
            "Results:\n  ROS1 -  (IHC) -> FISH neg\n",
            {("ROS1", "expression", "negative"), ("ROS1", "fusion", "negative")},
        ),
    ],
)
def test_shorthand_sign_is_the_whole_result(
    extract: Callable[[str], Profile], text: str, want: set[tuple[str, str, str]]
) -> None:
    assert facts(extract(text)) == want


@pytest.mark.parametrize(
    ("text", "status", "value"),
    [
        ("Results:\n  PD-L1 45  (SP263)\n", "positive", "TPS 45%"),
        ("Results:\n  PDL1 0   (22C3)\n", "negative", "TPS 0%"),
        ("Results:\n  PD-L1 <1  (22C3, TPS)\n", "negative", "TPS <1%"),
        ("Results:\n  PD-L1 12  (22C3, CPS)\n", "positive", "CPS 12"),
    ],
)
def test_bare_pd_l1_score_is_read_with_the_1_percent_cut_off(
    extract: Callable[[str], Profile], text: str, status: str, value: str
) -> None:
    rows = [(b.gene, b.alteration, b.status, b.value) for b in extract(text).biomarkers]
    assert rows == [("CD274", "expression", status, value)]


@pytest.mark.parametrize(
    "text",
    [
        "Gene | Variant | VAF\nKRAS | G12C | -\n",  # the VAF cell is empty
        "Gene\tVariant\tVAF\nKRAS\tG12C\t-\n",
        "Gene        Variant        VAF\nKRAS        G12C        -\n",  # a laid-out table, no rules
        "Results:\n  KRAS G12C - detected in the tumour sample at 12% of reads\n",
    ],
)
def test_a_dash_that_is_not_the_whole_result_keeps_the_variant_positive(
    extract: Callable[[str], Profile], text: str
) -> None:
    assert facts(extract(text)) == {("KRAS", "mutation", "positive")}


def test_a_bare_number_after_pd_l1_that_is_not_a_score_is_not_read() -> None:
    from casewise_extractor.nlp.variants import read_detail

    for own in (" 22C3 assay", " 28-8 pharmDx", " 10/2024 sent", " 90 days ago"):
        assert read_detail(own, "ihc", "CD274", False).value is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Slip:\nNRAS - BRAF - KIT ex11 -\n",  # single spaces, as a PDF text layer gives them
            {
                ("NRAS", "mutation", "negative"),
                ("BRAF", "mutation", "negative"),
                ("KIT", "mutation", "negative"),
            },
        ),
        (
            "Slip:\nBRAF V600E -\nALK - (IHC D5F3)\n",  # a line-end dash is no fusion with the next line
            {("BRAF", "mutation", "negative"), ("ALK", "expression", "negative")},
        ),
        ("Result: CD74 - ROS1 fusion detected.\n", {("ROS1", "fusion", "positive")}),
    ],
)
def test_a_spaced_dash_between_shorthand_results_is_no_fusion(
    extract: Callable[[str], Profile], text: str, want: set[tuple[str, str, str]]
) -> None:
    assert facts(extract(text)) == want
