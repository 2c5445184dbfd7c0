"""Vocabulary tables, the word lists the rules consult, and the pattern pieces built from them.

The rules themselves (pattern, normaliser and example, one place per rule) are in `timex/rules/`;
their patterns are f-strings over the pieces defined here (MONTH, WEEKDAY, DAYNUM, YEAR4, ...).
"""

from __future__ import annotations

import re

# A blank line: the end of a paragraph, where a passage (its tense, its narrative time) ends.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")

# a new date for a plan: "got moved to fri morning", "was postponed until Monday" is ahead of the change
RESCHEDULED = re.compile(
    r"\b(?:moved|pushed(?:\s+back)?|postponed|delayed|rescheduled|put\s+off|bumped)\s+(?:to|until|till|til|for)\s+$",
    re.IGNORECASE,
)
# a day something was booked for lies after the booking, not in the booking's past: "booked a class for fri"
BOOKED_FOR = re.compile(
    r"\b(?:booked|reserved|scheduled|arranged|planned|signed\s+up|registered|got\s+tickets)\b"
    r"(?:\s+[\w'-]+){0,4}?\s+for\s+$",
    re.IGNORECASE,
)
# words by which an expression says it follows another time ("the next night", "three days later")
ANAPHOR_WORD = re.compile(r"\b(?:next|following|later|that|same|previous|before|after)\b", re.IGNORECASE)

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3, "weds": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}  # fmt: skip

# names as posts misspell them ("been snowing since wensday", "back in febuary"), read as the names
MISSPELT_WEEKDAYS = {"wensday": 3, "wendsday": 3, "wednsday": 3, "wedensday": 3, "tuseday": 2, "thrusday": 4,
                     "thursdy": 4, "saterday": 6, "satarday": 6, "firday": 5}  # fmt: skip
MISSPELT_MONTHS = {"febuary": 2, "feburary": 2, "janurary": 1, "januray": 1, "ocotber": 10, "novemeber": 11,
                   "decemeber": 12, "septmber": 9}  # fmt: skip
MONTHS.update(MISSPELT_MONTHS)
WEEKDAYS.update(MISSPELT_WEEKDAYS)

# Informal spellings (social media, texting), each read as the word it stands for. Rules match them
# through the pattern pieces below, and `canonical` gives the normalisers the standard word.
INFORMAL_SPELLINGS = {
    "tomorrow": ("tmrw", "tmr", "tmrrw", "tmw", "tmrow", "2moro", "2morow", "2morrow", "2morro", "2mrw", "2mro",
                 "tomoro", "tomorow", "tommorow", "tommorrow"),
    "today": ("2day",),
    "tonight": ("tonite", "2nite", "2night", "tonigh"),
    "yesterday": ("yday", "ystrdy", "yest"),
    "night": ("nite", "nyt"),
    "weekend": ("wknd", "wkend"),
    "next": ("nxt",),
    "week": ("wk",),
    "year": ("yr",),
    "christmas": ("xmas", "x-mas"),
}  # fmt: skip
CANONICAL_SPELLING = {v: k for k, forms in INFORMAL_SPELLINGS.items() for v in forms}
# words whose letters social media stretch ("todayyy", "tonighttt"): read as the word itself
STRETCHABLE = {"today", "tomorrow", "tonight", "yesterday", "weekend", "tonite", "2nite", "tmrw"}
# lower-case names that are names whatever the text's case: full weekday names and their long forms
LOWERCASE_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tues",
                      "thurs", "weds", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays",
                      "sundays", *MISSPELT_WEEKDAYS}  # fmt: skip
# lower-case month words that are also common words: unread without a day ("august"), and "may", "march"
# need an ordinal day ("march 3rd", "5th of may"; not "we march 3 miles")
LOWERCASE_AMBIGUOUS_MONTHS = {"may", "march", "mar", "august", "aug"}
# lower-case month abbreviations that are no other word: a month after a preposition of months even when a verb
# or a noun follows ("the update from sept broke it", "since oct we have"); "jan", "jun" are names, "mar" a verb
LOWERCASE_UNAMBIGUOUS_MONTH_ABBREVIATIONS = {"feb", "apr", "sep", "sept", "oct", "nov", "dec"}
# a lower-case month without a day is a month after these words: "back in april", "since june"
LOWERCASE_MONTH_AFTER = {"in", "on", "since", "until", "till", "til", "by", "from", "through", "thru", "during",
                         "of", "last", "next", "nxt", "this", "early", "late", "mid", "before", "after", "to"}  # fmt: skip
# ... though one of those common words is a month after these when its phrase ends with it: "bought it in
# march, broke in june", "since may we have" (not "in august company", "we march 3 miles")
LOWERCASE_AMBIGUOUS_MONTH_AFTER = {"in", "since", "until", "till", "til", "by", "during", "last", "next", "nxt",
                                   "early", "late", "mid", "from", "thru", "through"}  # fmt: skip
