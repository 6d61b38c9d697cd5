"""Scores of extracted profiles against gold, one tally per split and reading mode.

Gold, ``NAME.gold.json`` beside each document (or ``gold.json`` in a case folder): ``biomarkers``
``[[GENE, alteration, status], ...]`` and ``treatments`` ``[agent, ...]`` (required); optional
``outcomes`` ``{agent: outcome | null}``, ``cancer`` (OncoTree code or null), ``stage``
(``{group, t, n, m}`` or null), ``stage_history`` (``[{prefix, group, t, n, m}, ...]`` oldest first;
an entry's absent key is not compared) and, for cases, ``conflicts`` ``[[GENE, alteration], ...]``. An
absent key is not scored. Axes: biomarker (gene, alteration, status) P/R/F1; positives where gold says
negative (must be 0); treatment agents P/R/F1; outcome accuracy over agents both in gold
``outcomes`` and extracted; cancer OncoTree code accuracy; stage accuracy per field (group, t, n, m;
exact string); stage history accuracy (the whole list right, in order); for multi-document cases,
conflict P/R on (gene, alteration).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STAGE_FIELDS = ("group", "t", "n", "m")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty side counts as perfect (nothing to find, nothing wrong)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _conflict_keys(profile: Any) -> set[tuple[str, str]]:
    """(gene, alteration) of each biomarker conflict (field ``biomarker:GENE:alteration[:detail]``)."""
    out = set()
    for c in profile.conflicts:
        parts = c.field.split(":")
        if parts[0] == "biomarker" and len(parts) >= 3:
            out.add((parts[1], parts[2]))
    return out


@dataclass
class Tally:
    """Counts over the documents (or cases) of one split in one mode."""

    documents: int = 0
    c: dict[str, int] = field(default_factory=dict)

    def _inc(self, key: str, by: int = 1) -> None:
        self.c[key] = self.c.get(key, 0) + by

    def add(self, profile: Any, gold: dict[str, Any]) -> list[str]:
        """Count one profile against its gold; return what it missed, one line per axis."""
        self.documents += 1
        misses = [
            *self._biomarkers(profile, gold),
            *self._treatments(profile, gold),
            *self._outcomes(profile, gold),
            *self._cancer(profile, gold),
            *self._stage(profile, gold),
            *self._stage_history(profile, gold),
            *self._conflicts(profile, gold),
        ]
        return misses

    def _biomarkers(self, profile: Any, gold: dict[str, Any]) -> list[str]:
        got = {(b.gene, b.alteration, b.status) for b in profile.biomarkers}
        want = {tuple(x) for x in gold["biomarkers"]}
        self._inc("btp", len(got & want))
        self._inc("bfp", len(got - want))
        self._inc("bfn", len(want - got))
        negative = {(g, a) for g, a, s in want if s == "negative"}
        self._inc(
            "neg_as_pos",
            sum(1 for g, a, s in got if s == "positive" and (g, a) in negative and (g, a, s) not in want),
        )
        return [f"biomarkers FP {sorted(got - want)} FN {sorted(want - got)}"] if got != want else []

    def _treatments(self, profile: Any, gold: dict[str, Any]) -> list[str]:
        got, want = {t.agent for t in profile.treatments}, set(gold["treatments"])
        self._inc("ttp", len(got & want))
        self._inc("tfp", len(got - want))
        self._inc("tfn", len(want - got))
        return [f"treatments FP {sorted(got - want)} FN {sorted(want - got)}"] if got != want else []

    def _outcomes(self, profile: Any, gold: dict[str, Any]) -> list[str]:
        if "outcomes" not in gold:
            return []
        got = {t.agent: t.outcome for t in profile.treatments}
        wrong = []
        for agent, want in sorted(gold["outcomes"].items()):
            if agent not in got:
                continue  # a missed agent is a treatment miss, not an outcome miss
            self._inc("outcome_n")
            if got[agent] == want:
                self._inc("outcome_ok")
            else:
                wrong.append(f"{agent}: got {got[agent]} want {want}")
        return [f"outcomes {'; '.join(wrong)}"] if wrong else []

    def _cancer(self, profile: Any, gold: dict[str, Any]) -> list[str]:
        if "cancer" not in gold:
            return []
        got = profile.cancer.oncotree_code
        self._inc("cancer_n")
        if got == gold["cancer"]:
            self._inc("cancer_ok")
            return []
        return [f"cancer got {got} want {gold['cancer']}"]

    def _stage(self, profile: Any, gold: dict[str, Any]) -> list[str]:
        if "stage" not in gold:
            return []
        want = gold["stage"] or {}
        self._inc("stage_n")
        wrong = []
        for f in STAGE_FIELDS:
            got = getattr(profile.stage, f)
            if got == want.get(f):
                self._inc(f"stage_{f}_ok")
            else:
                wrong.append(f"{f} got {got} want {want.get(f)}")
        return [f"stage {'; '.join(wrong)}"] if wrong else []

    def _stage_history(self, profile: Any, gold: dict[str, Any]) -> list[str]:
        """Every stage stated, oldest first: right only when each entry matches, in order."""
        if "stage_history" not in gold:
            return []
        want = gold["stage_history"] or []
        got = list(profile.stage_history)
        self._inc("stage_history_n")
        if len(got) == len(want) and all(
            getattr(g, k) == v for g, w in zip(got, want, strict=True) for k, v in w.items()
        ):
            self._inc("stage_history_ok")
            return []
        shown = [" ".join(f"{getattr(g, k)}" for k in ("prefix", *STAGE_FIELDS)) for g in got]
        return [f"stage_history got {shown} want {want}"]

    def _conflicts(self, profile: Any, gold: dict[str, Any]) -> list[str]:
        if "conflicts" not in gold:
            return []
        got, want = _conflict_keys(profile), {(g, a) for g, a in gold["conflicts"]}
        self._inc("conflict_scored")
        self._inc("ctp", len(got & want))
        self._inc("cfp", len(got - want))
        self._inc("cfn", len(want - got))
        return [f"conflicts FP {sorted(got - want)} FN {sorted(want - got)}"] if got != want else []

    def summary(self) -> dict[str, Any]:
        """The figures: the historical keys first, then each further axis that some gold scored."""
        c = self.c.get
        bp, br, bf = prf(c("btp", 0), c("bfp", 0), c("bfn", 0))
        tp, tr, tf = prf(c("ttp", 0), c("tfp", 0), c("tfn", 0))
        out: dict[str, Any] = {
            "documents": self.documents, "biomarker_p": round(bp, 3), "biomarker_r": round(br, 3),
            "biomarker_f1": round(bf, 3), "positive_when_gold_negative": c("neg_as_pos", 0),
            "treatment_p": round(tp, 3), "treatment_r": round(tr, 3), "treatment_f1": round(tf, 3),
        }  # fmt: skip
        if c("outcome_n"):
            out |= {
                "outcome_acc": round(c("outcome_ok", 0) / c("outcome_n", 1), 3),
                "outcome_n": c("outcome_n"),
            }
        if c("cancer_n"):
            out |= {"cancer_acc": round(c("cancer_ok", 0) / c("cancer_n", 1), 3), "cancer_n": c("cancer_n")}
        if n := c("stage_n", 0):
            per = {f: c(f"stage_{f}_ok", 0) / n for f in STAGE_FIELDS}
            out["stage_acc"] = round(sum(per.values()) / len(per), 3)
            out |= {f"stage_{f}_acc": round(v, 3) for f, v in per.items()} | {"stage_n": n}
        if n := c("stage_history_n", 0):
            out |= {"stage_history_acc": round(c("stage_history_ok", 0) / n, 3), "stage_history_n": n}
        if c("conflict_scored"):
            cp, cr, _ = prf(c("ctp", 0), c("cfp", 0), c("cfn", 0))
            out |= {"conflict_p": round(cp, 3), "conflict_r": round(cr, 3)}
        return out
