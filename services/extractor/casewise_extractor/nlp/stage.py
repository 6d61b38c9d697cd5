"""AJCC stage of one report: group, T, N, M with their prefix, or abstain.

Plain Python over a string, driven by ``rules/stage_rules.json``. Tokens are found OCR-tolerantly
("p T 4", "pNla", "Mla", "cMO", "lA"), then kept only when something says they are staging: a
prefix (pT, ypN, cM), a run of T/N/M tokens ("T2 NO Mx", "pT3bG3 NO") or a cue just before them
("Primary Tumor (pT):", "Pathological T."). Among the kept tokens of an axis, pathologic beats bare
beats clinical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from casewise_extractor.nlp.rulefile import PatternRule, load_rule_file
from casewise_extractor.nlp.stage_inference import infer_t

RULES_PATH = Path(__file__).parent / "rules" / "stage_rules.json"

Axis = Literal["t", "n", "m"]
CUE_WINDOW = 60  # characters before a bare token searched for a staging cue
RUN_GAP = re.compile(r"(?:[\s,;:/.\-]|[GLVR][0-4Xx]|Pn[01]|\(\s*\d+\s*/\s*\d+\s*\))*")
MAX_RUN_GAP = 20
_OCR_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "x": "X", "IS": "is"}
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "l": "I", "L": "I"}
_TIER = {"p": 3, "yp": 3, "": 2, "c": 1, "yc": 1, "r": 1}


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


class StageRules(PatternRule):
    version: str
    description: str = ""
    tokens: list[TokenRule]
    group: GroupRule
    cues: list[CueRule]
    exclusions: list[ExclusionRule]
    group_exclusions: list[ExclusionRule] = []


@dataclass(frozen=True)
class StageFinding:
    group: str | None
    t: str | None
    n: str | None
    m: str | None
    prefix: str | None
    start: int
    end: int
    rule_id: str


@dataclass
class _Token:
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

    @property
    def label(self) -> str:
        return f"{self.axis.upper()}{self.value}{self.sub}"


@dataclass(frozen=True)
class _Compiled:
    rules: StageRules
    tokens: list[tuple[TokenRule, re.Pattern[str]]]
    group: re.Pattern[str]
    group_before: list[re.Pattern[str]]
    group_after: list[re.Pattern[str]]
    cues: dict[str, list[tuple[int, re.Pattern[str]]]]
    before: dict[str, list[re.Pattern[str]]]
    after: dict[str, list[re.Pattern[str]]]


def load_rules(path: Path = RULES_PATH) -> StageRules:
    return load_rule_file(StageRules, path)


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    rules = load_rules()
    before: dict[str, list[re.Pattern[str]]] = {a: [] for a in "tnm"}
    after: dict[str, list[re.Pattern[str]]] = {a: [] for a in "tnm"}
    for ex in rules.exclusions:
        for axis in ex.axes:
            target = before if ex.where == "before" else after
            target[axis].append(re.compile(ex.pattern.replace("{A}", axis.upper())))
    return _Compiled(
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
    )


def _tokens(text: str, c: _Compiled) -> list[_Token]:
    out: list[_Token] = []
    for rule, rx in c.tokens:
        for m in rx.finditer(text):
            raw_val = m.group("val")
            value = _OCR_DIGIT.get(raw_val, raw_val)
            prefix = (m.group("pre") or "").lower()
            ahead = text[m.end() : m.end() + 20]
            behind = text[max(0, m.start() - 30) : m.start()]
            if any(p.search(ahead) for p in c.after[rule.axis]):
                continue
            if any(p.search(behind) for p in c.before[rule.axis]):
                continue
            sub = (m.group("sub") or "").lower()
            tok = _Token(rule.axis, prefix, value, sub, m.start(), m.end(), rule.id, rule.tier)
            # An OCR look-alike ("O", "l", "IS") is only a digit when the token is clearly staging.
            if raw_val not in _OCR_DIGIT or raw_val == "x":
                lo = max(0, tok.start - CUE_WINDOW - 40)
                tiers = [tier for tier, rx_cue in c.cues[rule.axis] if rx_cue.search(text, lo, tok.start)]
                tok.cued = max(tiers, default=0)
            out.append(tok)
    out.sort(key=lambda t: t.start)
    _mark_runs(text, out)
    return out


def _mark_runs(text: str, toks: list[_Token]) -> None:
    """Adjacent T->N->M tokens separated only by punctuation, counts or G/L/V/R grades form a run."""
    order = {"t": 0, "n": 1, "m": 2}
    for a, b in zip(toks, toks[1:], strict=False):
        gap = text[a.end : b.start]
        if order[a.axis] < order[b.axis] and len(gap) <= MAX_RUN_GAP and RUN_GAP.fullmatch(gap):
            a.in_run = b.in_run = True


def _kept(tok: _Token) -> int:
    """Priority tier of a token (0 = not staging)."""
    if tok.tier is not None:
        return tok.tier
    if tok.prefix:
        return _TIER.get(tok.prefix, 1)
    return max(tok.cued, 2 if tok.in_run else 0)


def _choose(toks: list[_Token], axis: Axis) -> tuple[_Token | None, int]:
    cands = [(t, _kept(t)) for t in toks if t.axis == axis]
    cands = [(t, k) for t, k in cands if k > 0]
    if not cands:
        return None, 0
    best_tier = max(k for _, k in cands)
    top = [t for t, k in cands if k == best_tier]
    digits = sorted({t.value for t in top if t.value.isdigit()})
    if len(digits) >= 3:
        return None, 0  # a template listing every category, not this tumour's stage
    if not digits:
        # Only TX/Tis-like values: take the first.
        return top[0], best_tier
    # Two values in one report: several tumours staged separately, or a restaging ("at least pT2c ...
    # revised: pT3a"). AJCC classifies multiple synchronous tumours by the highest T (with "(m)"), and
    # a revision only ever goes up here; on the TCGA dev split the highest matched the label in 9 of
    # 10 such reports (first mention: 6, last: 4, lowest: 1).
    value = digits[-1]
    same = [t for t in top if t.value == value]
    return max(same, key=lambda t: (len(t.sub), -t.start)), best_tier


def _group(text: str, c: _Compiled, near: int | None = None) -> tuple[str | None, int, int]:
    """The first stage group the text states, or, given the chosen T/N/M's position, the group stated
    nearest to it: "initially cT2 cN1 (stage IIB) ... ypT1c ypN0, post-neoadjuvant stage IA" is IA."""
    found = list(_groups(text, c))
    if not found:
        return None, -1, -1
    if near is None:
        return _refined(found[0], found[1:])
    return min(found, key=lambda g: abs(g[1] - near))


_REFINE_WITHIN = 80  # chars: "it is stage 3 - more exactly stage IIIC" restates one group


def _refined(first: tuple[str, int, int], later: list[tuple[str, int, int]]) -> tuple[str, int, int]:
    """A group stated without its letter and restated with one right after ("stage 3, more exactly
    stage IIIC"; "stage IV (IVB)") is the lettered one: the same group, more exactly."""
    if first[0][-1] in "ABC123":
        return first
    return next(
        (
            g
            for g in later
            if g[1] - first[2] <= _REFINE_WITHIN and g[0] != first[0] and g[0].rstrip("ABC123") == first[0]
        ),
        first,
    )


def _groups(text: str, c: _Compiled) -> Iterator[tuple[str, int, int]]:
    for m in c.group.finditer(text):
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


def find_stage(text: str, *, tissue: str | None = None) -> StageFinding | None:
    """AJCC group and T/N/M of the report's tumour, or None when nothing reads as staging.

    ``tissue`` (the OncoTree tissue of the report's cancer, e.g. ``find_cancer(text).tissue``) lets
    a report that states no T get one inferred from tumour size or depth (``stage_inference``); the
    finding then carries that family's rule id (``stage.t.inferred_*``) and the measurement's span.
    """
    c = _compiled()
    return _finding(text, c, _tokens(text, c), tissue)


def find_stages(text: str, *, tissue: str | None = None) -> list[StageFinding]:
    """The main finding (``find_stage``'s) first, then the stage of each other time point stated.

    A report after neoadjuvant therapy often restates the stage at diagnosis ("initially cT2 cN1
    (stage IIB) ... ypT1c ypN0, stage IA"); the y stage records what therapy left and does not
    replace it (AJCC 8th ed.), so the profile keeps both in ``stage_history``. With more than one
    time point, each stated group goes to the time point it is written beside (``_owner``), so the
    stage at diagnosis keeps its group and the stage after therapy does not borrow it.
    """
    c = _compiled()
    toks = _tokens(text, c)
    main = _finding(text, c, toks, tissue)
    others = _other_time_points(toks, main)
    if main is None or not others:
        return [main] if main is not None else []
    points = [main, *others]
    owned: dict[int, list[tuple[str, int, int]]] = {i: [] for i in range(len(points))}
    for g in _groups(text, c):
        owned[_owner(text, g, points)].append(g)
    return [
        replace(p, group=min(owned[i], key=lambda g: abs(g[1] - p.start))[0] if owned[i] else None)
        for i, p in enumerate(points)
    ]


_SENTENCE_BREAK = re.compile(r"[.;]\s+(?=[A-Z])|\n\s*\n")
_ACROSS_SENTENCE = 200  # chars added to the distance of a group in another sentence


def _owner(text: str, g: tuple[str, int, int], points: list[StageFinding]) -> int:
    """Index of the time point a group mention belongs to: the nearest T/N/M run, a run in the same
    sentence before one across a sentence break ("cT2 cN0 cM0 (stage IIA). After therapy ypT1a")."""

    def distance(p: StageFinding) -> int:
        lo, hi = (p.end, g[1]) if g[1] >= p.end else (g[2], p.start)
        gap = max(0, hi - lo)
        return gap + (_ACROSS_SENTENCE if _SENTENCE_BREAK.search(text, min(lo, hi), max(lo, hi)) else 0)

    return min(range(len(points)), key=lambda i: distance(points[i]))


def _other_time_points(toks: list[_Token], main: StageFinding | None) -> list[StageFinding]:
    """One finding per time point other than the main one's (c, yc, yp, r, a), from that prefix's
    tokens only, when it states a T (a lone cM0 beside a ypT is not a stage); its group is set by
    ``find_stages``."""
    out: list[StageFinding] = []
    stated = {tok.prefix for tok in toks if tok.prefix and tok.axis == "t"}
    # a bare TNM is the report's own (pathologic) one: a pT beside it is the same time point
    taken = {main.prefix} if main is not None and main.prefix not in (None, "p") else {None, "p"}
    for prefix in sorted(stated - taken):
        own = [tok for tok in toks if tok.prefix == prefix]
        t, _ = _choose(own, "t")
        if t is None:
            continue
        n, _ = _choose(own, "n")
        m, _ = _choose(own, "m")
        end = max(x.end for x in (t, n, m) if x is not None and 0 <= x.start - t.start <= CUE_WINDOW)
        n_label, m_label = (x.label if x is not None else None for x in (n, m))
        out.append(
            StageFinding(None, t.label, n_label, m_label, prefix, t.start, end, f"{t.rule_id}.prefixed")
        )
    return out


def _finding(text: str, c: _Compiled, toks: list[_Token], tissue: str | None) -> StageFinding | None:
    t, t_tier = _choose(toks, "t")
    n, _ = _choose(toks, "n")
    m, _ = _choose(toks, "m")
    anchor = t or n or m
    group, g_start, g_end = _group(text, c, anchor.start if anchor is not None else None)
    inferred = infer_t(text, tissue) if t is None else None
    if not (t or n or m or group or inferred):
        return None
    if inferred is not None:
        start, end, rule_id = inferred.start, inferred.end, inferred.rule_id
    elif anchor is not None:
        start, end = anchor.start, anchor.end
        for tok in toks:  # widen the span to the anchor's T/N/M run
            if tok.in_run and anchor.in_run and 0 <= tok.start - end <= MAX_RUN_GAP + 8:
                end = tok.end
        if anchor.tier is not None:  # a labelled form ("T Stage: 2") is its own rule
            rule_id = anchor.rule_id
        else:
            how = "prefixed" if anchor.prefix else ("run" if anchor.in_run else "cued")
            rule_id = f"{anchor.rule_id}.{how}"
    else:
        start, end, rule_id = g_start, g_end, c.rules.group.id
    prefix = next((x.prefix for x in (t, n, m) if x is not None and x.prefix), None)
    return StageFinding(
        group=group,
        t=t.label if t else (inferred.t if inferred else None),
        n=n.label if n else None,
        m=m.label if m else None,
        prefix=prefix,
        start=start,
        end=end,
        rule_id=rule_id,
    )
