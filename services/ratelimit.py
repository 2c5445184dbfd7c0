"""Rate limits per API key and per client address, counted in Redis so every API process shares them.

Limits use the `limits` package (sliding-window counters in Redis) and are settings in its notation
("600/second;20000/minute"). A refused request gets 429 with `Retry-After`. Redis being unreachable never
refuses a request: the ingest guarantee (articles are accepted while Redis is down) comes first, so limits
fail open and are skipped for a moment before Redis is tried again.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs

from limits import RateLimitItem, parse_many
from limits.aio.storage import RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError
from redis.exceptions import RedisError

from services.errors import AnnalsError, problem
from services.settings import Settings, get_settings

log = logging.getLogger(__name__)

# Paths never limited: probes and scrapes must answer however busy clients are.
UNLIMITED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
PAUSE_AFTER_STORAGE_ERROR = 5.0


class TooManyRequests(AnnalsError):
    status, title = 429, "Too many requests"


@lru_cache(maxsize=16)
def parse_limits(text: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(text)) if text.strip() else ()


def _storage_uri(settings: Settings) -> str:
    """The `limits` storage URI of the Celery Redis URL; the embedded Redis's `redis+socket://PATH?virtual_host=N`
    (kombu's spelling) is `async+redis+unix://PATH?db=N` there."""
    url = settings.redis_url or "redis://127.0.0.1:6379/0"
    if url.startswith("redis+socket://"):
        path, _, query = url[len("redis+socket://"):].partition("?")
        db = parse_qs(query).get("virtual_host", ["0"])[0] or "0"
        return f"async+redis+unix://{path}?db={int(db)}"
    return "async+" + url


# A process takes permits in leases: a lease is counted in Redis at once and spent here, one request at a
# time, with no round trip. At most 1/LEASE_SHARE of the smallest limit (so a limit of 1000/second takes 10 at a
# time, and a limit under 200 goes to Redis for every request, exactly as before), spent within
# 1/LEASE_SHARE_OF_WINDOW of the shortest window or forgotten. Permits are counted before they are used, so
# every process together never lets more through than a limit allows; near a limit, permits another process
# holds unspent may refuse a client a little early (at most a lease per process, for a tenth of the window).
LEASE_SHARE = 100
LEASE_SHARE_OF_WINDOW = 10
_MAX_LEASES = 10_000  # identities remembered per process before the expired leases are dropped


@dataclass(slots=True)
class _Lease:
    remaining: int
    until: float  # monotonic time
    refused: bool = False  # a lease did not fit: one permit per request until `until`


def lease_size(limits: tuple[RateLimitItem, ...]) -> int:
    return max(1, min(item.amount for item in limits) // LEASE_SHARE)


def lease_lifetime(limits: tuple[RateLimitItem, ...]) -> float:
    return min(item.get_expiry() for item in limits) / LEASE_SHARE_OF_WINDOW


class RateLimiter:
    """One per app and event loop (its Redis client belongs to the loop that made it)."""

    def __init__(self, settings: Settings) -> None:
        self.storage = RedisStorage(_storage_uri(settings), implementation="redispy", wrap_exceptions=True,
                                    key_prefix=f"{settings.redis_key_prefix}annals-limits",
                                    socket_timeout=0.5, socket_connect_timeout=0.5)
        self.strategy = SlidingWindowCounterRateLimiter(self.storage)
        self._paused_until = 0.0
        self._leases: dict[tuple, _Lease] = {}
        self._lease_locks: dict[tuple, asyncio.Lock] = {}

    async def check(self, limits: tuple[RateLimitItem, ...], *identity: str) -> None:
        """Count one request against each limit; TooManyRequests (with Retry-After) past any of them."""
        now = time.monotonic()
        if not limits or now < self._paused_until:
            return
        key = (limits, identity)
        if self._spend(key, now):
            return
        try:
            if lease_size(limits) > 1 and await self._take_lease(key, limits, identity):
                return
            for item, allowed in zip(limits, await self._hit_all(limits, identity, 1), strict=True):
                if not allowed:
                    stats = await self.strategy.get_window_stats(item, *identity)
                    retry_after = max(1, math.ceil(stats.reset_time - time.time()))
                    raise TooManyRequests(f"rate limit of {item} per {identity[0]} exceeded; retry in {retry_after} s",
                                          headers={"Retry-After": str(retry_after)}, retry_after=retry_after)
        except (StorageError, RedisError, OSError):
            self._paused_until = time.monotonic() + PAUSE_AFTER_STORAGE_ERROR
            log.warning("rate-limit storage unreachable; limits skipped for %.0f s", PAUSE_AFTER_STORAGE_ERROR,
                        exc_info=True)

    def _spend(self, key: tuple, now: float) -> bool:
        lease = self._leases.get(key)
        if lease is not None and now < lease.until and lease.remaining > 0:
            lease.remaining -= 1
            return True
        return False

    async def _take_lease(self, key: tuple, limits: tuple[RateLimitItem, ...], identity: tuple[str, ...]) -> bool:
        """Take a new lease and spend its first permit; False when it did not fit (then one permit per request
        until the refused lease expires). One request per identity takes it while the others wait and spend
        from it: without that, every request arriving in the same round trip took a lease of its own, and 64
        concurrent clients used up 64 leases of a limit for 64 requests."""
        lock = self._lease_locks.get(key)
        if lock is None:
            lock = self._lease_locks[key] = asyncio.Lock()
        async with lock:
            now = time.monotonic()
            if self._spend(key, now):
                return True
            lease = self._leases.get(key)
            if lease is not None and now < lease.until and lease.refused:
                return False
            size = lease_size(limits)
            if all(await self._hit_all(limits, identity, size)):
                self._remember(key, _Lease(size - 1, now + lease_lifetime(limits)))
                return True
            self._remember(key, _Lease(0, now + lease_lifetime(limits), refused=True))
            return False

    def _remember(self, key: tuple, lease: _Lease) -> None:
        if len(self._leases) >= _MAX_LEASES:
            now = time.monotonic()
            self._leases = {k: held for k, held in self._leases.items() if held.until > now}
            self._lease_locks = {k: lock for k, lock in self._lease_locks.items() if k in self._leases or lock.locked()}
        self._leases[key] = lease

    async def _hit_all(self, limits: tuple[RateLimitItem, ...], identity: tuple[str, ...], cost: int) -> list[bool]:
        """`cost` hits on each limit, all in one Redis round trip (a pipeline of the strategy's own Lua script,
        with the keys `limits` gives its sliding windows), where `strategy.hit` makes one round trip each."""
        if len(limits) == 1:
            return [await self.strategy.hit(limits[0], *identity, cost=cost)]
        storage, bridge = self.storage, self.storage.bridge
        pipeline = bridge.get_connection().pipeline(transaction=False)
        for item in limits:
            key = item.key_for(*identity)
            windows = [bridge.prefixed_key(storage._previous_window_key(key)),
                       bridge.prefixed_key(storage._current_window_key(key))]
            await bridge.lua_acquire_sliding_window(windows, [item.amount, item.get_expiry(), cost], client=pipeline)
        return [bool(acquired) for acquired in await pipeline.execute()]

    async def reset(self) -> None:
        self._leases.clear()
        await self.storage.reset()


def _limiter(app) -> RateLimiter | None:
    return getattr(app.state, "rate_limiter", None)


async def check_key_rate(request, key_identity: str) -> None:
    settings = get_settings()
    limiter = _limiter(request.app)
    if settings.rate_limit_enabled and limiter is not None:
        await limiter.check(parse_limits(settings.rate_limit_per_key), "key", key_identity)


class AddressRateLimitMiddleware:
    """Counts every request (but probes) against its client address before the app sees it."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        settings = get_settings()
        if scope["type"] != "http" or not settings.rate_limit_enabled or scope["path"] in UNLIMITED_PATHS:
            return await self.app(scope, receive, send)
        limiter = _limiter(scope["app"]) if "app" in scope else None
        client = scope.get("client")
        if limiter is not None and client:
            try:
                await limiter.check(parse_limits(settings.rate_limit_per_address), "address", client[0])
            except TooManyRequests as refused:
                response = problem(refused.status, refused.title, refused.detail, headers=refused.headers,
                                   **refused.extra)
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)
