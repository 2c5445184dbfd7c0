"""Calendar names: explicit dates, months, years, decades, centuries, quarters, halves, seasons and holidays.
A missing year is resolved by the direction of the clause (see resolve.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from services.extraction.timex import patterns as P
from services.extraction.timex.calendar import (
    astronomical_year,
    holiday_on,
    interval,
    quarter_of,
    safe_date,
    shift_month,
    shift_value,
    week_value,
    year_value,
)
from services.extraction.timex.rules.registry import rule
from services.extraction.timex.rules.resolve import (
    PAST_CLAUSE_SLACK_DAYS,
    PAST_VERB_SLACK_DAYS,
    day_number,
    low,
    month_number,
    parse_number,
    prev_quarter,
    prev_word,
    resolve_month,
    resolve_month_day,
    weekday_number,
    with_weekday,
    year4,
)
from services.extraction.timex.tense import FUTURE, PAST, UNKNOWN


@rule(
    "iso_date",
    "DATE",
    r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[012]\d):(?P<mi>[0-5]\d)(?::\d\d)?)?\b",
    example=("The filing is dated 2023-11-05.", "2023-11-05", "2023-11-05"),
)
def n_iso_date(m, ctx):
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if not d:
        return None
    if m["h"]:
        return "TIME", f"{d.isoformat()}T{m['h']}:{m['mi']}"
    return "DATE", d.isoformat()


@rule(
    "numeric_date",
    "DATE",
    r"\b(?P<m>[0-3]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})\b",
    example=("The letter was sent on 3/14/2019.", "3/14/2019", "2019-03-14"),
)
def n_numeric_date(m, ctx):
    a, b, year = int(m["m"]), int(m["d"]), year4(m["y"])
    month, day = _numeric_order(a, b, ctx)
    d = safe_date(year, month, day)
    if a <= 12 and b <= 12 and a != b and not _near(d, ctx.dct):
        # "11/09/2010" on a page published 2010-09-11: the order that gives the publication day (a page's stamp)
        other = safe_date(year, day, month)
        if _near(other, ctx.dct):
            d = other
    return ("DATE", d.isoformat()) if d else None


@rule(
    "dotted_date",
    "DATE",
    r"(?<![\d.])(?:(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:1[89]|20)\d\d)"
    r"|(?P<y2>(?:1[89]|20)\d\d)\.(?P<m2>[01]\d)\.(?P<d2>[0-3]\d))(?![.\d])(?!\s*(?:%|percent\b))",
    example=("The decree was signed on 08.07.2012 in Berlin.", "08.07.2012", "2012-07-08"),
)
def n_dotted_date(m, ctx):
    """A date with dots: day first as the countries that write them so ("08.07.2012" is 8 July), or the
    year first ("2012.07.08")."""
    if prev_word(ctx) in P.VERSION_WORDS:
        return None  # "version 1.2.2012"
    if m["y2"]:
        d = safe_date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
    else:
        d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return ("DATE", d.isoformat()) if d else None


def _near(d, dct) -> bool:
    return d is not None and abs((d - dct).days) <= 1


def _numeric_order(a: int, b: int, ctx) -> tuple[int, int]:
    """(month, day) of a numeric date "a/b": the order the numbers allow, else the text's (day_first)."""
    if a > 12 or (ctx.day_first and b <= 12):
        return b, a
    return a, b


@rule(
    "bare_day",
    "DATE",
    P.BARE_DAY,
    example=("The exam is on 7/14, a Sunday.", "7/14", "2024-07-14"),
    narrative=lambda m: True,
)
def n_bare_day(m, ctx):
    """A day without its year after a preposition: numeric ("exam on 3/14", "till 25/12") resolved like
    "March 14"; a day of the month alone ("see you on the 20th") in the month of the publication (or of the
    passage), by the tense as a weekday would be."""
    if m["ordinal"]:
        return _day_of_month(int(m["ordinal"]), ctx)
    month, day = _numeric_order(int(m["a"]), int(m["b"]), ctx)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    d = resolve_month_day(month, day, ctx.dct, ctx.direction)
    return ("DATE", d.isoformat()) if d else None


def _day_of_month(day: int, ctx) -> tuple[str, str] | None:
    dct = ctx.dct
    candidates = [d for k in (-1, 0, 1) if (d := safe_date(*shift_month(dct.year, dct.month, k), day))]
    if ctx.direction == PAST:
        pick = max((d for d in candidates if d <= dct), default=None)
    elif ctx.direction == FUTURE:
        pick = min((d for d in candidates if d >= dct), default=None)
    else:  # "the party is on the 22nd": the publication's month, as HeidelTime reads a month-less day
        pick = safe_date(dct.year, dct.month, day) or min(candidates, key=lambda d: abs((d - dct).days), default=None)
    return ("DATE", pick.isoformat()) if pick else None


@rule(
    "month_day",
    "DATE",
    rf"\b(?:(?P<wd>{P.WEEKDAY}|{P.SHORT_WEEKDAY})\s*,?\s+)?(?:{P.EDGE})?(?P<month>{P.MONTH})\s+(?P<day>{P.DAYNUM})\b"
    rf"(?:\s*,?\s*(?P<year>{P.YEAR_AFTER_MONTH})\b)?",
    example=("The law took effect on June 3.", "June 3", "2024-06-03"),
    narrative=lambda m: not m["year"],
)
def n_month_day(m, ctx):
    return _month_day_value(month_number(m["month"]), day_number(m["day"]), m["year"], m["wd"], ctx)


def _tells_forward(ctx) -> bool:
    """Whether the expression resolves around a narrative's day, week or month, where the forward-leaning year
    holds ("in March 1917 ... by October"); around a year (anchored at its middle) any month is of that year."""
    return ctx.anchor_granularity in ("day", "week", "month")


