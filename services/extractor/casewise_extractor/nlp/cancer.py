"""Primary cancer type of one report: histology x site -> OncoTree code, or abstain.

Plain Python over a string (no spaCy), driven by ``rules/cancer_types.json``. Each histology mention
is weighted by the report section it sits in (diagnosis and synoptic sections outweigh history and
gross description), by whether it is negated, historical or metastatic, and by where its site came from
(a site word next to it, a "metastatic ... from <site>" phrase, or failing that the document's dominant
site). Votes add up per OncoTree tissue; a clear winning tissue gives the finding, anything less abstains.
Codes a layered report states on separate lines (a medulloblastoma's histology and its molecular group)
combine into the one node naming both (``combined`` in the rule file).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from casewise_core.errors import RulesInvalid
from casewise_core.oncotree import OncoTree, load_oncotree

from casewise_extractor.nlp.alternation import by_first_letter
from casewise_extractor.nlp.cancer_markers import MarkerSubtypeRule
from casewise_extractor.nlp.regex_gate import fold, may_match
from casewise_extractor.nlp.rulefile import PatternRule, load_rule_file

RULES_PATH = Path(__file__).parent / "rules" / "cancer_types.json"

# Decision thresholds (measured on the dev 2/3 split of the TCGA reports, see bench/tcga.py).
MIN_SCORE = 1.0  # at least one plain diagnosis-section mention, or several weaker ones
MIN_SHARE = 0.6  # the winning tissue must hold this share of all votes
LOCAL_BEFORE = 150  # characters before a histology mention searched for its site word
LOCAL_AFTER = 60  # characters after it (cut at "metastatic to", "involving", ...)
DOC_SITE_FACTOR = 0.5  # site borrowed from the whole document instead of the mention's neighbourhood
HISTORY_FACTOR = 0.3
HEDGE_FACTOR = 0.5

# "no" before a number is a record number ("NHS No 943 116 2207", "Hosp No KRI-1190643"), not a denial
_NEGATION = re.compile(
    r"\b(?:negative\s+for|no(?!\.?\s*[:#]?\s*[A-Za-z]{0,6}[-/]?\d)|without|free\s+of|rule\s+out|r/o"
    r"|absence\s+of|nor|rather\s+than|versus"
    r"|vs|differential|(?:does|do|did)\s+not\s+support|argues?\s+against|exclud(?:es|ed|ing)"
    r"|not\s+(?:consistent|compatible)\s+with)\b[^.;]*$",
    re.IGNORECASE,
)
# "Comment: not primary mediastinal B-cell lymphoma", "atypical for CLL", "can mimic CLL/SLL", "lacking
# typical CLL morphology": the word right before the name says the tumour is not it
_UNLIKE_BEFORE = re.compile(
    r"\b(?:not|never|atypical\s+for|mimick?(?:s|ing|ed)?|lack(?:s|ing)?(?:\s+typical)?)\s+(?:(?:an?|the)\s+)?$",
    re.I,
)
_NEGATION_AFTER = re.compile(
    r"^[\s,]*(?:is\s+|was\s+|are\s+)?(?:not\s+(?:identified|seen|present)|absent)\b", re.I
)
# "Known case of adenocarcinoma of lung" (k/c/o, as Indian notes write) is the patient's diagnosis now
_HISTORY = re.compile(
    r"(?:history\s+of|past\s+(?:medical\s+|oncolog(?:ic|ical|y)\s+|surgical\s+)?history|h/o|prior|previous|status\s+post|s/p|known(?!\s+case\s+of\b)|incidental(?:ly)?)\W[^.;]*$",
    re.IGNORECASE,
)
# "Your mother, Rosa, was diagnosed with high-grade serous ovarian cancer": a relative's cancer
_RELATIVE = re.compile(
    r"\b(?:mother|father|sister|brother|daughter|son|aunt|uncle|cousin|grand(?:mother|father|parents?)|niece"
    r"|nephew|siblings?|wife|husband|spouse|partner)(?:'s)?\b[^.;]*$",
    re.IGNORECASE,
)
# "a high probability of malignancy (follicular carcinoma or ...)": a risk estimate or a
# differential names a cancer the report has not found
_POSSIBLE = re.compile(
    r"\b(?:(?:probability|likelihood|chance)\s+of|risk\s+of\s+malignancy|suspicious\s+for"
    r"|concerning\s+for|cannot\s+(?:be\s+)?(?:exclude|rule)|to\s+exclude|possib(?:le|ly|ility)\s+of"
    r"|may\s+represent|malignanc(?:y|ies)\s+risk|risks?\s+of\s+(?:an?\s+)?(?:second(?:ary)?|subsequent))\b[^.;]*$",
    re.IGNORECASE,
)
# "Original integrated diagnosis (superseded): ...", "previously reported as ...": a diagnosis an
# addendum or revision has replaced names a cancer the patient does not have
_SUPERSEDED_BEFORE = re.compile(
    r"\b(?:superseded|withdrawn|retracted"
    r"|(?:previously|initially|originally)\s+(?:reported|diagnosed|called)\s+as|revised\s+from|changed\s+from)\b[^\n.;]{0,100}$",
    re.IGNORECASE,
)
_SUPERSEDED_AFTER = re.compile(
    r"[^\n.;]{0,80}?(?:\(|\s[-\u2013\u2014]\s*)(?:superseded|withdrawn|retracted)\b", re.IGNORECASE
)
# "anaplastic thyroid carcinoma arising in association with a papillary thyroid carcinoma",
# "dedifferentiated liposarcoma arising in a well-differentiated liposarcoma": the precursor the
# diagnosis arose in is a component, not the diagnosis; it counts as a history mention does
_PRECURSOR = re.compile(
    r"\barising\s+(?:in|from|within)(?:\s+(?:association\s+with|a\s+background\s+of))?"
    r"(?:\s+(?:an?|the))?(?:\s+pre-?existing)?\s*$"
    # "anaplastic thyroid carcinoma with a minor component of papillary thyroid carcinoma": the named
    # minor, focal or residual part of a tumour is not its diagnosis
    r"|\b(?:minor|minimal|focal|small|residual|separate|background|co-?existing|coexistent|associated)\s+"
    r"(?:\w+\s+)?components?\s+of(?:\s+(?:an?|the))?\s*$",
    re.IGNORECASE,
)
# "?CML ?other MPN": a query glued to the name is a question the report goes on to answer
_QUERY = re.compile(r"\?$")
# OCR reads "l" as "1" and "o" as "0" inside words ("Squamous ce11 carcinoma", "DIAGN0SIS"): a digit
# between letters is read back as the letter, on a copy of the text with the same offsets
_OCR_IN_WORD = re.compile(r"(?<=[a-z])[01](?=[a-z])", re.IGNORECASE)
_OCR_CELL = re.compile(r"(?<![a-z])(ce)(?:11|1l|l1)(?![a-z0-9])", re.IGNORECASE)
POSSIBLE_WINDOW = 150  # characters before a mention searched for a risk or differential phrase
_METASTATIC = re.compile(r"metasta\w*[^.;]{0,30}$", re.IGNORECASE)
# "metastatic lung adenocarcinoma": a site word between "metastatic" and the histology, not led by a
# preposition ("metastatic to the lung"), is the primary's site as plainly as "from a lung primary"
_SPREAD_PREP = re.compile(r"\b(?:to|in|into|within|involving|at)\b", re.IGNORECASE)
# "non-small cell carcinoma, favour adenocarcinoma": a hedged refinement counts less than the stated
# diagnosis it refines, so the stated one wins the tie; alone it still names the cancer
_HEDGED = re.compile(r"\b(?:favou?r(?:s|ed|ing)?|suggestive\s+of)\W+(?:an?\s+)?$", re.IGNORECASE)
_FROM = re.compile(
    r"\b(?:from|of|consistent\s+with|compatible\s+with|suggestive\s+of|origin)\b", re.IGNORECASE
)
_AFTER_CUT = re.compile(
    r"metasta\w*|involv\w*|extend\w*|invad\w*|spread|to\s+(?:the\s+)?\w+\s+(?:lymph|node)", re.I
)
_HEADER_END = r"(?=\s*[:.\-]|[ \t]*(?:\n|$))"  # "DIAGNOSIS:" or "DIAGNOSIS" alone on its line
# "staging CT: liver (x4) and lung (x2) metastases", "lung and bone mets": a site that names where the
# cancer spread, never the primary's site
_SPREAD_NOUN = re.compile(
    r"\b(?:metastas[ie]s|metastatic\s+(?:deposits?|disease|lesions?)|mets|secondar(?:y|ies))\b", re.I
)
_PRIMARY_OF = re.compile(r"\b(?:of|from|arising\s+in)\s+(?:the\s+)?(?:[a-z-]+\s+)?$", re.IGNORECASE)
# what may stand between such a site and its noun: other sites, counts, "and", "multiple"
_SPREAD_GLUE = re.compile(
    r"(?:\s|[,/&]|\(\s*(?:x\s*)?\d{1,3}\s*\)|\b(?:and|or|multiple|bilateral|numerous|several)\b)*", re.I
)


class SectionRule(PatternRule):
    id: str
    pattern: str
    weight: float


class SiteRule(PatternRule):
    id: str
    tissue: str
    pattern: str


class HistologyRule(PatternRule):
    id: str
    pattern: str
    histology: str
    default: str | None = None
    codes: dict[str, str]
    weight: float = 1.0


class SubtypeRule(PatternRule):
    """A genetic subtype that refines a code where the report states it detected (B-ALL with
    BCR::ABL1 -> BLLBCRABL1); a line that says it was not found leaves the code as it is."""

    id: str
    parent: str
    code: str
    pattern: str


class CombinedRule(PatternRule):
    """Codes a layered (WHO CNS5) report states on separate lines that together name one finer node:
    "Medulloblastoma, SHH-activated" and "Medulloblastoma, large cell/anaplastic" are AMBLSHH."""

    id: str
    codes: list[str]
    code: str


class CancerRules(PatternRule):
    version: str
    description: str = ""
    sections: list[SectionRule]
    sites: list[SiteRule]
    histologies: list[HistologyRule]
    subtypes: list[SubtypeRule] = []
    marker_subtypes: list[MarkerSubtypeRule] = []  # see cancer_markers.py
    combined: list[CombinedRule] = []


@dataclass(frozen=True)
class CancerFinding:
    name: str
    oncotree_code: str
    histology: str | None
    tissue: str | None
    start: int
    end: int
    rule_id: str


@dataclass(frozen=True)
class _Compiled:
    rules: CancerRules
    sections: re.Pattern[str]
    sites: re.Pattern[str]
    histologies: re.Pattern[str]
    own_sites: dict[str, dict[str, str]]  # histology id -> its default's own sites (see _own_sites)


def _alternation(items: list[tuple[str, str]]) -> re.Pattern[str]:
    """One regex over lower-cased text; an empty group g<i>_<letter> ends rule i's branch (see
    ``_rule_index``), tried, in rule order, only at a word that starts with a letter it can start
    with. Whole words only; the first rule in order that matches wins, as in a plain alternation.

    The group is empty and comes after the rule, not around it: opening group i makes the engine
    reset the slots of every group numbered before it, on every try, so a group around each rule
    made each try of a later rule cost in proportion to its place in the file (≈2.5x the time of
    this form on the TCGA reports). An empty group is opened only once its rule has matched."""
    pats = [pat for _, pat in items]
    alts = "|".join(
        f"(?={letter})(?:" + "|".join(f"(?:{pats[i]})(?![a-z])(?P<g{i}_{letter}>)" for i in idx) + ")"
        for letter, idx in by_first_letter(pats).items()
    )
    # The leading look-around lets the engine skip non-word positions fast (≈10x on 3.5k-char reports).
    return re.compile(rf"(?<![a-z])(?=[a-z])(?:{alts})")


def _rule_index(m: re.Match[str]) -> int:
    """The rule an ``_alternation`` match is of."""
    return int(m.lastgroup[1:].partition("_")[0])  # type: ignore[index]


def load_rules(path: Path = RULES_PATH) -> CancerRules:
    return load_rule_file(CancerRules, path)


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    rules = load_rules()
    tree = load_oncotree()
    for h in rules.histologies:
        for code in [h.default, *h.codes.values()]:
            if code is not None and code not in tree:
                raise RulesInvalid(detail={"file": RULES_PATH.name, "rule": h.id, "unknown_code": code})
    for sub in [*rules.subtypes, *rules.marker_subtypes]:
        for code in (sub.parent, sub.code):
            if code not in tree:
                raise RulesInvalid(detail={"file": RULES_PATH.name, "rule": sub.id, "unknown_code": code})
    for comb in rules.combined:
        for code in [*comb.codes, comb.code]:
            if code not in tree:
                raise RulesInvalid(detail={"file": RULES_PATH.name, "rule": comb.id, "unknown_code": code})
    # Headers start a line (OCR turns line breaks into ". ") and end with ":" / "." / "-".
    sec = "|".join(f"(?P<g{i}>{s.pattern})" for i, s in enumerate(rules.sections))
    return _Compiled(
        rules=rules,
        sections=re.compile(rf"(?:^|(?<=[.:;]\s)|(?<=\n))(?:{sec}){_HEADER_END}", re.IGNORECASE),
        sites=_alternation([(s.id, s.pattern) for s in rules.sites]),
        histologies=_alternation([(h.id, h.pattern) for h in rules.histologies]),
        own_sites={h.id: _own_sites(h, rules, tree) for h in rules.histologies},
    )


def _own_sites(h: HistologyRule, rules: CancerRules, tree: OncoTree) -> dict[str, str]:
    """The sites of a histology that needs none (IDC: the breast). "Metastatic invasive ductal
    carcinoma of the left breast" names the primary's site as plainly as "from a breast primary"
    does: the mention is the primary's, not a metastasis of unknown origin."""
    tissue = tree.tissue(h.default) if h.default else None
    return {s.id: h.default for s in rules.sites if tissue and h.default and s.tissue == tissue}


