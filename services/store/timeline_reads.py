"""A timeline page on a plain asyncio psycopg connection: the name's lookup, the actor heading, the page and its
events' views in one pipeline (one round trip), with no SQLAlchemy and no worker thread.

A name is resolved in Python (`actors.choose`: surnames several people share, aliases of several actors), so the
page cannot wait for that answer without a second round trip. Instead the same pipeline reads the page of the
actor the name most likely means (its canonical name, else its lowest-id alias) and the rows `choose` needs;
when `choose` picks another actor, its page is read again by id. Each statement reads committed data, as the
session path's autocommit statements do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import psycopg

from services.store.actors import ACTORS_NAMED_SQL, Lookup, choose, named_by_key
from services.store.cursor import TimelinePosition
from services.store.event_reads import page_of, page_query
from services.store.event_views import (
    ACTOR_HEADING,
    actor_heading,
    page_view_queries,
    page_views,
    run_together_async,
)

# The first of ACTORS_NAMED_SQL's rows: the canonical name's actor, else the alias's with the lowest id.
_LIKELY_ACTOR = f"(SELECT named.id FROM ({ACTORS_NAMED_SQL}) AS named ORDER BY named.exact DESC, named.id LIMIT 1)"
_BY_ID = "%(actor_id)s"


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int
    order: str
    date_from: date | None
    date_to: date | None
    after: TimelinePosition | None


@dataclass(frozen=True, slots=True)
class TimelineRead:
    """An actor's heading and page, or None: nobody by that name, or several (the caller explains which)."""

    actor: dict
    events: list[dict]
    next_position: TimelinePosition | None


async def read_by_name(connection: psycopg.AsyncConnection, key: str, page: PageRequest) -> TimelineRead | None:
    """The page of the one actor a name key means (see `actors.choose`); None when it means nobody or several."""
    lookup_rows, *results = await _read(connection, page, actor=_LIKELY_ACTOR, params={"keys": [key]},
                                        lookup=ACTORS_NAMED_SQL)
    chosen: Lookup = choose(named_by_key(lookup_rows).get(key, []))
    if chosen.actor_id is None:
        return None
    read = _page(page, results)
    if read is not None and read.actor["id"] == chosen.actor_id:
        return read
    return await read_by_id(connection, chosen.actor_id, page)  # `choose` preferred another actor


async def read_by_id(connection: psycopg.AsyncConnection, actor_id: int, page: PageRequest) -> TimelineRead | None:
    """The page of the actor with this id; None if there is none."""
    return _page(page, await _read(connection, page, actor=_BY_ID, params={"actor_id": actor_id}))


async def _read(connection: psycopg.AsyncConnection, page: PageRequest, *, actor: str, params: dict,
                lookup: str | None = None) -> list[list[tuple]]:
    query, page_params = page_query(params.get("actor_id"), limit=page.limit + 1, order=page.order,
                                    date_from=page.date_from, date_to=page.date_to, after=page.after, actor=actor)
    params = page_params | params
    queries = [(ACTOR_HEADING.format(actor=actor), params), *page_view_queries(query, params)]
    return await run_together_async(connection, [(lookup, params), *queries] if lookup else queries)


def _page(page: PageRequest, results: list[list[tuple]]) -> TimelineRead | None:
    heading_rows, *page_results = results
    actor = actor_heading(heading_rows)
    if actor is None:
        return None
    events, next_position = page_of(*page_views(page_results), limit=page.limit, order=page.order)
    return TimelineRead(actor, events, next_position)
