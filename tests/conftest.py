"""Test run setup: a PostgreSQL database and a Redis db of this run's own, created here and dropped after.

The environment is set in pytest_configure, before any test module imports the services (whose settings,
engine and Celery app read it once).
"""

from __future__ import annotations

import os

import pytest

from tests.support.services import TestServices, start_test_services

_services: TestServices | None = None


def pytest_configure(config):
    global _services
    _services = start_test_services()
    os.environ["ANNALS_DATABASE_URL"] = _services.database_url
    os.environ["ANNALS_REDIS_URL"] = _services.redis_url
    os.environ["ANNALS_REDIS_KEY_PREFIX"] = _services.redis_key_prefix
    os.environ.setdefault("ANNALS_DATA_DIR", str(config.rootpath / ".annals-test"))
    from services.store.migrate import upgrade

    upgrade(_services.database_url)


def pytest_unconfigure(config):
    if _services is not None:
        from services.store.db import engine_for

        engine_for.cache_clear()
        _services.close()


@pytest.fixture(scope="session")
def test_services() -> TestServices:
    assert _services is not None
    return _services
