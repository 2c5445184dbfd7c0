"""Stored rows -> the JSON the API (and webhooks) serve."""

from __future__ import annotations

import orjson

from services.store.cursor import TimelinePosition, encode_cursor
from services.store.models import Actor, Article


def actor_json(actor: Actor, event_count: int | None = None) -> dict:
    body = {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": sorted({alias.alias for alias in actor.aliases} - {actor.name}),
    }
    if event_count is not None:
        body["event_count"] = event_count
    return body


def timeline_page_json(actor: dict, order: str, events: list[dict], next_position: TimelinePosition | None,
                       secret_key: str) -> bytes:
    """A timeline page straight to bytes (FastAPI would walk the whole page with jsonable_encoder first): the
    session route and the raw fast path (services.timeline.fast_path) answer the same bytes, so one ETag."""
    return orjson.dumps({
        "actor": actor,
        "order": order,
        "events": events,
        "next_cursor": encode_cursor(next_position, secret_key) if next_position else None,
    })


def article_row(article: Article) -> dict:
    return {column.key: getattr(article, column.key) for column in Article.__table__.columns}


def article_json(row: dict) -> dict:
    """An article's public fields (from a row mapping: the ingest path never builds ORM objects)."""
    return {
        "id": row["id"],
        "status": row["status"],
        "url": row["url"],
        "title": row["title"],
        "source": row["source"],
        "published_at": row["published_at"].isoformat(),
        "published_at_assumed": row["published_at_assumed"],
        "received_at": row["received_at"].isoformat(),
        "attempts": row["attempts"],
        "error_code": row["error_code"],
        "error": row["error"],
    }
