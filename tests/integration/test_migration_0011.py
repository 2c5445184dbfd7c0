"""Migration 0011 (product actors): the actors table takes the kind "product"; back, products become organisations."""

from __future__ import annotations

import psycopg
import pytest
from alembic import command

from services.store.migrate import alembic_config, upgrade


def test_0011_admits_products_and_goes_back(test_services):
    from services.evaluation.scratch import scratch_database

    with scratch_database(test_services.admin_url) as url:
        command.downgrade(alembic_config(url), "0010_actor_titles")
        with psycopg.connect(url, autocommit=True) as connection, pytest.raises(psycopg.errors.CheckViolation):
            connection.execute("INSERT INTO actors (name, name_key, kind) VALUES ('Tern-1', 'tern-1', 'product')")
        upgrade(url, "0011_product_actors")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("INSERT INTO actors (name, name_key, kind) VALUES ('Tern-1', 'tern-1', 'product')")
        command.downgrade(alembic_config(url), "0010_actor_titles")
        with psycopg.connect(url) as connection:
            assert connection.execute("SELECT name, kind FROM actors").fetchall() == [("Tern-1", "organisation")]
        upgrade(url, "0011_product_actors")  # and forward again
