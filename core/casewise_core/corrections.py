"""A patient's confirmations and corrections, applied to the merged profile on read.

Corrections are stored beside the extracted profile and never overwrite it: the stored
``CaseProfile`` keeps every fact and its evidence, so a correction can be reviewed or undone.
``apply_corrections`` returns the visible profile: every correction listed in
``profile.corrections``; a "correct" replaces one field's visible value (the fact keeps its
evidence); a "reject" hides a list fact (biomarker, treatment, procedure) or clears the visible
values of ``cancer``/``stage`` (their evidence stays), and adds a ``fact_rejected`` flag naming the
fact. Corrections apply in time order; a later "confirm" or "correct" undoes an earlier "reject".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from casewise_core.errors import InputError, NotFound
from casewise_core.profile import Correction as ProfileCorrection
from casewise_core.profile import Flag, Profile

#: Fact ids that name a single object rather than an item of a list.
SINGLE_FACTS = ("cancer", "stage")
_LISTS = ("biomarkers", "treatments", "procedures")
#: Fields a correction can never change: identity and provenance.
_FROZEN_FIELDS = frozenset({"id", "evidence"})
REJECTED_FLAG = "fact_rejected"


class CorrectionLike(Protocol):
    """A stored correction row or a ``profile.Correction``: anything with these attributes."""

    @property
    def fact_id(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def field(self) -> str | None: ...
    @property
    def value(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def by(self) -> str: ...
    @property
    def at(self) -> datetime | None: ...


class InvalidCorrection(InputError):
    code = "invalid_correction"
    message = "This correction cannot be applied. Check the field name and value and try again."


def find_fact(profile: Profile, fact_id: str) -> BaseModel:
    """The fact called ``fact_id`` ("cancer", "stage" or a list item's id); ``NotFound`` if absent."""
    if fact_id in SINGLE_FACTS:
        fact: BaseModel = getattr(profile, fact_id)
        return fact
    if fact_id:
        for name in _LISTS:
            for item in getattr(profile, name):
                if item.id == fact_id:
                    return item  # type: ignore[no-any-return]
    raise NotFound("No fact with this id in the profile. Reload the profile and try again.")


def corrected_fact(fact: BaseModel, field: str | None, value: str | None) -> BaseModel:
    """``fact`` with ``field`` set to ``value``, validated by the fact's own schema."""
    if not field or field in _FROZEN_FIELDS or field not in type(fact).model_fields:
        raise InvalidCorrection("This field cannot be corrected. Name one of the fact's value fields.")
    data: dict[str, Any] = fact.model_dump()
    data[field] = value
    try:
        return type(fact).model_validate(data)
    except ValidationError as exc:
        raise InvalidCorrection("This value is not allowed for this field.") from exc


def validate_correction(
    profile: Profile, fact_id: str, action: str, field: str | None, value: str | None
) -> None:
    """Raise ``NotFound`` for an unknown fact, ``InvalidCorrection`` for a value it cannot take."""
    fact = find_fact(profile, fact_id)
    if action == "correct":
        corrected_fact(fact, field, value)
    elif action not in ("confirm", "reject"):
        raise InvalidCorrection("Unknown action. Use confirm, correct or reject.")


def _public(c: CorrectionLike) -> ProfileCorrection:
    return ProfileCorrection.model_validate(c, from_attributes=True)


def apply_corrections(profile: Profile, corrections: Sequence[CorrectionLike]) -> Profile:
    """The visible profile: ``profile`` (not modified) with ``corrections`` listed and applied."""
    out = profile.model_copy(deep=True)
    ordered = sorted(corrections, key=lambda c: (c.at is None, c.at or datetime.min))
    rejected: dict[str, bool] = {}
    for c in ordered:
        try:
            fact = find_fact(out, c.fact_id)
        except NotFound:
            continue  # the fact left the profile after a re-extraction; the correction stays listed
        if c.action == "reject":
            rejected[c.fact_id] = True
        elif c.action in ("confirm", "correct"):
            rejected[c.fact_id] = False
        if c.action == "correct":
            try:
                _replace(out, c.fact_id, corrected_fact(fact, c.field, c.value))
            except InvalidCorrection:
                continue
    for fid, is_rejected in rejected.items():
        if is_rejected:
            _reject(out, fid)
            out.flags.append(
                Flag(code=REJECTED_FLAG, message="The patient marked this fact as wrong.", fact_id=fid)
            )
    out.corrections = [*out.corrections, *(_public(c) for c in ordered)]
    return out


def _replace(profile: Profile, fact_id: str, fact: BaseModel) -> None:
    if fact_id in SINGLE_FACTS:
        setattr(profile, fact_id, fact)
        return
    for name in _LISTS:
        items: list[BaseModel] = getattr(profile, name)
        for i, item in enumerate(items):
            if getattr(item, "id", None) == fact_id:
                items[i] = fact
                return


def _reject(profile: Profile, fact_id: str) -> None:
    if fact_id in SINGLE_FACTS:
        fact = getattr(profile, fact_id)
        cleared = type(fact)(evidence=fact.evidence)  # values hidden, evidence kept
        setattr(profile, fact_id, cleared)
        return
    for name in _LISTS:
        setattr(profile, name, [i for i in getattr(profile, name) if i.id != fact_id])
