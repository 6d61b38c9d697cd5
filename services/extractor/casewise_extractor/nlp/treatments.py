"""Anticancer drugs the patient received, and procedures (surgery, radiation), from one sentence.

Regimen shorthand (FOLFOX, carbo/pem/pembro, AC-T, R-CHOP) expands into drugs; brand names map to
generics. A drug in a plan ("we will consider osimertinib"), a hypothetical, or a vendor therapy
or trial list is not a treatment received.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from casewise_extractor.nlp.dates import find_dates
from casewise_extractor.nlp.regex_gate import fold, gated_finditer
from casewise_extractor.nlp.rulebook import Rulebook, SectionRule, TreatmentRules, _RegexRule
from casewise_extractor.nlp.treatment_scope import (
    COMPLETED,
    Scope,
    bound_outcome,
    combine,
    drug_scopes,
    outcome_hits,
    own_words,
)

_LINE = re.compile(
    r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]line\b|\b([1-4])L\b|\bline\s*([1-4])\b", re.I
)
_LINE_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_END = re.compile(
    r"(?:\bto\b|\buntil\b(?:\s+\w+){0,2}?(?:\s+in)?|\bthrough\b|\bthru\b|\boff(?: treatment| therapy)? since|"
    r"\b(?:discontinued|stopped|completed)(?: on| in)?|"
    r"(?<=\d)\s*[–-])\s*$",
    re.I,
)  # "- 03/2023" starts
# (none inside a bracket: "(individualised dose; weight 68 kg)", "(days 1, 15, then four-weekly)")
_CLAUSES = re.compile(r"(?:;|\.\s|\bthen\b|\bfollowed by\b|\bnow\b|\bwith plan\b)(?![^()\n]{0,60}\))", re.I)
_RECEIVED_SECTIONS = {"treatment_history", "medications"}


@dataclass
class TreatmentFinding:
    agent: str
    start: int
    end: int
    sentence: tuple[int, int]
    rule_id: str
    regimen: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    outcome: str | None = None
    line: int | None = None
    retracted: bool = False  # "X was never given": withdraws X, here and in earlier documents
    group: int = -1  # where the drug's group starts: drugs given together share it
    hits: list[tuple[str, str]] = field(default_factory=list)  # (outcome, rule id) read, in order
    started: bool = False  # "X started 04/03/2025": a dated start (ongoing where nothing more is said)


@dataclass
class ProcedureFinding:
    kind: str
    name: str
    start: int
    end: int
    sentence: tuple[int, int]
    rule_id: str
    date: str | None = None


_DRUG_CACHE: dict[int, tuple[re.Pattern[str], dict[str, tuple[str, str]], dict[str, str]]] = {}


def _drug_regex(rules: Rulebook) -> tuple[re.Pattern[str], dict[str, tuple[str, str]], dict[str, str]]:
    if id(rules) in _DRUG_CACHE:
        return _DRUG_CACHE[id(rules)]
    names: dict[str, tuple[str, str]] = {}
    short: dict[str, str] = {}
    for d in rules.treatments.drugs:
        if not d.in_regimen_only:
            for n in [d.generic, *d.brands, *d.codes]:  # a trial drug is often named by its code
                names[n.lower()] = (d.generic, d.id)
            if "m" in d.generic and len(d.generic) >= 8:  # OCR reads "m" as "rn": "gerncitabine"
                names.setdefault(d.generic.lower().replace("m", "rn"), (d.generic, d.id))
        for s in [d.generic, *d.short]:
            short[s.lower()] = d.generic
    # "trastuzumab\nderuxtecan": a name wrapped over two lines is still the one drug, not its first word's
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    # "cisplatin-based chemoradiation" names cisplatin; "cisplatin-resistant" is no mention of it given
    tail = r"(?![\w-])|(?=-(?:based|containing)\b)"
    built = _DRUG_CACHE[id(rules)] = (re.compile(rf"(?<![\w-])(?:{alt})(?:{tail})", re.I), names, short)
    return built


_PREFILTER: dict[int, frozenset[str]] = {}
_WORD = re.compile(r"[a-z0-9][a-z0-9-]*")


def treatment_word_positions(text: str, rules: Rulebook) -> list[int]:
    """Where ``text`` could name a drug, regimen or procedure (one cheap scan per document):
    words from the drug lexicon, then the regimen and procedure patterns."""
    if id(rules) not in _PREFILTER:
        _, names, short = _drug_regex(rules)
        _PREFILTER[id(rules)] = frozenset(w for n in (*names, *short) for w in _WORD.findall(n.lower())[:1])
    words = _PREFILTER[id(rules)]
    # "amivantamab-based therapy": the word before a hyphen can be the drug (``_drug_regex``'s tail)
    hits = [
        m.start()
        for m in _WORD.finditer(text.lower())
        if (w := m.group(0)) in words or w.partition("-")[0] in words
    ]
    folded = fold(text)
    for rule in (*rules.treatments.regimens, *rules.treatments.procedures):
        hits += [m.start() for m in gated_finditer(rule.regex, text, folded)]
    return sorted(hits)


# "carbo/pem", "gem + cis", and drugs joined by a hyphen ("carboplatin-paclitaxel", "cisplatin-etoposide")
_JOINED = re.compile(
    r"(?<![\w/])[A-Za-z0-9-]+(?:\s?[/+]\s?[A-Za-z0-9-]+)+|(?<![\w/-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![\w/-])"
)


def _joined_parts(item: str, short: dict[str, str]) -> list[str]:
    """One list item as drug words: "nab-paclitaxel" stays whole, "carboplatin-paclitaxel" is two."""
    pieces = item.split("-")
    if item in short or len(pieces) < 2 or not all(p in short for p in pieces):
        return [item]
    return pieces


def _slash_lists(text: str, short: dict[str, str]) -> list[tuple[int, int, list[str]]]:
    out = []
    for m in _JOINED.finditer(text):
        parts = [w for p in re.split(r"[/+]", m.group(0)) for w in _joined_parts(p.strip().lower(), short)]
        drugs = [short[p] for p in parts if p in short]
        if len(drugs) >= 2 and len(drugs) == len(parts):
            out.append((m.start(), m.end(), drugs))
    return out


_DRUG_ROLES: dict[int, tuple[dict[str, set[str]], dict[str, re.Pattern[str]]]] = {}


def _drug_roles(rules: Rulebook) -> tuple[dict[str, set[str]], dict[str, re.Pattern[str]]]:
    """Per generic name, built once per rulebook: the drugs given with it that are no anticancer drug
    of their own (``companions``), and the words after it that make it supportive care (leucovorin
    "rescue", ``supportive_after``)."""
    if id(rules) not in _DRUG_ROLES:
        companions: dict[str, set[str]] = {}
        for d in rules.treatments.drugs:
            companions.setdefault(d.generic, set()).update(d.companions)
        supportive = {d.generic: d.supportive_regex for d in rules.treatments.drugs if d.supportive_regex}
        _DRUG_ROLES[id(rules)] = (companions, supportive)
    return _DRUG_ROLES[id(rules)]


def _drugs(text: str, rules: Rulebook) -> list[tuple[int, int, str, str, str | None]]:
    """(start, end, generic, rule id, regimen name) in reading order, overlaps removed."""
    regex, names, short = _drug_regex(rules)
    spans: list[tuple[int, int, str, str, str | None]] = []
    folded = fold(text)
    for reg in rules.treatments.regimens:
        for m in gated_finditer(reg.regex, text, folded):
            spans += [(m.start(), m.end(), drug, reg.id, reg.name) for drug in reg.drugs]
    companions, supportive = _drug_roles(rules)
    for s, e, drugs in _slash_lists(text, short):
        # "abiraterone + prednisone": the steroid goes with abiraterone, no anticancer drug of its own
        given_with = {c for drug in drugs for c in companions.get(drug, ())}
        spans += [(s, e, drug, "tx.slash_list", None) for drug in drugs if drug not in given_with]
    for m in regex.finditer(text):
        generic, rule_id = names[" ".join(m.group(0).lower().split())]
        if generic in supportive and supportive[generic].match(text, m.end()):  # "leucovorin rescue"
            continue
        spans.append((m.start(), m.end(), generic, rule_id, None))
    spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str, str, str | None]] = []
    cover = (-1, -1)
    seen: set[tuple[int, int, str]] = set()
    for sp in spans:
        if (sp[0], sp[1], sp[2]) in seen:
            continue
        seen.add((sp[0], sp[1], sp[2]))
        if sp[0] >= cover[1] or (sp[0], sp[1]) == cover:
            out.append(sp)
            cover = (sp[0], sp[1])
    return out


def drug_spans(text: str, rules: Rulebook) -> list[tuple[int, int, str, str, str | None]]:
    """Every drug ``text`` names, received or not (see ``_drugs``)."""
    return _drugs(text, rules)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    if " | " in text:  # a table row is one fact: "Axitinib | 5 mg | Prescribed 02/2025; never started"
        return 0, len(text)
    cuts = [0, *[m.end() for m in _CLAUSES.finditer(text)], len(text)]
    lo = max(c for c in cuts if c <= start)
    hi = min([c for c in cuts if c >= end] or [len(text)])
    return lo, hi


# "Recommendation: osimertinib (started 10/25)": a past start date makes a plan mention a treatment
_STARTED = re.compile(
    r"(?<!to be )(?<!will be )(?<!not )\b(?:started|initiated|began|commenced)\s+(?:on\s+)?"
    r"(?=\d{1,2}/\d{1,2}\b|\d{4}-\d{2}|[A-Z][a-z]{2,8}\.?\s+\d|today\b)"
    # "C1D1 ... - GIVEN TODAY": the first dose given today in a plan starts the drug
    r"|(?<!be )\b(?:given|administered)\s+(?=today\b)",
    re.IGNORECASE,
)
# a plan that continues, stops or resumes a drug speaks of one the patient is on ("now on X. Continue")
_CURRENT = re.compile(
    r"\bcontinu\w*|\bremains? on\b|\b(?:currently|now) on\b|\b(?:stop|discontinue|resume)\b", re.I
)
# "A/P: 3rd line tazemetostat - stable disease after 2 cycles": a plan that assesses a drug right
# after naming it speaks of one the patient is on, also as a short clinic note writes it: "on pembro
# mono - ongoing PR"
_ASSESSED = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:mono(?:therapy)?|alone|single[- ]agent|maintenance)\s*)?[-–—:,]\s*"
    r"(?:(?:ongoing|sustained|continued|continuing|durable|maintained|confirmed)\s+)?"
    r"(?:stable disease|partial response|complete (?:metabolic )?response"
    r"|(?-i:SD|PR|CR)\b|responding|tolerating)",
    re.IGNORECASE,
)
_SEQUEL = re.compile(r"(?:\bthen|\bfollowed by)\s*$", re.IGNORECASE)
# "Started selpercatinib 160 mg twice daily 02/17/2025", "08/05/2024 started olaparib + abiraterone",
# "docetaxel started 02/2025": a start the clause dates, before the drug or in its own words after it
_STARTED_BEFORE = re.compile(
    r"(?<!not )(?<!be )(?<!never )\b(?:started|initiated|began|commenced)(?:\s+on)?\s*$", re.IGNORECASE
)
_STARTED_AFTER = re.compile(
    r"(?<!not )(?<!be )(?<!never )(?<!not yet )\b(?:started|initiated|began|commenced)\b", re.IGNORECASE
)
# "PSA doubling time before abiraterone failure", "after enzalutamide treatment failure": the drug failed
_FAILED = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:therapy|treatment)\s+)?failure\b(?!\s+(?:to|of)\b)", re.IGNORECASE
)
# "6 cycles of docetaxel? NO sorry that was my friend Len", "... Ibrance. Wait, scratch that, I never took
# it": the words right after a sentence take back what the writer just wrote (``taken_back``)
TAKEN_BACK = re.compile(
    r"\s*(?:(?:no+|nope|sorry|oops|wait|correction)\b[\s,!.:-]*){1,3}"
    r"(?:that\s+(?:was|is|were)\s+(?:my|his|her|their|our|a|the\s+other)\b|(?:ignore|disregard|scratch)\s+(?:that|this)\b"
    r"|(?:I|he|she|we|they|mom|dad)\s+(?:never|didn'?t|did\s+not)\s+(?:had|have|get|got|take|took|receive)\b"
    r"|(?:that'?s|that\s+is|it'?s|it\s+is)\s+wrong\b|my\s+mistake\b)"
    r"|\s*(?:scratch|ignore|disregard)\s+that\b",
    re.IGNORECASE,
)
# "if", "should": a sentence's drugs are hypothetical (``sentence_treatments``' ``hypothetical``)
HYPOTHETICAL = re.compile(r"\bif\b|\bshould\b", re.IGNORECASE)
# a drug going on in a setting its words name ("continuing adjuvant X", "X maintenance ongoing"): a
# course of its own, never the earlier course's continuation (treatment_items._settle)
NEW_SETTING = "out.ongoing_setting"
_SETTING = re.compile(
    r"\b(?:adjuvant|neo-?adjuvant|maintenance|consolidation|(?:first|second|third|1st|2nd|3rd)[- ]line)\b",
    re.I,
)
GIVEN_NOW = "out.given_now"  # a plan a later sentence says was given ("Cycle 1 given today")


def _line_of(text: str) -> int | None:
    m = _LINE.search(text)
    if m is None:
        return None
    return _LINE_WORDS.get((m.group(1) or "").lower()) or int(m.group(2) or m.group(3))


def _dates_of(text: str) -> tuple[str | None, str | None]:
    d_start = d_end = None
    for d in find_dates(text):
        if _END.search(text[: d.start]):
            d_end = d_end or d.iso  # "discontinued 09/2024", "until 2023": when it ended
        elif d_start is None:
            d_start = d.iso
        elif d_end is None:
            d_end = d.iso
    return d_start, d_end


# "enrolled on a clinical trial (NCT...) and received X", "X on trial": a trial the patient is on
# gives the drug; "eligible for / referred for a clinical trial of X" does not
_ON_TRIAL = re.compile(
    r"\b(?:enrol(?:l)?(?:ed|ment)|participat\w+|randomi[sz]ed|registered)\b[^.;]{0,80}\btrial\b"
    r"|\bon\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}trial\b|\btrial\s+(?:participant|patient)\b",
    re.IGNORECASE,
)
_GIVEN = re.compile(r"\b(?:received|receiving|was given|were given|given|treated with|dosed)\b", re.I)
TRIAL_CUE = "tx.trial"


def _on_trial(sentence: str) -> bool:
    """Whether the sentence puts the patient on a trial and says the drug was given."""
    return bool(_ON_TRIAL.search(sentence) and _GIVEN.search(sentence))


_ASIDE = re.compile(r"\([^()]*\)")


def _not_received(
    sentence: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    tr: TreatmentRules,
    others: Sequence[int] = (),
) -> _RegexRule | None:
    """The cue that says a drug was not given: a plan or family word before it or just after it, or a
    passive "were discussed" / "never started" anywhere after it in its clause, except inside a bracket
    that names a drug given apart from it (``others``, their starts: "weekly paclitaxel x 6 (bevacizumab
    NOT re-added)" is paclitaxel's course; the "not" is bevacizumab's). A table row is one fact: its
    status cell ("Not started") speaks for the drug in its first cells, however far away. A trial word
    blocks only where the patient is not on the trial and given the drug (``_on_trial``)."""
    row = " | " in sentence
    sentence = sentence.replace("\n", " ")  # "are eligible\nfor X": a cue wrapped over lines (same length)
    near_after = sentence[end : hi if row else min(hi, end + 40)]
    before = sentence[lo:start]
    cues = [c for c in tr.not_received_cues if c.id != TRIAL_CUE or not _on_trial(sentence)]
    near = next((c for c in cues if c.regex.search(before) or c.regex.search(near_after)), None)
    after = sentence[end:hi]
    if not row and others:
        after = _ASIDE.sub(
            lambda m: (
                " " * len(m.group(0))
                if any(end + m.start() <= o < end + m.end() for o in others)
                else m.group(0)
            ),
            after,
        )
    return near or next((c for c in tr.not_received_after if c.regex.search(after)), None)


def _outcome_hits(
    sentence: str,
    sc: Scope,
    scopes: list[Scope],
    spans: list[tuple[int, int]],
    tr: TreatmentRules,
    alone: bool = False,
) -> list[tuple[str, str]]:
    """The outcomes a drug's own words state. A table row is one fact about the drug in its first
    drug cell: its status cells ("Progression (new lesions)", "Active") speak for that drug, not for a
    partner named in a later cell ("x4 with ipilimumab"). A sentence with one group is about it, and so
    is one that names no drug outside this one's group (``alone``: "Cycle 1 day 1 mirvetuximab
    soravtansine (Elahere)" names one drug twice)."""
    if " | " in sentence:
        cells = [(m.start(), m.end()) for m in re.finditer(r"[^|]+", sentence)]
        named = [c for c in cells if any(c[0] <= s < c[1] for s, _ in spans)]
        own = next((c for c in named if c[0] <= sc.start < c[1]), None)
        if own is not None and own == named[0]:
            free = " | ".join(sentence[a:b] for a, b in cells if (a, b) not in named)
            return outcome_hits(sentence[sc.end : own[1]] + " | " + free, tr.outcomes)
        if own is not None:
            return outcome_hits(sentence[sc.end : min(sc.hi, own[1])], tr.outcomes)
    hits = outcome_hits(sentence[sc.end : sc.hi], tr.outcomes)
    if not hits and (alone or len({x.start for x in scopes}) == 1):  # one group: its clause is about it
        lo, hi = _clause(sentence, sc.start, sc.end)
        hits = outcome_hits(sentence[lo:hi], tr.outcomes)
    return [*_ended_by(sentence, sc, scopes, hits, tr), *hits]


