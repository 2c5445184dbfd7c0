"""Times of day: clock times, parts of the day, tonight."""

from __future__ import annotations

import re
from datetime import date, timedelta

from services.extraction.timex import patterns as P
from services.extraction.timex.quotes import quotations
from services.extraction.timex.rules.first_chars import with_first_chars
from services.extraction.timex.rules.registry import rule
from services.extraction.timex.rules.resolve import (
    canonical,
    day_number,
    low,
    month_number,
    resolve_month_day,
    resolve_weekday,
    safe_date,
    scene_date,
    weekday_number,
)
from services.extraction.timex.tense import PAST


def _clock(s: str) -> str | None:
    s = low(s)
    if s == "noon":
        return "12:00"
    if s == "midnight":
        return "24:00"
    if s == "midday":
        return "12:00"
    if m2 := re.match(r"(\d{1,2})(?::(\d\d))?\s+(?:o'clock\s+)?in\s+the\s+(morning|afternoon|evening)", s):
        h = int(m2[1])
        if h > 12:
            return None
        if m2[3] != "morning" and h < 12:
            h += 12
        return f"{h:02d}:{int(m2[2] or 0):02d}"
    if m2 := re.match(r"(\d{1,2})\s+o'clock", s):
        return f"{int(m2[1]):02d}:00" if int(m2[1]) <= 24 else None
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*([ap])?", s)
    if not m:
        return None
    h = int(m[1])
    mi = int(m[2] or 0)
    ap = m[3]
    if h > 24 or (ap and h > 12):
        return None
    if ap == "p" and h < 12:
        h += 12
    if ap == "a" and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}"


# a part of a named day after a clock time: "10:30 this morning", "6:15 this evening", "10:30 last night"
_PART_OF_A_DAY = (
    rf"(?:(?P<day_of_part>this|{P.DAY_WORD})\s+(?P<part>morning|afternoon|evening|night|nite)\b"
    r"|(?P<last_night>last)\s+(?P<part2>night|nite|evening)\b)"
)


def _in_the_part(clock: str, m, dct: date) -> tuple[str, date]:
    """The clock time and day of "10:30 this morning" (10:30 of the publication date), "6:15 this evening"
    (18:15) or "10:30 last night" (22:30 the day before); an hour after midnight is of the night's next day."""
    part = low(m["part"] or m["part2"])
    day = -1 if m["last_night"] else P.DAY_WORD_OFFSETS.get(canonical(low(m["day_of_part"])), 0)
    h, mi = int(clock[:2]), clock[3:]
    if part != "morning" and not re.search(r"[ap]\.?\s?m", low(m["clock"])):
        if part in ("night", "nite") and h < 5:
            day += 1  # "2:30 last night": the small hours of the publication date
        elif h < 12:
            h += 12
    return f"{h:02d}:{mi}", dct + timedelta(days=day)


# the day a noun with a clock time names after it: "caught the 6am bus this morning", "the 9:40 train yesterday"
_DAY_LATER_IN_THE_PHRASE = re.compile(
    rf"(?:\s+(?!{P.NOT_IN_A_CLOCKED_NOUN}\b)[a-z][\w'-]*){{1,2}}\s+(?:(?P<dw>{P.DAYTIME_WORDS})|this\s+(?:morning|afternoon|"
    rf"evening)|(?P<last>last)\s+(?:night|nite|evening))\b",
    re.IGNORECASE,
)


def _an_evening_clock(m) -> bool:
    """A bare "9:15" (an hour from 7 to 11, without am or pm or a part of the day) after an evening word."""
    return (not (m["part"] or m["part2"] or m["dw"])
            and re.fullmatch(r"(?:[7-9]|1[01]):[0-5]\d", low(m["clock"])) is not None
            and P.EVENING_CLOCK_CUES.search(m.string, max(0, m.start() - 60), m.start()) is not None)


