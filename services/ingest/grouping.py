"""Group commit for POST /articles: concurrent requests share one statement and one commit.

PostgreSQL's commit waits for a WAL flush (~7 ms on a plain disk). One statement per request pays it, and a
round trip and the statement's own work, once per article; under load, requests that arrive while a
statement runs wait in `pending` and go together in the next one (`accept_group_raw`). Nothing waits on a
timer: at low load a request runs at once, alone, as before; groups grow only as fast as requests arrive
while up to `max_statements` statements are in flight.

Each request is answered only after the commit of the statement that holds its row. If a group's statement
fails for a reason of its own rows (a database error, not a lost connection), each request runs once more
alone, so only the one at fault gets its error, as when every request had its own statement.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import psycopg

from services.store.articles import KeyedAcceptance, Posted, accept_group_raw, accept_row_raw
from services.store.raw_connections import RawPool

log = logging.getLogger(__name__)

Answer = KeyedAcceptance | None


class AcceptGroups:
    """One per app and event loop (its futures and the pool's connections belong to that loop)."""

    def __init__(self, pool: RawPool, *, granting: list[str], on_created: Callable[[list[int]], None],
                 max_statements: int = 2, max_group: int = 256) -> None:
        self.pool = pool
        self.granting = granting
        self.on_created = on_created  # ids of the new articles, once committed (the queue publisher)
        self.max_statements = max_statements
        self.max_group = max_group
        self._pending: list[tuple[Posted, asyncio.Future[Answer]]] = []
        self._running: set[asyncio.Task] = set()

    async def accept(self, one: Posted) -> Answer:
        """The request's answer, once the statement holding it has committed."""
        answer: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._pending.append((one, answer))
        self._start_statements()
        # A request cancelled here (its client went) cancels only its own future: a statement holding its row
        # still commits, and its article is published like the others (`_run`).
        return await answer

    def _start_statements(self) -> None:
        while self._pending and len(self._running) < self.max_statements:
            group = [(one, answer) for one, answer in self._pending[:self.max_group] if not answer.cancelled()]
            del self._pending[:self.max_group]
            if not group:
                continue
            task = asyncio.create_task(self._run(group))
            self._running.add(task)
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        self._running.discard(task)
        self._start_statements()  # what arrived meanwhile goes in the next statement

    async def _run(self, group: list[tuple[Posted, asyncio.Future[Answer]]]) -> None:
        posted = [one for one, _ in group]
        try:
            if len(group) == 1:  # the one-row statement: for one row, half the CPU of the group's (README)
                outcomes: list[Answer | BaseException] = [await self._alone(posted[0])]
            else:
                outcomes = list(await self.pool.run(
                    lambda connection: accept_group_raw(connection, posted, granting=self.granting)))
        except psycopg.OperationalError as error:  # the database is unreachable: every request says so
            outcomes = [error] * len(group)
        except psycopg.Error:
            log.info("a group of %d articles failed as one statement; running each alone", len(group),
                     exc_info=True)
            outcomes = list(await asyncio.gather(*(self._alone(one) for one in posted)))
        except BaseException as error:  # cancelled at shutdown, or a bug: no request is left waiting
            for _, answer in group:
                if answer.done():
                    continue
                if isinstance(error, Exception):
                    answer.set_exception(error)
                else:
                    answer.cancel()
            raise
        created = [outcome.article["id"] for outcome in outcomes
                   if isinstance(outcome, KeyedAcceptance) and outcome.created]
        if created:
            self.on_created(created)
        for (_, answer), outcome in zip(group, outcomes, strict=True):
            if answer.done():  # its request was cancelled
                continue
            if isinstance(outcome, BaseException):
                answer.set_exception(outcome)
            else:
                answer.set_result(outcome)

    async def _alone(self, one: Posted) -> Answer | BaseException:
        try:
            return await self.pool.run(lambda connection: accept_row_raw(
                connection, one.row, key_hash=one.key_hash, granting=self.granting))
        except Exception as error:  # noqa: BLE001 - this request's own error, raised to it alone
            return error
