"""The answerer: retrieve passages for a question and a profile, generate, check, fall back.

``Answerer.from_settings()`` loads the corpus, opens the index (building or updating it by content
hash), loads the dense model once, and picks the engine: an OpenAI-compatible LLM when
``llm_base_url`` is set, else the offline composer. An LLM answer that names an ungrounded drug,
or a drug for a negative biomarker, is regenerated once and then replaced by the composer's
(``engine="llm-fallback"`` with a warning).
"""

from __future__ import annotations

import logging

from casewise_core.answer import Answer, Citation
from casewise_core.errors import LlmUnavailable
from casewise_core.profile import Profile
from casewise_core.settings import AnswererSettings
from qdrant_client import QdrantClient
from qdrant_client import models as qm

from casewise_answerer import her2
from casewise_answerer import knowledge as kn
from casewise_answerer.composer import DISCLAIMER, Composer, describe
from casewise_answerer.corpus import Corpus, Passage, load_corpus, resolve_corpus_dir
from casewise_answerer.drugs import DrugLexicon, check_answer
from casewise_answerer.embedder import load_embedder, resolve_model_dir
from casewise_answerer.index import PassageIndex, SyncReport, open_client
from casewise_answerer.llm import LlmEngine, build_messages, link_citations
from casewise_answerer.phrasing import display_gene
from casewise_answerer.questions import MMR_MEANING, mmr_is_response, read_question
from casewise_answerer.retrieval import Retrieved, Retriever, question_genes

log = logging.getLogger(__name__)


def case_collection(collection: str) -> str:
    """Per-case vectors (if any) live apart from the corpus, keyed by ``case_id`` payload."""
    return f"{collection}_cases"


