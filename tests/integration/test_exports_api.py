"""GET /actors/{name}/timeline?format=timelinejs|csv|ics: every event of the window, read back by real readers."""

from __future__ import annotations

import csv
import io
from datetime import date

import icalendar
import pytest

from services.timeline import exports
from tests.integration.factories import PUTIN_EVENTS, day, event, store_article
from tests.unit.test_exports import validate_timelinejs


@pytest.fixture
def putin_timeline():
    # the shared four events and one more, so a five-event export walks several small pages
    astana = event(day("2024-07-01"), ("Vladimir Putin",), "speak", "Putin spoke in Astana")
    store_article(*PUTIN_EVENTS, astana, url="https://news.example/putin", title="Putin to visit North Korea",
                  source="Example News")


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


def test_a_url_stored_with_a_line_break_cannot_add_ics_properties(client):
    # ingest refuses such URLs now; one stored before that must still not reach the calendar as a new line
    store_article(event(day("2024-06-18"), ("Vladimir Putin",), "travel", "Putin travels, north; Korea\r\nX-A:1"),
                  url="https://news.example/a\r\nATTACH:https://evil.example/payload", title="T\r\nATTACH:x")
    response = client.get("/actors/Putin/timeline?format=ics")
    assert response.status_code == 200
    lines = response.text.split("\r\n")
    assert not [line for line in lines if line.startswith(("ATTACH", "X-A"))], response.text
    vevent = icalendar.Calendar.from_ical(response.text).walk("VEVENT")[0]
    assert "URL" not in vevent and "ATTACH" not in vevent
    assert str(vevent["SUMMARY"]) == "Putin travels, north; Korea\nX-A:1"


@pytest.mark.parametrize("export_format", ["csv", "ics", "timelinejs"])
def test_exports_stream_and_a_window_over_the_cap_is_refused(client, putin_timeline, small_pages, monkeypatch,
                                                             export_format):
    from services.settings import get_settings

    monkeypatch.setattr(get_settings(), "max_export_events", 3)
    refused = client.get(f"/actors/Putin/timeline?format={export_format}")  # five events
    assert refused.status_code == 422 and "`from` and `to`" in refused.json()["detail"]
    narrowed = client.get(f"/actors/Putin/timeline?format={export_format}&from=2024-01-01")  # three events
    assert narrowed.status_code == 200
    assert "content-length" not in narrowed.headers, "the export was built whole instead of streamed"
