"""Events: write one article's extraction (merging same happenings across articles) and read timelines."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.extraction import model as extracted
from services.extraction.merge import COARSE_INTERVAL_DAYS, find_same_happening, similar_trigger_words
from services.store.actors import resolve_actors
from services.store.cursor import TimelinePosition
from services.store.event_views import load_event_views, load_page_views
from services.store.models import Actor, Article, Event, EventActor, EventSource
from services.store.revision import corroborated_confidence, outlet_of, revise

# Namespaces of the transaction-level advisory locks taken while merging (see save_extraction): per actor,
# and per day and trigger word (reports that share no actor are matched by day and similar trigger).
_ACTOR_LOCK_NAMESPACE = 7_041
_DAY_LOCK_NAMESPACE = 7_042


# One round trip, keys in ascending (namespace, key) order: one order everywhere, so no deadlocks.
_LOCK_MERGE_KEYS = text("""
    SELECT count(pg_advisory_xact_lock(ns, key))
    FROM (SELECT DISTINCT ns, key FROM unnest(CAST(:namespaces AS integer[]), CAST(:keys AS integer[])) AS k(ns, key)
          ORDER BY ns, key) AS ordered
""")


def _day_lock_key(start: date, end: date, trigger: str) -> int:
    """A 32-bit key for one day (interval) and trigger word, the same in every process."""
    digest = hashlib.blake2b(f"{start}|{end}|{trigger}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lock_merges(session: Session, actor_ids: set[int], days: set[tuple[date, date, str]]) -> None:
    """Serialise merges: two workers reporting one happening at once must not both create it. Per actor, and
    per day and trigger word for the candidates that share no actor: a report locks every word its trigger is
    similar to, one with a similar trigger locks its own word too, so the two meet on it."""
    keys = {(_ACTOR_LOCK_NAMESPACE, actor_id % 2_147_483_647) for actor_id in actor_ids}
    keys |= {(_DAY_LOCK_NAMESPACE, _day_lock_key(start, end, word))
             for start, end, trigger in days for word in similar_trigger_words(trigger)}
    ordered = sorted(keys)
    session.execute(_LOCK_MERGE_KEYS, {"namespaces": [ns for ns, _ in ordered], "keys": [key for _, key in ordered]})


@dataclass(slots=True)
class SavedEvents:
    created: list[int] = field(default_factory=list)  # new events
    updated: list[int] = field(default_factory=list)  # existing events that gained a source from this article


def fingerprint(date_value: str, actor_names: list[str], trigger: str) -> str:
    key = "|".join([date_value, ",".join(sorted(name.casefold() for name in actor_names)), trigger.casefold()])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


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


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored event the merge rule may match, in the extraction core's terms."""

    id: int
    event: extracted.Event
    fingerprint: str
    people: frozenset[str]  # which of its actors are persons (the rule never joins two sets of other people)


# One round trip per extracted event; this is the write path's hot spot, so it skips ORM object building.
# Only dates the merge rule can accept are read (the same interval, one inside the other when the outer one
# is at most a year, or the next or previous day: see merge.same_happening), events that share an actor
# first, then similar triggers: an actor with thousands of events in "2024" still finds the one that
# matches within the first rows. Events of the same day with a similar trigger come too, whoever took part
# (outlets name different people, or spell one name two ways); the rule asks more of those.
_CANDIDATES = text("""
    SELECT e.id, e.date_value, e.date_start, e.date_end, e.granularity, e.summary, e.trigger, e.status,
           e.report_confidence, e.fingerprint, array_agg(a.name ORDER BY a.name) AS actor_names,
           array_agg(a.name) FILTER (WHERE a.kind = 'person') AS people
    FROM events AS e
    JOIN event_actors AS ea ON ea.event_id = e.id
    JOIN actors AS a ON a.id = ea.actor_id
    WHERE e.id IN (
        SELECT event_id FROM event_actors
        WHERE actor_id = ANY(:actor_ids)
          AND date_start <= CAST(:end AS date) + 1 AND date_end >= CAST(:start AS date) - 1
          AND ((date_start = :start AND date_end = :end)
               OR (date_end - date_start < :coarse_days AND date_start <= :start AND date_end >= :end)
               OR (CAST(:end AS date) - CAST(:start AS date) < :coarse_days
                   AND date_start >= :start AND date_end <= :end)
               OR (date_start = date_end AND CAST(:start AS date) = CAST(:end AS date)
                   AND abs(date_start - CAST(:start AS date)) = 1))
        UNION
        (SELECT id FROM events
         WHERE date_start = :start AND date_end = :end AND trigger = ANY(:triggers) LIMIT 50)
    )
    GROUP BY e.id
    ORDER BY bool_or(a.id = ANY(:actor_ids)) DESC, e.trigger = ANY(:triggers) DESC,
             (e.date_start = :start AND e.date_end = :end) DESC, e.id DESC
    LIMIT 200
""")


