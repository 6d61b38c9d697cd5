"""HER2 IHC in one consistent form, and the words "HER2-low" / "HER2-ultralow" kept with it.

Status stays as ASCO/CAP defines it (2018 algorithm, affirmed 2023): IHC 0 and 1+ negative, 2+
equivocal (ISH decides), 3+ positive. HER2-low (IHC 1+, or 2+ without amplification) and
HER2-ultralow are not result categories there, but trastuzumab deruxtecan is labelled for them, so
the answerer must be able to read them: the word goes into the detail ("IHC 1+ (HER2-low)").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from casewise_extractor.nlp.variants import HER2_IHC, her2_ihc_detail

if TYPE_CHECKING:
    from casewise_extractor.nlp.findings import BiomarkerFinding

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
