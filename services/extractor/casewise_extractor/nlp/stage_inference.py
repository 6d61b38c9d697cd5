"""AJCC T category inferred from what a report measures, when it states no T itself.

A pathologist reading "invasive carcinoma measures 3.0 cm in greatest dimension" on a breast report
knows the tumour is T2 unless something else (skin, chest wall) raises it. This module does that
reasoning for a few sites, driven by ``rules/t_inference.json``: a *size* family maps the tumour's
greatest dimension (or Breslow thickness) to T by thresholds; a *chart* family maps a pair of
measurements to T by a two-way table (uveal melanoma: largest basal diameter by thickness); a
*depth* family maps the deepest wall layer the tumour is said to invade to T; a *criteria* family
gives one T when every one of its explicit statements is made (liver: "solitary" and "vascular
invasion: not identified" is T1 whatever the size; testis: vascular invasion stated present is
pT2; a *cued* criteria family reads its criteria like raise phrases, so each must be stated
present, not negated: prostate "extraprostatic extension: present" is pT3). Each family abstains
when a non-negated phrase could raise T (a phrase that only says the tumour left the organ is answered by
a statement that it is confined to it), when the report's tumour sizes fall in different categories,
when a subsite where size does not decide T is named, or when the deepest layer is one whose T
differs between AJCC editions. A raise or beyond phrase inside a family's ``mentions`` (wordings
that name a structure without stating invasion of it: "abuts the pleura", "0.2 cm from the pleura")
raises nothing.
Only the digit is given ("T2", never "T2a"): the letters need facts these rules do not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from casewise_core.errors import RulesInvalid
from pydantic import BaseModel, ConfigDict, Field, field_validator

from casewise_extractor.nlp.rulefile import load_rule_file

RULES_PATH = Path(__file__).parent / "rules" / "t_inference.json"

CLAUSE_BEFORE = 50  # characters before a phrase searched for a negation ("no ...", "not ...")
CLAUSE_AFTER = 25  # and after it ("...: not identified")
CUE_BEFORE = 80  # characters before a wall layer searched for an invasion cue
SENTENCE_END = re.compile(r"[.;]\s+(?=[A-Z(\-])|\n")  # OCR puts ". " at line breaks mid-sentence
MAX_MM = 300.0  # a "tumour size" above 30 cm is a specimen or an OCR slip, not a tumour
# A checklist label left blank: the phrase sits in a label whose colon is followed straight by the
# next label ("DERMAL LYMPHATIC INVASION: CALCIFICATION: Yes"), so it states nothing either way.
EMPTY_FIELD = re.compile(r"[^.:;\n]{0,40}:\s*(?:[A-Z][\w/()'\- ]{1,40}:|$)")
# A checklist label whose value, after a longer label, is a negation: "Venous (incl. IVC)
# involvement (if present, specify): absent" answers the phrase ("IVC") early in the label.
NEGATED_FIELD = re.compile(
    r"[^.:;\n]{0,60}:\s*(?:no|none|negative|absent|not\s+(?:identified|present|seen|involved))\b", re.I
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"bad regex: {exc}") from exc
    return value


class PatternRule(_Model):
    id: str
    pattern: str
    _ok = field_validator("pattern")(_check_regex)


class Threshold(_Model):
    max_mm: float | None  # inclusive upper bound; None = no bound (the last category)
    t: str


class Level(_Model):
    id: str
    depth: int
    t: str | None  # None: a layer whose T differs between AJCC editions, so abstain
    pattern: str
    _ok = field_validator("pattern")(_check_regex)


class Chart(_Model):
    """T by two measurements: ``t[row][col]``, the row by ``height_max_mm`` and the column by
    ``base_max_mm`` (inclusive upper bounds, the last None: no bound)."""

    base_max_mm: list[float | None]
    height_max_mm: list[float | None]
    t: list[list[str]]


class Family(_Model):
    id: str
    kind: Literal["size", "depth", "criteria", "chart"]
    enabled: bool = True  # a measured-and-dropped family stays in the file, off, with its note
    note: str = ""
    tissues: list[str]
    measure: str = "size"
    requires: list[str] = []
    forbids: list[str] = []
    raise_: list[str] = Field(default=[], alias="raise")  # phrases that could put T higher
    # Wordings that name a raise structure without stating that the tumour invades it ("abuts the
    # pleura", "0.1 cm from the pleura", "inked pleura"): a raise phrase inside one raises nothing.
    mentions: list[str] = []
    # Phrases that could put T higher only by saying the tumour left the organ (perirenal fat,
    # extrathyroidal tissue): they raise like ``raise`` unless the report states one of ``limited``,
    # the AJCC wording of the organ-confined categories ("tumor confined within the renal capsule").
    beyond: list[str] = []
    limited: list[str] = []
    thresholds: list[Threshold] = []
    chart: Chart | None = None  # kind "chart": measure's patterns define groups base and height
    levels: list[Level] = []
    criteria: list[str] = []  # kind "criteria": statements that must all be made, each positively
    t: str | None = None  # kind "criteria": the T they decide
    # kind "criteria": read each criterion like a raise phrase (it counts only where it is not
    # negated, not a blank checklist label, and has an extension cue in its clause), for criteria
    # that name a finding ("extraprostatic extension") rather than state it whole.
    cued: bool = False

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("requires", "forbids", "raise_", "mentions", "beyond", "limited", "criteria")
    @classmethod
    def _compile_all(cls, value: list[str]) -> list[str]:
        return [_check_regex(v) for v in value]


class InferenceRules(_Model):
    version: str
    description: str = ""
    negation: str
    depth_cue: str
    extension_cue: str
    measures: dict[str, list[PatternRule]]
    size_exclusions: list[PatternRule]
    families: list[Family]

    _ok = field_validator("negation", "depth_cue", "extension_cue")(_check_regex)


@dataclass(frozen=True)
class InferredT:
    t: str
    start: int
    end: int
    rule_id: str


def load_rules(path: Path = RULES_PATH) -> InferenceRules:
    rules = load_rule_file(InferenceRules, path)
    for fam in rules.families:
        if fam.kind == "size" and (fam.measure not in rules.measures or not fam.thresholds):
            raise RulesInvalid(detail={"file": path.name, "errors": f"{fam.id}: no measure/thresholds"})
        if fam.kind == "depth" and not fam.levels:
            raise RulesInvalid(detail={"file": path.name, "errors": f"{fam.id}: no levels"})
        if fam.kind == "criteria" and not (fam.criteria and fam.t):
            raise RulesInvalid(detail={"file": path.name, "errors": f"{fam.id}: no criteria/t"})
        if fam.kind == "chart" and not _chart_ok(fam.chart, fam.measure in rules.measures):
            raise RulesInvalid(detail={"file": path.name, "errors": f"{fam.id}: no measure/chart"})
    return rules


def _chart_ok(chart: Chart | None, has_measure: bool) -> bool:
    """A chart with a measure, bounds ending in None, and a T for every row and column."""
    if chart is None or not has_measure:
        return False
    bounds = (chart.base_max_mm, chart.height_max_mm)
    if any(not b or b[-1] is not None or None in b[:-1] for b in bounds):
        return False
    return len(chart.t) == len(chart.height_max_mm) and all(
        len(row) == len(chart.base_max_mm) for row in chart.t
    )


@lru_cache(maxsize=1)
def _rules() -> InferenceRules:
    return load_rules()


@lru_cache(maxsize=256)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _sentence_start(text: str, pos: int, limit: int) -> int:
    lo = max(0, pos - limit)
    # Search one character past ``pos``: the boundary's lookahead must see the sentence's first
    # letter, or a negation in the previous sentence leaks into one that starts at ``pos``.
    ends = [m.end() for m in SENTENCE_END.finditer(text, lo, pos + 1) if m.end() <= pos]
    return ends[-1] if ends else lo


def _negated(text: str, start: int, end: int, neg: re.Pattern[str]) -> bool:
    before = text[_sentence_start(text, start, CLAUSE_BEFORE) : start]
    after = text[end : end + CLAUSE_AFTER]
    stop = SENTENCE_END.search(after)
    after = after[: stop.start()] if stop else after
    return bool(
        neg.search(before)
        or neg.search(text, start, end)
        or neg.search(after)
        or NEGATED_FIELD.match(text, end)
    )


def _positive(
    text: str,
    patterns: list[str],
    neg: re.Pattern[str],
    cue: re.Pattern[str] | None = None,
    mentions: list[str] | None = None,
) -> bool:
    """Some phrase of ``patterns`` occurs without a negation around it (and, given ``cue``, with
    the cue in its clause: "tumour invades perinephric fat", not "perinephric fat, inked"), and
    not inside one of ``mentions`` ("abuts the pleura")."""
    return any(
        _stated(text, m, neg, cue) and not _mentioned(text, m, mentions or [])
        for p in patterns
        for m in _rx(p).finditer(text)
    )


def _mentioned(text: str, m: re.Match[str], mentions: list[str]) -> bool:
    """``m`` lies inside a wording of ``mentions`` (one that names without stating invasion)."""
    return any(x.start() <= m.start() and m.end() <= x.end() for p in mentions for x in _rx(p).finditer(text))


def _stated(text: str, m: re.Match[str], neg: re.Pattern[str], cue: re.Pattern[str] | None) -> bool:
    if _negated(text, m.start(), m.end(), neg) or EMPTY_FIELD.match(text, m.end()):
        return False
    return cue is None or _cued(text, m.start(), m.end(), cue)


def _cued(text: str, start: int, end: int, cue: re.Pattern[str]) -> bool:
    before = text[_sentence_start(text, start, CUE_BEFORE) : start]
    after = text[end : end + CLAUSE_AFTER]
    stop = SENTENCE_END.search(after)
    after = after[: stop.start()] if stop else after
    return bool(cue.search(before) or cue.search(text, start, end) or cue.search(after))


def _mm(dims: str, unit: str) -> float:
    """Greatest dimension in mm; 0 when a dimension reads 0 (OCR lost digits: "1.5 X 0 X 2 cm")."""
    values = [float(v.replace(",", ".")) for v in re.findall(r"\d+(?:[.,]\d+)?", dims)]
    if min(values) <= 0:
        return 0.0
    return max(values) * (1.0 if unit.lower() == "mm" else 10.0)


def _bin(value: float, bounds: list[float | None]) -> int:
    return next(i for i, b in enumerate(bounds) if b is None or value <= b)


def _category(mm: float, thresholds: list[Threshold]) -> str:
    for th in thresholds:
        if th.max_mm is None or mm <= th.max_mm:
            return th.t
    return thresholds[-1].t


def _by_size(text: str, fam: Family, rules: InferenceRules) -> InferredT | None:
    found: list[tuple[str, int, int]] = []
    for rule in rules.measures[fam.measure]:
        for m in _rx(rule.pattern).finditer(text):
            context = text[_sentence_start(text, m.start(), 60) : m.start("dims")]
            if any(_rx(ex.pattern).search(context) for ex in rules.size_exclusions):
                continue
            mm = _mm(m.group("dims"), m.group("unit"))
            if 0 < mm <= MAX_MM:
                # the unit may come first, in the label: "Tumor size (in cm): 3 x 3 x 2"
                start, end = min(m.start("dims"), m.start("unit")), max(m.end("dims"), m.end("unit"))
                found.append((_category(mm, fam.thresholds), start, end))
    if not found or len({t for t, _, _ in found}) > 1:
        return None  # no size, or sizes that disagree on T (several tumours, gross vs microscopic)
    t, start, end = min(found, key=lambda f: f[1])
    return InferredT(t, start, end, fam.id)


def _by_chart(text: str, fam: Family, rules: InferenceRules) -> InferredT | None:
    """T from the chart for every (base, height) pair the report states; abstain when none is
    stated or the pairs fall in different cells' T (clinical and pathological sizes disagreeing)."""
    assert fam.chart is not None
    found: list[tuple[str, int, int]] = []
    for rule in rules.measures[fam.measure]:
        for m in _rx(rule.pattern).finditer(text):
            scale = 10.0 if (m.groupdict().get("unit") or "mm").lower() == "cm" else 1.0
            base = _mm(m.group("base"), "mm") * scale
            height = _mm(m.group("height"), "mm") * scale
            if 0 < base <= MAX_MM and 0 < height <= MAX_MM:
                row, col = _bin(height, fam.chart.height_max_mm), _bin(base, fam.chart.base_max_mm)
                found.append((fam.chart.t[row][col], m.start(), m.end()))
    if not found or len({t for t, _, _ in found}) > 1:
        return None
    t, start, end = min(found, key=lambda f: f[1])
    return InferredT(t, start, end, fam.id)


