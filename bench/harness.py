"""Shared set-up for benchmarks: a scratch database and Redis db, and the API as a real uvicorn process."""

from __future__ import annotations

import os
import platform
import resource
import signal
import statistics
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import ServiceProcess, start_api
from tests.support.services import start_test_services


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary_ms(samples: list[float]) -> str:
    return (f"p50 {percentile(samples, 50) * 1000:.1f} ms, p99 {percentile(samples, 99) * 1000:.1f} ms, "
            f"mean {statistics.fmean(samples) * 1000:.1f} ms over {len(samples)} requests")


def process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and every process under it, from /proc (Linux)."""
    total, pending = 0.0, [pid]
    ticks = os.sysconf("SC_CLK_TCK")
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(child) for child in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def database_backend_pids(database_url: str) -> set[int]:
    """PostgreSQL's server processes serving a database now (the API's pooled connections among them)."""
    import psycopg

    from services.store.raw_connections import psycopg_url

    with psycopg.connect(psycopg_url(database_url), autocommit=True) as connection:
        rows = connection.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                  "AND pid <> pg_backend_pid()").fetchall()
    return {pid for (pid,) in rows}


class CpuMeter:
    """CPU seconds a process tree (the API) and this process (the load generator) spend between two points:
    on a shared machine this, unlike latency, hardly depends on what the other tenants do. With a database
    URL, also the CPU of the PostgreSQL backends serving it (those alive at the end; pooled connections live
    through a run)."""

    def __init__(self, api_pid: int, database_url: str | None = None) -> None:
        self.api_pid = api_pid
        self.database_url = database_url
        self.backends: dict[int, float] = self._backends()
        self.started = self._now()

    def _backends(self) -> dict[int, float]:
        if self.database_url is None:
            return {}
        return {pid: process_cpu_seconds(pid) for pid in database_backend_pids(self.database_url)}

    def _now(self) -> tuple[float, float]:
        api = process_cpu_seconds(self.api_pid)
        finished = resource.getrusage(resource.RUSAGE_CHILDREN)  # e.g. wrk, once it has exited
        # the API runs as a child of this process: its time is not the load generator's
        return api, process_cpu_seconds(os.getpid()) - api + finished.ru_utime + finished.ru_stime

    def report(self, requests: int, what: str = "request") -> str:
        api, client = (now - then for now, then in zip(self._now(), self.started, strict=True))
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        database = ""
        if self.database_url is not None:
            spent = sum(cpu - self.backends.get(pid, 0.0) for pid, cpu in self._backends().items())
            database = f", PostgreSQL CPU {spent / requests * 1000:.3f} ms per {what}"
        return (f"API CPU {api / requests * 1000:.3f} ms per {what}{database}, load generator CPU "
                f"{client / requests * 1000:.3f} ms per {what}; load average {load}")


@dataclass
class Scratch:
    services: object
    url: str
    headers: dict
    api_pid: int
    database_url: str = ""

    def __iter__(self):  # `as (services, url, headers)` still unpacks
        return iter((self.services, self.url, self.headers))


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


@contextmanager
def scratch_service(*, api_workers: int = 1, env: dict[str, str] | None = None):
    """A migrated scratch database, its own Redis db, and the API on a free port; all removed afterwards.
    `env`: settings for the API process (ANNALS_...)."""
    services = start_test_services()
    os.environ["ANNALS_DATABASE_URL"] = services.database_url
    os.environ["ANNALS_REDIS_URL"] = services.redis_url
    os.environ["ANNALS_REDIS_KEY_PREFIX"] = services.redis_key_prefix
    from services.settings import get_settings

    get_settings.cache_clear()  # a second scratch service in one run must not see the first one's settings
    # `timeout` or Ctrl-C must still stop the processes started here: turn SIGTERM into an exception
    signal.signal(signal.SIGTERM, _interrupt)
    from services.store.migrate import upgrade

    upgrade(services.database_url)
    logs = Path(tempfile.mkdtemp(prefix="annals-bench-"))
    env = {**os.environ, "WEB_CONCURRENCY": str(api_workers), **(env or {})}
    api: ServiceProcess | None = None
    try:
        api, url = start_api(logs, env=env, workers=api_workers)
        from services.auth.keys import create_key
        from services.store.db import session_scope

        with session_scope() as session:
            key = create_key(session, name="bench").key
        yield Scratch(services, url, {"Authorization": f"Bearer {key}"}, api.process.pid, services.database_url)
    finally:
        if api is not None:
            api.stop()
        from services.store.db import engine_for, get_sessionmaker

        engine_for.cache_clear()
        get_sessionmaker.cache_clear()
        services.close()
