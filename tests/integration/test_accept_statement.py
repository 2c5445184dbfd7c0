"""POST /articles's one statement: a re-post racing the first insert still answers with the stored article."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import psycopg

from services.settings import get_settings
from services.store.articles import NewArticle, _row, accept_article_raw
from services.store.raw_connections import psycopg_url

GRANTING = ["ingest", "admin"]


async def _waiting_for_a_lock(observer: psycopg.AsyncConnection, pid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        cursor = await observer.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,))
        if (await cursor.fetchone())[0] == "Lock":
            return
        assert time.monotonic() < deadline, "the second insert never waited for the first"
        await asyncio.sleep(0.01)  # polling with a deadline, not synchronising by sleep


async def _race() -> tuple[int, object]:
    url = psycopg_url(get_settings().database_url)
    article = NewArticle(text="Putin met Kim on Tuesday, a story posted twice at once.")
    row = _row(article, datetime.now(UTC))
    async with await psycopg.AsyncConnection.connect(url) as first, \
            await psycopg.AsyncConnection.connect(url, autocommit=True) as second, \
            await psycopg.AsyncConnection.connect(url, autocommit=True) as observer:
        columns = ", ".join(row)
        cursor = await first.execute(
            f"INSERT INTO articles ({columns}) VALUES ({', '.join(f'%({c})s' for c in row)}) RETURNING id", row)
        first_id = (await cursor.fetchone())[0]
        racing = asyncio.create_task(accept_article_raw(second, article, key_hash=None, granting=GRANTING))
        await _waiting_for_a_lock(observer, second.info.backend_pid)
        await first.commit()  # now the second statement's ON CONFLICT sees a row its snapshot does not hold
        return first_id, await racing


def test_a_repost_racing_the_first_insert_gets_the_stored_article():
    first_id, accepted = asyncio.run(_race())
    assert accepted.created is False
    assert accepted.article["id"] == first_id and accepted.article["status"] == "queued"


def test_an_unknown_key_writes_nothing():
    async def unknown():
        url = psycopg_url(get_settings().database_url)
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
            found = await accept_article_raw(connection, NewArticle(text="never stored"), key_hash="0" * 64,
                                             granting=GRANTING)
            count = await (await connection.execute("SELECT count(*) FROM articles")).fetchone()
            return found, count[0]

    assert asyncio.run(unknown()) == (None, 0)
