from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.database import empty_tables
from tests.support.processes import start_api, start_worker

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="module")
def log_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="module")
def api(log_dir):
    process, url = start_api(log_dir)
    yield url
    process.stop()


@pytest.fixture(scope="module")
def worker(log_dir):
    process = start_worker(log_dir)
    yield process
    process.stop()


@pytest.fixture
def headers() -> dict:
    """A write key, sent as every real writer must."""
    from services.auth.keys import create_key
    from services.store.db import session_scope

    with session_scope() as session:
        return {"Authorization": f"Bearer {create_key(session, name='e2e').key}"}


@pytest.fixture(autouse=True)
def empty_database():
    empty_tables()
