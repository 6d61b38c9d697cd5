"""A "not detected" grid with one column per alteration class is read cell by cell: "ND" is a
negative for its column's class, a dash is no result (no row)."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts

GRID = (
    "Genes without detected alterations\n"
    "Gene | Point mutations / indels | Copy number gain | Rearrangement\n"
    "CDK4 | \u2014 | ND | \u2014\n"
    "FGFR3 | ND | ND | ND\n"
    "MSH6 | ND | \u2014 | \u2014\n"
    "ROS1 | - | - | ND\n"
    "NRG1 | - | - | not assessed\n"
)


def test_each_column_gives_its_own_class(extract: Extract) -> None:
    got = facts(extract(GRID))
    assert {("FGFR3", "mutation", "negative"), ("FGFR3", "amplification", "negative")} <= got
    assert ("FGFR3", "fusion", "negative") in got
    assert ("CDK4", "amplification", "negative") in got
    assert ("ROS1", "fusion", "negative") in got


def test_dash_and_not_assessed_cells_give_no_row(extract: Extract) -> None:
    got = facts(extract(GRID))
    assert not {f for f in got if f[0] == "CDK4" and f[1] != "amplification"}
    assert not {f for f in got if f[0] == "NRG1"}


def test_mmr_gene_in_the_snv_column_is_sequenced_not_stained(extract: Extract) -> None:
    got = facts(extract(GRID))
    assert ("MSH6", "mutation", "negative") in got
    assert ("MSH6", "loss", "negative") not in got


def test_a_detected_cell_is_that_class_found(extract: Extract) -> None:
    text = "Gene | SNV | Amplification | Fusion\nERBB2 | ND | Detected (CN 14) | ND\n"
    got = facts(extract(text))
    assert ("ERBB2", "amplification", "negative") not in got
    assert {("ERBB2", "amplification", "positive"), ("ERBB2", "mutation", "negative")} <= got


def test_a_variant_in_the_snv_column_is_found(extract: Extract) -> None:
    text = "Gene | SNV | Amplification | Fusion\nKRAS | G12D (VAF 3.1%) | ND | ND\n"
    got = facts(extract(text))
    assert ("KRAS", "mutation", "positive") in got
    assert ("KRAS", "mutation", "negative") not in got
    assert ("KRAS", "amplification", "negative") in got
