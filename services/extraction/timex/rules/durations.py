"""Sets ("every Tuesday", "weekly", "on Sundays") and durations (P2D, PXY, "a while").

Sets come first: "a year" after "percent" is a set (P1Y), else a duration."""

from __future__ import annotations

import re

from services.extraction.timex import patterns as P
from services.extraction.timex.rules.registry import rule
from services.extraction.timex.rules.resolve import (
    duration_value,
    low,
    parse_number,
    prev_word,
    weekday_number,
)


@rule(
    "set_every",
    "SET",
    rf"\b(?P<q>every|each|per|a)\s+(?:(?P<other>other|single)\s+)?(?P<unit>{P.UNIT}|{P.WEEKDAY}|{P.MONTH}|{P.SEASON}|{P.PART})(?!\w)",
    example=("The committee meets every Tuesday.", "every Tuesday", "XXXX-WXX-2"),
)
def n_set_every(m, ctx):
    q = low(m["q"])
    u = low(m["unit"]).rstrip(".")
    other = low(m["other"]) == "other"
    if q in ("a", "per"):
        prev = prev_word(ctx)
        if q == "a" and not (
            prev in P.SET_AFTER or re.match(r"[\d$]", prev or "x") or prev.endswith("s") and False
        ):
            return None
        if q == "per" and u not in P.UNITS:
            return None
    if u in ("minute", "second", "moment") and prev_word(ctx) in P.RELISHED_EVERY_AFTER:
        return None  # "loved every minute": the whole of it, not a recurrence
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


@rule(
    "set_adverb",
    "SET",
    r"\b(?P<w>daily|nightly|weekly|biweekly|monthly|yearly|hourly)\b",
    example=("The paper is published weekly.", "weekly", "P1W"),
    title_sensitive=True,
)
def n_set_adverb(m, ctx):
    if m["w"][0].isupper() and re.match(r"\s+[A-Z][a-z]", ctx.after):
        return None  # "the Daily Mail", "The Daily Show"
    return "SET", P.SET_ADVERBS[low(m["w"])]


@rule(
    "set_plural_wd",
    "SET",
    r"\b(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b",
    example=("The market is closed on Sundays.", "Sundays", "XXXX-WXX-7"),
)
def n_set_plural_wd(m, ctx):
    w = low(m["wd"]).rstrip("s")
    if not (m["wd"][0].isupper() or m["wd"].islower()):
        return None  # "shut mondays" as posts write it; not "tUESDAYS"
    return "SET", f"XXXX-WXX-{P.WEEKDAYS[w]}"


@rule(
    "set_wd_part",
    "SET",
    rf"\b(?P<wd>{P.WEEKDAY})\s+(?P<part>mornings|afternoons|evenings|nights)\b",
    example=("He runs on Saturday mornings.", "Saturday mornings", "XXXX-WXX-6TMO"),
)
def n_set_wd_part(m, ctx):
    if not m["wd"][0].isupper():
        return None
    part = P.PARTS_OF_DAY[low(m["part"]).rstrip("s")]
    return "SET", f"XXXX-WXX-{weekday_number(m['wd'])}T{part}"


@rule(
    "duration",
    "DURATION",
    rf"\b{P.MOD}(?:(?P<the>the|its|their|his|her|each\s+of\s+the)\s+)?(?:(?P<rel>past|last|next|first|previous|coming|final|following|remaining|ensuing|initial|same)\s+)?"
    rf"(?P<num>{P.NUM})(?:\s+(?:more|additional|full|consecutive|straight|long))?[-\s]+(?P<unit>{P.UNITS_RE})(?![-\u2010]old)(?:\s+or\s+so)?\b",
    example=("The talks lasted two days.", "two days", "P2D"),
)
def n_duration(m, ctx):
    num = low(m["num"])
    n = parse_number(num)
    if n is None:
        return None
    unit = low(m["unit"])
    if n >= 1000 and re.fullmatch(r"1[6-9]\d\d|20\d\d", num):
        return None  # "the 1988 quarter" is a date, not 1988 quarters
    if num in ("a", "an") and unit.endswith("s") and unit != "hours":
        return None  # "a months-long affair"
    if (
        unit in ("second", "minute")
        and num in ("a", "an")
        and (nxt := re.match(r"\s*[-\u2010]?\s*([A-Za-z]+)", ctx.after))
    ) and nxt.group(1).lower() not in P.SECOND_AS_UNIT_BEFORE:
        return None  # "a second letter", "a second-generation chocolatier"
    if re.match(r"\s*[-\u2010]?\s*old\b", ctx.after, re.IGNORECASE):
        return None  # ages ("52 years old") are not annotated
    if unit.startswith("quarter") and (
        re.match(r"\s+(?:of|percent|point|mile)\b", ctx.after, re.IGNORECASE) or "-" in m.group(0)
    ):
        return None  # "three-quarters of the vote"
    if unit.startswith("night") and prev_word(ctx) in P.NIGHTS_OF_A_STAY_AFTER:
        return "DURATION", duration_value(n, "day")  # "stayed 3 nights": a stay of three days
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


@rule(
    "duration_frac",
    "DURATION",
    rf"\b{P.MOD}(?P<num>a|an|one|\d+)\s+(?P<unit>{P.UNIT})\s+and\s+a\s+half\b",
    example=("The strike lasted a year and a half.", "a year and a half", "P1Y6M"),
)
def n_duration_frac(m, ctx):
    n = parse_number(low(m["num"]))
    if n is None:
        return None
    return "DURATION", duration_value(n + 0.5, m["unit"])


@rule(
    "duration_vague",
    "DURATION",
    r"\b(?:(?P<q>the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+past\s+several|the\s+last\s+several|the\s+next\s+several|the\s+coming|"
    r"the\s+past|the\s+last|the\s+next|recent|a\s+few|few|several|some|many|a\s+number\s+of|numerous|countless|coming)\s+)?"
    r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries|quarters)(?:[-\u2010]long)?\b",
    example=("The talks lasted for weeks.", "weeks", "PXW"),
)
def n_duration_vague(m, ctx):
    q = low(m["q"])
    unit = low(m["unit"])
    if not q:
        if prev_word(ctx) not in P.BARE_DURATION_AFTER:
            return None
        if re.match(r"\s+(?:of\s+(?:the|a|an|his|her|their|its)\b|that\b|when\b)", ctx.after, re.IGNORECASE):
            return None
    if q in ("recent", "in recent") and unit == "years":
        return "DATE", "PAST_REF"
    return "DURATION", duration_value(None, unit)


@rule(
    "duration_bare",
    "DATE",
    r"\b(?P<the>the|a|an)\s+(?P<unit>full\s+year|fiscal\s+year|calendar\s+year|current\s+(?:fiscal\s+)?year)\b",
    example=("Sales fell over the full year.", "the full year", "2024"),
)
def n_duration_bare(m, ctx):
    if low(m["the"]) in ("a", "an"):
        return "DURATION", "P1Y"
    return "DATE", f"{ctx.dct.year:04d}"


@rule(
    "duration_while",
    "DURATION",
    r"\b(?P<w>a\s+while|some\s+time|a\s+long\s+time|a\s+short\s+time|a\s+long\s+period)\b",
    example=("He waited for a while.", "a while", "PXX"),
)
def n_duration_while(m, ctx):
    return "DURATION", "PXX"
