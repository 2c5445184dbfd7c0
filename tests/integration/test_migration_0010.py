"""Migration 0010 (actor titles): actors stored before it get an empty set of titles (no evidence); and back."""

from __future__ import annotations

import psycopg
from alembic import command

from services.store.migrate import alembic_config, upgrade


def test_0010_gives_stored_actors_no_titles_and_goes_back(test_services):
    from services.evaluation.scratch import scratch_database

    with scratch_database(test_services.admin_url) as url:
        command.downgrade(alembic_config(url), "0009_speakers")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("INSERT INTO actors (name, name_key, kind) VALUES ('Ann Lane', 'ann lane', 'person')")
        upgrade(url, "0010_actor_titles")
        with psycopg.connect(url, autocommit=True) as connection:
            assert connection.execute("SELECT name, titles FROM actors").fetchall() == [("Ann Lane", [])]
            connection.execute("UPDATE actors SET titles = '{mrs}'")
        command.downgrade(alembic_config(url), "0009_speakers")
        with psycopg.connect(url) as connection:
            columns = {row[0] for row in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'actors'")}
            assert "titles" not in columns
        upgrade(url, "0010_actor_titles")  # and forward again
