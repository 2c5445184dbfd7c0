"""Events: write one article's extraction (merging same happenings across articles) and read timelines."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from services.extraction import model as extracted
from services.extraction.merge import (
    COARSE_INTERVAL_DAYS,
    COUNTRIES,
    FINE_INTERVAL_DAYS,
    calendar_week_before,
    find_same_happening,
    last_week_read_loosely,
    similar_trigger_words,
)
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
class SourceReport:
    """What one source told of an event, as its `event_sources` row keeps it (the coreference eval maps a gold
    mention by its own source's trigger)."""

    date: extracted.EventDate
    trigger: str
    summary: str
    status: str


@dataclass(slots=True)
class Candidate:
    """A stored event the merge rule may match (or one this article creates), in the extraction core's terms.

    An article's reports revise it in memory; `_write_article` writes what changed in a few batched statements
    at the end, so the next report of the same article sees the revised event without reading it again.
    """

    id: int | None  # None: created by this article, inserted at the end
    event: extracted.Event
    fingerprint: str
    people: frozenset[str]  # which of its actors are persons (the rule never joins two sets of other people)
    actor_ids: frozenset[int]
    first_reported_at: datetime | None  # by the other articles' sources (this article's were forgotten)
    place_id: int | None = None
    type: str = "other"
    first_reported_on: date | None = None  # the earliest `Article.reference_date` among its sources
    rank: int = 0  # order among new ones (they come before stored ones, newest first, as the highest ids would)
    revised: bool = False
    date_moved: bool = False
    added_actor_ids: set[int] = field(default_factory=set)
    reported: bool = False  # this article reports it (so its outlet counts)
    # Actors that only report it (role "source"): never compared by the merge rule, never in `actor_ids`.
    source_ids: frozenset[int] = frozenset()
    added_source_ids: set[int] = field(default_factory=set)
    promoted_ids: set[int] = field(default_factory=set)  # stored sources a later report has taking part
    # How many of this article's distinctive actors the articles it was stored from name: one story's articles
    # name many of the same actors (merge.one_story_happening). 0 for the events this article creates.
    story: int = 0

    def fill_place_and_type(self, place_id: int | None, event_type: str) -> None:
        """A later report may say where it happened, or what kind of happening it was, when the first did not."""
        if self.place_id is None and place_id is not None:
            self.place_id, self.revised = place_id, True
        if self.type == "other" and event_type != "other":
            self.type, self.revised = event_type, True

    def revise(self, report: extracted.Event, report_actor_ids: list[int], people: frozenset[str],
               published_at: datetime, report_source_ids: list[int] = ()) -> None:
        """Apply `revision.revise`: a finer date moves it (and its timeline rows). The fingerprint follows what it
        is made of (date, actors, trigger): a revised event is found by what it now says, not its first report."""
        stored = self.event
        revision = revise(stored, report, published_at, self.first_reported_at)
        actors = tuple(sorted({*stored.actors, *report.actors}))
        self.date_moved = self.date_moved or revision.date != stored.date
        self.event = replace(stored, date=revision.date, status=revision.status,
                             confidence=revision.report_confidence, trigger=revision.trigger,
                             summary=revision.summary[:200], actors=actors, speaker=revision.speaker)
        self.fingerprint = fingerprint(revision.date.value, list(actors), revision.trigger)
        self.people = self.people | (people & set(report.actors))
        taking_part = set(report_actor_ids)
        self.promoted_ids |= taking_part & self.source_ids - self.added_source_ids
        self.added_source_ids -= taking_part
        self.added_actor_ids |= taking_part - self.actor_ids - self.promoted_ids
        self.actor_ids = self.actor_ids | taking_part
        self.source_ids = self.source_ids - taking_part
        reporting = set(report_source_ids) - self.actor_ids - self.source_ids
        self.added_source_ids |= reporting
        self.source_ids = self.source_ids | reporting
        self.revised = True


@dataclass(frozen=True, slots=True)
class _Wanted:
    """One report of the article looking for its happening: its resolved actors' ids and its event."""

    actor_ids: list[int]  # who takes part
    event: extracted.Event
    source_ids: list[int] = field(default_factory=list)  # who only reports it


# What a candidate is read as (grouped by event, over its actors): see `_candidate`.
_CANDIDATE_COLUMNS = """
    e.id, e.date_value, e.date_start, e.date_end, e.granularity, e.summary, e.trigger, e.status, e.speaker,
    e.report_confidence, e.fingerprint, e.place_actor_id, e.type,
    array_agg(a.name ORDER BY a.name) FILTER (WHERE ea.role = 'participant') AS actor_names,
    array_agg(a.id) FILTER (WHERE ea.role = 'participant') AS actor_ids,
    array_agg(a.name) FILTER (WHERE a.kind = 'person' AND ea.role = 'participant') AS people,
    array_agg(a.id) FILTER (WHERE ea.role = 'source') AS source_ids,
    (SELECT min(art.published_at) FROM event_sources AS s JOIN articles AS art ON art.id = s.article_id
     WHERE s.event_id = e.id) AS first_reported_at,
    (SELECT min(coalesce(art.published_date, CAST(art.published_at AT TIME ZONE 'UTC' AS date)))
     FROM event_sources AS s JOIN articles AS art ON art.id = s.article_id
     WHERE s.event_id = e.id) AS first_reported_on
"""


# One round trip for all of an article's reports (the write path's hot spot). For each report, as a lateral
# subquery: only dates the merge rule can accept (the same interval, one inside the other when the outer one is
# at most a year, or the next or previous day: see merge.same_happening), events that share an actor first,
# then similar triggers: an actor with thousands of events in "2024" still finds the one that matches within
# the first rows. Events of the same days with a similar trigger come too, whoever took part (outlets name
# different people, or spell one name two ways), and so do those of a day inside a week or month or the week or
# month around a day (one story's "shooting last week" and "shot on Wednesday"); the rule asks more of those. `_CandidatePool.for_report`
# picks and orders each report's own rows again in Python. Each candidate comes with how many of `:story_actors`
# (the article's distinctive actors) its source articles' events name: its articles and this one tell one story.
_CANDIDATES = text(f"""
    WITH wanted AS (
        SELECT * FROM unnest(CAST(:starts AS date[]), CAST(:ends AS date[])) WITH ORDINALITY AS w(first_day, last_day, n)
    ), wanted_actors AS (
        SELECT * FROM unnest(CAST(:actor_reports AS bigint[]), CAST(:actor_ids AS bigint[])) AS wa(n, actor_id)
    ), wanted_triggers AS (
        SELECT * FROM unnest(CAST(:trigger_reports AS bigint[]), CAST(:triggers AS text[])) AS wt(n, trigger)
    ), picked AS (
        SELECT DISTINCT top.id FROM wanted AS w CROSS JOIN LATERAL (
            SELECT m.id FROM (
                SELECT ea.event_id AS id, true AS shares_actor
                FROM wanted_actors AS wa JOIN event_actors AS ea ON ea.actor_id = wa.actor_id
                WHERE wa.n = w.n AND ea.role = 'participant'
                  AND ea.date_start <= w.last_day + 1 AND ea.date_end >= w.first_day - 1
                  AND ((ea.date_start = w.first_day AND ea.date_end = w.last_day)
                       OR (ea.date_end - ea.date_start < :coarse_days
                           AND ea.date_start <= w.first_day AND ea.date_end >= w.last_day)
                       OR (w.last_day - w.first_day < :coarse_days
                           AND ea.date_start >= w.first_day AND ea.date_end <= w.last_day)
                       OR (ea.date_start = ea.date_end AND w.first_day = w.last_day
                           AND abs(ea.date_start - w.first_day) = 1))
                UNION ALL
                (SELECT ev.id, false FROM events AS ev
                 WHERE (ev.date_start = w.first_day
                        OR (ev.date_start > w.last_day - :fine_days AND ev.date_start <= w.last_day))
                   AND ((ev.date_start = w.first_day AND ev.date_end = w.last_day)
                        OR (ev.date_end - ev.date_start < :fine_days
                            AND ev.date_start <= w.first_day AND ev.date_end >= w.last_day)
                        OR (w.last_day - w.first_day < :fine_days
                            AND ev.date_start >= w.first_day AND ev.date_end <= w.last_day))
                   AND ev.trigger IN (SELECT wt.trigger FROM wanted_triggers AS wt WHERE wt.n = w.n)
                 ORDER BY (ev.date_start = w.first_day AND ev.date_end = w.last_day) DESC, ev.id DESC LIMIT 50)
            ) AS m JOIN events AS e ON e.id = m.id
            GROUP BY m.id, e.trigger, e.date_start, e.date_end
            ORDER BY bool_or(m.shares_actor) DESC,
                     e.trigger IN (SELECT wt.trigger FROM wanted_triggers AS wt WHERE wt.n = w.n) DESC,
                     (e.date_start = w.first_day AND e.date_end = w.last_day) DESC, m.id DESC
            LIMIT 200
        ) AS top
    )
    SELECT {_CANDIDATE_COLUMNS},
        (SELECT count(DISTINCT sa.actor_id)
         FROM (SELECT DISTINCT s.article_id FROM event_sources AS s WHERE s.event_id = e.id
               ORDER BY s.article_id LIMIT :story_articles) AS s
         JOIN event_sources AS s2 ON s2.article_id = s.article_id
         JOIN event_actors AS sa ON sa.event_id = s2.event_id
         WHERE sa.role = 'participant' AND sa.actor_id = ANY(CAST(:story_actors AS bigint[]))) AS story
    FROM events AS e
    JOIN event_actors AS ea ON ea.event_id = e.id
    JOIN actors AS a ON a.id = ea.actor_id
    WHERE e.id IN (SELECT id FROM picked)
    GROUP BY e.id
""")
_CANDIDATES_PER_REPORT = 200
# A story is told by its first articles: an event reported by hundreds of outlets is read for its story from the
# first few (a bound on the rows the candidate query reads for each candidate).
_STORY_ARTICLES = 20


def _fetch_candidates(session: Session, wanted: list[_Wanted], week_lookups: list[_Wanted] = (),
                      story_actors: set[int] = frozenset()) -> list[Candidate]:
    """Stored events sharing an actor, or the day and a similar trigger, with dates the merge rule could accept
    for any of the reports: one statement for all of them. `week_lookups` look for the events of one week
    sharing an actor only (`_match_last_week`). `story_actors`: the article's distinctive actors, counted
    among those of each candidate's articles (`Candidate.story`)."""
    if not wanted:
        return []
    params: dict[str, list] = {"starts": [], "ends": [], "actor_reports": [], "actor_ids": [],
                               "trigger_reports": [], "triggers": []}
    for n, report in enumerate([*wanted, *week_lookups], start=1):
        params["starts"].append(report.event.date.start)
        params["ends"].append(report.event.date.end)
        params["actor_reports"] += [n] * len(report.actor_ids)
        params["actor_ids"] += report.actor_ids
        if n <= len(wanted):
            words = sorted(similar_trigger_words(report.event.trigger))
            params["trigger_reports"] += [n] * len(words)
            params["triggers"] += words
    rows = session.execute(_CANDIDATES, {**params, "coarse_days": COARSE_INTERVAL_DAYS, "fine_days": FINE_INTERVAL_DAYS,
                                         "story_actors": sorted(story_actors), "story_articles": _STORY_ARTICLES})
    return [_candidate(row) for row in rows]


def _candidate(row) -> Candidate:
    return Candidate(row.id, extracted.Event(
        date=extracted.EventDate(row.date_value, row.date_start, row.date_end, row.granularity),
        actors=tuple(row.actor_names or ()),
        summary=row.summary,
        trigger=row.trigger,
        status=row.status,
        sentence="",
        offsets=(0, 0),
        confidence=row.report_confidence,
        speaker=row.speaker,
    ), row.fingerprint, frozenset(row.people or ()), frozenset(row.actor_ids or ()), row.first_reported_at,
        row.place_actor_id, row.type, first_reported_on=row.first_reported_on,
        source_ids=frozenset(row.source_ids or ()), story=getattr(row, "story", 0) or 0)


def _acceptable_dates(stored: extracted.EventDate, wanted: extracted.EventDate) -> bool:
    """The date condition of `_CANDIDATES`, for the events this article revised or created in memory."""
    start, end, first, last = stored.start, stored.end, wanted.start, wanted.end
    if not (start <= last + _ONE_DAY and end >= first - _ONE_DAY):
        return False
    return ((start == first and end == last)
            or ((end - start).days < COARSE_INTERVAL_DAYS and start <= first and end >= last)
            or ((last - first).days < COARSE_INTERVAL_DAYS and start >= first and end <= last)
            or (start == end and first == last and abs((start - first).days) == 1))


_ONE_DAY = timedelta(days=1)


def _candidacy(candidate: Candidate, actor_ids: set[int], event: extracted.Event) -> tuple[bool, bool]:
    """Why a stored event is a candidate of a report (as `_CANDIDATES` reads them): it shares an actor on a date
    the rule could accept, and whether it is of the report's very days (then a similar trigger will do)."""
    when = candidate.event.date
    shares_actor = bool(candidate.actor_ids & actor_ids) and _acceptable_dates(when, event.date)
    return shares_actor, when.start == event.date.start and when.end == event.date.end


def _fine_dates(stored: extracted.EventDate, wanted: extracted.EventDate) -> bool:
    """The same days, or one inside the other when the outer one is under a month: where a report sharing no
    actor may still be of the happening ("fired last week" and "fired on Thursday", as `_CANDIDATES` reads
    them): with a similar trigger, the rule decides (merge.one_story_happening)."""
    start, end, first, last = stored.start, stored.end, wanted.start, wanted.end
    return ((start == first and end == last)
            or ((end - start).days < FINE_INTERVAL_DAYS and start <= first and end >= last)
            or ((last - first).days < FINE_INTERVAL_DAYS and start >= first and end <= last))


def _similar_on_fine_dates(candidate: Candidate, event: extracted.Event, triggers: frozenset[str]) -> bool:
    return candidate.event.trigger in triggers and _fine_dates(candidate.event.date, event.date)


def is_candidate(candidate: Candidate, actor_ids: set[int], event: extracted.Event) -> bool:
    """Whether the store would offer the stored event to the merge rule for this report (ranking aside)."""
    shares_actor, _ = _candidacy(candidate, actor_ids, event)
    return shares_actor or _similar_on_fine_dates(candidate, event, similar_trigger_words(event.trigger))


def read_candidates(session: Session, event_ids: list[int]) -> dict[int, Candidate]:
    """Stored events as the merge reads them (`_candidate`), by id: for explaining a merge after the fact."""
    return {row.id: _candidate(row) for row in session.execute(_READ_CANDIDATES, {"ids": event_ids})}


_READ_CANDIDATES = text(f"""
    SELECT {_CANDIDATE_COLUMNS}
    FROM events AS e JOIN event_actors AS ea ON ea.event_id = e.id JOIN actors AS a ON a.id = ea.actor_id
    WHERE e.id = ANY(CAST(:ids AS bigint[]))
    GROUP BY e.id
""")


class _CandidatePool:
    """The candidates of an article's reports, read once, kept up to date as the reports revise and create
    events: the same rows, in the same order, that one query per report (after the previous report's writes)
    would read."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = {candidate.id: candidate for candidate in candidates}
        self.created: list[Candidate] = []
        self.mentions: dict[tuple[int, int], tuple[Candidate, dict]] = {}  # in text order, one per event and offset

    def mention(self, candidate: Candidate, report: extracted.Event) -> None:
        """The article's evidence for the event: the sentence and offsets of its first report at that offset,
        and that report as told (its date, trigger, summary and status)."""
        candidate.reported = True
        told = SourceReport(report.date, report.trigger, report.summary[:200], report.status)
        self.mentions.setdefault((id(candidate), report.offsets[0]), (candidate, {
            "sentence": report.sentence, "start_offset": report.offsets[0], "end_offset": report.offsets[1],
            "report": told}))

    def for_report(self, wanted: _Wanted) -> list[Candidate]:
        ids, new = set(wanted.actor_ids), wanted.event
        triggers = similar_trigger_words(new.trigger)
        ranked = []
        for candidate in (*self.candidates.values(), *self.created):
            shares_actor, same_day = _candidacy(candidate, ids, new)
            if not shares_actor and not _similar_on_fine_dates(candidate, new, triggers):
                continue
            newest = (1, candidate.rank) if candidate.id is None else (0, candidate.id)
            ranked.append(((shares_actor, candidate.event.trigger in triggers, same_day, newest), candidate))
        ranked.sort(key=lambda pair: pair[0], reverse=True)
        return [candidate for _, candidate in ranked[:_CANDIDATES_PER_REPORT]]

    def create(self, event: extracted.Event, actor_ids: list[int], people: frozenset[str],
               place_id: int | None, source_ids: list[int] = ()) -> Candidate:
        created = Candidate(None, event, fingerprint(event.date.value, list(event.actors), event.trigger),
                            people & set(event.actors), frozenset(actor_ids), None, place_id, event.type,
                            rank=len(self.created), source_ids=frozenset(source_ids) - set(actor_ids))
        self.created.append(created)
        return created

    def revised(self) -> list[Candidate]:
        return [candidate for candidate in self.candidates.values() if candidate.revised]


def save_extraction(session: Session, article_id: int, extraction: extracted.Extraction) -> SavedEvents:
    """Write actors, events and sources of one article in the caller's transaction.

    Events are compared by who took part as stored ids: both the new event and the stored candidates carry
    the canonical names of the resolved actors, so "Carney" (resolved to Mark Carney) meets "Mark Carney".
    The candidates of all the article's reports are read in one statement and revised in memory; what changed
    is written at the end in a few batched statements (see `_write_article`).
    """
    forget_article(session, article_id)
    resolved = resolve_actors(session, extraction.actors)
    actor_ids = resolved.ids
    if actor_ids:
        moved_actors, moved_days = _scope_of_moved_events(session, resolved.moved_events)
        days = {(new.date.start, new.date.end, new.trigger) for new in extraction.events
                if any(name in actor_ids for name in (*new.actors, *new.reported_by))}
        _lock_merges(session, set(actor_ids.values()) | moved_actors, days | moved_days)
    stored_names, people = _stored_names(session, set(actor_ids.values()))
    article = session.get(Article, article_id)  # the caller locked it, so it is in the session: no round trip
    saved = SavedEvents()
    _fold_moved_events(session, resolved.moved_events, saved)
    reports: list[tuple[extracted.Event, _Wanted]] = []
    for new in extraction.events:
        ids = sorted({actor_ids[name] for name in new.actors if name in actor_ids})
        sources = sorted({actor_ids[name] for name in new.reported_by if name in actor_ids} - set(ids))
        if ids or sources:  # an event nobody is named in belongs on no timeline; its sources' timelines list it
            speaker = stored_names[actor_ids[new.speaker]] if new.speaker in actor_ids else None
            event = replace(new, actors=tuple(sorted(stored_names[i] for i in ids)), reported_by=(), speaker=speaker)
            reports.append((new, _Wanted(ids, event, sources)))
    published = article.reference_date  # the day its "last week" was read from
    loose = {index: _Wanted(wanted.actor_ids, replace(wanted.event, date=when), wanted.source_ids)
             for index, (_, wanted) in enumerate(reports)
             if (when := last_week_read_loosely(wanted.event.date, published)) is not None}
    earlier_weeks = {index: _Wanted(wanted.actor_ids, replace(wanted.event, date=week), wanted.source_ids)
                     for index, (_, wanted) in enumerate(reports)
                     if wanted.actor_ids and (week := calendar_week_before(wanted.event.date)) is not None}
    story_actors = {actor_id for _, wanted in reports for actor_id in wanted.actor_ids
                    if stored_names[actor_id] not in COUNTRIES}  # a country is named by many stories
    pool = _CandidatePool(_fetch_candidates(session, [wanted for _, wanted in reports] + list(loose.values()),
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
    gained = _gained_actors(pool)
    _write_article(session, article, pool, saved)
    _fold_events_that_gained_actors(session, gained, saved)
    record_changes(session, saved)
    return saved


def _match(pool: _CandidatePool, wanted: _Wanted, people: frozenset[str]) -> tuple[int | None, list[Candidate]]:
    """The candidate of the report's happening (its index) among the report's candidates, and those candidates."""
    candidates = pool.for_report(wanted)
    known_people = people.union(*(candidate.people for candidate in candidates))
    match = find_same_happening(wanted.event, [candidate.event for candidate in candidates], people=known_people,
                                stories=[candidate.story for candidate in candidates])
    return match, candidates


def _match_a_day(pool: _CandidatePool, wanted: _Wanted, people: frozenset[str]
                 ) -> tuple[int | None, list[Candidate]]:
    """`_match`, when the match is a day inside the report's days: a loosely read "last week" joins such a day,
    while a month or year around it is left to the strict reading (the event keeps a date it was told)."""
    match, candidates = _match(pool, wanted, people)
    if match is not None:
        when = candidates[match].event.date
        if not (when.start == when.end and wanted.event.date.contains(when)):
            match = None
    return match, candidates


def _match_last_week(pool: _CandidatePool, week: _Wanted, wanted: _Wanted, people: frozenset[str]
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


# The events to fold, row-locked (in id order, in one statement) and read as candidates.
_LOCK_AND_READ_EVENTS = text(f"""
    SELECT {_CANDIDATE_COLUMNS}
    FROM events AS e JOIN event_actors AS ea ON ea.event_id = e.id JOIN actors AS a ON a.id = ea.actor_id
    WHERE e.id IN (SELECT id FROM events WHERE id = ANY(CAST(:ids AS bigint[])) ORDER BY id FOR UPDATE)
    GROUP BY e.id
""")


def _gained_actors(pool: _CandidatePool) -> dict[int, list[int]]:
    """Actor id -> the stored events this article's reports gave that actor (read before they are written)."""
    gained: dict[int, list[int]] = {}
    for candidate in pool.revised():
        for actor_id in sorted(candidate.added_actor_ids | candidate.promoted_ids):
            gained.setdefault(actor_id, []).append(candidate.id)
    return gained


def _fold_events_that_gained_actors(session: Session, gained: dict[int, list[int]], saved: SavedEvents) -> None:
    """A stored event that an article's report gave an actor may now be the same happening as that actor's own
    event: the first report named only the place, a second one named the place and a victim, an earlier one
    only the victim. Merging must not depend on the order the reports came in, so the revised event joins the
    actor's event when the merge rule says so (as when two actor rows become one), and is no longer reported
    as updated itself (its row is gone; the event it joined is)."""
    folded = _fold_moved_events(session, gained, saved)
    if folded:
        saved.updated[:] = [event_id for event_id in saved.updated if event_id not in folded]
        saved.created[:] = [event_id for event_id in saved.created if event_id not in folded]


def _fold_moved_events(session: Session, moved_events: dict[int, list[int]], saved: SavedEvents) -> set[int]:
    """Two actor rows became one ("Comey" folded into "James Comey"): each event the survivor gained joins the
    survivor's event of the same happening (the merge rule decides, `Candidate.revise` revises), its sources and
    actors follow and the duplicate row goes. Its webhook subscribers hear `event.updated` of the survivor.
    Written at once: the article's own reports then read the folded events as stored. Returns the folded ids.

    The events are locked and read in one statement, and the candidates of all of them in one more (not three
    round trips per event): a `_CandidatePool` keeps them as each fold leaves them, so every event meets the
    candidates that reading them again after the previous folds would give."""
    pairs = [(survivor_id, event_id) for survivor_id, event_ids in moved_events.items()
             for event_id in sorted(event_ids)]
    if not pairs:
        return set()
    # Row-locked first: another worker's source for one of them then waits, and fails on the deleted row and is
    # retried (it finds the event it joined), instead of being deleted with it by the cascade.
    rows = {row.id: _candidate(row) for row in session.execute(
        _LOCK_AND_READ_EVENTS, {"ids": sorted({event_id for _, event_id in pairs})})}
    fetched = {(survivor_id, event_id): (rows[event_id].event.date, rows[event_id].event.trigger)
               for survivor_id, event_id in pairs if event_id in rows}
    pool = _CandidatePool(_fetch_candidates(session, [_Wanted([survivor_id], rows[event_id].event)
                                                      for survivor_id, event_id in fetched]))
    folded: set[int] = set()
    for survivor_id, event_id in pairs:
        if event_id not in rows or event_id in folded:
            continue  # gone, or already folded into another one
        moved = pool.candidates.setdefault(event_id, rows[event_id])
        if moved.first_reported_at is None:
            continue  # no source left: nothing to carry over
        wanted = _Wanted([survivor_id], moved.event)
        if fetched[survivor_id, event_id] != (moved.event.date, moved.event.trigger):
            # an earlier fold revised it: its candidates are those of its new date and trigger
            for candidate in _fetch_candidates(session, [wanted]):
                pool.candidates.setdefault(candidate.id, candidate)
        candidates = [c for c in pool.for_report(wanted) if c.id != event_id]
        people = moved.people.union(*(candidate.people for candidate in candidates))
        match = find_same_happening(moved.event, [candidate.event for candidate in candidates], people=people)
        if match is None:
            continue
        target = candidates[match]
        target.revise(moved.event, [], people, moved.first_reported_at)  # its actors move with _MOVE_EVENT
        _update_events(session, [target], {})
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


def _stored_names(session: Session, actor_ids: set[int]) -> tuple[dict[int, str], frozenset[str]]:
    """The stored name of each actor, and which of those names are persons'."""
    rows = session.execute(select(Actor.id, Actor.name, Actor.kind).where(Actor.id.in_(actor_ids))).all()
    return {row.id: row.name for row in rows}, frozenset(row.name for row in rows if row.kind == "person")


def _write_article(session: Session, article: Article, pool: _CandidatePool, saved: SavedEvents) -> None:
    """What the article's reports changed, in at most four statements: the outlets of the events it updated,
    their revisions and confidences, then its new events with their timeline rows and all its sources."""
    if saved.updated:
        _update_events(session, pool.revised(), _corroborated(session, article, pool, saved.updated))
    created = pool.created
    sources = list(pool.mentions.values())
    if not sources:
        return
    ids = dict(session.execute(_INSERT_EVENTS_AND_SOURCES, {
        "date_values": [c.event.date.value for c in created], "starts": [c.event.date.start for c in created],
        "ends": [c.event.date.end for c in created], "granularities": [c.event.date.granularity for c in created],
        "summaries": [c.event.summary[:200] for c in created], "triggers": [c.event.trigger for c in created],
        "statuses": [c.event.status for c in created], "confidences": [c.event.confidence for c in created],
        "fingerprints": [c.fingerprint for c in created], "types": [c.type for c in created],
        "place_ids": [c.place_id for c in created], "speakers": [c.event.speaker for c in created],
        **_links([(c.rank + 1, c.actor_ids, c.source_ids) for c in created]),
        "article_id": article.id,
        "source_events": [c.id for c, _ in sources],
        "source_new_events": [c.rank + 1 if c.id is None else None for c, _ in sources],
        "sentences": [row["sentence"] for _, row in sources],
        "start_offsets": [row["start_offset"] for _, row in sources],
        "end_offsets": [row["end_offset"] for _, row in sources],
        **_told(row["report"] for _, row in sources),
    }).all())
    saved.created.extend(ids[c.rank + 1] for c in created)


def _told(reports) -> dict[str, list]:
    """The :report_* arrays of `_INSERT_EVENTS_AND_SOURCES`: each source's report as told."""
    reports = list(reports)
    return {"report_triggers": [r.trigger for r in reports], "report_summaries": [r.summary for r in reports],
            "report_values": [r.date.value for r in reports], "report_starts": [r.date.start for r in reports],
            "report_ends": [r.date.end for r in reports], "report_granularities": [r.date.granularity for r in reports],
            "report_statuses": [r.status for r in reports]}


def _corroborated(session: Session, article: Article, pool: _CandidatePool, event_ids: list[int]
                  ) -> dict[int, float]:
    """Confidence from the best report and the number of independent outlets that reported each event: those of
    its stored sources and, for the events this article's reports joined, this article's own."""
    own = outlet_of(article.source, article.url, article.id)
    confidences = {}
    for event_id, report_confidence, article_ids, outlets, urls in session.execute(_OUTLETS, {"ids": event_ids}):
        found = {outlet_of(source, url, article_id) for article_id, source, url in zip(
            article_ids, outlets, urls, strict=True) if article_id is not None}
        candidate = pool.candidates.get(event_id)
        if candidate is not None and candidate.reported:
            found.add(own)
            report_confidence = candidate.event.confidence
        confidences[event_id] = corroborated_confidence(report_confidence, len(found))
    return confidences


_OUTLETS = text("""
    SELECT e.id, e.report_confidence, array_agg(art.id), array_agg(art.source), array_agg(art.url)
    FROM events AS e LEFT JOIN event_sources AS s ON s.event_id = e.id LEFT JOIN articles AS art ON art.id = s.article_id
    WHERE e.id = ANY(CAST(:ids AS bigint[])) GROUP BY e.id
""")


def _update_events(session: Session, revised: list[Candidate], confidences: dict[int, float]) -> None:
    """One statement: the revised events' new values (a finer date moves their timeline rows too), the actors
    they gained, and the confidence and update time of every event in `confidences`."""
    _promote(session, revised)
    rows = {candidate.id: candidate for candidate in revised}
    ids = list(dict.fromkeys([*rows, *confidences]))
    if not ids:
        return
    values = [rows.get(event_id) for event_id in ids]
    session.execute(_UPDATE_EVENTS, {
        "ids": ids,
        "confidences": [confidences.get(event_id) for event_id in ids],
        "updated_at": datetime.now(UTC) if confidences else None,
        "date_values": [c and c.event.date.value for c in values],
        "starts": [c and c.event.date.start for c in values],
        "ends": [c and c.event.date.end for c in values],
        "granularities": [c and c.event.date.granularity for c in values],
        "statuses": [c and c.event.status for c in values],
        "report_confidences": [c and c.event.confidence for c in values],
        "triggers": [c and c.event.trigger for c in values],
        "summaries": [c and c.event.summary for c in values],
        "fingerprints": [c and c.fingerprint for c in values],
        "place_ids": [c and c.place_id for c in values],
        "types": [c and c.type for c in values],
        "speakers": [c and c.event.speaker for c in values],
        "dates_moved": [bool(c and c.date_moved) for c in values],
        **_links([(c.id, c.added_actor_ids, c.added_source_ids) for c in revised]),
    })
    for candidate in revised:  # written: a later write of the same candidate starts from here
        candidate.actor_ids |= candidate.added_actor_ids
        candidate.added_actor_ids.clear()
        candidate.added_source_ids.clear()
        candidate.date_moved = False


def _links(events: list[tuple[int, set[int], set[int]]]) -> dict[str, list]:
    """The :link_events, :link_actors and :link_roles arrays of `_link_actors`: (event key, participants,
    sources) per event."""
    links = [(key, actor_id, role) for key, participants, sources in events
             for ids, role in ((participants, "participant"), (sources, "source")) for actor_id in sorted(ids)]
    return {"link_events": [key for key, _, _ in links], "link_actors": [actor_id for _, actor_id, _ in links],
            "link_roles": [role for _, _, role in links]}


def _promote(session: Session, revised: list[Candidate]) -> None:
    """Stored sources that a later report has taking part become participants (rare: its own statement)."""
    pairs = [(c.id, actor_id) for c in revised for actor_id in sorted(c.promoted_ids)]
    if pairs:
        session.execute(_PROMOTE, {"events": [e for e, _ in pairs], "actors": [a for _, a in pairs]})
    for candidate in revised:
        candidate.actor_ids |= candidate.promoted_ids
        candidate.promoted_ids.clear()


_PROMOTE = text("""
    UPDATE event_actors AS ea SET role = 'participant'
    FROM unnest(CAST(:events AS bigint[]), CAST(:actors AS bigint[])) AS p(event_id, actor_id)
    WHERE ea.event_id = p.event_id AND ea.actor_id = p.actor_id
""")


def _link_actors(events: str, key: str) -> str:
    """SQL: timeline rows for (event, actor, role) given as the arrays :link_events, :link_actors and :link_roles,
    the events found in the CTE `events` by its column `key`, with their dates."""
    return f"""
        INSERT INTO event_actors (actor_id, date_start, event_id, date_end, role)
        SELECT l.actor_id, {events}.date_start, {events}.id, {events}.date_end, l.role
        FROM unnest(CAST(:link_events AS bigint[]), CAST(:link_actors AS bigint[]), CAST(:link_roles AS text[]))
             AS l(event_key, actor_id, role)
        JOIN {events} ON {events}.{key} = l.event_key
        ON CONFLICT DO NOTHING"""


# Fixed statements over arrays (one text for any number of rows: compiled and prepared once, where a VALUES list
# built per call is a new statement for every length). A NULL keeps the stored value: an event folded into
# another one changes only its confidence here. New timeline rows are never linked rows already (the actors an
# event gained), so moving the dates of its rows and adding rows in one statement cannot collide.
_UPDATE_EVENTS = text(f"""
    WITH v AS (
        SELECT * FROM unnest(
            CAST(:ids AS bigint[]), CAST(:confidences AS float8[]), CAST(:date_values AS text[]),
            CAST(:starts AS date[]), CAST(:ends AS date[]), CAST(:granularities AS text[]),
            CAST(:statuses AS text[]), CAST(:report_confidences AS float8[]), CAST(:triggers AS text[]),
            CAST(:summaries AS text[]), CAST(:fingerprints AS text[]), CAST(:place_ids AS bigint[]),
            CAST(:types AS text[]), CAST(:speakers AS text[]), CAST(:dates_moved AS boolean[]))
            AS v(id, confidence, date_value, date_start, date_end, granularity, status, report_confidence, trigger,
                 summary, fingerprint, place_actor_id, type, speaker, dates_moved)
    ), moved AS (
        UPDATE event_actors AS ea SET date_start = v.date_start, date_end = v.date_end
        FROM v WHERE ea.event_id = v.id AND v.dates_moved
    ), linked AS ({_link_actors("v", "id")}
    )
    UPDATE events AS e SET
        confidence = coalesce(v.confidence, e.confidence),
        updated_at = coalesce(CAST(:updated_at AS timestamptz), e.updated_at),
        date_value = coalesce(v.date_value, e.date_value), date_start = coalesce(v.date_start, e.date_start),
        date_end = coalesce(v.date_end, e.date_end), granularity = coalesce(v.granularity, e.granularity),
        status = coalesce(v.status, e.status), report_confidence = coalesce(v.report_confidence, e.report_confidence),
        trigger = coalesce(v.trigger, e.trigger), summary = coalesce(v.summary, e.summary),
        -- the wording's speaker, NULL included (a revised row always carries its trigger; a folded one none)
        speaker = CASE WHEN v.trigger IS NULL THEN e.speaker ELSE v.speaker END,
        fingerprint = coalesce(v.fingerprint, e.fingerprint),
        place_actor_id = coalesce(e.place_actor_id, v.place_actor_id), type = coalesce(v.type, e.type)
    FROM v WHERE e.id = v.id
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


# An article's new events (ids drawn first, so its sources and timeline rows can name them), their timeline rows
# and all its sources, in one round trip. A source names a stored event, or the n-th new one.
_INSERT_EVENTS_AND_SOURCES = text(f"""
    WITH new AS MATERIALIZED (
        SELECT nextval(pg_get_serial_sequence('events', 'id')) AS id, v.*
        FROM unnest(CAST(:date_values AS text[]), CAST(:starts AS date[]), CAST(:ends AS date[]),
                    CAST(:granularities AS text[]), CAST(:summaries AS text[]), CAST(:triggers AS text[]),
                    CAST(:statuses AS text[]), CAST(:confidences AS float8[]), CAST(:fingerprints AS text[]),
                    CAST(:types AS text[]), CAST(:place_ids AS bigint[]), CAST(:speakers AS text[]))
             WITH ORDINALITY AS v(date_value, date_start, date_end, granularity, summary, trigger, status,
                                  confidence, fingerprint, type, place_actor_id, speaker, n)
    ), event AS (
        INSERT INTO events (id, date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                            report_confidence, fingerprint, type, place_actor_id, speaker, actor_ids)
        SELECT id, date_value, date_start, date_end, granularity, summary, trigger, status, confidence, confidence,
               fingerprint, type, place_actor_id, speaker,
               -- what event_actors' trigger would write: the row is not rewritten for it (migration 0006_search2)
               ARRAY(SELECT DISTINCT l.actor_id
                     FROM unnest(CAST(:link_events AS bigint[]), CAST(:link_actors AS bigint[])) AS l(event_key, actor_id)
                     WHERE l.event_key = new.n ORDER BY 1)
        FROM new
    ), timeline AS ({_link_actors("new", "n")}
    ), sources AS (
        INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset, trigger, summary,
                                   date_value, date_start, date_end, granularity, status)
        SELECT coalesce(s.event_id, new.id), :article_id, s.sentence, s.start_offset, s.end_offset, s.trigger,
               s.summary, s.date_value, s.date_start, s.date_end, s.granularity, s.status
        FROM unnest(CAST(:source_events AS bigint[]), CAST(:source_new_events AS bigint[]),
                    CAST(:sentences AS text[]), CAST(:start_offsets AS integer[]), CAST(:end_offsets AS integer[]),
                    CAST(:report_triggers AS text[]), CAST(:report_summaries AS text[]),
                    CAST(:report_values AS text[]), CAST(:report_starts AS date[]), CAST(:report_ends AS date[]),
                    CAST(:report_granularities AS text[]), CAST(:report_statuses AS text[]))
             WITH ORDINALITY AS s(event_id, n, sentence, start_offset, end_offset, trigger, summary, date_value,
                                  date_start, date_end, granularity, status, position)
        LEFT JOIN new ON new.n = s.n
        ORDER BY s.position  -- source ids in text order: the search text joins an event's evidence in id order
        ON CONFLICT DO NOTHING
    )
    SELECT n, id FROM new
""")


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