# ... and whatever follows after these, which take a time and never a verb: "id wait til march for the new one"
LOWERCASE_MONTH_AFTER_A_LIMIT = {"til", "till", "until"}
# a three-letter weekday without its period is one after these words ("on sat", "by fri") or before a part
# of the day ("sat nite")
SHORT_WEEKDAY_AFTER = {"on", "by", "till", "til", "until", "thru", "since", "from"}
# ... and after these, which belong to the expression ("nxt sat", "every fri"; "this sun" is the sun)
SHORT_WEEKDAY_MODIFIERS = {"this", "next", "nxt", "last", "every"}
SHORT_WEEKDAYS = {w: n for w, n in WEEKDAYS.items() if len(w) == 3}
# lower-case three-letter weekdays that are no other English word: a weekday anywhere ("delivery said fri")
UNAMBIGUOUS_SHORT_WEEKDAYS = {"tue", "thu", "fri"}
# the others ("sat", "sun", "wed", "mon") without a preposition are weekdays before a clock time ("dinner sun at
# 6pm"), as a label before a colon ("update mon: still broken") or after "for" ending their phrase ("on for
# sat?"; not "sun": "cream for sun")
SHORT_WEEKDAY_FOR = {"sat", "wed", "mon"}
# ... next to a meal or an outing they name the day of ("sun brunch?", "sat lunch at mine", "brunch sun??")
SHORT_WEEKDAY_BEFORE = {"brunch", "lunch", "dinner", "breakfast", "roast", "drinks", "footy", "plans", "shift"}
# ... after a verb of coming, going, starting or ending, in the past ("went sat and it was packed", "finals ended
# mon"; not "got wed", "be wed") or in the present that schedules ("new episode drops wed", "it opens sat")
SHORT_WEEKDAY_AFTER_GOING = {"went", "came", "arrived", "left", "landed", "flew", "visited", "returned", "started",
                             "ended", "finished", "began", "opened", "closed"}  # fmt: skip
SHORT_WEEKDAY_AFTER_SCHEDULING = {"drops", "starts", "opens", "ends", "arrives", "lands", "begins", "launches",
                                  "returns", "closes", "finishes"}  # fmt: skip
# ... and joined to another weekday ("work sat and sun", "sat or sun", "mon-fri")
SHORT_WEEKDAY_VERBS = {"sat", "wed"}  # the short weekdays that are also past verbs
SHORT_WEEKDAY_LINK = r"\s*(?:-|\u2013|&|/|\s(?:and|or|to|thru|through|n)\s)\s*"
# ... and never after a determiner or a subject: "in the sun at 3pm", "we sat: it was fine"
SHORT_WEEKDAY_NOT_AFTER = {"the", "a", "an", "this", "that", "his", "her", "my", "your", "ur", "our", "their", "its",
                           "some", "no", "i", "we", "you", "u", "he", "she", "they", "it", "who", "and", "or"}  # fmt: skip
# "this am", "tomorrow pm": a part of the day only after a day word or "this"
INFORMAL_PARTS = {"am": "MO", "pm": "AF", "aft": "AF"}  # "this aft"; not "fore and aft"

# a quarter written "Q3" without its year is one after these words ("due in q4"; not "the answer to q2")
QUARTER_CODE_AFTER = {"in", "by", "for", "until", "till", "til", "since", "from", "during", "this", "next", "last",
                      "early", "late", "mid", "of", "before", "after", "thru", "through"}  # fmt: skip

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY = {
    "nite": "NI", "morning": "MO", "morn": "MO", "arvo": "AF", "afternoon": "AF", "mid-afternoon": "AF", "mid afternoon": "AF", "midafternoon": "AF",
    "evening": "EV", "night": "NI", "overnight": "NI", "midday": "MI", "mid-day": "MI",
}  # fmt: skip

UNITS = {
    "second": "S", "sec": "S", "minute": "TM", "min": "TM", "hour": "H", "hr": "H", "day": "D",
    "week": "W", "wk": "W", "fortnight": "2W", "month": "M", "year": "Y", "yr": "Y", "decade": "10Y",
    "century": "100Y", "centurie": "100Y", "quarter": "3M", "weekend": "WE", "night": "D",
    "millennium": "1000Y", "millennia": "1000Y",
}  # fmt: skip

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "thirtieth": 30, "last": -1, "final": -1,
}  # fmt: skip

# days of the month written as ordinal words: "the fifth of November", "June twenty-first"
DAY_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
}  # fmt: skip

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "a": 1, "an": 1, "a single": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
    "half a": 0.5, "a half": 0.5, "one and a half": 1.5, "a dozen": 12, "a hundred": 100,
    "a thousand": 1000, "thousand": 1000,
}  # fmt: skip

VAGUE_QUANTITIES = (
    "a few",
    "few",
    "several",
    "some",
    "many",
    "the",
    "these",
    "those",
    "recent",
    "the past few",
    "a number of",
    "numerous",
    "countless",
    "the next few",
    "coming",
)

DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

REF_WORDS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "the present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "more recently": "PAST_REF", "most recently": "PAST_REF",
    "until recently": "PAST_REF", "long ago": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "the near future": "FUTURE_REF",
    
}  # fmt: skip

TIMEZONES = (
    "EST",
    "EDT",
    "CST",
    "CDT",
    "MST",
    "MDT",
    "PST",
    "PDT",
    "GMT",
    "UTC",
    "BST",
    "CET",
    "CEST",
    "ET",
    "PT",
    "JST",
    "HKT",
    "IST",
    "local time",
)

# the zones a four-digit clock time names, in capitals: "1052 GMT", "0440 UTC"
MILITARY_CLOCK_ZONES = tuple(t for t in TIMEZONES if t.isupper())

# a dotted number after these is a version, not a date: "version 1.2.2012", "firmware 10.3.2019"
VERSION_WORDS = {"version", "v", "ver", "release", "build", "firmware", "update", "rev", "revision", "ios", "android"}

# Sets ("daily" etc.)
SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "yearly": "P1Y", "hourly": "PT1H", "semiannually": "P6M",
    "every day": "P1D", "every week": "P1W",
}  # fmt: skip


# ---- word lists the normalisers and the candidate filters consult

