"""Informal text (social media, texting): tables of (text, publication date, expression, value).

Lower-case and abbreviated names, texting spellings, stretched words, missing apostrophes, numeric dates
in either order; and the words that look like them but are not dates."""

from datetime import date

import pytest

from services.extraction.timex import tag_text
from services.extraction.timex.rules.resolve import canonical, day_first

MON = date(2015, 11, 2)  # a Monday, ISO week 45
THU = date(2014, 3, 6)

INFORMAL = {  # text: (publication date, expression, value)
    "cant wait for the game tmrw!!!": (MON, "tmrw", "2015-11-03"),
    "2moro is friday!!!": (THU, "2moro", "2014-03-07"),
    "finally friday 2moro!!!": (THU, "friday", "2014-03-07"),
    "yday was the best day ever": (THU, "yday", "2014-03-05"),
    "so tired todayyy lol": (MON, "todayyy", "2015-11-02"),
    "todays game was awful": (MON, "todays", "2015-11-02"),
    "see u guys 2nite @ the bar": (MON, "2nite", "2015-11-02TNI"),
    "tonite is gonna be lit": (MON, "tonite", "2015-11-02TNI"),
    "last nite was crazyyy": (MON, "last nite", "2015-11-01TNI"),
    "the meeting this am was sooo long": (MON, "this am", "2015-11-02TMO"),
    "b-day party sat nite at mine": (THU, "sat nite", "2014-03-08TNI"),
    "dentist appt on tues ugh": (MON, "tues", "2015-11-03"),
    "thurs is my bday!!": (MON, "thurs", "2015-11-05"),
    "see u on sat": (THU, "sat", "2014-03-08"),
    "last wknd w the fam was great": (MON, "last wknd", "2015-W44-WE"),
    "nxt week we fly to LA": (MON, "nxt week", "2015-W46"),
    "last wk was rough": (THU, "last wk", "2014-W09"),
    "spring break in 2 wks cant wait": (THU, "2 wks", "P2W"),
    "xmas feels like ages ago": (THU, "xmas", "2013-12-25"),
    "we fly out 2mrw morning": (MON, "2mrw morning", "2015-11-03TMO"),
    "c u 2day at the gym": (MON, "2day", "2015-11-02"),
    "this morn was freezing": (MON, "this morn", "2015-11-02TMO"),
    "bbq at ours this arvo": (MON, "this arvo", "2015-11-02TAF"),
    # a modifier before a three-letter weekday is part of the expression
    "bday drinks nxt sat": (THU, "nxt sat", "2014-03-08"),
    "last fri was a write-off": (THU, "last fri", "2014-02-28"),
    "pizza every fri w the lads": (THU, "every fri", "XXXX-WXX-5"),
    # "yr" and "wk" as units of "last", "next", "ago"
    "last yr was a disaster": (MON, "last yr", "2014"),
    "nxt yr we go to japan": (MON, "nxt yr", "2016"),
    "moved here 3 yrs ago": (MON, "3 yrs ago", "2012"),
    "got my cast off two wks ago": (MON, "two wks ago", "2015-W43"),
    "new yrs eve at the pier was unreal": (MON, "new yrs eve", "2014-12-31"),
    "party starts @ 9pm dont be late": (MON, "9pm", "2015-11-02T21:00"),
    "my flight lands 3pm tomorrow": (MON, "3pm tomorrow", "2015-11-03T15:00"),
    "#tbt to summer 2012 in Spain": (MON, "summer 2012", "2012-SU"),
    # lower-case months: with a day, or after a preposition
    "moving day is sept. 3rd!!": (THU, "sept. 3rd", "2014-09-03"),
    "we watched the fireworks on the 5th of nov and froze": (THU, "the 5th of nov", "2013-11-05"),
    "my sis got married mar 1st so happy for her": (THU, "mar 1st", "2014-03-01"),
    "jan 5 was the coldest day of the year": (THU, "jan 5", "2014-01-05"),
    "ill be back in april": (THU, "april", "2014-04"),
    # a day of the month on its own, after a preposition; not an ordinal of something else
    "see you on the 20th": (date(2013, 7, 12), "the 20th", "2013-07-20"),
    "The vote was held on the 12th, and the count began.": (date(2013, 7, 12), "the 12th", "2013-07-12"),
    # the tense of a line is its own: "was" two paragraphs up does not make "see you" past
    "last summer was way better\n\nsee you on the 20th": (date(2013, 7, 12), "the 20th", "2013-07-20"),
    # numeric dates without a year, in the order the numbers or the text allow
    "exam on 3/14 help me": (THU, "3/14", "2014-03-14"),
    "the shop is open till 25/12": (THU, "25/12", "2014-12-25"),
    "Born 4/5/1990, married 25/6/2012.": (THU, "4/5/1990", "1990-05-04"),
    "Born 4/5/1990, married 6/25/2012.": (THU, "4/5/1990", "1990-04-05"),
}

NOT_DATES = [
    ("we march 3 miles every morning", THU, "march 3"),
    ("you may 5 times try", THU, "may 5"),
    ("an august body of experts", THU, "august"),
    ("this sun is way too hot", THU, "sun"),
    ("I am so done", THU, "am"),
    ("I sat on the bench", THU, "sat"),
    ("#tbt", MON, "#tbt"),
    ("Prices rose 3/4 of a point.", THU, "3/4"),
    ("It was held on the 5th anniversary of the war.", THU, "5th"),
    ("She finished on the 3rd at the race.", THU, "3rd"),
    # an ordinal before a noun; a century written as hundreds (no decade before 1600 without its tens)
    ("On the 3rd floor the lights went out.", THU, "3rd"),
    ("She finished 2nd. On the 5th attempt she won.", THU, "5th"),
    ("The 1500s were a time of change.", THU, "The 1500s"),  # a century, not a decade: left alone
]


@pytest.mark.parametrize("text", INFORMAL)
def test_informal_expressions(text):
    dct, span, value = INFORMAL[text]
    got = {t.text: t.value for t in tag_text(text, dct)}
    assert got.get(span) == value, got


@pytest.mark.parametrize(("text", "dct", "span"), NOT_DATES)
def test_words_that_only_look_like_dates(text, dct, span):
    got = {t.text: t.value for t in tag_text(text, dct)}
    assert not any(span in t or t in span for t in got), got


@pytest.mark.parametrize(
    ("word", "standard"),
    [("tmrw", "tomorrow"), ("todayyy", "today"), ("tomorroww", "tomorrow"), ("nite", "night"), ("full", "full"),
     ("sooo", "sooo"), ("week", "week")],
)
def test_informal_spellings_read_as_the_standard_word(word, standard):
    assert canonical(word) == standard


@pytest.mark.parametrize(
    ("text", "first"),
    [("on 25/12 and 3/4", True), ("on 12/25 and 3/4", False), ("on 3/4", False), ("no dates", False)],
)
def test_the_text_decides_the_order_of_numeric_dates(text, first):
    assert day_first(text) is first
