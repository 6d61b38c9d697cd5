"""apply_corrections: listed, applied in time order, reversible, and never touching evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from casewise_core.corrections import apply_corrections, validate_correction
from casewise_core.errors import InputError, NotFound
from casewise_core.profile import Biomarker, Cancer, Correction, Evidence, Profile, Stage, Treatment

EV = Evidence(document="path.pdf", page=1, text="Adenocarcinoma, EGFR L858R detected.", rule_id="r")
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _profile() -> Profile:
    return Profile(
        cancer=Cancer(name="Lung adenocarcinoma", oncotree_code="LUAD", evidence=[EV]),
        stage=Stage(group="IVA", m="M1a", evidence=[EV]),
        biomarkers=[
            Biomarker(
                id="b1",
                gene="EGFR",
                alteration="mutation",
                detail="p.L858R",
                status="positive",
                evidence=[EV],
            )
        ],
        treatments=[Treatment(id="t1", agent="osimertinib", evidence=[EV])],
    )


def _c(
    fact_id: str, action: str, minutes: int, field: str | None = None, value: str | None = None
) -> Correction:
    return Correction(
        id=f"c{minutes}",
        fact_id=fact_id,
        action=action,
        field=field,
        value=value,  # type: ignore[arg-type]
        at=T0 + timedelta(minutes=minutes),
    )


def test_correct_changes_the_visible_value_and_keeps_evidence() -> None:
    original = _profile()
    out = apply_corrections(original, [_c("b1", "correct", 1, "status", "negative")])
    assert out.biomarkers[0].status == "negative" and out.biomarkers[0].evidence == [EV]
    assert original.biomarkers[0].status == "positive"  # input untouched
    assert [c.id for c in out.corrections] == ["c1"]


def test_reject_hides_a_fact_and_flags_it_and_a_later_confirm_restores_it() -> None:
    rejected = apply_corrections(_profile(), [_c("t1", "reject", 1), _c("stage", "reject", 2)])
    assert rejected.treatments == []
    assert rejected.stage.group is None and rejected.stage.evidence == [EV]
    assert {(f.code, f.fact_id) for f in rejected.flags} == {
        ("fact_rejected", "t1"),
        ("fact_rejected", "stage"),
    }
    # Applied by time, not by list order.
    restored = apply_corrections(_profile(), [_c("t1", "confirm", 5), _c("t1", "reject", 1)])
    assert [t.agent for t in restored.treatments] == ["osimertinib"] and restored.flags == []
    assert [c.action for c in restored.corrections] == ["reject", "confirm"]


def test_corrections_on_facts_that_left_the_profile_stay_listed() -> None:
    out = apply_corrections(_profile(), [_c("gone", "reject", 1)])
    assert out.biomarkers == _profile().biomarkers and len(out.corrections) == 1


def test_validate_correction() -> None:
    p = _profile()
    validate_correction(p, "cancer", "correct", "oncotree_code", "LUSC")
    with pytest.raises(NotFound):
        validate_correction(p, "nope", "confirm", None, None)
    with pytest.raises(NotFound):
        validate_correction(p, "", "confirm", None, None)
    for field, value in [("status", "sure"), ("evidence", None), ("id", "x"), (None, "x"), ("colour", "x")]:
        with pytest.raises(InputError):
            validate_correction(p, "b1", "correct", field, value)