def _candidates(session: Session, actor_ids: list[int], new: extracted.Event) -> list[Candidate]:
    """Stored events sharing an actor, or the day and a similar trigger, with dates the merge rule could accept."""
    rows = session.execute(_CANDIDATES, {
        "actor_ids": actor_ids, "start": new.date.start, "end": new.date.end, "coarse_days": COARSE_INTERVAL_DAYS,
        "triggers": list(similar_trigger_words(new.trigger)),
    })
    return [_candidate(row) for row in rows]


def _candidate(row) -> Candidate:
    return Candidate(row.id, extracted.Event(
        date=extracted.EventDate(row.date_value, row.date_start, row.date_end, row.granularity),
        actors=tuple(row.actor_names),
        summary=row.summary,
        trigger=row.trigger,
        status=row.status,
        sentence="",
        offsets=(0, 0),
        confidence=row.report_confidence,
    ), row.fingerprint, frozenset(row.people or ()))


def save_extraction(session: Session, article_id: int, extraction: extracted.Extraction) -> SavedEvents:
    """Write actors, events and sources of one article in the caller's transaction.

    Events are compared by who took part as stored ids: both the new event and the stored candidates carry
    the canonical names of the resolved actors, so "Carney" (resolved to Mark Carney) meets "Mark Carney".
    """
    forget_article(session, article_id)
    resolved = resolve_actors(session, extraction.actors)
    actor_ids = resolved.ids
    if actor_ids:
        moved_actors, moved_days = _scope_of_moved_events(session, resolved.moved_events)
        days = {(new.date.start, new.date.end, new.trigger) for new in extraction.events
                if any(name in actor_ids for name in new.actors)}
        _lock_merges(session, set(actor_ids.values()) | moved_actors, days | moved_days)
    stored_names, people = _stored_names(session, set(actor_ids.values()))
    published_at = session.execute(select(Article.published_at).where(Article.id == article_id)).scalar_one()
    saved = SavedEvents()
    _fold_moved_events(session, resolved.moved_events, saved)
    sources: dict[tuple[int, int], dict] = {}
    for new in extraction.events:
        ids = sorted({actor_ids[name] for name in new.actors if name in actor_ids})
        if not ids:
            continue  # an event nobody takes part in belongs on no timeline
        resolved = replace(new, actors=tuple(sorted(stored_names[i] for i in ids)))
        candidates = _candidates(session, ids, resolved)
        known_people = people.union(*(candidate.people for candidate in candidates))
        match = find_same_happening(resolved, [candidate.event for candidate in candidates], people=known_people)
        place_id = actor_ids.get(new.place) if new.place else None
        if match is None:
            event_id = _create_event(session, resolved, ids, place_id)
            saved.created.append(event_id)
        else:
            event_id = candidates[match].id
            _fill_place_and_type(session, event_id, place_id, new.type)
            when = _revise(session, candidates[match], resolved, published_at)
            _add_actors(session, event_id, when.start, when.end, ids)
            if event_id not in saved.created and event_id not in saved.updated:
                saved.updated.append(event_id)
        sources.setdefault((event_id, new.offsets[0]), {
            "event_id": event_id, "article_id": article_id, "sentence": new.sentence,
            "start_offset": new.offsets[0], "end_offset": new.offsets[1],
        })
    if sources:
        session.execute(_INSERT_SOURCES, {column: [row[column] for row in sources.values()] for column in (
            "event_id", "article_id", "sentence", "start_offset", "end_offset")})
    if saved.updated:
        session.execute(update(Event).where(Event.id.in_(saved.updated)).values(updated_at=datetime.now(UTC)))
        _corroborate(session, saved.updated)
    record_changes(session, saved)
    return saved


