"""A newer report restates an older result inside a dated history clause ("carcinoma 2018 (ER/PR
positive)", "First tumour (2018): PR 70%"): that result is the older date's, and the report's own
reading of the same test (undated, or of a later entry) wins; one stated only in history stays."""

from __future__ import annotations

from casewise_extractor.nlp.history_clauses import clause_day

from tests.extractor.nlp.conftest import facts

_HEADER = "Report date: 09/14/2024\n"


def test_bracketed_history_loses_to_the_reports_own_negative(extract) -> None:  # noqa: ANN001
    text = _HEADER + (
        "History: left breast ductal carcinoma 2018 (pT2 N0, ER+/PR+, HER2 0) treated with surgery.\n"
        "Current receptors on the new chest wall nodule:\n"
        "Progesterone receptor: NEGATIVE (0%).\n"
        "Estrogen receptor: POSITIVE (80%).\n"
    )
    got = facts(extract(text))
    assert ("PGR", "expression", "negative") in got
    assert ("PGR", "expression", "positive") not in got
    assert ("ESR1", "expression", "positive") in got


def test_labelled_history_line_loses_to_a_later_entry(extract) -> None:  # noqa: ANN001
    text = _HEADER + (
        "First tumour (2018): right breast lobular carcinoma, ER 90% / PR 70% / HER2 1+.\n"
        "06/2024: chest wall biopsy, ER 85%, PR 0%.\n"
    )
    got = facts(extract(text))
    assert ("PGR", "expression", "negative") in got
    assert ("PGR", "expression", "positive") not in got


def test_result_stated_only_in_history_stays(extract) -> None:  # noqa: ANN001
    text = _HEADER + (
        "History: left breast ductal carcinoma 2018 (pT2 N0, ER+/PR+) treated with surgery.\n"
        "The new nodule is benign; no receptor testing was done.\n"
    )
    assert ("PGR", "expression", "positive") in facts(extract(text))


def test_clause_day_needs_the_date_right_before_the_bracket() -> None:
    text = "carcinoma 2018 (ER+/PR+) treated; biopsy (PR+) in 2018"
    assert clause_day(text, text.index("PR+")) is not None
    assert clause_day(text, text.rindex("PR+")) is None


def test_a_label_opens_its_line_and_holds_no_sentence_end() -> None:
    labelled = "Primary tumour (2018): ER 90%, PR 70%"
    assert clause_day(labelled, labelled.index("PR")) is not None
    wrapped = "   weekly x4. Restaging (2018): ER 90%, PR 70%"  # a wrapped entry's text, no label
    assert clause_day(wrapped, wrapped.index("PR")) is None