@rule(
    "clock",
    "TIME",
    rf"\b(?:around\s+)?(?P<clock>{P.CLOCK})"
    rf"(?:\s+(?P<tz>{P.TZ}))?(?:\s+(?:on\s+)?(?P<wd>{P.WEEKDAY})(?!\w)|\s+{_PART_OF_A_DAY}|\s+(?P<dw>{P.DAYTIME_WORDS})|\s+(?:on\s+)?(?P<month>{P.MONTH})\s+(?P<day>{P.DAYNUM})\b)?",
    example=("The speech started at 3 p.m.", "3 p.m.", "2024-06-17T15:00"),
    title_sensitive=True,
)
def n_clock(m, ctx):
    c = _clock(m["clock"])
    if c is None:
        return None
    if _an_evening_clock(m):
        c = f"{int(c[:2]) + 12}:{c[3:]}"  # "dinner last night ... seated till 9:15": of the evening
    if m["part"] or m["part2"]:
        c, d = _in_the_part(c, m, ctx.dct)
    elif m["wd"]:
        d = resolve_weekday(weekday_number(m["wd"]), ctx.dct, ctx.direction)
    elif m["dw"]:
        d = ctx.dct + timedelta(days=P.DAY_WORD_OFFSETS[low(m["dw"])])
    elif m["month"]:
        d = (
            resolve_month_day(month_number(m["month"]), day_number(m["day"]), ctx.dct, ctx.direction)
            or ctx.dct
        )
    elif (later := _DAY_LATER_IN_THE_PHRASE.match(ctx.after)) is not None:
        offset = -1 if later["last"] else P.DAY_WORD_OFFSETS[canonical(low(later["dw"]))] if later["dw"] else 0
        d = ctx.dct + timedelta(days=offset)
    else:
        # only a clock that says it is the small hours ("12:47 a.m.", "00:48") moves past a night to the next
        # day; a bare "2:56" may be the afternoon, or the time in a round
        small_hours = re.search(r"a\.?\s?m|^0\d", low(m["clock"]))
        d = scene_date(ctx, c if small_hours else None)
    return "TIME", f"{d.isoformat()}T{c}"


@rule(
    "military_clock",
    "TIME",
    rf"(?<!\()\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+{P.MILITARY_ZONE}\b",
    example=("The first tremor struck at 0440 GMT.", "0440 GMT", "2024-06-17T04:40"),
)
def n_military_clock(m, ctx):
    """A four-digit clock time with its zone: "1052 GMT" (not the year 1052). In parentheses it restates the
    time before it in another zone ("10:35 a.m. (0735 GMT)"): not a time of its own."""
    return "TIME", f"{scene_date(ctx).isoformat()}T{m['h']}:{m['mi']}"


@rule(
    "ish_clock",
    "TIME",
    rf"\b(?P<h>1[0-2]|[1-9])(?::(?P<mi>[0-5]\d))?-?ish\b(?!\s*(?:{P.UNITS_RE}|{P.NOT_A_CLOCK_ISH})(?!\w))",
    example=("Let's grab lunch at 1ish tomorrow?", "1ish", "2024-06-17T13:00"),
    anchors=False,
)
def n_ish_clock(m, ctx):
    """ "meet at 3ish": about that hour of the reference day; 1 to 6 of the afternoon, 7 to 11 of the evening
    after an evening word ("2nite ... starting 9ish"), else of the morning."""
    h = _afternoon_or_evening(int(m["h"]), m)
    return "TIME", f"{scene_date(ctx).isoformat()}T{h:02d}:{m['mi'] or '00'}"


def _afternoon_or_evening(h: int, m) -> int:
    """A clock hour said without am or pm: 1 to 6 of the afternoon, 7 to 11 of the evening after an evening word
    ("drinks at half 7", "2nite ... starting 9ish"), else of the morning."""
    if 1 <= h <= 6 or (7 <= h <= 11 and P.EVENING_CUES.search(m.string, max(0, m.start() - 60), m.start())):
        return h + 12
    return h


_CLOCK_HOUR = rf"(?:1[0-2]|[1-9]|{P.CLOCK_HOUR_WORD})(?![\w:.%/])"


