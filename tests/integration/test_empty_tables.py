"""The helper that empties the test database survives being a deadlock's victim (a CI flake once)."""

from __future__ import annotations

import threading
import time

from sqlalchemy import text

from services.store.db import get_engine
from tests.support.database import empty_tables


def _truncate_is_waiting(connection) -> bool:
    waiting = text("SELECT count(*) FROM pg_locks WHERE NOT granted AND mode = 'AccessExclusiveLock'")
    return connection.execute(waiting).scalar_one() > 0


def test_a_reader_that_locks_tables_in_the_other_order_does_not_make_emptying_fail():
    errors: list[BaseException] = []
    with get_engine().connect() as reader, get_engine().connect() as observer:
        reader.execute(text("BEGIN"))
        reader.execute(text("SELECT count(*) FROM api_keys"))  # the last table TRUNCATE locks

        def empty() -> None:
            try:
                empty_tables()
            except BaseException as error:  # noqa: BLE001 - handed to the test's thread
                errors.append(error)

        truncating = threading.Thread(target=empty)
        truncating.start()
        deadline = time.monotonic() + 10
        while not _truncate_is_waiting(observer):
            assert time.monotonic() < deadline, "TRUNCATE never waited for the reader"
        # The first table TRUNCATE locked: one of the two must now be aborted by PostgreSQL's deadlock check.
        try:
            reader.execute(text("SELECT count(*) FROM webhook_attempts"))
            reader.execute(text("COMMIT"))
        except Exception:  # noqa: BLE001 - the reader was the victim; it lets go of its lock
            reader.rollback()
        truncating.join(timeout=30)
    assert not truncating.is_alive()
    assert errors == []
