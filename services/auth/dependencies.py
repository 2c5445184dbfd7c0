"""FastAPI dependencies that guard routes: writes always need a key, reads when settings say so."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.auth.keys import find_key_state
from services.deps import AsyncSessionDep, SettingsDep
from services.errors import Forbidden, Unauthorized


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def _check(request: Request, session, *, need_write: bool) -> None:
    token = _bearer(request)
    if token is None:
        raise Unauthorized("this endpoint needs `Authorization: Bearer <key>`; make one with `annals keys create`")
    key = await find_key_state(session, token)
    if key is None:
        raise Unauthorized("unknown API key")
    if key.revoked_at is not None:
        raise Forbidden("this API key was revoked")
    if need_write and key.scope != "write":
        raise Forbidden("this API key may only read")


async def require_write_key(request: Request, session: AsyncSessionDep, settings: SettingsDep) -> None:
    if settings.auth_enabled:
        await _check(request, session, need_write=True)


async def require_read_key(request: Request, session: AsyncSessionDep, settings: SettingsDep) -> None:
    if settings.auth_enabled and settings.read_requires_key:
        await _check(request, session, need_write=False)


WriteAccess = Annotated[None, Depends(require_write_key)]
ReadAccess = Annotated[None, Depends(require_read_key)]
