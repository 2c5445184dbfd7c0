"""Migration 0008 (sources): each source gets its own report's trigger, summary, date and status, filled from its
event for the rows stored before (an event kept one report then); and back."""

from __future__ import annotations

import datetime

import psycopg
from alembic import command

from services.store.migrate import alembic_config, upgrade

ROWS = """
INSERT INTO articles (dedupe_key, text, published_at, published_at_assumed, status, attempts)
VALUES ('text:1', 'The ferry ran aground.', '2024-06-19T10:00Z', false, 'done', 1);
INSERT INTO events (date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                    report_confidence, fingerprint)
VALUES ('2024-06', '2024-06-01', '2024-06-30', 'month', 'The Corran ferry ran aground', 'run', 'occurred', 0.8,
        0.8, 'f1');
INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset)
VALUES (1, 1, 'The Corran ferry ran aground.', 0, 29);
"""
REPORT = "SELECT trigger, summary, date_value, date_start, date_end, granularity, status FROM event_sources"


def test_0008_gives_stored_sources_their_events_report_and_goes_back(test_services):
    from services.evaluation.scratch import scratch_database

    with scratch_database(test_services.admin_url) as url:
        command.downgrade(alembic_config(url), "0007_roles")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(ROWS)
        upgrade(url, "0008_sources")
        with psycopg.connect(url, autocommit=True) as connection:
            assert connection.execute(REPORT).fetchall() == [(
                "run", "The Corran ferry ran aground", "2024-06", datetime.date(2024, 6, 1),
                datetime.date(2024, 6, 30), "month", "occurred")]
            # a row written without its report (bulk loads, benchmarks) is allowed: its event's report stands
            connection.execute("INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset) "
                               "VALUES (1, 1, 'Aground.', 30, 38)")
        command.downgrade(alembic_config(url), "0007_roles")
        with psycopg.connect(url) as connection:
            columns = {row[0] for row in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_sources'")}
            assert not columns & {"trigger", "summary", "date_value", "date_start", "date_end", "granularity",
                                  "status"}
        upgrade(url, "0008_sources")  # and forward again
