"""Shared set-up for benchmarks: a scratch database and Redis db, and the API as a real uvicorn process."""

from __future__ import annotations

import os
import platform
import signal
import statistics
import tempfile
from contextlib import contextmanager
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


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


@contextmanager
def scratch_service(*, api_workers: int = 1):
    """A migrated scratch database, its own Redis db, and the API on a free port; all removed afterwards."""
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
    env = dict(os.environ, WEB_CONCURRENCY=str(api_workers))
    api: ServiceProcess | None = None
    try:
        api, url = start_api(logs, env=env, workers=api_workers)
        from services.auth.keys import create_key
        from services.store.db import session_scope

        with session_scope() as session:
            key = create_key(session, name="bench").key
        yield services, url, {"Authorization": f"Bearer {key}"}
    finally:
        if api is not None:
            api.stop()
        from services.store.db import engine_for, get_sessionmaker

        engine_for.cache_clear()
        get_sessionmaker.cache_clear()
        services.close()
