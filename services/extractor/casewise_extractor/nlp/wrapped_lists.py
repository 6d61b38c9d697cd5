"""Line breaks inside a list or a clause that the page's indent or punctuation no longer shows.

``pipeline.line_sentence_starts`` reads a line break as a sentence break unless the line plainly goes
on. Two signs of going on are lost on the way from a printed page to text: a PDF's text layer and OCR
drop the indent that hung a wrapped ";"-list under its label ("NOT DETECTED: KRAS; TP53;\\nRET fusions;
ALK fusions"), and OCR reads a ";" as a ":" ("no fusions of ALK, ROS1 detected: no\\nMET exon 14
skipping"), which makes a clause's negator look like a form's answer. Read apart, the list's tail and
the negator's noun lose their negative and read as bare mentions (positive). Pure functions on text.
"""

from __future__ import annotations

import re

# a line's label and the spaces after it ("NOT DETECTED: ")
LIST_LABEL = re.compile(r"[ \t]*[^\s:;][^:;\n]{0,40}:[ \t]+(?=\S)")
# an item's bullet ("- ", "* ", "2) ")
BULLET = re.compile(r"(?:[-*\u2022]|\d{1,2}[.)])[ \t]+")
_LIST_TAIL_WORDS = 3  # "ALK fusions." ends a list; a longer line with no separator is a line of its own


def list_tail(line: str) -> bool:
    """``line`` reads as more items of a ";"-list: no label, bullet or table cells of its own, and
    items set apart by ";" or ",", or a few words."""
    head = line.lstrip(" \t")
    if LIST_LABEL.match(line) or BULLET.match(head) or " | " in line:
        return False
    return ";" in head or "," in head or len(head.split()) <= _LIST_TAIL_WORDS


# "..., NTRK3 detected: no" at a line's end: the clause before the colon and the negator after it
_COLON_NEGATOR = re.compile(r"([^:;\n]*):[ \t]+(?:no|not|nor)[ \t]*$", re.I)
# a line that states a result of its own: joined, the negator before it could take it over
_OWN_RESULT = re.compile(
    r"\b(?:positive|negative|detected|identified|present|absent|yes|no|not|none|wild[- ]?type|mutated"
    r"|amplified|equivocal|retained|lost|loss|deficient|proficient|high|low)\b|\d\s*%|[+]",
    re.I,
)


def negator_after_colon(text: str, line_end: int, next_start: int) -> bool:
    """The line ends in a negator after a colon whose clause is prose, not a form's label: a list of
    names ("no fusions of ALK, ROS1, RET detected: no"), as OCR leaves a clause break read as ":"; and
    the next line names what the negator waits for, with no result of its own ("MET exon 14 skipping
    transcript."). A form's answer ("Perineural invasion: no", "EGFR mutation detected: no") has a
    label without a list and ends its line."""
    line = text[text.rfind("\n", 0, line_end) + 1 : line_end]
    m = _COLON_NEGATOR.search(line)
    if m is None or "," not in m.group(1):
        return False
    end = text.find("\n", next_start)
    nxt = text[next_start : end if end >= 0 else len(text)]
    return bool(nxt.strip()) and _OWN_RESULT.search(nxt) is None
