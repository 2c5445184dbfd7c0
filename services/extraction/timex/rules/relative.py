"""Deictic and anaphoric expressions: today, weekdays, last week, two years ago, that day, now."""

from __future__ import annotations

import re
from datetime import date, timedelta

from services.extraction.timex import patterns as P
from services.extraction.timex.calendar import (
    astronomical_year,
    quarter_of,
    safe_date,
    shift_month,
    shift_value,
    week_value,
    year_value,
)
from services.extraction.timex.rules.registry import rule
from services.extraction.timex.rules.resolve import (
    canonical,
    day_number,
    low,
    month_number,
    parse_number,
    prev_quarter,
    prev_word,
    ref_date,
    ref_day,
    resolve_weekday,
    unit_value,
    weekday_number,
    with_weekday,
)
from services.extraction.timex.tense import FUTURE, PAST, UNKNOWN


@rule(
    "day_word",
    "DATE",
    rf"\b(?:(?P<edge>early|late|earlier|later)\s+)?(?P<w>{P.DAY_WORD})(?:'s|\u2019s|s)?\b",
    example=("He arrived yesterday.", "yesterday", "2024-06-16"),
    title_sensitive=True,
)
def n_day_word(m, ctx):
    w = low(m["w"])
    if m["w"].isupper() and re.search(r"\b[A-Z]{2,}\s*$", ctx.before):
        return None  # "USA TODAY" is a newspaper
    d = ctx.dct + timedelta(days=P.DAY_WORD_OFFSETS[w])
    return "DATE", d.isoformat()


@rule(
    "day_before",
    "DATE",
    rf"\bthe\s+day\s+(?P<rel>before\s+{P.YESTERDAY}|after\s+{P.TOMORROW})\b",  # also "the day after tmrw"
    example=("They met the day before yesterday.", "the day before yesterday", "2024-06-15"),
)
def n_day_before(m, ctx):
    rel = low(m["rel"])
    return "DATE", (ctx.dct + timedelta(days=-2 if rel.startswith("before") else 2)).isoformat()


@rule(
    "weekday",
    "DATE",
    rf"\b(?:(?P<rel>last|this|{P.NEXT}|this\s+past|this\s+coming|coming|past)\s+)?(?P<wd>{P.WEEKDAY})(?!\w)(?:'s|\u2019s)?"
    rf"(?:\s*,?\s+(?P<month>{P.MONTH})\s+(?P<day>{P.DAYNUM})\b(?:\s*,?\s*(?P<year>{P.YEAR4}))?)?",
    example=("The president spoke last Friday.", "last Friday", "2024-06-14"),
    narrative=lambda m: not m["rel"] and not m["year"],
)
def n_weekday(m, ctx):
    wd = weekday_number(m["wd"])
    rel = low(m["rel"])
    rel = P.CANONICAL_SPELLING.get(rel, rel)  # "nxt thurs"
    txt = m["wd"]
    if len(txt.rstrip(".")) <= 3 and not txt.endswith(".") and not m["month"]:
        return None
    if not rel and P.HOLIDAY_BEFORE_WEEKDAY.search(ctx.before):
        return None  # "the Good Friday Agreement": the holiday rule reads the name, or it is none
    if m["month"]:
        month, day = month_number(m["month"]), day_number(m["day"])
        d = safe_date(int(m["year"]), month, day) if m["year"] else with_weekday(month, day, wd, ctx)
        return ("DATE", d.isoformat()) if d else None
    if ctx.anchor_granularity not in (None, "day"):
        return None  # "In 1945 ... on Monday": a year does not say which Monday
    if not rel and (det := P.ANAPHORIC_WEEKDAY.search(ctx.before)) and (ref := ref_day(ctx)):
        # "that Sunday", "the following Monday": relative to the current reference time, not the DCT
        step = low(det.group(1))
        if step in P.WEEKDAY_AFTER_REF:
            return "DATE", resolve_weekday(wd, ref + timedelta(days=1), FUTURE).isoformat()
        if step in P.WEEKDAY_BEFORE_REF:
            return "DATE", resolve_weekday(wd, ref - timedelta(days=1), PAST).isoformat()
        return "DATE", (ref + timedelta(days=wd - ref.isoweekday())).isoformat()  # in the reference's week
    if rel in ("early", "late", "earlier", "later"):
        rel = ""
    d = resolve_weekday(wd, ctx.dct, ctx.direction, rel)
    return "DATE", d.isoformat()


