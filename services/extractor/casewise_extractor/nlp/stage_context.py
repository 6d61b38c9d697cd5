"""Stretches of a report whose stage mentions are not the patient's stage now.

A staging note often writes stages it does not give as the current one: a stage it replaces ("This
supersedes the outside CT staging of cT2b N0 (IIA)"; "the 2019 stage IA is historical"; "AJCC 7th
(for comparison only - not current) | T2 | N2b | IVA"), a stage under an older edition of the
system it also uses (FIGO 2009 IB beside FIGO 2023 IIC), a population's stage ("Patients with
ypT2-ypT4a disease are eligible"; "per KEYNOTE-564 criteria (pT2 grade 4, or pT3 any grade, N0,
M0)") or a hypothetical one ("were it a metastasis this would be M1b and stage IVA"). The context
rules of ``rules/stage_rules.json`` say which wordings mark such a stretch and how far it reaches
(the rest of the clause after the marker, its sentence, or the sentence up to the marker); the T/N/M
tokens and stage groups inside it are dropped by ``stage_mentions``.
"""

from __future__ import annotations

import re
from functools import lru_cache

Span = tuple[int, int]
#: (covers, pattern, until) per context rule: covers is "after", "sentence" or "before"
ContextRules = tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]
#: (system, pattern with an ``ed`` group, groups only) per edition label
EditionRules = tuple[tuple[str, re.Pattern[str], bool], ...]

# A sentence ends at a full stop before a capital (OCR and prose wrap lines mid-sentence, so a lone
# line break does not end one), at a semicolon before a capital, at a blank line, before a numbered
# or bulleted item and after a line closed by a bracket or colon when the next opens with a capital
# ("[pT3b = ... pN1a = ...]" then "The pre-operative stage ... is superseded"); a table row ("AJCC
# 7th | T2 | N2b | IVA") is its own sentence.
_BREAK = re.compile(
    r"[.!?]\s+(?=[A-Z(\[])|;\s+(?=[A-Z])|\n\s*\n|\n(?=[ \t]*(?:\d{1,2}[.)]|[-\u2022*])\s)"
    r"|[\]):][ \t]*\n(?=\s*[A-Z\[])"
)
_CLAUSE_END = re.compile(r"[.;](?:\s|$)|\n\s*\n")
_ROW = re.compile(r"^.*\|.*$", re.MULTILINE)


def _breaks(text: str) -> list[Span]:
    found = [(m.start(), m.end()) for m in _BREAK.finditer(text)]
    for row in _ROW.finditer(text):  # a row's own line ends bound it on both sides
        found.append((max(0, row.start() - 1), row.start()))
        found.append((row.end(), min(len(text), row.end() + 1)))
    return sorted(found)


def _sentence(breaks: list[Span], size: int, pos: int) -> Span:
    lo = max((end for start, end in breaks if end <= pos), default=0)
    hi = min((start for start, _ in breaks if start >= pos), default=size)
    return lo, hi


@lru_cache(maxsize=16)
def excluded_spans(
    text: str, context: ContextRules, editions: EditionRules, *, groups: bool
) -> tuple[Span, ...]:
    """The stretches of ``text`` whose stage mentions (its stage groups if ``groups``, else its
    T/N/M tokens) are not the current stage (see module doc)."""
    breaks = _breaks(text)
    spans: list[Span] = []
    for covers, rx, until in context:
        for m in rx.finditer(text):
            lo, hi = _sentence(breaks, len(text), m.start())
            if covers == "sentence":
                spans.append(_brackets(text, lo, hi, m.start()) or (lo, hi))
            elif covers == "before":
                spans.append((lo, m.start()))
            else:  # "after": the rest of the clause the marker opens, or up to its ``until``
                ends = [e.start() for e in (_CLAUSE_END.search(text, m.end()),) if e]
                if until is not None:
                    ends += [e.start() for e in (until.search(text, m.end()),) if e]
                spans.append((m.start(), min([hi, *ends])))
    spans.extend(_older_editions(text, breaks, tuple(e for e in editions if groups or not e[2])))
    return tuple(spans)


_STAGED = re.compile(r"(?i:stage)\s*[IV0-4]|\b(?:yp|yc|[pcr])?[TNM][0-4X]")


def _brackets(text: str, lo: int, hi: int, pos: int) -> Span | None:
    """The brackets around ``pos`` within lo..hi when they state a stage themselves: "rpT1b cN0 (no
    group assigned; the 2019 stage IA is historical)" calls the bracket's IA historical, not rpT1b;
    "AJCC 7th (historical) | T2 | N2b" calls its whole row so."""
    open_at = text.rfind("(", lo, pos)
    if open_at < 0 or text.rfind(")", open_at, pos) >= 0:
        return None
    close_at = text.find(")", pos, hi)
    if close_at < 0 or not _STAGED.search(text, open_at, close_at):
        return None
    return open_at, close_at + 1


def _older_editions(text: str, breaks: list[Span], editions: EditionRules) -> list[Span]:
    """From each label of an edition older than the newest of its system the report names
    ("FIGO 2009" beside "FIGO 2023"; "AJCC 7th" beside "AJCC 8th") to the end of its sentence."""
    labels = [
        (system, int(m.group("ed")), m.start()) for system, rx, _ in editions for m in rx.finditer(text)
    ]
    newest: dict[str, int] = {}
    for system, ed, _ in labels:
        newest[system] = max(ed, newest.get(system, ed))
    return [
        (start, _sentence(breaks, len(text), start)[1]) for system, ed, start in labels if ed < newest[system]
    ]


def inside(spans: tuple[Span, ...], pos: int) -> bool:
    return any(lo <= pos < hi for lo, hi in spans)


# The time point a stage group's own label names, just before it on its line, as the prefixes that
# may own it: "Stage group (post-therapy) .. II" is not the clinical stage written on the next line,
# "Initial clinical stage ... (stage IIIA)" is.
_LABELS: tuple[tuple[re.Pattern[str], frozenset[str | None]], ...] = (
    (
        re.compile(r"(?i:post-?(?:therapy|treatment|neoadjuvant)|\by[pc]\s*stage)"),
        frozenset({"yp", "yc", "p", None}),
    ),
    (re.compile(r"(?i:\bclinical|\bpre-?(?:treatment|therapy|operative))"), frozenset({"c"})),
    (re.compile(r"(?i:\bpatholog)"), frozenset({"p", "yp", None})),
)
LABEL_BEFORE = 50  # characters before a group searched for its label


def labelled_points(text: str, start: int) -> frozenset[str | None] | None:
    """The prefixes of the time points a group at ``start`` may belong to, by its label; None when
    the line before it names no time point."""
    lo = max(text.rfind("\n", 0, start) + 1, start - LABEL_BEFORE)
    before = text[lo:start]
    return next((points for rx, points in _LABELS if rx.search(before)), None)