def _scope_of_moved_events(session: Session, moved_events: dict[int, list[int]]
                           ) -> tuple[set[int], set[tuple[date, date, str]]]:
    """The actors, and the days and triggers, of the events an actor merge moved: `_fold_moved_events` looks
    for their matches, so it locks what a match of theirs is found by."""
    event_ids = [event_id for ids in moved_events.values() for event_id in ids]
    if not event_ids:
        return set(), set()
    rows = session.execute(select(EventActor.actor_id, Event.date_start, Event.date_end, Event.trigger)
                           .join(Event, Event.id == EventActor.event_id).where(EventActor.event_id.in_(event_ids)))
    actors, days = set(), set()
    for actor_id, start, end, trigger in rows:
        actors.add(actor_id)
        days.add((start, end, trigger))
    return actors, days


_EVENT = text("""
    SELECT e.id, e.date_value, e.date_start, e.date_end, e.granularity, e.summary, e.trigger, e.status,
           e.report_confidence, e.fingerprint, array_agg(a.name ORDER BY a.name) AS actor_names,
           array_agg(a.name) FILTER (WHERE a.kind = 'person') AS people
    FROM events AS e JOIN event_actors AS ea ON ea.event_id = e.id JOIN actors AS a ON a.id = ea.actor_id
    WHERE e.id = :id GROUP BY e.id
""")


def _fold_moved_events(session: Session, moved_events: dict[int, list[int]], saved: SavedEvents) -> None:
    """Two actor rows became one ("Comey" folded into "James Comey"): each event the survivor gained joins the
    survivor's event of the same happening (the merge rule decides, `_revise` revises), its sources and
    actors follow and the duplicate row goes. Its webhook subscribers hear `event.updated` of the survivor."""
    for survivor_id, event_ids in moved_events.items():
        for event_id in sorted(event_ids):
            row = session.execute(_EVENT, {"id": event_id}).one_or_none()
            if row is None:
                continue  # already folded into another one
            moved = _candidate(row)
            candidates = [c for c in _candidates(session, [survivor_id], moved.event) if c.id != event_id]
            people = moved.people.union(*(candidate.people for candidate in candidates))
            match = find_same_happening(moved.event, [candidate.event for candidate in candidates], people=people)
            if match is None:
                continue
            first_reported_at = _first_reported_at(session, event_id)
            if first_reported_at is None:
                continue  # no source left: nothing to carry over
            target = candidates[match]
            when = _revise(session, target, moved.event, first_reported_at)
            session.execute(_MOVE_EVENT, {"source": event_id, "target": target.id, "start": when.start,
                                          "end": when.end})
            session.execute(delete(Event).where(Event.id == event_id))  # its remaining rows cascade
            if target.id not in saved.updated:
                saved.updated.append(target.id)


_MOVE_EVENT = text("""
    WITH actors AS (
        INSERT INTO event_actors (actor_id, date_start, event_id, date_end)
        SELECT actor_id, :start, :target, :end FROM event_actors WHERE event_id = :source
        ON CONFLICT DO NOTHING
    )
    UPDATE event_sources AS s SET event_id = :target WHERE s.event_id = :source AND NOT EXISTS (
        SELECT 1 FROM event_sources AS t
        WHERE t.event_id = :target AND t.article_id = s.article_id AND t.start_offset = s.start_offset)
""")


