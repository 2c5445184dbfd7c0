"""Events: write one article's extraction (merging same happenings across articles) and read timelines."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import delete, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, selectinload

from services.extraction.merge import find_same_happening
from services.extraction import model as extracted
from services.store.actors import resolve_actor
from services.store.cursor import TimelinePosition
from services.store.event_views import load_event_views
from services.store.models import Event, EventActor, EventChange, EventSource

# Namespace for transaction-level advisory locks taken per actor while merging (see save_extraction).
_ACTOR_LOCK_NAMESPACE = 7_041


@dataclass(slots=True)
class SavedEvents:
    created: list[int] = field(default_factory=list)  # new events
    updated: list[int] = field(default_factory=list)  # existing events that gained a source from this article


def fingerprint(date_value: str, actor_names: list[str], trigger: str) -> str:
    key = "|".join([date_value, ",".join(sorted(name.casefold() for name in actor_names)), trigger.casefold()])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def as_extracted(event: Event) -> extracted.Event:
    """A stored event in the extraction core's terms, so the pure merge rule can compare it."""
    return extracted.Event(
        date=extracted.EventDate(event.date_value, event.date_start, event.date_end, event.granularity),
        actors=tuple(link.actor.name for link in event.actor_links),
        summary=event.summary,
        trigger=event.trigger,
        status=event.status,
        sentence="",
        offsets=(0, 0),
        confidence=event.confidence,
    )


def forget_article(session: Session, article_id: int) -> None:
    """Remove what an earlier run of this article wrote, so a re-run creates no duplicates."""
    event_ids = list(
        session.execute(delete(EventSource).where(EventSource.article_id == article_id).returning(EventSource.event_id))
        .scalars()
    )
    if event_ids:
        orphaned = select(Event.id).where(
            Event.id.in_(event_ids), ~select(EventSource.id).where(EventSource.event_id == Event.id).exists()
        )
        session.execute(delete(Event).where(Event.id.in_(orphaned)))


def _candidates(session: Session, actor_ids: list[int], start: date, end: date) -> list[Event]:
    """Stored events sharing an actor whose dates overlap: the only ones the merge rule could accept."""
    event_ids = (
        select(EventActor.event_id)
        .where(EventActor.actor_id.in_(actor_ids), EventActor.date_start <= end, EventActor.date_end >= start)
        .distinct()
    )
    return list(
        session.execute(
            select(Event)
            .where(Event.id.in_(event_ids))
            .options(selectinload(Event.actor_links).selectinload(EventActor.actor))
            .order_by(Event.id)
            .limit(200)
        ).scalars()
    )


def save_extraction(session: Session, article_id: int, extraction: extracted.Extraction) -> SavedEvents:
    """Write actors, events and sources of one article in the caller's transaction."""
    forget_article(session, article_id)
    actor_ids = {actor.name: resolve_actor(session, actor) for actor in extraction.actors}
    # Serialise merges per actor: two workers reporting the same happening at once must not both create it.
    for actor_id in sorted(set(actor_ids.values())):
        session.execute(text("SELECT pg_advisory_xact_lock(:ns, :id)"), {"ns": _ACTOR_LOCK_NAMESPACE, "id": actor_id})
    saved = SavedEvents()
    for new in extraction.events:
        ids = sorted({actor_ids[name] for name in new.actors if name in actor_ids})
        if not ids:
            continue  # an event nobody takes part in belongs on no timeline
        candidates = _candidates(session, ids, new.date.start, new.date.end)
        match = find_same_happening(new, [as_extracted(event) for event in candidates])
        if match is None:
            event = _create_event(session, new, ids)
            saved.created.append(event.id)
        else:
            event = candidates[match]
            _add_actors(session, event, ids)
            event.updated_at = datetime.now(UTC)
            if event.id not in saved.created and event.id not in saved.updated:
                saved.updated.append(event.id)
        session.execute(
            insert(EventSource)
            .values(
                event_id=event.id,
                article_id=article_id,
                sentence=new.sentence,
                start_offset=new.offsets[0],
                end_offset=new.offsets[1],
            )
            .on_conflict_do_nothing(constraint="uq_event_sources_mention")
        )
    record_changes(session, saved)
    return saved


# Listeners (live streams) wake on this channel instead of polling; the payload is the newest change id.
CHANGES_CHANNEL = "annals_event_changes"


def record_changes(session: Session, saved: SavedEvents) -> None:
    """Append to the change feed in the caller's transaction: the outbox for webhooks and live streams."""
    rows = [{"event_id": i, "kind": "created"} for i in saved.created]
    rows += [{"event_id": i, "kind": "updated"} for i in saved.updated]
    if rows:
        newest = session.execute(insert(EventChange).values(rows).returning(EventChange.id)).scalars().all()
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": CHANGES_CHANNEL, "payload": str(max(newest))})


def _create_event(session: Session, new: extracted.Event, actor_ids: list[int]) -> Event:
    event = Event(
        date_value=new.date.value,
        date_start=new.date.start,
        date_end=new.date.end,
        granularity=new.date.granularity,
        summary=new.summary[:200],
        trigger=new.trigger,
        status=new.status,
        confidence=new.confidence,
        fingerprint=fingerprint(new.date.value, list(new.actors), new.trigger),
    )
    session.add(event)
    session.flush()
    _add_actors(session, event, actor_ids)
    return event


def _add_actors(session: Session, event: Event, actor_ids: list[int]) -> None:
    session.execute(
        insert(EventActor)
        .values(
            [
                {"actor_id": i, "event_id": event.id, "date_start": event.date_start, "date_end": event.date_end}
                for i in actor_ids
            ]
        )
        .on_conflict_do_nothing()
    )
    session.expire(event, ["actor_links"])


def timeline_page(
    session: Session,
    actor_id: int,
    *,
    limit: int,
    order: str = "asc",
    date_from: date | None = None,
    date_to: date | None = None,
    after: TimelinePosition | None = None,
) -> tuple[list[dict], TimelinePosition | None]:
    """One page of an actor's events in date order (ties by id), by keyset: a range scan of event_actors."""
    ascending = order == "asc"
    key = tuple_(EventActor.date_start, EventActor.event_id)
    query = select(EventActor.event_id, EventActor.date_start).where(EventActor.actor_id == actor_id)
    if date_from is not None:
        query = query.where(EventActor.date_end >= date_from)  # events overlapping the window
    if date_to is not None:
        query = query.where(EventActor.date_start <= date_to)
    if after is not None:
        position = tuple_(after.date_start, after.event_id)
        query = query.where(key > position if ascending else key < position)
    if ascending:
        query = query.order_by(EventActor.date_start, EventActor.event_id)
    else:
        query = query.order_by(EventActor.date_start.desc(), EventActor.event_id.desc())
    rows = session.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    views = load_event_views(session, [event_id for event_id, _ in rows])
    next_position = TimelinePosition(rows[-1][1], rows[-1][0], order) if more else None
    return [views[event_id] for event_id, _ in rows], next_position


def get_event(session: Session, event_id: int) -> dict | None:
    return load_event_views(session, [event_id]).get(event_id)


def events_of_article(session: Session, article_id: int) -> list[dict]:
    ids = select(EventSource.event_id).where(EventSource.article_id == article_id)
    ordered = session.execute(select(Event.id).where(Event.id.in_(ids)).order_by(Event.date_start, Event.id))
    event_ids = list(ordered.scalars())
    views = load_event_views(session, event_ids)
    return [views[event_id] for event_id in event_ids]