# "the 80s" is a temperature after these words ("highs in the 80s"), not a decade
TEMPERATURE_WORDS = ("temperature", "temperatures", "temps", "highs", "lows", "high", "low", "degrees", "mercury",
                     "thermometer", "warm", "hot", "cold", "cool")  # fmt: skip
# a clock hour with "ish" ("meet at 3ish") is no clock time before these: "a 10ish minute walk", "5ish people"
NOT_A_CLOCK_ISH_BEFORE = ("people", "percent", "%", "times", "more", "of", "or", "k", "bucks", "dollars", "quid")
# an hour from 7 to 11 with "ish" is an evening's after these words ("2nite ... starting 9ish"), else a morning's;
# an hour from 1 to 6 is an afternoon's
EVENING_CUES = re.compile(r"\b(?:tonight|tonite|2nite|2night|evening|night|nite|dinner|party|drinks|pm)\b",
                          re.IGNORECASE)  # fmt: skip
# ... and an hour from 7 to 11 with its minutes ("seated till 9:15") after these ("party" may be political)
EVENING_CLOCK_CUES = re.compile(r"\b(?:tonight|tonite|2nite|2night|evening|night|nite|dinner|drinks|pm)\b",
                                re.IGNORECASE)  # fmt: skip

# "every minute" after these is all of a time, not a set: "loved every minute of it", "enjoyed every second"
RELISHED_EVERY_AFTER = {"loved", "love", "enjoyed", "enjoy", "savoured", "savored", "relished", "hated", "cherished",
                        "treasured", "regretted", "worth"}  # fmt: skip
# "two weeks back" is "two weeks ago", but not after these, where it is a delay: "it set us two weeks back"
NOT_AGO_BACK_AFTER = {"us", "them", "it", "me", "him", "her", "you", "u", "pushed", "put", "set", "moved", "knocked",
                      "threw", "thrown", "sets", "puts"}  # fmt: skip
# "3 nights" is a stay of days after these ("stayed 3 nights", "for two nights"); else nights are counted events
NIGHTS_OF_A_STAY_AFTER = {"stayed", "stay", "stays", "staying", "spent", "spend", "spending", "for", "booked",
                          "lasted", "another", "extra"}  # fmt: skip
# a clock time in words: "half past 7", "a quarter to nine", "ten past six", and the British "half 7" (half past);
# minutes before "past" or "to" (a number before "to" only after a clock preposition: "ten to one" are odds)
CLOCK_MINUTE_WORDS = {"half": 30, "quarter": 15, "a quarter": 15, "five": 5, "ten": 10, "twenty": 20,
                      "twenty-five": 25, "twenty five": 25}  # fmt: skip
CLOCK_HOUR_WORDS = {w: n for w, n in NUMBER_WORDS.items() if isinstance(n, int) and 1 <= n <= 12 and " " not in w
                    and w not in ("a", "an", "dozen")}  # fmt: skip
# the prepositions of a clock time: "at half 7", "till ten to six", "booked for half 8"
CLOCK_PREPOSITIONS = ("at", "for", "by", "till", "til", "until", "from", "around", "about", "before", "after",
                      "since", "gone", "past")  # fmt: skip
# "half 7" is no clock time before these: "half 7 percent", "half 3 of them"
NOT_A_HALF_CLOCK_BEFORE = ("percent", "%", "of", "per", "times", "people", "points", "pounds", "kilos", "miles")

