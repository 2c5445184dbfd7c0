"""Merging: two reports of one happening (shared actor, compatible date, similar trigger) become one."""

from dataclasses import replace
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


def with_text(when, actors, trigger, summary, offsets=(0, 0)):
    return Event(when, tuple(actors), summary, trigger, "occurred", summary, offsets)


@pytest.mark.parametrize(
    ("trigger_a", "trigger_b"),
    [
        ("die", "pass"),  # "passed away" reaches the rule as its verb
        ("retain", "keep"),
        ("ram", "plough"),
        ("thwart", "foil"),
        ("announce", "unveil"),
        ("unveil", "say"),
        ("escape", "flee"),
        ("inform", "letter"),  # "informed Congress" and "his letter to Congress"
        ("convict", "conviction"),  # a verb and its noun
        ("announce", "announcement"),
        ("arrive", "arrival"),
    ],
)
def test_near_synonym_triggers_of_one_actor_on_one_day_are_one_happening(trigger_a, trigger_b):
    a = event(day("2024-03-04"), ["Maria Lopez"], trigger_a)
    b = event(day("2024-03-04"), ["Maria Lopez"], trigger_b)
    assert same_happening(a, b) and same_happening(b, a)


@pytest.mark.parametrize(("trigger_a", "trigger_b"), [("win", "retain"), ("die", "announce"), ("sign", "meet")])
def test_triggers_of_different_kinds_are_not_similar(trigger_a, trigger_b):
    # even when the clauses say much the same around them (a place, an object)
    a = with_text(day("2024-03-04"), ["Maria Lopez"], trigger_a, "Maria Lopez at the Lisbon congress hall")
    assert not same_happening(a, replace(a, trigger=trigger_b))


def test_a_trigger_the_tables_do_not_know_joins_when_the_clauses_say_the_same():
    stop = with_text(MONDAY, ["Wes Kane", "Tom Reyes"], "stop", "Wes Kane stopped Tom Reyes in the sixth round")
    floor = with_text(MONDAY, ["Wes Kane", "Tom Reyes"], "floor", "Wes Kane floored Tom Reyes in the sixth round")
    elsewhere = with_text(MONDAY, ["Wes Kane"], "sponsor", "Wes Kane sponsored a charity gala downtown")
    assert same_happening(stop, floor)
    assert not same_happening(stop, elsewhere)


MONDAY = day("2024-06-10")


@pytest.mark.parametrize(
    ("in_the_month", "expected"),
    [
        # the same trigger, or a second actor in common (the place): the rest agrees strongly
        (with_text(JUNE, ["Tara Voss", "Pinegrove Clinic"], "check", "Tara Voss checked into Pinegrove Clinic in June"),
         True),
        (with_text(JUNE, ["Tara Voss"], "enter", "Tara Voss entered the Pinegrove rehab clinic in June"), True),
        # a similar trigger, but nothing else in common: a background mention of another happening that month
        (with_text(JUNE, ["Tara Voss"], "enter", "Tara Voss entered a dance contest in June"), False),
        (with_text(WEEK_24, ["Tara Voss"], "admit", "Tara Voss admitted to lying to her fans"), False),
    ],
)
def test_a_day_joins_a_month_that_contains_it_only_when_the_rest_agrees(in_the_month, expected):
    on_monday = with_text(MONDAY, ["Tara Voss", "Pinegrove Clinic"], "check",
                          "Tara Voss checked into the Pinegrove rehab clinic on Monday")
    assert same_happening(on_monday, in_the_month) is expected
    assert same_happening(in_the_month, on_monday) is expected


def test_two_days_never_merge_through_a_month():
    background = with_text(JUNE, ["Tara Voss", "Pinegrove Clinic"], "check", "Tara Voss checked into Pinegrove in June",
                           (0, 40))
    first = with_text(MONDAY, ["Tara Voss", "Pinegrove Clinic"], "check", "Tara Voss checked into Pinegrove on Monday",
                      (41, 90))
    second = with_text(day("2024-06-20"), ["Tara Voss", "Pinegrove Clinic"], "check",
                       "Tara Voss checked into Pinegrove again on June 20", (91, 140))
    merged = merge_article_events([background, first, second])
    assert [e.date.value for e in merged] == ["2024-06-10", "2024-06-20"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one actor, one day, two happenings of different kinds
        (with_text(MONDAY, ["Ana Ruiz", "Omar Haddad"], "meet", "Ana Ruiz met Omar Haddad at the palace on Monday"),
         with_text(MONDAY, ["Ana Ruiz"], "sign", "Ana Ruiz signed the housing bill into law on Monday")),
        (with_text(MONDAY, ["Ana Ruiz", "United States"], "meet", "Ana Ruiz met the delegation at the White House"),
         with_text(MONDAY, ["Ana Ruiz", "United States"], "sign", "Ana Ruiz signed the bill at the White House")),
        # two earthquakes on one day in different places
        (with_text(MONDAY, ["Chile"], "earthquake", "A magnitude 6.2 earthquake struck northern Chile"),
         with_text(MONDAY, ["Japan"], "quake", "A magnitude 6.2 quake struck off the coast of Japan")),
        (with_text(MONDAY, ["Red Cross", "Chile"], "earthquake", "An earthquake hit Chile, the Red Cross said"),
         with_text(MONDAY, ["Red Cross", "Japan"], "earthquake", "An earthquake hit Japan, the Red Cross said")),
        (with_text(MONDAY, ["Valparaiso"], "earthquake", "An earthquake shook Valparaiso"),
         with_text(MONDAY, ["Sendai"], "earthquake", "An earthquake shook Sendai")),
    ],
)
def test_different_happenings_stay_apart(a, b):
    assert not same_happening(a, b)
    assert not same_happening(b, a)
    assert len(merge_article_events([replace(a, offsets=(0, 10)), replace(b, offsets=(11, 20))])) == 2


def test_a_headline_dated_by_its_dateline_is_the_report_of_the_body_happening():
    published = date(2025, 3, 4)
    headline = with_text(day("2025-03-04"), ["Mark Carney", "Canada"], "announce",
                         "Carney announces steel tariffs. OTTAWA, March 4", (0, 60))
    body = with_text(day("2025-03-03"), ["Mark Carney"], "announce",
                     "Mark Carney announced on Monday that Canada would impose tariffs on steel", (61, 140))
    merged = merge_article_events([headline, body], published=published)
    assert [(e.date.value, e.actors, e.offsets) for e in merged] == [
        ("2025-03-03", ("Mark Carney", "Canada"), (61, 140)),
    ]
    # without the publication day (or dated otherwise) the headline stays an event of its own
    assert len(merge_article_events([headline, body])) == 2
    later = with_text(day("2025-03-01"), ["Mark Carney"], "travel", "Carney travelled to London on Saturday", (61, 99))
    assert len(merge_article_events([headline, later], published=published)) == 2
