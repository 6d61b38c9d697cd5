"""What the corpus tables say about one profile: options, therapies to avoid, unusual findings, gaps.

Pure functions over ``Corpus`` and ``Profile``; both the offline composer and the LLM answer check
use them, so the two engines agree on what fits a patient and what must never be suggested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewise_core.oncotree import load_oncotree
from casewise_core.profile import Biomarker, Profile

from casewise_answerer import her2
from casewise_answerer.biomarkers import (  # noqa: F401  (re-exported: one place to ask)
    GENE_ALIASES,
    detail_matches,
    detail_status,
    findings,
    gene_key,
    gene_status,
    linked_keys,
    negative_for_detail,
    negative_keys,
    norm_detail,
    positive_match,
    tested_negative,
)
from casewise_answerer.corpus import ActionRow, Condition, Corpus, ExpectedContext, StandardTest
from casewise_answerer.stages import (  # noqa: F401  (re-exported)
    advanced,
    had_surgery,
    residual_disease,
    setting_applies,
    stage_at_diagnosis,
    stage_rank,
    stage_story,
)
from casewise_answerer.therapies import BACKBONE, DRUG_CLASSES, is_class_word  # noqa: F401


def ancestors(code: str | None) -> list[str]:
    return load_oncotree().ancestors(code) if code else []


def cancer_applies(row_code: str, patient_code: str | None) -> bool:
    code = row_code.strip().upper()
    return code in {"ANY", ""} or code in ancestors(patient_code)


def received_drugs(profile: Profile) -> list[str]:
    seen: list[str] = []
    for t in profile.treatments:
        for part in re.split(r"\s*(?:\+|/|,| and )\s*", t.agent.lower()):
            if part and part not in seen:
                seen.append(part)
    return seen


_ANY_PRIOR = {
    "systemic therapy",
    "prior treatment",
    "prior therapy",
    "any prior therapy",
    "prior aml therapy",
    "prior leukaemia therapy",
}
_SURGERY = {"surgical resection", "surgery", "resection"}
#: Wording for "after" requirements met by any earlier drug (the drug itself is not the point).
EARLIER = "earlier treatment"


def after_satisfied(after: str, received: list[str], *, surgery: bool = False) -> str | None:
    """The received drug that satisfies an ``after`` requirement, else None.

    ``after`` is a drug, a class ("EGFR TKI"), alternatives joined by " or ", or requirements
    joined by " + " (all needed); "systemic therapy"/"prior treatment" is met by any drug
    (reported as ``EARLIER``), "surgical resection" by ``surgery``. A "neoadjuvant" qualifier is
    checked by the caller (``options``), which knows the stage.
    """
    met: list[str] = []
    for need in re.split(r"\s+\+\s+", after.lower().strip()):
        found = None
        for alt in re.split(r"\s+or\s+|\s*\|\s*", need):
            alt = alt.replace("chemoradiation", "chemotherapy").removeprefix("neoadjuvant ").strip()
            if alt in _SURGERY:
                found = "surgery" if surgery else None
            elif alt in _ANY_PRIOR and received:
                found = EARLIER
            members = DRUG_CLASSES.get(alt, frozenset({alt}))
            found = found or next((d for d in received if d in members), None)
            if found:
                break
        if found is None:
            return None
        met.append(found)
    return " and ".join(dict.fromkeys(met)) or None


def excluded(row: ActionRow, corpus: Corpus, code: str | None) -> bool:
    mine = set(ancestors(code))
    return any(e.actionability_id == row.id and e.cancer_type.upper() in mine for e in corpus.exclusions)


def is_wild_type(row: ActionRow) -> bool:
    """A row that applies when its gene was tested and found NEGATIVE (RAS wild-type)."""
    return [norm_detail(d) for d in row.details] == ["wild-type"]


@dataclass(frozen=True)
class Option:
    row: ActionRow
    biomarker: Biomarker  # for a wild-type row: the negative result that qualifies the patient
    fit: str  # "after" (its prior-therapy requirement is met), "first-line", "later", "other"
    after_drug: str | None
    already_received: bool
    residual: bool = False  # for cancer still found at surgery after treatment before it

    @property
    def around_surgery(self) -> bool:
        return self.row.setting in {"adjuvant", "neoadjuvant"}

    @property
    def wild_type(self) -> bool:
        return is_wild_type(self.row)


@dataclass(frozen=True)
class Pending:
    """A row whose own biomarker fits but whose label needs results the records do not show."""

    row: ActionRow
    biomarker: Biomarker
    missing: list[str]  # gene keys with no result, in conditions.csv order


def _conditions(row: ActionRow, corpus: Corpus) -> list[Condition]:
    return [c for c in corpus.conditions if c.actionability_id == row.id]


def _condition_state(c: Condition, profile: Profile) -> str:
    """Met, unmet or unknown: an unknown result never counts as meeting a condition. A condition
    with a detail asks about that change only (PDGFRA p.D842V, not any PDGFRA mutation)."""
    status = detail_status(profile, c.gene, c.details) if c.details else gene_status(profile, c.gene)
    if status == "unknown":
        return "unknown"
    want_positive = c.required_status == "positive"
    return "met" if (status == "positive") == want_positive else "unmet"


def _qualifying(row: ActionRow, profile: Profile) -> Biomarker | None:
    """The result that puts the patient in the row: a positive match, or for wild-type a negative."""
    if is_wild_type(row):
        if gene_status(profile, row.gene) != "negative":
            return None
        return next(b for b in profile.biomarkers if gene_key(b.gene) == gene_key(row.gene))
    mine = profile.biomarkers
    return next((b for b in mine if positive_match(row.gene, row.alteration, row.details, b, mine)), None)


def _rows_for(profile: Profile, corpus: Corpus, *, all_if_unknown: bool = False) -> list[ActionRow]:
    code = profile.cancer.oncotree_code
    if not code and all_if_unknown:  # no cancer type: every row could be the one meant
        return list(corpus.actions)
    return [
        r for r in corpus.actions if cancer_applies(r.cancer_type, code) and not excluded(r, corpus, code)
    ]


def _evaluate(
    profile: Profile, corpus: Corpus, *, unmet: bool = False
) -> list[tuple[ActionRow, Biomarker, list[str]]]:
    """Rows whose biomarker fits, with the condition genes still unknown (no condition unmet).

    With ``unmet=True``: the rows whose biomarker fits but a condition is unmet, with those genes.
    """
    out: list[tuple[ActionRow, Biomarker, list[str]]] = []
    for row in _rows_for(profile, corpus):
        b = _qualifying(row, profile)
        if b is None:
            continue
        states = [(c, _condition_state(c, profile)) for c in _conditions(row, corpus)]
        failed = [gene_key(c.gene) for c, state in states if state == "unmet"]
        if bool(failed) != unmet:
            continue
        missing = failed or [gene_key(c.gene) for c, state in states if state == "unknown"]
        out.append((row, b, list(dict.fromkeys(missing))))
    return out


def options(profile: Profile, corpus: Corpus) -> list[Option]:
    """Rows that apply: the biomarker fits and every condition is met by a result in the records."""
    received = received_drugs(profile)
    surgery = had_surgery(profile)
    out: list[Option] = []
    for row, b, missing in _evaluate(profile, corpus):
        if missing or not setting_applies(row, profile):
            continue
        after_drug = after_satisfied(row.after, received, surgery=surgery) if row.after else None
        residual = row.after.lower().startswith("neoadjuvant ")
        if residual and not residual_disease(profile):
            after_drug = None  # the label is for cancer still found at surgery; unknown is not that
        if row.after:
            fit = "after" if after_drug else "later"
        elif row.setting == "first-line":
            fit = "first-line"
        else:
            fit = "other"
        had = all(d in received for d in row.drugs)
        out.append(Option(row, b, fit, after_drug, had, residual and after_drug is not None))
    return out


def pending_options(profile: Profile, corpus: Corpus) -> list[Pending]:
    """Rows that would apply if results missing from the records came back as the label requires."""
    return [
        Pending(row, b, missing)
        for row, b, missing in _evaluate(profile, corpus)
        if missing and setting_applies(row, profile)
    ]


def blocked_options(profile: Profile, corpus: Corpus) -> list[Pending]:
    """Rows whose biomarker fits but whose label another result rules out (``missing`` = those genes)."""
    return [
        Pending(row, b, genes)
        for row, b, genes in _evaluate(profile, corpus, unmet=True)
        if setting_applies(row, profile)
    ]


def wild_type_genes(profile: Profile, corpus: Corpus) -> set[str]:
    """Genes whose negative result qualifies the patient for a wild-type row (applying or pending)."""
    return {gene_key(row.gene) for row, _, _ in _evaluate(profile, corpus) if is_wild_type(row)}


def condition_text(row: ActionRow, gene: str, corpus: Corpus) -> str:
    """Why a row needs a result for ``gene``, in the corpus's words ("label is for HER2-negative ...")."""
    return next((c.reason for c in _conditions(row, corpus) if gene_key(c.gene) == gene), "")


