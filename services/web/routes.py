"""The browser page (server-rendered; works without JavaScript) and the live feed of an actor's events."""

from __future__ import annotations

from datetime import date
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from services.auth.dependencies import require_read_key
from services.deps import SessionDep, SettingsDep
from services.extraction.event_types import TYPE_LABELS
from services.schemas import problems
from services.store.actors import actors_with_counts, event_count, find_actor, lookup_actor, search_actors
from services.store.cursor import InvalidCursor, decode_cursor, encode_cursor
from services.store.event_reads import get_event, timeline_page
from services.store.models import Actor
from services.store.survey import co_actors, events_over_time
from services.timeline.lookup import actor_or_problem
from services.timeline.serialize import actor_json
from services.web import formatting
from services.web.chart import events_chart
from services.web.front import front_page_context, install_search_page, matching_events
from services.web.stream import actor_event_stream, parse_last_event_id

HERE = FilePath(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["event_label"] = formatting.event_label
templates.env.filters["event_datetime"] = formatting.event_datetime_attr
templates.env.filters["day_label"] = lambda iso: formatting.day_label(date.fromisoformat(iso[:10]))
templates.env.filters["marked"] = formatting.marked_snippet
templates.env.globals["type_labels"] = TYPE_LABELS
templates.env.globals["actor_url"] = lambda name: "/actors/" + quote(name, safe="")
templates.env.globals["with_url"] = lambda name, other: ("/actors/" + quote(name, safe="") + "?"
                                                         + urlencode({"with": other}))

router = APIRouter(tags=["web"], dependencies=[Depends(require_read_key)])

NAME = Annotated[str, Path(max_length=200)]


def install(app: FastAPI) -> None:
    """Add the page, the live feed and the static files (CSS, JS) to an app."""
    app.include_router(router)
    install_search_page(router_for_pages(), app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def _html(request: Request, template: str, context: dict, status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def router_for_pages() -> APIRouter:
    """A router for further pages, with this one's read-key rule."""
    return APIRouter(tags=["web"], dependencies=[Depends(require_read_key)])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, session: SessionDep, settings: SettingsDep,
         q: Annotated[str, Query(max_length=200)] = ""):
    """The front page: the most reported actors of the latest days and the latest events. A query naming
    one actor goes straight to their timeline; any other finds actors and events."""
    query = q.replace("\x00", " ").strip()
    results = []
    if not query:
        return _html(request, "home.html", {"query": "", **front_page_context(session)})
    if query:
        found = lookup_actor(session, query)
        actor = session.get(Actor, found.actor_id) if found.actor_id is not None else None
        if actor is not None:
            return RedirectResponse("/actors/" + quote(actor.name, safe=""), status_code=303)
        matches = actors_with_counts(session, found.candidate_ids) if found.ambiguous else search_actors(
            session, query, limit=20)
        results = [actor_json(match, count) for match, count in matches]
    return _html(request, "home.html", {"query": query, "results": results,
                                        "hits": matching_events(session, query)})


# A 404 costs at most this many searches, whatever the name: a long made-up one must not cost a search per
# letter. Beginnings of a few lengths catch a typo near the end of a word ("Putinn" -> "Putin").
MAX_SUGGESTION_SEARCHES = 6
_PREFIX_LENGTHS = (8, 5, 3)


def suggestion_queries(name: str) -> list[str]:
    """What to search for, in order: the longest words whole, then shorter beginnings of them (3+ letters)."""
    words = sorted(dict.fromkeys(name.split()), key=len, reverse=True)[:3] or [name]
    queries = [word for word in words if len(word) >= 3]
    queries += [word[:n] for word in words for n in _PREFIX_LENGTHS if n < len(word)]
    return list(dict.fromkeys(queries))[:MAX_SUGGESTION_SEARCHES]


def _suggestions(session, name: str) -> list[dict]:
    """Actors a mistyped name may mean (at most MAX_SUGGESTION_SEARCHES searches)."""
    for query in suggestion_queries(name):
        found = search_actors(session, query, limit=8)
        if found:
            return [actor_json(actor, count) for actor, count in found]
    return []


def _parse_day(value: str, label: str, errors: list[str]) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"“{value}” is not a date for “{label}”: use YYYY-MM-DD.")
        return None


@router.get("/actors/{name}", response_class=HTMLResponse, include_in_schema=False)
def actor_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    name: NAME,
    date_from: Annotated[str, Query(alias="from", max_length=40)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=40)] = "",
    cursor: Annotated[str, Query(max_length=500)] = "",
    limit: Annotated[int | None, Query(ge=1)] = None,
    with_name: Annotated[str, Query(alias="with", max_length=200)] = "",
):
    """An actor's timeline as a page: grouped by year and month, filterable, paged by a "load more" link,
    with a chart of its events over time and the actors it appears with most. `with` keeps the events
    another actor takes part in too. A name several people share shows them as links (409), never a
    silent pick."""
    found = lookup_actor(session, name)
    if found.ambiguous:
        candidates = [actor_json(actor, count) for actor, count in actors_with_counts(session, found.candidate_ids)]
        return _html(request, "ambiguous.html", {"name": name, "results": candidates}, status_code=409)
    actor = session.get(Actor, found.actor_id) if found.actor_id is not None else None
    if actor is None:
        return _html(request, "not_found.html", {"name": name, "results": _suggestions(session, name)},
                     status_code=404)
    errors: list[str] = []
    partner = None
    if with_name.strip():
        partner = find_actor(session, with_name)
        if partner is None:
            errors.append(f"“{with_name}” names no one known (or several people): showing all events.")
    start, end = _parse_day(date_from, "from", errors), _parse_day(date_to, "to", errors)
    if start and end and start > end:
        errors.append("“from” is after “to”.")
        start = end = None
    after = None
    if cursor:
        try:
            after = decode_cursor(cursor, settings.secret_key)
        except InvalidCursor:
            errors.append("That “load more” link is not valid any more; showing the first events.")
        if after is not None and after.order != "asc":
            after = None
    page_size = min(limit or settings.default_timeline_limit, settings.max_timeline_limit)
    events, next_position = timeline_page(session, actor.id, limit=page_size, date_from=start, date_to=end,
                                          after=after, with_actor_id=partner.id if partner else None)
    window = {key: value for key, value in (("from", start), ("to", end)) if value}
    window_query = {key: value.isoformat() for key, value in window.items()}
    if partner is not None:
        window_query["with"] = partner.name
    base = "/actors/" + quote(actor.name, safe="")
    next_url = None
    if next_position is not None:
        more = {**window_query, "cursor": encode_cursor(next_position, settings.secret_key)}
        if limit:
            more["limit"] = page_size
        next_url = base + "?" + urlencode(more)

    def export(fmt: str) -> str:
        return base + "/timeline?" + urlencode({**window_query, "format": fmt})

    granularity, buckets = events_over_time(session, actor.id)
    context = {
        "actor": actor_json(actor, event_count(session, actor.id)),
        "partner": actor_json(partner) if partner else None,
        "chart": events_chart(granularity, buckets, base),
        "co_actors": [actor_json(other, count) for other, count in co_actors(session, actor.id)],
        "years": formatting.group_by_year_and_month(events),
        "event_total": len(events),
        "continued": after is not None,
        "next_url": next_url,
        "filters": {"from": date_from if not start else start.isoformat(), "to": date_to if not end else
                    end.isoformat()},
        "window": window_query,
        "errors": errors,
        "base_url": base,
        "stream_url": base + "/events/stream",
        "exports": {"CSV": export("csv"), "iCalendar": export("ics"), "TimelineJS": export("timelinejs"),
                    "JSON": base + "/timeline?" + urlencode(window_query)},
    }
    return _html(request, "actor.html", context, status_code=422 if errors and not cursor else 200)