def _month_day_value(month: int, day: int, year: str | None, weekday: str | None, ctx) -> tuple[str, str] | None:
    """The day of a month and day, with its year, its weekday ("Friday, June 7") or else by the tense."""
    if day < 1 or day > 31:
        return None
    if year:
        d = safe_date(int(year), month, day)
    elif weekday:
        d = with_weekday(month, day, weekday_number(weekday), ctx)
    else:
        slack = PAST_VERB_SLACK_DAYS if ctx.past_verb_time else PAST_CLAUSE_SLACK_DAYS
        d = resolve_month_day(month, day, ctx.dct, ctx.direction, slack, _tells_forward(ctx))
    return ("DATE", d.isoformat()) if d else None


@rule(
    "day_month",
    "DATE",
    rf"\b(?:(?P<wd>{P.WEEKDAY}|{P.SHORT_WEEKDAY})\s*,?\s+)?(?:the\s+)?(?P<day>{P.DAYNUM})\s+(?:of\s+)?(?P<month>{P.MONTH})(?!\w)"
    rf"(?:\s*,?\s*(?P<year>{P.YEAR_AFTER_MONTH})\b)?",
    example=("He was born on 12 March 1961.", "12 March 1961", "1961-03-12"),
    narrative=lambda m: not m["year"],
)
def n_day_month(m, ctx):
    return n_month_day(m, ctx)


@rule(
    "ordinal_word_day",
    "DATE",
    # either "the fifth of November" or "November (the) fifth": the conditional group asks for the ordinal
    # after the month when none came before it
    rf"\b(?:(?:the\s+)?(?P<ord>{P.DAY_ORDINAL})\s+of\s+)?(?P<month>{P.MONTH})"
    rf"(?(ord)(?!\w)|\s+(?:the\s+)?(?P<ord_after>{P.DAY_ORDINAL})(?![-\w]))"
    rf"(?:\s*,?\s*(?P<year>{P.YEAR_AFTER_MONTH})\b)?",
    example=("The plot was foiled on the fifth of November 1605.", "the fifth of November 1605", "1605-11-05"),
    narrative=lambda m: not m["year"],
    parse_ok=lambda m, doc, tok: not (m["ord_after"] and _ordinal_before_its_noun(m, doc)),
)
def n_ordinal_word_day(m, ctx):
    """A day of the month in words: "the fifth of November", "June twenty-first", "July the first"."""
    day = P.DAY_ORDINALS[re.sub(r"[\s\u2010]+", "-", low(m["ord"] or m["ord_after"]))]
    return _month_day_value(month_number(m["month"]), day, m["year"], None, ctx)


def _ordinal_before_its_noun(m, doc) -> bool:
    """'In May second place went to Leeds': the ordinal modifies the noun after it, it is no day."""
    span = doc.char_span(m.start("ord_after"), m.end("ord_after"), alignment_mode="expand")
    last = span[-1] if span is not None and len(span) else None
    return last is not None and last.i + 1 < len(doc) and doc[last.i + 1].pos_ in ("NOUN", "PROPN", "ADJ")


@rule(
    "month_year",
    "DATE",
    rf"\b(?:{P.EDGE})?(?P<month>{P.MONTH})\s*(?:,|of)?\s+(?P<year>{P.YEAR_AFTER_MONTH})\b",
    example=("Elections were held in May 2019.", "May 2019", "2019-05"),
)
def n_month_year(m, ctx):
    return "DATE", f"{int(m['year']):04d}-{month_number(m['month']):02d}"


@rule(
    "month_rel_year",
    "DATE",
    rf"\b(?:{P.EDGE}|(?P<day>{P.DAYNUM})\s+(?:of\s+)?)?(?P<month>{P.MONTH})\s+(?:(?P<day2>{P.DAYNUM})\s+)?"
    rf"(?:of\s+)?(?P<rel>last|this|next|{P.ANAPHORIC_YEAR})\s+year\b",
    example=("The plant closed in October of last year.", "October of last year", "2023-10"),
)
def n_month_rel_year(m, ctx):
    """"October of last year" -> 2023-10; "3 March of that year", "May 9 of the following year": a day."""
    rel = low(m["rel"])
    if rel in P.REL_YEAR:
        y = ctx.dct.year + P.REL_YEAR[rel]
    elif ctx.ref and ctx.ref[:4].isdigit():  # "May of the following year": counted from the reference time
        y = int(ctx.ref[:4]) + P.ANAPHORIC_YEAR_SHIFT.get(rel, 0)
    else:
        return None
    value = f"{y:04d}-{month_number(m['month']):02d}"
    if day := m["day"] or m["day2"]:
        if not safe_date(y, month_number(m["month"]), day_number(day)):
            return None
        value += f"-{day_number(day):02d}"
    return "DATE", value


@rule(
    "month",
    "DATE",
    rf"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+coming|early|late|mid|earlier\s+in|later\s+in|{P.ANAPHORIC_SEASON})[-\s]+)?(?:the\s+(?:end|beginning|start|middle)\s+of\s+)?(?P<month>{P.MONTH})(?!\w)(?!\s*\d)",
    example=("The treaty was signed in March.", "March", "2024-03"),
    title_sensitive=True,
    narrative=lambda m: not m["rel"] or low(m["rel"]) in ("early", "late", "mid", "earlier in", "later in"),
)
def n_month(m, ctx):
    mo = m["month"]
    short = len(mo.rstrip(".")) <= 4 and not mo.endswith(".") and mo.lower() not in ("may", "june", "july")
    if short and not (_lowercase_abbreviation_ends(mo, ctx) or _lowercase_abbreviation_after_edge(m, ctx)):
        return None  # a bare "Mar", "Jan" without its period is too often something else
    month = month_number(m["month"])
    rel = low(m["rel"])
    if rel and re.fullmatch(P.ANAPHORIC_SEASON, rel):
        return _month_around_ref(month, rel, ctx)
    if rel == "last" or rel == "this past":
        y = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "this coming", "the coming"):
        y = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        y = ctx.dct.year
    else:
        y = resolve_month(month, ctx.dct, ctx.direction, _tells_forward(ctx))
    return "DATE", f"{y:04d}-{month:02d}"


