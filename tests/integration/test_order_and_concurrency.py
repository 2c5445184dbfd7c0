"""The same articles in any order, and two writers at once, give the same events (issue 10, part 4)."""

from __future__ import annotations

import threading
from datetime import datetime

from sqlalchemy import func, select, text

from services.extraction.model import Actor, Event, Extraction
from services.store.articles import NewArticle, accept_articles
from services.store.db import session_scope
from services.store.events import save_extraction
from services.store.models import Actor as StoredActor
from services.store.models import Event as StoredEvent
from tests.integration.factories import day, post_and_process
from tests.integration.test_actor_identity import LEBRON, SAID, TESTIFIED
from tests.support.database import empty_tables

ARTICLES = [
    TESTIFIED,
    SAID,
    ("Pedro Sanchez will meet union leaders in Madrid on Friday.", "2026-11-16"),
    ("Pedro Sanchez met union leaders in Madrid on Friday.", "2026-11-21"),
    ("Pedro Sanchez visited Paris in March.", "2026-04-20"),
    ("Pedro Sanchez visited Paris on March 3.", "2026-04-22"),
    LEBRON,
]


def stored_events() -> set[tuple]:
    """Every event as (date value, status, sorted actor names, trigger): what must not depend on order."""
    rows = text("""
        SELECT e.date_value, e.status, e.trigger, array_agg(a.name ORDER BY a.name) AS names
        FROM events e JOIN event_actors ea ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id
        GROUP BY e.id
    """)
    with session_scope() as session:
        return {(r.date_value, r.status, tuple(r.names), r.trigger) for r in session.execute(rows)}


def test_the_same_articles_in_two_orders_give_the_same_events(client):
    for text_, published in ARTICLES:
        post_and_process(client, text_, published)
    forward = stored_events()
    empty_tables()
    from services.auth.keys import create_key

    with session_scope() as session:
        client.headers["Authorization"] = f"Bearer {create_key(session, name='again').key}"
    for text_, published in reversed(ARTICLES):
        post_and_process(client, text_, published)
    assert stored_events() == forward
    assert len(forward) == 5  # the planned and the occurred meeting are one, the month and the day visit too
    assert ("2026-11-20", "occurred", ("Pedro Sanchez", "Spain"), "meet") in forward
    assert ("2026-03-03", "occurred", ("France", "Pedro Sanchez"), "visit") in forward


def _article(label: str) -> int:
    with session_scope() as session:
        return accept_articles(session, [NewArticle(text=label, published_at=datetime(2026, 11, 20))])[0].id


def _race(extractions: list[Extraction]) -> list[BaseException]:
    """Each extraction saved by its own session, all released at once by a barrier."""
    article_ids = [_article(f"racer {i}") for i in range(len(extractions))]
    barrier = threading.Barrier(len(extractions))
    errors: list[BaseException] = []

    def write(article_id: int, extraction: Extraction) -> None:
        try:
            with session_scope() as session:
                session.execute(text("SELECT 1"))  # hold a connection before the start
                barrier.wait(timeout=10)
                save_extraction(session, article_id, extraction)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    threads = [threading.Thread(target=write, args=pair) for pair in zip(article_ids, extractions, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def _testimony(actor: Actor, summary: str) -> Extraction:
    event = Event(day("2026-11-16"), (actor.name,), summary, "testify", "occurred", summary + ".",
                  (0, len(summary) + 1), 0.8)
    return Extraction(text=summary + ".", events=[event], actors=[actor])


def _counts() -> tuple[int, int]:
    with session_scope() as session:
        return (session.execute(select(func.count()).select_from(StoredEvent)).scalar_one(),
                session.execute(select(func.count()).select_from(StoredActor)).scalar_one())


def test_two_sessions_racing_on_one_happening_make_one_event():
    comey = Actor("James Comey", "person", ("James Comey",))
    earlier = Event(day("2026-11-10"), (comey.name,), "Comey spoke", "speak", "occurred", "Comey spoke.", (0, 12), 0.8)
    with session_scope() as session:  # the actor is known already: nothing but the merge itself to race on
        save_extraction(session, _article("earlier"), Extraction("Comey spoke.", [earlier], [comey]))
    errors = _race([_testimony(comey, "James Comey testified before the Senate"),
                    _testimony(comey, "James Comey testified to senators")])
    assert errors == []
    assert _counts() == (2, 1)


def test_a_surname_and_a_full_name_racing_make_one_actor_and_one_event():
    errors = _race([_testimony(Actor("Comey", "person", ("Comey",)), "Comey testified before the Senate"),
                    _testimony(Actor("James Comey", "person", ("James Comey",)), "James Comey testified")])
    assert errors == []
    assert _counts() == (1, 1)
    with session_scope() as session:
        assert session.execute(select(StoredActor.name)).scalar_one() == "James Comey"


def _derailment(actor: Actor, summary: str) -> Extraction:
    event = Event(day("2026-11-16"), (actor.name,), summary, "derail", "occurred", summary + ".",
                  (0, len(summary) + 1), 0.8)
    return Extraction(text=summary + ".", events=[event], actors=[actor])


def test_two_reports_sharing_no_actor_racing_on_one_happening_make_one_event():
    # Each outlet names another organisation: no actor lock is shared, so the day and trigger must serialise.
    for attempt in range(3):  # a lost race shows only when both read before either writes: try a few times
        empty_tables()
        errors = _race([
            _derailment(Actor("Transport Ministry", "organisation", ("Transport Ministry",)),
                        "A freight train derailed near Millbrook station, spilling diesel into the river"),
            _derailment(Actor("Northern Railways", "organisation", ("Northern Railways",)),
                        "A freight train derailed near Millbrook station and spilled diesel into the river"),
        ])
        assert errors == []
        assert _counts() == (1, 2), f"attempt {attempt}"
