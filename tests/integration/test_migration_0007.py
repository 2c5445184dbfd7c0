"""Migration 0007 (roles): timeline rows written before roles are participants' (sources were taken as
participants then); a role is one of two; and back."""

from __future__ import annotations

import psycopg
import pytest
from alembic import command

from services.store.migrate import alembic_config, upgrade

ROWS = """
INSERT INTO actors (name, name_key, kind) VALUES ('Nora Quill', 'nora quill', 'person'),
    ('Valley Herald', 'valley herald', 'organisation');
INSERT INTO events (date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                    report_confidence, fingerprint)
VALUES ('2024-06-19', '2024-06-19', '2024-06-19', 'day', 'Rescuers freed Nora Quill', 'free', 'occurred', 0.8,
        0.8, 'f1');
INSERT INTO event_actors (actor_id, date_start, event_id, date_end) VALUES (1, '2024-06-19', 1, '2024-06-19'),
    (2, '2024-06-19', 1, '2024-06-19');
"""


def test_0007_makes_stored_timeline_rows_participants_and_goes_back(test_services):
    from services.evaluation.scratch import scratch_database

    with scratch_database(test_services.admin_url) as url:
        command.downgrade(alembic_config(url), "0006_search2")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(ROWS)
        upgrade(url, "0007_roles")
        with psycopg.connect(url, autocommit=True) as connection:
            assert connection.execute("SELECT actor_id, role FROM event_actors ORDER BY actor_id").fetchall() == [
                (1, "participant"), (2, "participant")]
            connection.execute("UPDATE event_actors SET role = 'source' WHERE actor_id = 2")
            with pytest.raises(psycopg.errors.CheckViolation):
                connection.execute("UPDATE event_actors SET role = 'witness' WHERE actor_id = 1")
        command.downgrade(alembic_config(url), "0006_search2")
        with psycopg.connect(url) as connection:
            columns = {row[0] for row in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_actors'")}
            assert "role" not in columns
        upgrade(url, "0007_roles")  # and forward again
