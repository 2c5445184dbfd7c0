"""Due-time dispatch: claim due messages (SKIP LOCKED, per-endpoint limits), sign and send them, record attempts.

PostgreSQL is the scheduler. A message is due when `status = 'pending' AND next_attempt_at <= now()`.
Claiming gives it a lease: a token and `next_attempt_at = now() + lease`, so a message whose worker died
mid-attempt simply becomes due again when the lease runs out (at-least-once). The claim walks the enabled
endpoints, each under an advisory lock (an endpoint another dispatcher holds is skipped), and takes at most
`max_in_flight_per_endpoint` minus what is already in flight, with `FOR UPDATE SKIP LOCKED`, so dispatchers
running at once never claim the same message nor exceed an endpoint's limit, and one endpoint's backlog never
crowds out the others. Disabled endpoints' messages wait (held) until they are enabled again. Claimed
messages go out in per-endpoint delivery tasks.
"""

from __future__ import annotations

import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.orm import Session

from services.operations.metrics import WEBHOOK_DELIVERIES
from services.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookMessage
from services.webhooks.schedule import decide
from services.webhooks.sender import Request, Result
from services.webhooks.signing import signed_headers

log = logging.getLogger(__name__)

# Dispatchers take each endpoint under a transaction-level advisory lock (skipping endpoints another one holds),
# then count what is in flight and claim the rest of its allowance in a second statement, whose snapshot
# includes every lease committed before the lock was granted: the per-endpoint limit holds however many
# dispatchers run at once.
DISPATCH_LOCK_CLASS = 0x5748  # the advisory-lock namespace of webhook dispatch ("WH")

_LOCK_ENDPOINTS = text("""
    SELECT id FROM webhook_endpoints
    WHERE disabled_at IS NULL AND pg_try_advisory_xact_lock(:lock_class, (id % 2147483647)::int)
""")

_CLAIM = text("""
    SELECT e.id AS endpoint_id, m.id AS message_id
    FROM webhook_endpoints e
    CROSS JOIN LATERAL (
        SELECT count(*) AS n FROM webhook_messages
        WHERE endpoint_id = e.id AND lease_token IS NOT NULL AND status = 'pending' AND next_attempt_at > now()
    ) busy
    CROSS JOIN LATERAL (
        SELECT id FROM webhook_messages
        WHERE endpoint_id = e.id AND status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT greatest(:per_endpoint - busy.n, 0)
        FOR UPDATE SKIP LOCKED
    ) m
    WHERE e.id = ANY(:endpoint_ids)
""")


@dataclass(frozen=True, slots=True)
class Claim:
    endpoint_id: int
    token: str
    message_ids: list[int]


def claim_due(session: Session, *, max_in_flight: int, lease_seconds: float, batch_size: int) -> list[Claim]:
    """Lease due messages in the caller's transaction; commit, then send each claim to a delivery task."""
    endpoint_ids = list(session.execute(_LOCK_ENDPOINTS, {"lock_class": DISPATCH_LOCK_CLASS}).scalars())
    if not endpoint_ids:
        return []
    by_endpoint: dict[int, list[int]] = defaultdict(list)
    for endpoint_id, message_id in session.execute(_CLAIM, {"per_endpoint": max_in_flight,
                                                            "endpoint_ids": endpoint_ids}):
        by_endpoint[endpoint_id].append(message_id)
    claims = []
    for endpoint_id, ids in by_endpoint.items():
        for start in range(0, len(ids), batch_size):
            claims.append(Claim(endpoint_id, secrets.token_hex(8), ids[start:start + batch_size]))
    if claims:
        session.execute(
            update(WebhookMessage.__table__)
            .where(WebhookMessage.__table__.c.id == bindparam("b_id"))
            .values(lease_token=bindparam("b_token"),
                    next_attempt_at=func.now() + timedelta(seconds=lease_seconds)),
            [{"b_id": message_id, "b_token": claim.token} for claim in claims for message_id in claim.message_ids],
        )
    return claims


def signing_secrets(endpoint, now: datetime) -> list[str]:
    keys = [endpoint.secret]
    if endpoint.previous_secret and endpoint.previous_secret_expires_at and endpoint.previous_secret_expires_at > now:
        keys.append(endpoint.previous_secret)
    return keys


