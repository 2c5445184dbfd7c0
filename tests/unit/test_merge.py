"""Merging: two reports of one happening (shared actor, compatible date, similar trigger) become one."""

from datetime import date

import pytest

from services.extraction.merge import (
    compatible_dates,
    find_same_happening,
    merge_article_events,
    same_happening,
)
from services.extraction.model import Event, EventDate


def day(value):
    d = date.fromisoformat(value)
    return EventDate(value, d, d, "day")


WEEK_24 = EventDate("2024-W24", date(2024, 6, 10), date(2024, 6, 16), "week")
JUNE = EventDate("2024-06", date(2024, 6, 1), date(2024, 6, 30), "month")
YEAR = EventDate("2024", date(2024, 1, 1), date(2024, 12, 31), "year")
TWO_DAYS = EventDate("2024-06-18/2024-06-19", date(2024, 6, 18), date(2024, 6, 19), "day")


def event(when, actors, trigger, summary="", status="occurred"):
    # As the store rebuilds them: no sentence, no offsets.
    return Event(when, tuple(actors), summary, trigger, status, "", (0, 0))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (day("2024-06-12"), day("2024-06-12"), True),
        (day("2024-06-12"), WEEK_24, True),
        (WEEK_24, day("2024-06-12"), True),
        (day("2024-06-12"), JUNE, True),
        (day("2024-06-12"), YEAR, False),  # a year is too coarse to say it is the same happening
        (day("2024-06-19"), TWO_DAYS, True),
        (day("2024-06-20"), TWO_DAYS, False),
        (YEAR, YEAR, True),
    ],
)
def test_compatible_dates(a, b, expected):
    assert compatible_dates(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (event(day("2016-11-09"), ["Donald Trump"], "win"), event(day("2016-11-09"), ["Donald Trump"], "victory"), True),
        (event(day("2024-06-18"), ["Vladimir Putin"], "visit"), event(TWO_DAYS, ["Vladimir Putin"], "travel"), True),
        (event(day("2024-06-18"), ["Vladimir Putin"], "visit"), event(day("2024-06-18"), ["Xi Jinping"], "visit"), False),
        (event(day("2024-06-18"), ["Vladimir Putin"], "visit"), event(day("2024-06-25"), ["Vladimir Putin"], "visit"), False),
        (event(day("2024-06-18"), ["Vladimir Putin"], "visit"), event(day("2024-06-18"), ["Vladimir Putin"], "veto"), False),
        (
            event(day("2016-11-09"), ["Croydon"], "derail", "A tram derailed in Croydon killing seven people"),
            event(day("2016-11-09"), ["Croydon"], "happen", "The tram derailed in Croydon, killing seven people"),
            True,
        ),
    ],
)
def test_same_happening(a, b, expected):
    assert same_happening(a, b) is expected
    assert same_happening(b, a) is expected


def test_different_places_on_overlapping_dates_are_different_trips():
    to_pyongyang = event(TWO_DAYS, ["Vladimir Putin", "North Korea"], "travel")
    to_hanoi = event(day("2024-06-19"), ["Vladimir Putin", "Vietnam"], "travel")
    places = frozenset({"North Korea", "Vietnam"})
    assert not same_happening(to_pyongyang, to_hanoi, places=places)


def test_find_same_happening_returns_the_closest_candidate():
    new = event(day("2016-11-09"), ["Donald Trump", "United States"], "win", "Trump wins the election")
    candidates = [
        event(day("2016-11-09"), ["Hillary Clinton"], "concede"),
        event(JUNE, ["Donald Trump"], "win"),
        event(day("2016-11-09"), ["Donald Trump"], "election", "Trump wins the presidential election"),
    ]
    assert find_same_happening(new, candidates) == 2
    assert find_same_happening(event(day("2016-11-10"), ["Nobody"], "win"), candidates) is None


def test_article_events_about_one_happening_merge_with_all_actors():
    merged = merge_article_events(
        [
            event(day("2024-06-18"), ["Vladimir Putin", "North Korea"], "visit"),
            event(day("2024-06-18"), ["Vladimir Putin", "Kim Jong Un"], "travel"),
            event(day("2024-06-19"), ["Vladimir Putin", "Vietnam"], "travel"),
        ],
        places=frozenset({"North Korea", "Vietnam"}),
    )
    assert [(e.date.value, e.actors) for e in merged] == [
        ("2024-06-18", ("Vladimir Putin", "North Korea", "Kim Jong Un")),
        ("2024-06-19", ("Vladimir Putin", "Vietnam")),
    ]


def test_countries_are_known_places_without_actor_kinds():
    to_pyongyang = event(TWO_DAYS, ["Vladimir Putin", "North Korea"], "travel")
    to_hanoi = event(day("2024-06-19"), ["Vladimir Putin", "Vietnam"], "travel")
    assert not same_happening(to_pyongyang, to_hanoi)


@pytest.mark.parametrize(
    ("a", "b"),
    [("James B. Comey", "James Comey"), ("Donald J. Trump", "Donald Trump"), ("U.S.", "US"), ("Hebei Province", "Hebei")],
)
def test_outlets_spelling_a_name_differently_still_share_the_actor(a, b):
    assert same_happening(event(day("2016-11-06"), [a], "announce"), event(day("2016-11-06"), [b], "say"))


def test_meetings_with_different_counterparts_on_one_day_are_two_meetings():
    with_obama = event(day("2016-11-10"), ["Donald Trump", "Barack Obama"], "meet")
    with_ryan = event(day("2016-11-10"), ["Donald Trump", "Paul Ryan"], "meet")
    obama_again = event(day("2016-11-10"), ["Donald Trump", "Barack Obama", "Oval Office"], "meeting")
    assert not same_happening(with_obama, with_ryan)
    assert same_happening(with_obama, obama_again)
