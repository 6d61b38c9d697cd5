"""Reading corpus passages for an answer: lead sentences in plain form, passages that belong to
the patient's cancer type, the "how doctors think about it" passage that fits where the patient is
(growth on a drug aimed at the finding, early cancer and surgery, or the usual approach), and the
general (no-profile) answer built from retrieved passages."""

from __future__ import annotations

import re

from casewise_core.profile import Biomarker, Profile

from casewise_answerer import knowledge as kn
from casewise_answerer import sparse
from casewise_answerer.approaches import doc_passage
from casewise_answerer.corpus import Corpus, Passage
from casewise_answerer.drugs import DrugLexicon
from casewise_answerer.phrasing import Citations, bullets, plain, sentences
from casewise_answerer.questions import SPELLED_OUT
from casewise_answerer.retrieval import Retrieved, intents, question_genes

_CANCER_WORDS = re.compile(
    r"\b(lung|breast|colon|colorectal|rectal|bowel|prostate|melanoma|skin|leuka?emia|aml|cml|gist|uveal|ovar\w*|"
    r"pancrea\w*|bladder|kidney|stomach|gastric|thyroid|brain|glioma|liver|bile|sarcoma)\b",
    re.I,
)


_COMMON = {"cancer", "cancers", "treatment", "tumour", "tumor"}
#: Words of asking what something is, which every "what ... means" heading shares.
_ASKING = {"what", "mean", "means", "meaning", "explain", "result", "report", "testing"}


def _overlap(question: str, p: Passage, *, text: bool = True) -> int:
    """Uncommon words (keyword tokens) the question shares with a passage's title, heading, text."""
    words = set(sparse.tokenize(question)) - _COMMON
    return len(words & set(sparse.tokenize(f"{p.title} {p.heading} {p.text if text else ''}")))


def _is_questions(p: Passage) -> bool:
    """A passage that is a list of questions to ask (not any passage of a document so tagged)."""
    heading = p.heading.lower()
    return "questions-to-ask" in p.topics and ("question" in heading or heading.startswith("about "))


