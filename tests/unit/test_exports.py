"""Exports as pure functions: TimelineJS JSON, CSV, iCalendar (read back with real readers)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import icalendar

from services.timeline.exports import content_disposition, to_csv, to_ics, to_timelinejs

ACTOR = {"id": 1, "name": "Vladimir Putin"}


def event(event_id, value, start, end, granularity, summary, *, status="occurred", sources=None, actors=None):
    return {
        "id": event_id,
        "date": {"value": value, "start": start, "end": end, "granularity": granularity},
        "summary": summary, "status": status, "trigger": "visit", "confidence": 0.8,
        "actors": actors or [{"id": 1, "name": "Vladimir Putin"}, {"id": 2, "name": "Kim Jong Un"}],
        "sources": sources if sources is not None else [{
            "article_id": 7, "url": "https://news.example/a?x=1&y=2", "title": "Putin, Kim; talks",
            "source": "Example News", "published_at": "2024-06-17T00:00:00+00:00",
            "sentence": "Putin will visit, the Kremlin said; \"soon\".\nNext line.", "offsets": [0, 10]}],
    }


EVENTS = [
    event(1, "2000", "2000-01-01", "2000-12-31", "year", "Putin visited North Korea"),
    event(2, "2024-05", "2024-05-01", "2024-05-31", "month", "Putin made an official visit to Beijing"),
    event(3, "2024-06-18/2024-06-19", "2024-06-18", "2024-06-19", "day", "Putin travels to North Korea",
          status="planned"),
    event(4, "2024-06-18", "2024-06-18", "2024-06-18", "day", "=cmd|' /C calc'!A0 " + "long " * 40, sources=[]),
    event(5, "2024-W25-WE", "2024-06-22", "2024-06-23", "weekend", "Summit weekend"),
    event(6, "199", "1990-01-01", "1999-12-31", "decade", "Putin served in Dresden"),
]


def validate_timelinejs(document: dict) -> None:
    """The fields TimelineJS (v3) requires, with the types and ranges it accepts."""

    def check_date(value):
        assert isinstance(value, dict) and "year" in value, value
        assert isinstance(value["year"], int)
        if "month" in value:
            assert 1 <= value["month"] <= 12
        if "day" in value:
            assert "month" in value and 1 <= value["day"] <= 31
        assert set(value) <= {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}

    assert isinstance(document["events"], list)
    if "title" in document:
        assert set(document["title"]["text"]) <= {"headline", "text"}
    ids = set()
    for item in document["events"]:
        check_date(item["start_date"])
        if "end_date" in item:
            check_date(item["end_date"])
            start = tuple(item["start_date"].get(k, 1) for k in ("year", "month", "day"))
            end = tuple(item["end_date"].get(k, 1) for k in ("year", "month", "day"))
            assert start <= end
        assert set(item["text"]) <= {"headline", "text"} and item["text"]["headline"]
        assert isinstance(item["group"], str)
        assert item["unique_id"] not in ids
        ids.add(item["unique_id"])


def test_timelinejs_dates_follow_granularity():
    document = to_timelinejs(ACTOR, EVENTS)
    validate_timelinejs(document)
    items = {item["unique_id"]: item for item in document["events"]}
    assert document["title"]["text"]["headline"] == "Vladimir Putin"
    assert items["annals-event-1"]["start_date"] == {"year": 2000} and "end_date" not in items["annals-event-1"]
    assert items["annals-event-2"]["start_date"] == {"year": 2024, "month": 5}
    assert items["annals-event-3"]["start_date"] == {"year": 2024, "month": 6, "day": 18}
    assert items["annals-event-3"]["end_date"] == {"year": 2024, "month": 6, "day": 19}
    assert items["annals-event-3"]["group"] == "Planned" and items["annals-event-2"]["group"] == "Reported"
    assert items["annals-event-5"]["end_date"] == {"year": 2024, "month": 6, "day": 23}
    assert items["annals-event-6"]["start_date"] == {"year": 1990} and items["annals-event-6"]["end_date"] == {
        "year": 1999}
    assert items["annals-event-2"]["text"]["headline"] == "Putin made an official visit to Beijing"
    assert 'href="https://news.example/a?x=1&amp;y=2"' in items["annals-event-2"]["text"]["text"]
    assert "Kim Jong Un" in items["annals-event-2"]["text"]["text"]
    assert items["annals-event-3"]["display_date"] == "18–19 June 2024"


def test_csv_reads_back_with_one_row_per_event():
    rows = list(csv.DictReader(io.StringIO(to_csv(EVENTS))))
    assert [row["id"] for row in rows] == ["1", "2", "3", "4", "5", "6"]
    third = rows[2]
    assert (third["date"], third["start"], third["end"], third["status"]) == (
        "2024-06-18/2024-06-19", "2024-06-18", "2024-06-19", "planned")
    assert third["date_label"] == "18–19 June 2024"
    assert third["actors"] == "Vladimir Putin; Kim Jong Un"
    assert third["source_urls"] == "https://news.example/a?x=1&y=2"
    assert third["source_titles"] == "Putin, Kim; talks"
    assert rows[3]["summary"].startswith("'=cmd")  # spreadsheets must not run it as a formula
    assert rows[3]["source_urls"] == ""


def test_ics_parses_with_icalendar_and_is_folded_and_escaped():
    text = to_ics(ACTOR, EVENTS, now=datetime(2024, 7, 1, 12, 0, tzinfo=UTC))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "lines must be folded at 75 octets"
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    calendar = icalendar.Calendar.from_ical(text)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 6
    by_uid = {str(v["UID"]): v for v in vevents}
    assert set(by_uid) == {f"annals-event-{i}@annals" for i in range(1, 7)}
    day = by_uid["annals-event-4@annals"]
    assert day["DTSTART"].dt == date(2024, 6, 18) and day["DTEND"].dt == date(2024, 6, 19)  # exclusive end
    assert day["DTSTART"].params.get("VALUE") == "DATE"
    assert str(day["SUMMARY"]).startswith("=cmd|' /C calc'!A0 long")
    ranged = by_uid["annals-event-3@annals"]
    assert ranged["DTSTART"].dt == date(2024, 6, 18) and ranged["DTEND"].dt == date(2024, 6, 20)
    assert str(ranged["SUMMARY"]) == "Planned: Putin travels to North Korea (18–19 June 2024)"
    assert str(ranged["STATUS"]) == "TENTATIVE"
    description = str(ranged["DESCRIPTION"])
    assert "Putin, Kim; talks (Example News) https://news.example/a?x=1&y=2" in description
    assert "Putin will visit, the Kremlin said; \"soon\".\nNext line." in description
    year = by_uid["annals-event-1@annals"]
    assert year["DTSTART"].dt == date(2000, 1, 1) and year["DTEND"].dt == date(2001, 1, 1)
    assert year["DTSTAMP"].dt == datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
    assert str(calendar["X-WR-CALNAME"]) == "Vladimir Putin – Annals timeline"


def test_uids_are_stable_across_exports():
    first = icalendar.Calendar.from_ical(to_ics(ACTOR, EVENTS))
    again = icalendar.Calendar.from_ical(to_ics(ACTOR, list(reversed(EVENTS))))
    assert sorted(str(v["UID"]) for v in first.walk("VEVENT")) == sorted(str(v["UID"]) for v in again.walk("VEVENT"))


def test_ics_text_cannot_start_a_property_of_its_own():
    hostile = event(9, "2024-06-18", "2024-06-18", "2024-06-18", "day", "Talks\r\nATTACH:https://evil.example/a",
                    sources=[{"article_id": 1, "url": "https://news.example/a\nATTACH:https://evil.example/b",
                              "title": "T;\rATTACH:x", "source": None, "published_at": "2024-06-17T00:00:00+00:00",
                              "sentence": "s\r\nATTACH:y", "offsets": [0, 1]}])
    text = to_ics(ACTOR, [hostile])
    assert not [line for line in text.split("\r\n") if line.startswith("ATTACH")], text
    vevent = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert "URL" not in vevent and "ATTACH" not in vevent
    assert str(vevent["SUMMARY"]) == "Talks\nATTACH:https://evil.example/a"  # text, not a property


def test_content_disposition_names_the_file_after_the_actor():
    assert content_disposition("Vladimir Putin", "ics") == (
        "attachment; filename=\"vladimir-putin-timeline.ics\"; filename*=UTF-8''vladimir-putin-timeline.ics")


def test_exports_name_who_only_reported_an_event_apart_from_who_took_part():
    reported = event(8, "2024-06-18", "2024-06-18", "2024-06-18", "day", "Putin arrived in Pyongyang", actors=[
        {"id": 1, "name": "Vladimir Putin", "role": "participant"},
        {"id": 5, "name": "Kestrel Wire", "role": "source"},
        {"id": 2, "name": "Kim Jong Un"}])  # a view without roles: a participant
    (row,) = csv.DictReader(io.StringIO(to_csv([reported])))
    assert (row["actors"], row["reported_by"]) == ("Vladimir Putin; Kim Jong Un", "Kestrel Wire")
    calendar = icalendar.Calendar.from_ical(to_ics(ACTOR, [reported]))
    (item,) = calendar.walk("VEVENT")
    assert "With: Kim Jong Un\n" in str(item["DESCRIPTION"]) and "Reported by: Kestrel Wire" in str(item["DESCRIPTION"])
    (slide,) = to_timelinejs(ACTOR, [reported])["events"]
    assert "Reported by Kestrel Wire." in slide["text"]["text"] and "Kestrel Wire" not in slide["text"]["text"].split(
        "Reported by")[0]