@rule(
    "short_weekday",
    "DATE",
    rf"\b(?:{P.SHORT_WEEKDAY_PRE}\s+|(?={P.SHORT_WEEKDAY_MODIFIER}\s))"
    rf"(?P<span>(?:(?P<pre>{P.SHORT_WEEKDAY_MODIFIER})\s+)?(?P<day3>{P.SHORT_WEEKDAY}))\b(?![-'\u2019]\w|\s+(?:of|and)\s|\.?,?\s*(?:{P.MONTH}(?!\w)|\d))",
    example=("I will see you on sat.", "sat", "2024-06-22"),
)
def n_short_weekday(m, ctx):
    """Informal three-letter weekdays without their period: "on sat", "by fri", "last sun", "nxt sat"."""
    pre, day = low(m["pre"]), low(m["day3"])
    if pre == "this" and day == "sun":
        return None  # "this sun is hot"
    if pre == "every":
        return "SET", f"XXXX-WXX-{P.SHORT_WEEKDAYS[day]}"
    rel = pre if pre in ("last", "next", "this") else ""
    return "DATE", resolve_weekday(P.SHORT_WEEKDAYS[day], ctx.dct, ctx.direction, rel).isoformat()


@rule(
    "bare_short_weekday",
    "DATE",
    rf"(?<!['\u2019])(?-i:\b(?P<day3>{P.SHORT_WEEKDAY})\b)(?![-'\u2019]\w)",
    example=("delivery said fri but it came early", "fri", "2024-06-14"),
)
def n_bare_short_weekday(m, ctx):
    """A lower-case three-letter weekday without a preposition: "tue", "thu", "fri" anywhere; "sat", "sun",
    "wed", "mon" before a clock time ("dinner sun at 6pm"), as a label before a colon ("update mon: it broke
    again"), after "for" at the end of their phrase ("still on for sat?"), before a meal ("sun brunch?") or
    after a verb of going ("went sat and it was packed")."""
    day = m["day3"]
    if (day not in P.UNAMBIGUOUS_SHORT_WEEKDAYS and prev_word(ctx) in P.SHORT_WEEKDAY_NOT_AFTER
            and not _JOINED_BEFORE.search(ctx.before[-24:])):
        return None
    if day not in P.UNAMBIGUOUS_SHORT_WEEKDAYS and not (
        re.match(rf"\s+(?:at\s+|@\s*)?{P.CLOCK}", ctx.after, re.IGNORECASE)
        or re.match(r"\s*:(?!\d)", ctx.after)
        or (day in P.SHORT_WEEKDAY_FOR and prev_word(ctx) == "for" and re.match(r"\s*(?:[.,;!?)]|$)", ctx.after))
        or (nxt := re.match(r"\s+([a-z]+)\b", ctx.after)) and nxt[1] in P.SHORT_WEEKDAY_BEFORE
        or prev_word(ctx) in P.SHORT_WEEKDAY_BEFORE | P.SHORT_WEEKDAY_AFTER_GOING | P.SHORT_WEEKDAY_AFTER_SCHEDULING
        or _joined_to_a_weekday(ctx)
    ):
        return None
    if joined := _JOINED_BEFORE.search(ctx.before[-24:]):
        # "we played on fri and sat": the day after the first one named, in the clause's direction; but the
        # parser reads "sat" in "work sat and sun" as a past verb, so after "sat" or "wed" the nearest
        verb_like = low(joined["first"]) in P.SHORT_WEEKDAY_VERBS
        first = resolve_weekday(weekday_number(joined["first"]), ctx.dct, UNKNOWN if verb_like else ctx.direction)
        return "DATE", (first + timedelta(days=(P.SHORT_WEEKDAYS[day] - first.isoweekday()) % 7 or 7)).isoformat()
    direction = ctx.direction
    if prev_word(ctx) in P.SHORT_WEEKDAY_AFTER_GOING:
        direction = PAST  # "went sat", "finals ended mon"
    elif prev_word(ctx) in P.SHORT_WEEKDAY_AFTER_SCHEDULING:
        direction = FUTURE  # "new episode drops wed"
    return "DATE", resolve_weekday(P.SHORT_WEEKDAYS[day], ctx.dct, direction).isoformat()


