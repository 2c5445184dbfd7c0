"""Timex rules by family, each declared once with its pattern, normaliser and example (see registry.py).

    absolute.py      calendar names: dates, months, years, decades, centuries, quarters, halves, seasons,
                     holidays (resolved by tense when the year is missing)
    relative.py      deictic and anaphoric: today, weekdays, last week, two years ago, that day, now
    times_of_day.py  clock times, parts of the day, tonight
    durations.py     durations (P2D, PXY) and sets (every Tuesday, weekly)
    resolve.py       what they share: the Context, numbers, and resolving year-less dates

Import order fixes the priority between equal-length overlapping matches.
"""

from services.extraction.timex.rules import absolute, relative, times_of_day, durations  # noqa: F401, I001
from services.extraction.timex.rules.registry import EXAMPLE_DCT, RULES, Rule
from services.extraction.timex.rules.resolve import Context

BY_NAME = {r.name: r for r in RULES}

__all__ = ["BY_NAME", "EXAMPLE_DCT", "RULES", "Context", "Rule"]
