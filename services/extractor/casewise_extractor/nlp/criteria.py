"""A trial's eligibility criteria name what a patient must (not) have, not what she has: "Known
MSI-high / dMMR tumour", "FLT3-ITD mutation required", "Prior PARP inhibitor (olaparib, ...)".
Screening logs quote them in tables beside the patient's own evidence ("E-4 | Known MSI-high tumour |
NO | NGS: MSS"), so the criterion's words (and its yes/no answer) are blanked out of the text the
findings read, and the evidence cells are read as any other text.

Where: a table whose header names a criterion column ("# | Criterion | Met? | Comment"), and the block
under a criteria heading (rules/sections.json, effect ``criteria``): its prose lines (a numbered list
of criteria) up to a blank line or the next heading, and the rows of a table right under it. A row of
such a table with no criterion column named blanks its cells up to its yes/no answer ("I-2 | ALK
fusion required | YES | FISH: ALK rearranged"), or all of it when it has no answer.

Blanking keeps every offset (same length, spaces), so spans and evidence still point at the page.
"""

from __future__ import annotations

import re

from casewise_extractor.nlp.sections import SectionSpan

_LINE = re.compile(r"^[^\n]*", re.MULTILINE)
_CELL = re.compile(r"[^|]+")
# a header cell naming the criterion column: "Criterion", "Criterion (protocol text)", "Key inclusion
# criteria", "Eligibility requirement"
_CRITERION_HEADER = re.compile(
    r"\s*(?:(?:key|main|protocol|trial|study|inclusion|exclusion|eligibility|entry|enrol?lment)\s*/?\s*)*"
    r"(?:criteri(?:on|a)|requirements?)\b",
    re.IGNORECASE,
)
# a cell that only answers its criterion: "YES", "NOT MET", "N/A", "Not excluded", "[x]"
_ANSWER = re.compile(
    r"\s*(?:yes|no|y|n|(?:not\s+|partially\s+)?met|n/?a|not applicable|pending|tbd|unknown|"
    r"(?:not\s+)?(?:excluded|included|eligible|applicable)|ineligible|pass(?:ed)?|fail(?:ed)?|ok|"
    r"[\u2713\u2714\u2717\u2718x]|\[[ xX\u2713\u2714]?\])\s*(?:\([^()]{0,40}\))?\s*[.!]?\s*",
    re.IGNORECASE,
)


# an answer that says the patient meets the criterion ("I-1 | adenocarcinoma of the prostate | YES"):
# for her cancer type the criterion then states what she has (see ``mask_criteria``'s ``keep_met``)
_MET = re.compile(
    r"\s*(?:yes|y|met|[\u2713\u2714]|\[[xX\u2713\u2714]\])\s*(?:\([^()]{0,40}\))?\s*[.!]?\s*", re.I
)


def _blank(chars: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        if chars[k] not in "|\n":
            chars[k] = " "


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CELL.finditer(text, start, end)]


def _mask_row(
    text: str, chars: list[str], cells: list[tuple[int, int]], columns: list[int] | None, keep_met: bool
) -> None:
    """Blank a criteria table row's criterion cells and its answer, keeping its evidence cells."""
    answers = [k for k, (a, b) in enumerate(cells) if _ANSWER.fullmatch(text, a, b)]
    if keep_met and any(_MET.fullmatch(text, *cells[k]) for k in answers):
        return
    if columns is not None:
        for k in (*columns, *answers):
            if k < len(cells):
                _blank(chars, *cells[k])
        return
    upto = answers[0] if answers else len(cells) - 1  # no answer: the whole row is the criterion
    for a, b in cells[: upto + 1]:
        _blank(chars, a, b)


def mask_criteria(text: str, sections: list[SectionSpan], keep_met: bool = False) -> str:
    """``text`` with eligibility criteria blanked out (see the module docstring); same length. With
    ``keep_met`` a table row answered as met ("YES", "MET") stays: the cancer type reads it as what
    the patient has, while a row not met ("EX-1 | Acute promyelocytic leukemia | NOT EXCLUDED") goes."""
    heads = {s.start for s in sections if s.rule is not None and s.rule.effect == "criteria"}
    if not heads and "|" not in text:
        return text
    starts = {s.start for s in sections}
    chars = list(text)
    block = False  # inside a criteria heading's block
    table = False  # the line before was a table row
    columns: list[int] | None = None  # the criterion columns of the table being read
    width = 0  # its header's number of cells
    masking = False  # the table being read is a criteria table
    for line in _LINE.finditer(text):
        a, b = line.span()
        if a in heads:
            block, table = True, False
            rule = next(s.rule for s in sections if s.start == a)
            assert rule is not None
            head = rule.regex.match(text, a)
            rest = head.end() if head else b
            if text[rest:b].strip(" \t:"):
                _blank(chars, rest, b)  # "Inclusion criteria: documented KRAS G12C mutation."
            continue
        if "|" in text[a:b]:
            cells = _cells(text, a, b)
            if not table:  # a header row
                named = [k for k, (x, y) in enumerate(cells) if _CRITERION_HEADER.match(text, x, y)]
                columns, width = named or None, len(cells)
                masking = block or bool(named)
                table = True
                if masking:
                    _blank(chars, a, b)
                continue
            if masking:
                _mask_row(text, chars, cells, columns if len(cells) == width else None, keep_met)
            continue
        if table:  # the table ended: so does a criteria heading's block
            block = False
        table, masking = False, False
        if block and (not text[a:b].strip() or a in starts):
            block = False  # a blank line or the next heading ends the criteria
        if block:
            _blank(chars, a, b)
    return "".join(chars)
