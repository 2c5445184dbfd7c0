"""GET /events: find events by words (full text, ranked, highlighted), who, where, what kind and when."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from services.auth.dependencies import require_read_key
from services.deps import ReadSessionDep, SettingsDep
from services.errors import InvalidRequest, Unprocessable
from services.extraction.event_types import TYPE_NAMES
from services.responses import OrjsonResponse
from services.schemas import EventSearchOut, problems
from services.store.cursor import InvalidCursor
from services.store.search import EventFilters, decode_search_cursor, encode_search_cursor, search_events
from services.timeline.lookup import actor_id_or_problem

router = APIRouter(tags=["timeline"], dependencies=[Depends(require_read_key)], responses=problems(429))

MAX_SEARCH_LIMIT = 100
EventType = Literal[TYPE_NAMES]  # type: ignore[valid-type]  # the taxonomy's names, read from its data file
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain_words(value: str | None) -> str | None:
    """What was typed, without control characters (PostgreSQL text cannot hold NUL); None when empty."""
    if value is None:
        return None
    cleaned = _CONTROL.sub(" ", value).strip()
    return cleaned or None


def search_filters(session, *, q: str | None, actor: str | None, with_actor: str | None, event_type: str | None,
                   place: str | None, status: str | None, date_from: date | None, date_to: date | None,
                   min_outlets: int | None) -> EventFilters:
    """The filters, names resolved as timelines resolve them (404 unknown, 409 a name several people share)."""
    if date_from and date_to and date_from > date_to:
        raise Unprocessable("`from` is after `to`")
    actor, with_actor, place = plain_words(actor), plain_words(with_actor), plain_words(place)
    return EventFilters(
        q=plain_words(q),
        actor_id=actor_id_or_problem(session, actor) if actor else None,
        with_actor_id=actor_id_or_problem(session, with_actor) if with_actor else None,
        type=event_type,
        place_id=actor_id_or_problem(session, place) if place else None,
        status=status,
        date_from=date_from,
        date_to=date_to,
        min_outlets=min_outlets,
    )


@router.get("/events", responses={200: {"model": EventSearchOut}, **problems(400, 401, 404, 409, 422)})
def find_events(
    session: ReadSessionDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200, examples=["visit Pyongyang"], description=(
        "Words to find in summaries and evidence sentences (English stemming; \"quoted phrase\", `or`, "
        "`-word`). Results are ranked; without `q`, newest first"))] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Only events this actor takes part in")] = None,
    with_actor: Annotated[str | None, Query(alias="with", max_length=200,
                                            description="...and this one too")] = None,
    event_type: Annotated[EventType | None, Query(alias="type", description="What kind of happening")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Where it happened (a place's name or id)")
                     ] = None,
    status: Literal["occurred", "planned"] | None = None,
    date_from: Annotated[date | None, Query(alias="from", description="Events ending on or after this date")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Events starting on or before this date")] = None,
    min_outlets: Annotated[int | None, Query(ge=1, le=1000, description="Reported by at least this many outlets")
                           ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_LIMIT)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
):
    """Events matching every filter given. With `q`, best match first (`rank`, PostgreSQL's `ts_rank`) and a
    `snippet` of the evidence with the matched words' offsets in `marks`; without, newest first. Page on with
    `next_cursor` (valid only for the same filters)."""
    filters = search_filters(session, q=q, actor=actor, with_actor=with_actor, event_type=event_type, place=place,
                             status=status, date_from=date_from, date_to=date_to, min_outlets=min_outlets)
    after = None
    if cursor:
        try:
            after = decode_search_cursor(cursor, filters, settings.secret_key)
        except InvalidCursor as error:
            raise InvalidRequest(str(error)) from error
    events, next_position = search_events(session, filters, limit=limit, after=after)
    # straight to bytes, as timeline pages are (FastAPI would walk the whole page with jsonable_encoder first)
    return OrjsonResponse({
        "events": events,
        "next_cursor": encode_search_cursor(next_position, filters, settings.secret_key) if next_position else None,
    })
