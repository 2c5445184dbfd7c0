"""GET /actors without `q`: every reported actor, the most recently reported first, by keyset."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from services.errors import InvalidRequest
from services.store.cursor import InvalidCursor, decode_token, encode_token
from services.store.survey import ActivityPosition, actors_by_activity
from services.timeline.serialize import actor_json


def _decode(cursor: str, secret: str) -> ActivityPosition:
    try:
        kind, reported_at, actor_id = decode_token(cursor, secret)
        if kind != "actors" or not isinstance(actor_id, int):
            raise InvalidCursor("cursor is not one this service issued")
        return ActivityPosition(datetime.fromisoformat(reported_at), actor_id)
    except InvalidCursor as error:
        raise InvalidRequest(str(error)) from error
    except (TypeError, ValueError) as error:
        raise InvalidRequest("cursor is not one this service issued") from error


def actors_page(session: Session, secret: str, *, limit: int, cursor: str | None) -> dict:
    after = _decode(cursor, secret) if cursor else None
    actors, position = actors_by_activity(session, limit=limit, after=after)
    next_cursor = None
    if position is not None:
        next_cursor = encode_token(["actors", position.last_reported_at.isoformat(), position.actor_id], secret)
    return {
        "actors": [{**actor_json(actor, count), "last_reported_at": actor.last_reported_at.isoformat()}
                   for actor, count in actors],
        "next_cursor": next_cursor,
    }
