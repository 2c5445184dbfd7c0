"""Fuzz every operation in /openapi.json (schemathesis, a bounded run): no 5xx, no answer off its schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from services.app import create_app
from services.auth.keys import create_key
from services.store.articles import NewArticle, accept_articles
from services.store.db import session_scope
from services.store.events import save_extraction
from tests.integration.factories import day, event, extraction, month
from tests.support.database import empty_tables

# The live stream answers a known actor with a response that never ends: it has its own tests (e2e/test_stream.py).
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app()).exclude(path_regex=r"/events/stream$")


@pytest.fixture(scope="module")
def fuzz_key() -> str:
    """A key, and a stored timeline, so read operations answer with real objects the schema must describe."""
    empty_tables()
    with session_scope() as session:
        key = create_key(session, name="fuzz").key
        article_id = accept_articles(session, [NewArticle(text="fuzz seed", url="https://example.org/a")])[0].id
        save_extraction(session, article_id, extraction(
            event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "travel", "Putin travels to North Korea"),
            event(month("2023-09"), ("Vladimir Putin", "Kim Jong Un"), "meet", "Putin and Kim met", offset=40),
        ))
    return key


@pytest.fixture(autouse=True)
def empty_database():
    """Unlike the other integration tests, the fuzz run keeps its rows between examples."""
    yield


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_answers_every_generated_request_within_its_schema(case, fuzz_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_key}"},
                           checks=[not_a_server_error, response_schema_conformance])