def _stored_names(session: Session, actor_ids: set[int]) -> tuple[dict[int, str], frozenset[str]]:
    """The stored name of each actor, and which of those names are persons'."""
    rows = session.execute(select(Actor.id, Actor.name, Actor.kind).where(Actor.id.in_(actor_ids))).all()
    return {row.id: row.name for row in rows}, frozenset(row.name for row in rows if row.kind == "person")


def _revise(session: Session, candidate: Candidate, report: extracted.Event,
            published_at: datetime) -> extracted.EventDate:
    """Apply `revision.revise` to a stored event; a finer date moves it (and its timeline rows). Its dates.

    The fingerprint follows what it is made of (date, actors, trigger): a revised event is found by the
    fingerprint of what it now says, not of its first report.
    """
    event_id, stored = candidate.id, candidate.event
    revision = revise(stored, report, published_at, _first_reported_at(session, event_id))
    values: dict = {}
    if revision.date != stored.date:
        values.update(date_value=revision.date.value, date_start=revision.date.start, date_end=revision.date.end,
                      granularity=revision.date.granularity)
        session.execute(update(EventActor).where(EventActor.event_id == event_id)
                        .values(date_start=revision.date.start, date_end=revision.date.end))
    if revision.status != stored.status:
        values["status"] = revision.status
    if revision.report_confidence != stored.confidence:
        values["report_confidence"] = revision.report_confidence
    if (revision.trigger, revision.summary) != (stored.trigger, stored.summary):
        values.update(trigger=revision.trigger, summary=revision.summary[:200])
    actors = sorted({*stored.actors, *report.actors})
    revised_fingerprint = fingerprint(revision.date.value, actors, revision.trigger)
    if revised_fingerprint != candidate.fingerprint:
        values["fingerprint"] = revised_fingerprint
    if values:
        session.execute(update(Event).where(Event.id == event_id).values(**values))
    return revision.date


def _first_reported_at(session: Session, event_id: int) -> datetime | None:
    return session.execute(
        select(func.min(Article.published_at)).join(EventSource, EventSource.article_id == Article.id)
        .where(EventSource.event_id == event_id)
    ).scalar_one()


def _corroborate(session: Session, event_ids: list[int]) -> None:
    """Confidence from the best report and the number of independent outlets that reported the event."""
    outlets: dict[int, set[str]] = {}
    for event_id, article_id, source, url in session.execute(
        select(EventSource.event_id, Article.id, Article.source, Article.url)
        .join(Article, Article.id == EventSource.article_id).where(EventSource.event_id.in_(event_ids))
    ):
        outlets.setdefault(event_id, set()).add(outlet_of(source, url, article_id))
    rows = session.execute(select(Event.id, Event.report_confidence).where(Event.id.in_(event_ids))).all()
    confidences = [corroborated_confidence(report_confidence, len(outlets.get(event_id, ())))
                   for event_id, report_confidence in rows]
    session.execute(_SET_CONFIDENCES, {"ids": [event_id for event_id, _ in rows], "confidences": confidences})


_SET_CONFIDENCES = text("""
    UPDATE events SET confidence = v.confidence
    FROM unnest(CAST(:ids AS bigint[]), CAST(:confidences AS float8[])) AS v(id, confidence) WHERE events.id = v.id
""")


# Listeners (live streams) wake on this channel instead of polling; the payload is the newest change id.
CHANGES_CHANNEL = "annals_event_changes"


def record_changes(session: Session, saved: SavedEvents) -> None:
    """Append to the change feed in the caller's transaction: the outbox for webhooks and live streams."""
    event_ids = [*saved.created, *saved.updated]
    if event_ids:
        kinds = ["created"] * len(saved.created) + ["updated"] * len(saved.updated)
        session.execute(_RECORD_CHANGES, {"ids": event_ids, "kinds": kinds, "channel": CHANGES_CHANNEL})


