"""Collapsing duplicate facts in one document, and merging several documents into one profile.

Across documents the newer and more specific fact wins (a later NGS over an earlier one; FISH
over IHC for HER2); order is ``Evidence.document_date`` where a report states it, else the order
given. A disagreement that neither rule settles (same date, or a newer but less specific test)
is kept in ``conflicts`` for a person to decide rather than silently resolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from casewise_core.oncotree import load_oncotree
from casewise_core.profile import Biomarker, Evidence, Procedure, Profile, ProfileConflict, Treatment, fact_id

from casewise_extractor.nlp.cancer_markers import refined_by_markers
from casewise_extractor.nlp.dates import find_dates, iso_day
from casewise_extractor.nlp.stage_history import add_stages, of_document, supersedes
from casewise_extractor.nlp.treatment_scope import combine

METHOD_RANK = {
    "NGS": 3,
    "FISH": 3,
    "ISH": 3,
    "SISH": 3,
    "CISH": 3,
    "PCR": 2,
    "DDPCR": 2,
    "RT-PCR": 2,
    "IHC": 1,
}


# a flag a document raises for a drug it says was never given ("X was never ordered or given")
RETRACTED = "treatment_not_received"


def _retracted(profile: Profile) -> set[str]:
    return {f.fact_id for f in profile.flags if f.code == RETRACTED and f.fact_id}


def _rank(b: Biomarker) -> int:
    return METHOD_RANK.get((b.method or "").upper(), 2)


def _ev_key(e: Evidence) -> tuple[object, ...]:
    return (e.document, e.page, e.start, e.end, e.text)


def _add_evidence(into: list[Evidence], more: list[Evidence]) -> None:
    keys = {_ev_key(e) for e in into}
    into.extend(e for e in more if _ev_key(e) not in keys)


def _with_ids(profile: Profile) -> Profile:
    for b in profile.biomarkers:
        b.id = fact_id("biomarker", b.gene, b.alteration, b.detail)
    for t in profile.treatments:
        t.id = fact_id("treatment", t.agent)
    for p in profile.procedures:
        p.id = fact_id("procedure", p.kind, p.name, p.date)
    return profile


def _fuller(b: Biomarker, facts: list[Biomarker]) -> Biomarker | None:
    """The same result with one word more ("IHC 1+" beside "IHC 1+ (HER2-low)"), else None."""
    key = (b.gene, b.alteration, b.status)
    return next(
        (
            o
            for o in facts
            if (o.gene, o.alteration, o.status) == key and (o.detail or "").startswith(f"{b.detail} (")
        ),
        None,
    )


# the rule id a finding read inside a report's addendum carries (pipeline.py): an addendum is
# written after the report it is attached to, wherever the file prints it
ADDENDUM = "ctx.addendum"
SETTLED = ("positive", "negative")  # a result that says found or not found


def _read_by(b: Biomarker, rule: str) -> bool:
    """Whether some evidence of ``b`` carries ``rule`` among its "+"-joined rule ids."""
    return any(rule in (e.rule_id or "").split("+") for e in b.evidence)


def _without_superseded_unknowns(biomarkers: list[Biomarker]) -> list[Biomarker]:
    """An "unknown" (pending, failed) that the same document later answers ("MGMT: pending" in the
    report, "methylated" in its addendum; "RNA was QNS; FISH: no rearrangement") is superseded. An
    unknown stated after a result is another test still open ("ALK rearranged ... resistance testing
    on plasma is pending") and stays. Findings are in reading order; a result read in an addendum
    answers the report's unknowns wherever the addendum is printed (often above the report).
    An "equivocal" reading that the document later settles as positive or negative ("MSH6 equivocal
    on the biopsy; the resection shows clear loss") is superseded the same way."""
    answered = {(b.gene, b.alteration) for b in biomarkers if b.status != "unknown" and _read_by(b, ADDENDUM)}
    settled = {(b.gene, b.alteration) for b in biomarkers if b.status in SETTLED and _read_by(b, ADDENDUM)}
    kept: list[Biomarker] = []
    for b in reversed(biomarkers):
        key = (b.gene, b.alteration)
        if (b.status == "unknown" and key in answered) or (b.status == "equivocal" and key in settled):
            continue
        if b.status != "unknown":
            answered.add(key)
        if b.status in SETTLED:
            settled.add(key)
        kept.append(b)
    return kept[::-1]


# the rule id of a variant its report calls acquired since an earlier test (findings.py)
ACQUIRED = "st.acquired"
# "TP53 wild-type": a whole-gene negative ("KIT exon 17: no mutation" is one region's)
_WILD_TYPE = "st.negative.wild_type"


def _without_prior_wild_type(biomarkers: list[Biomarker]) -> list[Biomarker]:
    """A gene's "wild-type" ("TP53 wild-type on the 2023 tissue"), or "no mutation detected" over the
    whole gene, in a report that calls a variant of the same gene and class acquired ("TP53 G245S,
    acquired", "new since 2021") is the earlier test's state, restated: the acquired variant supersedes
    it. A germline negative answers another question and stays; so does one exon's negative."""
    acquired = {
        (b.gene, b.alteration): b.detail
        for b in biomarkers
        if b.status == "positive" and _read_by(b, ACQUIRED)
    }
    if not acquired:
        return biomarkers
    return [
        b
        for b in biomarkers
        if not (
            b.status == "negative" and b.origin != "germline"
            and (b.gene, b.alteration) in acquired
            # the gene's negative, or the same notation's ("del(17p) not detected" then "a new del(17p)")
            and (b.detail is None or b.detail == acquired[(b.gene, b.alteration)])
            and (_read_by(b, _WILD_TYPE) or _whole_gene(b))
        )
    ]  # fmt: skip


# "KIT exon 17: no mutation" tested one region; "TP53 sequencing (exons 2-11)" the gene
_ONE_EXON = re.compile(r"\bexon\s*\d+\b(?!\s*(?:-|\u2013|to)\s*\d)", re.IGNORECASE)
_NO_VARIANT_READ = ("st.negative.negative", "st.negative.no_x_detected", "st.negative.not_detected")


def _whole_gene(b: Biomarker) -> bool:
    """A negative read from "no mutation detected" for the gene, not for one exon of it."""
    region = any(_ONE_EXON.search(e.text) for e in b.evidence)
    return any(_read_by(b, r) for r in _NO_VARIANT_READ) and not region


# a named variant with no result word of its own, read as found (findings.py)
_LISTED = "st.positive.listed"


def _without_restated_vus(biomarkers: list[Biomarker]) -> list[Biomarker]:
    """A variant read positive only because it is named ("ATM c.6067G>A p.(Gly2023Arg): a missense
    change with conflicting predictions") where the same document classifies that variant as of
    uncertain significance: the narrative restates the VUS, it does not find a second, pathogenic one."""
    vus = {(b.gene, b.alteration, b.detail) for b in biomarkers if b.detail and b.status == "uncertain"}
    if not vus:
        return biomarkers
    return [
        b
        for b in biomarkers
        if not (
            b.status == "positive"
            and (b.gene, b.alteration, b.detail) in vus
            and all(_LISTED in (e.rule_id or "").split("+") for e in b.evidence)
        )
    ]


def _row_day(b: Biomarker) -> date | None:
    """The date a table row opens with ("2024-11-20 | Liver core | PR | <1%"), when every piece of
    evidence of ``b`` is such a row; else None."""
    days = []
    for e in b.evidence:
        head, bar, _ = e.text.partition("|")
        found = find_dates(head) if bar else []
        if len(found) != 1 or found[0].ambiguous or head.strip() != head[found[0].start : found[0].end]:
            return None
        if (day := iso_day(found[0].iso)) is None:
            return None
        days.append(day)
    return max(days, default=None)


def _without_older_rows(biomarkers: list[Biomarker]) -> list[Biomarker]:
    """Rows of a dated results table that disagree (the primary's "PR 40% positive" of 2019, the liver
    metastasis's "PR <1% negative" of 2025): the later row's result stands, as a later report's does
    (``merge_profiles``). Rows of the same time, and a newer but less specific test, are left to it."""
    days = [_row_day(b) if b.status in SETTLED else None for b in biomarkers]
    if sum(d is not None for d in days) < 2:
        return biomarkers
    older = contradicted_by_later(biomarkers, days, _rank)
    return [b for i, b in enumerate(biomarkers) if i not in older]


def contradicted_by_later(
    items: Sequence[Any], days: Sequence[date | None], rank: Callable[[Any], int] | None = None
) -> set[int]:
    """Indexes of the dated ``items`` (with gene, alteration, origin, detail, status) that a result dated
    more than ``SAME_TIME_DAYS`` later contradicts: same gene, class and origin, the same detail or one
    without; with ``rank``, only a later result ranked at least as high. Undated items (None) take no part."""
    older: set[int] = set()
    for i, (b, day) in enumerate(zip(items, days, strict=True)):
        for o, later in zip(items, days, strict=True):
            if (
                day is not None and later is not None and o.status != b.status
                and (o.gene, o.alteration, o.origin) == (b.gene, b.alteration, b.origin)
                and (o.detail == b.detail or None in (o.detail, b.detail))
                and (later - day).days > SAME_TIME_DAYS and (rank is None or rank(o) >= rank(b))
            ):  # fmt: skip
                older.add(i)
    return older


def collapse(profile: Profile) -> Profile:
    """Same fact read twice in one document -> one fact with both pieces of evidence."""
    by_key: dict[tuple[object, ...], Biomarker] = {}
    kept = _without_older_rows(_without_superseded_unknowns(profile.biomarkers))
    for b in _without_restated_vus(_without_prior_wild_type(kept)):
        key = (b.gene, b.alteration, b.detail, b.status)
        if key in by_key:
            kept = by_key[key]
            _add_evidence(kept.evidence, b.evidence)
            kept.value, kept.origin, kept.method = (
                kept.value or b.value,
                kept.origin or b.origin,
                kept.method or b.method,
            )
        else:
            by_key[key] = b.model_copy(deep=True)
    biomarkers = list(by_key.values())
    detailed = {(b.gene, b.alteration, b.status): b for b in biomarkers if b.detail}
    out = []
    for b in biomarkers:  # "EGFR mutation positive" beside "EGFR exon 19 deletion" is the same fact
        spec = detailed.get((b.gene, b.alteration, b.status)) if b.detail is None else _fuller(b, biomarkers)
        if spec is not None:
            _add_evidence(spec.evidence, b.evidence)
            spec.value = spec.value or b.value
            continue
        out.append(b)
    profile.biomarkers = out
    treatments: dict[str, Treatment] = {}
    withdrawn = _retracted(profile)
    for t in profile.treatments:
        if fact_id("treatment", t.agent) in withdrawn:
            continue
        if t.agent in treatments:
            kept = treatments[t.agent]
            _add_evidence(kept.evidence, t.evidence)
            kept.start = kept.start or t.start
            kept.end = t.end or kept.end
            kept.outcome = combine([(o, "") for o in (kept.outcome, t.outcome) if o])  # progression stays
            kept.line = kept.line or t.line
            kept.regimen = kept.regimen or t.regimen
        else:
            treatments[t.agent] = t.model_copy(deep=True)
    profile.treatments = list(treatments.values())
    procs: dict[tuple[str, str], Procedure] = {}
    for p in profile.procedures:
        pkey = (p.kind, p.name)
        if pkey in procs:
            _add_evidence(procs[pkey].evidence, p.evidence)
            procs[pkey].date = procs[pkey].date or p.date
        else:
            procs[pkey] = p.model_copy(deep=True)
    profile.procedures = list(procs.values())
    return _with_ids(profile)


def _date(profile: Profile) -> str | None:
    for fact in [*profile.biomarkers, *profile.treatments, profile.cancer, profile.stage]:
        for e in fact.evidence:
            if e.document_date:
                return str(e.document_date)
    return None


def _order(profiles: list[Profile]) -> list[Profile]:
    """Chronological: dated reports by date; an undated one keeps its place after the one before it."""
    keyed = []
    last = ""
    for i, p in enumerate(profiles):
        d = _date(p) or last
        last = d
        keyed.append((d, i, p))
    return [p for _, _, p in sorted(keyed, key=lambda x: (x[0], x[1]))]


def _conflict(old: Biomarker, new: Biomarker, note: str) -> ProfileConflict:
    return ProfileConflict(
        field=fact_id("biomarker", old.gene, old.alteration, old.detail),
        values=[old.status, new.status],
        evidence=[*old.evidence, *new.evidence],
        note=note,
    )


SAME_TIME_DAYS = 31  # results this close are one time point: a disagreement is the test's, not the tumour's


def _same_time(a: Biomarker, b: Biomarker) -> bool:
    """Same document, or reports dated within ``SAME_TIME_DAYS``: two labs' PD-L1 on one block in the
    same month disagree about the test, so neither is "newer"; months apart, the later result wins.
    Two reports bundled in one file with dates months apart are two time points as well."""
    da = [d for e in a.evidence if e.document_date and (d := iso_day(str(e.document_date)))]
    db = [d for e in b.evidence if e.document_date and (d := iso_day(str(e.document_date)))]
    if da and db:
        return any(abs((x - y).days) <= SAME_TIME_DAYS for x in da for y in db)
    return bool({e.document for e in a.evidence} & {e.document for e in b.evidence})


def _germline_and_tumour(a: Biomarker, b: Biomarker) -> bool:
    """A germline negative beside a tumour positive: a somatic variant is not inherited, so the two
    answer different questions ("germline TP53 negative, so the tumour TP53 variant is somatic")."""
    neg, pos = (a, b) if a.status == "negative" else (b, a)
    return neg.status == "negative" and pos.status == "positive" and neg.origin == "germline" != pos.origin


def merge_profiles(profiles: list[Profile]) -> Profile:
    """Several documents' profiles -> one case profile (see the module docstring for the rules)."""
    merged = Profile()
    facts: list[Biomarker] = []
    for profile in _order(profiles):
        merged.documents += [d for d in profile.documents if d not in merged.documents]
        merged.corrections += profile.corrections
        merged.conflicts += profile.conflicts
        for new in profile.biomarkers:
            new = new.model_copy(deep=True)
            rivals = [
                b for b in facts
                if b.gene == new.gene and b.alteration == new.alteration
                and (b.detail == new.detail or (b.status != new.status and None in (b.detail, new.detail)))
                and not _germline_and_tumour(b, new)
            ]  # fmt: skip
            same = next((b for b in rivals if b.status == new.status and b.detail == new.detail), None)
            if same is not None:
                _add_evidence(same.evidence, new.evidence)
                same.value = new.value or same.value
                continue
            keep_new = True
            for old in [b for b in rivals if b.status != new.status]:
                if new.status == "unknown":
                    keep_new = False  # a pending or failed test does not undo a result
                elif old.status == "unknown" or "uncertain" in (old.status, new.status):
                    facts.remove(old)  # the result arrived; a VUS reclassified: the later reading wins
                elif _same_time(old, new) or _rank(new) < _rank(old):
                    # neither settles it: both results stay, side by side with the conflict, for a
                    # person to decide (two labs' PD-L1 on one block, a newer but weaker test)
                    merged.conflicts.append(
                        _conflict(old, new, "reports disagree; neither is newer and more specific")
                    )
                else:
                    facts.remove(old)  # the newer, at least as specific result wins
            if keep_new:
                facts.append(new)
        withdrawn = _retracted(profile)  # a later document's "X was never given" removes X read before
        merged.treatments = [t for t in merged.treatments if fact_id("treatment", t.agent) not in withdrawn]
        for t in profile.treatments:
            merged.treatments.append(t.model_copy(deep=True))
        merged.procedures += [p.model_copy(deep=True) for p in profile.procedures]
        _merge_cancer_stage(merged, profile)
    merged.biomarkers = _her2_fish_over_ihc(facts)
    her2_ihc = {b.status for b in merged.biomarkers if b.gene == "ERBB2" and b.alteration == "expression"}
    if len(merged.biomarkers) < len(facts) and len(her2_ihc - {"unknown"}) < 2:
        # ISH settled HER2: its IHC disagreements are settled too
        field = fact_id("biomarker", "ERBB2", "expression", None)
        merged.conflicts = [c for c in merged.conflicts if not c.field.startswith(field)]
    merged.flags = []
    # "AML" in one document, its NPM1 mutation in another: AML with mutated NPM1
    merged.cancer = refined_by_markers(merged.cancer, merged.biomarkers)
    return collapse(merged)


def _her2_fish_over_ihc(facts: list[Biomarker]) -> list[Biomarker]:
    """A HER2 FISH/ISH result settles the HER2 IHC it was done for: an equivocal (2+) or failed
    IHC, and an IHC of its own report (the same specimen) that it contradicts. A definite IHC from
    another report (the primary 3+ while ISH was done on a metastasis) is another specimen's result."""
    fish = [
        b for b in facts if b.gene == "ERBB2" and b.alteration == "amplification" and b.status != "unknown"
    ]
    if not fish:
        return facts
    return [
        b
        for b in facts
        if not (_her2_ihc(b) and (b.status in ("equivocal", "unknown") or _overruled(b, fish)))
    ]


def _overruled(ihc: Biomarker, fish: list[Biomarker]) -> bool:
    """An IHC that an ISH result of its own report contradicts (IHC 1+, ISH amplified)."""
    return any(f.status != ihc.status and _documents(f) & _documents(ihc) for f in fish)


def _her2_ihc(b: Biomarker) -> bool:
    return b.gene == "ERBB2" and b.alteration == "expression" and b.method in (None, "IHC")


def _documents(b: Biomarker) -> set[str]:
    return {e.document for e in b.evidence}


def _lineage(a: str | None, b: str | None) -> str | None:
    """The more specific of two different codes when one is an OncoTree ancestor of the other."""
    if not a or not b or a == b:
        return None
    tree = load_oncotree()
    if a in tree.ancestors(b):
        return b
    if b in tree.ancestors(a):
        return a
    return None


def _merge_cancer_stage(merged: Profile, profile: Profile) -> None:
    new_c, old_c = profile.cancer, merged.cancer
    if new_c.name or new_c.oncotree_code:
        lineage = _lineage(old_c.oncotree_code, new_c.oncotree_code)
        if lineage is not None:  # "CML" then "CML, BCR::ABL1+": the same cancer; the more specific code
            if lineage == new_c.oncotree_code:
                merged.cancer = new_c.model_copy(deep=True)
                _add_evidence(merged.cancer.evidence, old_c.evidence)
            else:
                _add_evidence(merged.cancer.evidence, new_c.evidence)
        elif old_c.oncotree_code and new_c.oncotree_code and old_c.oncotree_code != new_c.oncotree_code:
            merged.conflicts.append(
                ProfileConflict(
                    field="cancer", values=[old_c.oncotree_code, new_c.oncotree_code],
                    evidence=[*old_c.evidence, *new_c.evidence], note="documents name different cancer types",
                )
            )  # fmt: skip
        elif old_c.name is None or (new_c.oncotree_code and not old_c.oncotree_code):
            merged.cancer = new_c.model_copy(deep=True)
        else:
            _add_evidence(merged.cancer.evidence, new_c.evidence)
    # every stage stated goes into the history (oldest first); the current one is chosen below
    add_stages(merged.stage_history, profile.stage_history or of_document([profile.stage]))
    new_s, old_s = profile.stage, merged.stage
    if new_s.group or new_s.t:
        order = {"p": 3, "yp": 3, "c": 2, "yc": 2, "r": 3, "a": 3, None: 1}
        if (
            old_s.group is None
            and old_s.t is None
            or order[new_s.prefix] >= order[old_s.prefix]
            or supersedes(new_s, old_s)  # a later metastatic stage, however loosely classified
        ):
            merged.stage = new_s.model_copy(deep=True)
