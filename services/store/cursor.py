"""Opaque, signed keyset cursors: a tampered or foreign cursor is refused, never silently misread."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

import orjson


class InvalidCursor(ValueError):
    """The cursor is malformed, was altered, or belongs to another ordering."""


@dataclass(frozen=True, slots=True)
class TimelinePosition:
    date_start: date
    event_id: int
    order: str  # asc | desc


_SIGNATURE_BYTES = 12


def _signature(payload: bytes, secret: str) -> bytes:
    return hmac.new(secret.encode(), payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]


def encode_cursor(position: TimelinePosition, secret: str) -> str:
    payload = orjson.dumps([position.date_start.isoformat(), position.event_id, position.order])
    token = payload + b"." + _signature(payload, secret)
    return base64.urlsafe_b64encode(token).decode().rstrip("=")


def decode_cursor(cursor: str, secret: str) -> TimelinePosition:
    try:
        token = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        # the signature is binary (it may contain b"."): split by its fixed length, not by the separator
        payload, signature = token[: -_SIGNATURE_BYTES - 1], token[-_SIGNATURE_BYTES:]
        if not hmac.compare_digest(signature, _signature(payload, secret)):
            raise InvalidCursor("cursor signature does not match")
        day, event_id, order = orjson.loads(payload)
        return TimelinePosition(date.fromisoformat(day), int(event_id), order)
    except InvalidCursor:
        raise
    except Exception as error:  # any decoding failure means the client sent something we never issued
        raise InvalidCursor("cursor is not one this service issued") from error
