"""Profile-aware retrieval: the question plus the profile become a filter, expansion terms and a rerank.

- Cancer type: passages whose ``cancer_types`` hold the patient's OncoTree code or an ancestor, or
  that apply to any cancer. A positive biomarker also admits its gene's background passages from
  other cancer types (an unusual finding still needs explaining).
- Positive biomarkers (gene + detail) and drugs already received (→ resistance, next line) expand
  the keyword query. Negative biomarkers never do, and passages only about negative genes are
  dropped unless the question names that gene.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewise_core.profile import Profile
from qdrant_client import models as qm

from casewise_answerer import her2, sparse
from casewise_answerer.corpus import Corpus, Passage
from casewise_answerer.index import ANY_CANCER, PassageIndex
from casewise_answerer.knowledge import (
    advanced,
    ancestors,
    findings,
    gene_key,
    negative_keys,
    options,
    received_drugs,
    stage_rank,
    unusual_findings,
    wild_type_genes,
)
from casewise_answerer.phrasing import display_gene

BACKGROUND_TOPICS = ["what-it-is", "testing", "unusual-finding", "questions-to-ask", "general"]
INTENTS: dict[str, tuple[str, ...]] = {
    "after-progression": ("after", "progress", "stopped working", "next", "grow", "worse", "second"),
    "resistance": ("resist", "stopped working", "mutation came", "new mutation"),
    "side-effects": ("side effect", "side-effect", "toxicit", "feel"),
    "clinical-trials": ("trial", "study", "studies"),
    "testing": ("test", "biopsy", "liquid", "ngs", "sequenc"),
    "what-it-is": ("what is", "what does", "what's", "mean", "explain"),
    "questions-to-ask": ("ask", "questions"),
    "hereditary": ("hereditary", "inherit", "family", "germline", "children", "relatives"),
    "first-line": ("first", "start", "initial", "best treatment", "options"),
    "adjuvant-neoadjuvant": ("surgery", "adjuvant", "after surgery", "before surgery", "recur"),
    "unusual-finding": ("unusual", "rare", "strange", "expected"),
}


@dataclass(frozen=True)
class Retrieved:
    passage: Passage
    score: float


def question_genes(question: str, corpus: Corpus) -> set[str]:
    """Genes the question names (HGNC symbols or aliases such as HER2, PD-L1)."""
    known = {gene_key(g) for d in corpus.docs.values() for g in d.genes}
    known |= {gene_key(r.gene) for r in corpus.actions}
    words: set[str] = set()
    for w in re.findall(r"(?:[^\W_]|-)+", question):  # letters include Greek ones (FRα)
        words |= {gene_key(w), *(gene_key(part) for part in w.split("-"))}
    return {w for w in words if w in known and len(w) > 1}


def drug_genes(question: str, corpus: Corpus) -> set[str]:
    """Genes targeted by drugs the question names, where the drug targets exactly one gene."""
    q = question.lower()
    out: set[str] = set()
    targets: dict[str, set[str]] = {}
    for row in corpus.actions:
        for drug in row.drugs:
            targets.setdefault(drug, set()).add(gene_key(row.gene))
    for drug, genes in targets.items():
        if len(genes) == 1 and re.search(rf"\b{re.escape(drug)}\b", q):
            out |= genes
    return out


def intents(question: str) -> set[str]:
    q = question.lower()
    return {topic for topic, cues in INTENTS.items() if any(c in q for c in cues)}


_ADVANCED_WORDS = set(sparse.tokenize("advanced metastatic grows progression"))
_SURGERY_WORDS = set(sparse.tokenize("surgery adjuvant neoadjuvant early earlier"))


def _stage_words(profile: Profile) -> tuple[set[str], set[str]] | None:
    """Heading words to favour and to disfavour at the patient's stage (None if it is not known)."""
    rank = stage_rank(profile.stage.group)
    if advanced(profile):
        return _ADVANCED_WORDS, _SURGERY_WORDS
    if rank is not None and rank <= 3:
        return _SURGERY_WORDS, set()
    return None


