"""Folds: a stored event joins another stored event of the same happening, when an actor merge or a gained actor
makes them meet (the merge must not depend on the order the reports came in)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from services.extraction.merge import find_same_happening
from services.store.candidates import (
    CANDIDATE_COLUMNS,
    Candidate,
    CandidatePool,
    Wanted,
    candidate_of,
    fetch_candidates,
)
from services.store.change_feed import SavedEvents
from services.store.event_writes import update_events
from services.store.models import Event, EventActor


def scope_of_moved_events(session: Session, moved_events: dict[int, list[int]]
                           ) -> tuple[set[int], set[tuple[date, date, str]]]:
    """The actors, and the days and triggers, of the events an actor merge moved: `fold_moved_events` looks
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


# The events to fold, row-locked (in id order, in one statement) and read as candidates.
_LOCK_AND_READ_EVENTS = text(f"""
    SELECT {CANDIDATE_COLUMNS}
    FROM events AS e JOIN event_actors AS ea ON ea.event_id = e.id JOIN actors AS a ON a.id = ea.actor_id
    WHERE e.id IN (SELECT id FROM events WHERE id = ANY(CAST(:ids AS bigint[])) ORDER BY id FOR UPDATE)
    GROUP BY e.id
""")


def gained_actors(pool: CandidatePool) -> dict[int, list[int]]:
    """Actor id -> the stored events this article's reports gave that actor (read before they are written)."""
    gained: dict[int, list[int]] = {}
    for candidate in pool.revised():
        for actor_id in sorted(candidate.added_actor_ids | candidate.promoted_ids):
            gained.setdefault(actor_id, []).append(candidate.id)
    return gained


def fold_events_that_gained_actors(session: Session, gained: dict[int, list[int]], saved: SavedEvents) -> None:
    """A stored event that an article's report gave an actor may now be the same happening as that actor's own
    event: the first report named only the place, a second one named the place and a victim, an earlier one
    only the victim. Merging must not depend on the order the reports came in, so the revised event joins the
    actor's event when the merge rule says so (as when two actor rows become one), and is no longer reported
    as updated itself (its row is gone; the event it joined is)."""
    folded = fold_moved_events(session, gained, saved)
    if folded:
        saved.updated[:] = [event_id for event_id in saved.updated if event_id not in folded]
        saved.created[:] = [event_id for event_id in saved.created if event_id not in folded]


def fold_moved_events(session: Session, moved_events: dict[int, list[int]], saved: SavedEvents) -> set[int]:
    """Two actor rows became one ("Comey" folded into "James Comey"): each event the survivor gained joins the
    survivor's event of the same happening (the merge rule decides, `Candidate.revise` revises), its sources and
    actors follow and the duplicate row goes. Its webhook subscribers hear `event.updated` of the survivor.
    Written at once: the article's own reports then read the folded events as stored. Returns the folded ids.

    The events are locked and read in one statement, and the candidates of all of them in one more (not three
    round trips per event): a `CandidatePool` keeps them as each fold leaves them, so every event meets the
    candidates that reading them again after the previous folds would give."""
    pairs = [(survivor_id, event_id) for survivor_id, event_ids in moved_events.items()
             for event_id in sorted(event_ids)]
    if not pairs:
        return set()
    # Row-locked first: another worker's source for one of them then waits, and fails on the deleted row and is
    # retried (it finds the event it joined), instead of being deleted with it by the cascade.
    rows = {row.id: candidate_of(row) for row in session.execute(
        _LOCK_AND_READ_EVENTS, {"ids": sorted({event_id for _, event_id in pairs})})}
    fetched = {(survivor_id, event_id): (rows[event_id].event.date, rows[event_id].event.trigger)
               for survivor_id, event_id in pairs if event_id in rows}
    pool = CandidatePool(fetch_candidates(session, [Wanted([survivor_id], rows[event_id].event)
                                                      for survivor_id, event_id in fetched]))
    folded: set[int] = set()
    for survivor_id, event_id in pairs:
        if event_id not in rows or event_id in folded:
            continue  # gone, or already folded into another one
        moved = pool.candidates.setdefault(event_id, rows[event_id])
        if moved.first_reported_at is None:
            continue  # no source left: nothing to carry over
        wanted = Wanted([survivor_id], moved.event)
        if fetched[survivor_id, event_id] != (moved.event.date, moved.event.trigger):
            # an earlier fold revised it: its candidates are those of its new date and trigger
            for candidate in fetch_candidates(session, [wanted]):
                pool.candidates.setdefault(candidate.id, candidate)
        candidates = [c for c in pool.for_report(wanted) if c.id != event_id]
        people = moved.people.union(*(candidate.people for candidate in candidates))
        match = find_same_happening(moved.event, [candidate.event for candidate in candidates], people=people)
        if match is None:
            continue
        target = candidates[match]
        target.revise(moved.event, [], people, moved.first_reported_at)  # its actors move with _MOVE_EVENT
        update_events(session, [target], {})
        when = target.event.date
        session.execute(_MOVE_EVENT, {"source": event_id, "target": target.id, "start": when.start,
                                      "end": when.end})
        session.execute(delete(Event).where(Event.id == event_id))  # its remaining rows cascade
        _moved_into(target, moved)
        del pool.candidates[event_id]
        folded.add(event_id)
        if target.id not in saved.updated:
            saved.updated.append(target.id)
    return folded


def _moved_into(target: Candidate, moved: Candidate) -> None:
    """What `_MOVE_EVENT` wrote, in memory: the moved event's actors (a row the target has keeps its role) and
    its sources' first report."""
    target.actor_ids = target.actor_ids | (moved.actor_ids - target.source_ids)
    target.source_ids = target.source_ids | (moved.source_ids - target.actor_ids)
    if moved.first_reported_at is not None and (target.first_reported_at is None
                                                or moved.first_reported_at < target.first_reported_at):
        target.first_reported_at = moved.first_reported_at


_MOVE_EVENT = text("""
    WITH actors AS (
        INSERT INTO event_actors (actor_id, date_start, event_id, date_end, role)
        SELECT actor_id, :start, :target, :end, role FROM event_actors WHERE event_id = :source
        ON CONFLICT DO NOTHING
    )
    UPDATE event_sources AS s SET event_id = :target WHERE s.event_id = :source AND NOT EXISTS (
        SELECT 1 FROM event_sources AS t
        WHERE t.event_id = :target AND t.article_id = s.article_id AND t.start_offset = s.start_offset)
""")
