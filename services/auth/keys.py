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
# ingest: post articles; read: the read API when it is closed; webhooks: manage its own subscriptions;
# admin: all of these, and every key's subscriptions.
SCOPES = ("ingest", "read", "webhooks", "admin")
DEFAULT_SCOPES = ("ingest", "read", "webhooks")


@dataclass(frozen=True, slots=True)
class NewKey:
    id: int
    name: str
    scopes: tuple[str, ...]
    key: str  # the only time the full key exists outside the client


def hash_key(key: str) -> str:
    # Keys are 256-bit random tokens, so a plain SHA-256 is enough (no password-style stretching needed).
    return hashlib.sha256(key.encode()).hexdigest()


def key_rate_identity(key: str) -> str:
    """Who a key's rate limit counts: its hash, known before (and without) reading the key's row."""
    return hash_key(key)[:24]


def create_key(session: Session, *, name: str, scopes: tuple[str, ...] | list[str] = DEFAULT_SCOPES) -> NewKey:
    scopes = tuple(dict.fromkeys(scopes))
    if not scopes or any(scope not in SCOPES for scope in scopes):
        raise ValueError(f"scopes must be one or more of {', '.join(SCOPES)}")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(name=name, prefix=key[:12], key_hash=hash_key(key), scopes=list(scopes))
    session.add(row)
    session.flush()
    return NewKey(row.id, name, scopes, key)


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
    """(id, scopes, revoked_at) of a key, on an async session: the check every guarded request makes."""
    query = select(ApiKey.id, ApiKey.scopes, ApiKey.revoked_at).where(ApiKey.key_hash == hash_key(key))
    return (await session.execute(query)).one_or_none()
