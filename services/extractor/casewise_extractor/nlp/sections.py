"""Report sections: which part of a report a sentence sits in (findings, VUS, negative list,
vendor therapy lists, family history, plan ...). Pure functions over text; the spaCy component
only stores the result on the Doc.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from casewise_extractor.nlp.rulebook import SectionRule

_NEWLINE = re.compile(r"\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A heading that OCR glued to the end of the line above it ("JAK2 rearrangement No reportable alterations
# INTERPRETATION"): capitals that end the line after lower-case text. Without this the section above
# (a negative list) would run on over the heading's own results.
_GLUED_HEADING = re.compile(r"(?<=[a-z0-9.)%] )[A-Z][A-Z &/,-]{5,80}[ \t]*:?[ \t]*$", re.MULTILINE)

# a page header printed on the heading's own line: "Page 3 of 3 - Appendix A: Genes assayed"
_PAGE_HEADER = re.compile(
    r"[ \t]*page[ \t]*\d+(?:[ \t]*(?:of|/)[ \t]*\d+)?[ \t]*[-\u2013|:][ \t]*", re.IGNORECASE
)

# what may follow a heading on its own line: nothing, or a bracketed note ("(vendor)", "(not a
# recommendation)"), also one a scan wrapped onto the next line ("(FDA-approved in this tumor")
_HEADING_NOTE = re.compile(r"[ \t:]*(?:\([^()\n]{0,40}(?:\)[ \t:]*|$))?")


@dataclass(frozen=True)
class SectionSpan:
    start: int
    end: int
    rule: SectionRule | None  # None: back to no section after an inline label's paragraph


def find_sections(text: str, rules: list[SectionRule]) -> list[SectionSpan]:
    """Headers in ``text`` (earliest rule wins on one line), each running to the next header."""
    heads: dict[int, tuple[int, SectionRule]] = {}
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    for line in line_starts:
        page = _PAGE_HEADER.match(text, line)  # "Page 2 of 3 - Therapy associations": the heading after it
        at = page.end() if page else line
        for priority, rule in enumerate(rules):
            if rule.regex.match(text, at):
                heads[line] = (priority, rule)
                break
    for glued in _GLUED_HEADING.finditer(text):
        for priority, rule in enumerate(rules):
            if (m := rule.regex.match(text, glued.start())) and not text[m.end() : glued.end()].strip(" \t:"):
                heads[glued.start()] = (priority, rule)  # the whole tail is the heading, nothing else
                break
    starts = sorted(heads)
    spans: list[SectionSpan] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        rule = heads[start][1]
        stop = _inline_label_end(text, start, end, rule)
        spans.append(SectionSpan(start, stop, rule))
        if stop < end:  # "Method: ... \n\nBRAF: V600 mutation DETECTED": the results are not methods
            spans.append(SectionSpan(stop, end, spans[-2].rule if len(spans) > 1 else None))
    return spans


_BULLET = re.compile(r"[ \t]*[-*\u2022][ \t]")
_BLANK_OR_RULED = re.compile(r"\n[ \t]*(?:[=_*-]{5,}[ \t]*)?\n|\n(?=[ \t]*[=_*-]{5,}[ \t]*$)", re.MULTILINE)
_LABELLED_LINE = re.compile(r"\n(?=[ \t]*[A-Za-z][\w ./()+-]{0,40}:[ \t]*\S)")
# a table row ("Gene / test | Finding | Classification") after a labelled methods paragraph: results
_TABLE_LINE = re.compile(r"\n(?=[ \t]*[^\s|][^\n|]{0,60}[ \t]\|[ \t]*\S)")


def _inline_label_end(text: str, start: int, end: int, rule: SectionRule) -> int:
    """Where an ignored section opened by an inline label ("Method: real-time PCR ...") ends.

    A heading on its own line runs to the next heading; a label with text after it on the same
    line only covers its paragraph, so results after a blank line are read again. Two plan-like
    blocks end at a blank or ruled line too: a writer's questions list ("OUR QUESTIONS", the reply
    quoted after it is no question) and a "- Plan: ..." bullet within one visit's notes."""
    block = rule.kind == "questions" or (rule.effect == "plan" and _BULLET.match(text, start) is not None)
    if rule.effect not in ("ignore", "family") and not block:
        return end
    line_end = text.find("\n", start, end)
    header = rule.regex.match(text, start)
    if block and rule.kind == "questions":
        stop = _BLANK_OR_RULED.search(text, start, end)
        return stop.start() + 1 if stop else end
    if header is None or line_end < 0 or _HEADING_NOTE.fullmatch(text, header.end(), line_end):
        return end  # "THERAPY ASSOCIATIONS (vendor)": a note in brackets is still a heading line
    if block:
        # "- Plan: 3 more cycles carbo/Taxol" as one bullet of a visit's notes: the plan is that group
        # of bullets, up to a blank or ruled line; the next visit's "- STARTED olaparib" is no plan
        stop = _BLANK_OR_RULED.search(text, line_end - 1, end)
        return stop.start() + 1 if stop else end
    # the paragraph ends at a blank line or at the next labelled line ("Family history: mother ...\n
    # EGFR exon 19 deletion: detected"): the label's words do not run on over the patient's results
    stops = [m.start() + 1 for m in (_BLANK_LINE.search(text, line_end - 1, end),) if m]
    stops += [m.start() + 1 for m in (_LABELLED_LINE.search(text, line_end, end),) if m]
    if rule.kind == "methods" and header.group(0).rstrip().endswith(":"):
        # "Methods: DNA extracted ... \nGene | Finding": the labelled paragraph describes the test, the
        # table after it holds the results (a therapy or reference table stays under its heading)
        stops += [m.start() + 1 for m in (_TABLE_LINE.search(text, line_end, end),) if m]
    return min(stops) if stops else end


def section_index(spans: Sequence[SectionSpan], offset: int) -> int:
    """The index of the span containing character ``offset`` (-1 before the first header)."""
    return bisect.bisect_right([s.start for s in spans], offset) - 1


def section_at(spans: list[SectionSpan], offset: int) -> SectionRule | None:
    """The section containing character ``offset`` (None before the first header)."""
    i = section_index(spans, offset)
    return spans[i].rule if i >= 0 else None