def _by_depth(text: str, fam: Family, rules: InferenceRules) -> InferredT | None:
    neg, cue = _rx(rules.negation), _rx(rules.depth_cue)
    best: tuple[Level, int, int] | None = None
    for level in fam.levels:
        for m in _rx(level.pattern).finditer(text):
            lead = text[_sentence_start(text, m.start(), CUE_BEFORE) : m.start()]
            if not (cue.search(lead) or cue.search(m.group())) or _negated(text, m.start(), m.end(), neg):
                continue
            if best is None or level.depth > best[0].depth:
                best = (level, m.start(), m.end())
    if best is None or best[0].t is None:
        return None
    return InferredT(best[0].t, best[1], best[2], fam.id)


def _by_criteria(text: str, fam: Family, rules: InferenceRules) -> InferredT | None:
    """The family's T when every criterion is stated; the finding points at the first one.

    Criteria are written as whole statements ("vascular invasion: not identified"), so they are
    not checked for negation: a negation is often what they assert. A ``cued`` family's criteria
    name a finding instead, and count only where it is stated present.
    """
    neg, ext = _rx(rules.negation), _rx(rules.extension_cue)
    first: re.Match[str] | None = None
    for pattern in fam.criteria:
        if fam.cued:
            m = next((x for x in _rx(pattern).finditer(text) if _stated(text, x, neg, ext)), None)
        else:
            m = _rx(pattern).search(text)
        if m is None:
            return None
        first = m if first is None else first
    assert first is not None and fam.t is not None
    return InferredT(fam.t, first.start(), first.end(), fam.id)


def _apply(text: str, fam: Family, rules: InferenceRules) -> InferredT | None:
    if fam.kind == "size":
        return _by_size(text, fam, rules)
    if fam.kind == "depth":
        return _by_depth(text, fam, rules)
    if fam.kind == "chart":
        return _by_chart(text, fam, rules)
    return _by_criteria(text, fam, rules)


def infer_t(text: str, tissue: str | None) -> InferredT | None:
    """T category from size/depth for a report of known ``tissue`` (OncoTree), or None to abstain."""
    if not tissue:
        return None
    rules = _rules()
    neg, ext = _rx(rules.negation), _rx(rules.extension_cue)
    for fam in rules.families:
        if not fam.enabled or tissue not in fam.tissues:
            continue
        if fam.requires and not any(_rx(p).search(text) for p in fam.requires):
            continue
        if _positive(text, fam.forbids, neg) or _positive(text, fam.raise_, neg, ext, fam.mentions):
            continue
        if _positive(text, fam.beyond, neg, ext, fam.mentions) and not _positive(text, fam.limited, neg):
            continue
        found = _apply(text, fam, rules)
        if found is not None:
            return found
    return None
