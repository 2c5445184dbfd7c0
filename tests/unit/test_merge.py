"""Merging: two reports of one happening (shared actor, compatible date, similar trigger) become one."""

from dataclasses import replace
from datetime import date

import pytest

from services.extraction.merge import (
    calendar_week_before,
    compatible_dates,
    find_same_happening,
    last_week_read_loosely,
    merge_article_events,
    near_names,
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
            event(day("2019-03-05"), ["Harwick"], "derail", "A train derailed in Harwick killing four people"),
            event(day("2019-03-05"), ["Harwick"], "happen", "The train derailed in Harwick, killing four people"),
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
        ("riot", "clash"),  # unrest
        ("protest", "demonstration"),
        ("hurl", "throw"),
        ("heist", "robbery"),  # a theft
        ("steal", "raid"),
        ("damage", "devastate"),
        ("choose", "choice"),
        ("stop", "stoppage"),  # a fight stopped
        ("post", "comment"),  # a statement on social media: "posted on its page", "commented online"
        ("tweet", "say"),
        ("lose", "loss"),  # "lost the final" and "the loss came in 2003"
        ("block", "ruling"),  # a regulator's decision told by what it decided, or as a ruling
        ("prohibit", "decision"),
        ("ban", "rule"),
        ("find", "convict"),  # "was found guilty on Friday" and "was convicted on Friday"
        ("verdict", "acquit"),
        ("game", "draw"),  # "Saturday's game" and "drew 1-1 on Saturday"
        ("match", "beat"),
        ("fixture", "lose"),
        ("trip", "game"),  # an away match: "Tuesday's trip to Dunmore" and "the game at Dunmore"
        ("report", "publish"),  # "the review will report by March" and "will publish its findings in March"
        ("evidence", "tell"),  # "gave evidence on Friday" and "told the jury on Friday"
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


def test_staying_somewhere_is_no_visit():
    # "stay" names where people remain, not a journey: a minister's planned visit to a town and its residents'
    # night in shelters, both of that town and that day, are two happenings
    visit = with_text(day("2024-03-04"), ["Carla Reyes", "Millford"], "visit", "Carla Reyes will visit Millford tomorrow.")
    stay = with_text(day("2024-03-04"), ["Millford"], "stay", "About 400 people in Millford will stay in shelters tonight.")
    assert not same_happening(visit, stay) and not same_happening(stay, visit)


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


def test_a_lede_dated_by_its_own_weekday_is_no_headline_over_an_earlier_report():
    published = date(2026, 4, 16)
    lede = with_text(day("2026-04-16"), ["Quillon Systems"], "say",
                     "Quillon Systems said Thursday it would cut 1,200 jobs.", (0, 54))
    earlier = with_text(day("2026-01-14"), ["Quillon Systems"], "announce",
                        "The company announced in January that it would close its plant.", (55, 120))
    assert len(merge_article_events([lede, earlier], published=published)) == 2


def test_a_sentence_is_a_happening_apart_from_the_verdict_before_it():
    # a first line dated by its own "today" is the day's sentencing, not a headline over the earlier verdict
    published = date(2025, 9, 12)
    lede = with_text(day("2025-09-12"), ["Ivo Marsh"], "jail", "Ivo Marsh was jailed for four years today.", (0, 42))
    verdict = with_text(day("2025-08-01"), ["Ivo Marsh"], "convict", "Marsh was convicted on August 1.", (43, 76))
    assert len(merge_article_events([lede, verdict], published=published)) == 2
    assert not same_happening(replace(lede, date=verdict.date), verdict)


def timed(value):
    """A day with a time of day ("2024-06-13TNI", "2024-06-14T01:30"): the interval is still the day."""
    d = date.fromisoformat(value[:10])
    return EventDate(value, d, d, "day")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Duncan Rait", "Duncan Raite", True),
        ("Marta Kowalska", "Marta Kowalski", True),
        ("Duncan Rait", "Duncan Reid", False),  # two letters apart
        ("Game 6", "Game 7", False),  # numbers are not spellings
        ("Ann Lee", "Ann Lea", False),  # too short to tell a spelling from another name
        ("Duncan Rait", "Morag Raite", False),  # another word differs too
    ],
)
def test_near_names_are_spellings_one_letter_apart(a, b, expected):
    assert near_names(a, b) is expected
    assert near_names(b, a) is expected


