"""The worker's side of an article, through real PostgreSQL and Redis: claims under a lease, the sweep's
clock (`enqueued_at`), the failures readers see, and the cleaned text that evidence offsets index."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from services.extraction import extract
from services.settings import get_settings
from services.store.db import session_scope
from services.store.models import Article
from services.worker import processing, tasks
from tests.support.processes import wait_for

TEXT = "Vladimir Putin met Kim Jong Un in Pyongyang on Tuesday, the Kremlin said."


def post(client, text: str = TEXT, **fields) -> int:
    response = client.post("/articles", json={"text": text, "published_at": "2024-06-17", **fields})
    assert response.status_code == 202, response.text
    return response.json()["id"]


def post_published(client, text: str = TEXT) -> int:
    """Post, and wait until the publisher has recorded the article as enqueued (its UPDATE is then done, so it
    cannot hold the row while the test's sweep looks at it)."""
    article_id = post(client, text)
    wait_for(lambda: article(article_id).enqueued_at is not None, timeout=10, what="the article to be published")
    return article_id


def article(article_id: int) -> Article:
    with session_scope() as session:
        row = session.get(Article, article_id)
        session.expunge(row)
        return row


def age(article_id: int, **columns) -> None:
    """Move an article's clocks into the past, as if time had gone by."""
    with session_scope() as session:
        session.execute(update(Article).where(Article.id == article_id).values(**columns))


@pytest.fixture
def sweep_at_once(monkeypatch):
    monkeypatch.setattr(get_settings(), "requeue_after_seconds", 0.001)


def test_the_publisher_records_when_an_article_went_to_the_queue(client):
    article_id = post(client)
    wait_for(lambda: article(article_id).enqueued_at is not None, timeout=10, what="enqueued_at to be recorded")


def test_under_a_backlog_the_sweep_never_republishes_what_the_queue_holds(client, sweep_at_once):
    # no worker runs here: the articles wait in Redis, as behind a backlog
    ids = [post(client, f"{TEXT} Story {i}.") for i in range(3)]
    wait_for(lambda: all(article(i).enqueued_at for i in ids), timeout=10, what="the articles to be published")
    for article_id in ids:
        age(article_id, updated_at=datetime.now(UTC) - timedelta(hours=1))
    assert tasks.sweep() == 0, "articles published a moment ago were published again"


def test_the_sweep_publishes_articles_the_queue_never_got(client, sweep_at_once):
    article_id = post_published(client)
    age(article_id, enqueued_at=None, updated_at=datetime.now(UTC) - timedelta(minutes=5))  # as if Redis was down
    assert tasks.sweep() == 1
    assert article(article_id).enqueued_at is not None and tasks.sweep() == 0


def test_a_live_workers_article_is_not_claimed_twice_nor_swept(client, sweep_at_once):
    article_id = post_published(client)
    assert [claimed.id for claimed in processing.claim([article_id])] == [article_id]
    assert processing.claim([article_id]) == [], "a second worker claimed an article under a live lease"
    age(article_id, updated_at=datetime.now(UTC) - timedelta(hours=1))
    assert tasks.sweep() == 0
    assert article(article_id).status == "processing"


def test_an_article_whose_lease_ran_out_is_swept_and_claimed_again(client, sweep_at_once):
    article_id = post_published(client)
    processing.claim([article_id])
    age(article_id, lease_expires_at=datetime.now(UTC) - timedelta(seconds=1))
    assert tasks.sweep() == 1
    assert article(article_id).status == "queued"
    assert [claimed.attempts for claimed in processing.claim([article_id])] == [2]


def test_attempts_are_counted_at_claim_and_a_lost_worker_fails_the_article(client):
    article_id = post_published(client)
    limit = get_settings().task_max_retries + 1
    for attempt in range(1, limit + 1):
        assert [claimed.attempts for claimed in processing.claim([article_id])] == [attempt]
        age(article_id, lease_expires_at=datetime.now(UTC) - timedelta(seconds=1))  # the worker died
    assert processing.claim([article_id]) == []
    body = client.get(f"/articles/{article_id}").json()
    assert (body["status"], body["error_code"], body["attempts"]) == ("failed", "worker_lost", limit)


class DatabaseLeak(RuntimeError):
    pass


def test_a_failed_article_shows_a_code_and_a_short_message_not_the_exception(client):
    article_id = post(client)
    processing.claim([article_id])
    secret = "(psycopg.errors.X) INSERT INTO events VALUES ('internal'); [parameters: {'token': 'abc'}]"
    processing.fail(article_id, DatabaseLeak(secret), final=True)
    body = client.get(f"/articles/{article_id}").json()
    assert body["status"] == "failed" and body["error_code"] == "extraction_failed"
    assert "INSERT" not in body["error"] and "DatabaseLeak" not in body["error"] and "parameters" not in body["error"]
    assert "logs" in body["error"]


HTML = ("<html><head><title>Visit</title><script>var x = 1;</script></head><body><nav>Home | World</nav>"
        "<article><h1>Putin goes to Pyongyang</h1><p>Vladimir Putin met Kim Jong Un in Pyongyang on Tuesday, "
        "the Kremlin said.</p><p>Kim Jong Un will visit Moscow in September, officials said.</p></article>"
        "</body></html>")


def test_the_cleaned_text_is_served_and_every_sources_offsets_index_it(client):
    article_id = post(client, HTML)
    assert client.get(f"/articles/{article_id}/text").status_code == 409  # not processed yet
    claimed = processing.claim([article_id])[0]
    processing.store(article_id, extract(claimed.text, date(2024, 6, 17)))
    response = client.get(f"/articles/{article_id}/text")
    assert response.status_code == 200
    text = response.json()["text"]
    assert "<p>" not in text and "var x" not in text
    sources = [source for event in client.get(f"/articles/{article_id}").json()["events"]
               for source in event["sources"] if source["article_id"] == article_id]
    assert sources, "the test article reported no event"
    for source in sources:
        start, end = source["offsets"]
        assert text[start:end] == source["sentence"]
    assert client.get("/articles/999999/text").status_code == 404