REL_YEAR = {"last": -1, "this": 0, "next": 1}  # "last year's", "October of next year"
DAY_WORD_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
QUARTER_WORDS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
# Holidays: each name as written (an apostrophe, the "s" next to it and a period are optional in the text:
# "Mothers Day", "St Patrick's Day", "Presidents Day") -> the rule that places it in a year:
#   "MM-DD"          a fixed day of the month
#   "MM Www#N"       the N-th weekday Www of month MM; N = -1 is the last ("05 Mon#-1": Memorial Day)
#   "easter"         Western Easter Sunday
# then optionally " +D" / " -D" days from it ("11 Thu#4 +1": the day after US Thanksgiving) and
# " quadrennial:R" for a day held only in the years y with y % 4 == R (US presidential election cycle).
# A name that differs by country takes the US day ("Thanksgiving", "Mother's Day", "Independence Day"), the
# UK one under its own name ("Mothering Sunday": the fourth Sunday of Lent). Hanukkah, Diwali, Ramadan, Eid,
# Passover and the Chinese New Year follow lunar or lunisolar calendars: no fixed Gregorian rule, left out.
HOLIDAYS = {
    "new year's day": "01-01", "new year's": "01-01", "new year's eve": "12-31", "hogmanay": "12-31",
    "new yr's": "01-01", "new yr's eve": "12-31",
    "twelfth night": "01-05", "epiphany": "01-06", "inauguration day": "01-20 quadrennial:1",
    "martin luther king day": "01 Mon#3", "martin luther king jr. day": "01 Mon#3", "mlk day": "01 Mon#3",
    "burns night": "01-25", "australia day": "01-26", "groundhog day": "02-02", "valentine's day": "02-14",
    "presidents' day": "02 Mon#3", "washington's birthday": "02 Mon#3", "super tuesday": "03 Tue#1 quadrennial:0",
    "st. patrick's day": "03-17", "saint patrick's day": "03-17", "st. paddy's day": "03-17",
    "st. patty's day": "03-17", "april fools' day": "04-01", "earth day": "04-22", "anzac day": "04-25",
    "may day": "05-01", "cinco de mayo": "05-05", "mother's day": "05 Sun#2", "memorial day": "05 Mon#-1",
    "flag day": "06-14", "father's day": "06 Sun#3", "juneteenth": "06-19", "canada day": "07-01",
    "independence day": "07-04", "fourth of july": "07-04", "bastille day": "07-14", "labor day": "09 Mon#1",
    "columbus day": "10 Mon#2", "indigenous peoples' day": "10 Mon#2", "canadian thanksgiving": "10 Mon#2",
    "halloween": "10-31", "hallowe'en": "10-31", "all hallows' eve": "10-31", "all saints' day": "11-01",
    "all souls' day": "11-02", "guy fawkes night": "11-05", "guy fawkes day": "11-05", "bonfire night": "11-05",
    "election day": "11 Mon#1 +1", "veterans day": "11-11", "armistice day": "11-11", "remembrance day": "11-11",
    "remembrance sunday": "11 Sun#2", "thanksgiving": "11 Thu#4", "thanksgiving day": "11 Thu#4",
    "black friday": "11 Thu#4 +1", "small business saturday": "11 Thu#4 +2", "cyber monday": "11 Thu#4 +4",
    "nye": "12-31", "christmas eve": "12-24", "christmas": "12-25", "christmas day": "12-25", "boxing day": "12-26",
    "shrove tuesday": "easter -47", "pancake day": "easter -47", "mardi gras": "easter -47",
    "ash wednesday": "easter -46", "mothering sunday": "easter -21", "palm sunday": "easter -7",
    "maundy thursday": "easter -3", "holy thursday": "easter -3", "good friday": "easter -2",
    "holy saturday": "easter -1", "easter": "easter", "easter sunday": "easter", "easter day": "easter",
    "easter monday": "easter +1", "ascension day": "easter +39", "pentecost": "easter +49",
    "whit sunday": "easter +49", "whitsun": "easter +49", "whit monday": "easter +50",
    # the fixed feasts and quarter days that histories date by: "at Michaelmas 1163", "on Lady Day 1606"
    "candlemas": "02-02", "st. david's day": "03-01", "lady day": "03-25", "st. george's day": "04-23",
    "midsummer's day": "06-24", "lammas": "08-01", "michaelmas": "09-29", "martinmas": "11-11",
    "st. andrew's day": "11-30", "st. stephen's day": "12-26",
}  # fmt: skip
# a holiday's name before these words is part of another name: "the Good Friday Agreement", "Easter Island"
HOLIDAY_NAME_HEADS = ("agreement", "accord", "accords", "rising", "uprising", "offensive", "island", "islands",
                      "bunny")  # fmt: skip
# names whose day differs by country: after another country's name or a possessive they are not the US day
# ("India's Independence Day", "Ukrainian Independence Day"); these words name the US one
COUNTRY_HOLIDAYS = {"independence day", "thanksgiving", "thanksgiving day", "labor day", "memorial day",
                    "mother's day", "father's day", "election day"}  # fmt: skip
US_WORDS = {"u.s.", "us", "american", "america's", "america", "the", "national", "federal"}
# names that are common words too: a holiday only when capitalised ("an epiphany", "the country's independence
# day"); tweets write "thanksgiving" and "memorial day" in lower case, British news "election day"
CAPITALISED_HOLIDAYS = {"epiphany", "independence day", "may day", "earth day", "flag day", "pentecost",
                        "ascension day", "lady day"}  # fmt: skip
# names that are surnames too when written with a capital only: a holiday in lower case or capitals ("nye",
# "NYE"; not "Bill Nye")
SURNAME_HOLIDAYS = {"nye"}
# texting spellings that are names in capitals: "last NYT story" is the newspaper, "last nyt" a night
CAPITALS_NOT_A_PART = {"nyt"}
# the words that list one name beside the next: "Theresa May and Tom Hale comment on ..."
NAME_LIST_LINKS = {"and", ",", "&"}
# a month word joined by these to a capitalised word that is no calendar word is a name ("May and Ruth")
NAME_PAIR_LINKS = {"and", "&"}
# ... the calendar words that are not such names: "between May and Easter", "May and Summer"
NOT_A_NAME_BESIDE_A_MONTH = {"spring", "summer", "autumn", "fall", "winter", "today", "tomorrow", "yesterday"}
# "mid 30s" after these is an age, not a decade: "in her late 20s"
AGE_POSSESSIVES = {"his", "her", "their", "my", "your", "our", "its"}
# "D-Day" is the Normandy landings (1944-06-06) unless it names the decisive day of something else: "D-Day for
# the euro", "our D-Day", "Brexit D-Day", or a sentence set in a year after the war that does not commemorate them
D_DAY = "1944-06-06"
D_DAY_GENERIC_BEFORE = {"a", "an", "another", "its", "their", "our", "his", "her", "my", "your", "every"}
D_DAY_GENERIC_AFTER = ("for", "of")
D_DAY_WAR_YEARS = range(1939, 1946)  # years of a sentence that do not contradict the landings
D_DAY_COMMEMORATION = re.compile(r"anniversar|commemorat|veteran|memorial|\bmark|landing|normandy|invasion",
                                 re.IGNORECASE)  # fmt: skip