def _lowercase_abbreviation_ends(mo: str, ctx) -> bool:
    """ "back in oct", "since nov.": a lower-case abbreviation after a preposition of months, ending its phrase
    (not "to mar the day", "Jan's car")."""
    if not mo.islower() or low(mo) == "mar" or prev_word(ctx) not in P.LOWERCASE_AMBIGUOUS_MONTH_AFTER:
        return False
    if low(mo) in P.LOWERCASE_UNAMBIGUOUS_MONTH_ABBREVIATIONS:
        return True  # "the firmware from sept broke it"
    return P.LOWERCASE_MONTH_ENDS.match(ctx.after) is not None


def _lowercase_abbreviation_after_edge(m, ctx) -> bool:
    """ "at the end of jan of course": a lower-case abbreviation after "the end of" is the month (not "jan's")."""
    return (m["month"].islower() and low(m["month"]) != "mar" and m.group(0).lower().startswith("the ")
            and not re.match(r"['\u2019]s\b", ctx.after))


def _month_around_ref(month: int, rel: str, ctx) -> tuple[str, str] | None:
    """'that December', 'the following March', 'the previous June': relative to the reference time."""
    if ctx.ref and (bc := re.match(r"BC\d{4}(?:-(\d\d))?", ctx.ref)):  # "480 BC ... That August"
        y, ref_month = astronomical_year(ctx.ref), int(bc[1] or 0)
        if rel in ("the following", "the next"):
            y += 1 if ref_month and month <= ref_month else 0
        elif rel == "the previous":
            y -= 1 if not ref_month or month >= ref_month else 0
        return "DATE", f"{year_value(y)}-{month:02d}"
    ref = interval(ctx.ref) if ctx.ref and ctx.ref[:1].isdigit() else None
    if ref is None:
        return None
    y = ref.start.year
    if rel in ("the following", "the next"):
        y += 1 if month <= ref.end.month else 0
    elif rel == "the previous":
        y -= 1 if month >= ref.start.month else 0
    return "DATE", f"{y:04d}-{month:02d}"


def _after_name(doc, tok) -> bool:
    """A year right after a proper name is part of it: "Orion 1980", "Windows 2000"."""
    if tok is None or tok.i == 0:
        return False
    prev = doc[tok.i - 1]
    return (
        prev.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and prev.lower_.rstrip(".") not in P.MONTHS
        and prev.lower_ not in P.SEASONS
        and not prev.is_sent_start
        and prev.ent_type_ not in ("DATE", "EVENT")
    )


@rule(
    "year",
    "DATE",
    rf"\b(?:(?P<edge>{P.EDGE})|(?P<fiscal>fiscal\s+(?:year\s+)?|FY\s?|calendar\s+(?:year\s+)?|the\s+year\s+))?(?P<year>{P.YEAR4})(?![\d%])",
    example=("The record was set in 2000.", "2000", "2000"),
    parse_ok=lambda m, doc, tok: m["edge"] or m["fiscal"] or not _after_name(doc, tok),
)
def n_year(m, ctx):
    y = int(m["year"])
    if not m["fiscal"] and not m["edge"]:
        prev = prev_word(ctx)
        if prev in P.NOT_YEAR_AFTER or ctx.before.endswith("$"):
            return None
        if re.match(
            r"\s*(?:%|percent|per\s*cent|[-\u2013]\s*(?:ton|pound|foot|feet|meter|metre|mile))",
            ctx.after,
            re.IGNORECASE,
        ):
            return None
    return "DATE", f"{y:04d}"


def _no_noun_after(m, doc, tok) -> bool:
    """A year before 1600 has no noun after it: "a charter of 1243 granted" (a verb), not "in 1200 cases"."""
    after = re.match(r"\s+(?-i:[a-z])", m.string[m.end() :])
    if after is None or re.match(rf"\s+{P.EARLY_YEAR_FOLLOWERS}\b", m.string[m.end() :], re.IGNORECASE):
        return True
    nxt = doc.char_span(m.end() + len(after[0]) - 1, m.end() + len(after[0]), alignment_mode="expand")
    return nxt is not None and len(nxt) > 0 and nxt[0].pos_ in ("VERB", "AUX", "ADV")


@rule(
    "early_year",
    "DATE",
    rf"\b{P.EARLY_YEAR_PREPOSITION}\s+(?P<span>(?P<year>{P.EARLY_YEAR4}))(?![\d%])",
    example=("William landed in 1066 and took the crown.", "1066", "1066"),
    parse_ok=_no_noun_after,
)
def n_early_year(m, ctx):
    """A year before 1600 needs a preposition and no noun after it: "in 1066" (not "in 1200 cases")."""
    return "DATE", f"{int(m['year']):04d}"


