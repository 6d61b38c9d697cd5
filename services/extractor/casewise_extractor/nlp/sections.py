"""Report sections: which part of a report a sentence sits in (findings, VUS, negative list,
vendor therapy lists, family history, plan ...). Pure functions over text; the spaCy component
only stores the result on the Doc.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from casewise_extractor.nlp.rulebook import SectionRule

_NEWLINE = re.compile(r"\n")


@dataclass(frozen=True)
class SectionSpan:
    start: int
    end: int
    rule: SectionRule


def find_sections(text: str, rules: list[SectionRule]) -> list[SectionSpan]:
    """Headers in ``text`` (earliest rule wins on one line), each running to the next header."""
    heads: dict[int, tuple[int, SectionRule]] = {}
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    for line in line_starts:
        for priority, rule in enumerate(rules):
            if rule.regex.match(text, line):
                heads[line] = (priority, rule)
                break
    starts = sorted(heads)
    spans = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        spans.append(SectionSpan(start, end, heads[start][1]))
    return spans


def section_at(spans: list[SectionSpan], offset: int) -> SectionRule | None:
    """The section containing character ``offset`` (None before the first header)."""
    i = bisect.bisect_right([s.start for s in spans], offset) - 1
    return spans[i].rule if i >= 0 else None