CLIMB = "On Friday the 36-year-old guide died after a fall from the north ridge"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # outlets spelling one name two ways, the same day and wording
        (with_text(MONDAY, ["Duncan Rait"], "die", CLIMB), with_text(MONDAY, ["Duncan Raite"], "die", CLIMB), True),
        # no actor in common, but one day, one kind of happening and much the same clause
        (with_text(MONDAY, ["Coast Guard"], "thwart",
                   "The coast guard thwarted a night raid by armed smugglers on two cargo ships near the harbour"),
         with_text(MONDAY, ["Port Authority", "Harbour Police"], "foil",
                   "Harbour police foiled a night raid by armed smugglers on two cargo ships"), True),
        # ... on another day it is another raid
        (with_text(MONDAY, ["Coast Guard"], "thwart",
                   "The coast guard thwarted a night raid by armed smugglers on two cargo ships near the harbour"),
         with_text(day("2024-06-11"), ["Harbour Police"], "foil",
                   "Harbour police foiled a night raid by armed smugglers on two cargo ships"), False),
        # too little said to tell two earthquakes apart
        (with_text(MONDAY, ["Valparaiso"], "earthquake", "An earthquake shook Valparaiso"),
         with_text(MONDAY, ["Sendai"], "earthquake", "An earthquake shook Sendai"), False),
    ],
)
def test_reports_that_share_no_actor_join_only_on_one_day_and_one_clause(a, b, expected):
    assert same_happening(a, b) is expected
    assert same_happening(b, a) is expected


def test_two_people_doing_the_same_on_one_day_are_two_happenings():
    first = with_text(MONDAY, ["Piotr Nowak"], "arrest", "Piotr Nowak was arrested in connection with the tram crash")
    second = with_text(MONDAY, ["Karl Weiss"], "arrest", "Karl Weiss was arrested in connection with the tram crash")
    people = frozenset({"Piotr Nowak", "Karl Weiss"})
    assert not same_happening(first, second, people=people)
    # without knowing who is a person, the same clause joins them (the store always knows)
    assert same_happening(first, second)


@pytest.mark.parametrize(
    ("in_the_year", "expected"),
    [
        # a second actor in common: the strong agreement a year asks for
        (with_text(YEAR, ["Tom Hale", "Lerwick"], "conviction", "Tom Hale's 2024 conviction for arson in Lerwick"),
         True),
        # or what the clauses say
        (with_text(YEAR, ["Tom Hale"], "convict", "Hale was convicted of arson at the Lerwick ferry terminal"), True),
        # a similar trigger alone is not enough: another conviction that year
        (with_text(YEAR, ["Tom Hale"], "convict", "Hale was convicted of drink driving"), False),
    ],
)
def test_a_day_joins_a_year_that_contains_it_only_on_strong_agreement(in_the_year, expected):
    on_the_day = with_text(day("2024-06-12"), ["Tom Hale", "Lerwick"], "convict",
                           "Tom Hale was convicted of arson at the Lerwick ferry terminal on Wednesday")
    assert same_happening(on_the_day, in_the_year) is expected
    assert same_happening(in_the_year, on_the_day) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Thursday night and the small hours of Friday: one night, one check-in
        (event(timed("2024-06-13TNI"), ["Tara Voss", "Pinegrove Clinic"], "check"),
         event(timed("2024-06-14T01:30"), ["Tara Voss", "Pinegrove Clinic"], "check"), True),
        # "checked in today" from a time zone where the small hours of Friday were still Thursday
        (event(day("2024-06-13"), ["Tara Voss", "Pinegrove Clinic"], "check"),
         event(timed("2024-06-14T01:30"), ["Tara Voss", "Pinegrove Clinic"], "check"), True),
        # two whole days in a row are two happenings
        (event(day("2024-06-13"), ["Tara Voss", "Pinegrove Clinic"], "check"),
         event(day("2024-06-14"), ["Tara Voss", "Pinegrove Clinic"], "check"), False),
        # the small hours of the day before the night do not join it
        (event(timed("2024-06-13T01:30"), ["Tara Voss", "Pinegrove Clinic"], "check"),
         event(timed("2024-06-14TNI"), ["Tara Voss", "Pinegrove Clinic"], "check"), False),
        # a person dies once: a day apart (time zones, "this morning") is one death
        (event(day("2024-06-06"), ["Ada Brook"], "die"), event(timed("2024-06-07TMO"), ["Ada Brook"], "pass"), True),
        # but a bill passed on two days is two votes, and two games won on two nights are two wins
        (event(day("2024-06-06"), ["Senate"], "pass"), event(day("2024-06-07"), ["Senate"], "pass"), False),
        (event(day("2024-06-06"), ["Oak Hill", "River City"], "win"),
         event(day("2024-06-07"), ["Oak Hill", "River City"], "win"), False),
    ],
)
def test_next_days_are_one_happening_only_across_one_night_or_for_one_death(a, b, expected):
    assert same_happening(a, b) is expected
    assert same_happening(b, a) is expected


