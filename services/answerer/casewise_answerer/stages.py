"""Where a patient is in their care, from the stage and the records: early or advanced, operated
on or not, cancer still found at surgery after treatment before it. Decides which table rows'
settings (first-line, adjuvant, neoadjuvant ...) can apply at all.
"""

from __future__ import annotations

from casewise_core.profile import Profile, Stage

from casewise_answerer.corpus import ActionRow

_ROMAN = [("IV", 4), ("III", 3), ("II", 2), ("I", 1), ("0", 0)]


def stage_rank(group: str | None) -> int | None:
    g = (group or "").upper().strip()
    for roman, rank in _ROMAN:
        if g.startswith(roman):
            return rank
    return None


def had_surgery(profile: Profile) -> bool:
    """A recorded operation, or a pathologic (p/yp) stage, which is only given after one."""
    return any(p.kind == "surgery" for p in profile.procedures) or profile.stage.prefix in {"p", "yp"}


def residual_disease(profile: Profile) -> bool | None:
    """Cancer still found at surgery after treatment before it (a yp stage other than ypT0/Tis N0).

    None when the records do not say (no yp stage): never guessed from other facts.
    """
    st = profile.stage
    if st.prefix != "yp":
        return None
    t = (st.t or "").lower()
    n = (st.n or "").lower()
    complete = (st.group or "").strip() == "0" or (t[:1] == "0" or t.startswith("is")) and n.startswith("0")
    return not complete


_AFTER_THERAPY = {
    "yp": "after treatment before surgery, the pathology showed",
    "yc": "after treatment, before any surgery, exams and scans showed",
}


def stage_at_diagnosis(profile: Profile) -> Stage | None:
    """The first stage before therapy in the history (clinical, pathologic or unprefixed), when the
    current stage is a y stage. None otherwise: a y stage records what therapy left, not the stage
    at diagnosis (AJCC 8th ed.), so it is the one case where both must be said."""
    if profile.stage.prefix not in _AFTER_THERAPY:
        return None
    return next((s for s in profile.stage_history if s.prefix in {None, "c", "p"} and (s.group or s.t)), None)


def _tnm(stage: Stage, *, with_m: bool = True) -> str:
    pre = stage.prefix or ""
    return " ".join(f"{pre}{x}" for x in (stage.t, stage.n, stage.m if with_m else None) if x)


def stage_story(profile: Profile) -> str | None:
    """Both stages in plain words: "At diagnosis your stage was IIA; after treatment before surgery,
    the pathology showed ypT1a ypN0." None when the records give no stage before therapy."""
    first = stage_at_diagnosis(profile)
    if first is None:
        return None
    now = profile.stage
    # the M after therapy is the clinical M carried over (cM0), so only T and N are the y result
    shown = _tnm(now, with_m=False) or (f"stage {now.group}" if now.group else "")
    if not shown:
        return None
    then = first.group or _tnm(first)
    return f"At diagnosis your stage was {then}; {_AFTER_THERAPY[str(now.prefix)]} {shown}."


def advanced(profile: Profile) -> bool:
    """Stage IV, or a cancer that grew on treatment: treatment around surgery no longer applies."""
    return stage_rank(profile.stage.group) == 4 or any(t.outcome == "progression" for t in profile.treatments)


def setting_applies(row: ActionRow, profile: Profile) -> bool:
    """Rows for treatment around surgery never fit advanced cancer; before-surgery rows not after it."""
    if row.setting in {"adjuvant", "neoadjuvant"} and advanced(profile):
        return False
    return not (row.setting == "neoadjuvant" and had_surgery(profile))