def _section_weights(text: str, c: _Compiled) -> list[tuple[int, float]]:
    """(start offset, weight) per section, in order; text before any header weighs 1."""
    out = [(0, 1.0)]
    for m in c.sections.finditer(text):
        weight = c.rules.sections[int(m.lastgroup[1:])].weight  # type: ignore[index]
        bare = not re.match(r"\s*[:.\-]", text[m.end() : m.end() + 8])
        if bare and weight < 1.0:
            # A heading alone on its line ("HISTORY") in a clinic note heads the cancer's own
            # history: only a bare diagnosis or synoptic heading is trusted to reweigh what follows.
            continue
        out.append((m.start(), weight))
    return out


def _weight_at(sections: list[tuple[int, float]], pos: int) -> float:
    w = 1.0
    for start, weight in sections:
        if start > pos:
            break
        w = weight
    return w


@dataclass
class _Mention:
    code: str
    rule_id: str
    histology: str
    weight: float
    start: int
    end: int


def _local_site(
    text: str, start: int, end: int, sites: list[tuple[int, int, str]], allowed: dict[str, str]
) -> str | None:
    """Nearest site (id) around a mention whose id is in ``allowed``; after-window cut at spread words.
    ``sites`` are the sites that may be a primary (``_spread_site`` ones left out by the caller)."""
    after = text[end : end + LOCAL_AFTER]
    cut = _AFTER_CUT.search(after)
    limit = end + (cut.start() if cut else LOCAL_AFTER)
    best: tuple[float, str] | None = None
    for s_start, s_end, sid in sites:
        if sid not in allowed:
            continue
        if start - LOCAL_BEFORE <= s_end <= start:
            dist = float(start - s_end)
        elif end <= s_start < limit:
            dist = (s_start - end) * 1.5
        else:
            continue
        if best is None or dist < best[0]:
            best = (dist, sid)
    return best[1] if best else None