def test_a_trip_for_talks_and_the_talks_are_one_happening():
    trip = with_text(MONDAY, ["Ana Ruiz", "Omar Haddad", "Spain"], "travel",
                     "Ana Ruiz will travel to Madrid for talks with Omar Haddad", )
    talks = with_text(MONDAY, ["Ana Ruiz", "Omar Haddad", "Spain"], "meet", "Ana Ruiz met Omar Haddad in Madrid")
    signing = with_text(MONDAY, ["Ana Ruiz", "Spain"], "sign", "Ana Ruiz signed the state budget for the region")
    assert same_happening(replace(trip, status="planned"), talks)
    assert not same_happening(talks, signing)


def test_people_of_their_own_with_only_a_place_in_common_are_two_happenings():
    first = with_text(MONDAY, ["Piotr Nowak", "Leeds"], "arrest", "Piotr Nowak was arrested in Leeds")
    second = with_text(MONDAY, ["Karl Weiss", "Leeds"], "arrest", "Karl Weiss was arrested in Leeds")
    assert not same_happening(first, second, people=frozenset({"Piotr Nowak", "Karl Weiss"}))
    same_man = with_text(MONDAY, ["Piotr Nowak", "Leeds"], "detain", "Police detained Nowak in Leeds")
    assert same_happening(first, same_man, people=frozenset({"Piotr Nowak"}))


def test_helping_a_side_to_a_title_and_the_title_win_are_one_happening():
    helped = with_text(YEAR, ["Tomas Brandt", "Halden Rovers"], "help",
                       "Tomas Brandt helped Halden Rovers to the league championship")
    won = with_text(YEAR, ["Tomas Brandt", "Halden Rovers"], "victory", "Halden Rovers' title victory with Brandt")
    assert same_happening(helped, won) and same_happening(won, helped)
    # What the help led to must be the other's kind of happening: help to a final is not the transfer.
    to_final = with_text(YEAR, ["Tomas Brandt", "Halden Rovers"], "help", "Tomas Brandt helped Halden Rovers to the cup final")
    transfer = with_text(YEAR, ["Tomas Brandt", "Halden Rovers"], "sign", "Halden Rovers signed Tomas Brandt")
    assert not same_happening(to_final, transfer)
    assert not same_happening(to_final, won)


NEAR_MISS = with_text(MONDAY, ["Oskar Lind", "Harbury"], "write",
                      "Oskar Lind, from Harbury, wrote that the ferry nearly capsized on Monday", (0, 70))


@pytest.mark.parametrize(
    ("second", "triggers"),
    [
        # a copula clause on the very day, sharing the town: where someone was during the happening
        (with_text(MONDAY, ["Greta Moll", "Harbury"], "be", "Greta Moll, also from Harbury, said she too was on the ferry",
                   (71, 130)), ["write"]),
        # another day: a happening of its own
        (with_text(day("2024-06-11"), ["Greta Moll", "Harbury"], "be", "Greta Moll was on the ferry on Tuesday",
                   (71, 130)), ["write", "be"]),
        # a week is no day: "was in Harbury that week" tells of no one happening
        (with_text(WEEK_24, ["Greta Moll", "Harbury"], "be", "Greta Moll was in Harbury that week", (71, 130)),
         ["write", "be"]),
        # nobody in common
        (with_text(MONDAY, ["Greta Moll"], "be", "Greta Moll was in Calder on Monday", (71, 130)), ["write", "be"]),
        # a verb that names a happening keeps its own rule: a write and an arrest on one day stay two
        (with_text(MONDAY, ["Greta Moll", "Harbury"], "arrest", "Greta Moll was arrested in Harbury on Monday",
                   (71, 130)), ["write", "arrest"]),
    ],
)
def test_a_copula_clause_on_the_day_of_a_happening_in_one_article_tells_who_was_there(second, triggers):
    for events in ([NEAR_MISS, second], [second, NEAR_MISS]):
        merged = merge_article_events(events)
        assert sorted(e.trigger for e in merged) == sorted(triggers)
        if len(merged) == 1:
            assert merged[0].summary == NEAR_MISS.summary
            assert set(merged[0].actors) == {"Oskar Lind", "Harbury", "Greta Moll"}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # one collapse: one report names the injured, another the dead
        (with_text(MONDAY, ["Tarnow", "Ewa Kowal", "Jan Bielak"], "derail", "A tram derailed in Tarnow"),
         with_text(MONDAY, ["Tarnow", "Olga Marek"], "crash", "Olga Marek died in the crash in Tarnow"), True),
        # two arrests in one town still are two
        (with_text(MONDAY, ["Tarnow", "Ewa Kowal"], "arrest", "Ewa Kowal was arrested in Tarnow"),
         with_text(MONDAY, ["Tarnow", "Olga Marek"], "arrest", "Olga Marek was arrested in Tarnow"), False),
    ],
)
def test_an_incident_reported_with_different_casualties_is_one_happening(first, second, expected):
    people = frozenset({"Ewa Kowal", "Jan Bielak", "Olga Marek"})
    assert same_happening(first, second, people=people) is expected
    assert same_happening(second, first, people=people) is expected


