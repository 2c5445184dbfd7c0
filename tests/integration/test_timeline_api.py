"""Timelines: order, keyset pages, alias resolution, and the errors a client can cause."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from services.store.db import session_scope
from tests.integration.factories import PUTIN_EVENTS, day, event, store_article, year


@pytest.fixture
def putin_timeline():
    store_article(*PUTIN_EVENTS)


def values(response) -> list[str]:
    return [e["date"]["value"] for e in response.json()["events"]]


def test_timeline_is_in_date_order_both_ways(client, putin_timeline):
    assert values(client.get("/actors/Putin/timeline")) == ["2000", "2023-09", "2024-05", "2024-06-18"]
    assert values(client.get("/actors/Putin/timeline?order=desc")) == ["2024-06-18", "2024-05", "2023-09", "2000"]


@pytest.mark.parametrize("name", ["Putin", "putin", "Vladimir Putin", "VLADIMIR  putin"])
def test_names_resolve_case_insensitively_through_aliases(client, putin_timeline, name):
    body = client.get(f"/actors/{name}/timeline").json()
    assert body["actor"]["name"] == "Vladimir Putin"
    assert [e["date"]["value"] for e in body["events"]] == ["2000", "2023-09", "2024-05", "2024-06-18"]


def test_event_json_has_the_documented_shape(client, putin_timeline):
    first = client.get("/actors/Putin/timeline").json()["events"][0]
    assert first["date"] == {"value": "2000", "start": "2000-01-01", "end": "2000-12-31", "granularity": "year"}
    assert {a["name"] for a in first["actors"]} == {"Vladimir Putin", "North Korea"}
    assert first["sources"][0]["sentence"] == "Putin visited North Korea."
    assert set(first) >= {"id", "date", "summary", "status", "actors", "sources"}
    assert client.get(f"/events/{first['id']}").json() == first


def test_date_window_keeps_overlapping_events(client, putin_timeline):
    response = client.get("/actors/Putin/timeline?from=2023-09-15&to=2024-05-31")
    assert values(response) == ["2023-09", "2024-05"]


def test_cursor_walks_every_event_once(client):
    start = date(2020, 1, 1)
    # 40 days with three distinct happenings each, so ties on the date are broken by id across pages
    kinds = [("sign", "signed treaty"), ("veto", "vetoed resolution"), ("arrest", "detained dissident")]
    events = [
        event(day((start + timedelta(days=i % 40)).isoformat()), ("Vladimir Putin",), kinds[i // 40][0],
              f"{kinds[i // 40][1]} {i}", offset=i * 100)
        for i in range(120)
    ]
    store_article(*events)
    for order in ("asc", "desc"):
        seen, cursor, pages = [], None, 0
        while True:
            params = {"limit": 25, "order": order} | ({"cursor": cursor} if cursor else {})
            body = client.get("/actors/Putin/timeline", params=params).json()
            seen += [(e["date"]["start"], e["id"]) for e in body["events"]]
            pages += 1
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert pages == 5 and len(seen) == len(set(seen)) == 120
        assert seen == sorted(seen, reverse=order == "desc")


def test_unknown_actor_is_404_with_suggestions(client, putin_timeline):
    response = client.get("/actors/Vladimir Putn/timeline")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["suggestions"] == []
    assert client.get("/actors/Mr Putin/timeline").json()["suggestions"] == ["Vladimir Putin"]


@pytest.mark.parametrize(
    ("query", "status"),
    [("limit=501", 422), ("limit=0", 422), ("limit=abc", 422), ("order=sideways", 422), ("from=yesterday", 422),
     ("from=2024-02-01&to=2024-01-01", 422), ("cursor=Zm9vLmJhcg", 400), ("cursor=%%%", 400)],
)
def test_bad_timeline_parameters(client, putin_timeline, query, status):
    response = client.get(f"/actors/Putin/timeline?{query}")
    assert response.status_code == status
    assert response.json()["status"] == status


def test_a_tampered_cursor_is_refused(client):
    store_article(*[event(year(str(1990 + i)), ("Vladimir Putin",), "act", f"act {i}", offset=i) for i in range(4)])
    cursor = client.get("/actors/Putin/timeline?limit=2").json()["next_cursor"]
    tampered = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    assert client.get(f"/actors/Putin/timeline?limit=2&cursor={cursor}").status_code == 200
    assert client.get(f"/actors/Putin/timeline?limit=2&cursor={tampered}").status_code == 400


def test_actor_search_lists_aliases_and_counts(client, putin_timeline):
    actors = client.get("/actors?q=put").json()["actors"]
    assert actors[0]["name"] == "Vladimir Putin" and actors[0]["event_count"] == 4
    assert "Putin" in actors[0]["aliases"] and actors[0]["kind"] == "person"
    assert client.get("/actors?q=pyongyang").json()["actors"][0]["name"] == "North Korea"


@pytest.mark.parametrize(("table", "column", "index"), [
    ("actors", "name_key", "ix_actors_name_key_trgm"),
    ("actor_aliases", "alias_key", "ix_actor_aliases_alias_key_trgm"),
])
def test_actor_search_can_use_a_trigram_index(session, table, column, index):
    # /actors?q= matches '%q%': a b-tree cannot answer that, so without a trigram index every row is read
    if not session.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).scalar():
        pytest.skip("this PostgreSQL has no pg_trgm (the migration then makes no trigram index)")
    session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(session.execute(text(f"EXPLAIN SELECT 1 FROM {table} WHERE {column} LIKE '%put%'")).scalars())
    assert index in plan, plan


def test_an_unchanged_page_answers_304_to_its_etag(client, putin_timeline):
    first = client.get("/actors/Putin/timeline?limit=2")
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"')
    again = client.get("/actors/Putin/timeline?limit=2", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get("/actors/Putin/timeline?limit=2", headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert client.get("/actors/Putin/timeline?limit=2", headers={"If-None-Match": '"other"'}).status_code == 200
    other_page = client.get("/actors/Putin/timeline?limit=2&order=desc", headers={"If-None-Match": etag})
    assert other_page.status_code == 200 and other_page.headers["etag"] != etag


def test_the_etag_changes_when_an_event_on_the_page_gains_a_source_or_is_revised(client, putin_timeline):
    url = "/actors/Putin/timeline?limit=2"
    before = client.get(url)
    # another outlet reports the 2000 visit (first on the page): the event gains a source
    store_article(event(year("2000"), ("Vladimir Putin", "North Korea"), "visit", "Putin visited North Korea"),
                  text="second report", source="Other Outlet")
    after_source = client.get(url, headers={"If-None-Match": before.headers["etag"]})
    assert after_source.status_code == 200
    assert len(after_source.json()["events"][0]["sources"]) == len(before.json()["events"][0]["sources"]) + 1
    # a revision in place (what the merge does when a report is finer): the same ids, a new tag
    event_id = after_source.json()["events"][0]["id"]
    with session_scope() as session:
        session.execute(text("UPDATE events SET summary = 'Putin visited Pyongyang', updated_at = now() "
                             "WHERE id = :id"), {"id": event_id})
    revised = client.get(url, headers={"If-None-Match": after_source.headers["etag"]})
    assert revised.status_code == 200 and revised.json()["events"][0]["summary"] == "Putin visited Pyongyang"
    assert revised.headers["etag"] not in (before.headers["etag"], after_source.headers["etag"])
