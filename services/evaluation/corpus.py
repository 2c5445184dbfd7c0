"""Reading an article corpus from disk as the articles a client would POST."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from services.extraction.evaluation.summaries import publication_date
from services.store.articles import NewArticle


def _published(value: str | None, url: str | None) -> datetime | None:
    """`date_publish`; when the crawler left it out ("None"), the /YYYY/MM/DD/ of the url (the date the gold
    annotators read the article's relative dates from); else None, and the service assumes the time it
    received the article."""
    if not value or value.strip() in {"None", "null"}:
        day = publication_date({"url": url})
        return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    published = datetime.fromisoformat(value.strip().replace(" ", "T"))
    return published if published.tzinfo else published.replace(tzinfo=UTC)


def read_corpus(directory: Path) -> dict[str, NewArticle]:
    """Articles of a folder of JSON files (`text`, `title`, `url`, `publisher`, `date_publish`: the
    giveme5w1h layout), by file name, in name order. Files without text are skipped."""
    articles: dict[str, NewArticle] = {}
    for path in sorted(directory.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        text = (record.get("text") or "").strip()
        if not text:
            continue
        articles[path.stem] = NewArticle(
            text=text,
            title=record.get("title"),
            url=record.get("url"),
            source=record.get("publisher"),
            published_at=_published(record.get("date_publish"), record.get("url")),
        )
    return articles
