"""Datable phrases for events: single dated timexes and ranges built from them.

"between August and February", "from May to July", "2009-2010", "May 3-5",
"a two-day visit starting on Tuesday" (a duration anchored on a date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from services.extraction.model import EventDate, Timex
from services.extraction.nlp import doc_text
from services.extraction.timex import patterns as P
from services.extraction.timex.calendar import interval, shift_month, span_from, week_value
from services.extraction.timex.tense import FUTURE, direction, governor, head_token


@dataclass(frozen=True, slots=True)
class TemporalPhrase:
    start: int
    end: int
    text: str  # char span in doc.text covering the whole phrase
    date: EventDate  # the interval (ranges combined)
    timexes: tuple[Timex, ...]  # constituent timexes
    governor: int | None  # index of the doc token (verb or event noun) the phrase attaches to


_RANGE_OPENERS = re.compile(r"(?:\b(?:between|from)\s+)$", re.IGNORECASE)
_RANGE_JOIN = {
    "between": re.compile(r"^\s*(?:and)\s*$", re.IGNORECASE),
    "from": re.compile(r"^\s*(?:to|until|till|til|through|thru|into|and|-|\u2013|\u2014)\s*$", re.IGNORECASE),
    "": re.compile(r"^\s*(?:-|\u2013|\u2014|to|through|until|till)\s*$", re.IGNORECASE),
}
_ANCHOR_WORDS = re.compile(
    r"^\s*(?:[\w-]+\s+){0,6}?(?:starting|beginning|begins|starts|started|began|commencing|from|opening|that\s+starts|which\s+starts|"
    r"that\s+begins|which\s+begins|to\s+start|to\s+begin)\s+(?:on\s+|from\s+|in\s+)?$",
    re.IGNORECASE,
)
_DUR = re.compile(r"^P(\d+)([DWMY])$")


_MONTH_WORD = re.compile(r"[A-Za-z]{3}")
_DAY_TAIL = re.compile(
    r"\s*(?:-|\u2013|\u2014|to|through|till|until|and)\s*(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|[.,:]\d))",
    re.IGNORECASE,
)
_WEEKDAY_ONLY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def _explicit_year(t: Timex) -> bool:
    return bool(re.search(r"\b\d{4}\b|'\d\d", t.text))


def _order_range(a: Timex, b: Timex) -> tuple[EventDate, EventDate] | None:
    """Intervals for the two ends of a range, moving an end without an explicit year by one year so
    that the range runs forwards ("between August and February" -> last August to this February)."""
    ea, eb = a.date, b.date
    if ea is None or eb is None:
        return None
    if ea.start > eb.start:
        if _WEEKDAY_ONLY.search(a.text) and ea.granularity == "day" and (ea.start - eb.start).days < 7:
            d = ea.start - timedelta(days=7)
            ea = EventDate(d.isoformat(), d, d, "day")
        elif not _explicit_year(a):
            v = _shift_years(a.value, -1)
            if v and (iv := interval(v)) is not None:
                ea = iv
        elif not _explicit_year(b):
            v = _shift_years(b.value, 1)
            if v and (iv := interval(v)) is not None:
                eb = iv
        if ea.start > eb.start:
            return None
    return ea, eb


def _shift_years(value: str, n: int) -> str | None:
    m = re.match(r"(\d{4})(.*)", value)
    if not m:
        return None
    rest = m[2]
    if re.fullmatch(r"-W\d\d(-WE)?", rest):
        return None
    if rest.startswith("-02-29"):
        return None
    return f"{int(m[1]) + n:04d}{rest}"


_IN_BEFORE = re.compile(r"\b(in|within)\s+$", re.IGNORECASE)


def _after_dct(dct: date, n: int, unit: str) -> EventDate | None:
    """The interval n units after the publication date, at the unit's granularity."""
    if unit == "D":
        v = (dct + timedelta(days=n)).isoformat()
    elif unit == "W":
        v = week_value(dct + timedelta(weeks=n))
    elif unit == "M":
        y, m = shift_month(dct.year, dct.month, n)
        v = f"{y:04d}-{m:02d}"
    else:
        v = f"{dct.year + n:04d}"
    return interval(v)


