from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import services.webhooks.models  # noqa: F401 - the webhook tables belong to Base.metadata
from services.store.db import session_scope
from tests.support.database import empty_tables


@pytest.fixture(autouse=True)
def empty_database():
    """Each test starts from empty tables (the schema stays: it was made once by Alembic)."""
    empty_tables()
    yield


@pytest.fixture
def write_key() -> str:
    from services.auth.keys import create_key

    with session_scope() as session:
        return create_key(session, name="tests").key


@pytest.fixture
def anonymous_client():
    from services.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture
def client(anonymous_client, write_key):
    """A client that sends a write key, as every real writer must."""
    anonymous_client.headers["Authorization"] = f"Bearer {write_key}"
    return anonymous_client


@pytest.fixture
def session():
    with session_scope() as db_session:
        yield db_session
