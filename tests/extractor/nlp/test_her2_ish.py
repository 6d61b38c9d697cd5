"""HER2 IHC and ISH read as two tests: an ordered ISH leaves the IHC score as the result, the ISH
counts (ratio, copy number, ASCO/CAP 2018 groups) decide amplification, and a definition of
"HER2-low" states nothing about this patient. Sentences are our own, written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from casewise_core.profile import Profile

from .conftest import facts


def test_ihc_row_reflexed_to_ish_is_the_ihc_result(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("HER2 (4B5) | 2+ | incomplete membranous staining | Equivocal, reflex to FISH"))
    assert got == {("ERBB2", "expression", "equivocal")}


def test_pending_reflex_ish_stays_an_unknown_ish(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("HER2 IHC 2+, reflex FISH pending."))
    assert got == {("ERBB2", "expression", "equivocal"), ("ERBB2", "amplification", "unknown")}


def test_ihc_clause_before_ish_clause_gives_both(extract: Callable[[str], Profile]) -> None:
    got = facts(
        extract("HER2 IHC 2+; SISH: HER2/CEP17 ratio 1.3, mean HER2 copy number 2.9 per cell, not amplified.")
    )
    assert got == {("ERBB2", "expression", "equivocal"), ("ERBB2", "amplification", "negative")}


def test_copy_number_mention_is_ish_not_the_protein(extract: Callable[[str], Profile]) -> None:
    text = "HER2 dual-probe ISH: ratio 1.7 with average HER2 copy number 4.6 (group 4), negative."
    got = facts(extract(text))
    assert got == {("ERBB2", "amplification", "negative")}


def test_group_2_numbers_alone_are_not_amplified_positive(extract: Callable[[str], Profile]) -> None:
    # ratio >= 2.0 but < 4 copies/cell: ASCO/CAP 2018 needs the IHC; the numbers alone are no positive
    p = extract("HER2 FISH: HER2/CEP17 ratio 2.2, average HER2 copy number 3.5 signals per cell.")
    assert not [b for b in p.biomarkers if b.status == "positive"]


def test_group_1_and_group_5_numbers_decide(extract: Callable[[str], Profile]) -> None:
    assert facts(extract("HER2 FISH ratio 2.8, average HER2 copies 6.4 per cell.")) == {
        ("ERBB2", "amplification", "positive")
    }
    assert facts(extract("HER2 FISH ratio 1.1, average HER2 copies 2.3 per cell.")) == {
        ("ERBB2", "amplification", "negative")
    }


def test_stated_group_3_amplified_stays_positive(extract: Callable[[str], Profile]) -> None:
    got = facts(extract("HER2 ISH: ratio 1.5, average HER2 copy number 6.8 (group 3), amplified."))
    assert got == {("ERBB2", "amplification", "positive")}


def test_definition_of_her2_low_is_no_result(extract: Callable[[str], Profile]) -> None:
    p = extract("Cancers with HER2 IHC 1+ or IHC 2+ and no amplification are classified as HER2-low.")
    assert p.biomarkers == []
