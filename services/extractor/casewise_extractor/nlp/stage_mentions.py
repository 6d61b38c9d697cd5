"""TNM and stage-group mentions of a report, read OCR-tolerantly; which of them is the stage is
``stage``'s choice.

Plain Python over a string, driven by ``rules/stage_rules.json``. T/N/M tokens are found with
OCR damage repaired ("p T 4", "pNla", "Mla", "cMO", "lA"); each records what could make it
staging: its prefix (pT, ypN, cM), whether it sits in a run of T/N/M tokens ("T2 NO Mx",
"pT3bG3 NO") and the strongest cue just before it ("Primary Tumor (pT):", "Pathological T.").
Stage groups ("stage IIIC", "Stage lA") are read with their Roman numeral repaired.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from casewise_extractor.nlp.rulefile import PatternRule, load_rule_file
from casewise_extractor.nlp.stage_context import ContextRules, EditionRules, excluded_spans, inside

RULES_PATH = Path(__file__).parent / "rules" / "stage_rules.json"

Axis = Literal["t", "n", "m"]
CUE_WINDOW = 60  # characters before a bare token searched for a staging cue
RUN_GAP = re.compile(r"(?:[\s,;:/.\-]|[GLVR][0-4Xx]|Pn[01]|\(\s*\d+\s*/\s*\d+\s*\))*")
MAX_RUN_GAP = 20
_OCR_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "i": "1", "x": "X", "IS": "is"}
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "l": "I", "L": "I"}
# Prefixes written beyond AJCC's own: "rpT1b" (a recurrence, staged pathologically) is r; "mrT3c"
# (MRI-staged) is clinical and "ymrT2" (MRI restaging after therapy) is yc.
_PREFIX = {"rp": "r", "rc": "r", "mr": "c", "ymr": "yc"}


class TokenRule(PatternRule):
    id: str
    axis: Axis
    pattern: str
    tier: int | None = None  # fixed priority for labelled forms ("T Stage: 2"); None = from prefix/context


class GroupRule(PatternRule):
    id: str
    pattern: str


class CueRule(PatternRule):
    id: str
    axis: Axis
    pattern: str
    tier: int = 2  # 3: the cue says pathologic, so a bare token after it counts as pT/pN/pM


class ExclusionRule(PatternRule):
    id: str
    where: Literal["before", "after"]
    axes: str
    pattern: str


class ContextRule(PatternRule):
    """A wording that marks nearby stage mentions as not the current stage (``stage_context``)."""

    id: str
    covers: Literal["after", "sentence", "before"]
    pattern: str
    until: str | None = None  # "after" only: where the stretch ends before its clause does


class EditionRule(PatternRule):
    """An edition label of a staging system; the pattern's ``ed`` group is its number or year."""

    id: str
    system: str
    pattern: str
    groups_only: bool = False  # FIGO stages groups: the T/N/M beside an old FIGO label stay


class StageRules(PatternRule):
    version: str
    description: str = ""
    tokens: list[TokenRule]
    group: GroupRule
    cues: list[CueRule]
    exclusions: list[ExclusionRule]
    group_exclusions: list[ExclusionRule] = []
    context: list[ContextRule] = []
    editions: list[EditionRule] = []


@dataclass
class Token:
    """One T, N or M mention and what could make it staging (its prefix, run and cue)."""

    axis: Axis
    prefix: str
    value: str  # "0".."4", "X", "is"
    sub: str
    start: int
    end: int
    rule_id: str
    tier: int | None = None
    in_run: bool = False
    cued: int = 0  # tier of the strongest cue just before a bare token (0 = none)
    ocr: bool = False  # the value is a letter read as a digit ("O", "l", "I")
    inherited: str = ""  # a bare token's time point, from the prefixed token leading its run

    @property
    def point(self) -> str:
        """The time point (c, p, yp, ...) the token is written for: its prefix, or its run's."""
        return self.prefix or self.inherited

    @property
    def label(self) -> str:
        return f"{self.axis.upper()}{self.value}{self.sub}"


@dataclass(frozen=True)
class CompiledRules:
    rules: StageRules
    tokens: list[tuple[TokenRule, re.Pattern[str]]]
    group: re.Pattern[str]
    group_before: list[re.Pattern[str]]
    group_after: list[re.Pattern[str]]
    cues: dict[str, list[tuple[int, re.Pattern[str]]]]
    before: dict[str, list[re.Pattern[str]]]
    after: dict[str, list[re.Pattern[str]]]
    context: ContextRules = ()
    editions: EditionRules = ()


def load_rules(path: Path = RULES_PATH) -> StageRules:
    return load_rule_file(StageRules, path)