class Answerer:
    def __init__(
        self,
        corpus: Corpus,
        index: PassageIndex,
        llm: LlmEngine | None = None,
        sync_report: SyncReport | None = None,
    ) -> None:
        self.corpus = corpus
        self.index = index
        self.retriever = Retriever(index, corpus)
        self.lexicon = DrugLexicon(corpus)
        self.composer = Composer(corpus, self.lexicon)
        self.llm = llm
        self.sync_report = sync_report

    @classmethod
    def from_settings(
        cls,
        settings: AnswererSettings | None = None,
        *,
        client: QdrantClient | None = None,
        stream: bool = False,
    ) -> Answerer:
        settings = settings or AnswererSettings()
        corpus = load_corpus(resolve_corpus_dir(settings))
        model_dir = resolve_model_dir(settings.dense_model)
        embedder = load_embedder(model_dir) if model_dir else None
        index = PassageIndex(
            client or open_client(settings), settings.collection, embedder, server=bool(settings.qdrant_url)
        )
        report = index.sync(corpus)
        llm = LlmEngine(settings, stream=stream) if settings.llm_base_url else None
        return cls(corpus, index, llm, report)

    def close(self) -> None:
        self.index.client.close()

    @property
    def dense(self) -> bool:
        return self.index.embedder is not None

    def retrieve(self, question: str, profile: Profile | None = None, k: int = 5) -> list[Retrieved]:
        return self.retriever.retrieve(read_question(question, profile), profile, k)

    def answer(self, question: str, profile: Profile | None = None) -> Answer:
        profile = profile if profile is not None and _has_content(profile) else None
        asked = read_question(question, profile)  # "MMR" in CML, "FRα": what the question means
        retrieved = self.retriever.retrieve(asked, profile, k=6)
        warnings: list[str] = []
        engine = "offline"
        result: tuple[str, list[Citation]] | None = None
        if self.llm is not None:
            try:
                result = self._generate(question, profile, [r.passage for r in retrieved], warnings)
                engine = "llm" if result else "llm-fallback"
            except LlmUnavailable:
                warnings.append("The language model was unavailable; this answer was composed offline.")
                engine = "llm-fallback"
        if result is None:
            result = self.composer.compose(asked, profile, retrieved)
        text, citations = result
        return Answer(
            question=question,
            answer_markdown=text,
            personalized=profile is not None,
            citations=citations,
            profile=profile,
            suggested_questions=self.suggest_questions(profile) if profile else [],
            engine=engine,
            warnings=warnings,
        )

    def _notes(self, question: str, profile: Profile | None) -> list[str]:
        """What the LLM is told beside the passages; ``question`` as the patient wrote it."""
        notes: list[str] = []
        if mmr_is_response(question, profile):
            notes.append(f"Here MMR means a {MMR_MEANING} in CML, not mismatch repair.")
        if profile is None:
            return notes
        question = read_question(question, profile)
        positive = {kn.gene_key(b.gene) for b in kn.findings(profile)}
        for gene in sorted(question_genes(question, self.corpus) - positive):
            notes.append(f"No positive {gene} result was found in the patient's records.")
        notes += _her2_notes(profile)
        for b, ctx in kn.unusual_findings(profile, self.corpus):
            notes.append(
                f"The {describe(b)} is unusual for this cancer type; suggest a specialist or "
                f"molecular tumor board review. ({ctx.note})"
            )
        for t in kn.missing_tests(profile, self.corpus):
            notes.append(
                f"No {display_gene(t.gene)} result was found in the records; "
                "suggest asking whether it was tested."
            )
        for p in kn.pending_options(profile, self.corpus):
            notes.append(
                f"{p.row.therapy} fits only with a {'/'.join(p.missing)} result the records do not show "
                f"({kn.condition_text(p.row, p.missing[0], self.corpus)}): do not present it as fitting."
            )
        for p in kn.blocked_options(profile, self.corpus):
            why = kn.condition_text(p.row, p.missing[0], self.corpus)
            notes.append(
                f"{p.row.therapy} does not fit: its label needs a different {'/'.join(p.missing)} result"
                + (f" ({why})." if why else ".")
            )
        forbidden = sorted(kn.forbidden_drugs(profile, self.corpus))
        if forbidden:
            notes.append("Do not suggest these (they target a negative biomarker): " + ", ".join(forbidden))
        return notes

    def _generate(
        self, question: str, profile: Profile | None, passages: list[Passage], warnings: list[str]
    ) -> tuple[str, list[Citation]] | None:
        assert self.llm is not None
        messages = build_messages(question, profile, passages, self._notes(question, profile))
        for attempt in range(2):
            raw = self.llm.generate(messages)
            text, cited = link_citations(raw, passages)
            check = check_answer(text, cited, profile, self.corpus, self.lexicon)
            if check.ok:
                body = text if DISCLAIMER in text else f"{text}\n\n{DISCLAIMER}"
                sources = "\n".join(f"{i}. {p.title}: {p.source_line()}" for i, p in enumerate(cited, 1))
                citations = [
                    Citation(id=p.id, title=p.title, source=p.source_line(), number=i)
                    for i, p in enumerate(cited, 1)
                ]
                return f"{body}\n\n## Sources\n{sources}", citations
            log.warning(
                "llm answer failed its check (attempt %d): %d problems", attempt + 1, len(check.reasons())
            )
            messages = [
                *messages,
                {"role": "assistant", "content": raw},
                {
                    "role": "user",
                    "content": "Your answer failed a safety check: "
                    + "; ".join(check.reasons())
                    + ". Rewrite it following the rules.",
                },
            ]
        warnings.append(
            "The language model's answer failed a safety check; this answer was composed offline."
        )
        return None

    def suggest_questions(self, profile: Profile | None) -> list[str]:
        if profile is None:
            return ["What is biomarker testing?", "What questions should I ask my oncologist?"]
        out: list[str] = []
        for b in kn.findings(profile):
            out.append(f"What does my {describe(b, profile.biomarkers)} mean?")
        for drug in kn.received_drugs(profile):
            out.append(f"What are options after {drug}?")
        if kn.unusual_findings(profile, self.corpus):
            out.append("Is my biomarker result unusual for my cancer type?")
        for t in kn.missing_tests(profile, self.corpus)[:2]:
            out.append(f"Should I be tested for {display_gene(t.gene)}?")
        out.append("What questions should I ask my oncologist?")
        return list(dict.fromkeys(out))[:6]

    def delete_case_vectors(self, case_id: str) -> int:
        """Delete every vector stored for ``case_id``; returns how many were removed."""
        name = case_collection(self.index.collection)
        client = self.index.client
        if not client.collection_exists(name):
            return 0
        flt = qm.Filter(must=[qm.FieldCondition(key="case_id", match=qm.MatchValue(value=case_id))])
        n = int(client.count(name, count_filter=flt, exact=True).count)
        if n:
            client.delete(name, points_selector=qm.FilterSelector(filter=flt))
        return n


def _has_content(profile: Profile) -> bool:
    return bool(
        profile.cancer.name or profile.cancer.oncotree_code or profile.biomarkers or profile.treatments
    )


def _her2_notes(profile: Profile) -> list[str]:
    """The HER2 level for the model: the status field alone reads HER2-low as plain "negative"."""
    level = her2.profile_level(profile)
    if level in her2.LOW:
        return [
            f"The HER2 result is HER2-{level}, though reported as HER2-negative: HER2-{level} has its own "
            "approved treatment (see the passages); never say HER2-directed treatment cannot help."
        ]
    if level == "equivocal":
        return ["The HER2 result is IHC 2+ with no ISH result: equivocal; an ISH test decides."]
    return []
