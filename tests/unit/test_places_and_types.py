"""Where events happened and what kind they are: tables of sentences and what the extraction must say."""

from datetime import date

import pytest

from services.extraction.event_types import (
    EVENT_TYPES,
    OTHER,
    TYPE_LABELS,
    TYPE_NAMES,
    event_type,
    load_event_types,
)
from services.extraction.model import Actor
from services.extraction.pipeline import extract
from services.extraction.places import with_place_actors

PUBLISHED = date(2024, 6, 17)  # a Monday


def only_event(text):
    events = extract(text, PUBLISHED).events
    assert len(events) == 1, [(e.date.value, e.summary) for e in events]
    return events[0]


@pytest.mark.parametrize(("text", "place"), [
    ("Vladimir Putin arrived in Hanoi on Thursday for talks.", "Vietnam"),           # a capital is its country
    ("Trump met Netanyahu at the White House on Monday.", "United States"),          # so is a seat of government
    ("The actress was arrested in Beverly Hills on Friday.", "Beverly Hills"),
    ("The Cubs won the World Series at Progressive Field in 2016.", "Progressive Field"),  # a facility
    ("Protesters gathered outside Trump Tower on Wednesday.", "Trump Tower"),
    ("The leaders will hold a summit in Singapore on June 12.", "Singapore"),
    ("Russia vetoed the resolution at the United Nations on Tuesday.", None),      # an organisation, not a place
    ("Russia vetoed the resolution on Tuesday.", None),                             # the subject acts
    ("Boris Johnson will travel to Tokyo on Wednesday.", None),                     # a destination, not a location
    ("Obama met Trump in March 2023.", None),                                      # "in" a date
])
def test_the_place_is_the_location_of_the_happening(text, place):
    event = only_event(text)
    assert event.place == place


def test_a_place_no_actor_stands_for_becomes_a_place_actor():
    extraction = extract("The Cubs won the World Series at Progressive Field in 2016.", PUBLISHED)
    assert Actor("Progressive Field", "place", ("Progressive Field",)) in extraction.actors
    # a place remains apart from the participants
    assert "Progressive Field" not in extraction.events[0].actors


def test_place_actors_are_added_once_and_only_when_missing():
    known = [Actor("Vietnam", "place", ("Hanoi",))]
    assert with_place_actors(known, ["Vietnam", None, "Cenotaph", "Cenotaph"]) == [
        known[0], Actor("Cenotaph", "place", ("Cenotaph",))]


@pytest.mark.parametrize(("text", "kind"), [
    ("Putin met Kim Jong Un on Wednesday.", "meeting"),
    ("The Kremlin said on Tuesday that the talks had ended.", "statement"),
    ("The two countries signed a treaty on June 19.", "agreement"),
    ("Voters elected a new parliament on Sunday.", "election"),
    ("Police arrested the driver on Wednesday.", "legal"),
    ("Gunmen attacked the convoy on Friday.", "violence"),
    ("A tram derailed on Wednesday morning.", "disaster"),
    ("The singer died on Monday.", "death"),
    ("The Cubs beat the Indians on Wednesday.", "sports"),
    ("Apple launched a new phone on Tuesday.", "business"),
    ("The committee adjourned on Friday.", OTHER),
])
def test_the_type_follows_the_trigger(text, kind):
    assert only_event(text).type == kind


@pytest.mark.parametrize(("trigger", "clause", "kind"), [
    ("meet", [], "meeting"),
    ("win", ["election"], "election"),       # a lemma on two lines: the clause's other words decide
    ("win", ["game"], "sports"),
    ("win", [], "election"),                 # a tie: the first line
    ("fall", ["share", "price"], "business"),
    ("fall", ["well"], "disaster"),
    ("kill", ["crash"], "disaster"),
    ("kill", ["gunman", "attack"], "violence"),
    ("KILL", [], "violence"),
    ("adjourn", ["committee"], OTHER),
])
def test_type_table(trigger, clause, kind):
    assert event_type(trigger, clause) == kind


def test_the_taxonomy_is_the_documented_one():
    assert TYPE_NAMES == ("meeting", "statement", "agreement", "election", "legal", "violence", "disaster", "death",
                          "sports", "business", "other")
    assert set(TYPE_LABELS) == set(TYPE_NAMES) and all(TYPE_LABELS.values())
    assert all(lemma == lemma.lower() for lemmas in EVENT_TYPES.values() for lemma in lemmas)


def test_the_table_reads_lines_and_comments(tmp_path):
    table = tmp_path / "types.txt"
    table.write_text("# comment\n\nmeeting | Meeting | meet visit  # trailing\nsports | Sport | win\n")
    assert load_event_types(table) == {"meeting": ("Meeting", frozenset({"meet", "visit"})),
                                       "sports": ("Sport", frozenset({"win"}))}