# a range of years before 1600 ("(1340\u20131396)", "from 1120 to 1189", "between 1340 and 1349"): the year
# without a preposition of its own is a year too; neither may have a noun after it ("from 1200 to 1500 dollars")
_EARLY_RANGE_LINK = r"\s*(?:[-\u2013\u2014]|to|and|until|till)\s*(?:c\.\s*|circa\s+)?"
_NO_NOUN_AFTER = rf"(?![\d%])(?!\s+(?!{P.EARLY_YEAR_FOLLOWERS}\b)(?-i:[a-z]))"
_EARLY_RANGE_OPEN = r"(?:\(|\b(?:in|since|of|circa|c\.|around|about|from|between)\s+)(?:c\.\s*|circa\s+)?"


@rule(
    "early_year_range_start",
    "DATE",
    rf"(?:\(|\bbetween\s+)(?:c\.\s*|circa\s+)?(?P<span>(?P<year>{P.EARLY_YEAR4}))"
    rf"(?={_EARLY_RANGE_LINK}{P.EARLY_YEAR4}{_NO_NOUN_AFTER})",
    example=("The bishop (1340\u20131396) rebuilt the nave.", "1340", "1340"),
)
def n_early_year_range_start(m, ctx):
    """The first year of a range before 1600 in parentheses or after "between": "(1340\u20131396)"."""
    return n_early_year(m, ctx)


@rule(
    "early_year_range_end",
    "DATE",
    rf"{_EARLY_RANGE_OPEN}{P.EARLY_YEAR4}{_EARLY_RANGE_LINK}(?P<span>(?P<year>{P.EARLY_YEAR4})){_NO_NOUN_AFTER}",
    example=("The tower stood from 1120 to 1189.", "1189", "1189"),
)
def n_early_year_range_end(m, ctx):
    """The last year of a range before 1600: "(c. 1120 \u2013 1189)", "from 1120 to 1189"."""
    return n_early_year(m, ctx)


def _not_a_province(m, doc, tok) -> bool:
    """'in 2010 BC Hydro raised rates', 'the 2009 B.C. election': British Columbia, not an era. A year
    that could be a modern one takes "BC" only before punctuation or a function word ("by 2000 BC, the")."""
    if not m["before"] or int(m["year"]) < 1900:
        return True
    return bool(re.match(rf"\s*(?:[.,;:)]|$|(?:{P.EARLY_YEAR_FOLLOWERS})\b)", m.string[m.end() :]))


@rule(
    "era_date",
    "DATE",
    P.ERA_DATE,
    example=("Hannibal won at Cannae on 2 August 216 BC.", "2 August 216 BC", "BC0216-08-02"),
    parse_ok=_not_a_province,
)
def n_era_date(m, ctx):
    """Years of an era: BC years as TIMEX3 writes them (BC0216), AD years as plain years (0800)."""
    y = int(m["year"] or m["ad"])
    if y < 1:
        return None
    value = f"BC{y:04d}" if m["before"] else f"{y:04d}"
    if m["month"]:
        value += f"-{month_number(m['month']):02d}"
        if day := m["day"] or m["day2"]:
            if not 1 <= day_number(day) <= 31:
                return None
            value += f"-{day_number(day):02d}"
    return "DATE", value


@rule(
    "year_words",
    "DATE",
    r"\b(?:the\s+year\s+)?(?P<yw>nineteen[-\s]+(?:\w+(?:[-\s]\w+)?)|two\s+thousand(?:(?:\s+and)?\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?))?)\b",
    example=("It was built in nineteen ninety-eight.", "nineteen ninety-eight", "1998"),
)
def n_year_words(m, ctx):
    w = low(m["yw"]).replace("-", " ")
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


@rule(
    "elliptic_decade",
    "DATE",
    r"\b(?P<century>1[0-9]|20)\d0['\u2019]?s\s*(?:,|and|or|to|through|into|[-\u2013\u2014])\s*(?:the\s+)?"
    r"(?P<span>(?:(?:early|late|mid)[-\s]+)?['\u2019]?(?P<dec>\d0)['\u2019]?s)\b",
    example=("Rents doubled in the 1960s and 70s.", "70s", "197"),
)
def n_elliptic_decade(m, ctx):
    """A decade by its tens after one written in full: "the 1960s and 70s", "the 1880s and '90s" (the 1890s),
    "the 1990s-2000s" take the century of the first."""
    century, first_tens, tens = int(m["century"]), int(m.group(0)[2]), int(m["dec"][0])
    if tens < first_tens:
        century += 1  # "the 1990s and 2000s" written "the 1990s and 00s"
    return "DATE", f"{century:02d}{tens}"


@rule(
    "decade",
    "DATE",
    # (?<!...) rather than \b: "'50s" after a space has no word boundary before its apostrophe
    r"(?<![\w'\u2019])(?:the\s+)?(?:(?P<edge>early|late|mid|middle)[-\s]+)?(?P<dec>(?:1[6-9]|20)\d0|1[0-5][1-9]0|'\d0|\u2019\d0)'?s\b",
    example=("Growth was slow in the 1990s.", "the 1990s", "199"),
    # before 1600 a decade only with a tens digit: "the 1180s" (the 1500s is a century's worth)
)
def n_decade(m, ctx):
    d = m["dec"].lstrip("'\u2019")
    if len(d) == 2:
        y = 1900 + int(d) if int(d) > 20 else 2000 + int(d)
    else:
        y = int(d)
    return "DATE", f"{y // 10:03d}"


def _not_a_temperature(m, doc, tok) -> bool:
    """ "the 80s" after "highs in" is a temperature, not a decade."""
    before = m.string[max(0, m.start() - 30) : m.start()].lower()
    return not re.search(rf"\b{P.TEMPERATURE_WORD}\b", before) and not re.match(r"\s*(?:°|degrees)", m.string[m.end() :])