def _spread_site(text: str, s_start: int, s_end: int, sites: list[tuple[int, int, str]]) -> bool:
    """True when the site word at ``s_start:s_end`` names metastases ("liver (x4) and lung (x2)
    metastases"): only other sites, counts and "and" stand between it and the metastasis noun. A site
    the histology is "of" ("adenocarcinoma of the upper rectum, liver and lung metastases") is the
    primary's."""
    noun = _SPREAD_NOUN.search(text, s_end, min(len(text), s_end + 60))
    if noun is None or _PRIMARY_OF.search(text, max(0, s_start - 30), s_start):
        return False
    gap = list(text[s_end : noun.start()])
    for a, b, _ in sites:
        if s_end <= a and b <= noun.start():
            gap[a - s_end : b - s_end] = " " * (b - a)
    return _SPREAD_GLUE.fullmatch("".join(gap)) is not None


# "RLL bx: SCC, p16 positive, consistent with the oropharyngeal primary": the report attributes the
# tumour to a primary site, which outranks the biopsied site named nearer to it
_ATTRIBUTED = re.compile(r"\b(?:consistent|compatible)\s+with\b|\bc/w\b", re.IGNORECASE)
_PRIMARY_AFTER = re.compile(r"\s*(?:primary|origin)\b", re.IGNORECASE)


