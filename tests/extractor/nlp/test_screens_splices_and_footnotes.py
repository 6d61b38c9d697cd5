"""A footnote mark glued to a result ("Not detected³") is no positive; an exon-skipping junction
("exon 13::exon 15") is one gene's splice variant, not a fusion; c-Met is the MET protein; the pan-TRK
stain is NTRK1/2/3 expression and never a fusion result; what a negative screen leaves open ("does not
exclude ... fusions") is no result; INI1 is the SMARCB1 protein (retained = no loss).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts

_NTRK = ("NTRK1", "NTRK2", "NTRK3")


@pytest.mark.parametrize("mark", ["\u00b9", "\u00b2", "\u00b3", "\u2074"])
def test_a_footnote_mark_after_not_detected_keeps_it_negative(extract, mark: str) -> None:
    got = facts(extract(f"Fusion panel\nTarget | Call | Reads\nNTRK1/2/3 fusions | Not detected{mark} | 0"))
    assert got == {(g, "fusion", "negative") for g in _NTRK}


def test_exon_skipping_written_as_an_exon_junction_is_a_mutation(extract) -> None:
    got = facts(extract("Splice panel\nMET exon 14 skipping (exon 13::exon 15 junction) | DETECTED | 912"))
    assert got == {("MET", "mutation", "positive")}


def test_a_real_fusion_beside_a_skipping_test_stays_a_fusion(extract) -> None:
    got = facts(extract("EML4::ALK fusion detected; MET exon 14 skipping not detected."))
    assert got == {("ALK", "fusion", "positive"), ("MET", "mutation", "negative")}


def test_c_met_in_mixed_case_is_met_protein_expression(extract) -> None:
    got = facts(extract("c-Met: 3+ membranous staining in 80% of tumour cells."))
    assert got == {("MET", "expression", "positive")}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("pan-TRK IHC: negative.", "negative"),
        ("Stains\nMarker | Result\nPan-TRK (EPR17341) | Negative, no staining", "negative"),
        ("pan-TRK immunostain was positive (cytoplasmic).", "positive"),
    ],
)
def test_pan_trk_is_expression_of_all_three_proteins(extract, text: str, status: str) -> None:
    got = facts(extract(text))
    assert got == {(g, "expression", status) for g in _NTRK}


def test_pan_trk_named_without_a_result_states_nothing(extract) -> None:
    assert facts(extract("Pan-TRK is a screening stain used for solid tumours.")) == set()


@pytest.mark.parametrize(
    "text",
    [
        "A negative stain does not exclude NTRK3 fusions.",
        "ALK IHC negative; this does not rule out a ROS1 fusion.",
    ],
)
def test_what_a_negative_screen_leaves_open_is_no_fusion_result(extract, text: str) -> None:
    got = facts(extract(text))
    assert not any(a == "fusion" and g in ("NTRK3", "ROS1") for g, a, _ in got)


@pytest.mark.parametrize(
    ("text", "status"),
    [("INI1: retained.", "negative"), ("INI-1 expression is lost in the tumour cells.", "positive")],
)
def test_ini1_is_smarcb1_loss(extract, text: str, status: str) -> None:
    assert facts(extract(text)) == {("SMARCB1", "loss", status)}


def test_smarcb1_sequenced_stays_a_mutation(extract) -> None:
    assert facts(extract("NGS: SMARCB1 wild type")) == {("SMARCB1", "mutation", "negative")}