# Reports that name nobody taking part: only their source ("..., the agency said"), a pronoun, or nothing.
FLOOD_SUNDAY = event(day("2024-03-10"), ["Valdora"], "flood", "Heavy rain flooded the lowlands of Valdora on Sunday")
FLOOD_AT_DAWN = replace(event(timed("2024-03-10T05:20"), [], "flood", "It flooded the town at 5:20 a.m."),
                        reported_by=("Weather Service",))


def sentences(*events):
    """The events as sentences of one text, one after the other (one sentence's phrases merge by offsets)."""
    return [replace(e, offsets=(100 * i, 100 * i + 90)) for i, e in enumerate(events)]


def test_a_report_naming_nobody_joins_the_one_report_of_its_kind_on_its_day():
    (merged,) = merge_article_events(sentences(FLOOD_SUNDAY, FLOOD_AT_DAWN))
    assert merged.summary == FLOOD_SUNDAY.summary  # the named report's wording stands
    assert merged.actors == ("Valdora",)
    assert merged.date.value == "2024-03-10T05:20"  # the finer time is added
    assert merged.reported_by == ("Weather Service",)


@pytest.mark.parametrize(
    ("others", "why"),
    [
        # two floods of that day: which one "it" was the text does not say
        ([FLOOD_SUNDAY, event(day("2024-03-10"), ["Porto Lene"], "flood", "The river flooded Porto Lene on Sunday")],
         "two candidates"),
        ([replace(FLOOD_SUNDAY, date=day("2024-03-09"))], "another day"),
        ([event(day("2024-03-10"), ["Valdora"], "elect", "Valdora elected a mayor on Sunday")], "another kind"),
        ([replace(FLOOD_SUNDAY, status="planned")], "a planned happening"),
        ([replace(FLOOD_SUNDAY, date=timed("2024-03-10T09:00"))], "another time of that day"),
    ],
)
def test_a_report_naming_nobody_stays_apart_without_exactly_one_fit(others, why):
    assert len(merge_article_events(sentences(*others, FLOOD_AT_DAWN))) == len(others) + 1, why


def test_a_statement_whose_speaker_goes_unnamed_stays_apart():
    announced = event(day("2024-03-10"), ["Mayor Ines Corra"], "announce", "Mayor Ines Corra announced a curfew on Sunday")
    unnamed = event(day("2024-03-10"), [], "announce", "Schools will stay shut, it was announced on Sunday")
    assert len(merge_article_events(sentences(announced, unnamed))) == 2


def test_a_report_saying_only_that_something_happened_names_no_kind():
    happened = event(timed("2024-03-10T05:20"), [], "happen", "It happened at 5:20 a.m.")
    assert len(merge_article_events(sentences(FLOOD_SUNDAY, happened))) == 2


def test_across_articles_a_report_naming_nobody_joins_the_one_candidate_that_fits():
    fire = event(day("2024-03-10"), ["Kelby Mill"], "blaze", "A blaze gutted Kelby Mill on Sunday")
    election = event(day("2024-03-10"), ["Valdora"], "vote", "Valdora voted on Sunday")
    burned_at_noon = event(timed("2024-03-10T12:00"), [], "fire", "The fire broke out at noon")
    assert find_same_happening(burned_at_noon, [election, fire]) == 1
    assert find_same_happening(burned_at_noon, [fire, replace(fire, actors=("Orrin Depot",))]) is None
    # and the other way round: the report that names the mill takes in the one stored report naming nobody
    assert find_same_happening(fire, [election, burned_at_noon]) == 1


