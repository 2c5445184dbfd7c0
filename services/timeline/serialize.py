"""Stored rows -> the JSON the API (and webhooks) serve."""

from __future__ import annotations

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


def article_json(article: Article) -> dict:
    return {
        "id": article.id,
        "status": article.status,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "published_at": article.published_at.isoformat(),
        "published_at_assumed": article.published_at_assumed,
        "received_at": article.received_at.isoformat(),
        "attempts": article.attempts,
        "error": article.error,
    }
