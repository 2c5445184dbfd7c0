"""Subscription management behind the routes: create, change, rotate, ping, replay, and the delivery log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, true, update
from sqlalchemy.orm import Session

from services.auth.dependencies import Caller
from services.errors import Conflict, NotFound, Unprocessable
from services.store.models import Actor, EventChange
from services.webhooks.guard import AddressRefused, GuardPolicy, check_subscription_url
from services.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookMessage, WebhookRelayState
from services.webhooks.relay import (
    Change,
    Subscriber,
    insert_messages,
    iso,
    message_body,
    messages_for_changes,
    normalised_actor_keys,
    resolve_name_keys,
)
from services.webhooks.signing import new_message_id, new_secret


def _iso(moment: datetime | None) -> str | None:
    return iso(moment) if moment is not None else None


def check_url(url: str, settings) -> None:
    try:
        check_subscription_url(url, GuardPolicy.from_settings(settings))
    except AddressRefused as error:
        raise Unprocessable(f"url refused: {error}", reason=str(error)) from None


def actor_matches(session: Session, endpoints: list[WebhookEndpoint]) -> dict[str, dict | None]:
    """Which stored actor each subscribed name currently resolves to (None: no such actor yet, or ambiguous)."""
    keys = {key for endpoint in endpoints for key in (endpoint.actor_keys or ())}
    resolved = resolve_name_keys(session, keys)
    names = dict(session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(set(resolved.values())))).all())
    return {key: {"id": actor_id, "name": names[actor_id]} for key, actor_id in resolved.items()}


def endpoint_json(endpoint: WebhookEndpoint, matches: dict[str, dict | None]) -> dict:
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "description": endpoint.description,
        "actors": endpoint.actors,
        # Names are resolved (like the timeline: store.actors.lookup_names) when events arrive; `null` here
        # means no actor has that name yet (it starts matching once one does), or several people share it
        # (a surname: subscribe by full name).
        "actor_matches": None if endpoint.actors is None else [
            {"name": name, "actor": matches.get(key)} for name, key in zip(endpoint.actors, endpoint.actor_keys or [])
        ],
        "enabled": endpoint.disabled_at is None,
        "disabled_at": _iso(endpoint.disabled_at),
        "disabled_reason": endpoint.disabled_reason,
        "failing_since": _iso(endpoint.failing_since),
        "created_at": _iso(endpoint.created_at),
        "updated_at": _iso(endpoint.updated_at),
    }


def describe(session: Session, endpoint: WebhookEndpoint) -> dict:
    return endpoint_json(endpoint, actor_matches(session, [endpoint]))


def owned_by(caller: Caller):
    """The endpoints a caller may see and change: its key's own; an admin key's: all of them."""
    return true() if caller.is_admin else WebhookEndpoint.owner_key_id == caller.key_id


def get_endpoint(session: Session, endpoint_id: int, caller: Caller, *, lock: bool = False) -> WebhookEndpoint:
    """The endpoint if the caller owns it; another key's is 404 as if it did not exist (ids reveal nothing)."""
    query = select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id, owned_by(caller))
    endpoint = session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if endpoint is None:
        raise NotFound(f"no webhook endpoint with id {endpoint_id}")
    return endpoint


def list_endpoints(session: Session, caller: Caller) -> list[dict]:
    query = select(WebhookEndpoint).where(owned_by(caller)).order_by(WebhookEndpoint.id)
    endpoints = list(session.execute(query).scalars())
    matches = actor_matches(session, endpoints)
    return [endpoint_json(endpoint, matches) for endpoint in endpoints]


def create_endpoint(session: Session, settings, caller: Caller, *, url: str, actors: list[str] | None,
                    description: str | None) -> tuple[WebhookEndpoint, str]:
    check_url(url, settings)
    secret = new_secret()
    after = session.execute(select(func.coalesce(func.max(EventChange.id), 0))).scalar_one()
    endpoint = WebhookEndpoint(url=url, description=description, actors=actors,
                               actor_keys=normalised_actor_keys(actors), secret=secret, after_change_id=after,
                               owner_key_id=caller.key_id)
    session.add(endpoint)
    session.flush()
    session.refresh(endpoint)
    return endpoint, secret


