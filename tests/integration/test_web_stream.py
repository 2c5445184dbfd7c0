"""The live feed's generator against PostgreSQL: LISTEN wake-ups, resume ids, keep-alives, held gaps."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from sqlalchemy import text

from services.store.articles import NewArticle, accept_articles
from services.store.db import get_engine, session_scope
from services.store.events import save_extraction
from services.web import stream
from services.web.stream import (
    Change,
    GapTracker,
    actor_event_stream,
    get_hub,
    parse_last_event_id,
    sse_message,
)
from tests.integration.factories import day, event, extraction


def store(summary: str, when: str = "2024-06-18", actors=("Vladimir Putin", "North Korea")) -> None:
    with session_scope() as session:
        article_id = accept_articles(session, [NewArticle(text=summary)])[0].id
        save_extraction(session, article_id, extraction(event(day(when), actors, "visit", summary)))


def actor_id(name: str) -> int:
    with get_engine().connect() as connection:
        return connection.execute(text("SELECT id FROM actors WHERE name = :n"), {"n": name}).scalar_one()


def parse(raw: bytes) -> dict:
    message: dict = {}
    for line in raw.decode().strip("\n").split("\n"):
        name, _, value = line.partition(": ")
        message[name or "comment"] = value
    return message


async def next_message(generator, timeout: float = 5) -> dict:
    return parse(await asyncio.wait_for(anext(generator), timeout))


def test_sse_message_format():
    assert sse_message(id=3, event="created", data='{"a":1}') == b'id: 3\nevent: created\ndata: {"a":1}\n\n'
    assert sse_message(comment="keep-alive") == b": keep-alive\n\n"
    assert sse_message(data="a\nb") == b"data: a\ndata: b\n\n"
    assert parse_last_event_id(None, "12") == 12 and parse_last_event_id("7", "12") == 7
    assert parse_last_event_id("x", None) is None


def test_young_gaps_hold_back_later_changes_until_they_settle():
    now = [100.0]
    tracker = GapTracker(clock=lambda: now[0])
    changes = [Change(1, 10, "created", True, 0.1), Change(2, 11, "created", False, 0.1),
               Change(4, 12, "created", True, 0.1)]
    ready, held = tracker.deliverable(0, changes)
    assert [c.id for c in ready] == [1, 2] and held  # 3 may still commit
    ready, held = tracker.deliverable(2, [changes[2]])
    assert ready == [] and held
    now[0] += stream.GAP_GRACE_SECONDS + 0.1
    ready, held = tracker.deliverable(2, [changes[2]])
    assert [c.id for c in ready] == [4] and not held  # 3 never came: rolled back or deleted
    old = GapTracker(clock=lambda: now[0])
    ready, held = old.deliverable(0, [Change(9, 1, "updated", True, stream.SETTLED_AFTER_SECONDS + 1)])
    assert [c.id for c in ready] == [9] and not held  # long-settled gaps are not waited for


def test_stream_sends_new_events_resumes_and_keeps_alive(monkeypatch):
    monkeypatch.setattr(stream, "KEEPALIVE_SECONDS", 0.5)
    store("Putin travels to North Korea")
    putin = actor_id("Vladimir Putin")

    async def scenario():
        live = actor_event_stream(putin, None)
        try:
            opening = await next_message(live)
            assert opening["retry"] == str(stream.RETRY_MILLISECONDS) and "data" not in opening
            assert int(opening["id"]) >= 1  # the resume point, before any event arrives
            await asyncio.to_thread(store, "Putin meets Kim", "2024-06-19", ("Vladimir Putin", "Kim Jong Un"))
            await asyncio.to_thread(store, "Kim alone", "2024-06-20", ("Kim Jong Un",))  # not Putin's
            await asyncio.to_thread(store, "Putin returns", "2024-06-21", ("Vladimir Putin",))
            first, second = await next_message(live), await next_message(live)
            assert (first["event"], orjson.loads(first["data"])["summary"]) == ("created", "Putin meets Kim")
            assert orjson.loads(second["data"])["summary"] == "Putin returns"
            assert int(second["id"]) > int(first["id"]) + 1  # Kim's change was skipped, not sent
            keep_alive = await next_message(live, timeout=3)
            assert keep_alive["comment"] == "keep-alive" and int(keep_alive["id"]) >= int(second["id"])
        finally:
            await live.aclose()
        resumed = actor_event_stream(putin, int(first["id"]))
        try:
            await next_message(resumed)
            again = await next_message(resumed)
            assert again["id"] == second["id"]  # resumes after the given id: nothing lost, nothing repeated
        finally:
            await resumed.aclose()
        await get_hub().close()

    asyncio.run(scenario())


def test_stream_ends_when_the_hub_closes():
    store("Putin travels to North Korea")
    putin = actor_id("Vladimir Putin")

    async def scenario():
        live = actor_event_stream(putin, None)
        await next_message(live)
        waiting = asyncio.ensure_future(anext(live))  # waits for changes (or has not started yet: either way)
        await get_hub().close()
        with pytest.raises(StopAsyncIteration):
            await asyncio.wait_for(waiting, 5)

    asyncio.run(scenario())