_WEEKDAY_WORD = rf"(?:{P.WEEKDAY}|{P.SHORT_WEEKDAY})(?!\w)"
_JOINED_AFTER = re.compile(rf"^{P.SHORT_WEEKDAY_LINK}{_WEEKDAY_WORD}", re.IGNORECASE)
# a weekday before the link, itself after no subject or determiner ("work sat and sun"; not "we sat and sun was out")
_JOINED_BEFORE = re.compile(
    rf"(?:^|(?<!\w)(?!(?:{'|'.join(sorted(P.SHORT_WEEKDAY_NOT_AFTER))})\s)[\w']+\s+)"
    rf"(?P<first>{_WEEKDAY_WORD}){P.SHORT_WEEKDAY_LINK}$",
    re.IGNORECASE,
)


def _joined_to_a_weekday(ctx) -> bool:
    """ "work sat and sun", "sat or sun is fine": a short word joined to a weekday is one too."""
    return bool(_JOINED_AFTER.match(ctx.after) or _JOINED_BEFORE.search(ctx.before[-24:]))


def _week_weekend(d: date) -> str:
    return week_value(d) + "-WE"


@rule(
    "rel_unit",
    "DATE",
    r"\b(?P<rel>last|this|next|nxt|past|the|the\s+past|the\s+last|the\s+previous|previous|the\s+current|current|the\s+coming|coming|"
    r"the\s+following|following|the\s+next|earlier\s+this|later\s+this|early\s+this|late\s+this|earlier\s+in\s+the|"
    r"later\s+in\s+the|early\s+next|late\s+next|early\s+last|late\s+last|this\s+past|the\s+same|that|the\s+end\s+of\s+the|"
    r"the\s+end\s+of\s+this|the\s+end\s+of\s+last|the\s+end\s+of\s+next|the\s+start\s+of\s+the|the\s+beginning\s+of\s+the|"
    r"the\s+middle\s+of\s+the|the\s+start\s+of\s+this|the\s+beginning\s+of\s+this|the\s+turn\s+of\s+the|so\s+far\s+this|"
    r"later\s+that|earlier\s+that)\s+"
    r"(?P<unit>week|wk|month|year|yr|weekend|wknd|wkend|decade|day|morning|afternoon|evening|night|nite|fiscal\s+year)(?!-)\b",
    example=("Prices rose last week.", "last week", "2024-W24"),
    title_sensitive=True,
    # "by the end of the month" after "On 10 May 1940": the month of the passage, not of the publication
    narrative=lambda m: low(m["rel"]) in P.PART_OF_THE_UNIT,
)
def n_rel_unit(m, ctx):
    rel = low(m["rel"])
    unit = low(m["unit"])
    dct = ctx.dct
    if rel in ("the", "over the"):
        if unit != "weekend":
            return None
        rel = ""
    if unit == "fiscal year":
        unit = "year"
    past = rel in (
        "last",
        "past",
        "the past",
        "the last",
        "the previous",
        "previous",
        "early last",
        "late last",
        "this past",
    )
    nxt = rel in ("next", "the coming", "coming", "the next", "early next", "late next")
    anaphoric = rel in ("the following", "following", "the same", "that", "later that", "earlier that")
    if unit == "day":
        if rel in ("the same", "that", "later that", "earlier that"):
            if ctx.ref and re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
                return "DATE", ctx.ref[:10]
            return None
        if rel in ("the following", "following", "the next"):
            if ctx.ref and re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
                return "DATE", shift_value(ctx.ref[:10], 1)
            return None
        if rel in ("the previous",):
            if ctx.ref and re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
                return "DATE", shift_value(ctx.ref[:10], -1)
            return None
        return None
    if unit in ("morning", "afternoon", "evening", "night"):
        code = P.PARTS_OF_DAY[unit]
        if rel in ("this", "earlier this", "later this", "early this", "late this"):
            return "TIME", f"{dct.isoformat()}T{code}"
        if rel in ("last", "early last", "late last") and unit in ("night", "evening"):
            return "TIME", f"{(dct - timedelta(days=1)).isoformat()}T{code}"
        if rel in ("that", "the same", "later that", "earlier that"):
            if ctx.ref and re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
                return "TIME", f"{ctx.ref[:10]}T{code}"
            return None
        if rel in ("the next", "the following"):
            if ctx.ref and re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
                return "TIME", f"{shift_value(ctx.ref[:10], 1)}T{code}"
            return None
        return None
    if unit == "decade":
        if rel in ("the past", "past", "the next", "the coming", "coming", "next"):
            return "DURATION", "P10Y"
        base = f"{dct.year // 10:03d}"
        if past or rel.startswith("the last"):
            return "DATE", shift_value(base, -1)
        if nxt:
            return "DATE", shift_value(base, 1)
        return "DATE", base
    if rel == "the next" and ctx.direction == PAST and ctx.ref and unit in ("week", "month", "year"):
        # "crowned in 1154, and his son was born the next year": in a clause about the past, the year after
        # the passage's time, as "the following year" (the year after the publication date lies ahead)
        anaphoric, rel = True, "the following"
    if anaphoric:
        if not ctx.ref:
            return None
        base = unit_value(unit, ctx.ref)
        if base is None:
            return None
        if rel in ("the following", "following"):
            return "DATE", shift_value(base, 1)
        return "DATE", base
    base_date = dct
    if unit == "week":
        v = week_value(base_date)
    elif unit == "weekend":
        wd = dct.isoweekday()
        prev_we = _week_weekend(dct - timedelta(days=7))
        cur_we = _week_weekend(dct)
        next_we = _week_weekend(dct + timedelta(days=7))
        if past:
            v = cur_we if wd >= 6 and rel == "this past" else prev_we
        elif nxt:
            v = next_we if wd >= 6 else cur_we
        elif ctx.direction == PAST:
            v = cur_we if wd >= 6 else prev_we
        elif ctx.direction == FUTURE:
            v = cur_we
        else:
            v = prev_we if wd <= 3 else cur_we
        return "DATE", v
    elif unit == "month":
        v = f"{dct.year:04d}-{dct.month:02d}"
    else:
        v = f"{dct.year:04d}"
    if past:
        v = shift_value(v, -1)
    elif nxt:
        v = shift_value(v, 1)
    return "DATE", v


