"""The front page (what the news holds: the most reported actors of the latest days, the latest events) and
the event search page, both server-rendered."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from services.deps import SessionDep, SettingsDep
from services.errors import ActorNotFound, AmbiguousActor
from services.extraction.event_types import TYPE_LABELS, TYPE_NAMES
from services.store.cursor import InvalidCursor
from services.store.search import EventFilters, decode_search_cursor, encode_search_cursor, search_events
from services.store.survey import latest_news_window, most_reported_actors
from services.timeline.search import plain_words, search_filters
from services.timeline.serialize import actor_json

LATEST_DAYS = 7
FRONT_PAGE_ACTORS = 12
FRONT_PAGE_EVENTS = 10
SEARCH_PAGE_SIZE = 20


def front_page_context(session: Session) -> dict:
    """The latest days of news: the most reported actors and the latest events up to the newest article."""
    window = latest_news_window(session, LATEST_DAYS)
    if window is None:
        return {"active": [], "latest": [], "window": None}
    start, end = window
    active = [actor_json(actor, count) for actor, count in
              most_reported_actors(session, start, end, limit=FRONT_PAGE_ACTORS)]
    # dated up to the newest article: what has happened, not what is planned for next year
    latest, _ = search_events(session, EventFilters(date_to=end.date()), limit=FRONT_PAGE_EVENTS)
    return {"active": active, "latest": latest, "window": {"start": (start + timedelta(days=1)).date().isoformat(),
                                                            "end": end.date().isoformat()}}


def matching_events(session: Session, query: str, limit: int = FRONT_PAGE_EVENTS) -> list[dict]:
    """Events whose summary or evidence holds the words (for the front page's search results)."""
    words = plain_words(query)
    return search_events(session, EventFilters(q=words), limit=limit)[0] if words else []


def install_search_page(router: APIRouter, app: FastAPI) -> None:
    """Add GET /search (events by words and filters, as a page) to the app."""
    from services.web.routes import _html

    @router.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        session: SessionDep,
        settings: SettingsDep,
        q: Annotated[str, Query(max_length=200)] = "",
        event_type: Annotated[str, Query(alias="type", max_length=40)] = "",
        place: Annotated[str, Query(max_length=200)] = "",
        actor: Annotated[str, Query(max_length=200)] = "",
        date_from: Annotated[str, Query(alias="from", max_length=40)] = "",
        date_to: Annotated[str, Query(alias="to", max_length=40)] = "",
        cursor: Annotated[str, Query(max_length=500)] = "",
    ):
        """Events matching the words and filters, best first, with the evidence around the matches."""
        from services.web.routes import _parse_day

        errors: list[str] = []
        start, end = _parse_day(date_from, "from", errors), _parse_day(date_to, "to", errors)
        if start and end and start > end:
            errors.append("“from” is after “to”.")
            start = end = None
        if event_type and event_type not in TYPE_NAMES:
            errors.append(f"“{event_type}” is not a kind of event.")
            event_type = ""
        form = {"q": q, "type": event_type, "place": place, "actor": actor, "from": date_from, "to": date_to}
        hits, next_url, status = [], None, 200
        try:
            filters = search_filters(session, q=q, actor=actor or None, with_actor=None,
                                     event_type=event_type or None, place=place or None, status=None,
                                     date_from=start, date_to=end, min_outlets=None)
        except (ActorNotFound, AmbiguousActor) as problem:
            errors.append(f"{problem.detail}.")
            filters, status = None, 404 if isinstance(problem, ActorNotFound) else 409
        if filters is not None:
            after = None
            if cursor:
                try:
                    after = decode_search_cursor(cursor, filters, settings.secret_key)
                except InvalidCursor:
                    errors.append("That “more results” link is not valid any more; showing the first results.")
            hits, position = search_events(session, filters, limit=SEARCH_PAGE_SIZE, after=after)
            if position is not None:
                kept = {key: value for key, value in form.items() if value}
                next_url = "/search?" + urlencode({**kept, "cursor": encode_search_cursor(
                    position, filters, settings.secret_key)})
        if errors and status == 200 and not cursor:
            status = 422
        return _html(request, "search.html", {"query": q, "form": form, "hits": hits, "next_url": next_url,
                                              "errors": errors, "types": TYPE_LABELS, "continued": bool(cursor)},
                     status_code=status)

    app.include_router(router)
