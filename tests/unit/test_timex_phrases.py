"""Datable phrases: ranges and durations anchored on a start date."""

from datetime import date

import pytest

from services.extraction.nlp import load_pipeline
from services.extraction.timex import TemporalPhrase, find_temporal_phrases, tag_timexes

MON = date(2024, 6, 17)

RANGES = [
    (
        "Prices rose between August and February.",
        MON,
        "between August and February",
        "2023-08/2024-02",
        date(2023, 8, 1),
        date(2024, 2, 29),
    ),
    (
        "The festival will run from May to July.",
        MON,
        "from May to July",
        "2024-05/2024-07",
        date(2024, 5, 1),
        date(2024, 7, 31),
    ),
    (
        "Putin is scheduled to travel to North Korea for a two-day visit starting on Tuesday.",
        MON,
        "two-day visit starting on Tuesday",
        "2024-06-18/2024-06-19",
        date(2024, 6, 18),
        date(2024, 6, 19),
    ),
    (
        "The pandemic of 2009-2010 killed many.",
        MON,
        "2009-2010",
        "2009/2010",
        date(2009, 1, 1),
        date(2010, 12, 31),
    ),
    (
        "He was in office from March 2001 to June 2003.",
        MON,
        "from March 2001 to June 2003",
        "2001-03/2003-06",
        date(2001, 3, 1),
        date(2003, 6, 30),
    ),
    (
        "The fair ran between Monday and Sunday.",
        MON,
        "between Monday and Sunday",
        "2024-06-10/2024-06-16",
        date(2024, 6, 10),
        date(2024, 6, 16),
    ),
]

DAY_RANGES = [
    ("Prices fell May 3-5.", "May 3-5", "2024-05-03/2024-05-05"),
    ("The summit runs June 20 to 22.", "June 20 to 22", "2024-06-20/2024-06-22"),
]


@pytest.mark.parametrize("text,phrase,value", DAY_RANGES)
def test_day_ranges(nlp, text, phrase, value):
    phrases = find_temporal_phrases(nlp(text), MON)
    assert [(p.text, p.date.value) for p in phrases] == [(phrase, value)]


def test_number_after_date_is_not_a_range(nlp):
    phrases = find_temporal_phrases(nlp("On June 3, 5 people died."), MON)
    assert [(p.text, p.date.value) for p in phrases] == [("June 3", "2024-06-03")]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize("text,dct,phrase,value,start,end", RANGES)
def test_ranges(nlp, text, dct, phrase, value, start, end):
    doc = nlp(text)
    phrases = find_temporal_phrases(doc, dct)
    match = [p for p in phrases if phrase in p.text]
    assert match, [(p.text, p.date.value) for p in phrases]
    p = match[0]
    assert isinstance(p, TemporalPhrase)
    assert (p.date.value, p.date.start, p.date.end) == (value, start, end)
    assert doc.text[p.start : p.end] == p.text
    assert len(p.timexes) == 2


def test_duration_alone_and_sets_are_not_phrases(nlp):
    doc = nlp("The two-day talks take place every week.")
    assert find_temporal_phrases(doc, MON) == []


def test_single_dates_are_phrases_with_governor(nlp):
    doc = nlp("Putin met Kim on Tuesday.")
    tx = tag_timexes(doc, MON)
    phrases = find_temporal_phrases(doc, MON, tx)
    assert [(p.text, p.date.value) for p in phrases] == [("Tuesday", "2024-06-11")]
    assert phrases[0].governor is not None and doc[phrases[0].governor].lemma_ == "meet"
    assert phrases[0].timexes == (tx[0],)


FORWARD = [
    ("The leaders will meet again in two weeks.", "in two weeks", "2024-W27"),
    ("A decision is expected within three days.", "within three days", "2024-06-17/2024-06-20"),
]


@pytest.mark.parametrize("text,phrase,value", FORWARD)
def test_in_duration_with_future_tense(nlp, text, phrase, value):
    phrases = find_temporal_phrases(nlp(text), MON)
    assert [(p.text, p.date.value) for p in phrases] == [(phrase, value)]


def test_in_duration_in_the_past_is_not_dated(nlp):
    assert find_temporal_phrases(nlp("In two years the plant closed."), MON) == []


def test_long_documents_stay_linear(nlp):
    import time

    text = "Putin met Kim on Tuesday and will return to Hanoi next week for a two-day visit. " * 300
    doc = nlp(text)
    t0 = time.perf_counter()
    tx = tag_timexes(doc, MON)
    find_temporal_phrases(doc, MON, tx)
    assert len(tx) == 900
    assert time.perf_counter() - t0 < 5.0