@rule(
    "two_digit_decade",
    "DATE",
    r"\b(?:the\s+(?:(?P<edge>early|late|mid|middle)[-\s]+)?|(?P<edge2>early|late|mid)[-\s]+)(?P<dec>[2-9]0)s\b",
    example=("Everyone had a pager in the late 90s.", "the late 90s", "199"),
    parse_ok=_not_a_temperature,
)
def n_two_digit_decade(m, ctx):
    """A decade by its tens without apostrophe or century ("the 80s", "late 90s"): of the 1900s. Not an age
    ("in her late 20s")."""
    if m["edge2"] and prev_word(ctx) in P.AGE_POSSESSIVES:
        return None
    return "DATE", f"19{m['dec'][0]}"


@rule(
    "decade_word",
    "DATE",
    r"\b(?:the\s+)?(?:(?P<edge>early|late|mid)[-\s]+)?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    example=("The band was famous in the sixties.", "the sixties", "196"),
)
def n_decade_word(m, ctx):
    return "DATE", f"19{P.DECADE_WORDS[low(m['dw'])]}"


@rule(
    "century",
    "DATE",
    rf"\b(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?P<ord>{P.ORD}|\d{{1,2}}(?:st|nd|rd|th))[-\s]+century"
    rf"(?:\s+(?P<before>{P.ERA_BEFORE})(?!\w)|\b)",
    example=("It was the bloodiest war of the 20th century.", "the 20th century", "19"),
)
def n_century(m, ctx):
    """"the 20th century" -> 19 (its hundreds); "the 5th century BC" -> BC04 (499-400 BC)."""
    o = low(m["ord"])
    n = P.ORDINALS.get(o) or (int(re.match(r"\d+", o).group()) if re.match(r"\d+", o) else None)
    if not n or n < 1:
        return None
    return "DATE", f"{'BC' if m['before'] else ''}{n - 1:02d}"


@rule(
    "this_century",
    "DATE",
    r"\b(?P<rel>this|last|next|the\s+(?:last|previous|past|next|current))\s+century\b",
    example=("It is the worst drought this century.", "this century", "20"),
)
def n_this_century(m, ctx):
    rel = low(m["rel"])
    c = ctx.dct.year // 100
    if rel in ("last", "the previous", "the last", "the past") and "the" not in rel:
        c -= 1
    if rel in ("the past", "the last"):
        return "DURATION", "P100Y"
    if rel in ("next", "the next"):
        return ("DURATION", "P100Y") if "the" in rel else ("DATE", f"{c + 1:02d}")
    return "DATE", f"{c:02d}"


@rule(
    "quarter",
    "DATE",
    rf"\b(?:(?P<det>the|this|last|next|its|their)\s+)?(?:(?P<ryear>last|this|next)\s+year(?:'s|\u2019s)\s+)?(?:comparable\s+|corresponding\s+)?(?:(?P<ago>year[-\s]?(?:ago|earlier))\s+)?(?:(?P<yr1>{P.YEAR4})\s+)?(?:fiscal\s+|calendar\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
    rf"[-\s]+(?:fiscal[-\s]+)?quarter(?![-\s]+(?:of\s+(?:a|an|the)\s+(?:century|mile|point|percent|hour)))"
    rf"(?:\s+of\s+(?:(?P<yr2>{P.YEAR4})|(?:fiscal\s+)?(?P<rel>this|last|next)\s+year|the\s+year|(?:fiscal\s+)?(?P<yr3>{P.YEAR4})))?\b",
    example=("Sales rose in the first quarter of 2023.", "the first quarter of 2023", "2023-Q1"),
)
def n_quarter(m, ctx):
    q = P.QUARTER_WORDS[low(m["q"])]
    det = low(m["det"])
    if det == "a":
        return None
    year = m["yr1"] or m["yr2"] or m["yr3"]
    if year:
        return "DATE", f"{int(year):04d}-Q{q}"
    if m["ryear"]:
        y = ctx.dct.year + P.REL_YEAR[low(m["ryear"])]
        return "DATE", f"{y:04d}-Q{q}"
    if m["ago"]:
        base = int(ctx.ref[:4]) if ctx.ref and re.fullmatch(r"\d{4}-Q\d", ctx.ref) else ctx.dct.year
        return "DATE", f"{base - 1:04d}-Q{q}"
    rel = low(m["rel"])
    if rel:
        y = ctx.dct.year + P.REL_YEAR[rel]
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


def _quarter_ended(after: str, ctx) -> str | None:
    """'the quarter ended Sept. 30' -> the quarter that date closes."""
    m = re.match(
        rf"\s*,?\s+(?:that\s+|which\s+)?(?:ended|ending|ends|to)\s+(?P<month>{P.MONTH})\s+(?P<day>{P.DAYNUM})(?:\s*,?\s*(?P<year>{P.YEAR4}))?",
        after,
        re.IGNORECASE,
    )
    if not m:
        return None
    month, day = month_number(m["month"]), day_number(m["day"])
    if m["year"]:
        d = safe_date(int(m["year"]), month, day)
    else:
        d = resolve_month_day(month, day, ctx.dct, PAST)
    if d is None:
        return None
    mid = d - timedelta(days=45)
    return f"{mid.year:04d}-Q{quarter_of(mid)}"


@rule(
    "q_quarter",
    "DATE",
    rf"(?-i:\b[Qq](?P<q>[1-4]))\b(?:\s*(?P<year>{P.YEAR4})\b|\s*['\u2019](?P<yy>\d\d)\b)?",
    example=("Profits fell in Q2 2023 and recovered later.", "Q2 2023", "2023-Q2"),
)
def n_q_quarter(m, ctx):
    """A quarter as business and forum posts write it: "in Q3", "by q4", "Q2 2023", "Q1 '24"; without a year, that
    of the publication (the past one in a clause about the past when the quarter is still to come)."""
    q = int(m["q"])
    if not (m["year"] or m["yy"]) and prev_word(ctx) not in P.QUARTER_CODE_AFTER:
        return None  # "the answer to q2", "Q3: what next?" are questions, not quarters
    if m["year"] or m["yy"]:
        y = int(m["year"]) if m["year"] else _two_digit_year(int(m["yy"]), ctx.dct)
    else:
        y = ctx.dct.year - (1 if q > quarter_of(ctx.dct) and ctx.direction == PAST else 0)
    return "DATE", f"{y:04d}-Q{q}"


