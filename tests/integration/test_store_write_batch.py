"""The store reads an article's candidates once and writes its changes in a few batched statements: what one
report of the article changed is what the next one sees, and the rows written at the end agree with it."""

from __future__ import annotations

from sqlalchemy import select, text

from services.store.actors import _ACTORS_NAMED
from services.store.db import session_scope
from services.store.models import Event, EventActor, EventSource
from tests.integration.factories import day, event, month, store_article


def stored_events() -> list[tuple[str, str, set[tuple[int, str, str]], int]]:
    """(date value, granularity, timeline rows (actor, start, end), sources) of every stored event."""
    with session_scope() as session:
        found = []
        for stored in session.execute(select(Event).order_by(Event.id)).scalars():
            rows = {(link.actor_id, str(link.date_start), str(link.date_end)) for link in session.execute(
                select(EventActor).where(EventActor.event_id == stored.id)).scalars()}
            sources = session.execute(select(EventSource.id).where(EventSource.event_id == stored.id)).all()
            found.append((stored.date_value, stored.granularity, rows, len(sources)))
        return found


def test_a_later_report_of_the_same_article_joins_and_dates_the_event_an_earlier_one_created():
    store_article(
        event(month("2024-06"), ("Vladimir Putin", "North Korea"), "visit", "Putin visited North Korea in June"),
        event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "visit", "Putin visited Pyongyang on Tuesday",
              offset=60),
    )
    [(value, granularity, rows, sources)] = stored_events()
    assert (value, granularity, sources) == ("2024-06-18", "day", 2)
    assert {(start, end) for _, start, end in rows} == {("2024-06-18", "2024-06-18")}  # rows inserted at the day


def test_a_stored_event_moved_to_a_finer_date_takes_its_new_actor_and_old_rows_to_that_date():
    store_article(event(month("2024-06"), ("Vladimir Putin", "North Korea"), "visit",
                        "Putin visited North Korea in June"))
    store_article(
        event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "visit", "Putin visited Pyongyang on Tuesday"),
        event(day("2024-06-18"), ("Vladimir Putin", "Kim Jong Un"), "visit", "Putin visited Kim on Tuesday",
              offset=60),
        source="Second Outlet",
    )
    [(value, granularity, rows, sources)] = stored_events()
    assert (value, granularity, sources) == ("2024-06-18", "day", 3)
    assert len(rows) == 3  # Kim Jong Un joined in the same statement that moved the other two rows
    assert {(start, end) for _, start, end in rows} == {("2024-06-18", "2024-06-18")}


def test_names_are_looked_up_by_their_btree_keys_not_the_trigram_indexes_of_name_search():
    with session_scope() as session:
        indexes = set(session.execute(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%trgm'")).scalars())
        assert {"ix_actors_name_key_trgm", "ix_actor_aliases_alias_key_trgm"} <= indexes  # what the plan could take
        session.execute(text("""
            INSERT INTO actors (name, name_key, kind)
            SELECT 'Person ' || n, 'person ' || n, 'person' FROM generate_series(1, 2000) AS n
        """))
        session.execute(text("""
            INSERT INTO actor_aliases (actor_id, alias, alias_key)
            SELECT id, name || ' Jr', name_key || ' jr' FROM actors
        """))
        session.execute(text("ANALYZE actors; ANALYZE actor_aliases"))
        keys = [f"person {n}" for n in range(1, 41)] + [f"person {n} jr" for n in range(1, 41)]
        plan = "\n".join(session.execute(text("EXPLAIN " + str(_ACTORS_NAMED)), {"keys": keys}).scalars())
        assert "trgm" not in plan, plan
        found = session.execute(_ACTORS_NAMED, {"keys": keys}).all()
        assert len([row for row in found if row.exact]) == 40 and len(found) == 80