def _from_site(
    text: str,
    end: int,
    sites: list[tuple[int, int, str]],
    allowed: dict[str, str],
    cue: re.Pattern[str] = _FROM,
    primary_only: bool = False,
) -> str | None:
    """Site of a "metastatic X from/consistent with <site> primary" phrase after a mention, in its
    sentence; ``primary_only``: the site must be followed by "primary" / "origin"."""
    stop = text.find(". ", end, end + 120)
    window_end = stop if stop != -1 else end + 120
    m = cue.search(text, end, window_end)
    if m is None:
        return None
    for s_start, s_end, sid in sites:
        if not (m.end() <= s_start < window_end and sid in allowed):
            continue
        if not primary_only or _PRIMARY_AFTER.match(text, s_end):
            return sid
    return None


def _premodifier_site(
    lo: int, hi: int, text: str, sites: list[tuple[int, int, str]], allowed: dict[str, str]
) -> str | None:
    """Site word between "metastatic" (at ``lo``) and the histology (at ``hi``) with no spread
    preposition before it: "metastatic lung adenocarcinoma" is a lung primary."""
    for s_start, _, sid in sites:
        if lo <= s_start < hi and sid in allowed and not _SPREAD_PREP.search(text, lo, s_start):
            return sid
    return None


def _lower(text: str) -> str:
    """Lower-cased text with the same offsets (a few characters grow under str.lower)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _ocr_letters(text: str) -> str:
    """``text`` with OCR's digits-for-letters inside words read back as letters (same length)."""
    text = _OCR_IN_WORD.sub(lambda m: "l" if m.group() == "1" else "o", text)
    return _OCR_CELL.sub(lambda m: m.group(1) + "ll", text)


