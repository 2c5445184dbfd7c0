"""A redis-py client for the Celery broker URL, including kombu's `redis+socket://` form."""

from __future__ import annotations

from urllib.parse import parse_qs

import redis


def redis_from_url(url: str, **options) -> redis.Redis:
    if url.startswith("redis+socket://"):
        path, _, query = url[len("redis+socket://") :].partition("?")
        db = int(parse_qs(query).get("virtual_host", ["0"])[0] or 0)
        return redis.Redis(unix_socket_path=path, db=db, **options)
    return redis.Redis.from_url(url, **options)