class PassageReader:
    def __init__(self, corpus: Corpus, lexicon: DrugLexicon) -> None:
        self.corpus = corpus
        self.lexicon = lexicon

    def _about_only(self, p: Passage, negative: set[str], avoid: set[str]) -> bool:
        """A passage only about negative genes, or whose title names a drug to avoid."""
        genes = {kn.gene_key(g) for g in p.genes}
        named = set(self.lexicon.find(f"{p.title}\n{p.source_line()}"))
        return bool(genes and genes <= negative) or bool(named & avoid)

    def _lead(self, p: Passage, n: int, avoid: set[str], allowed: set[str] | None = None) -> str:
        """The first ``n`` sentences that name no drug to avoid (and, given ``allowed``, none outside
        it), in plainer form (``phrasing.plain``)."""
        picked: list[str] = []
        for s in sentences(p.text):
            found = set(self.lexicon.find(s))
            if found & avoid or (allowed is not None and not found <= allowed):
                continue
            tail = s.partition(": ")[2]
            picked.append(
                plain(s, names_drug=bool(self.lexicon.find(tail)) or bool(re.search(r"\d{4}", tail)))
            )
            if len(picked) == n:
                break
        return " ".join(picked)

    def asked_passage(
        self, question: str, profile: Profile, doc_id: str, retrieved: list[Retrieved], shown: Passage | None
    ) -> Passage | None:
        """A passage of the finding's document whose heading names what the question asks about,
        beyond the finding itself: "What does MMR mean in my CML report?" is answered by "What a
        major molecular response means", not only by what BCR::ABL1 is. None when the question
        only asks what the finding means (that passage is ``shown`` already)."""
        # a "what does it mean" question, or a term the question reader spelled out ("Have I
        # reached MMR?" in CML); other questions (side effects, surgery) have their own sections
        if "what-it-is" not in intents(question) and not any(t in question for t in SPELLED_OUT):
            return None
        own = f"{profile.cancer.name or ''} " + " ".join(
            f"{b.gene} {b.detail or ''} {b.value or ''} {b.alteration}" for b in profile.biomarkers
        )
        words = set(sparse.tokenize(question)) - _COMMON - set(sparse.tokenize(own)) - _ASKING
        words = {w for w in words if not w.isdigit()}
        for r in retrieved[:3]:
            p = r.passage
            if p.doc_id == doc_id and p != shown and len(words & set(sparse.tokenize(p.heading))) >= 2:
                return None if _is_questions(p) else p
        return None

    def _doc_passage(self, doc_id: str, *cues: str, drug: str | None = None) -> Passage | None:
        return doc_passage(self.corpus, self.lexicon, doc_id, *cues, drug=drug)

    def about_any_cancer(self, question: str) -> bool:
        """A question naming no gene and no cancer type ("Will chemotherapy cure my cancer?")."""
        return not question_genes(question, self.corpus) and not _CANCER_WORDS.search(question)

    def _any_cancer_passages(self, question: str, retrieved: list[Retrieved]) -> list[Retrieved]:
        """Passages for any cancer: retrieved ones first, then the corpus's own that share two or
        more words with the question (keyword retrieval can miss them behind gene-specific ones)."""
        general = [r for r in retrieved if not r.passage.cancer_types and not r.passage.genes]
        seen = {r.passage.id for r in general}
        extra = [
            p for p in self.corpus.passages.values()
            if not p.cancer_types and not p.genes and p.id not in seen and _overlap(question, p) >= 2
        ]  # fmt: skip
        extra.sort(key=lambda p: (-_overlap(question, p), -_overlap(question, p, text=False)))
        return general + [Retrieved(p, 0.0) for p in extra[:3]]

    def _general(
        self,
        question: str,
        profile: Profile | None,
        retrieved: list[Retrieved],
        cites: Citations,
        avoid: set[str],
    ) -> list[str]:
        """An answer from retrieved passages alone (no profile, or a profile with nothing to use).

        A question that names no gene and no cancer type gets the passages for any cancer first:
        "Will chemotherapy cure my cancer?" is not about breast cancer.
        """
        allowed = self._drugs_in_scope(profile)
        if self.about_any_cancer(question):
            retrieved = self._any_cancer_passages(question, retrieved)
        found = []
        for r in retrieved[:3]:
            lead = self._lead(r.passage, 2, avoid, allowed)
            if lead:
                found.append(f"**{r.passage.heading}.** {lead} {cites.ref(r.passage)}")
        parts = ["## What we found", *found] if found else []
        parts.append(
            "## What it means for you\nThis is general information, not about your own test results. "
            "Your oncologist can tell you how it applies to you."
        )
        asks = [r.passage for r in retrieved] + [
            p for p in self.corpus.passages.values() if not p.genes and "questions-to-ask" in p.topics
        ]
        asks = [p for p in asks if _is_questions(p) and bullets(p.text)]
        ask = max(asks, key=lambda p: _overlap(question, p) - 0.01 * asks.index(p), default=None)
        if ask is not None:
            ref = cites.ref(ask)
            qs = [f"- {q} {ref}" for q in bullets(ask.text)[:4]]
            if qs:
                parts.append("## Questions to ask your oncologist\n" + "\n".join(qs))
        return parts

    def _foreign(self, p: Passage, allowed: set[str] | None, profile: Profile | None) -> bool:
        """A passage (text or sources) naming drugs used for other cancers than the patient's."""
        if allowed is None:
            return False
        named = set(self.lexicon.find(f"{p.index_text}\n{p.source_line()}"))
        return bool(named - allowed - set(kn.received_drugs(profile) if profile else []))

    def _drugs_in_scope(self, profile: Profile | None) -> set[str] | None:
        """Drugs a fallback passage may name: those in table rows for the patient's cancer type.

        A general passage about lung cancer drugs must not reach a prostate cancer answer.
        """
        code = profile.cancer.oncotree_code if profile else None
        if not code:
            return None
        return {d for r in self.corpus.actions if kn.cancer_applies(r.cancer_type, code) for d in r.drugs}

    def _thinking(
        self,
        profile: Profile,
        focus: Biomarker | None,
        doc_id: str | None,
        opts: list[kn.Option],
        unusual_focus: bool,
        unusual_doc: str | None,
        cites: Citations,
        avoid: set[str],
    ) -> str:
        """The passage that fits where the patient is: growth on a drug aimed at the finding, early
        cancer and surgery, or the usual approach; for an unusual finding, why those happen."""
        how: Passage | None = None
        grew: set[str] = set()
        if unusual_focus and unusual_doc:
            how = self._doc_passage(unusual_doc, "why")
            reasons = [b.rstrip(";.") for b in bullets(how.text)] if how else []
            if how and reasons:  # the passage is a list of possible reasons: show it as one
                listed = "\n".join(f"- {r[:1].upper()}{r[1:]}." for r in reasons)
                return f"Doctors think of a few possible reasons for this result: {cites.ref(how)}\n{listed}"
        elif doc_id:
            aimed = {d for o in opts if o.biomarker is focus for d in o.row.drugs} - kn.BACKBONE
            grew_on = {t.agent.lower() for t in profile.treatments if t.outcome == "progression"}
            if aimed & grew_on:
                grew = aimed & grew_on
                cues: tuple[str, ...] = ("grow", "resist", "after", "approach", "treat")
            elif not kn.advanced(profile) and kn.stage_rank(profile.stage.group) in {1, 2, 3}:
                cues = ("surgery", "adjuvant", "early", "approach", "treat")
            else:
                cues = ("approach", "option", "advanced", "first", "treat")
            how = self._doc_passage(doc_id, *cues)
            if how is not None and self._about_only(how, set(), avoid):
                how = None  # a passage about a drug this patient's results rule out: its other sentences too
        lead = self._lead(how, 2, avoid) if how else ""
        if how and grew:  # "After osimertinib, ..." speaks to this patient; "If the first drug ..." may not
            said = [plain(x) for x in sentences(how.text) if not set(self.lexicon.find(x)) & avoid]
            own = [x for x in said[1:] if any(f"after {d}" in x.lower() for d in grew)]
            lead = " ".join(said[:1] + own[:1]) if own else lead
        if lead and how:
            return f"{lead} {cites.ref(how)}"
        return (
            "Doctors look at the type of cancer and its stage. They also weigh test results, past "
            "treatment, your health and your wishes."
        )
