"""The stored events the merge rule may match a report with: read in one statement for all of an article's
reports, kept in memory as the article's reports revise and create them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from services.extraction import model as extracted
from services.extraction.merge import COARSE_INTERVAL_DAYS, FINE_INTERVAL_DAYS, similar_trigger_words
from services.store.revision import revise


def fingerprint(date_value: str, actor_names: list[str], trigger: str) -> str:
    key = "|".join([date_value, ",".join(sorted(name.casefold() for name in actor_names)), trigger.casefold()])
    return hashlib.sha256(key.encode()).hexdigest()[:32]



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

    An article's reports revise it in memory; `write_article` writes what changed in a few batched statements
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
class Wanted:
    """One report of the article looking for its happening: its resolved actors' ids and its event."""

    actor_ids: list[int]  # who takes part
    event: extracted.Event
    source_ids: list[int] = field(default_factory=list)  # who only reports it


# What a candidate is read as (grouped by event, over its actors): see `candidate_of`.
CANDIDATE_COLUMNS = """
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
# month around a day (one story's "shooting last week" and "shot on Wednesday"); the rule asks more of those. `CandidatePool.for_report`
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
    SELECT {CANDIDATE_COLUMNS},
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


def fetch_candidates(session: Session, wanted: list[Wanted], week_lookups: list[Wanted] = (),
                      story_actors: set[int] = frozenset()) -> list[Candidate]:
    """Stored events sharing an actor, or the day and a similar trigger, with dates the merge rule could accept
    for any of the reports: one statement for all of them. `week_lookups` look for the events of one week
    sharing an actor only (`events._match_last_week`). `story_actors`: the article's distinctive actors, counted
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
    return [candidate_of(row) for row in rows]


def candidate_of(row) -> Candidate:
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
    """Stored events as the merge reads them (`candidate_of`), by id: for explaining a merge after the fact."""
    return {row.id: candidate_of(row) for row in session.execute(_READ_CANDIDATES, {"ids": event_ids})}


_READ_CANDIDATES = text(f"""
    SELECT {CANDIDATE_COLUMNS}
    FROM events AS e JOIN event_actors AS ea ON ea.event_id = e.id JOIN actors AS a ON a.id = ea.actor_id
    WHERE e.id = ANY(CAST(:ids AS bigint[]))
    GROUP BY e.id
""")


class CandidatePool:
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

    def for_report(self, wanted: Wanted) -> list[Candidate]:
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
