"""GET /actors/{name}/timeline?format=timelinejs|csv|ics: every event of the window, read back by real readers."""

from __future__ import annotations

import csv
import io
from datetime import date

import icalendar
import pytest

from services.store.articles import NewArticle, accept_articles
from services.store.db import session_scope
from services.store.events import save_extraction
from services.timeline import exports
from tests.integration.factories import day, event, extraction, month, year
from tests.unit.test_exports import validate_timelinejs


@pytest.fixture
def putin_timeline():
    with session_scope() as session:
        article_id = accept_articles(session, [NewArticle(text="putin", url="https://news.example/putin",
                                                          title="Putin to visit North Korea",
                                                          source="Example News")])[0].id
        save_extraction(session, article_id, extraction(
            event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "travel", "Putin travels to North Korea"),
            event(year("2000"), ("Vladimir Putin", "North Korea"), "visit", "Putin visited North Korea"),
            event(month("2023-09"), ("Vladimir Putin", "Kim Jong Un"), "meet", "Putin and Kim met"),
            event(month("2024-05"), ("Vladimir Putin",), "visit", "Putin made an official visit to Beijing"),
            event(day("2024-07-01"), ("Vladimir Putin",), "speak", "Putin spoke in Astana"),
        ))


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(exports, "PAGE_SIZE", 2)  # so a five-event export walks three pages


def test_json_stays_the_default(client, putin_timeline):
    response = client.get("/actors/Putin/timeline?limit=2")
    assert response.headers["content-type"].startswith("application/json")
    assert len(response.json()["events"]) == 2 and response.json()["next_cursor"]


def test_csv_export_has_every_event_not_one_page(client, putin_timeline, small_pages):
    response = client.get("/actors/Putin/timeline?format=csv&limit=1")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith('attachment; filename="vladimir-putin-timeline.csv"')
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["date"] for row in rows] == ["2000", "2023-09", "2024-05", "2024-06-18", "2024-07-01"]
    assert rows[0]["source_urls"] == "https://news.example/putin"
    assert rows[0]["actors"] == "North Korea; Vladimir Putin"


def test_ics_export_parses_and_respects_the_window(client, putin_timeline, small_pages):
    response = client.get("/actors/Vladimir Putin/timeline?format=ics&from=2024-01-01&to=2024-06-30")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    assert 'filename="vladimir-putin-timeline.ics"' in response.headers["content-disposition"]
    calendar = icalendar.Calendar.from_ical(response.text)
    vevents = calendar.walk("VEVENT")
    assert [v["DTSTART"].dt for v in vevents] == [date(2024, 5, 1), date(2024, 6, 18)]
    assert [v["DTEND"].dt for v in vevents] == [date(2024, 6, 1), date(2024, 6, 19)]
    assert all(v.get("DTSTAMP") is not None for v in vevents)
    again = icalendar.Calendar.from_ical(client.get("/actors/Putin/timeline?format=ics").text)
    uids = {str(v["UID"]) for v in again.walk("VEVENT")}
    assert {str(v["UID"]) for v in vevents} <= uids and len(uids) == 5


def test_timelinejs_export_is_valid_for_timelinejs(client, putin_timeline, small_pages):
    response = client.get("/actors/Putin/timeline?format=timelinejs")
    assert response.status_code == 200
    assert 'filename="vladimir-putin-timeline.json"' in response.headers["content-disposition"]
    document = response.json()
    validate_timelinejs(document)
    assert [e["start_date"] for e in document["events"]] == [
        {"year": 2000}, {"year": 2023, "month": 9}, {"year": 2024, "month": 5},
        {"year": 2024, "month": 6, "day": 18}, {"year": 2024, "month": 7, "day": 1}]


def test_descending_order_and_errors(client, putin_timeline):
    rows = list(csv.DictReader(io.StringIO(client.get("/actors/Putin/timeline?format=csv&order=desc").text)))
    assert rows[0]["date"] == "2024-07-01"
    assert client.get("/actors/Putin/timeline?format=pdf").status_code == 422
    missing = client.get("/actors/Nobody/timeline?format=ics")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_empty_exports_are_still_valid(client, putin_timeline):
    response = client.get("/actors/Putin/timeline?format=ics&from=1900-01-01&to=1900-12-31")
    assert icalendar.Calendar.from_ical(response.text).walk("VEVENT") == []
    assert client.get("/actors/Putin/timeline?format=timelinejs&to=1900-12-31").json()["events"] == []
