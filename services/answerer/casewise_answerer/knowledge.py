"""What the corpus tables say about one profile: options, therapies to avoid, unusual findings, gaps.

Pure functions over ``Corpus`` and ``Profile``; both the offline composer and the LLM answer check
use them, so the two engines agree on what fits a patient and what must never be suggested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewise_core.oncotree import load_oncotree
from casewise_core.profile import Biomarker, Profile

from casewise_answerer.corpus import ActionRow, Corpus, ExpectedContext, StandardTest

#: Drug classes that appear in the ``after`` column, as the generics that belong to them.
DRUG_CLASSES: dict[str, frozenset[str]] = {
    "egfr tki": frozenset({"erlotinib", "gefitinib", "afatinib", "dacomitinib", "osimertinib", "lazertinib"}),
    "alk tki": frozenset({"crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib", "ensartinib"}),
    "ros1 tki": frozenset({"crizotinib", "entrectinib", "repotrectinib", "taletrectinib", "lorlatinib"}),
    "platinum chemotherapy": frozenset({"carboplatin", "cisplatin", "oxaliplatin"}),
    "chemotherapy": frozenset(
        {
            "carboplatin",
            "cisplatin",
            "oxaliplatin",
            "pemetrexed",
            "docetaxel",
            "paclitaxel",
            "gemcitabine",
            "fluorouracil",
            "capecitabine",
            "irinotecan",
            "etoposide",
            "cyclophosphamide",
            "doxorubicin",
        }
    ),
    "immunotherapy": frozenset(
        {
            "pembrolizumab",
            "nivolumab",
            "atezolizumab",
            "durvalumab",
            "cemiplimab",
            "ipilimumab",
            "dostarlimab",
        }
    ),
    "fluoropyrimidine": frozenset({"fluorouracil", "capecitabine"}),
    "anti-her2": frozenset({"trastuzumab", "pertuzumab", "trastuzumab deruxtecan", "trastuzumab emtansine"}),
    "endocrine therapy": frozenset({"tamoxifen", "letrozole", "anastrozole", "exemestane", "fulvestrant"}),
    "cdk4/6 inhibitor": frozenset({"palbociclib", "ribociclib", "abemaciclib"}),
    "braf inhibitor": frozenset({"vemurafenib", "dabrafenib", "encorafenib"}),
}
DRUG_CLASSES["ros1 inhibitor"] = DRUG_CLASSES["ros1 tki"]
DRUG_CLASSES["alk inhibitor"] = DRUG_CLASSES["alk tki"]
DRUG_CLASSES["egfr inhibitor"] = DRUG_CLASSES["egfr tki"]
DRUG_CLASSES["pd-1/pd-l1 inhibitor"] = DRUG_CLASSES["immunotherapy"]
DRUG_CLASSES["checkpoint inhibitor"] = DRUG_CLASSES["immunotherapy"]
DRUG_CLASSES["endocrine"] = DRUG_CLASSES["endocrine therapy"]

GENE_ALIASES = {"HER2": "ERBB2", "PD-L1": "CD274", "PDL1": "CD274", "MSI-H": "MSI", "DMMR": "MMR"}
_ROMAN = [("IV", 4), ("III", 3), ("II", 2), ("I", 1), ("0", 0)]


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


def ancestors(code: str | None) -> list[str]:
    return load_oncotree().ancestors(code) if code else []


def cancer_applies(row_code: str, patient_code: str | None) -> bool:
    code = row_code.strip().upper()
    return code in {"ANY", ""} or code in ancestors(patient_code)


def _alteration_ok(row_alt: str, b: Biomarker) -> bool:
    if not row_alt or row_alt == b.alteration:
        return True
    return {row_alt, b.alteration} <= {"mutation", "deletion"}


def detail_matches(details: list[str], b: Biomarker) -> bool:
    """Empty details = any; a class word (fusion, amplification) matches any of that class."""
    if not details:
        return True
    mine = {norm_detail(b.detail), norm_detail(b.value)} - {""}
    for d in (norm_detail(x) for x in details):
        if d == b.alteration or d in mine or any(d in m or m in d for m in mine if len(m) > 2):
            return True
    return False


def positive_match(gene: str, alteration: str, details: list[str], b: Biomarker) -> bool:
    return (
        b.status == "positive"
        and gene_key(b.gene) == gene_key(gene)
        and _alteration_ok(alteration, b)
        and detail_matches(details, b)
    )


def received_drugs(profile: Profile) -> list[str]:
    seen: list[str] = []
    for t in profile.treatments:
        for part in re.split(r"\s*(?:\+|/|,| and )\s*", t.agent.lower()):
            if part and part not in seen:
                seen.append(part)
    return seen


_ANY_PRIOR = {"systemic therapy", "prior treatment", "prior therapy", "any prior therapy"}


def after_satisfied(after: str, received: list[str]) -> str | None:
    """The received drug that satisfies an ``after`` requirement, else None.

    ``after`` is a drug, a class ("EGFR TKI"), alternatives joined by " or ", or requirements
    joined by " + " (all needed); "systemic therapy"/"prior treatment" is met by any drug.
    """
    met: list[str] = []
    for need in re.split(r"\s+\+\s+", after.lower().strip()):
        found = None
        for alt in re.split(r"\s+or\s+|\s*\|\s*", need):
            alt = alt.replace("chemoradiation", "chemotherapy").strip()
            if alt in _ANY_PRIOR and received:
                found = received[-1]
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


@dataclass(frozen=True)
class Option:
    row: ActionRow
    biomarker: Biomarker
    fit: str  # "after" (its prior-therapy requirement is met), "first-line", "later", "other"
    after_drug: str | None
    already_received: bool


def options(profile: Profile, corpus: Corpus) -> list[Option]:
    code = profile.cancer.oncotree_code
    received = received_drugs(profile)
    out: list[Option] = []
    for row in corpus.actions:
        if not cancer_applies(row.cancer_type, code) or excluded(row, corpus, code):
            continue
        b = next(
            (b for b in profile.biomarkers if positive_match(row.gene, row.alteration, row.details, b)), None
        )
        if b is None:
            continue
        after_drug = after_satisfied(row.after, received) if row.after else None
        if row.after:
            fit = "after" if after_drug else "later"
        elif row.setting == "first-line":
            fit = "first-line"
        else:
            fit = "other"
        had = all(d in received for d in row.drugs)
        out.append(Option(row, b, fit, after_drug, had))
    return out


def forbidden_drugs(profile: Profile, corpus: Corpus) -> dict[str, str]:
    """Drug → the negative gene it targets; drugs that also fit a positive finding are allowed."""
    negative = {gene_key(g) for g in profile.negative_genes()}
    allowed = {d for o in options(profile, corpus) for d in o.row.drugs}
    out: dict[str, str] = {}
    for row in corpus.actions:
        if gene_key(row.gene) in negative:
            for d in row.drugs:
                if d not in allowed and d not in _GENERIC_PARTNERS:
                    out[d] = gene_key(row.gene)
    return out


# Chemotherapy partners in a targeted combination are not "for" the biomarker itself.
_GENERIC_PARTNERS = DRUG_CLASSES["chemotherapy"]


def unusual_findings(profile: Profile, corpus: Corpus) -> list[tuple[Biomarker, ExpectedContext]]:
    code = profile.cancer.oncotree_code
    if not code or code.upper() not in load_oncotree():
        return []
    mine = set(ancestors(code))
    out: list[tuple[Biomarker, ExpectedContext]] = []
    for b in profile.positive_biomarkers():
        for ctx in corpus.contexts:
            if positive_match(ctx.gene, ctx.alteration, ctx.details, b):
                if not mine & set(ctx.codes):
                    out.append((b, ctx))
                break
    return out


def stage_rank(group: str | None) -> int | None:
    g = (group or "").upper().strip()
    for roman, rank in _ROMAN:
        if g.startswith(roman):
            return rank
    return None


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
        if all(gene_key(t.gene) != gene_key(o.gene) for o in out):
            out.append(t)
    return out