def _two_digit_year(yy: int, dct) -> int:
    """'19 -> 2019 up to a decade after the publication's year, else of the 1900s ('98 -> 1998)."""
    return 2000 + yy if 2000 + yy <= dct.year + 10 else 1900 + yy


@rule(
    "apostrophe_year",
    "DATE",
    rf"\b(?:{P.EARLY_YEAR_PREPOSITION})\s+(?P<span>['\u2019](?P<yy>\d\d))(?![\w'\u2019])",
    example=("we bought the house back in '19 and love it", "'19", "2019"),
)
def n_apostrophe_year(m, ctx):
    """A year by its last two digits after a preposition: "back in '19", "since '08", "the class of '99"."""
    return "DATE", f"{_two_digit_year(int(m['yy']), ctx.dct):04d}"


@rule(
    "two_quarters",
    "DATE",
    rf"\bthe\s+(?P<w>first|last|second)\s+two\s+quarters(?:\s+of\s+(?P<year>{P.YEAR4}))?\b",
    example=("Output fell in the first two quarters of 2022.", "the first two quarters of 2022", "2022-H1"),
)
def n_two_quarters(m, ctx):
    y = int(m["year"]) if m["year"] else ctx.dct.year
    return "DATE", f"{y:04d}-H{1 if low(m['w']) == 'first' else 2}"


@rule(
    "quarter_ref",
    "DATE",
    r"\b(?P<det>the|this|last|next|the\s+latest|the\s+current|the\s+latest\s+fiscal|the\s+most\s+recent|the\s+(?:comparable\s+|corresponding\s+)?year[-\s]?(?:ago|earlier)|the\s+previous|the\s+same|(?:last|this|next)\s+year(?:'s|\u2019s))\s+(?:fiscal\s+)?(?:quarter|period)\b",
    example=("Profit doubled in the latest quarter.", "the latest quarter", "2024-Q1"),
    anchors=lambda m: "year" not in m.group(0).lower(),  # "last year's quarter" does not
)
def n_quarter_ref(m, ctx):
    det = low(m["det"])
    word = low(m.group(0)).split()[-1]
    cur = f"{ctx.dct.year:04d}-Q{quarter_of(ctx.dct)}"
    last = prev_quarter(ctx.dct)
    ref_q = ctx.ref if ctx.ref and re.fullmatch(r"\d{4}-Q\d", ctx.ref) else None
    if (
        word == "quarter"
        and det in ("the", "this", "the current", "the latest", "the most recent")
        and (ended := _quarter_ended(ctx.after, ctx))
    ):
        return "DATE", ended
    if det.endswith(("year's", "year\u2019s")):
        y = ctx.dct.year + P.REL_YEAR[det.split()[0]]
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


@rule(
    "year_quarter",
    "DATE",
    rf"\bthe\s+(?P<year>{P.YEAR4})\s+(?:fiscal\s+)?(?P<w>quarter|period)\b",
    example=("Results beat the 2022 period.", "the 2022 period", "2022"),
)
def n_year_quarter(m, ctx):
    y = int(m["year"])
    if ctx.ref and (q := re.fullmatch(r"\d{4}-(Q\d)", ctx.ref)):
        return "DATE", f"{y:04d}-{q[1]}"
    if low(m["w"]) == "quarter":
        return "DATE", f"{y:04d}-Q{quarter_of(ctx.dct) - 1 or 4}"
    return "DATE", f"{y:04d}"


@rule(
    "half",
    "DATE",
    rf"\b(?:the\s+)?(?P<h>first|second|latter|last|1st|2nd)[-\s]+half(?:\s+of\s+(?:(?P<year>{P.YEAR4})|(?P<rel>this|last|next)\s+year|the\s+year))?\b",
    example=("Output fell in the first half of 2021.", "the first half of 2021", "2021-H1"),
)
def n_half(m, ctx):
    if not _a_half_of_the_year(m, ctx):
        return None
    h = 1 if low(m["h"]) in ("first", "1st") else 2
    if m["year"]:
        y = int(m["year"])
    elif m["rel"]:
        y = ctx.dct.year + P.REL_YEAR[low(m["rel"])]
    else:
        y = ctx.dct.year
        if h == 2 and ctx.dct.month <= 6 and ctx.direction == PAST:
            y -= 1
    return "DATE", f"{y:04d}-H{h}"


def _a_half_of_the_year(m, ctx) -> bool:
    """A half names its year ("the first half of 2021", "of next year", "of the year"), or stands among words of
    money or the economy ("first-half profit", "sales rose 4% in the second half"); else it is a match's half."""
    if m["year"] or m["rel"] or re.search(r"\bof\b", m.group(0), re.IGNORECASE):
        return True
    return P.HALF_YEAR_WORDS.search(f"{ctx.before} {m.group(0)} {ctx.after}") is not None


