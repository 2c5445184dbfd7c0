"""Live feed of an actor's new and updated events as Server-Sent Events, read from the event change feed.

The `event_changes` table is the log; its ids are the SSE ids, so a browser that reconnects (sending
`Last-Event-ID`) resumes exactly where it stopped. PostgreSQL NOTIFY on CHANGES_CHANNEL only wakes the
streams: one LISTEN connection per server process (the ChangeHub) fans out to every open stream, and a
stream also re-reads the log on its own every few seconds, so a lost notification (or no LISTEN at all)
delays an event but never loses it.

Ids are handed out before their transactions commit, so a later id can become visible before an earlier one.
A stream therefore never steps over a missing id at once: it waits up to GAP_GRACE_SECONDS for it to appear
(a rolled-back or deleted change never does), so resuming "after id N" cannot skip a late commit below N.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import orjson
from sqlalchemy import exists, func, select
from starlette.concurrency import run_in_threadpool

from services.store.change_feed import CHANGES_CHANNEL
from services.store.db import get_engine, session_scope
from services.store.event_views import load_event_views
from services.store.models import EventActor, EventChange

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 15.0  # a comment line this often keeps proxies from closing an idle stream
POLL_SECONDS = 5.0  # re-read the log this often even without a notification
FALLBACK_POLL_SECONDS = 1.0  # ... and this often while the LISTEN connection is down
GAP_GRACE_SECONDS = 3.0  # how long a missing id may still turn up (its transaction not yet committed)
SETTLED_AFTER_SECONDS = 60.0  # a gap below a change older than this is settled (rolled back or deleted)
RETRY_MILLISECONDS = 2000  # what the browser waits before reconnecting
BATCH = 200


# --- reading the change log (synchronous; run in the thread pool) -------------------------------------------

@dataclass(slots=True)
class Change:
    id: int
    event_id: int
    kind: str
    relevant: bool  # the event is on this actor's timeline
    age_seconds: float


def latest_change_id() -> int:
    with session_scope() as session:
        return session.execute(select(func.coalesce(func.max(EventChange.id), 0))).scalar_one()


def read_changes(actor_id: int, after: int, limit: int = BATCH) -> list[Change]:
    """Every change after `after` in id order, each marked with whether it concerns the actor."""
    relevant = exists().where(EventActor.event_id == EventChange.event_id, EventActor.actor_id == actor_id)
    age = func.extract("epoch", func.now() - EventChange.created_at)
    with session_scope() as session:
        rows = session.execute(
            select(EventChange.id, EventChange.event_id, EventChange.kind, relevant, age)
            .where(EventChange.id > after)
            .order_by(EventChange.id)
            .limit(limit)
        ).all()
    return [Change(row[0], row[1], row[2], bool(row[3]), float(row[4] or 0)) for row in rows]


def load_views(event_ids: list[int]) -> dict[int, dict]:
    with session_scope() as session:
        return load_event_views(session, event_ids)


@dataclass
class GapTracker:
    """Missing ids first seen when; a gap is stepped over once it is old enough."""

    first_seen: dict[int, float] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic

    def deliverable(self, after: int, changes: list[Change]) -> tuple[list[Change], bool]:
        """The leading changes that may be delivered now, and whether a young gap holds back the rest."""
        ready: list[Change] = []
        expected = after + 1
        now = self.clock()
        for change in changes:
            if change.id > expected and change.age_seconds < SETTLED_AFTER_SECONDS:
                seen = self.first_seen.setdefault(expected, now)
                if now - seen < GAP_GRACE_SECONDS:
                    return ready, True
            ready.append(change)
            expected = change.id + 1
        for missing in [key for key in self.first_seen if key < expected]:
            del self.first_seen[missing]
        return ready, False


# --- waking up: one LISTEN connection per process -----------------------------------------------------------

class ChangeHub:
    """Listens on CHANGES_CHANNEL and wakes every waiting stream; streams poll on their own if it is down."""

    def __init__(self) -> None:
        self.listening = False
        self.generation = 0  # bumped on every wake-up, so a stream notices one that came while it was busy
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self.closed = asyncio.Event()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="annals-change-hub")

    async def _run(self) -> None:
        import psycopg

        url = get_engine().url.set(drivername="postgresql").render_as_string(hide_password=False)
        backoff = 0.5
        while not self.closed.is_set():
            try:
                async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
                    await connection.execute(f"LISTEN {CHANGES_CHANNEL}")
                    self.listening, backoff = True, 0.5
                    self.wake()  # anything committed while we were not listening is read now
                    async for _ in connection.notifies():
                        self.wake()
            except asyncio.CancelledError:
                raise
            except (psycopg.Error, OSError) as error:  # the database went away: streams poll meanwhile
                log.warning("change feed LISTEN failed (%s); streams poll until it is back", error)
            finally:
                self.listening = False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.closed.wait(), backoff)
            backoff = min(backoff * 2, 10.0)

    def wake(self) -> None:
        self.generation += 1
        self._wake.set()
        self._wake = asyncio.Event()

    async def wait(self, seen_generation: int, timeout: float) -> None:
        """Until a change is announced after `seen_generation`, the server stops, or `timeout` passes."""
        if self.generation != seen_generation or self.closed.is_set():
            return
        waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(self.closed.wait())]
        try:
            await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def close(self) -> None:
        self.closed.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task


_hubs: dict[asyncio.AbstractEventLoop, ChangeHub] = {}


def get_hub() -> ChangeHub:
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None or hub.closed.is_set():
        for stale in [other for other in _hubs if other.is_closed()]:
            del _hubs[stale]
        hub = _hubs[loop] = ChangeHub()
        hub.start()
        _stop_on_shutdown_signal(loop, hub)
    return hub


def _stop_on_shutdown_signal(loop: asyncio.AbstractEventLoop, hub: ChangeHub) -> None:
    """End open streams when the server is told to stop: uvicorn waits for open responses before exiting.

    Uvicorn handles SIGTERM/SIGINT with signal.signal in the main thread; chain our handler in front of it.
    """
    if threading.current_thread() is not threading.main_thread():
        return  # e.g. a test client's event loop thread: its streams end with the client
    for number in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(number)
        if not callable(previous):
            continue

        def handler(signum, frame, previous=previous):
            loop.call_soon_threadsafe(hub.closed.set)
            previous(signum, frame)

        signal.signal(number, handler)


# --- the stream ---------------------------------------------------------------------------------------------

def sse_message(*, data: str | None = None, event: str | None = None, id: int | None = None,
                comment: str | None = None, retry: int | None = None) -> bytes:
    lines = []
    if comment is not None:
        lines.append(f": {comment}")
    if retry is not None:
        lines.append(f"retry: {retry}")
    if id is not None:
        lines.append(f"id: {id}")
    if event is not None:
        lines.append(f"event: {event}")
    if data is not None:
        lines += [f"data: {line}" for line in data.split("\n")]
    return ("\n".join(lines) + "\n\n").encode()


def parse_last_event_id(*values: str | None) -> int | None:
    for value in values:
        if value is not None and value.strip().isdigit():
            return int(value.strip())
    return None


async def actor_event_stream(actor_id: int, last_event_id: int | None) -> AsyncIterator[bytes]:
    """SSE bytes: `id:` change id, `event: created|updated`, `data:` the event JSON; keep-alive comments.

    It ends when the server shuts down; a client that goes away cancels it (Starlette watches for that).
    """
    hub = get_hub()
    after = last_event_id if last_event_id is not None else await run_in_threadpool(latest_change_id)
    log.info("live feed opened", extra={"actor_id": actor_id, "after": after})
    reason = "client gone"
    try:
        async with contextlib.aclosing(_feed(hub, actor_id, after)) as feed:
            async for message in feed:
                yield message
        reason = "server stopping"
    finally:
        log.info("live feed closed", extra={"actor_id": actor_id, "reason": reason})


async def _feed(hub: ChangeHub, actor_id: int, after: int) -> AsyncIterator[bytes]:
    gaps = GapTracker()
    # An id with no data sets the browser's Last-Event-ID without firing an event: a reconnect before the
    # first event still resumes from here rather than from "now".
    yield sse_message(comment="annals live feed", retry=RETRY_MILLISECONDS, id=after)
    last_sent = time.monotonic()
    while not hub.closed.is_set():
        generation = hub.generation
        changes = await run_in_threadpool(read_changes, actor_id, after)
        ready, held = gaps.deliverable(after, changes)
        wanted = [change for change in ready if change.relevant]
        views = await run_in_threadpool(load_views, [change.event_id for change in wanted]) if wanted else {}
        for change in ready:
            after = change.id
            view = views.get(change.event_id) if change.relevant else None
            if view is not None:  # a deleted event has no view: nothing to show
                yield sse_message(id=change.id, event=change.kind, data=orjson.dumps(view).decode())
                last_sent = time.monotonic()
        if len(changes) == BATCH and not held:
            continue  # more waiting in the log
        if time.monotonic() - last_sent >= KEEPALIVE_SECONDS:
            yield sse_message(comment="keep-alive", id=after)  # also moves the resume point past others' changes
            last_sent = time.monotonic()
        timeout = 0.5 if held else (POLL_SECONDS if hub.listening else FALLBACK_POLL_SECONDS)
        await hub.wait(generation, min(timeout, KEEPALIVE_SECONDS))
