"""Questions: create an Answer row, enqueue ANSWER_QUESTION by name, wait on the row, return it.

If the answerer takes longer than ``answer_timeout_s`` the reply is 202 with a poll URL
(``GET /v1/answers/{id}``), which returns 200 with the answer once it is done.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated, Any

from casewise_core import tasks
from casewise_core.answer import Answer
from casewise_core.errors import CasewiseError, Forbidden, NotFound, Unauthorized, all_error_classes
from casewise_core.storage import repositories
from fastapi import APIRouter, Depends, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from casewise_api.deps import CaseAccess, RuntimeDep, SessionDep
from casewise_api.runtime import Runtime
from casewise_api.schemas import AnswerPending, QuestionCreate, error_responses

log = logging.getLogger(__name__)
router = APIRouter(tags=["answers"])
_optional_bearer = HTTPBearer(auto_error=False)
_RESPONSES: dict[int | str, dict[str, Any]] = {
    202: {"model": AnswerPending, "description": "Still being written; poll the URL"},
    **error_responses(401, 403, 404, 422, 503),
}
POLL_START_S = 0.05
POLL_MAX_S = 0.5


def _error_for(code: str | None, message: str | None) -> CasewiseError:
    for cls in all_error_classes():
        if cls.code == code:
            return cls(message or None)
    return CasewiseError(message or None)


def _reply(answer_id: str, state: tuple[str, dict[str, Any] | None, str | None, str | None]) -> Any:
    status_, result, code, message = state
    if status_ == "succeeded" and result is not None:
        return JSONResponse(
            Answer.model_validate(result).model_dump(mode="json"), headers={"X-Answer-Id": answer_id}
        )
    if status_ == "failed":
        raise _error_for(code, message)
    pending = AnswerPending(id=answer_id, status=status_, poll_url=f"/v1/answers/{answer_id}")
    return JSONResponse(
        pending.model_dump(),
        status_code=status.HTTP_202_ACCEPTED,
        headers={"Retry-After": "1", "Location": pending.poll_url},
    )


def _state(runtime: Runtime, answer_id: str) -> tuple[str, dict[str, Any] | None, str | None, str | None]:
    with runtime.sessions() as session:
        return repositories.answer_state(session, answer_id)


def _create(runtime: Runtime, question: str, case_id: str | None) -> str:
    with runtime.sessions() as session:
        row = repositories.create_answer(session, question, case_id)
        session.commit()
        return row.id


async def _ask(runtime: Runtime, question: str, case_id: str | None) -> Any:
    answer_id = await run_in_threadpool(_create, runtime, question, case_id)
    await run_in_threadpool(runtime.send, tasks.ANSWER_QUESTION, answer_id)
    log.info("answer queued answer=%s case=%s", answer_id, case_id or "-")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + runtime.settings.answer_timeout_s
    delay = POLL_START_S
    while True:
        state = await run_in_threadpool(_state, runtime, answer_id)
        if state[0] in ("succeeded", "failed") or loop.time() >= deadline:
            return _reply(answer_id, state)
        await asyncio.sleep(min(delay, max(deadline - loop.time(), 0)))
        delay = min(delay * 2, POLL_MAX_S)


@router.post("/v1/answers", response_model=Answer, responses=_RESPONSES)
async def ask_general(body: QuestionCreate, runtime: RuntimeDep) -> Any:
    """A general question (no case): answered from the knowledge corpus only."""
    return await _ask(runtime, body.question, None)


@router.post("/v1/cases/{case_id}/answers", response_model=Answer, responses=_RESPONSES)
async def ask_personal(body: QuestionCreate, case: CaseAccess, runtime: RuntimeDep) -> Any:
    """A question about this case: answered with the case profile."""
    return await _ask(runtime, body.question, case.id)


@router.get("/v1/answers/{answer_id}", response_model=Answer, responses=_RESPONSES)
def read_answer(
    answer_id: str,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_optional_bearer)],
) -> Any:
    """An answer by id. A personalised answer needs its case's token; a general one does not."""
    row = repositories.get_answer(session, answer_id)
    if row is None:
        raise NotFound("No answer with this id.")
    if row.case_id is not None:
        if credentials is None or not credentials.credentials:
            raise Unauthorized()
        case = repositories.get_case(session, row.case_id)
        if case is None or not repositories.token_matches(credentials.credentials, case.token_hash):
            raise Forbidden()
    return _reply(row.id, (row.status, row.result_json, row.error_code, row.error_message))
