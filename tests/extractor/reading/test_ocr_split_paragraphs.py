"""Tesseract sometimes files the last line of a wrapped sentence under a new block or paragraph
("... the HER2 FISH was reported" / "NOT AMPLIFIED (ratio 1.2)."). Read apart, the gene's sentence
has no result and its result has no gene; the OCR text joins them again where the geometry says the
layout wrapped the line, and keeps the writer's own paragraph breaks and headings apart."""

from __future__ import annotations

from casewise_extractor.reading.ocr import text_from_tsv

_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
_PAGE = "1\t1\t0\t0\t0\t0\t0\t0\t1700\t2200\t-1\t"


def _line(block: int, par: int, line: int, top: int, words: list[tuple[int, int, str]]) -> list[str]:
    return [
        f"5\t1\t{block}\t{par}\t{line}\t{i}\t{x}\t{top}\t{w}\t26\t95\t{t}"
        for i, (x, w, t) in enumerate(words, 1)
    ]


def _body(top: int, block: int = 1) -> list[str]:
    """Four lines of one paragraph at a 36 px pitch, each running to the right edge (x = 1480)."""
    rows: list[str] = []
    texts = [
        "Seen in clinic today with",
        "a persistent cough, and",
        "the result of her HER2",
        "FISH was reported",
    ]
    for n, text in enumerate(texts):
        rows += _line(block, 1, n + 1, top + 36 * n, [(220, 300, "Words"), (540, 940, text)])
    return rows


def test_a_sentence_split_into_two_blocks_is_joined_at_normal_line_spacing() -> None:
    rows = [_PAGE, *_body(300)]
    rows += _line(
        2, 1, 1, 300 + 36 * 4, [(220, 200, "NOT"), (430, 260, "AMPLIFIED"), (700, 200, "(ratio 1.2).")]
    )
    text = text_from_tsv("\n".join([_HEADER, *rows])).text
    assert "FISH was reported NOT AMPLIFIED (ratio 1.2)." in text
    assert "\n\n" not in text


def test_a_split_paragraph_is_joined_within_its_block_too() -> None:
    rows = [_PAGE, *_body(300)]
    rows += _line(1, 2, 1, 300 + 36 * 4, [(220, 300, "negative"), (540, 200, "today.")])
    assert "FISH was reported negative today." in text_from_tsv("\n".join([_HEADER, *rows])).text


def test_a_wider_gap_a_finished_sentence_or_a_short_line_stays_apart() -> None:
    gap = [_PAGE, *_body(300), *_line(2, 1, 1, 300 + 36 * 3 + 60, [(220, 200, "NEGATIVE.")])]
    assert "reported\n\nNEGATIVE." in text_from_tsv("\n".join([_HEADER, *gap])).text
    done = [_PAGE, *_body(300)]
    done[-1] = done[-1].replace("reported", "reported.")
    done += _line(2, 1, 1, 300 + 36 * 4, [(220, 100, "Plan")])
    assert "reported.\n\nPlan" in text_from_tsv("\n".join([_HEADER, *done])).text
    short = [_PAGE, *_body(300)]
    short[-1] = short[-1].replace("\t940\t", "\t400\t")  # the line ends mid-page: the writer broke it
    short += _line(2, 1, 1, 300 + 36 * 4, [(220, 100, "Plan")])
    assert "\n\nPlan" in text_from_tsv("\n".join([_HEADER, *short])).text


def test_a_one_line_block_is_measured_against_the_page_not_itself() -> None:
    """A running header alone in its block ends its block's text, but not the page's: the section
    heading right under it is not its continuation."""
    rows = [_PAGE, *_line(1, 1, 1, 200, [(220, 900, "Acme Labs | Smith, Jo | Page 2 of 2")])]
    rows += _line(2, 1, 1, 236, [(220, 160, "Variants"), (392, 320, "of uncertain significance")])
    rows += _body(300, block=3)
    assert (
        "Page 2 of 2\n\nVariants of uncertain significance" in text_from_tsv("\n".join([_HEADER, *rows])).text
    )