@rule(
    "clock_in_words",
    "TIME",
    rf"\b(?P<clock>(?:{P.AFTER_CLOCK_PREPOSITION}half\s+(?P<h1>{_CLOCK_HOUR})(?!\s*{P.NOT_A_HALF_CLOCK}\b)"
    rf"|(?P<mw>half|(?:a\s+)?quarter)\s+(?P<dir>past|after|to)\s+(?P<h2>{_CLOCK_HOUR})"
    rf"|(?P<nw>five|ten|twenty(?:[-\s]five)?|{P.AFTER_CLOCK_PREPOSITION}[1-5]?\d)(?:\s+minutes)?\s+past\s+(?P<h3>{_CLOCK_HOUR})"
    rf"|{P.AFTER_CLOCK_PREPOSITION}(?P<nw2>five|ten|twenty(?:[-\s]five)?)(?:\s+minutes)?\s+to\s+(?P<h4>{_CLOCK_HOUR}))"
    rf"(?:\s*(?P<ap>{P.AMPM})|\s+in\s+the\s+(?P<inpart>morning|afternoon|evening))?)"
    rf"(?:\s+{_PART_OF_A_DAY}|\s+(?P<dw>{P.DAYTIME_WORDS})\b)?",
    example=("Dinner is at half past seven tonight.", "half past seven tonight", "2024-06-17T19:30"),
    anchors=False,
)
def n_clock_in_words(m, ctx):
    """ "half past 7", "a quarter to nine", "ten past six", "at half 7" (British: half past): the hour and its
    minutes, of the afternoon or evening as a bare "3ish" is; with the day after it ("quarter to 8 tmrw")."""
    hour = m["h1"] or m["h2"] or m["h3"] or m["h4"]
    h = int(hour) if hour.isdigit() else P.CLOCK_HOUR_WORDS[low(hour)]
    if m["h1"]:
        mi = 30
    elif m["h2"]:
        mi = 15 if "quarter" in low(m["mw"]) else 30
        if low(m["dir"]) == "to":
            h, mi = h - 1 or 12, 60 - mi
    elif m["h3"]:
        nw = low(m["nw"])
        mi = int(nw) if nw.isdigit() else P.CLOCK_MINUTE_WORDS[re.sub(r"\s+", " ", nw).replace(" ", "-")]
    else:
        h, mi = h - 1 or 12, 60 - P.CLOCK_MINUTE_WORDS[re.sub(r"\s+", " ", low(m["nw2"])).replace(" ", "-")]
    ap, inpart = low(m["ap"])[:1] if m["ap"] else "", low(m["inpart"])
    if ap == "p" or (inpart and inpart != "morning"):
        h = h + 12 if h < 12 else h
    elif ap == "a" or inpart == "morning":
        h = 0 if h == 12 else h
    elif m["dw"] and canonical(low(m["dw"])) == "tonight":
        h = h + 12 if h < 12 else h
    elif not (m["part"] and low(m["part"]) == "morning"):
        h = _afternoon_or_evening(h, m)
    c = f"{h:02d}:{mi:02d}"
    if m["part"] or m["part2"]:
        c, d = _in_the_part(c, m, ctx.dct)
    elif m["dw"]:
        d = ctx.dct + timedelta(days=P.DAY_WORD_OFFSETS[canonical(low(m["dw"]))])
    else:
        d = scene_date(ctx)
    return "TIME", f"{d.isoformat()}T{c}"


@rule(
    "part_of_day",
    "TIME",
    rf"\b(?:(?P<pre>this|last|{P.DAY_WORD}|early|late|that|earlier|later\s+this|earlier\s+this|early\s+this|late\s+this|late\s+last|early\s+last)\s+)?"
    rf"(?:(?P<wd>{P.WEEKDAY})(?!\w)\s+|(?P<day3>{P.SHORT_WEEKDAY})\s+)?(?P<part>{P.PART}|{P.INFORMAL_PART})(?:\s+(?P<dw>{P.DAY_WORD}))?\b",
    example=("The attack began Monday morning.", "Monday morning", "2024-06-17TMO"),
    title_sensitive=True,
)
def n_part_of_day(m, ctx):
    word = low(m["part"])
    part = P.PARTS_OF_DAY.get(word) or P.INFORMAL_PARTS[word]
    pre = low(m["pre"])
    dct = ctx.dct
    if word in P.INFORMAL_PARTS and not (pre in ("this", "yesterday", "tomorrow") or m["wd"] or m["day3"]):
        return None  # "am" and "pm" are a part of the day only in "this am", "tomorrow pm", "sat am"
    wd = weekday_number(m["wd"]) if m["wd"] else P.SHORT_WEEKDAYS.get(low(m["day3"]))
    if wd:
        d = resolve_weekday(wd, dct, ctx.direction, "last" if pre == "last" else "")
    elif m["dw"]:
        d = dct + timedelta(days=P.DAY_WORD_OFFSETS[low(m["dw"])])
    elif pre in ("yesterday", "tomorrow"):
        d = dct + timedelta(days=-1 if pre == "yesterday" else 1)
    elif pre in ("this", "later this", "earlier this", "early this", "late this"):
        d = dct
    elif pre in ("last", "late last", "early last") and part in ("NI", "EV"):
        d = dct - timedelta(days=1)
    elif pre == "that" and ctx.ref and re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
        d = date.fromisoformat(ctx.ref[:10])
    else:
        return None
    return "TIME", f"{d.isoformat()}T{part}"