HIKER_FELL = event(day("2024-08-03"), ["Tamsin Orrell"], "fall", "Tamsin Orrell fell 200 metres from the ridge on Saturday")
FELL_NEAR_HUT = event(day("2024-08-03"), ["Corrie Hut"], "fall", "The climber fell in thick fog near the Corrie Hut")
HIKER = frozenset({"Tamsin Orrell"})


def test_across_articles_a_report_naming_only_a_place_joins_the_one_candidate_naming_the_person():
    election = event(day("2024-08-03"), ["Brenna Quill"], "elect", "Brenna Quill was elected on Saturday")
    assert find_same_happening(FELL_NEAR_HUT, [election, HIKER_FELL], people=HIKER | {"Brenna Quill"}) == 1
    # and the other way round: the report that names the hiker takes in the one stored report naming nobody else
    assert find_same_happening(HIKER_FELL, [election, FELL_NEAR_HUT], people=HIKER | {"Brenna Quill"}) == 1


@pytest.mark.parametrize(
    ("near_hut", "others", "why"),
    [
        (FELL_NEAR_HUT, [HIKER_FELL, replace(HIKER_FELL, actors=("Ivo Brannagh",))], "two people fell that day"),
        (FELL_NEAR_HUT, [replace(HIKER_FELL, date=day("2024-08-04"))], "another day"),
        (FELL_NEAR_HUT, [replace(HIKER_FELL, status="planned")], "a planned happening"),
        # unknown as a person, the other side names no one the report could be of
        (FELL_NEAR_HUT, [replace(HIKER_FELL, actors=("Ridge Rescue Team",))], "no person on either side"),
        # "a climber" is someone the outlet introduces, not the person another one named
        (replace(FELL_NEAR_HUT, summary="A climber fell in thick fog near the Corrie Hut"), [HIKER_FELL],
         "no described person"),
        (replace(FELL_NEAR_HUT, trigger="say", summary="The hut warden said on Saturday the path was closed"),
         [replace(HIKER_FELL, trigger="say", summary="Tamsin Orrell said on Saturday she would climb")],
         "statements"),
    ],
)
def test_a_report_naming_only_a_place_stays_apart_without_exactly_one_fit(near_hut, others, why):
    people = HIKER | {"Ivo Brannagh"}
    assert find_same_happening(near_hut, others, people=people) is None, why


@pytest.mark.parametrize(
    ("week", "published", "expected"),
    [
        # a Sunday's "last week" (the week of 18-24 March) may mean the Tuesday five days before
        (EventDate("2024-W12", date(2024, 3, 18), date(2024, 3, 24), "week"), date(2024, 3, 31),
         (date(2024, 3, 24), date(2024, 3, 30))),
        # a Monday's "last week" is the calendar week itself
        (EventDate("2024-W12", date(2024, 3, 18), date(2024, 3, 24), "week"), date(2024, 3, 25),
         (date(2024, 3, 18), date(2024, 3, 24))),
        # "this week" and a week further back are no "last week"
        (EventDate("2024-W13", date(2024, 3, 25), date(2024, 3, 31), "week"), date(2024, 3, 27), None),
        (EventDate("2024-W11", date(2024, 3, 11), date(2024, 3, 17), "week"), date(2024, 3, 27), None),
        # a month or a weekend is no week
        (JUNE, date(2024, 7, 3), None),
        (EventDate("2024-W12-WE", date(2024, 3, 23), date(2024, 3, 24), "weekend"), date(2024, 3, 26), None),
    ],
)
def test_last_week_read_loosely_is_the_seven_days_before_the_report(week, published, expected):
    loose = last_week_read_loosely(week, published)
    assert (None if loose is None else (loose.start, loose.end)) == expected


@pytest.mark.parametrize(
    ("day_value", "expected"),
    [
        ("2024-03-26", "2024-W12"),  # a Tuesday: a report of Wednesday to Sunday may call it "last week"
        ("2024-03-25", "2024-W12"),  # a Monday
        ("2024-03-31", None),  # a Sunday: whoever calls it "last week" writes in the next week, where it is W13
        ("2024-01-02", "2023-W52"),  # across the year
    ],
)
def test_calendar_week_before_a_day_is_where_a_later_report_may_put_it(day_value, expected):
    week = calendar_week_before(day(day_value))
    assert (None if week is None else week.value) == expected
    if week is not None:
        assert week.end.weekday() == 6 and (week.end - week.start).days == 6


def test_calendar_week_before_is_for_days_only():
    assert calendar_week_before(JUNE) is None


