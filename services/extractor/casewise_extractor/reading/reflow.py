"""Paragraph reflow: join the lines a layout wrapped, keep the lines a writer broke.

Extraction reads a newline as a sentence break (table rows and ``label: value`` lines rely on it),
so a sentence that a PDF or a scan wrapped across lines is cut in two and loses what spans the
break: "NEGATIVE - no pathogenic variants in" / "BRCA1, BRCA2, PALB2" loses its negatives. Only
geometry tells a wrap from a deliberate break: a wrapped line runs to the right edge of its text
block, so far that the next line's first word would not have fitted after it; the next line starts
at the same left margin (or a hanging indent), in the same font, at normal line spacing. Lists,
headings, ``label: value`` lines and table rows stay on their own lines.

The joined text is what ``Page.text`` holds, so evidence offsets index into it unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: A wrapped line is at least this share of the page wide: narrower lines (columns, short notes,
#: labels) are never joined, which keeps small blocks whose right edge is unknown as they are.
MIN_WRAP_SHARE = 0.45
#: Left margins this close (in font sizes) are the same margin; a continuation indented by up to
#: ``MAX_INDENT`` sizes is a hanging indent (list item text), and a first line indented by as much
#: is a paragraph indent.
MARGIN_TOLERANCE = 0.5
MAX_INDENT = 4.0

# A list item: bullet, dash, "1." / "1)" / "(2)" / "a)" numbering.
_LIST_ITEM = re.compile(
    r"^(?:[\u2022\u00b7\u25aa\u25cf\u2023\u2043*\-\u2013\u2014]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)"
)
# "Plan: ...", "PD-L1 (22C3): ..." — a label of at most four words before a colon starts a field.
_LABEL = re.compile(r"^[A-Z][\w()/&+.\-]*(?:\s[\w()/&+.\-]+){0,3}:(?:\s|$)")
_TRAILING_FRAGMENT = re.compile(r"([A-Za-z]+)-$")
_LEADING_FRAGMENT = re.compile(r"^([A-Za-z]+)")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")

#: First halves of compounds written with a hyphen ("well-differentiated", "non-small",
#: "wild-type"): a line break after them keeps the hyphen unless the page spells the joined word.
_COMPOUND_HEADS_TEXT = """
non well poorly moderately low high self cross long short first second third fourth later front full
half double triple single wild treatment platinum hormone node dose time year month week day all ever
never post pre anti co multi
"""
COMPOUND_HEADS = frozenset(_COMPOUND_HEADS_TEXT.split())


@dataclass(frozen=True)
class Line:
    """One printed line and the geometry that decides whether it wraps into the next."""

    text: str
    x0: float
    x1: float
    top: float
    size: float  # font size (PDF points) or line height (OCR pixels)
    space: float  # width of a space in this line's font
    first_word: float  # width of the line's first word
    bold: bool = False
    fixed: bool = False  # a table row: never joined to anything
    columns: bool = False  # fields set apart by wide gaps: nothing is joined onto it


@dataclass(frozen=True)
class Frame:
    """The text block the lines were set in, and how strict the spacing and size tests are."""

    right: float  # right edge of the block (the widest line's end)
    min_width: float  # lines narrower than this were not wrapped
    max_pitch: float | None = 1.5  # baseline-to-baseline distance, in font sizes; None: not tested
    size_ratio: float = 1.15  # font sizes within this ratio are the same font


def frame_for(
    lines: Iterable[Line], page_width: float, *, max_pitch: float | None = 1.5, size_ratio: float = 1.15
) -> Frame:
    """The frame of a page (or an OCR block): its widest free line's end sets the right edge."""
    right = max((line.x1 for line in lines if not line.fixed), default=0.0)
    return Frame(right, MIN_WRAP_SHARE * page_width, max_pitch, size_ratio)


def _same_margin(cur: Line, nxt: Line, starts_paragraph: bool) -> bool:
    dx, size = nxt.x0 - cur.x0, max(cur.size, nxt.size)
    if abs(dx) <= MARGIN_TOLERANCE * size:
        return True
    if dx > 0:
        return dx <= MAX_INDENT * size  # hanging indent: the item's text continues under itself
    return starts_paragraph and -dx <= MAX_INDENT * size  # first-line indent


def _spacing_ok(cur: Line, nxt: Line, frame: Frame) -> bool:
    low, high = sorted((cur.size, nxt.size))
    if high > low * frame.size_ratio:
        return False
    if frame.max_pitch is None:
        return True
    return 0 < nxt.top - cur.top <= frame.max_pitch * high


def wraps(cur: Line, nxt: Line, frame: Frame, *, starts_paragraph: bool = True) -> bool:
    """Did the layout wrap ``cur`` into ``nxt`` (one paragraph), rather than the writer break it?"""
    if cur.fixed or nxt.fixed or cur.columns or nxt.columns or not cur.text.strip() or not nxt.text.strip():
        return False
    if cur.x1 - cur.x0 < frame.min_width or cur.bold != nxt.bold:
        return False
    # The next line's first word would not have fitted after this one: the layout had to break.
    if cur.x1 + cur.space + nxt.first_word <= frame.right:
        return False
    head = nxt.text.lstrip()
    if _LIST_ITEM.match(head) or _LABEL.match(head):
        return False
    return _same_margin(cur, nxt, starts_paragraph) and _spacing_ok(cur, nxt, frame)


def join(left: str, right: str, vocabulary: set[str] | frozenset[str] = frozenset()) -> str:
    """``left`` and its wrapped continuation as one line; a break after a hyphen joins the word.

    "carcino-" + "ma" is one word split by hyphenation; "BRCA1-" + "associated" and
    "well-" + "differentiated" are hyphenated words that happened to break at their hyphen.
    ``vocabulary`` (lower-case words of the page) settles it where the page spells either form.
    """
    left, right = left.rstrip(), right.lstrip()
    if left.endswith("\u00ad"):  # a soft hyphen is only ever a hyphenation point
        return left[:-1] + right
    if not left.endswith("-") or len(left) < 2 or left[-2].isspace():
        return f"{left} {right}"
    head, tail = _TRAILING_FRAGMENT.search(left), _LEADING_FRAGMENT.match(right)
    if head and tail and _dehyphenate(head.group(1), tail.group(1), vocabulary):
        return left[:-1] + right
    return left + right


def _dehyphenate(head: str, tail: str, vocabulary: set[str] | frozenset[str]) -> bool:
    if not (head.islower() and tail.islower()):
        return False  # gene names, codes, "Grade-" ... keep their hyphen
    if f"{head}{tail}" in vocabulary:
        return True
    return not (f"{head}-{tail}" in vocabulary or head in COMPOUND_HEADS or head.endswith("ly"))


def vocabulary(texts: Iterable[str]) -> set[str]:
    """Lower-case words (hyphenated ones whole) of a page, to settle line-end hyphens."""
    return {word for text in texts for word in _WORD.findall(text)}


def reflow(lines: Sequence[Line], frame: Frame, words: set[str] | None = None) -> list[str]:
    """The lines as printed lines, each wrapped paragraph joined into one."""
    vocab = vocabulary(line.text for line in lines) if words is None else words
    out: list[str] = []
    prev: Line | None = None
    starts_paragraph = True
    for line in lines:
        if prev is not None and wraps(prev, line, frame, starts_paragraph=starts_paragraph):
            out[-1] = join(out[-1], line.text, vocab)
            starts_paragraph = False
        else:
            out.append(line.text)
            starts_paragraph = True
        prev = line
    return out
