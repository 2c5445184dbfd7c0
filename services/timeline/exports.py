"""An actor's whole timeline (every event in the window, not one page) as TimelineJS JSON, CSV or iCalendar."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from html import escape
from urllib.parse import quote

import icalendar
import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.responses import Response, StreamingResponse

from services.errors import Unprocessable
from services.store.event_reads import timeline_page
from services.store.models import EventActor
from services.store.participation import takes_part
from services.urls import is_clean_http_url
from services.web.formatting import event_label, parse_part, slug

EXPORT_FORMATS = ("timelinejs", "csv", "ics")
PAGE_SIZE = 500
PRODID = "-//Annals//Event timelines from news//EN"


def all_events(session: Session, actor_id: int, *, date_from: date | None = None, date_to: date | None = None,
               order: str = "asc", with_actor_id: int | None = None) -> Iterator[dict]:
    """Every event of the actor in the window (those shared with `with_actor_id`), walking the keyset pages."""
    after = None
    while True:
        events, after = timeline_page(session, actor_id, limit=PAGE_SIZE, order=order, date_from=date_from,
                                      date_to=date_to, after=after, with_actor_id=with_actor_id)
        yield from events
        if after is None:
            return


# --- TimelineJS ---------------------------------------------------------------------------------------------

def _timelinejs_date(value: str, fallback: date, *, end: bool) -> dict:
    """{year, month?, day?} at the precision of one end of the value (TimelineJS wants at least a year)."""
    part = parse_part(value)
    if part.unit in ("day", "week", "weekend"):
        d = (part.end if end else part.start) if part.unit != "day" else part.start
        return {"year": d.year, "month": d.month, "day": d.day}
    if part.unit == "month":
        return {"year": part.year, "month": part.month}
    if part.unit == "year":
        return {"year": part.year}
    if part.unit in ("decade", "century"):
        return {"year": fallback.year}
    return {"year": fallback.year, "month": fallback.month}  # quarters, halves, seasons: their first/last month


def actor_names(event: dict, role: str = "participant") -> list[str]:
    """The names of an event's actors in one role (views written before roles have none: participants)."""
    return [actor["name"] for actor in event["actors"] if actor.get("role", "participant") == role]


def timelinejs_event(event: dict, actor_name: str) -> dict:
    when = event["date"]
    start, end = date.fromisoformat(when["start"]), date.fromisoformat(when["end"])
    first, _, last = when["value"].partition("/")
    start_date = _timelinejs_date(first, start, end=False)
    end_date = _timelinejs_date(last or first, end, end=True)
    others = [name for name in actor_names(event) if name != actor_name]
    lines = []
    if others:
        lines.append("<p>With " + escape(", ".join(others)) + ".</p>")
    reporters = [name for name in actor_names(event, "source") if name != actor_name]
    if reporters:
        lines.append("<p>Reported by " + escape(", ".join(reporters)) + ".</p>")
    sources = []
    for source in event["sources"]:
        name = escape(source["title"] or source["url"] or f"Article {source['article_id']}")
        outlet = f" ({escape(source['source'])})" if source["source"] else ""
        link = f'<a href="{escape(source["url"])}">{name}</a>' if source["url"] else name
        sources.append(f"<li>{link}{outlet}: “{escape(source['sentence'])}”</li>")
    if sources:
        lines.append("<ul>" + "".join(sources) + "</ul>")
    item = {
        "start_date": start_date,
        "text": {"headline": escape(event["summary"]), "text": "".join(lines)},
        "display_date": event_label(event),
        "group": "Planned" if event["status"] == "planned" else "Reported",
        "unique_id": f"annals-event-{event['id']}",
    }
    if end_date != start_date:
        item["end_date"] = end_date
    return item


def timelinejs_title(actor: dict, count: int) -> dict:
    return {"text": {"headline": escape(actor["name"]),
                     "text": f"{count} events reported in the news, collected by Annals."}}


def to_timelinejs(actor: dict, events: list[dict]) -> dict:
    """Knight Lab TimelineJS's JSON: {"title": {...}, "events": [...]}."""
    return {"title": timelinejs_title(actor, len(events)),
            "events": [timelinejs_event(event, actor["name"]) for event in events]}


def timelinejs_chunks(actor: dict, events: Iterable[dict], count: int) -> Iterator[bytes]:
    """The same document, written as it is read (one event at a time)."""
    yield b'{"title":' + orjson.dumps(timelinejs_title(actor, count)) + b',"events":['
    for index, event in enumerate(events):
        yield (b"," if index else b"") + orjson.dumps(timelinejs_event(event, actor["name"]))
    yield b"]}"


# --- CSV ----------------------------------------------------------------------------------------------------

CSV_COLUMNS = ("id", "date", "date_label", "start", "end", "granularity", "summary", "status", "trigger",
               "confidence", "actors", "source_urls", "source_titles", "reported_by")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: such text gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(events: Iterable[dict]) -> str:
    return "".join(csv_chunks(events))


def csv_chunks(events: Iterable[dict], rows_per_chunk: int = 200) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for index, event in enumerate(events, 1):
        when = event["date"]
        writer.writerow([
            event["id"], when["value"], event_label(event), when["start"], when["end"], when["granularity"],
            _cell(event["summary"]), event["status"], _cell(event["trigger"]), f"{event['confidence']:.2f}",
            _cell("; ".join(actor_names(event))),
            " ".join(source["url"] for source in event["sources"] if source["url"]),
            _cell("; ".join(source["title"] or "" for source in event["sources"])),
            _cell("; ".join(actor_names(event, "source"))),
        ])
        if index % rows_per_chunk == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