@rule(
    "the_year",
    "DATE",
    r"\b(?P<prep>for|of|in|through|during|throughout)\s+(?P<span>the\s+(?:full\s+)?year)\b(?!-|\s+(?:ago|earlier|before|after|later))",
    example=("Sales rose 5% for the year.", "the year", "2024"),
)
def n_the_year(m, ctx):
    if "Year" in m.group("span"):
        return None  # "Rookie of the Year"
    if re.match(r"\s+(?:ended|ending|to\s+(?:june|march|sept)|through)", ctx.after, re.IGNORECASE):
        return "DURATION", "P1Y"
    if ctx.ref and re.fullmatch(r"\d{4}", ctx.ref):
        return "DATE", ctx.ref
    return "DATE", f"{ctx.dct.year:04d}"


@rule(
    "playing_season",
    "DATE",
    rf"\b(?P<rel>{P.PLAYING_SEASON_REL})\s+(?P<season>{P.PLAYING_SEASON})\b(?!-)",
    example=("Ortiz scored 12 goals this season.", "this season", "2024"),
    anchors=False,
)
def n_playing_season(m, ctx):
    """A season of play counts as its year: news of a league says "last season" for last year's games."""
    return "DATE", f"{ctx.dct.year + P.PLAYING_SEASON_SHIFTS[' '.join(low(m['rel']).split())]:04d}"