def update_endpoint(session: Session, settings, caller: Caller, endpoint_id: int, changes: dict) -> WebhookEndpoint:
    endpoint = get_endpoint(session, endpoint_id, caller, lock=True)
    now = datetime.now(UTC)
    if "url" in changes:
        check_url(changes["url"], settings)
        endpoint.url = changes["url"]
    if "actors" in changes:
        endpoint.actors = changes["actors"]
        endpoint.actor_keys = normalised_actor_keys(changes["actors"])
    if "description" in changes:
        endpoint.description = changes["description"]
    if "enabled" in changes:
        if changes["enabled"] and endpoint.disabled_at is not None:
            endpoint.disabled_at = endpoint.disabled_reason = endpoint.failing_since = None
        elif not changes["enabled"] and endpoint.disabled_at is None:
            endpoint.disabled_at, endpoint.disabled_reason = now, "disabled through the API"
    endpoint.updated_at = now
    session.flush()
    return endpoint


def delete_endpoint(session: Session, caller: Caller, endpoint_id: int) -> None:
    query = delete(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id, owned_by(caller))
    if not session.execute(query).rowcount:
        raise NotFound(f"no webhook endpoint with id {endpoint_id}")


def rotate_secret(session: Session, settings, caller: Caller, endpoint_id: int) -> tuple[WebhookEndpoint, str]:
    """A new secret; the old one keeps signing too for the grace period (24 h), then stops."""
    endpoint = get_endpoint(session, endpoint_id, caller, lock=True)
    now = datetime.now(UTC)
    secret = new_secret()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = now + timedelta(seconds=settings.webhook_secret_grace_seconds)
    endpoint.secret = secret
    endpoint.updated_at = now
    session.flush()
    return endpoint, secret


def _require_enabled(endpoint: WebhookEndpoint) -> None:
    if endpoint.disabled_at is not None:
        raise Conflict(f"webhook endpoint {endpoint.id} is disabled ({endpoint.disabled_reason}); "
                       "enable it first with PATCH {\"enabled\": true}")


def queue_ping(session: Session, settings, caller: Caller, endpoint_id: int) -> WebhookMessage:
    endpoint = get_endpoint(session, endpoint_id, caller)
    _require_enabled(endpoint)
    now = datetime.now(UTC)
    message = WebhookMessage(
        msg_id=new_message_id(), endpoint_id=endpoint.id, change_id=None, type="ping",
        body=message_body("ping", now, {"endpoint_id": endpoint.id, "url": endpoint.url}, settings.webhook_max_body_bytes),
        status="pending", attempts=0, next_attempt_at=now,
    )
    session.add(message)
    session.flush()
    return message