def test_a_day_of_the_past_seven_joins_last_week_read_loosely_only_on_strong_agreement():
    sunday = date(2024, 3, 31)
    last_week = last_week_read_loosely(EventDate("2024-W12", date(2024, 3, 18), date(2024, 3, 24), "week"), sunday)
    tuesday = day("2024-03-26")
    escaped = event(tuesday, ["Rolf Ambers"], "escape", "Rolf Ambers escaped from a prison bus on Tuesday")
    assert same_happening(event(last_week, ["Rolf Ambers"], "escape", "He escaped last week"), escaped)
    # one actor in common and another kind of happening: a different one of those days
    assert not same_happening(event(last_week, ["Rolf Ambers"], "testify", "He testified last week"), escaped)


def test_a_country_named_by_its_people_is_a_shared_place():
    # Invented: one outlet names the coastguard, the other the ship; one says "Eritrean smugglers", the other "Eritrea".
    coastguard = event(day("2024-06-12"), ["Harbour Coastguard"], "thwart",
                       "thwarted a night landing by Eritrean smugglers near the cape")
    ship = event(day("2024-06-12"), ["Eritrea", "Valdora"], "foil",
                 "the patrol ship Valdora foiled a smuggling attempt off Eritrea")
    assert same_happening(coastguard, ship)
    # Another day, or a country whose people the other clause does not name, stays apart.
    assert not same_happening(coastguard, replace(ship, date=day("2024-06-13")))
    assert not same_happening(replace(coastguard, summary="thwarted a night landing near the cape"), ship)


def test_a_day_joins_the_month_of_one_persons_happening_of_one_class():
    month_ago = event(JUNE, ["Tomas Rennick"], "gun", "a man accused of gunning down Tomas Rennick a month ago")
    friday = event(day("2024-06-14"), ["Tomas Rennick"], "shoot", "was shot outside a bakery")
    assert same_happening(month_ago, friday, people=frozenset({"Tomas Rennick"}))
    # A shared actor not known to be a person (a town) asks for more, and two kinds of happening stay two.
    assert not same_happening(month_ago, friday)
    assert not same_happening(month_ago, replace(friday, trigger="arrest", summary="was arrested outside a bakery"),
                              people=frozenset({"Tomas Rennick"}))


def test_a_day_joins_the_year_of_one_persons_death_or_assault():
    person = frozenset({"Odile Marchetti"})
    year_shot = event(YEAR, ["Odile Marchetti"], "shoot", "the gang member accused over the shooting of Odile Marchetti in 2024")
    day_shot = event(day("2024-03-08"), ["Odile Marchetti"], "shoot", "was fatally shot on a Friday night")
    assert same_happening(year_shot, day_shot, people=person)
    assert same_happening(day_shot, year_shot, people=person)
    died = event(day("2024-03-09"), ["Odile Marchetti"], "die", "died in hospital")
    assert same_happening(event(YEAR, ["Odile Marchetti"], "death", "her death in 2024"), died, people=person)
    # Happenings people repeat keep asking for more, and so does a shared actor not known to be a person.
    visits = (event(YEAR, ["Odile Marchetti"], "visit", "visited the harbour in 2024"),
              event(day("2024-03-08"), ["Odile Marchetti"], "visit", "visited a school on Friday"))
    assert not same_happening(*visits, people=person)
    assert not same_happening(year_shot, day_shot)
    assert not same_happening(year_shot, replace(day_shot, trigger="stab", summary="was stabbed"), people=person)
    # an arrest: "since his arrest in 2024" and "was arrested at his flat on March 8"
    year_arrest = event(YEAR, ["Odile Marchetti"], "arrest", "she has denied the charge since her arrest in 2024")
    day_arrest = event(day("2024-03-08"), ["Odile Marchetti"], "arrest", "was arrested at her flat on March 8")
    assert same_happening(year_arrest, day_arrest, people=person)
    assert not same_happening(year_arrest, day_arrest)


# Reports that share no actor, from articles of one story (their articles share distinctive actors).
STORY_DAY = day("2025-09-15")
GUNMAN_REPORT = event(STORY_DAY, ["Corvallis Tool Works", "Brennan Falls"], "shoot",
                      "A gunman shot four people at a Brennan Falls tool plant on Monday")
VICTIM_REPORT = event(STORY_DAY, ["Maribel Ostrander"], "shooting",
                      "Maribel Ostrander, a bookkeeper, died in Monday's shooting")


