"""One document in, one profile out: runs the spaCy pipeline per page (and per table row the page
text lacks), turns findings into core facts with evidence, and adds cancer type and stage from
nlp.cancer / nlp.stage when those modules are present.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from casewise_core.document import Document, Page
from casewise_core.oncotree import load_oncotree
from casewise_core.profile import (
    Biomarker,
    Cancer,
    Evidence,
    Flag,
    Procedure,
    Profile,
    Stage,
    Treatment,
    fact_id,
)
from casewise_core.settings import NlpSettings
from spacy.language import Language

from casewise_extractor.nlp.cancer_markers import refined_by_markers
from casewise_extractor.nlp.criteria import mask_criteria
from casewise_extractor.nlp.merge import RETRACTED, collapse, merge_profiles
from casewise_extractor.nlp.pipeline import (
    DOCUMENT_TEXT_KEY,
    TEXT_KEY,
    build_nlp,
    without_listed_restatements,
)
from casewise_extractor.nlp.report_segments import report_segments
from casewise_extractor.nlp.stage_history import completed, of_document
from casewise_extractor.nlp.variants import COPY_NUMBER_LOSS

log = logging.getLogger(__name__)

find_cancer: Callable[[str], Any] | None
find_stage: Callable[..., Any] | None
find_stages: Callable[..., list[Any]] | None
try:  # nlp.cancer / nlp.stage are another engineer's; the pipeline runs without them
    from casewise_extractor.nlp.cancer import find_cancer
except ImportError:  # pragma: no cover - depends on the other module being present
    find_cancer = None
try:
    from casewise_extractor.nlp.stage import find_stage, find_stages
except ImportError:  # pragma: no cover
    find_stage = find_stages = None


def _table_lines(page: Page) -> list[str]:
    """Rows of Page.tables that Page.text does not already carry as "cell | cell" lines."""
    lines = []
    for table in page.tables:
        for row in table.rows:
            cells = [c.strip() for c in row if c and c.strip()]
            line = " | ".join(cells)
            if cells and line not in page.text:
                lines.append(line)
    return lines


class Extractor:
    """The loaded pipeline. Build with ``load_extractor``; ``extract`` is thread-compatible per call."""

    def __init__(self, nlp: Language, model: str) -> None:
        self.nlp = nlp
        self.model = model

    def extract(self, document: Document) -> Profile:
        """One document's profile: every fact with evidence (document, page, span, sentence, rule id).
        A file that bundles reports of different dates is read report by report and merged as
        separate uploads would be (see ``report_segments``)."""
        segments = report_segments(document.pages)
        if len(segments) == 1:
            return self._extract_pages(document, document.pages, segments[0].date if segments else None)
        parts = [self._extract_pages(document, s.pages, s.date) for s in segments]
        merged = merge_profiles(parts)
        merged.flags = [f for p in parts for f in p.flags]  # retractions act on later uploads too
        return merged

    def _extract_pages(self, document: Document, pages: list[Page], date: str | None) -> Profile:
        profile = Profile(documents=[document.name])
        stages: list[Stage] = []  # every stage each page states, for the profile's stage history

        def evidence(
            page: int, text: str, span: tuple[int, int] | None, sent: tuple[int, int], rule: str
        ) -> Evidence:
            return Evidence(
                document=document.name,
                page=page,
                start=span[0] if span else None,
                end=span[1] if span else None,
                text=text[sent[0] : sent[1]].strip(),
                rule_id=rule,
                document_date=date,
            )

        whole = "\n".join(p.text for p in pages)
        listed: set[int] = set()  # ids of biomarkers read from a "genes analysed" list only
        for page in pages:
            cancer_text = page.text
            sources: list[tuple[str, bool]] = [(page.text, True)]
            extra = _table_lines(page)
            if extra:
                sources.append(("\n".join(extra), False))
            for text, spans_valid in sources:
                doc = self.nlp.make_doc(text)
                doc.user_data[TEXT_KEY] = text  # the tokenizer keeps every character: Doc.text is ``text``
                doc.user_data[DOCUMENT_TEXT_KEY] = whole
                doc = self.nlp(doc)
                if spans_valid:  # a trial's criteria ("EX-1 | Acute promyelocytic leukemia") name no cancer
                    cancer_text = mask_criteria(text, doc._.sections, keep_met=True)
                for f in doc._.biomarker_findings:
                    ev = evidence(
                        page.number, text, (f.start, f.end) if spans_valid else None, f.sentence, f.rule_id
                    )
                    profile.biomarkers.append(
                        Biomarker(
                            gene=f.gene, alteration=f.alteration, detail=f.detail, status=f.status,
                            value=f.value, origin=f.origin, method=f.method, evidence=[ev],
                        )
                    )  # fmt: skip
                    if f.listed_only:
                        listed.add(id(profile.biomarkers[-1]))
                for t in doc._.treatment_findings:
                    if t.retracted:  # merge drops the agent here and from earlier documents
                        profile.flags.append(
                            Flag(code=RETRACTED, message=t.rule_id, fact_id=fact_id("treatment", t.agent))
                        )
                        continue
                    ev = evidence(
                        page.number, text, (t.start, t.end) if spans_valid else None, t.sentence, t.rule_id
                    )
                    profile.treatments.append(
                        Treatment(
                            agent=t.agent, start=t.date_start, end=t.date_end, outcome=t.outcome, line=t.line,
                            regimen=t.regimen, evidence=[ev],
                        )
                    )  # fmt: skip
                for p in doc._.procedure_findings:
                    ev = evidence(
                        page.number, text, (p.start, p.end) if spans_valid else None, p.sentence, p.rule_id
                    )
                    profile.procedures.append(Procedure(kind=p.kind, name=p.name, date=p.date, evidence=[ev]))
            self._cancer_and_stage(profile, page.number, page.text, evidence, stages, cancer_text)
        if find_stage is not None and profile.stage.t is None and profile.cancer.tissue:
            # Only once every page had its chance to state a T: an inferred T (from tumour size,
            # per the cancer's AJCC chapter) must never shadow a pT stated on a later page.
            for page in pages:
                s = find_stage(page.text, tissue=profile.cancer.tissue)
                if s is not None and s.t is not None:
                    profile.stage = self._stage(s, page.number, page.text, evidence)
                    break
        if listed:  # an appendix's gene list on one page, the gene's own result on another
            profile.biomarkers = without_listed_restatements(profile.biomarkers, lambda b: id(b) in listed)
        profile.stage_history = of_document([*stages, profile.stage])
        profile.stage = completed(profile.stage, profile.stage_history)
        profile.cancer = refined_by_markers(profile.cancer, profile.biomarkers)  # AML + NPM1 -> AMLNPM1
        return collapse(_with_mmr_signature(_without_restated_losses(profile)))

    def _cancer_and_stage(
        self, profile: Profile, page: int, text: str, evidence: Any, stages: list[Stage], cancer_text: str
    ) -> None:
        if find_cancer is not None:
            c = find_cancer(cancer_text)  # ``text`` with trial criteria blanked: same offsets
            # the first page's cancer stands, unless a later page names a finer node under it (page 1
            # "salivary carcinoma", page 2 "secretory carcinoma of salivary gland": HNMASC, a SACA)
            first = profile.cancer.oncotree_code
            if c is not None and (
                profile.cancer.name is None
                or (first and first in load_oncotree().ancestors(c.oncotree_code)[1:])
            ):
                profile.cancer = Cancer(
                    name=c.name, oncotree_code=c.oncotree_code, histology=c.histology, tissue=c.tissue,
                    evidence=[evidence(page, text, (c.start, c.end), _line(text, c.start, c.end), c.rule_id)],
                )  # fmt: skip
        if find_stages is not None:
            # Stated stages only; inference from size waits for all pages. The first is the page's
            # main stage; the others are other time points ("initially cT2 ... now ypT1").
            found = [self._stage(s, page, text, evidence) for s in find_stages(text)]
            if found and profile.stage.group is None and profile.stage.t is None:
                profile.stage = found[0]
            stages.extend(found)

    @staticmethod
    def _stage(s: Any, page: int, text: str, evidence: Any) -> Stage:
        return Stage(
            group=s.group,
            t=s.t,
            n=s.n,
            m=s.m,
            prefix=s.prefix,
            evidence=[evidence(page, text, (s.start, s.end), _line(text, s.start, s.end), s.rule_id)],
        )


MMR_PROTEINS = ("MLH1", "MSH2", "MSH6", "PMS2")


def _without_restated_losses(profile: Profile) -> Profile:
    """A gene's copy-number "loss" ("SMAD4 | loss (exons 1-12)") dropped where the same report also
    gives the gene's deletion ("SMAD4 | homozygous deletion (exons 1-12) | CN 0"): one event printed
    two ways, so one row, the deletion. A loss the report gives alone stays a loss, as written."""
    deleted = {b.gene for b in profile.biomarkers if b.alteration == "deletion" and b.status == "positive"}
    profile.biomarkers = [
        b
        for b in profile.biomarkers
        if not (
            b.gene in deleted
            and b.alteration == "loss"
            and b.status in ("positive", "uncertain")
            and b.evidence
            and all(COPY_NUMBER_LOSS in e.rule_id.split("+") for e in b.evidence)
        )
    ]
    return profile


def _with_mmr_signature(profile: Profile) -> Profile:
    """All four mismatch-repair proteins retained is proficient MMR (pMMR), the overall result a
    report states as "MMR: proficient" - added when the report lists the four stains but not the word.
    Only the reassuring direction is derived: a loss stays with its own protein, as stated."""
    if any(b.gene == "MMR" for b in profile.biomarkers):
        return profile
    stains = [b for b in profile.biomarkers if b.gene in MMR_PROTEINS and b.alteration == "loss"]
    retained = {b.gene for b in stains if b.status == "negative"}
    if retained != set(MMR_PROTEINS) or any(b.status != "negative" for b in stains):
        return profile
    evidence = [b.evidence[0].model_copy(update={"rule_id": "derived.pmmr"}) for b in stains if b.evidence]
    profile.biomarkers.append(
        Biomarker(
            gene="MMR",
            alteration="signature",
            status="negative",
            value="pMMR",
            method="IHC",
            evidence=evidence,
        )
    )
    return profile


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1) + 1
    hi = min(i for i in (text.find("\n", end), text.find(". ", end), len(text)) if i >= 0)
    return lo, hi


_CACHE: dict[str, Extractor] = {}


def load_extractor(settings: NlpSettings | None = None) -> Extractor:
    """The extractor for ``settings.spacy_model`` ("blank" offline default), loaded once per process."""
    model = (settings or NlpSettings()).spacy_model
    if model not in _CACHE:
        t0 = time.perf_counter()
        _CACHE[model] = Extractor(build_nlp(model), model)
        log.info("nlp pipeline loaded", extra={"model": model, "seconds": round(time.perf_counter() - t0, 2)})
    return _CACHE[model]
