"""Batch ingest's binary COPY: every column arrives as given (times with and without an offset, NULLs, non-ASCII)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import select

from services.store.articles import NewArticle, accept_articles
from services.store.db import session_scope
from services.store.models import Article


def test_a_batch_stores_each_column_as_given():
    plus_two = timezone(timedelta(hours=2))
    articles = [
        NewArticle(text="Naive: counted as UTC.", published_at=datetime(2026, 11, 20, 23, 30)),
        NewArticle(text="Late in the evening in Cairo.", title="Le Caire — soir", source="Agence « test »",
                   url="https://example.org/caire", published_at=datetime(2026, 11, 20, 23, 30, tzinfo=plus_two)),
        NewArticle(text="No date given: the time it was received."),
    ]
    before = datetime.now(UTC)
    with session_scope() as session:
        ids = [accepted.id for accepted in accept_articles(session, articles)]
    with session_scope() as session:
        rows = {row.id: row for row in session.scalars(select(Article).where(Article.id.in_(ids)))}
    naive, cairo, undated = (rows[article_id] for article_id in ids)
    assert naive.published_at == datetime(2026, 11, 20, 23, 30, tzinfo=UTC) and naive.published_date == date(2026, 11, 20)
    assert naive.title is None and naive.url is None and naive.source is None
    assert cairo.published_at == datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
    assert cairo.published_date == date(2026, 11, 20)  # the publisher's calendar day, in its own offset
    assert (cairo.title, cairo.source, cairo.url) == ("Le Caire — soir", "Agence « test »", "https://example.org/caire")
    assert undated.published_at_assumed is True and undated.published_at >= before - timedelta(seconds=1)
    assert all(row.status == "queued" and row.attempts == 0 for row in rows.values())
    assert ids == sorted(ids), "ids follow the batch's order"
