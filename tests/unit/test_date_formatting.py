"""Event dates as people read them, at their granularity."""

from __future__ import annotations

import pytest

from services.web.formatting import group_by_year_and_month, human_date, machine_date, slug


@pytest.mark.parametrize(("value", "label"), [
    ("2024-06-18", "18 June 2024"),
    ("2024-06-18T10:00", "18 June 2024"),
    ("2024-05", "May 2024"),
    ("2000", "2000"),
    ("2024-W25", "Week of 17 June 2024"),
    ("2024-W25-WE", "Weekend of 22–23 June 2024"),
    ("2024-W26-WE", "Weekend of 29–30 June 2024"),
    ("2024-W27-WE", "Weekend of 6–7 July 2024"),
    ("2024-Q1", "Q1 2024"),
    ("2024-H2", "Second half of 2024"),
    ("2024-SU", "Summer 2024"),
    ("2024-WI", "Winter 2023–24"),
    ("199", "1990s"),
    ("20", "21st century"),
    ("19", "20th century"),
    ("2024-06-18/2024-06-19", "18–19 June 2024"),
    ("2024-06-30/2024-07-02", "30 June – 2 July 2024"),
    ("2023-12-30/2024-01-02", "30 December 2023 – 2 January 2024"),
    ("2024-05/2024-06", "May–June 2024"),
    ("2023-08/2024-02", "August 2023 – February 2024"),
    ("2020/2024", "2020–2024"),
    ("2024-Q1/2024-Q2", "Q1 2024 – Q2 2024"),
])
def test_labels(value, label):
    assert human_date(value) == label


def test_unknown_values_fall_back_to_the_interval():
    assert human_date("PAST_REF", "2024-06-01", "2024-06-03") == "1–3 June 2024"
    assert human_date("XXXX-06", "2024-06-01", "2024-06-01") == "1 June 2024"
    assert human_date("odd") == "Odd"


@pytest.mark.parametrize(("value", "start", "attribute"), [
    ("2024-06-18", "2024-06-18", "2024-06-18"),
    ("2024-05", "2024-05-01", "2024-05"),
    ("2000", "2000-01-01", "2000"),
    ("2024-W25", "2024-06-17", "2024-W25"),
    ("2024-W25-WE", "2024-06-22", "2024-06-22"),
    ("2024-06-18/2024-06-19", "2024-06-18", "2024-06-18"),
    ("199", "1990-01-01", "1990-01-01"),
])
def test_machine_dates_are_valid_html_datetime_values(value, start, attribute):
    assert machine_date(value, start) == attribute


def _event(value, start, end, granularity, event_id):
    return {"id": event_id, "date": {"value": value, "start": start, "end": end, "granularity": granularity}}


def test_grouping_keeps_date_order_and_gives_coarse_periods_their_own_heading():
    events = [
        _event("199", "1990-01-01", "1999-12-31", "decade", 1),
        _event("2000", "2000-01-01", "2000-12-31", "year", 2),
        _event("2024-Q2", "2024-04-01", "2024-06-30", "quarter", 3),
        _event("2024-05", "2024-05-01", "2024-05-31", "month", 4),
        _event("2024-05-17", "2024-05-17", "2024-05-17", "day", 5),
        _event("2024-W25-WE", "2024-06-22", "2024-06-23", "weekend", 6),
    ]
    years = group_by_year_and_month(events)
    outline = [(y.year, [(g.label, [e["id"] for e in g.events]) for g in y.groups]) for y in years]
    assert outline == [
        (1990, [("During the 1990s", [1])]),
        (2000, [("During 2000", [2])]),
        (2024, [("During Q2 2024", [3]), ("May", [4, 5]), ("June", [6])]),
    ]
    assert [g.key for g in years[2].groups] == ["period:2024-Q2", "2024-05", "2024-06"]


def test_slug_is_ascii():
    assert slug("Vladimir Putin") == "vladimir-putin"
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slug("金正恩") == "actor"
