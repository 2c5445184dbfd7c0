"""Migration 0005 (search): existing events become searchable, actors get their latest report, and back."""

from __future__ import annotations

import psycopg
from alembic import command

from services.store.migrate import alembic_config, upgrade

ROWS = """
INSERT INTO articles (dedupe_key, text, published_at, published_at_assumed, status, attempts)
VALUES ('text:a', 'a', '2024-06-17T00:00:00Z', false, 'done', 1), ('text:b', 'b', '2024-06-19T00:00:00Z', false, 'done', 1);
INSERT INTO actors (name, name_key, kind) VALUES ('Vladimir Putin', 'vladimir putin', 'person'),
    ('Kim Jong Un', 'kim jong un', 'person');
INSERT INTO events (date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                    report_confidence, fingerprint)
VALUES ('2024-06-19', '2024-06-19', '2024-06-19', 'day', 'Putin signed a treaty', 'sign', 'occurred', 0.8, 0.8, 'f1');
INSERT INTO event_actors (actor_id, date_start, event_id, date_end) VALUES (1, '2024-06-19', 1, '2024-06-19'),
    (2, '2024-06-19', 1, '2024-06-19');
INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset)
VALUES (1, 1, 'Putin signed a treaty in Pyongyang.', 0, 35), (1, 2, 'The pact was sealed in Pyongyang.', 0, 33);
"""


def test_0005_makes_stored_events_searchable_and_goes_back(test_services):
    from services.evaluation.scratch import scratch_database

    with scratch_database(test_services.admin_url) as url:
        command.downgrade(alembic_config(url), "0005_actor_counts")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(ROWS)
        upgrade(url, "0005_search")
        with psycopg.connect(url) as connection:
            found = connection.execute(
                "SELECT id, type FROM events WHERE search_vector @@ websearch_to_tsquery('english', 'pact')").fetchall()
            assert found == [(1, "other")]
            reported = connection.execute("SELECT name, last_reported_at::date::text FROM actors ORDER BY id").fetchall()
            assert reported == [("Vladimir Putin", "2024-06-19"), ("Kim Jong Un", "2024-06-19")]
        command.downgrade(alembic_config(url), "0005_actor_counts")
        with psycopg.connect(url) as connection:
            columns = {row[0] for row in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name IN ('events', 'actors')")}
            assert not columns & {"search_vector", "type", "place_actor_id", "last_reported_at"}
            assert connection.execute("SELECT count(*) FROM pg_proc WHERE proname LIKE 'annals_%search%' OR "
                                      "proname LIKE 'annals_%report%'").fetchone() == (0,)
        upgrade(url, "0005_search")  # and forward again
