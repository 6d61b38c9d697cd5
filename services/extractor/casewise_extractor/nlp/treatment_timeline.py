"""Outcomes a treatment history states beside a course rather than in its own words.

- A maintenance course of some of the drugs just named, in the same sentence, is that regimen's
  tail: "carboplatin + etoposide + durvalumab x 4, then durvalumab maintenance: best response PR;
  progression 2025-04". Its assessments (response, stable, progression) are the induction partners'
  too, as ``treatment_items`` does for a maintenance course named in a later sentence.
- An item of a history that names no drug and only records what happened next ("- 02/2023
  Progression (CT: new adenopathy)", "- Esophagectomy: ... partial pathologic response", a
  paragraph that ends "This is a relapse of his leukaemia.") speaks of the course in the item just
  before it. A progression so carried is a relapse (``RELAPSE``): after a course completed with no
  response stated it is a recurrence, no progression on that course (``treatment_scope.combine``).
  Never from or to a table row (a flowsheet's rows are separate facts), from an item under a
  heading of its own, a hypothetical, a family, plan or ignored section, or across a section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casewise_extractor.nlp.rulebook import Rulebook, SectionRule
from casewise_extractor.nlp.treatment_current import _ASSESSED, _HEADING, _HYPOTHETICAL, STAY
from casewise_extractor.nlp.treatment_scope import RELAPSE, outcome_hits
from casewise_extractor.nlp.treatments import TreatmentFinding, drug_spans

_MAINTENANCE = re.compile(r"\bmaintenance\b|\balone\b|\bsingle[- ]agent\b", re.IGNORECASE)


def give_maintenance(text: str, found: list[TreatmentFinding]) -> None:
    """Within one sentence's findings: a group followed by a maintenance group of some of its drugs
    gets the maintenance group's assessments (see the module docstring)."""
    groups: dict[int, list[TreatmentFinding]] = {}
    for f in found:
        if not f.retracted:
            groups.setdefault(f.group, []).append(f)
    order = sorted(groups)
    for n in range(len(order) - 1):
        first, then = groups[order[n]], groups[order[n + 1]]
        agents, kept = {f.agent for f in first}, {f.agent for f in then}
        stop = order[n + 2] if n + 2 < len(order) else max(f.sentence[1] for f in then)
        if not kept < agents or not _MAINTENANCE.search(text[max(f.end for f in first) : stop]):
            continue
        assessed = [h for f in then for h in f.hits if h[0] in _ASSESSED]
        for f in first:
            if f.agent not in kept:
                f.hits = [*f.hits, *assessed]


def carried_hits(
    text: str,
    sentences: Sequence[tuple[int, int]],
    sections: Sequence[SectionRule | None],
    item: list[int],
    before: list[int],
    rules: Rulebook,
) -> list[tuple[str, str]]:
    """The assessments a drug-less ``item`` carries to the item ``before`` it (see the module
    docstring), progressions as relapses; none where the items do not qualify."""
    rows = [k for k in (*item, *before) if " | " in text[sentences[k][0] : sentences[k][1]]]
    if rows or any(sections[k] is not sections[before[-1]] for k in item):
        return []
    if _HEADING.fullmatch(text[sentences[item[0]][0] : sentences[item[0]][1]].strip()):
        return []  # "PRE-TREATMENT ASSESSMENT": a part of its own, not the item above going on
    section = sections[item[0]]
    if section is not None and section.effect in ("ignore", "family", "plan"):
        return []
    hits: list[tuple[str, str]] = []
    for k in item:
        sentence = text[sentences[k][0] : sentences[k][1]]
        if _HYPOTHETICAL.search(sentence) or drug_spans(sentence, rules) or STAY.search(sentence):
            return []  # "stay on this treatment": the regimen now given, not the item above's
        hits += [h for h in outcome_hits(sentence, rules.treatments.outcomes) if h[0] in _ASSESSED]
    return [("progression", RELAPSE) if o == "progression" else (o, rid) for o, rid in hits]
