"""FastAPI dependencies that guard routes by scope: writes always need a key, reads when settings say so.

A route states the scope it needs (`ingest`, `read`, `webhooks`); an `admin` key has every scope. The
dependency answers with the `Caller`, so routes can limit what a key sees to what it owns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from services.auth.keys import find_key_state, key_rate_identity
from services.deps import AsyncSessionDep, SettingsDep
from services.errors import Forbidden, Unauthorized
from services.ratelimit import check_key_rate


@dataclass(frozen=True, slots=True)
class Caller:
    key_id: int | None  # None: auth is off (or reads are open) and nobody presented a key
    scopes: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return "admin" in self.scopes

    def may(self, scope: str) -> bool:
        return scope in self.scopes or self.is_admin


# With auth disabled every caller may do everything (a single-user development setup).
UNGUARDED = Caller(None, frozenset({"admin"}))
ANONYMOUS_READER = Caller(None, frozenset({"read"}))


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def bearer_token(request: Request) -> str:
    """The presented key; 401 without one."""
    token = _bearer(request)
    if token is None:
        raise Unauthorized("this endpoint needs `Authorization: Bearer <key>`; make one with `annals keys create`")
    return token


def granting_scopes(scope: str) -> list[str]:
    """The scopes any one of which allows `scope` (see Caller.may)."""
    return [scope, "admin"]


def authorise(key_id: int | None, scopes: list[str] | None, revoked_at, scope: str, *, found: bool) -> Caller:
    """The caller a stored key makes, or the problem: unknown (401), revoked or lacking `scope` (403)."""
    if not found:
        raise Unauthorized("unknown API key")
    if revoked_at is not None:
        raise Forbidden("this API key was revoked")
    caller = Caller(key_id, frozenset(scopes))
    if not caller.may(scope):
        raise Forbidden(f"this API key lacks the `{scope}` scope (it has: {', '.join(sorted(scopes))})",
                        required_scope=scope)
    return caller


async def _caller(request: Request, session, settings, scope: str) -> Caller:
    token = bearer_token(request)
    key = await find_key_state(session, token)
    caller = authorise(key and key.id, key and key.scopes, key and key.revoked_at, scope, found=key is not None)
    await check_key_rate(request, key_rate_identity(token))
    return caller


def require(scope: str):
    async def dependency(request: Request, session: AsyncSessionDep, settings: SettingsDep) -> Caller:
        if not settings.auth_enabled:
            return UNGUARDED
        if scope == "read" and not settings.read_requires_key:
            return ANONYMOUS_READER
        return await _caller(request, session, settings, scope)

    dependency.__name__ = f"require_{scope}_scope"
    return dependency


require_read_key = require("read")

IngestAccess = Annotated[Caller, Depends(require("ingest"))]
ReadAccess = Annotated[Caller, Depends(require_read_key)]
WebhooksAccess = Annotated[Caller, Depends(require("webhooks"))]
