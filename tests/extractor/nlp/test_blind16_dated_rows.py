"""Earlier results restated in one document: rows of a dated results table (blind16: an appeal
letter's attachment lists the primary biopsy of one year and the metastasis biopsy of another).

- Where rows opening with a date disagree on a result months apart, the later row's result stands,
  as it does across reports (receptor status re-tested on a metastasis).
- Rows of the same time (within a month) that disagree both stay: neither is newer.
- A variant "new since 2021" supersedes the 2021 whole-gene "no mutation detected" restated beside
  it; a one-exon negative ("KIT exon 17: no mutation") stays.
"""

from __future__ import annotations

from .conftest import Extract, facts


def test_a_later_dated_row_supersedes_an_earlier_one(extract: Extract) -> None:
    text = (
        "Date | Specimen | Marker | Result\n"
        "2021-03-02 | Breast core | ER | 90% positive\n"
        "2021-03-02 | Breast core | PR | 30% positive\n"
        "2024-11-20 | Liver core | ER | 80% positive\n"
        "2024-11-20 | Liver core | PR | <1%, negative\n"
    )
    got = facts(extract(text))
    assert ("PGR", "expression", "negative") in got
    assert ("PGR", "expression", "positive") not in got
    assert ("ESR1", "expression", "positive") in got


def test_rows_of_the_same_month_that_disagree_both_stay(extract: Extract) -> None:
    text = (
        "Date | Lab | Marker | Result\n"
        "03/04/2024 | Lab A | PR | 5%, positive\n"
        "03/18/2024 | Lab B | PR | <1%, negative\n"
    )
    got = facts(extract(text))
    assert {("PGR", "expression", "positive"), ("PGR", "expression", "negative")} <= got


def test_undated_rows_are_left_as_they_are(extract: Extract) -> None:
    text = (
        "Specimen | Marker | Result\nPrimary (2019) | PR | 40%, positive\nLiver (2025) | PR | <1%, negative\n"
    )
    got = facts(extract(text))
    assert {("PGR", "expression", "positive"), ("PGR", "expression", "negative")} <= got


def test_a_variant_new_since_an_earlier_whole_gene_test_supersedes_it(extract: Extract) -> None:
    text = (
        "- 2021 work-up: TP53 sequencing (exons 2-11): no mutation detected.\n"
        "- 2026 repeat: TP53 NGS: p.(Arg273His) DETECTED, VAF 12% (new since 2021).\n"
    )
    got = facts(extract(text))
    assert ("TP53", "mutation", "positive") in got
    assert ("TP53", "mutation", "negative") not in got


def test_a_single_exon_negative_stays_beside_a_new_variant(extract: Extract) -> None:
    text = "KIT exon 17: no mutation detected (2022).\nKIT exon 13 p.V654A detected (new since 2022).\n"
    got = facts(extract(text))
    assert {("KIT", "mutation", "positive"), ("KIT", "mutation", "negative")} <= got
