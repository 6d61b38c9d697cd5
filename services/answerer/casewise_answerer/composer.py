"""The offline composer: a deterministic answer built from the corpus and the actionability table.

It is the default engine (no LLM configured) and the fallback when an LLM answer fails its check.
The shape follows what patients know from clinic letters: what the finding is, what it means for
you, how doctors think about it, approaches that fit your stage and history, questions to ask, why
it matters, a safety disclaimer, numbered sources. It quotes the records only for the finding
itself (document and page), never their sentences.
"""

from __future__ import annotations

from casewise_core.answer import Citation
from casewise_core.profile import Biomarker, Profile

from casewise_answerer import knowledge as kn
from casewise_answerer.approaches import ApproachWriter
from casewise_answerer.corpus import Corpus
from casewise_answerer.drugs import DrugLexicon
from casewise_answerer.notices import asked_result, fitting_questions, germline_line, intent_notes
from casewise_answerer.phrasing import (
    DISCLAIMER,
    Citations,
    article,
    bullets,
    describe,
    joined,
    period,
    where,
)
from casewise_answerer.reader import PassageReader
from casewise_answerer.retrieval import Retrieved, drug_genes, question_genes

#: Markers that are not a driver with its own drugs: their passages are general enough to explain
#: the usual treatment when the records show no targetable finding (immunotherapy in lung cancer).
BROAD = {"CD274", "TMB"}


