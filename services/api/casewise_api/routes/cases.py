"""Cases: create (returns the token once), read, delete (files, rows and vectors)."""

from __future__ import annotations

import logging
import secrets

from casewise_core import tasks
from casewise_core.errors import CasewiseError
from casewise_core.storage import repositories
from fastapi import APIRouter, Response, status

from casewise_api.deps import CaseAccess, RuntimeDep, SessionDep
from casewise_api.schemas import CaseCreated, CasePublic, error_responses

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/cases", tags=["cases"])
AUTH_ERRORS = error_responses(401, 403, 404)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CaseCreated)
def create_case(session: SessionDep) -> CaseCreated:
    """Open a case. The token in the answer is shown once; only its SHA-256 is stored."""
    token = secrets.token_urlsafe(32)
    case = repositories.create_case(session, token)
    session.commit()
    log.info("case created case=%s", case.id)
    return CaseCreated(id=case.id, token=token)


@router.get("/{case_id}", response_model=CasePublic, responses=AUTH_ERRORS)
def read_case(case: CaseAccess) -> CasePublic:
    return CasePublic(id=case.id, created_at=case.created_at)


@router.delete("/{case_id}", status_code=status.HTTP_204_NO_CONTENT, responses=AUTH_ERRORS)
def delete_case(case: CaseAccess, session: SessionDep, runtime: RuntimeDep) -> Response:
    """Erase the case: its rows (the token stops working), its files and its vectors."""
    case_id = case.id
    repositories.delete_case(session, case_id)
    session.commit()
    runtime.files.delete_case(case_id)
    try:
        runtime.send(tasks.DELETE_CASE_VECTORS, case_id)
    except CasewiseError:
        # Rows and files are gone; the vectors hold no token. Logged by id for an operator to retry.
        log.error("case deleted but vector deletion not enqueued case=%s", case_id)
    log.info("case deleted case=%s", case_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
