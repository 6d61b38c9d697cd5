"""The one exception handler: every ``CasewiseError`` becomes ``{"error": {"code", "message"}}``.

Request validation errors get the same shape (code ``invalid_request``); a database that cannot be
reached answers 503 ``temporarily_unavailable``. Logs carry the code and
the request path template only, never the message's subject matter.
"""

from __future__ import annotations

import logging

from casewise_core.errors import CasewiseError, TransientError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)


def error_response(exc: CasewiseError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
    if exc.retryable:
        headers = {**(headers or {}), "Retry-After": "30"}
    return JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status, headers=headers)


def _route(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path", "unmatched")


def _unreachable(exc: DBAPIError) -> bool:
    from sqlalchemy.exc import OperationalError

    return isinstance(exc, OperationalError)


def install(app: FastAPI) -> None:
    @app.exception_handler(CasewiseError)
    async def casewise_error(request: Request, exc: CasewiseError) -> JSONResponse:
        log.info("request failed route=%s code=%s", _route(request), exc.code)
        return error_response(exc)

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        # Lost connection / server down is transient; anything else is our bug (generic 500).
        error: CasewiseError = (
            TransientError() if exc.connection_invalidated or _unreachable(exc) else CasewiseError()
        )
        log.warning("database error route=%s kind=%s", _route(request), type(exc.orig).__name__)
        return error_response(error)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Type only: an exception's text may quote record content.
        log.error("unhandled error route=%s kind=%s", _route(request), type(exc).__name__)
        return error_response(CasewiseError())

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = sorted({".".join(str(p) for p in e.get("loc", ())[1:]) or "body" for e in exc.errors()})
        message = "The request is not valid. Check these fields: " + ", ".join(fields)
        log.info("request failed route=%s code=invalid_request", _route(request))
        return JSONResponse({"error": {"code": "invalid_request", "message": message}}, status_code=422)