def condition_detail(row: ActionRow, gene: str, corpus: Corpus) -> str:
    """The change a row's condition on ``gene`` is about ("p.D842V"), or '' for the gene's status."""
    c = next((c for c in _conditions(row, corpus) if gene_key(c.gene) == gene), None)
    return " or ".join(c.details) if c is not None else ""


def wild_type_requirement(row: ActionRow, corpus: Corpus) -> list[str]:
    """The genes a wild-type row needs tested and not found: its own gene, then its conditions'."""
    genes = [gene_key(row.gene)]
    genes += [gene_key(c.gene) for c in _conditions(row, corpus) if c.required_status != "positive"]
    return list(dict.fromkeys(genes))


def _ruled_out_by(row: ActionRow, profile: Profile, negative: set[str]) -> str | None:
    """The gene whose result rules the row out as a reason to name its drug, else None.

    A targeted row is ruled out by its own gene being negative, a HER2 level row by another HER2
    level. A wild-type row's negatives are its requirement; it is ruled out only when its gene is
    positive (e.g. anti-EGFR and KRAS).
    """
    if is_wild_type(row):
        return gene_key(row.gene) if gene_status(profile, row.gene) == "positive" else None
    wanted = her2.row_levels(row.alteration, row.details) if gene_key(row.gene) == "ERBB2" else None
    level = her2.profile_level(profile)
    if wanted is not None and level not in {"unknown", "equivocal"}:
        # a HER2 level rules out the other levels' drugs: HER2-low rules out trastuzumab, not T-DXd
        return None if level in wanted else "ERBB2"
    if gene_key(row.gene) in negative or negative_for_detail(row.gene, row.alteration, row.details, profile):
        return gene_key(row.gene)
    return None


