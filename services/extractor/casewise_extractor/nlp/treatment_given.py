"""A plan carried out the same day: "Proceed with pembrolizumab + cisplatin + 5-FU." and then "Cycle 1
given today 05/19/2025" (or "C1D1 administered today", "first infusion given this morning"). The plan
names the drugs; the sentence after it, naming none, says they were given. Those drugs are received
and go on (``GIVEN_NOW``, ongoing until something else is said).

Narrow on purpose: the dose sentence must be in the past ("to be given", "scheduled", "will" are not),
name no drug of its own, and follow the plan sentence closely (within two sentences, no blank line,
same section); the plan's drugs must not be ruled out in their own words ("discussed", "declined",
a family member's). A plan sentence whose drugs the pass already took as given is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casewise_extractor.nlp.rulebook import Rulebook, SectionRule
from casewise_extractor.nlp.treatments import HYPOTHETICAL, TreatmentFinding, drug_spans, sentence_treatments

# "Cycle 1 given TODAY", "C1D1 administered today", "first dose infused 05/19/2025", "C1D1 today"
_GIVEN_NOW = re.compile(
    r"\b(?:(?:C\s?1\s?D\s?1|(?:cycle|course|dose)\s*(?:#\s?)?(?:1|one)(?:\s*,?\s*day\s*1)?"
    r"|(?:first|initial|1st)\s+(?:cycle|dose|infusion|treatment|course|administration))\b"
    r"[^.;]{0,30}?\b(?:(?:was|were)\s+)?(?:given|administered|infused|delivered|received|started|commenced)\b"
    r"|C\s?1\s?D\s?1\s+(?:(?:was\s+)?today|on\s+\d|\d))",
    re.IGNORECASE,
)
_NOT_YET = re.compile(
    r"\b(?:to be|will|would|should|if|scheduled|planned|due|tomorrow|next|booked|pending|awaiting"
    r"|once|after)\b",
    re.IGNORECASE,
)
_LOOK_BACK = 2
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def carried_out_plans(
    text: str,
    sentences: Sequence[tuple[int, int]],
    sections: Sequence[SectionRule | None],
    findings: list[TreatmentFinding],
    rules: Rulebook,
) -> list[TreatmentFinding]:
    """The findings of plan sentences a later sentence says were given (see the module docstring)."""
    found = {f.sentence[0] for f in findings}
    out: list[TreatmentFinding] = []
    for k, (s0, s1) in enumerate(sentences):
        sentence = text[s0:s1]
        section = sections[k]
        if section is not None and section.effect in ("ignore", "family"):
            continue
        m = _GIVEN_NOW.search(sentence)
        if m is None or _NOT_YET.search(sentence[: m.end()]) or drug_spans(sentence, rules):
            continue
        for j in range(k - 1, max(-1, k - 1 - _LOOK_BACK * 2), -1):  # blank "sentences" sit between lines
            p0, p1 = sentences[j]
            if sections[j] is not section or _BLANK_LINE.search(text, p0, s0):
                break
            before = text[p0:p1]
            if not before.strip():
                continue
            if drug_spans(before, rules):
                if p0 not in found:
                    hypothetical = bool(HYPOTHETICAL.search(before))
                    out += sentence_treatments(before, p0, sections[j], rules, hypothetical, carried_out=True)
                break
    return out