@rule(
    "ago",
    "DATE",
    rf"\b{P.MOD}(?P<num>{P.NUM}|{P.VAGUE})\s+(?:more\s+)?(?P<unit>{P.UNITS_RE})\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|after|hence|from\s+now|since|back)\b",
    example=("He left two years ago.", "two years ago", "2022"),
    # "Ten years later ... That August": a later time counted from the passage's becomes its time, as in
    # HeidelTime's narrative mode; "two years earlier" is a flashback and "a year ago" counts from the
    # publication date, and neither moves it
    anchors=lambda m: low(m["dir"]) == "later",
)
def n_ago(m, ctx):
    num = low(m["num"])
    unit = low(m["unit"])
    unit = canonical(unit[:-1]) if unit.endswith("s") and unit[:-1] in P.UNITS else unit  # "yrs" -> "year"
    if unit == "centurie":
        unit = "century"
    dirw = low(m["dir"])
    if dirw == "back":
        if prev_word(ctx) in P.NOT_AGO_BACK_AFTER:
            return None  # "it set us two weeks back": a delay, not a time
        dirw = "ago"  # "a couple weeks back", as posts say "ago"
    n = parse_number(num)
    if dirw in ("before", "after", "since"):
        return None  # anchored on an event: a duration ("two days after the vote")
    relative_to_ref = dirw in ("earlier", "later")
    sign = -1 if dirw in ("ago", "earlier") else 1
    if n is None:
        if num in P.VAGUE_QUANTITIES or num in ("a few", "several", "some", "many"):
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
        return None
    if not float(n).is_integer():
        n = round(n)
    n = int(n)
    anchor = ref_date(ctx) if relative_to_ref else ctx.dct
    if (
        ctx.ref
        and unit == "year"
        and re.fullmatch(r"\d{4}-Q\d", ctx.ref)
        and (relative_to_ref or (n == 1 and int(ctx.ref[:4]) >= ctx.dct.year - 1))
    ):
        return "DATE", shift_value(ctx.ref, -4 * n if sign < 0 else 4 * n)
    if relative_to_ref and ctx.ref and ref_day(ctx) is None and (v := _counted_from(ctx.ref, unit, sign * n)):
        return "DATE", v
    if unit in ("day", "night"):
        return "DATE", (anchor + timedelta(days=sign * n)).isoformat()
    if unit == "week":
        return "DATE", week_value(anchor + timedelta(weeks=sign * n))
    if unit == "fortnight":
        return "DATE", week_value(anchor + timedelta(weeks=2 * sign * n))
    if unit == "month":
        y, mo = shift_month(anchor.year, anchor.month, sign * n)
        return "DATE", f"{y:04d}-{mo:02d}"
    if unit == "year":
        return "DATE", f"{anchor.year + sign * n:04d}"
    if unit == "decade":
        return "DATE", f"{anchor.year + sign * 10 * n:04d}"
    if unit == "century":
        return "DATE", f"{(anchor.year + sign * 100 * n) // 100:02d}"
    if unit == "quarter":
        q = f"{anchor.year:04d}-Q{quarter_of(anchor)}"
        return "DATE", shift_value(q, sign * n)
    if unit in ("hour", "minute", "second", "hr", "min", "sec"):
        return "TIME", anchor.isoformat()
    return None


def _counted_from(ref: str, unit: str, k: int) -> str | None:
    """'two years later', 'three months later' after a reference coarser than a day ("In April 1861",
    "the spring of 1853", "218 BC"): counted from the reference's own year or month. Days and weeks are
    not counted from a month or a year."""
    year = astronomical_year(ref)
    if year is None:
        return None
    if unit == "year":
        return year_value(year + k)
    if unit == "decade":
        return year_value(year + 10 * k)
    if unit == "month" and re.fullmatch(r"\d{4}-\d\d", ref):
        return shift_value(ref, k)
    return None  # "nine days earlier" after "in July" counts from the publication date (news), as before