def prepare(session: Session, message_ids: list[int], token: str) -> list[Request]:
    """Signed requests for the claimed messages still held by this lease (a fresh timestamp per attempt)."""
    rows = session.execute(
        select(WebhookMessage.id, WebhookMessage.msg_id, WebhookMessage.body, WebhookEndpoint.id.label("endpoint_id"),
               WebhookEndpoint.url, WebhookEndpoint.secret, WebhookEndpoint.previous_secret,
               WebhookEndpoint.previous_secret_expires_at)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookMessage.endpoint_id)
        .where(WebhookMessage.id.in_(message_ids), WebhookMessage.lease_token == token,
               WebhookMessage.status == "pending", WebhookEndpoint.disabled_at.is_(None))
        .order_by(WebhookMessage.id)
    ).all()
    now = datetime.now(UTC)
    timestamp = int(now.timestamp())
    return [
        Request(row.id, row.endpoint_id, row.url, signed_headers(signing_secrets(row, now), row.msg_id, timestamp, row.body),
                row.body.encode())
        for row in rows
    ]


def record(session: Session, results: list[Result], token: str, settings) -> dict[str, int]:
    """Log the attempts and move each message on (delivered, retry at, failed), in the caller's transaction.

    Also keeps endpoint health: any success clears `failing_since`; an endpoint failing every attempt for
    longer than `webhook_disable_after_seconds`, or answering 410 Gone, is disabled.
    """
    if not results:
        return {}
    now = datetime.now(UTC)
    attempts = dict(session.execute(
        select(WebhookMessage.id, WebhookMessage.attempts).where(WebhookMessage.id.in_([r.message_id for r in results]))
    ).all())
    attempt_rows, message_rows = [], []
    counts: dict[str, int] = defaultdict(int)
    succeeded: set[int] = set()
    failed_endpoints: set[int] = set()
    gone: set[int] = set()
    for result in results:
        if result.message_id not in attempts:
            continue  # the endpoint was deleted meanwhile
        made = attempts[result.message_id] + 1
        decision = decide(status_code=result.status_code, retry_after=result.retry_after, attempts_made=made,
                          schedule=list(settings.webhook_retry_schedule), now=now)
        counts[decision.outcome] += 1
        error = result.error or (None if decision.outcome == "delivered" else f"HTTP {result.status_code}")
        attempt_rows.append({"message_id": result.message_id, "endpoint_id": result.endpoint_id,
                             "attempted_at": result.attempted_at, "status_code": result.status_code,
                             "latency_ms": result.latency_ms, "error": error, "outcome": decision.outcome,
                             "next_attempt_at": decision.next_attempt_at})
        if decision.outcome == "delivered":
            succeeded.add(result.endpoint_id)
            status, last_error = "delivered", None
        elif decision.outcome == "retry":
            failed_endpoints.add(result.endpoint_id)
            status, last_error = "pending", error
        else:
            failed_endpoints.add(result.endpoint_id)
            status, last_error = "failed", error
            if decision.outcome == "disabled":
                gone.add(result.endpoint_id)
                last_error = f"{error}: the endpoint answered 410 Gone and was disabled"
        message_rows.append({"b_id": result.message_id, "b_token": token, "b_status": status, "b_attempts": made,
                             "b_next": decision.next_attempt_at, "b_error": last_error,
                             "b_delivered": now if status == "delivered" else None})
    if attempt_rows:
        session.execute(WebhookAttempt.__table__.insert(), attempt_rows)
        table = WebhookMessage.__table__
        # Only while the lease is ours: if it ran out and another worker took the message, it records its own.
        session.execute(
            update(table).where(table.c.id == bindparam("b_id"), table.c.lease_token == bindparam("b_token"))
            .values(status=bindparam("b_status"), attempts=bindparam("b_attempts"), next_attempt_at=bindparam("b_next"),
                    last_error=bindparam("b_error"), delivered_at=bindparam("b_delivered"), lease_token=None),
            message_rows,
        )
    endpoints = WebhookEndpoint.__table__
    if succeeded:
        session.execute(update(endpoints).where(endpoints.c.id.in_(succeeded), endpoints.c.failing_since.is_not(None))
                        .values(failing_since=None))
    only_failed = failed_endpoints - succeeded
    if only_failed:
        session.execute(update(endpoints).where(endpoints.c.id.in_(only_failed), endpoints.c.failing_since.is_(None))
                        .values(failing_since=now))
        limit = now - timedelta(seconds=settings.webhook_disable_after_seconds)
        session.execute(
            update(endpoints)
            .where(endpoints.c.id.in_(only_failed), endpoints.c.disabled_at.is_(None),
                   endpoints.c.failing_since <= limit)
            .values(disabled_at=now, updated_at=now,
                    disabled_reason=f"every attempt failed for {settings.webhook_disable_after_seconds:g} s")
        )
    if gone:
        session.execute(update(endpoints).where(endpoints.c.id.in_(gone), endpoints.c.disabled_at.is_(None))
                        .values(disabled_at=now, updated_at=now, disabled_reason="the endpoint answered 410 Gone"))
    for outcome, count in counts.items():
        WEBHOOK_DELIVERIES.labels(outcome).inc(count)
    return dict(counts)
