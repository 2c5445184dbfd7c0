"""Stored rows -> the JSON the API (and webhooks) serve."""

from __future__ import annotations

from services.store.models import Actor, Article, Event


def event_json(event: Event) -> dict:
    return {
        "id": event.id,
        "date": {
            "value": event.date_value,
            "start": event.date_start.isoformat(),
            "end": event.date_end.isoformat(),
            "granularity": event.granularity,
        },
        "summary": event.summary,
        "status": event.status,
        "trigger": event.trigger,
        "confidence": event.confidence,
        "actors": sorted(
            ({"id": link.actor.id, "name": link.actor.name} for link in event.actor_links), key=lambda a: a["name"]
        ),
        "sources": [
            {
                "article_id": source.article_id,
                "url": source.article.url,
                "title": source.article.title,
                "source": source.article.source,
                "published_at": source.article.published_at.isoformat(),
                "sentence": source.sentence,
                "offsets": [source.start_offset, source.end_offset],
            }
            for source in event.sources
        ],
    }


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
