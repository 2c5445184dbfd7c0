"""A stored event is compared through itself and each distinct report of its sources (`Candidate.compared`)."""

from __future__ import annotations

from datetime import date

from services.extraction.model import Event, EventDate
from services.store.events import Candidate, SourceReport

DAY = EventDate("2026-05-14", date(2026, 5, 14), date(2026, 5, 14), "day")
MONTH = EventDate("2026-05", date(2026, 5, 1), date(2026, 5, 31), "month")
STORED = Event(DAY, ("Ilse Marwood",), "Ilse Marwood met the harbour union", "meet", "occurred", "", (0, 0), 0.8)


def candidate(*reports: SourceReport) -> Candidate:
    return Candidate(1, STORED, "f", frozenset(), frozenset({1}), None, reports=reports)


def test_each_distinct_report_is_compared_with_the_events_actors():
    talks = SourceReport(MONTH, "broker", "Ilse Marwood brokered talks in May", "occurred")
    views = candidate(SourceReport(DAY, "meet", STORED.summary, "occurred"), talks, talks).compared()
    assert [(v.trigger, v.date.value, v.actors) for v in views] == [
        ("meet", "2026-05-14", ("Ilse Marwood",)), ("broker", "2026-05", ("Ilse Marwood",))]


def test_a_report_that_only_says_something_happened_links_nothing():
    views = candidate(SourceReport(DAY, "occur", "The meeting occurred at noon", "occurred")).compared()
    assert [v.trigger for v in views] == ["meet"]
