"""The composer's table-driven sections: treatment approaches that fit, and tests not found.

Options come from ``knowledge`` (actionability rows whose biomarker and conditions are met);
each named therapy is grounded in a passage of the row's document, which is cited. Rows that
would fit but need a result the records do not show are named with what is missing, never as
fitting. RAS wild-type rows are explained as "tested, no mutation found", never as a finding.
"""

from __future__ import annotations

import re

from casewise_core.profile import Biomarker, Profile

from casewise_answerer import knowledge as kn
from casewise_answerer.corpus import Corpus, Passage, StandardTest
from casewise_answerer.drugs import DrugLexicon
from casewise_answerer.phrasing import STATUS, Citations, display_gene, display_therapy, joined, period

#: Missing tests shown one per line; the rest are grouped on one line (all still named).
MISSING_SHOWN = 3
PENDING_SHOWN = 4


def doc_passage(
    corpus: Corpus, lexicon: DrugLexicon, doc_id: str, *cues: str, drug: str | None = None
) -> Passage | None:
    ps = corpus.doc_passages(doc_id)
    if drug:
        ps = [p for p in ps if drug in lexicon.find(p.index_text)]
    for cue in cues:
        for p in ps:
            if cue in p.heading.lower():
                return p
    return ps[0] if ps and not cues else None


def grounded_therapy(
    corpus: Corpus, lexicon: DrugLexicon, doc_id: str, drugs: list[str], *, around_surgery: bool = True
) -> tuple[str, list[Passage]] | None:
    """The therapy's name and the passages that mention each drug in it; None if a drug has none.

    A chemotherapy partner no passage names is called "chemotherapy"; class words pass as they are.
    """
    parts: list[str] = []
    passages: list[Passage] = []
    for drug in drugs:
        if drug not in lexicon.names:
            parts.append(drug)
            continue
        p = doc_passage(corpus, lexicon, doc_id, drug=drug)
        if p is not None and not around_surgery and "surgery" in p.heading.lower():
            # cite the advanced-disease passage for an advanced-disease option when one names it
            ps = [q for q in corpus.doc_passages(doc_id) if drug in lexicon.find(q.index_text)]
            p = next((q for q in ps if "surgery" not in q.heading.lower()), p)
        if p is None:
            if drug in kn.DRUG_CLASSES["chemotherapy"] | {"leucovorin"}:
                parts.append("chemotherapy")
                continue
            return None
        parts.append(drug)
        if p not in passages:
            passages.append(p)
    if not passages:
        return None
    return " + ".join(dict.fromkeys(parts)), passages