# --- iCalendar (RFC 5545) -----------------------------------------------------------------------------------
# Built with the `icalendar` package, which escapes TEXT values, folds lines and refuses a URI holding CR/LF:
# text from articles can never start a property of its own.

def _source_url(url: str | None) -> str | None:
    """A source URL fit for a URI property (URLs stored before ingest refused control characters may not be)."""
    return url if url and is_clean_http_url(url) else None


def ics_event(event: dict, *, stamp: datetime, actor_name: str) -> icalendar.Event:
    when = event["date"]
    start, end = date.fromisoformat(when["start"]), date.fromisoformat(when["end"])
    label = event_label(event)
    summary = event["summary"] if when["granularity"] == "day" and "/" not in when["value"] \
        else f"{event['summary']} ({label})"
    if event["status"] == "planned":
        summary = "Planned: " + summary
    description = [f"When: {label}"]
    others = [name for name in actor_names(event) if name != actor_name]
    if others:
        description.append("With: " + ", ".join(others))
    reporters = [name for name in actor_names(event, "source") if name != actor_name]
    if reporters:
        description.append("Reported by: " + ", ".join(reporters))
    if event["sources"]:
        description.append("Sources:")
    for source in event["sources"]:
        url = _source_url(source["url"])
        title = source["title"] or url or f"Article {source['article_id']}"
        outlet = f" ({source['source']})" if source["source"] else ""
        description.append(f"- {title}{outlet}{' ' + url if url else ''}")
        description.append(f"  “{source['sentence']}”")
    item = icalendar.Event()
    item.add("uid", f"annals-event-{event['id']}@annals")
    item.add("dtstamp", stamp)
    item.add("dtstart", start)
    item.add("dtend", end + timedelta(days=1))  # exclusive, as RFC 5545 says
    item.add("summary", summary)
    item.add("description", "\n".join(description))
    item.add("status", "TENTATIVE" if event["status"] == "planned" else "CONFIRMED")
    item.add("transp", "TRANSPARENT")
    item.add("categories", [when["granularity"]])
    first_url = next((url for url in (_source_url(source["url"]) for source in event["sources"]) if url), None)
    if first_url:
        item.add("url", first_url)
    return item


def ics_calendar(actor: dict) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", actor["name"] + " – Annals timeline")
    return calendar


def to_ics(actor: dict, events: Iterable[dict], *, now: datetime | None = None) -> str:
    return "".join(ics_chunks(actor, events, now=now))


def ics_chunks(actor: dict, events: Iterable[dict], *, now: datetime | None = None) -> Iterator[str]:
    """The calendar, written one VEVENT at a time: its head, each event (as icalendar writes it), its end."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    empty = ics_calendar(actor).to_ical().decode()
    end = "END:VCALENDAR\r\n"
    assert empty.endswith(end)
    yield empty[: -len(end)]
    for event in events:
        yield ics_event(event, stamp=stamp, actor_name=actor["name"]).to_ical().decode()
    yield end


# --- responses ----------------------------------------------------------------------------------------------

def content_disposition(actor_name: str, extension: str) -> str:
    filename = f"{slug(actor_name)}-timeline.{extension}"
    return f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"


def count_events(session: Session, actor_id: int, *, date_from: date | None, date_to: date | None,
                 up_to: int, with_actor_id: int | None = None) -> int:
    """How many events the window holds, counting no further than `up_to` (an index range scan)."""
    query = select(EventActor.event_id).where(EventActor.actor_id == actor_id)
    if with_actor_id is not None:
        query = query.where(takes_part(EventActor.event_id, with_actor_id))
    if date_from is not None:
        query = query.where(EventActor.date_end >= date_from)  # the window's rule, as in timeline_page
    if date_to is not None:
        query = query.where(EventActor.date_start <= date_to)
    return session.execute(select(func.count()).select_from(query.limit(up_to).subquery())).scalar_one()


def export_response(session: Session, actor: dict, export_format: str, *, date_from: date | None,
                    date_to: date | None, order: str = "asc", max_events: int,
                    with_actor_id: int | None = None) -> Response:
    """The export, streamed page by page (memory stays one page); a window over `max_events` is refused.
    With `with_actor_id`, only the events both actors take part in."""
    if export_format not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {export_format!r}")
    count = count_events(session, actor["id"], date_from=date_from, date_to=date_to, up_to=max_events + 1,
                         with_actor_id=with_actor_id)
    if count > max_events:
        raise Unprocessable(f"the window holds more than {max_events} events; export a shorter one with "
                            "`from` and `to`", max_events=max_events)
    events = all_events(session, actor["id"], date_from=date_from, date_to=date_to, order=order,
                        with_actor_id=with_actor_id)
    if export_format == "timelinejs":
        body, media_type, extension = timelinejs_chunks(actor, events, count), "application/json", "json"
    elif export_format == "csv":
        body, media_type, extension = csv_chunks(events), "text/csv; charset=utf-8", "csv"
    else:
        body, media_type, extension = ics_chunks(actor, events), "text/calendar; charset=utf-8", "ics"
    return StreamingResponse(body, media_type=media_type,
                             headers={"Content-Disposition": content_disposition(actor["name"], extension)})
