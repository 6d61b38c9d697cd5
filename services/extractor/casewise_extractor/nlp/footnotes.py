"""Result cells marked with a footnote sign, read with the legend that explains the sign.

A report may print a signal it does not call: "EGFR | L858R* | 0.3%*" with the legend "* Variant
signal below the validated limit of detection ... to be interpreted as NOT DETECTED". The marked
variant is then no positive finding: negative where the legend says how to read it (not detected,
negative), left out where it only says the signal is below the limit. Pure functions over a page's
text and the findings made from it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from casewise_extractor.nlp.findings import BiomarkerFinding

# a legend line opens with the sign alone: "* Variant signal ...", "† Below the LoD ..."
_LEGEND = re.compile(r"^[ \t]*([*\u2020\u2021\u00a7]{1,3})[ \t]*(?=[A-Za-z(])", re.MULTILINE)
_LEGEND_LINES = 3  # a legend wrapped over lines goes on to a blank line or the next legend
_BELOW_LIMIT = re.compile(
    r"\bbelow\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:limit\s+of\s+(?:detection|quantitation|quantification)"
    r"|LL?oD\b|reporting\s+(?:threshold|limit|cut-?off))"
    r"|\bdo(?:es)?\s+not\s+meet\s+(?:the\s+)?(?:\w+\s+)?reporting\s+criteria\b|\bnot\s+reportable\b",
    re.IGNORECASE,
)
_READ_AS_NEGATIVE = re.compile(
    r"\b(?:interpret(?:ed)?|regard(?:ed)?|consider(?:ed)?|treat(?:ed)?|read|report(?:ed)?)\s+as\s+"
    r"(?:not\s+detected|negative|wild[- ]?type)\b",
    re.IGNORECASE,
)
# the sign glued to a cell's last character ("L858R*", "0.3%*"), never a stop codon ("Q37*",
# "p.(Gln839*)") nor a frameshift's "fs*22"
_MARK = re.compile(r"(?<=[A-Za-z0-9%)\]])([*\u2020\u2021\u00a7]{1,3})(?![\w*\u2020\u2021\u00a7])")
_STOP_CODON = re.compile(r"(?:\b|p\.\(?)[A-Z](?:[a-z]{2})?\d+$")

RULE_ID = "footnote.below_detection"


def below_detection_legends(text: str) -> dict[str, bool]:
    """Signs whose legend says the marked signal is below the limit of detection -> True when the
    legend also says to read it as not detected (negative), False when it only says it is below."""
    out: dict[str, bool] = {}
    for m in _LEGEND.finditer(text):
        lines = []
        for line in text[m.end() :].split("\n")[:_LEGEND_LINES]:
            if not line.strip() or (lines and _LEGEND.match(line)):
                break
            lines.append(line)
        legend = " ".join(" ".join(lines).split())
        as_negative = _READ_AS_NEGATIVE.search(legend) is not None
        if as_negative or _BELOW_LIMIT.search(legend):
            out[m.group(1)] = as_negative
    return out


def _marked(cell: str, legends: dict[str, bool]) -> bool | None:
    """The legend's reading of a sign in ``cell`` (see ``below_detection_legends``), or None."""
    for m in _MARK.finditer(cell):
        if m.group(1) not in legends:
            continue
        if m.group(1) == "*" and _STOP_CODON.search(cell[: m.start()]):
            continue  # "Q37*": a stop codon, not a mark
        return legends[m.group(1)]
    return None


def below_detection(
    text: str, findings: list[BiomarkerFinding], mention_starts: list[int]
) -> list[BiomarkerFinding]:
    """``findings`` with each positive whose own words carry a below-detection sign read as the
    legend says: negative, or left out. ``mention_starts`` (absolute) end a finding's own words."""
    legends = below_detection_legends(text)
    if not legends:
        return findings
    out: list[BiomarkerFinding] = []
    for f in findings:
        if f.status != "positive":
            out.append(f)
            continue
        end = min((s for s in mention_starts if f.end <= s < f.sentence[1]), default=f.sentence[1])
        reading = _marked(text[f.end : end], legends)
        if reading is None:
            out.append(f)
        elif reading:  # "interpret as NOT DETECTED"
            out.append(replace(f, status="negative", rule_id=f"{f.rule_id}+{RULE_ID}"))
    return out
