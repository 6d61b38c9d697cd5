"""Outcomes stated in a later sentence of the same history item: "1L carbo/pem/pembro -> pem/pembro
maintenance. Best response PR. PD 3/2025." The PR and the PD are the regimen's though neither
sentence names a drug.

An item is a list item (with its wrapped lines), a table row, or a paragraph, and never runs past a
heading or a section break. A sentence that names no drug of its own gives its outcome to the drug
group of the nearest sentence before it in the item, if that sentence holds exactly one group
(a maintenance subset of the regimen, "-> pem/pembro maintenance", is the same group). Two groups
there, or a drug named there that was not received, and the outcome is nobody's. With no drug
sentence before it, the outcome goes to the next one only where that sentence stops or continues
a drug already given ("PD 05/2025. Palbociclib and fulvestrant discontinued."), never to a drug it
starts: the progression that ends one line is not the next line's.

Last, each drug's outcomes across the document are combined in reading order (``combine``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casewise_extractor.nlp.rulebook import Rulebook, SectionRule
from casewise_extractor.nlp.treatment_current import link_current
from casewise_extractor.nlp.treatment_given import carried_out_plans
from casewise_extractor.nlp.treatment_scope import COMPLETED, RELAPSE, combine, outcome_hits, relapses
from casewise_extractor.nlp.treatment_timeline import carried_hits, give_maintenance
from casewise_extractor.nlp.treatments import TreatmentFinding, drug_spans

_MARKER = re.compile(
    r"[ \t]*(?:[-•*▪–]|\(?\d{1,2}[.)]|\(?[a-h][.)]|\d{1,2}/\d{2,4}\s*[:–-]|\d{4}\s*:)\s", re.IGNORECASE
)
_BLANK = re.compile(r"\n[ \t]*\n")
_STARTS = re.compile(r"\b(?:start\w*|initiat\w*|began|begin\w*|commenc\w*|switched to|changed to)\b", re.I)
_HYPOTHETICAL = re.compile(r"\bif\b|\bshould\b|\bwould\b|\bwill\b", re.IGNORECASE)


# an OCR'd paragraph broken mid-sentence: "... vincristine\n\n1.4 mg/m2", "Interim PET after\n\nC2:"
_RUN_ON_END = re.compile(
    r"(?:[a-z0-9,(]|\b(?:after|of|with|and|or|to|on|in|the|a|an|was|were|is|for|from|by|at))[ \t]*$"
)
_RUN_ON_START = re.compile(r"[ \t]*[a-z0-9(]")
_FUNCTION_END = re.compile(r"\b(?:after|of|with|and|or|to|on|in|the|a|an|was|were|is|for|from|by|at)[ \t]*$")
# a lines-of-therapy table's "Reason stopped" column: a reason in a drug's row ("Grade 3 colitis")
# says the drug was stopped, though the cell names no stop word; "Ongoing", "-" or blank says not
_STOP_REASON_HEADER = re.compile(
    r"\breason\s+(?:for\s+)?(?:stop\w*|discontinu\w*|end\w*|off)|\b(?:stop|discontinuation|end)\s+reason\b",
    re.IGNORECASE,
)
_NO_REASON = re.compile(
    r"[\s\-–—/.]*(?:n/?a|none|ongoing|continu\w*|current|active|not\s+stopped)?[\s.]*", re.I
)
STOP_REASON = "out.stop_reason_column"
# "Survivorship: fertility preservation (oocyte cryopreservation) completed 12/2024", "Fertility
# counselling completed": something other than a course of a drug was completed
_OTHER_DONE = re.compile(
    r"\b(?:preservation|cryopreservation|counsel+ing|education|teaching|vaccinations?|consent|evaluation"
    r"|work-?up|referral|paperwork|forms?|questionnaire|transfusions?|radiotherapy|radiation|surgery)\b"
    r"(?:\s*\([^()]{0,60}\))?\s+(?:was\s+|were\s+|has been\s+|have been\s+)?completed\b",
    re.IGNORECASE,
)


def _breaks(text: str, lo: int, hi: int) -> bool:
    """Whether a blank line between ``lo`` and ``hi`` ends a paragraph, not one that runs on: a line
    cut mid-sentence (ending in a word, not a heading) whose next line goes on in lower case or a
    number, or that ends with a word like "after" or "and", is the same sentence."""
    for m in _BLANK.finditer(text, lo, hi):
        before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        upper = before.strip() and not re.search(r"[a-z]", before)
        ends = _RUN_ON_END.search(before) and not upper
        if not ends or not (_FUNCTION_END.search(before) or _RUN_ON_START.match(text, m.end())):
            return True
    return False


def _new_item(text: str, prev: tuple[int, int], cur: tuple[int, int], same_section: bool) -> bool:
    """Whether the sentence ``cur`` opens a new item after ``prev``."""
    row_start = text.rfind("\n", 0, cur[0]) + 1
    line_start = cur[0] == 0 or text[cur[0] - 1] == "\n" or not text[row_start : cur[0]].strip()
    prev_text = text[prev[0] : prev[1]].strip()
    if same_section and prev[1] > row_start and " | " in text[row_start : cur[0]]:
        return False  # a row cut at a full stop ("... | Dose reduced. CT: partial response") is one fact
    return (
        not same_section
        or _breaks(text, prev[0], cur[0] + 1)
        or (line_start and bool(_MARKER.match(text, row_start)))
        or " | " in prev_text
        or " | " in text[cur[0] : cur[1]]
        or (prev_text.endswith(":") and len(prev_text) < 60)
    )


def items(
    text: str, sentences: Sequence[tuple[int, int]], sections: Sequence[SectionRule | None]
) -> list[list[int]]:
    """Sentence indices grouped into items, in reading order. A bullet indented under its item's
    first line is a sub-item of it ("4. Dabrafenib + trametinib from 06/2025.\n   - CT 05/2025: PARTIAL
    RESPONSE"): it goes on with the item."""
    out: list[list[int]] = []
    head = 0  # the indent of the current item's first line
    for k, cur in enumerate(sentences):
        same = k > 0 and sections[k] is sections[k - 1]
        if (k and not _new_item(text, sentences[k - 1], cur, same)) or (
            same and _sub_item(text, sentences[k - 1], cur, head)
        ):
            out[-1].append(k)
        else:
            out.append([k])
            head = _indent_at(text, cur[0])
    return out


def _indent_at(text: str, at: int) -> int:
    row = text[text.rfind("\n", 0, at) + 1 : at + 1]
    return len(row) - len(row.lstrip(" \t"))


def _sub_item(text: str, prev: tuple[int, int], cur: tuple[int, int], head: int) -> bool:
    """Whether ``cur`` opens a bullet line indented deeper than its item's first line (no blank line)."""
    row_start = text.rfind("\n", 0, cur[0]) + 1
    if text[row_start : cur[0]].strip(" \t-\u2022*\u25aa\u2013") or _breaks(text, prev[0], cur[0] + 1):
        return False
    marker = _MARKER.match(text, row_start)
    return marker is not None and _indent_at(text, row_start) > head


def _one_group(found: list[TreatmentFinding]) -> list[TreatmentFinding]:
    """The findings of a sentence's only group (subset groups folded in), else none."""
    sets = {f.group: {g.agent for g in found if g.group == f.group} for f in found if not f.retracted}
    tops = [s for g, s in sets.items() if not any(s < o or (s == o and h < g) for h, o in sets.items())]
    if len(tops) != 1:
        return []
    return [f for f in found if f.agent in tops[0] and not f.retracted]


def _ended(found: list[TreatmentFinding], group: int) -> bool:
    """Whether a group's own words stop it or record its progression ("oxaliplatin discontinued")."""
    return any(
        o in ("stopped", "progression") and rid != COMPLETED
        for f in found
        if f.group == group
        for o, rid in f.hits
    )


def _live_group(found: list[TreatmentFinding]) -> list[TreatmentFinding]:
    """The group a later assessment is about: the sentence's only group, or, where one group was
    stopped and another goes on ("oxaliplatin discontinued; continue FOLFIRI"), the only one not
    ended. A scan read after a drug was stopped is about the drugs still given."""
    one = _one_group(found)
    if one or not found:
        return one
    live = [f for f in found if not f.retracted and not _ended(found, f.group)]
    return _one_group(live) if live and len(live) < len([f for f in found if not f.retracted]) else []


# "paclitaxel and carboplatin, followed by doxorubicin and cyclophosphamide": groups given one after
# another, as a neoadjuvant sequence is written
_THEN = re.compile(r"[\s,;]*(?:and\s+)?(?:then|followed\s+by|->|→)\s*", re.IGNORECASE)
# "mastectomy showed a pathologic complete response (ypT0 ypN0)": an assessment made at surgery
_PATHOLOGIC = re.compile(
    r"\bpatholog\w*\s+(?:(?:complete|partial|near[- ]complete|major)\s+)?response\b"
    r"|(?-i:\bpCR\b)|\byp\s?T0\b",
    re.IGNORECASE,
)


def _sequence(text: str, found: list[TreatmentFinding]) -> list[TreatmentFinding]:
    """The findings of a sentence whose groups follow one another ("X + Y, followed by A + B"), else
    none: a pathologic response at the surgery after such a sequence is every drug's of it."""
    live = [f for f in found if not f.retracted]
    starts = sorted({f.group for f in live})
    if len(starts) < 2:
        return []
    for a, b in zip(starts, starts[1:], strict=False):
        if not _THEN.fullmatch(text[max(f.end for f in live if f.group == a) : b]):
            return []
    return live


def _give_induction(
    hits: list[tuple[str, str]],
    group: list[TreatmentFinding],
    earlier: list[int],
    by_sentence: dict[int, list[TreatmentFinding]],
) -> None:
    """A maintenance drug's assessment is its induction partners' too: "ipilimumab and nivolumab
    x4, then nivolumab alone. Scan: partial response." The partners (the one group of the item's
    nearest earlier drug sentence, where it holds the maintenance drugs and more) get the assessments, not a
    stop or a continuation, which are the maintenance drug's own."""
    assessed = [h for h in hits if h[0] in ("response", "stable", "progression")]
    agents = {f.agent for f in group}
    if not assessed or not agents:
        return
    k = next((k for k in earlier if by_sentence.get(k)), None)
    induction = _one_group(by_sentence.get(k, [])) if k is not None else []
    if agents < {f.agent for f in induction}:
        for f in induction:
            if f.agent not in agents:
                f.hits = [*f.hits, *assessed]


def link_item_outcomes(
    text: str,
    sentences: Sequence[tuple[int, int]],
    sections: Sequence[SectionRule | None],
    findings: list[TreatmentFinding],
    rules: Rulebook,
) -> None:
    """Give drug-less outcome sentences to their item's group, then settle each drug's outcome;
    last, an assessment stated away from any drug may reach the current regimen (``link_current``).
    First, a plan a later sentence says was given joins the findings (``carried_out_plans``)."""
    findings += carried_out_plans(text, sentences, sections, findings, rules)
    backbone = frozenset(d for s in rules.treatments.settings if s.backbone for d in s.drugs)
    by_sentence: dict[int, list[TreatmentFinding]] = {}
    done: set[int] = set()
    starts = {s0: k for k, (s0, _) in enumerate(sentences)}
    for f in findings:
        if f.sentence[0] in starts:
            by_sentence.setdefault(starts[f.sentence[0]], []).append(f)
    for found in by_sentence.values():
        give_maintenance(text, found)
    listed = items(text, sentences, sections)
    for n, item in enumerate(listed):
        if not any(k in by_sentence for k in item):
            before = listed[n - 1] if n else []
            named = {k for k in before if k in by_sentence}
            hits = carried_hits(text, sentences, sections, item, before, rules) if named else []
            if hits and _give(hits, before[::-1], [], named, by_sentence, text, sentences):
                done.update(item)
            continue
        named = {k for k in item if drug_spans(text[sentences[k][0] : sentences[k][1]], rules)}
        for pos, k in enumerate(item):
            sentence = text[sentences[k][0] : sentences[k][1]]
            section = sections[k]
            effect = section.effect if section is not None else "none"
            if k in named or effect in ("ignore", "family") or _HYPOTHETICAL.search(sentence):
                continue
            hits = outcome_hits(sentence, rules.treatments.outcomes)
            if _OTHER_DONE.search(sentence):  # "fertility preservation completed": not the drug's course
                hits = [h for h in hits if h[1] != COMPLETED]
            surgery = bool(_PATHOLOGIC.search(sentence))
            if hits and _give(
                hits, item[:pos][::-1], item[pos + 1 :], named, by_sentence, text, sentences, surgery
            ):
                done.add(k)
    _stop_reasons(text, findings, rules)
    _settle(findings, backbone)
    if link_current(text, sentences, sections, findings, rules, done):
        _settle(findings, backbone)


def _give(
    hits: list[tuple[str, str]],
    before: list[int],
    after: list[int],
    named: set[int],
    by_sentence: dict[int, list[TreatmentFinding]],
    text: str,
    sentences: Sequence[tuple[int, int]],
    surgery: bool = False,
) -> bool:
    """Give ``hits`` to the group of the nearest drug sentence before (else after) in the item;
    whether anyone got them. Where the sentence before holds several groups, all ended ("ipilimumab
    discontinued and nivolumab held"), the one the next sentence resumes gets them ("Scan: partial
    response. Nivolumab resumed."). A pathologic response (``surgery``) after a sequence of groups
    is every group's (``_sequence``)."""
    back = next((k for k in before if k in named), None)
    if back is not None:
        group = _live_group(by_sentence.get(back, []))
        if not group and surgery:
            group = _sequence(text, by_sentence.get(back, []))
        for f in group:
            f.hits = [*f.hits, *hits]
        _give_induction(hits, group, before[before.index(back) + 1 :], by_sentence)
        if group or not by_sentence.get(back):
            return bool(group)
    ahead = next((k for k in after if k in named), None)
    if ahead is None or _STARTS.search(text[sentences[ahead][0] : sentences[ahead][1]]):
        return False
    group = _one_group(by_sentence.get(ahead, []))
    if back is not None and not {f.agent for f in group} <= {f.agent for f in by_sentence[back]}:
        return False  # the drug ahead must be one the ambiguous sentence before already gave
    if any(o in ("stopped", "ongoing") for f in group for o, _ in f.hits):
        for f in group:
            f.hits = [*hits, *f.hits]
        return True
    return False


def _lines_above(text: str, pos: int) -> list[str]:
    """The lines above the line that holds ``pos``, nearest first."""
    start = text.rfind("\n", 0, pos) + 1
    return text[:start].splitlines()[::-1] if start else []


def _table_header(text: str, pos: int) -> str | None:
    """The first row of the table whose row holds ``pos``, with a wrapped last cell joined again
    ("... | Reason" / "stopped"): the top line of its run of cell rows, where a line without cells
    between two rows is a row's wrapped end."""
    lines = _lines_above(text, pos)
    header: str | None = None
    wrapped = ""
    for k, line in enumerate(lines):
        if "|" in line:
            header, wrapped = line, (lines[k - 1] if k and "|" not in lines[k - 1] else "")
        elif k + 1 >= len(lines) or "|" not in lines[k + 1]:
            break
    return f"{header} {wrapped.strip()}" if header is not None else None


def _stop_reasons(text: str, findings: list[TreatmentFinding], rules: Rulebook) -> None:
    """A drug whose table row gives a reason in the "Reason stopped" column (``_STOP_REASON_HEADER``)
    was stopped. Only for the row's own drug (the first cell that names one, not a partner named
    later, "x4 with ipilimumab"), and only where the cell states no outcome of its own ("Active",
    "Progression", "Completed 4 doses" already say what happened)."""
    for f in findings:
        row_start = text.rfind("\n", 0, f.start) + 1
        row_end = text.find("\n", f.start)
        row = text[row_start : len(text) if row_end < 0 else row_end]
        before = row[: f.start - row_start]
        if f.retracted or " | " not in row or drug_spans(before[: before.rfind("|") + 1], rules):
            continue
        header = _table_header(text, f.start)
        if header is None:
            continue
        columns = [c for c, name in enumerate(header.split("|")) if _STOP_REASON_HEADER.search(name)]
        cells = row.split("|")
        if len(columns) != 1 or columns[0] >= len(cells):
            continue
        reason = cells[columns[0]]
        if not _NO_REASON.fullmatch(reason) and not outcome_hits(reason, rules.treatments.outcomes):
            f.hits = [*f.hits, ("stopped", STOP_REASON)]


def _dropped(findings: list[TreatmentFinding], partners: dict[tuple[int, int], frozenset[str]]) -> set[str]:
    """Drugs whose partners go on without them later ("Started carbo/pem/pembro, 4 cycles. Maintenance
    pemetrexed/pembrolizumab"): carboplatin's course ended, though no stop was written."""
    last: dict[str, int] = {}
    for f in findings:
        if not f.retracted:
            last[f.agent] = max(last.get(f.agent, -1), f.sentence[0])
    out = set()
    for f in findings:
        if f.retracted:
            continue
        mates = partners[(f.sentence[0], f.group)] - {f.agent}
        for g in findings:
            later = partners[(g.sentence[0], g.group)]
            if g.sentence[0] > last[f.agent] and g.agent in mates and f.agent not in later:
                out.add(f.agent)
    return out


def _settle(findings: list[TreatmentFinding], backbone: frozenset[str] = frozenset()) -> None:
    """Each drug's outcome from what its latest course was said to do (a course: the drug with the
    same partners, "TCHP" then "trastuzumab + pertuzumab"), so that a neoadjuvant response does not
    stand for the adjuvant course now given; a progression on any course stays, and so does a relapse
    after a response on any course ("BR -> CR; rituximab maintenance, completed. Relapse 2023").
    A ``backbone`` drug's progression on a course with a partner is the partner's ("leuprolide +
    apalutamide -> PSA progression": castration-resistant, the ADT goes on). A drug started on a
    date with nothing said of it since goes on (ongoing)."""
    partners: dict[tuple[int, int], frozenset[str]] = {}
    for f in findings:
        key = (f.sentence[0], f.group)
        partners[key] = partners.get(key, frozenset()) | {f.agent}
    courses: dict[str, dict[frozenset[str], list[tuple[str, str]]]] = {}
    started = {f.agent for f in findings if f.started and not f.retracted} - _dropped(findings, partners)
    for f in findings:
        if not f.retracted:
            said = courses.setdefault(f.agent, {})
            course = partners[(f.sentence[0], f.group)]
            hits = f.hits
            if f.agent in backbone and course - backbone:
                hits = [h for h in hits if h[0] != "progression"]
            if hits and said and all(h == ("ongoing", "out.ongoing") for h in hits):
                # "Continue lenvatinib 10 mg daily" after "on pembrolizumab + lenvatinib, stable disease":
                # going on with the drug is no new course; it keeps the latest course's assessment
                course = next(reversed(said))
            if not hits and course in said:
                continue  # "melanoma on ipilimumab/nivolumab" restated in a list: no newer course
            said[course] = [*said.pop(course, []), *hits]  # re-inserted: the latest course is last
    for f in findings:
        if not f.retracted:
            said = courses[f.agent]
            spoken = [h for h in said.values() if h] or [[]]
            every = [h for hits in said.values() for h in hits]
            ended = ("progression", "out.progression") in every or ("progression", RELAPSE) in relapses(every)
            f.outcome = "progression" if ended else combine(spoken[-1])
            if f.outcome is None and f.agent in started:
                f.outcome = "ongoing"
