"""GET /events (full-text search, filters, keyset pages), place and type on events, two-actor timelines and
GET /actors by latest report, through the API and a real PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from services.extraction.model import Extraction
from services.store.db import session_scope
from services.store.events import save_extraction
from tests.integration.factories import day
from tests.integration.search_factories import SEED, happening, store


@pytest.fixture
def seeded():
    store(*SEED)


def ids_of(response) -> list[int]:
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["events"]]


def summaries(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["summary"] for e in response.json()["events"]]


def test_words_find_events_by_their_evidence_stemmed_and_ranked(client, seeded):
    body = client.get("/events", params={"q": "Hanoi"}).json()
    assert [e["summary"] for e in body["events"]] == ["Putin arrived in Hanoi for a state visit"]
    hit = body["events"][0]
    assert hit["place"]["name"] == "Vietnam" and hit["type"] == "meeting"
    snippet = hit["snippet"]
    assert [snippet["text"][start:end] for start, end in snippet["marks"]] == ["Hanoi"]
    # "visits" finds "visit" and "visited"; the event that says it in its summary and evidence ranks first
    found = client.get("/events", params={"q": "visits"}).json()["events"]
    assert len(found) == 3 and all(e["rank"] > 0 for e in found)
    assert [e["rank"] for e in found] == sorted((e["rank"] for e in found), reverse=True)
    assert client.get("/events", params={"q": "zeppelin"}).json() == {"events": [], "next_cursor": None}


@pytest.mark.parametrize("params, expected", [
    ({"q": "visit", "actor": "Putin"}, {"Putin arrived in Hanoi for a state visit", "Putin visited Beijing and met Xi Jinping",
                                        "Putin visited North Korea, the first Russian leader to do so"}),
    ({"actor": "Putin", "with": "Kim Jong Un"}, {"Putin and Kim Jong Un signed a strategic partnership treaty in Pyongyang"}),
    ({"type": "agreement"}, {"Putin and Kim Jong Un signed a strategic partnership treaty in Pyongyang"}),
    ({"place": "Hanoi"}, {"Putin arrived in Hanoi for a state visit"}),
    ({"place": "North Korea", "type": "agreement"}, {
        "Putin and Kim Jong Un signed a strategic partnership treaty in Pyongyang"}),
    ({"status": "planned"}, {"Kim Jong Un will watch a missile test"}),
    ({"q": "visit", "from": "2024-01-01", "to": "2024-05-31"}, {"Putin visited Beijing and met Xi Jinping"}),
    ({"q": "visit", "type": "agreement"}, set()),
    ({"min_outlets": 2}, set()),
])
def test_filters_combine(client, seeded, params, expected):
    assert set(summaries(client.get("/events", params=params))) == expected


def test_without_words_the_newest_come_first(client, seeded):
    starts = [e["date"]["start"] for e in client.get("/events").json()["events"]]
    assert starts == sorted(starts, reverse=True) and len(starts) == 5
    assert all(e["rank"] is None for e in client.get("/events").json()["events"])


@pytest.mark.parametrize("window", [1000, 5, 1])
@pytest.mark.parametrize("params", [{"q": "putin"}, {}, {"actor": "Putin"}, {"q": "putin", "actor": "Putin"}])
def test_keyset_pages_walk_every_match_once(client, monkeypatch, params, window):
    """Also when the matches are ranked in several windows (newest first), and one arrives between pages."""
    import services.store.search

    monkeypatch.setattr(services.store.search, "RANK_WINDOW", window)
    events = [happening(day(f"2023-{1 + i % 12:02d}-{1 + i % 27:02d}"), ("Vladimir Putin",), "meet",
                        f"Putin met {'the governor' if i % 3 else 'governors and Putin praised them'} number {i}.",
                        offset=i * 100)
              for i in range(23)]
    store(*events)
    everything = ids_of(client.get("/events", params={**params, "limit": 100}))
    assert len(everything) == 23
    if params.get("q") and window >= 23:  # one window: ranked all together, best first
        ranks = [e["rank"] for e in client.get("/events", params={**params, "limit": 100}).json()["events"]]
        assert ranks == sorted(ranks, reverse=True)
    seen, cursor = [], None
    while True:
        body = client.get("/events", params={**params, "limit": 4, **({"cursor": cursor} if cursor else {})}).json()
        seen += [e["id"] for e in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
        if len(seen) == 4 and params.get("q"):
            store(happening(day("2023-02-02"), ("Vladimir Putin",), "meet", "Putin met a latecomer."),
                  published="2024-07-01")
    assert sorted(seen) == sorted(everything) and len(seen) == len(set(seen))
    if not params.get("q"):
        assert seen == everything


def test_a_cursor_is_only_good_for_its_own_search(client, seeded):
    cursor = client.get("/events", params={"q": "putin", "limit": 1}).json()["next_cursor"]
    assert cursor
    for params in ({"q": "kim", "cursor": cursor}, {"cursor": cursor}, {"q": "putin", "cursor": "X" + cursor[1:]},
                   {"q": "putin", "cursor": "garbage"}):
        response = client.get("/events", params=params)
        assert response.status_code == 400, params
        assert response.headers["content-type"].startswith("application/problem+json")
    timeline_cursor = client.get("/actors/Putin/timeline?limit=1").json()["next_cursor"]
    assert client.get("/events", params={"cursor": timeline_cursor}).status_code == 400
    assert client.get("/actors/Putin/timeline", params={"cursor": cursor}).status_code == 400


@pytest.mark.parametrize("params, status", [
    ({"actor": "Nobody Atall"}, 404), ({"place": "Atlantis"}, 404), ({"type": "picnic"}, 422),
    ({"status": "rumoured"}, 422), ({"from": "2024-02-01", "to": "2024-01-01"}, 422), ({"limit": 0}, 422),
    ({"min_outlets": 0}, 422), ({"q": "x" * 201}, 422),
])
def test_bad_searches_are_problems_not_errors(client, seeded, params, status):
    response = client.get("/events", params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("q", ["\x00", "a\x00b", "&|!():*", "'", "\"unterminated", "-", "or", "the"])
def test_any_typed_words_answer_a_page(client, seeded, q):
    response = client.get("/events", params={"q": q})
    assert response.status_code == 200
    assert response.json()["next_cursor"] is None


def test_min_outlets_counts_outlets_like_the_event_json(client):
    treaty = SEED[0]
    store(treaty, published="2024-06-19", source="Wire One")
    store(treaty, published="2024-06-19", url="https://www.example.org/a")
    store(treaty, published="2024-06-20", url="https://example.org:443/b")  # the same host: one outlet
    events = client.get("/events", params={"min_outlets": 2}).json()["events"]
    assert [e["outlets"] for e in events] == [2]
    assert client.get("/events", params={"min_outlets": 3}).json()["events"] == []


def test_the_search_text_follows_new_sources_revisions_and_reruns(client, session):
    first = store(replace(happening(day("2024-06-19"), ("Vladimir Putin",), "sign", "Putin signed the decree."),
                          summary="Putin signed"))
    assert summaries(client.get("/events", params={"q": "decree"})) == ["Putin signed"]
    # a second report of the same happening: its wording is searchable too
    store(happening(day("2024-06-19"), ("Vladimir Putin",), "sign", "Putin signed the ordinance at dawn."),
          published="2024-06-21")
    assert len(ids_of(client.get("/events", params={"q": "ordinance"}))) == 1
    # the first article is processed again without the event: its evidence goes with it
    with session_scope() as db:
        save_extraction(db, first, Extraction(text="", events=[], actors=[]))
    assert ids_of(client.get("/events", params={"q": "decree"})) == []
    assert len(ids_of(client.get("/events", params={"q": "ordinance"}))) == 1
    session.execute(text("UPDATE events SET summary = 'Putin vetoed the charter'"))
    session.commit()
    assert len(ids_of(client.get("/events", params={"q": "charter"}))) == 1


def test_a_later_report_adds_the_place_and_type_the_first_lacked(client):
    bare = happening(day("2024-06-19"), ("Vladimir Putin", "Kim Jong Un"), "sign", "Putin and Kim signed it.")
    store(bare)
    store(replace(bare, sentence="Putin and Kim signed a treaty in Pyongyang.", place="North Korea",
                  type="agreement"), published="2024-06-21")
    [merged] = client.get("/actors/Putin/timeline").json()["events"]
    assert merged["place"]["name"] == "North Korea" and merged["type"] == "agreement"
    assert len(merged["sources"]) == 2


def test_two_actor_timelines_and_their_exports(client, seeded):
    body = client.get("/actors/Putin/timeline", params={"with": "Kim Jong Un"}).json()
    assert [e["summary"] for e in body["events"]] == [
        "Putin and Kim Jong Un signed a strategic partnership treaty in Pyongyang"]
    assert len(client.get("/actors/Putin/timeline").json()["events"]) == 4
    store(happening(day("2024-06-21"), ("Vladimir Putin", "North Korea"), "leave", "Putin left North Korea."),
          published="2024-06-21")
    csv = client.get("/actors/Putin/timeline", params={"with": "North Korea", "format": "csv"}).text
    assert "first Russian leader" in csv and "left North Korea" in csv and "Hanoi" not in csv
    # where an event happened is not who took part: the treaty signed in Pyongyang is not North Korea's
    assert "treaty" not in csv
    pages, cursor = [], None
    while True:
        page = client.get("/actors/Putin/timeline", params={"with": "North Korea", "limit": 1,
                                                            **({"cursor": cursor} if cursor else {})}).json()
        pages.append([e["date"]["value"] for e in page["events"]])
        if not (cursor := page["next_cursor"]):
            break
    assert pages == [["2000"], ["2024-06-21"]]
    assert client.get("/actors/Putin/timeline", params={"with": "Nobody Atall"}).status_code == 404


def test_actors_without_q_are_listed_by_their_latest_report(client):
    store(SEED[3], published="2024-01-10")                     # Putin, North Korea
    store(SEED[4], published="2024-03-01")                     # Kim
    store(SEED[2], published="2024-02-01")                     # Putin, Xi
    body = client.get("/actors").json()
    assert [(a["name"], a["last_reported_at"][:10]) for a in body["actors"]] == [
        ("Kim Jong Un", "2024-03-01"), ("Xi Jinping", "2024-02-01"), ("Vladimir Putin", "2024-02-01"),
        ("North Korea", "2024-01-10")]
    assert body["next_cursor"] is None
    names, cursor = [], None
    while True:
        page = client.get("/actors", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        names += [a["name"] for a in page["actors"]]
        if not (cursor := page["next_cursor"]):
            break
    assert names == [a["name"] for a in body["actors"]]
    assert client.get("/actors", params={"cursor": "bad"}).status_code == 400
    assert client.get("/actors", params={"q": "put"}).json()["actors"][0]["name"] == "Vladimir Putin"


def test_a_place_follows_its_actor_into_a_merge(client):
    from services.store.actors import merge_actors

    store(SEED[1])  # in Vietnam
    with session_scope() as db:
        ids = dict(db.execute(text("SELECT name, id FROM actors")).all())
        db.execute(text("INSERT INTO actors (name, name_key, kind) VALUES ('Viet Nam', 'viet nam', 'place')"))
        other = db.execute(text("SELECT id FROM actors WHERE name = 'Viet Nam'")).scalar_one()
        merge_actors(db, survivor_id=other, absorbed_id=ids["Vietnam"])
    [event] = client.get("/events", params={"q": "Hanoi"}).json()["events"]
    assert event["place"] == {"id": other, "name": "Viet Nam"}


def test_an_actor_merge_keeps_the_later_report(client):
    from services.store.actors import merge_actors

    store(SEED[2], published="2024-05-20")  # Putin, Xi
    store(SEED[4], published="2024-06-21")  # Kim
    with session_scope() as db:
        ids = dict(db.execute(text("SELECT name, id FROM actors")).all())
        merge_actors(db, survivor_id=ids["Xi Jinping"], absorbed_id=ids["Kim Jong Un"])
    listed = {a["name"]: a["last_reported_at"][:10] for a in client.get("/actors").json()["actors"]}
    assert listed["Xi Jinping"] == "2024-06-21" and "Kim Jong Un" not in listed
