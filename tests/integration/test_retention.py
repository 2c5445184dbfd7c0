"""Retention: the change feed (once relayed), finished webhook messages and attempts are pruned after their age."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from services.store.db import session_scope
from services.store.models import EventChange
from services.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookMessage, WebhookRelayState
from services.worker.retention import prune
from tests.integration.factories import PUTIN_EVENTS, store_article

OLD = datetime.now(UTC) - timedelta(days=40)


def count(model) -> int:
    with session_scope() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def message(session, endpoint_id: int, index: int, status: str, created_at: datetime) -> WebhookMessage:
    row = WebhookMessage(msg_id=f"msg_{index}", endpoint_id=endpoint_id, change_id=None, type="ping", body="{}",
                         status=status, attempts=1, created_at=created_at)
    session.add(row)
    session.flush()
    session.add(WebhookAttempt(message_id=row.id, endpoint_id=endpoint_id, attempted_at=created_at, latency_ms=1.0,
                               outcome="delivered" if status == "delivered" else "retry"))
    return row


def test_old_records_are_pruned_and_what_is_still_owed_is_kept():
    store_article(*PUTIN_EVENTS)  # four events: four changes
    with session_scope() as session:
        changes = list(session.execute(select(EventChange.id).order_by(EventChange.id)).scalars())
        session.execute(update(EventChange).values(created_at=OLD))  # all old ...
        session.add(WebhookRelayState(id=1, last_change_id=changes[2]))  # ... but the relay passed only three
        endpoint = WebhookEndpoint(url="https://hooks.example/a", secret="whsec_x", after_change_id=0)
        session.add(endpoint)
        session.flush()
        message(session, endpoint.id, 1, "delivered", OLD)
        message(session, endpoint.id, 2, "failed", OLD)
        message(session, endpoint.id, 3, "pending", OLD)  # still owed: kept (its old attempt goes)
        message(session, endpoint.id, 4, "delivered", datetime.now(UTC))  # recent: kept with its attempt

    pruned = prune(changes_older_than=timedelta(days=30), webhooks_older_than=timedelta(days=30))

    assert (pruned.event_changes, pruned.webhook_messages, pruned.webhook_attempts) == (3, 2, 3)
    with session_scope() as session:
        assert list(session.execute(select(EventChange.id)).scalars()) == [changes[3]]
        assert sorted(session.execute(select(WebhookMessage.msg_id)).scalars()) == ["msg_3", "msg_4"]
    assert count(WebhookAttempt) == 1


def test_nothing_recent_is_pruned():
    store_article(*PUTIN_EVENTS)
    with session_scope() as session:
        session.add(WebhookRelayState(id=1, last_change_id=10**6))
    pruned = prune(changes_older_than=timedelta(days=30), webhooks_older_than=timedelta(days=30))
    assert pruned.event_changes == 0 and count(EventChange) == 4
