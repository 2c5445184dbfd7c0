"""Reading events: an actor's timeline page by keyset, one event, an article's events."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.store.cursor import TimelinePosition
from services.store.event_views import load_event_views, load_page_views
from services.store.models import Event, EventSource


def timeline_page(
    session: Session,
    actor_id: int,
    *,
    limit: int,
    order: str = "asc",
    date_from: date | None = None,
    date_to: date | None = None,
    after: TimelinePosition | None = None,
    with_actor_id: int | None = None,
) -> tuple[list[dict], TimelinePosition | None]:
    """One page of an actor's events in date order (ties by id), by keyset: a range scan of event_actors.
    The page and its events are read in one round trip (see load_page_views)."""
    query, params = page_query(actor_id, limit=limit + 1, order=order, date_from=date_from, date_to=date_to,
                               after=after, with_actor_id=with_actor_id)
    return page_of(*load_page_views(session, query, params), limit=limit, order=order)


def page_of(rows: list[tuple], views: dict[int, dict], *, limit: int,
            order: str) -> tuple[list[dict], TimelinePosition | None]:
    """The events of a page read with `limit + 1` rows, and where the next page starts (None on the last)."""
    more = len(rows) > limit
    rows = rows[:limit]
    next_position = TimelinePosition(rows[-1][1], rows[-1][0], order) if more else None
    return [views[event_id] for event_id, _ in rows], next_position


def page_query(actor_id: int | None, *, limit: int, order: str, date_from: date | None, date_to: date | None,
               after: TimelinePosition | None, with_actor_id: int | None = None,
               actor: str = "%(actor_id)s") -> tuple[str, dict]:
    """The keyset page as SQL with its parameters: (event_id, date_start) rows, the index's own order.
    With `with_actor_id`, only the events that actor takes part in too (a probe of event_actors per row:
    the same condition as `participation.takes_part`). `actor` is the SQL that gives the actor's id: by
    default the `actor_id` parameter (the raw read path passes an expression that looks it up by name)."""
    direction, beyond = ("ASC", ">") if order == "asc" else ("DESC", "<")
    conditions = [f"actor_id = {actor}"]
    params: dict = {"actor_id": actor_id}
    if with_actor_id is not None:
        conditions.append("EXISTS (SELECT 1 FROM event_actors AS other WHERE other.event_id = event_actors.event_id "
                          "AND other.actor_id = %(with_actor_id)s)")
        params["with_actor_id"] = with_actor_id
    if date_from is not None:
        conditions.append("date_end >= %(date_from)s")  # events overlapping the window
        params["date_from"] = date_from
    if date_to is not None:
        conditions.append("date_start <= %(date_to)s")
        params["date_to"] = date_to
    if after is not None:
        conditions.append(f"(date_start, event_id) {beyond} (%(after_start)s, %(after_id)s)")
        params.update(after_start=after.date_start, after_id=after.event_id)
    # The limit is written into the statement, not bound: a prepared statement's generic plan then knows the
    # page is small (with `LIMIT $n` PostgreSQL assumes 10% of an actor's rows, and scans whole tables for the
    # events' views), so PostgreSQL can keep one plan per page shape instead of planning every page afresh.
    query = (f"SELECT event_id, date_start FROM event_actors WHERE {' AND '.join(conditions)} "
             f"ORDER BY date_start {direction}, event_id {direction} LIMIT {int(limit)}")
    return query, params


def get_event(session: Session, event_id: int) -> dict | None:
    return load_event_views(session, [event_id]).get(event_id)


def events_of_article(session: Session, article_id: int) -> list[dict]:
    ids = select(EventSource.event_id).where(EventSource.article_id == article_id)
    ordered = session.execute(select(Event.id).where(Event.id.in_(ids)).order_by(Event.date_start, Event.id))
    event_ids = list(ordered.scalars())
    views = load_event_views(session, event_ids)
    return [views[event_id] for event_id in event_ids]
