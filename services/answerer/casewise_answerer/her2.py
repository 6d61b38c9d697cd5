"""HER2 levels: positive, low, ultralow, 0, equivocal, read from the IHC score and the ISH result.

A HER2 IHC 1+ result is reported "negative" (not HER2-positive), yet HER2-low has a treatment of
its own (trastuzumab deruxtecan). So the answerer never reads the status field alone for HER2: it
reads the score ("IHC 1+"), the words "HER2-low"/"HER2-ultralow" and, for IHC 2+, the ISH test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from casewise_core.profile import Biomarker, Profile

#: ``negative`` is a negative result with no IHC score: it could be HER2-0 or HER2-low.
Her2Level = Literal["positive", "low", "ultralow", "zero", "equivocal", "negative", "unknown"]
#: Strongest first: a profile's level is the strongest of its results.
_ORDER: tuple[Her2Level, ...] = ("positive", "low", "ultralow", "equivocal", "zero", "negative", "unknown")
#: Levels that count as HER2-negative for labels that require it (CDK4/6, PARP ... in breast).
NOT_POSITIVE: frozenset[Her2Level] = frozenset({"low", "ultralow", "zero", "negative"})
#: Levels with a treatment of their own: a finding, whatever the status field says.
LOW: frozenset[Her2Level] = frozenset({"low", "ultralow"})
#: Levels that are a finding to explain and act on.
FINDING: frozenset[Her2Level] = LOW | {"positive"}
_ULTRALOW = re.compile(r"ultra[\s-]?low")
_LOW = re.compile(r"\bher2[\s-]?low\b|^low\b")
#: "2+", or a bare score right after "IHC"/"score" ("IHC 0"), never a number inside a ratio.
_SCORE = re.compile(r"\b([0-3])\s*\+|\b(?:ihc|score)[\s:]*([0-3])\b(?!\.\d)")
_BY_STATUS: dict[str, Her2Level] = {"positive": "positive", "negative": "negative", "equivocal": "equivocal"}


def is_her2(b: Biomarker) -> bool:
    return b.gene.strip().upper() in {"ERBB2", "HER2"}


def _text(b: Biomarker) -> str:
    return " ".join(t.lower() for t in (b.detail, b.value) if t)


def ihc_score(b: Biomarker) -> int | None:
    """The IHC score a HER2 expression result states (``IHC 2+`` → 2), else None."""
    if b.alteration != "expression":
        return None
    scores = {int(m.group(1) or m.group(2)) for m in _SCORE.finditer(_text(b))}
    return scores.pop() if len(scores) == 1 else None  # "1+/2+" names no one score


def _ish(others: Iterable[Biomarker]) -> str | None:
    """'positive' or 'negative' from an ISH (amplification) result for HER2, else None."""
    found = {o.status for o in others if is_her2(o) and o.alteration == "amplification"}
    return next((s for s in ("positive", "negative") if s in found), None)


def level(b: Biomarker, others: Sequence[Biomarker] = ()) -> Her2Level:
    """The HER2 level one result shows; ``others`` are the profile's results (for the ISH test)."""
    if b.status == "unknown":
        return "unknown"
    if b.alteration == "amplification":
        return _BY_STATUS.get(b.status, "unknown")
    if b.alteration != "expression":
        return "unknown"  # a HER2 mutation says nothing about the protein level
    text, score = _text(b), ihc_score(b)
    if score == 3:
        return "positive"
    if _ULTRALOW.search(text):
        return "ultralow"
    if _LOW.search(text) or score == 1:
        return "low"
    if score == 2:
        ish = _ish(others)
        return "positive" if ish == "positive" else "low" if ish == "negative" else "equivocal"
    if score == 0:
        return "zero"
    return _BY_STATUS.get(b.status, "unknown")


def profile_level(profile: Profile) -> Her2Level:
    """The strongest HER2 level among the profile's results ("unknown" when HER2 was not tested)."""
    mine = [b for b in profile.biomarkers if is_her2(b)]
    levels = {level(b, mine) for b in mine}
    return next((lv for lv in _ORDER if lv in levels), "unknown")


def row_levels(alteration: str, details: list[str]) -> frozenset[Her2Level] | None:
    """The HER2 levels a table row's label is for; None for rows not about the level (mutations).

    An "IHC 3+" row is for HER2-positive; callers still match its detail exactly (a tumour-agnostic
    IHC 3+ label does not cover IHC 2+ with a positive ISH test)."""
    if alteration == "amplification":
        return frozenset({"positive"})
    if alteration != "expression":
        return None
    out: set[Her2Level] = set()
    for d in details or ["IHC 3+"]:
        low = d.lower()
        out.add("ultralow" if _ULTRALOW.search(low) else "low" if "low" in low else "positive")
    return frozenset(out)


def passage_levels(alterations: Iterable[str]) -> frozenset[Her2Level]:
    """The HER2 levels a document is about, from its ``alterations`` (empty: not about a level)."""
    out: set[Her2Level] = set()
    for a in alterations:
        low = a.lower()
        if _ULTRALOW.search(low):
            out.add("ultralow")
        elif "low" in low:
            out.add("low")
        elif low == "amplification" or "3+" in low:
            out.add("positive")
    return frozenset(out)


def named(b: Biomarker, others: Sequence[Biomarker] = ()) -> str | None:
    """How a patient reads the result: "HER2-low (IHC 1+)", "HER2-0 (IHC 0)"; None = the usual words."""
    lv = level(b, others)
    score = ihc_score(b)
    ihc = f" (IHC {score}{'+' if score else ''})" if score is not None else ""
    if lv == "low":
        return f"HER2-low{ihc}"
    if lv == "ultralow":
        return f"HER2-ultralow{ihc}"
    if lv == "zero":
        return f"HER2-0{ihc}"
    return None