@rule(
    "season",
    "DATE",
    rf"\b(?:(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+coming|the\s+past|early|late|mid|"
    rf"{P.ANAPHORIC_SEASON}|the|next)[-\s]+)?(?P<season>{P.SEASON})"
    rf"(?:\s+of\s+(?P<bc_year>\d{{1,4}})\s?{P.ERA_BEFORE}(?!\w)|\s+(?:of\s+)?(?P<year>{P.YEAR4})\b"
    rf"|\s+of\s+(?P<early_year>{P.EARLY_YEAR4})\b|\b)",
    example=("They hope to finish by the summer of 2025.", "the summer of 2025", "2025-SU"),
    narrative=lambda m: not (m["year"] or m["early_year"] or m["bc_year"])
    and (not m["rel"] or low(m["rel"]) in ("the", "early", "late", "mid")),
)
def n_season(m, ctx):
    s = P.SEASONS[low(m["season"])]
    rel = low(m["rel"])
    if m["bc_year"] and int(m["bc_year"]) > 0:  # "the summer of 490 BC"
        return "DATE", f"BC{int(m['bc_year']):04d}-{s}"
    if year := m["year"] or m["early_year"]:  # "the winter of 1547"
        return "DATE", f"{int(year):04d}-{s}"
    if not rel and prev_word(ctx) not in P.SEASON_PREPOSITIONS:
        return None  # "prices fall", "a spring in his step"
    if s == "FA" and low(m["season"]) == "fall" and re.match(r"\s+of\s", ctx.after) and not re.match(
        rf"\s+of\s+(?:{P.ANAPHORIC_YEAR}|this|last|next)\s+year\b", ctx.after, re.IGNORECASE
    ):
        return None  # "the fall of France", "the fall of the regime" (not "the fall of that year")
    if s == "FA" and ctx.tells_a_fall and rel in ("", "the"):
        return None  # "a walker fell from the ridge ... rescuers reached him soon after the fall"
    if re.fullmatch(P.ANAPHORIC_SEASON, rel):
        return _season_around_ref(s, rel, ctx)
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


def _season_around_ref(s: str, rel: str, ctx) -> tuple[str, str] | None:
    """'that summer', 'the following spring', 'the previous winter': relative to the reference time."""
    if ctx.ref and (bc := re.match(r"BC\d{4}(?:-(SP|SU|FA|WI))?$", ctx.ref)):
        return "DATE", f"{_season_after_bc(ctx.ref, bc[1], s, rel)}-{s}"
    ref = interval(ctx.ref) if ctx.ref and ctx.ref[:1].isdigit() else None
    if ref is None:
        return None
    y = ref.start.year
    seasons = [iv for year in range(y - 1, y + 3) if (iv := interval(f"{year:04d}-{s}")) is not None]
    if rel in ("the following", "the next"):
        iv = next(x for x in seasons if x.start > ref.end)
    elif rel == "the previous":
        iv = [x for x in seasons if x.end < ref.start][-1]
    else:  # "that autumn", "the same summer": the season of the reference's year
        return "DATE", f"{y:04d}-{s}"
    return "DATE", iv.value


_SEASON_ORDER = ["SP", "SU", "FA", "WI"]


def _season_after_bc(ref: str, ref_season: str | None, s: str, rel: str) -> str:
    """The year (BC0311) of season `s` counted from a reference year BC or a season of one ("312 BC ...
    the following spring" -> BC0311; "the summer of 305 BC ... that winter" -> BC0305)."""
    y = astronomical_year(ref)
    if rel in ("the following", "the next"):
        later = ref_season is not None and _SEASON_ORDER.index(s) > _SEASON_ORDER.index(ref_season)
        y += 0 if later else 1
    elif rel == "the previous":
        earlier = ref_season is not None and _SEASON_ORDER.index(s) < _SEASON_ORDER.index(ref_season)
        y -= 0 if earlier else 1
    return year_value(y)


def holiday_entry(written: str) -> tuple[str, str] | None:
    """(name, rule) of patterns.HOLIDAYS for a holiday as the text writes it ("Mothers Day" -> ("mother's
    day", "05 Sun#2"))."""
    return next(((name, rule) for rx, name, rule in P.HOLIDAY_NAMES if rx.fullmatch(written)), None)


def _holiday_around(rule: str, ctx, rel: str) -> date | None:
    """The occurrence a year-less holiday names: by its modifier ("last Christmas", "this Easter"), else by the
    tense as months are (past: the most recent not after the DCT; future: the next; unknown: the nearest)."""
    dct = ctx.dct
    days = sorted(d for y in range(dct.year - 4, dct.year + 5) if (d := holiday_on(rule, y)))
    latest = max((d for d in days if d <= dct), default=None)
    coming = min((d for d in days if d >= dct), default=None)
    if rel in ("last", "this past"):
        return max((d for d in days if d < dct), default=None)
    if rel in ("next", "this coming"):
        return min((d for d in days if d > dct), default=None)
    if rel == "this" and (this_year := [d for d in days if d.year == dct.year]):
        return this_year[0]
    if ctx.direction == PAST:
        return latest
    if ctx.direction == FUTURE:
        return coming
    candidates = [d for d in (latest, coming) if d is not None]
    return min(candidates, key=lambda d: abs((d - dct).days), default=None)  # a tie keeps the past one


def _holiday_value(d: date, after: str) -> tuple[str, str]:
    """The value of the holiday's day, or of the week, weekend, eve or part of the day the match names."""
    if after == "week":
        return "DATE", week_value(d)
    if after == "weekend":  # a Monday's weekend is the one before it ("Memorial Day weekend")
        return "DATE", week_value(d - timedelta(days=2) if d.isoweekday() <= 2 else d) + "-WE"
    if after == "eve":
        return "DATE", (d - timedelta(days=1)).isoformat()
    if after:
        return "TIME", f"{d.isoformat()}T{P.PARTS_OF_DAY[after]}"
    return "DATE", d.isoformat()