def test_reports_of_one_story_join_on_the_day_and_a_similar_trigger_without_a_shared_actor():
    people = frozenset({"Maribel Ostrander"})
    assert not same_happening(GUNMAN_REPORT, VICTIM_REPORT, people=people)  # nothing in common
    assert same_happening(GUNMAN_REPORT, VICTIM_REPORT, people=people, story=2)
    assert same_happening(VICTIM_REPORT, GUNMAN_REPORT, people=people, story=3)
    assert not same_happening(GUNMAN_REPORT, VICTIM_REPORT, people=people, story=1)  # one shared name: a city
    assert find_same_happening(VICTIM_REPORT, [GUNMAN_REPORT], people=people, stories=[2]) == 0
    assert find_same_happening(VICTIM_REPORT, [GUNMAN_REPORT], people=people, stories=[1]) is None


def test_one_story_never_joins_other_kinds_other_days_other_places_statements_or_other_people():
    people = frozenset({"Maribel Ostrander", "Hollis Grebe", "Tamsin Vroom"})
    assert not same_happening(GUNMAN_REPORT, replace(VICTIM_REPORT, trigger="funeral"), people=people, story=4)
    assert not same_happening(GUNMAN_REPORT, replace(VICTIM_REPORT, date=day("2025-09-16")), people=people, story=4)
    assert not same_happening(GUNMAN_REPORT, replace(VICTIM_REPORT, trigger="happen"), people=people, story=4)
    said_a = event(STORY_DAY, ["Brennan Falls Police"], "say", "Police said the plant would stay shut")
    said_b = event(STORY_DAY, ["Corvallis Union"], "say", "The union said workers were shaken")
    assert not same_happening(said_a, said_b, people=people, story=4)
    arrest_a = event(STORY_DAY, ["Hollis Grebe"], "arrest", "Hollis Grebe was arrested on Monday")
    arrest_b = event(STORY_DAY, ["Tamsin Vroom"], "arrest", "Tamsin Vroom was arrested on Monday")
    assert not same_happening(arrest_a, arrest_b, people=people, story=4)  # two arrests in one story
    here = event(STORY_DAY, ["Brennan Falls"], "shoot", "A gunman opened fire in Brennan Falls")
    there = event(STORY_DAY, ["Dunmore Heights"], "shoot", "A gunman opened fire in Dunmore Heights")
    assert not same_happening(here, there, places=frozenset({"Brennan Falls", "Dunmore Heights"}), story=4)


# One story's incident told by outlets that each name other people taking part: the gunman, a victim.
GUNMAN_NAMED = event(STORY_DAY, ["Dorian Pelt", "Brennan Falls"], "shoot",
                     "Dorian Pelt shot four people at a Brennan Falls tool plant on Monday, police said")


def test_one_storys_incident_of_the_day_joins_reports_naming_other_people():
    people = frozenset({"Dorian Pelt", "Maribel Ostrander"})
    assert same_happening(GUNMAN_NAMED, VICTIM_REPORT, people=people, story=2)
    assert same_happening(VICTIM_REPORT, GUNMAN_NAMED, people=people, story=3)
    assert not same_happening(GUNMAN_NAMED, VICTIM_REPORT, people=people, story=1)  # not known as one story
    # and not on another day, nor for arrests (two people are arrested in one story: see above)
    assert not same_happening(GUNMAN_NAMED, replace(VICTIM_REPORT, date=day("2025-09-16")), people=people, story=4)


def test_a_violence_noun_tells_of_the_days_shooting_or_attack():
    people = frozenset({"Dorian Pelt", "Maribel Ostrander"})
    violence = event(STORY_DAY, ["Maribel Ostrander"], "violence",
                     "When Monday's violence was over, Maribel Ostrander lay dead")
    assert same_happening(GUNMAN_NAMED, violence, people=people, story=2)
    assert same_happening(replace(GUNMAN_REPORT, trigger="attack"), violence, people=people, story=2)
    assert not same_happening(replace(GUNMAN_NAMED, trigger="arrest"), violence, people=people, story=4)


