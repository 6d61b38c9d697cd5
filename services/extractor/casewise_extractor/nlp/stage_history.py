"""A patient's stages over time (``Profile.stage_history``): every distinct stage stated, oldest first.

``Profile.stage`` is the current stage; after neoadjuvant therapy that is the yp stage. A y stage
records what therapy left and is not an estimate of the cancer before it (AJCC 8th ed.), so the
stage at diagnosis must not be lost: residual disease after therapy guides some choices, the stage
at diagnosis others. Here one document's stages are put in time order, and documents' lists are
merged, the same stage restated (even with less detail: "cT2 cN0" beside "cT2 cN0 cM0, IIA")
kept once with all its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable

from casewise_core.profile import Evidence, Stage

FIELDS = ("group", "t", "n", "m")
# Time order of the classifications within one document: clinical before treatment, pathologic at
# surgery (a bare TNM is usually the report's own, pathologic one), y after therapy before or at
# surgery, r at recurrence, a at autopsy.
_WHEN: dict[str | None, int] = {"c": 0, None: 1, "p": 1, "yc": 2, "yp": 2, "r": 3, "a": 4}


def stated(stage: Stage) -> bool:
    """A stage says something about the tumour or nodes (a lone M0 is not a stage)."""
    return bool(stage.group or stage.t or stage.n)


def same(a: Stage, b: Stage) -> bool:
    """The same stage restated: no prefix clash, at least one field in common, none that differs."""
    if a.prefix and b.prefix and a.prefix != b.prefix:
        return False
    shared = [f for f in FIELDS if getattr(a, f) and getattr(b, f)]
    return bool(shared) and all(getattr(a, f) == getattr(b, f) for f in shared)


def _absorb(kept: Stage, more: Stage) -> None:
    """A restatement fills what the kept stage lacks and adds its evidence; it never overwrites."""
    for f in FIELDS:
        if getattr(kept, f) is None:
            setattr(kept, f, getattr(more, f))
    kept.prefix = kept.prefix or more.prefix
    keys = {_ev_key(e) for e in kept.evidence}
    kept.evidence.extend(e.model_copy() for e in more.evidence if _ev_key(e) not in keys)


def metastatic(stage: Stage) -> bool:
    """The stage states distant metastasis or stage IV."""
    return bool(stage.m and stage.m.startswith("M1")) or bool(stage.group and stage.group.startswith("IV"))


def supersedes(new: Stage, old: Stage) -> bool:
    """A later document's stage replaces the current one even when it is classified less exactly:
    the 2025 "Stage: IV" (metastatic recurrence) after the 2019 "pT1c pN0 cM0, stage IA". Disease
    that has spread is a later state than any stage stated before it."""
    return stated(new) and metastatic(new) and not metastatic(old)


def _ev_key(e: Evidence) -> tuple[object, ...]:
    return (e.document, e.page, e.start, e.end, e.text)


def add_stages(history: list[Stage], stages: Iterable[Stage]) -> list[Stage]:
    """Stages in their own time order merged into ``history`` (oldest first), in place.

    A restated stage adds to the entry it matches; a new one goes just before the next stage of
    the same list that the history already holds, else at the end. So a later note that restates
    "initially cT2 cN1 ... now ypT1c" puts a clinical stage first seen there before the yp stage.
    """
    pending: list[Stage] = []
    for stage in stages:
        if not stated(stage):
            continue
        match = next((h for h in [*history, *pending] if same(h, stage)), None)
        if match is None:
            pending.append(stage.model_copy(deep=True))
            continue
        _absorb(match, stage)
        if match in pending:
            continue
        at = history.index(match)
        history[at:at] = pending
        pending = []
    history.extend(pending)
    return history


def of_document(stages: Iterable[Stage]) -> list[Stage]:
    """One document's stages (each page's, and the current one), in time order, restatements once.
    Two stages of one classification are in the order written ("diagnosed 2021: cT3a N0 M0 ...
    current stage: cT3a N0 M1b"): a history is told oldest first."""
    return add_stages([], sorted(stages, key=lambda s: (_WHEN.get(s.prefix, 1), _where(s))))


def _where(stage: Stage) -> tuple[int, int]:
    """Page and offset of a stage's first evidence (a stage with none sorts first)."""
    e = stage.evidence[0] if stage.evidence else None
    return (e.page, e.start or 0) if e is not None else (0, 0)


def completed(stage: Stage, history: list[Stage]) -> Stage:
    """The current stage with what a restatement of it adds: page 1's synoptic says "pT3a pN0", the
    end-of-therapy summary on page 3 "pT3a pN0 M0, stage III". The first page's stage stays the
    current one; the restatement (absorbed into its ``history`` entry) only fills what it lacks."""
    match = next((h for h in history if same(h, stage)), None)
    if match is None or match is stage:
        return stage
    out = stage.model_copy(deep=True)
    _absorb(out, match)
    return out
