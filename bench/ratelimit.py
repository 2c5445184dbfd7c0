"""What rate limits cost: one limiter check against Redis, and a small request with limits on and off.

    .venv/bin/python -m bench.ratelimit [--checks 5000] [--requests 2000]

The limits are set high enough that nothing is refused: this measures the counting, not the refusing.
Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

import httpx

from bench.harness import machine, scratch_service, summary_ms
from tests.support.services import start_test_services

NEVER_REACHED = "1000000/second;100000000/minute"  # two windows, as the default has


async def _check_latencies(checks: int, *, same_identity: bool) -> list[float]:
    """A new identity per check takes a lease each time (a Redis round trip); one identity spends its leases
    locally (one round trip per lease: 1 % of the smallest limit)."""
    from services.ratelimit import RateLimiter, parse_limits
    from services.settings import Settings

    services = start_test_services()
    try:
        settings = Settings(redis_url=services.redis_url, redis_key_prefix=services.redis_key_prefix)
        limiter = RateLimiter(settings)
        limits = parse_limits(NEVER_REACHED)
        await limiter.check(limits, "key", "warm-up")
        latencies = []
        for i in range(checks):
            started = time.perf_counter()
            await limiter.check(limits, "key", "1" if same_identity else str(i))
            latencies.append(time.perf_counter() - started)
        await limiter.reset()
        return latencies
    finally:
        services.close()


def _request_latencies(requests: int, *, limited: bool) -> list[float]:
    os.environ["ANNALS_RATE_LIMIT_ENABLED"] = "true" if limited else "false"
    os.environ["ANNALS_RATE_LIMIT_PER_ADDRESS"] = NEVER_REACHED
    os.environ["ANNALS_RATE_LIMIT_PER_KEY"] = NEVER_REACHED
    with scratch_service(api_workers=1) as (_, url, _headers), httpx.Client(base_url=url, timeout=30) as client:
        for _ in range(50):  # warm the API's pools
            client.get("/actors", params={"q": "x"})
        latencies = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get("/actors", params={"q": "x"})
            latencies.append(time.perf_counter() - started)
        return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checks", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    print(f"machine: {machine()}; Redis and the client on the same machine")
    for same_identity, what in ((False, "a new identity each (a Redis round trip)"),
                                (True, "one identity (leases spent locally)")):
        checks = asyncio.run(_check_latencies(args.checks, same_identity=same_identity))
        print(f"one limiter check (two windows), {what}: {summary_ms(checks).replace('requests', 'checks')}")
    # alternate off/on twice so a drift of the shared machine shows up as a spread, not as a difference
    for round_number in (1, 2):
        for limited in (False, True):
            latencies = _request_latencies(args.requests, limited=limited)
            print(f"round {round_number}: GET /actors?q=x, limits {'on ' if limited else 'off'}: {summary_ms(latencies)}")


if __name__ == "__main__":
    main()