# a four-digit number after these words is a number, not a year: "flight 1549", "Boeing 747", "$2000"
NOT_YEAR_AFTER = {"$", "no", "number", "route", "flight", "#", "model", "boeing", "airbus", "room", "page"}
# A body falling from, off or down something, to a death, or a measured height ("fell about 600 metres"): prices
# "fall into" a range and "fell 2%", people and things fall from places.
PHYSICAL_FALL = re.compile(
    r"\b(?:fell|fallen|falling|falls?)\s+(?:[\w'-]+\s+){0,3}?(?:from|off|down|onto|to\s+(?:his|her|their)\s+deaths?)\b"
    r"|\b(?:fell|fallen|falling)\s+(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+)?[\d,.]+\s*"
    r"(?:m|ft|metres|meters|feet)\b",
    re.IGNORECASE,
)
# Quotations (quotes.py): double quotes within a paragraph; single quotes only after an attribution's colon,
# closed before punctuation, a capital or the end (an apostrophe inside: "we're", "the players' union").
DOUBLE_QUOTED = re.compile(r'"([^"\n]{1,800})"|\u201c([^\u201d\n]{1,800})\u201d|``([^\n]{1,800}?)\'\'')
SINGLE_QUOTED = re.compile(r"(?<=:)\s+['\u2018]([^\n]{1,800}?)['\u2019](?=[,.;:!?]|\s+[A-Z]|\s*$)", re.MULTILINE)
# The verbs that attribute a quotation to its speaker and its time ("said on Monday", "posted on November 9").
ATTRIBUTION_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|wrote|writes|posted|posts|tweeted|tweets|added|adds|explained|recalled|"
    r"announced|declared|stated|insisted|admitted|warned|confirmed|replied|remarked|commented|messaged|texted)\b",
    re.IGNORECASE,
)
# a season word without a determiner is a season only after these: "in spring" (not "prices fall")
SEASON_PREPOSITIONS = {"in", "during", "by", "until", "since", "this", "last", "next", "of", "over", "through",
                       "before", "after", "throughout"}  # fmt: skip
# "a week" / "a year" is a set only after a quantity: "twice a week", "5 percent a year"
SET_AFTER = {"once", "twice", "thrice", "times", "percent", "%", "cents", "dollars", "million", "billion",
             "hours", "days", "meals", "cigarettes", "miles", "pounds", "tons", "barrels", "visits", "trips"}  # fmt: skip
# "a second" is a unit only before these words ("a second later"; not "a second letter")
SECOND_AS_UNIT_BEFORE = {"later", "ago", "or", "and", "earlier", "before", "after", "longer", "apart", "to", "in",
                         "of", "more", "too", "the", "when", "as", "than", "for", "until", "at", "on", "is", "was",
                         "it", "he", "she", "they", "we", "i", "you"}  # fmt: skip
# a bare plural unit ("weeks") is a duration only after these: "for weeks", "took months"
BARE_DURATION_AFTER = {"for", "over", "within", "in", "after", "than", "take", "takes", "took", "taken", "lasted",
                       "last", "spent", "spend", "from", "like", "and", "or", "through", "throughout", "during",
                       "only", "about", "nearly", "almost", "of", "wait", "waited", "by"}  # fmt: skip
# "current" before these nouns is not PRESENT_REF: "the current account"
NOT_TEMPORAL_AFTER_CURRENT = r"(?:account|accounts|affairs|events|issue|issues|flow|flows|prices?|dollars|assets|liabilities|level|levels)"
# a month word after these is a name: "Prime Minister May", "Mrs. May"
NAME_TITLES = {
    "minister", "president", "mrs", "mrs.", "ms", "ms.", "mr", "mr.", "miss", "dr", "dr.", "prime", "premier",
    "chancellor", "sen.", "rep.",
}  # fmt: skip
# the words of news that speak of its own present: a text without any tells the past (narrative.py)
NEWS_DEIXIS = re.compile(
    r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+(?:week|month|year|night)|[Tt]his\s+(?:week|month|"
    r"year|morning|afternoon|evening)|[Nn]ext\s+(?:week|month|year)|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
)
# a sports or broadcast season is the year it is played in: "this season" (2016), "last season" (2015)
PLAYING_SEASON_SHIFTS = {"this": 0, "the current": 0, "last": -1, "the past": -1, "next": 1, "the coming": 1}
PLAYING_SEASON_WORDS = ("season", "postseason", "regular season")
# prepositions that put a happening within a part of the reference day: "worked throughout the evening"
PART_OF_DAY_SPAN_PREPOSITIONS = ("throughout", "through", "during", "into")
# the words a page's own date line may hold besides the date: "Published: March 4, 2021", "Updated Thursday, ..."
STAMP_WORDS = frozenset({"published", "updated", "posted", "last", "modified", "first", "on", "at", "date", "dated",
                         "created", "am", "pm", "edt", "est", "pdt", "pst", "cdt", "cst", "et", "pt", "gmt", "bst", "utc"})
STAMP_LINES = 5  # how many lines at the head of a text may hold its date line
# a clock time before this, told after a night or an evening, is the small hours of the next day
LAST_SMALL_HOUR = "06:00"
# "shortly before 9:15 p.m. that Friday" is a point of the past; a bare "before Friday" may be a deadline
POINT_BEFORE_WORDS = ("just", "shortly", "right", "moments", "minutes", "hours", "soon", "sometime", "well")
# a number "at 6.10" is a quantity, not a clock time, before these: "at 2.46 billion", "at 6.10 a share"
NOT_A_CLOCK_AFTER = ("billion", "million", "bn", "percent", "per", "a share", "cents", "pence", "pounds", "dollars",
                     "euros", "points", "metres", "meters", "miles", "km", "kg", "mph", "seconds", "secs", "times",
                     "am", "pm", "a.m", "p.m")  # fmt: skip
# words that may follow such a part of the day ("throughout the evening to identify them")
AFTER_A_PART_OF_DAY = ("and", "or", "to", "at", "in", "on", "with", "as", "when", "while", "before", "after",
                       "until", "but", "for", "by", "near", "outside", "inside")  # fmt: skip
# a season after these words is counted from the reference time: "that summer", "the following spring"
ANAPHORIC_SEASON = r"(?:that|the\s+same|the\s+following|the\s+next|the\s+previous)"
# "May of the following year", "in June of that year": a year counted from the reference time
ANAPHORIC_YEAR = r"(?:that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding)"
ANAPHORIC_YEAR_SHIFT = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}
# "the end of the month": the unit the text is at (the publication's, or in a narrative the passage's)
PART_OF_THE_UNIT = {"the end of the", "the start of the", "the beginning of the", "the middle of the"}
# a weekday after these words is resolved around the reference time, not the publication date
ANAPHORIC_WEEKDAY = re.compile(
    r"\b(that|that\s+same|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding)\s+$",
    re.IGNORECASE,
)
WEEKDAY_AFTER_REF = {"the following", "the next"}
WEEKDAY_BEFORE_REF = {"the previous", "the preceding"}
# capitalised words before an expression that do not make it part of a title: "On Monday", "Since March"
CAPITALISED_NOT_TITLE = {"on", "in", "since", "until", "by", "from", "at", "mr", "i"}

