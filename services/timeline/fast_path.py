"""GET /actors/{name}/timeline without the framework: the page every timeline client polls.

Pure ASGI, inside the rate-limit and metrics middleware: a plain JSON page (name or id, `from`, `to`, `order`,
`limit`, `cursor`, `If-None-Match`) is read on the app's raw psycopg pool in one round trip
(services.store.timeline_reads) and answered with the same bytes and ETag as the FastAPI route. Anything else
(an export, `with=`, a key the settings require, a parameter the route would refuse, a name that means
nobody or several actors) goes on to that route, which owns every error answer: this path only ever answers
200 or 304, or 503 when the database is unreachable (as the route does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl

import psycopg

from services.errors import database_unreachable_problem
from services.responses import json_with_etag
from services.settings import Settings, get_settings
from services.store.actors import MAX_ACTOR_ID
from services.store.cursor import InvalidCursor, decode_cursor
from services.store.keys import name_key
from services.store.timeline_reads import PageRequest, read_by_id, read_by_name
from services.timeline.serialize import timeline_page_json

ROUTE_PATH = "/actors/{name}/timeline"
_PATH = re.compile(r"/actors/([^/]+)/timeline")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIMIT = re.compile(r"[1-9]\d{0,5}")
# Parameters only the route handles (`with`, `format` other than json) and the ones handled here.
_HANDLED = frozenset({"from", "to", "order", "limit", "cursor", "format"})
_NAME_MAX_LENGTH = 200  # as the route's Path(max_length=...)
_CURSOR_MAX_LENGTH = 500


@dataclass(frozen=True, slots=True)
class _Route:
    """What the metrics middleware reads from scope["route"] (the route template, its label)."""

    path: str


_ROUTE = _Route(ROUTE_PATH)


class TimelineFastPath:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/actors/"):
            return await self.app(scope, receive, send)
        settings = get_settings()
        pool = getattr(scope["app"].state, "raw_pool", None) if "app" in scope else None
        request = _simple_request(scope, settings) if pool is not None else None
        if request is None:
            return await self.app(scope, receive, send)
        name, page, if_none_match = request
        try:
            read = await pool.run(lambda connection: _read(connection, name, page))
        except psycopg.OperationalError:
            read, response = None, database_unreachable_problem()
        else:
            if read is None:  # unknown or ambiguous: the route explains (404 with suggestions, 409 with candidates)
                return await self.app(scope, receive, send)
            body = timeline_page_json(read.actor, page.order, read.events, read.next_position, settings.secret_key)
            response = json_with_etag(body, if_none_match)
        scope["route"] = _ROUTE
        await response(scope, receive, send)


async def _read(connection: psycopg.AsyncConnection, name: str, page: PageRequest):
    # an id when it is one (actor names always hold a letter); else the name, through aliases
    stripped = name.strip()
    if stripped.isdigit() and 0 < int(stripped) <= MAX_ACTOR_ID:
        return await read_by_id(connection, int(stripped), page)
    return await read_by_name(connection, name_key(name), page)


def _simple_request(scope, settings: Settings) -> tuple[str, PageRequest, str | None] | None:
    """(name, page, If-None-Match) of a request this path answers exactly as the route would; else None."""
    if scope.get("root_path") or (settings.auth_enabled and settings.read_requires_key):
        return None
    matched = _PATH.fullmatch(scope["path"])
    if matched is None or len(matched[1]) > _NAME_MAX_LENGTH:
        return None
    query: dict[str, str] = {}
    for key, value in parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True):
        if key == "with" or (key in _HANDLED and key in query):
            return None  # the route takes the last of repeated values; leave such requests to it
        query[key] = value
    if query.get("format", "json") != "json":
        return None
    order = query.get("order", "asc")
    if order not in ("asc", "desc"):
        return None
    limit = settings.default_timeline_limit
    if "limit" in query:
        if not _LIMIT.fullmatch(query["limit"]):
            return None
        limit = int(query["limit"])
    if limit > settings.max_timeline_limit:
        return None
    date_from, date_to = _day(query.get("from")), _day(query.get("to"))
    if date_from is False or date_to is False or (date_from and date_to and date_from > date_to):
        return None
    after = None
    if "cursor" in query:
        cursor = query["cursor"]
        if not cursor or len(cursor) > _CURSOR_MAX_LENGTH:
            return None
        try:
            after = decode_cursor(cursor, settings.secret_key)
        except InvalidCursor:
            return None
        if after.order != order:
            return None
    if_none_match = [value for header, value in scope["headers"] if header == b"if-none-match"]
    if len(if_none_match) > 1:
        return None
    return (matched[1], PageRequest(limit, order, date_from, date_to, after),
            if_none_match[0].decode("latin-1") if if_none_match else None)


def _day(value: str | None) -> date | None | bool:
    """A YYYY-MM-DD date, None when absent, False for anything the route should judge."""
    if value is None:
        return None
    if not _DAY.fullmatch(value):
        return False
    try:
        return date.fromisoformat(value)
    except ValueError:
        return False
