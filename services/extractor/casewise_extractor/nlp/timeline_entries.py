"""Dated entries of a copy-forward history ("- 04/2018  US core bx ... PR 40%", "- 10/2024  liver bx ...
PR <1%"): a clinic note carries its old results forward under their dates. Where two entries of the
same note disagree on one test (the primary's PR positive, the metastasis's PR negative), the later
entry's result stands, as a later report's does across documents (``merge.merge_profiles``) and a later
row's does in a dated results table (``merge._without_older_rows``). Pure functions on text offsets.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from casewise_extractor.nlp.dates import find_dates, iso_day
from casewise_extractor.nlp.merge import SETTLED, contradicted_by_later

# an entry opens its line with a date after an optional bullet: "- 09/2022 R breast", "* Mar 2024: ctDNA"
_BULLET = re.compile(r"[ \t]*(?:[-*\u2022\u25aa>]|\d{1,2}[.)])?[ \t]*")
_INDENT = re.compile(r"[ \t]*")
_BULLET_MARK = re.compile(r"[ \t]*[-*\u2022\u25aa][ \t]+")
# a bulleted entry whose short label carries its date: "- Recurrence 07/2023: liver bx ...", "* Re-biopsy
# of liver 05/30/2025 (LP25-0662): ER 80%, PR <1%"; the label ends at the line's first colon
_LABELLED_ENTRY = re.compile(r"[ \t]*[-*\u2022\u25aa][ \t]+([A-Za-z][^:\n]{0,70}?)[ \t]*:")
_MAX_LINES = 8  # an entry's wrapped lines are few; further up is another part of the note


def _line(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def entry_day(text: str, at: int) -> date | None:
    """The date of the history entry that offset ``at`` is in: the line's own opening date, or that
    of the less-indented entry line its indented continuation lines hang from; else None."""
    start, end = _line(text, at)
    indent = None
    for _ in range(_MAX_LINES):
        line = text[start:end]
        if not line.strip():
            return None
        lead = _BULLET.match(line)
        at_date = lead.end() if lead else 0
        found = find_dates(line[at_date : at_date + 30])
        own_indent = _INDENT.match(line).end()  # type: ignore[union-attr]
        if (
            found
            and found[0].start == 0
            and not found[0].ambiguous
            and (indent is None or own_indent < indent)
        ):
            return iso_day(found[0].iso)
        if (labelled := _label_day(line)) is not None and (indent is None or own_indent < indent):
            return labelled
        if indent is None and own_indent == 0 and start > 0:
            return _bulleted_entry_day(text, start - 1)  # a PDF's text layer drops the indent
        if indent is None:
            indent = own_indent
        if own_indent == 0 or start == 0 or own_indent < indent:
            return None  # a line at the margin that opens with no date is no entry's continuation
        start, end = _line(text, start - 1)
    return None


def one_day(text: str) -> date | None:
    """The date ``text`` holds when it holds exactly one, unambiguous; else None."""
    found = find_dates(text)
    return iso_day(found[0].iso) if len(found) == 1 and not found[0].ambiguous else None


def _label_day(line: str) -> date | None:
    """The one date in a bulleted entry's label ("- Original diagnosis 2019: ..."); else None."""
    label = _LABELLED_ENTRY.match(line)
    return one_day(label.group(1)) if label else None


def _bulleted_entry_day(text: str, at: int) -> date | None:
    """The date of the bulleted entry line ("- 04/2018  core biopsy ...", "- Recurrence 07/2023: liver
    bx") at offset ``at``, or above it over lines at the margin that go on from it: with the indent
    dropped, an entry's wrapped lines all sit at the margin ("- Recurrence 07/2023: ... (Lakemont\n
    Pathology LP23-1187): ...\nER 90%, PR 5%"). A blank line, a line ending a sentence, or a line
    that is itself indented ends the walk: such lines are not the entry's wrapped text."""
    start, end = _line(text, at)
    for _ in range(_MAX_LINES):
        line = text[start:end]
        if not line.strip():
            return None
        if (lead := _BULLET_MARK.match(line)) is not None:
            found = find_dates(line[lead.end() : lead.end() + 30])
            if found and found[0].start == 0 and not found[0].ambiguous:
                return iso_day(found[0].iso)
            return _label_day(line)
        if start == 0 or _INDENT.match(line).end() or line.rstrip().endswith((".", "!", "?")):  # type: ignore[union-attr]
            return None
        start, end = _line(text, start - 1)
    return None


def without_older_entries(text: str, findings: list[Any]) -> list[Any]:
    """``findings`` (with gene, alteration, origin, detail, status, start) less those a later dated
    entry of the same note contradicts."""
    keys: dict[tuple[str, str, str | None], set[str]] = {}
    for f in findings:
        if f.status in SETTLED:
            keys.setdefault((f.gene, f.alteration, f.origin), set()).add(f.status)
    if not any(len(s) > 1 for s in keys.values()):
        return findings
    days = [
        entry_day(text, f.start) if f.status in SETTLED and len(keys[(f.gene, f.alteration, f.origin)]) > 1
        else None
        for f in findings
    ]  # fmt: skip
    older = contradicted_by_later(findings, days)
    return [f for i, f in enumerate(findings) if i not in older]