# One round trip: the rows (in this order) and the notification carrying the newest id.
_RECORD_CHANGES = text("""
    WITH changes AS (
        INSERT INTO event_changes (event_id, kind)
        SELECT event_id, kind
        FROM unnest(CAST(:ids AS bigint[]), CAST(:kinds AS text[])) WITH ORDINALITY AS c(event_id, kind, n)
        ORDER BY n
        RETURNING id
    )
    SELECT pg_notify(:channel, CAST(max(id) AS text)) FROM changes
""")


# Fixed statements with bound parameters: SQLAlchemy compiles each once (and psycopg prepares it), where a
# VALUES list built per call (a different shape for every number of rows) is compiled again every time on this
# hot path. A new event and its timeline rows are one round trip.
_INSERT_EVENT = text("""
    WITH event AS (
        INSERT INTO events (date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                            report_confidence, fingerprint, type, place_actor_id, actor_ids)
        VALUES (:date_value, :date_start, :date_end, :granularity, :summary, :trigger, :status, :confidence,
                :confidence, :fingerprint, :type, CAST(:place_actor_id AS bigint),
                -- what event_actors' trigger would write: the row is not rewritten for it (migration 0006)
                ARRAY(SELECT DISTINCT unnest(CAST(:actor_ids AS bigint[])) ORDER BY 1))
        RETURNING id
    ), timeline AS (
        INSERT INTO event_actors (actor_id, date_start, event_id, date_end)
        SELECT actor_id, :date_start, event.id, :date_end FROM event, unnest(CAST(:actor_ids AS bigint[])) AS actor_id
        ON CONFLICT DO NOTHING
    )
    SELECT id FROM event
""")
_INSERT_EVENT_ACTORS = insert(EventActor.__table__).on_conflict_do_nothing()
_INSERT_SOURCES = text("""
    INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset)
    SELECT * FROM unnest(CAST(:event_id AS bigint[]), CAST(:article_id AS bigint[]), CAST(:sentence AS text[]),
                         CAST(:start_offset AS integer[]), CAST(:end_offset AS integer[]))
    ON CONFLICT DO NOTHING
""")


def _create_event(session: Session, new: extracted.Event, actor_ids: list[int], place_id: int | None) -> int:
    return session.execute(_INSERT_EVENT, {
        "date_value": new.date.value,
        "date_start": new.date.start,
        "date_end": new.date.end,
        "granularity": new.date.granularity,
        "summary": new.summary[:200],
        "trigger": new.trigger,
        "status": new.status,
        "confidence": new.confidence,
        "fingerprint": fingerprint(new.date.value, list(new.actors), new.trigger),
        "type": new.type,
        "place_actor_id": place_id,
        "actor_ids": actor_ids,
    }).scalar_one()


# A later report may say where it happened, or what kind of happening it was, when the first did not.
_FILL_PLACE_AND_TYPE = text("""
    UPDATE events SET place_actor_id = coalesce(place_actor_id, CAST(:place_id AS bigint)),
                      type = CASE WHEN type = 'other' THEN CAST(:type AS text) ELSE type END
    WHERE id = :id AND ((place_actor_id IS NULL AND CAST(:place_id AS bigint) IS NOT NULL)
                        OR (type = 'other' AND CAST(:type AS text) <> 'other'))
""")


def _fill_place_and_type(session: Session, event_id: int, place_id: int | None, event_type: str) -> None:
    session.execute(_FILL_PLACE_AND_TYPE, {"id": event_id, "place_id": place_id, "type": event_type})


def _add_actors(session: Session, event_id: int, start: date, end: date, actor_ids: list[int]) -> None:
    session.execute(_INSERT_EVENT_ACTORS, [
        {"actor_id": i, "event_id": event_id, "date_start": start, "date_end": end} for i in actor_ids
    ])


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