# "at 6.10" without am or pm, where the text writes its times so elsewhere ("at 6.10am"): a British clock time
# (read over the whole text: a lookahead on its first digit tries it only where a match can start)
_DOTTED_CLOCK_WITH_MERIDIEM = with_first_chars(
    re.compile(r"\b(?:[01]?\d|2[0-3])\.[0-5]\d\s?[ap]\.?m\b", re.IGNORECASE))


def _text_writes_dotted_clocks(m, doc, token) -> bool:
    from services.extraction.nlp import doc_text

    return bool(_DOTTED_CLOCK_WITH_MERIDIEM.search(doc_text(doc)))


@rule(
    "bare_dotted_clock",
    "TIME",
    rf"(?<=\bat\s)(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)(?![\d.,]\d)\b(?!\s*(?:{P.NOT_A_CLOCK_AFTER_RE})\b|\s*%)",
    example=("He woke at 6.05am. Police were called at 6.10 to the scene.", "6.10", "2024-06-17T06:10"),
    anchors=False,
    parse_ok=_text_writes_dotted_clocks,
)
def n_bare_dotted_clock(m, ctx):
    return "TIME", f"{scene_date(ctx).isoformat()}T{int(m['h']):02d}:{m['m']}"


# the preposition stays outside the span, as TIMEX3 tags "the evening" in "throughout the evening"
_SPAN_PREPOSITION = "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in P.PART_OF_DAY_SPAN_PREPOSITIONS) + ")"
# ... and the part of the day ends its phrase: not "during the morning rush hour", "into the night shift"
_PART_OF_DAY_ENDS = rf"(?=\s*(?:[.,;:!?)\"\u201d]|$)|\s+(?:{P.AFTER_A_PART_OF_DAY_RE})\b)"


@rule(
    "part_of_day_span",
    "TIME",
    rf"{_SPAN_PREPOSITION}the\s+(?P<part>morning|afternoon|evening|night)\b{_PART_OF_DAY_ENDS}",
    example=("Officers will work throughout the evening.", "the evening", "2024-06-17TEV"),
    anchors=False,
)
def n_part_of_day_span(m, ctx):
    """ "throughout the evening", "through the night": that part of the reference day."""
    return "TIME", f"{scene_date(ctx).isoformat()}T{P.PARTS_OF_DAY[low(m['part'])]}"


@rule(
    "within_the_day",
    "DATE",
    rf"\b(?:earlier|later)\s+in\s+the\s+(?P<part>day|{P.PART})\b",
    example=("Two men were held on Sunday. Earlier in the day, a crowd had gathered.", "Earlier in the day",
             "2024-06-16"),
    anchors=False,
)
def n_within_the_day(m, ctx):
    """ "earlier in the day", "later in the afternoon": the passage's day (or that part of it)."""
    day = scene_date(ctx).isoformat()
    part = low(m["part"])
    return ("DATE", day) if part == "day" else ("TIME", f"{day}T{P.PARTS_OF_DAY[part]}")


@rule(
    "early_hours",
    "TIME",
    rf"\bthe\s+(?:early|small|wee)\s+hours\s+of\s+(?:(?P<wd>{P.WEEKDAY})(?!\w)(?:\s+morning\b)?|the\s+morning\b)",
    example=("A pipe burst during the small hours of Saturday.", "the small hours of Saturday", "2024-06-15TMO"),
)
def n_early_hours(m, ctx):
    """ "the small hours of Tuesday", "the wee hours of the morning" (the passage's day): its morning."""
    d = resolve_weekday(weekday_number(m["wd"]), ctx.dct, ctx.direction) if m["wd"] else scene_date(ctx)
    return "TIME", f"{d.isoformat()}TMO"


