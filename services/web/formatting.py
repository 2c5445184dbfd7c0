"""Event dates for people: "18 June 2024", "May 2024", "2000", "weekend of 22–23 June 2024", "1990s".

An event date is a TIMEX3 value at a granularity (see services.extraction.model.EventDate) or, for a range,
two values joined by "/". Everything here is pure, so the page, the exports and the terminal agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from markupsafe import Markup

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}

# Granularities a page groups under a month heading; coarser ones get a heading of their own period.
FINE_GRANULARITIES = ("day", "week", "weekend", "month")


@dataclass(frozen=True, slots=True)
class Part:
    """One end of a date value, parsed: the unit and the numbers a label needs."""

    unit: str  # day | week | weekend | month | quarter | half | season | year | decade | century | unknown
    year: int | None = None
    month: int | None = None
    day: int | None = None
    number: int | None = None  # week, quarter or half number
    season: str | None = None
    start: date | None = None
    end: date | None = None


def parse_part(value: str) -> Part:
    """A single TIMEX3 calendar value -> Part (unit "unknown" when it is not one this module reads)."""
    value = value.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return Part("day", d.year, d.month, d.day, start=d, end=d)
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            return Part("month", int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})", value):
            return Part("year", int(m[1]))
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return Part("weekend", int(m[1]), number=int(m[2]), start=monday + timedelta(days=5),
                            end=monday + timedelta(days=6))
            return Part("week", int(m[1]), number=int(m[2]), start=monday, end=monday + timedelta(days=6))
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            return Part("quarter", int(m[1]), number=int(m[2]))
        if m := re.fullmatch(r"(\d{4})-H([12])", value):
            return Part("half", int(m[1]), number=int(m[2]))
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            return Part("season", int(m[1]), season=m[2])
        if m := re.fullmatch(r"(\d{3})", value):
            return Part("decade", int(m[1]) * 10)
        if m := re.fullmatch(r"(\d{2})", value):
            return Part("century", int(m[1]) * 100)
    except ValueError:
        pass
    return Part("unknown")


def day_label(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _span_label(first: date, last: date) -> str:
    """Two days, as briefly as reads well: 18–19 June 2024, 30 June – 2 July 2024, 30 Dec 2023 – 2 Jan 2024."""
    if first == last:
        return day_label(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {day_label(last)}"
    return f"{day_label(first)} – {day_label(last)}"


def _century_label(start_year: int) -> str:
    n = start_year // 100 + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} century"


def part_label(part: Part) -> str | None:
    match part.unit:
        case "day":
            return day_label(part.start)
        case "month":
            return f"{MONTHS[part.month - 1]} {part.year}"
        case "year":
            return str(part.year)
        case "week":
            return f"week of {day_label(part.start)}"
        case "weekend":
            return f"weekend of {_span_label(part.start, part.end)}"
        case "quarter":
            return f"Q{part.number} {part.year}"
        case "half":
            return f"{ORDINALS[part.number]} half of {part.year}"
        case "season":
            if part.season == "WI":  # TIMEX3 winter of 2024 runs from December 2023 to February 2024
                return f"winter {part.year - 1}–{str(part.year)[-2:]}"
            return f"{SEASONS[part.season]} {part.year}"
        case "decade":
            return f"{part.year}s"
        case "century":
            return _century_label(part.year)
    return None


def _range_label(first: Part, last: Part) -> str | None:
    if first.unit == "day" and last.unit == "day":
        return _span_label(first.start, last.end)
    if first.unit == "month" and last.unit == "month":
        if first.year == last.year:
            return f"{MONTHS[first.month - 1]}–{MONTHS[last.month - 1]} {last.year}"
        return f"{MONTHS[first.month - 1]} {first.year} – {MONTHS[last.month - 1]} {last.year}"
    if first.unit == "year" and last.unit == "year":
        return f"{first.year}–{last.year}"
    a, b = part_label(first), part_label(last)
    return f"{a} – {b}" if a and b else None


def capitalise(label: str) -> str:
    return label[:1].upper() + label[1:]


def human_date(value: str, start: str | date | None = None, end: str | date | None = None) -> str:
    """The label for an event date ("18 June 2024", "May 2024", "Weekend of 22–23 June 2024", ...).

    Values this module cannot read fall back to the interval (`start`, `end`) the store keeps for every event.
    """
    if "/" in value:
        first, _, last = value.partition("/")
        label = _range_label(parse_part(first), parse_part(last))
    else:
        label = part_label(parse_part(value))
    if label is None and start is not None:
        first_day = date.fromisoformat(start) if isinstance(start, str) else start
        last_day = date.fromisoformat(end) if isinstance(end, str) else (end or first_day)
        label = _span_label(first_day, last_day)
    return capitalise(label or value)


def machine_date(value: str, start: str) -> str:
    """A valid HTML `datetime` attribute for the event: the value itself when HTML can say it, else the start."""
    first = value.partition("/")[0]
    part = parse_part(first)
    if part.unit in ("day", "month", "year"):
        return first[:10]
    if part.unit == "week":
        return first  # a valid HTML week string, e.g. 2024-W25
    return start


def event_datetime_attr(event: dict) -> str:
    return machine_date(event["date"]["value"], event["date"]["start"])


def event_label(event: dict) -> str:
    when = event["date"]
    return human_date(when["value"], when["start"], when["end"])


@dataclass(frozen=True, slots=True)
class Group:
    """A run of consecutive events under one heading inside a year: a month, or a longer period."""

    key: str  # "2024-06" for a month, "period:2024-Q2" for a longer period
    label: str
    start: str  # the earliest start in the group (ISO date), to order groups a browser adds live
    events: list[dict]


@dataclass(frozen=True, slots=True)
class Year:
    year: int
    groups: list[Group]


def group_key(event: dict) -> tuple[int, str, str]:
    """(year, group key, heading) for an event: its start month, or its own period when it is coarser."""
    when = event["date"]
    start = date.fromisoformat(when["start"])
    if when["granularity"] in FINE_GRANULARITIES:
        return start.year, f"{start.year:04d}-{start.month:02d}", MONTHS[start.month - 1]
    label = human_date(when["value"], when["start"], when["end"])
    if not label[0].isdigit() and not label.startswith("Q"):
        label = label[:1].lower() + label[1:]
    if (label.endswith("s") and label[0].isdigit()) or label.endswith("century") or label.startswith(
            ("first half", "second half")):
        label = "the " + label
    return start.year, f"period:{when['value']}", f"During {label}"


def group_by_year_and_month(events: list[dict]) -> list[Year]:
    """Events (already in date order) as consecutive year and month groups; their order is kept as is."""
    years: list[Year] = []
    for event in events:
        year, key, label = group_key(event)
        if not years or years[-1].year != year:
            years.append(Year(year, []))
        groups = years[-1].groups
        if not groups or groups[-1].key != key:
            groups.append(Group(key, label, event["date"]["start"], []))
        groups[-1].events.append(event)
    return years


def slug(name: str) -> str:
    """'Vladimir Putin' -> 'vladimir-putin' (ASCII only: it ends up in file names)."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "actor"


def marked_snippet(snippet: dict) -> Markup:
    """A search snippet {text, marks} as escaped HTML with the matched words in <mark>."""
    text, parts, position = snippet["text"], [], 0
    for start, end in snippet["marks"]:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return Markup("".join(parts))
