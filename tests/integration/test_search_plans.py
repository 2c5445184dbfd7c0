"""How a ranked search reads its windows: who takes part is on the event row (`events.actor_ids`, kept by
triggers on every path that writes event_actors), the two ways of reading a window give the same pages, and
a page's statement is never prepared (so never planned without its values)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

import services.store.search
from services.extraction.model import Actor as ExtractedActor
from services.store.db import get_engine, session_scope
from services.store.events import save_extraction
from services.store.search import EventFilters, search_events
from tests.integration.factories import day, event, extraction, month, report, store_article, store_report
from tests.integration.search_factories import happening, store

VISIT = event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "travel", "Putin travels to North Korea")
BEIJING = event(month("2024-05"), ("Vladimir Putin",), "visit", "Putin made an official visit to Beijing", offset=50)


def stored_and_true_actor_ids() -> list[tuple[int, list[int], list[int]]]:
    with get_engine().connect() as connection:
        return [tuple(row) for row in connection.execute(text("""
            SELECT e.id, e.actor_ids,
                   ARRAY(SELECT DISTINCT ea.actor_id FROM event_actors ea WHERE ea.event_id = e.id ORDER BY 1)
            FROM events AS e ORDER BY e.id"""))]


def assert_actor_ids_exact(events: int) -> None:
    rows = stored_and_true_actor_ids()
    assert len(rows) == events and all(stored == true for _, stored, true in rows), rows


def test_actor_ids_follow_new_events_merges_and_reruns():
    article_id = store_article(VISIT, BEIJING)
    assert_actor_ids_exact(2)
    assert sorted(len(stored) for _, stored, _ in stored_and_true_actor_ids()) == [1, 2]
    # another outlet on the same happening adds Kim to the stored event
    store_article(event(day("2024-06-18"), ("Vladimir Putin", "Kim Jong Un"), "travel", "Putin travels to meet Kim"))
    assert_actor_ids_exact(2)
    assert sorted(len(stored) for _, stored, _ in stored_and_true_actor_ids()) == [1, 3]
    # the first article re-run without Beijing: that event goes, the other keeps its actors
    with session_scope() as session:
        save_extraction(session, article_id, extraction(VISIT))
    assert_actor_ids_exact(1)


def test_actor_ids_follow_an_actor_merge_and_deleted_links():
    """A surname-only person's row folds into the full name's when that appears: event_actors rows move."""
    store_report(report(day("2016-10-28"), (ExtractedActor("Comey", "person", ("Comey",)),), "send",
                        "Comey sent a letter"), published="2016-10-28")
    store_report(report(day("2016-11-06"), (ExtractedActor("James Comey", "person", ("Comey", "James Comey")),),
                        "testify", "James Comey testified"), published="2016-11-06")
    assert_actor_ids_exact(2)
    with get_engine().begin() as connection:
        survivor = connection.execute(text("SELECT id FROM actors WHERE name = 'James Comey'")).scalar_one()
    assert [stored for _, stored, _ in stored_and_true_actor_ids()] == [[survivor], [survivor]]
    with get_engine().begin() as connection:
        connection.execute(text("DELETE FROM event_actors WHERE event_id = (SELECT min(id) FROM events)"))
    assert_actor_ids_exact(2)
    assert [stored for _, stored, _ in stored_and_true_actor_ids()] == [[], [survivor]]


def test_a_with_search_keeps_the_shared_events(client):
    store(happening(day("2024-06-19"), ("Vladimir Putin", "Kim Jong Un"), "sign", "Putin and Kim signed a pact."),
          happening(day("2024-06-20"), ("Vladimir Putin",), "sign", "Putin signed a decree.", offset=100),
          happening(day("2024-06-21"), ("Kim Jong Un",), "sign", "Kim signed an order.", offset=200))
    found = client.get("/events", params={"q": "signed", "actor": "Putin", "with": "Kim Jong Un"}).json()["events"]
    assert [e["summary"] for e in found] == ["Putin and Kim signed a pact"]
    newest = client.get("/events", params={"with": "Kim Jong Un"}).json()["events"]
    assert [e["summary"] for e in newest] == ["Kim signed an order", "Putin and Kim signed a pact"]


def walk(filters: EventFilters, limit: int) -> list[tuple[int, float]]:
    seen, after = [], None
    with session_scope() as session:
        while True:
            page, after = search_events(session, filters, limit=limit, after=after)
            seen += [(e["id"], e["rank"]) for e in page]
            if after is None:
                return seen


SEARCHES = [
    EventFilters(q="putin"),
    EventFilters(q="governor"),
    EventFilters(q="putin", actor_id=1),
    EventFilters(q="putin", actor_id=1, with_actor_id=2),
    EventFilters(q="governor", date_to=date(2023, 6, 30)),
    EventFilters(q="putin", date_from=date(2023, 3, 1), date_to=date(2023, 9, 30)),
]


@pytest.mark.parametrize("filters", SEARCHES, ids=["word", "rarer word", "actor", "actor and with", "to", "from-to"])
def test_both_ways_of_reading_a_window_give_the_same_pages(monkeypatch, filters):
    """Windows of 4 over events sharing start dates (three a day, by different triggers, so none merge):
    from the date-ordered scan or from every match."""
    triggers = ("meet", "sign", "visit")
    store(*[happening(day(f"2023-{1 + i % 10:02d}-01"),
                      ("Vladimir Putin", "Kim Jong Un") if i % 4 == 0 else ("Vladimir Putin",), triggers[i % 3],
                      f"Putin {triggers[i % 3]}s {'the governor' if i % 3 else 'governors and Putin praised them'} "
                      f"number {i}.", offset=i * 100) for i in range(30)])
    with session_scope() as session:
        assert session.execute(text("SELECT actor_ids FROM events WHERE id = 1")).scalar_one() == [1, 2]
        assert session.execute(text("SELECT count(*), count(DISTINCT date_start) FROM events")).one() == (30, 10)
    monkeypatch.setattr(services.store.search, "RANK_WINDOW", 4)
    walked = {}
    for every_match in (False, True):
        monkeypatch.setattr(services.store.search, "_reads_every_match", lambda *_, choice=every_match: choice)
        walked[every_match] = walk(filters, limit=3)
    assert walked[False] == walked[True]
    ids = [event_id for event_id, _ in walked[False]]
    assert ids and len(ids) == len(set(ids))
    monkeypatch.setattr(services.store.search, "RANK_WINDOW", 1000)  # one window: every match, best first
    everything = walk(filters, limit=100)
    assert sorted(ids) == sorted(event_id for event_id, _ in everything)
    assert [rank for _, rank in everything] == sorted((rank for _, rank in everything), reverse=True)


def test_a_rare_word_is_read_from_every_match_and_a_common_one_newest_first(monkeypatch):
    store(*[happening(day(f"2023-{1 + i % 12:02d}-01"), ("Vladimir Putin",), "meet",
                      f"Putin met {'a rare envoy' if i == 7 else 'the governor'} number {i}.", offset=i * 100)
            for i in range(40)])
    with get_engine().begin() as connection:
        connection.execute(text("ANALYZE events"))
    monkeypatch.setattr(services.store.search, "RANK_WINDOW", 2)
    reads_every_match, query = services.store.search._reads_every_match, services.store.search._tsquery
    with session_scope() as session:
        # one match in 40: reading it beats passing 2 x 40 events; 39 in 40: the newest two are right there
        assert reads_every_match(session, EventFilters(q="envoy"), query("envoy"))
        assert not reads_every_match(session, EventFilters(q="governor"), query("governor"))


def test_search_pages_are_never_prepared():
    """psycopg prepares what runs five times on a connection, and PostgreSQL may then plan it once without its
    values: a page's statement must stay planned for its own words, actors and position."""
    store(*[happening(day(f"2024-0{1 + i}-02"), ("Vladimir Putin",), "meet", f"Putin met envoy {i}.", offset=i * 100)
            for i in range(3)])
    with session_scope() as session:
        for _ in range(8):
            for filters in (EventFilters(q="envoy"), EventFilters(actor_id=1)):
                page, _ = search_events(session, filters, limit=2)
                assert len(page) == 2
        prepared = session.execute(text("SELECT statement FROM pg_prepared_statements")).scalars().all()
    assert prepared, "the other statements of a page (its events' views) are prepared as usual"
    assert not [statement for statement in prepared if "ts_rank" in statement or "event_actors.date_start" in
                statement], prepared


def test_a_search_decides_how_to_read_its_windows_once(monkeypatch):
    store(*[happening(day(f"2023-{1 + i % 12:02d}-{1 + i:02d}"), ("Vladimir Putin",), "meet",
                      f"Putin met envoy number {i}.", offset=i * 100) for i in range(9)])
    asked = []
    decide = services.store.search._reads_every_match
    monkeypatch.setattr(services.store.search, "_reads_every_match", lambda *a: asked.append(1) or decide(*a))
    assert len(walk(EventFilters(q="envoy"), limit=2)) == 9
    assert asked == [1]  # the first page; the cursor carries the decision to the four after it
