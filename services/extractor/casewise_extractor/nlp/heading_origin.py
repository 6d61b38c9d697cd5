"""The origin a section heading gives the results under it.

"Germline results (36-gene hereditary panel)" over "No pathogenic variants detected. Genes analyzed
include BRCA1, BRCA2, TP53" makes those negatives germline ones, although no sentence of the results
says so. The origin matters when the profile merges: a germline TP53 negative and a tumour TP53 variant
answer different questions and both stay (merge.py), while an origin-less negative is taken for the
same test and dropped beside the positive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from casewise_extractor.nlp.sections import SectionSpan, section_index
from casewise_extractor.nlp.variants import GERMLINE, SOMATIC

# the classes a germline test reports; a stain, a signature or a copy-number call is the tumour's
_HERITABLE = {"mutation", "deletion"}
# a heading is one short line ("Germline results (Acme Hereditary 36-gene panel, resulted 11/02/2022)")
_MAX_HEADING = 120
# the heading's own paragraph: results right under it, not a later block whose heading went unrecognised
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MAX_LINES_BELOW = 4
# "Germline testing recommended", "germline referral": a plan, not a heading over germline results
_PLAN = re.compile(r"\b(?:recommend\w*|refer\w*|consider\w*|offer\w*|discuss\w*|if\b)", re.IGNORECASE)


class _Finding(Protocol):
    alteration: str
    status: str
    origin: str | None


F = TypeVar("F", bound=_Finding)


def heading_line(spans: Sequence[SectionSpan], offset: int, text: str) -> str:
    """The first line of the section holding ``offset`` (empty before the first heading, and for a
    line too long to be a heading)."""
    i = section_index(spans, offset)
    rule = spans[i].rule if i >= 0 else None
    start = spans[i].start if i >= 0 else 0
    if rule is None or not rule.regex.match(text, start):
        return ""  # no heading, or the rest of a section after an inline label's paragraph
    end = text.find("\n", start)
    line = text[start : end if end >= 0 else len(text)]
    if offset < (end if end >= 0 else len(text)) or len(line) > _MAX_HEADING:
        return ""  # the finding is on the heading's own line: its words were read with it
    between = text[end:offset]
    if _BLANK_LINE.search(between) or between.count("\n") > _MAX_LINES_BELOW:
        return ""  # past the heading's paragraph: a later block ("Tumour NGS") may be unrecognised
    return line


def with_heading_origin(findings: list[F], heading: str) -> list[F]:
    """``findings`` with origin germline where the heading names a germline test and no somatic one,
    for negatives that state no origin of their own. A positive keeps its own words: taking a tumour
    variant for an inherited one would be the worse error, so the heading never makes one germline."""
    if not heading or not GERMLINE.search(heading) or SOMATIC.search(heading) or _PLAN.search(heading):
        return findings
    return [
        replace(f, origin="germline")  # type: ignore[type-var]
        if f.origin is None and f.alteration in _HERITABLE and f.status == "negative"
        else f
        for f in findings
    ]
