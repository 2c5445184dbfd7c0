"""API keys: made (shown once), stored as SHA-256 hashes, listed, revoked, checked."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.store.models import ApiKey

KEY_PREFIX = "ann_"
SCOPES = ("read", "write")


@dataclass(frozen=True, slots=True)
class NewKey:
    id: int
    name: str
    scope: str
    key: str  # the only time the full key exists outside the client


def hash_key(key: str) -> str:
    # Keys are 256-bit random tokens, so a plain SHA-256 is enough (no password-style stretching needed).
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, *, name: str, scope: str = "write") -> NewKey:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(name=name, prefix=key[:12], key_hash=hash_key(key), scope=scope)
    session.add(row)
    session.flush()
    return NewKey(row.id, name, scope, key)


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.execute(select(ApiKey).order_by(ApiKey.id)).scalars())


def revoke_key(session: Session, key_id: int) -> bool:
    result = session.execute(
        update(ApiKey).where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None)).values(revoked_at=datetime.now(UTC))
    )
    return result.rowcount == 1


def find_key(session: Session, key: str) -> ApiKey | None:
    return session.execute(select(ApiKey).where(ApiKey.key_hash == hash_key(key))).scalar_one_or_none()


async def find_key_state(session, key: str):
    """(scope, revoked_at) of a key, on an async session: the check every write request makes."""
    query = select(ApiKey.scope, ApiKey.revoked_at).where(ApiKey.key_hash == hash_key(key))
    return (await session.execute(query)).one_or_none()
