"""Assessments stated away from the drug they assess: under a heading of their own ("RESPONSE /
CT after 3 cycles: partial response"), or through the regimen's setting ("excellent PSA response
on ADT", "stable disease on maintenance").

This runs after the item pass (``treatment_items``) and is deliberately narrow. A sentence that
names no drug gives its assessment (response, stable, progression) to the current regimen only
- under an assessment heading (Assessment, Impression, A/P, Response), bound to a setting word, or
  beside words that keep the patient on the regimen now given ("stay on this treatment");
- where exactly one drug group is current: the drugs whose outcome so far is ongoing or assessed
  while given are, together, the one group of some sentence, and no drug named beside them with
  nothing said of it could be current as well;
- after every current drug has been named: an assessment before a regimen is not the regimen's.
A planned, stopped, progressed or completed drug is never current. A setting that names a drug
class ("on ADT") gives its bound assessment to the current drugs of that class, even in a
sentence that names other drugs ("PSA response on ADT + enzalutamide": the ADT is leuprolide). A
regimen named by one current drug ("response to amivantamab-based therapy") gives that drug's
assessment to the whole current group, and to its induction partners (``_based_regimen``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casewise_extractor.nlp.regex_gate import fold, may_match
from casewise_extractor.nlp.rulebook import Rulebook, SectionRule, TreatmentRules
from casewise_extractor.nlp.treatment_scope import bound_outcome, outcome_hits
from casewise_extractor.nlp.treatments import TreatmentFinding, drug_spans

_ASSESSED = ("response", "stable", "progression")
_CURRENT = ("ongoing", "response", "stable")
_HEADING = re.compile(r"[A-Z][A-Z /&,()-]{2,60}:?")  # a line in capitals is a heading
# "Plan:" on a line of its own: a label that opens another part, as a heading in capitals does
_LABEL = re.compile(r"[A-Z][A-Za-z&/-]*(?:\s+[A-Za-z&/-]+){0,3}\s*:")
_HYPOTHETICAL = re.compile(r"\bif\b|\bshould\b|\bwould\b|\bwill\b|\bunless\b", re.IGNORECASE)
_LOOK_BACK = 60  # lines searched for the heading a sentence sits under
# "the spots in your liver are stable. So the plan is to stay on this treatment": words that point
# back at the regimen now given make the assessment beside them that regimen's
STAY = re.compile(
    r"\b(?:stay|remain|continue|keep going|carry on)\s+(?:on\s+|with\s+)?(?:this|the same|the current|current"
    r"|your|her|his)\s+(?:treatment|therapy|regimen|medicines?|medications?)\b",
    re.IGNORECASE,
)


def _line(text: str, pos: int) -> tuple[int, str]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", start)
    return start, text[start : len(text) if end < 0 else end].strip()


def under_assessment(text: str, pos: int, tr: TreatmentRules) -> bool:
    """Whether the nearest heading above ``pos`` (or a label on its own line) is an assessment's."""
    for _ in range(_LOOK_BACK):
        start, line = _line(text, pos)
        if line and any(r.regex.match(line) for r in tr.assessment_headings):
            return True
        if line and (_HEADING.fullmatch(line) or _LABEL.fullmatch(line)):
            return False  # another section's heading
        if start == 0:
            return False
        pos = start - 1
    return False


def _stays(text: str, sentences: Sequence[tuple[int, int]], k: int, rules: Rulebook) -> bool:
    """Whether sentence ``k``, or the next one in its paragraph naming no drug, keeps the patient on
    the regimen now given (``STAY``)."""
    here = [k]
    if k + 1 < len(sentences) and "\n\n" not in text[sentences[k][1] - 1 : sentences[k + 1][0] + 1]:
        here.append(k + 1)
    said = [text[sentences[j][0] : sentences[j][1]] for j in here]
    return any(STAY.search(s) for s in said) and not any(drug_spans(s, rules) for s in said)


def _first_named(findings: list[TreatmentFinding]) -> dict[str, int]:
    first: dict[str, int] = {}
    for f in findings:
        if not f.retracted:
            first[f.agent] = min(first.get(f.agent, f.sentence[0]), f.sentence[0])
    return first


