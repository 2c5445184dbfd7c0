"""Articles: accept (deduplicated), read, and move through queued -> processing -> done | failed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from services.store.keys import article_dedupe_key
from services.store.models import Article


@dataclass(frozen=True, slots=True)
class NewArticle:
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Accepted:
    id: int
    created: bool  # False: the same url (or text) was posted before and this is that article


def publisher_date(published_at: datetime) -> date:
    """The calendar date in the offset the time was given with (a naive time counts as UTC)."""
    return published_at.date()


def _row(article: NewArticle, received_at: datetime) -> dict:
    return {
        "dedupe_key": article_dedupe_key(url=article.url, text=article.text),
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "text": article.text,
        "published_at": article.published_at or received_at,
        "published_at_assumed": article.published_at is None,
        "published_date": publisher_date(article.published_at or received_at),
        "received_at": received_at,
        "updated_at": received_at,
        "status": "queued",
        "attempts": 0,
    }


# Core (table-level) statements: the ORM's bulk-insert machinery costs more than the insert itself here.
_INSERT_ONE = (
    insert(Article.__table__)
    .on_conflict_do_nothing(index_elements=["dedupe_key"])
    .returning(*Article.__table__.columns)
)


# A batch goes in as one statement over arrays (unnest): no per-row SQL to build or parse.
_INSERT_MANY = text("""
    INSERT INTO articles (dedupe_key, url, title, source, text, published_at, published_at_assumed,
                          published_date, received_at, updated_at, status, attempts)
    SELECT * FROM unnest(
        CAST(:dedupe_key AS text[]), CAST(:url AS text[]), CAST(:title AS text[]), CAST(:source AS text[]),
        CAST(:text AS text[]), CAST(:published_at AS timestamptz[]), CAST(:published_at_assumed AS boolean[]),
        CAST(:published_date AS date[]),
        CAST(:received_at AS timestamptz[]), CAST(:updated_at AS timestamptz[]), CAST(:status AS text[]),
        CAST(:attempts AS integer[]))
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id, dedupe_key
""")


async def accept_article_async(session: AsyncSession, article: NewArticle) -> tuple[dict, bool]:
    """Insert one article unless it was seen before: (its row as a mapping, whether it is new).

    The hot path of POST /articles: one cached INSERT ... RETURNING, and a SELECT only for a re-post.
    """
    row = _row(article, datetime.now(UTC))
    inserted = (await session.execute(_INSERT_ONE, row)).mappings().first()
    if inserted is not None:
        return dict(inserted), True
    existing = await session.execute(
        select(*Article.__table__.columns).where(Article.dedupe_key == row["dedupe_key"])
    )
    return dict(existing.mappings().one()), False


def accept_articles(session: Session, articles: list[NewArticle]) -> list[Accepted]:
    """Insert the articles not seen before in one statement; return each one's id in input order."""
    now = datetime.now(UTC)
    rows = [_row(article, now) for article in articles]
    unique_rows = list({row["dedupe_key"]: row for row in reversed(rows)}.values())[::-1]
    created: dict[str, int] = {}
    if unique_rows:
        columns = {column: [row[column] for row in unique_rows] for column in unique_rows[0]}
        result = session.execute(_INSERT_MANY, columns)
        created = {key: article_id for article_id, key in result}
    missing = [row["dedupe_key"] for row in unique_rows if row["dedupe_key"] not in created]
    existing: dict[str, int] = {}
    if missing:
        existing = dict(
            session.execute(select(Article.dedupe_key, Article.id).where(Article.dedupe_key.in_(missing))).all()
        )
    results, seen = [], set()
    for row in rows:
        key = row["dedupe_key"]
        if key in created and key not in seen:
            results.append(Accepted(created[key], True))
        else:
            results.append(Accepted(created.get(key) or existing[key], False))
        seen.add(key)
    return results


def get_article(session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def claim_for_processing(session: Session, article_id: int) -> Article | None:
    """Mark the article processing and count the attempt; None if it is missing or already done."""
    article = session.execute(select(Article).where(Article.id == article_id).with_for_update()).scalar_one_or_none()
    if article is None or article.status == "done":
        return None
    article.status = "processing"
    article.attempts += 1
    article.error = None
    article.updated_at = datetime.now(UTC)
    return article


def lock_unfinished(session: Session, article_id: int) -> Article | None:
    """Lock the article row for the final write; None if another worker already finished it."""
    article = session.execute(select(Article).where(Article.id == article_id).with_for_update()).scalar_one_or_none()
    if article is None or article.status == "done":
        return None
    return article


def mark_done(article: Article) -> None:
    now = datetime.now(UTC)
    article.status, article.error, article.processed_at, article.updated_at = "done", None, now, now


def record_failure(session: Session, article_id: int, error: str, *, final: bool) -> None:
    """Keep the error visible; a final failure is `failed`, otherwise the article waits for its retry."""
    session.execute(
        update(Article)
        .where(Article.id == article_id, Article.status != "done")
        .values(status="failed" if final else "queued", error=error[:2000], updated_at=datetime.now(UTC))
    )


def claim_stale(session: Session, *, queued_before: timedelta, processing_before: timedelta) -> list[int]:
    """Articles left queued (never enqueued: Redis was down) or processing (worker lost) for too long."""
    now = datetime.now(UTC)
    stale = (
        select(Article.id)
        .where(
            ((Article.status == "queued") & (Article.updated_at < now - queued_before))
            | ((Article.status == "processing") & (Article.updated_at < now - processing_before))
        )
        .order_by(Article.id)
        .limit(10_000)
        .with_for_update(skip_locked=True)
    )
    ids = list(session.execute(stale).scalars())
    if ids:
        session.execute(update(Article).where(Article.id.in_(ids)).values(updated_at=now, enqueued_at=now))
    return ids