def _duration_days(value: str) -> int | None:
    m = _DUR.match(value)
    if not m:
        return None
    n, u = int(m[1]), m[2]
    return n * {"D": 1, "W": 7, "M": 30, "Y": 365}[u]


def _gov(doc, start, end):
    try:
        g = governor(doc, start, end)
    except Exception:  # noqa: BLE001 - the parse is advisory
        return None
    return g.i if g is not None else None


def find_temporal_phrases(doc, dct: date, timexes: list[Timex] | None = None) -> list[TemporalPhrase]:
    """Datable phrases: every Timex with a .date, plus ranges combining two of them (or a duration
    and its starting date). Constituents of a range are not repeated on their own."""
    if timexes is None:
        from services.extraction.timex.tagger import tag_timexes

        timexes = tag_timexes(doc, dct)
    text = doc_text(doc)
    tx = sorted(timexes, key=lambda t: t.start)
    used: set[int] = set()
    phrases: list[TemporalPhrase] = []

    for i, a in enumerate(tx):
        if i in used or a.date is None or a.type not in ("DATE", "TIME"):
            continue
        if i + 1 < len(tx):
            b = tx[i + 1]
            between = text[a.end : b.start]
            before = text[max(0, a.start - 12) : a.start]
            opener = _RANGE_OPENERS.search(before)
            key = opener.group(0).strip().lower() if opener else ""
            if b.date is not None and b.type in ("DATE", "TIME") and _RANGE_JOIN[key].match(between):
                ends = _order_range(a, b)
                if ends is not None:
                    ea, eb = ends
                    start = a.start - len(opener.group(0)) if opener else a.start
                    ed = EventDate(f"{ea.value}/{eb.value}", ea.start, eb.end, eb.granularity)
                    phrases.append(
                        TemporalPhrase(
                            start, b.end, text[start : b.end], ed, (a, b), _gov(doc, a.start, b.end)
                        )
                    )
                    used.update((i, i + 1))
                    continue
    # day ranges inside one month: "May 3-5", "June 10 to 12"
    for i, a in enumerate(tx):
        if i in used or a.date is None or a.date.granularity != "day" or not _MONTH_WORD.search(a.text):
            continue
        m = _DAY_TAIL.match(text, a.end)
        if not m:
            continue
        day = int(m.group(1))
        if not a.date.start.day < day <= 31:
            continue
        try:
            end = a.date.start.replace(day=day)
        except ValueError:
            continue
        ed = EventDate(f"{a.date.start.isoformat()}/{end.isoformat()}", a.date.start, end, "day")
        phrases.append(
            TemporalPhrase(a.start, m.end(), text[a.start : m.end()], ed, (a,), _gov(doc, a.start, a.end))
        )
        used.add(i)
    # durations anchored on a start date: "a two-day visit starting on Tuesday"
    for i, d in enumerate(tx):
        if d.type != "DURATION" or (days := _duration_days(d.value)) is None:
            continue
        for j in range(i + 1, min(i + 3, len(tx))):
            b = tx[j]
            if b.date is None or b.date.granularity != "day" or j in used:
                continue
            gap = text[d.end : b.start]
            if len(gap) > 80 or not _ANCHOR_WORDS.match(gap) or re.search(r"[.;!?]", gap):
                continue
            ed = span_from(b.date.start, days)
            phrases.append(
                TemporalPhrase(d.start, b.end, text[d.start : b.end], ed, (d, b), _gov(doc, d.start, d.end))
            )
            used.add(j)
            break
    # "will meet in two weeks": a future date counted from the publication date
    for d in tx:
        if d.type != "DURATION" or not (pm := _DUR.match(d.value)):
            continue
        pre = _IN_BEFORE.search(text, max(0, d.start - 12), d.start)
        if not pre or direction(doc, d.start, d.end) != FUTURE:
            continue
        ed = _after_dct(dct, int(pm[1]), pm[2])
        if ed is not None and pre.group(1).lower() == "within":  # by then: from now until then
            ed = EventDate(f"{dct.isoformat()}/{ed.value}", dct, ed.end, ed.granularity)
        if ed is not None:
            start = pre.start(1)
            phrases.append(
                TemporalPhrase(start, d.end, text[start : d.end], ed, (d,), _gov(doc, d.start, d.end))
            )
    for i, a in enumerate(tx):
        if i in used or a.date is None:
            continue
        phrases.append(TemporalPhrase(a.start, a.end, a.text, a.date, (a,), _gov(doc, a.start, a.end)))
        if (own := _possessive_weekday_inside(doc, text, a)) is not None:
            phrases.append(own)
    phrases.sort(key=lambda p: (p.start, p.end))
    return _explicit_outranks_relative(text, phrases)


