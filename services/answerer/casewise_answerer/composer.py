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
from casewise_answerer.approaches import ApproachWriter, doc_passage
from casewise_answerer.corpus import Corpus, Passage
from casewise_answerer.drugs import DrugLexicon
from casewise_answerer.phrasing import (
    DISCLAIMER,
    Citations,
    article,
    bullets,
    describe,
    sentences,
    where,
)
from casewise_answerer.retrieval import Retrieved, drug_genes, question_genes


class Composer:
    def __init__(self, corpus: Corpus, lexicon: DrugLexicon) -> None:
        self.corpus = corpus
        self.lexicon = lexicon
        self.writer = ApproachWriter(corpus, lexicon)

    def _about_only(self, p: Passage, negative: set[str], avoid: set[str]) -> bool:
        """A passage only about negative genes, or whose title names a drug to avoid."""
        genes = {kn.gene_key(g) for g in p.genes}
        named = set(self.lexicon.find(f"{p.title}\n{p.source_line()}"))
        return bool(genes and genes <= negative) or bool(named & avoid)

    def _lead(self, p: Passage, n: int, avoid: set[str]) -> str:
        picked = [
            s for s in sentences(p.text) if not set(self.lexicon.find(s)) & avoid and not s.endswith(":")
        ][:n]
        return " ".join(picked)

    def _doc_passage(self, doc_id: str, *cues: str, drug: str | None = None) -> Passage | None:
        return doc_passage(self.corpus, self.lexicon, doc_id, *cues, drug=drug)

    def _focus_doc(self, b: Biomarker, profile: Profile, retrieved: list[Retrieved]) -> str | None:
        def fits(alterations: tuple[str, ...] | list[str]) -> bool:  # ER expression is not an ESR1 mutation
            kinds = {a.lower() for a in alterations}
            return not kinds & {"mutation", "expression", "amplification", "fusion"} or b.alteration in kinds

        for r in retrieved:
            if kn.gene_key(b.gene) in {kn.gene_key(g) for g in r.passage.genes} and fits(
                r.passage.alterations
            ):
                return r.passage.doc_id
        scope = set(kn.ancestors(profile.cancer.oncotree_code))
        docs = [
            d for d in self.corpus.docs.values() if kn.gene_key(b.gene) in {kn.gene_key(g) for g in d.genes}
        ]
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
        parts = self._personal(question, profile, retrieved, cites, avoid) if profile else []
        if not parts:
            parts.append("## What we found")
            for r in retrieved[:3]:
                lead = self._lead(r.passage, 2, avoid)
                if lead:
                    parts.append(f"**{r.passage.title}.** {lead} {cites.ref(r.passage)}")
        # At least two sources: more retrieved passages, then the corpus's general guidance.
        general = [p for p in self.corpus.passages.values() if not p.genes and "questions-to-ask" in p.topics]
        for p in [r.passage for r in retrieved] + general:
            if len(cites.passages) >= 2:
                break
            if p not in cites.passages and not set(self.lexicon.find(p.title + p.source_line())) & avoid:
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
        positives = profile.positive_biomarkers()
        negative = {kn.gene_key(g) for g in profile.negative_genes()}
        named = question_genes(question, self.corpus)
        asked = named | drug_genes(question, self.corpus)
        for gene in sorted((named | (asked & negative)) - {kn.gene_key(b.gene) for b in positives}):
            if gene in negative:
                out.append(
                    f"**Not found in your records:** your records show {gene} was tested and the result was "
                    f"negative, so treatments aimed at {gene} are not expected to fit your case."
                )
            else:
                out.append(
                    f"**Not found in your records:** we did not find a positive {gene} result in your "
                    "records. If you were told about one, ask your care team for that report."
                )
        focus = next((b for b in positives if kn.gene_key(b.gene) in asked), None)
        opts = kn.options(profile, self.corpus)
        wild = [o for o in opts if o.wild_type]  # qualified by negative results: never the "finding"
        opts = [o for o in opts if not o.wild_type]
        if focus is None and not asked:  # a genomic finding with a next option before a receptor level
            ranked = sorted(opts, key=lambda o: (o.fit != "after", o.biomarker.alteration == "expression"))
            focus = next((o.biomarker for o in ranked), positives[0] if positives else None)
        doc_id = self._focus_doc(focus, profile, retrieved) if focus else None
        if focus is None and wild:
            doc_id = wild[0].row.doc_id
        if (focus or wild) and doc_id:
            what = (
                self._doc_passage(doc_id, "what", "about", "understand")
                or self.corpus.doc_passages(doc_id)[0]
            )
            head = "What the finding is" if focus else "What your result means"
            out.append(f"## {head}\n{self._lead(what, 3, avoid)} {cites.ref(what)}")
        out.append("## What it means for you\n" + self._about_you(profile, focus))
        for b, ctx in kn.unusual_findings(profile, self.corpus):
            unusual = next((p for p in self.corpus.passages.values() if "unusual-finding" in p.topics), None)
            ref = f" {cites.ref(unusual)}" if unusual else ""
            out.append(
                f"**Unusual for your cancer type:** {article(describe(b))} is not typical of "
                f"{profile.cancer.name or 'your cancer type'} ({ctx.note.rstrip('.')}). "
                "Ask whether the result should be checked, and whether a specialist or a "
                "molecular tumor board can review it." + ref
            )
        unusual_focus = any(b is focus for b, _ in kn.unusual_findings(profile, self.corpus))
        if (focus or wild) and doc_id and not unusual_focus:  # another cancer's treatment would mislead
            how = self._doc_passage(doc_id, "approach", "treat", "first")
            if how:
                out.append(f"## How doctors think about it\n{self._lead(how, 2, avoid)} {cites.ref(how)}")
        focus_opts = [o for o in opts if focus is None or o.biomarker is focus]
        out.append(
            self._approaches(
                profile, focus, set(self.lexicon.find(question)), focus_opts, wild, retrieved, cites, avoid
            )
        )
        others = list({id(o.biomarker): o.biomarker for o in opts if o.biomarker is not focus}.values())
        if focus is not None and others:  # the question picked one finding; do not hide the rest
            found = ", ".join(article(describe(b)) for b in others[:2])
            out[-1] += f"\nYour records also show {found}, with treatments aimed at it: ask about those too."
        missing = kn.missing_tests(profile, self.corpus)
        if missing:
            out.append(self.writer.missing_tests(missing, cites))
        ask_doc = doc_id
        if unusual_focus:
            ask_doc = next(
                (p.doc_id for p in self.corpus.passages.values() if "unusual-finding" in p.topics), None
            )
        out.append("## Questions to ask your oncologist\n" + self._questions(focus, ask_doc, opts, cites))
        if focus:
            why = f"Knowing that your cancer has {article(describe(focus))} can open treatments aimed at it."
        elif wild:
            why = "Knowing that no RAS mutation was found can open treatments that would not help otherwise."
        else:
            why = "Your cancer type, stage and biomarker results guide which treatments fit."
        out.append(f"## Why it matters\n{why} Your doctors combine this with your health and your wishes.")
        return out

    def _about_you(self, profile: Profile, focus: Biomarker | None) -> str:
        lines: list[str] = []
        if focus:
            lines.append(f"{where(focus)} {article(describe(focus))}.")
        cancer = profile.cancer.name or profile.cancer.oncotree_code
        if cancer:
            stage = f", stage {profile.stage.group}" if profile.stage.group else ""
            lines.append(f"Your records describe {cancer}{stage}.")
        drugs = kn.received_drugs(profile)
        if drugs:
            prog = [t.agent for t in profile.treatments if t.outcome == "progression"]
            note = f" The cancer grew during {', '.join(prog)}." if prog else ""
            lines.append(f"Treatment listed in your records: {', '.join(drugs)}.{note}")
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
        after = [o for o in opts if o.fit == "after"]
        chosen = after or [o for o in opts if o.fit in {"first-line", "other"}]
        lines: list[str] = []
        if after:
            drugs = ", ".join(sorted({o.after_drug or "" for o in after}))
            lines.append(
                f"Because your records list {drugs}, these are the options doctors consider after {drugs}:"
            )
        elif chosen:
            lines.append("Treatments aimed at this finding that doctors consider:")
        else:
            chosen = [o for o in opts if o.fit == "later"]
            if chosen:
                lines.append("Treatments aimed at this finding are used after an earlier treatment:")
        seen: set[str] = set()
        lines += self.writer.option_lines(chosen, cites, avoid, seen)
        if not seen:
            lines = []
        lines += self.writer.wild_type_lines(wild, cites, avoid, seen)
        lines += self.writer.pending_lines(profile, cites, avoid, seen)
        lines += self.writer.blocked_lines(profile, focus, named, cites, avoid, seen)
        rank = kn.stage_rank(profile.stage.group)
        if seen and rank is not None and rank <= 2:
            lines.append(
                "Most of these are used for advanced cancer; at an earlier stage doctors usually talk "
                "first about surgery, radiation or treatment around surgery."
            )
        unusual = kn.unusual_findings(profile, self.corpus)
        if not seen and unusual:
            p = next((p for p in self.corpus.passages.values() if "unusual-finding" in p.topics
                      and "evidence" in p.heading.lower()), None)  # fmt: skip
            ref = f" {cites.ref(p)}" if p else ""
            lines.append(
                f"Medicines aimed at {article(describe(unusual[0][0]))} are approved for other cancer types; "
                "whether they help in yours is not established. A specialist or a molecular tumor board can "
                f"say whether a clinical trial or another approach makes sense.{ref}"
            )
            return head + "\n" + "\n".join(lines)
        if not seen:
            relevant = {kn.gene_key(b.gene) for b in profile.positive_biomarkers()}
            general = [r for r in retrieved if not r.passage.genes or relevant & set(r.passage.genes)]
            if not relevant:
                lines.append(
                    "Your records do not show a finding with a treatment aimed at it. Doctors then choose "
                    "treatment by cancer type, stage and any other test results."
                )
            for r in general[:2]:
                lead = self._lead(r.passage, 2, avoid)
                if lead:
                    lines.append(f"{lead} {cites.ref(r.passage)}")
        return head + "\n" + "\n".join(lines)

    def _questions(
        self, focus: Biomarker | None, doc_id: str | None, opts: list[kn.Option], cites: Citations
    ) -> str:
        qs: list[str] = []
        p = self._doc_passage(doc_id, "question") if doc_id else None
        if p is not None:
            ref = cites.ref(p)
            qs += [f"{q} {ref}" for q in bullets(p.text)]
        if focus:
            qs.append(f"What does my {describe(focus)} mean for my treatment choices?")
        if any(o.fit == "after" for o in opts):
            qs.append("Would a new biopsy or a blood test help choose the next treatment?")
        qs += ["Are there clinical trials that fit my case?", "What side effects should I watch for?"]
        return "\n".join(f"- {q}" for q in dict.fromkeys(qs))
