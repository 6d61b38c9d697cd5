"""Negatives that a PDF's text layer or OCR split off their head: a ";"-list whose wrapped line lost
its indent, a clause break OCR read as ":", and a dated entry's result line at the margin."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts


@pytest.mark.parametrize(
    "tail",
    [
        "ROS1 fusions; NTRK1/NTRK2 fusions; ETV6::NTRK3.",
        "ROS1 fusions, ETV6::NTRK3",
        "ETV6::NTRK3.",
    ],
)
def test_wrapped_negative_list_at_the_margin_keeps_its_head(extract: Extract, tail: str) -> None:
    text = (
        "Salivary gland carcinoma.\n"
        "Not detected: HRAS, PIK3CA mutations; TP53; MET amplification;\n"
        f"{tail}\n"
        "Copy number: not assessed.\n"
    )
    got = facts(extract(text))
    assert ("NTRK3", "fusion", "positive") not in got
    assert ("NTRK3", "fusion", "negative") in got
    assert ("TP53", "mutation", "negative") in got


def test_a_labelled_line_after_the_list_keeps_its_own_result(extract: Extract) -> None:
    text = "Not detected: KRAS; NRAS;\nBRAF V600E: detected (VAF 12%).\n"
    got = facts(extract(text))
    assert ("BRAF", "mutation", "positive") in got
    assert ("KRAS", "mutation", "negative") in got


def test_clause_break_read_as_colon_keeps_the_negator_for_the_next_line(extract: Extract) -> None:
    text = (
        "Lung adenocarcinoma.\n"
        "RNA panel: no rearrangement of ALK, ROS1, RET or NRG1 found: no\n"
        "MET exon 14 skipping transcript.\n"
    )
    got = facts(extract(text))
    assert ("MET", "mutation", "positive") not in got
    assert ("MET", "mutation", "negative") in got


def test_a_forms_no_answer_does_not_reach_the_next_line(extract: Extract) -> None:
    got = facts(extract("Lung adenocarcinoma.\nEGFR mutation detected: no\nKRAS G12C detected.\n"))
    assert ("KRAS", "mutation", "positive") in got


def test_ocr_tps53_reads_as_tp53(extract: Extract) -> None:
    assert ("TP53", "mutation", "negative") in facts(extract("TPS53: no pathogenic variant found."))


def test_dated_entry_whose_wrapped_lines_sit_at_the_margin(extract: Extract) -> None:
    # the entries' labels carry the dates; their wrapped result lines lost the indent
    note = (
        "- First diagnosis 03/2018: right breast IDC grade 2, core biopsy at the\n"
        "county hospital (ref 18-2231). ER 90%, PR 35%, HER2 IHC 0.\n"
        "- Liver biopsy 09/2024: metastatic breast carcinoma, reported by\n"
        "the regional lab. ER 60%, PR 0%, HER2 IHC 1+.\n"
    )
    got = facts(extract(note))
    assert ("PGR", "expression", "positive") not in got
    assert ("PGR", "expression", "negative") in got


def test_a_cells_bracket_wrapped_around_the_next_cell_does_not_hide_its_result(extract: Extract) -> None:
    # OCR of a row: the lab cell's "(Northgate" opens before the result cell, "Labs)" closes after it
    row = (
        "09/2021 | Saliva - hereditary panel (Northgate MLH1, MSH2, | Negative - no pathogenic variants\n"
        "Labs) PMS2 reported\n"
    )
    got = facts(extract(row))
    assert ("PMS2", "mutation", "positive") not in got
    assert ("PMS2", "mutation", "negative") in got


def test_an_aside_whose_opening_a_comma_cut_still_negates_nothing(extract: Extract) -> None:
    text = "Colon resection.\nNote (for the tumour board, not for the report): dMMR status is prognostic.\n"
    assert ("MMR", "signature", "positive") in facts(extract(text))
