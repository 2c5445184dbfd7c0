"""Expressions of genres the news sets hold few of: forum posts, chat and reviews; histories and biographies.

Tables of invented (text, publication date, expression, value); and the look-alikes that are no dates."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

THU = date(2019, 3, 14)  # a Thursday
FRI = date(2021, 7, 2)  # a Friday

FOUND = {  # text: (publication date, expression, value)
    # a year before 1600 after "by", "before", "after", "dated", and after "of" with a verb next
    "By 1248 the chapter had grown to forty canons.": (THU, "1248", "1248"),
    "The bridge was finished before 1350 and stood for centuries.": (THU, "1350", "1350"),
    "A charter of 1289 granted the burgesses a market.": (THU, "1289", "1289"),
    "The flood of 1421 drowned the lower town.": (THU, "1421", "1421"),
    "A grant, dated 1176, confirmed the abbey's mills.": (THU, "1176", "1176"),
    # two-digit decades after "the"
    "been collecting vinyl since the late 70s": (THU, "the late 70s", "197"),
    "best burgers in town since the 80s": (THU, "the 80s", "198"),
    "late 90s hip hop is the best": (THU, "late 90s", "199"),
    # "nyt" for night after a day word
    "last nyt was unreal": (THU, "last nyt", "2019-03-13TNI"),
    # an hour with "ish": afternoon for 1 to 6, evening for 7 to 11 after an evening word, else morning
    "my shift ends at 3ish, coffee after?": (THU, "3ish", "2019-03-14T15:00"),
    "party 2nite, come by 9ish": (FRI, "9ish", "2021-07-02T21:00"),
    "gym at 7ish then work": (FRI, "7ish", "2021-07-02T07:00"),
    "lunch 12:30ish?": (FRI, "12:30ish", "2021-07-02T12:30"),
    # New Year's Eve as texts write it
    "what r u doing for nye": (FRI, "nye", "2021-12-31"),
    "NYE at the beach was unreal": (date(2022, 1, 3), "NYE", "2021-12-31"),
    # a three-letter weekday after "since", "from"
    "my parcel has been stuck since mon": (THU, "mon", "2019-03-11"),
    "im off from wed, back next week": (date(2019, 3, 11), "wed", "2019-03-13"),
    # a lower-case "march" or "may" that ends its phrase after a preposition
    "bought these boots in march, soles gone already": (THU, "march", "2019-03"),
    "we moved out in may and never looked back": (THU, "may", "2018-05"),
    "the new ferry starts running in august.": (THU, "august", "2019-08"),
    # a lower-case month abbreviation without its period after a preposition, ending its phrase
    "last time i asked was back in oct and nobody replied": (THU, "oct", "2018-10"),
    "havent been since sept, miss it": (THU, "sept", "2018-09"),
    # dotted dates: day first, or the year first
    "The treaty was signed in Vienna on 14.03.2011 after long talks.": (THU, "14.03.2011", "2011-03-14"),
    "Ausgabe vom 02.11.2018: the ferry service resumed.": (THU, "02.11.2018", "2018-11-02"),
    "Filed 2017.05.09 by the harbour office.": (THU, "2017.05.09", "2017-05-09"),
    # a four-digit clock time with a zone in capitals
    "The ship signalled at 0415 GMT and sank an hour later.": (THU, "0415 GMT", "2019-03-14T04:15"),
    "Rescuers reached the village at 2230 UTC.": (THU, "2230 UTC", "2019-03-14T22:30"),
}


@pytest.mark.parametrize("text", FOUND)
def test_found(text):
    dct, span, value = FOUND[text]
    found = {t.text: t.value for t in tag_text(text, dct)}
    assert found.get(span) == value, found


NOT_DATES = {  # text: the words that must not be (part of) a timex
    "in 1200 cases the court found for the tenant": "1200",
    "by 1500 men had joined the march": "1500",
    "highs in the 80s all week": "80s",
    "temperatures in the low 90s": "90s",
    "it's a 10ish minute walk from the station": "10ish",
    "about 5ish people turned up": "5ish",
    "Bill Nye explained the experiment": "Nye",
    "the troops march in august company": "august",
    "we march in silence to the square": "march",
    "install version 4.2.2019 before the update": "4.2.2019",
    "yields rose 1.05.2012 percent": "1.05.2012",
    "he ran the 1500 m in 3:40": "1500",
    "dont let the rain mar the day": "mar",
    "she is in her late 20s": "20s",
    "did u read the last NYT piece": "NYT",
    "in jan's old car": "jan",
    "The quake struck at 9:20 a.m. (0620 GMT) near the coast.": "0620",
}


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    words = NOT_DATES[text]
    assert not [t.text for t in tag_text(text, THU) if words in t.text]
