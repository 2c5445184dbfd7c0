"""Migration 0006 (search2): stored events get their actors on the row, triggers keep them, and back."""

from __future__ import annotations

import psycopg
from alembic import command

from services.store.migrate import alembic_config, upgrade

ROWS = """
INSERT INTO actors (name, name_key, kind) VALUES ('Vladimir Putin', 'vladimir putin', 'person'),
    ('Kim Jong Un', 'kim jong un', 'person');
INSERT INTO events (date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                    report_confidence, fingerprint)
VALUES ('2024-06-19', '2024-06-19', '2024-06-19', 'day', 'Putin and Kim signed a treaty', 'sign', 'occurred', 0.8,
        0.8, 'f1'),
       ('2024-06-20', '2024-06-20', '2024-06-20', 'day', 'Nobody is named', 'say', 'occurred', 0.8, 0.8, 'f2');
INSERT INTO event_actors (actor_id, date_start, event_id, date_end) VALUES (2, '2024-06-19', 1, '2024-06-19'),
    (1, '2024-06-19', 1, '2024-06-19');
"""


def test_0006_puts_actors_on_stored_events_and_goes_back(test_services):
    from services.evaluation.scratch import scratch_database

    with scratch_database(test_services.admin_url) as url:
        command.downgrade(alembic_config(url), "0005_merge")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(ROWS)
        upgrade(url, "0006_search2")
        with psycopg.connect(url, autocommit=True) as connection:
            assert connection.execute("SELECT id, actor_ids FROM events ORDER BY id").fetchall() == [
                (1, [1, 2]), (2, [])]
            connection.execute("INSERT INTO event_actors (actor_id, date_start, event_id, date_end) "
                               "VALUES (2, '2024-06-20', 2, '2024-06-20')")
            assert connection.execute("SELECT actor_ids FROM events WHERE id = 2").fetchone() == ([2],)
            connection.execute("UPDATE event_actors SET actor_id = 1 WHERE event_id = 2")
            connection.execute("DELETE FROM event_actors WHERE event_id = 1 AND actor_id = 2")
            assert connection.execute("SELECT id, actor_ids FROM events ORDER BY id").fetchall() == [
                (1, [1]), (2, [1])]
        command.downgrade(alembic_config(url), "0005_merge")
        with psycopg.connect(url) as connection:
            columns = {row[0] for row in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")}
            assert "actor_ids" not in columns and "search_vector" in columns
            assert connection.execute("SELECT count(*) FROM pg_proc WHERE proname LIKE 'annals_event_actor_ids%'"
                                      ).fetchone() == (0,)
        upgrade(url, "0006_search2")  # and forward again
