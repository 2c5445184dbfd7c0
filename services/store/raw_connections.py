"""A small pool of plain psycopg async connections in autocommit, for the API's one-statement hot paths.

POST /articles is one statement (key check, deduplicated insert, commit): in autocommit it is one round
trip, where a SQLAlchemy session adds a ping, BEGIN and COMMIT and its own Python around each. psycopg
prepares a statement on a connection after a few executions, so the hot statements are parsed once.

No ping before use: a connection the server dropped (PostgreSQL restarted) fails, is thrown away, and the
statement runs once more on a fresh connection. Callers pass only statements that are safe to run twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import psycopg

from services.store.db import UTC_SESSIONS

T = TypeVar("T")


def psycopg_url(url: str) -> str:
    """libpq's spelling of a SQLAlchemy URL (`postgresql+psycopg://` is not one)."""
    for prefix in ("postgresql+psycopg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):]
    return url


class RawPool:
    """At most `size` connections, opened when first needed; one per running statement."""

    def __init__(self, url: str, *, size: int, connect_timeout: float = 5.0) -> None:
        self.url = psycopg_url(url)
        self.connect_timeout = connect_timeout
        # A slot is an open connection or None (not opened yet, or thrown away after a failure).
        self._slots: asyncio.Queue[psycopg.AsyncConnection | None] = asyncio.Queue()
        for _ in range(size):
            self._slots.put_nowait(None)

    async def _connect(self) -> psycopg.AsyncConnection:
        return await psycopg.AsyncConnection.connect(
            self.url, autocommit=True, connect_timeout=max(1, round(self.connect_timeout)), **UTC_SESSIONS)

    async def run(self, work: Callable[[psycopg.AsyncConnection], Awaitable[T]]) -> T:
        """`work(connection)`; if the connection turns out dead, once more on a new one."""
        for attempt in (1, 2):
            connection = await self._slots.get()
            try:
                fresh = connection is None or connection.closed
                if fresh:
                    connection = await self._connect()
                result = await work(connection)
            except psycopg.OperationalError:
                dead, connection = connection, None
                if dead is not None:
                    await dead.close()
                if attempt == 2 or fresh:
                    raise  # the server is down, not just this connection
                continue
            except BaseException as error:
                # A failed statement leaves an autocommit connection usable; anything else (a cancelled
                # request mid-query, say) may leave a result pending on it: never hand that one out again.
                if connection is not None and (connection.broken or not isinstance(error, psycopg.Error)):
                    await connection.close()
                    connection = None
                raise
            finally:
                self._slots.put_nowait(connection)
            return result
        raise AssertionError("unreachable")

    async def close(self) -> None:
        while not self._slots.empty():
            connection = self._slots.get_nowait()
            if connection is not None:
                await connection.close()
