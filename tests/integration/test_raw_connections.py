"""The hot paths' raw connection pool: a connection the server dropped is replaced, the statement runs again."""

from __future__ import annotations

import asyncio
import time

import psycopg

from services.settings import get_settings
from services.store.raw_connections import RawPool, psycopg_url


async def backend_pid(connection: psycopg.AsyncConnection) -> int:
    return (await (await connection.execute("SELECT pg_backend_pid()")).fetchone())[0]


async def _terminate(pid: int, timeout: float = 30) -> None:
    async with await psycopg.AsyncConnection.connect(psycopg_url(get_settings().database_url),
                                                     autocommit=True) as admin:
        await admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        deadline = time.monotonic() + timeout
        while (await (await admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                                          (pid,))).fetchone())[0]:
            assert time.monotonic() < deadline, "the backend did not go"
            await asyncio.sleep(0.01)  # polling with a deadline


def test_a_dropped_connection_is_replaced_and_the_work_runs_on_a_new_one():
    async def scenario():
        pool = RawPool(get_settings().database_url, size=1)
        try:
            first = await pool.run(backend_pid)
            assert await pool.run(backend_pid) == first, "an idle connection is reused"
            await _terminate(first)  # as a PostgreSQL restart does to every pooled connection
            return first, await pool.run(backend_pid)
        finally:
            await pool.close()

    first, second = asyncio.run(scenario())
    assert second != first


def test_a_failed_statement_leaves_its_connection_in_the_pool():
    async def scenario():
        pool = RawPool(get_settings().database_url, size=1)
        try:
            first = await pool.run(backend_pid)

            async def bad(connection):
                await connection.execute("SELECT 1 / 0")

            try:
                await pool.run(bad)
            except psycopg.errors.DivisionByZero:
                pass
            return first, await pool.run(backend_pid)
        finally:
            await pool.close()

    first, second = asyncio.run(scenario())
    assert second == first
