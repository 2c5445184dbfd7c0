"""What the rule families share: the normalising Context, numbers and units, and the resolution of
underspecified dates (a year-less month or day, a weekday) by the direction of the clause."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from services.extraction.timex import patterns as P
from services.extraction.timex.calendar import quarter_of, safe_date, week_value
from services.extraction.timex.rules.first_chars import with_first_chars
from services.extraction.timex.tense import FUTURE, PAST, UNKNOWN


@dataclass(slots=True)
class Context:
    dct: date
    direction: int = UNKNOWN
    ref: str | None = None  # value of the last explicit calendar expression (anaphora anchor)
    before: str = ""  # the text just before the match (about 40 characters)
    after: str = ""  # the text just after the match
    # narrative mode (see narrative.py): `dct` is then the passage's reference day and this is the
    # granularity of the expression it came from; None in news mode
    anchor_granularity: str | None = None
    # numeric dates are day/month in this text ("25/12/2019"), not the US month/day (see numeric_order)
    day_first: bool = False
    # the value of the day the passage tells of: the last day a date set that does not merely modify a noun
    # ("struck on Sunday", not "a May 1 burglary"); a bare time of day ("at 4:10 p.m.") falls on it
    scene: str | None = None
    # the expression is the time of a verb in the past tense or a past participle ("was fired on June 8")
    past_verb_time: bool = False
    # the text tells of someone or something falling (`tells_a_fall`): its "the fall" is that fall, not autumn
    tells_a_fall: bool = False


def tells_a_fall(text: str) -> bool:
    """Whether the text tells of a body falling: then "the fall", "in the fall" are that fall ("killed in a fall",
    "hurt in the fall"), not the autumn (a fall with a year, or "last fall", stays a season)."""
    return _PHYSICAL_FALL.search(text) is not None


_PHYSICAL_FALL = with_first_chars(P.PHYSICAL_FALL)  # the same matches, tried only where one can start


# (with a lookahead on its first digit: `re` tries it at digits only, not at every character for the lookbehind)
_NUMERIC_DATE = with_first_chars(re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?:/(?:\d{4}|\d{2}))?(?![\d/])"))


def day_first(text: str) -> bool:
    """Whether the text writes numeric dates day first. A date whose first number cannot be a month
    ("25/12") says day first; one whose second cannot be ("12/25") month first; the majority decides, and
    without evidence the US month/day order holds (a publisher's locale is not known to the extractor)."""
    if "/" not in text:
        return False  # no numeric date, no evidence (most texts)
    votes = 0
    for m in _NUMERIC_DATE.finditer(text):
        a, b = int(m[1]), int(m[2])
        if 12 < a <= 31 and 1 <= b <= 12:
            votes += 1
        elif 12 < b <= 31 and 1 <= a <= 12:
            votes -= 1
    return votes > 0


def low(s: str | None) -> str:
    """Lower case, spaces collapsed, informal spellings read as the standard word ("nxt wk" -> "next week")."""
    return " ".join(canonical(w) for w in (s or "").lower().split())


def canonical(word: str) -> str:
    """'tmrw' -> 'tomorrow', 'todayyy' -> 'today'; any other word as it is."""
    if word in P.CANONICAL_SPELLING:
        return P.CANONICAL_SPELLING[word]
    if re.search(r"(\w)\1$", word):
        for collapsed in (re.sub(r"(\w)\1+$", r"\1", word), re.sub(r"(\w)\1+$", r"\1\1", word)):
            if collapsed in P.STRETCHABLE:
                return P.CANONICAL_SPELLING.get(collapsed, collapsed)
    return word


def month_number(s: str) -> int:
    return P.MONTHS[low(s).rstrip(".")]


def weekday_number(s: str) -> int:
    return P.WEEKDAYS[low(s).rstrip(".").removesuffix("'s").removesuffix("\u2019s")]


def day_number(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def parse_number(s: str) -> float | None:
    """'two' -> 2, 'twenty-four' -> 24, '1,000' -> 1000, '2 1/2' -> 2.5, 'several' -> None."""
    s = low(s).replace("\u2010", "-")
    if s in P.NUMBER_WORDS:
        return P.NUMBER_WORDS[s]
    if m := re.fullmatch(r"(?:(\d+)\s+)?(\d)/(\d)", s):
        return int(m[1] or 0) + int(m[2]) / int(m[3])
    if m := re.fullmatch(r"(\d+)?\s*\u00bd", s):
        return int(m[1] or 0) + 0.5
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        try:
            return float(s.replace(",", ""))
        except ValueError:
            return None
    words = re.split(r"[-\s]+", s.replace(" and ", " "))
    if words and all(w in P.NUMBER_WORDS for w in words):
        total, cur = 0, 0
        for w in words:
            v = P.NUMBER_WORDS[w]
            if v == 100:
                cur = max(cur, 1) * 100
            elif v == 1000:
                total += max(cur, 1) * 1000
                cur = 0
            else:
                cur += v
        return total + cur
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit_word: str) -> str | None:
    """(2, 'days') -> P2D; (None, 'years') -> PXY; (1.5, 'year') -> P18M; (5.5, 'hours') -> PT5H30M."""
    u = low(unit_word)
    u = u[:-1] if u.endswith("s") and u[:-1] in P.UNITS else u
    if u == "centuries":
        u = "century"
    code = P.UNITS.get(u)
    if code is None:
        return None
    if code == "WE":
        return "P2D" if n in (None, 1) else f"P{_fmt(2 * n)}D"
    mult = 1
    m = re.fullmatch(r"(\d+)?([A-Z]+)", code)
    if m[1]:
        mult = int(m[1])
    letter = m[2]
    if n is None:
        if letter == "Y" and mult == 10:
            return "PXDE"
        if letter == "Y" and mult >= 100:
            return "PXC"
        if letter == "M" and mult == 3:
            return "PXQ"
        return {"S": "PTXS", "TM": "PTXM", "H": "PTXH"}.get(letter, f"PX{letter}")
    n = n * mult
    if not float(n).is_integer():
        if letter == "Y":
            y = int(n)
            mo = round((n - y) * 12)
            return f"P{y}Y{mo}M" if y else f"P{mo}M"
        if letter == "M":
            return f"P{_fmt(round(n * 30))}D"
        if letter == "W":
            return f"P{_fmt(n * 7)}D"
        if letter == "D":
            return f"PT{_fmt(n * 24)}H"
        if letter == "H":
            h = int(n)
            return f"PT{h}H{round((n - h) * 60)}M" if h else f"PT{round(n * 60)}M"
        if letter == "TM":
            mi = int(n)
            s = round((n - mi) * 60)
            return f"PT{mi}M{s}S" if mi else f"PT{s}S"
    if letter == "TM":
        return f"PT{_fmt(n)}M"
    if letter in ("H", "S"):
        return f"PT{_fmt(n)}{letter}"
    return f"P{_fmt(n)}{letter}"


# a narrative tells forward: a year-less month after the passage's time is more often later than it than earlier
# ("torpedoed in March 1917 ... back at sea by October"; the nearest occurrence, as news reads one, would be
# 1916's); the twelve months from this many before the reference month to this many after it are of its year
NARRATIVE_MONTHS_BEFORE, NARRATIVE_MONTHS_AFTER = 4, 7
NARRATIVE_DAYS_BEFORE, NARRATIVE_DAYS_AFTER = 125, 240  # the same for a year-less day


def resolve_month(month: int, dct: date, direction: int, narrative: bool = False) -> int:
    """The year of a bare month name, given the tense; in a narrative (`dct` the passage's time), the occurrence
    in the forward-leaning year around it."""
    if narrative:
        diff = month - dct.month
        return dct.year - (diff > NARRATIVE_MONTHS_AFTER) + (diff < -NARRATIVE_MONTHS_BEFORE)
    if direction == PAST:
        return dct.year if month <= dct.month else dct.year - 1
    if direction == FUTURE:
        return dct.year if month >= dct.month else dct.year + 1
    diff = month - dct.month
    if diff > 6:
        return dct.year - 1
    if diff < -6:
        return dct.year + 1
    return dct.year


# how far after the publication date a month-day in a past clause may lie and keep its year: the date need
# not be the past verb's own time ("declared a dividend payable Dec. 7", "extended the offer to Nov. 20")
PAST_CLAUSE_SLACK_DAYS = 45
# ... and when it is the time of a past verb ("was fired on June 8"): the most recent past reading, with a
# day for the publisher's time zone
PAST_VERB_SLACK_DAYS = 1


def resolve_month_day(
    month: int, day: int, dct: date, direction: int, past_slack: int = PAST_CLAUSE_SLACK_DAYS, narrative: bool = False
) -> date | None:
    d = safe_date(dct.year, month, day)
    if d is None:
        return None
    if narrative:
        if (d - dct).days > NARRATIVE_DAYS_AFTER:
            return safe_date(dct.year - 1, month, day)
        if (dct - d).days > NARRATIVE_DAYS_BEFORE:
            return safe_date(dct.year + 1, month, day)
        return d
    if direction == PAST and (d - dct).days > past_slack:
        return safe_date(dct.year - 1, month, day)
    if direction == FUTURE and d < dct:
        return safe_date(dct.year + 1, month, day)
    if direction == UNKNOWN:
        if (d - dct).days > 200:
            return safe_date(dct.year - 1, month, day)
        if (dct - d).days > 200:
            return safe_date(dct.year + 1, month, day)
    return d


def resolve_weekday(wd: int, dct: date, direction: int, rel: str = "") -> date:
    """wd: 1 = Monday. The date of a weekday mention."""
    cur = dct.isoweekday()
    back = (cur - wd) % 7  # days back to the most recent such weekday (0 = today)
    fwd = (wd - cur) % 7
    rel = low(rel)
    if rel in ("last", "this past", "past"):
        return dct - timedelta(days=back or 7)
    if rel == "next":
        return dct + timedelta(days=fwd or 7)
    if rel in ("this coming", "coming"):
        return dct + timedelta(days=fwd or 7)
    if rel == "this":
        if direction == PAST:
            return dct - timedelta(days=back)
        return dct + timedelta(days=fwd)
    if direction == PAST:
        return dct - timedelta(days=back)
    if direction == FUTURE:
        return dct + timedelta(days=fwd)
    return dct - timedelta(days=back) if back <= fwd else dct + timedelta(days=fwd)


def with_weekday(month, day, wd, ctx):
    for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
        d = safe_date(y, month, day)
        if d and d.isoweekday() == wd:
            return d
    return resolve_month_day(month, day, ctx.dct, ctx.direction)


def year4(s: str) -> int:
    s = s.strip().lstrip("'\u2019")
    y = int(s)
    if y < 100:
        y += 1900 if y > 30 else 2000
    return y


def ref_day(ctx: Context) -> date | None:
    """The day of the reference time, when it is one (or falls on one: "2024-06-17T15:00")."""
    if ctx.ref and (m := re.match(r"(\d{4})-(\d\d)-(\d\d)", ctx.ref)):
        return safe_date(int(m[1]), int(m[2]), int(m[3]))
    return None


def ref_date(ctx: Context) -> date:
    return ref_day(ctx) or ctx.dct


def scene_date(ctx: Context, clock: str | None = None) -> date:
    """The day a bare time of day in a past clause falls on: the passage's day, else the reference day, else
    the DCT; never a day after the DCT. A small hour after a night, an evening or midnight is the next day's
    ("Wednesday night ... at 12:47 a.m." -> Thursday)."""
    # "party starts at 9pm": only a telling of the past keeps to the passage's day
    telling_the_past = ctx.scene is not None and ctx.direction == PAST
    day = date.fromisoformat(ctx.scene[:10]) if telling_the_past else ref_date(ctx)
    if ctx.direction == PAST and day > ctx.dct:
        return ctx.dct  # "nye plans? ... woke up at 4:30am": a past clause is not told on a day still to come
    if telling_the_past and clock is not None and ctx.scene.endswith(("TNI", "TEV", "T24:00")) and clock < P.LAST_SMALL_HOUR:
        return day + timedelta(days=1)
    return day


def prev_word(ctx: Context) -> str:
    m = re.search(r"([A-Za-z%$\d']+)\W*$", ctx.before)
    return m.group(1).lower() if m else ""


def unit_value(unit: str, ref: str) -> str | None:
    """The `unit` (year, month, week) the reference value falls in: ("month", "1940-05-10") -> 1940-05."""
    if unit == "year" and re.match(r"BC\d{4}", ref):
        return ref[:6]
    if unit == "month" and re.match(r"BC\d{4}-\d\d", ref):
        return ref[:9]
    if unit == "week" and (w := re.match(r"\d{4}-W\d\d", ref)):
        return w[0]
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", ref)
    if not m:
        return None
    if unit == "year":
        return m[1]
    if unit == "month" and m[2]:
        return f"{m[1]}-{m[2]}"
    if unit == "week" and m[3]:
        return week_value(date(int(m[1]), int(m[2]), int(m[3])))
    return None


def prev_quarter(d: date) -> str:
    q = quarter_of(d)
    return f"{d.year - 1:04d}-Q4" if q == 1 else f"{d.year:04d}-Q{q - 1}"