# --- days of news stories (branch timex7) ---
# a day after these bounds a stretch reaching to now or ahead ("has fallen since Friday morning"): it is not the
# day the passage tells of, on which a bare "at 6pm" falls
SCENE_NOT_SET_AFTER = re.compile(r"\b(?:since|until|till|til)\s+(?:at\s+least\s+|early\s+|late\s+)?$", re.IGNORECASE)
# nouns of an outcome, done once it is told of: "Tuesday's ruling", "Saturday's defeat" lie in the past
OUTCOME_NOUNS = frozenset({
    "ruling", "decision", "verdict", "judgment", "judgement", "announcement", "statement", "defeat", "win",
    "victory", "loss", "draw", "thrashing", "humiliation", "collapse", "resignation", "dismissal", "sacking",
    "attack", "bombing", "shooting", "killing", "crash", "explosion", "blast", "arrest", "raid", "comments",
    "remarks", "result", "results", "flood", "flooding", "storm", "earthquake", "fire", "closing", "close",
})  # fmt: skip
# ... unless words like these stand before the weekday: "ahead of Thursday's ruling", "awaiting Friday's verdict"
BEFORE_AN_OUTCOME_TO_COME = re.compile(
    r"\b(?:ahead\s+of|before|until|till|til|for|await|awaits|awaiting|awaited|pending|expect|expects|expected|"
    r"expecting|in\s+time\s+for|towards?)\s+$", re.IGNORECASE)
# verbs whose infinitive tells what was done, not planned: "took 40 minutes to reach", "managed to free", "failed
# to score" (not "agreed to buy it in January": a plan made in the past, to happen at its own time)
DONE_INFINITIVE_VERBS = frozenset({"take", "manage", "fail", "begin", "start", "continue", "struggle", "rush",
                                   "hurry", "happen", "bother", "dare", "help", "cease"})  # fmt: skip
# verbs of saying: their present tense ("he says") is no fixture, whatever else the sentence says
SAYING_LEMMAS = frozenset({"say", "tell", "add", "claim", "insist", "warn", "admit", "report", "announce",
                           "confirm", "deny", "believe", "think", "argue", "suggest", "write", "note"})  # fmt: skip
# a half of a year without its year ("first-half profit", "sales rose in the second half") needs words of money or
# the economy nearby; a half elsewhere is a match's ("a first-half penalty", "scored in the second half")
HALF_YEAR_WORDS = re.compile(
    r"\b(?:profits?|sales|revenues?|earnings|results|turnover|income|losses|loss|margins?|dividends?|growth|"
    r"output|economy|economic|inflation|prices|trading|shares|demand|spending|fiscal|financial|quarter|"
    r"unemployment|deficit|exports|imports|orders|production|gdp)\b|%|\bper\s?cent\b", re.IGNORECASE)
# --- end of days of news stories ---


def _alt(words) -> str:
    items = sorted(set(words), key=len, reverse=True)
    return (
        "(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[-\u2010\u2011 ]?") for w in items)
        + ")"
    )


