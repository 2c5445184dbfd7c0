"""Rules found by the held-out-like sets narrative5 and informal5: tables of invented (text, publication date,
expression, value), and the look-alikes that are no dates."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

THU = date(2024, 6, 20)  # a Thursday, ISO week 25
FRI = date(2022, 11, 25)
HISTORY = date(2021, 5, 4)

FOUND = {  # text: (publication date, expression, value)
    # "tue", "thu", "fri" are weekdays anywhere in lower case
    "parcel arrived fri and it was soaked": (THU, "fri", "2024-06-14"),
    "plumber comes tue, finally": (THU, "tue", "2024-06-18"),
    # "sat", "sun", "wed", "mon" before a clock time, as a label before a colon, after "for" ending the phrase
    "bbq sat at 4pm, bring chairs": (THU, "sat", "2024-06-22"),
    "footy sun @ 10am if it doesnt rain": (THU, "sun", "2024-06-23"),
    "update wed: they replied and fixed it": (THU, "wed", "2024-06-19"),
    "still up for sat?": (THU, "sat", "2024-06-22"),
    # a month word ending in "jun..." after a weekday is no month: "junction" does not stop "last sat"
    "the bus was late last sat. junction closed again": (THU, "last sat", "2024-06-15"),
    # lower-case month abbreviations that are no other word, after a preposition, whatever follows
    "the patch from feb fixed nothing": (THU, "feb", "2024-02"),
    "since oct nothing has worked": (THU, "oct", "2023-10"),
    # quarters written Q3 after a preposition or with a year
    "the refund should land in q3": (THU, "q3", "2024-Q3"),
    "Revenue grew in Q4 2022 despite the strike.": (THU, "Q4 2022", "2022-Q4"),
    "shipping slipped to Q1 '25 again": (THU, "Q1 '25", "2025-Q1"),
    # a year by its last two digits after a preposition
    "been a fan since '08 and never missed a game": (THU, "'08", "2008"),
    "the class of '97 meets every summer": (THU, "'97", "1997"),
    # a day of the month before "too", "at", "but"; in an open clause, of the publication's month
    "my card got charged on the 3rd too": (THU, "3rd", "2024-06-03"),
    "the gig is on the 2nd, u in?": (THU, "2nd", "2024-06-02"),
    # feasts and quarter days, with a year before 1600 and without "of"
    "The rent fell due at Candlemas 1604.": (HISTORY, "Candlemas 1604", "1604-02-02"),
    "He was crowned on Lady Day 1329 in the abbey.": (HISTORY, "Lady Day 1329", "1329-03-25"),
    "The town was sacked at Martinmas 1412.": (HISTORY, "Martinmas 1412", "1412-11-11"),
    "The bishop died at Christmas 1150.": (HISTORY, "Christmas 1150", "1150-12-25"),
    # a decade by its tens after one written in full takes its century; an apostrophe decade after a space
    "prices soared in the 1970s and 80s": (THU, "80s", "198"),
    "the mill worked through the 1880s and '90s": (HISTORY, "'90s", "189"),
    "cheap flights of the 1990s and 00s": (THU, "00s", "200"),
    "loved '80s music as a kid": (THU, "'80s", "198"),
    "the 1940s, '50s and '60s were its best years": (THU, "'60s", "196"),
    # "this aft": the afternoon
    "can u call me this aft": (THU, "this aft", "2024-06-20TAF"),
    # a past clause is not told on a day still to come: a clock time of the publication's day
    "nye party plans anyone? ugh i woke up at 5:10am for no reason": (FRI, "5:10am", "2022-11-25T05:10"),
    # a narrative tells forward: a year-less month or day up to seven months after the passage's time is of its year
    "The ship was damaged in March 1917 and was back at sea by October.": (HISTORY, "October", "1917-10"),
    "The tower was begun in April 1350. It was finished on 2 December.": (HISTORY, "2 December", "1350-12-02"),
    "In November 1898 the keel was laid. In May she was launched.": (HISTORY, "May", "1899-05"),
}


@pytest.mark.parametrize("text", FOUND)
def test_found(text):
    dct, span, value = FOUND[text]
    found = {t.text: t.value for t in tag_text(text, dct)}
    assert found.get(span) == value, found


NOT_DATES = {  # text: the words that must not be (part of) a timex
    "we were lying in the sun at 3pm": "sun",
    "we sat: nobody spoke": "sat",
    "c'mon: hurry up": "mon",
    "bring cream for sun.": "sun",
    "the answer to q2 is wrong": "q2",
    "years after the fall of the old regime": "fall",
    "the cabin is aft of the mast": "aft",
    "rigged fore and aft": "aft",
    "a lady day out in town": "lady day",
    "he lives on the 5th floor": "5th",
}


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    words = NOT_DATES[text]
    assert not [t.text for t in tag_text(text, THU) if words in t.text.lower()]
