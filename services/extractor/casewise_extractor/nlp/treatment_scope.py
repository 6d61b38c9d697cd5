"""Which words of a sentence belong to which drug, so that an outcome, a date or a line attaches to
the drug it is about ("received AC-T and then letrozole; progressed on letrozole": the progression
is letrozole's, not AC-T's).

Drugs given together ("carboplatin/pemetrexed", "palbociclib and letrozole", a regimen) form one
group and share their words. A group owns the words from the end of the group before it to the
start of the group after it; an outcome phrase bound to the next drug ("... ; progressed on X")
belongs to that drug, not to the words after this one. A sentence that never says which drug an
outcome is about gives it to none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewise_extractor.nlp.rulebook import OutcomeRule

# words that join drugs given together: "carboplatin/pemetrexed", "palbociclib and letrozole", also
# across a dose or a formulation word ("carboplatin AUC 5 + pemetrexed 500 mg/m2", "carboplatin +
# pegylated liposomal doxorubicin"): an order set names each drug with its dose
_DOSE = (
    r"(?:AUC\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s?(?:mg(?:/m2|/m²|/kg)?|mcg|g|units?)(?:/d(?:ay)?\b)?)"
    r"(?:\s?(?:IV|PO|q\d+[dhw]))*"
)
# and across the schedule an order set writes after a dose ("capecitabine 1000 mg/m2 twice daily
# days 1-14, oxaliplatin 130 mg/m2, trastuzumab 8 mg/kg loading dose and pembrolizumab 200 mg")
_SCHEDULE = (
    r"(?:(?:once|twice|three\s+times)\s+(?:daily|weekly)|daily|weekly"
    r"|(?:days?\s+|d)\d{1,2}(?:\s?(?:[-–,]|and)\s?\d{1,2})*|(?:loading|maintenance)\s+dose"
    r"|(?:every|q)\s?\d{1,2}\s?(?:weeks?|days?|w|d)\b|bid|tid|qid|qd|bd|tds|qds|od|nocte|mane|PO|IV|SC"
    r"|continuous\s+(?:IV\s+)?infusion)"
)
# a note in brackets after a dose ("960 mg twice daily (off-label, per protocol) with rituximab"),
# but not one that dates the drug: "FOLFOX (2019) and bevacizumab (2021)" are two courses
_NOTE = r"(?:\((?![^()]*\d{4})[^()]{1,60}\)\s*)?"
# "pemetrexed + Inj. carboplatin": a prescriber's route word between two drugs of one regimen
_FORM = (
    r"(?:(?:pegylated|liposomal|nab-|oral|intravesical|intravenous|IV|subcutaneous|SC"
    r"|inj(?:ection)?\b\.?)\s*)*"
)
# "weekly carboplatin (AUC 2) and paclitaxel (50 mg/m2)": the dose in brackets, as a protocol writes it
_BRACKETED_DOSE = rf"\(\s*{_DOSE}(?:\s*{_SCHEDULE})*\s*\)\s*"
_TOGETHER = re.compile(
    rf"\s*(?:(?:{_DOSE}(?:\s*{_SCHEDULE})*\s*{_NOTE}|{_BRACKETED_DOSE})?(?:[/+,&]|\band\b|\bwith\b|\bplus\b))?"
    rf"\s*{_FORM}",
    re.IGNORECASE,
)


# "carboplatin and paclitaxel x 6 (2022), with bevacizumab from cycle 2; complete response": a drug
# added to the regimen after its schedule ("with", "plus" after a comma) is given with it, and what
# follows speaks for the whole regimen. Not across a clause, an outcome or a verb that starts a new
# treatment ("progressed, treated with X").
_ADDED = re.compile(
    r"(?![^;]*\b(?:progress|respon|stable|stopped|discontinu|then|switch|changed|treated|managed|followed)\w*)"
    r"[^;.:|\n]{1,80},\s*(?:with|plus)\s+(?:(?:concurrent|concomitant|added)\s+)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Scope:
    """Character bounds in the sentence: the group's own words lie in [lo, hi); the drugs in [start, end)."""

    lo: int
    start: int
    end: int
    hi: int


def drug_scopes(sentence: str, spans: list[tuple[int, int]]) -> list[Scope]:
    """One scope per drug span (spans in reading order; a regimen's drugs share one span)."""
    groups: list[list[int]] = []
    for k, (s, _) in enumerate(spans):
        prev_end = spans[k - 1][1] if k else -1
        gap = sentence[prev_end:s]
        if groups and (s < prev_end or _TOGETHER.fullmatch(gap) or _ADDED.fullmatch(gap)):
            groups[-1].append(k)
        else:
            groups.append([k])
    bounds = [(spans[g[0]][0], max(spans[k][1] for k in g)) for g in groups]
    out: list[Scope] = [Scope(0, 0, 0, 0)] * len(spans)
    for n, g in enumerate(groups):
        lo = bounds[n - 1][1] if n else 0
        hi = bounds[n + 1][0] if n + 1 < len(groups) else len(sentence)
        for k in g:
            out[k] = Scope(lo, bounds[n][0], bounds[n][1], hi)
    return out


def bound_outcome(before: str, outcomes: list[OutcomeRule]) -> OutcomeRule | None:
    """The outcome the words right before a drug give it: "progressed on", "partial response to"."""
    before = _one_line(before)
    return next((o for o in outcomes if o.before_regex is not None and o.before_regex.search(before)), None)


def _one_line(words: str) -> str:
    """Words with their line breaks and runs of spaces made single spaces: a wrapped line ("primary\n
    stable", an OCR'd column gap) reads as the phrase it is."""
    return re.sub(r"\s+", " ", words)


