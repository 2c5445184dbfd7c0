"""Vocabulary tables and the extraction rules (regular expressions as data).

Every rule is (name, type, pattern). The pattern is a template: {NAME} slots are replaced with the
alternations built from the tables below. The name selects the normalising function in
`normalise.NORMALISERS`. Rules are matched case-insensitively; longer matches win over shorter
overlapping ones, then earlier rules over later ones.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}  # fmt: skip

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "mid afternoon": "AF", "midafternoon": "AF",
    "evening": "EV", "night": "NI", "overnight": "NI", "midday": "MI", "mid-day": "MI",
}  # fmt: skip

UNITS = {
    "second": "S", "sec": "S", "minute": "TM", "min": "TM", "hour": "H", "hr": "H", "day": "D",
    "week": "W", "fortnight": "2W", "month": "M", "year": "Y", "yr": "Y", "decade": "10Y",
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

# Sets ("daily" etc.)
SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "yearly": "P1Y", "hourly": "PT1H", "semiannually": "P6M",
    "every day": "P1D", "every week": "P1W",
}  # fmt: skip


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
    + _alt([w for w in WEEKDAYS if len(w) > 4])
    + "|"
    + _alt([w for w in WEEKDAYS if len(w) <= 5])
    + r"\.)"
)
_number_words_simple = [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an")]
NUMWORD = _alt(_number_words_simple)
NUMWORDS = rf"{NUMWORD}(?:(?:[-\u2010\s]|\s+and\s+){NUMWORD})*"
DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
FRACTION = r"(?:\d+\s+)?\d/\d|\d+\s*\u00bd|\u00bd"
NUM = rf"(?:{FRACTION}|{DIGITS}|{NUMWORDS}|" + _alt([w for w in NUMBER_WORDS if " " in w] + ["a", "an"]) + ")"
VAGUE = _alt(VAGUE_QUANTITIES)
UNIT = _alt(UNITS)
UNITS_RE = rf"{UNIT}s?"
SEASON = _alt(SEASONS)
PART = _alt(PARTS_OF_DAY)
ORD = _alt(ORDINALS)
TZ = r"(?:" + "|".join(re.escape(t) for t in TIMEZONES) + r")"
DAYNUM = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
YEAR = rf"(?:{YEAR4}|'\d\d|\u2019\d\d)"
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
DAYTIME_WORDS = r"(?:today|yesterday|tomorrow|tonight)"
AMPM = r"(?:a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|a\.m|p\.m)"
CLOCK = (
    rf"(?:[012]?\d(?:[:.][0-5]\d)?\s*{AMPM}|[012]?\d:[0-5]\d|noon|midnight|midday|"
    rf"[012]?\d(?::[0-5]\d)?\s+(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening)|[012]?\d\s+o'clock)"
)

# (name, type, pattern). Order matters only for equal spans.
RULES: list[tuple[str, str, str]] = [
    # ---- explicit calendar dates
    (
        "iso_date",
        "DATE",
        r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[012]\d):(?P<mi>[0-5]\d)(?::\d\d)?)?\b",
    ),
    ("numeric_date", "DATE", r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})\b"),
    (
        "month_day",
        "DATE",
        (
            rf"\b(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?:{EDGE})?(?P<month>{MONTH})\s+(?P<day>{DAYNUM})\b"
            rf"(?:\s*,?\s*(?P<year>{YEAR4})\b)?"
        ),
    ),
    (
        "day_month",
        "DATE",
        (
            rf"\b(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<month>{MONTH})(?!\w)"
            rf"(?:\s*,?\s*(?P<year>{YEAR4})\b)?"
        ),
    ),
    ("month_year", "DATE", rf"\b(?:{EDGE})?(?P<month>{MONTH})\s*(?:,|of)?\s+(?P<year>{YEAR4})\b"),
    (
        "month_rel_year",
        "DATE",
        rf"\b(?:{EDGE})?(?P<month>{MONTH})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",
    ),
    (
        "month",
        "DATE",
        rf"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+coming|early|late|mid|earlier\s+in|later\s+in)[-\s]+)?(?:the\s+(?:end|beginning|start|middle)\s+of\s+)?(?P<month>{MONTH})(?!\w)(?!\s*\d)",
    ),
    (
        "year",
        "DATE",
        rf"\b(?:(?P<edge>{EDGE})|(?P<fiscal>fiscal\s+(?:year\s+)?|FY\s?|calendar\s+(?:year\s+)?|the\s+year\s+))?(?P<year>{YEAR4})(?![\d%])",
    ),
    (
        "year_words",
        "DATE",
        r"\b(?:the\s+year\s+)?(?P<yw>nineteen[-\s]+(?:\w+(?:[-\s]\w+)?)|two\s+thousand(?:(?:\s+and)?\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?))?)\b",
    ),
    (
        "decade",
        "DATE",
        r"\b(?:the\s+)?(?:(?P<edge>early|late|mid|middle)[-\s]+)?(?P<dec>(?:1[6-9]|20)\d0|'\d0|\u2019\d0)'?s\b",
    ),
    (
        "decade_word",
        "DATE",
        r"\b(?:the\s+)?(?:(?P<edge>early|late|mid)[-\s]+)?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    ),
    (
        "century",
        "DATE",
        rf"\b(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?P<ord>{ORD}|\d{{1,2}}(?:st|nd|rd|th))[-\s]+century\b",
    ),
    (
        "this_century",
        "DATE",
        r"\b(?P<rel>this|last|next|the\s+(?:last|previous|past|next|current))\s+century\b",
    ),
    # ---- quarters and halves
    (
        "quarter",
        "DATE",
        (
            rf"\b(?:(?P<det>the|this|last|next|its|their)\s+)?(?:(?P<ryear>last|this|next)\s+year(?:'s|\u2019s)\s+)?(?:comparable\s+|corresponding\s+)?(?:(?P<ago>year[-\s]?(?:ago|earlier))\s+)?(?:(?P<yr1>{YEAR4})\s+)?(?:fiscal\s+|calendar\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
            rf"[-\s]+(?:fiscal[-\s]+)?quarter(?![-\s]+(?:of\s+(?:a|an|the)\s+(?:century|mile|point|percent|hour)))"
            rf"(?:\s+of\s+(?:(?P<yr2>{YEAR4})|(?:fiscal\s+)?(?P<rel>this|last|next)\s+year|the\s+year|(?:fiscal\s+)?(?P<yr3>{YEAR4})))?\b"
        ),
    ),
    (
        "quarter_ref",
        "DATE",
        r"\b(?P<det>the|this|last|next|the\s+latest|the\s+current|the\s+latest\s+fiscal|the\s+most\s+recent|the\s+(?:comparable\s+|corresponding\s+)?year[-\s]?(?:ago|earlier)|the\s+previous|the\s+same|(?:last|this|next)\s+year(?:'s|\u2019s))\s+(?:fiscal\s+)?(?:quarter|period)\b",
    ),
    (
        "two_quarters",
        "DATE",
        rf"\bthe\s+(?P<w>first|last|second)\s+two\s+quarters(?:\s+of\s+(?P<year>{YEAR4}))?\b",
    ),
    ("year_quarter", "DATE", rf"\bthe\s+(?P<year>{YEAR4})\s+(?:fiscal\s+)?(?P<w>quarter|period)\b"),
    (
        "half",
        "DATE",
        rf"\b(?:the\s+)?(?P<h>first|second|latter|last|1st|2nd)[-\s]+half(?:\s+of\s+(?:(?P<year>{YEAR4})|(?P<rel>this|last|next)\s+year|the\s+year))?\b",
    ),
    (
        "season",
        "DATE",
        rf"\b(?:(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+coming|the\s+past|early|late|mid|the|next)[-\s]+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR4}))?\b",
    ),
    # ---- relative days, weeks, months, years
    (
        "day_word",
        "DATE",
        r"\b(?:(?P<edge>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow)(?:'s|\u2019s)?\b",
    ),
    ("day_before", "DATE", r"\bthe\s+day\s+(?P<rel>before\s+yesterday|after\s+tomorrow)\b"),
    (
        "weekday",
        "DATE",
        (
            rf"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past)\s+)?(?P<wd>{WEEKDAY})(?!\w)(?:'s|\u2019s)?"
            rf"(?:\s*,?\s+(?P<month>{MONTH})\s+(?P<day>{DAYNUM})\b(?:\s*,?\s*(?P<year>{YEAR4}))?)?"
        ),
    ),
    (
        "rel_unit",
        "DATE",
        (
            r"\b(?P<rel>last|this|next|past|the|the\s+past|the\s+last|the\s+previous|previous|the\s+current|current|the\s+coming|coming|"
            r"the\s+following|following|the\s+next|earlier\s+this|later\s+this|early\s+this|late\s+this|earlier\s+in\s+the|"
            r"later\s+in\s+the|early\s+next|late\s+next|early\s+last|late\s+last|this\s+past|the\s+same|that|the\s+end\s+of\s+the|"
            r"the\s+end\s+of\s+this|the\s+end\s+of\s+last|the\s+end\s+of\s+next|the\s+start\s+of\s+the|the\s+beginning\s+of\s+the|"
            r"the\s+middle\s+of\s+the|the\s+start\s+of\s+this|the\s+beginning\s+of\s+this|the\s+turn\s+of\s+the|so\s+far\s+this|"
            r"later\s+that|earlier\s+that)\s+"
            r"(?P<unit>week|month|year|weekend|decade|day|morning|afternoon|evening|night|fiscal\s+year)(?!-)\b"
        ),
    ),
    (
        "the_year",
        "DATE",
        r"\b(?P<prep>for|of|in|through|during|throughout)\s+(?P<span>the\s+(?:full\s+)?year)\b(?!-|\s+(?:ago|earlier|before|after|later))",
    ),
    (
        "holiday",
        "DATE",
        (
            r"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year(?:[\u2019']s)?(?:\s+(?:Day|Eve))?|"
            r"Thanksgiving(?:\s+Day)?|Independence\s+Day|Halloween|Valentine(?:[\u2019']s)?\s+Day|Veterans(?:[\u2019'])?\s+Day|Armistice\s+Day|"
            r"Labor\s+Day|Memorial\s+Day|Election\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Boxing\s+Day|Bastille\s+Day|"
            rf"Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day)(?:\s+(?P<week>week))?(?:\s*,?\s*(?P<year>{YEAR4}))?\b"
        ),
    ),
    ("year_end", "DATE", r"\b(?P<w>year-end|year\s+end|yearend|month-end|week-end)\b"),
    ("week_of", "DATE", rf"\bthe\s+week\s+of\s+(?P<month>{MONTH})\s+(?P<day>{DAYNUM})\b"),
    (
        "ago",
        "DATE",
        rf"\b{MOD}(?P<num>{NUM}|{VAGUE})\s+(?:more\s+)?(?P<unit>{UNITS_RE})\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|after|hence|from\s+now|since)\b",
    ),
    (
        "day_before_wd",
        "DATE",
        rf"\b(?:the\s+|a\s+)?(?P<num>day|two\s+days|week)\s+(?P<dir>before|after)\s+(?:last\s+|next\s+)?(?P<wd>{WEEKDAY})(?!\w)",
    ),
    (
        "anaphoric_day",
        "DATE",
        r"\b(?P<det>that|the\s+same|the\s+next|the\s+following|the\s+previous|the\s+preceding|earlier\s+that|later\s+that|that\s+same)\s+(?P<unit>day|week|month|year|morning|night|evening|afternoon)\b",
    ),
    (
        "year_earlier_adj",
        "DATE",
        r"\b(?:the\s+)?year[-\s](?:ago|earlier)(?:\s+(?:quarter|period|level|levels|figure|month))?\b",
    ),
    # ---- times of day
    (
        "clock",
        "TIME",
        (
            rf"\b(?:around\s+)?(?P<clock>{CLOCK})"
            rf"(?:\s+(?P<tz>{TZ}))?(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY})(?!\w)|\s+(?P<dw>{DAYTIME_WORDS})|\s+(?:on\s+)?(?P<month>{MONTH})\s+(?P<day>{DAYNUM})\b)?"
        ),
    ),
    (
        "part_of_day",
        "TIME",
        (
            rf"\b(?:(?P<pre>this|last|tomorrow|yesterday|early|late|that|earlier|later\s+this|earlier\s+this|early\s+this|late\s+this|late\s+last|early\s+last)\s+)?"
            rf"(?:(?P<wd>{WEEKDAY})(?!\w)\s+)?(?P<part>{PART})(?:\s+(?P<dw>today|yesterday|tomorrow))?\b"
        ),
    ),
    ("tonight", "TIME", r"\b(?P<w>tonight|last\s+night)\b"),
    # ---- sets
    (
        "set_every",
        "SET",
        rf"\b(?P<q>every|each|per|a)\s+(?:(?P<other>other|single)\s+)?(?P<unit>{UNIT}|{WEEKDAY}|{MONTH}|{SEASON}|{PART})(?!\w)",
    ),
    ("set_adverb", "SET", r"\b(?P<w>daily|nightly|weekly|biweekly|monthly|yearly|hourly)\b"),
    ("set_plural_wd", "SET", r"\b(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b"),
    ("set_wd_part", "SET", rf"\b(?P<wd>{WEEKDAY})\s+(?P<part>mornings|afternoons|evenings|nights)\b"),
    # ---- durations
    (
        "duration",
        "DURATION",
        (
            rf"\b{MOD}(?:(?P<the>the|its|their|his|her|each\s+of\s+the)\s+)?(?:(?P<rel>past|last|next|first|previous|coming|final|following|remaining|ensuing|initial|same)\s+)?"
            rf"(?P<num>{NUM})(?:\s+(?:more|additional|full|consecutive|straight|long))?[-\s]+(?P<unit>{UNITS_RE})(?![-\u2010]old)(?:\s+or\s+so)?\b"
        ),
    ),
    ("duration_frac", "DURATION", rf"\b{MOD}(?P<num>a|an|one|\d+)\s+(?P<unit>{UNIT})\s+and\s+a\s+half\b"),
    (
        "duration_vague",
        "DURATION",
        (
            r"\b(?:(?P<q>the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+past\s+several|the\s+last\s+several|the\s+next\s+several|the\s+coming|"
            r"the\s+past|the\s+last|the\s+next|recent|a\s+few|few|several|some|many|a\s+number\s+of|numerous|countless|coming)\s+)?"
            r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries|quarters)(?:[-\u2010]long)?\b"
        ),
    ),
    (
        "duration_bare",
        "DATE",
        r"\b(?P<the>the|a|an)\s+(?P<unit>full\s+year|fiscal\s+year|calendar\s+year|current\s+(?:fiscal\s+)?year)\b",
    ),
    (
        "duration_while",
        "DURATION",
        r"\b(?P<w>a\s+while|some\s+time|a\s+long\s+time|a\s+short\s+time|a\s+long\s+period)\b",
    ),
    # ---- reference words
    (
        "ref",
        "DATE",
        r"\b(?P<w>"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(REF_WORDS, key=len, reverse=True))
        + r")(?!\w)",
    ),
    ("ref_units", "DATE", r"\b(?P<q>recent|upcoming|the\s+upcoming|future)\s+(?P<unit>years|decades)\b"),
]

COMPILED = [(name, typ, re.compile(pat, re.IGNORECASE)) for name, typ, pat in RULES]
