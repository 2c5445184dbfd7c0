"""Both engines run their sessions in UTC, whatever the database's own default time zone says."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from services.settings import get_settings
from services.store.db import create_async_engine_for, engine_for, get_engine


@pytest.fixture
def database_in_los_angeles():
    with get_engine().connect() as connection:
        name = connection.execute(text("SELECT current_database()")).scalar_one()
    with get_engine().begin() as connection:
        connection.execute(text(f"ALTER DATABASE \"{name}\" SET timezone TO 'America/Los_Angeles'"))
    yield
    with get_engine().begin() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" RESET timezone'))


def test_sync_and_async_sessions_are_in_utc(database_in_los_angeles):
    sync_engine = engine_for.__wrapped__(get_settings().database_url)  # a fresh engine: new connections see the database default
    try:
        with sync_engine.connect() as connection:
            assert connection.execute(text("SHOW timezone")).scalar_one() == "UTC"
            assert (
                connection.execute(text("SELECT '2024-06-17T01:00+09:00'::timestamptz::date"))
                .scalar_one()
                .isoformat()
                == "2024-06-16"
            )
    finally:
        sync_engine.dispose()

    async def show():
        engine = create_async_engine_for()
        try:
            async with engine.connect() as connection:
                return (await connection.execute(text("SHOW timezone"))).scalar_one()
        finally:
            await engine.dispose()

    assert asyncio.run(show()) == "UTC"


def test_the_database_default_would_otherwise_apply(database_in_los_angeles):
    # the fixture does change what a session without our setting gets: the test above can fail
    import psycopg

    from services.settings import get_settings

    with psycopg.connect(get_settings().database_url) as connection:
        assert connection.execute("SHOW timezone").fetchone()[0] == "America/Los_Angeles"