_DAYS_FROM_A_WEEKDAY = re.compile(
    rf"(?:the\s+|a\s+)?(?P<num>day|two\s+days|week)\s+(?P<dir>before|after)\s+(?:last\s+|next\s+)?(?P<wd>{P.WEEKDAY})$",
    re.IGNORECASE,
)
_DAYS_IN = {"day": 1, "two days": 2, "week": 7}


def _possessive_weekday_inside(doc, text: str, t: Timex) -> TemporalPhrase | None:
    """In "the day after Saturday's 4-0 defeat" (one DATE, as TimeML tags it) the weekday's possessive dates its
    noun too: a phrase of its own for the weekday, its day that before (or after) the whole's."""
    m = _DAYS_FROM_A_WEEKDAY.fullmatch(t.text)
    if m is None or t.date is None or t.date.granularity != "day" or not re.match(r"['\u2019]s\b", text[t.end : t.end + 3]):
        return None
    shift = _DAYS_IN[re.sub(r"\s+", " ", m["num"].lower())] * (1 if m["dir"].lower() == "before" else -1)
    value = (t.date.start + timedelta(days=shift)).isoformat()
    start, end = t.start + m.start("wd"), t.end
    weekday = Timex(start, end, text[start:end], "DATE", value, interval(value))
    h = head_token(doc, start, end)
    noun = h.head.i if h is not None and h.dep_ == "poss" and h.head.pos_ == "NOUN" else _gov(doc, start, end)
    return TemporalPhrase(start, end, weekday.text, weekday.date, (weekday,), noun)


_EXPLICIT = re.compile(
    rf"\b{P.YEAR4}\b|\b{P.MONTH}\s+{P.DAYNUM}\b|\b{P.DAYNUM}\s+(?:of\s+)?{P.MONTH}(?!\w)", re.IGNORECASE
)


def _explicit(p: TemporalPhrase) -> bool:
    return bool(_EXPLICIT.search(p.text))


_APPOSITION_GAP = re.compile(r"\s*,\s*(?:(?:on|in|at|only|just)\s+)?", re.IGNORECASE)


def _explicit_outranks_relative(text: str, phrases: list[TemporalPhrase]) -> list[TemporalPhrase]:
    """One clause, one date: a relative or anchored phrase in apposition to an explicit calendar date of
    the same governor ("On 28 October, a week later, Comey sent ...", "Last week, on 28 October, ...") is
    an aside, not a second date of the happening."""
    drop = set()
    for a, b in pairwise(phrases):
        if a.governor is None or a.governor != b.governor or _explicit(a) == _explicit(b):
            continue
        if _APPOSITION_GAP.fullmatch(text, a.end, b.start):
            drop.add(id(b) if _explicit(a) else id(a))
    return [p for p in phrases if id(p) not in drop]


__all__ = ["TemporalPhrase", "find_temporal_phrases"]