def replay(session: Session, settings, caller: Caller, endpoint_id: int, since: datetime,
           until: datetime | None) -> int:
    """Send again every event message since `since` (same webhook-id, a fresh round of attempts).

    Changes in that window the endpoint has no message for (it was disabled then, say) get one first, drawn
    from the change feed like the relay does; only changes the relay has already passed, and never from before
    the subscription.
    """
    endpoint = get_endpoint(session, endpoint_id, caller, lock=True)
    _require_enabled(endpoint)
    limit = settings.webhook_replay_max_messages
    cursor = session.execute(
        select(WebhookRelayState.last_change_id).where(WebhookRelayState.id == 1)).scalar_one_or_none() or 0
    query = (select(EventChange.id, EventChange.event_id, EventChange.kind, EventChange.created_at)
             .where(EventChange.created_at >= since, EventChange.id > endpoint.after_change_id,
                    EventChange.id <= cursor)
             .order_by(EventChange.id).limit(limit + 1))
    if until is not None:
        query = query.where(EventChange.created_at <= until)
    changes = [Change(*row) for row in session.execute(query)]
    if len(changes) > limit:
        raise Unprocessable(f"more than {limit} messages since {iso(since)}; replay a shorter window (`until`)")
    resolved = resolve_name_keys(session, set(endpoint.actor_keys or ()))
    subscriber = Subscriber(endpoint.id, endpoint.after_change_id,
                            None if endpoint.actor_keys is None else {resolved[k] for k in endpoint.actor_keys
                                                                      if k in resolved})
    now = datetime.now(UTC)
    insert_messages(session, messages_for_changes(session, changes, [subscriber],
                                                  max_bytes=settings.webhook_max_body_bytes, now=now))
    table = WebhookMessage.__table__
    conditions = [table.c.endpoint_id == endpoint.id, table.c.created_at >= since, table.c.type != "ping"]
    if until is not None:
        conditions.append(table.c.created_at <= until)
    count = session.execute(select(func.count()).select_from(table).where(*conditions)).scalar_one()
    if count > limit:
        raise Unprocessable(f"more than {limit} messages since {iso(since)}; replay a shorter window (`until`)")
    # A message a dispatcher holds right now (leased, lease not run out) is being sent: resetting it would send
    # it twice at once and let the running attempt's outcome be lost. It is left to finish.
    in_flight = (table.c.status == "pending") & table.c.lease_token.is_not(None) & (table.c.next_attempt_at > now)
    session.execute(update(table).where(*conditions, ~in_flight).values(
        status="pending", attempts=0, next_attempt_at=now, lease_token=None, last_error=None, delivered_at=None))
    return count


def deliveries(session: Session, caller: Caller, endpoint_id: int, *, limit: int, before: int | None,
               message_id: str | None) -> dict:
    """The delivery log, newest attempt first, keyset-paged by attempt id."""
    get_endpoint(session, endpoint_id, caller)
    query = (select(WebhookAttempt, WebhookMessage.msg_id, WebhookMessage.type, WebhookMessage.status)
             .join(WebhookMessage, WebhookMessage.id == WebhookAttempt.message_id)
             .where(WebhookAttempt.endpoint_id == endpoint_id))
    if before is not None:
        query = query.where(WebhookAttempt.id < before)
    if message_id is not None:
        query = query.where(WebhookMessage.msg_id == message_id)
    rows = session.execute(query.order_by(WebhookAttempt.id.desc()).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "deliveries": [
            {
                "id": attempt.id,
                "message_id": msg_id,
                "type": type_,
                "attempted_at": _iso(attempt.attempted_at),
                "status_code": attempt.status_code,
                "latency_ms": attempt.latency_ms,
                "error": attempt.error,
                "outcome": attempt.outcome,
                "next_attempt_at": _iso(attempt.next_attempt_at),
                "message_status": message_status,
            }
            for attempt, msg_id, type_, message_status in rows
        ],
        "next_before": rows[-1][0].id if more else None,
    }


def messages(session: Session, caller: Caller, endpoint_id: int, *, status: str | None, limit: int,
             before: int | None) -> dict:
    """Messages for an endpoint, newest first: pending ones with their next attempt, failed ones stay listed."""
    get_endpoint(session, endpoint_id, caller)
    query = select(WebhookMessage).where(WebhookMessage.endpoint_id == endpoint_id)
    if status is not None:
        query = query.where(WebhookMessage.status == status)
    if before is not None:
        query = query.where(WebhookMessage.id < before)
    rows = list(session.execute(query.order_by(WebhookMessage.id.desc()).limit(limit + 1)).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    now = datetime.now(UTC)
    return {
        "messages": [
            {
                "id": message.msg_id,
                "type": message.type,
                "status": message.status,
                "attempts": message.attempts,
                "in_flight": message.lease_token is not None and message.status == "pending"
                and message.next_attempt_at is not None and message.next_attempt_at > now,
                "next_attempt_at": _iso(message.next_attempt_at) if message.status == "pending" else None,
                "last_error": message.last_error,
                "created_at": _iso(message.created_at),
                "delivered_at": _iso(message.delivered_at),
            }
            for message in rows
        ],
        "next_before": rows[-1].id if more else None,
    }
