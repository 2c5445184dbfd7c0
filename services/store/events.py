"""Events: write one article's extraction, merging same happenings across articles (`save_extraction`).

The parts: `candidates` (the stored events a report may join), `folds` (stored events that meet later),
`event_writes` (the batched statements), `change_feed` (the outbox); reads are in `event_reads`."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from services.extraction import model as extracted
from services.extraction.merge import (
    COUNTRIES,
    calendar_week_before,
    find_same_happening,
    last_week_read_loosely,
    similar_trigger_words,
)
from services.store.actors import resolve_actors
from services.store.candidates import Candidate, CandidatePool, Wanted, fetch_candidates
from services.store.change_feed import SavedEvents, record_changes
from services.store.event_writes import write_article
from services.store.folds import (
    fold_events_that_gained_actors,
    fold_moved_events,
    gained_actors,
    scope_of_moved_events,
)
from services.store.models import Actor, Article, Event, EventSource

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




def save_extraction(session: Session, article_id: int, extraction: extracted.Extraction) -> SavedEvents:
    """Write actors, events and sources of one article in the caller's transaction.

    Events are compared by who took part as stored ids: both the new event and the stored candidates carry
    the canonical names of the resolved actors, so "Carney" (resolved to Mark Carney) meets "Mark Carney".
    The candidates of all the article's reports are read in one statement and revised in memory; what changed
    is written at the end in a few batched statements (see `write_article`).
    """
    forget_article(session, article_id)
    resolved = resolve_actors(session, extraction.actors)
    actor_ids = resolved.ids
    if actor_ids:
        moved_actors, moved_days = scope_of_moved_events(session, resolved.moved_events)
        days = {(new.date.start, new.date.end, new.trigger) for new in extraction.events
                if any(name in actor_ids for name in (*new.actors, *new.reported_by))}
        _lock_merges(session, set(actor_ids.values()) | moved_actors, days | moved_days)
    stored_names, people = _stored_names(session, set(actor_ids.values()))
    article = session.get(Article, article_id)  # the caller locked it, so it is in the session: no round trip
    saved = SavedEvents()
    fold_moved_events(session, resolved.moved_events, saved)
    reports: list[tuple[extracted.Event, Wanted]] = []
    for new in extraction.events:
        ids = sorted({actor_ids[name] for name in new.actors if name in actor_ids})
        sources = sorted({actor_ids[name] for name in new.reported_by if name in actor_ids} - set(ids))
        if ids or sources:  # an event nobody is named in belongs on no timeline; its sources' timelines list it
            speaker = stored_names[actor_ids[new.speaker]] if new.speaker in actor_ids else None
            event = replace(new, actors=tuple(sorted(stored_names[i] for i in ids)), reported_by=(), speaker=speaker)
            reports.append((new, Wanted(ids, event, sources)))
    published = article.reference_date  # the day its "last week" was read from
    loose = {index: Wanted(wanted.actor_ids, replace(wanted.event, date=when), wanted.source_ids)
             for index, (_, wanted) in enumerate(reports)
             if (when := last_week_read_loosely(wanted.event.date, published)) is not None}
    earlier_weeks = {index: Wanted(wanted.actor_ids, replace(wanted.event, date=week), wanted.source_ids)
                     for index, (_, wanted) in enumerate(reports)
                     if wanted.actor_ids and (week := calendar_week_before(wanted.event.date)) is not None}
    story_actors = {actor_id for _, wanted in reports for actor_id in wanted.actor_ids
                    if stored_names[actor_id] not in COUNTRIES}  # a country is named by many stories
    pool = CandidatePool(fetch_candidates(session, [wanted for _, wanted in reports] + list(loose.values()),
                                            week_lookups=list(earlier_weeks.values()), story_actors=story_actors))
    for index, (new, wanted) in enumerate(reports):
        match, candidates = None, []
        if index in loose:  # "last week" may be a day of the past seven: a report of that day comes first
            match, candidates = _match_a_day(pool, loose[index], people)
            wanted = loose[index] if match is not None else wanted
        if match is None:
            match, candidates = _match(pool, wanted, people)
        if match is None and index in earlier_weeks:  # the same, when the "last week" report came first
            match, candidates = _match_last_week(pool, earlier_weeks[index], wanted, people)
        place_id = actor_ids.get(new.place) if new.place else None
        if match is None:
            target = pool.create(wanted.event, wanted.actor_ids, people, place_id, wanted.source_ids)
        else:
            target = candidates[match]
            target.fill_place_and_type(place_id, new.type)
            target.revise(wanted.event, wanted.actor_ids, people, article.published_at, wanted.source_ids)
            if target.id is not None and target.id not in saved.updated:
                saved.updated.append(target.id)
        pool.mention(target, new)
    gained = gained_actors(pool)
    write_article(session, article, pool, saved)
    fold_events_that_gained_actors(session, gained, saved)
    record_changes(session, saved)
    return saved


def _match(pool: CandidatePool, wanted: Wanted, people: frozenset[str]) -> tuple[int | None, list[Candidate]]:
    """The candidate of the report's happening (its index) among the report's candidates, and those candidates."""
    candidates = pool.for_report(wanted)
    known_people = people.union(*(candidate.people for candidate in candidates))
    match = find_same_happening(wanted.event, [candidate.event for candidate in candidates], people=known_people,
                                stories=[candidate.story for candidate in candidates])
    return match, candidates


def _match_a_day(pool: CandidatePool, wanted: Wanted, people: frozenset[str]
                 ) -> tuple[int | None, list[Candidate]]:
    """`_match`, when the match is a day inside the report's days: a loosely read "last week" joins such a day,
    while a month or year around it is left to the strict reading (the event keeps a date it was told)."""
    match, candidates = _match(pool, wanted, people)
    if match is not None:
        when = candidates[match].event.date
        if not (when.start == when.end and wanted.event.date.contains(when)):
            match = None
    return match, candidates


def _match_last_week(pool: CandidatePool, week: Wanted, wanted: Wanted, people: frozenset[str]
                     ) -> tuple[int | None, list[Candidate]]:
    """A report of a day meets the events of the week before its own that an article published later in the
    day's week told as "last week": read loosely from that article's day, the day may be one of them. The
    mirror of `_match_a_day`, so that the same events come whichever report is stored first."""
    candidates, events = [], []
    for candidate in pool.for_report(week):
        when = candidate.event.date
        loose = (last_week_read_loosely(when, candidate.first_reported_on)
                 if candidate.first_reported_on is not None and when.granularity == "week" else None)
        if loose is not None and loose.contains(wanted.event.date):
            candidates.append(candidate)
            events.append(replace(candidate.event, date=loose))
    known_people = people.union(*(candidate.people for candidate in candidates))
    match = find_same_happening(wanted.event, events, people=known_people)
    if match is not None:  # read as those seven days, the week gives way to the day inside them (`revise`)
        candidates[match].event = events[match]
    return match, candidates




def _stored_names(session: Session, actor_ids: set[int]) -> tuple[dict[int, str], frozenset[str]]:
    """The stored name of each actor, and which of those names are persons'."""
    rows = session.execute(select(Actor.id, Actor.name, Actor.kind).where(Actor.id.in_(actor_ids))).all()
    return {row.id: row.name for row in rows}, frozenset(row.name for row in rows if row.kind == "person")
