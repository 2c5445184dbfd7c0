"""Calendar arithmetic on TIMEX3 values and their intervals (EventDate)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from services.extraction.model import EventDate

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def week_start(y: int, w: int) -> date:
    return date.fromisocalendar(y, w, 1)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def year_value(astronomical: int) -> str:
    """A TIMEX3 year from an astronomical year number (1 BC is 0): 218 BC -> BC0218, AD 100 -> 0100."""
    return f"{astronomical:04d}" if astronomical > 0 else f"BC{1 - astronomical:04d}"


def astronomical_year(value: str) -> int | None:
    """The astronomical year a TIMEX3 value starts with ("BC0218" -> -217, "1917-08" -> 1917), or None."""
    if m := re.match(r"BC(\d{4})", value):
        return 1 - int(m[1])
    if m := re.match(r"\d{4}", value):
        return int(m[0])
    return None


def shift_value(value: str, n: int) -> str | None:
    """Shift a calendar value by n of its own units (2024-06 + -1 -> 2024-05; BC0218 + 1 -> BC0217)."""
    if re.fullmatch(r"BC\d{4}", value):
        return year_value(astronomical_year(value) + n)  # there is no year 0: 1 BC + 1 is AD 1
    if m := re.fullmatch(r"BC\d{4}-(\d\d)", value):  # BC0480-08 + 1 -> BC0480-09
        y, mo = shift_month(astronomical_year(value), int(m[1]), n)
        return f"{year_value(y)}-{mo:02d}"
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        return (date(int(m[1]), int(m[2]), int(m[3])) + timedelta(days=n)).isoformat()
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        y, mo = shift_month(int(m[1]), int(m[2]), n)
        return f"{y:04d}-{mo:02d}"
    if m := re.fullmatch(r"(\d{4})", value):
        return year_value(int(m[1]) + n)
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        d = week_start(int(m[1]), int(m[2])) + timedelta(weeks=n)
        return week_value(d) + (m[3] or "")
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        k = int(m[1]) * 4 + int(m[2]) - 1 + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if m := re.fullmatch(r"(\d{4})-H(\d)", value):
        k = int(m[1]) * 2 + int(m[2]) - 1 + n
        return f"{k // 2:04d}-H{k % 2 + 1}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{int(m[1]) + n:04d}-{m[2]}"
    if m := re.fullmatch(r"(\d{3})", value):
        return f"{int(m[1]) + n:03d}"
    return None


def interval(value: str) -> EventDate | None:
    """The EventDate of a TIMEX3 calendar value, or None when it does not pin an interval."""
    v = value
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(T.*)?", v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return EventDate(v, d, d, "day")
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mo = int(m[1]), int(m[2])
            return EventDate(v, date(y, mo, 1), month_end(y, mo), "month")
        if m := re.fullmatch(r"(\d{4})", v):
            y = int(m[1])
            return EventDate(v, date(y, 1, 1), date(y, 12, 31), "year")
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", v):
            s = week_start(int(m[1]), int(m[2]))
            return EventDate(v, s, s + timedelta(days=6), "week")
        if m := re.fullmatch(r"(\d{4})-W(\d\d)-WE", v):
            s = week_start(int(m[1]), int(m[2]))
            return EventDate(v, s + timedelta(days=5), s + timedelta(days=6), "weekend")
        if m := re.fullmatch(r"(\d{4})-Q(\d)", v):
            y, q = int(m[1]), int(m[2])
            return EventDate(v, date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")
        if m := re.fullmatch(r"(\d{4})-H(\d)", v):
            y, h = int(m[1]), int(m[2])
            return EventDate(v, date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half")
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y, s = int(m[1]), m[2]
            a, b = SEASON_MONTHS[s]
            if s == "WI":
                return EventDate(v, date(y - 1, 12, 1), month_end(y, 2), "season")
            return EventDate(v, date(y, a, 1), month_end(y, b), "season")
        if m := re.fullmatch(r"(\d{3})", v):
            y = int(m[1]) * 10
            return EventDate(v, date(y, 1, 1), date(y + 9, 12, 31), "decade")
        if m := re.fullmatch(r"(\d{2})", v):
            y = int(m[1]) * 100
            return EventDate(v, date(max(y, 1), 1, 1), date(y + 99, 12, 31), "century")
    except ValueError:
        return None
    return None


def combine(a: EventDate, b: EventDate) -> EventDate:
    """The range from the start of a to the end of b."""
    gran = a.granularity if a.granularity == b.granularity else b.granularity
    return EventDate(f"{a.value}/{b.value}", a.start, b.end, gran)


def span_from(start: date, days: int) -> EventDate:
    end = start + timedelta(days=max(days, 1) - 1)
    return EventDate(f"{start.isoformat()}/{end.isoformat()}", start, end, "day")


def easter_sunday(y: int) -> date:
    """Western Easter Sunday of year y (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def nth_weekday(y: int, month: int, wd: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ISO weekday wd of a month."""
    if n > 0:
        d = date(y, month, 1)
        d += timedelta(days=(wd - d.isoweekday()) % 7)
        return d + timedelta(weeks=n - 1)
    d = month_end(y, month)
    return d - timedelta(days=(d.isoweekday() - wd) % 7)


_HOLIDAY_RULE = re.compile(
    r"(?:(?P<month>\d\d)-(?P<day>\d\d)|(?P<wmonth>\d\d) (?P<weekday>[A-Z][a-z]{2})#(?P<n>-?\d)|(?P<easter>easter))"
    r"(?: (?P<shift>[+-]\d+))?(?: quadrennial:(?P<cycle>\d))?"
)
_WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def holiday_on(rule: str, y: int) -> date | None:
    """The day a holiday rule of patterns.HOLIDAYS gives in year y ("11 Thu#4 +1", 2016 -> 2016-11-25), or
    None when the holiday is not held that year."""
    m = _HOLIDAY_RULE.fullmatch(rule)
    if m is None:
        raise ValueError(f"bad holiday rule {rule!r}")
    if m["cycle"] and y % 4 != int(m["cycle"]):
        return None
    if m["easter"]:
        d = easter_sunday(y)
    elif m["weekday"]:
        d = nth_weekday(y, int(m["wmonth"]), _WEEKDAY_ABBREVIATIONS.index(m["weekday"]) + 1, int(m["n"]))
    else:
        d = safe_date(y, int(m["month"]), int(m["day"]))
    return d + timedelta(days=int(m["shift"])) if d and m["shift"] else d
