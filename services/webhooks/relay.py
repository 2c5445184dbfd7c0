"""The relay: event changes (the transactional outbox) -> one frozen, signed-later message per subscription.

The change feed (`event_changes`) is written in the same transaction as the events, so a committed event
always has its change row. The relay turns changes into `webhook_messages` and moves its cursor
(`webhook_relay_state.last_change_id`) in ONE transaction: a crash anywhere leaves either both or neither,
and the next run (a kick after the next article, beat, or a worker starting) picks up where it stopped.
Messages are unique per (endpoint, change), so meeting a change twice never makes a second message.

Why the cursor is safe although ids are handed out before commit: a change with a smaller id may commit
after one with a larger id. The relay only moves the cursor across ids it has seen without a hole. When it
meets a hole (an uncommitted writer, a rolled-back one, or a change deleted with its event) it waits, in a
separate short transaction, for the writers that are in flight (`LOCK TABLE event_changes IN SHARE MODE`
waits for every transaction holding an INSERT lock on it, then releases at once); every id up to the max
it then reads is final, holes included.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from services.store.actors import lookup_names
from services.store.event_views import load_event_views
from services.store.keys import name_key
from services.store.models import EventChange
from services.webhooks.models import WebhookEndpoint, WebhookMessage, WebhookRelayState
from services.webhooks.signing import new_message_id

log = logging.getLogger(__name__)

RELAY_BATCH = 1000


# ---- message bodies ---------------------------------------------------------------------------------------

def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def message_body(type_: str, timestamp: datetime, data: dict, max_bytes: int) -> str:
    """`{"type", "timestamp", "data"}` as JSON text of at most max_bytes (UTF-8).

    A body that would be larger keeps the event's newest sources that fit (older ones are dropped first) and
    says how many it left out in `sources_omitted`; GET /events/{id} has them all.
    """
    envelope = {"type": type_, "timestamp": iso(timestamp), "data": data}
    encoded = orjson.dumps(envelope)
    sources = data.get("sources") if isinstance(data, dict) else None
    if len(encoded) <= max_bytes or not sources:
        return encoded.decode()

    def trimmed(keep: int) -> bytes:
        kept = sources[len(sources) - keep:] if keep else []
        return orjson.dumps({**envelope, "data": {**data, "sources": kept}, "sources_omitted": len(sources) - keep})

    low, high = 0, len(sources) - 1  # the most sources that still fit, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if len(trimmed(middle)) <= max_bytes:
            low = middle
        else:
            high = middle - 1
    return trimmed(low).decode()


# ---- actor names -> actors ----------------------------------------------------------------------------------

def resolve_name_keys(session: Session, keys: set[str]) -> dict[str, int]:
    """Actor ids for subscribed name keys, resolved exactly as the timeline resolves a name (`lookup_names`):
    a name several actors answer to (a shared surname) matches none of them until the subscriber names one."""
    return {key: found.actor_id for key, found in lookup_names(session, keys).items() if found.actor_id is not None}


@dataclass(slots=True)
class Subscriber:
    id: int
    after_change_id: int
    actor_ids: set[int] | None  # None: every actor


def active_subscribers(session: Session) -> list[Subscriber]:
    """Every endpoint, disabled ones included: their messages are made and held (the dispatcher skips disabled
    endpoints), and go out once the endpoint is enabled again. Nothing is silently skipped."""
    endpoints = session.execute(
        select(WebhookEndpoint.id, WebhookEndpoint.after_change_id, WebhookEndpoint.actor_keys)
        .order_by(WebhookEndpoint.id)
    ).all()
    keys = {key for endpoint in endpoints for key in (endpoint.actor_keys or ())}
    resolved = resolve_name_keys(session, keys)
    return [
        Subscriber(e.id, e.after_change_id,
                   None if e.actor_keys is None else {resolved[k] for k in e.actor_keys if k in resolved})
        for e in endpoints
    ]


# ---- changes -> messages ------------------------------------------------------------------------------------

@dataclass(slots=True)
class Change:
    id: int
    event_id: int
    kind: str
    created_at: datetime


def messages_for_changes(session: Session, changes: list[Change], subscribers: list[Subscriber], *,
                         max_bytes: int, now: datetime) -> list[dict]:
    """Message rows for every (subscriber, change) that matches; bodies are built once per change."""
    if not changes or not subscribers:
        return []
    views = load_event_views(session, sorted({change.event_id for change in changes}))
    rows: list[dict] = []
    for change in changes:
        view = views.get(change.event_id)
        if view is None:
            continue  # the event is gone (its article was re-run): nothing to tell
        actor_ids = {actor["id"] for actor in view["actors"]}
        body: str | None = None
        for subscriber in subscribers:
            if change.id <= subscriber.after_change_id:
                continue
            if subscriber.actor_ids is not None and not subscriber.actor_ids & actor_ids:
                continue
            type_ = f"event.{change.kind}"
            body = body or message_body(type_, change.created_at, view, max_bytes)
            rows.append({"msg_id": new_message_id(), "endpoint_id": subscriber.id, "change_id": change.id,
                         "type": type_, "body": body, "status": "pending", "attempts": 0, "next_attempt_at": now})
    return rows


def insert_messages(session: Session, rows: list[dict]) -> int:
    if not rows:
        return 0
    inserted = session.execute(  # executemany: SQLAlchemy batches it into multi-row INSERTs ("insertmanyvalues")
        insert(WebhookMessage.__table__)
        .on_conflict_do_nothing(constraint="uq_webhook_messages_endpoint_change")
        .returning(WebhookMessage.__table__.c.id),
        rows,
    ).scalars().all()
    return len(inserted)


@dataclass(slots=True)
class RelayRun:
    busy: bool = False  # another relay held the cursor
    changes: int = 0
    messages: int = 0
    cursor: int = 0
    more: bool = False  # a full batch: run again
    waited_for_writers: bool = False


def _lock_cursor(session: Session) -> int | None:
    session.execute(insert(WebhookRelayState).values(id=1, last_change_id=0).on_conflict_do_nothing())
    return session.execute(
        select(WebhookRelayState.last_change_id).where(WebhookRelayState.id == 1).with_for_update(skip_locked=True)
    ).scalar_one_or_none()


def _read_changes(session: Session, after: int, upto: int | None, limit: int) -> list[Change]:
    query = select(EventChange.id, EventChange.event_id, EventChange.kind, EventChange.created_at).where(
        EventChange.id > after)
    if upto is not None:
        query = query.where(EventChange.id <= upto)
    return [Change(*row) for row in session.execute(query.order_by(EventChange.id).limit(limit))]


def settled_change_id(session: Session, lock_timeout_ms: int = 5000) -> int | None:
    """The highest change id once every writer in flight has finished (all ids up to it are final).

    Runs in its own short transaction: SHARE mode waits for transactions holding ROW EXCLUSIVE (inserting)
    locks on event_changes and holds new writers back only until the max is read. None on lock timeout.
    """
    try:
        with Session(bind=session.get_bind()) as probe, probe.begin():
            probe.execute(text(f"SET LOCAL lock_timeout = {int(lock_timeout_ms)}"))
            probe.execute(text("LOCK TABLE event_changes IN SHARE MODE"))
            return probe.execute(select(func.coalesce(func.max(EventChange.id), 0))).scalar_one()
    except OperationalError:  # lock_not_available: busy writers; the contiguous part is relayed meanwhile
        log.info("relay: writers still in flight; relaying up to the first hole only")
        return None


def relay_once(session: Session, *, max_bytes: int, batch: int = RELAY_BATCH, lock_timeout_ms: int = 5000) -> RelayRun:
    """One relay step in the caller's transaction (commit it to publish messages and the cursor together)."""
    cursor = _lock_cursor(session)
    if cursor is None:
        return RelayRun(busy=True)
    run = RelayRun(cursor=cursor)
    changes = _read_changes(session, cursor, None, batch)
    if not changes:
        return run
    contiguous = cursor
    for change in changes:
        if change.id != contiguous + 1:
            break
        contiguous = change.id
    if contiguous == changes[-1].id:
        new_cursor = contiguous
    else:
        settled = settled_change_id(session, lock_timeout_ms)
        run.waited_for_writers = True
        if settled is None:
            changes = [change for change in changes if change.id <= contiguous]
            new_cursor = contiguous
        else:
            changes = _read_changes(session, cursor, settled, batch)
            new_cursor = changes[-1].id if len(changes) == batch else settled
    run.more = len(changes) == batch
    now = datetime.now(UTC)
    rows = messages_for_changes(session, changes, active_subscribers(session), max_bytes=max_bytes, now=now)
    run.messages = insert_messages(session, rows)
    run.changes = len(changes)
    if new_cursor != cursor:
        session.execute(
            WebhookRelayState.__table__.update().where(WebhookRelayState.id == 1)
            .values(last_change_id=new_cursor, updated_at=func.now())
        )
    run.cursor = new_cursor
    return run


def current_change_id(session: Session) -> int:
    return session.execute(select(func.coalesce(func.max(EventChange.id), 0))).scalar_one()


def normalised_actor_keys(names: list[str] | None) -> list[str] | None:
    return None if names is None else list(dict.fromkeys(name_key(name) for name in names))
