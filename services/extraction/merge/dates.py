"""When: dates of one happening (the same days, one inside a fine interval, one night over two days) and the
loose readings of "last week"."""

from __future__ import annotations

from datetime import date, timedelta

from services.extraction.model import EventDate

# Intervals up to this many days are "fine" enough for one to stand for a happening inside the other.
FINE_INTERVAL_DAYS = 31


# A day or month may join a year (a quarter, a season) containing it: only with a second shared actor or what
# the clauses say ("convicted in June 1998" and "a 1998 conviction" in Brazos County).
COARSE_INTERVAL_DAYS = 366


def same_dates(a: EventDate, b: EventDate) -> bool:
    """One interval: equal values, or values that cover the same days ("2009-11-30TMO" and "2009-11-30")."""
    return a.value == b.value or (a.start == b.start and a.end == b.end)


def within_a_year(a: EventDate, b: EventDate) -> bool:
    """One interval inside the other, the outer one a year or less: the widest span the rule ever accepts."""
    outer = a if a.contains(b) else b if b.contains(a) else None
    return outer is not None and (outer.end - outer.start).days < COARSE_INTERVAL_DAYS


def compatible_dates(a: EventDate, b: EventDate) -> bool:
    """Equal values, or one interval inside the other when the outer one is fine-grained."""
    if same_dates(a, b):
        return True
    if a.contains(b):
        return (a.end - a.start).days < FINE_INTERVAL_DAYS
    if b.contains(a):
        return (b.end - b.start).days < FINE_INTERVAL_DAYS
    return False


# Parts of a day TIMEX3 writes after the date, and the hours that close a day or open the next.
_LATE_PARTS = frozenset({"NI", "EV"})
_LATE_HOUR, _EARLY_HOUR = 20, 6


def next_days(a: EventDate, b: EventDate) -> bool:
    """Two single days, one after the other."""
    return a.start == a.end and b.start == b.end and abs((a.start - b.start).days) == 1


def one_night(a: EventDate, b: EventDate) -> bool:
    """A late evening and the small hours after it: "Thursday night" and "early Friday, 1:30 a.m." (one night).
    A whole day counts as its evening: an outlet a few time zones west tells the small hours as "today"."""
    earlier, later = (a, b) if a.start <= b.start else (b, a)
    if earlier.granularity != "day" or later.granularity != "day" or (later.start - earlier.end).days != 1:
        return False
    return _part_of_day(earlier.value) in _LATE_PARTS | {"late", None} and _part_of_day(later.value) == "early"


def _part_of_day(value: str) -> str | None:
    """"NI", "EV", ... from "2013-05-02TNI"; "late" or "early" for clock times ("2013-05-03T01:30")."""
    _, separator, time = value.partition("T")
    if not separator:
        return None
    if time[:2].isdigit():
        hour = int(time[:2])
        return "early" if hour < _EARLY_HOUR else "late" if hour >= _LATE_HOUR else None
    return time[:2]


LAST_WEEK_DAYS = 7


def last_week_read_loosely(when: EventDate, published: date) -> EventDate | None:
    """The calendar week before the report's week ("he escaped last week") as the seven days before the report:
    a Sunday's "last week" may mean the Monday six days earlier, of the report's own calendar week. None for any
    other date. A day inside it joins it only on strong agreement, as any day joins a week (`same_happening`)."""
    if when.granularity != "week" or not when.end < published <= when.end + timedelta(days=LAST_WEEK_DAYS):
        return None
    return EventDate(when.value, published - timedelta(days=LAST_WEEK_DAYS), published - timedelta(days=1), "week")


def calendar_week_before(day: EventDate) -> EventDate | None:
    """The calendar week before a day's own week, where a report published after the day but within its week
    may have put it ("he escaped last week", `last_week_read_loosely`); None for a Sunday (any report that
    could call it "last week" is of the next week, whose week before is the day's own) and for other dates."""
    if day.start != day.end or day.start.weekday() == 6:
        return None
    start = day.start - timedelta(days=day.start.weekday() + 7)
    year, week, _ = start.isocalendar()
    return EventDate(f"{year}-W{week:02d}", start, start + timedelta(days=6), "week")


def inside_a_coarser_unit(a: EventDate, b: EventDate) -> bool:
    """One date inside the other, the outer one a week, month or the like (a range of days is not coarser)."""
    if same_dates(a, b):
        return False
    outer = a if a.contains(b) else b
    return outer.granularity != "day"


def on_one_day(a: EventDate, b: EventDate) -> bool:
    """One day, or a time or part of that day ("Sunday" and "1:53 p.m. on Sunday"); two different times of it
    are two moments ("the siren sounded at 5 a.m." and "it sounded again shortly before noon")."""
    if not a.start == a.end == b.start == b.end:
        return False
    return a.value == b.value or "T" not in a.value or "T" not in b.value
