"""Where a patient is in their care, from the stage and the records: early or advanced, operated
on or not, cancer still found at surgery after treatment before it. Decides which table rows'
settings (first-line, adjuvant, neoadjuvant ...) can apply at all.
"""

from __future__ import annotations

from casewise_core.profile import Profile

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


def advanced(profile: Profile) -> bool:
    """Stage IV, or a cancer that grew on treatment: treatment around surgery no longer applies."""
    return stage_rank(profile.stage.group) == 4 or any(t.outcome == "progression" for t in profile.treatments)


def setting_applies(row: ActionRow, profile: Profile) -> bool:
    """Rows for treatment around surgery never fit advanced cancer; before-surgery rows not after it."""
    if row.setting in {"adjuvant", "neoadjuvant"} and advanced(profile):
        return False
    return not (row.setting == "neoadjuvant" and had_surgery(profile))
