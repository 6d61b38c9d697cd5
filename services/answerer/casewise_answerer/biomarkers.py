"""Reading a profile's biomarker results the way the corpus tables ask about them.

Gene names and details in normalised form, a positive finding against a table row (including
threshold details such as ``TPS >=1%`` compared with the result's value), and one status per gene
for ``conditions.csv`` and RAS ``wild-type`` rows: positive, negative (tested, not found) or
unknown. Unknown is never read as negative. HER2 is read by level (``her2``), not by status.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from casewise_core.profile import Biomarker, Profile

from casewise_answerer import her2

GeneStatus = Literal["positive", "negative", "unknown"]
GENE_ALIASES = {
    "HER2": "ERBB2",
    "PD-L1": "CD274",
    "PDL1": "CD274",
    "MSI-H": "MSI",
    "DMMR": "MMR",
    # folate receptor alpha as reports write it ("FRα".upper() is "FRΑ", with a Greek capital)
    "FRΑ": "FOLR1",
    "FR-Α": "FOLR1",
    "FRALPHA": "FOLR1",
    "FR-ALPHA": "FOLR1",
}
#: One test answers the other's question (MSS means mismatch repair is intact, and vice versa).
_LINKED = {"MSI": "MMR", "MMR": "MSI"}
_THRESHOLD = re.compile(r"^(?:(tps|cps)\s*)?(>=|≥|>|<=|≤|<)\s*(\d+(?:\.\d+)?)\s*%?$")
_VALUE = re.compile(r"(?:(tps|cps)\b[^0-9<>≥≤]*)?(>=|≥|>|<=|≤|<)?\s*(\d+(?:\.\d+)?)")


def gene_key(gene: str) -> str:
    g = gene.strip().upper()
    return GENE_ALIASES.get(g, g)


def norm_detail(text: str | None) -> str:
    t = (text or "").lower().strip()
    t = re.sub(r"\bp\.", "", t)
    t = re.sub(r"(\d\+)\s*\(ihc\)", r"ihc \1", t)
    t = re.sub(r"\bex(?:on)?\s*(\d+)\s*del(?:etion)?\b", r"exon \1 deletion", t)
    t = re.sub(r"\bex(?:on)?\s*(\d+)\s*ins(?:ertion)?\b", r"exon \1 insertion", t)
    return re.sub(r"\s+", " ", t)


def _alteration_ok(row_alt: str, b: Biomarker) -> bool:
    if not row_alt or row_alt == b.alteration:
        return True
    return {row_alt, b.alteration} <= {"mutation", "deletion"}


def _measured(b: Biomarker, metric: str | None) -> float | None:
    """The number a result reports (``TPS 60%`` → 60; ``<1%`` → just under 1); None if absent."""
    for text in (b.value, b.detail):
        m = _VALUE.search(norm_detail(text))
        if not m:
            continue
        if metric and m.group(1) and m.group(1) != metric:
            return None  # a CPS is not a TPS
        number = float(m.group(3))
        return number - 0.001 if m.group(2) in {"<", "≤", "<="} else number
    return None


def threshold_met(detail: str, b: Biomarker) -> bool | None:
    """True/False for a threshold detail (``TPS >=1%``); None when ``detail`` is not a threshold."""
    m = _THRESHOLD.match(norm_detail(detail))
    if not m:
        return None
    value = _measured(b, m.group(1))
    if value is None:
        return False
    limit = float(m.group(3))
    return {
        ">=": value >= limit,
        "≥": value >= limit,
        ">": value > limit,
        "<=": value <= limit,
        "≤": value <= limit,
        "<": value < limit,
    }[m.group(2)]


def _typed_for(detail: str, b: Biomarker) -> bool:
    """A typing result read with no detail ("HLA-A*02:01 POSITIVE" read as HLA-A, positive) is a
    result for the allele its test looks for: a row detail naming an allele of the same gene
    (``HLA-A*02:01``) matches it, unless the sentence it was read from names no such allele (a
    report saying "HLA-A*03:01 positive" is not a positive HLA-A*02:01 test)."""
    d = norm_detail(detail)
    gene = b.gene.strip().lower()
    if not d.startswith(f"{gene}*"):
        return False
    allele = re.escape(d.removeprefix(f"{gene}*")).replace(":", ":?")  # "0201" is the older spelling
    said = [e.text for e in b.evidence]
    return not said or any(re.search(rf"\*\s*{allele}(?![\d:])", t) for t in said)


def detail_matches(details: list[str], b: Biomarker) -> bool:
    """Empty details = any; a class word (fusion, amplification) matches any of that class."""
    if not details:
        return True
    mine = {norm_detail(b.detail), norm_detail(b.value)} - {""}
    if not mine and b.alteration == "other":
        return any(_typed_for(raw, b) for raw in details)
    for raw in details:
        met = threshold_met(raw, b)
        if met is not None:
            if met:
                return True
            continue
        d = norm_detail(raw)
        if d == b.alteration or d in mine or any(d in m or m in d for m in mine if len(m) > 2):
            return True
    return False


def positive_match(
    gene: str, alteration: str, details: list[str], b: Biomarker, others: Sequence[Biomarker] = ()
) -> bool:
    """A finding that puts the patient in a row. HER2 level rows match by level, not status: a
    HER2 IHC 1+ result reported "negative" is HER2-low (``others`` give the ISH result for IHC 2+)."""
    if gene_key(b.gene) != gene_key(gene) or not _alteration_ok(alteration, b):
        return False
    wanted = her2.row_levels(alteration, details) if gene_key(gene) == "ERBB2" else None
    if wanted and wanted & her2.LOW and b.alteration == "expression":
        return her2.level(b, [o for o in others if her2.is_her2(o)]) in wanted
    return b.status == "positive" and detail_matches(details, b)


def negative_for_detail(gene: str, alteration: str, details: list[str], profile: Profile) -> bool:
    """The records hold a negative result for the very detail a row needs ("HLA-A*02:01: negative")
    and no result that meets the row, so the row is ruled out although another result of the same
    gene is positive: an HLA-A*03:01 type does not make a patient HLA-A*02:01-positive."""
    if not details:
        return False
    mine = [
        b for b in profile.biomarkers if gene_key(b.gene) == gene_key(gene) and _alteration_ok(alteration, b)
    ]
    if any(positive_match(gene, alteration, details, b, profile.biomarkers) for b in mine):
        return False
    return any(
        b.status == "negative"
        and bool(norm_detail(b.detail) or norm_detail(b.value))
        and detail_matches(details, b)
        for b in mine
    )


def findings(profile: Profile) -> list[Biomarker]:
    """Results to explain and act on: positive results, and HER2-low/ultralow whatever the status
    field says (a HER2-0 result is not one, whatever its status)."""
    mine = [b for b in profile.biomarkers if her2.is_her2(b)]
    out: list[Biomarker] = []
    for b in profile.biomarkers:
        if her2.is_her2(b) and b.alteration == "expression":
            if her2.level(b, mine) in her2.FINDING:
                out.append(b)
        elif b.status == "positive":
            out.append(b)
    return out


def linked_keys(gene: str) -> set[str]:
    """Genes whose result answers the same question (MSI for MMR and back)."""
    key = gene_key(gene)
    return {_LINKED[key]} if key in _LINKED else set()


def gene_status(profile: Profile, gene: str) -> GeneStatus:
    """Positive if any result for the gene is positive, negative if tested and never found, else unknown."""
    key = gene_key(gene)
    keys = {key, _LINKED.get(key, key)}
    mine = [b for b in profile.biomarkers if gene_key(b.gene) in keys]
    if key == "ERBB2":  # HER2-low and -ultralow are HER2-negative for "HER2-negative" labels
        lv = her2.profile_level(profile)
        return "positive" if lv == "positive" else "negative" if lv in her2.NOT_POSITIVE else "unknown"
    if any(b.status == "positive" for b in mine):
        return "positive"
    if any(b.status == "negative" for b in mine):
        return "negative"
    return "unknown"


def detail_status(profile: Profile, gene: str, details: list[str]) -> GeneStatus:
    """Whether the records show one specific change (``p.D842V``) in ``gene``: positive when a
    positive result has it; negative when the gene was tested and the results say what was found
    instead (nothing, or another change); unknown when the gene was not tested, or a positive
    result does not say which change it is."""
    mine = [b for b in profile.biomarkers if gene_key(b.gene) == gene_key(gene)]
    if any(b.status == "positive" and detail_matches(details, b) for b in mine):
        return "positive"
    if any(b.status == "positive" and not (b.detail or b.value) for b in mine):
        return "unknown"
    return "negative" if any(b.status in {"positive", "negative"} for b in mine) else "unknown"


def tested_negative(profile: Profile) -> set[str]:
    """Gene keys tested and never found, as the records word them. HER2 only when HER2-0 (or
    negative with no score): HER2-low is reported "negative" but has a treatment of its own, and
    an IHC 2+ result waits on its ISH test."""
    out = {gene_key(g) for g in profile.negative_genes()}
    if "ERBB2" in out and her2.profile_level(profile) not in {"zero", "negative"}:
        out.discard("ERBB2")
    return out


def negative_keys(profile: Profile) -> set[str]:
    """Gene keys the profile lists negative (never positive); MSI and MMR answer for each other.

    Stricter than ``gene_status``: a HER2-low result is not "HER2 negative" here, because HER2-low
    has treatments of its own.
    """
    out = tested_negative(profile)
    positive = {gene_key(b.gene) for b in profile.positive_biomarkers()}
    for a, b in _LINKED.items():
        if a in out and b not in positive:
            out.add(b)
    return out