@lru_cache(maxsize=1)
def compiled_rules() -> CompiledRules:
    """The stage rule file, loaded and compiled once per process."""
    rules = load_rules()
    before: dict[str, list[re.Pattern[str]]] = {a: [] for a in "tnm"}
    after: dict[str, list[re.Pattern[str]]] = {a: [] for a in "tnm"}
    for ex in rules.exclusions:
        for axis in ex.axes:
            target = before if ex.where == "before" else after
            target[axis].append(re.compile(ex.pattern.replace("{A}", axis.upper())))
    return CompiledRules(
        rules=rules,
        tokens=[(t, re.compile(t.pattern)) for t in rules.tokens],
        group=re.compile(rules.group.pattern),
        group_before=[re.compile(e.pattern) for e in rules.group_exclusions if e.where == "before"],
        group_after=[re.compile(e.pattern) for e in rules.group_exclusions if e.where == "after"],
        cues={
            a: [
                (
                    cue.tier,
                    re.compile(f"(?:{cue.pattern})(?:[^.;]|[.;]\\s){{0,{CUE_WINDOW}}}$", re.IGNORECASE),
                )
                for cue in rules.cues
                if cue.axis == a
            ]
            for a in "tnm"
        },
        before=before,
        after=after,
        context=tuple(
            (r.covers, re.compile(r.pattern), re.compile(r.until) if r.until else None) for r in rules.context
        ),
        editions=tuple((r.system, re.compile(r.pattern), r.groups_only) for r in rules.editions),
    )


def find_tokens(text: str, c: CompiledRules) -> list[Token]:
    """Every T/N/M token the exclusions leave, in text order, with its run and cue marked."""
    out: list[Token] = []
    skip = excluded_spans(text, c.context, c.editions, groups=False)
    for rule, rx in c.tokens:
        for m in rx.finditer(text):
            raw_val = m.group("val")
            value = _OCR_DIGIT.get(raw_val, raw_val)
            if inside(skip, m.start()):
                continue
            prefix = (m.group("pre") or "").lower()
            prefix = _PREFIX.get(prefix, prefix)
            ahead = text[m.end() : m.end() + 20]
            behind = text[max(0, m.start() - 30) : m.start()]
            if any(p.search(ahead) for p in c.after[rule.axis]):
                continue
            if any(p.search(behind) for p in c.before[rule.axis]):
                continue
            sub = (m.group("sub") or "").lower()
            tok = Token(rule.axis, prefix, value, sub, m.start(), m.end(), rule.id, rule.tier)
            tok.ocr = raw_val in _OCR_DIGIT and raw_val not in ("x", "X")
            # An OCR look-alike ("O", "l", "IS") is only a digit when the token is clearly staging.
            if raw_val not in _OCR_DIGIT or raw_val == "x":
                lo = max(0, tok.start - CUE_WINDOW - 40)
                tiers = [tier for tier, rx_cue in c.cues[rule.axis] if rx_cue.search(text, lo, tok.start)]
                tok.cued = max(tiers, default=0)
            out.append(tok)
    out.sort(key=lambda t: t.start)
    _mark_runs(text, out)
    return out


def _mark_runs(text: str, toks: list[Token]) -> None:
    """Adjacent T->N->M tokens separated only by punctuation, counts or G/L/V/R grades form a run.

    A run of bare OCR look-alikes only ("BASE TO MID-THIGH": "TO MID") is words, not a stage. A
    bare token in a run led by a prefixed one is of its time point: "cT2b N0" is a clinical N0."""
    order = {"t": 0, "n": 1, "m": 2}
    runs: list[list[Token]] = []
    for a, b in zip(toks, toks[1:], strict=False):
        gap = text[a.end : b.start]
        if order[a.axis] < order[b.axis] and len(gap) <= MAX_RUN_GAP and RUN_GAP.fullmatch(gap):
            if runs and runs[-1][-1] is a:
                runs[-1].append(b)
            else:
                runs.append([a, b])
    for run in runs:
        if all(t.ocr and not t.prefix for t in run):
            continue
        for t in run:
            t.in_run = True
            if not t.prefix and t.tier is None:
                t.inherited = run[0].prefix


def group_mentions(text: str, c: CompiledRules) -> Iterator[tuple[str, int, int]]:
    """Each stage group the text states, as (group, start, end): "Stage lA" reads as ("IA", ...)."""
    skip = excluded_spans(text, c.context, c.editions, groups=True)
    for m in c.group.finditer(text):
        if inside(skip, m.start("g")):
            continue
        if any(p.search(text, max(0, m.start() - 30), m.start()) for p in c.group_before):
            continue
        if any(p.search(text[m.end() : m.end() + 40]) for p in c.group_after):
            continue
        g = m.group("g")
        g = _ROMAN.get(g, g.replace("l", "I").replace("1", "I"))
        letter = (m.group("l") or "").upper()
        if g == "I" and letter == "C":
            continue  # "IC" is as likely an OCR-damaged "IIC": abstain on this mention
        if g == "0" and letter:
            continue
        yield f"{g}{letter}{m.group('d') or ''}", m.start("g"), m.end()