def _ended_by(
    sentence: str, sc: Scope, scopes: list[Scope], hits: list[tuple[str, str]], tr: TreatmentRules
) -> list[tuple[str, str]]:
    """A progression stated before the sentence's only group, whose own words stop it, is what
    ended it: "PSA progression with new bone lesions; enzalutamide stopped". Never for a drug the
    sentence starts or goes on with: the progression that ends one line is not the next line's."""
    if len({x.start for x in scopes}) != 1 or not any(o == "stopped" and r != COMPLETED for o, r in hits):
        return []
    return [h for h in outcome_hits(sentence[sc.lo : sc.start], tr.outcomes) if h[0] == "progression"]


def sentence_treatments(
    sentence: str,
    offset: int,
    section: SectionRule | None,
    rules: Rulebook,
    hypothetical: bool = False,
    carried_out: bool = False,
    taken_back: bool = False,
) -> list[TreatmentFinding]:
    """The drugs ``sentence`` says were given. ``carried_out``: a later sentence says the plan this
    one states was given ("proceed with X + Y." then "Cycle 1 given today"): its drugs not otherwise
    ruled out (discussed, declined, a family member's) are given, and go on. ``taken_back``: the
    words right after the sentence take it back (``TAKEN_BACK``): none of its drugs is given."""
    effect = section.effect if section else "none"
    if effect in ("ignore", "family") or taken_back:
        return []
    tr = rules.treatments
    drugs = _drugs(sentence, rules)
    scopes = drug_scopes(sentence, [(d[0], d[1]) for d in drugs])
    out = []
    last_received = False
    for (start, end, agent, rule_id, regimen), sc in zip(drugs, scopes, strict=True):
        lo, hi = _clause(sentence, start, end)
        clause = sentence[lo:hi]
        before = sentence[lo:start]
        own = own_words(sentence, sc, lo, hi)
        bound = bound_outcome(sentence[sc.lo : sc.start], tr.outcomes)
        started = _STARTED.search(sentence[sc.end : min(hi, sc.hi, sc.end + 60)])
        received = next((c for c in tr.received_cues if c.regex.search(clause)), None)
        retraction = next(
            (c for c in tr.retraction_cues if c.regex.search(before) or c.regex.search(sentence[end:hi])),
            None,
        )
        if retraction is not None:
            out.append(
                TreatmentFinding(
                    agent, offset + start, offset + end, (offset, offset + len(sentence)), retraction.id,
                    regimen, retracted=True,
                )
            )  # fmt: skip
            continue
        apart = [d[0] for d, x in zip(drugs, scopes, strict=True) if x.start != sc.start]
        blocked = _not_received(sentence, start, end, lo, hi, tr, apart) or next(
            (h for h in tr.not_given_heads if h.regex.search(sentence, 0, start)), None
        )  # "Alternatives discussed: (a) observation; (b) X": each item after the head is an option
        in_history = section is not None and section.kind in _RECEIVED_SECTIONS
        dose = re.search(r"\d\s?(?:mg|mg/m2|AUC)\b|^\s*AUC\s?=?\s?\d", sentence[end : end + 25], re.I)
        sequel = last_received and bool(_SEQUEL.search(sentence[:lo]))  # "received X then Y"
        if hypothetical and not (received or started):
            continue
        continued = _CURRENT.search(sentence[max(0, lo - 8) : hi]) or _ASSESSED.match(sentence, end)
        failed = _FAILED.match(sentence, sc.end)
        if not started and (
            blocked or (effect == "plan" and not (continued or bound or failed or carried_out))
        ):
            continue
        dated = bool(find_dates(clause))
        if not (
            received
            or bound
            or sequel
            or started
            or continued
            or failed
            or carried_out
            or in_history
            or dose
            or dated
            or re.search(r"\bon\s*$", sentence[min(lo, sc.start) : sc.start])  # "was on X and Y": both
        ):
            continue
        last_received = True
        d_start, d_end = _dates_of(own)
        if bound is not None:  # "intolerant of X": the words before settle it, with any after it
            hits = [(bound.outcome, bound.id), *outcome_hits(sentence[sc.end : sc.hi], tr.outcomes)]
        else:
            mine = {d[2] for d, x in zip(drugs, scopes, strict=True) if x.start == sc.start}
            alone = {d[2] for d in drugs} <= mine
            hits = _outcome_hits(sentence, sc, scopes, [(d[0], d[1]) for d in drugs], tr, alone)
        if _SETTING.search(clause):  # "now continuing adjuvant pembrolizumab": a course of its own
            hits = [(o, NEW_SETTING if (o, r) == ("ongoing", "out.ongoing") else r) for o, r in hits]
        if carried_out:
            hits = [*hits, ("ongoing", GIVEN_NOW)]
        dated_start = bool(started) or (
            dated
            and bool(
                _STARTED_BEFORE.search(sentence[sc.lo : sc.start])
                or _STARTED_AFTER.search(sentence[sc.end : min(hi, sc.hi, sc.end + 60)])
            )
        )
        out.append(
            TreatmentFinding(
                agent=agent,
                start=offset + start,
                end=offset + end,
                sentence=(offset, offset + len(sentence)),
                rule_id="+".join(x for x in (rule_id, received.id if received else "tx.section") if x),
                regimen=regimen,
                date_start=d_start,
                date_end=d_end,
                outcome=combine(hits),
                line=_line_of(own),
                group=offset + sc.start,
                hits=hits,
                started=dated_start,
            )
        )
    return out


def sentence_procedures(
    sentence: str, offset: int, section: SectionRule | None, rules: Rulebook, hypothetical: bool = False
) -> list[ProcedureFinding]:
    effect = section.effect if section else "none"
    if effect in ("ignore", "family", "plan") or hypothetical:
        return []
    out = []
    for rule in rules.treatments.procedures:
        for m in rule.regex.finditer(sentence):
            before = sentence[_clause(sentence, m.start(), m.end())[0] : m.start()]
            if any(c.regex.search(before) for c in rules.treatments.not_received_cues):
                continue
            lo, hi = _clause(sentence, m.start(), m.end())
            dates = find_dates(sentence[lo:hi])
            out.append(
                ProcedureFinding(
                    kind=rule.kind,
                    name=m.group(0).strip().lower(),
                    start=offset + m.start(),
                    end=offset + m.end(),
                    sentence=(offset, offset + len(sentence)),
                    rule_id=rule.id,
                    date=dates[0].iso if dates else None,
                )
            )
    return out