def _superseded(text: str, start: int, end: int) -> bool:
    """The mention's line marks it as a diagnosis that a revision or addendum replaced."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_SUPERSEDED_BEFORE.search(text, line_start, start) or _SUPERSEDED_AFTER.match(text, end))


def _mentions(text: str, c: _Compiled) -> list[_Mention]:
    sections = _section_weights(text, c)
    low = _lower(text)
    sites = [(m.start(), m.end(), c.rules.sites[_rule_index(m)].id) for m in c.sites.finditer(low)]
    doc_site: dict[str, float] = defaultdict(float)
    # searched before each mention, but most reports hold none of their words (see regex_gate)
    folded = fold(text)
    superseding = may_match(_SUPERSEDED_BEFORE, folded) or may_match(_SUPERSEDED_AFTER, folded)
    relatives = may_match(_RELATIVE, folded)
    # "liver and lung metastases" name no primary
    primary_sites = [s for s in sites if not _spread_site(low, s[0], s[1], sites)]
    for s_start, _, sid in primary_sites:
        doc_site[sid] += _weight_at(sections, s_start)
    out: list[_Mention] = []
    for m in c.histologies.finditer(low):
        rule = c.rules.histologies[_rule_index(m)]
        before = text[max(0, m.start() - 60) : m.start()]
        if (
            _NEGATION.search(before)
            or _UNLIKE_BEFORE.search(before)
            or _NEGATION_AFTER.search(text, m.end(), m.end() + 30)
        ):
            continue
        if _POSSIBLE.search(text, max(0, m.start() - POSSIBLE_WINDOW), m.start()) or _QUERY.search(
            text, max(0, m.start() - 1), m.start()
        ):
            continue
        if (superseding and _superseded(text, m.start(), m.end())) or (
            relatives and _RELATIVE.search(text, max(0, m.start() - 150), m.start())
        ):
            continue
        weight = _weight_at(sections, m.start()) * rule.weight
        if _HISTORY.search(before) or _PRECURSOR.search(before):
            weight *= HISTORY_FACTOR
        if _HEDGED.search(before):
            weight *= HEDGE_FACTOR
        meta = _METASTATIC.search(before)
        metastatic = meta is not None
        allowed = rule.codes or c.own_sites[rule.id]
        site = None
        if meta is not None:
            site = _premodifier_site(m.start() - len(before) + meta.start(), m.start(), text, sites, allowed)
            site = site or _from_site(text, m.end(), sites, allowed)
        if site is None and metastatic:
            # A metastasis says nothing about where the primary is, unless the histology does
            # ("metastatic invasive ductal carcinoma" is a breast primary): then it counts in full.
            if rule.default is None:
                continue
        elif site is None:
            site = _from_site(text, m.end(), sites, rule.codes, _ATTRIBUTED, primary_only=True)
            site = site or _local_site(text, m.start(), m.end(), primary_sites, rule.codes)
        if site is None:
            present = [(doc_site[s], s) for s in rule.codes if doc_site.get(s)]
            if present:
                site = max(present)[1]
                weight *= DOC_SITE_FACTOR
        code = rule.codes.get(site) if site else None  # a default's own site ("of the breast") names none
        code = code or rule.default
        if code is None:
            continue
        rid = f"{rule.id}+{site}" if site and site in rule.codes else rule.id
        out.append(_Mention(code, rid, rule.histology, weight, m.start(), m.end()))
    return out


# a line that reports the subtype's marker absent: "BCR::ABL1 | Not detected", "negative for t(9;22)"
_ABSENT_AFTER = re.compile(
    r"[^\n]{0,80}?\b(?:not\s+(?:detected|identified|found|seen|present)|negative|absent|no\s+reportable)\b",
    re.I,
)
_ABSENT_BEFORE = re.compile(
    r"\b(?:no|negative\s+for|without|rule\s+out|exclude[sd]?)\b[^\n.;]*$", re.IGNORECASE
)


def _subtype(code: str, text: str, c: _Compiled) -> tuple[str, str | None]:
    """The code refined by a genetic subtype the report states detected, with the rule id."""
    for sub in c.rules.subtypes:
        if sub.parent != code:
            continue
        for m in re.finditer(sub.pattern, text, re.IGNORECASE):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if _ABSENT_BEFORE.search(text, line_start, m.start()) or _ABSENT_AFTER.match(text, m.end()):
                continue
            return sub.code, sub.id
    return code, None


# people's names in OncoTree names keep their capital ("Hodgkin Lymphoma" -> "Hodgkin lymphoma")
_EPONYMS = frozenset(
    {"Brenner", "Burkitt", "Chester", "Dorfman", "Erdheim", "Ewing", "Fallopian", "Hodgkin", "Hurthle"}
    | {"Langerhans", "Leydig", "Merkel", "Mullerian", "Paget", "Rosai", "Sertoli", "Waldenstrom", "Wilms"}
)
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _combined(code: str, by_code: dict[str, float], c: _Compiled) -> CombinedRule | None:
    """The combination ``code`` is part of when the report states each of its codes as firmly as a
    plain mention would (a lone hedged or historical word combines nothing)."""
    for comb in c.rules.combined:
        if code in comb.codes and all(by_code.get(k, 0.0) >= MIN_SCORE for k in comb.codes):
            return comb
    return None


def display_name(name: str) -> str:
    """An OncoTree name (title case) in sentence case. Only plain capitalised words are lowered: acronyms
    and genes ("AML with Mutated NPM1" -> "AML with mutated NPM1"), one-letter parts ("B-Cell" ->
    "B-cell") and people's names stay as written."""
    low = _TITLE_WORD.sub(lambda m: m.group(0) if m.group(0) in _EPONYMS else m.group(0).lower(), name)
    return low[:1].upper() + low[1:]


