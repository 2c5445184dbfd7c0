"""POST /articles's group commit: concurrent requests in one statement, each answered as if it ran alone."""

from __future__ import annotations

import asyncio

import psycopg
import pytest

from services.auth.keys import create_key, hash_key, revoke_key
from services.ingest.grouping import AcceptGroups
from services.settings import get_settings
from services.store.articles import NewArticle, accept_group_raw, posted
from services.store.db import session_scope
from services.store.raw_connections import RawPool, psycopg_url

GRANTING = ["ingest", "admin"]


def new_key(*, scopes=("ingest", "read"), revoked: bool = False) -> str:
    with session_scope() as session:
        key = create_key(session, name="group tests", scopes=scopes)
        if revoked:
            revoke_key(session, key.id)
    return hash_key(key.key)


def article(text: str, **fields) -> NewArticle:
    return NewArticle(text=text, **fields)


async def _in_one_statement(group):
    async with await psycopg.AsyncConnection.connect(psycopg_url(get_settings().database_url),
                                                     autocommit=True) as connection:
        answers = await accept_group_raw(connection, group, granting=GRANTING)
        stored = await (await connection.execute("SELECT id, text FROM articles ORDER BY id")).fetchall()
        return answers, stored


def test_each_row_of_a_group_gets_its_own_article():
    key = new_key()
    texts = ["Putin met Kim in Pyongyang on Tuesday.", "The summit ended on Wednesday.", "Talks resume in May."]
    answers, stored = asyncio.run(_in_one_statement([posted(article(text), key) for text in texts]))
    assert [answer.created for answer in answers] == [True, True, True]
    assert len({answer.article["id"] for answer in answers}) == 3
    assert {text for _, text in stored} == set(texts)
    assert all(answer.article["status"] == "queued" for answer in answers)


def test_the_same_article_twice_in_a_group_is_stored_once_and_the_second_is_its_duplicate():
    key = new_key()
    same = "Putin met Kim in Pyongyang on Tuesday."
    answers, stored = asyncio.run(_in_one_statement([
        posted(article(same), key), posted(article("Another story."), key), posted(article(f"  {same} "), key)]))
    assert [answer.created for answer in answers] == [True, True, False]
    assert answers[2].article["id"] == answers[0].article["id"]
    assert len(stored) == 2


def test_a_repost_in_a_group_gets_the_stored_article():
    key = new_key()
    first, _ = asyncio.run(_in_one_statement([posted(article("A story told once.", url="https://example.org/a"), key)]))
    answers, stored = asyncio.run(_in_one_statement([
        posted(article("The same url, other text.", url="https://EXAMPLE.org/a"), key),
        posted(article("A new one."), key)]))
    assert [answer.created for answer in answers] == [False, True]
    assert answers[0].article["id"] == first[0].article["id"]
    assert len(stored) == 2


def test_each_row_is_checked_against_its_own_key():
    good, revoked, read_only = new_key(), new_key(revoked=True), new_key(scopes=("read",))
    same = "A story posted by three callers at once."
    answers, stored = asyncio.run(_in_one_statement([
        posted(article(same), revoked),  # first in the group, but may not write: the good key's row goes in
        posted(article(same), "0" * 64),  # no such key
        posted(article(same), read_only),
        posted(article(same), good),
        posted(article("Written without auth."), None),
    ]))
    assert answers[0].created is False and answers[0].article is None and answers[0].revoked_at is not None
    assert answers[1] is None
    assert answers[2].created is False and answers[2].article is None and answers[2].scopes == ["read"]
    assert answers[3].created is True and answers[3].key_id is not None
    assert answers[4].created is True and answers[4].key_id is None
    assert sorted(text for _, text in stored) == sorted([same, "Written without auth."])


class CountingPool(RawPool):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.statements = 0

    async def run(self, work):
        self.statements += 1
        return await super().run(work)


async def _concurrently(groups_of, texts, key):
    pool = CountingPool(get_settings().database_url, size=4)
    created: list[int] = []
    groups = groups_of(pool, created)
    try:
        answers = await asyncio.gather(*(groups.accept(posted(article(text), key)) for text in texts),
                                       return_exceptions=True)
        return answers, created, pool.statements
    finally:
        await pool.close()


