"""A cancer code refined by the genetic finding that defines its subtype, read from the profile's
biomarker rows: an AML whose report finds an NPM1 mutation is AML with mutated NPM1 (AMLNPM1), one
with PML::RARA is APL (APLPMLRARA). The rules are data (``marker_subtypes`` in
``rules/cancer_types.json``). The biomarker rows, not the words, decide (a marker read both found
and not found refines nothing): they have been through
negation, criteria masking and the rest, so "NPM1: not detected" or a trial's "NPM1-mutated AML
only" refines nothing. Only the parent code itself is refined; a code the text already made finer
(APLPMLRARA, TAML, AMLNOS) stays as it is.
"""

from __future__ import annotations

from functools import lru_cache

from casewise_core.oncotree import load_oncotree
from casewise_core.profile import Biomarker, Cancer
from pydantic import BaseModel, ConfigDict


class MarkerSubtypeRule(BaseModel):
    """``parent`` becomes ``code`` when a biomarker row of ``gene`` / ``alteration`` is positive
    (for a fusion: its detail names exactly ``partners``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    parent: str
    code: str
    gene: str
    alteration: str
    partners: list[str] = []


@lru_cache(maxsize=1)
def _rules() -> tuple[MarkerSubtypeRule, ...]:
    from casewise_extractor.nlp.cancer import load_rules  # cancer.py imports this module's rule type

    return tuple(load_rules().marker_subtypes)


def _of(rule: MarkerSubtypeRule, b: Biomarker) -> bool:
    """The row is a reading of the rule's marker (any status)."""
    if b.alteration != rule.alteration or b.origin == "germline":
        return False
    if rule.partners:
        parts = {p.strip().upper() for p in (b.detail or "").replace("-", "::").split("::") if p.strip()}
        return parts == set(rule.partners)
    return b.gene == rule.gene


def refined_by_markers(cancer: Cancer, biomarkers: list[Biomarker]) -> Cancer:
    """``cancer`` with the first subtype whose marker a biomarker row finds, else unchanged."""
    for rule in _rules():
        if cancer.oncotree_code != rule.parent:
            continue
        rows = [b for b in biomarkers if _of(rule, b)]
        hit = next((b for b in rows if b.status == "positive"), None)
        if hit is None or any(b.status == "negative" for b in rows):
            continue  # not found, or read both ways ("NPM1: not detected" beside a drug's "NPM1-mutated")
        from casewise_extractor.nlp.cancer import display_name  # cancer.py imports this module

        node = load_oncotree().get(rule.code)
        assert node is not None  # checked against the tree when the rules were compiled
        evidence = [e.model_copy(update={"rule_id": rule.id}) for e in hit.evidence[:1]]
        return cancer.model_copy(
            update={
                "name": display_name(node.name),
                "oncotree_code": rule.code,
                "tissue": node.tissue,
                "evidence": [*cancer.evidence, *evidence],
            },
            deep=True,
        )
    return cancer
