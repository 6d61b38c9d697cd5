"""A row's label lists genes that its value names again, each with its own result ("ER / PgR | ER
positive; PgR negative"): a label's gene never borrows the next gene's result."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_receptor_label_cell_then_each_receptor(extract: Extract) -> None:
    text = (
        "Ductal carcinoma, left breast.\n"
        "ER / PgR | ER strongly positive (Allred 7); PgR negative (Allred 2)\n"
    )
    got = facts(extract(text))
    assert ("PGR", "expression", "positive") not in got
    assert ("PGR", "expression", "negative") in got
    assert ("ESR1", "expression", "positive") in got


def test_three_receptor_label_with_comma_results(extract: Extract) -> None:
    text = "Lobular carcinoma, right breast.\nER / PR / HER2 | ER positive, PR negative, HER2 score 1+\n"
    got = facts(extract(text))
    assert ("ERBB2", "expression", "positive") not in got
    assert ("PGR", "expression", "negative") in got


def test_gene_list_label_then_variant_and_wild_type(extract: Extract) -> None:
    got = facts(extract("Colorectal adenocarcinoma.\nKRAS, NRAS: KRAS G13D present; NRAS wild type.\n"))
    assert ("NRAS", "mutation", "positive") not in got
    assert ("NRAS", "mutation", "negative") in got
    assert ("KRAS", "mutation", "positive") in got


def test_plain_gene_list_still_shares_its_result(extract: Extract) -> None:
    got = facts(extract("Lung adenocarcinoma.\nALK, ROS1: not rearranged.\n"))
    assert ("ALK", "fusion", "negative") in got
    assert ("ROS1", "fusion", "negative") in got


def test_family_name_later_on_the_line_is_no_restatement(extract: Extract) -> None:
    text = (
        "Cholangiocarcinoma.\n"
        "NTRK1, NTRK2, NTRK3 fusions | NOT EVALUABLE - RNA extraction failed | suggest pan-TRK IHC\n"
    )
    got = facts(extract(text))
    assert ("NTRK1", "fusion", "unknown") in got
    assert ("NTRK2", "fusion", "unknown") in got