class Retriever:
    def __init__(self, index: PassageIndex, corpus: Corpus) -> None:
        self.index = index
        self.corpus = corpus

    def _filter(self, profile: Profile | None) -> qm.Filter | None:
        code = profile.cancer.oncotree_code if profile else None
        if not profile or not code:
            return None
        scope = [c.upper() for c in ancestors(code)] or [code.upper()]
        should: list[qm.Condition] = [
            qm.FieldCondition(key="cancer_types", match=qm.MatchAny(any=[*scope, ANY_CANCER]))
        ]
        positive = sorted({b.gene for b in findings(profile)})
        if positive:
            should.append(
                qm.Filter(
                    must=[
                        qm.FieldCondition(key="genes", match=qm.MatchAny(any=positive)),
                        qm.FieldCondition(key="topics", match=qm.MatchAny(any=BACKGROUND_TOPICS)),
                    ]
                )
            )
        return qm.Filter(should=should)

    def expansion(self, question: str, profile: Profile | None) -> tuple[dict[str, float], str]:
        """Keyword expansion weights and the dense query text."""
        if profile is None:
            return {}, question
        extra: dict[str, float] = {}
        context: list[str] = []
        if profile.cancer.name:
            extra[profile.cancer.name] = 0.2
            context.append(profile.cancer.name)
        asked = question_genes(question, self.corpus) | drug_genes(question, self.corpus)
        for b in findings(profile):
            weight = 0.8 if not asked or gene_key(b.gene) in asked else 0.3
            shown = display_gene(b.gene)
            alias = f" {shown}" if shown != b.gene else ""
            level = her2.named(b, profile.biomarkers) if her2.is_her2(b) else None
            level = f" {level}" if level and level.lower() not in (b.detail or "").lower() else ""
            extra[f"{b.gene}{alias} {b.detail or ''} {b.alteration}{level}"] = weight
            context.append(f"{b.gene} {b.detail or b.alteration}")
        shown_level = her2.profile_level(profile)
        if "ERBB2" in asked and shown_level in {"zero", "negative", "equivocal"}:
            # a HER2 result that is not a finding still has a level to explain (HER2-0, IHC 2+)
            extra[f"HER2 {shown_level} IHC score ISH HER2-low"] = 0.5
        if unusual_findings(profile, self.corpus):
            extra["unusual finding rare for cancer type specialist review"] = 0.5
        wild = {gene_key(o.row.gene) for o in options(profile, self.corpus) if o.wild_type}
        if wild:  # tested negative where that is what a treatment needs (RAS wild-type)
            extra[f"{' '.join(sorted(wild))} wild-type"] = 0.6
            context.append(f"{'/'.join(sorted(wild))} wild-type")
        wants_next = bool(intents(question) & {"after-progression", "resistance"})
        for drug in received_drugs(profile):
            extra[drug] = 0.7 if wants_next else 0.3
            context.append(f"after {drug}")
        return extra, f"{question} ({'; '.join(context)})" if context else question

    def retrieve(self, question: str, profile: Profile | None = None, k: int = 5) -> list[Retrieved]:
        extra, dense_text = self.expansion(question, profile)
        hits = self.index.search(
            dense_text, sparse.query_vector(question, extra), self._filter(profile), limit=30
        )
        negative = negative_keys(profile) - wild_type_genes(profile, self.corpus) if profile else set()
        asked = question_genes(question, self.corpus) | drug_genes(question, self.corpus)
        positive = {gene_key(b.gene) for b in findings(profile)} if profile else set()
        scope = set(ancestors(profile.cancer.oncotree_code)) if profile else set()
        wanted = intents(question)
        unusual = profile is not None and bool(unusual_findings(profile, self.corpus))
        if unusual:
            wanted.add("unusual-finding")
        topic_words = {t for topic in wanted for t in sparse.tokenize(topic)}
        q_tokens = set(sparse.tokenize(question))
        stage_words = _stage_words(profile) if profile is not None else None
        level = her2.profile_level(profile) if profile is not None else "unknown"
        scored: list[Retrieved] = []
        for rank, hit in enumerate(hits):
            p = self.corpus.passages.get(hit.passage_id)
            if p is None:
                continue
            genes = {gene_key(g) for g in p.genes}
            if genes and genes <= negative and not genes & asked:
                continue
            score = 1.0 / (10 + rank)
            if genes & (asked | positive):
                score += 0.02
            elif genes and (asked or profile is not None):
                score -= 0.02 if asked else 0.012  # about a gene the patient has no finding in
            levels = her2.passage_levels(p.alterations) if "ERBB2" in genes else frozenset()
            if levels and level in her2.FINDING:  # HER2-low is not HER2-positive, nor the reverse
                score += 0.01 if level in levels else -0.03
            if scope & set(p.cancer_types):
                score += 0.01
            elif scope and p.cancer_types and not unusual:
                score -= 0.04  # another cancer type's passage about the same gene (HER2 in colon cancer)
            heading = set(sparse.tokenize(p.heading))
            score += 0.012 * len(heading & q_tokens) + 0.01 * len(heading & topic_words)
            if stage_words:  # the section for where the patient is (advanced disease, or surgery)
                score += 0.012 * bool(heading & stage_words[0]) - 0.012 * bool(heading & stage_words[1])
            score += 0.008 * len(wanted & set(p.topics))
            scored.append(Retrieved(p, score))
        scored.sort(key=lambda r: r.score, reverse=True)
        return scored[:k]