_month_words = [m for m in MONTHS if len(m) > 3 or m == "may"]
_month_abbr = [m for m in MONTHS if len(m) <= 4 and m != "may" and m not in ("june", "july")]
MONTH = "(?:" + _alt(_month_words) + "|" + _alt(_month_abbr) + r"\.?" + ")"
WEEKDAY = (
    "(?:"
    + _alt([w for w in WEEKDAYS if len(w) > 3])
    + "|"
    + _alt([w for w in WEEKDAYS if len(w) <= 5])
    + r"\.)"
)
_number_words_simple = [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an")]
NUMWORD = _alt(_number_words_simple)
# number words make one number as tens and a unit ("twenty-four") or around a hundred or a thousand ("two hundred
# and five"); two units side by side are two numbers ("League One two years later")
_TENS = _alt([w for w, v in NUMBER_WORDS.items() if v in range(20, 100, 10)])
_UNIT_WORDS = _alt([w for w, v in NUMBER_WORDS.items() if v in range(1, 10) and w not in ("a", "an")])
_SCALE_WORDS = _alt(["hundred", "thousand", "dozen"])
_NUMBER_LINK = r"(?:[-\u2010\s]|\s+and\s+)"
_SMALL_NUMWORDS = rf"(?:{_TENS}[-\u2010\s]{_UNIT_WORDS}(?!\w)|{NUMWORD})"
NUMWORDS = rf"{_SMALL_NUMWORDS}(?:{_NUMBER_LINK}{_SCALE_WORDS}(?:{_NUMBER_LINK}{_SMALL_NUMWORDS})?)*"
DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
FRACTION = r"(?:\d+\s+)?\d/\d|\d+\s*\u00bd|\u00bd"
NUM = rf"(?:{FRACTION}|{DIGITS}|{NUMWORDS}|" + _alt([w for w in NUMBER_WORDS if " " in w] + ["a", "an"]) + ")"
VAGUE = _alt(VAGUE_QUANTITIES)
UNIT = _alt(UNITS)
UNITS_RE = rf"{UNIT}s?"
SEASON = _alt(SEASONS)
PLAYING_SEASON_REL = _alt(PLAYING_SEASON_SHIFTS)
PLAYING_SEASON = _alt(PLAYING_SEASON_WORDS)
NOT_A_CLOCK_AFTER_RE = _alt(NOT_A_CLOCK_AFTER)
AFTER_A_PART_OF_DAY_RE = _alt(AFTER_A_PART_OF_DAY)
PART = _alt(PARTS_OF_DAY)
TEMPERATURE_WORD = _alt(TEMPERATURE_WORDS)
NOT_A_CLOCK_ISH = _alt(NOT_A_CLOCK_ISH_BEFORE)
ORD = _alt(ORDINALS)
DAY_ORDINAL = _alt(DAY_ORDINALS)
TZ = r"(?:" + "|".join(re.escape(t) for t in TIMEZONES) + r")"
MILITARY_ZONE = r"(?-i:" + "|".join(MILITARY_CLOCK_ZONES) + r")"
DAYNUM = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
YEAR = rf"(?:{YEAR4}|'\d\d|\u2019\d\d)"
# a month makes any year from 1000 a year ("14 October 1066"); alone, one before 1600 needs a preposition
# and no lower-case word after it but these ("in 1066 the Normans"; not "in 1200 cases")
YEAR_AFTER_MONTH = r"(?:1\d\d\d|20\d\d)"
EARLY_YEAR4 = r"1[0-5]\d\d"
# the words before such a year: "in 1066", "by 1248", "a charter of 1289", "dated 1176"
EARLY_YEAR_PREPOSITIONS = ("in", "since", "until", "till", "of", "circa", "c.", "around", "about", "from", "by",
                           "before", "after", "dated", "during")  # fmt: skip
EARLY_YEAR_PREPOSITION = _alt(EARLY_YEAR_PREPOSITIONS)
EARLY_YEAR_FOLLOWERS = (
    r"(?:the|a|an|and|or|but|he|she|it|they|we|his|her|its|their|when|after|before|as|to|in|on|at|with|"
    r"under|until|during|while|was|were|had)"
)
APPROX = (
    r"(?:(?:about|around|nearly|almost|approximately|roughly|some|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|at\s+most|just\s+over|just\s+under|over|under|up\s+to|no\s+more\s+than|only|"
    r"barely|well\s+over|close\s+to|the\s+better\s+part\s+of|little\s+more\s+than|just)\s+)"
)
# modifiers TBAQ keeps inside the extent (about / over / only / just stay outside)
MOD = r"(?:(?:nearly|more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to|no\s+more\s+than|around)\s+)?"
EDGE = (
    r"(?:(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|rest|remainder|close|turn)"
    r"\s+of|end\s+of|start\s+of|beginning\s+of|middle\s+of)[-\s]+)"
)
# years of an era: "218 BC", "44 B.C.", "500 BCE", "AD 800", "800 CE" (markers in capitals only: "an ad")
# a lower-case month word that ends its phrase: punctuation, the end, a year or a function word after it
LOWERCASE_MONTH_ENDS = re.compile(rf"\s*(?:[.,;:!?)]|$|\d{{4}}\b|{EARLY_YEAR_FOLLOWERS}\b)", re.IGNORECASE)
ERA_BEFORE = r"(?-i:B\.\s?C\.(?:\s?E\.)?|BCE|BC)"
ERA_AFTER = r"(?-i:A\.\s?D\.|AD|C\.\s?E\.|CE)"
ERA_PREFIX = r"(?-i:A\.\s?D\.|AD)"
def _stretched(word: str) -> str:
    """A word whose last letter may be repeated: 'todayyy'."""
    return re.escape(word[:-1]) + re.escape(word[-1]) + "+" if word in STRETCHABLE else re.escape(word)


def _spellings(*words: str) -> str:
    forms = [f for w in words for f in (w, *INFORMAL_SPELLINGS.get(w, ()))]
    return "(?:" + "|".join(_stretched(f) for f in sorted(set(forms), key=len, reverse=True)) + ")"


DAY_WORD = _spellings("today", "yesterday", "tomorrow")


def _holiday_word(word: str) -> str:
    """One word of a holiday's name as the text may write it: "valentine's" also "Valentines", "Valentine"."""
    piece = re.escape(word).replace(r"\.", r"\.?").replace(r"\-", "[-\u2010 ]?")
    possessive = re.search(r"'s$|s'$", piece)
    if possessive:
        piece = piece[: possessive.start()]
    piece = piece.replace("'", "['\u2019]?")
    return piece + "(?:['\u2019]?s['\u2019]?)?" if possessive else piece


def _holiday_name(name: str) -> str:
    """A holiday's name, each word in its spellings ("xmas eve")."""
    return r"\s+".join(
        "(?:" + "|".join(_holiday_word(f) for f in sorted({w, *INFORMAL_SPELLINGS.get(w, ())}, key=len, reverse=True))
        + ")"
        for w in name.split()
    )


HOLIDAY = "(?:" + "|".join(_holiday_name(n) for n in sorted(HOLIDAYS, key=len, reverse=True)) + ")"
# each name with its rule, to find which name a match wrote
HOLIDAY_NAMES = [(re.compile(_holiday_name(n), re.IGNORECASE), n, rule) for n, rule in HOLIDAYS.items()]
HOLIDAY_NAME_HEAD = _alt(HOLIDAY_NAME_HEADS)
# the words a weekday ends a holiday's name after ("Good Friday", "Cyber Monday"): such a weekday is no
# weekday of the week around the publication, even where the name is part of another ("Good Friday Agreement")
HOLIDAY_BEFORE_WEEKDAY = re.compile(
    "(?:" + "|".join(_holiday_name(n.rsplit(" ", 1)[0]) for n in HOLIDAYS if n.rsplit(" ", 1)[-1] in WEEKDAYS)
    + r")\s+$",
    re.IGNORECASE,
)
TONIGHT = _spellings("tonight")
NIGHT = _spellings("night")
WEEKEND = _spellings("weekend")
NEXT = _spellings("next")
WEEK = _spellings("week")
SHORT_WEEKDAY = _alt(SHORT_WEEKDAYS)
INFORMAL_PART = _alt(INFORMAL_PARTS)
SHORT_WEEKDAY_PRE = _alt(SHORT_WEEKDAY_AFTER)
SHORT_WEEKDAY_MODIFIER = _alt(SHORT_WEEKDAY_MODIFIERS)
# a bare numeric date ("3/14") or day of the month ("the 20th") is a date only after these
# verbs of arrival take a day of the month without "on" ("ordered on the 1st, arrived the 6th"); not a numeric
# one ("shipped 1/2 million units", "arrived 3/4 full")
ARRIVAL_VERBS = ("arrived", "arrives", "came", "comes", "shipped", "ships", "landed", "returned", "delivered")
DATE_PREPOSITION = _alt(["on", "by", "until", "till", "til", "since", "from", "before", "after", "thru", "through",
                         "due", *ARRIVAL_VERBS])  # fmt: skip
_NOT_AFTER_AN_ARRIVAL_VERB = "".join(rf"(?<!\b{v}\s)" for v in ARRIVAL_VERBS)
DAYTIME_WORDS = _spellings("today", "yesterday", "tomorrow", "tonight")
AMPM = r"(?:a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|a\.m|p\.m)"
CLOCK = (
    rf"(?:[012]?\d(?:[:.][0-5]\d)?\s*{AMPM}|[012]?\d:[0-5]\d|noon|midnight|midday|"
    rf"[012]?\d(?::[0-5]\d)?\s+(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening)|[012]?\d\s+o'clock)"
)

# a date with a year of an era: "218 BC", "2 August 216 BC", "AD 800", "800 CE"
ERA_DATE = (
    rf"\b(?:(?:(?P<day>{DAYNUM})\s+(?:of\s+)?)?(?P<month>{MONTH})\s+(?:(?P<day2>{DAYNUM})\s*,?\s+)?)?"
    rf"(?:(?P<year>\d{{1,4}})\s?(?:(?P<before>{ERA_BEFORE})|(?P<after>{ERA_AFTER}))|{ERA_PREFIX}\s?(?P<ad>\d{{1,4}}))(?!\w)"
)
# a day without its year after a preposition: numeric ("on 3/14", "till 25/12") or an ordinal day of the
# month at the end of its phrase ("on the 20th."; not "on the 5th anniversary", "3/4 of a point") or before the
# subject of its clause ("On the 28th a squadron sank ..."); TimeML's extent holds the article ("the 28th")
# the words after which a day of the month still ends its phrase: "on the 12th too", "due on the 3rd but"; not
# "at", "after", "as", which follow a placing too ("finished on the 3rd at the race")
_BARE_DAY_FOLLOWERS = "and|or|when|to|through|until|till|til|too|also|but|then|so|again|instead|because|if"
BARE_DAY = (
    rf"\b{DATE_PREPOSITION}\s+(?:the\s+)?(?P<span>{_NOT_AFTER_AN_ARRIVAL_VERB}(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)"
    r"(?![/\d]|[.,]\d|\s*(?:%|percent|of|cups?|miles?|inch|inches)\b)"
    r"|the\s+(?P<ordinal>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)"
    rf"(?=\s*(?:[.,;:!?)]|$|(?:{_BARE_DAY_FOLLOWERS})\b)"
    r"|\s+(?:the|a|an|he|she|it|they|we|his|her|its|their)\s))"
)
CLOCK_HOUR_WORD = _alt(CLOCK_HOUR_WORDS)
NOT_A_HALF_CLOCK = _alt(NOT_A_HALF_CLOCK_BEFORE)
# a lookbehind on each clock preposition (each alone is fixed-width)
AFTER_CLOCK_PREPOSITION = "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in CLOCK_PREPOSITIONS) + ")"
YESTERDAY = _spellings("yesterday")
TOMORROW = _spellings("tomorrow")
HOLIDAY_FIRST_WORDS = frozenset(n.split()[0].rstrip("'s").rstrip("'") for n in HOLIDAYS) | frozenset(
    n.split()[0] for n in HOLIDAYS)
# the words that end the noun a clock time dates ("the 6am bus this morning"): a day after them is another clause's
NOT_IN_A_CLOCKED_NOUN = _alt(["and", "or", "but", "then", "so", "until", "till", "til", "before", "after", "since",
                              "when", "while", "on", "at", "by", "is", "was", "were", "will", "said", "says", "for"])
