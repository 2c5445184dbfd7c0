"""The publisher's calendar: "yesterday" counts from the calendar date of published_at in the offset the
client sent, on a server whose local zone (and PostgreSQL session default) is Los Angeles."""

from __future__ import annotations

import os

import httpx
import pytest

from tests.e2e.test_post_to_timeline import wait_until_done
from tests.support.processes import start_api, start_worker

# libpq sets the session time zone from PGTZ: without UTC sessions, instants read back in Los Angeles
LOS_ANGELES = {**os.environ, "TZ": "America/Los_Angeles", "PGTZ": "America/Los_Angeles"}
TEXT = "Japanese Prime Minister Fumio Kishida met US President Joe Biden in Tokyo yesterday, the government said."


@pytest.fixture(scope="module")
def la_api(log_dir):
    process, url = start_api(log_dir, env=LOS_ANGELES)
    yield url
    process.stop()


@pytest.fixture(scope="module")
def la_worker(log_dir):
    process = start_worker(log_dir, name="la-worker", env=LOS_ANGELES)
    yield process
    process.stop()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("published_at", "yesterday"),
    [
        ("2024-06-17T01:00+09:00", "2024-06-16"),  # Tokyo morning: 2024-06-16 in UTC, the 15th in Los Angeles
        ("2024-06-16T23:30-07:00", "2024-06-15"),  # Los Angeles evening: already the 17th in UTC
        ("2024-06-17", "2024-06-16"),  # a date alone is that date
    ],
)
def test_yesterday_counts_from_the_publishers_date(la_api, la_worker, headers, published_at, yesterday):
    body = {"text": TEXT, "published_at": published_at, "url": f"https://example.com/{published_at}"}
    response = httpx.post(f"{la_api}/articles", json=body, headers=headers)
    assert response.status_code == 202, response.text
    article = wait_until_done(la_api, response.json()["id"])
    assert article["status"] == "done", article["error"]
    assert [event["date"]["value"] for event in article["events"]] == [yesterday]
