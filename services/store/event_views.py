"""Events as the API and webhooks serve them, loaded with plain Core queries (three, whatever the page size).

This is the hot read path (every timeline page), so it skips ORM object building.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from services.store.models import Actor, Article, Event, EventActor, EventSource
from services.store.revision import outlet_of


def load_event_views(session: Session, event_ids: list[int]) -> dict[int, dict]:
    """Event JSON by id: {"id", "date", "summary", "status", "trigger", "type", "place", "confidence",
    "outlets", "first_reported_at", "updated_at", "actors", "sources"}."""
    if not event_ids:
        return {}
    views: dict[int, dict] = {}
    place = aliased(Actor)
    for row in session.execute(
        select(Event.id, Event.date_value, Event.date_start, Event.date_end, Event.granularity, Event.summary,
               Event.status, Event.trigger, Event.confidence, Event.updated_at, Event.type,
               place.id.label("place_id"), place.name.label("place_name"))
        .outerjoin(place, place.id == Event.place_actor_id).where(Event.id.in_(event_ids))
    ):
        views[row.id] = {
            "id": row.id,
            "date": {"value": row.date_value, "start": row.date_start.isoformat(), "end": row.date_end.isoformat(),
                     "granularity": row.granularity},
            "summary": row.summary,
            "status": row.status,
            "trigger": row.trigger,
            "type": row.type,
            "place": {"id": row.place_id, "name": row.place_name} if row.place_id is not None else None,
            "confidence": row.confidence,
            "outlets": 0,
            "first_reported_at": None,  # the earliest publication among its sources
            "updated_at": row.updated_at.isoformat(),
            "actors": [],
            "sources": [],
        }
    for event_id, actor_id, name in session.execute(
        select(EventActor.event_id, Actor.id, Actor.name)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(event_ids))
        .order_by(Actor.name)
    ):
        views[event_id]["actors"].append({"id": actor_id, "name": name})
    outlets: dict[int, set[str]] = {}
    first_reported: dict = {}
    for row in session.execute(
        select(EventSource.event_id, EventSource.article_id, EventSource.sentence, EventSource.start_offset,
               EventSource.end_offset, Article.url, Article.title, Article.source, Article.published_at)
        .join(Article, Article.id == EventSource.article_id)
        .where(EventSource.event_id.in_(event_ids))
        .order_by(EventSource.id)
    ):
        views[row.event_id]["sources"].append({
            "article_id": row.article_id,
            "url": row.url,
            "title": row.title,
            "source": row.source,
            "published_at": row.published_at.isoformat(),
            "sentence": row.sentence,
            "offsets": [row.start_offset, row.end_offset],
        })
        outlets.setdefault(row.event_id, set()).add(outlet_of(row.source, row.url, row.article_id))
        if row.event_id not in first_reported or row.published_at < first_reported[row.event_id]:
            first_reported[row.event_id] = row.published_at
    for event_id, view in views.items():
        view["outlets"] = len(outlets.get(event_id, ()))
        if event_id in first_reported:
            view["first_reported_at"] = first_reported[event_id].isoformat()
    return views
