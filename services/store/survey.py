"""What the news holds: actors by their latest report, the most reported of the latest days, an actor's events
over time and the actors it appears with most."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, text, tuple_
from sqlalchemy.orm import Session, selectinload

from services.store.models import Actor, Article, EventActor


@dataclass(frozen=True, slots=True)
class ActivityPosition:
    """The last actor of a page of actors by latest report."""

    last_reported_at: datetime
    actor_id: int


def actors_by_activity(session: Session, *, limit: int, after: ActivityPosition | None = None
                       ) -> tuple[list[tuple[Actor, int]], ActivityPosition | None]:
    """Actors whose events were reported, the most recently reported first (ties by id), by keyset on
    (last_reported_at, id): a backward scan of its index."""
    query = (select(Actor, Actor.event_count).where(Actor.last_reported_at.is_not(None)).options(selectinload(Actor.aliases))
             .order_by(Actor.last_reported_at.desc(), Actor.id.desc()))
    if after is not None:
        query = query.where(tuple_(Actor.last_reported_at, Actor.id) < tuple_(after.last_reported_at, after.actor_id))
    rows = session.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    position = ActivityPosition(rows[-1][0].last_reported_at, rows[-1][0].id) if more else None
    return [(actor, event_count) for actor, event_count in rows], position


def latest_news_window(session: Session, days: int) -> tuple[datetime, datetime] | None:
    """The `days` up to the newest article's publication: "the last days" of what the store holds (for a
    live service, the last days; for an archive, its last week). None when no article is stored."""
    newest = session.execute(select(func.max(Article.published_at))).scalar_one()
    if newest is None:
        return None
    return newest - timedelta(days=days), newest


_MOST_REPORTED = text("""
    SELECT ea.actor_id, count(DISTINCT ea.event_id) AS events
    FROM articles AS art
    JOIN event_sources AS s ON s.article_id = art.id
    JOIN event_actors AS ea ON ea.event_id = s.event_id
    WHERE art.published_at > :start AND art.published_at <= :end
    GROUP BY ea.actor_id
    ORDER BY events DESC, ea.actor_id
    LIMIT :limit
""")


def most_reported_actors(session: Session, start: datetime, end: datetime, *, limit: int = 10
                         ) -> list[tuple[Actor, int]]:
    """The actors with the most events reported by articles published in (start, end]."""
    counts = session.execute(_MOST_REPORTED, {"start": start, "end": end, "limit": limit}).all()
    actors = {actor.id: actor for actor in session.scalars(
        select(Actor).where(Actor.id.in_([row.actor_id for row in counts])).options(selectinload(Actor.aliases)))}
    return [(actors[row.actor_id], row.events) for row in counts if row.actor_id in actors]


@dataclass(frozen=True, slots=True)
class Bucket:
    """How many of an actor's events start in one month (or year)."""

    start: date
    end: date
    count: int


# A span longer than this many months is counted by year: a chart keeps to a few dozen bars.
MONTHLY_UP_TO_MONTHS = 36


def events_over_time(session: Session, actor_id: int) -> tuple[str, list[Bucket]]:
    """("month" | "year", buckets from the first to the last event, empty ones included) by start date."""
    rows = session.execute(
        select(func.date_trunc("month", EventActor.date_start).label("month"), func.count())
        .where(EventActor.actor_id == actor_id).group_by("month").order_by("month")
    ).all()
    if not rows:
        return "month", []
    counts = {row[0].date(): row[1] for row in rows}
    first, last = min(counts), max(counts)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MONTHLY_UP_TO_MONTHS:
        buckets = []
        day = first
        for _ in range(months):
            following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            buckets.append(Bucket(day, following - timedelta(days=1), counts.get(day, 0)))
            day = following
        return "month", buckets
    by_year: dict[int, int] = {}
    for month, count in counts.items():
        by_year[month.year] = by_year.get(month.year, 0) + count
    return "year", [Bucket(date(year, 1, 1), date(year, 12, 31), by_year.get(year, 0))
                    for year in range(first.year, last.year + 1)]


_CO_ACTORS = text("""
    SELECT other.actor_id, count(*) AS together
    FROM event_actors AS mine JOIN event_actors AS other ON other.event_id = mine.event_id
    WHERE mine.actor_id = :actor_id AND other.actor_id <> :actor_id
    GROUP BY other.actor_id
    ORDER BY together DESC, other.actor_id
    LIMIT :limit
""")


def co_actors(session: Session, actor_id: int, *, limit: int = 8) -> list[tuple[Actor, int]]:
    """The actors taking part in the most of this actor's events, with how many they share."""
    counts = session.execute(_CO_ACTORS, {"actor_id": actor_id, "limit": limit}).all()
    actors = {actor.id: actor for actor in session.scalars(
        select(Actor).where(Actor.id.in_([row.actor_id for row in counts])).options(selectinload(Actor.aliases)))}
    return [(actors[row.actor_id], row.together) for row in counts if row.actor_id in actors]
