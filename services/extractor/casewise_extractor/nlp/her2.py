"""HER2 IHC in one consistent form, and the words "HER2-low" / "HER2-ultralow" kept with it.

Status stays as ASCO/CAP defines it (2018 algorithm, affirmed 2023): IHC 0 and 1+ negative, 2+
equivocal (ISH decides), 3+ positive. HER2-low (IHC 1+, or 2+ without amplification) and
HER2-ultralow are not result categories there, but trastuzumab deruxtecan is labelled for them, so
the answerer must be able to read them: the word goes into the detail ("IHC 1+ (HER2-low)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casewise_extractor.nlp.findings import BiomarkerFinding

HER2_IHC = re.compile(
    r"(?<![\d.])([0-3])\s?\+|\b(?:score|IHC)\s*(?:\(?(?:4B5|CB11|SP3|A0485|HercepTest)\)?\s*\|?\s*)?"
    r"(?:score\s*)?(?:of\s*)?[:=]?\s*([0-3])\b(?!\s*%|\.\d)",
    re.IGNORECASE,
)
RATIO = re.compile(r"\bratio\b[^0-9<>]{0,25}(<|>|</=|>/=|<=|>=|≤|≥)?\s*(\d+(?:\.\d+)?)", re.IGNORECASE)
AMP = re.compile(r"\bamplifi(?:cation|ed)\b|\bcopy number (?:gain|amplification)\b", re.IGNORECASE)
_ISH = re.compile(r"\b(FISH|ISH|SISH|CISH|DISH)\b")
# an ISH test asked for, not reported: "Equivocal - reflexed to ISH", "sent for SISH" (but "reflex FISH
# pending" states the ISH result is pending, which is a result of the ISH, and "reflex ISH not performed"
# that it was never done)
_ISH_ORDERED = re.compile(
    r"\b(?:reflex(?:ed)?|sent|send|ordered|requested)\b(?:\s+(?:to|for))?\s+(?:dual[- ]probe\s+)?"
    r"(?:FISH|ISH|SISH|CISH|DISH)\b"
    r"(?!\s*(?:is\s+|was\s+|test\s+|testing\s+)?"
    r"(?:pending|to follow|in progress|ordered|requested|sent|not)\b)",
    re.IGNORECASE,
)
# the counts a dual-probe ISH reports: "average HER2 copy number 3.1", "HER2 signals per cell", "CEP17"
_ISH_COUNT = re.compile(r"\bcopy number\b|\bcopies\b|\bsignals?\b|\bCEP\s?17\b|\bISH group\b", re.IGNORECASE)
_COPIES = re.compile(
    r"\bHER-?2\s*(?:gene\s*)?(?:copy number|copies|signals)"
    r"(?:\s*(?:per|/)\s*(?:tumou?r\s*)?(?:cell|nucleus))?[\s|:=]*(?:of\s*)?(\d+(?:\.\d+)?)",
    re.IGNORECASE,
)
_GROUP = re.compile(r"\bgroup\s*([1-5])\b", re.IGNORECASE)
_CLAUSE = re.compile(r";|\.\s")


@dataclass(frozen=True)
class Her2Reading:
    """What the words of one HER2 mention say: an IHC score or an ISH (amplification) result."""

    alteration: str
    method: str
    detail: str | None = None
    value: str | None = None
    implied_status: str | None = None
    decisive: bool = True  # False: the numbers alone cannot decide (ASCO/CAP ISH groups 2-4)
    by_method: bool = False


def her2_ihc_detail(score: str) -> str:
    """ "IHC 0", "IHC 1+", "IHC 2+", "IHC 3+": one spelling whatever the report wrote ("0+", "score 1")."""
    return "IHC 0" if score == "0" else f"IHC {score}+"


def read_her2(segment: str, context: str, method: str | None) -> Her2Reading | None:
    """The HER2 test a mention's words report. ``context`` runs from the mention to the sentence end
    (the copy number and ISH group often follow a later HER2 mention: "ratio 1.4, average HER2 copy
    number 3.1"). An ISH that is only ordered ("reflexed to ISH") leaves the IHC score as the result,
    and so does an IHC clause closed before the ISH one ("HER2 IHC 2+; FISH: ...")."""
    ihc = HER2_IHC.search(segment)
    reported = _ISH_ORDERED.sub(lambda m: " " * len(m.group(0)), segment)
    ratio, ish = RATIO.search(reported), _ISH.search(reported)
    starts = [m.start() for m in (ratio, ish, _ISH_COUNT.search(reported)) if m is not None]
    ish_at = min(starts) if starts else None
    brk = _CLAUSE.search(segment, ihc.end(), ish_at) if ish_at is not None and ihc is not None else None
    if brk is not None and ihc is not None and ihc.start() < brk.start() and _bare(segment[brk.end() :]):
        segment, ish_at = segment[: brk.start()], None
    if ish_at is not None:
        status, decisive = _ish_status(ratio, context)
        value = f"ratio {ratio.group(1) or ''}{ratio.group(2)}" if ratio else None
        ish_method = ish.group(1).upper() if ish else method if method not in (None, "IHC") else "FISH"
        # numbers that do not decide are no result: a stated one must say it (else nothing is reported)
        by_method = not (AMP.search(segment) or (ratio and decisive))
        status = status if decisive else None
        return Her2Reading("amplification", ish_method, None, value, status, decisive, by_method)
    if ihc is not None and not AMP.search(segment):
        score = ihc.group(1) or ihc.group(2)
        implied = {"3": "positive", "2": "equivocal"}.get(score, "negative")
        return Her2Reading("expression", method or "IHC", her2_ihc_detail(score), None, implied)
    return None


def _bare(clause: str) -> bool:
    """True when an ISH clause states nothing yet ("; FISH: " before the next HER2 mention's numbers)."""
    return not any(ch.isalnum() for ch in _ISH.sub("", clause))


def _ish_status(ratio: re.Match[str] | None, context: str) -> tuple[str | None, bool]:
    """Status the ISH numbers imply, by the ASCO/CAP 2018 dual-probe groups: group 1 (ratio >= 2.0,
    >= 4 copies/cell) amplified, group 5 (ratio < 2.0, < 4 copies) not amplified; groups 2-4 need the
    concurrent IHC, so the numbers alone decide nothing there (``False``) and only a stated result
    counts. A ratio with no copy number reads as before the groups (>= 2.0 amplified)."""
    if (group := _GROUP.search(context)) is not None:
        g = int(group.group(1))
        return {1: "positive", 5: "negative"}.get(g, "equivocal"), g in (1, 5)
    if ratio is None:
        return None, True
    high = float(ratio.group(2)) >= 2.0 and (ratio.group(1) or "")[:1] not in ("<", "≤")
    copies = _COPIES.search(context)
    if copies is None:
        return ("positive" if high else "negative"), True
    many = float(copies.group(1)) >= 4.0
    if high == many:
        return ("positive" if high else "negative"), True
    return "equivocal", False


# the words right after a HER2 mention: "HER2-low", "HER2 ultra-low", "HER2-ultralow"
LABEL_AFTER = re.compile(r"[- ]?(?P<ultra>ultra[- ]?)?low\b", re.IGNORECASE)
_IHC_STATUS = {"3": "positive", "2": "equivocal", "1": "negative", "0": "negative"}


def ihc_status(score: str) -> str:
    return _IHC_STATUS[score]


def label_word(after_mention: str) -> str | None:
    """ "HER2-low" / "HER2-ultralow" when the words after a HER2 mention name the level, else None."""
    m = LABEL_AFTER.match(after_mention)
    if m is None:
        return None
    return "HER2-ultralow" if m.group("ultra") else "HER2-low"


def ihc_alongside(own: str, finding: BiomarkerFinding) -> list[BiomarkerFinding]:
    """ "HER2 not amplified (IHC 1+)": the IHC score stated with an ISH result is a finding too."""
    m = HER2_IHC.search(own)
    if m is None:
        return []
    score = m.group(1) or m.group(2)
    return [
        replace(
            finding, alteration="expression", status=ihc_status(score), detail=her2_ihc_detail(score),
            value=None, method="IHC", rule_id=finding.rule_id.split("+")[0] + "+value.her2_ihc",
        )
    ]  # fmt: skip


LABEL_RULE = "value.her2_level"
_LABEL = re.compile(r"\bHER-?2(?:/neu)?[- ]?(?P<ultra>ultra[- ]?)?low\b", re.IGNORECASE)


def with_level_words(sentence: str, found: list[BiomarkerFinding]) -> list[BiomarkerFinding]:
    """The sentence's "HER2-low" / "HER2-ultralow" goes into the detail of its HER2 IHC findings
    ("HER2 IHC 1+ (HER2-low)" is one result, not two); a label with no score stays on its own."""
    m = _LABEL.search(sentence)
    if m is None:
        return found
    word = "HER2-ultralow" if m.group("ultra") else "HER2-low"
    labels = {i for i, f in enumerate(found) if LABEL_RULE in f.rule_id.split("+")}
    scored = [
        i for i, f in enumerate(found)
        if i not in labels and f.gene == "ERBB2" and f.alteration == "expression" and f.status != "positive"
    ]  # fmt: skip
    if not scored:
        return found
    out = []
    for i, f in enumerate(found):
        if i in labels:
            continue
        if i in scored and f.status in ("negative", "equivocal") and word not in (f.detail or ""):
            f = replace(f, detail=f"{f.detail} ({word})" if f.detail else word)
        out.append(f)
    return out
