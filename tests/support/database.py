"""Emptying the shared test database between tests."""

from __future__ import annotations

import time

from psycopg import errors
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from services.store.db import get_engine

TABLES = "webhook_attempts, webhook_messages, webhook_endpoints, webhook_relay_state, event_changes, event_sources, event_actors, events, actor_aliases, actors, articles, api_keys"

_DEADLINE_SECONDS = 30.0


def empty_tables() -> None:
    """TRUNCATE every table, retrying when PostgreSQL picks it as a deadlock's victim.

    TRUNCATE locks its tables one after another; a worker or relay of the test before that is still reading
    (a webhook poll, a readiness probe) can hold one of them while waiting for the next, and PostgreSQL then
    aborts one side. The reader finishes in milliseconds, so trying again is enough.
    """
    deadline = time.monotonic() + _DEADLINE_SECONDS
    while True:
        try:
            with get_engine().begin() as connection:
                connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
            return
        except OperationalError as error:
            if not isinstance(error.orig, errors.DeadlockDetected) or time.monotonic() > deadline:
                raise
