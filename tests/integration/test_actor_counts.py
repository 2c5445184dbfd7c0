"""Stored event counts: every path that writes event_actors keeps `actors.event_count` exact, and actor search
reads the column instead of counting each match's events per request."""

from __future__ import annotations

from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import func, select, text

from services.extraction.model import Actor as ExtractedActor
from services.extraction.model import Extraction
from services.store.actors import search_actors
from services.store.articles import NewArticle, accept_articles
from services.store.db import get_engine, session_scope
from services.store.events import save_extraction
from services.store.models import Actor, EventActor
from tests.integration.factories import day, event, extraction, month, store_article

VISIT = event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "travel", "Putin travels to North Korea")
BEIJING = event(month("2024-05"), ("Vladimir Putin",), "visit", "Putin made an official visit to Beijing", offset=50)


def stored_and_true_counts() -> dict[str, tuple[int, int]]:
    with session_scope() as session:
        true = dict(session.execute(select(EventActor.actor_id, func.count()).group_by(EventActor.actor_id)).all())
        return {actor.name: (actor.event_count, true.get(actor.id, 0))
                for actor in session.execute(select(Actor)).scalars()}


def assert_counts(expected: dict[str, int]) -> None:
    counts = stored_and_true_counts()
    assert all(stored == true for stored, true in counts.values()), counts
    assert {name: stored for name, (stored, _) in counts.items() if name in expected} == expected


def test_counts_follow_new_events_merges_and_reruns():
    article_id = store_article(VISIT, BEIJING)
    assert_counts({"Vladimir Putin": 2, "North Korea": 1})

    # another outlet on the same happening: a source more, no event more
    store_article(event(day("2024-06-18"), ("Vladimir Putin", "Kim Jong Un"), "travel", "Putin travels to meet Kim"))
    assert_counts({"Vladimir Putin": 2, "North Korea": 1, "Kim Jong Un": 1})

    # the first article re-run with one event less: its Beijing event has no source left and goes
    with session_scope() as session:
        save_extraction(session, article_id, extraction(VISIT))
    assert_counts({"Vladimir Putin": 1, "North Korea": 1, "Kim Jong Un": 1})


def test_counts_follow_a_full_name_taking_over_a_surname_only_row():
    surname_only = Extraction(text="x", actors=[ExtractedActor("Comey", "person", ("Comey",))],
                              events=[event(day("2016-10-28"), ("Comey",), "send", "Comey sent a letter")])
    full = Extraction(text="y", actors=[ExtractedActor("James Comey", "person", ("Comey", "James Comey"))],
                      events=[event(day("2016-11-06"), ("James Comey",), "testify", "James Comey testified")])
    with session_scope() as session:
        first, second = accept_articles(session, [NewArticle(text="a"), NewArticle(text="b")])
    for article, result in ((first, surname_only), (second, full)):
        with session_scope() as session:
            save_extraction(session, article.id, result)
    assert_counts({"James Comey": 2})


def test_deleting_events_lowers_the_count():
    store_article(VISIT, BEIJING)
    with get_engine().begin() as connection:
        connection.execute(text("DELETE FROM events WHERE trigger = 'visit'"))  # event_actors go by cascade
    assert_counts({"Vladimir Putin": 1, "North Korea": 1})


def test_actor_search_reads_stored_counts_and_never_counts_events():
    store_article(VISIT, BEIJING)
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    engine = get_engine()
    sqlalchemy_event.listen(engine, "before_cursor_execute", record)
    try:
        with session_scope() as session:
            found = search_actors(session, "put")
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", record)
    assert [(actor.name, count) for actor, count in found] == [("Vladimir Putin", 2)]
    assert statements and not any("event_actors" in statement for statement in statements), statements