class ApproachWriter:
    def __init__(self, corpus: Corpus, lexicon: DrugLexicon) -> None:
        self.corpus = corpus
        self.lexicon = lexicon

    def option_lines(
        self, opts: list[kn.Option], cites: Citations, avoid: set[str], seen: set[str]
    ) -> list[str]:
        lines: list[str] = []
        mine: dict[str, int] = {}  # therapy → its line here: a second label for it adds its "when"
        for o in opts:
            grounded = grounded_therapy(
                self.corpus, self.lexicon, o.row.doc_id, o.row.drugs, around_surgery=o.around_surgery
            )
            if grounded is None or set(o.row.drugs) & avoid:
                continue
            name, passages = grounded
            when = self.when(o.row.id)
            if name in mine and when:
                lines[mine[name]] += f" Also {STATUS[o.row.status]}{self._year(o)}: {when}."
                continue
            if name in seen:
                continue
            seen.add(name)
            mine[name] = len(lines)
            had = "; you have already had this" if o.already_received else ""
            refs = "".join(sorted((cites.ref(p) for p in passages), key=lambda r: int(r.strip("[]"))))
            line = f"- **{display_therapy(name)}** ({STATUS[o.row.status]}{self._year(o)}{had}) {refs}"
            lines.append(f"{line}: {when}." if when else line)
        return lines

    def when(self, row_id: str) -> str:
        """The label's conditions in plain words (``indications.csv``), or ''."""
        return next((i.when for i in self.corpus.indications if i.actionability_id == row_id), "")

    @staticmethod
    def _year(o: kn.Option) -> str:
        approved = o.row.approval_year and o.row.status == "fda-approved"
        return f" in {o.row.approval_year}" if approved else ""

    def treatment_section(
        self, profile: Profile, opts: list[kn.Option], cites: Citations, avoid: set[str], seen: set[str]
    ) -> list[str]:
        """The options that fit where the patient is now: around surgery for early cancer (and only
        the cancer-still-found-at-surgery option when that is the case), the next option after a
        treatment the cancer grew on, else the first options; later ones in one short list."""
        around = [o for o in opts if o.around_surgery]
        if around:
            residual = [o for o in around if o.residual]
            after = [o for o in around if o.fit == "after"]
            chosen = residual or after or [o for o in around if o.fit != "later"]
            if residual:
                head = (
                    f"Cancer was still found at surgery after {residual[0].after_drug} given before it. "
                    "In this case doctors consider:"
                )
            elif after:
                head = "After surgery, doctors consider:"
            else:
                head = "Treatment around surgery (before or after it) that doctors consider:"
            later = [o for o in around if o not in chosen and not residual]
            lines = self._listed(head, chosen, cites, avoid, seen)
            also = " also" if lines else ""
            lines += self._listed(
                f"After surgery, depending on what is found, doctors may{also} consider:",
                later,
                cites,
                avoid,
                seen,
            )
            if kn.stage_rank(profile.stage.group) == 3 and not kn.had_surgery(profile):
                # stage III is not always removable: the advanced-disease options may apply instead
                advanced = [o for o in opts if not o.around_surgery and o.fit in {"first-line", "other"}]
                shown: set[str] = set()  # a drug used after surgery is named again: the use differs
                lines += self._listed(
                    "If the cancer cannot be removed by surgery, doctors consider:",
                    advanced,
                    cites,
                    avoid,
                    shown,
                )
                seen |= shown
            if lines:
                lines.append("If the cancer comes back or spreads, other treatments are used.")
            return lines
        after = [o for o in opts if o.fit == "after"]
        if after:
            drugs = sorted({o.after_drug or kn.EARLIER for o in after})
            head = f"After {joined(drugs)}, doctors consider:"
            lines = self._listed(head, after, cites, avoid, seen)
            if lines:
                return lines
        first = [o for o in opts if o.fit in {"first-line", "other"}]
        # the patient's own cancer type's row before a tumour-agnostic one for the same drug
        later = sorted(
            (o for o in opts if o.fit == "later"), key=lambda o: o.row.cancer_type.upper() == "ANY"
        )
        if first:
            lines = self._listed(
                "Treatments aimed at this finding that doctors consider:", first, cites, avoid, seen
            )
            if kn.advanced(profile):
                lines += self._listed(
                    "If the cancer grows later, doctors may consider:", later[:4], cites, avoid, seen
                )
            return lines
        return self._listed("Treatments aimed at this finding are used after an earlier treatment:", later,
                            cites, avoid, seen)  # fmt: skip

    def _listed(
        self, head: str, opts: list[kn.Option], cites: Citations, avoid: set[str], seen: set[str]
    ) -> list[str]:
        lines = self.option_lines(opts, cites, avoid, seen)
        return [head, *lines] if lines else []

    def wild_type_lines(
        self, opts: list[kn.Option], cites: Citations, avoid: set[str], seen: set[str]
    ) -> list[str]:
        if not opts:
            return []
        genes = [display_gene(g) for g in kn.wild_type_requirement(opts[0].row, self.corpus)]
        head = (
            f"Your records show {joined(genes)} were tested and no mutation was found ("
            f"{'RAS ' if {'KRAS', 'NRAS'} & set(genes) else ''}wild-type). For this, doctors consider "
            "antibodies that block EGFR, given with chemotherapy:"
        )
        lines = self.option_lines(opts, cites, avoid, seen)
        return [head, *lines] if lines else []

    def _grouped(
        self, rows: list[kn.Pending], cites: Citations, avoid: set[str], seen: set[str]
    ) -> dict[tuple[tuple[str, ...], str, str], list[str]]:
        """Grounded therapy names (with their citations), grouped by the genes, reason and change
        (``condition_detail``: "p.D842V", or '' for the gene's status) they share."""
        groups: dict[tuple[tuple[str, ...], str, str], list[str]] = {}
        for p in rows:
            grounded = grounded_therapy(self.corpus, self.lexicon, p.row.doc_id, p.row.drugs)
            if grounded is None or set(p.row.drugs) & avoid or grounded[0] in seen:
                continue
            name, passages = grounded
            seen.add(name)
            why = kn.condition_text(p.row, p.missing[0], self.corpus)
            change = kn.condition_detail(p.row, p.missing[0], self.corpus)
            refs = "".join(cites.ref(q) for q in passages)
            groups.setdefault((tuple(p.missing), why, change), []).append(f"**{name}** {refs}")
        return groups

    def pending_lines(self, profile: Profile, cites: Citations, avoid: set[str], seen: set[str]) -> list[str]:
        received = kn.received_drugs(profile)
        pending = [
            p
            for p in kn.pending_options(profile, self.corpus)
            if not p.row.after or kn.after_satisfied(p.row.after, received, surgery=kn.had_surgery(profile))
        ]
        lines: list[str] = []
        for (genes, why, change), names in self._grouped(pending, cites, avoid, seen).items():
            shown = names[:PENDING_SHOWN]
            more = f" and {len(names) - len(shown)} more" if len(names) > len(shown) else ""
            missing = joined([display_gene(g) for g in genes])
            tested = {kn.gene_key(b.gene) for b in profile.biomarkers} >= set(genes)
            if tested and change:  # a positive result that does not name its change
                ask = f"Your records do not say which {missing} change was found — ask which one."
            elif tested:  # an equivocal or pending result is in the records, just not final
                ask = f"Your {missing} result in your records is not final — ask what the final result is."
            else:
                ask = f"No {missing} result was found in your records — ask whether it was tested."
            lines.append(
                f"- {', '.join(shown)}{more} may fit only with the right {missing} result"
                f"{f' ({why})' if why else ''}. {ask}"
            )
        if lines:
            lines.insert(0, "These depend on a test result that is not in your records:")
        return lines

    def blocked_lines(
        self,
        profile: Profile,
        focus: Biomarker | None,
        named: set[str],
        cites: Citations,
        avoid: set[str],
        seen: set[str],
    ) -> list[str]:
        """Rows for the finding in focus (or a drug the question names) that another result rules out."""
        blocked = [
            p
            for p in kn.blocked_options(profile, self.corpus)
            if focus is None or p.biomarker is focus or named & set(p.row.drugs)
        ]
        lines: list[str] = []
        for (genes, why, change), names in self._grouped(blocked, cites, avoid, seen).items():
            results = joined(
                [
                    f"a {'positive' if kn.gene_status(profile, g) == 'positive' else 'negative'} "
                    f"{display_gene(g)}{f' {change}' if change and i == 0 else ''} result"
                    for i, g in enumerate(genes)
                ]
            )
            why = f"the {why}" if why.startswith("label ") else why  # "the label is for ..."
            lines.append(
                f"- The approval of {', '.join(names[:PENDING_SHOWN])} does not fit your "
                f"case{f': {why}' if why else ''}, and your records show {results}."
            )
        return lines

    def missing_tests(self, missing: list[StandardTest], cites: Citations, *, grouped: bool = False) -> str:
        testing = next(
            (p for p in self.corpus.passages.values() if "testing" in p.topics and not p.genes), None
        )
        ref = f" {cites.ref(testing)}" if testing else ""
        shown = missing if len(missing) <= MISSING_SHOWN + 1 else missing[:MISSING_SHOWN]
        if grouped:  # a driver is already known: the others are usually not found with it
            shown = [t for t in missing if re.search(r"germline|famil|inherit", t.why, re.I)]
            missing = shown + [t for t in missing if t not in shown]
        lines = [
            f"- No {display_gene(t.gene)} result was found in your records — ask whether it was tested. "
            f"{period(t.why) if not self.lexicon.find(t.why) else ''}".rstrip()
            for t in shown
        ]
        rest = [display_gene(t.gene) for t in missing[len(shown) :]]
        genomic = all(t.alteration != "expression" for t in missing[len(shown) :])
        if rest and grouped:
            ask = (
                "Ask whether a broad (NGS) panel covered them."
                if genomic
                else "Ask whether they were tested."
            )
            lines.append(
                f"- Other tests that are standard for your cancer and stage, with no result in your records: "
                f"{joined(rest)}. {ask}"
            )
        elif rest:
            lines.append(
                "- Also standard for your cancer and stage, with no result in your records: "
                f"{', '.join(rest)} ({len(rest)} more). Ask whether a broad (NGS) panel covered them."
            )
        return "## Tests not found in your records\n" + "\n".join(lines) + ref
