"""1p/19q codeletion results: "no codeletion", "not co-deleted" are the deletion marker's negatives,
never an amplification (a copy-number test) and never a positive."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_copy_number_row_with_no_codeletion(extract: Extract) -> None:
    text = (
        "Marker | Method | Result\n"
        "1p/19q | SNP array copy number | No codeletion detected; both arms retained\n"
    )
    got = facts(extract(text))
    assert ("1p/19q", "amplification", "negative") not in got
    assert ("1p/19q", "deletion", "negative") in got


def test_not_co_deleted_in_a_summary_line(extract: Extract) -> None:
    got = facts(extract("Molecular summary: IDH2 R172K; 1p/19q not co-deleted; MGMT unmethylated.\n"))
    assert ("1p/19q", "deletion", "negative") in got
    assert ("1p/19q", "deletion", "positive") not in got


def test_non_codeleted_and_no_codeletion_cells(extract: Extract) -> None:
    for text in ("1p/19q | FISH | non-codeleted\n", "1p/19q (FISH): no codeletion\n"):
        got = facts(extract(text))
        assert ("1p/19q", "deletion", "positive") not in got, text
        assert ("1p/19q", "deletion", "negative") in got, text


def test_superseded_codeleted_call_is_not_a_positive(extract: Extract) -> None:
    text = "1p/19q | FISH | ratio 0.7 - earlier read as codeleted (corrected, see addendum)\n"
    assert ("1p/19q", "deletion", "positive") not in facts(extract(text))