@router.get("/actors/{name}/events/stream", response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}}, **problems(404, 409)})
def actor_event_feed(
    session: SessionDep,
    name: NAME,
    last_event_id_header: Annotated[str | None, Header(alias="Last-Event-ID", max_length=40)] = None,
    last_event_id: Annotated[str | None, Query(max_length=40)] = None,
):
    """Server-Sent Events: each new (`event: created`) or updated (`event: updated`) event of the actor as it
    lands, its JSON as `data`. `id:` is the change id: reconnect with `Last-Event-ID` (or `?last_event_id=`) to
    resume without gaps or repeats. Without one, the feed starts from now."""
    actor_id = actor_or_problem(session, name, suggest=False).id
    session.close()  # the stream holds no connection between reads
    resume = parse_last_event_id(last_event_id_header, last_event_id)
    return StreamingResponse(
        actor_event_stream(actor_id, resume),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/actors/{name}/events/{event_id}/fragment", response_class=HTMLResponse, include_in_schema=False)
def event_fragment(request: Request, session: SessionDep, name: NAME,
                   event_id: Annotated[int, Path(ge=1, le=2**63 - 1)]):
    """One event as the page shows it (inside its year and month), for the page's script to add live."""
    actor = find_actor(session, name)
    event = get_event(session, event_id)
    if actor is None or event is None or actor.id not in {a["id"] for a in event["actors"]}:
        return HTMLResponse("", status_code=404)
    return _html(request, "fragment.html", {"actor": actor_json(actor),
                                            "years": formatting.group_by_year_and_month([event])})
