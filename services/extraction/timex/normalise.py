"""Normalisation of matched expressions to TIMEX3 (type, value), relative to the publication date.

Each rule of `patterns.RULES` has a function here, `NORMALISERS[name](m, ctx) -> (type, value) | None`.
None rejects the candidate. `ctx` carries the publication date, the direction of the governing
clause (tense.PAST / FUTURE / UNKNOWN) and the reference time for anaphoric expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from services.extraction.timex import patterns as P
from services.extraction.timex.calendar import (
    interval,
    quarter_of,
    safe_date,
    shift_month,
    shift_value,
    week_value,
)
from services.extraction.timex.tense import FUTURE, PAST, UNKNOWN


@dataclass(slots=True)
class Context:
    dct: date
    direction: int = UNKNOWN
    ref: str | None = None  # value of the last explicit calendar expression (anaphora anchor)
    before: str = ""  # the text just before the match (about 40 characters)
    after: str = ""  # the text just after the match


def _low(s: str | None) -> str:
    return re.sub(r"\s+", " ", (s or "").lower()).strip()


def _month(s: str) -> int:
    return P.MONTHS[_low(s).rstrip(".")]


def _weekday(s: str) -> int:
    return P.WEEKDAYS[_low(s).rstrip(".").removesuffix("'s").removesuffix("\u2019s")]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def parse_number(s: str) -> float | None:
    """'two' -> 2, 'twenty-four' -> 24, '1,000' -> 1000, '2 1/2' -> 2.5, 'several' -> None."""
    s = _low(s).replace("\u2010", "-")
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
    u = _low(unit_word)
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


# ---------------------------------------------------------------- resolution of underspecified dates


def resolve_month(month: int, dct: date, direction: int) -> int:
    """The year of a bare month name, given the tense."""
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


def resolve_month_day(month: int, day: int, dct: date, direction: int) -> date | None:
    d = safe_date(dct.year, month, day)
    if d is None:
        return None
    if direction == PAST and (d - dct).days > 45:
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
    rel = _low(rel)
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


def _year4(s: str) -> int:
    s = s.strip().lstrip("'\u2019")
    y = int(s)
    if y < 100:
        y += 1900 if y > 30 else 2000
    return y


def _ref_date(ctx: Context) -> date:
    if ctx.ref and (m := re.match(r"(\d{4})-(\d\d)-(\d\d)", ctx.ref)):
        d = safe_date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            return d
    return ctx.dct


def _prev_word(ctx: Context) -> str:
    m = re.search(r"([A-Za-z%$\d']+)\W*$", ctx.before)
    return m.group(1).lower() if m else ""


# ---------------------------------------------------------------- rule normalisers


def n_iso_date(m, ctx):
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if not d:
        return None
    if m["h"]:
        return "TIME", f"{d.isoformat()}T{m['h']}:{m['mi']}"
    return "DATE", d.isoformat()


def n_numeric_date(m, ctx):
    d = safe_date(_year4(m["y"]), int(m["m"]), int(m["d"]))
    return ("DATE", d.isoformat()) if d else None


def n_month_day(m, ctx):
    month, day = _month(m["month"]), _day(m["day"])
    if day < 1 or day > 31:
        return None
    if m["year"]:
        d = safe_date(int(m["year"]), month, day)
    elif m["wd"]:
        d = _with_weekday(month, day, _weekday(m["wd"]), ctx)
    else:
        d = resolve_month_day(month, day, ctx.dct, ctx.direction)
    return ("DATE", d.isoformat()) if d else None


def _with_weekday(month, day, wd, ctx):
    for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
        d = safe_date(y, month, day)
        if d and d.isoweekday() == wd:
            return d
    return resolve_month_day(month, day, ctx.dct, ctx.direction)


n_day_month = n_month_day


def n_month_year(m, ctx):
    return "DATE", f"{int(m['year']):04d}-{_month(m['month']):02d}"


def n_month_rel_year(m, ctx):
    y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[_low(m["rel"])]
    return "DATE", f"{y:04d}-{_month(m['month']):02d}"


def n_month(m, ctx):
    month = _month(m["month"])
    rel = _low(m["rel"])
    if rel == "last" or rel == "this past":
        y = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "this coming", "the coming"):
        y = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        y = ctx.dct.year
    else:
        y = resolve_month(month, ctx.dct, ctx.direction)
    return "DATE", f"{y:04d}-{month:02d}"


def n_year(m, ctx):
    y = int(m["year"])
    if not m["fiscal"] and not m["edge"]:
        prev = _prev_word(ctx)
        if prev in (
            "$",
            "no",
            "number",
            "route",
            "flight",
            "#",
            "model",
            "boeing",
            "airbus",
            "room",
            "page",
        ) or ctx.before.endswith("$"):
            return None
        if re.match(
            r"\s*(?:%|percent|per\s*cent|[-\u2013]\s*(?:ton|pound|foot|feet|meter|metre|mile))",
            ctx.after,
            re.IGNORECASE,
        ):
            return None
    return "DATE", f"{y:04d}"


def n_year_words(m, ctx):
    w = _low(m["yw"]).replace("-", " ")
    if w.startswith("nineteen"):
        rest = w[len("nineteen") :].strip()
        n = parse_number(rest)
        if n is None or not (10 <= n <= 99):
            return None
        return "DATE", f"19{int(n):02d}"
    rest = re.sub(r"\band\b", "", w[len("two thousand") :]).strip()
    n = parse_number(rest) if rest else 0
    if n is None or n >= 100:
        n = 0
        if rest:
            return None
    return "DATE", f"{2000 + int(n):04d}"


def n_decade(m, ctx):
    d = m["dec"].lstrip("'\u2019")
    if len(d) == 2:
        y = 1900 + int(d) if int(d) > 20 else 2000 + int(d)
    else:
        y = int(d)
    return "DATE", f"{y // 10:03d}"


def n_decade_word(m, ctx):
    return "DATE", f"19{P.DECADE_WORDS[_low(m['dw'])]}"


def n_century(m, ctx):
    o = _low(m["ord"])
    n = P.ORDINALS.get(o) or (int(re.match(r"\d+", o).group()) if re.match(r"\d+", o) else None)
    if not n or n < 1:
        return None
    return "DATE", f"{n - 1:02d}"


def n_this_century(m, ctx):
    rel = _low(m["rel"])
    c = ctx.dct.year // 100
    if rel in ("last", "the previous", "the last", "the past") and "the" not in rel:
        c -= 1
    if rel in ("the past", "the last"):
        return "DURATION", "P100Y"
    if rel in ("next", "the next"):
        return ("DURATION", "P100Y") if "the" in rel else ("DATE", f"{c + 1:02d}")
    return "DATE", f"{c:02d}"


_Q = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def n_quarter(m, ctx):
    q = _Q[_low(m["q"])]
    det = _low(m["det"])
    if det == "a":
        return None
    year = m["yr1"] or m["yr2"] or m["yr3"]
    if year:
        return "DATE", f"{int(year):04d}-Q{q}"
    if m["ryear"]:
        y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[_low(m["ryear"])]
        return "DATE", f"{y:04d}-Q{q}"
    if m["ago"]:
        base = int(ctx.ref[:4]) if ctx.ref and re.fullmatch(r"\d{4}-Q\d", ctx.ref) else ctx.dct.year
        return "DATE", f"{base - 1:04d}-Q{q}"
    rel = _low(m["rel"])
    if rel:
        y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[rel]
        return "DATE", f"{y:04d}-Q{q}"
    if det == "last":
        y = ctx.dct.year - 1
    elif det == "next":
        y = ctx.dct.year if q > quarter_of(ctx.dct) else ctx.dct.year + 1
    else:
        y = ctx.dct.year
        if (
            ctx.ref
            and re.fullmatch(r"\d{4}", ctx.ref)
            and abs(int(ctx.ref) - ctx.dct.year) <= 1
            and "quarter" in ctx.before[-25:].lower()
        ):
            y = int(ctx.ref)
        elif q > quarter_of(ctx.dct) and ctx.direction == PAST:
            y -= 1
    return "DATE", f"{y:04d}-Q{q}"


def _prev_quarter(d: date) -> str:
    q = quarter_of(d)
    return f"{d.year - 1:04d}-Q4" if q == 1 else f"{d.year:04d}-Q{q - 1}"


def _quarter_ended(after: str, ctx) -> str | None:
    """'the quarter ended Sept. 30' -> the quarter that date closes."""
    m = re.match(
        rf"\s*,?\s+(?:that\s+|which\s+)?(?:ended|ending|ends|to)\s+(?P<month>{P.MONTH})\s+(?P<day>{P.DAYNUM})(?:\s*,?\s*(?P<year>{P.YEAR4}))?",
        after,
        re.IGNORECASE,
    )
    if not m:
        return None
    month, day = _month(m["month"]), _day(m["day"])
    if m["year"]:
        d = safe_date(int(m["year"]), month, day)
    else:
        d = resolve_month_day(month, day, ctx.dct, PAST)
    if d is None:
        return None
    mid = d - timedelta(days=45)
    return f"{mid.year:04d}-Q{quarter_of(mid)}"


def n_two_quarters(m, ctx):
    y = int(m["year"]) if m["year"] else ctx.dct.year
    return "DATE", f"{y:04d}-H{1 if _low(m['w']) == 'first' else 2}"


def n_quarter_ref(m, ctx):
    det = _low(m["det"])
    word = _low(m.group(0)).split()[-1]
    cur = f"{ctx.dct.year:04d}-Q{quarter_of(ctx.dct)}"
    last = _prev_quarter(ctx.dct)
    ref_q = ctx.ref if ctx.ref and re.fullmatch(r"\d{4}-Q\d", ctx.ref) else None
    if (
        word == "quarter"
        and det in ("the", "this", "the current", "the latest", "the most recent")
        and (ended := _quarter_ended(ctx.after, ctx))
    ):
        return "DATE", ended
    if det.endswith(("year's", "year\u2019s")):
        y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[det.split()[0]]
        q = (ref_q or last)[-1]
        return "DATE", f"{y:04d}-Q{q}"
    if det == "this" and word == "quarter" and ref_q and ctx.direction != FUTURE:
        return "DATE", ref_q
    if det in ("this", "the current"):
        return ("DATE", cur) if word == "quarter" else None
    if det == "next":
        return "DATE", shift_value(cur, 1)
    if det in ("last", "the previous"):
        return (
            ("DATE", shift_value(last, -1 if ref_q == last else 0) if word == "quarter" else None)
            if word == "quarter"
            else None
        )
    if det.startswith(("the year", "the comparable", "the corresponding")):
        return "DATE", shift_value(ref_q or last, -4)
    if det == "the same":
        return None
    if det == "the" and word == "period":
        return None
    return "DATE", ref_q or last


def n_year_quarter(m, ctx):
    y = int(m["year"])
    if ctx.ref and (q := re.fullmatch(r"\d{4}-(Q\d)", ctx.ref)):
        return "DATE", f"{y:04d}-{q[1]}"
    if _low(m["w"]) == "quarter":
        return "DATE", f"{y:04d}-Q{quarter_of(ctx.dct) - 1 or 4}"
    return "DATE", f"{y:04d}"


def n_half(m, ctx):
    h = 1 if _low(m["h"]) in ("first", "1st") else 2
    if m["year"]:
        y = int(m["year"])
    elif m["rel"]:
        y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[_low(m["rel"])]
    else:
        y = ctx.dct.year
        if h == 2 and ctx.dct.month <= 6 and ctx.direction == PAST:
            y -= 1
    return "DATE", f"{y:04d}-H{h}"


_SEASON_PREV = {"in", "during", "by", "until", "since", "this", "last", "next", "of", "over", "through", "before",
                "after", "throughout"}  # fmt: skip


def n_season(m, ctx):
    s = P.SEASONS[_low(m["season"])]
    rel = _low(m["rel"])
    if m["year"]:
        return "DATE", f"{int(m['year']):04d}-{s}"
    if not rel and _prev_word(ctx) not in _SEASON_PREV:
        return None  # "prices fall", "a spring in his step"
    dct = ctx.dct
    seasons = [iv for y in range(dct.year - 2, dct.year + 3) if (iv := interval(f"{y:04d}-{s}")) is not None]
    if rel in ("last", "this past", "the past"):
        iv = [x for x in seasons if x.end < dct][-1]
    elif rel in ("next", "this coming", "the coming"):
        iv = next(x for x in seasons if x.start > dct)
    elif rel != "this" and ctx.direction == PAST:
        iv = [x for x in seasons if x.start <= dct][-1]  # in progress or the latest one
    elif rel != "this" and ctx.direction == FUTURE:
        iv = next(x for x in seasons if x.end >= dct)  # in progress or the coming one
    else:
        y = dct.year + (1 if s == "WI" and dct.month == 12 else 0)
        return "DATE", f"{y:04d}-{s}"
    return "DATE", iv.value


def n_day_word(m, ctx):
    w = _low(m["w"])
    if m["w"].isupper() and re.search(r"\b[A-Z]{2,}\s*$", ctx.before):
        return None  # "USA TODAY" is a newspaper
    d = ctx.dct + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[w])
    return "DATE", d.isoformat()


def n_day_before(m, ctx):
    rel = _low(m["rel"])
    return "DATE", (ctx.dct + timedelta(days=-2 if rel.startswith("before") else 2)).isoformat()


def n_weekday(m, ctx):
    wd = _weekday(m["wd"])
    rel = _low(m["rel"])
    txt = m["wd"]
    if not txt[0].isupper() and not ctx.before.isupper():
        return None
    if len(txt.rstrip(".")) <= 3 and not txt.endswith(".") and not m["month"]:
        return None
    if m["month"]:
        month, day = _month(m["month"]), _day(m["day"])
        d = safe_date(int(m["year"]), month, day) if m["year"] else _with_weekday(month, day, wd, ctx)
        return ("DATE", d.isoformat()) if d else None
    if rel in ("early", "late", "earlier", "later"):
        rel = ""
    d = resolve_weekday(wd, ctx.dct, ctx.direction, rel)
    return "DATE", d.isoformat()


def _week_weekend(d: date) -> str:
    return week_value(d) + "-WE"


def n_rel_unit(m, ctx):
    rel = _low(m["rel"])
    unit = _low(m["unit"])
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
    if anaphoric:
        if not ctx.ref:
            return None
        base = _unit_value(unit, ctx.ref)
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


def _unit_value(unit: str, ref: str) -> str | None:
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


def n_the_year(m, ctx):
    if "Year" in m.group("span"):
        return None  # "Rookie of the Year"
    if re.match(r"\s+(?:ended|ending|to\s+(?:june|march|sept)|through)", ctx.after, re.IGNORECASE):
        return "DURATION", "P1Y"
    if ctx.ref and re.fullmatch(r"\d{4}", ctx.ref):
        return "DATE", ctx.ref
    return "DATE", f"{ctx.dct.year:04d}"


def _easter(y: int) -> date:
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


def _nth_weekday(y: int, month: int, wd: int, n: int) -> date:
    """n-th (1-based; -1 = last) ISO weekday wd of a month."""
    if n > 0:
        d = date(y, month, 1)
        d += timedelta(days=(wd - d.isoweekday()) % 7)
        return d + timedelta(weeks=n - 1)
    y2, m2 = shift_month(y, month, 1)
    d = date(y2, m2, 1) - timedelta(days=1)
    return d - timedelta(days=(d.isoweekday() - wd) % 7)


def holiday_date(name: str, y: int) -> date | None:
    name = re.sub(r"[\u2019']s?", "", _low(name)).replace(" day", "").replace("  ", " ").strip()
    fixed = {"christmas": (12, 25), "christmas eve": (12, 24), "new year": (1, 1), "new years": (1, 1),
             "new year eve": (12, 31), "new years eve": (12, 31), "independence": (7, 4), "halloween": (10, 31),
             "valentine": (2, 14), "valentines": (2, 14), "veterans": (11, 11), "armistice": (11, 11),
             "boxing": (12, 26), "st. patrick": (3, 17), "bastille": (7, 14), "may": (5, 1)}  # fmt: skip
    if name in fixed:
        return date(y, *fixed[name])
    if name == "thanksgiving":
        return _nth_weekday(y, 11, 4, 4)
    if name == "labor":
        return _nth_weekday(y, 9, 1, 1)
    if name == "memorial":
        return _nth_weekday(y, 5, 1, -1)
    if name == "martin luther king":
        return _nth_weekday(y, 1, 1, 3)
    if name == "election":
        return _nth_weekday(y, 11, 1, 1) + timedelta(days=1)
    if name in ("easter", "easter sunday"):
        return _easter(y)
    if name == "good friday":
        return _easter(y) - timedelta(days=2)
    if name == "easter monday":
        return _easter(y) + timedelta(days=1)
    return None


def n_holiday(m, ctx):
    name = m["hol"]
    rel = _low(m["rel"])
    if m["year"]:
        d = holiday_date(name, int(m["year"]))
        return ("DATE", d.isoformat()) if d else None
    y = ctx.dct.year
    this = holiday_date(name, y)
    if this is None:
        return None
    last = this if this <= ctx.dct else holiday_date(name, y - 1)
    nxt = this if this >= ctx.dct else holiday_date(name, y + 1)
    if rel in ("last", "this past"):
        d = last if last < ctx.dct else holiday_date(name, y - 1)
    elif rel in ("next", "this coming"):
        d = nxt
    elif ctx.direction == PAST:
        d = last
    elif ctx.direction == FUTURE:
        d = nxt
    else:
        d = last if (ctx.dct - last).days <= (nxt - ctx.dct).days else nxt
    if _low(m["week"]) == "week":
        return "DATE", week_value(d)
    return "DATE", d.isoformat()


def n_year_end(m, ctx):
    w = _low(m["w"])
    if w.startswith("month"):
        return "DATE", f"{ctx.dct.year:04d}-{ctx.dct.month:02d}"
    if w.startswith("week"):
        return None
    y = ctx.dct.year if ctx.direction != PAST or ctx.dct.month == 12 else ctx.dct.year - 1
    if ctx.direction == UNKNOWN:
        y = ctx.dct.year
    return "DATE", f"{y:04d}"


def n_week_of(m, ctx):
    d = resolve_month_day(_month(m["month"]), _day(m["day"]), ctx.dct, ctx.direction)
    return ("DATE", week_value(d)) if d else None


def n_ago(m, ctx):
    num = _low(m["num"])
    unit = _low(m["unit"])
    unit = unit[:-1] if unit.endswith("s") and unit[:-1] in P.UNITS else unit
    if unit == "centurie":
        unit = "century"
    dirw = _low(m["dir"])
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
    anchor = _ref_date(ctx) if relative_to_ref else ctx.dct
    if (
        ctx.ref
        and unit == "year"
        and re.fullmatch(r"\d{4}-Q\d", ctx.ref)
        and (relative_to_ref or (n == 1 and int(ctx.ref[:4]) >= ctx.dct.year - 1))
    ):
        return "DATE", shift_value(ctx.ref, -4 * n if sign < 0 else 4 * n)
    if relative_to_ref and ctx.ref and unit == "year" and re.fullmatch(r"\d{4}(-\d\d)?", ctx.ref):
        return "DATE", f"{int(ctx.ref[:4]) + sign * n:04d}"
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


def n_day_before_wd(m, ctx):
    wd = _weekday(m["wd"])
    base = resolve_weekday(wd, ctx.dct, ctx.direction, "last" if "last" in _low(m.group(0)) else "")
    num = _low(m["num"])
    days = {"day": 1, "two days": 2, "week": 7}[num]
    sign = -1 if _low(m["dir"]) == "before" else 1
    return "DATE", (base + timedelta(days=sign * days)).isoformat()


def n_anaphoric_day(m, ctx):
    det = _low(m["det"])
    unit = _low(m["unit"])
    if not ctx.ref:
        return None
    shift = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(det, 0)
    if unit in ("morning", "night", "evening", "afternoon"):
        if not re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
            return None
        d = shift_value(ctx.ref[:10], shift)
        return "TIME", f"{d}T{P.PARTS_OF_DAY[unit]}"
    if unit == "day":
        if not re.match(r"\d{4}-\d\d-\d\d", ctx.ref):
            return None
        return "DATE", shift_value(ctx.ref[:10], shift)
    base = _unit_value(unit, ctx.ref)
    if base is None:
        return None
    return "DATE", shift_value(base, shift) if shift else base


def n_year_earlier_adj(m, ctx):
    ref_q = ctx.ref if ctx.ref and re.fullmatch(r"\d{4}-Q\d", ctx.ref) else None
    if ref_q:
        return "DATE", shift_value(ref_q, -4)
    return "DATE", shift_value(_prev_quarter(ctx.dct), -4)


def _clock(s: str) -> str | None:
    s = _low(s)
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


def n_clock(m, ctx):
    c = _clock(m["clock"])
    if c is None:
        return None
    if m["wd"]:
        d = resolve_weekday(_weekday(m["wd"]), ctx.dct, ctx.direction)
    elif m["dw"]:
        d = ctx.dct + timedelta(
            days={"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}[_low(m["dw"])]
        )
    elif m["month"]:
        d = resolve_month_day(_month(m["month"]), _day(m["day"]), ctx.dct, ctx.direction) or ctx.dct
    else:
        d = _ref_date(ctx)
    return "TIME", f"{d.isoformat()}T{c}"


def n_part_of_day(m, ctx):
    part = P.PARTS_OF_DAY[_low(m["part"])]
    pre = _low(m["pre"])
    dct = ctx.dct
    if m["wd"]:
        if not m["wd"][0].isupper():
            return None
        d = resolve_weekday(_weekday(m["wd"]), dct, ctx.direction, "last" if pre == "last" else "")
    elif m["dw"]:
        d = dct + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[_low(m["dw"])])
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


def n_tonight(m, ctx):
    w = _low(m["w"])
    if w == "tonight":
        return "TIME", f"{ctx.dct.isoformat()}TNI"
    return "TIME", f"{(ctx.dct - timedelta(days=1)).isoformat()}TNI"


_AFTER_SECOND_OK = {"later", "ago", "or", "and", "earlier", "before", "after", "longer", "apart", "to", "in", "of",
                    "more", "too", "the", "when", "as", "than", "for", "until", "at", "on", "is", "was", "it", "he", "she",
                    "they", "we", "i", "you"}  # fmt: skip


def n_duration(m, ctx):
    num = _low(m["num"])
    n = parse_number(num)
    if n is None:
        return None
    unit = _low(m["unit"])
    if n >= 1000 and re.fullmatch(r"1[6-9]\d\d|20\d\d", num):
        return None  # "the 1988 quarter" is a date, not 1988 quarters
    if num in ("a", "an") and unit.endswith("s") and unit != "hours":
        return None  # "a months-long affair"
    if (
        unit in ("second", "minute")
        and num in ("a", "an")
        and (nxt := re.match(r"\s*[-\u2010]?\s*([A-Za-z]+)", ctx.after))
    ) and nxt.group(1).lower() not in _AFTER_SECOND_OK:
        return None  # "a second letter", "a second-generation chocolatier"
    if re.match(r"\s*[-\u2010]?\s*old\b", ctx.after, re.IGNORECASE):
        return None  # ages ("52 years old") are not annotated
    if unit.startswith("quarter") and (
        re.match(r"\s+(?:of|percent|point|mile)\b", ctx.after, re.IGNORECASE) or "-" in m.group(0)
    ):
        return None  # "three-quarters of the vote"
    if unit.startswith(("weekend", "night")):
        return None
    if unit.startswith("quarter") and n < 1:
        return None
    if unit in ("min", "sec", "hr", "mins", "secs", "hrs", "yr", "yrs") and not re.match(r"\d", num):
        return None
    v = duration_value(n, unit)
    if v is None:
        return None
    return "DURATION", v


def n_duration_frac(m, ctx):
    n = parse_number(_low(m["num"]))
    if n is None:
        return None
    return "DURATION", duration_value(n + 0.5, m["unit"])


_DUR_PREV = {
    "for",
    "over",
    "within",
    "in",
    "after",
    "than",
    "take",
    "takes",
    "took",
    "taken",
    "lasted",
    "last",
    "spent",
    "spend",
    "from",
    "like",
    "and",
    "or",
    "through",
    "throughout",
    "during",
    "only",
    "about",
    "nearly",
    "almost",
    "of",
    "wait",
    "waited",
    "by",
}


def n_duration_vague(m, ctx):
    q = _low(m["q"])
    unit = _low(m["unit"])
    if not q:
        if _prev_word(ctx) not in _DUR_PREV:
            return None
        if re.match(r"\s+(?:of\s+(?:the|a|an|his|her|their|its)\b|that\b|when\b)", ctx.after, re.IGNORECASE):
            return None
    if q in ("recent", "in recent") and unit == "years":
        return "DATE", "PAST_REF"
    return "DURATION", duration_value(None, unit)


def n_duration_bare(m, ctx):
    if _low(m["the"]) in ("a", "an"):
        return "DURATION", "P1Y"
    return "DATE", f"{ctx.dct.year:04d}"


def n_duration_while(m, ctx):
    return "DURATION", "PXX"


_SET_PREV_OK = {"once", "twice", "thrice", "times", "percent", "%", "cents", "dollars", "million", "billion",
                "hours", "days", "meals", "cigarettes", "miles", "pounds", "tons", "barrels", "visits", "trips"}  # fmt: skip


def n_set_every(m, ctx):
    q = _low(m["q"])
    u = _low(m["unit"]).rstrip(".")
    other = _low(m["other"]) == "other"
    if q in ("a", "per"):
        prev = _prev_word(ctx)
        if q == "a" and not (
            prev in _SET_PREV_OK or re.match(r"[\d$]", prev or "x") or prev.endswith("s") and False
        ):
            return None
        if q == "per" and u not in P.UNITS:
            return None
    if u in P.WEEKDAYS:
        return "SET", f"XXXX-WXX-{P.WEEKDAYS[u]}"
    if u in P.MONTHS and len(u) > 3:
        return "SET", f"XXXX-{P.MONTHS[u]:02d}"
    if u in P.SEASONS:
        return "SET", f"XXXX-{P.SEASONS[u]}"
    if u in P.PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{P.PARTS_OF_DAY[u]}"
    if u in P.UNITS:
        v = duration_value(2 if other else 1, u)
        return ("SET", v) if v else None
    return None


def n_set_adverb(m, ctx):
    if m["w"][0].isupper() and re.match(r"\s+[A-Z][a-z]", ctx.after):
        return None  # "the Daily Mail", "The Daily Show"
    return "SET", P.SET_ADVERBS[_low(m["w"])]


def n_set_plural_wd(m, ctx):
    w = _low(m["wd"]).rstrip("s")
    if not m["wd"][0].isupper():
        return None
    return "SET", f"XXXX-WXX-{P.WEEKDAYS[w]}"


def n_set_wd_part(m, ctx):
    if not m["wd"][0].isupper():
        return None
    part = P.PARTS_OF_DAY[_low(m["part"]).rstrip("s")]
    return "SET", f"XXXX-WXX-{_weekday(m['wd'])}T{part}"


def n_ref(m, ctx):
    w = _low(m["w"])
    # "current" as an adjective of a non-temporal noun: "the current account"
    if w == "current" and re.match(
        r"\s+(?:account|accounts|affairs|events|issue|issues|flow|flows|prices?|dollars|assets|liabilities|level|levels)\b",
        ctx.after,
        re.IGNORECASE,
    ):
        return None
    if w == "future" and not re.search(r"\b(?:in|the|near|for)\s*$", ctx.before, re.IGNORECASE):
        return None
    if w == "recent" and re.match(r"\s+(?:days|weeks|months|years)\b", ctx.after, re.IGNORECASE):
        return None
    return "DATE", P.REF_WORDS[w]


def n_ref_units(m, ctx):
    q = _low(m["q"])
    if q in ("recent", "in recent"):
        return "DATE", "PAST_REF"
    return "DATE", "FUTURE_REF"


NORMALISERS = {name[2:]: fn for name, fn in globals().items() if name.startswith("n_") and callable(fn)}
