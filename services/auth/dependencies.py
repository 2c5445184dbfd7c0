"""FastAPI dependencies that guard routes: writes always need a key, reads when settings say so."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.auth.keys import find_key
from services.deps import SessionDep, SettingsDep
from services.errors import Forbidden, Unauthorized


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _check(request: Request, session, *, need_write: bool) -> None:
    token = _bearer(request)
    if token is None:
        raise Unauthorized("this endpoint needs `Authorization: Bearer <key>`; make one with `annals keys create`")
    key = find_key(session, token)
    if key is None:
        raise Unauthorized("unknown API key")
    if key.revoked_at is not None:
        raise Forbidden("this API key was revoked")
    if need_write and key.scope != "write":
        raise Forbidden("this API key may only read")


def require_write_key(request: Request, session: SessionDep, settings: SettingsDep) -> None:
    if settings.auth_enabled:
        _check(request, session, need_write=True)


def require_read_key(request: Request, session: SessionDep, settings: SettingsDep) -> None:
    if settings.auth_enabled and settings.read_requires_key:
        _check(request, session, need_write=False)


WriteAccess = Annotated[None, Depends(require_write_key)]
ReadAccess = Annotated[None, Depends(require_read_key)]
