"""OCR'd table cells read line by line (blind14 scans): a result split from its "Not", a gene list
after one gene's "DETECTED:" (";" read as ":"), a qualifier cut off from its object."""

from __future__ import annotations

from casewise_extractor.nlp import load_extractor

from tests.extractor.nlp.conftest import make_document

_EX = load_extractor()


def _rows(text: str) -> dict[tuple[str, str], str]:
    profile = _EX.extract(make_document(text))
    return {(b.gene, b.alteration): b.status for b in profile.biomarkers}


def test_result_colon_before_bare_gene_list_with_own_result() -> None:
    rows = _rows("Tissue RNA panel: CD74::ROS1 fusion POSITIVE: EGFR, ALK, RET, KRAS\n\nnegative. TPS 10%.")
    assert rows.get(("ROS1", "fusion")) == "positive"
    assert rows.get(("EGFR", "mutation")) == "negative"
    assert rows.get(("KRAS", "mutation")) == "negative"
    assert ("EGFR", "fusion") not in rows
    assert all(status != "positive" for (gene, _), status in rows.items() if gene != "ROS1")


def test_heading_colon_list_keeps_its_results() -> None:
    rows = _rows("Variants detected: KRAS G12D, TP53 R273H.")
    assert rows.get(("KRAS", "mutation")) == "positive"


def test_not_split_from_its_word_by_a_cell_wrap() -> None:
    rows = _rows("Gene | Finding | Note\nERBB2 | Amplification Not Low tumour fraction in plasma\ndetected\n")
    assert rows.get(("ERBB2", "amplification")) != "positive"


def test_qualifier_cut_off_from_its_object_abstains() -> None:
    rows = _rows(
        "MET copy number (NGS) Copy number gain estimated beneath the assay's\n\n4.9 copies cut-off\n"
    )
    assert rows.get(("MET", "amplification")) != "positive"
