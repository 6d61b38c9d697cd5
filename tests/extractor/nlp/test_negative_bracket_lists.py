"""A negative result that opens a bracketed list ("Drivers: none (EGFR, KRAS G12C, ...)") covers every
item, and so does a "none identified in ..." list whose items name their variants. A named variant in
such a list had defaulted to "listed as a finding", i.e. positive. A bracket after a gene's own result
("HER2: negative (ER 95%)") is not such a list."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts

LUNG = "Adenocarcinoma of the lung, stage IV.\n"


@pytest.mark.parametrize(
    ("line", "want"),
    [
        (
            "Actionable drivers: none (EGFR, ROS1, KRAS G12C).",
            {
                ("EGFR", "mutation", "negative"),
                ("ROS1", "fusion", "negative"),
                ("KRAS", "mutation", "negative"),
            },
        ),
        (
            "Hotspot result: negative (EGFR T790M, BRAF V600E).",
            {("EGFR", "mutation", "negative"), ("BRAF", "mutation", "negative")},
        ),
        (
            "Somatic variants: none detected (genes tested: KRAS G12D, NRAS Q61K).",
            {("KRAS", "mutation", "negative"), ("NRAS", "mutation", "negative")},
        ),
        (
            "Clinically relevant variants: none identified in KRAS G12C, EGFR L858R or BRAF V600E.",
            {
                ("KRAS", "mutation", "negative"),
                ("EGFR", "mutation", "negative"),
                ("BRAF", "mutation", "negative"),
            },
        ),
    ],
)
def test_a_negative_head_covers_every_item_of_its_list(extract: Extract, line: str, want: set) -> None:
    assert facts(extract(LUNG + line + "\n")) == want


@pytest.mark.parametrize(
    ("line", "want"),
    [
        (
            "HER2: negative (ER 90%, PR 30%).",
            {
                ("ERBB2", "expression", "negative"),
                ("ESR1", "expression", "positive"),
                ("PGR", "expression", "positive"),
            },
        ),
        (
            "ALK: none (KRAS G12C detected).",
            {("ALK", "fusion", "negative"), ("KRAS", "mutation", "positive")},
        ),
    ],
)
def test_a_bracket_after_a_genes_own_result_is_not_its_list(extract: Extract, line: str, want: set) -> None:
    assert facts(extract("Invasive carcinoma.\n" + line + "\n")) == want
