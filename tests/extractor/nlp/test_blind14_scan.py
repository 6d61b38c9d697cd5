"""OCR'd table cells read line by line (blind14 scans): a result split from its "Not", a gene list
after one gene's "DETECTED:" (";" read as ":"), a qualifier cut off from its object."""

from __future__ import annotations

from casewise_core.profile import Profile


def _rows(profile: Profile) -> dict[tuple[str, str], str]:
    return {(b.gene, b.alteration): b.status for b in profile.biomarkers}


def test_result_colon_before_bare_gene_list_with_own_result(extract) -> None:
    rows = _rows(
        extract("Tissue RNA panel: CD74::ROS1 fusion POSITIVE: EGFR, ALK, RET, KRAS\n\nnegative. TPS 10%.")
    )
    assert rows.get(("ROS1", "fusion")) == "positive"
    assert rows.get(("EGFR", "mutation")) == "negative"
    assert rows.get(("KRAS", "mutation")) == "negative"
    assert ("EGFR", "fusion") not in rows
    assert all(status != "positive" for (gene, _), status in rows.items() if gene != "ROS1")


def test_heading_colon_list_keeps_its_results(extract) -> None:
    rows = _rows(extract("Variants detected: KRAS G12D, TP53 R273H."))
    assert rows.get(("KRAS", "mutation")) == "positive"


def test_not_split_from_its_word_by_a_cell_wrap(extract) -> None:
    rows = _rows(
        extract("Gene | Finding | Note\nERBB2 | Amplification Not Low tumour fraction in plasma\ndetected\n")
    )
    assert rows.get(("ERBB2", "amplification")) != "positive"


def test_qualifier_cut_off_from_its_object_abstains(extract) -> None:
    rows = _rows(
        extract(
            "MET copy number (NGS) Copy number gain estimated beneath the assay's\n\n4.9 copies cut-off\n"
        )
    )
    assert rows.get(("MET", "amplification")) != "positive"
