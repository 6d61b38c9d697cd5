"""Annotated dependencies: ``RuntimeDep``, ``SessionDep``, ``BearerToken`` and ``CaseAccess``.

Dependencies that do no I/O are ``async`` so FastAPI does not hop to a worker thread for them
(a job poll is the hottest route). ``CaseAccess`` validates the bearer token against the case in
the path and loads the case, so a route that declares it can only ever see that one case.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from casewise_core.errors import Unauthorized
from casewise_core.storage import repositories
from casewise_core.storage.models import Case
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from casewise_api.runtime import Runtime

_bearer = HTTPBearer(auto_error=False, description="The token returned once by POST /v1/cases")


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_session(runtime: RuntimeDep) -> Iterator[Session]:
    with runtime.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


async def get_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized()
    return credentials.credentials


BearerToken = Annotated[str, Depends(get_token)]


def get_case(case_id: str, token: BearerToken, session: SessionDep) -> Case:
    case = repositories.authorize_case(session, case_id, token)
    # End the read transaction: its pooled connection must not stay checked out while an upload
    # streams or an answer is awaited (sessions do not expire objects on commit).
    session.commit()
    return case


CaseAccess = Annotated[Case, Depends(get_case)]
