"""Expressions of genres the news sets hold few of: forum posts, chat and reviews; histories and biographies.

Tables of invented (text, publication date, expression, value); and the look-alikes that are no dates."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

THU = date(2019, 3, 14)  # a Thursday
FRI = date(2021, 7, 2)  # a Friday
THU_2024 = date(2024, 6, 20)  # a Thursday, ISO week 25
FRI_2022 = date(2022, 11, 25)
HISTORY = date(2021, 5, 4)

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


# found by the sets narrative5 and informal5 (written before their rules)
FOUND_5 = {
    # "tue", "thu", "fri" are weekdays anywhere in lower case
    "parcel arrived fri and it was soaked": (THU_2024, "fri", "2024-06-14"),
    "plumber comes tue, finally": (THU_2024, "tue", "2024-06-18"),
    # "sat", "sun", "wed", "mon" before a clock time, as a label before a colon, after "for" ending the phrase
    "bbq sat at 4pm, bring chairs": (THU_2024, "sat", "2024-06-22"),
    "footy sun @ 10am if it doesnt rain": (THU_2024, "sun", "2024-06-23"),
    "update wed: they replied and fixed it": (THU_2024, "wed", "2024-06-19"),
    "still up for sat?": (THU_2024, "sat", "2024-06-22"),
    # a month word ending in "jun..." after a weekday is no month: "junction" does not stop "last sat"
    "the bus was late last sat. junction closed again": (THU_2024, "last sat", "2024-06-15"),
    # lower-case month abbreviations that are no other word, after a preposition, whatever follows
    "the patch from feb fixed nothing": (THU_2024, "feb", "2024-02"),
    "since oct nothing has worked": (THU_2024, "oct", "2023-10"),
    # quarters written Q3 after a preposition or with a year
    "the refund should land in q3": (THU_2024, "q3", "2024-Q3"),
    "Revenue grew in Q4 2022 despite the strike.": (THU_2024, "Q4 2022", "2022-Q4"),
    "shipping slipped to Q1 '25 again": (THU_2024, "Q1 '25", "2025-Q1"),
    # a year by its last two digits after a preposition
    "been a fan since '08 and never missed a game": (THU_2024, "'08", "2008"),
    "the class of '97 meets every summer": (THU_2024, "'97", "1997"),
    # a day of the month before "too", "at", "but"; in an open clause, of the publication's month
    "my card got charged on the 3rd too": (THU_2024, "the 3rd", "2024-06-03"),
    "the gig is on the 2nd, u in?": (THU_2024, "the 2nd", "2024-06-02"),
    # feasts and quarter days, with a year before 1600 and without "of"
    "The rent fell due at Candlemas 1604.": (HISTORY, "Candlemas 1604", "1604-02-02"),
    "He was crowned on Lady Day 1329 in the abbey.": (HISTORY, "Lady Day 1329", "1329-03-25"),
    "The town was sacked at Martinmas 1412.": (HISTORY, "Martinmas 1412", "1412-11-11"),
    "The bishop died at Christmas 1150.": (HISTORY, "Christmas 1150", "1150-12-25"),
    # a decade by its tens after one written in full takes its century; an apostrophe decade after a space
    "prices soared in the 1970s and 80s": (THU_2024, "80s", "198"),
    "the mill worked through the 1880s and '90s": (HISTORY, "'90s", "189"),
    "cheap flights of the 1990s and 00s": (THU_2024, "00s", "200"),
    "loved '80s music as a kid": (THU_2024, "'80s", "198"),
    "the 1940s, '50s and '60s were its best years": (THU_2024, "'60s", "196"),
    # "this aft": the afternoon
    "can u call me this aft": (THU_2024, "this aft", "2024-06-20TAF"),
    # a past clause is not told on a day still to come: a clock time of the publication's day
    "nye party plans anyone? ugh i woke up at 5:10am for no reason": (FRI_2022, "5:10am", "2022-11-25T05:10"),
    # a narrative tells forward: a year-less month or day up to seven months after the passage's time is of its year
    "The ship was damaged in March 1917 and was back at sea by October.": (HISTORY, "October", "1917-10"),
    "The tower was begun in April 1350. It was finished on 2 December.": (HISTORY, "2 December", "1350-12-02"),
    "In November 1898 the keel was laid. In May she was launched.": (HISTORY, "May", "1899-05"),
}


SUN_2025 = date(2025, 6, 15)  # a Sunday, ISO week 24
WED_2019 = date(2019, 8, 21)

# found by the sets narrative6 and informal6 (written before their rules)
FOUND_6 = {
    # clock times in words; the British "half 7" (half past) after a clock preposition; 1 to 6 of the afternoon,
    # 7 to 11 of the evening after an evening word, as "3ish" is
    "drinks at half 8?": (SUN_2025, "half 8", "2025-06-15T20:30"),
    "the ferry goes at quarter past 6": (SUN_2025, "quarter past 6", "2025-06-15T18:15"),
    "she rang at a quarter to nine in the morning": (SUN_2025, "a quarter to nine in the morning", "2025-06-15T08:45"),
    "we left at ten past five": (SUN_2025, "ten past five", "2025-06-15T17:10"),
    "bus is at quarter to 8 tmrw, dont be late": (SUN_2025, "quarter to 8 tmrw", "2025-06-16T07:45"),
    "see u at half seven tonight": (SUN_2025, "half seven tonight", "2025-06-15T19:30"),
    # the day after tomorrow, the day before yesterday as posts spell them
    "moving day is the day after tmrw": (SUN_2025, "the day after tmrw", "2025-06-17"),
    "the day before yday we had snow": (SUN_2025, "the day before yday", "2025-06-13"),
    # "back" for "ago" after a count of units
    "we tried that place 3 weeks back": (SUN_2025, "3 weeks back", "2025-W21"),
    # lower-case plural weekdays are sets
    "the gym is shut sundays": (SUN_2025, "sundays", "XXXX-WXX-7"),
    # a lower-case month abbreviation after "the end of", whatever follows
    "my contract ended at the end of jan of course": (SUN_2025, "the end of jan", "2025-01"),
    # a lower-case "march", "august" after "til", "until", which take no verb
    "cant afford a holiday til august tbh": (SUN_2025, "august", "2025-08"),
    # nights of a stay are days
    "we stayed two nights in a tiny flat": (SUN_2025, "two nights", "P2D"),
    # a day booked for is after the booking, before or after the post: the nearest
    "booked a massage for fri!!": (WED_2019, "fri", "2019-08-23"),
    # "sat", "sun", "wed", "mon" before a meal, and after a verb of going (in the past)
    "sat lunch at mine?": (THU_2024, "sat", "2024-06-22"),
    "we went sat and it was heaving": (WED_2019, "sat", "2019-08-17"),
    # ... after a meal, after a verb that schedules (ahead), joined to another weekday (the day after it)
    "brunch sun?? anyone": (THU_2024, "sun", "2024-06-23"),
    "the new season drops wed": (THU_2024, "wed", "2024-06-26"),
    "exams ended mon, so free": (THU_2024, "mon", "2024-06-17"),
    "stuck at work sat and sun ugh": (THU_2024, "sun", "2024-06-23"),
    "we played on fri and sat, lost both": (WED_2019, "sat", "2019-08-17"),
    # weekday and month names as posts misspell them
    "been raining since wensday": (THU_2024, "wensday", "2024-06-19"),
    "moved here back in febuary": (THU_2024, "febuary", "2024-02"),
    # a day of the month after a verb of arrival, with its article
    "it shipped the 3rd and never came": (THU_2024, "the 3rd", "2024-06-03"),
    # a clock time dating a noun, with a day word after the noun
    "the 7am train tmrw is always full": (THU_2024, "7am", "2024-06-21T07:00"),
    "the 9:40 flight yesterday was full": (THU_2024, "9:40", "2024-06-19T09:40"),
    # an hour from 7 to 11 with its minutes after an evening word
    "dinner ran late, we only got the bill at 10:45": (THU_2024, "10:45", "2024-06-20T22:45"),
    "the party met at 9:30 to agree a line": (THU_2024, "9:30", "2024-06-20T09:30"),  # a party is no evening
    # a history goes on with its story in its next paragraph
    "The fort was begun in 1681 and finished in 1683. In May 1690 the siege began.\n\nOn the 14th the garrison "
    "made a sortie.": (HISTORY, "the 14th", "1690-05-14"),
    # a winter after an autumn month runs into the next year
    "The army reached the city in October 1759. That winter many died, and no pay came until February.": (
        HISTORY, "February", "1760-02"),
}


@pytest.mark.parametrize("text", {**FOUND, **FOUND_5, **FOUND_6})
def test_found(text):
    dct, span, value = {**FOUND, **FOUND_5, **FOUND_6}[text]
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


NOT_DATES_5 = {
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


NOT_DATES_6 = {
    "Her daughters, May and Ellen, ran the farm.": "May",
    "the strike set us two weeks back": "back",
    "we loved every minute of it": "every minute",
    "the odds are ten to one": "ten to one",
    "half 7 of them left early": "half 7",
    "we got wed in a barn": "wed",
    "on three nights the police came": "three nights",
    "we sat and sun was out all day": "sun",
    "the firm shipped 1/2 million units": "1/2",
}


@pytest.mark.parametrize("text", {**NOT_DATES, **NOT_DATES_5, **NOT_DATES_6})
def test_not_dates(text):
    words = {**NOT_DATES, **NOT_DATES_5, **NOT_DATES_6}[text]
    assert not [t.text for t in tag_text(text, THU) if words.lower() in t.text.lower()]
