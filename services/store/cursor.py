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


def encode_token(values: list, secret: str) -> str:
    """A signed, opaque token holding a JSON list (any keyset position)."""
    payload = orjson.dumps(values)
    token = payload + b"." + _signature(payload, secret)
    return base64.urlsafe_b64encode(token).decode().rstrip("=")


def decode_token(cursor: str, secret: str) -> list:
    """The list `encode_token` signed; InvalidCursor for anything else."""
    try:
        token = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        # the signature is binary (it may contain b"."): split by its fixed length, not by the separator
        payload, signature = token[: -_SIGNATURE_BYTES - 1], token[-_SIGNATURE_BYTES:]
        if not hmac.compare_digest(signature, _signature(payload, secret)):
            raise InvalidCursor("cursor signature does not match")
        values = orjson.loads(payload)
    except InvalidCursor:
        raise
    except Exception as error:  # any decoding failure means the client sent something we never issued
        raise InvalidCursor("cursor is not one this service issued") from error
    if not isinstance(values, list):
        raise InvalidCursor("cursor is not one this service issued")
    return values


def encode_cursor(position: TimelinePosition, secret: str) -> str:
    return encode_token([position.date_start.isoformat(), position.event_id, position.order], secret)


def decode_cursor(cursor: str, secret: str) -> TimelinePosition:
    values = decode_token(cursor, secret)
    try:
        day, event_id, order = values
        return TimelinePosition(date.fromisoformat(day), int(event_id), order)
    except Exception as error:  # a token of another kind (a search cursor) is not a timeline position
        raise InvalidCursor("cursor is not one this service issued") from error