def _not_another_countrys(m, doc, tok) -> bool:
    """'India's Independence Day', 'Canadian Thanksgiving': a day that differs by country is the US one only
    when no other country is named before it."""
    entry = holiday_entry(m["hol"])
    if tok is None or tok.i == 0 or entry is None or entry[0] not in P.COUNTRY_HOLIDAYS:
        return True
    prev = doc[tok.i - 1]
    if prev.tag_ == "POS" and tok.i >= 2:
        prev = doc[tok.i - 2]
    return prev.ent_type_ not in ("GPE", "NORP") or prev.lower_ in P.US_WORDS


@rule(
    "holiday",
    "DATE",
    rf"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?P<hol>{P.HOLIDAY})"
    rf"(?:\s+(?P<after>week|weekend|{P.WEEKEND}|eve|{P.PART}))?"
    rf"(?:\s*,?\s*(?:of\s+)?(?P<year>{P.YEAR4})|\s+(?:of\s+)?(?P<early_year>{P.EARLY_YEAR4})\b|\s+(?P<ryear>last|this|next)\s+year"
    rf"|\s*,\s*(?P<month>{P.MONTH})\s+(?P<day>{P.DAYNUM})\b(?:\s*,?\s*(?P<day_year>{P.YEAR_AFTER_MONTH}))?)?\b",
    example=("They met on Christmas Eve 2019.", "Christmas Eve 2019", "2019-12-24"),
    narrative=lambda m: not (m["year"] or m["early_year"] or m["rel"] or m["ryear"]),
    parse_ok=_not_another_countrys,
)
def n_holiday(m, ctx):
    """A holiday's day: with its year ("Thanksgiving 2015") or its date ("Good Friday, April 14, 1865"), else the
    occurrence the tense or modifier names."""
    if re.match(rf"\s+{P.HOLIDAY_NAME_HEAD}\b", ctx.after, re.IGNORECASE):
        return None  # "the Good Friday Agreement", "Easter Island"
    entry = holiday_entry(m["hol"])
    if entry is None or (entry[0] in P.CAPITALISED_HOLIDAYS and not m["hol"][:1].isupper()):
        return None
    if entry[0] in P.SURNAME_HOLIDAYS and m["hol"].istitle():
        return None  # "Bill Nye"
    if m["month"]:
        return _month_day_value(month_number(m["month"]), day_number(m["day"]), m["day_year"], None, ctx)
    y = _holiday_year(m, ctx)
    d = holiday_on(entry[1], y) if y else _holiday_around(entry[1], ctx, low(m["rel"]))
    return _holiday_value(d, low(m["after"])) if d else None


def _holiday_year(m, ctx) -> int | None:
    """The year a holiday's words give: "Christmas 1914", "Easter next year", "on Christmas night in 1776"."""
    if m["ryear"]:
        return ctx.dct.year + P.REL_YEAR[low(m["ryear"])]
    if m["year"] or m["early_year"]:
        return int(m["year"] or m["early_year"])
    year_after = re.match(rf"\s+in\s+({P.YEAR4})\b", ctx.after)
    return int(year_after.group(1)) if year_after else None


def _d_day_of_the_landings(m, ctx) -> bool:
    """Whether "D-Day" names the Normandy landings: in a sentence that commemorates them ("the anniversary of
    D-Day in 2019"), or else when nothing makes it the decisive day of something else ("D-Day for the euro",
    "their D-Day", "Brexit D-Day") and the sentence is set in no year after the war ("In 2019 D-Day came")."""
    if re.match(rf"(?:'s|\u2019s|\s+(?:{'|'.join(P.D_DAY_GENERIC_AFTER)})\b)", ctx.after, re.IGNORECASE):
        return False
    sentence = _sentence_around(m.string, m.start(), m.end())
    if P.D_DAY_COMMEMORATION.search(sentence):
        return True
    if prev_word(ctx) in P.D_DAY_GENERIC_BEFORE or re.search(r"[a-z,;]\s+[A-Z][\w'\u2019-]*\s+$", ctx.before):
        return False
    return all(int(y) in P.D_DAY_WAR_YEARS for y in re.findall(rf"\b{P.YEAR4}\b", sentence))


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding text[start:end]."""
    first = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[first : min(stops, default=len(text))]


@rule(
    "d_day",
    "DATE",
    r"(?-i:\bD-Day\b)",
    example=("Veterans recalled the landings on D-Day.", "D-Day", "1944-06-06"),
)
def n_d_day(m, ctx):
    return ("DATE", P.D_DAY) if _d_day_of_the_landings(m, ctx) else None


@rule(
    "year_end",
    "DATE",
    r"\b(?P<w>year-end|year\s+end|yearend|month-end|week-end)\b",
    example=("The deal should close by year-end.", "year-end", "2024"),
)
def n_year_end(m, ctx):
    w = low(m["w"])
    if w.startswith("month"):
        return "DATE", f"{ctx.dct.year:04d}-{ctx.dct.month:02d}"
    if w.startswith("week"):
        return None
    y = ctx.dct.year if ctx.direction != PAST or ctx.dct.month == 12 else ctx.dct.year - 1
    if ctx.direction == UNKNOWN:
        y = ctx.dct.year
    return "DATE", f"{y:04d}"


@rule(
    "week_of",
    "DATE",
    rf"\bthe\s+week\s+of\s+(?P<month>{P.MONTH})\s+(?P<day>{P.DAYNUM})\b",
    example=("Trading halted the week of May 6.", "the week of May 6", "2024-W19"),
    narrative=lambda m: True,
)
def n_week_of(m, ctx):
    d = resolve_month_day(month_number(m["month"]), day_number(m["day"]), ctx.dct, ctx.direction)
    return ("DATE", week_value(d)) if d else None