class Composer(PassageReader):
    def __init__(self, corpus: Corpus, lexicon: DrugLexicon) -> None:
        super().__init__(corpus, lexicon)
        self.writer = ApproachWriter(corpus, lexicon)

    def _focus_doc(
        self, b: Biomarker, profile: Profile, retrieved: list[Retrieved], opts: list[kn.Option]
    ) -> str | None:
        """The document that explains the finding for THIS cancer: a table row's document for the
        patient's own cancer type first (HER2 3+ in breast is the breast HER2 document, not the
        tumour-agnostic one), then retrieved passages, then any document about the gene."""
        for o in opts:
            if o.biomarker is b and o.row.cancer_type.upper() != "ANY" and o.row.doc_id in self.corpus.docs:
                return o.row.doc_id

        def fits(alterations: tuple[str, ...] | list[str]) -> bool:  # ER expression is not an ESR1 mutation
            kinds = {a.lower() for a in alterations}
            return not kinds & {"mutation", "expression", "amplification", "fusion"} or b.alteration in kinds

        scope = set(kn.ancestors(profile.cancer.oncotree_code))
        key = kn.gene_key(b.gene)
        hits = [
            r.passage
            for r in retrieved
            if key in {kn.gene_key(g) for g in r.passage.genes} and fits(r.passage.alterations)
        ]
        hits.sort(key=lambda p: not scope & set(p.cancer_types))
        if hits:
            return hits[0].doc_id
        docs = [d for d in self.corpus.docs.values() if key in {kn.gene_key(g) for g in d.genes}]
        docs.sort(key=lambda d: (not fits(d.alterations), not scope & set(d.cancer_types), len(d.genes)))
        return docs[0].id if docs else None

    def compose(
        self, question: str, profile: Profile | None, retrieved: list[Retrieved]
    ) -> tuple[str, list[Citation]]:
        cites = Citations()
        avoid = set(kn.forbidden_drugs(profile, self.corpus)) if profile else set()
        if profile is not None:
            negative = kn.negative_keys(profile) - kn.wild_type_genes(profile, self.corpus)
            retrieved = [r for r in retrieved if not self._about_only(r.passage, negative, avoid)]
        parts = intent_notes(question, profile)
        personal = self._personal(question, profile, retrieved, cites, avoid) if profile else []
        parts += personal or self._general(question, profile, retrieved, cites, avoid)
        # At least two sources: more retrieved passages, then the corpus's general guidance.
        general = [p for p in self.corpus.passages.values() if not p.genes and "questions-to-ask" in p.topics]
        allowed = self._drugs_in_scope(profile)
        for p in [r.passage for r in retrieved] + general:
            if len(cites.passages) >= 2:
                break
            if p in cites.passages or self._foreign(p, allowed, profile):
                continue
            if profile is None and (p.cancer_types or p.genes) and self.about_any_cancer(question):
                continue
            if profile is not None and kn.advanced(profile) and "surgery" in p.heading.lower():
                continue
            if not set(self.lexicon.find(p.title + p.source_line())) & avoid:
                parts.append(f"See also: {p.title} {cites.ref(p)}")
        parts.append(DISCLAIMER)
        parts.append(
            "## Sources\n"
            + "\n".join(f"{i}. {p.title}: {p.source_line()}" for i, p in enumerate(cites.passages, 1))
        )
        return "\n\n".join(parts), cites.build()

    def _personal(
        self, question: str, profile: Profile, retrieved: list[Retrieved], cites: Citations, avoid: set[str]
    ) -> list[str]:
        out: list[str] = []
        positives = kn.findings(profile)
        negative = kn.tested_negative(profile)
        named = question_genes(question, self.corpus)
        asked = named | drug_genes(question, self.corpus)
        missing_asked = sorted((named | (asked & negative)) - {kn.gene_key(b.gene) for b in positives})
        for gene in missing_asked:
            out.append(asked_result(profile, gene, gene in negative))
        opts = kn.options(profile, self.corpus)
        wild = [o for o in opts if o.wild_type]  # qualified by negative results: never the "finding"
        opts = [o for o in opts if not o.wild_type]
        focus = next((b for b in positives if kn.gene_key(b.gene) in asked), None)
        if focus is None:  # a genomic finding with a next option before a receptor level
            ranked = sorted(opts, key=lambda o: (o.fit != "after", o.biomarker.alteration == "expression"))
            focus = next((o.biomarker for o in ranked), positives[0] if positives else None)
            if focus is not None and missing_asked:
                out.append(
                    f"Your records do show {article(describe(focus, profile.biomarkers))}. "
                    "The rest of this answer is about that."
                )
        unusual = kn.unusual_findings(profile, self.corpus)
        unusual_focus = any(b is focus for b, _ in unusual)
        unusual_doc = next(
            (p.doc_id for p in self.corpus.passages.values() if "unusual-finding" in p.topics), None
        )
        doc_id = self._focus_doc(focus, profile, retrieved, opts) if focus else None
        if focus is None and wild:
            doc_id = wild[0].row.doc_id
        if (focus or wild) and doc_id:
            what = (
                self._doc_passage(doc_id, "what", "about", "understand")
                or self.corpus.doc_passages(doc_id)[0]
            )
            asked_p = self.asked_passage(question, profile, doc_id, retrieved, what)
            asked_lead = self._lead(asked_p, 3, avoid) if asked_p else ""
            if asked_p and asked_lead:  # what the question asks about first, under its own heading
                out.append(f"## {asked_p.heading}\n{asked_lead} {cites.ref(asked_p)}")
            head = "What the finding is" if focus else "What your result means"
            # another cancer's treatment claims would mislead: keep only what the finding is
            lead = self._lead(what, 1 if unusual_focus else 3, avoid)
            out.append(f"## {head}\n{lead} {cites.ref(what)}")
        out.append("## What it means for you\n" + self._about_you(profile, focus))
        for b, ctx in unusual:
            p = self._doc_passage(unusual_doc, "why") if unusual_doc else None
            ref = f" {cites.ref(p)}" if p else ""
            note = period(ctx.note.split(";")[0])  # where it is typical; the advice follows in our words
            out.append(
                f"**Unusual for your cancer type:** {article(describe(b))} is not typical of "
                f"{profile.cancer.name or 'your cancer type'}. {note} Ask whether the result "
                "should be checked, and whether a specialist or a molecular tumor board can review it." + ref
            )
        out.append(
            "## How doctors think about it\n"
            + self._thinking(profile, focus, doc_id, opts, unusual_focus, unusual_doc, cites, avoid)
        )
        focus_opts = [o for o in opts if focus is None or o.biomarker is focus]
        out.append(
            self._approaches(
                profile, focus, set(self.lexicon.find(question)), focus_opts, wild, retrieved, cites, avoid
            )
        )
        linked = {kn.gene_key(focus.gene), *kn.linked_keys(focus.gene)} if focus else set()
        others = list(
            {
                id(o.biomarker): o.biomarker
                for o in opts
                if o.biomarker is not focus and kn.gene_key(o.biomarker.gene) not in linked
            }.values()
        )
        if focus is not None and others:  # the question picked one finding; do not hide the rest
            found = joined([article(describe(b)) for b in others[:2]])
            out[-1] += (
                f"\nYour records also show {found}. Some treatments are aimed at that too: ask about them."
            )
        missing = kn.missing_tests(profile, self.corpus)
        if missing:
            driver = any(kn.gene_key(o.biomarker.gene) not in BROAD for o in opts)
            out.append(self.writer.missing_tests(missing, cites, grouped=driver))
        ask_doc = unusual_doc if unusual_focus else doc_id
        out.append(
            "## Questions to ask your oncologist\n" + self._questions(profile, focus, ask_doc, opts, cites)
        )
        if unusual_focus:
            why = "An unusual result needs a second look before it changes your treatment."
        elif focus:
            aim = "choose treatments aimed at it" if focus_opts else "understand your cancer"
            why = f"Your {describe(focus, profile.biomarkers)} helps your doctors {aim}."
        elif wild:
            why = "Knowing that no RAS mutation was found can open treatments that would not help otherwise."
        else:
            why = "Your cancer type, stage and test results guide which treatments fit."
        out.append(
            f"## Why it matters\n{why} Your doctors also weigh your health, past treatment and wishes."
        )
        return out

    def _about_you(self, profile: Profile, focus: Biomarker | None) -> str:
        lines: list[str] = []
        if focus:
            lines.append(
                f"{where(focus)} {article(describe(focus, profile.biomarkers))}.{germline_line(focus.origin)}"
            )
            # the same test's negative results say what the focus does not: an HLA-A*03:01 type
            # beside "HLA-A*02:01: negative", an EGFR exon 19 deletion beside "T790M not detected"
            negatives = [
                b
                for b in profile.biomarkers
                if b.status == "negative"
                and b.detail
                and b.detail != focus.detail
                and b.alteration == focus.alteration
                and kn.gene_key(b.gene) == kn.gene_key(focus.gene)
            ]
            if negatives:
                also = joined([f"a negative {describe(b)}" for b in negatives[:2]])
                lines.append(f"Your records also show {also}.")
        cancer = profile.cancer.name or profile.cancer.oncotree_code
        if cancer:
            stage = f", stage {profile.stage.group}" if profile.stage.group else ""
            lines.append(f"Your records describe {cancer}{stage}.")
        story = kn.stage_story(profile)  # after neoadjuvant therapy: the stage at diagnosis too
        if story:
            lines.append(story)
        drugs = kn.received_drugs(profile)
        if drugs:
            prog = [t.agent for t in profile.treatments if t.outcome == "progression"]
            note = f" The cancer grew during {joined(prog)}." if prog else ""
            lines.append(f"Treatment listed in your records: {joined(drugs)}.{note}")
        if kn.residual_disease(profile):
            lines.append("Your stage after treatment (yp) means some cancer was still found at surgery.")
        return " ".join(lines) or "Your records did not give enough detail to personalise this answer."

    def _approaches(
        self,
        profile: Profile,
        focus: Biomarker | None,
        named: set[str],
        opts: list[kn.Option],
        wild: list[kn.Option],
        retrieved: list[Retrieved],
        cites: Citations,
        avoid: set[str],
    ) -> str:
        head = "## Treatment approaches that fit your stage and history"
        seen: set[str] = set()
        lines = self.writer.treatment_section(profile, opts, cites, avoid, seen)
        lines += self.writer.wild_type_lines(wild, cites, avoid, seen)
        lines += self.writer.pending_lines(profile, cites, avoid, seen)
        lines += self.writer.blocked_lines(profile, focus, named, cites, avoid, seen)
        rank = kn.stage_rank(profile.stage.group)
        if seen and rank is not None and rank <= 2 and not any(o.around_surgery for o in opts):
            lines.append(
                "Most of these are used for advanced cancer. At an earlier stage doctors usually talk "
                "first about surgery, radiation or treatment around surgery."
            )
        unusual = kn.unusual_findings(profile, self.corpus)
        if not seen and unusual:
            p = next((p for p in self.corpus.passages.values() if "unusual-finding" in p.topics
                      and "evidence" in p.heading.lower()), None)  # fmt: skip
            ref = f" {cites.ref(p)}" if p else ""
            lines.append(
                f"Medicines aimed at {article(describe(unusual[0][0]))} are approved for other cancer types. "
                "Whether they help in yours is not known. A specialist or a molecular tumor board can "
                f"say whether a clinical trial or another approach makes sense.{ref}"
            )
            return head + "\n" + "\n".join(lines)
        if not seen:
            relevant = {kn.gene_key(b.gene) for b in kn.findings(profile)}
            allowed = self._drugs_in_scope(profile)
            scope = set(kn.ancestors(profile.cancer.oncotree_code))
            general = [
                r
                for r in retrieved
                if (not r.passage.genes or relevant & set(r.passage.genes) or set(r.passage.genes) <= BROAD)
                and (not r.passage.cancer_types or scope & set(r.passage.cancer_types))
                and not self._foreign(r.passage, allowed, profile)
            ]
            if not relevant:
                lines.append(
                    "Your records do not show a finding with a treatment aimed at it. Doctors then choose "
                    "treatment by cancer type, stage and any other test results."
                )
            for r in general[:2]:
                lead = self._lead(r.passage, 2, avoid, allowed)
                if lead:
                    lines.append(f"{lead} {cites.ref(r.passage)}")
        return head + "\n" + "\n".join(lines)

    def _questions(
        self,
        profile: Profile,
        focus: Biomarker | None,
        doc_id: str | None,
        opts: list[kn.Option],
        cites: Citations,
    ) -> str:
        qs: list[str] = []
        p = self._doc_passage(doc_id, "question") if doc_id else None
        if p is None:  # no document for a finding: the general questions, about results or treatment
            cue = "biomarker" if kn.missing_tests(profile, self.corpus) else "treatment"
            general = [
                q for q in self.corpus.passages.values() if not q.genes and "questions-to-ask" in q.topics
            ]
            p = next((q for q in general if cue in q.heading.lower() and bullets(q.text)), None)
        if p is not None:
            kept = fitting_questions(bullets(p.text), profile)
            if kept:
                ref = cites.ref(p)
                qs += [f"{q} {ref}" for q in kept]
        if focus:
            qs.append(f"What does my {describe(focus, profile.biomarkers)} mean for my treatment choices?")
        if kn.advanced(profile) and any(o.fit == "after" and not o.around_surgery for o in opts):
            qs.append("Would a new biopsy or a blood test help choose the next treatment?")
        qs += ["Are there clinical trials that fit my case?", "What side effects should I watch for?"]
        return "\n".join(f"- {q}" for q in dict.fromkeys(qs))
