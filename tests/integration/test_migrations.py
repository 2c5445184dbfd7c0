"""The schema is made by Alembic only; the models must describe exactly what the migrations build."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from services.store.db import get_engine
from services.store.models import Base, include_in_schema_comparison


def test_models_and_migrations_do_not_drift():
    with get_engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_in_schema_comparison})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_0004_gives_existing_keys_the_scopes_they_had_and_back(test_services):
    import secrets

    import psycopg
    from alembic import command

    from services.store.migrate import alembic_config, upgrade
    from tests.support.services import _as_url

    name = f"{test_services.database_name}_keys_{secrets.token_hex(3)}"
    with psycopg.connect(test_services.admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = _as_url(test_services.admin_url, name)
    try:
        upgrade(url, "0003")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("INSERT INTO api_keys (name, prefix, key_hash, scope) VALUES "
                               "('cms', 'ann_a', 'h1', 'write'), ('reader', 'ann_b', 'h2', 'read')")
        upgrade(url, "0004_hardening")
        with psycopg.connect(url) as connection:
            scopes = dict(connection.execute("SELECT name, scopes FROM api_keys").fetchall())
        assert scopes == {"cms": ["ingest", "read", "webhooks"], "reader": ["read"]}
        command.downgrade(alembic_config(url), "0003")
        with psycopg.connect(url) as connection:
            assert dict(connection.execute("SELECT name, scope FROM api_keys").fetchall()) == {
                "cms": "write", "reader": "read"}
    finally:
        with psycopg.connect(test_services.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
