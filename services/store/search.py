"""Event search: PostgreSQL full-text search over summaries and evidence sentences, with filters, by keyset.

`events.search_vector` (summary weight A, evidence sentences B) is kept by triggers (migration 0005) and
has a GIN index. With words to look for, a page is ordered by `ts_rank` then id; without, newest first
(date, then id). Either way the page after is a keyset position in a signed cursor, never an OFFSET.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, replace
from datetime import date

import psycopg
from sqlalchemy import Engine, Float, cast, event, func, literal_column, select, text, true, tuple_
from sqlalchemy.orm import Session

from services.store.cursor import InvalidCursor, decode_token, encode_token
from services.store.event_views import load_event_views
from services.store.models import Article, Event, EventActor, EventSource

TEXT_SEARCH_CONFIG = "english"
# ts_headline marks matches with these (private-use characters no article holds); they become offsets.
_MARK_START, _MARK_END = "\ue000", "\ue001"
_HEADLINE_OPTIONS = (f'StartSel="{_MARK_START}", StopSel="{_MARK_END}", MaxWords=28, MinWords=12, '
                     'MaxFragments=2, FragmentDelimiter=" … "')


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What a search asks for; every filter given must hold (they combine with AND)."""

    q: str | None = None
    actor_id: int | None = None
    with_actor_id: int | None = None
    type: str | None = None
    place_id: int | None = None
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_outlets: int | None = None

    @property
    def ranked(self) -> bool:
        return bool(self.q and self.q.strip())

    def digest(self) -> str:
        """A short fingerprint: a cursor is only valid for the search that issued it."""
        values = {key: (value.isoformat() if isinstance(value, date) else value) for key, value in asdict(self).items()}
        return hashlib.sha256(repr(sorted(values.items())).encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class SearchPosition:
    """The last event of a page: its rank (ranked searches) or its start date (the others), and its id.
    A ranked search also keeps which window of matches it is in (`ceiling`: the window's newest start date
    and id), which events existed when it began (`snapshot`: the highest event id then) and how its windows
    are read (`every_match`, decided on its first page)."""

    key: float | str  # rank, or the start date as YYYY-MM-DD
    event_id: int
    ceiling: tuple[str, int] | None = None  # YYYY-MM-DD, id
    snapshot: int | None = None
    every_match: bool | None = None


def encode_search_cursor(position: SearchPosition, filters: EventFilters, secret: str) -> str:
    ceiling = list(position.ceiling) if position.ceiling is not None else None
    return encode_token(["search", filters.digest(), position.key, position.event_id, ceiling, position.snapshot,
                         position.every_match], secret)


def _is_day(value) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def decode_search_cursor(cursor: str, filters: EventFilters, secret: str) -> SearchPosition:
    values = decode_token(cursor, secret)
    if len(values) != 7 or values[0] != "search":
        raise InvalidCursor("cursor is not one this service issued")
    _, digest, key, event_id, ceiling, snapshot, every_match = values
    if digest != filters.digest():
        raise InvalidCursor("cursor was issued for another search")
    if not isinstance(event_id, int):
        raise InvalidCursor("cursor is not one this service issued")
    if filters.ranked:
        well_formed = (isinstance(key, float) and isinstance(snapshot, int) and isinstance(every_match, bool)
                       and isinstance(ceiling, list) and len(ceiling) == 2 and _is_day(ceiling[0])
                       and isinstance(ceiling[1], int))
    else:
        well_formed = _is_day(key) and ceiling is None and snapshot is None and every_match is None
    if not well_formed:
        raise InvalidCursor("cursor is not one this service issued")
    return SearchPosition(key, event_id, tuple(ceiling) if ceiling else None, snapshot, every_match)


def _tsquery(q: str):
    # websearch_to_tsquery reads anything a person types ("quoted phrases", or, -not) and never fails
    return func.websearch_to_tsquery(literal_column(f"'{TEXT_SEARCH_CONFIG}'::regconfig"), q)


# An outlet as revision.outlet_of names it (its source, else its URL's host without "www.", else the article),
# in SQL, so "reported by at least N outlets" filters before paging.
_OUTLET = literal_column("""
    CASE WHEN btrim(coalesce(a.source, '')) <> '' THEN 'source:' || lower(btrim(a.source))
         WHEN substring(btrim(a.url) from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)') <> ''
         THEN 'host:' || regexp_replace(lower(substring(btrim(a.url)
                  from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)')), '^www\\.', '')
         ELSE 'article:' || a.id END
""")


def _outlet_count(event_id_column):
    sources, articles = EventSource.__table__.alias("s"), Article.__table__.alias("a")
    return (select(func.count(func.distinct(_OUTLET)))
            .select_from(sources.join(articles, articles.c.id == sources.c.article_id))
            .where(sources.c.event_id == event_id_column)
            .scalar_subquery())


def _takes_part(*actor_ids: int):
    """Every one of these actors takes part: a check of the event row's own copy of its actors (migration
    0006), which a GIN index also answers, so a search for words and a co-actor intersects two indexes."""
    return Event.actor_ids.contains(sorted(set(actor_ids)))


def _conditions(filters: EventFilters) -> list:
    conditions = []
    if filters.with_actor_id is not None:
        conditions.append(_takes_part(filters.with_actor_id))
    if filters.type is not None:
        conditions.append(Event.type == filters.type)
    if filters.place_id is not None:
        conditions.append(Event.place_actor_id == filters.place_id)
    if filters.status is not None:
        conditions.append(Event.status == filters.status)
    if filters.date_from is not None:
        conditions.append(Event.date_end >= filters.date_from)  # events overlapping the window, as timelines
    if filters.date_to is not None:
        conditions.append(Event.date_start <= filters.date_to)
    if filters.min_outlets is not None and filters.min_outlets > 1:  # every event has a source
        conditions.append(_outlet_count(Event.id) >= filters.min_outlets)
    return conditions


# Pages are planned for their own values every time. psycopg prepares a statement run five times on a
# connection, and PostgreSQL then may switch to one generic plan made without the values: it guesses how many
# events a word, an actor or a position leaves (a third, whatever they are) and picks, for every word, the plan
# that reads all its matches to sort them. An execution option, so SQLAlchemy still caches the compiled SQL.
_UNPREPARED = "annals_unprepared"


@event.listens_for(Engine, "do_execute")
def _execute_unprepared(cursor, statement, parameters, context):
    if context.execution_options.get(_UNPREPARED) and isinstance(cursor, psycopg.Cursor):
        cursor.execute(statement, parameters, prepare=False)
        return True
    return None  # SQLAlchemy executes it as it would


def _planned_for_its_values(session: Session, statement) -> list:
    """The rows of a page's statement, never prepared (so never a generic plan)."""
    return session.execute(statement, execution_options={_UNPREPARED: True}).all()


# Ranked searches rank the newest matches this many at a time: a page costs ts_rank over at most one window,
# however many events match a common word. Fewer matches than this are ranked all together (exact).
RANK_WINDOW = 500


def search_events(session: Session, filters: EventFilters, *, limit: int,
                  after: SearchPosition | None = None) -> tuple[list[dict], SearchPosition | None]:
    """One page of events matching every filter, each with its `rank` (None without `q`) and a `snippet`
    {text, marks} of its evidence around the matches.

    With `q`: the matches in windows of RANK_WINDOW, newest window first (by start date, then id), each
    window by ts_rank then id (all matches in one window when there are no more than that). Without: newest
    first (start date, id)."""
    if filters.ranked:
        rows, next_position = _ranked_page(session, filters, limit, after)
    else:
        rows, next_position = _dated_page(session, filters, limit, after)
    ids = [event_id for event_id, _ in rows]
    views = load_event_views(session, ids)
    snippets = _snippets(session, ids, filters.q) if filters.ranked else {}
    page = []
    for event_id, rank in rows:
        view = views[event_id]
        view["rank"] = rank
        view["snippet"] = snippets.get(event_id) or {"text": view["summary"], "marks": []}
        page.append(view)
    return page, next_position


def _match_conditions(filters: EventFilters, query, ceiling: tuple[str, int] | None, snapshot: int | None,
                      *, indexed_only: bool = False) -> list:
    """What a match of a ranked search is, at or below `ceiling` among the events up to `snapshot`
    (`indexed_only`: only what the GIN indexes answer, the words and the actors)."""
    named = [i for i in (filters.actor_id, filters.with_actor_id) if i is not None]
    conditions = [Event.search_vector.op("@@")(query)]
    if named:
        conditions.append(_takes_part(*named))  # one containment: one index scan, one joint estimate
    if indexed_only:
        return conditions
    # Below a ceiling (a matching event's position) `to` already holds: saying it twice would make the planner
    # count the same bound twice, think the matches fewer than they are and read them all to sort them.
    conditions += _conditions(replace(filters, with_actor_id=None, date_to=None if ceiling else filters.date_to))
    if snapshot is not None:
        conditions.append(Event.id <= snapshot)
    if ceiling is not None:
        conditions.append(tuple_(Event.date_start, Event.id) <= tuple_(date.fromisoformat(ceiling[0]), ceiling[1]))
    return conditions


def _reads_every_match(session: Session, filters: EventFilters, query) -> bool:
    """Whether a window costs less read from every match (the GIN indexes, then a sort) than from the newest
    events down (the date-ordered scan, checking each as it goes). The scan passes about RANK_WINDOW x
    (events up to `to`) / matches events before it has a window; the indexes hand over every event that has
    the words (and the actors), whatever the other filters. PostgreSQL's own planner weighs these with disk
    costs that cached pages do not have, and chose the scan for words in a few per cent of the events, at two
    to three times the time; so the decision is made here, on its estimates (two or three plans, nothing
    read, one round trip), once per search."""
    def estimate(*conditions) -> tuple[str, dict]:
        compiled = select(literal_column("1")).select_from(Event.__table__).where(*conditions).compile(
            dialect=session.get_bind().dialect)
        return str(compiled), compiled.params

    conditions = _match_conditions(filters, query, None, None)
    indexed_only = _match_conditions(filters, query, None, None, indexed_only=True)
    statements = [estimate(*conditions)]
    if len(indexed_only) < len(conditions):  # other filters too: what the indexes hand over is more
        statements.append(estimate(*indexed_only))
    statements.append(estimate(Event.date_start <= filters.date_to) if filters.date_to is not None
                      else ("SELECT 1 FROM events", {}))
    connection = session.connection().connection.driver_connection
    with connection.pipeline():
        cursors = [connection.execute("EXPLAIN (FORMAT JSON) " + sql, params, prepare=False)
                   for sql, params in statements]
    rows = [cursor.fetchone()[0][0]["Plan"]["Plan Rows"] for cursor in cursors]
    matches, indexed, scanned = rows[0], rows[-2], rows[-1]
    return indexed < RANK_WINDOW * scanned / max(matches, 1)


def _matching(filters: EventFilters, query, ceiling: tuple[str, int] | None, snapshot: int | None,
              every_match: bool):
    """The RANK_WINDOW newest matches (start date, then id) at or below `ceiling` among the events up to
    `snapshot`. Newest by start date, as searches without words are, so that `from`/`to` bound the scan of
    the (date_start, id) index instead of being checked row by row over events outside the dates. Read
    through that backward scan, or (`every_match`) from all the matches the GIN indexes find, then sorted:
    the same rows either way."""
    conditions = _match_conditions(filters, query, ceiling, snapshot)
    columns = (Event.id, Event.date_start, Event.search_vector)
    if not every_match:
        return select(*columns).where(*conditions).order_by(Event.date_start.desc(), Event.id.desc()) \
            .limit(RANK_WINDOW).cte("window")
    # a fence: the planner reads the matches as it would to return them all; only their ids and dates are
    # kept and sorted, and the window's own rows are then read again by id (a search text is most of a row)
    matches = select(Event.id, Event.date_start).where(*conditions).cte("matches").prefix_with("MATERIALIZED")
    newest = (select(matches.c.id).order_by(matches.c.date_start.desc(), matches.c.id.desc())
              .limit(RANK_WINDOW).subquery())
    return select(*columns).join(newest, newest.c.id == Event.id).cte("window")


def _ranked_page(session: Session, filters: EventFilters, limit: int, after: SearchPosition | None
                 ) -> tuple[list[tuple[int, float]], SearchPosition | None]:
    query = _tsquery(filters.q)
    ceiling = after.ceiling if after else None
    # later pages keep to the events there were when the search began, even when newer matches arrive
    snapshot = after.snapshot if after else None
    position = (after.key, after.event_id) if after else None
    rows: list[tuple[int, float, tuple[str, int]]] = []  # (id, rank, the window's ceiling)
    # decided once per search: its later pages read their windows the same way, without asking again
    every_match = after.every_match if after else _reads_every_match(session, filters, query)
    while len(rows) <= limit:
        window = _matching(filters, query, ceiling, snapshot, every_match)
        rank = cast(func.ts_rank(window.c.search_vector, query), Float)
        ranked = select(window.c.id, rank.label("rank"))
        if position is not None:
            ranked = ranked.where(tuple_(rank, window.c.id) < tuple_(*position))
        ranked = ranked.order_by(rank.desc(), window.c.id.desc()).limit(limit + 1 - len(rows)).subquery().lateral()
        size = select(func.count().label("size")).select_from(window).subquery()
        newest = (select(window.c.date_start.label("top_day"), window.c.id.label("top_id"))
                  .order_by(window.c.date_start.desc(), window.c.id.desc()).limit(1).subquery())
        oldest = (select(window.c.date_start.label("floor_day"), window.c.id.label("floor_id"))
                  .order_by(window.c.date_start, window.c.id).limit(1).subquery())
        # the first window is read from the events of this moment (one statement, one snapshot of the data)
        latest = select(func.max(Event.id)).scalar_subquery() if snapshot is None else literal_column("NULL")
        found = _planned_for_its_values(
            session,
            select(size.c.size, newest.c.top_day, newest.c.top_id, oldest.c.floor_day, oldest.c.floor_id,
                   latest.label("latest"), ranked.c.id, ranked.c.rank)
            .select_from(size.outerjoin(newest, true()).outerjoin(oldest, true()).outerjoin(ranked, true()))
            .order_by(ranked.c.rank.desc(), ranked.c.id.desc()))
        first = found[0]
        if snapshot is None:
            snapshot = first.latest or 0
        if first.size == 0:
            break
        ceiling = ceiling if ceiling is not None else (first.top_day.isoformat(), first.top_id)
        rows += [(row.id, row.rank, ceiling) for row in found if row.id is not None]
        if first.size < RANK_WINDOW:
            break  # the oldest window: nothing older matches
        # the next, older window, from its best match: just below this window's oldest (start date, id)
        ceiling, position = (first.floor_day.isoformat(), first.floor_id - 1), None
    more = len(rows) > limit
    rows = rows[:limit]
    next_position = None
    if more:
        last_id, last_rank, last_ceiling = rows[-1]
        next_position = SearchPosition(last_rank, last_id, last_ceiling, snapshot, every_match)
    return [(event_id, rank) for event_id, rank, _ in rows], next_position


def _dated_page(session: Session, filters: EventFilters, limit: int, after: SearchPosition | None
                ) -> tuple[list[tuple[int, None]], SearchPosition | None]:
    conditions = _conditions(filters)
    if filters.actor_id is not None:
        # the actor's timeline rows, newest first: a backward range scan of event_actors' primary key
        statement = (select(EventActor.event_id.label("id"), EventActor.date_start.label("key"))
                     .join(Event, Event.id == EventActor.event_id)
                     .where(EventActor.actor_id == filters.actor_id, *conditions))
        key = tuple_(EventActor.date_start, EventActor.event_id)
        statement = statement.order_by(EventActor.date_start.desc(), EventActor.event_id.desc())
    else:
        statement = select(Event.id, Event.date_start.label("key")).where(*conditions)
        key = tuple_(Event.date_start, Event.id)
        statement = statement.order_by(Event.date_start.desc(), Event.id.desc())
    if after is not None:
        statement = statement.where(key < tuple_(date.fromisoformat(after.key), after.event_id))
    rows = _planned_for_its_values(session, statement.limit(limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    next_position = SearchPosition(rows[-1].key.isoformat(), rows[-1].id) if more else None
    return [(row.id, None) for row in rows], next_position


def _snippets(session: Session, event_ids: list[int], q: str) -> dict[int, dict]:
    """ts_headline over each event's evidence sentences (its summary when it has none): the page's rows only."""
    if not event_ids:
        return {}
    rows = session.execute(text("""
        SELECT e.id, ts_headline(CAST(:config AS regconfig),
                                 coalesce(string_agg(s.sentence, ' … ' ORDER BY s.id), e.summary),
                                 websearch_to_tsquery(CAST(:config AS regconfig), :q), :options) AS headline
        FROM events AS e LEFT JOIN event_sources AS s ON s.event_id = e.id
        WHERE e.id = ANY(:ids) GROUP BY e.id
    """), {"config": TEXT_SEARCH_CONFIG, "q": q, "options": _HEADLINE_OPTIONS, "ids": event_ids})
    return {row.id: marked_text(row.headline) for row in rows}


_MARKED = re.compile(f"{_MARK_START}(.*?){_MARK_END}", re.DOTALL)


def marked_text(headline: str) -> dict:
    """ts_headline's marked text -> {"text": plain text, "marks": [[start, end], ...] of the matched words}."""
    plain: list[str] = []
    marks: list[list[int]] = []
    position = 0
    length = 0
    for match in _MARKED.finditer(headline):
        before = headline[position:match.start()].replace(_MARK_START, "").replace(_MARK_END, "")
        plain.append(before)
        length += len(before)
        marks.append([length, length + len(match.group(1))])
        plain.append(match.group(1))
        length += len(match.group(1))
        position = match.end()
    plain.append(headline[position:].replace(_MARK_START, "").replace(_MARK_END, ""))
    return {"text": "".join(plain), "marks": marks}