def _current(findings: list[TreatmentFinding]) -> tuple[set[str], int] | None:
    """The current drugs and where the last of them is first named, when they are one group."""
    live = [f for f in findings if not f.retracted]
    agents = {f.agent for f in live if f.outcome in _CURRENT}
    groups: dict[tuple[int, int], set[str]] = {}
    for f in live:
        groups.setdefault((f.sentence[0], f.group), set()).add(f.agent)
    if not agents or agents not in groups.values():
        return None
    sentences = {f.sentence[0] for f in live if f.agent in agents}
    if any(f.sentence[0] in sentences and f.outcome is None for f in live):
        return None  # "pembrolizumab (ongoing) + carboplatin": whether carboplatin goes on is unsaid
    first = _first_named(findings)
    return agents, max(first[a] for a in agents)


def _give(findings: list[TreatmentFinding], agents: set[str], hits: list[tuple[str, str]]) -> None:
    for f in findings:
        if f.agent in agents and not f.retracted:
            f.hits = [*f.hits, *hits]


def _agents(findings: list[TreatmentFinding], group: int) -> set[str]:
    return {f.agent for f in findings if f.group == group}


# "an ongoing response to amivantamab-based therapy": a regimen named by one of its drugs
_BASED = re.compile(r"-(?:based|containing)\b", re.IGNORECASE)


def _based_regimen(text: str, findings: list[TreatmentFinding], current: tuple[set[str], int] | None) -> bool:
    """An assessment of "X-based therapy", X one of the current drugs, is the current regimen's; and,
    where that regimen is the maintenance tail of a larger one in the same sentence ("A + B + C;
    C completed after 4 cycles; continuing A + B maintenance"), its induction partners' too, as the
    item pass gives them (``treatment_items._give_induction``). Whether any was given."""
    if current is None:
        return False
    agents, last = current
    live = [f for f in findings if not f.retracted]
    gave = False
    for f in live:
        if f.agent not in agents or f.sentence[0] <= last or not _BASED.match(text, f.end):
            continue
        hits = [h for h in f.hits if h[0] in _ASSESSED]
        if not hits:
            continue
        _give(findings, agents - {f.agent}, hits)
        tails = [g.group for g in live if g.sentence[0] <= last and _agents(live, g.group) == agents]
        if tails:
            tail = next(g for g in live if g.group == max(tails))
            here = [g for g in live if g.sentence == tail.sentence and g.group < tail.group]
            induction = {g.agent for g in here if agents < _agents(here, g.group)} - agents
            _give(here, induction, hits)
        gave = True
    return gave


def link_current(
    text: str,
    sentences: Sequence[tuple[int, int]],
    sections: Sequence[SectionRule | None],
    findings: list[TreatmentFinding],
    rules: Rulebook,
    done: set[int],
) -> bool:
    """Give the assessments stated away from any drug to the current regimen (see the module
    docstring); ``done``: sentences whose outcome the item pass already gave. Whether any was given."""
    tr = rules.treatments
    current = _current(findings)
    live = {f.agent: f.outcome for f in findings if not f.retracted}
    first = _first_named(findings)
    gave = _based_regimen(text, findings, current)
    folded = fold(text)
    settings = [s for s in tr.settings if may_match(s.regex, folded)]  # searched per sentence below
    for k, (s0, s1) in enumerate(sentences):
        sentence = text[s0:s1]
        section = sections[k]
        if section is not None and section.effect in ("ignore", "family"):
            continue
        if (
            k in done
            or _HYPOTHETICAL.search(sentence)
            or " | " in sentence
            or _HEADING.fullmatch(sentence.strip())
        ):
            continue
        for setting in settings:
            for m in setting.regex.finditer(sentence):
                bound = bound_outcome(sentence[: m.start()], tr.outcomes)
                if bound is None or bound.outcome not in _ASSESSED:
                    continue
                if setting.drugs:
                    agents = {
                        a for a, o in live.items() if a in setting.drugs and o in _CURRENT and first[a] < s0
                    }
                elif current is not None and current[1] < s0 and not drug_spans(sentence, rules):
                    agents = current[0]
                else:
                    continue
                _give(findings, agents, [(bound.outcome, bound.id)])
                gave = gave or bool(agents)
        if current is None or current[1] >= s0:
            continue
        if not (under_assessment(text, s0, tr) or _stays(text, sentences, k, rules)):
            continue
        hits = [h for h in outcome_hits(sentence, tr.outcomes) if h[0] in _ASSESSED]
        if hits and not drug_spans(sentence, rules):
            _give(findings, current[0], hits)
            gave = True
    return gave