def _graded(code: str, by_code: dict[str, float], tree: OncoTree) -> str:
    """The one voted grade of ``code`` (an OncoTree child named as ``code`` plus its grade):
    "oligodendroglioma" said twice and "oligodendroglioma ..., CNS WHO grade 3" once name one tumour,
    graded (ODG3). Two grades voted leave the code as it is; so does a subtype ("non-small cell
    carcinoma, favour adenocarcinoma" stays NSCLC: the hedge is no grade)."""
    node = tree.get(code)
    if node is None:
        return code
    name = node.name.lower()
    grades = [
        k
        for k in by_code
        if (child := tree.get(k)) is not None
        and child.parent == code
        and child.name.lower().startswith(name)
        and "grade" in child.name.lower()[len(name) :]
    ]
    return grades[0] if len(grades) == 1 else code


def _refined(code: str, mentions: list[_Mention], tree: OncoTree) -> str:
    """``code``, or a finer OncoTree node under it that the report states as firmly as any mention of
    ``code``: "Diagnosis: lung adenocarcinoma" beside "ROS1 fusions occur in NSCLC" (said twice) is
    LUAD, an NSCLC. A hedged refinement ("non-small cell carcinoma, favour adenocarcinoma") weighs less
    than the stated diagnosis and leaves it as it is."""
    top = max(mn.weight for mn in mentions if mn.code == code)
    finer = [
        mn for mn in mentions if mn.code != code and code in tree.ancestors(mn.code) and mn.weight >= top
    ]
    if not finer:
        return code
    return max(finer, key=lambda mn: (mn.weight, len(tree.ancestors(mn.code)), -mn.start)).code


