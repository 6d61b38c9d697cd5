"""Annotated dependencies: ``RuntimeDep``, ``SessionDep``, ``BearerToken`` and ``CaseAccess``.

Dependencies that do no I/O are ``async`` so FastAPI does not hop to a worker thread for them.
The job poll, the hottest route, calls ``request_token`` itself instead. ``CaseAccess`` validates
the bearer token against the case in the path and loads the case, so a route that declares it can
only ever see that one case.
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


def require_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized()
    return credentials.credentials


async def get_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    return require_token(credentials)


BearerToken = Annotated[str, Depends(get_token)]
#: OpenAPI ``security`` for a route that reads the token with ``request_token``.
BEARER_SECURITY = [{_bearer.scheme_name: []}]


async def request_token(request: Request) -> str:
    """``BearerToken``'s check called directly: for the job poll, where FastAPI's dependency
    solver costs a third of the request (``BEARER_SECURITY`` keeps the OpenAPI the same)."""
    return require_token(await _bearer(request))


def get_case(case_id: str, token: BearerToken, session: SessionDep) -> Case:
    case = repositories.authorize_case(session, case_id, token)
    # End the read transaction: its pooled connection must not stay checked out while an upload
    # streams or an answer is awaited (sessions do not expire objects on commit).
    session.commit()
    return case


CaseAccess = Annotated[Case, Depends(get_case)]
