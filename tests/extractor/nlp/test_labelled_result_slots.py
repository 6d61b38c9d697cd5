"""A row labelled with the class it tested ("RET fusion:", "MET amplification =") states its result in
the slot after the label. The class word in the label is no finding by itself: a negative slot is
negative, a slot we cannot read gives no row, and only a slot that names the event reads positive."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts

LUNG = "Lung adenocarcinoma, left upper lobe.\n"


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("RET fusion: none.", ("RET", "fusion", "negative")),
        ("RET rearrangement: none seen.", ("RET", "fusion", "negative")),
        ("ALK translocation: nil.", ("ALK", "fusion", "negative")),
        ("ROS1 rearrangement by FISH - none found", ("ROS1", "fusion", "negative")),
        ("ROS1 rearrangement: -", ("ROS1", "fusion", "negative")),
        ("MET amplification: none seen", ("MET", "amplification", "negative")),
        ("ERBB2 amplification status: no", ("ERBB2", "amplification", "negative")),
        ("CDKN2A deletion: none", ("CDKN2A", "deletion", "negative")),
        ("RET fusion status: nil detected", ("RET", "fusion", "negative")),
    ],
)
def test_a_negative_slot_after_a_class_label_is_negative(extract: Extract, line: str, row: tuple) -> None:
    assert facts(extract(LUNG + line + "\n")) == {row}


@pytest.mark.parametrize(
    "line",
    [
        "ROS1 fusion: N/A",
        "ALK rearrangement: see comment below",
        "RET fusion: not applicable to this specimen type",
        "MET amplification: ratio 1.3",
        "FGFR2 fusion: consider pemigatinib or futibatinib if present.",
    ],
)
def test_a_slot_we_cannot_read_gives_no_positive(extract: Extract, line: str) -> None:
    assert not [b for b in extract(LUNG + line + "\n").biomarkers if b.status == "positive"]


@pytest.mark.parametrize(
    ("line", "rows"),
    [
        (
            "CDKN2A/B: homozygous deletion",
            {("CDKN2A", "deletion", "positive"), ("CDKN2B", "deletion", "positive")},
        ),
        ("ALK rearrangement: positive (58% of nuclei)", {("ALK", "fusion", "positive")}),
        ("MET: amplified (copy number 9)", {("MET", "amplification", "positive")}),
        ("ALK fusion: EML4-ALK variant 3", {("ALK", "fusion", "positive")}),
    ],
)
def test_a_slot_that_states_the_event_is_still_positive(extract: Extract, line: str, rows: set) -> None:
    assert facts(extract(LUNG + line + "\n")) == rows


def test_none_seen_after_a_bare_gene_and_in_prose(extract: Extract) -> None:
    p = extract(LUNG + "NTRK fusions: none seen. KRAS: nil. BRAF V600E: none identified.\n")
    assert {b.status for b in p.biomarkers} == {"negative"}
    assert {b.gene for b in p.biomarkers} >= {"KRAS", "BRAF"}


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("MET amp: no", ("MET", "amplification", "negative")),
        ("MET amp - nil", ("MET", "amplification", "negative")),
        ("ERBB2 amp (FISH): no", ("ERBB2", "amplification", "negative")),
        ("ALK rearr: none", ("ALK", "fusion", "negative")),
    ],
)
def test_an_abbreviated_class_label_reads_its_slot(extract: Extract, line: str, row: tuple) -> None:
    assert facts(extract(LUNG + line + "\n")) == {row}


def test_an_abbreviated_label_with_an_unread_slot_is_no_positive(extract: Extract) -> None:
    assert not extract(LUNG + "MET amp: N/A\n").biomarkers
