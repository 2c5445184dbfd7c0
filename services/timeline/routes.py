"""The read API: actors, an actor's ordered timeline (keyset pages), single events."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query

from services.auth.dependencies import require_read_key
from services.deps import ReadSessionDep, SessionDep, SettingsDep
from services.errors import InvalidRequest, NotFound, Unprocessable
from services.responses import json_with_etag
from services.schemas import ActorsOut, EventOut, TimelineOut, problems
from services.store.actors import search_actors
from services.store.cursor import InvalidCursor, decode_cursor
from services.store.event_reads import get_event, timeline_page
from services.store.event_views import load_actor_view
from services.timeline.exports import export_response
from services.timeline.lookup import actor_id_or_problem
from services.timeline.serialize import actor_json, timeline_page_json
from services.timeline.survey import actors_page

router = APIRouter(tags=["timeline"], dependencies=[Depends(require_read_key)], responses=problems(429))

MAX_ID = 2**63 - 1


@router.get("/actors", responses={200: {"model": ActorsOut}, **problems(400, 401, 422)})
def list_actors(
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Part of a name or alias",
                                   examples=["put"])] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500, description="Without `q`: the next page")] = None,
):
    """Actors whose name or an alias contains `q`, with aliases and event counts. Without `q`, every actor
    whose events were reported, the most recently reported first (`last_reported_at`), paged by `next_cursor`."""
    if q is not None:
        return {"actors": [actor_json(actor, count) for actor, count in search_actors(session, q, limit=limit)]}
    return actors_page(session, settings.secret_key, limit=limit, cursor=cursor)


@router.get("/actors/{name}/timeline", responses={200: {"model": TimelineOut, "description": "A page of events, with its `ETag`"},
                      304: {"description": "Not modified: the page is the one `If-None-Match` names"},
                      **problems(400, 401, 404, 409, 422)})
def actor_timeline(
    session: ReadSessionDep,
    settings: SettingsDep,
    name: Annotated[str, Path(max_length=200, examples=["Putin"], description="A name, alias or surname, or an id")],
    date_from: Annotated[date | None, Query(alias="from", description="Events ending on or after this date")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Events starting on or before this date")] = None,
    order: Literal["asc", "desc"] = "asc",
    limit: Annotated[int | None, Query(ge=1, description="At most `max_timeline_limit` (500)")] = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    export_format: Annotated[
        Literal["json", "timelinejs", "csv", "ics"],
        Query(alias="format", description="json (one page), or every event in the window as timelinejs, csv, ics"),
    ] = "json",
    if_none_match: Annotated[str | None, Header(description="The `ETag` of a page held: 304 if it is unchanged")] = None,
    with_actor: Annotated[str | None, Query(alias="with", max_length=200, examples=["Kim Jong Un"],
                                            description="Only the events this actor takes part in too")] = None,
):
    """An actor's events in date order (ties by id).

    `name` resolves case-insensitively through aliases; a person's surname finds them when exactly one known
    person has it. A surname several people share answers 409 with `candidates` ({id, name, kind,
    event_count}); ask again by full name or by id (digits: actor names always contain a letter).
    A JSON page carries an `ETag` (a hash of its bytes): send it back as `If-None-Match` to get 304 while no
    event on the page changed."""
    limit = limit or settings.default_timeline_limit
    if limit > settings.max_timeline_limit:
        raise Unprocessable(f"limit must be at most {settings.max_timeline_limit}")
    if date_from and date_to and date_from > date_to:
        raise Unprocessable("`from` is after `to`")
    after = None
    if cursor:
        try:
            after = decode_cursor(cursor, settings.secret_key)
        except InvalidCursor as error:
            raise InvalidRequest(str(error)) from error
        if after.order != order:
            raise InvalidRequest("cursor was issued for the other order")
    actor = load_actor_view(session, actor_id_or_problem(session, name))
    with_actor_id = actor_id_or_problem(session, with_actor) if with_actor else None
    if export_format != "json":
        return export_response(session, actor, export_format, date_from=date_from, date_to=date_to,
                               order=order, max_events=settings.max_export_events, with_actor_id=with_actor_id)
    events, next_position = timeline_page(
        session, actor["id"], limit=limit, order=order, date_from=date_from, date_to=date_to, after=after,
        with_actor_id=with_actor_id,
    )
    body = timeline_page_json(actor, order, events, next_position, settings.secret_key)
    return json_with_etag(body, if_none_match)


@router.get("/events/{event_id}", responses={200: {"model": EventOut}, **problems(401, 404, 422)})
def read_event(event_id: Annotated[int, Path(ge=1, le=MAX_ID, examples=[1])], session: ReadSessionDep):
    """One event with all its sources."""
    event = get_event(session, event_id)
    if event is None:
        raise NotFound(f"no event with id {event_id}")
    return event
