"""Pruning what only grows: the change feed, finished webhook messages and the delivery log.

Each table is cut in batches (short transactions, no long lock on tables the relay and dispatcher use).
The change feed keeps every row the relay has not passed yet, whatever its age: those are still owed to
subscribers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from services.store.db import session_scope
from services.store.models import EventChange
from services.webhooks.models import WebhookAttempt, WebhookMessage, WebhookRelayState

BATCH = 10_000


@dataclass(frozen=True, slots=True)
class Pruned:
    event_changes: int
    webhook_messages: int
    webhook_attempts: int


def _delete_in_batches(table, id_column, *conditions) -> int:
    total = 0
    while True:
        with session_scope() as session:
            ids = select(id_column).where(*conditions).order_by(id_column).limit(BATCH)
            deleted = session.execute(delete(table).where(id_column.in_(ids.scalar_subquery()))).rowcount
        total += deleted
        if deleted < BATCH:
            return total


def prune(*, changes_older_than: timedelta, webhooks_older_than: timedelta, now: datetime | None = None) -> Pruned:
    now = now or datetime.now(UTC)
    with session_scope() as session:
        relayed = session.execute(select(WebhookRelayState.last_change_id).where(WebhookRelayState.id == 1)
                                  ).scalar_one_or_none() or 0
    webhooks_cutoff = now - webhooks_older_than
    attempts = _delete_in_batches(WebhookAttempt, WebhookAttempt.id, WebhookAttempt.attempted_at < webhooks_cutoff)
    messages = _delete_in_batches(WebhookMessage, WebhookMessage.id, WebhookMessage.status.in_(("delivered", "failed")),
                                  WebhookMessage.created_at < webhooks_cutoff)
    changes = _delete_in_batches(EventChange, EventChange.id, EventChange.id <= relayed,
                                 EventChange.created_at < now - changes_older_than)
    return Pruned(changes, messages, attempts)