# "if progression, consider fulvestrant": an outcome that has not happened
_IF = re.compile(
    r"\b(?:if|unless|should|in case of|at(?: the time of)?|upon|on)\s+"
    r"(?:(?:any|further|next|subsequent|later|disease)\s+)?(?:progression|PD|toxicity|intolerance|relapse)\b[^;.]*",
    re.IGNORECASE,
)
# "partial response, no progression", "stable disease (not PR)", "too early to judge response": an
# outcome the text denies
_DENIED = re.compile(
    r"(?:\b(?:no|not|without|nor|never|no evidence of|no signs? of)\s+(?:new\s+|further\s+|interval\s+|"
    r"radiographic\s+|clear\s+|definite\s+)?"
    r"|\btoo (?:early|soon) to (?:judge|assess|evaluate|call|determine)\s+(?:the\s+|a\s+)?)$",
    re.IGNORECASE,
)
COMPLETED = "out.completed"  # a course finished as planned: weaker than any stated assessment
RELAPSE = "out.relapse"  # "relapse", "it came back": a progression after a remission


def relapses(outcomes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Outcomes less a relapse that follows a course completed with no response stated ("I finished
    tamoxifen in March 2024. The cancer came back in May."): a recurrence after an adjuvant course
    is no progression on it. After a response ("complete remission ... relapsed in 2022") or while
    given ("rituximab maintenance until relapse") it is."""
    rids = {rid for _, rid in outcomes}
    if COMPLETED in rids and "out.response" not in rids:
        return [(o, rid) for o, rid in outcomes if rid != RELAPSE]
    return outcomes


def combine(outcomes: list[tuple[str, str]]) -> str | None:
    """One outcome from several (outcome, rule id) in reading order, as the blind-set conventions
    read a history: a drug ended by progression -> progression; else one last stopped (not resumed)
    -> stopped; else a stated assessment (response over stable: best response) while given or after a
    completed course; else the last of completed / ongoing. A relapse after a completed course with no
    response is no progression (``relapses``)."""
    outcomes = relapses(outcomes)
    kinds = [o for o, _ in outcomes]
    if "progression" in kinds:
        return "progression"
    held = [o for o, rid in outcomes if o in ("stopped", "ongoing") and rid != COMPLETED]
    if held and held[-1] == "stopped":
        return "stopped"
    for assessed in ("response", "stable"):
        if assessed in kinds:
            return assessed
    rest = [o for o in kinds if o in ("stopped", "ongoing")]
    return rest[-1] if rest else None


# "stopped at progression", "discontinued upon PD": a stop that happened, for the reason it names
_STOPPED_AT = re.compile(
    r"(?<!will be )(?<!to be )(?<!would be )(?<!be )\b(?:stopped|discontinued|ceased|ended|halted)\s*$", re.I
)


def _unless_past(m: re.Match[str]) -> str:
    """``_IF`` drops an outcome that has not happened ("stop at progression"), but not one a past stop
    names as its reason ("stopped at progression"): that progression happened."""
    return m.group(0) if _STOPPED_AT.search(m.string[max(0, m.start() - 30) : m.start()]) else " "


# "infusion stopped for flushing; rechallenged at 50% rate, completed": an infusion paused for a
# reaction and then run to its end is the dose given, neither the drug stopped nor its course completed
_INFUSION_PAUSE = re.compile(
    r"\b(?:infusion|drip)\s+(?:was\s+)?(?:stopped|interrupted|paused|held|halted)\b"
    r"(?P<on>[^|.]*?\b(?:rechallenged|restarted|resumed)\b[^|.]*)",
    re.IGNORECASE,
)


def _resumed_infusion(m: re.Match[str]) -> str:
    """The words of a paused infusion less its stop and its "completed": its resumption stays."""
    return re.sub(r"\bcompleted\b", " ", m.group("on"), flags=re.IGNORECASE)


def outcome_hits(after: str, outcomes: list[OutcomeRule]) -> list[tuple[str, str]]:
    """Every outcome the words state, in reading order, less those that have not happened ("if
    progression") or are denied ("no progression"), and less a phrase that binds the next drug; an
    infusion paused and resumed states only its resumption (``_INFUSION_PAUSE``)."""
    after = _INFUSION_PAUSE.sub(_resumed_infusion, _IF.sub(_unless_past, _one_line(after)))
    for o in outcomes:
        if o.before_regex is not None and (m := o.before_regex.search(after)) is not None:
            after = after[: m.start()]
    found = [
        (m.start(), o.outcome, o.id)
        for o in outcomes
        for m in o.regex.finditer(after)
        if not _DENIED.search(after[max(0, m.start() - 40) : m.start()])
    ]
    return [(out, rid) for _, out, rid in sorted(found)]


def outcome_after(after: str, outcomes: list[OutcomeRule]) -> str | None:
    """The outcome the words after a group state (see ``combine``)."""
    return combine(outcome_hits(after, outcomes))


def own_words(sentence: str, sc: Scope, lo: int, hi: int) -> str:
    """A drug's words for its dates and line, within its clause [lo, hi): after the group up to the
    first comma ("FOLFOX x 8 (2021), FOLFIRI"), else before it back to the last comma."""
    after = re.split(r"[,;]", sentence[sc.end : min(hi, sc.hi)], maxsplit=1)[0]
    before = re.split(r"[,;]", sentence[max(lo, sc.lo) : sc.start])[-1]
    return f"{before} {sentence[sc.start : sc.end]}{after}"
