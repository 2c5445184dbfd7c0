"""Which names become aliases of a stored actor, and how a matched report revises a stored event."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from services.extraction.model import Actor, Event, EventDate
from services.store.names import identity_keys, storable_aliases, surname
from services.store.revision import corroborated_confidence, outlet_of, revise


@pytest.mark.parametrize(("actor", "expected"), [
    (Actor("James Comey", "person", ("James Comey", "James", "Comey")), ["James Comey", "Comey"]),
    (Actor("Pedro Sanchez", "person", ("Pedro Sanchez",)), ["Pedro Sanchez", "Sanchez"]),
    (Actor("Olaf Scholz", "person", ("Chancellor Scholz", "Chancellor", "He", "the chancellor")),
     ["Olaf Scholz", "Scholz", "Chancellor Scholz"]),
    (Actor("Martin Luther King Jr.", "person", ("King",)), ["Martin Luther King Jr.", "King", "Martin Luther King Jr"]),
    # middle initials and stray marks dropped: how outlets vary a full name least
    (Actor("James B. Comey", "person", ()), ["James B. Comey", "Comey", "James Comey"]),
    (Actor("Donald J Trump", "person", ()), ["Donald J Trump", "Trump", "Donald Trump"]),
    (Actor("James B. ] Comey", "person", ()), ["James B. ] Comey", "Comey", "James Comey"]),
    (Actor("J. Smith", "person", ()), ["J. Smith", "Smith"]),
    (Actor("Comey", "person", ("Comey",)), ["Comey"]),
    (Actor("Mondelez International", "organisation", ("Mondelez", "the company", "It")),
     ["Mondelez International", "Mondelez"]),
    (Actor("Spain", "place", ("Spanish", "Madrid")), ["Spain", "Spanish", "Madrid"]),
    # a longer alias of a full-named person ends with the surname, or with the first word of a name written
    # surname first; others name someone else (a fused "Hillary Clinton Donald Trump") or only given names
    (Actor("Hillary Clinton Donald Trump", "person", ("Trump", "Donald Trump", "Hillary Clinton")),
     ["Hillary Clinton Donald Trump", "Trump", "Donald Trump"]),
    (Actor("George W Bush", "person", ("Bush", "George W")), ["George W Bush", "Bush", "George Bush"]),
    (Actor("Xi Jinping", "person", ("President Xi", "Xi")), ["Xi Jinping", "Jinping", "President Xi"]),
    (Actor("Sammy Davis Jr.", "person", ("Sammy Davis Jr", "Mr Davis")),
     ["Sammy Davis Jr.", "Davis", "Sammy Davis Jr", "Mr Davis"]),
])
def test_only_identifying_names_are_stored_as_aliases(actor, expected):
    assert storable_aliases(actor) == expected


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("James Comey", "person", "Comey"),
    ("James B. Comey", "person", "Comey"),
    ("Sammy Davis Jr.", "person", "Davis"),
    ("Comey", "person", None),
    ("North Korea", "place", None),
])
def test_surname_is_the_last_word_of_a_full_person_name(name, kind, expected):
    assert surname(name, kind) == expected


def test_a_full_name_and_its_surname_lock_the_same_key():
    assert identity_keys(Actor("James Comey", "person")) == identity_keys(Actor("Comey", "person")) == ["comey"]


def _day(value: str) -> EventDate:
    d = date.fromisoformat(value)
    return EventDate(value, d, d, "day")


MARCH = EventDate("2026-03", date(2026, 3, 1), date(2026, 3, 31), "month")


def _event(when: EventDate, status: str, confidence: float = 0.8) -> Event:
    return Event(when, ("Mark Carney",), "visit", "Carney visits Paris", status, "s", (0, 1), confidence)


@pytest.mark.parametrize(("stored", "report", "published", "expected_date", "expected_status"), [
    # planned, then a report that it happened, published on or after the day: occurred
    (_event(_day("2026-11-20"), "planned"), _event(_day("2026-11-20"), "occurred"), "2026-11-21", "2026-11-20",
     "occurred"),
    (_event(_day("2026-11-20"), "planned"), _event(_day("2026-11-20"), "occurred"), "2026-11-20", "2026-11-20",
     "occurred"),
    # a report published before the date cannot make it happened
    (_event(_day("2026-11-20"), "planned"), _event(_day("2026-11-20"), "occurred"), "2026-11-19", "2026-11-20",
     "planned"),
    # a later plan does not undo what happened
    (_event(_day("2026-11-20"), "occurred"), _event(_day("2026-11-20"), "planned"), "2026-11-21", "2026-11-20",
     "occurred"),
    # the finer date wins, whichever came first
    (_event(MARCH, "occurred"), _event(_day("2026-03-03"), "occurred", 0.6), "2026-04-01", "2026-03-03", "occurred"),
    (_event(_day("2026-03-03"), "occurred", 0.6), _event(MARCH, "occurred"), "2026-04-01", "2026-03-03", "occurred"),
])
def test_a_matching_report_revises_date_and_status(stored, report, published, expected_date, expected_status):
    revision = revise(stored, report, datetime.fromisoformat(published), datetime(2026, 1, 1))
    assert (revision.date.value, revision.status) == (expected_date, expected_status)
    assert revision.report_confidence == max(stored.confidence, report.confidence)


NIGHT = EventDate("2026-11-02TNI", date(2026, 11, 2), date(2026, 11, 2), "day")


@pytest.mark.parametrize(("stored_confidence", "report_confidence"), [(0.8, 0.8), (0.6, 0.8), (0.8, 0.6)])
def test_two_values_for_the_same_day_give_the_more_detailed_one_in_either_order(stored_confidence,
                                                                                report_confidence):
    day_report, night_report = _event(_day("2026-11-02"), "occurred", stored_confidence), _event(
        NIGHT, "occurred", report_confidence)
    published, first = datetime(2026, 11, 3), datetime(2026, 11, 3)
    assert revise(day_report, night_report, published, first).date == NIGHT
    assert revise(night_report, day_report, published, first).date == NIGHT


def _worded(trigger: str, summary: str) -> Event:
    return Event(_day("2026-11-16"), ("Mark Carney",), summary, trigger, "occurred", "s", (0, 1), 0.8)


@pytest.mark.parametrize(("stored_at", "report_at", "expected"), [
    ("2026-11-18", "2026-11-17", "announce"),  # an earlier report's wording takes over
    ("2026-11-17", "2026-11-18", "say"),       # a later one's does not
    ("2026-11-17", "2026-11-17", "announce"),  # same time: the wording decides, not the arrival
])
def test_the_wording_is_the_first_reports_whatever_the_arrival_order(stored_at, report_at, expected):
    stored, report = _worded("say", "Carney said tariffs would come"), _worded("announce", "Carney announced tariffs")
    revision = revise(stored, report, datetime.fromisoformat(report_at), datetime.fromisoformat(stored_at))
    assert revision.trigger == expected
    swapped = revise(report, stored, datetime.fromisoformat(stored_at), datetime.fromisoformat(report_at))
    assert swapped.trigger == expected


@pytest.mark.parametrize(("report_confidence", "outlets", "expected"), [
    (0.8, 1, 0.8), (0.8, 2, 0.9), (0.8, 3, 0.95), (0.5, 2, 0.75), (0.8, 0, 0.8),
])
def test_confidence_rises_with_independent_outlets(report_confidence, outlets, expected):
    assert corroborated_confidence(report_confidence, outlets) == expected


@pytest.mark.parametrize(("source", "url", "article_id", "expected"), [
    ("Reuters", "https://www.example.com/a", 1, "source:reuters"),
    (" reuters ", None, 2, "source:reuters"),
    (None, "https://www.Example.com/a?x=1", 3, "host:example.com"),
    ("", "https://news.example.org/b", 4, "host:news.example.org"),
    (None, None, 5, "article:5"),
])
def test_the_outlet_is_the_source_else_the_host_else_the_article(source, url, article_id, expected):
    assert outlet_of(source, url, article_id) == expected
