"""AJCC stage of one report: group, T, N, M with their prefix, or abstain.

``stage_mentions`` reads the report's T/N/M tokens and stage groups (OCR-tolerantly, driven by
``rules/stage_rules.json``); this module chooses among them. A token counts only when something
says it is staging: a prefix (pT, ypN, cM), a run of T/N/M tokens ("T2 NO Mx") or a cue just before
it ("Primary Tumor (pT):"). Among the kept tokens of an axis, pathologic beats bare beats clinical.
A stage restated with M1 is the current one; the M0 stage written before it goes to the history.
A report that states no T can get one inferred from tumour size or depth (``stage_inference``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from casewise_extractor.nlp.stage_context import labelled_points
from casewise_extractor.nlp.stage_inference import infer_t
from casewise_extractor.nlp.stage_mentions import (
    CUE_WINDOW,
    MAX_RUN_GAP,
    RULES_PATH,
    RUN_GAP,
    Axis,
    CompiledRules,
    Token,
    compiled_rules,
    find_tokens,
    group_mentions,
    load_rules,
)

__all__ = ["RULES_PATH", "StageFinding", "find_stage", "find_stages", "load_rules"]

# Priority of a prefixed token, on the scale of twice a cue's tier (a bare token is 4 in a run, 2 x
# its cue's tier after one). A recurrence's stage (rpT1b) is later than any stage of the first
# tumour; a clinical stage after therapy (ycT1b, ymrT2) is later than the one before it (cT2b).
_TIER = {"r": 8, "p": 6, "yp": 6, "": 4, "yc": 3, "c": 2}


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


def _kept(tok: Token) -> int:
    """Priority tier of a token (0 = not staging)."""
    if tok.tier is not None:
        return 2 * tok.tier
    if tok.prefix:
        return _TIER.get(tok.prefix, 2)
    if tok.inherited:  # "cT2b N0": the N0 is clinical; "pT3b pN2a M0": the M0 is not pathologic
        return min(_TIER.get(tok.inherited, 2), 4 if tok.axis == "m" else 8)
    return 2 * max(tok.cued, 2 if tok.in_run else 0)


def _choose(toks: list[Token], axis: Axis) -> tuple[Token | None, int]:
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


def _group(text: str, c: CompiledRules, near: int | None = None) -> tuple[str | None, int, int]:
    """The first stage group the text states, or, given the chosen T/N/M's position, the group stated
    nearest to it: "initially cT2 cN1 (stage IIB) ... ypT1c ypN0, post-neoadjuvant stage IA" is IA."""
    found = list(group_mentions(text, c))
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


def find_stage(text: str, *, tissue: str | None = None) -> StageFinding | None:
    """AJCC group and T/N/M of the report's tumour, or None when nothing reads as staging.

    ``tissue`` (the OncoTree tissue of the report's cancer, e.g. ``find_cancer(text).tissue``) lets
    a report that states no T get one inferred from tumour size or depth (``stage_inference``); the
    finding then carries that family's rule id (``stage.t.inferred_*``) and the measurement's span.
    """
    c = compiled_rules()
    return _finding(text, c, find_tokens(text, c), tissue)


def find_stages(text: str, *, tissue: str | None = None) -> list[StageFinding]:
    """The main finding (``find_stage``'s) first, then the stage of each other time point stated.

    A report after neoadjuvant therapy often restates the stage at diagnosis ("initially cT2 cN1
    (stage IIB) ... ypT1c ypN0, stage IA"); the y stage records what therapy left and does not
    replace it (AJCC 8th ed.), so the profile keeps both in ``stage_history``. With more than one
    time point, each stated group goes to the time point it is written beside (``_owner``), so the
    stage at diagnosis keeps its group and the stage after therapy does not borrow it.
    """
    c = compiled_rules()
    toks = find_tokens(text, c)
    main = _finding(text, c, toks, tissue)
    others = _other_time_points(toks, main)
    earlier = _before_metastasis(text, toks, main)
    if earlier is not None:
        others.append(earlier)
    if main is None or not others:
        return [main] if main is not None else []
    points = [main, *others]
    owned: dict[int, list[tuple[str, int, int]]] = {i: [] for i in range(len(points))}
    for g in group_mentions(text, c):
        owned[_owner(text, g, points)].append(g)
    return [
        replace(p, group=min(owned[i], key=lambda g: abs(g[1] - p.start))[0] if owned[i] else None)
        for i, p in enumerate(points)
    ]


_SENTENCE_BREAK = re.compile(r"[.;]\s+(?=[A-Z])|\n\s*\n")
_ACROSS_SENTENCE = 200  # chars added to the distance of a group in another sentence


def _owner(text: str, g: tuple[str, int, int], points: list[StageFinding]) -> int:
    """Index of the time point a group mention belongs to: the nearest T/N/M run, a run in the same
    sentence before one across a sentence break ("cT2 cN0 cM0 (stage IIA). After therapy ypT1a"),
    among the time points its label allows ("Stage group (post-therapy): II" is not clinical)."""

    def distance(p: StageFinding) -> int:
        lo, hi = (p.end, g[1]) if g[1] >= p.end else (g[2], p.start)
        gap = max(0, hi - lo)
        return gap + (_ACROSS_SENTENCE if _SENTENCE_BREAK.search(text, min(lo, hi), max(lo, hi)) else 0)

    labelled = labelled_points(text, g[1])
    fits = [i for i, p in enumerate(points) if labelled is None or p.prefix in labelled]
    return min(fits or range(len(points)), key=lambda i: distance(points[i]))


def _other_time_points(toks: list[Token], main: StageFinding | None) -> list[StageFinding]:
    """One finding per time point other than the main one's (c, yc, yp, r, a), from that prefix's
    tokens only, when it states a T (a lone cM0 beside a ypT is not a stage); its group is set by
    ``find_stages``."""
    out: list[StageFinding] = []
    stated = {tok.prefix for tok in toks if tok.prefix and tok.axis == "t"}
    # a bare TNM is the report's own (pathologic) one: a pT beside it is the same time point, and so
    # is a ypT: a resection after therapy staged "ypT2a ypN0" whose synoptic also says "(pT2a)"
    pathologic = {None, "p", "yp"}
    taken = {main.prefix} if main is not None and main.prefix not in pathologic else pathologic
    for prefix in sorted(stated - taken):
        own = [tok for tok in toks if tok.point == prefix]
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


def _restated_before(toks: list[Token], tok: Token, at: Token) -> Token:
    """``tok`` as restated in the run that leads up to ``at`` (the same label just before it), else
    ``tok`` itself."""
    same = [x for x in toks if x.axis == tok.axis and x.label == tok.label and x.start < at.start]
    near = [x for x in same if at.start - x.end <= 2 * MAX_RUN_GAP]
    return near[-1] if near else tok


_ORDER = {"t": 0, "n": 1, "m": 2}


def _runs(text: str, toks: list[Token]) -> list[list[Token]]:
    """The report's T/N/M runs ("cT3a N0 M0"), each in text order, single tokens as runs of one."""
    runs: list[list[Token]] = []
    for tok in toks:
        last = runs[-1][-1] if runs else None
        gap = text[last.end : tok.start] if last is not None else ""
        linked = last is not None and _ORDER[last.axis] < _ORDER[tok.axis] and len(gap) <= MAX_RUN_GAP
        if linked and RUN_GAP.fullmatch(gap):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _same_time_point(a: str | None, b: str | None) -> bool:
    """A bare TNM is the report's own (pathologic) one: pT and T are the same classification."""
    return (a or "p") == (b or "p")


def _before_metastasis(text: str, toks: list[Token], main: StageFinding | None) -> StageFinding | None:
    """The stage before metastasis, when the report restates the stage of the same classification
    with M1 ("diagnosed 2021: cT3a N0 M0, stage IIB ... current stage: cT3a N0 M1b, stage IV"): the
    last full run (T and an explicit M0) before the main finding. It goes to ``stage_history``."""
    if main is None or main.m is None or not main.m.startswith("M1"):
        return None
    for run in reversed(_runs(text, toks)):
        t = next((x for x in run if x.axis == "t"), None)
        m = next((x for x in run if x.axis == "m"), None)
        if t is None or m is None or m.value != "0" or run[-1].end > main.start:
            continue
        if not _same_time_point(t.prefix, main.prefix):
            return None  # another classification: ``_other_time_points`` keeps it
        n = next((x for x in run if x.axis == "n"), None)
        how = "prefixed" if t.prefix else "run"
        n_label = n.label if n is not None else None
        return StageFinding(
            None, t.label, n_label, m.label, t.prefix or None, t.start, m.end, f"{t.rule_id}.{how}"
        )
    return None


def _finding(text: str, c: CompiledRules, toks: list[Token], tissue: str | None) -> StageFinding | None:
    t, t_tier = _choose(toks, "t")
    n, _ = _choose(toks, "n")
    m, _ = _choose(toks, "m")
    anchor = t or n or m
    near = anchor
    if m is not None and m.value == "1" and anchor is not None and anchor is not m:
        # Metastasis is the latest state: "cT3a N0 M0, stage IIB ... now cT3a N0 M1b, stage IV" is
        # stage IV, read from the run that states the M1 (its T restated there, its group beside it).
        anchor, near = _restated_before(toks, anchor, m), m
    group, g_start, g_end = _group(text, c, near.start if near is not None else None)
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
