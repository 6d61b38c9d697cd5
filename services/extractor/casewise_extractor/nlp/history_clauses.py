"""Results a newer report restates in a dated history clause: "right breast IDC 2019 (pT1c, ER/PR+,
HER2 1+) treated with ...", "Original tumour (03/2019): ER 95%, PR 60%". Such a result is that older
date's, not the report's: where the report's own (undated) reading of the same test disagrees ("PR 0%,
NEGATIVE" on the new excision), the report's reading stands, as a later report's does across documents
(``merge.merge_profiles``). A result stated only in history has no rival and stays. Pure functions on
text offsets; ``timeline_entries`` does the same for a copy-forward history's bulleted entries.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from casewise_extractor.nlp.dates import find_dates, iso_day, report_date
from casewise_extractor.nlp.merge import SETTLED, contradicted_by_later
from casewise_extractor.nlp.timeline_entries import entry_day, one_day

_REACH = 240  # how far back a clause's opening parenthesis may be (a wrapped line or two)
_BEFORE_PAREN = 30  # "IDC 2019 (", "primary tumour, 03/2019 (": the date sits just before the bracket
# a line that opens with a short label holding the clause's date: "Original cancer (2019): ...",
# "Primary tumour, March 2019 - ..."; the label ends at the line's first colon or spaced dash. A label
# holds no sentence's end: "... x3. End-induction (03/2024): ..." is a wrapped entry's text, not a label
_LABEL = re.compile(
    r"[ \t]*(?:[-*\u2022\u25aa][ \t]+)?([A-Za-z][^:\n.;]{0,70}?)[ \t]*(?::|[ \t][-\u2013][ \t])"
)


def _paren_day(text: str, at: int) -> date | None:
    """The date just before the parenthesis that encloses offset ``at`` ("IDC 2019 (... PR+ ...)")."""
    depth = 0
    for i in range(at - 1, max(at - _REACH, 0) - 1, -1):
        c = text[i]
        if c in ".;" and text[i + 1 : i + 2] in (" ", "\n") or text[i : i + 2] == "\n\n":
            return None  # a sentence's end: the bracket would open another sentence's aside
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                head = text[max(i - _BEFORE_PAREN, text.rfind("\n", 0, i) + 1) : i].rstrip()
                found = find_dates(head)
                if not found or found[-1].end != len(head) or found[-1].ambiguous:
                    return None
                return iso_day(found[-1].iso)
            depth -= 1
    return None


def clause_day(text: str, at: int) -> date | None:
    """The date of the history clause that offset ``at`` is in: a bracketed aside right after a date,
    or a line whose short label (before its first colon) holds one date; else None."""
    if (day := _paren_day(text, at)) is not None:
        return day
    start = text.rfind("\n", 0, at) + 1
    label = _LABEL.match(text, start)
    if label is None or label.end() > at:
        return None
    return one_day(label.group(1))


def without_restated_history(text: str, findings: list[Any], whole: str) -> list[Any]:
    """``findings`` (with gene, alteration, origin, detail, status, start) less the results of a dated
    history clause that the report's own reading, dated by the report (``whole``'s header), contradicts."""
    keys: dict[tuple[str, str, str | None], set[str]] = {}
    for f in findings:
        if f.status in SETTLED:
            keys.setdefault((f.gene, f.alteration, f.origin), set()).add(f.status)
    if not any(len(s) > 1 for s in keys.values()):
        return findings
    today = iso_day(stated) if (stated := report_date(whole)) else None
    if today is None:
        return findings  # no date of its own: nothing says the clause is older than the report
    days: list[date | None] = []
    historic: set[int] = set()
    for i, f in enumerate(findings):
        if f.status not in SETTLED or len(keys[(f.gene, f.alteration, f.origin)]) < 2:
            days.append(None)
        elif (day := clause_day(text, f.start)) is not None:
            days.append(day)
            historic.add(i)
        else:  # a copy-forward entry's result is of its entry's date; the rest is the report's own
            days.append(entry_day(text, f.start) or today)
    older = contradicted_by_later(findings, days) & historic
    return [f for i, f in enumerate(findings) if i not in older]
