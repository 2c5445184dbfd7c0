"""Retry policy: outcomes by status, the schedule, Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.webhooks.schedule import decide, parse_retry_after

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 36000]


def after(attempts: int, status: int | None = 500, retry_after: str | None = None):
    return decide(status_code=status, retry_after=retry_after, attempts_made=attempts, schedule=SCHEDULE, now=NOW)


@pytest.mark.parametrize("status", [200, 201, 204, 299])
def test_2xx_delivers(status):
    assert after(1, status).outcome == "delivered"


def test_410_disables():
    assert after(1, 410).outcome == "disabled"


@pytest.mark.parametrize(("attempts", "seconds"), list(enumerate(SCHEDULE, start=1)))
def test_failures_follow_the_schedule(attempts, seconds):
    decision = after(attempts, 500)
    assert decision.outcome == "retry" and decision.next_attempt_at == NOW + timedelta(seconds=seconds)


@pytest.mark.parametrize("status", [None, 301, 302, 400, 404, 500, 502])
def test_after_the_last_attempt_the_message_fails(status):
    assert after(len(SCHEDULE) + 1, status).outcome == "failed"
    assert after(len(SCHEDULE), status).outcome == "retry"


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured_for_429_and_503(status):
    assert after(1, status, "120").next_attempt_at == NOW + timedelta(seconds=120)
    assert after(1, status, "Thu, 26 Nov 2026 12:10:00 GMT").next_attempt_at == NOW + timedelta(minutes=10)
    assert after(1, status, "soon").next_attempt_at == NOW + timedelta(seconds=5)  # unreadable: the schedule


def test_retry_after_is_ignored_for_other_statuses_and_clamped():
    assert after(1, 500, "120").next_attempt_at == NOW + timedelta(seconds=5)
    assert parse_retry_after("9999999", NOW) == timedelta(hours=24)
    assert parse_retry_after("Thu, 01 Jan 2026 00:00:00 GMT", NOW) == timedelta(0)