def forbidden_drugs(profile: Profile, corpus: Corpus) -> dict[str, str]:
    """Drug → the gene that rules it out, for drugs that must not be suggested to this patient.

    A drug is forbidden only when EVERY row that could justify it for this cancer is ruled out by
    a result in the records. Partners and backbones (chemotherapy, endocrine therapy, leucovorin,
    abiraterone ...) and class words are never forbidden by this rule.
    """
    negative = negative_keys(profile)
    reasons: dict[str, list[str | None]] = {}
    for row in _rows_for(profile, corpus, all_if_unknown=True):
        why = _ruled_out_by(row, profile, negative)
        for d in row.drugs:
            if not is_class_word(d) and d not in BACKBONE:
                reasons.setdefault(d, []).append(why)
    return {d: next(w for w in ws if w) for d, ws in reasons.items() if all(ws)}


def unusual_findings(profile: Profile, corpus: Corpus) -> list[tuple[Biomarker, ExpectedContext]]:
    code = profile.cancer.oncotree_code
    if not code or code.upper() not in load_oncotree():
        return []
    mine = set(ancestors(code))
    out: list[tuple[Biomarker, ExpectedContext]] = []
    for b in findings(profile):
        for ctx in corpus.contexts:
            if positive_match(ctx.gene, ctx.alteration, ctx.details, b, profile.biomarkers):
                if not mine & set(ctx.codes):
                    out.append((b, ctx))
                break
    return out


def missing_tests(profile: Profile, corpus: Corpus) -> list[StandardTest]:
    code = profile.cancer.oncotree_code
    if not code:
        return []
    mine = set(ancestors(code))
    rank = stage_rank(profile.stage.group)
    tested = {gene_key(b.gene) for b in profile.biomarkers}
    if tested & {"MSI", "MMR"}:  # one test answers the other's question
        tested |= {"MSI", "MMR"}
    out: list[StandardTest] = []
    for t in corpus.standard_tests:
        if t.cancer_type.upper() not in mine or gene_key(t.gene) in tested:
            continue
        need = stage_rank(t.min_stage) if t.min_stage.lower() != "any" else None
        if need is not None and rank is not None and rank < need:
            continue
        if _ruled_out_test(t, profile, corpus):
            continue
        if all(gene_key(t.gene) != gene_key(o.gene) for o in out):
            out.append(t)
    return out


def _ruled_out_test(t: StandardTest, profile: Profile, corpus: Corpus) -> bool:
    """A test done only to choose treatments another result already rules out (PIK3CA in
    HER2-positive breast cancer). Tests that also matter for the family are always kept."""
    if re.search(r"germline|famil|inherit|hereditary", t.why, re.I):
        return False
    rows = [r for r in _rows_for(profile, corpus) if gene_key(r.gene) == gene_key(t.gene)]
    return bool(rows) and all(
        any(_condition_state(c, profile) == "unmet" for c in _conditions(r, corpus)) for r in rows
    )