# "Histology: [x] Invasive ductal (NST) [ ] Lobular [ ] Other": an unticked option of a form, up to
# the next box or the end of its cell, names what the patient does not have
_UNTICKED = re.compile(r"(?:\[[ \t]?\]|\u2610)[^\[\u2610\u2611\u2612|\n]*")


def _without_unticked(text: str) -> str:
    """``text`` with a form's unticked options blanked (same length)."""
    if "[" not in text and "\u2610" not in text:
        return text
    return _UNTICKED.sub(lambda m: " " * len(m.group()), text)


def find_cancer(text: str) -> CancerFinding | None:
    """The primary cancer of this document, or None when the evidence is weak or split."""
    c = _compiled()
    tree = load_oncotree()
    text = _without_unticked(_ocr_letters(text))
    mentions = _mentions(text, c)
    if not mentions:
        return None
    by_tissue: dict[str, float] = defaultdict(float)
    for mn in mentions:
        by_tissue[tree.tissue(mn.code) or "Other"] += mn.weight
    total = sum(by_tissue.values())
    tissue, score = max(by_tissue.items(), key=lambda kv: kv[1])
    if score < MIN_SCORE or score / total < MIN_SHARE:
        return None
    by_code: dict[str, float] = defaultdict(float)
    for mn in mentions:
        if (tree.tissue(mn.code) or "Other") == tissue:
            by_code[mn.code] += mn.weight
    # Highest vote; on a tie the deeper (more specific) OncoTree node.
    code = max(by_code, key=lambda k: (by_code[k], len(tree.ancestors(k))))
    code = _refined(code, mentions, tree)
    code = _graded(code, by_code, tree)
    main = max((mn for mn in mentions if mn.code == code), key=lambda mn: (mn.weight, -mn.start))
    comb = _combined(code, by_code, c)
    code = comb.code if comb else code
    code, subtype_id = _subtype(code, text, c)
    node = tree.get(code)
    assert node is not None  # checked against the tree when the rules were compiled
    return CancerFinding(
        name=display_name(node.name),
        oncotree_code=code,
        histology=main.histology,
        tissue=node.tissue,
        start=main.start,
        end=main.end,
        rule_id="+".join(r for r in (main.rule_id, comb.id if comb else None, subtype_id) if r),
    )
