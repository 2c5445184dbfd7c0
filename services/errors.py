"""Typed errors and their one JSON shape on the wire: RFC 9457 problem details."""

from __future__ import annotations

from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.responses import OrjsonResponse

PROBLEM_JSON = "application/problem+json"


class AnnalsError(Exception):
    status = 400
    title = "Bad request"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers
        self.extra = extra


class NotFound(AnnalsError):
    status, title = 404, "Not found"


class ActorNotFound(NotFound):
    title = "Unknown actor"


class AmbiguousActor(AnnalsError):
    """A name several known actors answer to (a shared surname): the client picks one of `candidates`."""

    status, title = 409, "Ambiguous actor name"


class InvalidRequest(AnnalsError):
    status, title = 400, "Bad request"


class Unauthorized(AnnalsError):
    status, title = 401, "Unauthorized"


class Forbidden(AnnalsError):
    status, title = 403, "Forbidden"


class Conflict(AnnalsError):
    status, title = 409, "Conflict"


class Unprocessable(AnnalsError):
    status, title = 422, "Invalid request"


def problem(status: int, title: str, detail: str, headers: dict | None = None, **extra: Any) -> OrjsonResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return OrjsonResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def database_unreachable_problem() -> OrjsonResponse:
    return problem(503, "Service unavailable", "the database is unreachable; retry shortly", headers={"Retry-After": "5"})


def validation_errors(errors: list[dict]) -> list[dict]:
    """Pydantic's errors reduced to what a client needs: where, what, why."""
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": error.get("msg", ""), "type": error.get("type")}
        for error in errors
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AnnalsError)
    async def annals_error(_: Request, error: AnnalsError):
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else error.headers
        return problem(error.status, error.title, error.detail, headers=headers, **error.extra)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError):
        errors = validation_errors(error.errors())
        if any(e["type"] == "json_invalid" for e in errors):
            return problem(422, "Invalid request", "the request body is not valid JSON", errors=errors)
        def field(e: dict) -> str:
            return ".".join(e["loc"][1:]) or e["loc"][0]

        unknown = sorted({field(e) for e in errors if e["loc"] and e["type"] == "extra_forbidden"})
        invalid = sorted({field(e) for e in errors if e["loc"] and e["type"] != "extra_forbidden"})
        parts = (["unknown field " + ", ".join(unknown)] if unknown else []) + (
            ["invalid " + ", ".join(invalid)] if invalid else [])
        return problem(422, "Invalid request", "; ".join(parts) or "invalid request", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException):
        return problem(error.status_code, error.detail if isinstance(error.detail, str) else "Error", str(error.detail),
                       headers=getattr(error, "headers", None))

    @app.exception_handler(OperationalError)
    async def database_unavailable(_: Request, error: OperationalError):
        return problem(503, "Service unavailable", "the database is unreachable; retry shortly",
                       headers={"Retry-After": "5"})

    @app.exception_handler(psycopg.OperationalError)
    async def database_unreachable(_: Request, error: psycopg.OperationalError):  # the raw hot-path connections
        return database_unreachable_problem()

    @app.exception_handler(PoolTimeout)
    async def database_busy(_: Request, error: PoolTimeout):
        return problem(503, "Service unavailable", "every database connection is busy; retry shortly",
                       headers={"Retry-After": "1"})

    @app.exception_handler(DBAPIError)
    async def database_error(_: Request, error: DBAPIError):
        if error.connection_invalidated:
            return problem(503, "Service unavailable", "the database connection was lost; retry shortly",
                           headers={"Retry-After": "5"})
        raise error