@rule(
    "day_before_wd",
    "DATE",
    rf"\b(?:the\s+|a\s+)?(?P<num>day|two\s+days|week)\s+(?P<dir>before|after)\s+(?:last\s+|next\s+)?(?P<wd>{P.WEEKDAY})(?!\w)",
    example=("It rained a day before Tuesday.", "a day before Tuesday", "2024-06-10"),
    anchors=False,
)
def n_day_before_wd(m, ctx):
    wd = weekday_number(m["wd"])
    base = resolve_weekday(wd, ctx.dct, ctx.direction, "last" if "last" in low(m.group(0)) else "")
    num = low(m["num"])
    days = {"day": 1, "two days": 2, "week": 7}[num]
    sign = -1 if low(m["dir"]) == "before" else 1
    return "DATE", (base + timedelta(days=sign * days)).isoformat()


@rule(
    "anaphoric_day",
    "DATE",
    r"\b(?P<det>that|the\s+same|the\s+next|the\s+following|the\s+previous|the\s+preceding|earlier\s+that|later\s+that|that\s+same)\s+(?P<unit>day|week|month|year|morning|night|evening|afternoon)\b",
    example=("He landed on May 2, 2020. He left that same day.", "that same day", "2020-05-02"),
    anchors=False,
)
def n_anaphoric_day(m, ctx):
    det = low(m["det"])
    unit = low(m["unit"])
    if not ctx.ref:
        return None
    shift = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(det, 0)
    if unit in ("morning", "night", "evening", "afternoon", "day") and not re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
        # "a decade ago ... won the cup replay the next night": a day of that year, not one by the DCT
        return ("DATE", ctx.ref) if re.fullmatch(r"\d{4}(?:-\d\d)?", ctx.ref) else None
    if unit in ("morning", "night", "evening", "afternoon"):
        d = shift_value(ctx.ref[:10], shift)
        return "TIME", f"{d}T{P.PARTS_OF_DAY[unit]}"
    if unit == "day":
        return "DATE", shift_value(ctx.ref[:10], shift)
    base = unit_value(unit, ctx.ref)
    if base is None:
        return None
    return "DATE", shift_value(base, shift) if shift else base


@rule(
    "year_earlier_adj",
    "DATE",
    r"\b(?:the\s+)?year[-\s](?:ago|earlier)(?:\s+(?:quarter|period|level|levels|figure|month))?\b",
    example=("Profit fell from the year-ago quarter.", "the year-ago quarter", "2023-Q1"),
    anchors=False,
)
def n_year_earlier_adj(m, ctx):
    ref_q = ctx.ref if ctx.ref and re.fullmatch(r"\d{4}-Q\d", ctx.ref) else None
    if ref_q:
        return "DATE", shift_value(ref_q, -4)
    return "DATE", shift_value(prev_quarter(ctx.dct), -4)


@rule(
    "ref",
    "DATE",
    r"\b(?P<w>"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(P.REF_WORDS, key=len, reverse=True))
    + r")(?!\w)",
    example=("Prices are now falling.", "now", "PRESENT_REF"),
    anchors=False,
    title_sensitive=True,
)
def n_ref(m, ctx):
    w = low(m["w"])
    # "current" as an adjective of a non-temporal noun: "the current account"
    if w == "current" and re.match(
        rf"\s+{P.NOT_TEMPORAL_AFTER_CURRENT}\b",
        ctx.after,
        re.IGNORECASE,
    ):
        return None
    if w == "future" and not re.search(r"\b(?:in|the|near|for)\s*$", ctx.before, re.IGNORECASE):
        return None
    if w == "recent" and re.match(r"\s+(?:days|weeks|months|years)\b", ctx.after, re.IGNORECASE):
        return None
    return "DATE", P.REF_WORDS[w]


@rule(
    "ref_units",
    "DATE",
    r"\b(?P<q>recent|upcoming|the\s+upcoming|future)\s+(?P<unit>years|decades)\b",
    example=("Crime has fallen in recent years.", "recent years", "PAST_REF"),
    anchors=False,
)
def n_ref_units(m, ctx):
    q = low(m["q"])
    if q in ("recent", "in recent"):
        return "DATE", "PAST_REF"
    return "DATE", "FUTURE_REF"
