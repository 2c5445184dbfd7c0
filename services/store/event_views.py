"""Events as the API and webhooks serve them: three plain queries, whatever the page size, sent together.

This is the hot read path (every timeline page), so it builds no ORM objects and no SQLAlchemy statements:
the queries go to the session's psycopg connection in one pipeline (one round trip for the three), inside
the session's transaction.
"""

from __future__ import annotations

import psycopg
from sqlalchemy.orm import Session

from services.store.revision import outlet_of

# The three queries, for events chosen by `{chosen}`: a list of ids given as one array parameter (one
# prepared statement for any number of ids), or a page query itself (so the page needs no round trip of
# its own before its events can be read).
_EVENTS = """
    SELECT e.id, e.date_value, e.date_start, e.date_end, e.granularity, e.summary, e.status, e.trigger,
           e.confidence, e.updated_at, e.type, place.id, place.name
    FROM events AS e LEFT JOIN actors AS place ON place.id = e.place_actor_id
    WHERE e.id {chosen}"""
_ACTORS = """
    SELECT ea.event_id, a.id, a.name, ea.role
    FROM event_actors AS ea JOIN actors AS a ON a.id = ea.actor_id
    WHERE ea.event_id {chosen}
    ORDER BY a.name"""
_SOURCES = """
    SELECT es.event_id, es.article_id, es.sentence, es.start_offset, es.end_offset,
           ar.url, ar.title, ar.source, ar.published_at
    FROM event_sources AS es JOIN articles AS ar ON ar.id = es.article_id
    WHERE es.event_id {chosen}
    ORDER BY es.id"""
_VIEW_QUERIES = (_EVENTS, _ACTORS, _SOURCES)
_BY_IDS = "= ANY(%(ids)s)"
# The actor a timeline heads, chosen by `{actor}`: an id parameter, or an expression that looks one up.
ACTOR_HEADING = """
    SELECT a.id, a.name, a.kind, ARRAY(SELECT alias FROM actor_aliases WHERE actor_id = a.id) AS aliases
    FROM actors AS a WHERE a.id = {actor}"""
_ACTOR = ACTOR_HEADING.format(actor="%(id)s")


def run_together(session: Session, queries: list[tuple[str, dict]]) -> list[list[tuple]]:
    """Rows of each query, all sent to PostgreSQL in one pipeline on the session's connection (and transaction)."""
    connection = session.connection().connection.driver_connection
    with connection.pipeline():
        cursors = [connection.cursor() for _ in queries]
        for cursor, (query, params) in zip(cursors, queries, strict=True):
            cursor.execute(query, params)
    return [cursor.fetchall() for cursor in cursors]


async def run_together_async(connection: psycopg.AsyncConnection, queries: list[tuple[str, dict]]) -> list[list[tuple]]:
    """`run_together` on a plain asyncio connection (services.store.raw_connections): one round trip."""
    async with connection.pipeline():
        cursors = [connection.cursor() for _ in queries]
        for cursor, (query, params) in zip(cursors, queries, strict=True):
            await cursor.execute(query, params)
    return [await cursor.fetchall() for cursor in cursors]


def load_actor_view(session: Session, actor_id: int) -> dict | None:
    """An actor as a timeline heads it: {"id", "name", "kind", "aliases"} (aliases without its own name)."""
    (rows,) = run_together(session, [(_ACTOR, {"id": actor_id})])
    return actor_heading(rows)


def actor_heading(rows: list[tuple]) -> dict | None:
    """`ACTOR_HEADING`'s row as JSON, or None without one."""
    if not rows:
        return None
    actor_id, name, kind, aliases = rows[0]
    return {"id": actor_id, "name": name, "kind": kind, "aliases": sorted(set(aliases) - {name})}


def load_event_views(session: Session, event_ids: list[int]) -> dict[int, dict]:
    """Event JSON by id: {"id", "date", "summary", "status", "trigger", "type", "place", "confidence",
    "outlets", "first_reported_at", "updated_at", "actors", "sources"}."""
    if not event_ids:
        return {}
    params = {"ids": list(event_ids)}
    return _views(*run_together(session, [(query.format(chosen=_BY_IDS), params) for query in _VIEW_QUERIES]))


def load_page_views(session: Session, page_query: str, params: dict) -> tuple[list[tuple], dict[int, dict]]:
    """The rows of a page query (event_id first) and the views of their events, in one round trip."""
    return page_views(run_together(session, page_view_queries(page_query, params)))


def page_view_queries(page_query: str, params: dict) -> list[tuple[str, dict]]:
    """The page query and the three view queries of its events (which select them by the page query itself)."""
    chosen = f"IN (SELECT page.event_id FROM ({page_query}) AS page)"
    return [(page_query, params)] + [(query.format(chosen=chosen), params) for query in _VIEW_QUERIES]


def page_views(results: list[list[tuple]]) -> tuple[list[tuple], dict[int, dict]]:
    """The page's rows and its events' views from the results of `page_view_queries`."""
    page_rows, *view_rows = results
    return page_rows, _views(*view_rows)


def _views(event_rows: list[tuple], actor_rows: list[tuple], source_rows: list[tuple]) -> dict[int, dict]:
    views: dict[int, dict] = {}
    for (event_id, date_value, date_start, date_end, granularity, summary, status, trigger, confidence,
         updated_at, event_type, place_id, place_name) in event_rows:
        views[event_id] = {
            "id": event_id,
            "date": {"value": date_value, "start": date_start.isoformat(), "end": date_end.isoformat(),
                     "granularity": granularity},
            "summary": summary,
            "status": status,
            "trigger": trigger,
            "type": event_type,
            "place": {"id": place_id, "name": place_name} if place_id is not None else None,
            "confidence": confidence,
            "outlets": 0,
            "first_reported_at": None,  # the earliest publication among its sources
            "updated_at": updated_at.isoformat(),
            "actors": [],
            "sources": [],
        }
    for event_id, actor_id, name, role in actor_rows:
        # role: "participant", or "source" for an actor that only reports it (a key clients may ignore)
        views[event_id]["actors"].append({"id": actor_id, "name": name, "role": role})
    outlets: dict[int, set[str]] = {}
    first_reported: dict = {}
    for (event_id, article_id, sentence, start_offset, end_offset, url, title, source,
         published_at) in source_rows:
        views[event_id]["sources"].append({
            "article_id": article_id,
            "url": url,
            "title": title,
            "source": source,
            "published_at": published_at.isoformat(),
            "sentence": sentence,
            "offsets": [start_offset, end_offset],
        })
        outlets.setdefault(event_id, set()).add(outlet_of(source, url, article_id))
        if event_id not in first_reported or published_at < first_reported[event_id]:
            first_reported[event_id] = published_at
    for event_id, view in views.items():
        view["outlets"] = len(outlets.get(event_id, ()))
        if event_id in first_reported:
            view["first_reported_at"] = first_reported[event_id].isoformat()
    return views
