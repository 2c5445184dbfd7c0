"""POST /articles, /articles/batch and GET /articles/{id} against real PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.store.models import Article

SEED_LIKE = "Vladimir Putin is scheduled to travel to North Korea on Tuesday, the Kremlin said."


def count_articles(session) -> int:
    return session.execute(select(func.count()).select_from(Article)).scalar_one()


def test_an_accepted_article_is_committed_and_queued(client, session):
    response = client.post("/articles", json={"text": SEED_LIKE, "title": "Visit", "published_at": "2024-06-17"})
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued" and body["duplicate"] is False
    assert body["published_at"].startswith("2024-06-17T00:00:00")
    assert body["published_at_assumed"] is False
    stored = session.get(Article, body["id"])
    assert stored.text == SEED_LIKE and stored.status == "queued"


def test_reposting_the_same_url_returns_the_first_article(client, session):
    first = client.post("/articles", json={"text": "one", "url": "https://News.example/a#top"})
    again = client.post("/articles", json={"text": "changed text", "url": "https://news.example/a"})
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["id"] == first.json()["id"] and again.json()["duplicate"] is True
    assert count_articles(session) == 1


def test_reposting_the_same_text_without_url_is_a_duplicate(client, session):
    first = client.post("/articles", json={"text": "Putin met Kim  on Tuesday."})
    again = client.post("/articles", json={"text": "  Putin met Kim on Tuesday. "})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert count_articles(session) == 1


def test_without_published_at_the_received_time_is_the_reference(client):
    body = client.post("/articles", json={"text": "Something happened yesterday."}).json()
    assert body["published_at_assumed"] is True
    assert body["published_at"] == body["received_at"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"title": "no text"}, "text"),
        ({"text": "ok", "published_at": "17/06/2024"}, "published_at"),
        ({"text": "ok", "published_at": "2024-13-45"}, "published_at"),
        ({"text": "bad \x00 byte"}, "text"),
        ({"text": "ok", "url": "not a url"}, "url"),
        # CR/LF would become a property of its own in iCalendar exports; whitespace never belongs in a URL
        ({"text": "ok", "url": "https://news.example/a\r\nATTACH:https://evil.example/x"}, "url"),
        ({"text": "ok", "url": "https://news.example/a b"}, "url"),
        ({"text": "ok", "url": "https://news.example/a\tb"}, "url"),
        ({"text": "ok", "url": "https://news.example/\x00"}, "url"),
        # unknown fields are refused, not ignored: a misspelt published_at would silently become "now"
        ({"text": "ok", "publishedAt": "2024-06-17"}, "publishedAt"),
        ({"text": "ok", "published_at": "2024-06-17", "lang": "en"}, "lang"),
    ],
)
def test_bad_articles_get_a_problem_naming_the_field(client, session, payload, field):
    response = client.post("/articles", json=payload)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 422 and field in problem["detail"]
    assert count_articles(session) == 0


def test_batch_accepts_good_items_and_reports_bad_ones(client, session):
    articles = [
        {"text": "first article", "published_at": "2024-06-17"},
        {"text": ""},
        {"text": "first article", "published_at": "2024-06-17"},
        "not an object",
        {"text": "second article", "url": "https://example.org/2"},
    ]
    response = client.post("/articles/batch", json={"articles": articles})
    assert response.status_code == 200
    body = response.json()
    statuses = [result["status"] for result in body["results"]]
    assert statuses == ["queued", "rejected", "duplicate", "rejected", "queued"]
    assert body["results"][2]["id"] == body["results"][0]["id"]
    assert (body["accepted"], body["duplicates"], body["rejected"]) == (2, 1, 2)
    assert count_articles(session) == 2


def test_batch_items_and_the_batch_refuse_unknown_fields(client, session):
    response = client.post("/articles/batch", json={"articles": [{"text": "first article", "publishedAt": "2024"},
                                                                 {"text": "second article"}]})
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert first["status"] == "rejected" and first["errors"][0]["loc"] == ["publishedAt"]
    assert first["errors"][0]["type"] == "extra_forbidden"
    assert second["status"] == "queued"
    whole = client.post("/articles/batch", json={"articles": [{"text": "third article"}], "dryRun": True})
    assert whole.status_code == 422 and "dryRun" in whole.json()["detail"]
    assert count_articles(session) == 1


def test_batch_over_the_limit_is_refused_whole(client, session):
    response = client.post("/articles/batch", json={"articles": [{"text": f"a{i}"} for i in range(1001)]})
    assert response.status_code == 422
    assert count_articles(session) == 0


def test_get_article_shows_status_and_unknown_is_404(client):
    article_id = client.post("/articles", json={"text": "Kim met Putin last week."}).json()["id"]
    body = client.get(f"/articles/{article_id}").json()
    assert body["status"] == "queued" and body["events"] == []
    missing = client.get("/articles/999999")
    assert missing.status_code == 404 and missing.json()["title"] == "Not found"


def test_a_body_over_one_megabyte_is_413_and_nothing_is_stored(client, session):
    response = client.post("/articles", json={"text": "x" * 1_100_000})
    assert response.status_code == 413 and response.json()["status"] == 413
    assert count_articles(session) == 0


def test_a_streamed_body_over_the_limit_is_413(client, session):
    def chunks():
        yield b'{"text": "'
        for _ in range(120):
            yield b"y" * 10_000
        yield b'"}'

    response = client.post("/articles", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert count_articles(session) == 0


def test_text_over_the_character_limit_is_422(client):
    response = client.post("/articles", json={"text": "word " * 50_000})
    assert response.status_code == 422 and "text" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status"),
    [(b'{"text": "caf\xe9 \xff"}', 400), (b'{"text": ', 422), (b"[1, 2]", 422), (b"", 422)],
)
def test_undecodable_bodies_are_client_errors(client, session, body, status):
    response = client.post("/articles", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert count_articles(session) == 0
