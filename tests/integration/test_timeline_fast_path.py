"""The raw timeline path (services.timeline.fast_path): the same answers as the FastAPI route, in one round trip."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from services.settings import get_settings
from services.store import timeline_reads
from services.store.db import session_scope
from services.timeline import fast_path
from tests.integration.factories import PUTIN_EVENTS, day, event, store_article


@pytest.fixture
def putin_timeline():
    store_article(*PUTIN_EVENTS)


@pytest.fixture
def fast_reads(monkeypatch) -> list[str]:
    """The names the fast path read a page for (so a test knows which path answered)."""
    reads: list[str] = []
    by_name, by_id = fast_path.read_by_name, fast_path.read_by_id

    async def counted_by_name(connection, key, page):
        reads.append(key)
        return await by_name(connection, key, page)

    async def counted_by_id(connection, actor_id, page):
        reads.append(str(actor_id))
        return await by_id(connection, actor_id, page)

    monkeypatch.setattr(fast_path, "read_by_name", counted_by_name)
    monkeypatch.setattr(fast_path, "read_by_id", counted_by_id)
    monkeypatch.setattr(timeline_reads, "read_by_id", counted_by_id)  # read_by_name's second read
    return reads


PAGES = ["/actors/Putin/timeline", "/actors/putin/timeline?limit=2&order=desc",
         "/actors/Vladimir%20Putin/timeline?from=2023-09-15&to=2024-05-31", "/actors/1/timeline?limit=3"]


@pytest.mark.parametrize("url", PAGES)
def test_the_fast_path_answers_the_routes_bytes_and_etag(client, putin_timeline, fast_reads, monkeypatch, url):
    fast = client.get(url)
    assert fast.status_code == 200 and fast_reads, "a plain page is the fast path's"
    assert fast.headers["content-type"] == "application/json" and fast.headers["cache-control"] == "no-cache"
    # a closed read API is left to the route (key check, per-key limits): the same page, byte for byte
    monkeypatch.setattr(get_settings(), "read_requires_key", True)
    fast_reads.clear()
    routed = client.get(url)
    assert routed.status_code == 200 and not fast_reads
    assert routed.content == fast.content and routed.headers["etag"] == fast.headers["etag"]


def test_the_cursor_walks_the_same_pages_on_both_paths(client, fast_reads, monkeypatch):
    store_article(*[event(day(f"2021-03-{d:02d}"), ("Vladimir Putin",), "meet", f"Putin met envoy {d}",
                          offset=d * 100) for d in range(1, 12)])

    def walk() -> list[bytes]:
        pages, cursor = [], None
        while True:
            response = client.get("/actors/Putin/timeline", params={"limit": 4} | ({"cursor": cursor} if cursor else {}))
            pages.append(response.content)
            cursor = response.json()["next_cursor"]
            if cursor is None:
                return pages

    fast = walk()
    assert len(fast) == 3 and len(fast_reads) == 3
    monkeypatch.setattr(get_settings(), "read_requires_key", True)
    assert walk() == fast


def test_a_new_event_shows_at_once(client, putin_timeline):
    first = client.get("/actors/Putin/timeline")
    store_article(event(day("2025-01-02"), ("Vladimir Putin",), "sign", "Putin signed a decree"), text="news")
    again = client.get("/actors/Putin/timeline", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 200 and again.headers["etag"] != first.headers["etag"]
    assert again.json()["events"][-1]["summary"] == "Putin signed a decree"


def test_a_name_is_resolved_as_the_route_resolves_it_when_the_likely_actor_is_not_the_one(client, fast_reads):
    """The pipeline guesses the lowest-id actor with the alias; `choose` prefers the actor whose name the alias
    spells ("Donald Trump" is "Donald J. Trump" without the initial, only an alias of "Joe Donald Trump")."""
    with session_scope() as session:
        session.execute(text("""
            INSERT INTO articles (dedupe_key, text, published_at, published_at_assumed, status, attempts)
            VALUES ('text-t', 'an article', now(), false, 'done', 1);
            INSERT INTO actors (id, name, name_key, kind) VALUES
                (1, 'Joe Donald Trump', 'joe donald trump', 'person'), (2, 'Donald J. Trump', 'donald j. trump', 'person');
            INSERT INTO actor_aliases (actor_id, alias, alias_key) VALUES (1, 'Donald Trump', 'donald trump'),
                (2, 'Donald Trump', 'donald trump');
            INSERT INTO events (id, date_value, date_start, date_end, granularity, summary, trigger, status,
                                confidence, report_confidence, fingerprint)
            VALUES (1, '2020-01-01', '2020-01-01', '2020-01-01', 'day', 'Joe met a neighbour', 'meet', 'occurred',
                    0.8, 0.8, 'a'),
                   (2, '2020-01-02', '2020-01-02', '2020-01-02', 'day', 'Trump signed an order', 'sign', 'occurred',
                    0.8, 0.8, 'b');
            INSERT INTO event_actors (actor_id, date_start, event_id, date_end)
            VALUES (1, '2020-01-01', 1, '2020-01-01'), (2, '2020-01-02', 2, '2020-01-02');
            INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset)
            VALUES (1, 1, 'Joe met a neighbour.', 0, 20), (2, 1, 'Trump signed an order.', 21, 43);
        """))
    body = client.get("/actors/Donald Trump/timeline").json()
    assert body["actor"]["name"] == "Donald J. Trump"
    assert [e["summary"] for e in body["events"]] == ["Trump signed an order"]
    assert fast_reads == ["donald trump", "2"], "read again by the chosen actor's id"


def test_unknown_and_ambiguous_names_get_the_routes_problems(client, fast_reads):
    store_article(event(day("2024-01-05"), ("Vladimir Putin",), "meet", "Putin met Kim"))
    unknown = client.get("/actors/Nobody Known/timeline")
    assert unknown.status_code == 404 and unknown.headers["content-type"].startswith("application/problem+json")
    assert fast_reads == ["nobody known"], "the fast path looked, found nobody, and left the answer to the route"
    assert client.get("/actors/999/timeline").status_code == 404


def test_fast_pages_are_counted_under_the_route_template(client, putin_timeline):
    assert client.get("/actors/Putin/timeline").status_code == 200
    assert 'route="/actors/{name}/timeline",status="200"' in client.get("/metrics").text


@pytest.mark.parametrize(("query", "taken"), [
    ("", True),
    ("limit=50&order=desc&from=2020-01-01&to=2021-01-01&format=json&unknown=1", True),
    ("with=Kim", False),  # two actors: the route
    ("format=csv", False),  # exports: the route
    ("limit=0", False), ("limit=01", False), ("limit=501", False), ("limit=", False), ("limit=5&limit=6", False),
    ("order=up", False), ("from=2021-02-30", False), ("from=20210101", False), ("from=2021-02-01&to=2021-01-01", False),
    ("cursor=bogus", False), ("cursor=", False),
])
def test_which_requests_the_fast_path_takes(query, taken):
    scope = {"type": "http", "method": "GET", "path": "/actors/Putin/timeline", "root_path": "",
             "query_string": query.encode(), "headers": []}
    assert (fast_path._simple_request(scope, get_settings()) is not None) is taken


def test_the_fast_path_leaves_a_cursor_of_the_other_order_and_long_names_to_the_route():
    from services.store.cursor import TimelinePosition, encode_cursor

    settings = get_settings()
    desc = encode_cursor(TimelinePosition(day("2020-01-01").start, 5, "desc"), settings.secret_key)

    def scope(path: str, query: str) -> dict:
        return {"type": "http", "method": "GET", "path": path, "root_path": "", "query_string": query.encode(),
                "headers": [(b"if-none-match", b'"x"')]}

    assert fast_path._simple_request(scope("/actors/Putin/timeline", f"cursor={desc}&order=desc"), settings)
    assert fast_path._simple_request(scope("/actors/Putin/timeline", f"cursor={desc}"), settings) is None
    assert fast_path._simple_request(scope("/actors/" + "a" * 201 + "/timeline", ""), settings) is None
    name, _, if_none_match = fast_path._simple_request(scope("/actors/" + "a" * 200 + "/timeline", ""), settings)
    assert name == "a" * 200 and if_none_match == '"x"'
