"""HTTP attempts: an asyncio loop on a background thread of each worker process, shared by its delivery tasks.

Each attempt has a 5 s connect timeout and a 15 s total deadline (settings), follows no redirects, reads at
most a few KB of the answer, and connects only through the address guard (`GuardedBackend`). Because the
requests run on the loop rather than in the task, a delivery task can hand over a batch, wait briefly for it,
and leave a slow endpoint's requests to finish in the background: a worker slot is never held for 15 s by an
endpoint that does not answer, so other endpoints' deliveries go on.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import ssl
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpcore

from services.webhooks.guard import AddressRefused, GuardedBackend, GuardPolicy, check_url

log = logging.getLogger(__name__)

MAX_RESPONSE_BYTES = 4096
USER_AGENT = "Annals-Webhooks/1.0"


@dataclass(frozen=True, slots=True)
class Request:
    message_id: int
    endpoint_id: int
    url: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True, slots=True)
class Result:
    message_id: int
    endpoint_id: int
    attempted_at: datetime
    latency_ms: float
    status_code: int | None = None
    error: str | None = None
    retry_after: str | None = None


def _new_loop() -> asyncio.AbstractEventLoop:
    try:  # uvloop (installed with uvicorn[standard]) roughly halves the loop's own overhead per request
        import uvloop

        return uvloop.new_event_loop()
    except ImportError:  # pragma: no cover
        return asyncio.new_event_loop()


class Sender:
    """One per process: the loop thread, a connection pool through the guard, and the policy it enforces."""

    def __init__(self, policy: GuardPolicy, *, connect_timeout: float, total_timeout: float,
                 connections_per_endpoint: int = 16) -> None:
        self.policy = policy
        self.connect_timeout = connect_timeout
        self.total_timeout = total_timeout
        self.connections_per_endpoint = connections_per_endpoint
        self.ssl_context = ssl.create_default_context()
        self.backend = GuardedBackend(policy)
        # Per endpoint (and origin), a fixed number of lanes, each with one keep-alive connection: a slow
        # endpoint exhausts only its own lanes. (httpcore's pool would do, but its request queue costs
        # O(queued x connections) per step, which showed as most of the CPU per request.)
        self.lanes: dict[tuple, asyncio.Queue] = {}
        self.loop = _new_loop()
        # Name lookups run on the loop's executor threads; enough of them that a few origins whose DNS hangs
        # (each lookup is abandoned after the connect timeout) cannot hold up everyone else's.
        self.loop.set_default_executor(concurrent.futures.ThreadPoolExecutor(64, thread_name_prefix="webhook-dns"))
        self.thread = threading.Thread(target=self.loop.run_forever, name="webhook-sender", daemon=True)
        self.thread.start()

    def submit(self, request: Request) -> concurrent.futures.Future[Result]:
        return asyncio.run_coroutine_threadsafe(self.attempt(request), self.loop)

    def send_all(self, requests: list[Request], *, wait: float | None = None):
        """Start every request; return (results finished within `wait`, futures still running)."""
        futures = [self.submit(request) for request in requests]
        done, pending = concurrent.futures.wait(futures, timeout=wait)
        return [future.result() for future in futures if future in done], [f for f in futures if f in pending]

    async def attempt(self, request: Request) -> Result:
        """One attempt. Its deadline (and its time and latency in the log) start when the request gets a
        connection lane, not while it waits for one behind the endpoint's other requests."""
        clock = {"at": datetime.now(UTC), "started": time.perf_counter()}

        def result(**fields) -> Result:
            return Result(request.message_id, request.endpoint_id, clock["at"],
                          round((time.perf_counter() - clock["started"]) * 1000, 2), **fields)

        try:
            target = check_url(request.url, self.policy)  # scheme, IP literals; names are checked when connecting
            origin = httpcore.Origin(target.scheme.encode(), target.host.encode("idna"), target.port)
            lanes = self._lanes((request.endpoint_id, target.scheme, target.host, target.port))
            lane = await lanes.get()
            try:
                clock["at"], clock["started"] = datetime.now(UTC), time.perf_counter()
                try:
                    status, retry_after = await asyncio.wait_for(self._post(lane, origin, request),
                                                                 self.total_timeout)
                except _TooLong as long_answer:
                    status, retry_after = long_answer.status, None
            finally:
                lanes.put_nowait(lane)
            return result(status_code=status, retry_after=retry_after)
        except AddressRefused as error:
            return result(error=f"refused: {error}")
        except (TimeoutError, httpcore.TimeoutException):
            return result(error=f"timed out (connect {self.connect_timeout:g} s, total {self.total_timeout:g} s)")
        except httpcore.ConnectError as error:
            return result(error=f"connection failed: {error or type(error).__name__}")
        except Exception as error:  # noqa: BLE001 - protocol errors, TLS failures, resets: a failed attempt
            return result(error=f"{type(error).__name__}: {error}"[:500])

    def _lanes(self, key: tuple) -> asyncio.Queue:
        lanes = self.lanes.get(key)  # only ever touched on the loop thread
        if lanes is None:
            if len(self.lanes) > 1000:  # forget endpoints with no open connection now and then
                for stale in [k for k, q in self.lanes.items()
                              if q.qsize() == self.connections_per_endpoint
                              and all(lane.connection is None for lane in q._queue)]:
                    del self.lanes[stale]
            lanes = self.lanes[key] = asyncio.Queue()
            for _ in range(self.connections_per_endpoint):
                lanes.put_nowait(_Lane())
        return lanes

    async def _post(self, lane: _Lane, origin: httpcore.Origin, request: Request) -> tuple[int, str | None]:
        connection = lane.connection
        if connection is None or not connection.is_idle() or connection.has_expired():
            if connection is not None:
                await connection.aclose()
            connection = lane.connection = httpcore.AsyncHTTPConnection(
                origin, ssl_context=self.ssl_context, keepalive_expiry=30, network_backend=self.backend)
        try:
            return await self._exchange(connection, request)
        except BaseException:  # failed or cancelled mid-way: the connection's state is unknown
            lane.connection = None
            await asyncio.shield(connection.aclose())
            raise

    async def _exchange(self, connection: httpcore.AsyncHTTPConnection, request: Request) -> tuple[int, str | None]:
        headers = {"host": _host_header(request.url), **request.headers, "user-agent": USER_AGENT,
                   "content-length": str(len(request.body))}
        timeouts = {"connect": self.connect_timeout, "read": self.total_timeout, "write": self.total_timeout,
                    "pool": self.total_timeout}
        response = await connection.handle_async_request(httpcore.Request(
            "POST", request.url, headers=list(headers.items()), content=request.body,
            extensions={"timeout": timeouts}))
        try:
            received = 0
            async for chunk in response.aiter_stream():  # a little of the answer, never a flood of it
                received += len(chunk)
                if received >= MAX_RESPONSE_BYTES:
                    raise _TooLong(response.status)
            retry_after = next((v.decode("latin-1") for k, v in response.headers if k.lower() == b"retry-after"),
                               None)
            return response.status, retry_after
        finally:
            await response.aclose()


def _host_header(url: str) -> str:
    return urlsplit(url).netloc.rpartition("@")[2]  # as written in the URL (with a non-default port), no userinfo


class _TooLong(Exception):
    """An answer longer than we read: its status counts, its connection is dropped."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass
class _Lane:
    """One connection slot of an endpoint: at most one request at a time, its connection kept alive."""

    connection: httpcore.AsyncHTTPConnection | None = None


_sender: Sender | None = None
_sender_key: tuple | None = None
_sender_lock = threading.Lock()


def get_sender(settings) -> Sender:
    """This process's sender (made on first use, and again in a forked child or when its settings change)."""
    global _sender, _sender_key
    policy = GuardPolicy.from_settings(settings)
    key = (os.getpid(), policy, settings.webhook_connect_timeout_seconds, settings.webhook_timeout_seconds,
           settings.webhook_max_in_flight_per_endpoint)
    with _sender_lock:
        if _sender is None or _sender_key != key:
            _sender = Sender(policy, connect_timeout=settings.webhook_connect_timeout_seconds,
                             total_timeout=settings.webhook_timeout_seconds,
                             connections_per_endpoint=settings.webhook_max_in_flight_per_endpoint)
            _sender_key = key
        return _sender