def test_concurrent_requests_share_statements_and_each_gets_its_answer():
    key = new_key()
    texts = [f"Story number {i} of a busy minute." for i in range(40)] + ["Story number 3 of a busy minute."]

    def groups_of(pool, created):
        return AcceptGroups(pool, granting=GRANTING, on_created=created.extend, max_statements=1)

    answers, created, statements = asyncio.run(_concurrently(groups_of, texts, key))
    assert statements < len(texts) / 4, "requests waiting together went in the same statement"
    assert [answer.created for answer in answers] == [True] * 40 + [False]
    assert answers[40].article["id"] == answers[3].article["id"]
    assert sorted(created) == sorted(answer.article["id"] for answer in answers[:40]), "each new one published once"


def test_a_row_the_database_refuses_fails_alone():
    key = new_key()
    texts = ["A fine story.", "A story with a NUL \x00 byte PostgreSQL refuses.", "Another fine story."]

    def groups_of(pool, created):
        return AcceptGroups(pool, granting=GRANTING, on_created=created.extend, max_statements=1)

    answers, created, _ = asyncio.run(_concurrently(groups_of, texts, key))
    assert isinstance(answers[1], psycopg.DataError)
    assert answers[0].created and answers[2].created
    assert sorted(created) == sorted([answers[0].article["id"], answers[2].article["id"]])


def test_an_unreachable_database_fails_every_request_of_the_group():
    async def scenario():
        pool = RawPool("postgresql://postgres@127.0.0.1:1/nowhere", size=1, connect_timeout=1)
        groups = AcceptGroups(pool, granting=GRANTING, on_created=lambda ids: None)
        return await asyncio.gather(*(groups.accept(posted(article(f"Story {i}."), None)) for i in range(3)),
                                    return_exceptions=True)

    answers = asyncio.run(scenario())
    assert all(isinstance(answer, psycopg.OperationalError) for answer in answers)


@pytest.mark.parametrize("max_statements", [1, 3])
def test_a_request_cancelled_while_waiting_leaves_the_others_answered(max_statements):
    key = new_key()

    async def scenario():
        pool = RawPool(get_settings().database_url, size=4)
        created: list[int] = []
        groups = AcceptGroups(pool, granting=GRANTING, on_created=created.extend, max_statements=max_statements)
        try:
            tasks = [asyncio.create_task(groups.accept(posted(article(f"Story {i} of many."), key)))
                     for i in range(10)]
            await asyncio.sleep(0)  # every request has handed its row over (one loop turn, not a timed wait)
            tasks[-1].cancel()
            answers = await asyncio.gather(*tasks, return_exceptions=True)
            return answers, created
        finally:
            await pool.close()

    answers, created = asyncio.run(scenario())
    assert isinstance(answers[-1], asyncio.CancelledError)
    assert all(answer.created for answer in answers[:-1])
    # its row may have gone in with a statement already running: then it was published like the others
    assert set(created) >= {answer.article["id"] for answer in answers[:-1]}


def test_a_group_racing_another_insert_of_its_article_gets_the_stored_one():
    from tests.integration.test_accept_statement import _waiting_for_a_lock

    async def race():
        url = psycopg_url(get_settings().database_url)
        one = posted(article("Putin met Kim on Tuesday, a story posted twice at once."), None)
        async with await psycopg.AsyncConnection.connect(url) as first, \
                await psycopg.AsyncConnection.connect(url, autocommit=True) as second, \
                await psycopg.AsyncConnection.connect(url, autocommit=True) as observer:
            columns = ", ".join(one.row)
            cursor = await first.execute(
                f"INSERT INTO articles ({columns}) VALUES ({', '.join(f'%({c})s' for c in one.row)}) RETURNING id",
                one.row)
            first_id = (await cursor.fetchone())[0]
            racing = asyncio.create_task(accept_group_raw(
                second, [one, posted(article("A story nobody else posts."), None)], granting=GRANTING))
            await _waiting_for_a_lock(observer, second.info.backend_pid)
            await first.commit()  # the group's ON CONFLICT now sees a row its snapshot does not hold
            return first_id, await racing

    first_id, answers = asyncio.run(race())
    assert answers[0].created is False and answers[0].article["id"] == first_id
    assert answers[1].created is True and answers[1].article["id"] != first_id
