"""JSON responses rendered by orjson (fast, and handles dates and datetimes natively)."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import orjson
from starlette.responses import JSONResponse, Response


class OrjsonResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def etag_of(body: bytes) -> str:
    """A strong validator: the same bytes, the same tag; any change to the body (an event revised, a source
    added, an actor renamed) changes it."""
    return '"' + base64.urlsafe_b64encode(hashlib.blake2b(body, digest_size=16).digest()).decode().rstrip("=") + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 If-None-Match: weak comparison, a list of tags, or `*`."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


def json_with_etag(body: bytes, if_none_match: str | None) -> Response:
    """JSON bytes with their ETag, or 304 Not Modified (no body) when the client already holds them."""
    etag = etag_of(body)
    headers = {"ETag": etag, "Cache-Control": "no-cache"}  # may be stored, but revalidated every time
    if matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