@rule(
    "tonight",
    "TIME",
    rf"\b(?P<w>{P.TONIGHT}|last\s+{P.NIGHT})\b",
    example=("Rebels attacked last night.", "last night", "2024-06-16TNI"),
    title_sensitive=True,
)
def n_tonight(m, ctx):
    w = low(m["w"])
    if m["w"].split()[-1].isupper() and m["w"].split()[-1].lower() in P.CAPITALS_NOT_A_PART:
        return None  # "the last NYT piece" is the newspaper's
    if w == "tonight":
        return "TIME", f"{_night_told_of(m, ctx).isoformat()}TNI"
    return "TIME", f"{(ctx.dct - timedelta(days=1)).isoformat()}TNI"


def _night_told_of(m, ctx) -> date:
    """The day of a "tonight": the publication date's, but in a past clause quoted in a passage about the previous
    evening or night ("drew 1-1 on Tuesday night ... 'The players showed real spirit tonight,' he said", in the next
    morning's paper) the night the words were said. Only in a quotation: a post's "last nite was crazy ... see u
    2nite" is the coming night."""
    eve = ctx.dct - timedelta(days=1)
    if (ctx.direction == PAST and ctx.scene and ctx.scene.startswith(eve.isoformat())
            and ctx.scene.endswith(("TNI", "TEV")) and any(s <= m.start() < e for s, e in quotations(m.string))):
        return eve
    return ctx.dct


def _stamp_day(g: str) -> str:
    """A day with its year as page stamps write it: "14/09/2013", "12 March 2013", "March 12, 2013"."""
    return (rf"(?:(?P<{g}n>[0-3]?\d/[0-3]?\d/(?:\d{{4}}|\d{{2}}))"
            rf"|(?P<{g}d1>{P.DAYNUM})\s+(?P<{g}m1>{P.MONTH})\s+(?P<{g}y1>{P.YEAR4})"
            rf"|(?P<{g}m2>{P.MONTH})\s+(?P<{g}d2>{P.DAYNUM}),?\s+(?P<{g}y2>{P.YEAR4}))")


_STAMP_CLOCK = rf"{P.CLOCK}(?:\s+{P.TZ})?"
_TIMESTAMP_SEPARATOR = r"\s*(?:[,|@]\s*|\s+at\s+)?"


@rule(
    "timestamp",
    "TIME",
    rf"\b(?:(?P<clock1>{_STAMP_CLOCK}){_TIMESTAMP_SEPARATOR}{_stamp_day('a')}"
    rf"|(?:(?:{P.WEEKDAY}|{P.SHORT_WEEKDAY})\.?,?\s+)?{_stamp_day('b')}{_TIMESTAMP_SEPARATOR}(?P<clock2>{_STAMP_CLOCK}))"
    r"(?![\w/])",
    example=("Posted 9/14/2023 @ 4:05 PM by the news desk", "9/14/2023 @ 4:05 PM", "2023-09-14T16:05"),
)
def n_timestamp(m, ctx):
    """A web page's stamp ("Last updated 18:05 14/03/2024", "21:40 GMT, 3 April 2024", "6/30/2024 @ 7:45PM"):
    one time, its day and its clock (the zone is left as written)."""
    from services.extraction.timex.rules.absolute import n_numeric_date

    g = "a" if m["clock1"] else "b"
    if m[g + "n"]:
        found = n_numeric_date(re.fullmatch(r"(?P<m>[0-3]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d+)", m[g + "n"]), ctx)
        day = found[1] if found else None
    else:
        n = "1" if m[g + "d1"] else "2"
        d = safe_date(int(m[g + "y" + n]), month_number(m[g + "m" + n]), day_number(m[g + "d" + n]))
        day = d.isoformat() if d else None
    clock = _clock(re.sub(rf"\s+{P.TZ}$", "", m["clock1"] or m["clock2"], flags=re.IGNORECASE))
    if day is None or clock is None:
        return None
    return "TIME", f"{day}T{clock}"
