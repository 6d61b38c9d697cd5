"""Sentences of typed notes and letters (blind16 wording families; sentences written for these tests).

- A long line of prose wrapped inside an indented item, its next line indented to the item's text,
  is one sentence: a relative named before the wrap still owns the result after it.
"""

from __future__ import annotations

from .conftest import Extract, facts


def test_a_wrapped_item_keeps_the_relative_before_the_wrap(extract: Extract) -> None:
    text = (
        "MY RESULTS\n"
        "- Genetic testing 2024: my mother had breast cancer and her result came back\n"
        "  BRCA1 positive, so I was tested as well. Mine was negative for BRCA1.\n"
    )
    got = facts(extract(text))
    assert ("BRCA1", "mutation", "positive") not in got
    assert ("BRCA1", "mutation", "negative") in got


def test_a_list_of_short_indented_lines_stays_line_by_line(extract: Extract) -> None:
    text = "Blood test results:\n  EGFR exon 19 deletion still there\n  T790M: NOT detected\n  ALK negative\n"
    got = facts(extract(text))
    assert ("EGFR", "mutation", "positive") in got
    assert ("ALK", "fusion", "negative") in got


def test_a_new_bullet_after_a_long_line_is_a_new_sentence(extract: Extract) -> None:
    text = (
        "- My sister had breast cancer and tested positive for a gene change in her family line\n"
        "- BRCA2 positive on my own tumour test in 2023 (Arbor Genomics)\n"
    )
    assert ("BRCA2", "mutation", "positive") in facts(extract(text))