SPEAKERS = frozenset({"Marta Quell", "Owen Darby", "Lena Fisk"})


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # another person's statement about the same death that day: two statements
        (event(day("2025-03-06"), ["Owen Darby", "Marta Quell"], "confirm",
               "Her publicist, Owen Darby, confirmed Quell's death on Thursday."), False),
        # the same speaker, told by another outlet: one statement
        (event(day("2025-03-06"), ["Lena Fisk", "Marta Quell"], "post",
               "Lena Fisk posted on Thursday that her aunt Marta Quell had died."), True),
        # the other report names the speaker by surname in its clause: one statement
        (event(day("2025-03-06"), ["Owen Darby", "Marta Quell"], "confirm",
               "Owen Darby confirmed what Fisk wrote on Thursday."), True),
    ],
)
def test_statements_of_different_speakers_stay_apart(second, expected):
    first = event(day("2025-03-06"), ["Lena Fisk", "Marta Quell"], "tweet",
                  'Lena Fisk tweeted on Thursday: "My aunt Marta Quell died this morning."')
    assert same_happening(first, second, people=SPEAKERS) is expected
    assert same_happening(second, first, people=SPEAKERS) is expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # two words whose everyday senses are others: a handshake is no earthquake, nor an attack
        (event(day("2025-04-03"), ["Ana Ruiz", "Colombia"], "shake",
               "Ana Ruiz shook hands with the mayor in Bogota on Thursday."),
         event(day("2025-04-03"), ["Colombia", "Northern Front"], "strike",
               "Northern Front rebels struck a police post late on Thursday."), False),
        # the same two kinds of word, where the clauses tell the earthquake both times
        (event(day("2025-04-03"), ["Colombia"], "strike", "A strong quake struck Colombia on Thursday."),
         event(day("2025-04-03"), ["Colombia"], "hit", "The quake hit Colombia's west coast on Thursday."), True),
        (event(day("2025-04-03"), ["Colombia"], "shake", "An earthquake shook Colombia on Thursday."),
         event(day("2025-04-03"), ["Colombia"], "quake", "Thursday's quake in Colombia."), True),
        # a firm member and a loose one: as any two members of a class
        (event(day("2025-04-03"), ["Northern Front"], "attack", "Northern Front attacked a police post on Thursday."),
         event(day("2025-04-03"), ["Northern Front"], "strike", "Northern Front rebels struck a police post."), True),
        # "found" and "blocked" say nothing of a verdict or a ruling by themselves
        (event(day("2025-04-03"), ["Ana Ruiz"], "find", "Ana Ruiz found the missing ledger on Thursday."),
         event(day("2025-04-03"), ["Ana Ruiz"], "block", "Ana Ruiz blocked the exit on Thursday."), False),
        # an away trip and a result: a match between them
        (event(day("2025-04-03"), ["Dunmore Athletic"], "trip", "Thursday's trip to Dunmore Athletic."),
         event(day("2025-04-03"), ["Dunmore Athletic"], "earn", "The visitors earned a 2-2 draw at Dunmore Athletic."),
         True),
        (event(day("2025-04-03"), ["Lisbon"], "trip", "The minister's trip to Lisbon on Thursday."),
         event(day("2025-04-03"), ["Lisbon"], "earn", "Lisbon earned praise on Thursday for its port."), False),
    ],
)
def test_loose_members_of_a_trigger_class_need_its_sense(first, second, expected):
    assert same_happening(first, second) is expected
    assert same_happening(second, first) is expected


def statement(actors, trigger, summary, speaker):
    return replace(event(day("2025-05-11"), actors, trigger, summary), speaker=speaker)


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # she speaks of the review he announced: both name her, each statement is its speaker's
        (statement(["Dana Voss", "Glendale"], "say", "Speaking in Glendale, she said on Sunday that voters faced a choice.",
                   "Dana Voss"), False),
        # his statement told again, by his surname
        (statement(["Ellis"], "say", "Ellis said on Sunday the review had found nothing new.", "Ellis"), True),
        # a speaker who goes unnamed: the persons each names decide, as before
        (statement(["Dana Voss"], "say", "Aides said on Sunday the review had cleared Dana Voss.", None), True),
    ],
)
def test_statements_by_two_persons_stay_apart_whoever_they_name(second, expected):
    first = statement(["Mark Ellis", "Dana Voss"], "announce",
                      "Mark Ellis announced on Sunday that the review of Dana Voss had found nothing.", "Mark Ellis")
    people = frozenset({"Mark Ellis", "Dana Voss", "Ellis"})
    assert same_happening(first, second, people=people) is expected
    assert same_happening(second, first, people=people) is expected


def test_leading_a_body_told_as_led_or_ran_is_one_happening():
    led = with_text(day("2019-01-07"), ["Ana Ruiz", "Harwick Motors"], "lead",
                    "Ana Ruiz has led Harwick Motors since January 7, 2019")
    ran = with_text(day("2019-01-07"), ["Ana Ruiz", "Harwick Motors"], "run",
                    "Ana Ruiz became the first woman to run Harwick Motors on January 7, 2019")
    assert same_happening(led, ran) and same_happening(ran, led)
