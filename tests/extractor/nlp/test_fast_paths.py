"""Shortcuts taken for speed must give what the spaCy calls they replace give: sentence bounds from
the token arrays equal ``doc.sents``, and the text the extractor hands the components is ``Doc.text``."""

from __future__ import annotations

from pathlib import Path

import pytest
from casewise_extractor.nlp.pipeline import TEXT_KEY, sentence_bounds

SYNTHETIC = Path(__file__).resolve().parents[3] / "bench" / "data" / "synthetic"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SYNTHETIC.rglob("*.txt"))]
    return [
        *texts,
        "",
        " ",
        "x",
        "One. Two.\n\nThree (a. b)\n  - item",
        "\n\n",
        "EGFR: p.L858R. ALK: negative.",
    ]


def test_sentence_bounds_are_those_of_doc_sents(extractor) -> None:  # noqa: ANN001
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        doc = extractor.nlp(text)
        assert sentence_bounds(doc) == [(s.start_char, s.end_char) for s in doc.sents], text[:60]


@pytest.mark.parametrize("text", ["KRAS G12C detected.\nPD-L1 TPS 80%.", "  leading\tand trailing  \n"])
def test_the_text_components_read_is_the_docs_text(extractor, text: str) -> None:  # noqa: ANN001
    doc = extractor.nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    doc = extractor.nlp(doc)
    assert doc.text == text == doc.user_data[TEXT_KEY]
    assert doc.user_data["casewise_sentences"] == sentence_bounds(doc)


def test_a_bracket_wrapped_over_two_lines_is_one_sentence(extract) -> None:  # noqa: ANN001
    """An OCR'd table cell "FGFR3 fusions (incl. FGFR3::TACC3)" wrapped beside its result: the
    fusion named in the bracket is what was tested, not a second finding."""
    from tests.extractor.nlp.conftest import facts

    text = (
        "Biomarker Result Comment\nFGFR3 fusions (incl. Not detected RNA panel\nFGFR3::TACC3)\n"
        "FGFR2 fusions Not detected RNA panel"
    )
    found = facts(extract(text))
    assert ("FGFR3", "fusion", "negative") in found
    assert ("FGFR3", "fusion", "positive") not in found


def test_the_dotted_date_gate_holds_every_dotted_date_read() -> None:
    """``date_order`` skips its DATE scan when no dotted date with a 4-digit year is present: every
    such date DATE reads must hold what the gate looks for."""
    from casewise_extractor.nlp.dates import _DOTTED_YEAR, DATE, date_order

    for a in ("1", "01", "9", "13", "31"):
        for b in ("2", "02", "12", "13", "30"):
            for y in ("1999", "2025"):
                text = f"Seen on {a}.{b}.{y}, reviewed."
                m = DATE.search(text)
                if m and m.group("sep") == "." and len(m.group("y")) == 4:
                    assert _DOTTED_YEAR.search(text), text
    assert date_order("Collected 13.03.2025; reported 02.04.2025.") == "dm"
    assert date_order("Collected 03.13.2025.") == "md"
    assert date_order("Collected 2025-03-13 and 12/03/2025.") is None


def test_context_runs_on_docs_that_name_a_gene_only(extractor) -> None:  # noqa: ANN001
    """ConText is skipped on a doc with no gene mention (it would have nothing to mark); where there
    is one, it still runs and marks it."""
    from casewise_extractor.nlp.extensions import MENTIONS_KEY

    doc = extractor.nlp("Family history of BRCA2 mutation. Ordered: KRAS testing.")
    assert doc._.context_graph is not None
    marks = {s.text: {m.category for m in s._.modifiers} for s in doc.spans[MENTIONS_KEY]}
    assert marks == {"BRCA2": {"FAMILY"}, "KRAS": {"HYPOTHETICAL"}}
    none = extractor.nlp("Family history of breast cancer. No mutation was detected.")
    assert not none.spans[MENTIONS_KEY]
    assert none._.context_graph is None  # not run: nothing it could mark
