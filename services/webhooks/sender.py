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


class Sender:
    """One per process: the loop thread, a connection pool through the guard, and the policy it enforces."""

    def __init__(self, policy: GuardPolicy, *, connect_timeout: float, total_timeout: float,
                 connections_per_origin: int = 16) -> None:
        self.policy = policy
        self.connect_timeout = connect_timeout
        self.total_timeout = total_timeout
        self.connections_per_origin = connections_per_origin
        self.ssl_context = ssl.create_default_context()
        self.backend = GuardedBackend(policy)
        # One keep-alive pool per origin (scheme, host, port): a slow origin exhausts only its own connections.
        self.pools: dict[tuple[str, str, int], httpcore.AsyncConnectionPool] = {}
        self.loop = asyncio.new_event_loop()
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
        attempted_at = datetime.now(UTC)
        started = time.perf_counter()

        def result(**fields) -> Result:
            return Result(request.message_id, request.endpoint_id, attempted_at,
                          round((time.perf_counter() - started) * 1000, 2), **fields)

        try:
            target = check_url(request.url, self.policy)  # scheme, IP literals; names are checked when connecting
            pool = self._pool((target.scheme, target.host, target.port))
            status, retry_after = await asyncio.wait_for(self._post(pool, request), self.total_timeout)
            return result(status_code=status, retry_after=retry_after)
        except AddressRefused as error:
            return result(error=f"refused: {error}")
        except (TimeoutError, httpcore.TimeoutException):
            return result(error=f"timed out (connect {self.connect_timeout:g} s, total {self.total_timeout:g} s)")
        except httpcore.ConnectError as error:
            return result(error=f"connection failed: {error or type(error).__name__}")
        except Exception as error:  # noqa: BLE001 - protocol errors, TLS failures, resets: a failed attempt
            return result(error=f"{type(error).__name__}: {error}"[:500])

    def _pool(self, origin: tuple[str, str, int]) -> httpcore.AsyncConnectionPool:
        pool = self.pools.get(origin)  # only ever touched on the loop thread
        if pool is None:
            if len(self.pools) > 1000:  # forget idle origins now and then
                for stale in [key for key, p in self.pools.items() if not p.connections]:
                    del self.pools[stale]
            pool = self.pools[origin] = httpcore.AsyncConnectionPool(
                ssl_context=self.ssl_context,
                max_connections=self.connections_per_origin,
                max_keepalive_connections=self.connections_per_origin,
                keepalive_expiry=30,
                retries=0,
                network_backend=self.backend,
            )
        return pool

    async def _post(self, pool: httpcore.AsyncConnectionPool, request: Request) -> tuple[int, str | None]:
        headers = {**request.headers, "user-agent": USER_AGENT}
        timeouts = {"connect": self.connect_timeout, "read": self.total_timeout, "write": self.total_timeout,
                    "pool": self.total_timeout}
        async with pool.stream("POST", request.url, headers=list(headers.items()), content=request.body,
                                    extensions={"timeout": timeouts}) as response:
            received = 0
            async for chunk in response.aiter_stream():  # a little of the answer, never a flood of it
                received += len(chunk)
                if received >= MAX_RESPONSE_BYTES:
                    break
            retry_after = next((v.decode("latin-1") for k, v in response.headers if k.lower() == b"retry-after"),
                               None)
            return response.status, retry_after


_sender: Sender | None = None
_sender_key: tuple | None = None
_sender_lock = threading.Lock()


def get_sender(settings) -> Sender:
    """This process's sender (made on first use, and again in a forked child or when its settings change)."""
    global _sender, _sender_key
    policy = GuardPolicy.from_settings(settings)
    key = (os.getpid(), policy, settings.webhook_connect_timeout_seconds, settings.webhook_timeout_seconds)
    with _sender_lock:
        if _sender is None or _sender_key != key:
            _sender = Sender(policy, connect_timeout=settings.webhook_connect_timeout_seconds,
                             total_timeout=settings.webhook_timeout_seconds)
            _sender_key = key
        return _sender
