"""The case profile (merged extraction with the patient's corrections) and corrections to it."""

from __future__ import annotations

import logging

from casewise_core.profile import Profile
from casewise_core.storage import repositories
from fastapi import APIRouter

from casewise_api.deps import CaseAccess, SessionDep
from casewise_api.schemas import CorrectionCreate, error_responses

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/cases/{case_id}/profile", tags=["profile"])


@router.get("", response_model=Profile, responses=error_responses(401, 403, 404))
def read_profile(case: CaseAccess, session: SessionDep) -> Profile:
    """The same object ``casewise extract --json`` prints, with corrections and conflicts.

    Empty until the first document finishes.
    """
    return repositories.visible_profile(session, case.id)


@router.patch("", response_model=Profile, responses=error_responses(401, 403, 404, 422))
def correct_profile(body: CorrectionCreate, case: CaseAccess, session: SessionDep) -> Profile:
    """Confirm, correct or reject one fact. Stored beside the extraction; evidence is never overwritten."""
    correction = repositories.add_correction(
        session,
        case.id,
        fact_id=body.fact_id,
        action=body.action,
        field=body.field,
        value=body.value,
        note=body.note,
    )
    session.commit()
    log.info("correction stored case=%s correction=%s action=%s", case.id, correction.id, body.action)
    return repositories.visible_profile(session, case.id)
